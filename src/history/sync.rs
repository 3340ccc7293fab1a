//! The studio's tabs see each other's jobs: every write to history is announced on a
//! BroadcastChannel, and the other tabs read the jobs it names back from IndexedDB (new ones
//! join their feed; ones they do not drive themselves take the stored state). Nothing is
//! written on receipt, so no tab overwrites another's work.

pub use super::news::{Changed, CHANNEL};
use super::restore::{job_from_stored, parsed, with_blobs, with_source};
use crate::browser::db;
use crate::domain::history::StoredJob;
use crate::domain::Slot;
use crate::jobs::job::Job;
use crate::state::feed::Feed;
use idb::Database;
use leptos::prelude::*;
use std::collections::HashMap;
use web_sys::Blob;

/// Brings another tab's change into this tab's feed.
pub async fn receive(db: &Database, feed: Feed, changed: Changed) {
    match changed {
        Changed::Deleted(ids) => {
            for job in feed.remove(ids.as_deref()) {
                release(job);
            }
        }
        Changed::Put(ids) => {
            let metas = db::load_ids(db, &ids).await.unwrap_or_default();
            let loaded = with_blobs(db, parsed(&metas).collect())
                .await
                .unwrap_or_default();
            let mut new = Vec::new();
            for (stored, own) in loaded {
                match feed.find_uuid(&stored.task_uuid) {
                    None => new.push(job_from_stored(feed, stored, own)),
                    Some(job) if !feed.is_driven(job) => update(job, stored, own),
                    Some(_) => {}
                }
            }
            feed.add_stored(new);
        }
    }
}

/// Takes the stored state of a job this tab shows but does not drive.
fn update(job: Job, stored: StoredJob, mut blobs: HashMap<usize, Blob>) {
    let slots: Vec<Slot> = stored
        .slots
        .into_iter()
        .enumerate()
        .map(|(i, s)| with_source(s, blobs.remove(&i)))
        .collect();
    release(job);
    job.slots.set(slots);
    set_if_changed(job.state, stored.state);
    set_if_changed(job.ended_ms, stored.ended_ms);
    set_if_changed(job.error, stored.error);
    set_if_changed(job.warning, stored.warning);
    set_if_changed(job.favourites, stored.favourites);
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// Frees the `blob:` URLs of a job's images (they are made again from storage).
fn release(job: Job) {
    job.slots.with_untracked(|slots| {
        for slot in slots {
            if let Slot::Done(m) = slot {
                if m.inline {
                    crate::browser::revoke_object_url(&m.src);
                }
            }
        }
    });
}
