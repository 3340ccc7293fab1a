//! Kling Studio: compose Kling IMAGE O1 requests, send them through a configurable endpoint,
//! and watch results arrive.

pub mod api;
pub mod browser;
pub mod components;
pub mod domain;
pub mod history;
pub mod history_io;
pub mod jobs;
pub mod studio;

use components::composer::Composer;
use components::gallery::Gallery;
use components::payload::PayloadPanel;
use components::settings::{connection_check, SettingsPanel};
use components::topbar::TopBar;
use leptos::prelude::*;
use studio::Studio;

/// Bytes of wasm linear memory in use by the app, for the benchmark (`window.wasmBindings`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// The whole app: top bar, composer and gallery, with settings and payload sheets.
#[component]
pub fn App() -> impl IntoView {
    let studio = Studio::new();
    provide_context(studio);
    provide_context(connection_check());
    leptos::task::spawn_local(history::run(studio));
    // The clock that elapsed times read; an interval writes it, not an effect.
    if let Ok(tick) = set_interval_with_handle(
        move || studio.now.set(browser::epoch_ms()),
        std::time::Duration::from_millis(500),
    ) {
        on_cleanup(move || tick.clear());
    }
    let show_settings = RwSignal::new(false);
    let show_payload = RwSignal::new(false);
    view! {
        <TopBar show_settings show_payload />
        <Show when=move || show_settings.get()>
            <SettingsPanel />
        </Show>
        <main class="layout">
            <Composer />
            <Gallery />
        </main>
        <Show when=move || show_payload.get()>
            <PayloadPanel />
        </Show>
    }
}
