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
    if let Some(obj) = candidate.as_object_mut() {
        obj.insert("taskType".into(), "imageInference".into());
        obj.entry("taskUUID").or_insert_with(|| "".into());
        obj.entry("model")
            .or_insert_with(|| runware::MODEL_ID.into());
        obj.entry("positivePrompt").or_insert_with(|| "".into());
    }
    // Straight into the task type (not the tagged enum) so the error can name the field.
    let task: ImageInference = serde_path_to_error::deserialize(candidate)
        .map_err(|e| ImportError::Schema(format!("{}: {}", e.path(), e.inner())))?;
    form_from_task(&task)
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
