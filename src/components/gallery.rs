//! The right column: running jobs on top, results newest first.

use super::job_card::JobCard;
use super::lightbox::Lightbox;
use super::result_card::ResultCard;
use crate::domain::{ResultMeta, Slot};
use crate::studio::use_studio;
use leptos::prelude::*;

/// One image in the gallery.
#[derive(Clone, Debug, PartialEq)]
pub struct GalleryItem {
    /// Stable across updates: the image UUID, else job and slot.
    pub key: String,
    pub job_id: u64,
    pub slot: usize,
    pub prompt: String,
    pub meta: ResultMeta,
}

/// Every finished result, newest job first, in slot order.
pub fn gallery_items() -> Memo<Vec<GalleryItem>> {
    let s = use_studio();
    Memo::new(move |_| {
        s.jobs.with(|jobs| {
            jobs.iter()
                .flat_map(|job| {
                    job.slots.with(|slots| {
                        slots
                            .iter()
                            .enumerate()
                            .filter_map(|(i, slot)| match slot {
                                Slot::Done(meta) => Some(GalleryItem {
                                    key: if meta.image_uuid.is_empty() {
                                        format!("{}-{i}", job.id)
                                    } else {
                                        meta.image_uuid.clone()
                                    },
                                    job_id: job.id,
                                    slot: i,
                                    prompt: job.form.prompt.clone(),
                                    meta: meta.clone(),
                                }),
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect()
        })
    })
}

/// The gallery region.
#[component]
pub fn Gallery() -> impl IntoView {
    let s = use_studio();
    let items = gallery_items();
    let open = RwSignal::new(None::<String>);
    provide_context(items);
    view! {
        <section class="gallery" aria-label="Gallery">
            <Show when=move || s.jobs.with(Vec::is_empty)>
                <div class="empty">
                    <p class="empty-title">"Nothing here yet"</p>
                    <p class="muted">"Describe a shot and press Generate, or drop reference images on the tray."</p>
                </div>
            </Show>
            <div class="jobs" aria-label="Jobs" role="list">
                <For each=move || s.jobs.get() key=|j| j.id children=move |job| view! { <JobCard job /> } />
            </div>
            <div class="grid" role="list" aria-label="Results">
                <For each=move || items.get() key=|i| i.key.clone()
                    children=move |item| view! { <ResultCard item open /> } />
            </div>
            <Lightbox open />
        </section>
    }
}
