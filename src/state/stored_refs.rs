//! The tray's references as stored (a draft, a kit, a shot list): their JSON part and their
//! files as picked, written out and read back.

use super::tray::{RefItem, RefSource};
use crate::browser::files::blob_to_file;
use crate::browser::prepare::prepare;
use crate::domain::draft::{DraftRef, DraftRefs};
use crate::domain::refcheck::Downscale;

/// The references ready to write: their JSON part and their files.
pub type Snapshot = (DraftRefs, Vec<Option<web_sys::Blob>>);

/// What to store for `items`, in order.
pub fn record_of(items: &[RefItem]) -> Snapshot {
    let mut refs = Vec::with_capacity(items.len());
    let mut files = Vec::with_capacity(items.len());
    for item in items {
        match &item.source {
            RefSource::Local(f) => {
                refs.push(DraftRef::Local {
                    name: f.name.clone(),
                    sent_at_own_size: f.downscale == Downscale::Off,
                });
                files.push(Some(web_sys::Blob::clone(&f.original)));
            }
            RefSource::Text(t) => {
                refs.push(DraftRef::Text { value: t.clone() });
                files.push(None);
            }
        }
    }
    (DraftRefs { refs }, files)
}

/// The references read back, prepared again as when they were picked, and the names of the
/// files that could not be read.
pub async fn sources_of(
    meta: &DraftRefs,
    files: &[Option<web_sys::Blob>],
) -> (Vec<RefSource>, Vec<String>) {
    let mut sources = Vec::new();
    let mut lost = Vec::new();
    for read in each_source(meta, files).await {
        match read {
            Ok(source) => sources.push(source),
            Err(name) => lost.push(name),
        }
    }
    (sources, lost)
}

/// Each reference read back in its place: the source, or the name of a file that could not be
/// read (so what goes with each reference, such as a kit's label, stays with it).
pub async fn each_source(
    meta: &DraftRefs,
    files: &[Option<web_sys::Blob>],
) -> Vec<Result<RefSource, String>> {
    let mut out = Vec::with_capacity(meta.refs.len());
    for (i, r) in meta.refs.iter().enumerate() {
        match r {
            DraftRef::Text { value } => out.push(Ok(RefSource::Text(value.clone()))),
            DraftRef::Local {
                name,
                sent_at_own_size,
            } => {
                let choice = if *sent_at_own_size {
                    Downscale::Off
                } else {
                    Downscale::ToLimit
                };
                let file = files.get(i).cloned().flatten();
                let prepared = match file.map(|b| blob_to_file(&b, name)) {
                    Some(Ok(f)) => prepare(&f, name, choice).await.ok(),
                    _ => None,
                };
                out.push(prepared.map(RefSource::Local).ok_or_else(|| name.clone()));
            }
        }
    }
    out
}
