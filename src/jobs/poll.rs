//! Polling an async task by its taskUUID on the contract's schedule, in this visit or after
//! a reload.

use super::job::Job;
use super::results::{apply, fail, finish, own_errors, Settled};
use super::runner::Runner;
use crate::api::client::post;
use crate::api::{body, ClientError, Endpoint, Idempotency};
use crate::browser;
use crate::domain::job::{final_state, running_state};
use crate::domain::JobError;
use leptos::prelude::*;
use runware::{ImageInference, PollSchedule};

/// Whether Runware is known to have the task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ack {
    /// The acknowledgement came: "no such task" is a real failure.
    Received,
    /// It never came (a time-out, a reload mid-send): for a while "no such taskUUID" means
    /// "not registered yet" rather than failure.
    Unconfirmed,
}

/// How long a task whose acknowledgement never came may stay unknown to Runware before the
/// app concludes it never arrived.
const UNCONFIRMED_GRACE: std::time::Duration = std::time::Duration::from_secs(60);

/// Picks up polling an async job read back from history.
pub async fn resume(r: Runner, job: Job) {
    job.notice
        .set(Some("Resumed after reload; checking on it…".into()));
    let ep = r.settings.endpoint_now();
    let task = job.with_info(|i| i.task.clone());
    // The page may have closed while the task was being sent, before its acknowledgement.
    poll(r, job, &task, &ep, Ack::Unconfirmed).await;
}

/// Polls `getResponse` until every slot is settled.
pub async fn poll(r: Runner, job: Job, task: &ImageInference, ep: &Endpoint, ack: Ack) {
    let polling_since = browser::epoch_ms();
    let schedule = PollSchedule::default();
    let task_uuid = job.task_uuid();
    let body = body::get_response(&task_uuid);
    let abort = job.with_info(|i| i.abort.clone());
    let mut n = 0;
    loop {
        browser::sleep(schedule.gap(n).as_millis() as u32).await;
        n += 1;
        if job.state.get_untracked().is_final() {
            return;
        }
        let elapsed = std::time::Duration::from_millis(
            (browser::epoch_ms() - job.started_ms()).max(0.0) as u64,
        );
        if !schedule.keep_polling(elapsed) {
            job.error.set(Some(JobError::new(
                "Gave up waiting after 20 minutes",
                format!("The task may still finish on Runware (taskUUID {task_uuid})."),
            )));
            return finish(r, job, final_state(&job.slots.get_untracked()));
        }
        let timeout = r.settings.timeout_now().min(30);
        let answer = post(ep, &body, timeout, Idempotency::Safe, &abort, |m| {
            job.notice.set(m)
        })
        .await;
        r.connection.record(&answer);
        let answer = answer.and_then(|env| own_errors(env, &task_uuid));
        match answer {
            Ok(env) => {
                job.notice.set(None);
                if apply(r, job, task, &env) == Settled::Yes {
                    return finish(r, job, final_state(&job.slots.get_untracked()));
                }
                let state = running_state(&job.slots.get_untracked());
                if state != job.state.get_untracked() {
                    job.state.set(state);
                    r.writer.save(job, Vec::new());
                }
            }
            // The task was accepted: a bad patch of network must not lose it. Keep polling.
            Err(e) if e.is_transient(Idempotency::Safe) => job
                .notice
                .set(Some(format!("{}; still checking.", e.brief()))),
            Err(ClientError::Cancelled) => return,
            Err(e) if not_registered_yet(&e, ack, polling_since) => job.notice.set(Some(
                "Runware does not list this task yet; asking again…".into(),
            )),
            Err(e) => return fail(r, job, e),
        }
    }
}

/// Runware says it has no such taskUUID, for a task whose acknowledgement never came, within
/// the grace period.
fn not_registered_yet(e: &ClientError, ack: Ack, since_ms: f64) -> bool {
    ack == Ack::Unconfirmed
        && e.first_api_error()
            .is_some_and(|a| a.parameters().iter().any(|p| p == "taskUUID"))
        && browser::epoch_ms() - since_ms < UNCONFIRMED_GRACE.as_millis() as f64
}
