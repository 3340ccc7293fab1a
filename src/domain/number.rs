//! Numbers written without Rust's float formatting. `Display` for `f64` and serde_json's float
//! writer each carry power-of-ten tables; in the browser build they cost more than every
//! number the app shows, so prices, sizes and stored floats go through integers instead.

use serde::{Serialize, Serializer};

/// `x` rounded to `places` decimals, as `format!("{x:.places$}")` prints it except that a
/// written half rounds up ($0.0285 reads $0.029, as a person rounds it, where the float's exact
/// binary value would give $0.028). Integer formatting only (see the module's note).
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10_u64.pow(places);
    let scaled = (x.abs() * scale as f64).round();
    if !scaled.is_finite() || scaled >= 1e18 {
        return if x.is_nan() {
            "NaN".into()
        } else {
            "∞".into()
        };
    }
    let scaled = scaled as u64;
    // "-0.000" is never shown: a sum of nothing is -0.0 and rounds to zero.
    let sign = if x < 0.0 && scaled > 0 { "-" } else { "" };
    let (int, frac) = (scaled / scale, scaled % scale);
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = places as usize)
    }
}

/// Serializes a stored `f64` the way serde_json would, without its float writer: whole
/// numbers (timestamps, byte counts) as integers, others (prices) with up to ten decimals,
/// which is exact for every decimal Runware reports.
pub fn ser_f64<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if !x.is_finite() {
        // JSON has no NaN or infinity; serde_json writes null for them too.
        return s.serialize_none();
    }
    // Ten decimals of anything from 10^8 up no longer fit the integer formatting; a fraction
    // of a unit at that size is noise, so it is rounded rather than lost.
    if x.fract() == 0.0 || x.abs() >= 1e8 {
        return s.serialize_i64(x.round() as i64);
    }
    let text = fixed(*x, 10);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    serde_json::value::RawValue::from_string(text.to_owned())
        .map_err(serde::ser::Error::custom)?
        .serialize(s)
}

/// [`ser_f64`] for an optional field.
pub fn ser_opt_f64<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => ser_f64(x, s),
        None => s.serialize_none(),
    }
}
