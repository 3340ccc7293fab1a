//! Endpoint and API key, the time-out, and "test connection".

use crate::api::account::Connection;
use crate::components::shell::dialog::{Dialog, Placement};
use crate::domain::form::parse_timeout;
use crate::state::connection::use_connection;
use crate::state::overlay::use_overlay;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// The settings sheet.
#[component]
pub fn SettingsSheet() -> impl IntoView {
    let settings = use_settings();
    let check = use_connection();
    let show_key = RwSignal::new(false);
    let endpoint_error = move || settings.endpoint_problem();
    let timeout_error = move || parse_timeout(&settings.timeout().get()).err();
    let result = move || {
        check.result().map(|c| match c {
            Connection::Ok { balance } => (
                "ok",
                match balance {
                    Some(b) => format!(
                        "Connected: the key is accepted. Balance {}.",
                        crate::domain::text::money(b)
                    ),
                    None => "Connected: the key is accepted.".to_owned(),
                },
            ),
            Connection::SignIn(m) => ("warn", m),
            Connection::KeyRefused(m) => (
                "warn",
                format!("The endpoint answers, but the key was refused: {m}"),
            ),
            Connection::Down(m) => ("bad", format!("No answer: {m}")),
        })
    };
    let overlay = use_overlay();
    view! {
        <Dialog title="Settings" on_close=Callback::new(move |_| overlay.close_sheet()) placement=Placement::Side>
        <div class="settings">
            <div class="field">
                <label for="endpoint">"Endpoint"</label>
                <input id="endpoint" type="text" spellcheck="false"
                    prop:value=move || settings.endpoint().get()
                    on:input=move |ev| settings.set_endpoint(event_target_value(&ev))
                    aria-invalid=move || endpoint_error().map(|_| "true")
                    aria-describedby=move || endpoint_error().map(|_| "endpoint-error") />
                <Show when=move || endpoint_error().is_some()>
                    <p class="field-error" id="endpoint-error">{endpoint_error}</p>
                </Show>
                <p class="hint">"Default /api/runware: a proxy on this site that adds the key, so the page never holds it."</p>
            </div>
            <div class="field">
                <label for="api-key">"API key"</label>
                <div class="row">
                    <input id="api-key" type=move || if show_key.get() { "text" } else { "password" }
                        autocomplete="off" spellcheck="false" placeholder="optional when the proxy adds it"
                        prop:value=move || settings.api_key().get()
                        on:input=move |ev| settings.set_api_key(event_target_value(&ev)) />
                    <button type="button" aria-pressed=move || show_key.get().to_string()
                        on:click=move |_| show_key.update(|v| *v = !*v)>"Show"</button>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || settings.remember_key().get()
                        on:change=move |ev| settings.set_remember_key(event_target_checked(&ev)) />
                    "Remember on this device"
                </label>
                <p class="hint">"Kept for this tab only unless remembered. Sent only as an Authorization header."</p>
            </div>
            <div class="field">
                <label for="timeout">"Time-out (seconds)"</label>
                <input id="timeout" type="text" inputmode="numeric" class="narrow"
                    prop:value=move || settings.timeout().get()
                    on:input=move |ev| settings.set_timeout(event_target_value(&ev))
                    aria-invalid=move || timeout_error().map(|_| "true")
                    aria-describedby=move || timeout_error().map(|_| "timeout-error") />
                {move || timeout_error().map(|e| view! { <p class="field-error" id="timeout-error">{e}</p> })}
                <p class="hint">"How long a sync request waits for its images (async: for the acknowledgement, at most 60 s; then polling by taskUUID). A timed-out request is never sent again by itself: Runware may still run and bill it."</p>
            </div>
            <div class="row">
                <button type="button" disabled=move || check.pending() || endpoint_error().is_some()
                    on:click=move |_| check.run()>
                    {move || if check.pending() { "Testing…" } else { "Test connection" }}
                </button>
                {move || result().map(|(kind, text)| view! { <p class=format!("status {kind}") role="status">{text}</p> })}
            </div>
            <super::storage::StorageUse />
        </div>
        </Dialog>
    }
}
