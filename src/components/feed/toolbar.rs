//! The history tools above the feed, as one compact bar: a search field, filter chips, and
//! the rarely used actions (export, import, delete all) in a menu.

use crate::components::lazy::{chunks, Lazy};
use crate::components::shell::icons::{Glyph, Icon};
use crate::components::shell::menu::{MenuItem, MoreMenu};
use crate::domain::history::StateFilter;
use crate::history::writer::use_writer;
use crate::jobs::actions::delete;
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
        async move { chunks::import_history(writer, feed, kits, file).await }
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
            Err(e) => view! { <p class="banner error" role="alert" id="import-error">{e}</p> }.into_any(),
        })}
        <Show when=move || exporting.get()>
            <Lazy load=move || chunks::export_dialog(Callback::new(move |_| exporting.set(false))) />
        </Show>
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
