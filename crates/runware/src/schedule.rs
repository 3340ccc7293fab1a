//! Timing of retries and of async polling, as pure functions so both are testable natively.

use std::time::Duration;

/// Exponential back-off with full jitter for transient failures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    pub max_retries: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            max_retries: 3,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(20),
        }
    }
}

impl Backoff {
    /// Delay before retry number `attempt` (0-based). `jitter` in `[0, 1)` comes from the caller's
    /// random source so this stays deterministic. A server's `Retry-After` wins when longer.
    pub fn delay(&self, attempt: u32, jitter: f64, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .base
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(self.cap);
        // Half fixed, half random: never zero, never synchronised across clients.
        let jittered = exp.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0));
        match retry_after {
            Some(ra) if ra > jittered => ra.min(Duration::from_secs(120)),
            _ => jittered,
        }
    }

    pub fn should_retry(&self, attempt: u32) -> bool {
        attempt < self.max_retries
    }
}

/// Async polling: first poll after ~1 s, each gap x1.5, at most 10 s apart, give up after 20 min.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PollSchedule {
    pub first: Duration,
    pub factor: f64,
    pub max_gap: Duration,
    pub give_up_after: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule {
            first: Duration::from_secs(1),
            factor: 1.5,
            max_gap: Duration::from_secs(10),
            give_up_after: Duration::from_secs(20 * 60),
        }
    }
}

impl PollSchedule {
    /// The wait before poll number `n` (0-based).
    pub fn gap(&self, n: u32) -> Duration {
        let secs = self.first.as_secs_f64() * self.factor.powi(n.min(64) as i32);
        Duration::from_secs_f64(secs.min(self.max_gap.as_secs_f64()))
    }

    /// Whether a task that started `elapsed` ago should still be polled.
    pub fn keep_polling(&self, elapsed: Duration) -> bool {
        elapsed < self.give_up_after
    }
}
