//! One result: the image, its facts, and what can be done with it.

use super::gallery::GalleryItem;
use crate::browser::copy_js_text;
use crate::domain::job::{download_name, excerpt, money};
use crate::studio::use_studio;
use crate::{history, jobs};
use leptos::prelude::*;

/// A result card in the gallery grid.
#[component]
pub fn ResultCard(
    /// The result shown.
    item: GalleryItem,
    /// The key of the image open in the full-size view.
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = use_studio();
    let meta = item.meta.clone();
    let alt = format!(
        "Result {} of “{}”{}",
        item.slot + 1,
        excerpt(&item.prompt, 80),
        meta.seed.map(|x| format!(", seed {x}")).unwrap_or_default()
    );
    let file_name = download_name(&item.prompt, meta.seed, meta.format);
    let dims = meta
        .width
        .zip(meta.height)
        .map(|(w, h)| format!("{w} × {h}"));
    let ratio = meta
        .width
        .zip(meta.height)
        .map(|(w, h)| format!("aspect-ratio: {w} / {h}"));
    let key = item.key.clone();
    let copied = RwSignal::new(false);
    let copy_url = meta.remote_url.clone().map(|url| {
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                copied.set(copy_js_text(&url.as_str().into()).await.is_ok());
            });
        }
    });
    let use_meta = meta.clone();
    let use_name = file_name.clone();
    let job_id = item.job_id;
    let slot = item.slot;
    let find_job = move || {
        s.jobs
            .with_untracked(|j| j.iter().find(|j| j.id == job_id).cloned())
    };
    let favourite = item.favourite;
    let picked = {
        let key = key.clone();
        Memo::new(move |_| s.compare.with(|c| c.contains(&key)))
    };
    let toggle_compare = {
        let key = key.clone();
        move |_| {
            s.compare.update(|c| {
                if let Some(p) = c.iter().position(|k| *k == key) {
                    c.remove(p);
                } else {
                    // Two at a time: picking a third replaces the older pick.
                    if c.len() == 2 {
                        c.remove(0);
                    }
                    c.push(key.clone());
                }
            })
        }
    };
    let confirming = RwSignal::new(false);
    view! {
        <figure class="result" role="listitem">
            <button type="button" class="image-button" aria-label=format!("View {alt}")
                on:click={ let key = key.clone(); move |_| open.set(Some(key.clone())) }>
                <img src=meta.src.clone() alt=alt.clone() loading="lazy" decoding="async" style:aspect-ratio=ratio />
                {favourite.then(|| view! { <span class="fav-mark" aria-hidden="true">"★"</span> })}
            </button>
            <figcaption>
                <span class="excerpt" title=item.prompt.clone()>{excerpt(&item.prompt, 60)}</span>
                <span class="tabular">{dims}</span>
                {meta.seed.map(|x| view! { <span class="tabular">"seed " {x}</span> })}
                {meta.cost.map(|c| view! { <span class="tabular">{money(c)}</span> })}
                {meta.nsfw.filter(|n| *n).map(|_| view! { <span class="pill warn">"NSFW"</span> })}
                <span class="mono uuid" title="imageUUID">{meta.image_uuid.clone()}</span>
            </figcaption>
            <div class="result-actions">
                <a class="button-like" href=meta.src.clone() download=file_name.clone()>"Download"</a>
                {copy_url.map(|f| view! {
                    <button type="button" on:click=f>{move || if copied.get() { "Copied" } else { "Copy URL" }}</button>
                })}
                <button type="button" on:click=move |_| {
                    leptos::task::spawn_local(jobs::use_as_reference(s, use_meta.clone(), use_name.clone()));
                }>"Use as reference"</button>
                <button type="button" on:click=move |_| {
                    if let Some(job) = find_job() {
                        jobs::remix(s, &job);
                    }
                }>"Remix"</button>
                <button type="button" aria-pressed=if favourite { "true" } else { "false" }
                    aria-label="Favourite" title="Favourite" on:click=move |_| {
                        if let Some(job) = find_job() {
                            history::toggle_favourite(s, &job, slot);
                        }
                    }>{if favourite { "★" } else { "☆" }}</button>
                <button type="button" aria-pressed=move || if picked.get() { "true" } else { "false" }
                    on:click=toggle_compare>"Compare"</button>
                <Show when=move || !confirming.get()>
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alert">
                    <span>"Delete this job and all its results from this browser?"</span>
                    <button type="button" class="danger" on:click=move |_| {
                        if let Some(job) = find_job() {
                            history::delete(s, Some(vec![job.task_uuid]));
                        }
                    }>"Delete job"</button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
                </div>
            </Show>
        </figure>
    }
}
