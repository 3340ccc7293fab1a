//! Work that outlives the click that started it (reading files, fetching an image back,
//! downloads) runs under the app's owner: a closing menu or viewer does not cancel it, and
//! the app going away does.

use leptos::prelude::*;
use std::future::Future;

/// Spawns tasks under the app's owner.
#[derive(Clone, Copy)]
pub struct Tasks(StoredValue<Owner>);

impl Tasks {
    /// Tasks of the current owner (call it in the app's own setup).
    pub fn of_current_owner() -> Tasks {
        Tasks(StoredValue::new(Owner::current().unwrap_or_default()))
    }

    /// Runs `task` until it ends or the app goes.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        if let Some(owner) = self.0.try_get_value() {
            owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task));
        }
    }
}

pub fn use_tasks() -> Tasks {
    expect_context()
}
