//! A job's tiles, each at the job's own shape: a finished image (with its toolbar on hover or
//! focus, and a check to select it), a placeholder while it renders, or what went wrong.

use super::items::{use_items, GalleryItem};
use super::result_actions::ResultActions;
use crate::components::shell::icons::{Glyph, Icon, IconButton};
use crate::components::shell::menu::{MenuItem, MoreMenu};
use crate::domain::text::{excerpt, money};
use crate::jobs::edit::OtherReferences;
use crate::state::overlay::use_overlay;
use crate::state::selection::use_selection;
use leptos::prelude::*;

/// Seed, size and cost: the tooltip of a tile.
fn facts(item: &GalleryItem) -> String {
    let m = &item.meta;
    [
        m.width.zip(m.height).map(|(w, h)| format!("{w} × {h}")),
        m.seed.map(|s| format!("seed {s}")),
        m.cost.map(money),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A finished image.
#[component]
pub fn ResultTile(
    /// The result shown.
    item: GalleryItem,
    /// The tile's size in CSS pixels (width, height).
    size: (f64, f64),
) -> impl IntoView {
    let overlay = use_overlay();
    let selection = use_selection();
    let items = use_items();
    let (job, slot) = (item.job, item.slot);
    let key = StoredValue::new(item.key.clone());
    let alt = format!("Result {} of “{}”", slot + 1, excerpt(&item.prompt(), 80));
    let favourite = Memo::new(move |_| job.favourites.with(|f| f.contains(&slot)));
    let selected = Memo::new(move |_| key.with_value(|k| selection.contains(k)));
    let selecting = Memo::new(move |_| !selection.is_empty());
    let pick = move |shift: bool| {
        let k = key.get_value();
        if shift {
            let order: Vec<String> =
                items.with_untracked(|l| l.iter().map(|i| i.key.clone()).collect());
            selection.extend_to(&k, &order);
        } else {
            selection.toggle(&k);
        }
    };
    let tip = facts(&item);
    // Shown from its link (no copy): if the link is dead, say so once instead.
    let linked = !item.meta.src.starts_with("blob:");
    let copies = crate::state::copies::use_copies();
    view! {
        <figure class="tile" class:selected=move || selected.get() class:selecting=move || selecting.get()
            style:width=format!("{}px", size.0) style:height=format!("{}px", size.1)>
            <button type="button" class="tile-open" aria-label=format!("Open result {} of “{}”", slot + 1, excerpt(&item.prompt(), 80)) title=tip
                on:click=move |ev| {
                    if selecting.get_untracked() || ev.shift_key() {
                        pick(ev.shift_key());
                    } else {
                        overlay.viewer().set(Some(key.get_value()));
                    }
                }>
                <img src=item.meta.src.clone() alt=alt.clone() decoding="async" draggable="false"
                    on:error=move |_| if linked { key.with_value(|k| copies.mark_gone(k)) } />
            </button>
            <button type="button" class="tile-check" role="checkbox" aria-checked=move || selected.get().to_string()
                aria-label=format!("Select result {} of “{}”", slot + 1, excerpt(&item.prompt(), 40))
                on:click=move |ev| pick(ev.shift_key())>
                <span class="check-circle"><Glyph icon=Icon::Check size=14 /></span>
            </button>
            <Show when=move || favourite.get()>
                <span class="tile-star" aria-hidden="true"><Glyph icon=Icon::StarFilled size=14 /></span>
            </Show>
            <TileTools item favourite />
        </figure>
    }
}

/// The toolbar on a tile: open, download, use as reference, favourite, and more.
#[component]
fn TileTools(
    /// The result acted on.
    item: GalleryItem,
    /// Whether it is starred.
    favourite: Memo<bool>,
) -> impl IntoView {
    let acts = ResultActions::of(&item);
    let mut more = Vec::new();
    if acts.link().is_some() {
        let a = acts.clone();
        more.push(MenuItem::new("Copy image link", Icon::Copy, move || {
            a.copy_link()
        }));
    }
    let a = acts.clone();
    more.push(MenuItem::new("Edit this image", Icon::Edit, move || {
        a.edit(OtherReferences::Drop)
    }));
    if acts.has_references() {
        let a = acts.clone();
        more.push(MenuItem::new(
            "Edit with its references",
            Icon::Edit,
            move || a.edit(OtherReferences::Keep),
        ));
    }
    let a = acts.clone();
    more.push(MenuItem::new("Remix this job", Icon::Remix, move || {
        a.remix()
    }));
    let a = acts.clone();
    more.push(MenuItem::new(
        "Select to compare",
        Icon::Compare,
        move || a.select(),
    ));
    let a = acts.clone();
    more.push(MenuItem::new("Delete image", Icon::Trash, move || a.delete()).danger());
    let acts = StoredValue::new(acts);
    view! {
        <div class="tile-tools" role="toolbar" aria-label="Image actions">
            <IconButton icon=Icon::Open label="Open" on_press=move || acts.with_value(ResultActions::open) />
            <IconButton icon=Icon::Download label="Download" on_press=move || acts.with_value(ResultActions::download) />
            <IconButton icon=Icon::AddReference label="Use as reference"
                on_press=move || acts.with_value(ResultActions::use_as_reference) />
            <button type="button" class="icon-button" aria-pressed=move || favourite.get().to_string()
                aria-label="Favourite" title="Favourite"
                on:click=move |ev| { ev.stop_propagation(); acts.with_value(ResultActions::toggle_favourite) }>
                {move || view! { <Glyph icon=if favourite.get() { Icon::StarFilled } else { Icon::Star } /> }}
            </button>
            <MoreMenu label="More actions for this image".into() items=more />
        </div>
    }
}

/// A result still rendering: a calm shimmer at the image's shape.
#[component]
pub fn PendingTile(
    /// The tile's size in CSS pixels.
    size: (f64, f64),
    /// What it says ("Rendering", "Queued").
    words: &'static str,
) -> impl IntoView {
    view! {
        <div class="tile pending" role="img" aria-label=words
            style:width=format!("{}px", size.0) style:height=format!("{}px", size.1)>
            <span class="pending-words">{words}</span>
        </div>
    }
}

/// A result that did not come: why, and what to do.
#[component]
pub fn MissingTile(
    /// The tile's size in CSS pixels.
    size: (f64, f64),
    /// The headline ("Failed", "Cancelled").
    headline: String,
    /// What happened and what to do.
    detail: String,
    /// Warning (amber) rather than error (red).
    #[prop(optional)]
    warning: bool,
) -> impl IntoView {
    let name = headline.clone();
    view! {
        <div class="tile missing" class:warning=warning role="group" aria-label=name
            style:width=format!("{}px", size.0) style:height=format!("{}px", size.1)>
            <Glyph icon=Icon::Alert size=20 />
            <strong>{headline}</strong>
            <p>{detail}</p>
        </div>
    }
}
