//! Spend caps: what a session and a day may cost, what is committed so far, and the refusal
//! (with the numbers) of a request whose estimate would pass a cap. Committed means reported
//! where Runware reported a cost, the per-image price where it has not (yet), nothing for a
//! result that failed.

use super::job::Slot;
use super::number::fixed;
use super::text::money;
use runware::limits::PRICE_PER_IMAGE;

/// The caps in force (USD); `None` is no cap.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Caps {
    pub session: Option<f64>,
    pub day: Option<f64>,
}

/// What is committed so far (USD).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spent {
    pub session: f64,
    pub day: f64,
}

/// A cap as typed in Settings: empty is none; "$2", "2" and "2.00" are two dollars.
pub fn parse_cap(text: &str) -> Result<Option<f64>, &'static str> {
    let t = text.trim().trim_start_matches('$').trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(Some(v)),
        Ok(_) => Err("A cap is an amount above $0, like 2.00; leave it empty for none."),
        Err(_) => Err("Write the cap in dollars, like 2.00; leave it empty for none."),
    }
}

/// What a job's results commit: reported costs, else the per-image price; failures nothing.
pub fn committed(slots: &[Slot]) -> f64 {
    slots
        .iter()
        .map(|s| match s {
            Slot::Done(r) => r.cost.unwrap_or(PRICE_PER_IMAGE),
            Slot::Deleted(cost) => cost.unwrap_or(PRICE_PER_IMAGE),
            Slot::Waiting => PRICE_PER_IMAGE,
            Slot::Failed(_) => 0.0,
        })
        .sum()
}

/// The estimate of a request for `images` images.
pub fn estimate(images: usize) -> f64 {
    images as f64 * PRICE_PER_IMAGE
}

/// A cap in words: "$2.00", "$0.05", "$0.125".
pub fn cap_words(usd: f64) -> String {
    if ((usd * 100.0).round() - usd * 100.0).abs() < 1e-9 {
        format!("${}", fixed(usd, 2))
    } else {
        money(usd)
    }
}

/// Refuses a request that needs `need` when it would pass a cap, saying by how much.
pub fn check(need: f64, spent: Spent, caps: Caps) -> Result<(), String> {
    // A cent's thousandth of slack: sums of prices are not exact in binary.
    const SLACK: f64 = 1e-9;
    let over = |cap: Option<f64>, used: f64| cap.filter(|c| used + need > c + SLACK);
    if let Some(cap) = over(caps.session, spent.session) {
        return Err(format!(
            "This needs {}; {} left of this session's {}.",
            money(need),
            money((cap - spent.session).max(0.0)),
            cap_words(cap)
        ));
    }
    if let Some(cap) = over(caps.day, spent.day) {
        return Err(format!(
            "This needs {}; {} left of today's {}.",
            money(need),
            money((cap - spent.day).max(0.0)),
            cap_words(cap)
        ));
    }
    Ok(())
}
