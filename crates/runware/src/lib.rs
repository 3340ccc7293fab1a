//! The Runware `imageInference` protocol as Kling IMAGE O1 speaks it.
//!
//! Pure Rust with no browser or network code, so the app (in wasm) and the stand-in
//! server (natively) share one definition of every field, rule and error.

pub mod classify;
pub mod request;
pub mod response;
pub mod schedule;
pub mod size;
pub mod validate;

pub use classify::{categorize, is_transient_status, parse_retry_after, ErrorCategory};
pub use request::{
    AccountManagement, AccountOperation, Authentication, DeliveryMethod, GetResponse,
    ImageInference, ImageUpload, Inputs, OutputFormat, OutputType, Safety, SafetyMode, Task,
};
pub use response::{ApiError, Envelope, ErrorBody, Parameter, ResultItem, TaskStatus};
pub use schedule::{Backoff, PollSchedule};
pub use size::{Aspect, Resolution, Size};
pub use validate::{validate, FieldError};

/// The only model this crate speaks for.
pub const MODEL_ID: &str = "klingai:kling-image@o1";
/// The public endpoint, for documentation and the production proxy.
pub const API_URL: &str = "https://api.runware.ai/v1";
/// Limits of the contract, in one place so the form and the validator agree.
pub mod limits {
    pub const PROMPT_MIN: usize = 3;
    pub const PROMPT_MAX: usize = 2500;
    pub const RESULTS_MIN: i64 = 1;
    pub const RESULTS_MAX: i64 = 20;
    pub const QUALITY_MIN: i64 = 20;
    pub const QUALITY_MAX: i64 = 99;
    pub const QUALITY_DEFAULT: i64 = 95;
    pub const TTL_MIN: i64 = 60;
    pub const REFERENCES_MAX: usize = 10;
    /// Price per result as the seed page's answers report it, in USD.
    pub const PRICE_PER_IMAGE: f64 = 0.028;
}
