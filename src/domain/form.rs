//! The composer's state as the user edits it: raw text for numbers (so "abc" can be reported
//! at its field), typed choices for everything that can only be picked.

use runware::{Aspect, DeliveryMethod, OutputFormat, OutputType, Resolution, SafetyMode, Size};
use serde::{Deserialize, Serialize};

/// How the output size is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "SizeRepr", try_from = "SizeRepr")]
pub enum SizeChoice {
    /// One of the 16 allowed pairs: sends `width` and `height`.
    Fixed(Size),
    /// Take the first reference's aspect at a tier: sends `resolution` only.
    MatchFirst(Resolution),
}

/// The stored shape of a size choice; only the 16 allowed pairs read back.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum SizeRepr {
    Fixed { width: u32, height: u32 },
    MatchFirst { resolution: Resolution },
}

impl From<SizeChoice> for SizeRepr {
    fn from(c: SizeChoice) -> Self {
        match c {
            SizeChoice::Fixed(size) => SizeRepr::Fixed {
                width: size.width(),
                height: size.height(),
            },
            SizeChoice::MatchFirst(resolution) => SizeRepr::MatchFirst { resolution },
        }
    }
}

impl TryFrom<SizeRepr> for SizeChoice {
    type Error = String;
    fn try_from(r: SizeRepr) -> Result<Self, String> {
        match r {
            SizeRepr::Fixed { width, height } => {
                Size::from_dims(i64::from(width), i64::from(height))
                    .map(SizeChoice::Fixed)
                    .ok_or_else(|| format!("{width}x{height} is not an allowed size"))
            }
            SizeRepr::MatchFirst { resolution } => Ok(SizeChoice::MatchFirst(resolution)),
        }
    }
}

impl Default for SizeChoice {
    fn default() -> Self {
        SizeChoice::Fixed(Size::new(Aspect::Landscape3x2, Resolution::K1))
    }
}

/// Everything the composer holds except the reference images. A `Store` in the app, so each
/// field has its own subscribers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, reactive_stores::Store)]
#[serde(default, rename_all = "camelCase")]
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

/// Named composer settings (everything but the prompt and references).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    pub name: String,
    pub form: Form,
}

impl Preset {
    /// The settings of `form` under `name`; the prompt is not a setting.
    pub fn of(name: &str, form: &Form) -> Preset {
        Preset {
            name: name.trim().to_owned(),
            form: Form {
                prompt: String::new(),
                ..form.clone()
            },
        }
    }

    /// `current` with this preset's settings, keeping its prompt.
    pub fn apply_to(&self, current: &Form) -> Form {
        Form {
            prompt: current.prompt.clone(),
            ..self.form.clone()
        }
    }
}

/// Adds or replaces (same name, ignoring case) a preset, keeping them sorted by name.
pub fn upsert_preset(list: &mut Vec<Preset>, preset: Preset) {
    list.retain(|p| !p.name.eq_ignore_ascii_case(&preset.name));
    list.push(preset);
    list.sort_by_key(|p| super::text::fold_case(&p.name));
}

/// The longest a request may wait for its answer, from the settings' text (seconds).
pub const TIMEOUT_DEFAULT_S: u32 = 600;

/// Reads the time-out setting: whole seconds from 1 to 3600.
pub fn parse_timeout(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=3600).contains(&n) => Ok(n),
        _ => Err("The time-out must be a whole number of seconds from 1 to 3600.".into()),
    }
}
