//! Shot lists: many prompts run with the same references and settings, typed one per line or
//! read from CSV (prompt; optionally width and height, or resolution; images), and which of
//! them to start next.

use super::form::{Form, SizeChoice};
use runware::limits::{PROMPT_MAX, RESULTS_MAX};
use runware::{Resolution, Size};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One shot: its prompt, and what it sets apart from the list's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shot {
    pub prompt: String,
    #[serde(default)]
    pub size: Option<SizeChoice>,
    #[serde(default)]
    pub images: Option<i64>,
    /// Where it was written (its line in the text or the CSV file), for messages.
    #[serde(default)]
    pub line: u64,
}

/// What is wrong with a shot list, said where it is.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ShotsError {
    #[error("There are no shots: write one prompt per line, or choose a CSV file.")]
    Empty,
    #[error("The CSV's first row names its columns and needs a “prompt” column (also allowed: width, height, resolution, images).")]
    Header,
    #[error("Line {line}: {why}")]
    Row { line: u64, why: String },
}

/// One prompt per non-empty line.
pub fn from_lines(text: &str) -> Result<Vec<Shot>, ShotsError> {
    let shots: Vec<Shot> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .map(|(line, p)| Shot {
            prompt: p.to_owned(),
            size: None,
            images: None,
            line,
        })
        .collect();
    if shots.is_empty() {
        return Err(ShotsError::Empty);
    }
    for s in &shots {
        check_prompt(&s.prompt).map_err(|why| ShotsError::Row { line: s.line, why })?;
    }
    Ok(shots)
}

fn check_prompt(p: &str) -> Result<(), String> {
    let n = p.chars().count();
    if n < runware::limits::PROMPT_MIN {
        Err("the prompt is empty or too short.".into())
    } else if n > PROMPT_MAX {
        Err(format!(
            "the prompt is {n} characters; at most {PROMPT_MAX}."
        ))
    } else {
        Ok(())
    }
}

/// Reads a CSV with a header row; the first bad row is named by its line in the file.
pub fn from_csv(text: &str) -> Result<Vec<Shot>, ShotsError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| ShotsError::Header)?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
    };
    let prompt = col("prompt").ok_or(ShotsError::Header)?;
    let (width, height, resolution, images) = (
        col("width"),
        col("height"),
        col("resolution"),
        col("images"),
    );
    let mut shots = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ShotsError::Row {
            line: e.position().map_or(0, |p| p.line()),
            why: match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!("{len} fields where the header has {expected_len}."),
                _ => "this row cannot be read as CSV.".into(),
            },
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let bad = |why: String| ShotsError::Row { line, why };
        let get = |c: Option<usize>| c.and_then(|i| record.get(i)).filter(|v| !v.is_empty());
        let text = get(Some(prompt)).unwrap_or_default().to_owned();
        check_prompt(&text).map_err(bad)?;
        let number = |name: &str, v: &str| {
            v.parse::<i64>()
                .map_err(|_| bad(format!("{name} “{v}” is not a whole number.")))
        };
        let size = match (get(width), get(height), get(resolution)) {
            (Some(w), Some(h), None) => {
                let (w, h) = (number("width", w)?, number("height", h)?);
                Some(SizeChoice::Fixed(Size::from_dims(w, h).ok_or_else(
                    || {
                        bad(format!(
                            "{w}x{h} is not one of the 16 sizes Kling IMAGE O1 makes."
                        ))
                    },
                )?))
            }
            (None, None, Some(r)) => Some(SizeChoice::MatchFirst(
                Resolution::parse(r)
                    .ok_or_else(|| bad(format!("resolution “{r}” is not 1k or 2k.")))?,
            )),
            (None, None, None) => None,
            (Some(_), Some(_), Some(_)) => {
                return Err(bad("give width and height, or resolution, not both.".into()))
            }
            _ => return Err(bad("width and height go together.".into())),
        };
        let images = match get(images) {
            Some(v) => {
                let n = number("images", v)?;
                if !(1..=RESULTS_MAX).contains(&n) {
                    return Err(bad(format!("images is {n}; from 1 to {RESULTS_MAX}.")));
                }
                Some(n)
            }
            None => None,
        };
        shots.push(Shot {
            prompt: text,
            size,
            images,
            line,
        });
    }
    if shots.is_empty() {
        return Err(ShotsError::Empty);
    }
    Ok(shots)
}

impl Shot {
    /// The list's settings with this shot's prompt, size and number of images.
    pub fn form(&self, base: &Form) -> Form {
        let mut f = base.clone();
        f.prompt = self.prompt.clone();
        if let Some(size) = self.size {
            f.size = size;
        }
        if let Some(n) = self.images {
            f.results = n.to_string();
        }
        f
    }
}

/// Every shot as the request it makes with the list's settings and references: the first
/// one Runware would refuse is named by its line.
pub fn check(shots: &[Shot], base: &Form, refs: &[super::RefInput]) -> Result<(), ShotsError> {
    for s in shots {
        let built = super::build(
            &s.form(base),
            refs,
            "00000000-0000-4000-8000-000000000000",
            0,
        );
        if let Some(e) = built.errors.first() {
            return Err(ShotsError::Row {
                line: s.line,
                why: e.message.clone(),
            });
        }
    }
    Ok(())
}

/// Where a shot is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ShotState {
    /// Not sent yet.
    Waiting,
    /// Sent as the job with this taskUUID (its own state is the job's).
    Sent(String),
    /// Will not be sent.
    Cancelled,
}

/// Which waiting shots to start now: in order, as many as the free places allow.
pub fn to_start(
    states: &[ShotState],
    running: usize,
    concurrency: usize,
    paused: bool,
) -> Vec<usize> {
    if paused {
        return Vec::new();
    }
    let free = concurrency.saturating_sub(running);
    states
        .iter()
        .enumerate()
        .filter(|(_, s)| **s == ShotState::Waiting)
        .map(|(i, _)| i)
        .take(free)
        .collect()
}

/// A shot's result file name in the list's ZIP: `shot-03-2.jpg`.
pub fn shot_file(shot: usize, image: usize, extension: &str) -> String {
    format!("shot-{:02}-{}.{extension}", shot + 1, image + 1)
}

/// A shot list as kept across reloads (its references are stored beside it, as a kit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShotList {
    pub id: String,
    pub shots: Vec<Shot>,
    pub states: Vec<ShotState>,
    /// The settings every shot starts from.
    pub form: Form,
    pub concurrency: usize,
    pub paused: bool,
    /// How many references every shot sends.
    pub refs: usize,
    /// The tab that sends the shots (the one that started or last resumed the list), so two
    /// tabs never send the same shot.
    #[serde(default)]
    pub owner: String,
}

/// A job's place in a shot list, kept with the job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShotTag {
    pub list: String,
    /// 1-based.
    pub n: usize,
    pub of: usize,
}

impl ShotTag {
    pub fn said(&self) -> String {
        format!("Shot {} of {}", self.n, self.of)
    }
}

/// How many images the shots ask for, given the list's settings.
pub fn images(shots: &[Shot], base: &Form) -> usize {
    let default = base.results.trim().parse::<usize>().unwrap_or(1).max(1);
    shots
        .iter()
        .map(|s| s.images.map_or(default, |n| n as usize))
        .sum()
}

/// How much of a list is in each state: waiting, sent, cancelled.
pub fn counts(states: &[ShotState]) -> (usize, usize, usize) {
    states.iter().fold((0, 0, 0), |(w, s, c), st| match st {
        ShotState::Waiting => (w + 1, s, c),
        ShotState::Sent(_) => (w, s + 1, c),
        ShotState::Cancelled => (w, s, c + 1),
    })
}

/// At most this many shots run at once.
pub const CONCURRENCY_MAX: usize = 4;
