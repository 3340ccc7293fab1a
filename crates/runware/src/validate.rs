//! Every rule of the contract, checked at once so a form can show all problems together.

use crate::limits::*;
use crate::request::{ImageInference, OutputType, SafetyMode};
use crate::Size;
use serde::Serialize;

/// One violated rule, named by the Runware parameter it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The parameter path as Runware names it, e.g. `positivePrompt`, `inputs.referenceImages`.
    pub field: String,
    /// For list fields, which item (0-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// A Runware-style error code, used by the stand-in in its 400 answers.
    pub code: String,
    /// A sentence the user reads.
    pub message: String,
}

impl FieldError {
    fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_owned(),
            index: None,
            code: code.to_owned(),
            message: message.into(),
        }
    }

    fn at(mut self, index: usize) -> Self {
        self.index = Some(index);
        self
    }
}

/// All rule violations of `task`; empty means it may be sent.
pub fn validate(task: &ImageInference) -> Vec<FieldError> {
    let mut errs = Vec::new();

    if !is_uuid_v4(&task.task_uuid) {
        errs.push(FieldError::new(
            "taskUUID",
            "invalidTaskUUID",
            "taskUUID must be a UUID version 4.",
        ));
    }
    if task.model != crate::MODEL_ID {
        errs.push(FieldError::new(
            "model",
            "invalidModel",
            format!("model must be \"{}\".", crate::MODEL_ID),
        ));
    }
    check_prompt(&task.positive_prompt, &mut errs);
    check_size(task, &mut errs);
    check_references(task, &mut errs);
    check_range(
        &mut errs,
        "numberResults",
        task.number_results,
        RESULTS_MIN,
        RESULTS_MAX,
        "Number of results",
    );
    check_range(
        &mut errs,
        "outputQuality",
        task.output_quality,
        QUALITY_MIN,
        QUALITY_MAX,
        "Quality",
    );
    if let Some(ttl) = task.ttl {
        if task.effective_output_type() != OutputType::Url {
            errs.push(FieldError::new(
                "ttl",
                "incompatibleParameters",
                "ttl applies only when the output type is URL.",
            ));
        } else if ttl < TTL_MIN {
            errs.push(FieldError::new(
                "ttl",
                "valueTooSmall",
                format!("ttl must be at least {TTL_MIN} seconds."),
            ));
        }
    }
    for (field, value) in [
        ("webhookURL", &task.webhook_url),
        ("uploadEndpoint", &task.upload_endpoint),
    ] {
        if let Some(url) = value {
            if !is_http_url(url) {
                errs.push(FieldError::new(
                    field,
                    &format!("invalid{}", upper_first(field)),
                    format!("{field} must be an absolute http:// or https:// URL."),
                ));
            }
        }
    }
    if let Some(safety) = &task.safety {
        if safety.mode == Some(SafetyMode::Full) {
            errs.push(FieldError::new(
                "safety.mode",
                "unsupportedParameter",
                "Safety mode \"full\" is for video; use \"none\" or \"fast\".",
            ));
        }
    }
    errs
}

/// Messages are ASCII English; `to_uppercase` would bring Unicode tables to the browser.
fn upper_first(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn check_prompt(prompt: &str, errs: &mut Vec<FieldError>) {
    // Characters, not bytes: "ééé" is three characters and six bytes.
    let n = prompt.chars().count();
    if prompt.trim().is_empty() {
        errs.push(FieldError::new(
            "positivePrompt",
            "missingPositivePrompt",
            "Describe the image: the prompt is empty.",
        ));
    } else if !(PROMPT_MIN..=PROMPT_MAX).contains(&n) {
        errs.push(FieldError::new(
            "positivePrompt",
            "invalidPositivePromptLength",
            format!("The prompt must be {PROMPT_MIN} to {PROMPT_MAX} characters; it has {n}."),
        ));
    }
    if let Some(c) = prompt
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errs.push(FieldError::new(
            "positivePrompt",
            "invalidPositivePrompt",
            format!(
                "The prompt contains an invisible control character (U+{:04X}); remove it.",
                c as u32
            ),
        ));
    }
}

fn check_size(task: &ImageInference, errs: &mut Vec<FieldError>) {
    let has_refs = task.inputs.is_some();
    match (task.width, task.height) {
        (Some(w), Some(h)) => {
            if Size::from_dims(w, h).is_none() {
                errs.push(FieldError::new(
                    "width",
                    "invalidWidth",
                    format!("{w}x{h} is not one of the 16 sizes Kling IMAGE O1 supports."),
                ));
            }
        }
        (Some(_), None) => errs.push(FieldError::new(
            "height",
            "missingHeight",
            "width and height must be given together: height is missing.",
        )),
        (None, Some(_)) => errs.push(FieldError::new(
            "width",
            "missingWidth",
            "width and height must be given together: width is missing.",
        )),
        (None, None) if !has_refs => errs.push(FieldError::new(
            "width",
            "missingWidth",
            "Choose a size, or add a reference image to take its aspect ratio.",
        )),
        (None, None) => {}
    }
    if task.resolution.is_some() && (task.width.is_some() || task.height.is_some()) {
        errs.push(FieldError::new(
            "resolution",
            "incompatibleParameters",
            "resolution cannot be combined with width/height: choose one.",
        ));
    }
}

fn check_references(task: &ImageInference, errs: &mut Vec<FieldError>) {
    let Some(inputs) = &task.inputs else { return };
    let refs = &inputs.reference_images;
    if refs.is_empty() {
        errs.push(FieldError::new(
            "inputs.referenceImages",
            "arrayTooSmall",
            "Give at least one reference image, or leave references out.",
        ));
    } else if refs.len() > REFERENCES_MAX {
        errs.push(FieldError::new(
            "inputs.referenceImages",
            "arrayTooLarge",
            format!(
                "At most {REFERENCES_MAX} reference images; there are {}.",
                refs.len()
            ),
        ));
    }
    for (i, r) in refs.iter().enumerate() {
        if ReferenceKind::of(r).is_none() {
            errs.push(
                FieldError::new(
                    "inputs.referenceImages",
                    "invalidReferenceImage",
                    format!(
                        "Reference {} is not an image UUID, an http(s) URL, a data:image/…;base64 URI or base64.",
                        i + 1
                    ),
                )
                .at(i),
            );
        }
    }
}

fn check_range(
    errs: &mut Vec<FieldError>,
    field: &str,
    value: Option<i64>,
    min: i64,
    max: i64,
    label: &str,
) {
    if let Some(v) = value {
        if v < min {
            errs.push(FieldError::new(
                field,
                "valueTooSmall",
                format!("{label} must be {min} to {max}; {v} is too small."),
            ));
        } else if v > max {
            errs.push(FieldError::new(
                field,
                "valueTooLarge",
                format!("{label} must be {min} to {max}; {v} is too large."),
            ));
        }
    }
}

/// How a reference image is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    Uuid,
    Url,
    DataUri,
    Base64,
}

impl ReferenceKind {
    /// Classifies a reference string, or `None` if it is none of the four accepted forms.
    pub fn of(s: &str) -> Option<ReferenceKind> {
        if uuid::Uuid::try_parse(s).is_ok() && s.len() == 36 {
            Some(ReferenceKind::Uuid)
        } else if is_http_url(s) {
            Some(ReferenceKind::Url)
        } else if let Some(rest) = s.strip_prefix("data:image/") {
            let (mime, payload) = rest.split_once(";base64,")?;
            let mime_ok = !mime.is_empty()
                && mime
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
            (mime_ok && is_base64(payload)).then_some(ReferenceKind::DataUri)
        } else if is_base64(s) {
            Some(ReferenceKind::Base64)
        } else {
            None
        }
    }
}

/// Standard, padded base64 (what browsers and Runware produce), at least one byte.
pub fn is_base64(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(4) {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2
        && b[..b.len() - pad]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
}

/// A UUID of version 4 (random), in its hyphenated form.
pub fn is_uuid_v4(s: &str) -> bool {
    s.len() == 36
        && uuid::Uuid::try_parse(s)
            .map(|u| u.get_version_num() == 4)
            .unwrap_or(false)
}

/// An absolute `http://` or `https://` URL with a plausible host and no whitespace.
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.split_once(']') {
            Some((h, tail)) => (h, tail.strip_prefix(':')),
            None => return false,
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    // A port is a number a connection can use: 0 to 65535.
    let port_ok = port.is_none_or(|p| {
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
    });
    !host.is_empty()
        && port_ok
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b) || b >= 0x80)
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}
