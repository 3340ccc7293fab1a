//! Sends a shot list's waiting shots, at most its concurrency at once, in order: each is
//! marked sent (and written) before its job is launched, so a reload never sends it twice. A
//! job waiting out a 429 or 503 holds the list back, and a shot whose job still failed because
//! Runware was busy goes back to waiting, after a pause, instead of counting as failed.

use crate::api::client::RETRYING;
use crate::browser::epoch_ms;
use crate::domain::payload::new_task_uuid;
use crate::domain::shots::{to_start, ShotList, ShotState, ShotTag};
use crate::domain::{JobState, Slot};
use crate::jobs::job::Job;
use crate::jobs::run::launch;
use crate::jobs::runner::Runner;
use crate::state::shots::Shots;
use leptos::prelude::*;
use runware::ErrorCategory;

/// How often the list looks at its jobs.
const STEP_MS: u32 = 400;
/// How long the list waits after Runware was still busy once a job gave up.
const BUSY_PAUSE_MS: f64 = 10_000.0;

/// Runs for as long as the app does.
pub async fn drive(r: Runner, shots: Shots) {
    loop {
        crate::browser::sleep(STEP_MS).await;
        step(r, shots);
    }
}

fn sent_job(r: Runner, state: &ShotState) -> Option<Job> {
    match state {
        ShotState::Sent(uuid) => r.feed.find_uuid(uuid),
        _ => None,
    }
}

/// Failed only because Runware was busy, with nothing made: worth sending again.
fn failed_busy(job: Job) -> bool {
    job.state.get_untracked() == JobState::Failed
        && job.error.with_untracked(|e| {
            e.as_ref()
                .is_some_and(|e| e.headline == ErrorCategory::Capacity.headline())
        })
        && !job
            .slots
            .with_untracked(|s| s.iter().any(|s| matches!(s, Slot::Done(_))))
}

fn requeue_busy(r: Runner, shots: Shots, list: &ShotList) {
    for (i, state) in list.states.iter().enumerate() {
        let Some(job) = sent_job(r, state).filter(|j| failed_busy(*j)) else {
            continue;
        };
        shots.edit(|l| l.states[i] = ShotState::Waiting);
        r.writer.delete(r.feed, Some(vec![job.task_uuid()]));
        shots.slow_down(
            BUSY_PAUSE_MS,
            format!("Runware is busy: shot {} waits and goes again.", i + 1),
        );
    }
}

fn step(r: Runner, shots: Shots) {
    let Some(list) = shots.list().get_untracked() else {
        return;
    };
    // Another tab's writes reach this one as they happen: ownership is read from memory.
    if list.paused || !shots.refs_ready() || !shots.is_mine() {
        return;
    }
    requeue_busy(r, shots, &list);
    let Some(list) = shots.list().get_untracked() else {
        return;
    };
    if epoch_ms() < shots.slow_until() {
        return;
    }
    let running: Vec<Job> = list
        .states
        .iter()
        .filter_map(|s| sent_job(r, s))
        .filter(|j| !j.state.get_untracked().is_final())
        .collect();
    // A job waiting out a 429 or 503 (its notice says "retrying") holds the rest back.
    if running.iter().any(|j| {
        j.notice
            .with_untracked(|n| n.as_ref().is_some_and(|t| t.contains(RETRYING)))
    }) {
        shots.set_notice(Some(
            "Runware asked to slow down: the list waits before sending more.".into(),
        ));
        return;
    }
    for i in to_start(&list.states, running.len(), list.concurrency, list.paused) {
        let shot = &list.shots[i];
        let form = shot.form(&list.form);
        let images = form.results.trim().parse::<usize>().unwrap_or(1).max(1);
        if let Some(why) = r.spend.refusal(images) {
            shots.set_paused(true);
            shots.set_notice(Some(format!("Paused before shot {}: {why}", i + 1)));
            return;
        }
        let uuid = new_task_uuid();
        // Written before it is sent: after a reload this shot is never sent again.
        shots.edit(|l| l.states[i] = ShotState::Sent(uuid.clone()));
        let tag = ShotTag {
            list: list.id.clone(),
            n: i + 1,
            of: list.shots.len(),
        };
        if launch(r, uuid, form, shots.refs(), None, Some(tag)).is_none() {
            shots.edit(|l| l.states[i] = ShotState::Cancelled);
            shots.set_notice(Some(format!(
                "Shot {} is not a request Runware would take, so it was skipped.",
                i + 1
            )));
        } else {
            shots.set_notice(None);
        }
    }
}
