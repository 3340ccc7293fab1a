//! What can be done with the selected results, in a bar that stays where the user is: one
//! ZIP, use as references, compare two, delete.

use super::items::{use_items, GalleryItem};
use crate::browser::zip::Entry;
use crate::components::shell::icons::{Glyph, Icon, IconButton};
use crate::domain::job::{download_name, unique_names};
use crate::jobs::actions::{delete_results, use_as_reference};
use crate::jobs::runner::use_runner;
use crate::jobs::save::save_zip;
use crate::state::overlay::{use_overlay, Confirmation};
use crate::state::selection::use_selection;
use crate::state::settings::Settings;
use crate::state::tray::use_tray;
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;

/// The selected items, in the order picked.
fn picked(keys: &[String], items: &[GalleryItem]) -> Vec<GalleryItem> {
    keys.iter()
        .filter_map(|k| items.iter().find(|i| &i.key == k).cloned())
        .collect()
}

/// Builds the ZIP of `items` and starts its download.
async fn download_zip(settings: Settings, items: Vec<GalleryItem>) -> Result<usize, String> {
    let names = unique_names(
        items
            .iter()
            .map(|i| download_name(&i.prompt(), i.meta.seed, i.meta.format))
            .collect(),
    );
    let entries: Vec<Entry> = items
        .iter()
        .zip(names)
        .map(|(i, name)| Entry {
            name,
            src: i.meta.src.clone(),
            made_ms: i
                .job
                .ended_ms
                .get_untracked()
                .unwrap_or_else(|| i.job.started_ms()),
        })
        .collect();
    let file_name = format!("kling-{}-images.zip", entries.len());
    save_zip(settings, entries, file_name).await
}

/// The selection bar, while anything is selected.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let selection = use_selection();
    let items = use_items();
    let runner = use_runner();
    let tray = use_tray();
    let overlay = use_overlay();
    let keys = selection.keys();
    // Results that left the feed (deleted, filtered out) leave the selection too.
    let chosen = Memo::new(move |_| keys.with(|k| items.with(|l| picked(k, l))));
    let count = move || chosen.with(Vec::len);
    let zip =
        Action::new_local(move |_: &()| download_zip(runner.settings, chosen.get_untracked()));
    let free = move || REFERENCES_MAX.saturating_sub(tray.items().with(Vec::len));
    let use_refs = move || {
        for item in chosen.get_untracked().into_iter().take(free()) {
            let name = download_name(&item.prompt(), item.meta.seed, item.meta.format);
            use_as_reference(tray, item.meta, name);
        }
        selection.clear();
    };
    let kits = crate::state::kits::use_kits();
    let save_kit = move || {
        let picked = chosen
            .get_untracked()
            .into_iter()
            .map(|i| {
                let name = download_name(&i.prompt(), i.meta.seed, i.meta.format);
                (i.meta, name)
            })
            .collect();
        crate::jobs::kit_from::kit_from_results(runner, kits, picked);
        selection.clear();
    };
    let remove = move || {
        let doomed: Vec<_> = chosen
            .get_untracked()
            .iter()
            .map(|i| (i.job, i.slot))
            .collect();
        let n = doomed.len();
        overlay.confirm(Confirmation {
            title: "Delete the selected images?",
            message: format!(
                "{n} image{} go from this browser. Runware is not told.",
                if n == 1 { "" } else { "s" }
            ),
            action: "Delete images",
            run: std::sync::Arc::new(move || {
                delete_results(runner, doomed.clone());
                selection.clear();
            }),
        });
    };
    view! {
        <Show when=move || { count() > 0 }>
            <div class="selection-bar" role="region" aria-label="Selection">
                <span class="tabular" role="status">{move || match count() { 1 => "1 selected".to_string(), n => format!("{n} selected") }}</span>
                <button type="button" on:click=move |_| { zip.dispatch(()); } disabled=move || zip.pending().get()>
                    <Glyph icon=Icon::Download size=16 />
                    {move || if zip.pending().get() { "Packing…" } else { "Download ZIP" }}
                </button>
                <button type="button" on:click=move |_| use_refs() disabled=move || free() == 0
                    title=move || format!("{} free reference slots", free())>
                    <Glyph icon=Icon::AddReference size=16 /> "Use as references"
                </button>
                <button type="button" on:click=move |_| save_kit()>
                    <Glyph icon=Icon::Kit size=16 /> "Save as kit"
                </button>
                <button type="button" disabled=move || count() != 2 title="Select exactly two to compare"
                    on:click=move |_| overlay.comparing().set(true)>
                    <Glyph icon=Icon::Compare size=16 /> "Compare"
                </button>
                <button type="button" class="danger" on:click=move |_| remove()>
                    <Glyph icon=Icon::Trash size=16 /> "Delete"
                </button>
                <IconButton icon=Icon::Close label="Clear selection" on_press=move || selection.clear() />
                {move || zip.value().get().and_then(Result::err).map(|e| view! { <span class="banner error" role="alert">{e}</span> })}
            </div>
        </Show>
    }
}
