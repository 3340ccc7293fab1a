//! Endpoint, key, time-out and the upload-once switch: read from Web Storage at start, and
//! saved by their own setters.

use crate::api::Endpoint;
use crate::browser::storage;
use crate::domain::form::{parse_timeout, TIMEOUT_DEFAULT_S};
use leptos::prelude::*;

/// The same-origin path that `trunk serve` and the production proxy forward to Runware.
pub const DEFAULT_ENDPOINT: &str = "/api/runware";

/// The settings sheet's values.
#[derive(Clone, Copy)]
pub struct Settings {
    endpoint: RwSignal<String>,
    api_key: RwSignal<String>,
    remember_key: RwSignal<bool>,
    upload_once: RwSignal<bool>,
    /// Store every result image's bytes, so it outlives its link.
    keep_copies: RwSignal<bool>,
    /// Seconds, as typed (so a wrong value can be reported where it was typed).
    timeout: RwSignal<String>,
}

impl Settings {
    pub fn load() -> Settings {
        Settings {
            endpoint: RwSignal::new(
                storage::load_endpoint().unwrap_or_else(|| DEFAULT_ENDPOINT.into()),
            ),
            api_key: RwSignal::new(storage::load_key()),
            remember_key: RwSignal::new(storage::load_remember()),
            upload_once: RwSignal::new(storage::load_upload_once()),
            keep_copies: RwSignal::new(storage::load_keep_copies()),
            timeout: RwSignal::new(
                storage::load_timeout().unwrap_or_else(|| TIMEOUT_DEFAULT_S.to_string()),
            ),
        }
    }

    pub fn endpoint(self) -> ReadSignal<String> {
        self.endpoint.read_only()
    }

    pub fn set_endpoint(self, value: String) {
        storage::save_endpoint(value.trim());
        self.endpoint.set(value);
    }

    pub fn api_key(self) -> ReadSignal<String> {
        self.api_key.read_only()
    }

    /// Kept for this tab, or on this device when remembered; never anywhere else.
    pub fn set_api_key(self, value: String) {
        storage::save_key(value.trim(), self.remember_key.get_untracked());
        self.api_key.set(value);
    }

    pub fn remember_key(self) -> ReadSignal<bool> {
        self.remember_key.read_only()
    }

    pub fn set_remember_key(self, remember: bool) {
        storage::save_key(self.api_key.get_untracked().trim(), remember);
        self.remember_key.set(remember);
    }

    pub fn upload_once(self) -> ReadSignal<bool> {
        self.upload_once.read_only()
    }

    pub fn set_upload_once(self, on: bool) {
        storage::save_upload_once(on);
        self.upload_once.set(on);
    }

    pub fn timeout(self) -> ReadSignal<String> {
        self.timeout.read_only()
    }

    pub fn set_timeout(self, value: String) {
        storage::save_timeout(value.trim());
        self.timeout.set(value);
    }

    /// Why the endpoint as typed cannot be used, if it cannot.
    pub fn endpoint_problem(self) -> Option<&'static str> {
        let url = self.endpoint.get();
        let url = url.trim();
        let ok = url.starts_with('/') || runware::validate::is_http_url(url);
        (!ok).then_some(
            "The endpoint must be an http(s) URL or a path on this site, like /api/runware.",
        )
    }

    /// The time-out in force: the setting when valid, else the default.
    pub fn keep_copies(self) -> ReadSignal<bool> {
        self.keep_copies.read_only()
    }

    pub fn set_keep_copies(self, on: bool) {
        storage::save_keep_copies(on);
        self.keep_copies.set(on);
    }

    pub fn timeout_now(self) -> u32 {
        parse_timeout(&self.timeout.get_untracked()).unwrap_or(TIMEOUT_DEFAULT_S)
    }

    /// Where requests go now, with the key when one is set.
    pub fn endpoint_now(self) -> Endpoint {
        let key = self.api_key.get_untracked();
        Endpoint {
            url: self.endpoint.get_untracked().trim().to_owned(),
            key: (!key.trim().is_empty()).then(|| key.trim().to_owned()),
        }
    }
}

pub fn use_settings() -> Settings {
    expect_context()
}
