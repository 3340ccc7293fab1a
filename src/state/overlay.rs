//! What covers the page: one sheet at a time (settings, payload, shortcuts), the result
//! viewer, the comparison.

use leptos::prelude::*;

/// The side sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Settings,
    Payload,
    Shortcuts,
    Shots,
    Kits,
}

/// A question asked before something is deleted.
#[derive(Clone)]
pub struct Confirmation {
    pub title: &'static str,
    pub message: String,
    /// The button that goes ahead, e.g. "Delete job".
    pub action: &'static str,
    /// What going ahead does. Not an arena value: the menu that asked may be gone by then.
    pub run: std::sync::Arc<dyn Fn() + Send + Sync>,
}

/// The overlays' state.
#[derive(Clone, Copy)]
pub struct Overlay {
    sheet: RwSignal<Option<Sheet>>,
    confirm: RwSignal<Option<Confirmation>>,
    /// The result open in the viewer, by key.
    viewer: RwSignal<Option<String>>,
    comparing: RwSignal<bool>,
}

impl Overlay {
    pub fn new() -> Overlay {
        Overlay {
            sheet: RwSignal::new(None),
            confirm: RwSignal::new(None),
            viewer: RwSignal::new(None),
            comparing: RwSignal::new(false),
        }
    }

    pub fn sheet(self) -> ReadSignal<Option<Sheet>> {
        self.sheet.read_only()
    }

    /// Opens `sheet`, or closes it when it is the one open.
    pub fn toggle(self, sheet: Sheet) {
        self.sheet
            .update(|s| *s = if *s == Some(sheet) { None } else { Some(sheet) });
    }

    pub fn open(self, sheet: Sheet) {
        self.sheet.set(Some(sheet));
    }

    pub fn close_sheet(self) {
        self.sheet.set(None);
    }

    /// Asks before doing `run`.
    pub fn confirm(self, c: Confirmation) {
        self.confirm.set(Some(c));
    }

    pub fn confirmation(self) -> RwSignal<Option<Confirmation>> {
        self.confirm
    }

    pub fn viewer(self) -> RwSignal<Option<String>> {
        self.viewer
    }

    pub fn comparing(self) -> RwSignal<bool> {
        self.comparing
    }

    /// Whether anything covers the page (the page's own shortcuts rest meanwhile).
    pub fn any_open(self) -> bool {
        self.sheet.with(Option::is_some)
            || self.viewer.with(Option::is_some)
            || self.comparing.get()
            || self.confirm.with(Option::is_some)
    }
}

impl Default for Overlay {
    fn default() -> Self {
        Overlay::new()
    }
}

pub fn use_overlay() -> Overlay {
    expect_context()
}
