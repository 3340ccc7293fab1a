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
    for (i, r) in meta.refs.iter().enumerate() {
        match r {
            DraftRef::Text { value } => sources.push(RefSource::Text(value.clone())),
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
                match prepared {
                    Some(local) => sources.push(RefSource::Local(local)),
                    None => lost.push(name.clone()),
                }
            }
        }
    }
    (sources, lost)
}
