//! The live payload: the exact JSON that will be sent, copy as JSON or curl, and import.

use crate::browser::copy_js_text;
use crate::domain::import::import;
use crate::domain::payload::{curl_prefix, curl_suffix};
use crate::jobs::body_parts;
use crate::studio::{use_studio, RefItem, RefSource};
use js_sys::{Array, JsString};
use leptos::prelude::*;

/// The payload sheet.
#[component]
pub fn PayloadPanel() -> impl IntoView {
    let s = use_studio();
    let shown = Memo::new(move |_| {
        let labels: Vec<String> = s.refs.with(|r| r.iter().map(RefItem::label).collect());
        s.built.with(|b| b.display_json(&labels))
    });
    let message = RwSignal::new(None::<String>);
    let import_text = RwSignal::new(String::new());
    let copy = move |curl: bool| {
        let parts = body_parts(&s.built.get_untracked(), &s.refs.get_untracked());
        let all = if curl {
            let a = Array::of1(&JsString::from(curl_prefix()));
            a.concat(&parts)
                .concat(&Array::of1(&JsString::from(curl_suffix())))
        } else {
            parts
        };
        let text = all.join("");
        leptos::task::spawn_local(async move {
            message.set(Some(match copy_js_text(&text).await {
                Ok(()) if curl => "Copied as curl (the key stays $RUNWARE_API_KEY).".into(),
                Ok(()) => "Copied the JSON.".into(),
                Err(e) => format!("Could not copy: {e}."),
            }));
        });
    };
    let do_import = move || match import(&import_text.get_untracked()) {
        Ok((form, refs)) => {
            s.form.set(form);
            let items = refs
                .into_iter()
                .map(|r| RefItem {
                    id: s.fresh_id(),
                    source: match r {
                        crate::domain::RefInput::Text(t) => RefSource::Text(t),
                        crate::domain::RefInput::Local { label } => RefSource::Text(label),
                    },
                })
                .collect();
            s.refs.set(items);
            s.attempted.set(true);
            message.set(Some("Imported into the form.".into()));
        }
        Err(e) => message.set(Some(e.to_string())),
    };
    view! {
        <aside class="payload sheet" aria-label="Payload">
            <div class="row">
                <button type="button" on:click=move |_| copy(false)>"Copy JSON"</button>
                <button type="button" on:click=move |_| copy(true)>"Copy as curl"</button>
            </div>
            <pre class="json" aria-label="Request JSON"><code>{move || shown.get()}</code></pre>
            <div class="field">
                <label for="import-json">"JSON to import"</label>
                <textarea id="import-json" rows="4" spellcheck="false"
                    placeholder="Paste an imageInference task or task array"
                    prop:value=move || import_text.get()
                    on:input=move |ev| import_text.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=move |_| do_import()>"Import JSON"</button>
            </div>
            <Show when=move || message.with(Option::is_some)>
                <p class="notice" role="status">{move || message.get().unwrap_or_default()}</p>
            </Show>
        </aside>
    }
}
