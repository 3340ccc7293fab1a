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

const UPLOADS: &str = "kling.uploads";
const UPLOAD_ONCE: &str = "kling.uploadOnce";
/// Runware keeps an uploaded image for 30 days after its last use.
const UPLOAD_TTL_MS: f64 = 30.0 * 24.0 * 3600.0 * 1000.0;

/// One remembered upload: the image UUID Runware gave these bytes, and when it was last used.
#[derive(serde::Serialize, serde::Deserialize)]
struct Upload {
    uuid: String,
    at: u64,
}

fn uploads() -> std::collections::HashMap<String, Upload> {
    local()
        .and_then(|s| s.get_item(UPLOADS).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// The image UUID an earlier upload of these exact bytes got, if still fresh.
pub fn cached_upload(hash: &str) -> Option<String> {
    let all = uploads();
    let entry = all.get(hash)?;
    (super::epoch_ms() - (entry.at as f64) < UPLOAD_TTL_MS).then(|| entry.uuid.clone())
}

/// Remembers (or refreshes, on each use) the UUID for these bytes.
pub fn remember_upload(hash: &str, uuid: &str) {
    let mut all = uploads();
    all.insert(
        hash.to_owned(),
        Upload {
            uuid: uuid.to_owned(),
            at: super::epoch_ms() as u64,
        },
    );
    if let (Some(s), Ok(text)) = (local(), serde_json::to_string(&all)) {
        s.set_item(UPLOADS, &text).ok();
    }
}

pub fn load_upload_once() -> bool {
    local()
        .and_then(|s| s.get_item(UPLOAD_ONCE).ok().flatten())
        .is_some_and(|v| v == "1")
}

pub fn save_upload_once(on: bool) {
    if let Some(s) = local() {
        s.set_item(UPLOAD_ONCE, if on { "1" } else { "0" }).ok();
    }
}

const KEEP_COPIES: &str = "kling.keepCopies";

/// Whether result images are stored as bytes (on unless turned off).
pub fn load_keep_copies() -> bool {
    local()
        .and_then(|s| s.get_item(KEEP_COPIES).ok().flatten())
        .is_none_or(|v| v != "0")
}

pub fn save_keep_copies(on: bool) {
    if let Some(s) = local() {
        s.set_item(KEEP_COPIES, if on { "1" } else { "0" }).ok();
    }
}

/// A spend cap as typed ("session" or "day"), empty when none.
pub fn load_cap(which: &str) -> String {
    local()
        .and_then(|s| s.get_item(&format!("kling.cap.{which}")).ok().flatten())
        .unwrap_or_default()
}

pub fn save_cap(which: &str, text: &str) {
    if let Some(s) = local() {
        s.set_item(&format!("kling.cap.{which}"), text.trim()).ok();
    }
}

const SPENT_GONE: &str = "kling.spentDeleted";

/// What jobs deleted on a day had committed: (day, USD).
pub fn load_spent_gone() -> (String, f64) {
    local()
        .and_then(|s| s.get_item(SPENT_GONE).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_spent_gone(value: &(String, f64)) {
    if let (Some(s), Ok(text)) = (local(), serde_json::to_string(value)) {
        s.set_item(SPENT_GONE, &text).ok();
    }
}

const PRESETS: &str = "kling.presets";

/// Saved composer presets (small: settings only, never the key).
pub fn load_presets() -> Vec<crate::domain::form::Preset> {
    local()
        .and_then(|s| s.get_item(PRESETS).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_presets(list: &[crate::domain::form::Preset]) -> bool {
    let text = serde_json::to_string(list).unwrap_or_default();
    local().is_some_and(|s| s.set_item(PRESETS, &text).is_ok())
}

const TIMEOUT: &str = "kling.timeout";

/// The time-out setting as typed (seconds), if the user changed it.
pub fn load_timeout() -> Option<String> {
    local()?.get_item(TIMEOUT).ok().flatten()
}

pub fn save_timeout(text: &str) {
    if let Some(s) = local() {
        s.set_item(TIMEOUT, text).ok();
    }
}

/// The shot list's key (other tabs' writes to it arrive as `storage` events).
pub const SHOTS: &str = "kling.shots";

/// The shot list as last written (JSON of `domain::shots::ShotList`).
pub fn load_shots() -> Option<String> {
    local()?.get_item(SHOTS).ok().flatten()
}

/// Writes the shot list at once (synchronous: a shot is marked sent before it is sent).
pub fn save_shots(json: Option<&str>) {
    if let Some(s) = local() {
        match json {
            Some(text) => s.set_item(SHOTS, text).ok(),
            None => s.remove_item(SHOTS).ok(),
        };
    }
}
