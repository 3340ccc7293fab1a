//! Keyboard shortcuts: the page's own ("/" to the prompt, "?" for this list) and the sheet
//! that lists every one.

use super::dialog::{Dialog, Placement};
use crate::browser::focus_by_id;
use crate::state::overlay::{use_overlay, Sheet};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl / ⌘ + Enter", "Generate (from the prompt)"),
    ("/", "Go to the prompt"),
    ("?", "This list"),
    ("Enter", "Open the focused image"),
    ("← →", "Previous and next image in the viewer"),
    ("D", "Download the image in the viewer"),
    ("F", "Favourite it"),
    ("R", "Use it as a reference"),
    ("E", "Edit it: it becomes reference 1 of a new job"),
    ("Z", "Fit or 100% (drag to pan)"),
    ("Ctrl / ⌘ + A", "Select every image in the feed"),
    ("Shift + click", "Select a range of images"),
    ("Esc", "Close the sheet, the viewer or a menu"),
];

/// Listens for "/" and "?" anywhere on the page but in a text field, while nothing covers it.
pub fn page_shortcuts() {
    let overlay = use_overlay();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if overlay.any_open() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.is_content_editable()
            });
        if typing {
            return;
        }
        match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                focus_by_id("prompt");
            }
            "?" => {
                ev.prevent_default();
                overlay.open(Sheet::Shortcuts);
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

/// The sheet that lists the shortcuts.
#[component]
pub fn ShortcutsSheet() -> impl IntoView {
    let overlay = use_overlay();
    view! {
        <Dialog title="Keyboard shortcuts" on_close=Callback::new(move |_| overlay.close_sheet()) placement=Placement::Side>
            <dl class="shortcuts">
                {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> }).collect_view()}
            </dl>
        </Dialog>
    }
}
