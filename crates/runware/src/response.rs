//! Response side, read leniently: every key optional, unknown keys ignored, every error shape
//! the contract names accepted.

use serde::{Deserialize, Serialize};

/// `{"data":[…], "errors":[…]}`, either key possibly absent, plus the older
/// `{"error":{…},"taskUUID":…}` shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<ResultItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    #[serde(rename = "taskUUID", default, skip_serializing_if = "Option::is_none")]
    pub task_uuid: Option<String>,
}

impl Envelope {
    /// Every error in the envelope, whichever shape it came in.
    pub fn all_errors(&self) -> Vec<ApiError> {
        let mut out = self.errors.clone();
        if let Some(e) = &self.error {
            out.push(ApiError {
                code: e.code.clone(),
                message: e.message.clone(),
                parameter: e.parameter.clone(),
                task_uuid: self.task_uuid.clone(),
                ..Default::default()
            });
        }
        out
    }

    /// Results that belong to `task_uuid` (matched by id, never by position).
    pub fn results_for<'a>(&'a self, task_uuid: &'a str) -> impl Iterator<Item = &'a ResultItem> {
        self.data
            .iter()
            .filter(move |r| r.task_uuid.as_deref() == Some(task_uuid))
    }

    /// Errors that concern `task_uuid`, including those not tied to any task
    /// (no id, or Runware's `"N/A"`), which affect the whole request.
    pub fn errors_for(&self, task_uuid: &str) -> Vec<ApiError> {
        self.all_errors()
            .into_iter()
            .filter(|e| match e.task_uuid.as_deref() {
                None | Some("N/A") | Some("") => true,
                Some(id) => id == task_uuid,
            })
            .collect()
    }
}

/// One result object (or one async slot).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultItem {
    #[serde(rename = "taskType", default, skip_serializing_if = "Option::is_none")]
    pub task_type: Option<String>,
    #[serde(rename = "taskUUID", default, skip_serializing_if = "Option::is_none")]
    pub task_uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(rename = "imageUUID", default, skip_serializing_if = "Option::is_none")]
    pub image_uuid: Option<String>,
    #[serde(rename = "imageURL", default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    #[serde(
        rename = "imageDataURI",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_data_uri: Option<String>,
    #[serde(
        rename = "imageBase64Data",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_base64_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(
        rename = "NSFWContent",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub nsfw_content: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    /// `accountManagement` answers carry the balance (USD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<f64>,
}

impl ResultItem {
    /// A slot that already holds an image (sync results carry no status at all).
    pub fn is_image(&self) -> bool {
        self.image_url.is_some()
            || self.image_data_uri.is_some()
            || self.image_base64_data.is_some()
    }

    pub fn effective_status(&self) -> TaskStatus {
        match self.status {
            Some(s) => s,
            None if self.error.is_some() => TaskStatus::Error,
            None if self.is_image() => TaskStatus::Success,
            None => TaskStatus::Processing,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    Processing,
    Pending,
    Success,
    Error,
    /// Any status this client does not know; treated as still running.
    #[serde(other)]
    Unknown,
}

impl TaskStatus {
    pub fn is_running(self) -> bool {
        matches!(
            self,
            TaskStatus::Processing | TaskStatus::Pending | TaskStatus::Unknown
        )
    }
}

/// An item of `errors[]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<Parameter>,
    #[serde(rename = "taskType", default, skip_serializing_if = "Option::is_none")]
    pub task_type: Option<String>,
    #[serde(rename = "taskUUID", default, skip_serializing_if = "Option::is_none")]
    pub task_uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ApiError {
            code: code.to_owned(),
            message: message.into(),
            ..Default::default()
        }
    }

    /// The parameters this error names, whether given as a string or an array.
    pub fn parameters(&self) -> Vec<String> {
        match &self.parameter {
            None => Vec::new(),
            Some(Parameter::One(p)) => vec![p.clone()],
            Some(Parameter::Many(ps)) => ps.clone(),
        }
    }
}

/// `parameter` is a string in most answers and an array in some.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Parameter {
    One(String),
    Many(Vec<String>),
}

/// The body of an embedded `error` (async slot) or of the legacy top-level `error`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<Parameter>,
}
