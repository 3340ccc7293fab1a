//! The viewer's lineage of an image: the result it was edited from, the jobs edited from it,
//! the way back to the original, and the feed filtered to the whole chain.

use super::items::GalleryItem;
use crate::domain::lineage::{chain, children, root, Parent};
use crate::domain::Slot;
use crate::jobs::job::{result_key, Job};
use crate::state::feed::use_feed;
use crate::state::overlay::use_overlay;
use leptos::prelude::*;

/// A result by job and slot, as the viewer opens it: its key and its picture.
fn result_of(job: Job, slot: usize) -> Option<(String, String)> {
    job.slots.with_untracked(|s| match s.get(slot) {
        Some(Slot::Done(m)) => Some((result_key(job, slot, m), m.src.clone())),
        _ => None,
    })
}

/// The first finished result of a job.
fn first_result(job: Job) -> Option<(String, String)> {
    let n = job.slots.with_untracked(Vec::len);
    (0..n).find_map(|i| result_of(job, i))
}

/// The lineage section, shown when the image has a parent or children.
#[component]
pub fn Lineage(
    /// The image shown.
    item: GalleryItem,
) -> impl IntoView {
    let feed = use_feed();
    let overlay = use_overlay();
    let jobs = feed.jobs().get_untracked();
    let parents: Vec<(String, Option<Parent>)> = jobs
        .iter()
        .map(|j| j.with_info(|i| (i.task_uuid.clone(), i.parent.clone())))
        .collect();
    let tree: Vec<(&str, Option<&Parent>)> = parents
        .iter()
        .map(|(t, p)| (t.as_str(), p.as_ref()))
        .collect();
    let find = |task: &str| jobs.iter().copied().find(|j| j.task_uuid() == task);
    let me = item.job.task_uuid();
    let parent = item
        .job
        .with_info(|i| i.parent.clone())
        .and_then(|p| find(&p.task_uuid).and_then(|j| result_of(j, p.slot)));
    let kids: Vec<(String, String)> = children(&tree, &me, item.slot)
        .iter()
        .filter_map(|t| find(t).and_then(first_result))
        .collect();
    let (root_task, root_slot) = root(&tree, &me, item.slot);
    let original = (root_task != me)
        .then(|| find(&root_task).and_then(|j| result_of(j, root_slot)))
        .flatten();
    let whole: Vec<String> = chain(&tree, &me);
    if parent.is_none() && kids.is_empty() {
        return ().into_any();
    }
    let open = move |key: String| overlay.viewer().set(Some(key));
    let thumb = move |(key, src): (String, String), what: &'static str| {
        view! {
            <li>
                <button type="button" class="lineage-thumb" aria-label=what title=what
                    on:click=move |_| open(key.clone())>
                    <img src=src alt="" loading="lazy" />
                </button>
            </li>
        }
    };
    let count = whole.len();
    view! {
        <section class="lineage" aria-label="Lineage">
            <h3>"Edited from"</h3>
            {match parent {
                Some(p) => view! { <ol class="viewer-refs">{thumb(p, "Open the image it was edited from")}</ol> }.into_any(),
                None => view! { <p class="muted small">"The original of its chain."</p> }.into_any(),
            }}
            {(!kids.is_empty()).then(|| view! {
                <h3>"Edits of it"</h3>
                <ol class="viewer-refs">{kids.into_iter().map(|k| thumb(k, "Open an edit of this image")).collect_view()}</ol>
            })}
            <div class="row">
                {original.map(|(key, _)| view! {
                    <button type="button" class="small" on:click=move |_| open(key.clone())>"Back to the original"</button>
                })}
                <button type="button" class="small" on:click=move |_| {
                    let jobs = whole.clone();
                    feed.edit_filter(|f| f.chain = Some((format!("Edit chain of {count} jobs"), jobs)));
                    overlay.viewer().set(None);
                }>"Show this chain"</button>
            </div>
        </section>
    }
    .into_any()
}
