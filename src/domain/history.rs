//! What is kept of a job between visits, how the history view filters it, and the export
//! file's shape. Pure data: the browser adapter stores it, the views read it.

use super::job::{JobError, JobState, Slot};
use runware::ImageInference;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// `format` of an export file, so an unrelated JSON file is refused by name.
pub const EXPORT_FORMAT: &str = "kling-studio-history";
pub const EXPORT_VERSION: u32 = 1;

/// One reference as it was sent: a local file (its bytes are a Blob stored beside the job) or
/// the URL / image UUID text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StoredRef {
    #[serde(rename_all = "camelCase")]
    Local {
        name: String,
        mime: String,
        width: u32,
        height: u32,
        #[serde(serialize_with = "super::number::ser_f64")]
        bytes: f64,
    },
    Text {
        value: String,
    },
}

/// Everything about a job except image bytes. Never holds the API key: nothing here is
/// taken from the settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredJob {
    #[serde(rename = "taskUUID")]
    pub task_uuid: String,
    /// The task as sent, local references standing as placeholders.
    pub task: ImageInference,
    pub refs: Vec<StoredRef>,
    /// Wall-clock milliseconds (Unix epoch).
    #[serde(serialize_with = "super::number::ser_f64")]
    pub created_ms: f64,
    #[serde(default, serialize_with = "super::number::ser_opt_f64")]
    pub ended_ms: Option<f64>,
    pub state: JobState,
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub error: Option<JobError>,
    #[serde(default)]
    pub warning: Option<String>,
    /// Slot indices the user starred.
    #[serde(default)]
    pub favourites: Vec<usize>,
    /// The result this job edits, when it was made with "Edit".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<super::lineage::Parent>,
    /// The shot list this job ran in, and its place there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shot: Option<super::shots::ShotTag>,
}

impl StoredJob {
    pub fn is_async(&self) -> bool {
        self.task.is_async()
    }

    /// Sum of the reported cost of every result.
    pub fn cost(&self) -> f64 {
        super::job::slots_cost(&self.slots)
    }

    /// What a job read back after a reload has become: async work resumes (it keeps its
    /// state), a sync request that was cut off is interrupted, since its answer is lost.
    pub fn after_reload(mut self) -> Self {
        if !self.state.is_final() && !self.is_async() {
            self.state = JobState::Interrupted;
            self.error = Some(JobError::new(
                "Interrupted by a reload",
                "The page closed while this request was waiting for its answer. Runware may \
                 still have produced and billed it; its results cannot be fetched. Retry sends \
                 it again.",
            ));
            for slot in &mut self.slots {
                if *slot == Slot::Waiting {
                    *slot = Slot::Failed("Not received.".into());
                }
            }
        }
        self
    }

    /// Every result URL is one an `<img>` may show; an imported file could say anything.
    pub fn urls_are_safe(&self) -> bool {
        self.slots.iter().all(|s| match s {
            Slot::Done(r) => r
                .remote_url
                .as_deref()
                .is_none_or(super::job::safe_image_url),
            _ => true,
        })
    }
}

/// Which jobs the feed shows, by how they stand (the toolbar's chips).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StateFilter {
    #[default]
    All,
    /// Queued or still running.
    Running,
    /// Finished with images (partly done included).
    Done,
    /// Failed, interrupted or cancelled: nothing more will come.
    Failed,
}

impl StateFilter {
    pub const ALL: [StateFilter; 4] = [
        StateFilter::All,
        StateFilter::Running,
        StateFilter::Done,
        StateFilter::Failed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StateFilter::All => "All",
            StateFilter::Running => "Running",
            StateFilter::Done => "Done",
            StateFilter::Failed => "Failed",
        }
    }

    pub fn keeps(self, state: JobState) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::Running => !state.is_final(),
            StateFilter::Done => state == JobState::Done,
            StateFilter::Failed => matches!(
                state,
                JobState::Failed | JobState::Interrupted | JobState::Cancelled
            ),
        }
    }
}

/// The history view's search and filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub query: String,
    pub state: StateFilter,
    pub favourites_only: bool,
    /// Only the jobs of one edit chain (their taskUUIDs), with what to call it.
    pub chain: Option<(String, Vec<String>)>,
}

impl Filter {
    /// Does a job with this prompt and state pass the search and state filter? (Favourites
    /// are per result: see `keeps_result`.)
    pub fn keeps_job(&self, prompt: &str, state: JobState) -> bool {
        self.state.keeps(state) && prompt_matches(prompt, &self.query)
    }

    /// Is the job in the chain shown (when one is)?
    pub fn keeps_chain(&self, task_uuid: &str) -> bool {
        self.chain
            .as_ref()
            .is_none_or(|(_, jobs)| jobs.iter().any(|j| j == task_uuid))
    }

    pub fn keeps_result(&self, favourite: bool) -> bool {
        !self.favourites_only || favourite
    }

    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }
}

/// Every word of the query appears in the prompt, ignoring case.
pub fn prompt_matches(prompt: &str, query: &str) -> bool {
    use super::text::fold_case;
    let prompt = fold_case(prompt);
    query
        .split_whitespace()
        .all(|w| prompt.contains(&fold_case(w)))
}

/// Header of an export file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportHeader {
    pub format: String,
    pub version: u32,
    #[serde(serialize_with = "super::number::ser_f64")]
    pub exported_ms: f64,
}

/// The jobs of `incoming` whose taskUUID is not already stored (nor repeated in the file).
pub fn new_only(existing: &HashSet<String>, incoming: Vec<StoredJob>) -> (Vec<StoredJob>, usize) {
    let mut seen = existing.clone();
    let total = incoming.len();
    let fresh: Vec<StoredJob> = incoming
        .into_iter()
        .filter(|j| seen.insert(j.task_uuid.clone()))
        .collect();
    let skipped = total - fresh.len();
    (fresh, skipped)
}

/// "1.4 MB of 2.1 GB"
pub fn storage_label(used: f64, quota: f64) -> String {
    use super::text::human_bytes;
    if quota > 0.0 {
        format!("{} of {}", human_bytes(used), human_bytes(quota))
    } else {
        human_bytes(used)
    }
}

/// The order stored image copies go in when space is freed, as indices into `copies` (each
/// `(starred, job started ms, slot)`): not starred before starred, oldest job first.
pub fn free_order(copies: &[(bool, f64, usize)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..copies.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (copies[a], copies[b]);
        x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)).then(x.2.cmp(&y.2))
    });
    order
}
