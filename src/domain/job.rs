//! A job's life: the states a card shows, its result slots, and names for what it produced.

use runware::OutputFormat;
use serde::{Deserialize, Serialize};

/// The state pill of a job card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum JobState {
    Queued,
    Running,
    /// Some results are in, others still running.
    Partial,
    Done,
    Failed,
    Cancelled,
    /// A sync request cut off by a reload: its answer can never arrive.
    Interrupted,
}

impl JobState {
    pub fn label(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Partial => "partial",
            JobState::Done => "done",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
            JobState::Interrupted => "interrupted",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Done | JobState::Failed | JobState::Cancelled | JobState::Interrupted
        )
    }
}

/// Why a job failed, as its line shows it: a headline and what to know or do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Stored as a two-element array, the shape history records have always had.
#[serde(from = "(String, String)", into = "(String, String)")]
pub struct JobError {
    pub headline: String,
    pub detail: String,
}

impl JobError {
    pub fn new(headline: impl Into<String>, detail: impl Into<String>) -> Self {
        JobError {
            headline: headline.into(),
            detail: detail.into(),
        }
    }
}

impl From<(String, String)> for JobError {
    fn from((headline, detail): (String, String)) -> Self {
        JobError { headline, detail }
    }
}

impl From<JobError> for (String, String) {
    fn from(e: JobError) -> Self {
        (e.headline, e.detail)
    }
}

/// One expected result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// Externally tagged (`"waiting"`, `{"done": …}`, `{"failed": "…"}`): the lightest shape for
// serde to read, which keeps the wasm small.
#[serde(rename_all = "camelCase")]
pub enum Slot {
    Waiting,
    Done(ResultMeta),
    Failed(String),
}

/// What the gallery knows of one result image.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultMeta {
    #[serde(rename = "imageUUID")]
    pub image_uuid: String,
    /// What an `<img>` shows: the result URL, or a `blob:` URL made from inline data (made
    /// again from the stored Blob after a reload, so never stored itself).
    #[serde(skip)]
    pub src: String,
    /// The image came inline (data URI / base64) and its bytes are stored as a Blob.
    #[serde(default)]
    pub inline: bool,
    /// The server's URL, when the result was delivered as one (for "copy URL").
    #[serde(rename = "imageURL")]
    pub remote_url: Option<String>,
    pub seed: Option<i64>,
    #[serde(serialize_with = "super::number::ser_opt_f64")]
    pub cost: Option<f64>,
    pub nsfw: Option<bool>,
    pub format: OutputFormat,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Sum of the reported cost of every finished result (USD).
pub fn slots_cost(slots: &[Slot]) -> f64 {
    slots
        .iter()
        .filter_map(|s| match s {
            Slot::Done(r) => r.cost,
            _ => None,
        })
        .sum()
}

/// The state implied by the slots while the job is still being worked on.
pub fn running_state(slots: &[Slot]) -> JobState {
    let done = slots.iter().filter(|s| matches!(s, Slot::Done(_))).count();
    if done == 0 {
        JobState::Running
    } else if done == slots.len() {
        JobState::Done
    } else {
        JobState::Partial
    }
}

/// The final state once nothing more will arrive: done if anything succeeded.
pub fn final_state(slots: &[Slot]) -> JobState {
    if slots.iter().any(|s| matches!(s, Slot::Done(_))) {
        JobState::Done
    } else {
        JobState::Failed
    }
}

/// `lighthouse-at-dusk-1234567.jpg`: prompt words, seed and format, safe on every OS.
pub fn download_name(prompt: &str, seed: Option<i64>, format: OutputFormat) -> String {
    let mut slug = String::new();
    for word in prompt
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() > 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&super::text::fold_case(word));
    }
    if slug.is_empty() {
        slug.push_str("kling");
    }
    match seed {
        Some(s) => format!("{slug}-{s}.{}", format.extension()),
        None => format!("{slug}.{}", format.extension()),
    }
}

/// Accepts only image sources that cannot run code: http(s), `data:image/…` and `blob:`.
pub fn safe_image_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("blob:")
        || lower.starts_with("data:image/")
        || (lower.starts_with('/') && !lower.starts_with("//"))
}
