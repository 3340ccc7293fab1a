//! What the studio knows about the connection: the last real request's outcome (a job, a
//! poll, an upload or the connection test), shared by the top bar's dot and the settings sheet.

use super::settings::Settings;
use crate::api::account::{test_connection, Connection};
use crate::api::ClientError;
use leptos::prelude::*;

/// The connection test, and what the last answer of any request said.
#[derive(Clone, Copy)]
pub struct ConnectionCheck {
    test: Action<(), Connection>,
    /// The newest outcome of a real request, whatever sent it.
    last: RwSignal<Option<Connection>>,
    /// The balance at the last connection test (jobs do not report it).
    balance: RwSignal<Option<f64>>,
}

impl ConnectionCheck {
    pub fn new(settings: Settings) -> ConnectionCheck {
        let last = RwSignal::new(None);
        let balance = RwSignal::new(None);
        let test = Action::new_local(move |_: &()| async move {
            let found = test_connection(settings.endpoint_now()).await;
            if let Connection::Ok { balance: b } = &found {
                balance.set(*b);
            }
            last.set(Some(found.clone()));
            found
        });
        ConnectionCheck {
            test,
            last,
            balance,
        }
    }

    pub fn run(self) {
        self.test.dispatch(());
    }

    /// The last connection test's own finding (for the settings sheet).
    pub fn result(self) -> Option<Connection> {
        self.test.value().get()
    }

    /// What the last real request said, for the status dot.
    pub fn latest(self) -> Option<Connection> {
        self.last.get()
    }

    pub fn balance(self) -> Option<f64> {
        self.balance.get()
    }

    pub fn pending(self) -> bool {
        self.test.pending().get()
    }

    /// Notes what an answer said about the connection.
    pub fn record<T>(self, outcome: &Result<T, ClientError>) {
        if let Some(found) = Connection::from_outcome(outcome) {
            if self.last.with_untracked(|l| l.as_ref() != Some(&found)) {
                self.last.set(Some(found));
            }
        }
    }
}

pub fn use_connection() -> ConnectionCheck {
    expect_context()
}
