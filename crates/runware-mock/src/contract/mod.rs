//! The contract as the stand-in reads it: its own table of Kling IMAGE O1's limits and rules,
//! written from `shared/spec/runware-kling-o1.md` and deliberately kept apart from the
//! client's own checks. A limit misread by the client then fails a test against the stand-in
//! instead of being wrong on both sides at once (`tests/contract.rs` sends the same tasks to
//! both and fails on any disagreement).

mod forms;
mod rules;
mod table;

use rules::*;
pub use table::{Format, Output, Tier, MODEL, PRICE_PER_IMAGE, SIZES};
use table::{FIELDS, OTHER_MODELS_FIELDS, QUALITY, RESULTS};

pub use forms::{is_base64, is_http_url, is_reference, is_uuid, is_uuid_v4, nearest_size};

use serde_json::{Map, Value};

/// A broken rule: the error code, the parameter it concerns, and a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub code: &'static str,
    pub parameter: String,
    pub message: String,
}

fn violation(code: &'static str, parameter: &str, message: impl Into<String>) -> Violation {
    Violation {
        code,
        parameter: parameter.to_owned(),
        message: message.into(),
    }
}

/// An `imageInference` task that keeps every rule, as the stand-in needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Inference {
    pub task_uuid: String,
    pub prompt: String,
    pub size: Option<(u32, u32)>,
    pub resolution: Option<Tier>,
    pub references: Vec<String>,
    pub results: u32,
    pub output: Output,
    pub format: Format,
    pub quality: u8,
    pub asynchronous: bool,
    pub ttl: Option<u64>,
    pub include_cost: bool,
    /// `safety.checkContent` or `checkNSFW`: each result then says whether it was flagged.
    pub flags_content: bool,
}

/// Checks a raw task against every rule; the first broken one is reported.
pub fn check_inference(raw: &Value) -> Result<Inference, Violation> {
    let task = raw
        .as_object()
        .ok_or_else(|| violation("invalidParameter", "taskType", "A task must be an object."))?;
    check_field_names(task)?;
    let task_uuid = string(task, "taskUUID")?.unwrap_or_default();
    if !is_uuid_v4(&task_uuid) {
        return Err(violation(
            "invalidTaskUUID",
            "taskUUID",
            "taskUUID must be a UUID v4.",
        ));
    }
    if string(task, "model")?.as_deref() != Some(MODEL) {
        return Err(violation(
            "invalidModel",
            "model",
            format!("model must be {MODEL}."),
        ));
    }
    let prompt = check_prompt(string(task, "positivePrompt")?.unwrap_or_default())?;
    let references = check_references(task)?;
    let (size, resolution) =
        check_size(task, !references.is_empty() || task.contains_key("inputs"))?;
    let output = match string(task, "outputType")?.as_deref() {
        None | Some("URL") => Output::Url,
        Some("dataURI") => Output::DataUri,
        Some("base64Data") => Output::Base64,
        Some(other) => return Err(not_allowed("outputType", other)),
    };
    let format = match string(task, "outputFormat")?.as_deref() {
        None | Some("JPG") => Format::Jpg,
        Some("PNG") => Format::Png,
        Some("WEBP") => Format::Webp,
        Some(other) => return Err(not_allowed("outputFormat", other)),
    };
    let asynchronous = match string(task, "deliveryMethod")?.as_deref() {
        None | Some("sync") => false,
        Some("async") => true,
        Some(other) => return Err(not_allowed("deliveryMethod", other)),
    };
    let ttl = check_ttl(task, output)?;
    for key in ["webhookURL", "uploadEndpoint"] {
        if let Some(url) = string(task, key)? {
            if !is_http_url(&url) {
                return Err(violation(
                    "invalidParameter",
                    key,
                    format!("{key} must be an absolute http(s) URI."),
                ));
            }
        }
    }
    Ok(Inference {
        task_uuid,
        prompt,
        size,
        resolution,
        references,
        results: in_range(task, "numberResults", RESULTS)?.unwrap_or(1) as u32,
        output,
        format,
        quality: in_range(task, "outputQuality", QUALITY)?.unwrap_or(95) as u8,
        asynchronous,
        ttl,
        include_cost: boolean(task, "includeCost")?.unwrap_or(false),
        flags_content: check_safety(task)? || boolean(task, "checkNSFW")?.unwrap_or(false),
    })
}

fn check_field_names(task: &Map<String, Value>) -> Result<(), Violation> {
    for key in task.keys() {
        if OTHER_MODELS_FIELDS.contains(&key.as_str()) {
            return Err(violation(
                "unsupportedParameter",
                key,
                format!("{key} is not supported by {MODEL}."),
            ));
        }
        if !FIELDS.contains(&key.as_str()) {
            return Err(violation(
                "unknownParameter",
                key,
                format!("Unknown parameter {key}."),
            ));
        }
    }
    Ok(())
}
