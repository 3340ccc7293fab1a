//! `imageInference`: checked against the stand-in's own reading of the contract, then images
//! drawn and delivered at once (sync) or slot by slot to later polls (async).

use super::{claim_uuid, Fail, Outcome};
use crate::contract::{check_inference, is_http_url, nearest_size, Inference, Output, Tier};
use crate::{images, Mock, StoredFile};
use runware::ResultItem;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) struct AsyncJob {
    pub started: Instant,
    pub task: Arc<Inference>,
    pub size: (u32, u32),
    pub results: Vec<Option<ResultItem>>,
    pub failing_slot: Option<usize>,
}

pub(super) async fn image_inference(mock: &Arc<Mock>, raw: &Value) -> Outcome {
    let task = check_inference(raw)?;
    refuse_blocked_words(mock, &task.prompt)?;
    let first_dims = resolve_references(mock, &task).await?;
    claim_uuid(mock, &task.task_uuid)?;
    let size = task.size.unwrap_or_else(|| {
        let tier = task.resolution.unwrap_or(Tier::K1);
        let (w, h) = first_dims.unwrap_or((1, 1));
        nearest_size(w, h, tier)
    });
    let task = Arc::new(task);
    if task.asynchronous {
        return Ok(vec![accept_async(mock, task, size)]);
    }
    let indices: Vec<usize> = (0..task.results as usize).collect();
    Ok(render_results(mock, task, size, indices).await)
}

/// A content filter's refusal, for the words the stand-in was told to block.
fn refuse_blocked_words(mock: &Mock, prompt: &str) -> Result<(), Fail> {
    let lower = prompt.to_lowercase();
    match mock
        .cfg
        .block_words
        .iter()
        .find(|w| !w.is_empty() && lower.contains(&w.to_lowercase()))
    {
        Some(word) => Err(Fail::bad(
            "promptBlocked",
            "positivePrompt",
            format!("The prompt was blocked by the content filter (\"{word}\")."),
        )),
        None => Ok(()),
    }
}

/// Registers an async task and answers with its acknowledgement.
fn accept_async(mock: &Mock, task: Arc<Inference>, size: (u32, u32)) -> ResultItem {
    let mut inner = mock.inner.lock().unwrap();
    let n = task.results as usize;
    let failing_slot = std::mem::take(&mut inner.slot_error_next).then(|| n - 1);
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
    ResultItem {
        task_type: Some("imageInference".into()),
        task_uuid: Some(task.task_uuid.clone()),
        ..Default::default()
    }
}

/// Checks every reference and returns the first one's pixel size when it can be known
/// (URLs are accepted as given and never fetched).
async fn resolve_references(
    mock: &Arc<Mock>,
    task: &Inference,
) -> Result<Option<(u32, u32)>, Fail> {
    let mut first = None;
    for (i, r) in task.references.iter().enumerate() {
        let dims = if let Some(bytes) = images::reference_bytes(r) {
            let bytes = bytes.map_err(|e| ref_fail(i, &e))?;
            tokio::task::spawn_blocking(move || images::decode_dims(&bytes))
                .await
                .expect("decoder thread")
                .map_err(|e| ref_fail(i, &e))
                .map(Some)?
        } else if is_http_url(r) {
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
pub(super) async fn render_results(
    mock: &Arc<Mock>,
    task: Arc<Inference>,
    size: (u32, u32),
    indices: Vec<usize>,
) -> Vec<ResultItem> {
    let t = task.clone();
    let encoded = tokio::task::spawn_blocking(move || {
        indices
            .into_iter()
            .map(|i| {
                let seed = images::seed_for(&t.prompt, &t.task_uuid, i);
                let img = images::render(&t.prompt, seed, size.0, size.1);
                (seed, images::encode(&img, t.format, t.quality))
            })
            .collect::<Vec<_>>()
    })
    .await
    .expect("renderer thread");
    encoded
        .into_iter()
        .map(|(seed, bytes)| deliver(mock, &task, size, seed, bytes))
        .collect()
}

/// One finished result, as the task asked for it: a URL served until its ttl, or inline.
fn deliver(
    mock: &Mock,
    task: &Inference,
    size: (u32, u32),
    seed: i64,
    bytes: Vec<u8>,
) -> ResultItem {
    let image_uuid = uuid::Uuid::new_v4().to_string();
    let mut inner = mock.inner.lock().unwrap();
    inner.known_images.insert(image_uuid.clone(), size);
    let mut item = ResultItem {
        task_type: Some("imageInference".into()),
        task_uuid: Some(task.task_uuid.clone()),
        image_uuid: Some(image_uuid.clone()),
        seed: Some(seed),
        cost: task
            .include_cost
            .then_some(crate::contract::PRICE_PER_IMAGE),
        nsfw_content: task.flags_content.then_some(false),
        ..Default::default()
    };
    match task.output {
        Output::Url => {
            let name = format!("{image_uuid}.{}", task.format.extension());
            let ttl = task.ttl.unwrap_or(mock.cfg.default_ttl);
            item.image_url = Some(format!("{}/image/{name}", mock.public_url));
            inner.files.insert(
                name,
                StoredFile {
                    bytes: Arc::new(bytes),
                    mime: task.format.mime(),
                    expires: Instant::now() + Duration::from_secs(ttl),
                },
            );
        }
        Output::DataUri => {
            item.image_data_uri = Some(format!(
                "data:{};base64,{}",
                task.format.mime(),
                images::to_base64(&bytes)
            ))
        }
        Output::Base64 => item.image_base64_data = Some(images::to_base64(&bytes)),
    }
    item
}
