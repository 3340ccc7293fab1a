//! The right column: history tools, then the jobs newest first, each with its images. Only
//! the jobs on screen are in the page (1,000 results stay smooth); every block's height
//! comes from the layout, so the list keeps its exact length with the rest left out.

use super::items::{job_aspect, shown_slots, use_shown};
use super::job_block::JobBlock;
use super::job_line::RecentDurations;
use super::starters::Starters;
use super::toolbar::Toolbar;
use super::viewport::track_viewport;
use crate::components::lazy::{chunks, Lazy};
use crate::domain::feed_layout::{block_height, tiles, window, FeedSpec, Tiles};
use crate::domain::{JobState, Slot};
use crate::jobs::job::Job;
use crate::state::feed::{use_feed, Feed};
use crate::state::selection::use_selection;
use crate::state::storage::use_storage_status;
use leptos::prelude::*;

/// How long the last finished jobs took (ms), newest first, at most 20.
pub fn recent_durations(feed: Feed) -> Memo<Vec<f64>> {
    Memo::new(move |_| {
        feed.jobs().with(|jobs| {
            jobs.iter()
                .filter(|j| j.state.get() == JobState::Done)
                .filter_map(|j| j.ended_ms.get().map(|end| end - j.started_ms()))
                .take(20)
                .collect()
        })
    })
}

/// One job as laid out: its tiles and its block's height.
type Placed = (Job, Tiles, f64);

/// Every shown job laid out at this width (tracks the jobs' results and the filters).
fn layout(feed: Feed, jobs: Memo<Vec<Job>>, width: Memo<f64>) -> Memo<Vec<Placed>> {
    Memo::new(move |_| {
        let width = width.get();
        let spec = FeedSpec::for_width(width);
        let favourites_only = feed.filter().with(|f| f.favourites_only);
        jobs.with(|jobs| {
            jobs.iter()
                .map(|job| {
                    let count = shown_slots(*job, favourites_only)
                        .iter()
                        .filter(|(_, s)| !matches!(s, Slot::Deleted(_)))
                        .count();
                    let t = tiles(count, job_aspect(*job), width, spec);
                    (*job, t, block_height(t, spec))
                })
                .collect()
        })
    })
}

/// The feed column.
#[component]
pub fn FeedColumn() -> impl IntoView {
    let feed = use_feed();
    let status = use_storage_status();
    let selection = use_selection();
    let selecting = Memo::new(move |_| selection.keys().with(|k| !k.is_empty()));
    let (jobs, items) = (use_shown().jobs, use_shown().items);
    provide_context(RecentDurations(recent_durations(feed)));
    let list = NodeRef::<leptos::html::Div>::new();
    let scroller = NodeRef::<leptos::html::Section>::new();
    let (view, measure) = track_viewport(list, scroller);
    let width = Memo::new(move |_| view.get().width.max(280.0));
    let placed = layout(feed, jobs, width);
    let spec = Memo::new(move |_| FeedSpec::for_width(width.get()));
    let win = Memo::new(move |_| {
        let v = view.get();
        placed.with(|p| {
            let heights: Vec<f64> = p.iter().map(|x| x.2).collect();
            window(&heights, v.scrolled, v.height, spec.get())
        })
    });
    let visible = move || {
        let w = win.get();
        placed.with(|p| p[w.first.min(p.len())..w.end.min(p.len())].to_vec())
    };
    let all = feed.jobs();
    let nothing_yet = move || status.ready().get() && all.with(Vec::is_empty);
    let none_match = move || !all.with(Vec::is_empty) && jobs.with(Vec::is_empty);
    let select_all = move |ev: web_sys::KeyboardEvent| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("a") && !typing {
            ev.prevent_default();
            selection.set_all(items.with_untracked(|l| l.iter().map(|i| i.key.clone()).collect()));
        }
    };
    view! {
        <section class="feed" id="feed" aria-label="Feed" node_ref=scroller
            on:scroll=move |_| measure() on:keydown=select_all>
            <Toolbar />
            <Show when=nothing_yet>
                <Starters />
            </Show>
            <Show when=none_match>
                <div class="empty-filter" role="status">
                    <p>"No jobs match the search and filters."</p>
                    <button type="button" class="quiet" on:click=move |_| feed.edit_filter(|f| *f = Default::default())>
                        "Show all jobs"
                    </button>
                </div>
            </Show>
            <div class="job-list" role="feed" aria-label="Jobs" aria-busy=move || (!status.ready().get()).to_string()
                node_ref=list
                style:padding-top=move || format!("{}px", win.get().pad_top)
                style:padding-bottom=move || format!("{}px", win.get().pad_bottom)
                data-total=move || items.with(Vec::len)>
                <For each=visible
                    key=move |(job, t, h)| (job.id, t.per_row, t.row_height as u32, *h as u32,
                        feed.filter().with_untracked(|f| f.favourites_only))
                    children=move |(job, t, _)| {
                        let favourites_only = feed.filter().with_untracked(|f| f.favourites_only);
                        view! { <JobBlock job tiles=t spec=spec.get_untracked() favourites_only /> }
                    } />
            </div>
            <Show when=move || selecting.get()>
                <Lazy load=chunks::selection />
            </Show>
        </section>
    }
}
