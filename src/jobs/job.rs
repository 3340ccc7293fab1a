//! A job as the app holds it: a cheap `Copy` handle. What never changes after submission sits
//! in one stored value; what changes has a signal of its own, so a view of a job updates only
//! where that job changed. Its reactive values belong to an owner of its own (see
//! `state::feed`), disposed when the job is deleted.

use crate::api::Abort;
use crate::domain::history::{Filter, StoredJob, StoredRef};
use crate::domain::job::slots_cost;
use crate::domain::{Form, JobError, JobState, Slot};
use crate::state::tray::RefItem;
use leptos::prelude::*;
use runware::ImageInference;

/// Identity of a job in this page (not stored; the taskUUID is the lasting identity).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(pub u64);

/// Where a job came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Submitted in this visit: counts towards the session's spend.
    ThisVisit,
    /// Read back from storage (an earlier visit, another tab, an import).
    Stored,
}

/// What is fixed when the job is created.
#[derive(Clone, Debug)]
pub struct JobInfo {
    pub task_uuid: String,
    pub form: Form,
    /// The references, ready to send again. For a stored job the local ones are not here
    /// (their Blobs are read back on remix or retry): see `stored_refs`.
    pub refs: Vec<RefItem>,
    pub stored_refs: Vec<StoredRef>,
    /// The task as sent (local references as placeholders), for storage and resumed polling.
    pub task: ImageInference,
    /// Wall-clock start (Unix ms), so elapsed times and polling limits survive a reload.
    pub started_ms: f64,
    pub origin: Origin,
    pub abort: Abort,
    /// The result this job edits.
    pub parent: Option<crate::domain::lineage::Parent>,
    /// The shot list the job runs in.
    pub shot: Option<crate::domain::shots::ShotTag>,
}

/// What changes as the job runs; the starting values of its signals.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub state: JobState,
    pub slots: Vec<Slot>,
    pub ended_ms: Option<f64>,
    pub error: Option<JobError>,
    pub warning: Option<String>,
    pub favourites: Vec<usize>,
}

impl Progress {
    /// A job about to be sent: `n` results awaited.
    pub fn queued(n: usize) -> Progress {
        Progress {
            state: JobState::Queued,
            slots: vec![Slot::Waiting; n],
            ended_ms: None,
            error: None,
            warning: None,
            favourites: Vec::new(),
        }
    }
}

/// One submission and everything that happens to it.
#[derive(Clone, Copy)]
pub struct Job {
    pub id: JobId,
    info: StoredValue<JobInfo>,
    pub state: RwSignal<JobState>,
    pub slots: RwSignal<Vec<Slot>>,
    pub ended_ms: RwSignal<Option<f64>>,
    pub error: RwSignal<Option<JobError>>,
    /// A passing remark: "retry 1 of 3 in 1.2 s".
    pub notice: RwSignal<Option<String>>,
    /// A lasting remark: "upload failed; the image itself was sent".
    pub warning: RwSignal<Option<String>>,
    /// Slot indices the user starred.
    pub favourites: RwSignal<Vec<usize>>,
}

/// Two handles are the same job when they have the same identity.
impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({})", self.id.0)
    }
}

impl Job {
    /// The one constructor: call it under the job's own owner.
    pub fn new(id: JobId, info: JobInfo, progress: Progress) -> Job {
        Job {
            id,
            info: StoredValue::new(info),
            state: RwSignal::new(progress.state),
            slots: RwSignal::new(progress.slots),
            ended_ms: RwSignal::new(progress.ended_ms),
            error: RwSignal::new(progress.error),
            notice: RwSignal::new(None),
            warning: RwSignal::new(progress.warning),
            favourites: RwSignal::new(progress.favourites),
        }
    }

    /// Reads the fixed part of the job.
    pub fn with_info<T>(self, f: impl FnOnce(&JobInfo) -> T) -> T {
        self.info.with_value(f)
    }

    /// The fixed part, if the job still exists (a deleted job's handle reads nothing).
    pub fn try_info<T>(self, f: impl FnOnce(&JobInfo) -> T) -> Option<T> {
        self.info.try_with_value(f)
    }

    pub fn task_uuid(self) -> String {
        self.with_info(|i| i.task_uuid.clone())
    }

    pub fn prompt(self) -> String {
        self.with_info(|i| i.form.prompt.clone())
    }

    pub fn is_async(self) -> bool {
        self.with_info(|i| i.task.is_async())
    }

    pub fn started_ms(self) -> f64 {
        self.with_info(|i| i.started_ms)
    }

    pub fn origin(self) -> Origin {
        self.with_info(|i| i.origin)
    }

    pub fn abort(self) {
        self.with_info(|i| i.abort.abort());
    }

    /// What storage keeps of this job now.
    pub fn snapshot(self) -> StoredJob {
        self.with_info(|i| StoredJob {
            task_uuid: i.task_uuid.clone(),
            task: i.task.clone(),
            refs: i.stored_refs.clone(),
            created_ms: i.started_ms,
            ended_ms: self.ended_ms.get_untracked(),
            state: self.state.get_untracked(),
            slots: self.slots.get_untracked(),
            error: self.error.get_untracked(),
            warning: self.warning.get_untracked(),
            favourites: self.favourites.get_untracked(),
            parent: i.parent.clone(),
            shot: i.shot.clone(),
        })
    }

    /// Total reported cost of its results (USD), tracked.
    pub fn cost(self) -> f64 {
        self.slots.with(|s| slots_cost(s))
    }

    /// Passes the history search, state filter and favourites filter (tracked).
    pub fn passes(self, filter: &Filter) -> bool {
        let prompt_ok = self.with_info(|i| {
            filter.keeps_job(&i.form.prompt, self.state.get()) && filter.keeps_chain(&i.task_uuid)
        });
        prompt_ok && !(filter.favourites_only && self.favourites.with(Vec::is_empty))
    }
}

/// A result's key: its image UUID, else its job and slot.
pub fn result_key(job: Job, slot: usize, meta: &crate::domain::ResultMeta) -> String {
    if meta.image_uuid.is_empty() {
        format!("{}-{slot}", job.id.0)
    } else {
        meta.image_uuid.clone()
    }
}
