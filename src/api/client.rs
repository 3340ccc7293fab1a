//! The HTTP client: one POST of a task array to the configured endpoint, with retries for
//! transient failures. Request bodies are assembled as `Blob`s from JS strings, so reference
//! data URIs are never copied through wasm memory.

use super::error::{ClientError, Idempotency};
use crate::browser::{describe, random, sleep, window};
use js_sys::{Array, JsString};
use runware::{Backoff, Envelope};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Blob, BlobPropertyBag, Headers, RequestInit, Response};

/// Where requests go, and the optional key (sent only as a header, only when set).
#[derive(Clone, PartialEq)]
pub struct Endpoint {
    pub url: String,
    pub key: Option<String>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Endpoint({}, key: {})",
            self.url,
            if self.key.is_some() { "set" } else { "none" }
        )
    }
}

/// A request body kept in JS land; cheap to resend on retry.
#[derive(Clone, Debug)]
pub struct Body(SendWrapper<Blob>);

impl Body {
    /// Joins JSON text pieces and JS strings (data URIs) into one `Blob`.
    pub fn from_parts(parts: &Array) -> Body {
        let opts = BlobPropertyBag::new();
        opts.set_type("application/json");
        let blob = Blob::new_with_str_sequence_and_options(parts, &opts)
            .expect("strings always make a Blob");
        Body(SendWrapper::new(blob))
    }

    pub fn json(text: &str) -> Body {
        Body::from_parts(&Array::of1(&JsString::from(text)))
    }
}

/// Lets a running request be aborted from a button.
#[derive(Clone, Debug)]
pub struct Abort(SendWrapper<std::rc::Rc<std::cell::RefCell<Option<AbortController>>>>);

impl Default for Abort {
    fn default() -> Self {
        Abort::new()
    }
}

impl Abort {
    pub fn new() -> Self {
        Abort(SendWrapper::new(Default::default()))
    }

    pub fn abort(&self) {
        if let Some(c) = self.0.borrow().as_ref() {
            c.abort();
        }
    }
}

/// POSTs once; `timeout_s` bounds the whole exchange.
pub async fn post_once(
    ep: &Endpoint,
    body: &Body,
    timeout_s: u32,
    abort: &Abort,
) -> Result<Envelope, ClientError> {
    let controller = AbortController::new().map_err(|e| ClientError::Network(describe(&e)))?;
    *abort.0.borrow_mut() = Some(controller.clone());
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let flag = timed_out.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
            flag.set(true);
            controller.abort();
        });
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.unchecked_ref(),
                (timeout_s * 1000) as i32,
            )
            .ok()
    };
    let result = exchange(ep, body, &controller).await;
    if let Some(t) = timer {
        window().clear_timeout_with_handle(t);
    }
    *abort.0.borrow_mut() = None;
    match result {
        Err(ClientError::Network(_)) if timed_out.get() => Err(ClientError::Timeout(timeout_s)),
        Err(ClientError::Network(_)) if controller.signal().aborted() => {
            Err(ClientError::Cancelled)
        }
        other => other,
    }
}

async fn exchange(
    ep: &Endpoint,
    body: &Body,
    controller: &AbortController,
) -> Result<Envelope, ClientError> {
    let headers = Headers::new().map_err(|e| ClientError::Network(describe(&e)))?;
    headers.set("Content-Type", "application/json").ok();
    if let Some(key) = ep.key.as_deref().filter(|k| !k.is_empty()) {
        headers
            .set("Authorization", &format!("Bearer {key}"))
            .map_err(|_| {
                ClientError::Network("the API key contains characters a header cannot carry".into())
            })?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    let blob: &Blob = &body.0;
    init.set_body(blob);
    init.set_signal(Some(&controller.signal()));
    let resp: Response = JsFuture::from(window().fetch_with_str_and_init(&ep.url, &init))
        .await
        .map_err(|e| ClientError::Network(describe(&e)))?
        .unchecked_into();
    read_answer(resp).await
}

/// Turns an HTTP answer into Runware's envelope, or the error it stands for.
async fn read_answer(resp: Response) -> Result<Envelope, ClientError> {
    let status = resp.status();
    let header = |name: &str| resp.headers().get(name).ok().flatten();
    let retry_after_ms = header("retry-after")
        .and_then(|v| runware::parse_retry_after(&v))
        .map(|d| d.as_millis() as u64);
    // The site's own login (nginx's basic auth), not Runware refusing the key.
    let basic = header("www-authenticate")
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("basic"));
    if status == 401 && basic {
        return Err(ClientError::SignIn);
    }
    let html = header("content-type").is_some_and(|t| t.contains("html"));
    let text = JsFuture::from(
        resp.text()
            .map_err(|e| ClientError::Network(describe(&e)))?,
    )
    .await
    .map_err(|e| ClientError::Network(format!("the connection dropped: {}", describe(&e))))?
    .as_string()
    .unwrap_or_default();
    if html || text.trim_start().starts_with('<') {
        return Err(ClientError::Unreadable {
            status,
            what: "an HTML page".into(),
        });
    }
    let ok = (200..300).contains(&status);
    match serde_json::from_str::<Envelope>(&text) {
        Ok(env) if ok => Ok(env),
        Ok(env) => Err(ClientError::Api {
            status,
            errors: env.all_errors(),
            retry_after_ms,
        }),
        Err(_) if text.trim().is_empty() && !ok => Err(ClientError::Api {
            status,
            errors: Vec::new(),
            retry_after_ms,
        }),
        Err(_) => Err(ClientError::Unreadable {
            status,
            what: "malformed JSON".into(),
        }),
    }
}

/// The word a job's notice carries while a request waits to be sent again (the shot list holds
/// back while any of its jobs does).
pub const RETRYING: &str = "retrying";

/// POSTs with up to three retries of transient failures (exponential back-off, jitter,
/// `Retry-After` honoured). `on_retry` hears about each wait, for the job card.
pub async fn post(
    ep: &Endpoint,
    body: &Body,
    timeout_s: u32,
    repeat: Idempotency,
    abort: &Abort,
    on_retry: impl Fn(Option<String>),
) -> Result<Envelope, ClientError> {
    let backoff = Backoff::default();
    let mut attempt = 0;
    loop {
        match post_once(ep, body, timeout_s, abort).await {
            Err(e) if e.is_transient(repeat) && backoff.should_retry(attempt) => {
                let wait = backoff.delay(attempt, random(), e.retry_after());
                on_retry(Some(format!(
                    "{}; {RETRYING} in {} s (try {} of {}).",
                    e.brief(),
                    crate::domain::number::fixed(wait.as_secs_f64(), 0),
                    attempt + 1,
                    backoff.max_retries,
                )));
                sleep(wait.as_millis() as u32).await;
                attempt += 1;
            }
            other => {
                on_retry(None);
                return other;
            }
        }
    }
}
