//! Sending a job: the composer's task (or a past job's settings again) becomes a job in the
//! feed, is stored before anything is sent, and runs until its results are in.

use super::job::{Job, JobInfo, Origin, Progress};
use super::poll::{poll, Ack};
use super::results::{apply, fail, finish, own_errors};
use super::runner::Runner;
use crate::api::client::post;
use crate::api::{body, upload, Abort, ClientError, Endpoint, Idempotency};
use crate::browser;
use crate::domain::job::final_state;
use crate::domain::lineage::Parent;
use crate::domain::shots::ShotTag;
use crate::domain::{build, Built, Form, JobState};
use crate::history::writer::reference_blobs;
use crate::state::tray::{RefItem, RefSource};
use leptos::prelude::*;

/// Sends the composer's task if it is valid. Returns whether anything was sent.
pub fn submit(r: Runner) -> bool {
    // A request over a spend cap is refused before anything is built or sent (the Generate
    // bar says why).
    let images = r
        .composer
        .built()
        .with_untracked(|b| b.task.result_count().max(1) as usize);
    if r.spend.refusal(images).is_some() {
        return false;
    }
    match r.composer.take_task() {
        Some((built, form, refs)) => {
            let parent = r.composer.tray().edited_result();
            launch(r, built.task.task_uuid.clone(), form, refs, parent, None);
            true
        }
        None => false,
    }
}

fn nonce() -> u64 {
    (browser::random() * 9.0e15) as u64
}

/// Creates the job, stores it, and starts it.
pub fn launch(
    r: Runner,
    task_uuid: String,
    form: Form,
    refs: Vec<RefItem>,
    parent: Option<Parent>,
    shot: Option<ShotTag>,
) -> Option<Job> {
    let inputs: Vec<_> = refs.iter().map(RefItem::input).collect();
    let built = build(&form, &inputs, &task_uuid, nonce());
    if !built.is_valid() {
        return None;
    }
    let n = built.task.result_count().max(1) as usize;
    let info = JobInfo {
        task_uuid,
        form,
        stored_refs: refs.iter().map(RefItem::stored).collect(),
        refs,
        task: built.task.clone(),
        started_ms: browser::epoch_ms(),
        origin: Origin::ThisVisit,
        abort: Abort::new(),
        parent: parent.clone(),
        shot,
    };
    let job = r.feed.create(info, Progress::queued(n));
    r.feed.insert_newest(job);
    // A chain on show takes in its new edits.
    if let Some(p) = &parent {
        let id = job.task_uuid();
        r.feed.edit_filter(|f| {
            if let Some((_, jobs)) = &mut f.chain {
                if jobs.contains(&p.task_uuid) {
                    jobs.push(id);
                }
            }
        });
    }
    // Stored before anything is sent: a reload from here on cannot lose it.
    r.writer.save(job, job.with_info(reference_blobs));
    let upload_once = r.settings.upload_once().get_untracked();
    r.feed.drive(job, run(r, job, built, upload_once));
    Some(job)
}

/// Replaces local files by image UUIDs (remembered or uploaded now). A failed upload leaves
/// the file to be sent inline, with a warning on the job.
async fn upload_references(job: Job, ep: &Endpoint) -> Vec<RefItem> {
    let (refs, abort) = job.with_info(|i| (i.refs.clone(), i.abort.clone()));
    let mut out = Vec::with_capacity(refs.len());
    for (i, item) in refs.into_iter().enumerate() {
        let RefSource::Local(file) = &item.source else {
            out.push(item);
            continue;
        };
        let announce = || {
            job.notice
                .set(Some(format!("Uploading reference {}…", i + 1)))
        };
        match upload::image_uuid(ep, &abort, &file.sent, &file.data_uri, announce).await {
            Ok(uuid) => out.push(RefItem {
                id: item.id,
                source: RefSource::Text(uuid),
            }),
            Err(e) => {
                job.warning.set(Some(format!(
                    "Upload of reference {} failed ({e}); sending the image itself.",
                    i + 1
                )));
                out.push(item);
            }
        }
    }
    out
}

/// Sends the task and sees it through: the answer (sync) or polling (async).
async fn run(r: Runner, job: Job, mut built: Built, upload_once: bool) {
    let ep = r.settings.endpoint_now();
    let mut refs = job.with_info(|i| i.refs.clone());
    if upload_once && refs.iter().any(|r| matches!(r.source, RefSource::Local(_))) {
        refs = upload_references(job, &ep).await;
        let inputs: Vec<_> = refs.iter().map(RefItem::input).collect();
        built = job.with_info(|i| build(&i.form, &inputs, &i.task_uuid, nonce()));
        if job.state.get_untracked() == JobState::Cancelled {
            return;
        }
    }
    let span = browser::Span::start("kling:build-body");
    let data_uris: Vec<_> = refs.iter().map(RefItem::data_uri).collect();
    let request = body::task_body(&built, &data_uris);
    span.end();
    let task = built.task;
    job.state.set(JobState::Running);
    r.writer.save(job, Vec::new());
    // A sync Kling job can take minutes; the async acknowledgement comes at once.
    let is_async = task.is_async();
    let limit = r.settings.timeout_now();
    let timeout = if is_async { limit.min(60) } else { limit };
    let abort = job.with_info(|i| i.abort.clone());
    let span = browser::Span::start("kling:post");
    let answer = post(&ep, &request, timeout, Idempotency::Billed, &abort, |n| {
        job.notice.set(n)
    })
    .await;
    span.end();
    r.connection.record(&answer);
    if job.state.get_untracked() == JobState::Cancelled {
        return;
    }
    match answer.and_then(|env| own_errors(env, &task.task_uuid)) {
        Ok(env) if !is_async => {
            apply(r, job, &task, &env);
            finish(r, job, final_state(&job.slots.get_untracked()));
        }
        Ok(_) => poll(r, job, &task, &ep, Ack::Received).await,
        // The acknowledgement is late, but the task may have been accepted: ask for it by its
        // taskUUID rather than send (and bill) it again.
        Err(ClientError::Timeout(n)) if is_async => {
            job.notice.set(Some(format!(
                "No acknowledgement within {n} s; checking whether Runware has the task…"
            )));
            poll(r, job, &task, &ep, Ack::Unconfirmed).await
        }
        Err(e) => fail(r, job, e),
    }
}
