//! Export and import of the history as one JSON file. Images travel as data URIs only when
//! asked for, and stay JS strings on the way out (as the request body does), so a large
//! export never passes through wasm memory. The API key is not part of any stored job, so
//! it cannot be part of an export.

use crate::browser::{self, db, files::read_data_url};
use crate::domain::history::EXPORT_VERSION;
use crate::domain::history::{new_only, ExportHeader, StoredJob, StoredRef, EXPORT_FORMAT};
use crate::domain::Slot;
use crate::history::{self, Write};
use crate::studio::{Job, Studio};
use base64::Engine;
use js_sys::{Array, JsString, Reflect, JSON};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::collections::{HashMap, HashSet};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// A finished export, ready to download.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub url: String,
    pub file_name: String,
    pub bytes: f64,
    pub jobs: usize,
}

fn text(t: impl Into<String>) -> JsValue {
    JsValue::from(JsString::from(t.into()))
}

/// `"data:…"` (quoted, straight from the browser's encoder) or `null`.
async fn data_part(blob: Option<Blob>, parts: &Array) {
    match blob {
        Some(blob) => match read_data_url(&blob).await {
            Ok(uri) => {
                parts.push(&text("\""));
                parts.push(&uri);
                parts.push(&text("\""));
            }
            Err(_) => {
                parts.push(&text("null"));
            }
        },
        None => {
            parts.push(&text("null"));
        }
    };
}

/// Builds the export of `jobs` (newest first), embedding reference and result images when
/// `embed` is set.
pub async fn export(s: Studio, jobs: Vec<Job>, embed: bool) -> Result<Exported, String> {
    let header = serde_json::to_string(&ExportHeader {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        exported_ms: browser::epoch_ms(),
    })
    .map_err(|e| e.to_string())?;
    let parts = Array::new();
    parts.push(&text(format!("{},\"jobs\":[", &header[..header.len() - 1])));
    let db = s.writer.db();
    for (n, job) in jobs.iter().enumerate() {
        let meta = serde_json::to_string(&job.snapshot()).map_err(|e| e.to_string())?;
        let sep = if n == 0 { "" } else { "," };
        parts.push(&text(format!("{sep}{{\"job\":{meta},\"referenceData\":[")));
        let mut stored: HashMap<usize, Blob> = match (&db, embed) {
            (Some(db), true) => db::load_blobs(db, &job.task_uuid, 'r')
                .await
                .unwrap_or_default()
                .into_iter()
                .collect(),
            _ => HashMap::new(),
        };
        for (i, r) in job.stored_refs.iter().enumerate() {
            if i > 0 {
                parts.push(&text(","));
            }
            let blob = match r {
                StoredRef::Local { .. } if embed => stored.remove(&i),
                _ => None,
            };
            data_part(blob, &parts).await;
        }
        parts.push(&text("],\"imageData\":["));
        for (i, slot) in job.slots.get_untracked().iter().enumerate() {
            if i > 0 {
                parts.push(&text(","));
            }
            // URL results are fetched too: Runware's URLs expire, the export should not.
            let blob = match slot {
                Slot::Done(meta) if embed => browser::fetch_blob(&meta.src).await.ok(),
                _ => None,
            };
            data_part(blob, &parts).await;
        }
        parts.push(&text("]}"));
    }
    parts.push(&text("]}"));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "The browser could not assemble the export.".to_string())?;
    let date: String = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect();
    Ok(Exported {
        url: browser::blob_url(&blob).ok_or("The browser could not hold the export.")?,
        file_name: format!("kling-history-{date}.json"),
        bytes: blob.size(),
        jobs: jobs.len(),
    })
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// A `data:image/…;base64,` string as a Blob.
fn data_uri_blob(uri: &str) -> Option<Blob> {
    let (head, data) = uri.strip_prefix("data:")?.split_once(";base64,")?;
    if !head.starts_with("image/") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .ok()?;
    browser::bytes_to_blob(&bytes, head)
}

/// Blobs of one array of an entry (`referenceData` / `imageData`), by index.
fn blobs_of(entry: &JsValue, key: &str) -> HashMap<usize, Blob> {
    let list = get(entry, key);
    let Some(list) = list.dyn_ref::<Array>() else {
        return HashMap::new();
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, data_uri_blob(&v.as_string()?)?)))
        .collect()
}

/// Reads an export file and adds the jobs not already here. All or nothing: a file with
/// any bad entry adds none. Returns what happened, in words.
pub async fn import(s: Studio, file: web_sys::File) -> Result<String, String> {
    let raw = JsFuture::from(file.text())
        .await
        .map_err(|_| "The file could not be read.".to_string())?;
    let root = JSON::parse(&raw.as_string().unwrap_or_default())
        .map_err(|_| "This file is not JSON, so it is not a history export.".to_string())?;
    if get(&root, "format").as_string().as_deref() != Some(EXPORT_FORMAT) {
        return Err(format!(
            "This is not a Kling Studio history export: \"format\" must be \"{EXPORT_FORMAT}\"."
        ));
    }
    let version = get(&root, "version").as_f64().unwrap_or(0.0);
    if version < 1.0 || version > f64::from(EXPORT_VERSION) {
        return Err(format!(
            "This export has version {version}; this app reads version {EXPORT_VERSION}."
        ));
    }
    let entries = get(&root, "jobs");
    let entries = entries
        .dyn_ref::<Array>()
        .ok_or("\"jobs\" must be a list of jobs.")?;
    let mut parsed = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let meta = JSON::stringify(&get(&entry, "job"))
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default();
        // serde's own message names the field ("missing field `taskUUID`"); a path tracker
        // would double the decoding code in the wasm for little more.
        let job: StoredJob =
            serde_json::from_str(&meta).map_err(|e| format!("Job {} of the file: {e}", n + 1))?;
        if !job.urls_are_safe() {
            return Err(format!(
                "Job {} of the file has a result URL that is not http(s); nothing was imported.",
                n + 1
            ));
        }
        parsed.push((job, entry));
    }
    let existing: HashSet<String> = s
        .jobs
        .with_untracked(|j| j.iter().map(|j| j.task_uuid.clone()).collect());
    let mut entries_by_id: HashMap<String, JsValue> = parsed
        .iter()
        .map(|(j, e)| (j.task_uuid.clone(), e.clone()))
        .collect();
    let (fresh, skipped) = new_only(&existing, parsed.into_iter().map(|(j, _)| j).collect());
    let mut restored = Vec::new();
    let mut writes = Vec::new();
    let mut results = 0;
    for mut job in fresh {
        let entry = entries_by_id.remove(&job.task_uuid).unwrap_or_default();
        let refs = blobs_of(&entry, "referenceData");
        let images = blobs_of(&entry, "imageData");
        for (i, slot) in job.slots.iter_mut().enumerate() {
            if let Slot::Done(meta) = slot {
                results += 1;
                meta.inline = images.contains_key(&i);
            }
        }
        let job = job.after_reload();
        let mut blobs: Vec<(String, Blob)> = refs
            .into_iter()
            .map(|(i, b)| (db::blob_key(&job.task_uuid, 'r', i), b))
            .collect();
        blobs.extend(
            images
                .iter()
                .map(|(i, b)| (db::blob_key(&job.task_uuid, 'o', *i), b.clone())),
        );
        writes.push((
            job.clone(),
            blobs
                .into_iter()
                .map(|(k, b)| (k, SendWrapper::new(b)))
                .collect(),
        ));
        restored.push((job, images));
    }
    let added = restored.len();
    if added > 0 {
        // Stored first, in one transaction: a full disk refuses the whole file, and what
        // the gallery shows is what a reload will show.
        let (done, stored) = futures::channel::oneshot::channel();
        history::queue(s, Write::Import { jobs: writes, done });
        stored
            .await
            .map_err(|_| "History storage is not available in this browser.".to_string())?
            .map_err(|e| e.to_string())?;
    }
    history::restore(s, restored);
    s.jobs
        .update(|j| j.sort_by(|a, b| b.started_ms.total_cmp(&a.started_ms)));
    let mut summary = format!(
        "Imported {added} job{} ({results} result{}).",
        if added == 1 { "" } else { "s" },
        if results == 1 { "" } else { "s" }
    );
    if skipped > 0 {
        summary.push_str(&format!(" {skipped} already here, left as they were."));
    }
    Ok(summary)
}
