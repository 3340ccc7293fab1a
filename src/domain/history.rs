//! What is kept of a job between visits, how the history view filters it, and the export
//! file's shape. Pure data: the browser adapter stores it, the views read it.

use super::job::{JobState, Slot};
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
    pub error: Option<(String, String)>,
    #[serde(default)]
    pub warning: Option<String>,
    /// Slot indices the user starred.
    #[serde(default)]
    pub favourites: Vec<usize>,
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
            self.error = Some((
                "Interrupted by a reload".into(),
                "The page closed while this request was waiting for its answer. Runware may \
                 still have produced and billed it; its results cannot be fetched. Retry sends \
                 it again."
                    .into(),
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

/// Which state the history view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StateFilter {
    #[default]
    All,
    Only(JobState),
}

/// The history view's search and filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub query: String,
    pub state: StateFilter,
    pub favourites_only: bool,
}

impl Filter {
    /// Does a job with this prompt and state pass the search and state filter? (Favourites
    /// are per result: see `keeps_result`.)
    pub fn keeps_job(&self, prompt: &str, state: JobState) -> bool {
        let state_ok = match self.state {
            StateFilter::All => true,
            StateFilter::Only(s) => s == state,
        };
        state_ok && prompt_matches(prompt, &self.query)
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
    use super::payload::human_bytes;
    if quota > 0.0 {
        format!("{} of {}", human_bytes(used), human_bytes(quota))
    } else {
        human_bytes(used)
    }
}

/// Lower case for Latin (with its accented letters), Greek and Cyrillic, the scripts prompts
/// are mostly written in. `str::to_lowercase` would be complete, but its Unicode tables add
/// some 24 KB to the browser build for a search box; other letters match as typed.
pub fn fold_case(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        // Latin Extended-A and Cyrillic's extra letters pair upper (even) with lower (odd),
        // except where the pairs shift by one (Ĺ–ň, Ź–ž, Ӂ–ӎ).
        0x100..=0x137 | 0x14A..=0x177 | 0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F
            if u.is_multiple_of(2) =>
        {
            u + 1
        }
        0x139..=0x148 | 0x179..=0x17E | 0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        0x4C0 => 0x4CF,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        // Final sigma matches sigma, as Unicode case folding has it.
        0x3C2 => 0x3C3,
        0x38E | 0x38F => u + 0x3F,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}
