//! Endpoint and API key, and "test connection".

use crate::browser::storage;
use crate::jobs::{self, Connection};
use crate::studio::use_studio;
use leptos::prelude::*;

/// The connection check, shared by the settings panel and the top bar's status dot.
#[derive(Clone, Copy)]
pub struct ConnectionCheck(pub Action<(), Connection>);

/// The settings sheet.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let s = use_studio();
    let check = expect_context::<ConnectionCheck>().0;
    let show_key = RwSignal::new(false);
    let endpoint_error = move || {
        let url = s.endpoint.get();
        let url = url.trim();
        let ok = url.starts_with('/') || runware::validate::is_http_url(url);
        (!ok).then_some(
            "The endpoint must be an http(s) URL or a path on this site, like /api/runware.",
        )
    };
    let timeout_error = move || crate::domain::form::parse_timeout(&s.timeout_s.get()).err();
    let result = move || {
        check.value().get().map(|c| match c {
            Connection::Ok { balance } => (
                "ok",
                match balance {
                    Some(b) => format!("Connected: the key is accepted. Balance ${b:.2}."),
                    None => "Connected: the key is accepted.".to_owned(),
                },
            ),
            Connection::KeyRefused(m) => (
                "warn",
                format!("The endpoint answers, but the key was refused: {m}"),
            ),
            Connection::Down(m) => ("bad", format!("No answer: {m}")),
        })
    };
    view! {
        <section class="settings sheet" aria-label="Settings">
            <div class="field">
                <label for="endpoint">"Endpoint"</label>
                <input id="endpoint" type="text" spellcheck="false"
                    prop:value=move || s.endpoint.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        storage::save_endpoint(v.trim());
                        s.endpoint.set(v);
                    }
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
                        prop:value=move || s.api_key.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            storage::save_key(v.trim(), s.remember_key.get_untracked());
                            s.api_key.set(v);
                        } />
                    <button type="button" aria-pressed=move || show_key.get().to_string()
                        on:click=move |_| show_key.update(|v| *v = !*v)>"Show"</button>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || s.remember_key.get()
                        on:change=move |ev| {
                            let remember = event_target_checked(&ev);
                            storage::save_key(s.api_key.get_untracked().trim(), remember);
                            s.remember_key.set(remember);
                        } />
                    "Remember on this device"
                </label>
                <p class="hint">"Kept for this tab only unless remembered. Sent only as an Authorization header."</p>
            </div>
            <div class="field">
                <label for="timeout">"Time-out (seconds)"</label>
                <input id="timeout" type="text" inputmode="numeric" class="narrow"
                    prop:value=move || s.timeout_s.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        storage::save_timeout(v.trim());
                        s.timeout_s.set(v);
                    }
                    aria-invalid=move || timeout_error().map(|_| "true")
                    aria-describedby=move || timeout_error().map(|_| "timeout-error") />
                {move || timeout_error().map(|e| view! { <p class="field-error" id="timeout-error">{e}</p> })}
                <p class="hint">"How long a sync request waits for its images (async: for the acknowledgement, at most 60 s; then polling by taskUUID). A timed-out request is never sent again by itself: Runware may still run and bill it."</p>
            </div>
            <div class="row">
                <button type="button" disabled=move || check.pending().get() || endpoint_error().is_some()
                    on:click=move |_| { check.dispatch(()); }>
                    {move || if check.pending().get() { "Testing…" } else { "Test connection" }}
                </button>
                {move || result().map(|(kind, text)| view! { <p class=format!("status {kind}") role="status">{text}</p> })}
            </div>
        </section>
    }
}

/// Creates the shared connection check.
pub fn connection_check() -> ConnectionCheck {
    let s = use_studio();
    ConnectionCheck(Action::new_local(move |_: &()| {
        jobs::test_connection(s.endpoint_now())
    }))
}
