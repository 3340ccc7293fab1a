//! `getResponse`: the full state of an async task's result slots, drawing those now due.

use super::inference::render_results;
use super::{string_field, Fail, Outcome};
use crate::Mock;
use runware::{ErrorBody, ResultItem, TaskStatus};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

pub(super) async fn get_response(mock: &Arc<Mock>, raw: &Value) -> Outcome {
    let id = string_field(raw, "taskUUID")?;
    let (task, size, due, failing) = {
        let inner = mock.inner.lock().unwrap();
        let job = inner.jobs.get(&id).ok_or_else(|| {
            Fail::bad(
                "taskNotFound",
                "taskUUID",
                format!("No async task with taskUUID {id}."),
            )
        })?;
        let elapsed = job.started.elapsed();
        let due: Vec<usize> = (0..job.results.len())
            .filter(|&i| {
                job.results[i].is_none()
                    && job.failing_slot != Some(i)
                    && elapsed >= slot_due(mock, i)
            })
            .collect();
        let failing = job.failing_slot.filter(|&i| elapsed >= slot_due(mock, i));
        (job.task.clone(), job.size, due, failing)
    };
    let rendered = if due.is_empty() {
        Vec::new()
    } else {
        render_results(mock, task, size, due.clone()).await
    };
    let mut inner = mock.inner.lock().unwrap();
    let job = inner.jobs.get_mut(&id).expect("jobs are never removed");
    for (i, item) in due.into_iter().zip(rendered) {
        job.results[i].get_or_insert(item);
    }
    Ok((0..job.results.len())
        .map(|i| slot_state(&id, job.results[i].as_ref(), failing == Some(i)))
        .collect())
}

/// One slot as a poll reports it: success with its image, the injected failure, or still
/// processing.
fn slot_state(id: &str, done: Option<&ResultItem>, failing: bool) -> ResultItem {
    let slot = |status| ResultItem {
        task_type: Some("imageInference".into()),
        task_uuid: Some(id.to_owned()),
        status: Some(status),
        ..Default::default()
    };
    match done {
        Some(done) => ResultItem {
            status: Some(TaskStatus::Success),
            ..done.clone()
        },
        None if failing => ResultItem {
            error: Some(ErrorBody {
                code: "timeoutProvider".into(),
                message: "The provider did not return this image in time.".into(),
                parameter: None,
            }),
            ..slot(TaskStatus::Error)
        },
        None => slot(TaskStatus::Processing),
    }
}

fn slot_due(mock: &Mock, i: usize) -> Duration {
    Duration::from_millis(mock.cfg.generation_ms + mock.cfg.slot_stagger_ms * i as u64)
}
