//! Freeing the space stored images take: their copies go oldest first, favourites last. A
//! result with a link shows from the link again; one without becomes "no longer on the
//! server" when the link is gone too.

use crate::browser::db::{self, blob_key, BlobKind};
use crate::domain::Slot;
use crate::jobs::job::Job;
use crate::jobs::runner::Runner;
use leptos::prelude::*;

/// What freeing did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Freed {
    pub images: usize,
    pub bytes: f64,
}

/// Stored result copies in the order they go: not starred before starred, oldest first.
fn candidates(jobs: &[Job]) -> Vec<(Job, usize, String)> {
    let mut all: Vec<(bool, f64, Job, usize)> = Vec::new();
    for job in jobs {
        let started = job.started_ms();
        let favourites = job.favourites.get_untracked();
        job.slots.with_untracked(|slots| {
            for (i, s) in slots.iter().enumerate() {
                if matches!(s, Slot::Done(m) if m.inline) {
                    all.push((favourites.contains(&i), started, *job, i));
                }
            }
        });
    }
    let facts: Vec<(bool, f64, usize)> = all.iter().map(|(f, s, _, i)| (*f, *s, *i)).collect();
    crate::domain::history::free_order(&facts)
        .into_iter()
        .map(|n| {
            let (_, _, job, i) = all[n];
            (job, i, blob_key(&job.task_uuid(), BlobKind::Output, i))
        })
        .collect()
}

/// Removes stored copies until `target` bytes are freed (`None`: all of them).
pub async fn free_space(r: Runner, target: Option<f64>) -> Freed {
    let Some(db) = r.writer.db() else {
        return Freed {
            images: 0,
            bytes: 0.0,
        };
    };
    let order = candidates(&r.feed.jobs().get_untracked());
    let keys: Vec<String> = order.iter().map(|(_, _, k)| k.clone()).collect();
    let sizes: std::collections::HashMap<String, f64> = db::get_many(&db, &keys)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(k, b)| (k, b.size()))
        .collect();
    let mut freed = Freed {
        images: 0,
        bytes: 0.0,
    };
    let mut gone_keys = Vec::new();
    let mut touched: Vec<Job> = Vec::new();
    for (job, i, key) in order {
        if target.is_some_and(|t| freed.bytes >= t) {
            break;
        }
        freed.bytes += sizes.get(&key).copied().unwrap_or(0.0);
        freed.images += 1;
        job.slots.update(|slots| {
            if let Some(Slot::Done(m)) = slots.get_mut(i) {
                crate::browser::revoke_object_url(&m.src);
                m.inline = false;
                m.copy_freed = true;
                m.src = m.remote_url.clone().unwrap_or_default();
            }
        });
        if !touched.contains(&job) {
            touched.push(job);
        }
        gone_keys.push(key);
    }
    // Each job's record once, however many of its images went.
    for job in touched {
        r.writer.save(job, Vec::new());
    }
    r.writer.delete_blobs(gone_keys);
    freed
}
