//! The right column: history tools, jobs that need attention, then results newest first in
//! a virtualised grid (only rows on screen are in the DOM, so 1,000 results stay smooth).

use super::compare::{CompareBar, CompareView};
use super::history_bar::HistoryBar;
use super::job_card::JobCard;
use super::lightbox::Lightbox;
use super::result_card::ResultCard;
use crate::domain::grid::{window, CellSpec, Viewport};
use crate::domain::history::StateFilter;
use crate::domain::{JobState, ResultMeta, Slot};
use crate::studio::{use_studio, Job};
use leptos::prelude::*;

/// Job cards shown at once; the rest are reachable through the filters.
const MAX_CARDS: usize = 50;

/// One image in the gallery.
#[derive(Clone, Debug, PartialEq)]
pub struct GalleryItem {
    /// Stable across updates: the image UUID, else job and slot.
    pub key: String,
    pub job_id: u64,
    pub slot: usize,
    pub prompt: String,
    pub favourite: bool,
    pub meta: ResultMeta,
}

/// Every finished result passing the filters, newest job first, in slot order.
pub fn gallery_items() -> Memo<Vec<GalleryItem>> {
    let s = use_studio();
    Memo::new(move |_| {
        let filter = s.filter.get();
        s.jobs.with(|jobs| {
            jobs.iter()
                .filter(|job| filter.keeps_job(&job.form.prompt, job.state.get()))
                .flat_map(|job| {
                    let favourites = job.favourites.get();
                    job.slots.with(|slots| {
                        slots
                            .iter()
                            .enumerate()
                            .filter_map(|(i, slot)| match slot {
                                Slot::Done(meta)
                                    if filter.keeps_result(favourites.contains(&i)) =>
                                {
                                    Some(GalleryItem {
                                        key: if meta.image_uuid.is_empty() {
                                            format!("{}-{i}", job.id)
                                        } else {
                                            meta.image_uuid.clone()
                                        },
                                        job_id: job.id,
                                        slot: i,
                                        prompt: job.form.prompt.clone(),
                                        favourite: favourites.contains(&i),
                                        meta: meta.clone(),
                                    })
                                }
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect()
        })
    })
}

/// Jobs shown as cards: everything of this visit (or finished during it), and from history
/// what is unfinished or went wrong (finished ones appear as results) unless the state filter
/// asks for them.
fn card_jobs() -> impl Fn() -> (Vec<Job>, usize) + Copy {
    let s = use_studio();
    move || {
        let filter = s.filter.get();
        let all: Vec<Job> = s.jobs.with(|jobs| {
            jobs.iter()
                .filter(|j| {
                    j.passes(&filter)
                        && (!j.from_history
                            || j.state.get() != JobState::Done
                            || j.ended_ms.get().is_some_and(|t| t >= s.opened_ms)
                            || filter.state == StateFilter::Only(JobState::Done))
                })
                .cloned()
                .collect()
        });
        let hidden = all.len().saturating_sub(MAX_CARDS);
        (all.into_iter().take(MAX_CARDS).collect(), hidden)
    }
}

/// Where the grid is on screen, read from layout (scroll, resize, and a slow tick for
/// layout shifts such as a job card appearing above it).
fn track_viewport(grid: NodeRef<leptos::html::Div>) -> (RwSignal<Viewport>, impl Fn() + Copy) {
    let view = RwSignal::new(Viewport::default());
    let measure = move || {
        let Some(el) = grid.get_untracked() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let win_h = crate::browser::window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        let (top, bottom) = match el.parent_element() {
            Some(p) => {
                let pr = p.get_bounding_client_rect();
                (pr.top().max(0.0), pr.bottom().min(win_h))
            }
            None => (0.0, win_h),
        };
        let next = Viewport {
            width: rect.width(),
            scrolled: top - rect.top(),
            height: (bottom - top).max(0.0),
        };
        if view.get_untracked() != next {
            view.set(next);
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    let scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let tick = set_interval_with_handle(measure, std::time::Duration::from_millis(250)).ok();
    request_animation_frame(measure);
    on_cleanup(move || {
        resize.remove();
        scroll.remove();
        if let Some(t) = tick {
            t.clear();
        }
    });
    (view, measure)
}

/// The gallery region.
#[component]
pub fn Gallery() -> impl IntoView {
    let s = use_studio();
    let items = gallery_items();
    let cards = card_jobs();
    let open = RwSignal::new(None::<String>);
    let comparing = RwSignal::new(false);
    provide_context(items);
    let grid = NodeRef::<leptos::html::Div>::new();
    let (view, measure) = track_viewport(grid);
    let win = Memo::new(move |_| window(items.with(Vec::len), view.get(), CellSpec::default()));
    let visible = move || {
        let w = win.get();
        items.with(|l| l[w.first.min(l.len())..w.end.min(l.len())].to_vec())
    };
    let nothing_yet = move || s.history_ready.get() && s.jobs.with(Vec::is_empty);
    let none_match = move || {
        !s.jobs.with(Vec::is_empty) && s.filter.with(|f| f.is_active()) && items.with(Vec::is_empty)
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
                <For each=move || cards().0 key=|j| j.id children=move |job| view! { <JobCard job /> } />
            </div>
            {move || (cards().1 > 0).then(|| view! {
                <p class="muted small">{format!("{} more jobs: narrow the search or filter to see them.", cards().1)}</p>
            })}
            <div class="grid" role="list" aria-label="Results" node_ref=grid
                style:grid-template-columns=move || format!("repeat({}, minmax(0, 1fr))", win.get().columns)
                style:grid-auto-rows=move || format!("{}px", win.get().row_height)
                style:padding-top=move || format!("{}px", win.get().pad_top)
                style:padding-bottom=move || format!("{}px", win.get().pad_bottom)
                data-total=move || items.with(Vec::len)>
                <For each=visible key=|i| (i.key.clone(), i.favourite)
                    children=move |item| view! { <ResultCard item open /> } />
            </div>
            <Lightbox open />
            <CompareView comparing />
        </section>
    }
}
