//! Running jobs: submit, poll, retry, cancel. Writes job signals from async tasks (never from
//! effects); views only read them.

use crate::api::{self, Abort, Body, ClientError, Endpoint};
use crate::browser::{self, db::blob_key, storage};
use crate::domain::form::control_for;
use crate::domain::job::{final_state, running_state, safe_image_url};
use crate::domain::payload::Segment;
use crate::domain::{Built, Form, JobState, ResultMeta, Slot};
use crate::history;
use crate::studio::{Job, RefItem, RefSource, Studio};
use base64::Engine;
use js_sys::{Array, JsString};
use leptos::prelude::*;
use runware::{Envelope, ImageInference, OutputFormat, PollSchedule, ResultItem, TaskStatus};
use wasm_bindgen::JsValue;

/// JS-side pieces of the request body for `built`: JSON text with each local reference's
/// data URI spliced in as the browser's own string.
pub fn body_parts(built: &Built, refs: &[RefItem]) -> Array {
    built
        .body_segments()
        .into_iter()
        .map(|seg| match seg {
            Segment::Json(text) => JsValue::from(JsString::from(text)),
            Segment::Reference(i) => match refs.get(i).map(|r| &r.source) {
                Some(RefSource::Local(f)) => {
                    let uri: &JsString = &f.data_uri;
                    JsValue::from(uri.clone())
                }
                _ => JsValue::from(JsString::from("")),
            },
        })
        .collect()
}

/// Sends the composer's task if it is valid. Returns whether anything was sent.
pub fn submit(s: Studio) -> bool {
    s.attempted.set(true);
    let built = s.built.get_untracked();
    if !built.is_valid() {
        return false;
    }
    s.server_error.set(None);
    s.next_task_uuid.set(crate::studio::new_task_uuid());
    launch(
        s,
        built.task.task_uuid,
        s.form.get_untracked(),
        s.refs.get_untracked(),
    );
    true
}

/// Sends a past job's settings again as a new task (fresh UUID); references of a job from
/// history are read back from storage first.
pub fn retry(s: Studio, job: &Job) {
    let job = job.clone();
    leptos::task::spawn_local(async move {
        match history::references_of(s, &job).await {
            Ok(refs) => launch(s, crate::studio::new_task_uuid(), job.form.clone(), refs),
            Err(why) => job.notice.set(Some(format!("Cannot send again: {why}"))),
        }
    });
}

/// Stops watching a job. Runware has no cancel: the task still runs and is billed.
pub fn cancel(s: Studio, job: &Job) {
    if !job.state.get_untracked().is_final() {
        job.abort.abort();
        job.state.set(JobState::Cancelled);
        job.ended_ms.set(Some(browser::epoch_ms()));
        history::save(s, job, Vec::new());
    }
}

fn nonce() -> u64 {
    (browser::random() * 9.0e15) as u64
}

fn launch(s: Studio, task_uuid: String, form: Form, refs: Vec<RefItem>) {
    let inputs: Vec<_> = refs.iter().map(RefItem::input).collect();
    let built = crate::domain::build(&form, &inputs, &task_uuid, nonce());
    if !built.is_valid() {
        return;
    }
    let n = built.task.result_count().max(1) as usize;
    let stored_refs = refs.iter().map(RefItem::stored).collect();
    let job = Job {
        id: s.fresh_id(),
        task_uuid,
        form,
        refs,
        stored_refs,
        task: built.task.clone(),
        is_async: built.task.is_async(),
        started_ms: browser::epoch_ms(),
        from_history: false,
        favourites: RwSignal::new(Vec::new()),
        state: RwSignal::new(JobState::Queued),
        slots: RwSignal::new(vec![Slot::Waiting; n]),
        ended_ms: RwSignal::new(None),
        error: RwSignal::new(None),
        notice: RwSignal::new(None),
        warning: RwSignal::new(None),
        abort: Abort::new(),
    };
    s.jobs.update(|jobs| jobs.insert(0, job.clone()));
    // Stored before anything is sent: a reload from here on cannot lose it.
    history::save(s, &job, history::ref_blobs(&job));
    leptos::task::spawn_local(run(s, job, built, s.upload_once.get_untracked()));
}

/// Replaces local files by the image UUIDs of earlier uploads of the same bytes, uploading
/// those not seen before. A failed upload leaves the file to be sent inline, with a notice.
async fn upload_references(job: &Job, ep: &Endpoint) -> Vec<RefItem> {
    let mut out = Vec::with_capacity(job.refs.len());
    for (i, item) in job.refs.iter().enumerate() {
        let RefSource::Local(file) = &item.source else {
            out.push(item.clone());
            continue;
        };
        let hash = browser::prepare::sha256_hex(&file.sent)
            .await
            .unwrap_or_default();
        let cached = (!hash.is_empty())
            .then(|| storage::cached_upload(&hash))
            .flatten();
        let uuid = match cached {
            Some(uuid) => Some(uuid),
            None => {
                job.notice
                    .set(Some(format!("Uploading reference {}…", i + 1)));
                let task_uuid = crate::studio::new_task_uuid();
                let head = format!(
                    "[{{\"taskType\":\"imageUpload\",\"taskUUID\":\"{task_uuid}\",\"image\":\""
                );
                let data: &JsString = &file.data_uri;
                let parts: Array = [
                    JsValue::from(JsString::from(head)),
                    JsValue::from(data.clone()),
                    JsValue::from(JsString::from("\"}]")),
                ]
                .into_iter()
                .collect();
                match api::post(
                    ep,
                    &Body::from_parts(&parts),
                    120,
                    false,
                    &job.abort,
                    |_| {},
                )
                .await
                {
                    Ok(env) => env
                        .results_for(&task_uuid)
                        .find_map(|r| r.image_uuid.clone()),
                    Err(e) => {
                        job.warning.set(Some(format!(
                            "Upload of reference {} failed ({e}); sending the image itself.",
                            i + 1
                        )));
                        None
                    }
                }
            }
        };
        match uuid {
            Some(uuid) => {
                storage::remember_upload(&hash, &uuid);
                out.push(RefItem {
                    id: item.id,
                    source: RefSource::Text(uuid),
                });
            }
            None => out.push(item.clone()),
        }
    }
    out
}

async fn run(s: Studio, job: Job, mut built: Built, upload_once: bool) {
    let ep = s.endpoint_now();
    let mut refs = job.refs.clone();
    if upload_once && refs.iter().any(|r| matches!(r.source, RefSource::Local(_))) {
        refs = upload_references(&job, &ep).await;
        let inputs: Vec<_> = refs.iter().map(RefItem::input).collect();
        built = crate::domain::build(&job.form, &inputs, &job.task_uuid, nonce());
        if job.state.get_untracked() == JobState::Cancelled {
            return;
        }
    }
    let span = browser::Span::start("kling:build-body");
    let body = Body::from_parts(&body_parts(&built, &refs));
    span.end();
    let task = built.task;
    job.state.set(JobState::Running);
    history::save(s, &job, Vec::new());
    // A sync Kling job can take minutes; the async acknowledgement comes at once.
    let limit = s.timeout_now();
    let timeout = if job.is_async { limit.min(60) } else { limit };
    let span = browser::Span::start("kling:post");
    let answer = api::post(&ep, &body, timeout, false, &job.abort, |n| {
        job.notice.set(n)
    })
    .await;
    span.end();
    if job.state.get_untracked() == JobState::Cancelled {
        return;
    }
    let env = match answer.and_then(|env| own_errors(env, &job.task_uuid)) {
        Ok(env) => env,
        // The acknowledgement is late, but the task may have been accepted: ask for it by its
        // taskUUID rather than send (and bill) it again.
        Err(ClientError::Timeout(n)) if job.is_async => {
            job.notice.set(Some(format!(
                "No acknowledgement within {n} s; checking whether Runware has the task…"
            )));
            return poll(s, &job, &task, &ep, true).await;
        }
        Err(e) => return fail(s, &job, e),
    };
    if !job.is_async {
        apply(s, &job, &task, &env);
        return finish(s, &job, final_state(&job.slots.get_untracked()));
    }
    poll(s, &job, &task, &ep, false).await;
}

/// Picks up polling an async job read back from history.
pub async fn resume(s: Studio, job: Job) {
    job.notice
        .set(Some("Resumed after reload; checking on it…".into()));
    let ep = s.endpoint_now();
    let task = job.task.clone();
    // The page may have closed while the task was being sent, before its acknowledgement.
    poll(s, &job, &task, &ep, true).await;
}

/// How long a task whose acknowledgement never came may stay unknown to Runware before the
/// app concludes it never arrived.
const UNCONFIRMED_GRACE: std::time::Duration = std::time::Duration::from_secs(60);

/// Polls `getResponse` on the contract's schedule until every slot is settled.
/// `unconfirmed`: the task's acknowledgement never came, so for a while "no such taskUUID"
/// means "not registered yet" rather than failure.
async fn poll(s: Studio, job: &Job, task: &ImageInference, ep: &Endpoint, unconfirmed: bool) {
    let polling_since = browser::epoch_ms();
    let schedule = PollSchedule::default();
    let body = Body::json(
        &serde_json::to_string(&[runware::Task::GetResponse(runware::GetResponse {
            task_uuid: job.task_uuid.clone(),
        })])
        .expect("tasks always serialise"),
    );
    let mut n = 0;
    loop {
        browser::sleep(schedule.gap(n).as_millis() as u32).await;
        n += 1;
        if job.state.get_untracked() == JobState::Cancelled {
            return;
        }
        let elapsed = std::time::Duration::from_millis(
            (browser::epoch_ms() - job.started_ms).max(0.0) as u64,
        );
        if !schedule.keep_polling(elapsed) {
            job.error.set(Some((
                "Gave up waiting after 20 minutes".into(),
                format!(
                    "The task may still finish on Runware (taskUUID {}).",
                    job.task_uuid
                ),
            )));
            return finish(s, job, final_state(&job.slots.get_untracked()));
        }
        match api::post(ep, &body, s.timeout_now().min(30), true, &job.abort, |m| {
            job.notice.set(m)
        })
        .await
        .and_then(|env| own_errors(env, &job.task_uuid))
        {
            Ok(env) => {
                job.notice.set(None);
                if apply(s, job, task, &env) {
                    return finish(s, job, final_state(&job.slots.get_untracked()));
                }
                let state = running_state(&job.slots.get_untracked());
                if state != job.state.get_untracked() {
                    job.state.set(state);
                    history::save(s, job, Vec::new());
                }
            }
            // The task was accepted: a bad patch of network must not lose it. Keep polling.
            Err(e) if e.is_transient(true) => job.notice.set(Some(format!("{e} Still polling."))),
            Err(ClientError::Cancelled) => return,
            Err(e)
                if unconfirmed
                    && names_task_uuid(&e)
                    && browser::epoch_ms() - polling_since
                        < UNCONFIRMED_GRACE.as_millis() as f64 =>
            {
                job.notice.set(Some(
                    "Runware does not list this task yet; asking again…".into(),
                ))
            }
            Err(e) => return fail(s, job, e),
        }
    }
}

/// Runware's answer is about the taskUUID itself (e.g. no such task).
fn names_task_uuid(e: &ClientError) -> bool {
    e.first_api_error()
        .is_some_and(|a| a.parameters().iter().any(|p| p == "taskUUID"))
}

/// Errors in a 2xx answer that concern this task turn it into a failure.
fn own_errors(env: Envelope, task_uuid: &str) -> Result<Envelope, ClientError> {
    let errors = env.errors_for(task_uuid);
    if errors.is_empty() {
        Ok(env)
    } else {
        Err(ClientError::Api {
            status: 200,
            errors,
            retry_after_ms: None,
        })
    }
}

/// Fills slots from an answer and stores what arrived; returns true when nothing more will
/// arrive.
fn apply(s: Studio, job: &Job, task: &ImageInference, env: &Envelope) -> bool {
    let items: Vec<&ResultItem> = env.results_for(&job.task_uuid).collect();
    let format = task.effective_output_format();
    let dims = task
        .width
        .zip(task.height)
        .map(|(w, h)| (w as u32, h as u32));
    let mut blobs = Vec::new();
    let before = job.slots.get_untracked();
    job.slots.update(|slots| {
        for (i, item) in items.iter().enumerate() {
            if i >= slots.len() {
                slots.push(Slot::Waiting);
            }
            if matches!(slots[i], Slot::Done(_)) {
                continue;
            }
            slots[i] = match item.effective_status() {
                TaskStatus::Success => match result_meta(item, format, dims) {
                    Ok((meta, blob)) => {
                        if let Some(blob) = blob {
                            blobs.push((blob_key(&job.task_uuid, 'o', i), blob));
                        }
                        Slot::Done(meta)
                    }
                    Err(why) => Slot::Failed(why),
                },
                TaskStatus::Error => Slot::Failed(
                    item.error
                        .as_ref()
                        .map(|e| format!("{}: {}", e.code, e.message))
                        .unwrap_or_else(|| "This result failed.".into()),
                ),
                _ => Slot::Waiting,
            };
        }
    });
    if job.slots.with_untracked(|now| *now != before) {
        history::save(s, job, blobs);
    }
    job.slots.with_untracked(|slots| {
        slots.iter().all(|s| matches!(s, Slot::Done(_)))
            || slots.iter().any(|s| matches!(s, Slot::Failed(_)))
    })
}

fn result_meta(
    item: &ResultItem,
    format: OutputFormat,
    dims: Option<(u32, u32)>,
) -> Result<(ResultMeta, Option<web_sys::Blob>), String> {
    let (src, remote_url, blob) = if let Some(url) = &item.image_url {
        if !safe_image_url(url) {
            return Err(
                "The server sent an image URL that is not http(s); it was not shown.".into(),
            );
        }
        (url.clone(), Some(url.clone()), None)
    } else {
        let (mime, b64) = match (&item.image_data_uri, &item.image_base64_data) {
            (Some(uri), _) => {
                let (head, data) = uri
                    .split_once(";base64,")
                    .ok_or("The data URI of this result is not base64.")?;
                let mime = head.strip_prefix("data:").unwrap_or("");
                if !mime.starts_with("image/") {
                    return Err("The data URI of this result is not an image.".into());
                }
                (mime.to_owned(), data)
            }
            (None, Some(b64)) => (format.mime().to_owned(), b64.as_str()),
            (None, None) => return Err("The result carries no image.".into()),
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .map_err(|_| "The result's base64 could not be decoded.".to_string())?;
        let blob = browser::bytes_to_blob(&bytes, &mime)
            .ok_or("The browser could not hold this image.")?;
        (
            browser::blob_url(&blob).ok_or("The browser could not hold this image.")?,
            None,
            Some(blob),
        )
    };
    let meta = ResultMeta {
        image_uuid: item.image_uuid.clone().unwrap_or_default(),
        inline: blob.is_some(),
        src,
        remote_url,
        seed: item.seed,
        cost: item.cost,
        nsfw: item.nsfw_content,
        format,
        width: dims.map(|d| d.0),
        height: dims.map(|d| d.1),
    };
    Ok((meta, blob))
}

fn finish(s: Studio, job: &Job, state: JobState) {
    job.notice.set(None);
    job.state.set(state);
    job.ended_ms.set(Some(browser::epoch_ms()));
    history::save(s, job, Vec::new());
}

fn fail(s: Studio, job: &Job, e: ClientError) {
    if e == ClientError::Cancelled {
        return;
    }
    let headline = e.category().headline().to_owned();
    if let Some(api_err) = e.first_api_error() {
        if let Some(param) = api_err.parameters().into_iter().next() {
            let control = control_for(&param);
            s.server_error.set(Some((
                control,
                format!("Runware: {} ({})", api_err.message, api_err.code),
            )));
        }
    }
    job.error.set(Some((headline, e.to_string())));
    job.slots.update(|slots| {
        for slot in slots.iter_mut().filter(|s| matches!(s, Slot::Waiting)) {
            *slot = Slot::Failed("Not produced.".into());
        }
    });
    finish(s, job, JobState::Failed);
}

/// What "test connection" found out.
#[derive(Clone, Debug, PartialEq)]
pub enum Connection {
    /// The endpoint answered and the key (or the proxy's) was accepted.
    Ok { balance: Option<f64> },
    /// The endpoint answered but refused the key.
    KeyRefused(String),
    /// No usable answer.
    Down(String),
}

/// Asks `accountManagement` `getDetails`: does the endpoint answer, is the key accepted?
pub async fn test_connection(ep: Endpoint) -> Connection {
    let task_uuid = crate::studio::new_task_uuid();
    let body = Body::json(
        &serde_json::to_string(&[runware::Task::AccountManagement(
            runware::AccountManagement {
                task_uuid: task_uuid.clone(),
                operation: "getDetails".into(),
            },
        )])
        .expect("tasks always serialise"),
    );
    match api::post_once(&ep, &body, 15, &Abort::new()).await {
        Ok(env) => Connection::Ok {
            balance: env.results_for(&task_uuid).find_map(|r| r.balance),
        },
        Err(
            e @ ClientError::Api {
                status: 401 | 403, ..
            },
        ) => Connection::KeyRefused(e.to_string()),
        Err(e) => Connection::Down(e.to_string()),
    }
}

/// Adds a gallery result to the reference tray: its bytes when they can be fetched (inline
/// results always; URL results where CORS allows), else the URL itself.
pub async fn use_as_reference(s: Studio, meta: ResultMeta, name: String) {
    if s.refs.with_untracked(|r| r.len()) >= runware::limits::REFERENCES_MAX {
        s.tray_notice.set(Some(format!(
            "At most {} reference images: remove one first.",
            runware::limits::REFERENCES_MAX
        )));
        return;
    }
    let source = match browser::files::fetch_as_local(&meta.src, &name).await {
        Ok(file) => RefSource::Local(file),
        Err(_) => match &meta.remote_url {
            Some(url) => RefSource::Text(url.clone()),
            None => {
                s.tray_notice.set(Some(
                    "This result could not be read back as a reference.".into(),
                ));
                return;
            }
        },
    };
    let id = s.fresh_id();
    s.refs.update(|r| r.push(RefItem { id, source }));
}

/// Loads a job's settings and references back into the composer (a job from history has
/// its reference images read back from storage).
pub fn remix(s: Studio, job: &Job) {
    let job = job.clone();
    leptos::task::spawn_local(async move {
        s.form.set(job.form.clone());
        s.server_error.set(None);
        match history::references_of(s, &job).await {
            Ok(refs) => {
                s.refs.set(refs);
                s.tray_notice.set(None);
            }
            Err(why) => {
                s.refs.set(Vec::new());
                s.tray_notice.set(Some(why));
            }
        }
    });
}
