//! What can go wrong talking to the endpoint, in words a user reads, and which failures are
//! worth another try.

use thiserror::Error;

/// Whether sending the same request again is safe: a poll is, a task that bills may not be
/// (it may have run already).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idempotency {
    /// Asking again changes nothing (polls, the account lookup).
    Safe,
    /// The request may start billed work; a garbled or timed-out answer is not resent.
    Billed,
}

/// Everything that can go wrong talking to the endpoint.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ClientError {
    #[error("Could not reach the endpoint ({0}).")]
    Network(String),
    #[error("No answer within {0} s (the time-out in Settings). The task may still run on Runware and be billed.")]
    Timeout(u32),
    #[error("{}", api_message(*status, errors))]
    Api {
        status: u16,
        errors: Vec<runware::ApiError>,
        retry_after_ms: Option<u64>,
    },
    #[error("{}", unreadable_message(*status, what))]
    Unreadable { status: u16, what: String },
    /// The site in front of the proxy wants its login again (HTTP basic auth expired).
    #[error("This site asks you to sign in again (the login has expired): reload the page and sign in. Nothing was sent to Runware.")]
    SignIn,
    #[error("Cancelled.")]
    Cancelled,
}

fn api_message(status: u16, errors: &[runware::ApiError]) -> String {
    match errors.first() {
        Some(e) => format!("{} ({status}).", e.message.trim().trim_end_matches('.')),
        // A gateway error with nothing in it comes from the proxy, about what is behind it.
        None if (502..=504).contains(&status) => unreadable_message(status, "nothing"),
        None => format!("The endpoint answered {status} with no explanation."),
    }
}

/// What an answer that is not Runware's JSON most likely means, from what was seen: a
/// gateway error from a proxy means the upstream is down, not that the endpoint is wrong.
fn unreadable_message(status: u16, what: &str) -> String {
    match status {
        502..=504 => format!(
            "The proxy answered {status}: Runware is not answering through it right now."
        ),
        200..=299 => format!("The endpoint answered with {what}, not Runware's JSON."),
        _ => format!(
            "The endpoint answered {status} with {what}, not Runware's JSON. Is the endpoint URL right?"
        ),
    }
}

impl ClientError {
    /// Worth retrying: the same request may succeed later. A garbled 2xx answer to a task that
    /// bills is not retried (the task may have run); polls are safe to repeat.
    pub fn is_transient(&self, repeat: Idempotency) -> bool {
        let idempotent = repeat == Idempotency::Safe;
        match self {
            ClientError::Network(_) => true,
            // A billed task that timed out may be running: sending it again could bill twice.
            ClientError::Timeout(_) => idempotent,
            ClientError::Api { status, .. } => runware::is_transient_status(*status),
            ClientError::Unreadable { status, .. } => {
                runware::is_transient_status(*status) || (idempotent && *status < 300)
            }
            ClientError::SignIn | ClientError::Cancelled => false,
        }
    }

    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            ClientError::Api {
                retry_after_ms: Some(ms),
                ..
            } => Some(std::time::Duration::from_millis(*ms)),
            _ => None,
        }
    }

    /// The first Runware error, for code, message and the parameter it names.
    pub fn first_api_error(&self) -> Option<&runware::ApiError> {
        match self {
            ClientError::Api { errors, .. } => errors.first(),
            _ => None,
        }
    }

    /// A few words for a passing notice: "Runware is busy (503)".
    pub fn brief(&self) -> String {
        match self {
            ClientError::Api { status: 429, .. } => "Slowing down (429)".into(),
            ClientError::Api { status, errors, .. }
                if errors.is_empty() && (502..=504).contains(status) =>
            {
                format!("Runware is not answering through the proxy ({status})")
            }
            ClientError::Api { status, .. } => format!("{} ({status})", self.category().headline()),
            ClientError::Network(_) => "The connection failed".into(),
            ClientError::Timeout(_) => "No answer in time".into(),
            ClientError::Unreadable { status, .. } if (502..=504).contains(status) => {
                format!("Runware is not answering through the proxy ({status})")
            }
            ClientError::Unreadable { status, .. } => format!("An unreadable answer ({status})"),
            ClientError::SignIn => "The site asks you to sign in again".into(),
            ClientError::Cancelled => "Cancelled".into(),
        }
    }

    /// What kind of problem this is, for the headline a user sees.
    pub fn category(&self) -> runware::ErrorCategory {
        match self {
            ClientError::Api { status, errors, .. } => {
                let e = errors.first();
                let param = e.and_then(|e| e.parameters().into_iter().next());
                runware::categorize(
                    e.map_or("", |e| e.code.as_str()),
                    Some(*status),
                    param.as_deref(),
                )
            }
            ClientError::Network(_) | ClientError::Timeout(_) | ClientError::Unreadable { .. } => {
                runware::ErrorCategory::Network
            }
            ClientError::SignIn => runware::ErrorCategory::SiteLogin,
            ClientError::Cancelled => runware::ErrorCategory::Other,
        }
    }
}
