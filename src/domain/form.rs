//! The composer's state as the user edits it: raw text for numbers (so "abc" can be reported
//! at its field), typed choices for everything that can only be picked.

use runware::{Aspect, DeliveryMethod, OutputFormat, OutputType, Resolution, SafetyMode, Size};

/// How the output size is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeChoice {
    /// One of the 16 allowed pairs: sends `width` and `height`.
    Fixed(Size),
    /// Take the first reference's aspect at a tier: sends `resolution` only.
    MatchFirst(Resolution),
}

impl Default for SizeChoice {
    fn default() -> Self {
        SizeChoice::Fixed(Size::new(Aspect::Landscape3x2, Resolution::K1))
    }
}

/// Everything the composer holds except the reference images.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub prompt: String,
    pub size: SizeChoice,
    pub results: String,
    pub output_type: OutputType,
    pub output_format: OutputFormat,
    pub quality: String,
    pub delivery: DeliveryMethod,
    pub include_cost: bool,
    pub safety_check: bool,
    pub safety_mode: SafetyMode,
    /// Empty means "not sent"; only offered with URL output.
    pub ttl: String,
    pub webhook_url: String,
    pub upload_endpoint: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            prompt: String::new(),
            size: SizeChoice::default(),
            results: "1".into(),
            output_type: OutputType::Url,
            output_format: OutputFormat::Jpg,
            quality: runware::limits::QUALITY_DEFAULT.to_string(),
            // Kling takes minutes per image: async survives slow answers and proxies' timeouts.
            delivery: DeliveryMethod::Async,
            include_cost: true,
            safety_check: false,
            safety_mode: SafetyMode::Fast,
            ttl: String::new(),
            webhook_url: String::new(),
            upload_endpoint: String::new(),
        }
    }
}

impl Form {
    /// Number of results as typed, when it is a number at all.
    pub fn result_count(&self) -> Option<i64> {
        self.results.trim().parse().ok()
    }
}

/// A reference image as the payload builder sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum RefInput {
    /// A local file whose data URI lives in the browser; `label` is shown instead of its bytes.
    Local { label: String },
    /// A URL, an image UUID, or a data URI / base64 string typed or imported as text.
    Text(String),
}

/// Form fields as the view names them, from Runware parameter paths.
pub fn control_for(parameter: &str) -> &'static str {
    match parameter {
        "positivePrompt" => "prompt",
        "width" | "height" | "resolution" => "size",
        p if p.starts_with("inputs") || p == "referenceImages" => "references",
        "numberResults" => "results",
        "outputType" => "output-type",
        "outputFormat" => "output-format",
        "outputQuality" => "quality",
        "deliveryMethod" => "delivery",
        "ttl" => "ttl",
        "webhookURL" => "webhook",
        "uploadEndpoint" => "upload-endpoint",
        "includeCost" => "include-cost",
        p if p.starts_with("safety") => "safety",
        _ => "generate",
    }
}
