//! The table: model, sizes, ranges, enums and field names, as the contract lists them.

pub const MODEL: &str = "klingai:kling-image@o1";

/// The 16 sizes (width, height, tier), as the spec's table lists them.
pub const SIZES: [(u32, u32, Tier); 16] = [
    (1024, 1024, Tier::K1),
    (1248, 832, Tier::K1),
    (832, 1248, Tier::K1),
    (1168, 880, Tier::K1),
    (880, 1168, Tier::K1),
    (768, 1360, Tier::K1),
    (1360, 768, Tier::K1),
    (1552, 656, Tier::K1),
    (2048, 2048, Tier::K2),
    (2496, 1664, Tier::K2),
    (1664, 2496, Tier::K2),
    (2336, 1760, Tier::K2),
    (1760, 2336, Tier::K2),
    (1536, 2720, Tier::K2),
    (2720, 1536, Tier::K2),
    (3104, 1312, Tier::K2),
];

pub const PROMPT_CHARS: std::ops::RangeInclusive<usize> = 3..=2500;
pub const RESULTS: std::ops::RangeInclusive<i64> = 1..=20;
pub const QUALITY: std::ops::RangeInclusive<i64> = 20..=99;
pub const TTL_MIN: i64 = 60;
pub const REFERENCES: std::ops::RangeInclusive<usize> = 1..=10;
/// What one image costs, as the provider page's answers report it (USD).
pub const PRICE_PER_IMAGE: f64 = 0.028;

/// Fields of `imageInference` this model takes, and the platform-wide ones Runware's own
/// clients send with every task (`checkNSFW`).
pub const FIELDS: &[&str] = &[
    "taskType",
    "taskUUID",
    "model",
    "positivePrompt",
    "width",
    "height",
    "resolution",
    "inputs",
    "numberResults",
    "outputType",
    "outputFormat",
    "outputQuality",
    "deliveryMethod",
    "webhookURL",
    "uploadEndpoint",
    "ttl",
    "includeCost",
    "safety",
    "checkNSFW",
];
/// Fields Runware knows from other models that Kling IMAGE O1 does not take.
pub const OTHER_MODELS_FIELDS: &[&str] = &[
    "negativePrompt",
    "seed",
    "steps",
    "CFGScale",
    "scheduler",
    "strength",
    "seedImage",
    "maskImage",
    "lora",
    "referenceImages",
    "clipSkip",
    "promptWeighting",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    K1,
    K2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Url,
    DataUri,
    Base64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpg,
    Png,
    Webp,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }
}
