//! Where a result image's bytes can be fetched from: its own URL, or, when its host does not
//! let pages read it (no CORS), the site's image path beside the endpoint:
//! `/api/runware` -> `/api/runware-images/<host>/<path>`. The proxy behind that path serves only
//! Runware's image host and refuses any other, so the host is part of the path for it to check.

/// The image path for `image_url` next to a same-origin `endpoint` path; `None` when the
/// endpoint is not a path on this site (no proxy to ask) or the URL is not a plain http(s) one.
pub fn proxied(endpoint: &str, image_url: &str) -> Option<String> {
    let endpoint = endpoint.trim().trim_end_matches('/');
    if !endpoint.starts_with('/') || endpoint.starts_with("//") || endpoint.contains('?') {
        return None;
    }
    let rest = image_url
        .strip_prefix("https://")
        .or_else(|| image_url.strip_prefix("http://"))?;
    let (host, path) = match rest.find(['/', '?', '#']) {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':');
    if host.is_empty() || !host.chars().all(plain) || path.starts_with('#') {
        return None;
    }
    let path = path.split('#').next().unwrap_or("/");
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    Some(format!("{endpoint}-images/{host}{path}"))
}
