//! Reference kits: a named set of references (in order, each with a short label such as
//! "face" or "costume") that a series of shots is made with, loaded into the tray in one go.

use super::draft::DraftRefs;
use serde::{Deserialize, Serialize};

/// What a kit keeps besides its files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KitMeta {
    pub name: String,
    /// One per reference, in order; empty when the user gave none.
    pub labels: Vec<String>,
    pub refs: DraftRefs,
}

impl KitMeta {
    /// Moves reference `from` to `to`, its label with it.
    pub fn reorder(&mut self, from: usize, to: usize) {
        let n = self.refs.refs.len();
        if from >= n || to >= n {
            return;
        }
        self.labels.resize(n, String::new());
        let r = self.refs.refs.remove(from);
        self.refs.refs.insert(to, r);
        let l = self.labels.remove(from);
        self.labels.insert(to, l);
    }

    /// Reference `i`'s label, trimmed and at most 40 characters.
    pub fn set_label(&mut self, i: usize, label: &str) {
        let n = self.refs.refs.len();
        if i < n {
            self.labels.resize(n, String::new());
            self.labels[i] = label.trim().chars().take(40).collect();
        }
    }
}

/// A kit's name as typed, or why it cannot be one.
pub fn kit_name(typed: &str, taken: &[String]) -> Result<String, &'static str> {
    let name = typed.trim();
    if name.is_empty() {
        Err("Give the kit a name.")
    } else if name.chars().count() > 60 {
        Err("At most 60 characters.")
    } else if taken.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        Err("A kit already has this name.")
    } else {
        Ok(name.to_owned())
    }
}

/// How a kit goes into the tray.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KitLoad {
    /// The tray becomes the kit.
    Replace,
    /// The kit's references follow the tray's, as many as fit.
    Append,
}

/// How many of a kit's `kit` references a load puts in a tray holding `tray`, at most `max`.
pub fn fits(load: KitLoad, tray: usize, kit: usize, max: usize) -> usize {
    match load {
        KitLoad::Replace => kit.min(max),
        KitLoad::Append => kit.min(max.saturating_sub(tray)),
    }
}

/// The words "@" inserts for reference `position` (0-based): "image 2", or with its label,
/// "image 2 (the costume)", so the prompt names both the place and what it shows.
pub fn mention_words(position: usize, label: Option<&str>) -> String {
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => format!("{} ({l})", super::mentions::label(position)),
        None => super::mentions::label(position),
    }
}
