//! One rule at a time: readers that name a wrongly typed field, and the checks of prompt,
//! size, references, time to live and safety.

use super::forms::is_reference;
use super::table::*;
use super::{violation, Output, Tier, Violation};
use serde_json::{Map, Value};

pub(super) fn wrong_type(key: &str, what: &str) -> Violation {
    violation("invalidParameter", key, format!("{key} must be {what}."))
}

pub(super) fn not_allowed(key: &str, value: &str) -> Violation {
    violation(
        "invalidParameter",
        key,
        format!("\"{value}\" is not an allowed value of {key}."),
    )
}

pub(super) fn string(task: &Map<String, Value>, key: &str) -> Result<Option<String>, Violation> {
    match task.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(wrong_type(key, "a string")),
    }
}

pub(super) fn boolean(task: &Map<String, Value>, key: &str) -> Result<Option<bool>, Violation> {
    match task.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(wrong_type(key, "true or false")),
    }
}

pub(super) fn integer(task: &Map<String, Value>, key: &str) -> Result<Option<i64>, Violation> {
    match task.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| wrong_type(key, "an integer")),
    }
}

pub(super) fn in_range(
    task: &Map<String, Value>,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, Violation> {
    match integer(task, key)? {
        Some(v) if v < *range.start() => Err(violation(
            "valueTooSmall",
            key,
            format!("{key} must be at least {}.", range.start()),
        )),
        Some(v) if v > *range.end() => Err(violation(
            "valueTooLarge",
            key,
            format!("{key} must be at most {}.", range.end()),
        )),
        other => Ok(other),
    }
}

pub(super) fn check_prompt(prompt: String) -> Result<String, Violation> {
    const KEY: &str = "positivePrompt";
    if prompt.trim().is_empty() {
        return Err(violation(
            "missingPositivePrompt",
            KEY,
            "positivePrompt is required.",
        ));
    }
    let n = prompt.chars().count();
    if !PROMPT_CHARS.contains(&n) {
        return Err(violation(
            "invalidPositivePromptLength",
            KEY,
            format!("positivePrompt must be 3 to 2500 characters long, not {n}."),
        ));
    }
    if prompt
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(violation(
            "invalidPositivePrompt",
            KEY,
            "positivePrompt contains a control character.",
        ));
    }
    Ok(prompt)
}

/// Width and height together and one of the 16 sizes, or neither; `resolution` only without
/// them; and a size or references, since text to image needs a size.
/// A fixed size, or the tier to match the first reference at.
pub(super) type SizeChoice = (Option<(u32, u32)>, Option<Tier>);

pub(super) fn check_size(
    task: &Map<String, Value>,
    has_references: bool,
) -> Result<SizeChoice, Violation> {
    let resolution = match string(task, "resolution")?.as_deref() {
        None => None,
        Some("1k") => Some(Tier::K1),
        Some("2k") => Some(Tier::K2),
        Some(other) => return Err(not_allowed("resolution", other)),
    };
    let size = match (integer(task, "width")?, integer(task, "height")?) {
        (Some(w), Some(h)) => {
            let known = SIZES
                .iter()
                .any(|(sw, sh, _)| i64::from(*sw) == w && i64::from(*sh) == h);
            if !known {
                return Err(violation(
                    "invalidWidth",
                    "width",
                    format!("{w}x{h} is not a size {MODEL} supports."),
                ));
            }
            Some((w as u32, h as u32))
        }
        (Some(_), None) => return Err(violation("missingHeight", "height", "height is missing.")),
        (None, Some(_)) => return Err(violation("missingWidth", "width", "width is missing.")),
        (None, None) if !has_references => {
            return Err(violation(
                "missingWidth",
                "width",
                "Text to image needs width and height (or reference images).",
            ))
        }
        (None, None) => None,
    };
    if resolution.is_some() && size.is_some() {
        return Err(violation(
            "incompatibleParameters",
            "resolution",
            "resolution cannot be used with width and height.",
        ));
    }
    Ok((size, resolution))
}

pub(super) fn check_references(task: &Map<String, Value>) -> Result<Vec<String>, Violation> {
    const KEY: &str = "inputs.referenceImages";
    let Some(inputs) = task.get("inputs") else {
        return Ok(Vec::new());
    };
    let list = inputs
        .get("referenceImages")
        .and_then(Value::as_array)
        .ok_or_else(|| wrong_type(KEY, "a list of images"))?;
    if list.len() < *REFERENCES.start() {
        return Err(violation(
            "arrayTooSmall",
            KEY,
            "referenceImages needs at least 1 image.",
        ));
    }
    if list.len() > *REFERENCES.end() {
        return Err(violation(
            "arrayTooLarge",
            KEY,
            "referenceImages takes at most 10 images.",
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, r)| match r.as_str() {
            Some(s) if is_reference(s) => Ok(s.to_owned()),
            _ => Err(violation(
                "invalidReferenceImage",
                KEY,
                format!(
                    "Reference image {} is not a UUID, URL, data URI or base64.",
                    i + 1
                ),
            )),
        })
        .collect()
}

pub(super) fn check_ttl(
    task: &Map<String, Value>,
    output: Output,
) -> Result<Option<u64>, Violation> {
    let Some(ttl) = integer(task, "ttl")? else {
        return Ok(None);
    };
    if output != Output::Url {
        return Err(violation(
            "incompatibleParameters",
            "ttl",
            "ttl applies only to outputType URL.",
        ));
    }
    if ttl < TTL_MIN {
        return Err(violation(
            "valueTooSmall",
            "ttl",
            "ttl must be at least 60 seconds.",
        ));
    }
    Ok(Some(ttl as u64))
}

/// Whether content is checked; `mode` is "none" or "fast" ("full" is for video).
pub(super) fn check_safety(task: &Map<String, Value>) -> Result<bool, Violation> {
    let Some(safety) = task.get("safety") else {
        return Ok(false);
    };
    let safety = safety
        .as_object()
        .ok_or_else(|| wrong_type("safety", "an object"))?;
    let check = boolean(safety, "checkContent").map_err(|v| nested("safety", v))?;
    match string(safety, "mode")
        .map_err(|v| nested("safety", v))?
        .as_deref()
    {
        None | Some("none") | Some("fast") => {}
        Some("full") => {
            return Err(violation(
                "unsupportedParameter",
                "safety.mode",
                "safety.mode \"full\" is for video models.",
            ))
        }
        Some(other) => return Err(not_allowed("safety.mode", other)),
    }
    Ok(check.unwrap_or(false))
}

fn nested(parent: &str, mut v: Violation) -> Violation {
    v.parameter = format!("{parent}.{}", v.parameter);
    v
}
