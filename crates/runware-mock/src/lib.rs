//! The stand-in server: plays Runware's `/v1` for Kling IMAGE O1 on loopback.
//!
//! Everything a test needs to provoke (faults, latency, a failing async slot) is set by flags or
//! by the control endpoints under `/__mock/`, never by fields a real client would send.

pub mod config;
pub mod contract;
pub mod images;
mod tasks;

pub use config::{Config, FaultKind};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Large enough for ten references of 10 MB each, base64-encoded.
const BODY_LIMIT: usize = 300 * 1024 * 1024;

pub(crate) struct Mock {
    pub cfg: Config,
    pub public_url: String,
    pub inner: Mutex<Inner>,
}

#[derive(Default)]
pub(crate) struct Inner {
    pub seen_task_uuids: HashSet<String>,
    /// Served files by name (`<imageUUID>.<ext>`).
    pub files: HashMap<String, StoredFile>,
    /// Image UUIDs usable as references (uploads and earlier results), with their pixel size.
    pub known_images: HashMap<String, (u32, u32)>,
    pub jobs: HashMap<String, tasks::AsyncJob>,
    pub faults: VecDeque<(FaultKind, u64)>,
    pub slot_error_next: bool,
    pub latency_ms: u64,
    pub requests: Vec<Value>,
    /// Time added by `/__mock/advance`, so tests can expire a `ttl` without waiting for it.
    pub skew: Duration,
    /// API requests being answered now, and the most there have been at once.
    pub in_flight: usize,
    pub max_in_flight: usize,
}

/// Counts one API request as in flight for as long as it lives.
struct InFlight(Arc<Mock>);

impl InFlight {
    fn enter(mock: &Arc<Mock>) -> InFlight {
        let mut inner = mock.inner.lock().unwrap();
        inner.in_flight += 1;
        inner.max_in_flight = inner.max_in_flight.max(inner.in_flight);
        InFlight(Arc::clone(mock))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.inner.lock().unwrap().in_flight -= 1;
    }
}

pub(crate) struct StoredFile {
    pub bytes: Arc<Vec<u8>>,
    pub mime: &'static str,
    pub expires: Instant,
}

/// A running stand-in.
pub struct Server {
    pub addr: SocketAddr,
    pub handle: tokio::task::JoinHandle<()>,
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Binds and serves in the background; returns once the port is listening.
pub async fn spawn(cfg: Config) -> std::io::Result<Server> {
    let listener = tokio::net::TcpListener::bind((cfg.host, cfg.port)).await?;
    let addr = listener.local_addr()?;
    let app = router(cfg, addr);
    let handle = tokio::spawn(async move {
        axum::serve(listener, app).await.ok();
    });
    Ok(Server { addr, handle })
}

/// The whole HTTP surface.
pub fn router(cfg: Config, addr: SocketAddr) -> Router {
    let public_url = cfg
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"))
        .trim_end_matches('/')
        .to_owned();
    let mut faults = VecDeque::new();
    let slot_error_next = cfg.fail_next > 0 && cfg.fail_with == FaultKind::SlotError;
    if cfg.fail_next > 0 && !slot_error_next {
        faults.push_back((cfg.fail_with, u64::from(cfg.fail_next)));
    }
    let state = Arc::new(Mock {
        public_url,
        inner: Mutex::new(Inner {
            faults,
            slot_error_next,
            latency_ms: cfg.latency_ms,
            ..Default::default()
        }),
        cfg,
    });
    let images = Router::new()
        .route("/image/{file}", get(file))
        .route("/v1/image/{file}", get(file));
    let images = if state.cfg.image_cors {
        images.layer(cors())
    } else {
        images
    };
    Router::new()
        .route("/", post(api))
        .route("/v1", post(api))
        .route("/__mock/faults", post(add_fault))
        .route("/__mock/latency", post(set_latency))
        .route("/__mock/requests", get(requests))
        .route("/__mock/stats", get(stats))
        .route("/__mock/reset", post(reset))
        .route("/__mock/advance", post(advance))
        .route("/__mock/health", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(cors())
        .merge(images)
        .with_state(state)
}

fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin: &HeaderValue, _| {
            is_local_origin(origin.to_str().unwrap_or(""))
        }))
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}

/// Only pages served from this machine may call the stand-in from a browser.
pub fn is_local_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = if rest.starts_with('[') {
        rest.split(']').next().map(|h| &h[1..]).unwrap_or("")
    } else {
        rest.split(':').next().unwrap_or("")
    };
    host == "localhost" || host == "::1" || host.starts_with("127.")
}

type Shared = State<Arc<Mock>>;

async fn api(State(mock): Shared, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    // Runs on its own task, as a real server does: a client that gives up waiting does not
    // stop the work (an accepted task still runs, is recorded and, async, can be polled).
    tokio::spawn(serve_api(mock, headers, body))
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn serve_api(mock: Arc<Mock>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let _counted = InFlight::enter(&mock);
    let (latency, fault) = {
        let mut inner = mock.inner.lock().unwrap();
        let fault = match inner.faults.front_mut() {
            Some((kind, n)) if *kind != FaultKind::SlotError => {
                let kind = *kind;
                *n -= 1;
                if *n == 0 {
                    inner.faults.pop_front();
                }
                Some(kind)
            }
            _ => None,
        };
        (inner.latency_ms, fault)
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(kind) = fault {
        println!("POST /v1 -> injected fault {kind:?}");
        let mut inner = mock.inner.lock().unwrap();
        inner.requests.push(serde_json::json!({ "fault": kind }));
        drop(inner);
        return fault_response(kind, mock.cfg.retry_after);
    }
    let (status, envelope) = tasks::handle(&mock, &headers, &body).await;
    (status, Json(envelope)).into_response()
}

fn fault_response(kind: FaultKind, retry_after: u64) -> Response {
    let envelope = |code: &str, msg: &str| {
        Json(runware::Envelope {
            errors: vec![runware::ApiError::new(code, msg)],
            ..Default::default()
        })
    };
    match kind {
        FaultKind::Status429 => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after.to_string())],
            envelope("tooManyRequests", "The queue is full. Retry later."),
        )
            .into_response(),
        FaultKind::Status500 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            envelope("internalServerError", "Internal server error."),
        )
            .into_response(),
        FaultKind::Status503 => (
            StatusCode::SERVICE_UNAVAILABLE,
            envelope("serviceUnavailable", "No capacity right now."),
        )
            .into_response(),
        FaultKind::Status504 => (
            StatusCode::GATEWAY_TIMEOUT,
            envelope("timeoutProvider", "The queue wait was exceeded."),
        )
            .into_response(),
        FaultKind::Malformed => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"data":[{"taskType":"imageInference","#,
        )
            .into_response(),
        FaultKind::Html => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>502 Bad Gateway</h1><script>window.__pwned=1</script></body></html>",
        )
            .into_response(),
        FaultKind::Drop | FaultKind::SlotError => {
            // Headers go out, then the body fails: the client sees the connection drop.
            let stream = futures_util::stream::once(async {
                Err::<axum::body::Bytes, _>(std::io::Error::other("connection dropped"))
            });
            Response::new(Body::from_stream(stream))
        }
    }
}

async fn file(State(mock): Shared, Path(name): Path<String>) -> Response {
    let found = {
        let inner = mock.inner.lock().unwrap();
        inner
            .files
            .get(&name)
            .filter(|f| f.expires > Instant::now() + inner.skew)
            .map(|f| (f.bytes.clone(), f.mime))
    };
    match found {
        Some((bytes, mime)) => {
            let mut response = (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, "private, max-age=3600"),
                ],
                bytes.as_ref().clone(),
            )
                .into_response();
            if mock.cfg.image_cors {
                response.headers_mut().insert(
                    header::ACCESS_CONTROL_ALLOW_ORIGIN,
                    HeaderValue::from_static("*"),
                );
            }
            response
        }
        None => (StatusCode::NOT_FOUND, "image not found or expired").into_response(),
    }
}

#[derive(Deserialize)]
struct FaultRequest {
    fault: FaultKind,
    #[serde(default = "one")]
    count: u64,
}

fn one() -> u64 {
    1
}

async fn add_fault(State(mock): Shared, Json(req): Json<FaultRequest>) -> StatusCode {
    let mut inner = mock.inner.lock().unwrap();
    if req.fault == FaultKind::SlotError {
        inner.slot_error_next = true;
    } else {
        inner.faults.push_back((req.fault, req.count.max(1)));
    }
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct AdvanceRequest {
    secs: u64,
}

async fn advance(State(mock): Shared, Json(req): Json<AdvanceRequest>) -> StatusCode {
    mock.inner.lock().unwrap().skew += Duration::from_secs(req.secs);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct LatencyRequest {
    ms: u64,
}

async fn set_latency(State(mock): Shared, Json(req): Json<LatencyRequest>) -> StatusCode {
    mock.inner.lock().unwrap().latency_ms = req.ms;
    StatusCode::NO_CONTENT
}

/// What the stand-in received (keys redacted), so tests can check what a client really sent.
async fn requests(State(mock): Shared) -> Json<Vec<Value>> {
    Json(mock.inner.lock().unwrap().requests.clone())
}

/// How many API requests were answered at once, at most, since the last reset.
async fn stats(State(mock): Shared) -> Json<Value> {
    let inner = mock.inner.lock().unwrap();
    Json(serde_json::json!({ "inFlight": inner.in_flight, "maxInFlight": inner.max_in_flight }))
}

async fn reset(State(mock): Shared) -> StatusCode {
    let mut inner = mock.inner.lock().unwrap();
    inner.faults.clear();
    inner.slot_error_next = false;
    inner.latency_ms = mock.cfg.latency_ms;
    inner.requests.clear();
    inner.max_in_flight = inner.in_flight;
    StatusCode::NO_CONTENT
}
