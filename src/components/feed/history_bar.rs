//! The history tools above the gallery: search, filters, totals, storage used, export and
//! import, delete all, and the message when storage is full.

use crate::domain::history::{storage_label, Filter, StateFilter};
use crate::domain::job::money;
use crate::domain::payload::human_bytes;
use crate::domain::JobState;
use crate::history;
use crate::history_io::{self, Exported};
use crate::studio::{use_studio, Job};
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
    let s = use_studio();
    let confirm_all = RwSignal::new(false);
    let embed = RwSignal::new(false);
    let edit = move |f: &dyn Fn(&mut Filter)| s.filter.update(|x| f(x));
    let shown_jobs = move || -> Vec<Job> {
        let filter = s.filter.get_untracked();
        s.jobs
            .with_untracked(|jobs| jobs.iter().filter(|j| j.passes(&filter)).cloned().collect())
    };
    let export = Action::new_local(move |embed: &bool| {
        let jobs = shown_jobs();
        let embed = *embed;
        async move {
            let done = history_io::export(s, jobs, embed).await;
            if let Ok(e) = &done {
                download(e);
            }
            done
        }
    });
    let import = Action::new_local(move |file: &SendWrapper<web_sys::File>| {
        let file = web_sys::File::clone(file);
        async move { history_io::import(s, file).await }
    });
    let export_result = move || export.value().get();
    let on_export = move |_| {
        // The previous file is superseded; its bytes can go.
        if let Some(Ok(old)) = export.value().get_untracked() {
            crate::browser::revoke_object_url(&old.url);
        }
        export.dispatch(embed.get_untracked());
    };
    let job_count = move || s.jobs.with(Vec::len);
    let export_label = move || {
        if s.filter.with(Filter::is_active) {
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
                        prop:value=move || s.filter.with(|f| f.query.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&|f| f.query = v.clone()) } />
                </label>
                <label>"Show "
                    <select aria-label="Show jobs in state" on:change=move |ev| { let v = parse_state(&event_target_value(&ev)); edit(&|f| f.state = v) }>
                        <option value="all">"all states"</option>
                        {STATES.into_iter().map(|st| view! { <option value=st.label()>{st.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox"
                    prop:checked=move || s.filter.with(|f| f.favourites_only)
                    on:change=move |ev| { let on = event_target_checked(&ev); edit(&|f| f.favourites_only = on) } />
                    "Favourites only"</label>
            </div>
            <p class="muted small tabular history-stats">
                <span>{move || match job_count() { 1 => "1 job stored".to_string(), n => format!("{n} jobs stored") }}</span>
                <span aria-label="Cost this session">{move || format!("this session {}", money(s.session_cost()))}</span>
                <span aria-label="Cost of all history">{move || format!("all history {}", money(s.history_cost()))}</span>
                <span aria-label="Storage used">{move || s.storage_used.get().map(|(u, q)| format!("storage {}", storage_label(u, q)))}</span>
            </p>
            {move || s.storage_problem.get().map(|p| view! {
                <div class="notice error" role="alert">
                    <p>{p}</p>
                    <button type="button" on:click=move |_| confirm_all.set(true)>"Free space…"</button>
                    <button type="button" on:click=move |_| history::resave_unsaved(s)
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
                    <button type="button" class="danger" on:click=move |_| { history::delete(s, None); confirm_all.set(false); }>"Delete everything"</button>
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
                Ok(m) => view! { <p class="notice ok" role="status">{m}</p> }.into_any(),
                Err(e) => view! { <p class="notice error" role="alert" id="import-error">{format!("Import refused: {e}")}</p> }.into_any(),
            })}
        </div>
    }
}
