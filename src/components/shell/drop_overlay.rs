//! Files dragged over any part of the page: one overlay says where they go, and a drop adds
//! them to the references (with the tray's usual checks) instead of the browser opening them
//! and leaving the studio.

use crate::components::shell::icons::{Glyph, Icon};
use crate::state::tray::use_tray;
use leptos::prelude::*;
use web_sys::DragEvent;

/// Whether a drag carries files (not text or a link being moved inside the page).
fn carries_files(ev: &DragEvent) -> bool {
    ev.data_transfer()
        .map(|d| {
            d.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// The page-wide drop target.
#[component]
pub fn DropOverlay() -> impl IntoView {
    let tray = use_tray();
    // dragenter and dragleave fire for every element crossed: count them, so moving over a
    // child does not hide the overlay.
    let depth = RwSignal::new(0_i32);
    let listeners = [
        window_event_listener(leptos::ev::dragenter, move |ev| {
            if carries_files(&ev) {
                ev.prevent_default();
                depth.update(|d| *d += 1);
            }
        }),
        window_event_listener(leptos::ev::dragleave, move |ev| {
            if carries_files(&ev) {
                depth.update(|d| *d = (*d - 1).max(0));
            }
        }),
        window_event_listener(leptos::ev::dragover, move |ev| {
            // Without this the drop would not fire and the browser would open the file.
            ev.prevent_default();
        }),
        window_event_listener(leptos::ev::drop, move |ev| {
            ev.prevent_default();
            depth.set(0);
            let files = ev
                .data_transfer()
                .and_then(|d| d.files())
                .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
                .unwrap_or_default();
            tray.add_files(files);
        }),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    view! {
        <Show when=move || { depth.get() > 0 }>
            <div class="drop-overlay" role="status">
                <div class="drop-card">
                    <Glyph icon=Icon::AddReference size=32 />
                    <p>"Drop to add as reference"</p>
                    <p class="muted small">{move || {
                        let room = runware::limits::REFERENCES_MAX.saturating_sub(tray.items().with(Vec::len));
                        format!("JPEG, PNG or WEBP · room for {room} more")
                    }}</p>
                </div>
            </div>
        </Show>
    }
}
