//! The jobs on show, newest first, with the history filters and the results picked for
//! comparison. Each job's signals belong to an owner of the job's own, a child of the app's:
//! deleting a job disposes them and cancels whatever task was running for it.

use crate::domain::history::Filter;
use crate::jobs::job::{Job, JobId, JobInfo, Progress};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::future::Future;

/// The feed's state.
#[derive(Clone, Copy)]
pub struct Feed {
    jobs: RwSignal<Vec<Job>>,
    filter: RwSignal<Filter>,
    /// When this visit began (Unix ms).
    opened_ms: f64,
    root: StoredValue<Owner>,
    owners: StoredValue<HashMap<JobId, Owner>>,
    next_id: StoredValue<u64>,
    /// Jobs this tab sends or polls (another tab's news about them is not applied here).
    driven: StoredValue<HashSet<JobId>>,
}

impl Feed {
    /// A feed whose jobs belong to the current owner (the app's).
    pub fn new() -> Feed {
        Feed {
            jobs: RwSignal::new(Vec::new()),
            filter: RwSignal::new(Filter::default()),
            opened_ms: crate::browser::epoch_ms(),
            root: StoredValue::new(Owner::current().unwrap_or_default()),
            owners: StoredValue::new(HashMap::new()),
            next_id: StoredValue::new(1),
            driven: StoredValue::new(HashSet::new()),
        }
    }

    pub fn jobs(self) -> ReadSignal<Vec<Job>> {
        self.jobs.read_only()
    }

    pub fn opened_ms(self) -> f64 {
        self.opened_ms
    }

    /// Creates a job under an owner of its own; it shows once inserted.
    pub fn create(self, info: JobInfo, progress: Progress) -> Job {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let id = JobId(id);
        let owner = self.root.with_value(Owner::child);
        let job = owner.with(|| Job::new(id, info, progress));
        self.owners.update_value(|o| {
            o.insert(id, owner);
        });
        job
    }

    /// Runs `task` under the app's owner (it outlives the view that started it).
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        self.root
            .with_value(|o| o.with(|| leptos::task::spawn_local_scoped_with_cancellation(task)));
    }

    /// Runs `task` for `job`, under the job's owner: deleting the job cancels it.
    pub fn spawn_for(self, job: Job, task: impl Future<Output = ()> + 'static) {
        if let Some(owner) = self.owners.with_value(|o| o.get(&job.id).cloned()) {
            owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task));
        }
    }

    /// Runs the task that sends or polls `job` (as `spawn_for`), and notes that this tab
    /// drives it.
    pub fn drive(self, job: Job, task: impl Future<Output = ()> + 'static) {
        self.driven.update_value(|d| {
            d.insert(job.id);
        });
        self.spawn_for(job, task);
    }

    pub fn is_driven(self, job: Job) -> bool {
        self.driven.with_value(|d| d.contains(&job.id))
    }

    /// Shows a job submitted now, above everything.
    pub fn insert_newest(self, job: Job) {
        self.jobs.update(|jobs| jobs.insert(0, job));
    }

    /// Shows stored jobs, then keeps the feed in time order, newest first.
    pub fn add_stored(self, jobs: Vec<Job>) {
        if jobs.is_empty() {
            return;
        }
        self.jobs.update(|all| {
            all.extend(jobs);
            all.sort_by(|a, b| b.started_ms().total_cmp(&a.started_ms()));
        });
    }

    pub fn find_uuid(self, task_uuid: &str) -> Option<Job> {
        self.jobs.with_untracked(|j| {
            j.iter()
                .find(|j| j.with_info(|i| i.task_uuid == task_uuid))
                .copied()
        })
    }

    pub fn find(self, id: JobId) -> Option<Job> {
        self.jobs
            .with_untracked(|j| j.iter().find(|j| j.id == id).copied())
    }

    /// The taskUUIDs on show; `None` once the app is gone.
    pub fn known_uuids(self) -> Option<HashSet<String>> {
        self.jobs
            .try_with_untracked(|j| j.iter().map(|j| j.task_uuid()).collect())
    }

    /// Takes jobs off the feed (`None`: all) and disposes them once the views have let go.
    pub fn remove(self, task_uuids: Option<&[String]>) -> Vec<Job> {
        let doomed = |j: &Job| task_uuids.is_none_or(|ids| ids.contains(&j.task_uuid()));
        let gone: Vec<Job> = self
            .jobs
            .with_untracked(|jobs| jobs.iter().filter(|j| doomed(j)).copied().collect());
        self.jobs.update(|jobs| jobs.retain(|j| !doomed(j)));
        let owners: Vec<Owner> = self
            .owners
            .try_update_value(|o| gone.iter().filter_map(|j| o.remove(&j.id)).collect())
            .unwrap_or_default();
        for job in &gone {
            job.abort();
        }
        // After this turn's view updates, which may still read the rows being removed.
        set_timeout(
            move || owners.iter().for_each(Owner::cleanup),
            Default::default(),
        );
        gone
    }

    pub fn filter(self) -> ReadSignal<Filter> {
        self.filter.read_only()
    }

    pub fn edit_filter(self, f: impl FnOnce(&mut Filter)) {
        self.filter.update(f);
    }

    /// Total cost of everything in the stored history, this visit included (USD).
    pub fn history_cost(self) -> f64 {
        self.jobs.with(|jobs| jobs.iter().map(|j| j.cost()).sum())
    }
}

impl Default for Feed {
    fn default() -> Self {
        Feed::new()
    }
}

pub fn use_feed() -> Feed {
    expect_context()
}
