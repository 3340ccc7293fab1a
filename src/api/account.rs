//! "Test connection": does the endpoint answer, is the key (or the proxy's) accepted, and what
//! is the balance.

use super::body;
use super::client::{post_once, Abort, Endpoint};
use super::error::ClientError;

/// What the connection test found out.
#[derive(Clone, Debug, PartialEq)]
pub enum Connection {
    /// The endpoint answered and the key (or the proxy's) was accepted.
    Ok { balance: Option<f64> },
    /// The endpoint answered but refused the key.
    KeyRefused(String),
    /// The site's login in front of the proxy has expired.
    SignIn(String),
    /// No usable answer.
    Down(String),
}

impl Connection {
    /// What an answer to any real request says about the connection; `None` when it says
    /// nothing (the user cancelled). A refusal of the request itself (a validation error, a
    /// busy queue) still proves Runware answers.
    pub fn from_outcome<T>(outcome: &Result<T, ClientError>) -> Option<Connection> {
        let e = match outcome {
            Ok(_) => return Some(Connection::Ok { balance: None }),
            Err(ClientError::Cancelled) => return None,
            Err(e) => e,
        };
        Some(match e {
            ClientError::SignIn => Connection::SignIn(e.to_string()),
            ClientError::Api { status, .. } if (502..=504).contains(status) => {
                Connection::Down(e.brief())
            }
            ClientError::Api { .. } if e.category() == runware::ErrorCategory::Auth => {
                Connection::KeyRefused(e.to_string())
            }
            ClientError::Api { .. } => Connection::Ok { balance: None },
            ClientError::Network(_) | ClientError::Timeout(_) | ClientError::Unreadable { .. } => {
                Connection::Down(e.brief())
            }
            ClientError::Cancelled => return None,
        })
    }
}

/// Asks `accountManagement` `getDetails`.
pub async fn test_connection(ep: Endpoint) -> Connection {
    let task_uuid = crate::domain::payload::new_task_uuid();
    let outcome = post_once(&ep, &body::account_details(&task_uuid), 15, &Abort::new()).await;
    match (&outcome, Connection::from_outcome(&outcome)) {
        (Ok(env), _) => Connection::Ok {
            balance: env.results_for(&task_uuid).find_map(|r| r.balance),
        },
        // A 401/403 of the account lookup is about the key, whatever its code.
        (
            Err(
                e @ ClientError::Api {
                    status: 401 | 403, ..
                },
            ),
            _,
        ) => Connection::KeyRefused(e.to_string()),
        (Err(e), Some(Connection::Ok { .. }) | None) => Connection::Down(e.to_string()),
        (Err(_), Some(c)) => c,
    }
}
