//! The viewer's info panel: the prompt, the facts (size, seed, cost, UUIDs, time), the
//! references as thumbnails, and every action of a tile.

use super::items::GalleryItem;
use super::result_actions::ResultActions;
use crate::browser::{clock_label, revoke_object_url};
use crate::components::shell::icons::{Glyph, Icon};
use crate::domain::text::money;
use crate::history::refs::{reference_previews, RefPreview};
use crate::history::writer::use_writer;
use crate::jobs::edit::OtherReferences;
use crate::state::clock::use_clock;
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
    let acts = ResultActions::of(&item);
    let (has_refs, has_link) = (acts.has_references(), acts.link().is_some());
    let acts = StoredValue::new(acts);
    let favourite = Memo::new(move |_| acts.with_value(ResultActions::is_favourite));
    let selected = Memo::new(move |_| acts.with_value(ResultActions::is_selected));
    let edit = move |others| acts.with_value(|a| a.edit(others));
    view! {
        <div class="viewer-actions">
            <button type="button" class="primary" aria-label="Download" on:click=move |_| acts.with_value(ResultActions::download)>
                <Glyph icon=Icon::Download size=16 /> "Download" <kbd>"D"</kbd></button>
            <button type="button" aria-label="Use as reference" on:click=move |_| acts.with_value(ResultActions::use_as_reference)>
                <Glyph icon=Icon::AddReference size=16 /> "Use as reference" <kbd>"R"</kbd></button>
            <button type="button" aria-label="Favourite" aria-pressed=move || favourite.get().to_string()
                on:click=move |_| acts.with_value(ResultActions::toggle_favourite)>
                {move || view! { <Glyph icon=if favourite.get() { Icon::StarFilled } else { Icon::Star } size=16 /> }}
                "Favourite" <kbd>"F"</kbd></button>
            <button type="button" aria-label="Actual size" aria-pressed=move || zoomed.get().to_string() on:click=move |_| zoomed.update(|z| *z = !*z)>
                <Glyph icon=Icon::ZoomIn size=16 /> "100%" <kbd>"Z"</kbd></button>
            {has_link.then(|| view! {
                <button type="button" on:click=move |_| acts.with_value(ResultActions::copy_link)>
                    <Glyph icon=Icon::Copy size=16 /> "Copy image link"</button>
            })}
            <button type="button" aria-label="Edit this image" on:click=move |_| edit(OtherReferences::Drop)>
                <Glyph icon=Icon::Edit size=16 /> "Edit this image" <kbd>"E"</kbd></button>
            {has_refs.then(|| view! {
                <button type="button" on:click=move |_| edit(OtherReferences::Keep)>
                    <Glyph icon=Icon::Edit size=16 /> "Edit with its references"</button>
            })}
            <button type="button" on:click=move |_| acts.with_value(ResultActions::remix)>
                <Glyph icon=Icon::Remix size=16 /> "Remix"</button>
            <button type="button" aria-pressed=move || selected.get().to_string()
                on:click=move |_| acts.with_value(ResultActions::toggle_selected)>
                <Glyph icon=Icon::Compare size=16 /> "Select to compare"</button>
            <button type="button" class="danger" on:click=move |_| acts.with_value(ResultActions::delete)>
                <Glyph icon=Icon::Trash size=16 /> "Delete"</button>
        </div>
    }
}
