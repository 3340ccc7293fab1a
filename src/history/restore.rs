//! Reading the history back: the newest jobs first (enough for the first screen), the rest
//! once that screen is painted. Restored jobs are handed to the caller, which resumes what
//! was still running; nothing here starts a request.

use super::writer::Writer;
use crate::api::Abort;
use crate::browser::db::{self, blob_key, BlobKind, DbError};
use crate::domain::history::{StoredJob, StoredRef};
use crate::domain::import::form_from_task;
use crate::domain::Slot;
use crate::jobs::job::{Job, JobInfo, Origin, Progress};
use crate::state::feed::Feed;
use crate::state::tray::{RefItem, RefSource};
use idb::Database;
use leptos::prelude::GetUntracked;
use std::collections::HashMap;
use web_sys::Blob;

/// Jobs read before the first paint: at least as many results as a large screen shows (a
/// job has one or more); the rest follows right after.
pub const FIRST_SCREEN_JOBS: usize = 24;

/// How much of the history to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Portion {
    Newest(usize),
    All,
}

/// A stored job with its inline result Blobs, by slot.
pub type Loaded = (StoredJob, HashMap<usize, Blob>);

/// Reads stored jobs not yet on show, puts them in the feed, and returns them.
pub async fn restore(
    db: &Database,
    feed: Feed,
    writer: Writer,
    portion: Portion,
) -> Result<Vec<Job>, DbError> {
    let loaded = load(db, feed, portion).await?;
    Ok(show(feed, writer, loaded))
}

/// Stored jobs not already in the feed, oldest first, with their inline result Blobs.
async fn load(db: &Database, feed: Feed, portion: Portion) -> Result<Vec<Loaded>, DbError> {
    let Some(known) = feed.known_uuids() else {
        return Ok(Vec::new());
    };
    let metas = match portion {
        Portion::Newest(n) => db::load_newest(db, n).await?,
        Portion::All => db::load_all(db).await?,
    };
    let jobs = parsed(&metas)
        .filter(|j| !known.contains(&j.task_uuid))
        .collect();
    with_blobs(db, jobs).await
}

/// The stored records that read as jobs (a record that does not is skipped, not fatal).
pub(super) fn parsed(metas: &[String]) -> impl Iterator<Item = StoredJob> + '_ {
    metas
        .iter()
        .filter_map(|m| serde_json::from_str::<StoredJob>(m).ok())
}

/// Each job with its stored result copies, by slot (one read for all of them).
pub(super) async fn with_blobs(
    db: &Database,
    jobs: Vec<StoredJob>,
) -> Result<Vec<Loaded>, DbError> {
    let keys: Vec<String> = jobs.iter().flat_map(inline_keys).collect();
    let mut found: HashMap<String, Blob> = db::get_many(db, &keys).await?.into_iter().collect();
    Ok(jobs
        .into_iter()
        .map(|j| {
            let blobs = (0..j.slots.len())
                .filter_map(|i| {
                    found
                        .remove(&blob_key(&j.task_uuid, BlobKind::Output, i))
                        .map(|b| (i, b))
                })
                .collect();
            (j, blobs)
        })
        .collect())
}

pub(super) fn inline_keys(job: &StoredJob) -> Vec<String> {
    job.slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s {
            Slot::Done(r) if r.inline => Some(blob_key(&job.task_uuid, BlobKind::Output, i)),
            _ => None,
        })
        .collect()
}

/// Puts stored jobs into the feed (skipping any already there) and returns them; a job whose
/// state changed on reading back (a sync request cut off) is saved as it is now.
pub fn show(feed: Feed, writer: Writer, loaded: Vec<Loaded>) -> Vec<Job> {
    let Some(known) = feed.known_uuids() else {
        return Vec::new();
    };
    let mut restored = Vec::new();
    for (stored, blobs) in loaded.into_iter().rev() {
        if known.contains(&stored.task_uuid) {
            continue;
        }
        let before = stored.state;
        let job = job_from_stored(feed, stored.after_reload(), blobs);
        if job.state.get_untracked() != before {
            writer.save(job, Vec::new());
        }
        restored.push(job);
    }
    feed.add_stored(restored.clone());
    restored
}

/// A feed job from its stored form; inline images get fresh `blob:` URLs.
pub(super) fn job_from_stored(
    feed: Feed,
    stored: StoredJob,
    mut blobs: HashMap<usize, Blob>,
) -> Job {
    let form = form_from_task(&stored.task)
        .map(|(f, _)| f)
        .unwrap_or_default();
    let refs = stored
        .refs
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            StoredRef::Text { value } => Some(RefItem {
                id: i as u64,
                source: RefSource::Text(value.clone()),
            }),
            StoredRef::Local { .. } => None,
        })
        .collect();
    let slots = stored
        .slots
        .into_iter()
        .enumerate()
        .map(|(i, slot)| with_source(slot, blobs.remove(&i)))
        .collect();
    let info = JobInfo {
        task_uuid: stored.task_uuid,
        form,
        refs,
        stored_refs: stored.refs,
        task: stored.task,
        started_ms: stored.created_ms,
        origin: Origin::Stored,
        abort: Abort::new(),
        parent: stored.parent.clone(),
        shot: stored.shot.clone(),
    };
    let progress = Progress {
        state: stored.state,
        slots,
        ended_ms: stored.ended_ms,
        error: stored.error,
        warning: stored.warning,
        favourites: stored.favourites,
    };
    feed.create(info, progress)
}

/// A stored result with what an `<img>` shows: a `blob:` URL of its stored bytes, or its URL.
pub(super) fn with_source(slot: Slot, blob: Option<Blob>) -> Slot {
    match slot {
        Slot::Done(mut meta) => {
            if meta.inline {
                match blob.and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok()) {
                    Some(url) => meta.src = url,
                    // The copy went (space was freed): the link, while it lasts.
                    None if meta.remote_url.is_some() => {
                        meta.inline = false;
                        meta.src = meta.remote_url.clone().unwrap_or_default();
                    }
                    None => return Slot::Failed("The stored image is missing.".into()),
                }
            } else {
                meta.src = meta.remote_url.clone().unwrap_or_default();
            }
            Slot::Done(meta)
        }
        other => other,
    }
}
