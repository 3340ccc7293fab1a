//! How history storage is doing, for the views: read back yet, the problem if any, and the
//! space used. Written only by the history writer.

use leptos::prelude::*;

/// The storage status.
#[derive(Clone, Copy)]
pub struct StorageStatus {
    /// Why history is not being saved (full disk, storage refused), until resolved.
    problem: RwSignal<Option<String>>,
    /// (bytes used, quota) of this site's storage.
    used: RwSignal<Option<(f64, f64)>>,
    /// Stored history has been read back.
    ready: RwSignal<bool>,
}

impl StorageStatus {
    pub fn new() -> StorageStatus {
        StorageStatus {
            problem: RwSignal::new(None),
            used: RwSignal::new(None),
            ready: RwSignal::new(false),
        }
    }

    pub fn problem(self) -> ReadSignal<Option<String>> {
        self.problem.read_only()
    }

    pub fn set_problem(self, problem: Option<String>) {
        self.problem.set(problem);
    }

    pub fn used(self) -> ReadSignal<Option<(f64, f64)>> {
        self.used.read_only()
    }

    pub fn set_used(self, used: (f64, f64)) {
        self.used.set(Some(used));
    }

    pub fn ready(self) -> ReadSignal<bool> {
        self.ready.read_only()
    }

    pub fn set_ready(self) {
        self.ready.set(true);
    }
}

impl Default for StorageStatus {
    fn default() -> Self {
        StorageStatus::new()
    }
}

pub fn use_storage_status() -> StorageStatus {
    expect_context()
}
