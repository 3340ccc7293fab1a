//! The viewer's info panel: the prompt, the facts (size, seed, cost, UUIDs, time), the
//! references as thumbnails, and every action of a tile.

use super::items::GalleryItem;
use crate::browser::{clock_label, copy_js_text, revoke_object_url};
use crate::components::shell::icons::{Glyph, Icon};
use crate::domain::job::download_name;
use crate::domain::text::money;
use crate::history::refs::{reference_previews, RefPreview};
use crate::history::writer::use_writer;
use crate::jobs::actions::{delete_result_question, remix, toggle_favourite, use_as_reference};
use crate::jobs::edit::{edit_result, OtherReferences};
use crate::jobs::runner::use_runner;
use crate::jobs::save::save_image;
use crate::state::clock::use_clock;
use crate::state::overlay::use_overlay;
use crate::state::selection::use_selection;
use crate::state::tray::use_tray;
use leptos::prelude::*;

/// The panel for `item`.
#[component]
pub fn ViewerInfo(
    /// The result shown.
    item: GalleryItem,
    /// At 100% rather than fitted.
    zoomed: RwSignal<bool>,
) -> impl IntoView {
    let clock = use_clock();
    let job = item.job;
    let m = item.meta.clone();
    let made = job
        .ended_ms
        .get_untracked()
        .unwrap_or_else(|| job.started_ms());
    let facts: Vec<(&'static str, String)> = [
        (
            "Size",
            m.width.zip(m.height).map(|(w, h)| format!("{w} × {h}")),
        ),
        ("Format", Some(m.format.as_str().to_owned())),
        ("Seed", m.seed.map(|s| s.to_string())),
        ("Cost", m.cost.map(money)),
        ("Made", Some(clock_label(made, clock.now()))),
        (
            "Image UUID",
            (!m.image_uuid.is_empty()).then(|| m.image_uuid.clone()),
        ),
        ("Task UUID", Some(job.task_uuid())),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    view! {
        <aside class="viewer-info" aria-label="About this image">
            <p class="viewer-prompt">{item.prompt()}</p>
            <dl class="facts">
                {facts.into_iter().map(|(k, v)| view! {
                    <dt>{k}</dt><dd class="tabular" class:mono=k.ends_with("UUID")>{v}</dd>
                }).collect_view()}
            </dl>
            <References item=item.clone() />
            <super::lineage::Lineage item=item.clone() />
            <ViewerActions item zoomed />
        </aside>
    }
}

/// The references the job was sent with, as thumbnails.
#[component]
fn References(
    /// The result whose job's references are shown.
    item: GalleryItem,
) -> impl IntoView {
    let writer = use_writer();
    let job = item.job;
    let previews = LocalResource::new(move || reference_previews(writer, job));
    on_cleanup(move || {
        if let Some(list) = previews.get_untracked() {
            for p in list.iter().filter(|p| p.owned) {
                revoke_object_url(p.url.as_deref().unwrap_or_default());
            }
        }
    });
    let thumb = |p: RefPreview| {
        let (tip, alt) = (p.label.clone(), p.label.clone());
        view! {
            <li title=tip>
                {match p.url {
                    Some(url) => view! { <img src=url alt=alt loading="lazy" /> }.into_any(),
                    None => view! { <span class="ref-missing"><Glyph icon=Icon::Image size=18 /></span> }.into_any(),
                }}
                <span class="ref-label">{p.label}</span>
            </li>
        }
    };
    view! {
        {move || previews.get().filter(|l| !l.is_empty()).map(|list| view! {
            <h3>"References"</h3>
            <ol class="viewer-refs">{list.iter().cloned().map(thumb).collect_view()}</ol>
        })}
    }
}

/// Every action of a tile, with its key.
#[component]
fn ViewerActions(
    /// The result acted on.
    item: GalleryItem,
    /// At 100% rather than fitted.
    zoomed: RwSignal<bool>,
) -> impl IntoView {
    let runner = use_runner();
    let tray = use_tray();
    let overlay = use_overlay();
    let selection = use_selection();
    let (job, slot) = (item.job, item.slot);
    let tasks = crate::state::tasks::use_tasks();
    let settings = runner.settings;
    let meta = StoredValue::new(item.meta.clone());
    let has_refs = job.with_info(|i| !i.stored_refs.is_empty());
    let key = StoredValue::new(item.key.clone());
    let name = StoredValue::new(download_name(
        &item.prompt(),
        item.meta.seed,
        item.meta.format,
    ));
    let favourite = Memo::new(move |_| job.favourites.with(|f| f.contains(&slot)));
    let selected = Memo::new(move |_| key.with_value(|k| selection.contains(k)));
    let link = item.meta.remote_url.clone();
    view! {
        <div class="viewer-actions">
            <button type="button" class="primary" aria-label="Download" on:click=move |_| {
                let (src, n) = (meta.with_value(|m| m.src.clone()), name.get_value());
                tasks.spawn(save_image(settings, src, n));
            }><Glyph icon=Icon::Download size=16 /> "Download" <kbd>"D"</kbd></button>
            <button type="button" aria-label="Use as reference" on:click=move |_| use_as_reference(tray, meta.get_value(), name.get_value())>
                <Glyph icon=Icon::AddReference size=16 /> "Use as reference" <kbd>"R"</kbd></button>
            <button type="button" aria-label="Favourite" aria-pressed=move || favourite.get().to_string() on:click=move |_| toggle_favourite(runner, job, slot)>
                {move || view! { <Glyph icon=if favourite.get() { Icon::StarFilled } else { Icon::Star } size=16 /> }}
                "Favourite" <kbd>"F"</kbd></button>
            <button type="button" aria-label="Actual size" aria-pressed=move || zoomed.get().to_string() on:click=move |_| zoomed.update(|z| *z = !*z)>
                <Glyph icon=Icon::ZoomIn size=16 /> "100%" <kbd>"Z"</kbd></button>
            {link.map(|url| view! {
                <button type="button" on:click=move |_| {
                    let url = url.clone();
                    tasks.spawn(async move { copy_js_text(&url.as_str().into()).await.ok(); });
                }><Glyph icon=Icon::Copy size=16 /> "Copy image link"</button>
            })}
            <button type="button" aria-label="Edit this image" on:click=move |_| {
                edit_result(runner, tray, job, slot, OtherReferences::Drop);
                overlay.viewer().set(None);
                crate::browser::focus_by_id("prompt");
            }><Glyph icon=Icon::Edit size=16 /> "Edit this image" <kbd>"E"</kbd></button>
            {has_refs.then(|| view! {
                <button type="button" on:click=move |_| {
                    edit_result(runner, tray, job, slot, OtherReferences::Keep);
                    overlay.viewer().set(None);
                    crate::browser::focus_by_id("prompt");
                }><Glyph icon=Icon::Edit size=16 /> "Edit with its references"</button>
            })}
            <button type="button" on:click=move |_| { remix(runner, tray, job); overlay.viewer().set(None); }>
                <Glyph icon=Icon::Remix size=16 /> "Remix"</button>
            <button type="button" aria-pressed=move || selected.get().to_string()
                on:click=move |_| key.with_value(|k| selection.toggle(k))>
                <Glyph icon=Icon::Compare size=16 /> "Select to compare"</button>
            <button type="button" class="danger" on:click=move |_| overlay.confirm(delete_result_question(runner, job, slot))><Glyph icon=Icon::Trash size=16 /> "Delete"</button>
        </div>
    }
}
