//! Result images kept as bytes: a URL result is fetched once (straight, or through the site's
//! image path) and stored beside its record, so it still shows after its link expires.

use super::job::{result_key, Job};
use super::runner::Runner;
use crate::api::images::{image_bytes, ImageError};
use crate::browser::db::{blob_key, BlobKind};
use crate::domain::Slot;
use leptos::prelude::*;

/// Keeps a copy of each of the job's results that has only a link.
pub fn keep_new(r: Runner, job: Job) {
    let linked: Vec<usize> = job.slots.with_untracked(|slots| {
        slots
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s, Slot::Done(m) if !m.inline && m.remote_url.is_some()))
            .map(|(i, _)| i)
            .collect()
    });
    for i in linked {
        keep_copy(r, job, i);
    }
}

/// Fetches and stores result `i`'s bytes, once per visit, when copies are kept.
fn keep_copy(r: Runner, job: Job, i: usize) {
    if !r.settings.keep_copies().get_untracked() {
        return;
    }
    let Some((key, url)) = job.slots.with_untracked(|s| match s.get(i) {
        Some(Slot::Done(m)) if !m.inline && !m.copy_freed => {
            m.remote_url.clone().map(|u| (result_key(job, i, m), u))
        }
        _ => None,
    }) else {
        return;
    };
    if !r.copies.first_try(&key) {
        return;
    }
    let endpoint = r.settings.endpoint_now().url;
    r.feed.spawn_for(job, async move {
        match image_bytes(&url, &endpoint).await {
            Ok(blob) => {
                let Some(local) = crate::browser::blob_url(&blob) else {
                    return;
                };
                let mut kept = false;
                job.slots.update(|slots| {
                    if let Some(Slot::Done(m)) = slots.get_mut(i) {
                        if m.remote_url.as_deref() == Some(url.as_str()) {
                            m.inline = true;
                            m.src = local.clone();
                            kept = true;
                        }
                    }
                });
                if kept {
                    let stored = blob_key(&job.task_uuid(), BlobKind::Output, i);
                    r.writer.save(job, vec![(stored, blob)]);
                } else {
                    crate::browser::revoke_object_url(&local);
                }
            }
            Err(ImageError::Gone(_)) => r.copies.mark_gone(&key),
            // Refused or offline: the link still shows the image while it works.
            Err(ImageError::Unavailable(_)) => {}
        }
    });
}
