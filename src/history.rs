//! Keeping jobs between visits: one task owns the IndexedDB writes and applies them in
//! order; on start it reads the history back, resumes async jobs and marks cut-off sync
//! jobs as interrupted.

use crate::api::Abort;
use crate::browser::db::{self, blob_key, DbError};
use crate::browser::{self, revoke_object_url};
use crate::domain::history::StoredJob;
use crate::domain::import::form_from_task;
use crate::domain::Slot;
use crate::studio::{Job, RefItem, RefSource, Studio};
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::channel::oneshot;
use futures::StreamExt;
use idb::Database;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::Blob;

/// Blobs to store, by key (`db::blob_key`).
pub type Blobs = Vec<(String, SendWrapper<Blob>)>;

/// One change to apply to storage.
pub enum Write {
    Put {
        job: Box<StoredJob>,
        blobs: Blobs,
        /// Carries every Blob of the job, so success means nothing of it is missing.
        complete: bool,
    },
    /// `None` deletes everything.
    Delete(Option<Vec<String>>),
    /// Many jobs in one transaction (an import); the outcome is sent back.
    Import {
        jobs: Vec<(StoredJob, Blobs)>,
        done: oneshot::Sender<Result<(), DbError>>,
    },
}

/// The write queue and the open database, shared through `Studio`.
#[derive(Clone, Copy)]
pub struct Writer {
    tx: StoredValue<UnboundedSender<Write>>,
    rx: StoredValue<Option<UnboundedReceiver<Write>>>,
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    /// Jobs whose last write failed for lack of space, saved again once space is freed.
    unsaved: StoredValue<Vec<String>>,
}

impl Writer {
    pub fn new() -> Self {
        let (tx, rx) = unbounded();
        Writer {
            tx: StoredValue::new(tx),
            rx: StoredValue::new(Some(rx)),
            db: StoredValue::new_local(None),
            unsaved: StoredValue::new(Vec::new()),
        }
    }

    fn send(&self, write: Write) {
        // A closed queue means storage is unavailable; the message says so already.
        let _ = self.tx.try_with_value(|tx| tx.unbounded_send(write));
    }

    /// The open database, once `run` has opened it.
    pub fn db(&self) -> Option<Rc<Database>> {
        self.db.get_value()
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Write {
    pub fn put(job: StoredJob, blobs: Vec<(String, Blob)>) -> Write {
        Write::Put {
            job: Box::new(job),
            blobs: blobs
                .into_iter()
                .map(|(k, b)| (k, SendWrapper::new(b)))
                .collect(),
            complete: false,
        }
    }
}

/// Queues a write; writes apply in the order queued.
pub fn queue(s: Studio, write: Write) {
    s.writer.send(write);
}

/// Queues the job's current state, with Blobs not stored before.
pub fn save(s: Studio, job: &Job, blobs: Vec<(String, Blob)>) {
    queue(s, Write::put(job.snapshot(), blobs));
}

/// Queues a job's state together with every Blob it has (references and inline results),
/// for a job whose earlier writes may have failed.
async fn save_full(s: Studio, job: &Job) {
    let mut blobs = ref_blobs(job);
    for (i, slot) in job.slots.get_untracked().iter().enumerate() {
        if let Slot::Done(meta) = slot {
            if meta.inline {
                if let Ok(blob) = browser::fetch_blob(&meta.src).await {
                    blobs.push((blob_key(&job.task_uuid, 'o', i), blob));
                }
            }
        }
    }
    let mut write = Write::put(job.snapshot(), blobs);
    if let Write::Put { complete, .. } = &mut write {
        *complete = true;
    }
    queue(s, write);
}

/// The bytes of a job's local references, as sent, keyed for storage.
pub fn ref_blobs(job: &Job) -> Vec<(String, Blob)> {
    job.refs
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match &item.source {
            RefSource::Local(f) => Some((blob_key(&job.task_uuid, 'r', i), Blob::clone(&f.sent))),
            RefSource::Text(_) => None,
        })
        .collect()
}

/// Removes jobs from the gallery and from storage; `None` removes all.
pub fn delete(s: Studio, task_uuids: Option<Vec<String>>) {
    let gone: Vec<Job> = s.jobs.with_untracked(|jobs| {
        jobs.iter()
            .filter(|j| {
                task_uuids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&j.task_uuid))
            })
            .cloned()
            .collect()
    });
    s.jobs.update(|jobs| {
        jobs.retain(|j| {
            task_uuids
                .as_ref()
                .is_some_and(|ids| !ids.contains(&j.task_uuid))
        })
    });
    s.compare.set(Vec::new());
    for job in &gone {
        job.abort.abort();
        for slot in job.slots.get_untracked() {
            if let Slot::Done(meta) = slot {
                if meta.inline {
                    revoke_object_url(&meta.src);
                }
            }
        }
    }
    s.writer.send(Write::Delete(task_uuids));
}

/// Opens the database, reads the history back, then applies queued writes until the page
/// closes. Spawned once by the app.
pub async fn run(s: Studio) {
    let Some(mut rx) = s.writer.rx.try_update_value(Option::take).flatten() else {
        return;
    };
    let span = browser::Span::start("kling:history-load");
    let paint = browser::Span::start("kling:history-paint");
    let open = browser::Span::start("kling:history-open");
    let opened = db::open().await;
    open.end();
    let db = match opened {
        Ok(db) => Rc::new(db),
        Err(e) => {
            s.storage_problem.set(Some(e.to_string()));
            s.history_ready.set(true);
            return;
        }
    };
    s.writer.db.set_value(Some(Rc::clone(&db)));
    // The newest jobs first, enough to fill the first screen, then everything else.
    match load(s, &db, Some(FIRST_SCREEN_JOBS)).await {
        Ok(stored) => restore(s, stored),
        Err(e) => s.storage_problem.set(Some(e.to_string())),
    }
    span.end();
    s.history_ready.set(true);
    // The frame that shows the restored gallery: a task queued from the next animation
    // frame runs once it has been painted.
    let render = browser::Span::start("kling:history-render");
    let (painted, first_frame) = oneshot::channel::<()>();
    request_animation_frame(move || {
        render.end();
        set_timeout(
            move || {
                paint.end();
                let _ = painted.send(());
            },
            Default::default(),
        )
    });
    // The older history is read once the first screen is on show.
    let _ = first_frame.await;
    match load(s, &db, None).await {
        Ok(stored) => restore(s, stored),
        Err(e) => s.storage_problem.set(Some(e.to_string())),
    }
    refresh_estimate(s).await;
    while let Some(write) = rx.next().await {
        if s.jobs.try_with_untracked(|_| ()).is_none() {
            return; // The app is gone.
        }
        let freed = matches!(write, Write::Delete(_));
        let put = match &write {
            Write::Put { job, complete, .. } => Some((job.task_uuid.clone(), *complete)),
            _ => None,
        };
        let result = apply(&db, write).await;
        match (&result, put) {
            (Err(DbError::Quota), Some((id, _))) => s.writer.unsaved.update_value(|u| {
                if !u.contains(&id) {
                    u.push(id)
                }
            }),
            (Ok(()), Some((id, true))) => s.writer.unsaved.update_value(|u| u.retain(|x| *x != id)),
            _ => {}
        }
        match result {
            Err(e) => s.storage_problem.set(Some(e.to_string())),
            Ok(()) if freed => {
                s.storage_problem.set(None);
                resave_unsaved(s);
            }
            Ok(()) => {}
        }
        refresh_estimate(s).await;
    }
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
        Write::Import { jobs, done } => {
            let records: Vec<db::Record> = jobs.iter().map(|(j, b)| record(j, b)).collect();
            let result = db::put(db, &records).await;
            let _ = done.send(result.clone());
            result
        }
    }
}

/// Saves again every job whose images did not fit, e.g. once the user freed space.
pub fn resave_unsaved(s: Studio) {
    let ids = s.writer.unsaved.get_value();
    let jobs: Vec<Job> = s.jobs.with_untracked(|jobs| {
        jobs.iter()
            .filter(|j| ids.contains(&j.task_uuid))
            .cloned()
            .collect()
    });
    leptos::task::spawn_local(async move {
        for job in jobs {
            save_full(s, &job).await;
        }
    });
}

pub async fn refresh_estimate(s: Studio) {
    if let Some(est) = db::estimate().await {
        s.storage_used.set(Some(est));
    }
}

/// Jobs read before the first paint: at least as many results as a large screen shows (a
/// job has one or more); the rest follows right after.
const FIRST_SCREEN_JOBS: usize = 24;

/// Stored jobs (the `newest` most recent, or all) with their inline result Blobs, oldest
/// first.
async fn load(
    s: Studio,
    db: &Database,
    newest: Option<usize>,
) -> Result<Vec<(StoredJob, HashMap<usize, Blob>)>, DbError> {
    let Some(known) = known_ids(s) else {
        return Ok(Vec::new());
    };
    let metas = match newest {
        Some(n) => db::load_newest(db, n).await?,
        None => db::load_all(db).await?,
    };
    let jobs: Vec<StoredJob> = metas
        .iter()
        .filter_map(|m| serde_json::from_str::<StoredJob>(m).ok())
        .filter(|j| !known.contains(&j.task_uuid))
        .collect();
    let keys: Vec<String> = jobs
        .iter()
        .flat_map(|j| {
            j.slots.iter().enumerate().filter_map(|(i, s)| match s {
                Slot::Done(r) if r.inline => Some(blob_key(&j.task_uuid, 'o', i)),
                _ => None,
            })
        })
        .collect();
    let mut found: HashMap<String, Blob> = db::get_many(db, &keys).await?.into_iter().collect();
    Ok(jobs
        .into_iter()
        .map(|j| {
            let blobs = (0..j.slots.len())
                .filter_map(|i| {
                    found
                        .remove(&blob_key(&j.task_uuid, 'o', i))
                        .map(|b| (i, b))
                })
                .collect();
            (j, blobs)
        })
        .collect())
}

/// The task UUIDs in the gallery; `None` once the app is gone (its signals disposed).
fn known_ids(s: Studio) -> Option<std::collections::HashSet<String>> {
    s.jobs
        .try_with_untracked(|j| j.iter().map(|j| j.task_uuid.clone()).collect())
}

/// Puts stored jobs into the gallery (after any submitted meanwhile) and resumes them.
pub fn restore(s: Studio, stored: Vec<(StoredJob, HashMap<usize, Blob>)>) {
    let Some(known) = known_ids(s) else {
        return;
    };
    let mut restored = Vec::new();
    for (stored, blobs) in stored.into_iter().rev() {
        if known.contains(&stored.task_uuid) {
            continue;
        }
        let before = stored.state;
        let stored = stored.after_reload();
        let job = job_from_stored(s, stored, blobs);
        if job.state.get_untracked() != before {
            save(s, &job, Vec::new());
        }
        restored.push(job);
    }
    s.jobs.update(|jobs| jobs.extend(restored.iter().cloned()));
    for job in restored {
        if job.is_async && !job.state.get_untracked().is_final() {
            leptos::task::spawn_local(crate::jobs::resume(s, job));
        }
    }
}

/// A gallery job from its stored form; inline images get fresh `blob:` URLs.
pub fn job_from_stored(s: Studio, stored: StoredJob, mut blobs: HashMap<usize, Blob>) -> Job {
    let form = form_from_task(&stored.task)
        .map(|(f, _)| f)
        .unwrap_or_default();
    let refs = stored
        .refs
        .iter()
        .filter_map(|r| match r {
            crate::domain::history::StoredRef::Text { value } => Some(RefItem {
                id: s.fresh_id(),
                source: RefSource::Text(value.clone()),
            }),
            _ => None,
        })
        .collect();
    let slots = stored
        .slots
        .into_iter()
        .enumerate()
        .map(|(i, slot)| match slot {
            Slot::Done(mut meta) => {
                if meta.inline {
                    match blobs
                        .remove(&i)
                        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
                    {
                        Some(url) => meta.src = url,
                        None => return Slot::Failed("The stored image is missing.".into()),
                    }
                } else {
                    meta.src = meta.remote_url.clone().unwrap_or_default();
                }
                Slot::Done(meta)
            }
            other => other,
        })
        .collect();
    Job {
        id: s.fresh_id(),
        task_uuid: stored.task_uuid,
        form,
        refs,
        stored_refs: stored.refs,
        is_async: stored.task.is_async(),
        task: stored.task,
        started_ms: stored.created_ms,
        from_history: true,
        favourites: RwSignal::new(stored.favourites),
        state: RwSignal::new(stored.state),
        slots: RwSignal::new(slots),
        ended_ms: RwSignal::new(stored.ended_ms),
        error: RwSignal::new(stored.error),
        notice: RwSignal::new(None),
        warning: RwSignal::new(stored.warning),
        abort: Abort::new(),
    }
}

/// Flips the star on one result and stores it.
pub fn toggle_favourite(s: Studio, job: &Job, slot: usize) {
    job.favourites.update(|f| {
        if let Some(pos) = f.iter().position(|x| *x == slot) {
            f.remove(pos);
        } else {
            f.push(slot);
        }
    });
    save(s, job, Vec::new());
}

/// The job's references ready for the composer: local ones are read back from storage.
pub async fn references_of(s: Studio, job: &Job) -> Result<Vec<RefItem>, String> {
    if !job.from_history {
        return Ok(job.refs.clone());
    }
    let stored_blobs = match s.writer.db() {
        Some(db) => db::load_blobs(&db, &job.task_uuid, 'r')
            .await
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let mut blobs: HashMap<usize, Blob> = stored_blobs.into_iter().collect();
    let mut out = Vec::new();
    for (i, r) in job.stored_refs.iter().enumerate() {
        let source = match r {
            crate::domain::history::StoredRef::Text { value } => RefSource::Text(value.clone()),
            crate::domain::history::StoredRef::Local { name, .. } => {
                let blob = blobs
                    .remove(&i)
                    .ok_or_else(|| format!("Reference {} ({name}) was not kept.", i + 1))?;
                let file = browser::files::blob_to_file(&blob, name)
                    .map_err(|e| format!("Reference {} ({name}): {e}", i + 1))?;
                // Stored as sent: already within limits, so no second downscale.
                let local = browser::prepare::prepare(&file, name, false)
                    .await
                    .map_err(|e| format!("Reference {} ({name}): {}", i + 1, e.join(" ")))?;
                RefSource::Local(local)
            }
        };
        out.push(RefItem {
            id: s.fresh_id(),
            source,
        });
    }
    Ok(out)
}
