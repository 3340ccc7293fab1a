//! Presets: the composer's settings (not the prompt, not the references) saved under a name.
//! The summary is always there; saving, applying and deleting (`presets_body`) load on first
//! use.

use crate::components::lazy::{chunks, Lazy};
use crate::state::presets::use_presets;
use leptos::prelude::*;

/// Presets, under a summary of how many are saved; their tools load when first opened.
#[component]
pub fn PresetsPanel() -> impl IntoView {
    let list = use_presets().list();
    // Once opened, the tools stay (and keep what was typed) while the section closes.
    let opened = RwSignal::new(false);
    view! {
        <details class="presets" on:toggle=move |_| opened.set(true)>
            <summary>
                <span class="summary-title">"Presets"</span>
                <span class="summary-set muted">{move || match list.with(Vec::len) {
                    0 => "Save these settings to use them again".to_owned(),
                    1 => "1 saved".to_owned(),
                    n => format!("{n} saved"),
                }}</span>
            </summary>
            <Show when=move || opened.get()>
                <Lazy load=chunks::presets />
            </Show>
        </details>
    }
}
