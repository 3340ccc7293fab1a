//! "Import JSON": fill the form from a pasted payload, such as the model page's examples.

use super::form::{Form, RefInput, SizeChoice};
use runware::{ImageInference, Size};
use thiserror::Error;

#[derive(Clone, Debug, Error, PartialEq)]
pub enum ImportError {
    #[error("This is not valid JSON: {0}")]
    Syntax(String),
    #[error("No imageInference task found: paste one task object or an array of tasks.")]
    NoTask,
    #[error("The task does not match the imageInference schema: {0}")]
    Schema(String),
    #[error("{0}x{1} is not one of the 16 sizes Kling IMAGE O1 supports.")]
    Size(i64, i64),
}

/// Parses a task object or an array of tasks and returns the form it describes and its
/// references. The imported `taskUUID` is dropped: every submission gets a fresh one.
pub fn import(text: &str) -> Result<(Form, Vec<RefInput>), ImportError> {
    import_with_report(text).map(|(form, refs, _)| (form, refs))
}

/// As `import`, with what was kept, left out and changed (`import_report`).
pub fn import_with_report(
    text: &str,
) -> Result<(Form, Vec<RefInput>, super::import_report::ImportReport), ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(text.trim()).map_err(|e| ImportError::Syntax(e.to_string()))?;
    let candidate = match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .find(|t| t["taskType"] == "imageInference")
            .ok_or(ImportError::NoTask)?,
        v if v["taskType"] == "imageInference" || v.get("taskType").is_none() => v,
        _ => return Err(ImportError::NoTask),
    };
    let mut candidate = candidate;
    let given = candidate.clone();
    if let Some(obj) = candidate.as_object_mut() {
        obj.insert("taskType".into(), "imageInference".into());
        obj.entry("taskUUID").or_insert_with(|| "".into());
        obj.entry("model")
            .or_insert_with(|| runware::MODEL_ID.into());
        obj.entry("positivePrompt").or_insert_with(|| "".into());
    }
    // Straight into the task type (not the tagged enum), from compact text so the error's
    // column locates the member it refused; the same text decoder history uses, instead of a
    // second copy of every field's decoder for `Value` (and a path tracker), keeps the wasm small.
    let compact = candidate.to_string();
    let task: ImageInference = serde_json::from_str(&compact).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(&*message, |(m, _)| m);
        ImportError::Schema(format!("{}: {message}", path_at(&compact, e.column())))
    })?;
    let (form, refs) = form_from_task(&task)?;
    let report = super::import_report::report(&given, &task);
    Ok((form, refs, report))
}

/// The member being read at byte `column` (1-based) of compact JSON, as
/// `inputs.referenceImages[1]`; `.` for the top level.
fn path_at(json: &str, column: usize) -> String {
    enum Level {
        Object(Option<String>),
        Array(Option<usize>),
    }
    let bytes = json.as_bytes();
    let end = column.min(bytes.len());
    let mut stack: Vec<Level> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Level::Object(None)),
            b'[' => stack.push(Level::Array(None)),
            b'}' | b']' => {
                stack.pop();
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // A string followed by ':' is a key; any other string is a value.
                if bytes.get(i + 1) == Some(&b':') {
                    if let Some(Level::Object(key)) = stack.last_mut() {
                        *key = Some(json[start..i.min(bytes.len())].to_owned());
                    }
                }
            }
            _ => {}
        }
        // The first byte of an array element (after '[' or ',') counts it.
        if matches!(bytes[i.min(bytes.len() - 1)], b'[' | b',') {
            if let Some(Level::Array(n)) = stack.last_mut() {
                let next = bytes.get(i + 1).copied();
                if next != Some(b']') {
                    *n = Some(n.map_or(0, |n| n + 1));
                }
            }
        }
        i += 1;
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Array(Some(n)) => path.push_str(&format!("[{n}]")),
            // Refused at its opening brace: the member is the container's slot.
            Level::Object(None) | Level::Array(None) => break,
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The form that would produce `task` (used by import and by remix).
pub fn form_from_task(task: &ImageInference) -> Result<(Form, Vec<RefInput>), ImportError> {
    let d = Form::default();
    let size = match (task.width, task.height, task.resolution) {
        (Some(w), Some(h), _) => {
            SizeChoice::Fixed(Size::from_dims(w, h).ok_or(ImportError::Size(w, h))?)
        }
        (_, _, Some(r)) => SizeChoice::MatchFirst(r),
        _ => d.size,
    };
    let form = Form {
        prompt: task.positive_prompt.clone(),
        size,
        results: task.number_results.unwrap_or(1).to_string(),
        output_type: task.output_type.unwrap_or(d.output_type),
        output_format: task.output_format.unwrap_or(d.output_format),
        quality: task.effective_quality().to_string(),
        delivery: task
            .delivery_method
            .unwrap_or(runware::DeliveryMethod::Sync),
        include_cost: task.include_cost.unwrap_or(false),
        safety_check: task
            .safety
            .as_ref()
            .and_then(|s| s.check_content)
            .unwrap_or(false),
        safety_mode: task
            .safety
            .as_ref()
            .and_then(|s| s.mode)
            .unwrap_or(d.safety_mode),
        ttl: task.ttl.map(|t| t.to_string()).unwrap_or_default(),
        webhook_url: task.webhook_url.clone().unwrap_or_default(),
        upload_endpoint: task.upload_endpoint.clone().unwrap_or_default(),
    };
    let refs = task
        .reference_images()
        .iter()
        .map(|r| RefInput::Text(r.clone()))
        .collect();
    Ok((form, refs))
}
