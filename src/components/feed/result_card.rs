//! One result: the image, its facts, and what can be done with it.

use super::items::GalleryItem;
use crate::browser::copy_js_text;
use crate::domain::job::download_name;
use crate::domain::text::{excerpt, money};
use crate::jobs::actions::{delete, remix, toggle_favourite, use_as_reference};
use crate::jobs::runner::use_runner;
use crate::state::feed::use_feed;
use crate::state::tray::use_tray;
use leptos::prelude::*;

/// A result card in the gallery grid.
#[component]
pub fn ResultCard(
    /// The result shown.
    item: GalleryItem,
    /// The key of the image open in the full-size view.
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let meta = item.meta.clone();
    let prompt = item.prompt();
    let alt = format!(
        "Result {} of “{}”{}",
        item.slot + 1,
        excerpt(&prompt, 80),
        meta.seed.map(|x| format!(", seed {x}")).unwrap_or_default()
    );
    let dims = meta
        .width
        .zip(meta.height)
        .map(|(w, h)| format!("{w} × {h}"));
    let ratio = meta
        .width
        .zip(meta.height)
        .map(|(w, h)| format!("aspect-ratio: {w} / {h}"));
    let (job, slot) = (item.job, item.slot);
    let favourite = Memo::new(move |_| job.favourites.with(|f| f.contains(&slot)));
    let key = item.key.clone();
    view! {
        <figure class="result" role="listitem">
            <button type="button" class="image-button" aria-label=format!("View {alt}")
                on:click=move |_| open.set(Some(key.clone()))>
                <img src=meta.src.clone() alt=alt.clone() loading="lazy" decoding="async" style:aspect-ratio=ratio />
                <Show when=move || favourite.get()>
                    <span class="fav-mark" aria-hidden="true">"★"</span>
                </Show>
            </button>
            <figcaption>
                <span class="excerpt" title=prompt.clone()>{excerpt(&prompt, 60)}</span>
                <span class="tabular">{dims}</span>
                {meta.seed.map(|x| view! { <span class="tabular">"seed " {x}</span> })}
                {meta.cost.map(|c| view! { <span class="tabular">{money(c)}</span> })}
                {meta.nsfw.filter(|n| *n).map(|_| view! { <span class="pill warn">"NSFW"</span> })}
                <span class="mono uuid" title="imageUUID">{meta.image_uuid.clone()}</span>
            </figcaption>
            <ResultActions item favourite />
        </figure>
    }
}

/// Download, copy URL, use as reference, remix, favourite, compare, delete.
#[component]
fn ResultActions(
    /// The result acted on.
    item: GalleryItem,
    /// Whether it is starred.
    favourite: Memo<bool>,
) -> impl IntoView {
    let runner = use_runner();
    let tray = use_tray();
    let feed = use_feed();
    let meta = item.meta.clone();
    let (job, slot) = (item.job, item.slot);
    let file_name = download_name(&item.prompt(), meta.seed, meta.format);
    let copied = RwSignal::new(false);
    let copy_url = meta.remote_url.clone().map(|url| {
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                copied.set(copy_js_text(&url.as_str().into()).await.is_ok());
            });
        }
    });
    let key = item.key.clone();
    let picked = {
        let key = key.clone();
        Memo::new(move |_| feed.compare().with(|c| c.contains(&key)))
    };
    let use_meta = meta.clone();
    let use_name = file_name.clone();
    let confirming = RwSignal::new(false);
    view! {
        <div class="result-actions">
            <a class="button-like" href=meta.src.clone() download=file_name.clone()>"Download"</a>
            {copy_url.map(|f| view! {
                <button type="button" on:click=f>{move || if copied.get() { "Copied" } else { "Copy URL" }}</button>
            })}
            <button type="button" on:click=move |_| use_as_reference(tray, use_meta.clone(), use_name.clone())>"Use as reference"</button>
            <button type="button" on:click=move |_| remix(runner, tray, job)>"Remix"</button>
            <button type="button" aria-pressed=move || favourite.get().to_string()
                aria-label="Favourite" title="Favourite" on:click=move |_| toggle_favourite(runner, job, slot)>
                {move || if favourite.get() { "★" } else { "☆" }}</button>
            <button type="button" aria-pressed=move || picked.get().to_string()
                on:click=move |_| feed.toggle_compare(&key)>"Compare"</button>
            <Show when=move || !confirming.get()>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
            </Show>
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alert">
                <span>"Delete this job and all its results from this browser?"</span>
                <button type="button" class="danger" on:click=move |_| delete(runner, Some(vec![job.task_uuid()]))>"Delete job"</button>
                <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
            </div>
        </Show>
    }
}
