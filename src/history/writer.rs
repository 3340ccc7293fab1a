//! The write queue: every change to stored history goes through it and is applied in order by
//! one task, so writes never race. A job's record and its new Blobs go in one transaction.

use super::news::Changed;
use crate::browser::channel::Channel;
use crate::browser::db::{self, blob_key, BlobKind, DbError};
use crate::browser::{fetch_blob, revoke_object_url};
use crate::domain::history::StoredJob;
use crate::domain::Slot;
use crate::jobs::job::Job;
use crate::state::feed::Feed;
use crate::state::storage::StorageStatus;
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::channel::oneshot;
use futures::StreamExt;
use idb::Database;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;
use web_sys::Blob;

/// Blobs to store, by key (`db::blob_key`).
pub type Blobs = Vec<(String, SendWrapper<Blob>)>;

/// Whether a write carries every Blob of its job, so its success means nothing is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    /// Only what changed since the last write.
    Changes,
    /// Everything, after an earlier write failed.
    Whole,
}

/// One change to apply to storage.
pub enum Write {
    Put {
        job: Box<StoredJob>,
        blobs: Blobs,
        completeness: Completeness,
    },
    /// `None` deletes everything.
    Delete(Option<Vec<String>>),
    /// Single Blobs (deleted results), by key.
    DeleteBlobs(Vec<String>),
    /// Many jobs in one transaction (an import); the outcome is sent back.
    Import {
        jobs: Vec<(StoredJob, Blobs)>,
        done: oneshot::Sender<Result<(), DbError>>,
    },
}

fn wrap(blobs: Vec<(String, Blob)>) -> Blobs {
    blobs
        .into_iter()
        .map(|(k, b)| (k, SendWrapper::new(b)))
        .collect()
}

/// The queue and the open database.
#[derive(Clone, Copy)]
pub struct Writer {
    tx: StoredValue<UnboundedSender<Write>>,
    rx: StoredValue<Option<UnboundedReceiver<Write>>>,
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    /// Jobs whose last write failed for lack of space, saved again once space is freed.
    unsaved: StoredValue<Vec<String>>,
    /// Where the other tabs hear of each write (`history::sync`).
    channel: StoredValue<Option<Rc<Channel>>, LocalStorage>,
    status: StorageStatus,
}

impl Writer {
    pub fn new(status: StorageStatus) -> Writer {
        let (tx, rx) = unbounded();
        Writer {
            tx: StoredValue::new(tx),
            rx: StoredValue::new(Some(rx)),
            db: StoredValue::new_local(None),
            unsaved: StoredValue::new(Vec::new()),
            channel: StoredValue::new_local(None),
            status,
        }
    }

    fn send(self, write: Write) {
        // A closed queue means storage is unavailable; the status says so already.
        let _ = self.tx.try_with_value(|tx| tx.unbounded_send(write));
    }

    /// The open database, once `open` has opened it.
    pub fn db(self) -> Option<Rc<Database>> {
        self.db.try_get_value().flatten()
    }

    /// Announces every write from now on to the other tabs on `channel`.
    pub fn announce_on(self, channel: Channel) {
        self.channel.set_value(Some(Rc::new(channel)));
    }

    fn announce(self, changed: Option<Changed>) {
        if let (Some(changed), Some(channel)) = (changed, self.channel.try_get_value().flatten()) {
            channel.post(&changed.to_text());
        }
    }

    /// Opens the database; `None` (with the reason on show) when the browser refuses.
    pub async fn open(self) -> Option<Rc<Database>> {
        match db::open().await {
            Ok(db) => {
                let db = Rc::new(db);
                self.db.set_value(Some(Rc::clone(&db)));
                Some(db)
            }
            Err(e) => {
                self.status.set_problem(Some(e.to_string()));
                self.status.set_ready();
                None
            }
        }
    }

    /// Queues the job's current state, with Blobs not stored before.
    pub fn save(self, job: Job, blobs: Vec<(String, Blob)>) {
        self.send(Write::Put {
            job: Box::new(job.snapshot()),
            blobs: wrap(blobs),
            completeness: Completeness::Changes,
        });
    }

    /// Queues a job's state with every Blob it has (references and inline results), for a
    /// job whose earlier writes may have failed.
    async fn save_whole(self, job: Job) {
        let mut blobs = job.with_info(reference_blobs);
        for (i, slot) in job.slots.get_untracked().iter().enumerate() {
            if let Slot::Done(meta) = slot {
                if meta.inline {
                    if let Ok(blob) = fetch_blob(&meta.src).await {
                        blobs.push((blob_key(&job.task_uuid(), BlobKind::Output, i), blob));
                    }
                }
            }
        }
        self.send(Write::Put {
            job: Box::new(job.snapshot()),
            blobs: wrap(blobs),
            completeness: Completeness::Whole,
        });
    }

    /// Stores many jobs in one transaction; resolves with the outcome.
    pub async fn import(self, jobs: Vec<(StoredJob, Vec<(String, Blob)>)>) -> Result<(), DbError> {
        let (done, outcome) = oneshot::channel();
        let jobs = jobs.into_iter().map(|(j, b)| (j, wrap(b))).collect();
        self.send(Write::Import { jobs, done });
        outcome.await.unwrap_or_else(|_| {
            Err(DbError::Unavailable(
                "history storage is not available".into(),
            ))
        })
    }

    /// Removes jobs from the feed and from storage; `None` removes all.
    pub fn delete(self, feed: Feed, task_uuids: Option<Vec<String>>) {
        for job in feed.remove(task_uuids.as_deref()) {
            for slot in job.slots.get_untracked() {
                if let Slot::Done(meta) = slot {
                    if meta.inline {
                        revoke_object_url(&meta.src);
                    }
                }
            }
        }
        self.send(Write::Delete(task_uuids));
    }

    /// Removes single Blobs (results the user deleted).
    pub fn delete_blobs(self, keys: Vec<String>) {
        if !keys.is_empty() {
            self.send(Write::DeleteBlobs(keys));
        }
    }

    /// Saves again every job whose images did not fit, e.g. once the user freed space.
    pub fn resave_unsaved(self, feed: Feed) {
        let ids = self.unsaved.get_value();
        let jobs: Vec<Job> = feed.jobs().with_untracked(|jobs| {
            jobs.iter()
                .filter(|j| ids.contains(&j.task_uuid()))
                .copied()
                .collect()
        });
        feed.spawn(async move {
            for job in jobs {
                self.save_whole(job).await;
            }
        });
    }

    pub async fn refresh_estimate(self) {
        if let Some(est) = db::estimate().await {
            self.status.set_used(est);
        }
    }

    /// Applies queued writes until the app closes (the task is cancelled with it).
    pub async fn run(self, feed: Feed, db: Rc<Database>) {
        let Some(mut rx) = self.rx.try_update_value(Option::take).flatten() else {
            return;
        };
        self.refresh_estimate().await;
        while let Some(write) = rx.next().await {
            let freed = matches!(write, Write::Delete(_) | Write::DeleteBlobs(_));
            let put = match &write {
                Write::Put {
                    job, completeness, ..
                } => Some((job.task_uuid.clone(), *completeness)),
                _ => None,
            };
            let news = match &write {
                Write::Put { job, .. } => Some(Changed::Put(vec![job.task_uuid.clone()])),
                Write::Import { jobs, .. } => Some(Changed::Put(
                    jobs.iter().map(|(j, _)| j.task_uuid.clone()).collect(),
                )),
                Write::Delete(ids) => Some(Changed::Deleted(ids.clone())),
                Write::DeleteBlobs(_) => None,
            };
            let result = apply(&db, write).await;
            if result.is_ok() {
                self.announce(news);
            }
            self.track_unsaved(&result, put);
            match result {
                Err(e) => self.status.set_problem(Some(e.to_string())),
                Ok(()) if freed => {
                    self.status.set_problem(None);
                    self.resave_unsaved(feed);
                }
                Ok(()) => {}
            }
            self.refresh_estimate().await;
        }
    }

    fn track_unsaved(self, result: &Result<(), DbError>, put: Option<(String, Completeness)>) {
        match (result, put) {
            (Err(DbError::Quota), Some((id, _))) => self.unsaved.update_value(|u| {
                if !u.contains(&id) {
                    u.push(id)
                }
            }),
            (Ok(()), Some((id, Completeness::Whole))) => {
                self.unsaved.update_value(|u| u.retain(|x| *x != id))
            }
            _ => {}
        }
    }
}

/// The bytes of a job's local references, as sent, keyed for storage.
pub fn reference_blobs(info: &crate::jobs::job::JobInfo) -> Vec<(String, Blob)> {
    info.refs
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match &item.source {
            crate::state::tray::RefSource::Local(f) => Some((
                blob_key(&info.task_uuid, BlobKind::Reference, i),
                Blob::clone(&f.sent),
            )),
            crate::state::tray::RefSource::Text(_) => None,
        })
        .collect()
}

fn record<'a>(job: &'a StoredJob, blobs: &[(String, SendWrapper<Blob>)]) -> db::Record<'a> {
    db::Record {
        task_uuid: &job.task_uuid,
        created_ms: job.created_ms,
        meta_json: serde_json::to_string(job).expect("stored jobs always serialise"),
        blobs: blobs
            .iter()
            .map(|(k, b)| (k.clone(), Blob::clone(b)))
            .collect(),
    }
}

async fn apply(db: &Database, write: Write) -> Result<(), DbError> {
    match write {
        Write::Put { job, blobs, .. } => db::put(db, &[record(&job, &blobs)]).await,
        Write::Delete(ids) => db::delete(db, ids.as_deref()).await,
        Write::DeleteBlobs(keys) => db::delete_blobs(db, &keys).await,
        Write::Import { jobs, done } => {
            let records: Vec<db::Record> = jobs.iter().map(|(j, b)| record(j, b)).collect();
            let result = db::put(db, &records).await;
            let _ = done.send(result.clone());
            result
        }
    }
}

pub fn use_writer() -> Writer {
    expect_context()
}
