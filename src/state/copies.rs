//! This visit's knowledge of result images beyond their records: which have neither a stored
//! copy nor a working link (shown once as "no longer on the server", never asked for again),
//! and which copies were already tried.

use leptos::prelude::*;
use std::collections::HashSet;

/// The context, keyed by result key (`components::feed::items::result_key`).
#[derive(Clone, Copy)]
pub struct Copies {
    gone: RwSignal<HashSet<String>>,
    /// Gone images the user chose to keep as a record: no more question on them.
    kept_records: RwSignal<HashSet<String>>,
    tried: StoredValue<HashSet<String>>,
}

impl Copies {
    pub fn new() -> Copies {
        Copies {
            gone: RwSignal::new(HashSet::new()),
            kept_records: RwSignal::new(HashSet::new()),
            tried: StoredValue::new(HashSet::new()),
        }
    }

    pub fn is_gone(self, key: &str) -> bool {
        self.gone.with(|g| g.contains(key))
    }

    pub fn mark_gone(self, key: &str) {
        if !self.gone.with_untracked(|g| g.contains(key)) {
            self.gone.update(|g| {
                g.insert(key.to_owned());
            });
        }
    }

    pub fn is_kept_record(self, key: &str) -> bool {
        self.kept_records.with(|k| k.contains(key))
    }

    pub fn keep_record(self, key: &str) {
        self.kept_records.update(|k| {
            k.insert(key.to_owned());
        });
    }

    /// True the first time it is asked for `key` in this visit: a copy is tried once.
    pub fn first_try(self, key: &str) -> bool {
        self.tried
            .try_update_value(|t| t.insert(key.to_owned()))
            .unwrap_or(false)
    }
}

impl Default for Copies {
    fn default() -> Self {
        Copies::new()
    }
}

pub fn use_copies() -> Copies {
    expect_context()
}
