//! The results the gallery shows, derived from the jobs and the filters.

use crate::domain::{ResultMeta, Slot};
use crate::jobs::job::Job;
use crate::state::feed::Feed;
use leptos::prelude::*;

/// One image in the gallery.
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

/// The items of one job that pass the filters (tracked: favourites and slots).
fn items_of(job: Job, favourites_only: bool) -> Vec<GalleryItem> {
    let favourites = job.favourites.get();
    job.slots.with(|slots| {
        slots
            .iter()
            .enumerate()
            .filter_map(|(i, slot)| match slot {
                Slot::Done(meta) if !favourites_only || favourites.contains(&i) => {
                    Some(GalleryItem {
                        key: if meta.image_uuid.is_empty() {
                            format!("{}-{i}", job.id.0)
                        } else {
                            meta.image_uuid.clone()
                        },
                        job,
                        slot: i,
                        meta: meta.clone(),
                    })
                }
                _ => None,
            })
            .collect()
    })
}

/// Every finished result passing the filters, newest job first, in slot order.
pub fn gallery_items(feed: Feed) -> Memo<Vec<GalleryItem>> {
    Memo::new(move |_| {
        let filter = feed.filter().get();
        feed.jobs().with(|jobs| {
            jobs.iter()
                .filter(|job| job.with_info(|i| filter.keeps_job(&i.form.prompt, job.state.get())))
                .flat_map(|job| items_of(*job, filter.favourites_only))
                .collect()
        })
    })
}

/// The gallery's items, shared by the grid, the lightbox and the comparison.
#[derive(Clone, Copy)]
pub struct Items(pub Memo<Vec<GalleryItem>>);

pub fn use_items() -> Memo<Vec<GalleryItem>> {
    expect_context::<Items>().0
}
