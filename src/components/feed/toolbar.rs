//! The history tools above the feed, as one compact bar: a search field, filter chips, and
//! the rarely used actions (export, import, delete all) in a menu.

use crate::browser::revoke_object_url;
use crate::components::shell::dialog::{Dialog, Placement};
use crate::components::shell::icons::{Glyph, Icon};
use crate::components::shell::menu::{MenuItem, MoreMenu};
use crate::domain::history::{Filter, StateFilter};
use crate::domain::text::human_bytes;
use crate::history::export::{export, Exported, Images};
use crate::history::import::import;
use crate::history::writer::use_writer;
use crate::jobs::actions::delete;
use crate::jobs::job::Job;
use crate::jobs::runner::use_runner;
use crate::state::feed::use_feed;
use crate::state::overlay::{use_overlay, Confirmation};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// The toolbar.
#[component]
pub fn Toolbar() -> impl IntoView {
    let feed = use_feed();
    let writer = use_writer();
    let runner = use_runner();
    let overlay = use_overlay();
    let exporting = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let kits = crate::state::kits::use_kits();
    let import = Action::new_local(move |file: &SendWrapper<web_sys::File>| {
        let file = web_sys::File::clone(file);
        async move { import(writer, feed, kits, file).await }
    });
    let filter = feed.filter();
    let count = move || feed.jobs().with(Vec::len);
    let menu = vec![
        MenuItem::new("Export history…", Icon::Download, move || exporting.set(true)),
        MenuItem::new("Import history…", Icon::Upload, move || {
            if let Some(input) = file_input.get_untracked() {
                input.click();
            }
        }),
        MenuItem::new("Delete all history…", Icon::Trash, move || {
            let n = count();
            overlay.confirm(Confirmation {
                title: "Delete all history?",
                message: format!("All {n} jobs and their images go from this browser. Export first to keep a copy."),
                action: "Delete everything",
                run: std::sync::Arc::new(move || delete(runner, None)),
            })
        })
        .danger(),
    ];
    view! {
        <div class="toolbar" role="search" aria-label="History">
            <label class="search">
                <Glyph icon=Icon::Search size=16 />
                <input type="search" placeholder="Search prompts" aria-label="Search prompts"
                    prop:value=move || filter.with(|f| f.query.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); feed.edit_filter(|f| f.query = v) } />
            </label>
            <div class="chips" role="group" aria-label="Show">
                {StateFilter::ALL.into_iter().map(|s| view! {
                    <button type="button" class="chip" aria-pressed=move || filter.with(|f| f.state == s).to_string()
                        on:click=move |_| feed.edit_filter(|f| f.state = s)>{s.label()}</button>
                }).collect_view()}
                <button type="button" class="chip" aria-pressed=move || filter.with(|f| f.favourites_only).to_string()
                    on:click=move |_| feed.edit_filter(|f| f.favourites_only = !f.favourites_only)>
                    <Glyph icon=Icon::Star size=14 /> "Favourites"
                </button>
                {move || filter.with(|f| f.chain.as_ref().map(|(name, _)| name.clone())).map(|name| (format!("{name}: show every job again"), name)).map(|(label, name)| view! {
                    <button type="button" class="chip" aria-pressed="true" title="Show every job again"
                        aria-label=label
                        on:click=move |_| feed.edit_filter(|f| f.chain = None)>
                        {name} " ×"
                    </button>
                })}
            </div>
            <span class="spacer"></span>
            <MoreMenu label="History actions".into() items=menu />
            <input type="file" accept=".json,application/json" class="visually-hidden" tabindex="-1"
                aria-label="Import history" node_ref=file_input
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(f) = input.files().and_then(|l| l.get(0)) {
                        import.dispatch(SendWrapper::new(f));
                    }
                    input.set_value("");
                } />
        </div>
        <StorageProblem />
        {move || import.value().get().map(|r| match r {
            Ok(m) => view! { <p class="banner ok" role="status">{m.to_string()}</p> }.into_any(),
            Err(e) => view! { <p class="banner error" role="alert" id="import-error">{format!("Import refused: {e}")}</p> }.into_any(),
        })}
        <Show when=move || exporting.get()>
            <ExportDialog on_close=Callback::new(move |_| exporting.set(false)) />
        </Show>
    }
}

/// Export: all jobs (or those the filters show), with or without the images.
#[component]
fn ExportDialog(
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let feed = use_feed();
    let writer = use_writer();
    let embed = RwSignal::new(true);
    let tasks = crate::state::tasks::use_tasks();
    let filtered = move || feed.filter().with(Filter::is_active);
    let shown_jobs = move || -> Vec<Job> {
        let filter = feed.filter().get_untracked();
        feed.jobs()
            .with_untracked(|jobs| jobs.iter().filter(|j| j.passes(&filter)).copied().collect())
    };
    let kits = crate::state::kits::use_kits();
    let run = Action::new_local(move |images: &Images| {
        let (jobs, images) = (shown_jobs(), *images);
        let kits = kits.list().get_untracked();
        async move { export(writer.db(), jobs, images, kits).await }
    });
    on_cleanup(move || {
        if let Some(Ok(e)) = run.value().get_untracked() {
            revoke_object_url(&e.url);
        }
    });
    let go = move |_| {
        run.dispatch(if embed.get_untracked() {
            Images::Embedded
        } else {
            Images::Links
        });
    };
    view! {
        <Dialog title="Export history" on_close placement=Placement::Center>
            <p class="muted">{move || if filtered() {
                "The jobs the search and filters show, as one JSON file."
            } else {
                "Every job in this browser, as one JSON file that Import reads back."
            }}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || embed.get()
                    on:change=move |ev| embed.set(event_target_checked(&ev)) />
                "Include images (links expire; images in the file do not)"
            </label>
            <div class="dialog-actions">
                <button type="button" class="primary" disabled=move || run.pending().get() on:click=go>
                    {move || if filtered() { "Export shown jobs" } else { "Export all" }}
                </button>
            </div>
            {move || run.value().get().map(|r| match r {
                Ok(e) => exported_link(e, tasks).into_any(),
                Err(e) => view! { <p class="banner error" role="alert">{format!("Export failed: {e}")}</p> }.into_any(),
            })}
        </Dialog>
    }
}

fn exported_link(e: Exported, tasks: crate::state::tasks::Tasks) -> impl IntoView {
    // The browser saves it at once; the link stays for a second copy.
    let (url, name) = (e.url.clone(), e.file_name.clone());
    request_animation_frame(move || {
        tasks.spawn(async move { crate::browser::download(&url, &name).await })
    });
    view! {
        <p class="banner ok" role="status">
            {format!("Exported {} jobs. ", e.jobs)}
            <a href=e.url.clone() download=e.file_name.clone() class="export-link">
                {format!("Download {} ({})", e.file_name, human_bytes(e.bytes))}</a>
        </p>
    }
}

/// When history cannot be saved (a full disk): what happened, and the ways out.
#[component]
fn StorageProblem() -> impl IntoView {
    let status = crate::state::storage::use_storage_status();
    let writer = use_writer();
    let feed = use_feed();
    let overlay = use_overlay();
    view! {
        {move || status.problem().get().map(|p| view! {
            <div class="banner error storage-problem" role="alert">
                <p>{p}</p>
                <div class="row">
                    <button type="button" on:click=move |_| overlay.open(crate::state::overlay::Sheet::Settings)>"Free space…"</button>
                    <button type="button" title="After freeing space elsewhere" on:click=move |_| writer.resave_unsaved(feed)>"Save again"</button>
                </div>
            </div>
        })}
    }
}
