//! One POSTed array of tasks in, one Runware envelope out.

use crate::images;
use crate::{Mock, StoredFile};
use axum::http::{HeaderMap, StatusCode};
use runware::{
    validate, ApiError, Envelope, ErrorBody, ImageInference, OutputType, Parameter, Resolution,
    ResultItem, Size, TaskStatus,
};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

const DOCS: &str = "https://runware.ai/docs/en/image-inference/api-reference";
/// Fields of `imageInference` this model accepts.
const KNOWN_FIELDS: &[&str] = &[
    "taskType",
    "taskUUID",
    "model",
    "positivePrompt",
    "width",
    "height",
    "resolution",
    "inputs",
    "numberResults",
    "outputType",
    "outputFormat",
    "outputQuality",
    "deliveryMethod",
    "webhookURL",
    "uploadEndpoint",
    "ttl",
    "includeCost",
    "safety",
];
/// Fields Runware knows from other models but Kling IMAGE O1 does not take.
const UNSUPPORTED_FIELDS: &[&str] = &[
    "negativePrompt",
    "seed",
    "steps",
    "CFGScale",
    "scheduler",
    "strength",
    "seedImage",
    "maskImage",
    "lora",
    "referenceImages",
];

pub(crate) struct AsyncJob {
    started: Instant,
    task: Arc<ImageInference>,
    size: Size,
    results: Vec<Option<ResultItem>>,
    failing_slot: Option<usize>,
}

/// A task's failure with the HTTP status it implies.
struct Fail {
    status: StatusCode,
    error: Box<ApiError>,
}

impl Fail {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Fail {
            status,
            error: Box::new(ApiError {
                documentation: Some(DOCS.to_owned()),
                ..ApiError::new(code, message)
            }),
        }
    }
    fn bad(code: &str, parameter: &str, message: impl Into<String>) -> Self {
        let mut f = Fail::new(StatusCode::BAD_REQUEST, code, message);
        f.error.parameter = Some(Parameter::One(parameter.to_owned()));
        f
    }
    fn task(mut self, task_type: &str, task_uuid: Option<&str>) -> Self {
        self.error.task_type = Some(task_type.to_owned());
        self.error.task_uuid = Some(task_uuid.unwrap_or("N/A").to_owned());
        self
    }
}

pub(crate) async fn handle(
    mock: &Arc<Mock>,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, Envelope) {
    let tasks: Vec<Value> = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(tasks)) => tasks,
        Ok(_) => {
            return fail_all(Fail::new(
                StatusCode::BAD_REQUEST,
                "invalidRequestBody",
                "The body must be a JSON array of task objects.",
            ))
        }
        Err(e) => {
            return fail_all(Fail::new(
                StatusCode::BAD_REQUEST,
                "invalidRequestBody",
                format!("The body is not valid JSON: {e}"),
            ))
        }
    };

    let header_key = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let task_key = tasks
        .iter()
        .find(|t| t["taskType"] == "authentication")
        .and_then(|t| t["apiKey"].as_str())
        .filter(|k| !k.is_empty());
    let (key, via) = match (header_key, task_key) {
        (Some(k), _) => (Some(k), "header"),
        (None, Some(k)) => (Some(k), "task"),
        _ => (None, "none"),
    };
    let accepted = match (&mock.cfg.api_key, key) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(want), Some(got)) => want == got,
    };
    record(mock, &tasks, via, accepted);
    if !accepted {
        println!("POST /v1 -> 401 invalidApiKey (auth via {via})");
        let mut f = Fail::new(
            StatusCode::UNAUTHORIZED,
            "invalidApiKey",
            "Invalid API key. Get one at https://my.runware.ai/signup",
        )
        .task("authentication", None);
        f.error.parameter = Some(Parameter::One("apiKey".into()));
        return fail_all(f);
    }

    let mut envelope = Envelope::default();
    let mut worst: Option<StatusCode> = None;
    for task in &tasks {
        let task_type = task["taskType"].as_str().unwrap_or("").to_owned();
        let task_uuid = task["taskUUID"].as_str().map(str::to_owned);
        let outcome = match task_type.as_str() {
            "authentication" => Ok(vec![ResultItem {
                task_type: Some("authentication".into()),
                ..Default::default()
            }]),
            "imageInference" => image_inference(mock, task).await,
            "getResponse" => get_response(mock, task).await,
            "imageUpload" => image_upload(mock, task).await,
            "accountManagement" => account(mock, task),
            other => Err(Fail::bad(
                "unsupportedTaskType",
                "taskType",
                format!("Unknown taskType \"{other}\"."),
            )),
        };
        match outcome {
            Ok(items) => {
                println!(
                    "{task_type} {} -> ok, {} item(s)",
                    task_uuid.as_deref().unwrap_or("-"),
                    items.len()
                );
                envelope.data.extend(items);
            }
            Err(f) => {
                let f = f.task(&task_type, task_uuid.as_deref());
                println!(
                    "{task_type} {} -> {} {}",
                    task_uuid.as_deref().unwrap_or("-"),
                    f.status.as_u16(),
                    f.error.code
                );
                worst = Some(worst.map_or(f.status, |w| w.max(f.status)));
                envelope.errors.push(*f.error);
            }
        }
    }
    let status = match worst {
        Some(s)
            if envelope
                .data
                .iter()
                .all(|d| d.task_type.as_deref() == Some("authentication")) =>
        {
            s
        }
        _ => StatusCode::OK,
    };
    (status, envelope)
}

fn fail_all(f: Fail) -> (StatusCode, Envelope) {
    (
        f.status,
        Envelope {
            errors: vec![*f.error],
            ..Default::default()
        },
    )
}

/// Keeps what was received for `/__mock/requests`, with every key replaced.
fn record(mock: &Mock, tasks: &[Value], via: &str, accepted: bool) {
    let redacted: Vec<Value> = tasks
        .iter()
        .map(|t| {
            let mut t = t.clone();
            if let Some(k) = t.get_mut("apiKey") {
                *k = Value::String("<redacted>".into());
            }
            t
        })
        .collect();
    let mut inner = mock.inner.lock().unwrap();
    if inner.requests.len() >= 200 {
        inner.requests.remove(0);
    }
    inner
        .requests
        .push(serde_json::json!({ "auth": via, "keyAccepted": accepted, "tasks": redacted }));
}

fn parse<T: serde::de::DeserializeOwned>(task: &Value) -> Result<T, Fail> {
    serde_path_to_error::deserialize(task).map_err(|e| {
        let path = e.path().to_string();
        let param = if path == "." {
            "taskType".to_owned()
        } else {
            path
        };
        Fail::bad(
            "invalidParameter",
            &param,
            format!("Invalid value for {param}: {}", e.inner()),
        )
    })
}

fn claim_uuid(mock: &Mock, uuid: &str) -> Result<(), Fail> {
    if !mock
        .inner
        .lock()
        .unwrap()
        .seen_task_uuids
        .insert(uuid.to_owned())
    {
        return Err(Fail::bad(
            "conflictTaskUUID",
            "taskUUID",
            format!("taskUUID {uuid} was already used by another task."),
        ));
    }
    Ok(())
}

async fn image_inference(mock: &Arc<Mock>, raw: &Value) -> Result<Vec<ResultItem>, Fail> {
    if let Some(obj) = raw.as_object() {
        for key in obj.keys() {
            if UNSUPPORTED_FIELDS.contains(&key.as_str()) {
                return Err(Fail::bad(
                    "unsupportedParameter",
                    key,
                    format!("{key} is not supported by klingai:kling-image@o1."),
                ));
            }
            if !KNOWN_FIELDS.contains(&key.as_str()) {
                return Err(Fail::bad(
                    "unknownParameter",
                    key,
                    format!("Unknown parameter {key}."),
                ));
            }
        }
    }
    let task: ImageInference = parse(raw)?;
    if let Some(e) = validate(&task).into_iter().next() {
        return Err(Fail::bad(&e.code, &e.field, e.message));
    }
    let lower = task.positive_prompt.to_lowercase();
    if let Some(word) = mock
        .cfg
        .block_words
        .iter()
        .find(|w| !w.is_empty() && lower.contains(&w.to_lowercase()))
    {
        return Err(Fail::bad(
            "promptBlocked",
            "positivePrompt",
            format!("The prompt was blocked by the content filter (\"{word}\")."),
        ));
    }
    let first_dims = resolve_references(mock, &task).await?;
    claim_uuid(mock, &task.task_uuid)?;
    let size = match (task.width, task.height) {
        (Some(w), Some(h)) => Size::from_dims(w, h).expect("validated"),
        _ => {
            let tier = task.resolution.unwrap_or(Resolution::K1);
            let (w, h) = first_dims.unwrap_or((1, 1));
            Size::nearest(w, h, tier)
        }
    };
    let task = Arc::new(task);
    if task.is_async() {
        let mut inner = mock.inner.lock().unwrap();
        let failing_slot =
            std::mem::take(&mut inner.slot_error_next).then(|| task.result_count() as usize - 1);
        let n = task.result_count() as usize;
        inner.jobs.insert(
            task.task_uuid.clone(),
            AsyncJob {
                started: Instant::now(),
                task: task.clone(),
                size,
                results: vec![None; n],
                failing_slot,
            },
        );
        return Ok(vec![ResultItem {
            task_type: Some("imageInference".into()),
            task_uuid: Some(task.task_uuid.clone()),
            ..Default::default()
        }]);
    }
    let indices: Vec<usize> = (0..task.result_count() as usize).collect();
    Ok(render_results(mock, task, size, indices).await)
}

/// Checks every reference and returns the first one's pixel size when it can be known
/// (URLs are accepted as given and never fetched).
async fn resolve_references(
    mock: &Arc<Mock>,
    task: &ImageInference,
) -> Result<Option<(u32, u32)>, Fail> {
    let mut first = None;
    for (i, r) in task.reference_images().iter().enumerate() {
        let dims = if let Some(bytes) = images::reference_bytes(r) {
            let bytes = bytes.map_err(|e| ref_fail(i, &e))?;
            tokio::task::spawn_blocking(move || images::decode_dims(&bytes))
                .await
                .expect("decoder thread")
                .map_err(|e| ref_fail(i, &e))
                .map(Some)?
        } else if runware::validate::is_http_url(r) {
            None
        } else {
            let known = mock.inner.lock().unwrap().known_images.get(r).copied();
            Some(known.ok_or_else(|| {
                ref_fail(i, "unknown image UUID (upload it first with imageUpload)")
            })?)
        };
        if i == 0 {
            first = dims;
        }
    }
    Ok(first)
}

fn ref_fail(i: usize, why: &str) -> Fail {
    Fail::bad(
        "invalidReferenceImage",
        "inputs.referenceImages",
        format!("Reference image {} is invalid: {why}.", i + 1),
    )
}

/// Draws, encodes and delivers the given result slots.
async fn render_results(
    mock: &Arc<Mock>,
    task: Arc<ImageInference>,
    size: Size,
    indices: Vec<usize>,
) -> Vec<ResultItem> {
    let t = task.clone();
    let encoded = tokio::task::spawn_blocking(move || {
        indices
            .into_iter()
            .map(|i| {
                let seed = images::seed_for(&t.positive_prompt, &t.task_uuid, i);
                let img = images::render(&t.positive_prompt, seed, size.width(), size.height());
                (
                    i,
                    seed,
                    images::encode(&img, t.effective_output_format(), t.effective_quality()),
                )
            })
            .collect::<Vec<_>>()
    })
    .await
    .expect("renderer thread");
    let format = task.effective_output_format();
    let mut inner = mock.inner.lock().unwrap();
    encoded
        .into_iter()
        .map(|(_, seed, bytes)| {
            let image_uuid = uuid::Uuid::new_v4().to_string();
            inner.known_images.insert(image_uuid.clone(), size.dims());
            let mut item = ResultItem {
                task_type: Some("imageInference".into()),
                task_uuid: Some(task.task_uuid.clone()),
                image_uuid: Some(image_uuid.clone()),
                seed: Some(seed),
                cost: task
                    .include_cost
                    .unwrap_or(false)
                    .then_some(runware::limits::PRICE_PER_IMAGE),
                nsfw_content: task
                    .safety
                    .as_ref()
                    .and_then(|s| s.check_content)
                    .filter(|c| *c)
                    .map(|_| false),
                ..Default::default()
            };
            match task.effective_output_type() {
                OutputType::Url => {
                    let name = format!("{image_uuid}.{}", format.extension());
                    let ttl = task.ttl.map(|t| t as u64).unwrap_or(mock.cfg.default_ttl);
                    item.image_url = Some(format!("{}/image/{name}", mock.public_url));
                    inner.files.insert(
                        name,
                        StoredFile {
                            bytes: Arc::new(bytes),
                            mime: format.mime(),
                            expires: Instant::now() + Duration::from_secs(ttl),
                        },
                    );
                }
                OutputType::DataUri => {
                    item.image_data_uri = Some(format!(
                        "data:{};base64,{}",
                        format.mime(),
                        images::to_base64(&bytes)
                    ))
                }
                OutputType::Base64Data => item.image_base64_data = Some(images::to_base64(&bytes)),
            }
            item
        })
        .collect()
}

async fn get_response(mock: &Arc<Mock>, raw: &Value) -> Result<Vec<ResultItem>, Fail> {
    let req: runware::GetResponse = parse(raw)?;
    let id = req.task_uuid;
    let (task, size, due, failing) = {
        let inner = mock.inner.lock().unwrap();
        let job = inner.jobs.get(&id).ok_or_else(|| {
            Fail::bad(
                "taskNotFound",
                "taskUUID",
                format!("No async task with taskUUID {id}."),
            )
        })?;
        let elapsed = job.started.elapsed();
        let due: Vec<usize> = (0..job.results.len())
            .filter(|&i| {
                job.results[i].is_none()
                    && job.failing_slot != Some(i)
                    && elapsed >= slot_due(mock, i)
            })
            .collect();
        (
            job.task.clone(),
            job.size,
            due,
            job.failing_slot.filter(|&i| elapsed >= slot_due(mock, i)),
        )
    };
    let rendered = if due.is_empty() {
        Vec::new()
    } else {
        render_results(mock, task.clone(), size, due.clone()).await
    };
    let mut inner = mock.inner.lock().unwrap();
    let job = inner.jobs.get_mut(&id).expect("jobs are never removed");
    for (i, item) in due.into_iter().zip(rendered) {
        job.results[i].get_or_insert(item);
    }
    let slot = |status| ResultItem {
        task_type: Some("imageInference".into()),
        task_uuid: Some(id.clone()),
        status: Some(status),
        ..Default::default()
    };
    Ok((0..job.results.len())
        .map(|i| match &job.results[i] {
            Some(done) => ResultItem {
                status: Some(TaskStatus::Success),
                ..done.clone()
            },
            None if failing == Some(i) => ResultItem {
                error: Some(ErrorBody {
                    code: "timeoutProvider".into(),
                    message: "The provider did not return this image in time.".into(),
                    parameter: None,
                }),
                ..slot(TaskStatus::Error)
            },
            None => slot(TaskStatus::Processing),
        })
        .collect())
}

fn slot_due(mock: &Mock, i: usize) -> Duration {
    Duration::from_millis(mock.cfg.generation_ms + mock.cfg.slot_stagger_ms * i as u64)
}

async fn image_upload(mock: &Arc<Mock>, raw: &Value) -> Result<Vec<ResultItem>, Fail> {
    let req: runware::ImageUpload = parse(raw)?;
    if !runware::validate::is_uuid_v4(&req.task_uuid) {
        return Err(Fail::bad(
            "invalidTaskUUID",
            "taskUUID",
            "taskUUID must be a UUID version 4.",
        ));
    }
    let dims = match images::reference_bytes(&req.image) {
        Some(Ok(bytes)) => tokio::task::spawn_blocking(move || images::decode_dims(&bytes))
            .await
            .expect("decoder thread"),
        Some(Err(e)) => Err(e),
        None if runware::validate::is_http_url(&req.image) => Ok((1024, 1024)),
        None => Err("not a data URI, base64 or URL".to_owned()),
    }
    .map_err(|e| {
        Fail::bad(
            "invalidImage",
            "image",
            format!("The image could not be read: {e}."),
        )
    })?;
    claim_uuid(mock, &req.task_uuid)?;
    let image_uuid = uuid::Uuid::new_v4().to_string();
    mock.inner
        .lock()
        .unwrap()
        .known_images
        .insert(image_uuid.clone(), dims);
    Ok(vec![ResultItem {
        task_type: Some("imageUpload".into()),
        task_uuid: Some(req.task_uuid),
        image_uuid: Some(image_uuid),
        ..Default::default()
    }])
}

fn account(mock: &Mock, raw: &Value) -> Result<Vec<ResultItem>, Fail> {
    let req: runware::AccountManagement = parse(raw)?;
    if req.operation != "getDetails" {
        return Err(Fail::bad(
            "unsupportedOperation",
            "operation",
            "Only operation \"getDetails\" is supported.",
        ));
    }
    Ok(vec![ResultItem {
        task_type: Some("accountManagement".into()),
        task_uuid: Some(req.task_uuid),
        balance: Some(mock.cfg.balance),
        ..Default::default()
    }])
}
