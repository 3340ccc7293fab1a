//! One job in the feed: its line (state in words, prompt, time, cost, actions) and under it
//! its images at their own shape, in rows.

use super::gone_tile::GoneTile;
use super::items::{result_key, shown_slots, GalleryItem};
use super::job_line::JobLine;
use super::tile::{MissingTile, PendingTile, ResultTile};
use crate::domain::feed_layout::{block_height, FeedSpec, Tiles};
use crate::domain::{JobError, JobState, Remedy, Slot};
use crate::jobs::job::Job;
use leptos::prelude::*;

/// What to do about a failure, in words.
pub fn remedy_words(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::Retry => "Retry sends it again.",
        Remedy::ChangeRequest => "Change the prompt or the setting, then send it again.",
        Remedy::FixSettings => "Check Settings (or sign in again), then send it again.",
    }
}

/// What a tile without an image says.
fn missing(
    state: JobState,
    reason: &str,
    error: Option<&JobError>,
    first: bool,
) -> (String, String, bool) {
    match (state, error) {
        (JobState::Cancelled, _) => (
            "Cancelled".into(),
            "Stopped waiting here only: Runware has no cancel, so it still runs and is billed."
                .into(),
            true,
        ),
        (_, Some(e)) if first => (
            e.headline.clone(),
            format!("{} {}", e.detail, remedy_words(e.remedy)),
            false,
        ),
        _ => ("Not produced".into(), reason.to_owned(), false),
    }
}

/// The kind of a tile, from its slot and the job's state: a tile that changes kind is drawn
/// anew.
fn kind(slot: &Slot, state: JobState) -> u8 {
    match (slot, state) {
        (Slot::Waiting, JobState::Queued) => 0,
        (Slot::Waiting, JobState::Cancelled) => 1,
        (Slot::Waiting, _) => 2,
        (Slot::Done(_), _) => 3,
        (Slot::Failed(_), _) => 4,
        (Slot::Deleted(_), _) => 5,
    }
}

/// A job with its tiles laid out by `tiles`.
#[component]
pub fn JobBlock(
    /// The job shown.
    job: Job,
    /// How its tiles are laid out.
    tiles: Tiles,
    /// Only its starred results are shown.
    favourites_only: bool,
    /// The feed's sizes (line, gaps).
    spec: FeedSpec,
) -> impl IntoView {
    let height = block_height(tiles, spec) - spec.block_gap;
    let gap = spec.gap;
    let size = (tiles.tile_width, tiles.row_height);
    let slots = Memo::new(move |_| {
        let state = job.state.get();
        shown_slots(job, favourites_only)
            .into_iter()
            .filter(|(_, s)| !matches!(s, Slot::Deleted(_)))
            .map(|(i, s)| (i, kind(&s, state), s))
            .collect::<Vec<_>>()
    });
    let first_failed = Memo::new(move |_| {
        slots.with(|s| {
            s.iter()
                .find(|(_, _, s)| matches!(s, Slot::Failed(_)))
                .map(|(i, _, _)| *i)
        })
    });
    let copies = crate::state::copies::use_copies();
    let tile = move |(i, _, slot): (usize, u8, Slot)| match slot {
        Slot::Done(meta) => {
            let item = GalleryItem {
                key: result_key(job, i, &meta),
                job,
                slot: i,
                meta,
            };
            let key = item.key.clone();
            let gone = Memo::new(move |_| copies.is_gone(&key));
            (move || {
                let item = item.clone();
                if gone.get() {
                    view! { <GoneTile item size /> }.into_any()
                } else {
                    view! { <ResultTile item size /> }.into_any()
                }
            })
            .into_any()
        }
        Slot::Waiting if job.state.get_untracked() == JobState::Cancelled => {
            let (h, d, w) = missing(JobState::Cancelled, "", None, false);
            view! { <MissingTile size headline=h detail=d warning=w /> }.into_any()
        }
        Slot::Waiting => {
            let words = if job.state.get_untracked() == JobState::Queued {
                "Queued"
            } else {
                "Rendering"
            };
            view! { <PendingTile size words /> }.into_any()
        }
        Slot::Failed(reason) => {
            let error = job.error.get_untracked();
            let first = first_failed.get_untracked() == Some(i);
            let (h, d, w) = missing(job.state.get_untracked(), &reason, error.as_ref(), first);
            view! { <MissingTile size headline=h detail=d warning=w /> }.into_any()
        }
        Slot::Deleted(_) => ().into_any(),
    };
    view! {
        <article class="job" aria-label=move || format!("Job: {}", crate::domain::text::excerpt(&job.prompt(), 60))
            style:height=format!("{height}px") style:margin-bottom=format!("{}px", spec.block_gap)>
            <JobLine job height=spec.line />
            <div class="job-tiles" style:gap=format!("{gap}px")>
                <For each=move || slots.get() key=|(i, k, _)| (*i, *k) children=tile />
            </div>
        </article>
    }
}
