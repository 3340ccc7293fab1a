//! Request side: every task the app or the stand-in speaks, with Runware's exact field names.
//!
//! Numbers are `i64` so that out-of-range input (a negative count, say) still parses and
//! reaches `validate`, which names the field, instead of failing as an anonymous serde error.

use serde::{Deserialize, Serialize};

/// One element of the JSON array that is POSTed to Runware.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "taskType")]
pub enum Task {
    #[serde(rename = "authentication")]
    Authentication(Authentication),
    #[serde(rename = "imageInference")]
    ImageInference(Box<ImageInference>),
    #[serde(rename = "getResponse")]
    GetResponse(GetResponse),
    #[serde(rename = "imageUpload")]
    ImageUpload(ImageUpload),
    #[serde(rename = "accountManagement")]
    AccountManagement(AccountManagement),
}

/// `{"taskType":"authentication","apiKey":…}`: the in-body alternative to the Bearer header.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Authentication {
    #[serde(rename = "apiKey")]
    pub api_key: String,
}

// Hand-written so that a stray `{:?}` can never print the key.
impl std::fmt::Debug for Authentication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Authentication { api_key: <redacted> }")
    }
}

/// The `imageInference` task for `klingai:kling-image@o1`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageInference {
    #[serde(rename = "taskUUID")]
    pub task_uuid: String,
    pub model: String,
    pub positive_prompt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<crate::Resolution>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs: Option<Inputs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_results: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_type: Option<OutputType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_format: Option<OutputFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_quality: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_method: Option<DeliveryMethod>,
    #[serde(rename = "webhookURL", skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_cost: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety: Option<Safety>,
}

impl ImageInference {
    /// A task with the fixed model id and the given identity and prompt; everything else unset.
    pub fn new(task_uuid: impl Into<String>, prompt: impl Into<String>) -> Self {
        ImageInference {
            task_uuid: task_uuid.into(),
            model: crate::MODEL_ID.to_owned(),
            positive_prompt: prompt.into(),
            ..Default::default()
        }
    }

    pub fn reference_images(&self) -> &[String] {
        self.inputs
            .as_ref()
            .map(|i| i.reference_images.as_slice())
            .unwrap_or(&[])
    }

    /// How many results the task will produce (the contract's default is 1).
    pub fn result_count(&self) -> i64 {
        self.number_results.unwrap_or(1)
    }

    pub fn effective_output_type(&self) -> OutputType {
        self.output_type.unwrap_or_default()
    }

    pub fn effective_output_format(&self) -> OutputFormat {
        self.output_format.unwrap_or_default()
    }

    pub fn effective_quality(&self) -> i64 {
        self.output_quality
            .unwrap_or(crate::limits::QUALITY_DEFAULT)
    }

    pub fn is_async(&self) -> bool {
        self.delivery_method == Some(DeliveryMethod::Async)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inputs {
    #[serde(default)]
    pub reference_images: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutputType {
    #[default]
    #[serde(rename = "URL")]
    Url,
    #[serde(rename = "dataURI")]
    DataUri,
    #[serde(rename = "base64Data")]
    Base64Data,
}

impl OutputType {
    pub const ALL: [OutputType; 3] = [OutputType::Url, OutputType::DataUri, OutputType::Base64Data];
    pub fn as_str(self) -> &'static str {
        match self {
            OutputType::Url => "URL",
            OutputType::DataUri => "dataURI",
            OutputType::Base64Data => "base64Data",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutputFormat {
    #[default]
    #[serde(rename = "JPG")]
    Jpg,
    #[serde(rename = "PNG")]
    Png,
    #[serde(rename = "WEBP")]
    Webp,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 3] = [OutputFormat::Jpg, OutputFormat::Png, OutputFormat::Webp];
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Jpg => "JPG",
            OutputFormat::Png => "PNG",
            OutputFormat::Webp => "WEBP",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
    pub fn mime(self) -> &'static str {
        match self {
            OutputFormat::Jpg => "image/jpeg",
            OutputFormat::Png => "image/png",
            OutputFormat::Webp => "image/webp",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Jpg => "jpg",
            OutputFormat::Png => "png",
            OutputFormat::Webp => "webp",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryMethod {
    #[default]
    Sync,
    Async,
}

impl DeliveryMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMethod::Sync => "sync",
            DeliveryMethod::Async => "async",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Safety {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_content: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<SafetyMode>,
}

/// `full` parses (it exists for video) but `validate` refuses it for this image model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SafetyMode {
    #[default]
    None,
    Fast,
    Full,
}

impl SafetyMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SafetyMode::None => "none",
            SafetyMode::Fast => "fast",
            SafetyMode::Full => "full",
        }
    }
}

/// `getResponse`: poll an async task by its `taskUUID`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetResponse {
    #[serde(rename = "taskUUID")]
    pub task_uuid: String,
}

/// `imageUpload`: store a reference once and get an `imageUUID` to use in its place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageUpload {
    #[serde(rename = "taskUUID")]
    pub task_uuid: String,
    /// A data URI, bare base64 or an http(s) URL.
    pub image: String,
}

/// `accountManagement`: who the key belongs to and the balance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountManagement {
    #[serde(rename = "taskUUID")]
    pub task_uuid: String,
    pub operation: AccountOperation,
}

/// The one account operation the studio uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountOperation {
    #[serde(rename = "getDetails")]
    GetDetails,
}
