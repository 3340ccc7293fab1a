//! Command-line flags, each also settable by an environment variable.

use clap::{Parser, ValueEnum};
use std::net::IpAddr;

/// An offline stand-in for the Runware API playing Kling IMAGE O1: real images, async polling,
/// uploads and injectable faults, on loopback, for demos and tests.
#[derive(Clone, Debug, Parser)]
#[command(name = "runware-mock", version, args_override_self = true)]
pub struct Config {
    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "RUNWARE_MOCK_PORT", default_value_t = 8787)]
    pub port: u16,
    /// Address to bind; keep it on loopback.
    #[arg(long, env = "RUNWARE_MOCK_HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Accept only this API key (by default any non-empty key is accepted).
    #[arg(long, env = "RUNWARE_MOCK_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Base URL that result `imageURL`s start with, e.g. a proxy path in front of this server.
    /// Defaults to this server's own address.
    #[arg(long, env = "RUNWARE_MOCK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// How long an async task stays `processing` before its first result succeeds (ms).
    #[arg(long, env = "RUNWARE_MOCK_GENERATION_MS", default_value_t = 2500)]
    pub generation_ms: u64,
    /// Extra delay between successive async result slots (ms), so results trickle in.
    #[arg(long, env = "RUNWARE_MOCK_SLOT_STAGGER_MS", default_value_t = 400)]
    pub slot_stagger_ms: u64,
    /// Latency added to every API request (ms).
    #[arg(long, env = "RUNWARE_MOCK_LATENCY_MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// How long `imageURL` results stay available when the task sets no `ttl` (s).
    #[arg(long, env = "RUNWARE_MOCK_DEFAULT_TTL", default_value_t = 86_400)]
    pub default_ttl: u64,
    /// Answer the next N API requests with the `--fail-with` fault.
    #[arg(long, env = "RUNWARE_MOCK_FAIL_NEXT", default_value_t = 0)]
    pub fail_next: u32,
    /// The fault used by `--fail-next`.
    #[arg(long, env = "RUNWARE_MOCK_FAIL_WITH", value_enum, default_value_t = FaultKind::Status503)]
    pub fail_with: FaultKind,
    /// `Retry-After` seconds sent with injected 429 answers.
    #[arg(long, env = "RUNWARE_MOCK_RETRY_AFTER", default_value_t = 1)]
    pub retry_after: u64,
    /// Refuse prompts containing this word with 400 `promptBlocked`, as a content filter would
    /// (repeatable; comma-separated in the environment variable).
    #[arg(
        long = "block-word",
        env = "RUNWARE_MOCK_BLOCK_WORDS",
        value_delimiter = ','
    )]
    pub block_words: Vec<String>,
    /// Serve result images with CORS headers, as a host that lets pages fetch its images.
    /// `false` plays an image host that does not (the page must go through its proxy).
    #[arg(long, env = "RUNWARE_MOCK_IMAGE_CORS", default_value_t = true, action = clap::ArgAction::Set)]
    pub image_cors: bool,
    /// Account balance reported by `accountManagement` `getDetails` (USD).
    #[arg(long, env = "RUNWARE_MOCK_BALANCE", default_value_t = 25.0)]
    pub balance: f64,
}

impl Config {
    /// Defaults as the binary would have them, for tests and embedding.
    pub fn for_tests() -> Self {
        Config::parse_from(["runware-mock", "--port", "0", "--generation-ms", "300"])
    }
}

/// A fault to inject, as a flag value or in the control endpoint's JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Deserialize, serde::Serialize)]
pub enum FaultKind {
    #[value(name = "429")]
    #[serde(rename = "429")]
    Status429,
    #[value(name = "500")]
    #[serde(rename = "500")]
    Status500,
    #[value(name = "503")]
    #[serde(rename = "503")]
    Status503,
    #[value(name = "504")]
    #[serde(rename = "504")]
    Status504,
    /// Close the connection in the middle of the answer.
    #[value(name = "drop")]
    #[serde(rename = "drop")]
    Drop,
    /// Answer 200 with a body that is not valid JSON.
    #[value(name = "malformed")]
    #[serde(rename = "malformed")]
    Malformed,
    /// Answer 502 with an HTML page, as a misconfigured proxy would.
    #[value(name = "html")]
    #[serde(rename = "html")]
    Html,
    /// The next async task's last result slot ends in `error`.
    #[value(name = "slot-error")]
    #[serde(rename = "slotError")]
    SlotError,
}
