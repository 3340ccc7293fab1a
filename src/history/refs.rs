//! A job's references ready for the composer again: local files are read back from storage
//! and prepared as when they were first added.

use super::writer::Writer;
use crate::browser::db::{self, BlobKind};
use crate::browser::files::blob_to_file;
use crate::browser::prepare::prepare;
use crate::domain::history::StoredRef;
use crate::domain::refcheck::Downscale;
use crate::jobs::job::{Job, Origin};
use crate::state::tray::RefSource;
use std::collections::HashMap;
use thiserror::Error;
use web_sys::Blob;

/// Why a job's references cannot be used again.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum RefsError {
    #[error("Reference {0} ({1}) was not kept.")]
    Missing(usize, String),
    #[error("Reference {0} ({1}): {2}")]
    Unreadable(usize, String, String),
    #[error("{0}")]
    Storage(String),
}

/// The job's references in order: those of this visit as they are, stored ones read back.
pub async fn references_of(writer: Writer, job: Job) -> Result<Vec<RefSource>, RefsError> {
    if job.origin() == Origin::ThisVisit {
        return Ok(job.with_info(|i| i.refs.iter().map(|r| r.source.clone()).collect()));
    }
    let (task_uuid, stored) = job.with_info(|i| (i.task_uuid.clone(), i.stored_refs.clone()));
    let stored_blobs = match writer.db() {
        Some(db) => db::load_blobs(&db, &task_uuid, BlobKind::Reference)
            .await
            .map_err(|e| RefsError::Storage(e.to_string()))?,
        None => Vec::new(),
    };
    let mut blobs: HashMap<usize, Blob> = stored_blobs.into_iter().collect();
    let mut out = Vec::new();
    for (i, r) in stored.iter().enumerate() {
        out.push(match r {
            StoredRef::Text { value } => RefSource::Text(value.clone()),
            StoredRef::Local { name, .. } => {
                let blob = blobs
                    .remove(&i)
                    .ok_or_else(|| RefsError::Missing(i + 1, name.clone()))?;
                RefSource::Local(read_back(i, name, &blob).await?)
            }
        });
    }
    Ok(out)
}

async fn read_back(
    i: usize,
    name: &str,
    blob: &Blob,
) -> Result<crate::browser::files::LocalFile, RefsError> {
    let unreadable = |why: String| RefsError::Unreadable(i + 1, name.to_owned(), why);
    let file = blob_to_file(blob, name).map_err(|e| unreadable(e.to_string()))?;
    // Stored as sent: already within limits, so no second downscale.
    prepare(&file, name, Downscale::Off)
        .await
        .map_err(|e| unreadable(e.to_string()))
}

/// A reference as the viewer shows it: a label and, where it can be shown, a picture.
#[derive(Clone, Debug, PartialEq)]
pub struct RefPreview {
    pub label: String,
    pub url: Option<String>,
    /// The URL is a `blob:` made for this preview, to be revoked with it.
    pub owned: bool,
}

fn text_preview(value: &str) -> RefPreview {
    let url = value.starts_with("http").then(|| value.to_owned());
    let label = if url.is_some() {
        value.rsplit('/').next().unwrap_or(value).to_owned()
    } else if value.len() == 36 {
        format!("image {}", &value[..8])
    } else {
        "inline image".to_owned()
    };
    RefPreview {
        label,
        url,
        owned: false,
    }
}

/// The job's references as pictures: local files from memory or storage, URLs as they are.
pub async fn reference_previews(writer: Writer, job: Job) -> Vec<RefPreview> {
    let (task_uuid, stored, refs, origin) = job.with_info(|i| {
        (
            i.task_uuid.clone(),
            i.stored_refs.clone(),
            i.refs.clone(),
            i.origin,
        )
    });
    let mut blobs: HashMap<usize, Blob> = match (origin, writer.db()) {
        (Origin::Stored, Some(db)) => db::load_blobs(&db, &task_uuid, BlobKind::Reference)
            .await
            .unwrap_or_default()
            .into_iter()
            .collect(),
        _ => refs
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match &r.source {
                RefSource::Local(f) => Some((i, Blob::clone(&f.sent))),
                RefSource::Text(_) => None,
            })
            .collect(),
    };
    stored
        .iter()
        .enumerate()
        .map(|(i, r)| match r {
            StoredRef::Text { value } => text_preview(value),
            StoredRef::Local { name, .. } => {
                let url = blobs.remove(&i).and_then(|b| crate::browser::blob_url(&b));
                RefPreview {
                    label: name.clone(),
                    owned: url.is_some(),
                    url,
                }
            }
        })
        .collect()
}
