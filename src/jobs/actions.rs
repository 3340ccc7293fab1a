//! What a user does to a job or a result: retry, cancel, remix, use a result as a reference,
//! star a result, delete.

use super::job::Job;
use super::run::launch;
use super::runner::Runner;
use crate::browser;
use crate::domain::payload::new_task_uuid;
use crate::domain::{JobState, ResultMeta};
use crate::history::refs::references_of;
use crate::state::tray::{RefItem, RefSource, Tray};
use leptos::prelude::*;

/// Sends a past job's settings again as a new task (fresh UUID); references of a stored job
/// are read back from storage first.
pub fn retry(r: Runner, job: Job) {
    leptos::task::spawn_local_scoped_with_cancellation(async move {
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
                launch(r, new_task_uuid(), job.with_info(|i| i.form.clone()), refs);
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
    r.composer.replace(job.with_info(|i| i.form.clone()));
    leptos::task::spawn_local_scoped_with_cancellation(async move {
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
    leptos::task::spawn_local_scoped_with_cancellation(async move {
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
    r.writer.delete(r.feed, task_uuids);
}
