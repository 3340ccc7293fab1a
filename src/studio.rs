//! The app's shared state, provided once as a context: signals, and what derives from them.

use crate::api::{Abort, Endpoint};
use crate::browser::{files::LocalFile, storage};
use crate::domain::history::{Filter, StoredJob, StoredRef};
use crate::domain::{build, form::control_for, Built, Form, JobState, RefInput, Slot};
use crate::history::Writer;
use leptos::prelude::*;
use runware::ImageInference;

/// The same-origin path that `trunk serve` and the production proxy forward to Runware.
pub const DEFAULT_ENDPOINT: &str = "/api/runware";

/// One reference image in the tray, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct RefItem {
    pub id: u64,
    pub source: RefSource,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RefSource {
    Local(LocalFile),
    /// A URL or an image UUID (or imported data URI / base64 text).
    Text(String),
}

impl RefItem {
    pub fn input(&self) -> RefInput {
        match &self.source {
            RefSource::Local(f) => RefInput::Local {
                label: f.name.clone(),
            },
            RefSource::Text(t) => RefInput::Text(t.clone()),
        }
    }

    /// Changes whenever what is shown for this item changes (e.g. re-prepared without
    /// downscaling), so keyed lists rebuild its card.
    pub fn render_key(&self) -> (u64, String) {
        match &self.source {
            RefSource::Local(f) => (self.id, f.thumb_url.clone()),
            RefSource::Text(_) => (self.id, String::new()),
        }
    }

    /// What storage keeps of this reference (a local file's bytes go beside it as a Blob).
    pub fn stored(&self) -> StoredRef {
        match &self.source {
            RefSource::Local(f) => StoredRef::Local {
                name: f.name.clone(),
                mime: f.mime.clone(),
                width: f.width,
                height: f.height,
                bytes: f.bytes,
            },
            RefSource::Text(t) => StoredRef::Text { value: t.clone() },
        }
    }

    pub fn label(&self) -> String {
        match &self.source {
            RefSource::Local(f) => f.name.clone(),
            RefSource::Text(t) if t.len() > 60 => crate::domain::payload::abbreviate(t),
            RefSource::Text(t) => t.clone(),
        }
    }
}

/// A file the checks refused, with every reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub id: u64,
    pub name: String,
    pub problems: Vec<String>,
}

/// One submission and everything that happens to it.
#[derive(Clone, Debug)]
pub struct Job {
    pub id: u64,
    pub task_uuid: String,
    pub form: Form,
    /// The references, ready to send again. For a job read back from history the local ones
    /// are not here (their Blobs are loaded on remix or retry): see `stored_refs`.
    pub refs: Vec<RefItem>,
    pub stored_refs: Vec<StoredRef>,
    /// The task as sent (local references as placeholders), for storage and resumed polling.
    pub task: ImageInference,
    pub is_async: bool,
    /// Wall-clock start (Unix ms), so elapsed times and polling limits survive a reload.
    pub started_ms: f64,
    /// Read back from storage rather than submitted in this visit.
    pub from_history: bool,
    /// Slot indices the user starred.
    pub favourites: RwSignal<Vec<usize>>,
    pub state: RwSignal<JobState>,
    pub slots: RwSignal<Vec<Slot>>,
    pub ended_ms: RwSignal<Option<f64>>,
    /// Headline and detail of the failure, for the card.
    pub error: RwSignal<Option<(String, String)>>,
    /// A passing remark: "retry 1 of 3 in 1.2 s".
    pub notice: RwSignal<Option<String>>,
    /// A lasting remark: "upload failed; the image itself was sent".
    pub warning: RwSignal<Option<String>>,
    pub abort: Abort,
}

impl Job {
    /// What storage keeps of this job now.
    pub fn snapshot(&self) -> StoredJob {
        StoredJob {
            task_uuid: self.task_uuid.clone(),
            task: self.task.clone(),
            refs: self.stored_refs.clone(),
            created_ms: self.started_ms,
            ended_ms: self.ended_ms.get_untracked(),
            state: self.state.get_untracked(),
            slots: self.slots.get_untracked(),
            error: self.error.get_untracked(),
            warning: self.warning.get_untracked(),
            favourites: self.favourites.get_untracked(),
        }
    }

    /// Total reported cost of its results (USD).
    pub fn cost(&self) -> f64 {
        self.slots.with(|s| crate::domain::job::slots_cost(s))
    }

    /// Passes the history view's search, state filter and (job-level) favourites filter.
    pub fn passes(&self, filter: &Filter) -> bool {
        filter.keeps_job(&self.form.prompt, self.state.get())
            && !(filter.favourites_only && self.favourites.with(Vec::is_empty))
    }
}

/// Everything the views share.
#[derive(Clone, Copy)]
pub struct Studio {
    pub form: RwSignal<Form>,
    pub refs: RwSignal<Vec<RefItem>>,
    pub jobs: RwSignal<Vec<Job>>,
    pub endpoint: RwSignal<String>,
    pub api_key: RwSignal<String>,
    pub remember_key: RwSignal<bool>,
    /// Controls the user has edited or left: their messages show from then on.
    pub touched: RwSignal<Vec<&'static str>>,
    /// After a send attempt every message shows.
    pub attempted: RwSignal<bool>,
    /// A field Runware itself refused on the last job: (control, message).
    pub server_error: RwSignal<Option<(&'static str, String)>>,
    pub tray_notice: RwSignal<Option<String>>,
    /// Files refused by the checks, shown in the tray with their reasons.
    pub rejected: RwSignal<Vec<Rejected>>,
    /// Upload local references once with `imageUpload` and send their UUIDs.
    pub upload_once: RwSignal<bool>,
    /// How long a request may wait for its answer (seconds, as typed in the settings).
    pub timeout_s: RwSignal<String>,
    /// Page clock for elapsed times, ticking while the app is open.
    pub now: RwSignal<f64>,
    /// When this visit began (Unix ms): jobs that ended since belong to it.
    pub opened_ms: f64,
    /// The UUID the next submission will carry (shown in the payload panel).
    pub next_task_uuid: RwSignal<String>,
    pub built: Memo<Built>,
    /// Queue of writes to IndexedDB, applied in order by one task.
    pub writer: Writer,
    /// Why history is not being saved (full disk, storage refused), until resolved.
    pub storage_problem: RwSignal<Option<String>>,
    /// (bytes used, quota) of this site's storage.
    pub storage_used: RwSignal<Option<(f64, f64)>>,
    /// Stored history has been read back.
    pub history_ready: RwSignal<bool>,
    /// The history view's search and filters.
    pub filter: RwSignal<Filter>,
    /// Gallery keys of the results picked for comparison (at most two).
    pub compare: RwSignal<Vec<String>>,
    next_id: StoredValue<u64>,
}

pub fn new_task_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Studio {
    pub fn new() -> Self {
        let form = RwSignal::new(Form::default());
        let refs = RwSignal::new(Vec::<RefItem>::new());
        let next_task_uuid = RwSignal::new(new_task_uuid());
        let nonce = (js_sys::Math::random() * 9.0e15) as u64;
        let built = Memo::new(move |_| {
            let inputs: Vec<RefInput> = refs.with(|r| r.iter().map(RefItem::input).collect());
            form.with(|f| next_task_uuid.with(|id| build(f, &inputs, id, nonce)))
        });
        let remember = storage::load_remember();
        Studio {
            form,
            refs,
            jobs: RwSignal::new(Vec::new()),
            endpoint: RwSignal::new(
                storage::load_endpoint().unwrap_or_else(|| DEFAULT_ENDPOINT.into()),
            ),
            api_key: RwSignal::new(storage::load_key()),
            remember_key: RwSignal::new(remember),
            touched: RwSignal::new(Vec::new()),
            attempted: RwSignal::new(false),
            server_error: RwSignal::new(None),
            tray_notice: RwSignal::new(None),
            rejected: RwSignal::new(Vec::new()),
            upload_once: RwSignal::new(storage::load_upload_once()),
            timeout_s: RwSignal::new(
                storage::load_timeout()
                    .unwrap_or_else(|| crate::domain::form::TIMEOUT_DEFAULT_S.to_string()),
            ),
            now: RwSignal::new(crate::browser::epoch_ms()),
            opened_ms: crate::browser::epoch_ms(),
            next_task_uuid,
            built,
            writer: Writer::new(),
            storage_problem: RwSignal::new(None),
            storage_used: RwSignal::new(None),
            history_ready: RwSignal::new(false),
            filter: RwSignal::new(Filter::default()),
            compare: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    pub fn fresh_id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Moves reference `id` by `delta` places (keyboard reordering).
    pub fn move_ref(&self, id: u64, delta: isize) {
        self.refs.update(|r| {
            if let Some(pos) = r.iter().position(|i| i.id == id) {
                let to = (pos as isize + delta).clamp(0, r.len() as isize - 1) as usize;
                let item = r.remove(pos);
                r.insert(to, item);
            }
        });
        self.touch("references");
    }

    /// Moves reference `id` to where `target` is (drag and drop).
    pub fn move_ref_to(&self, id: u64, target: u64) {
        let to = self
            .refs
            .with_untracked(|r| r.iter().position(|i| i.id == target));
        let from = self
            .refs
            .with_untracked(|r| r.iter().position(|i| i.id == id));
        if let (Some(from), Some(to)) = (from, to) {
            self.move_ref(id, to as isize - from as isize);
        }
    }

    /// The time-out in force: the setting when valid, else the default.
    pub fn timeout_now(&self) -> u32 {
        crate::domain::form::parse_timeout(&self.timeout_s.get_untracked())
            .unwrap_or(crate::domain::form::TIMEOUT_DEFAULT_S)
    }

    pub fn endpoint_now(&self) -> Endpoint {
        let key = self.api_key.get_untracked();
        Endpoint {
            url: self.endpoint.get_untracked().trim().to_owned(),
            key: (!key.trim().is_empty()).then(|| key.trim().to_owned()),
        }
    }

    /// Edits the form and marks the control as touched; a server complaint about it is
    /// cleared, since the user is fixing it.
    pub fn edit(&self, control: &'static str, f: impl FnOnce(&mut Form)) {
        self.form.update(f);
        self.touch(control);
        if self
            .server_error
            .with_untracked(|e| e.as_ref().is_some_and(|(c, _)| *c == control))
        {
            self.server_error.set(None);
        }
    }

    pub fn touch(&self, control: &'static str) {
        if !self.touched.with_untracked(|t| t.contains(&control)) {
            self.touched.update(|t| t.push(control));
        }
    }

    /// The message to show under `control`, if any.
    pub fn error_for(&self, control: &'static str) -> Option<String> {
        if let Some((c, m)) = self.server_error.get() {
            if c == control {
                return Some(m);
            }
        }
        let visible = self.attempted.get() || self.touched.with(|t| t.contains(&control));
        if !visible {
            return None;
        }
        self.built.with(|b| {
            b.errors
                .iter()
                .find(|e| control_for(&e.field) == control)
                .map(|e| e.message.clone())
        })
    }

    /// Total cost of every result in this session (USD).
    pub fn session_cost(&self) -> f64 {
        self.jobs
            .with(|jobs| jobs.iter().filter(|j| !j.from_history).map(Job::cost).sum())
    }

    /// Total cost of everything in the stored history, this session included (USD).
    pub fn history_cost(&self) -> f64 {
        self.jobs.with(|jobs| jobs.iter().map(Job::cost).sum())
    }
}

impl Default for Studio {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}
