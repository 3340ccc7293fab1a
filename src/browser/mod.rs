//! Thin adapters over browser APIs. Big strings (data URIs) stay JS strings here: they are
//! handed around as `JsString`s and never copied into wasm memory.

pub mod channel;
pub mod db;
pub mod drafts;
pub mod files;
pub mod kits;
pub mod prepare;
pub mod storage;
pub mod zip;

use js_sys::{Function, JsString, Promise, Reflect};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Failures of browser APIs, as a user reads them.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum BrowserError {
    #[error("could not read the file: {0}")]
    Read(String),
    #[error("this file is not an image the browser can decode")]
    NotImage,
    #[error("the clipboard refused: {0}")]
    Clipboard(String),
}

/// A short text for a JS exception, without keeping the `JsValue`.
pub fn describe(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// Milliseconds since the page loaded (monotonic).
pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Puts a named point on the performance timeline (read by the benchmark).
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        p.mark(name).ok();
    }
}

/// Starts a performance-timeline measure; `Span::end` records it for the benchmark to read.
pub struct Span(&'static str);

impl Span {
    pub fn start(name: &'static str) -> Span {
        if let Some(p) = window().performance() {
            p.mark(&format!("{name}:start")).ok();
        }
        Span(name)
    }

    pub fn end(self) {
        if let Some(p) = window().performance() {
            p.measure_with_start_mark(self.0, &format!("{}:start", self.0))
                .ok();
        }
    }
}

/// Wall-clock milliseconds since the epoch.
/// The local calendar day of an instant, as "2026-12-05".
pub fn local_day(epoch_ms: f64) -> String {
    let d = js_sys::Date::new(&epoch_ms.into());
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

pub fn epoch_ms() -> f64 {
    js_sys::Date::now()
}

/// A random number in `[0, 1)` for back-off jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            .ok();
    });
    JsFuture::from(promise).await.ok();
}

/// Resolves once the next frame has been painted: a task queued from the next animation frame
/// runs after it. The frame's rendering is measured as `kling:history-render`.
pub async fn next_paint() {
    let render = Span::start("kling:history-render");
    let frame = Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).ok();
    });
    JsFuture::from(frame).await.ok();
    render.end();
    sleep(0).await;
}

/// Puts a JS string on the clipboard without copying it into wasm.
pub async fn copy_js_text(text: &JsString) -> Result<(), BrowserError> {
    let clipboard = Reflect::get(&window().navigator(), &"clipboard".into())
        .map_err(|e| BrowserError::Clipboard(describe(&e)))?;
    let write: Function = Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| BrowserError::Clipboard("no clipboard in this context".into()))?;
    let promise: Promise = write
        .call1(&clipboard, text)
        .map_err(|e| BrowserError::Clipboard(describe(&e)))?
        .unchecked_into();
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| BrowserError::Clipboard(describe(&e)))
}

/// Bytes as a typed `Blob`.
pub fn bytes_to_blob(bytes: &[u8], mime: &str) -> Option<web_sys::Blob> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()
}

/// A `blob:` URL for a Blob, so big images never sit in the DOM as data URIs.
pub fn blob_url(blob: &web_sys::Blob) -> Option<String> {
    web_sys::Url::create_object_url_with_blob(blob).ok()
}

/// The bytes behind a `blob:` or CORS-readable URL.
pub async fn fetch_blob(url: &str) -> Result<web_sys::Blob, BrowserError> {
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| BrowserError::Read(describe(&e)))?
        .unchecked_into();
    if !resp.ok() {
        return Err(BrowserError::Read(format!("HTTP {}", resp.status())));
    }
    Ok(
        JsFuture::from(resp.blob().map_err(|e| BrowserError::Read(describe(&e)))?)
            .await
            .map_err(|e| BrowserError::Read(describe(&e)))?
            .unchecked_into(),
    )
}

pub fn revoke_object_url(url: &str) {
    if url.starts_with("blob:") {
        web_sys::Url::revoke_object_url(url).ok();
    }
}

/// Saves `blob` as a download named `name`.
pub fn save_blob(blob: &web_sys::Blob, name: &str) {
    let Some(href) = blob_url(blob) else {
        return;
    };
    click_link(&href, |a| a.set_download(name));
    // The download has taken its copy once the click has been handled.
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || revoke_object_url(&href));
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 10_000)
        .ok();
}

/// Saves what a `blob:` URL holds as `name` (the URL stays valid).
pub fn save_link(url: &str, name: &str) {
    click_link(url, |a| a.set_download(name));
}

/// Opens `url` in a new tab: the studio stays where it is (a cross-origin link with
/// `download` would replace the page instead of saving).
pub fn open_in_new_tab(url: &str) {
    click_link(url, |a| {
        a.set_target("_blank");
        a.set_rel("noopener");
    });
}

fn click_link(href: &str, set: impl FnOnce(&web_sys::HtmlAnchorElement)) {
    let Some(Ok(a)) = window().document().map(|d| d.create_element("a")) else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(href);
    set(&a);
    a.click();
}

/// "14:05" today, "3 Dec, 14:05" another day, in the browser's time zone.
pub fn clock_label(ms: f64, now_ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let today = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(now_ms));
    let time = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
    let same_day = d.get_date() == today.get_date()
        && d.get_month() == today.get_month()
        && d.get_full_year() == today.get_full_year();
    if same_day {
        return time;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {}, {time}",
        d.get_date(),
        MONTHS[d.get_month() as usize % 12]
    )
}

/// Whether the page is laid out as one column (a phone).
pub fn is_narrow() -> bool {
    window()
        .match_media("(max-width: 800px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Moves focus to the element with this id (and brings it into view).
pub fn focus_by_id(id: &str) {
    if let Some(el) = window()
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.focus().ok();
    }
}

/// Brings the newest job into view: the feed's top (a phone scrolls the page down to it).
pub fn show_newest_job() {
    let Some(feed) = window()
        .document()
        .and_then(|d| d.get_element_by_id("feed"))
    else {
        return;
    };
    if is_narrow() {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_behavior(web_sys::ScrollBehavior::Smooth);
        opts.set_block(web_sys::ScrollLogicalPosition::Start);
        feed.scroll_into_view_with_scroll_into_view_options(&opts);
    } else {
        feed.set_scroll_top(0);
    }
}
