//! Saved presets: the composer's settings under a name, kept in Web Storage by their own
//! setters.

use crate::browser::storage;
use crate::domain::form::{upsert_preset, Preset};
use leptos::prelude::*;

/// The saved presets, sorted by name.
#[derive(Clone, Copy)]
pub struct Presets(RwSignal<Vec<Preset>>);

/// The browser would not keep the change.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
#[error("The browser refused to save presets (storage full or blocked).")]
pub struct NotSaved;

impl Presets {
    pub fn load() -> Presets {
        Presets(RwSignal::new(storage::load_presets()))
    }

    pub fn list(self) -> ReadSignal<Vec<Preset>> {
        self.0.read_only()
    }

    pub fn find(self, name: &str) -> Option<Preset> {
        self.0
            .with_untracked(|l| l.iter().find(|p| p.name == name).cloned())
    }

    fn store(self, next: Vec<Preset>) -> Result<(), NotSaved> {
        if storage::save_presets(&next) {
            self.0.set(next);
            Ok(())
        } else {
            Err(NotSaved)
        }
    }

    /// Adds or replaces (same name, ignoring case) a preset.
    pub fn save(self, preset: Preset) -> Result<(), NotSaved> {
        let mut next = self.0.get_untracked();
        upsert_preset(&mut next, preset);
        self.store(next)
    }

    pub fn delete(self, name: &str) -> Result<(), NotSaved> {
        let next = self
            .0
            .with_untracked(|l| l.iter().filter(|p| p.name != name).cloned().collect());
        self.store(next)
    }
}

pub fn use_presets() -> Presets {
    expect_context()
}
