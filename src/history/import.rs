//! Import of a history file: every entry is checked first (all or nothing), jobs already here
//! are skipped by taskUUID, and the rest are stored in one transaction before they show.

use super::restore::{show, Loaded};
use super::writer::Writer;
use crate::browser::db::BlobKind;
use crate::browser::{self, db};
use crate::domain::history::{new_only, StoredJob, EXPORT_FORMAT, EXPORT_VERSION};
use crate::domain::kits::KitMeta;
use crate::domain::Slot;
use crate::state::feed::Feed;
use crate::state::kits::Kits;
use base64::Engine;
use js_sys::{Array, Reflect, JSON};
use std::collections::HashMap;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// Why a history file was refused; nothing of it was imported.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum HistoryFileError {
    #[error("The file could not be read.")]
    Read,
    #[error("This file is not JSON, so it is not a history export.")]
    NotJson,
    #[error("This is not a Kling Studio history export: \"format\" must be \"{EXPORT_FORMAT}\".")]
    Format,
    #[error("This export has version {0}; this app reads version {EXPORT_VERSION}.")]
    Version(f64),
    #[error("\"jobs\" must be a list of jobs.")]
    NoJobs,
    #[error("Job {0} of the file: {1}")]
    Entry(usize, String),
    #[error("Job {0} of the file has a result URL that is not http(s); nothing was imported.")]
    UnsafeUrl(usize),
    #[error("{0}")]
    Storage(String),
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub results: usize,
    pub skipped: usize,
    /// Reference kits added (a kit already here is left as it is).
    pub kits: usize,
}

impl std::fmt::Display for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "Imported {} job{} ({} result{}).",
            self.added,
            s(self.added),
            self.results,
            s(self.results)
        )?;
        if self.skipped > 0 {
            write!(f, " {} already here, left as they were.", self.skipped)?;
        }
        if self.kits > 0 {
            write!(f, " Added {} reference kit{}.", self.kits, s(self.kits))?;
        }
        Ok(())
    }
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

/// The file's entries, each checked (all or nothing), and its kits.
async fn read_entries(
    file: web_sys::File,
) -> Result<(Vec<(StoredJob, JsValue)>, JsValue), HistoryFileError> {
    let raw = JsFuture::from(file.text())
        .await
        .map_err(|_| HistoryFileError::Read)?;
    let root =
        JSON::parse(&raw.as_string().unwrap_or_default()).map_err(|_| HistoryFileError::NotJson)?;
    if get(&root, "format").as_string().as_deref() != Some(EXPORT_FORMAT) {
        return Err(HistoryFileError::Format);
    }
    let version = get(&root, "version").as_f64().unwrap_or(0.0);
    if version < 1.0 || version > f64::from(EXPORT_VERSION) {
        return Err(HistoryFileError::Version(version));
    }
    let entries = get(&root, "jobs");
    let entries = entries.dyn_ref::<Array>().ok_or(HistoryFileError::NoJobs)?;
    let mut parsed = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let meta = JSON::stringify(&get(&entry, "job"))
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default();
        // serde's own message names the field ("missing field `taskUUID`").
        let job: StoredJob = serde_json::from_str(&meta)
            .map_err(|e| HistoryFileError::Entry(n + 1, e.to_string()))?;
        if !job.urls_are_safe() {
            return Err(HistoryFileError::UnsafeUrl(n + 1));
        }
        parsed.push((job, entry));
    }
    Ok((parsed, get(&root, "kits")))
}

/// A new job of the file with its Blobs: (as shown, as stored).
fn prepare_entry(mut job: StoredJob, entry: &JsValue) -> (Loaded, Vec<(String, Blob)>, usize) {
    let refs = blobs_of(entry, "referenceData");
    let images = blobs_of(entry, "imageData");
    let mut results = 0;
    for (i, slot) in job.slots.iter_mut().enumerate() {
        if let Slot::Done(meta) = slot {
            results += 1;
            meta.inline = images.contains_key(&i);
        }
    }
    let job = job.after_reload();
    let mut blobs: Vec<(String, Blob)> = refs
        .into_iter()
        .map(|(i, b)| (db::blob_key(&job.task_uuid, BlobKind::Reference, i), b))
        .collect();
    blobs.extend(images.iter().map(|(i, b)| {
        (
            db::blob_key(&job.task_uuid, BlobKind::Output, *i),
            b.clone(),
        )
    }));
    ((job, images), blobs, results)
}

/// Reads an export file and adds the jobs not already here.
pub async fn import(
    writer: Writer,
    feed: Feed,
    kits: Kits,
    file: web_sys::File,
) -> Result<Imported, HistoryFileError> {
    let (parsed, kit_entries) = read_entries(file).await?;
    let existing = feed.known_uuids().unwrap_or_default();
    let mut entries: HashMap<String, JsValue> = parsed
        .iter()
        .map(|(j, e)| (j.task_uuid.clone(), e.clone()))
        .collect();
    let (fresh, skipped) = new_only(&existing, parsed.into_iter().map(|(j, _)| j).collect());
    let mut shown = Vec::new();
    let mut writes = Vec::new();
    let mut results = 0;
    for job in fresh {
        let entry = entries.remove(&job.task_uuid).unwrap_or_default();
        let (loaded, blobs, n) = prepare_entry(job, &entry);
        results += n;
        writes.push((loaded.0.clone(), blobs));
        shown.push(loaded);
    }
    let added = shown.len();
    if added > 0 {
        // Stored first, in one transaction: a full disk refuses the whole file, and what
        // the feed shows is what a reload will show.
        writer
            .import(writes)
            .await
            .map_err(|e| HistoryFileError::Storage(e.to_string()))?;
    }
    show(feed, writer, shown);
    Ok(Imported {
        added,
        results,
        skipped,
        kits: import_kits(kits, &kit_entries),
    })
}

/// Adds the file's kits that are not here yet (by id); a kit that cannot be read is skipped.
fn import_kits(kits: Kits, entries: &JsValue) -> usize {
    let Some(list) = entries.dyn_ref::<Array>() else {
        return 0;
    };
    let mut added = 0;
    for entry in list.iter() {
        let id = get(&entry, "id").as_string().unwrap_or_default();
        let meta = JSON::stringify(&get(&entry, "kit"))
            .ok()
            .and_then(|t| t.as_string())
            .and_then(|t| serde_json::from_str::<KitMeta>(&t).ok());
        let (Some(meta), false) = (meta, id.is_empty()) else {
            continue;
        };
        let files = blobs_of(&entry, "fileData");
        let files = (0..meta.refs.refs.len())
            .map(|i| files.get(&i).cloned())
            .collect();
        if kits.add(id, meta, files) {
            added += 1;
        }
    }
    added
}
