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

/// Asks `accountManagement` `getDetails`.
pub async fn test_connection(ep: Endpoint) -> Connection {
    let task_uuid = crate::domain::payload::new_task_uuid();
    match post_once(&ep, &body::account_details(&task_uuid), 15, &Abort::new()).await {
        Ok(env) => Connection::Ok {
            balance: env.results_for(&task_uuid).find_map(|r| r.balance),
        },
        Err(e @ ClientError::SignIn) => Connection::SignIn(e.to_string()),
        Err(
            e @ ClientError::Api {
                status: 401 | 403, ..
            },
        ) => Connection::KeyRefused(e.to_string()),
        Err(e) => Connection::Down(e.to_string()),
    }
}
