//! The connection test, shared by the settings sheet and the top bar's status dot.

use super::settings::Settings;
use crate::api::account::{test_connection, Connection};
use leptos::prelude::*;

/// The last connection test and the way to run another.
#[derive(Clone, Copy)]
pub struct ConnectionCheck(Action<(), Connection>);

impl ConnectionCheck {
    pub fn new(settings: Settings) -> ConnectionCheck {
        ConnectionCheck(Action::new_local(move |_: &()| {
            test_connection(settings.endpoint_now())
        }))
    }

    pub fn run(self) {
        self.0.dispatch(());
    }

    pub fn result(self) -> Option<Connection> {
        self.0.value().get()
    }

    pub fn pending(self) -> bool {
        self.0.pending().get()
    }
}

pub fn use_connection() -> ConnectionCheck {
    expect_context()
}
