//! The live payload: the exact JSON that will be sent, copy as JSON or curl, and import.

use crate::api::body::{task_text, CopyAs};
use crate::browser::copy_js_text;
use crate::components::shell::dialog::{Dialog, Placement};
use crate::domain::import::import_with_report;
use crate::domain::RefInput;
use crate::state::composer::use_composer;
use crate::state::overlay::use_overlay;
use crate::state::tray::{use_tray, RefItem, RefSource};
use leptos::prelude::*;

/// The payload sheet.
#[component]
pub fn PayloadSheet() -> impl IntoView {
    let composer = use_composer();
    let tray = use_tray();
    let drafts = crate::state::draft::use_drafts();
    let items = tray.items();
    let built = composer.built();
    let shown = Memo::new(move |_| {
        let labels: Vec<String> = items.with(|r| r.iter().map(RefItem::label).collect());
        built.with(|b| b.display_json(&labels))
    });
    let message = RwSignal::new(None::<String>);
    let import_text = RwSignal::new(String::new());
    let tasks = crate::state::tasks::use_tasks();
    let copy = move |how: CopyAs| {
        let uris: Vec<_> = items.with_untracked(|r| r.iter().map(RefItem::data_uri).collect());
        let text = built.with_untracked(|b| task_text(b, &uris, how));
        tasks.spawn(async move {
            message.set(Some(match (copy_js_text(&text).await, how) {
                (Ok(()), CopyAs::Curl) => "Copied as curl (the key stays $RUNWARE_API_KEY).".into(),
                (Ok(()), CopyAs::Json) => "Copied the JSON.".into(),
                (Err(e), _) => format!("Could not copy: {e}."),
            }));
        });
    };
    let report = RwSignal::new(Vec::<String>::new());
    let do_import = move || match import_with_report(&import_text.get_untracked()) {
        Ok((form, refs, said)) => {
            drafts.replace(
                crate::state::draft::Replacement::Import,
                form,
                refs.into_iter()
                    .map(|r| match r {
                        RefInput::Text(t) => RefSource::Text(t),
                        RefInput::Local { label } => RefSource::Text(label),
                    })
                    .collect(),
            );
            composer.reveal_all();
            message.set(Some(
                "Imported into the composer (Undo brings back what was there):".into(),
            ));
            report.set(said.lines());
        }
        Err(e) => {
            report.set(Vec::new());
            message.set(Some(e.to_string()));
        }
    };
    let overlay = use_overlay();
    view! {
        <Dialog title="Payload" on_close=Callback::new(move |_| overlay.close_sheet()) placement=Placement::Side>
        <div class="payload">
            <div class="row">
                <button type="button" on:click=move |_| copy(CopyAs::Json)>"Copy JSON"</button>
                <button type="button" on:click=move |_| copy(CopyAs::Curl)>"Copy as curl"</button>
            </div>
            <section aria-label="Request JSON"><pre class="json"><code>{move || shown.get()}</code></pre></section>
            <div class="field">
                <label for="import-json">"JSON to import"</label>
                <textarea id="import-json" rows="4" spellcheck="false"
                    placeholder="Paste an imageInference task or task array"
                    prop:value=move || import_text.get()
                    on:input=move |ev| import_text.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=move |_| do_import()>"Import JSON"</button>
            </div>
            <div role="status" class="import-report">
                <p class="notice">{move || message.get().unwrap_or_default()}</p>
                <Show when=move || report.with(|r| !r.is_empty())>
                    <ul>{move || report.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </Show>
            </div>
        </div>
        </Dialog>
    }
}
