//! What the feed shows, derived from the jobs and the filters: the jobs in time order, and
//! every finished result in the same order (for the viewer's arrows and the selection).

use crate::domain::history::StoredRef;
use crate::domain::{ResultMeta, SizeChoice, Slot};
use crate::jobs::job::Job;
use crate::state::copies::Copies;
use crate::state::feed::Feed;
use leptos::prelude::*;

/// One finished result.
#[derive(Clone, Debug, PartialEq)]
pub struct GalleryItem {
    /// Stable across updates: the image UUID, else job and slot.
    pub key: String,
    pub job: Job,
    pub slot: usize,
    pub meta: ResultMeta,
}

impl GalleryItem {
    pub fn prompt(&self) -> String {
        self.job.prompt()
    }
}

pub use crate::jobs::job::result_key;

/// The slots of a job the feed shows (with favourites only: its starred results).
pub fn shown_slots(job: Job, favourites_only: bool) -> Vec<(usize, Slot)> {
    let favourites = job.favourites.get();
    job.slots.with(|slots| {
        slots
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                !favourites_only || (matches!(s, Slot::Done(_)) && favourites.contains(i))
            })
            .map(|(i, s)| (i, s.clone()))
            .collect()
    })
}

/// The jobs passing the filters, newest first (tracked).
pub fn shown_jobs(feed: Feed) -> Memo<Vec<Job>> {
    Memo::new(move |_| {
        let filter = feed.filter().get();
        feed.jobs().with(|jobs| {
            jobs.iter()
                .copied()
                .filter(|job| job.passes(&filter))
                .collect()
        })
    })
}

/// Every finished result of the shown jobs that can still be shown, in feed order.
pub fn gallery_items(feed: Feed, jobs: Memo<Vec<Job>>, copies: Copies) -> Memo<Vec<GalleryItem>> {
    Memo::new(move |_| {
        let favourites_only = feed.filter().with(|f| f.favourites_only);
        jobs.with(|jobs| {
            jobs.iter()
                .flat_map(|job| {
                    shown_slots(*job, favourites_only)
                        .into_iter()
                        .filter_map(move |(slot, s)| match s {
                            Slot::Done(meta) => {
                                let key = result_key(*job, slot, &meta);
                                (!copies.is_gone(&key)).then_some(GalleryItem {
                                    key,
                                    job: *job,
                                    slot,
                                    meta,
                                })
                            }
                            _ => None,
                        })
                })
                .collect()
        })
    })
}

/// The shape of a job's images (width / height): the size asked for, else the first
/// reference's when known, else the first result's, else square.
pub fn job_aspect(job: Job) -> f64 {
    let asked = job.with_info(|i| match i.form.size {
        SizeChoice::Fixed(size) => Some(f64::from(size.width()) / f64::from(size.height())),
        SizeChoice::MatchFirst(_) => match i.stored_refs.first() {
            Some(StoredRef::Local { width, height, .. }) if *height > 0 => {
                Some(f64::from(*width) / f64::from(*height))
            }
            _ => None,
        },
    });
    asked
        .or_else(|| {
            job.slots.with(|slots| {
                slots.iter().find_map(|s| match s {
                    Slot::Done(ResultMeta {
                        width: Some(w),
                        height: Some(h),
                        ..
                    }) if *h > 0 => Some(f64::from(*w) / f64::from(*h)),
                    _ => None,
                })
            })
        })
        .unwrap_or(1.0)
}

/// What the feed shows, shared by the list, the viewer and the comparison.
#[derive(Clone, Copy)]
pub struct Shown {
    /// The jobs passing the filters, newest first.
    pub jobs: Memo<Vec<Job>>,
    /// Their finished results, in the same order.
    pub items: Memo<Vec<GalleryItem>>,
}

/// Derives and provides what the feed shows (once, for the whole app).
pub fn provide_shown(feed: Feed, copies: Copies) -> Shown {
    let jobs = shown_jobs(feed);
    let shown = Shown {
        jobs,
        items: gallery_items(feed, jobs, copies),
    };
    provide_context(shown);
    shown
}

pub fn use_shown() -> Shown {
    expect_context()
}

pub fn use_items() -> Memo<Vec<GalleryItem>> {
    use_shown().items
}
