//! Which failures are worth retrying, and what each error code means to a user.

use std::time::Duration;

/// 408, 429 and every 5xx are transient: the same request may succeed later.
/// 400/401/402/403/404 are permanent: retrying only bills or annoys.
pub fn is_transient_status(status: u16) -> bool {
    status == 408 || status == 429 || (500..600).contains(&status)
}

/// `Retry-After` as delta-seconds. The HTTP-date form is not used by Runware and is ignored
/// (the caller then falls back to its own back-off).
/// Decimal seconds (`0.5`) are read to the millisecond by hand: `str::parse::<f64>` would pull
/// float parsing and its tables into the browser build for one header.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (whole, frac) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) || whole.len() > 9 {
        return None;
    }
    let secs: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let ms = frac.bytes().chain(std::iter::repeat(b'0')).take(3);
    let ms = ms.fold(0, |acc, b| acc * 10 + u64::from(b - b'0'));
    Some(Duration::from_millis(secs * 1000 + ms))
}

/// What kind of problem an error is, as the user needs to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorCategory {
    /// The key is missing, wrong, or lacks permission: fix the settings.
    Auth,
    /// The account has no credit left.
    Credits,
    /// A request field is wrong; `field` names it when Runware did.
    Validation { field: Option<String> },
    /// The prompt or an image was refused by a content policy.
    ContentPolicy,
    /// The model's provider failed or timed out.
    Provider,
    /// Runware or the provider is busy; try again later.
    Capacity,
    /// The connection failed or the answer could not be read.
    Network,
    /// The site's own login (in front of the proxy) has expired.
    SiteLogin,
    /// The site's proxy refused to forward the request (a task or model it does not allow).
    ProxyRefused,
    /// Anything else.
    Other,
}

impl ErrorCategory {
    /// A short heading a user can act on.
    pub fn headline(&self) -> &'static str {
        match self {
            ErrorCategory::Auth => "The API key was not accepted",
            ErrorCategory::Credits => "The Runware account is out of credit",
            ErrorCategory::Validation { .. } => "Runware refused a setting",
            ErrorCategory::ContentPolicy => "Blocked by the content policy",
            ErrorCategory::Provider => "The Kling provider failed",
            ErrorCategory::Capacity => "Runware is busy",
            ErrorCategory::Network => "Could not reach the endpoint",
            ErrorCategory::SiteLogin => "The site asks you to sign in again",
            ErrorCategory::ProxyRefused => "The site's proxy refused this request",
            ErrorCategory::Other => "The request failed",
        }
    }
}

/// Categorise by Runware's error `code`, falling back to the HTTP status.
pub fn categorize(code: &str, status: Option<u16>, parameter: Option<&str>) -> ErrorCategory {
    let field = parameter.map(str::to_owned);
    match code {
        "invalidApiKey" | "missingApiKey" | "unauthorized" | "forbidden" => ErrorCategory::Auth,
        "insufficientCredits" => ErrorCategory::Credits,
        "forbiddenTask" | "forbiddenModel" => ErrorCategory::ProxyRefused,
        "signInRequired" => ErrorCategory::SiteLogin,
        "providerContentPolicyViolation"
        | "contentPolicyViolation"
        | "promptBlocked"
        | "imageBlocked" => ErrorCategory::ContentPolicy,
        "timeoutProvider" | "providerError" => ErrorCategory::Provider,
        "modelUnavailable" | "serviceUnavailable" | "tooManyRequests" => ErrorCategory::Capacity,
        "internalServerError" => ErrorCategory::Other,
        c if c.starts_with("invalid")
            || c.starts_with("missing")
            || c.starts_with("unsupported")
            || c.starts_with("unknown")
            || c.starts_with("incompatible")
            || c.starts_with("conflict")
            || c.starts_with("valueToo")
            || c.starts_with("array") =>
        {
            ErrorCategory::Validation { field }
        }
        _ => match status {
            Some(401) | Some(403) => ErrorCategory::Auth,
            Some(402) => ErrorCategory::Credits,
            Some(400) | Some(422) => ErrorCategory::Validation { field },
            Some(429) | Some(503) | Some(504) => ErrorCategory::Capacity,
            Some(s) if s >= 500 => ErrorCategory::Other,
            _ => ErrorCategory::Other,
        },
    }
}
