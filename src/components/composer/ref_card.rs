//! One reference in the tray: number, thumbnail, sizes before and after, reorder, remove;
//! and a refused file with its reasons.

use crate::components::shell::icons::{Glyph, Icon};
use crate::domain::form::FormStoreFields;
use crate::domain::refcheck::Downscale;
use crate::domain::text::human_bytes;
use crate::domain::SizeChoice;
use crate::state::composer::use_composer;
use crate::state::tray::{use_tray, RefItem, RefSource, Rejected};
use leptos::prelude::*;

/// What the card shows of an item: thumbnail, details line, note, and whether downscaling can
/// be switched (and is on).
fn facts(item: &RefItem) -> (Option<String>, String, Option<String>, bool, bool) {
    match &item.source {
        RefSource::Local(f) => (
            Some(f.thumb_url.clone()),
            format!(
                "{} × {} · {} · {}",
                f.width,
                f.height,
                human_bytes(f.bytes),
                f.mime.trim_start_matches("image/").to_ascii_uppercase()
            ),
            f.note.clone(),
            f.oversized,
            f.downscale == Downscale::ToLimit,
        ),
        RefSource::Text(t) if t.starts_with("http") => {
            (Some(t.clone()), "URL".to_owned(), None, false, false)
        }
        RefSource::Text(t) if t.len() == 36 => (None, "image UUID".to_owned(), None, false, false),
        RefSource::Text(t) => (None, human_bytes(t.len() as f64), None, false, false),
    }
}

/// A reference item.
#[component]
pub fn RefCard(
    /// The reference shown.
    item: RefItem,
) -> impl IntoView {
    let tray = use_tray();
    let mentions = crate::state::mentions::use_mentions();
    let items = tray.items();
    let id = item.id;
    let position =
        Memo::new(move |_| items.with(|r| r.iter().position(|i| i.id == id).unwrap_or(0)));
    let total = Memo::new(move |_| items.with(Vec::len));
    let size = use_composer().form().size();
    let matches_first = Memo::new(move |_| matches!(size.get(), SizeChoice::MatchFirst(_)));
    let is_aspect_source = move || position.get() == 0 && matches_first.get();
    let (thumb, details, note, can_toggle, downscale) = facts(&item);
    let label = item.label();
    view! {
        <li
            class="ref"
            aria-label={
                let label = label.clone();
                move || format!("Reference {}: {label}", position.get() + 1)
            }
            draggable="true"
            on:dragstart=move |ev| {
                if let Some(dt) = ev.data_transfer() {
                    dt.set_data("text/x-kling-ref", &id.to_string()).ok();
                    dt.set_effect_allowed("move");
                }
            }
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                let from = ev.data_transfer().and_then(|d| d.get_data("text/x-kling-ref").ok()).and_then(|v| v.parse().ok());
                if let Some(from) = from {
                    ev.prevent_default();
                    ev.stop_propagation();
                    mentions.change_tray(|t| t.move_to(from, id));
                }
            }
        >
            <span class="thumb-wrap">
                {match thumb {
                    Some(src) => view! { <img class="thumb" src=src alt="" loading="lazy" /> }.into_any(),
                    None => view! { <span class="thumb-none" aria-hidden="true"></span> }.into_any(),
                }}
                <span class="badge" aria-label=move || format!("Reference {}", position.get() + 1)>{move || position.get() + 1}</span>
            </span>
            <span class="ref-meta">
                <span class="ref-name" title=label.clone()>{label.clone()}</span>
                {move || tray.label_of(id).map(|t| view! { <span class="ref-tag">{t}</span> })}
                <span class="muted ref-details" title=details.clone()>{details.clone()}</span>
                {note.map(|n| view! { <span class="muted">{n}</span> })}
                <Show when=is_aspect_source>
                    <span class="aspect-source">"Decides the aspect ratio"</span>
                </Show>
                {can_toggle.then(|| view! {
                    <label class="check small">
                        <input type="checkbox" prop:checked=downscale on:change=move |_| tray.toggle_downscale(id) />
                        "Downscale to 2048 px"
                    </label>
                })}
            </span>
            <span class="ref-actions">
                <button type="button" class="icon-button" aria-label=move || format!("Move reference {} up", position.get() + 1)
                    title="Move up" disabled=move || position.get() == 0 on:click=move |_| mentions.change_tray(|t| t.move_by(id, -1))>
                    <Glyph icon=Icon::Up size=16 /></button>
                <button type="button" class="icon-button" aria-label=move || format!("Move reference {} down", position.get() + 1)
                    title="Move down" disabled=move || { position.get() + 1 >= total.get() } on:click=move |_| mentions.change_tray(|t| t.move_by(id, 1))>
                    <Glyph icon=Icon::Down size=16 /></button>
                <button type="button" class="icon-button" aria-label=move || format!("Remove reference {}", position.get() + 1)
                    title="Remove" on:click=move |_| mentions.change_tray(|t| t.remove(id))>
                    <Glyph icon=Icon::Close size=16 /></button>
            </span>
        </li>
    }
}

/// A refused file and why; never sent.
#[component]
pub fn RejectedCard(
    /// The refused file.
    item: Rejected,
) -> impl IntoView {
    let tray = use_tray();
    let id = item.id;
    view! {
        <li class="ref rejected" role="alert">
            <span class="ref-meta">
                <span class="ref-name">{item.name.clone()} " — not added"</span>
                {item.problems.into_iter().map(|p| view! { <span class="problem">{p}</span> }).collect_view()}
            </span>
            <button type="button" class="icon-button" aria-label=format!("Dismiss {}", item.name)
                title="Dismiss" on:click=move |_| tray.dismiss_rejected(id)><Glyph icon=Icon::Close size=16 /></button>
        </li>
    }
}
