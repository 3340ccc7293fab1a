//! Export of the history as one JSON file. Images travel as data URIs only when asked for,
//! and stay JS strings on the way out (as the request body does), so a large export never
//! passes through wasm memory. No stored job holds the API key, so no export can.

use crate::api::images::result_bytes;
use crate::browser::db::{self, BlobKind};
use crate::browser::{self, files::read_data_url};
use crate::domain::history::{ExportHeader, StoredRef, EXPORT_FORMAT, EXPORT_VERSION};
use crate::domain::Slot;
use crate::jobs::job::Job;
use crate::state::kits::Kit;
use js_sys::{Array, JsString};
use leptos::prelude::GetUntracked;
use std::collections::HashMap;
use thiserror::Error;
use wasm_bindgen::JsValue;
use web_sys::Blob;

/// Whether the file carries the images themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Images {
    /// Reference and result images as data URIs (URL results fetched now: links expire).
    Embedded,
    /// Records and links only.
    Links,
}

/// A finished export, ready to download.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub url: String,
    pub file_name: String,
    pub bytes: f64,
    pub jobs: usize,
}

/// Why an export could not be made.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ExportError {
    #[error("the browser could not assemble the file")]
    Assemble,
    #[error("the browser could not hold the file")]
    Hold,
}

fn text(t: impl Into<String>) -> JsValue {
    JsValue::from(JsString::from(t.into()))
}

/// `"data:…"` (quoted, straight from the browser's encoder) or `null`.
async fn data_part(blob: Option<Blob>, parts: &Array) {
    let uri = match blob {
        Some(blob) => read_data_url(&blob).await.ok(),
        None => None,
    };
    match uri {
        Some(uri) => {
            parts.push(&text("\""));
            parts.push(&uri);
            parts.push(&text("\""));
        }
        None => {
            parts.push(&text("null"));
        }
    }
}

/// Builds the export of `jobs` (newest first) and the reference kits (always with their
/// images: a kit is its images).
pub async fn export(
    db: Option<std::rc::Rc<idb::Database>>,
    jobs: Vec<Job>,
    images: Images,
    kits: Vec<Kit>,
    // Where result images can be had when their host will not give them to the page.
    endpoint: &str,
) -> Result<Exported, ExportError> {
    let header = serde_json::to_string(&ExportHeader {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        exported_ms: browser::epoch_ms(),
    })
    .map_err(|_| ExportError::Assemble)?;
    let parts = Array::new();
    parts.push(&text(format!("{},\"jobs\":[", &header[..header.len() - 1])));
    for (n, job) in jobs.iter().enumerate() {
        let sep = if n == 0 { "" } else { "," };
        entry(db.as_deref(), *job, (images, endpoint), sep, &parts).await?;
    }
    parts.push(&text("],\"kits\":["));
    for (n, kit) in kits.iter().enumerate() {
        let meta = serde_json::to_string(&kit.meta).map_err(|_| ExportError::Assemble)?;
        let id = serde_json::to_string(&kit.id).map_err(|_| ExportError::Assemble)?;
        let sep = if n == 0 { "" } else { "," };
        parts.push(&text(format!(
            "{sep}{{\"id\":{id},\"kit\":{meta},\"fileData\":["
        )));
        for (i, file) in kit.files.iter().enumerate() {
            if i > 0 {
                parts.push(&text(","));
            }
            data_part(file.clone(), &parts).await;
        }
        parts.push(&text("]}"));
    }
    parts.push(&text("]}"));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| ExportError::Assemble)?;
    let date: String = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect();
    Ok(Exported {
        url: browser::blob_url(&blob).ok_or(ExportError::Hold)?,
        file_name: format!("kling-history-{date}.json"),
        bytes: blob.size(),
        jobs: jobs.len(),
    })
}

/// One `{"job": …, "referenceData": […], "imageData": […]}` entry.
async fn entry(
    db: Option<&idb::Database>,
    job: Job,
    (images, endpoint): (Images, &str),
    sep: &str,
    parts: &Array,
) -> Result<(), ExportError> {
    let embed = images == Images::Embedded;
    let snapshot = job.snapshot();
    let meta = serde_json::to_string(&snapshot).map_err(|_| ExportError::Assemble)?;
    parts.push(&text(format!("{sep}{{\"job\":{meta},\"referenceData\":[")));
    let mut stored: HashMap<usize, Blob> = match (db, embed) {
        (Some(db), true) => db::load_blobs(db, &snapshot.task_uuid, BlobKind::Reference)
            .await
            .unwrap_or_default()
            .into_iter()
            .collect(),
        _ => HashMap::new(),
    };
    for (i, r) in snapshot.refs.iter().enumerate() {
        if i > 0 {
            parts.push(&text(","));
        }
        let blob = match r {
            StoredRef::Local { .. } if embed => stored.remove(&i),
            _ => None,
        };
        data_part(blob, parts).await;
    }
    parts.push(&text("],\"imageData\":["));
    for (i, slot) in job.slots.get_untracked().iter().enumerate() {
        if i > 0 {
            parts.push(&text(","));
        }
        // URL results are fetched too: Runware's URLs expire, the export should not.
        let blob = match slot {
            Slot::Done(meta) if embed => result_bytes(&meta.src, endpoint).await.ok(),
            _ => None,
        };
        data_part(blob, parts).await;
    }
    parts.push(&text("]}"));
    Ok(())
}
