//! The forms a value may take, as the stand-in recognises them: references, base64, UUIDs,
//! http(s) URLs; and the size Kling picks from a first reference.

use super::{Tier, SIZES};

/// A reference in one of the four accepted forms: image UUID, http(s) URL, data URI of an
/// image, or bare base64.
pub fn is_reference(s: &str) -> bool {
    is_uuid(s)
        || is_http_url(s)
        || s.strip_prefix("data:image/")
            .and_then(|rest| rest.split_once(";base64,"))
            .is_some_and(|(mime, data)| {
                !mime.is_empty()
                    && mime
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                    && is_base64(data)
            })
        || is_base64(s)
}

/// Padded standard base64 of at least one byte.
pub fn is_base64(s: &str) -> bool {
    let bytes = s.as_bytes();
    let pad = bytes.iter().rev().take_while(|b| **b == b'=').count();
    !bytes.is_empty()
        && bytes.len().is_multiple_of(4)
        && pad <= 2
        && bytes[..bytes.len() - pad]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
}

/// 8-4-4-4-12 hexadecimal digits.
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A UUID whose version digit is 4 and whose variant is RFC 4122's.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    is_uuid(s) && b[14] == b'4' && matches!(b[19], b'8' | b'9' | b'a' | b'b' | b'A' | b'B')
}

/// An absolute http(s) URI with a host, an optional numeric port, and no spaces.
pub fn is_http_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = match host_port.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((h, tail)) => (h, tail.strip_prefix(':')),
            None => return false,
        },
        None => match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        },
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
    });
    !host.is_empty()
        && port_ok
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b) || b >= 0x80)
}

/// The allowed size of `tier` closest in aspect to `width` x `height` (what Kling makes of a
/// first reference when no size is given).
pub fn nearest_size(width: u32, height: u32, tier: Tier) -> (u32, u32) {
    let want = f64::from(width.max(1)).ln() - f64::from(height.max(1)).ln();
    SIZES
        .iter()
        .filter(|(_, _, t)| *t == tier)
        .min_by(|a, b| {
            let d = |s: &(u32, u32, Tier)| (f64::from(s.0).ln() - f64::from(s.1).ln() - want).abs();
            d(a).total_cmp(&d(b))
        })
        .map(|(w, h, _)| (*w, *h))
        .expect("each tier has sizes")
}
