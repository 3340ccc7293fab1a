//! How long a running job may still take, from how long this browser's recent jobs took.

/// The typical duration (median) of recent jobs, in ms, when there are any.
pub fn typical(durations_ms: &[f64]) -> Option<f64> {
    let mut d: Vec<f64> = durations_ms
        .iter()
        .copied()
        .filter(|x| x.is_finite() && *x > 0.0)
        .collect();
    if d.is_empty() {
        return None;
    }
    d.sort_by(f64::total_cmp);
    let mid = d.len() / 2;
    Some(if d.len() % 2 == 1 {
        d[mid]
    } else {
        (d[mid - 1] + d[mid]) / 2.0
    })
}

/// What the job line says about the time left.
#[derive(Clone, Debug, PartialEq)]
pub enum Left {
    /// About this many ms to go.
    About(f64),
    /// Longer than recent jobs took already.
    AnyMoment,
    /// No finished job to go by yet.
    Unknown,
}

/// The time left for a job running `elapsed_ms`, from recent jobs' durations.
pub fn time_left(elapsed_ms: f64, durations_ms: &[f64]) -> Left {
    match typical(durations_ms) {
        None => Left::Unknown,
        Some(t) if t > elapsed_ms + 1000.0 => Left::About(t - elapsed_ms),
        Some(_) => Left::AnyMoment,
    }
}

/// "about 1:10 left", "any moment now", or nothing.
pub fn left_words(left: &Left) -> Option<String> {
    match left {
        Left::About(ms) => Some(format!("about {} left", super::text::elapsed_label(*ms))),
        Left::AnyMoment => Some("any moment now".into()),
        Left::Unknown => None,
    }
}
