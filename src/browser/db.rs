//! IndexedDB through the `idb` crate: one record per job (its metadata as JSON text) and
//! its image bytes as Blobs in a second store, keyed `<taskUUID>/r<i>` (references) and
//! `<taskUUID>/o<i>` (inline results). A job's record and new Blobs go in one transaction,
//! so a full disk leaves what was stored before intact.

use idb::{
    builder::{DatabaseBuilder, IndexBuilder, ObjectStoreBuilder},
    Database, KeyPath, KeyRange, Query, TransactionMode, TransactionResult,
};
use js_sys::{Object, Reflect};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

pub const DB_NAME: &str = "kling-studio";
const JOBS: &str = "jobs";
const BLOBS: &str = "blobs";
/// One composer draft per tab (see `browser::drafts`).
pub(crate) const DRAFTS: &str = "drafts";
/// Named reference kits, and the references of the running shot list (see `browser::kits`).
pub(crate) const KITS: &str = "kits";
const CREATED: &str = "created";

/// What went wrong with the browser's database, in words a user reads.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum DbError {
    #[error(
        "The browser's storage for this site is full, so the latest changes were not saved. \
         Free space by deleting old jobs (export them first to keep them)."
    )]
    Quota,
    #[error(
        "This browser does not allow saving history here ({0}); jobs last until the tab closes."
    )]
    Unavailable(String),
    #[error("Saving history failed: {0}")]
    Failed(String),
}

pub(crate) fn classify(e: impl std::fmt::Display) -> DbError {
    let text = e.to_string();
    if text.contains("Quota") {
        DbError::Quota
    } else {
        DbError::Failed(text)
    }
}

/// Opens (creating on first use) the database.
pub async fn open() -> Result<Database, DbError> {
    DatabaseBuilder::new(DB_NAME)
        // Version 2 added the drafts, 3 the kits; upgrading keeps what was stored before.
        .version(3)
        .add_object_store(
            ObjectStoreBuilder::new(JOBS)
                .key_path(Some(KeyPath::new_single("id")))
                // Newest first without reading everything: the first screen paints early.
                .add_index(IndexBuilder::new(
                    CREATED.into(),
                    KeyPath::new_single(CREATED),
                )),
        )
        .add_object_store(ObjectStoreBuilder::new(BLOBS))
        .add_object_store(ObjectStoreBuilder::new(DRAFTS).key_path(Some(KeyPath::new_single("id"))))
        .add_object_store(ObjectStoreBuilder::new(KITS).key_path(Some(KeyPath::new_single("id"))))
        .build()
        .await
        .map_err(|e| DbError::Unavailable(e.to_string()))
}

/// What a stored Blob of a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlobKind {
    /// A local reference image, as sent.
    Reference,
    /// A result image that came inline (data URI or base64).
    Output,
}

impl BlobKind {
    /// The letter in the key: `<taskUUID>/r<i>` or `<taskUUID>/o<i>`.
    fn tag(self) -> char {
        match self {
            BlobKind::Reference => 'r',
            BlobKind::Output => 'o',
        }
    }
}

pub fn blob_key(task_uuid: &str, kind: BlobKind, index: usize) -> String {
    format!("{task_uuid}/{}{index}", kind.tag())
}

/// One job's record as written: taskUUID, creation time, metadata JSON, new Blobs.
pub struct Record<'a> {
    pub task_uuid: &'a str,
    pub created_ms: f64,
    pub meta_json: String,
    pub blobs: Vec<(String, Blob)>,
}

/// Writes job records and their new Blobs in one transaction: all or nothing.
pub async fn put(db: &Database, records: &[Record<'_>]) -> Result<(), DbError> {
    let tx = db
        .transaction(&[JOBS, BLOBS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let jobs = tx.object_store(JOBS).map_err(classify)?;
    let store = tx.object_store(BLOBS).map_err(classify)?;
    for r in records {
        let record = Object::new();
        let set = |k: &str, v: JsValue| Reflect::set(&record, &k.into(), &v).ok();
        set("id", r.task_uuid.into());
        set(CREATED, r.created_ms.into());
        set("meta", r.meta_json.as_str().into());
        // Requests are queued on the transaction; their outcome is the transaction's.
        drop(jobs.put(&record, None).map_err(classify)?);
        for (key, blob) in &r.blobs {
            drop(store.put(blob, Some(&key.into())).map_err(classify)?);
        }
    }
    finish(jobs.transaction(), tx.await).await
}

pub(crate) async fn finish(
    handle: idb::Transaction,
    outcome: Result<TransactionResult, idb::Error>,
) -> Result<(), DbError> {
    match outcome {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) => Err(handle
            .error()
            .map(|e| classify(format!("{}: {}", e.name(), e.message())))
            .unwrap_or_else(|| DbError::Failed("the write was aborted".into()))),
        Err(idb::Error::DomException(e)) => Err(classify(format!("{}: {}", e.name(), e.message()))),
        Err(e) => Err(classify(e)),
    }
}

fn meta_of(v: &JsValue) -> Option<(f64, String)> {
    let created = Reflect::get(v, &CREATED.into()).ok()?.as_f64()?;
    let meta = Reflect::get(v, &"meta".into()).ok()?.as_string()?;
    Some((created, meta))
}

/// The `limit` newest jobs' metadata JSON, oldest of them first: their keys in time order
/// from the index, then their records, all requested at once.
pub async fn load_newest(db: &Database, limit: usize) -> Result<Vec<String>, DbError> {
    let tx = db
        .transaction(&[JOBS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(JOBS).map_err(classify)?;
    let keys = store
        .index(CREATED)
        .map_err(classify)?
        .get_all_keys(None, None)
        .map_err(classify)?
        .await
        .map_err(classify)?;
    let newest = &keys[keys.len().saturating_sub(limit)..];
    let requests = newest
        .iter()
        .map(|k| store.get(k.clone()).map_err(classify))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(requests.len());
    for request in requests {
        if let Some(v) = request.await.map_err(classify)? {
            out.extend(meta_of(&v).map(|(_, m)| m));
        }
    }
    Ok(out)
}

/// The metadata JSON of the jobs with these taskUUIDs (those still stored).
pub async fn load_ids(db: &Database, ids: &[String]) -> Result<Vec<String>, DbError> {
    let tx = db
        .transaction(&[JOBS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(JOBS).map_err(classify)?;
    let requests = ids
        .iter()
        .map(|id| store.get(JsValue::from(id.as_str())).map_err(classify))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for request in requests {
        if let Some(v) = request.await.map_err(classify)? {
            out.extend(meta_of(&v).map(|(_, m)| m));
        }
    }
    Ok(out)
}

/// Every stored job's metadata JSON, oldest first.
pub async fn load_all(db: &Database) -> Result<Vec<String>, DbError> {
    let tx = db
        .transaction(&[JOBS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(JOBS).map_err(classify)?;
    let values = store
        .get_all(None, None)
        .map_err(classify)?
        .await
        .map_err(classify)?;
    let mut out: Vec<(f64, String)> = values.into_iter().filter_map(|v| meta_of(&v)).collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(out.into_iter().map(|(_, m)| m).collect())
}

/// The job's Blobs of one kind, by index.
pub async fn load_blobs(
    db: &Database,
    task_uuid: &str,
    kind: BlobKind,
) -> Result<Vec<(usize, Blob)>, DbError> {
    let kind = kind.tag();
    let tx = db
        .transaction(&[BLOBS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(BLOBS).map_err(classify)?;
    let range = prefix_range(&format!("{task_uuid}/{kind}"))?;
    let keys = store
        .get_all_keys(Some(Query::KeyRange(range.clone())), None)
        .map_err(classify)?
        .await
        .map_err(classify)?;
    let values = store
        .get_all(Some(Query::KeyRange(range)), None)
        .map_err(classify)?
        .await
        .map_err(classify)?;
    Ok(keys
        .into_iter()
        .zip(values)
        .filter_map(|(k, v)| {
            let key = k.as_string()?;
            let index = key.rsplit_once(kind)?.1.parse().ok()?;
            Some((index, v.dyn_into::<Blob>().ok()?))
        })
        .collect())
}

fn prefix_range(prefix: &str) -> Result<KeyRange, DbError> {
    KeyRange::bound(
        &prefix.into(),
        &format!("{prefix}\u{ffff}").into(),
        None,
        None,
    )
    .map_err(classify)
}

/// Removes jobs and their Blobs; `None` removes everything.
pub async fn delete(db: &Database, task_uuids: Option<&[String]>) -> Result<(), DbError> {
    let tx = db
        .transaction(&[JOBS, BLOBS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let jobs = tx.object_store(JOBS).map_err(classify)?;
    let blobs = tx.object_store(BLOBS).map_err(classify)?;
    match task_uuids {
        None => {
            drop(jobs.clear().map_err(classify)?);
            drop(blobs.clear().map_err(classify)?);
        }
        Some(ids) => {
            for id in ids {
                drop(jobs.delete(JsValue::from(id.as_str())).map_err(classify)?);
                drop(
                    blobs
                        .delete(prefix_range(&format!("{id}/"))?)
                        .map_err(classify)?,
                );
            }
        }
    }
    finish(jobs.transaction(), tx.await).await
}

/// Removes single Blobs by key.
pub async fn delete_blobs(db: &Database, keys: &[String]) -> Result<(), DbError> {
    let tx = db
        .transaction(&[BLOBS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let blobs = tx.object_store(BLOBS).map_err(classify)?;
    for key in keys {
        drop(
            blobs
                .delete(JsValue::from(key.as_str()))
                .map_err(classify)?,
        );
    }
    finish(blobs.transaction(), tx.await).await
}

/// Bytes used and allowed for this site, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = super::window().navigator().storage();
    let est = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let get = |k: &str| Reflect::get(&est, &k.into()).ok()?.as_f64();
    Some((get("usage")?, get("quota").unwrap_or(0.0)))
}

/// The Blobs stored under `keys`, in one read transaction (missing ones left out).
pub async fn get_many(db: &Database, keys: &[String]) -> Result<Vec<(String, Blob)>, DbError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let tx = db
        .transaction(&[BLOBS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(BLOBS).map_err(classify)?;
    // Every request is queued before the first is awaited, so the transaction stays open.
    let requests = keys
        .iter()
        .map(|k| store.get(JsValue::from(k.as_str())).map_err(classify))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(keys.len());
    for (key, request) in keys.iter().zip(requests) {
        if let Some(blob) = request.await.map_err(classify)? {
            if let Ok(blob) = blob.dyn_into::<Blob>() {
                out.push((key.clone(), blob));
            }
        }
    }
    Ok(out)
}
