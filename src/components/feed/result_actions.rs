//! What can be done with one result, written once: the tile's toolbar and menu, the viewer's
//! buttons and the viewer's keys all call these, so they cannot drift apart.

use super::items::GalleryItem;
use crate::browser::{copy_js_text, focus_by_id};
use crate::domain::job::download_name;
use crate::jobs::actions::{delete_result_question, remix, toggle_favourite, use_as_reference};
use crate::jobs::edit::{edit_result, OtherReferences};
use crate::jobs::runner::{use_runner, Runner};
use crate::jobs::save::save_image;
use crate::state::overlay::{use_overlay, Overlay};
use crate::state::selection::{use_selection, Selection};
use crate::state::tasks::{use_tasks, Tasks};
use crate::state::tray::{use_tray, Tray};
use leptos::prelude::*;

/// The contexts the actions need, taken once where they can be (in a component, not in an
/// event handler, which runs without an owner).
#[derive(Clone, Copy)]
pub struct ActionContexts {
    runner: Runner,
    tray: Tray,
    overlay: Overlay,
    selection: Selection,
    tasks: Tasks,
}

impl ActionContexts {
    pub fn get() -> ActionContexts {
        ActionContexts {
            runner: use_runner(),
            tray: use_tray(),
            overlay: use_overlay(),
            selection: use_selection(),
            tasks: use_tasks(),
        }
    }
}

/// One result's actions.
#[derive(Clone)]
pub struct ResultActions {
    item: GalleryItem,
    /// The file name a download gets.
    name: String,
    cx: ActionContexts,
}

impl ResultActions {
    /// The actions of `item`, in a component.
    pub fn of(item: &GalleryItem) -> ResultActions {
        ResultActions::with(ActionContexts::get(), item)
    }

    /// The actions of `item` with contexts taken earlier.
    pub fn with(cx: ActionContexts, item: &GalleryItem) -> ResultActions {
        ResultActions {
            name: download_name(&item.prompt(), item.meta.seed, item.meta.format),
            item: item.clone(),
            cx,
        }
    }

    /// Saves the image under its name.
    pub fn download(&self) {
        let (src, name) = (self.item.meta.src.clone(), self.name.clone());
        self.cx
            .tasks
            .spawn(save_image(self.cx.runner.settings, src, name));
    }

    pub fn use_as_reference(&self) {
        use_as_reference(self.cx.tray, self.item.meta.clone(), self.name.clone());
    }

    pub fn toggle_favourite(&self) {
        toggle_favourite(self.cx.runner, self.item.job, self.item.slot);
    }

    /// Whether it is starred (tracked).
    pub fn is_favourite(&self) -> bool {
        let slot = self.item.slot;
        self.item.job.favourites.with(|f| f.contains(&slot))
    }

    /// Whether its job kept references, so "Edit with its references" means something.
    pub fn has_references(&self) -> bool {
        self.item.job.with_info(|i| !i.stored_refs.is_empty())
    }

    /// Puts the image (and, when asked, its job's references) in the composer to edit; the
    /// viewer closes so the prompt can be written.
    pub fn edit(&self, others: OtherReferences) {
        let r = self.cx.runner;
        edit_result(r, self.cx.tray, self.item.job, self.item.slot, others);
        self.cx.overlay.viewer().set(None);
        focus_by_id("prompt");
    }

    /// The job's settings back in the composer.
    pub fn remix(&self) {
        remix(self.cx.runner, self.cx.tray, self.item.job);
        self.cx.overlay.viewer().set(None);
    }

    /// Asks, then deletes.
    pub fn delete(&self) {
        let (job, slot) = (self.item.job, self.item.slot);
        self.cx
            .overlay
            .confirm(delete_result_question(self.cx.runner, job, slot));
    }

    /// Its link, while it has one.
    pub fn link(&self) -> Option<String> {
        self.item.meta.remote_url.clone()
    }

    pub fn copy_link(&self) {
        if let Some(url) = self.link() {
            self.cx.tasks.spawn(async move {
                copy_js_text(&url.as_str().into()).await.ok();
            });
        }
    }

    /// Whether it is picked (tracked).
    pub fn is_selected(&self) -> bool {
        self.cx.selection.contains(&self.item.key)
    }

    pub fn toggle_selected(&self) {
        self.cx.selection.toggle(&self.item.key);
    }

    /// Picks it for comparing (never unpicks).
    pub fn select(&self) {
        if !self.cx.selection.contains(&self.item.key) {
            self.cx.selection.toggle(&self.item.key);
        }
    }

    /// Opens it in the viewer.
    pub fn open(&self) {
        self.cx.overlay.viewer().set(Some(self.item.key.clone()));
    }
}
