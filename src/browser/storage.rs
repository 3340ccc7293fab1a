//! Small settings in Web Storage. The API key goes to sessionStorage unless the user asks
//! to remember it on this device; it is never written anywhere else.

use super::window;

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

const ENDPOINT: &str = "kling.endpoint";
const KEY: &str = "kling.apiKey";
const REMEMBER: &str = "kling.rememberKey";

pub fn load_endpoint() -> Option<String> {
    local()?.get_item(ENDPOINT).ok().flatten()
}

pub fn save_endpoint(url: &str) {
    if let Some(s) = local() {
        s.set_item(ENDPOINT, url).ok();
    }
}

pub fn load_remember() -> bool {
    local()
        .and_then(|s| s.get_item(REMEMBER).ok().flatten())
        .is_some_and(|v| v == "1")
}

pub fn load_key() -> String {
    let from = if load_remember() { local() } else { session() };
    from.and_then(|s| s.get_item(KEY).ok().flatten())
        .unwrap_or_default()
}

/// Stores the key where the user chose, and removes it from the other place.
pub fn save_key(key: &str, remember: bool) {
    let (keep, clear) = if remember {
        (local(), session())
    } else {
        (session(), local())
    };
    if let Some(s) = clear {
        s.remove_item(KEY).ok();
    }
    if let Some(s) = local() {
        s.set_item(REMEMBER, if remember { "1" } else { "0" }).ok();
    }
    if let Some(s) = keep {
        if key.is_empty() {
            s.remove_item(KEY).ok();
        } else {
            s.set_item(KEY, key).ok();
        }
    }
}
