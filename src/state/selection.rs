//! Results the user has selected (by key, in the order picked): for one ZIP, deleting, using
//! as references, or comparing two.

use leptos::prelude::*;

/// The selection.
#[derive(Clone, Copy)]
pub struct Selection {
    keys: RwSignal<Vec<String>>,
    /// Where a Shift-click range starts.
    anchor: RwSignal<Option<String>>,
}

impl Selection {
    pub fn new() -> Selection {
        Selection {
            keys: RwSignal::new(Vec::new()),
            anchor: RwSignal::new(None),
        }
    }

    pub fn keys(self) -> ReadSignal<Vec<String>> {
        self.keys.read_only()
    }

    pub fn contains(self, key: &str) -> bool {
        self.keys.with(|k| k.iter().any(|x| x == key))
    }

    pub fn is_empty(self) -> bool {
        self.keys.with(Vec::is_empty)
    }

    /// Picks or unpicks one result; it becomes the start of the next range.
    pub fn toggle(self, key: &str) {
        self.keys.update(|k| match k.iter().position(|x| x == key) {
            Some(i) => {
                k.remove(i);
            }
            None => k.push(key.to_owned()),
        });
        self.anchor.set(Some(key.to_owned()));
    }

    /// Adds every result from the anchor to `key`, in `order` (the feed's order).
    pub fn extend_to(self, key: &str, order: &[String]) {
        let anchor = self.anchor.get_untracked();
        let at = |k: &str| order.iter().position(|x| x == k);
        let (Some(a), Some(b)) = (anchor.as_deref().and_then(at), at(key)) else {
            return self.toggle(key);
        };
        let (lo, hi) = (a.min(b), a.max(b));
        self.keys.update(|k| {
            for x in &order[lo..=hi] {
                if !k.contains(x) {
                    k.push(x.clone());
                }
            }
        });
    }

    pub fn set_all(self, keys: Vec<String>) {
        self.anchor.set(keys.first().cloned());
        self.keys.set(keys);
    }

    /// Keeps only keys that still exist (after a delete).
    pub fn retain(self, exists: impl Fn(&str) -> bool) {
        if self.keys.with_untracked(|k| k.iter().any(|x| !exists(x))) {
            self.keys.update(|k| k.retain(|x| exists(x)));
        }
    }

    pub fn clear(self) {
        self.keys.set(Vec::new());
        self.anchor.set(None);
    }
}

impl Default for Selection {
    fn default() -> Self {
        Selection::new()
    }
}

pub fn use_selection() -> Selection {
    expect_context()
}
