//! Turning answers into a job's result slots, and ending a job (done or failed).

use super::job::Job;
use super::runner::Runner;
use crate::api::ClientError;
use crate::browser::{self, db::blob_key, db::BlobKind};
use crate::domain::job::safe_image_url;
use crate::domain::{Control, JobError, JobState, Remedy, ResultMeta, Slot};
use base64::Engine;
use leptos::prelude::*;
use runware::{Envelope, ErrorCategory, ImageInference, OutputFormat, ResultItem, TaskStatus};

/// Errors in a 2xx answer that concern this task turn it into a failure.
pub fn own_errors(env: Envelope, task_uuid: &str) -> Result<Envelope, ClientError> {
    let errors = env.errors_for(task_uuid);
    if errors.is_empty() {
        Ok(env)
    } else {
        Err(ClientError::Api {
            status: 200,
            errors,
            retry_after_ms: None,
        })
    }
}

/// Whether more results may still arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    No,
    Yes,
}

/// Fills slots from an answer and stores what arrived.
pub fn apply(r: Runner, job: Job, task: &ImageInference, env: &Envelope) -> Settled {
    let task_uuid = job.task_uuid();
    let items: Vec<&ResultItem> = env.results_for(&task_uuid).collect();
    let format = task.effective_output_format();
    let dims = task
        .width
        .zip(task.height)
        .map(|(w, h)| (w as u32, h as u32));
    let mut blobs = Vec::new();
    let before = job.slots.get_untracked();
    job.slots.update(|slots| {
        for (i, item) in items.iter().enumerate() {
            if i >= slots.len() {
                slots.push(Slot::Waiting);
            }
            if matches!(slots[i], Slot::Done(_) | Slot::Deleted(_)) {
                continue;
            }
            slots[i] = slot_of(item, format, dims, |blob| {
                blobs.push((blob_key(&task_uuid, BlobKind::Output, i), blob))
            });
        }
    });
    if job.slots.with_untracked(|now| *now != before) {
        r.writer.save(job, blobs);
        super::keep::keep_new(r, job);
    }
    let settled = job.slots.with_untracked(|slots| {
        slots
            .iter()
            .all(|s| matches!(s, Slot::Done(_) | Slot::Deleted(_)))
            || slots.iter().any(|s| matches!(s, Slot::Failed(_)))
    });
    if settled {
        Settled::Yes
    } else {
        Settled::No
    }
}

/// One result item as a slot; an inline image's bytes go to `keep`.
fn slot_of(
    item: &ResultItem,
    format: OutputFormat,
    dims: Option<(u32, u32)>,
    keep: impl FnOnce(web_sys::Blob),
) -> Slot {
    match item.effective_status() {
        TaskStatus::Success => match result_meta(item, format, dims) {
            Ok((meta, blob)) => {
                if let Some(blob) = blob {
                    keep(blob);
                }
                Slot::Done(meta)
            }
            Err(why) => Slot::Failed(why),
        },
        TaskStatus::Error => Slot::Failed(
            item.error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| "This result failed.".into()),
        ),
        _ => Slot::Waiting,
    }
}

/// The image of an inline result, as bytes with their type.
fn inline_bytes(item: &ResultItem, format: OutputFormat) -> Result<(String, Vec<u8>), String> {
    let (mime, b64) = match (&item.image_data_uri, &item.image_base64_data) {
        (Some(uri), _) => {
            let (head, data) = uri
                .split_once(";base64,")
                .ok_or("The data URI of this result is not base64.")?;
            let mime = head.strip_prefix("data:").unwrap_or("");
            if !mime.starts_with("image/") {
                return Err("The data URI of this result is not an image.".into());
            }
            (mime.to_owned(), data)
        }
        (None, Some(b64)) => (format.mime().to_owned(), b64.as_str()),
        (None, None) => return Err("The result carries no image.".into()),
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| "The result's base64 could not be decoded.".to_string())?;
    Ok((mime, bytes))
}

fn result_meta(
    item: &ResultItem,
    format: OutputFormat,
    dims: Option<(u32, u32)>,
) -> Result<(ResultMeta, Option<web_sys::Blob>), String> {
    let (src, remote_url, blob) = if let Some(url) = &item.image_url {
        if !safe_image_url(url) {
            return Err(
                "The server sent an image URL that is not http(s); it was not shown.".into(),
            );
        }
        (url.clone(), Some(url.clone()), None)
    } else {
        let (mime, bytes) = inline_bytes(item, format)?;
        let blob = browser::bytes_to_blob(&bytes, &mime)
            .ok_or("The browser could not hold this image.")?;
        (
            browser::blob_url(&blob).ok_or("The browser could not hold this image.")?,
            None,
            Some(blob),
        )
    };
    let meta = ResultMeta {
        image_uuid: item.image_uuid.clone().unwrap_or_default(),
        inline: blob.is_some(),
        copy_freed: false,
        src,
        remote_url,
        seed: item.seed,
        cost: item.cost,
        nsfw: item.nsfw_content,
        format,
        width: dims.map(|d| d.0),
        height: dims.map(|d| d.1),
    };
    Ok((meta, blob))
}

/// Ends the job in `state` and stores it.
pub fn finish(r: Runner, job: Job, state: JobState) {
    job.notice.set(None);
    job.state.set(state);
    job.ended_ms.set(Some(browser::epoch_ms()));
    r.writer.save(job, Vec::new());
}

/// Ends the job as failed, with the reason on the job and at the field Runware named.
pub fn fail(r: Runner, job: Job, e: ClientError) {
    if e == ClientError::Cancelled {
        return;
    }
    if let Some(api_err) = e.first_api_error() {
        if let Some(param) = api_err.parameters().into_iter().next() {
            r.composer.set_server_error(
                Control::for_parameter(&param),
                format!("Runware refused this: {}", api_err.message),
            );
        }
    }
    let remedy = match e.category() {
        ErrorCategory::ContentPolicy | ErrorCategory::Validation { .. } => Remedy::ChangeRequest,
        ErrorCategory::Auth
        | ErrorCategory::Credits
        | ErrorCategory::SiteLogin
        | ErrorCategory::ProxyRefused => Remedy::FixSettings,
        _ => Remedy::Retry,
    };
    job.error.set(Some(
        JobError::new(e.category().headline(), e.to_string()).with_remedy(remedy),
    ));
    job.slots.update(|slots| {
        for slot in slots.iter_mut().filter(|s| matches!(s, Slot::Waiting)) {
            *slot = Slot::Failed("Not produced.".into());
        }
    });
    finish(r, job, JobState::Failed);
}
