//! The right column: history tools, jobs that need attention, then results newest first in
//! a virtualised grid (only rows on screen are in the DOM, so 1,000 results stay smooth).

use super::compare::{CompareBar, CompareView};
use super::history_bar::HistoryBar;
use super::items::{gallery_items, Items};
use super::job_card::JobCard;
use super::lightbox::Lightbox;
use super::result_card::ResultCard;
use super::viewport::track_viewport;
use crate::domain::grid::{window, CellSpec};
use crate::domain::history::StateFilter;
use crate::domain::JobState;
use crate::jobs::job::{Job, Origin};
use crate::state::feed::{use_feed, Feed};
use crate::state::storage::use_storage_status;
use leptos::prelude::*;

/// Job cards shown at once; the rest are reachable through the filters.
const MAX_CARDS: usize = 50;

/// Whether a job shows as a card: everything of this visit (or finished during it), and from
/// history what is unfinished or went wrong (finished ones appear as results) unless the
/// state filter asks for them.
fn shows_card(feed: Feed, job: Job, state_filter: StateFilter) -> bool {
    job.origin() == Origin::ThisVisit
        || job.state.get() != JobState::Done
        || job.ended_ms.get().is_some_and(|t| t >= feed.opened_ms())
        || state_filter == StateFilter::Only(JobState::Done)
}

/// The jobs shown as cards, and how many more there are.
fn card_jobs(feed: Feed) -> Memo<(Vec<Job>, usize)> {
    Memo::new(move |_| {
        let filter = feed.filter().get();
        let all: Vec<Job> = feed.jobs().with(|jobs| {
            jobs.iter()
                .filter(|j| j.passes(&filter) && shows_card(feed, **j, filter.state))
                .copied()
                .collect()
        });
        let hidden = all.len().saturating_sub(MAX_CARDS);
        (all.into_iter().take(MAX_CARDS).collect(), hidden)
    })
}

/// The gallery region.
#[component]
pub fn Gallery() -> impl IntoView {
    let feed = use_feed();
    let status = use_storage_status();
    let items = gallery_items(feed);
    provide_context(Items(items));
    let cards = card_jobs(feed);
    let open = RwSignal::new(None::<String>);
    let comparing = RwSignal::new(false);
    let grid = NodeRef::<leptos::html::Div>::new();
    let (view, measure) = track_viewport(grid);
    let win = Memo::new(move |_| window(items.with(Vec::len), view.get(), CellSpec::default()));
    let visible = move || {
        let w = win.get();
        items.with(|l| l[w.first.min(l.len())..w.end.min(l.len())].to_vec())
    };
    let jobs = feed.jobs();
    let nothing_yet = move || status.ready().get() && jobs.with(Vec::is_empty);
    let none_match = move || {
        !jobs.with(Vec::is_empty)
            && feed.filter().with(|f| f.is_active())
            && items.with(Vec::is_empty)
    };
    view! {
        <section class="gallery" aria-label="Gallery" on:scroll=move |_| measure()>
            <HistoryBar />
            <CompareBar comparing />
            <Show when=nothing_yet>
                <div class="empty">
                    <p class="empty-title">"Nothing here yet"</p>
                    <p class="muted">"Describe a shot and press Generate, or drop reference images on the tray."</p>
                </div>
            </Show>
            <Show when=none_match>
                <p class="empty muted" role="status">"No results match the search and filters."</p>
            </Show>
            <div class="jobs" aria-label="Jobs" role="list">
                <For each=move || cards.get().0 key=|j| j.id children=move |job| view! { <JobCard job /> } />
            </div>
            {move || (cards.get().1 > 0).then(|| view! {
                <p class="muted small">{format!("{} more jobs: narrow the search or filter to see them.", cards.get().1)}</p>
            })}
            <div class="grid" role="list" aria-label="Results" node_ref=grid
                style:grid-template-columns=move || format!("repeat({}, minmax(0, 1fr))", win.get().columns)
                style:grid-auto-rows=move || format!("{}px", win.get().row_height)
                style:padding-top=move || format!("{}px", win.get().pad_top)
                style:padding-bottom=move || format!("{}px", win.get().pad_bottom)
                data-total=move || items.with(Vec::len)>
                <For each=visible key=|i| i.key.clone()
                    children=move |item| view! { <ResultCard item open /> } />
            </div>
            <Lightbox open />
            <CompareView comparing />
        </section>
    }
}
