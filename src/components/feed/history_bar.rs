//! The history tools above the gallery: search, filters, totals, storage used, export and
//! import, delete all, and the message when storage is full.

use crate::domain::history::{storage_label, Filter, StateFilter};
use crate::domain::text::{human_bytes, money};
use crate::domain::JobState;
use crate::history::export::{export, Exported, Images};
use crate::history::import::import;
use crate::history::writer::use_writer;
use crate::jobs::actions::delete;
use crate::jobs::job::Job;
use crate::jobs::runner::use_runner;
use crate::state::feed::use_feed;
use crate::state::storage::use_storage_status;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

const STATES: [JobState; 7] = [
    JobState::Done,
    JobState::Running,
    JobState::Partial,
    JobState::Queued,
    JobState::Failed,
    JobState::Interrupted,
    JobState::Cancelled,
];

fn parse_state(v: &str) -> StateFilter {
    STATES
        .into_iter()
        .find(|s| s.label() == v)
        .map(StateFilter::Only)
        .unwrap_or_default()
}

/// Starts the browser's download of a finished export.
fn download(e: &Exported) {
    let doc = crate::browser::window()
        .document()
        .expect("a page has a document");
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&e.url);
            a.set_download(&e.file_name);
            a.click();
        }
    }
}

/// The history bar.
#[component]
pub fn HistoryBar() -> impl IntoView {
    let feed = use_feed();
    let writer = use_writer();
    let runner = use_runner();
    let status = use_storage_status();
    let confirm_all = RwSignal::new(false);
    let embed = RwSignal::new(false);
    let edit = move |f: &dyn Fn(&mut Filter)| feed.edit_filter(|x| f(x));
    let shown_jobs = move || -> Vec<Job> {
        let filter = feed.filter().get_untracked();
        feed.jobs()
            .with_untracked(|jobs| jobs.iter().filter(|j| j.passes(&filter)).copied().collect())
    };
    let export = Action::new_local(move |images: &Images| {
        let jobs = shown_jobs();
        let images = *images;
        async move {
            let done = export(writer.db(), jobs, images).await;
            if let Ok(e) = &done {
                download(e);
            }
            done
        }
    });
    let import = Action::new_local(move |file: &SendWrapper<web_sys::File>| {
        let file = web_sys::File::clone(file);
        async move { import(writer, feed, file).await }
    });
    let export_result = move || export.value().get();
    let on_export = move |_| {
        // The previous file is superseded; its bytes can go.
        if let Some(Ok(old)) = export.value().get_untracked() {
            crate::browser::revoke_object_url(&old.url);
        }
        export.dispatch(if embed.get_untracked() {
            Images::Embedded
        } else {
            Images::Links
        });
    };
    let job_count = move || feed.jobs().with(Vec::len);
    let export_label = move || {
        if feed.filter().with(Filter::is_active) {
            "Export shown jobs"
        } else {
            "Export all"
        }
    };
    view! {
        <div class="history-bar">
            <div class="row wrap" role="search" aria-label="History">
                <label class="grow">
                    <span class="visually-hidden">"Search prompts"</span>
                    <input type="search" placeholder="Search prompts" aria-label="Search prompts"
                        prop:value=move || feed.filter().with(|f| f.query.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&|f| f.query = v.clone()) } />
                </label>
                <label>"Show "
                    <select aria-label="Show jobs in state" on:change=move |ev| { let v = parse_state(&event_target_value(&ev)); edit(&|f| f.state = v) }>
                        <option value="all">"all states"</option>
                        {STATES.into_iter().map(|st| view! { <option value=st.label()>{st.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox"
                    prop:checked=move || feed.filter().with(|f| f.favourites_only)
                    on:change=move |ev| { let on = event_target_checked(&ev); edit(&|f| f.favourites_only = on) } />
                    "Favourites only"</label>
            </div>
            <p class="muted small tabular history-stats">
                <span>{move || match job_count() { 1 => "1 job stored".to_string(), n => format!("{n} jobs stored") }}</span>
                <span aria-label="Cost this session">{move || format!("this session {}", money(feed.session_cost()))}</span>
                <span aria-label="Cost of all history">{move || format!("all history {}", money(feed.history_cost()))}</span>
                <span aria-label="Storage used">{move || status.used().get().map(|(u, q)| format!("storage {}", storage_label(u, q)))}</span>
            </p>
            {move || status.problem().get().map(|p| view! {
                <div class="notice error" role="alert">
                    <p>{p}</p>
                    <button type="button" on:click=move |_| confirm_all.set(true)>"Free space…"</button>
                    <button type="button" on:click=move |_| writer.resave_unsaved(feed)
                        title="After freeing space elsewhere">"Save again"</button>
                </div>
            })}
            <div class="row wrap">
                <label class="check"><input type="checkbox" prop:checked=move || embed.get()
                    on:change=move |ev| embed.set(event_target_checked(&ev)) />"Include images"</label>
                <button type="button" disabled=move || job_count() == 0 || export.pending().get()
                    on:click=on_export>{export_label}</button>
                <label class="button-like">"Import history…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" aria-label="Import history"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                                import.dispatch(SendWrapper::new(f));
                            }
                            input.set_value("");
                        } />
                </label>
                <Show when=move || !confirm_all.get()>
                    <button type="button" class="danger" disabled=move || job_count() == 0
                        on:click=move |_| confirm_all.set(true)>"Delete all…"</button>
                </Show>
            </div>
            <Show when=move || confirm_all.get()>
                <div class="confirm" role="alert">
                    <span>{move || format!("Delete all {} jobs and their results from this browser? Export first to keep a copy.", job_count())}</span>
                    <button type="button" class="danger" on:click=move |_| { delete(runner, None); confirm_all.set(false); }>"Delete everything"</button>
                    <button type="button" on:click=move |_| confirm_all.set(false)>"Keep"</button>
                </div>
            </Show>
            {move || export_result().map(|r| match r {
                Ok(e) => view! { <p class="notice ok" role="status">
                        {format!("Exported {} jobs. ", e.jobs)}
                        <a href=e.url.clone() download=e.file_name.clone() class="export-link">
                            {format!("Download {} ({})", e.file_name, human_bytes(e.bytes))}</a>
                    </p> }.into_any(),
                Err(e) => view! { <p class="notice error" role="alert">{format!("Export failed: {e}")}</p> }.into_any(),
            })}
            {move || import.value().get().map(|r| match r {
                Ok(m) => view! { <p class="notice ok" role="status">{m.to_string()}</p> }.into_any(),
                Err(e) => view! { <p class="notice error" role="alert" id="import-error">{format!("Import refused: {e}")}</p> }.into_any(),
            })}
        </div>
    }
}
