//! One reference in the tray: number, thumbnail, sizes before and after, reorder, remove;
//! and a refused file with its reasons.

use crate::browser::{prepare::prepare, revoke_object_url};
use crate::domain::payload::human_bytes;
use crate::domain::SizeChoice;
use crate::studio::{use_studio, RefItem, RefSource, Rejected, Studio};
use leptos::prelude::*;

fn remove(s: Studio, id: u64) {
    let removed = s
        .refs
        .with_untracked(|r| r.iter().find(|i| i.id == id).cloned());
    s.refs.update(|r| r.retain(|i| i.id != id));
    s.tray_notice.set(None);
    if let Some(RefItem {
        source: RefSource::Local(f),
        ..
    }) = removed
    {
        // A job may still show this thumbnail (remix); only revoke what nothing uses.
        let in_use = s.jobs.with_untracked(|jobs| {
            jobs.iter().any(|j| {
                j.refs
                    .iter()
                    .any(|r| matches!(&r.source, RefSource::Local(g) if g.thumb_url == f.thumb_url))
            })
        });
        if !in_use {
            revoke_object_url(&f.thumb_url);
        }
    }
}

/// Prepares the same file again with downscaling switched, keeping its place.
fn toggle_downscale(s: Studio, id: u64) {
    let Some(RefSource::Local(f)) = s
        .refs
        .with_untracked(|r| r.iter().find(|i| i.id == id).map(|i| i.source.clone()))
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        match prepare(&f.original, &f.name, !f.downscale).await {
            Ok(next) => {
                s.refs.update(|r| {
                    if let Some(item) = r.iter_mut().find(|i| i.id == id) {
                        item.source = RefSource::Local(next);
                    }
                });
                revoke_object_url(&f.thumb_url);
            }
            Err(problems) => s.tray_notice.set(Some(problems.join(" "))),
        }
    });
}

/// A reference item.
#[component]
pub fn RefCard(
    /// The reference shown.
    item: RefItem,
) -> impl IntoView {
    let s = use_studio();
    let id = item.id;
    let position = Memo::new(move |_| {
        s.refs
            .with(|r| r.iter().position(|i| i.id == id).unwrap_or(0))
    });
    let total = Memo::new(move |_| s.refs.with(Vec::len));
    let is_aspect_source =
        move || position.get() == 0 && matches!(s.form.with(|f| f.size), SizeChoice::MatchFirst(_));
    let (thumb, details, note, can_toggle, downscale) = match &item.source {
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
            f.downscale,
        ),
        RefSource::Text(t) if t.starts_with("http") => {
            (Some(t.clone()), "URL".to_owned(), None, false, false)
        }
        RefSource::Text(t) if t.len() == 36 => (None, "image UUID".to_owned(), None, false, false),
        RefSource::Text(t) => (None, human_bytes(t.len() as f64), None, false, false),
    };
    let label = item.label();
    view! {
        <li
            class="ref"
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
                    s.move_ref_to(from, id);
                }
            }
        >
            <span class="ref-number" aria-label=move || format!("Reference {}", position.get() + 1)>{move || position.get() + 1}</span>
            {thumb.map(|src| view! { <img class="thumb" src=src alt="" loading="lazy" /> })}
            <span class="ref-meta">
                <span class="ref-name" title=label.clone()>{label.clone()}</span>
                <span class="muted">{details}</span>
                {note.map(|n| view! { <span class="muted">{n}</span> })}
                <Show when=is_aspect_source>
                    <span class="aspect-source">"Decides the aspect ratio"</span>
                </Show>
                {can_toggle.then(|| view! {
                    <label class="check small">
                        <input type="checkbox" prop:checked=downscale on:change=move |_| toggle_downscale(s, id) />
                        "Downscale to 2048 px"
                    </label>
                })}
            </span>
            <span class="ref-actions">
                <button type="button" class="icon" aria-label=move || format!("Move reference {} up", position.get() + 1)
                    disabled=move || position.get() == 0 on:click=move |_| s.move_ref(id, -1)>"↑"</button>
                <button type="button" class="icon" aria-label=move || format!("Move reference {} down", position.get() + 1)
                    disabled=move || { position.get() + 1 >= total.get() } on:click=move |_| s.move_ref(id, 1)>"↓"</button>
                <button type="button" class="icon" aria-label=move || format!("Remove reference {}", position.get() + 1)
                    on:click=move |_| remove(s, id)>"×"</button>
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
    let s = use_studio();
    let id = item.id;
    view! {
        <li class="ref rejected" role="alert">
            <span class="ref-meta">
                <span class="ref-name">{item.name.clone()} " — not added"</span>
                {item.problems.into_iter().map(|p| view! { <span class="problem">{p}</span> }).collect_view()}
            </span>
            <button type="button" class="icon" aria-label=format!("Dismiss {}", item.name)
                on:click=move |_| s.rejected.update(|r| r.retain(|x| x.id != id))>"×"</button>
        </li>
    }
}
