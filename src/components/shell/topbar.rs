//! The slim bar: name, endpoint status, session spend, settings and payload toggles.

use super::settings::ConnectionCheck;
use crate::domain::job::money;
use crate::jobs::Connection;
use crate::studio::use_studio;
use leptos::prelude::*;

/// The top bar.
#[component]
pub fn TopBar(
    /// Whether the settings sheet is open.
    show_settings: RwSignal<bool>,
    /// Whether the payload sheet is open.
    show_payload: RwSignal<bool>,
) -> impl IntoView {
    let s = use_studio();
    let check = expect_context::<ConnectionCheck>().0;
    let status = move || match check.value().get() {
        None => ("unknown", "Endpoint not tested yet"),
        Some(Connection::Ok { .. }) => ("ok", "Endpoint reachable, key accepted"),
        Some(Connection::KeyRefused(_)) => ("warn", "Endpoint reachable, key refused"),
        Some(Connection::Down(_)) => ("bad", "Endpoint failing"),
    };
    view! {
        <header class="topbar">
            <h1 class="brand">"Kling Studio"</h1>
            <span class="model muted">"Kling IMAGE O1"</span>
            <span class="spacer"></span>
            <span class=move || format!("dot {}", status().0) role="img" aria-label=move || status().1 title=move || status().1></span>
            <span class="spend" title="Spent this session">{move || money(s.session_cost())}</span>
            <button type="button" aria-pressed=move || show_settings.get().to_string()
                on:click=move |_| show_settings.update(|v| *v = !*v)>"Settings"</button>
            <button type="button" aria-pressed=move || show_payload.get().to_string()
                on:click=move |_| show_payload.update(|v| *v = !*v)>"Payload"</button>
        </header>
    }
}
