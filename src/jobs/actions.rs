//! What a user does to a job or a result: retry, cancel, remix, use a result as a reference,
//! star a result, delete.

use super::job::Job;
use super::run::launch;
use super::runner::Runner;
use crate::browser;
use crate::browser::db::{blob_key, BlobKind};
use crate::domain::payload::new_task_uuid;
use crate::domain::{JobState, ResultMeta, Slot};
use crate::history::refs::references_of;
use crate::state::overlay::Confirmation;
use crate::state::tray::{RefItem, RefSource, Tray};
use leptos::prelude::*;

/// Sends a past job's settings again as a new task (fresh UUID); references of a stored job
/// are read back from storage first.
pub fn retry(r: Runner, job: Job) {
    r.feed.spawn(async move {
        match references_of(r.writer, job).await {
            Ok(sources) => {
                let refs = sources
                    .into_iter()
                    .enumerate()
                    .map(|(i, source)| RefItem {
                        id: i as u64,
                        source,
                    })
                    .collect();
                launch(
                    r,
                    new_task_uuid(),
                    job.with_info(|i| i.form.clone()),
                    refs,
                    job.with_info(|i| i.parent.clone()),
                    None,
                );
            }
            Err(why) => job.notice.set(Some(format!("Cannot send again: {why}"))),
        }
    });
}

/// Stops watching a job. Runware has no cancel: the task still runs and is billed.
pub fn cancel(r: Runner, job: Job) {
    if !job.state.get_untracked().is_final() {
        job.abort();
        job.state.set(JobState::Cancelled);
        job.ended_ms.set(Some(browser::epoch_ms()));
        r.writer.save(job, Vec::new());
    }
}

/// Loads a job's settings and references back into the composer.
pub fn remix(r: Runner, tray: Tray, job: Job) {
    r.drafts
        .before_replacing(crate::state::draft::Replacement::Remix);
    r.composer.replace(job.with_info(|i| i.form.clone()));
    r.feed.spawn(async move {
        match references_of(r.writer, job).await {
            Ok(sources) => tray.replace(sources),
            Err(why) => {
                tray.replace(Vec::new());
                tray.set_notice(Some(why.to_string()));
            }
        }
    });
}

/// Adds a result to the tray: its bytes when they can be fetched (inline results always;
/// URL results where CORS allows), else the URL itself.
pub fn use_as_reference(tray: Tray, meta: ResultMeta, name: String) {
    if tray.len_untracked() >= runware::limits::REFERENCES_MAX {
        tray.set_notice(Some(format!(
            "At most {} reference images: remove one first.",
            runware::limits::REFERENCES_MAX
        )));
        return;
    }
    tray.spawn(async move {
        let source = match browser::prepare::fetch_as_local(&meta.src, &name).await {
            Ok(file) => RefSource::Local(file),
            Err(_) => match &meta.remote_url {
                Some(url) => RefSource::Text(url.clone()),
                None => {
                    tray.set_notice(Some(
                        "This result could not be read back as a reference.".into(),
                    ));
                    return;
                }
            },
        };
        tray.push(source);
    });
}

/// Flips the star on one result and stores it.
pub fn toggle_favourite(r: Runner, job: Job, slot: usize) {
    job.favourites.update(|f| {
        if let Some(pos) = f.iter().position(|x| *x == slot) {
            f.remove(pos);
        } else {
            f.push(slot);
        }
    });
    r.writer.save(job, Vec::new());
}

/// Deletes jobs from the feed and from storage (`None`: everything).
pub fn delete(r: Runner, task_uuids: Option<Vec<String>>) {
    let doomed: Vec<Job> = r.feed.jobs().with_untracked(|jobs| {
        jobs.iter()
            .filter(|j| {
                task_uuids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&j.task_uuid()))
            })
            .copied()
            .collect()
    });
    r.spend.note_deleted(&doomed);
    r.writer.delete(r.feed, task_uuids);
}

/// Deletes single results; a job left with nothing to show goes as a whole. What they cost
/// stays counted.
/// The question asked before one result is deleted (the tile and the viewer ask the same).
pub fn delete_result_question(r: Runner, job: Job, slot: usize) -> Confirmation {
    Confirmation {
        title: "Delete this image?",
        message:
            "It is removed from this browser; Runware is not told, and what it cost stays counted."
                .into(),
        action: "Delete image",
        run: std::sync::Arc::new(move || delete_results(r, vec![(job, slot)])),
    }
}

pub fn delete_results(r: Runner, results: Vec<(Job, usize)>) {
    let mut whole = Vec::new();
    // Each job once, whatever order the results were picked in.
    let mut jobs: Vec<Job> = Vec::new();
    for (j, _) in &results {
        if !jobs.contains(j) {
            jobs.push(*j);
        }
    }
    for job in jobs {
        let slots: Vec<usize> = results
            .iter()
            .filter(|(j, _)| *j == job)
            .map(|(_, s)| *s)
            .collect();
        let mut freed = Vec::new();
        job.slots.update(|all| {
            for &i in &slots {
                if let Some(Slot::Done(meta)) = all.get(i) {
                    if meta.inline {
                        browser::revoke_object_url(&meta.src);
                    }
                    freed.push(blob_key(&job.task_uuid(), BlobKind::Output, i));
                    all[i] = Slot::Deleted(meta.cost);
                }
            }
        });
        let nothing_left = job.slots.with_untracked(|all| {
            all.iter()
                .all(|s| matches!(s, Slot::Deleted(_) | Slot::Failed(_)))
        });
        if nothing_left && job.state.get_untracked().is_final() {
            whole.push(job.task_uuid());
        } else {
            r.writer.save(job, Vec::new());
            r.writer.delete_blobs(freed);
        }
    }
    if !whole.is_empty() {
        delete(r, Some(whole));
    }
}
