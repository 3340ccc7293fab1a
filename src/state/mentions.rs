//! Keeps the prompt's "image N" mentions naming the same images when the tray is reordered
//! or shortened, and says so in one line with Undo.

use super::composer::Composer;
use super::tray::{RefSource, Tray};
use crate::domain::form::FormStoreFields;
use crate::domain::mentions::{describe, rewrite};
use crate::domain::Control;
use leptos::prelude::*;

/// The last renumbering, until undone or dismissed.
#[derive(Clone)]
pub struct Renumbered {
    /// "Mentions renumbered: image 3 is now image 1, …"
    pub said: String,
    prompt: String,
    refs: Vec<RefSource>,
}

/// The context.
#[derive(Clone, Copy)]
pub struct Mentions {
    last: RwSignal<Option<Renumbered>>,
    composer: Composer,
    tray: Tray,
}

impl Mentions {
    pub fn new(composer: Composer, tray: Tray) -> Mentions {
        Mentions {
            last: RwSignal::new(None),
            composer,
            tray,
        }
    }

    pub fn last(self) -> Option<Renumbered> {
        self.last.get()
    }

    /// Runs `change` on the tray (a reorder or a removal), then renumbers the mentions.
    pub fn change_tray(self, change: impl FnOnce(Tray)) {
        let ids = |tray: Tray| -> Vec<u64> {
            tray.items()
                .with_untracked(|r| r.iter().map(|i| i.id).collect())
        };
        let before = ids(self.tray);
        let refs: Vec<RefSource> = self
            .tray
            .items()
            .with_untracked(|r| r.iter().map(|i| i.source.clone()).collect());
        let prompt = self.composer.form_untracked().prompt;
        change(self.tray);
        let (rewritten, changes) = rewrite(&prompt, &before, &ids(self.tray));
        if changes.is_empty() {
            return;
        }
        self.composer
            .edit(Control::Prompt, |f| f.prompt().set(rewritten));
        self.last.set(Some(Renumbered {
            said: describe(&changes),
            prompt,
            refs,
        }));
    }

    /// Puts the prompt and the tray back as they were before the last renumbering.
    pub fn undo(self) {
        if let Some(r) = self.last.get_untracked() {
            self.last.set(None);
            self.composer
                .edit(Control::Prompt, |f| f.prompt().set(r.prompt));
            self.tray.replace(r.refs);
        }
    }

    pub fn dismiss(self) {
        self.last.set(None);
    }
}

pub fn use_mentions() -> Mentions {
    expect_context()
}
