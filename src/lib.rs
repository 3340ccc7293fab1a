//! Kling Studio: compose Kling IMAGE O1 requests, send them through a configurable endpoint,
//! and watch results arrive.

use leptos::prelude::*;

/// The whole app: top bar, composer and gallery.
#[component]
pub fn App() -> impl IntoView {
    let prompt = RwSignal::new(String::new());
    view! {
        <header class="topbar">
            <h1 class="brand">"Kling Studio"</h1>
        </header>
        <main class="layout">
            <section class="composer" aria-label="Composer">
                <label for="prompt">"Prompt"</label>
                <textarea id="prompt" bind:value=prompt rows="6"
                    placeholder="Describe a shot"></textarea>
            </section>
        </main>
    }
}
