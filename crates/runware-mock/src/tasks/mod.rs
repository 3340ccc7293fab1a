//! One POSTed array of tasks in, one Runware envelope out: the body is read, the key checked,
//! each task run by its own module (`inference`, `poll`, `upload`, `account`).

mod account;
mod inference;
mod poll;
mod upload;

pub(crate) use inference::AsyncJob;

use crate::Mock;
use axum::http::{HeaderMap, StatusCode};
use runware::{ApiError, Envelope, Parameter, ResultItem};
use serde_json::Value;
use std::sync::Arc;

const DOCS: &str = "https://runware.ai/docs/en/image-inference/api-reference";

/// A task's failure with the HTTP status it implies.
pub(crate) struct Fail {
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

    pub(crate) fn bad(code: &str, parameter: &str, message: impl Into<String>) -> Self {
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

impl From<crate::contract::Violation> for Fail {
    fn from(v: crate::contract::Violation) -> Self {
        Fail::bad(v.code, &v.parameter, v.message)
    }
}

type Outcome = Result<Vec<ResultItem>, Fail>;

pub(crate) async fn handle(
    mock: &Arc<Mock>,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, Envelope) {
    let tasks = match read_tasks(body) {
        Ok(tasks) => tasks,
        Err(f) => return fail_all(f),
    };
    let (via, accepted) = authenticate(mock, headers, &tasks);
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
        let outcome = run(mock, &task_type, task).await;
        log(&task_type, task_uuid.as_deref(), &outcome);
        match outcome {
            Ok(items) => envelope.data.extend(items),
            Err(f) => {
                let f = f.task(&task_type, task_uuid.as_deref());
                worst = Some(worst.map_or(f.status, |w| w.max(f.status)));
                envelope.errors.push(*f.error);
            }
        }
    }
    (overall_status(worst, &envelope), envelope)
}

/// The body as a list of tasks, or why it is not one.
fn read_tasks(body: &[u8]) -> Result<Vec<Value>, Fail> {
    let refuse =
        |message: String| Fail::new(StatusCode::BAD_REQUEST, "invalidRequestBody", message);
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(tasks)) => Ok(tasks),
        Ok(_) => Err(refuse(
            "The body must be a JSON array of task objects.".into(),
        )),
        Err(e) => Err(refuse(format!("The body is not valid JSON: {e}"))),
    }
}

/// How the key came (header, task, none) and whether it is accepted.
fn authenticate(mock: &Mock, headers: &HeaderMap, tasks: &[Value]) -> (&'static str, bool) {
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
    (via, accepted)
}

async fn run(mock: &Arc<Mock>, task_type: &str, task: &Value) -> Outcome {
    match task_type {
        "authentication" => Ok(vec![ResultItem {
            task_type: Some("authentication".into()),
            ..Default::default()
        }]),
        "imageInference" => inference::image_inference(mock, task).await,
        "getResponse" => poll::get_response(mock, task).await,
        "imageUpload" => upload::image_upload(mock, task).await,
        "accountManagement" => account::account(mock, task),
        other => Err(Fail::bad(
            "unsupportedTaskType",
            "taskType",
            format!("Unknown taskType \"{other}\"."),
        )),
    }
}

fn log(task_type: &str, task_uuid: Option<&str>, outcome: &Outcome) {
    let id = task_uuid.unwrap_or("-");
    match outcome {
        Ok(items) => println!("{task_type} {id} -> ok, {} item(s)", items.len()),
        Err(f) => println!("{task_type} {id} -> {} {}", f.status.as_u16(), f.error.code),
    }
}

/// A failure's status when nothing but authentication succeeded; 200 when any task did.
fn overall_status(worst: Option<StatusCode>, envelope: &Envelope) -> StatusCode {
    let only_auth = envelope
        .data
        .iter()
        .all(|d| d.task_type.as_deref() == Some("authentication"));
    match worst {
        Some(s) if only_auth => s,
        _ => StatusCode::OK,
    }
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

/// Reads a task's fields that are not `imageInference`'s (those have their own contract).
fn string_field(task: &Value, key: &str) -> Result<String, Fail> {
    task[key].as_str().map(str::to_owned).ok_or_else(|| {
        Fail::bad(
            "invalidParameter",
            key,
            format!("{key} is required and must be a string."),
        )
    })
}

/// Marks a taskUUID used; a second task with it is refused.
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
