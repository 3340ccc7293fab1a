//! The slim bar: name, endpoint status, session spend, settings and payload toggles.

use crate::api::account::Connection;
use crate::domain::text::money;
use crate::state::connection::use_connection;
use crate::state::feed::use_feed;
use leptos::prelude::*;

/// The top bar.
#[component]
pub fn TopBar(
    /// Whether the settings sheet is open.
    show_settings: RwSignal<bool>,
    /// Whether the payload sheet is open.
    show_payload: RwSignal<bool>,
) -> impl IntoView {
    let feed = use_feed();
    let check = use_connection();
    let status = move || match check.result() {
        None => ("unknown", "Endpoint not tested yet"),
        Some(Connection::Ok { .. }) => ("ok", "Endpoint reachable, key accepted"),
        Some(Connection::KeyRefused(_)) => ("warn", "Endpoint reachable, key refused"),
        Some(Connection::SignIn(_)) => ("warn", "The site asks you to sign in again"),
        Some(Connection::Down(_)) => ("bad", "Endpoint failing"),
    };
    view! {
        <header class="topbar">
            <h1 class="brand">"Kling Studio"</h1>
            <span class="model muted">"Kling IMAGE O1"</span>
            <span class="spacer"></span>
            <span class=move || format!("dot {}", status().0) role="img" aria-label=move || status().1 title=move || status().1></span>
            <span class="spend" title="Spent this session">{move || money(feed.session_cost())}</span>
            <button type="button" aria-pressed=move || show_settings.get().to_string()
                on:click=move |_| show_settings.update(|v| *v = !*v)>"Settings"</button>
            <button type="button" aria-pressed=move || show_payload.get().to_string()
                on:click=move |_| show_payload.update(|v| *v = !*v)>"Payload"</button>
        </header>
    }
}
