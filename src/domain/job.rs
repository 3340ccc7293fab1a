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

/// What a user can do about a failure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Remedy {
    /// Sending the same again may work (busy, network, a provider hiccup).
    #[default]
    Retry,
    /// The request itself must change first (a blocked prompt, a refused setting).
    ChangeRequest,
    /// Settings, credit or the site's login must be fixed first.
    FixSettings,
}

/// Why a job failed, as its tiles show it: a headline, what happened, and what helps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Stored as an array: [headline, detail] as records always had it, with the remedy third
// when it is not "retry".
#[serde(from = "ErrorRepr", into = "ErrorRepr")]
pub struct JobError {
    pub headline: String,
    pub detail: String,
    pub remedy: Remedy,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum ErrorRepr {
    Three(String, String, Remedy),
    Two(String, String),
}

impl JobError {
    pub fn new(headline: impl Into<String>, detail: impl Into<String>) -> Self {
        JobError {
            headline: headline.into(),
            detail: detail.into(),
            remedy: Remedy::Retry,
        }
    }

    pub fn with_remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = remedy;
        self
    }
}

impl From<ErrorRepr> for JobError {
    fn from(r: ErrorRepr) -> Self {
        match r {
            ErrorRepr::Two(headline, detail) => JobError::new(headline, detail),
            ErrorRepr::Three(headline, detail, remedy) => {
                JobError::new(headline, detail).with_remedy(remedy)
            }
        }
    }
}

impl From<JobError> for ErrorRepr {
    fn from(e: JobError) -> Self {
        match e.remedy {
            Remedy::Retry => ErrorRepr::Two(e.headline, e.detail),
            r => ErrorRepr::Three(e.headline, e.detail, r),
        }
    }
}

/// How a job stands, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Waiting,
    Working,
    Good,
    Warning,
    Bad,
}

impl Standing {
    pub fn class(self) -> &'static str {
        match self {
            Standing::Waiting => "waiting",
            Standing::Working => "working",
            Standing::Good => "good",
            Standing::Warning => "warning",
            Standing::Bad => "bad",
        }
    }
}

/// The job's state in words, as its line shows it: "Running · 2 of 4", "Partly done · 3 of 4".
pub fn state_words(state: JobState, slots: &[Slot]) -> (Standing, String) {
    let n = slots
        .iter()
        .filter(|s| !matches!(s, Slot::Deleted(_)))
        .count();
    let done = slots.iter().filter(|s| matches!(s, Slot::Done(_))).count();
    let failed = slots
        .iter()
        .filter(|s| matches!(s, Slot::Failed(_)))
        .count();
    let of = |word: &str| {
        if n > 1 {
            format!("{word} · {done} of {n}")
        } else {
            word.to_owned()
        }
    };
    match state {
        JobState::Queued => (Standing::Waiting, "Queued".into()),
        JobState::Running | JobState::Partial => (Standing::Working, of("Running")),
        JobState::Done if failed > 0 => (Standing::Warning, of("Partly done")),
        JobState::Done => (Standing::Good, of("Done")),
        JobState::Failed => (Standing::Bad, "Failed".into()),
        JobState::Cancelled => (Standing::Warning, "Cancelled · still billed".into()),
        JobState::Interrupted => (Standing::Bad, "Interrupted".into()),
    }
}

/// Whether "Retry" is offered: only where sending the same again can help.
pub fn can_retry(state: JobState, error: Option<&JobError>) -> bool {
    match state {
        JobState::Failed | JobState::Interrupted => error.is_none_or(|e| e.remedy == Remedy::Retry),
        JobState::Cancelled => true,
        _ => false,
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
    /// The user deleted this image; what it cost stays counted.
    Deleted(#[serde(serialize_with = "super::number::ser_opt_f64")] Option<f64>),
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
    /// Its stored copy was removed to free space: not kept again by itself.
    #[serde(
        default,
        rename = "copyFreed",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub copy_freed: bool,
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
            Slot::Deleted(cost) => *cost,
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

/// `name`, or `name-2.ext`, `name-3.ext`… so every entry of an archive has its own name.
pub fn unique_names(names: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    names
        .into_iter()
        .map(|n| {
            let mut candidate = n.clone();
            let mut k = 2;
            while seen.contains(&candidate) {
                candidate = match n.rsplit_once('.') {
                    Some((stem, ext)) => format!("{stem}-{k}.{ext}"),
                    None => format!("{n}-{k}"),
                };
                k += 1;
            }
            seen.push(candidate.clone());
            candidate
        })
        .collect()
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
