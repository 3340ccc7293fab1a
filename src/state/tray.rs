//! The reference tray: images in the order they are sent, files the checks refused, and a
//! passing notice. Every change goes through these methods.

use super::tasks::Tasks;
use crate::browser::files::LocalFile;
use crate::browser::prepare::{prepare, read_image};
use crate::browser::revoke_object_url;
use crate::domain::history::StoredRef;
use crate::domain::RefInput;
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;

/// One reference image in the tray, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct RefItem {
    /// Identity in the tray (keys its row), never reused.
    pub id: u64,
    pub source: RefSource,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RefSource {
    Local(LocalFile),
    /// A URL or an image UUID (or imported data URI / base64 text).
    Text(String),
}

impl RefItem {
    pub fn input(&self) -> RefInput {
        match &self.source {
            RefSource::Local(f) => RefInput::Local {
                label: f.name.clone(),
            },
            RefSource::Text(t) => RefInput::Text(t.clone()),
        }
    }

    /// What storage keeps of this reference (a local file's bytes go beside it as a Blob).
    pub fn stored(&self) -> StoredRef {
        match &self.source {
            RefSource::Local(f) => StoredRef::Local {
                name: f.name.clone(),
                mime: f.mime.clone(),
                width: f.width,
                height: f.height,
                bytes: f.bytes,
            },
            RefSource::Text(t) => StoredRef::Text { value: t.clone() },
        }
    }

    pub fn label(&self) -> String {
        match &self.source {
            RefSource::Local(f) => f.name.clone(),
            RefSource::Text(t) if t.len() > 60 => crate::domain::text::abbreviate(t),
            RefSource::Text(t) => t.clone(),
        }
    }

    /// The data URI to splice into the body, for local files.
    pub fn data_uri(&self) -> Option<js_sys::JsString> {
        match &self.source {
            RefSource::Local(f) => Some(js_sys::JsString::clone(&f.data_uri)),
            RefSource::Text(_) => None,
        }
    }
}

/// A file the checks refused, with every reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub id: u64,
    pub name: String,
    pub problems: Vec<String>,
}

/// The tray's state.
#[derive(Clone, Copy)]
pub struct Tray {
    items: RwSignal<Vec<RefItem>>,
    rejected: RwSignal<Vec<Rejected>>,
    notice: RwSignal<Option<String>>,
    /// The user changed the tray: its validation message may show from now on.
    edited: RwSignal<bool>,
    next_id: StoredValue<u64>,
    tasks: Tasks,
    /// A tray item that is a result being edited (its id), and that result.
    edit_of: StoredValue<Option<(u64, crate::domain::lineage::Parent)>>,
    /// Labels a kit gave its references ("face", "costume"), by item id.
    labels: RwSignal<Vec<(u64, String)>>,
}

impl Tray {
    pub fn new(tasks: Tasks) -> Tray {
        Tray {
            tasks,
            items: RwSignal::new(Vec::new()),
            rejected: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            edited: RwSignal::new(false),
            next_id: StoredValue::new(1),
            edit_of: StoredValue::new(None),
            labels: RwSignal::new(Vec::new()),
        }
    }

    /// Item `id`'s label from its kit, if it has one.
    pub fn label_of(self, id: u64) -> Option<String> {
        self.labels
            .with(|l| l.iter().find(|(i, _)| *i == id).map(|(_, t)| t.clone()))
    }

    /// Every item's label, in tray order (empty where there is none).
    pub fn labels_untracked(self) -> Vec<String> {
        let items = self.items.get_untracked();
        self.labels.with_untracked(|l| {
            items
                .iter()
                .map(|it| {
                    l.iter()
                        .find(|(i, _)| *i == it.id)
                        .map_or_else(String::new, |(_, t)| t.clone())
                })
                .collect()
        })
    }

    /// Puts a kit's references in the tray, each with its label: instead of what is there,
    /// or after it (as many as fit; the rest is said).
    pub fn load_labelled(self, sources: Vec<(RefSource, String)>, append: bool) {
        if !append {
            self.replace(Vec::new());
            self.labels.set(Vec::new());
        }
        let room = REFERENCES_MAX.saturating_sub(self.len_untracked());
        let left_out = sources.len().saturating_sub(room);
        for (source, label) in sources.into_iter().take(room) {
            let id = self.fresh_id();
            self.items.update(|r| {
                r.push(RefItem {
                    id,
                    source: own_thumbnail(source),
                })
            });
            if !label.is_empty() {
                self.labels.update(|l| l.push((id, label)));
            }
        }
        self.edited.set(true);
        if left_out > 0 {
            self.notice.set(Some(format!(
                "{left_out} of the kit's references did not fit: at most {REFERENCES_MAX}."
            )));
        }
    }

    /// Notes that the first reference is result `parent` being edited.
    pub fn mark_first_as_edit(self, parent: crate::domain::lineage::Parent) {
        let first = self.items.with_untracked(|r| r.first().map(|i| i.id));
        self.edit_of.set_value(first.map(|id| (id, parent)));
    }

    /// The result being edited, while it is still the first reference.
    pub fn edited_result(self) -> Option<crate::domain::lineage::Parent> {
        let first = self.items.with_untracked(|r| r.first().map(|i| i.id));
        self.edit_of.with_value(|e| {
            e.clone()
                .filter(|(id, _)| Some(*id) == first)
                .map(|(_, p)| p)
        })
    }

    /// Runs work for the tray (reading files back) under the app's owner.
    pub fn spawn(self, task: impl std::future::Future<Output = ()> + 'static) {
        self.tasks.spawn(task);
    }

    pub fn items(self) -> ReadSignal<Vec<RefItem>> {
        self.items.read_only()
    }

    pub fn rejected(self) -> ReadSignal<Vec<Rejected>> {
        self.rejected.read_only()
    }

    pub fn notice(self) -> ReadSignal<Option<String>> {
        self.notice.read_only()
    }

    pub fn set_notice(self, text: Option<String>) {
        self.notice.set(text);
    }

    pub fn edited(self) -> ReadSignal<bool> {
        self.edited.read_only()
    }

    pub fn len_untracked(self) -> usize {
        self.items.with_untracked(Vec::len)
    }

    fn fresh_id(self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Adds one reference at the end, unless the tray is full (then says so).
    pub fn push(self, source: RefSource) -> bool {
        if self.len_untracked() >= REFERENCES_MAX {
            self.notice.set(Some(format!(
                "At most {REFERENCES_MAX} reference images: remove one first."
            )));
            return false;
        }
        let id = self.fresh_id();
        self.items.update(|r| r.push(RefItem { id, source }));
        self.edited.set(true);
        true
    }

    /// Replaces everything (remix, import): the tray takes its own thumbnails, so removing an
    /// item later never breaks an image shown elsewhere.
    pub fn replace(self, sources: Vec<RefSource>) {
        let old = self.items.get_untracked();
        let items = sources
            .into_iter()
            .map(|source| RefItem {
                id: self.fresh_id(),
                source: own_thumbnail(source),
            })
            .collect();
        self.items.set(items);
        self.rejected.set(Vec::new());
        self.notice.set(None);
        old.iter().for_each(release);
    }

    pub fn remove(self, id: u64) {
        let removed = self
            .items
            .with_untracked(|r| r.iter().find(|i| i.id == id).cloned());
        self.items.update(|r| r.retain(|i| i.id != id));
        self.notice.set(None);
        self.edited.set(true);
        if let Some(item) = removed {
            release(&item);
        }
    }

    /// Moves reference `id` by `delta` places (keyboard reordering).
    pub fn move_by(self, id: u64, delta: isize) {
        self.items.update(|r| {
            if let Some(pos) = r.iter().position(|i| i.id == id) {
                let to = (pos as isize + delta).clamp(0, r.len() as isize - 1) as usize;
                let item = r.remove(pos);
                r.insert(to, item);
            }
        });
        self.edited.set(true);
    }

    /// Moves reference `id` to where `target` is (drag and drop).
    pub fn move_to(self, id: u64, target: u64) {
        let pos = |x: u64| {
            self.items
                .with_untracked(|r| r.iter().position(|i| i.id == x))
        };
        if let (Some(from), Some(to)) = (pos(id), pos(target)) {
            self.move_by(id, to as isize - from as isize);
        }
    }

    pub fn dismiss_rejected(self, id: u64) {
        self.rejected.update(|r| r.retain(|x| x.id != id));
    }

    /// Checks and adds files in order; those beyond the tenth are refused with a message.
    pub fn add_files(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        self.notice.set(None);
        self.edited.set(true);
        let room = REFERENCES_MAX.saturating_sub(self.len_untracked());
        let over: Vec<String> = files.iter().skip(room).map(|f| f.name()).collect();
        if !over.is_empty() {
            self.notice.set(Some(format!(
                "{} not added: at most {REFERENCES_MAX} reference images.",
                over.join(", ")
            )));
        }
        let files: Vec<web_sys::File> = files.into_iter().take(room).collect();
        self.tasks.spawn(async move {
            // All at once: decoding and encoding run on the browser's own threads.
            let prepared = futures::future::join_all(files.iter().map(read_image)).await;
            for (file, result) in files.iter().zip(prepared) {
                match result {
                    Ok(local) => {
                        self.push(RefSource::Local(local));
                    }
                    Err(e) => {
                        let id = self.fresh_id();
                        self.rejected.update(|r| {
                            r.push(Rejected {
                                id,
                                name: file.name(),
                                problems: e.problems(),
                            })
                        });
                    }
                }
            }
        });
    }

    /// Prepares the same file again with downscaling switched, keeping its place.
    pub fn toggle_downscale(self, id: u64) {
        let Some(RefSource::Local(f)) = self
            .items
            .with_untracked(|r| r.iter().find(|i| i.id == id).map(|i| i.source.clone()))
        else {
            return;
        };
        self.tasks.spawn(async move {
            match prepare(&f.original, &f.name, f.downscale.toggled()).await {
                Ok(next) => {
                    self.items.update(|r| {
                        if let Some(item) = r.iter_mut().find(|i| i.id == id) {
                            item.source = RefSource::Local(next);
                        }
                    });
                    revoke_object_url(&f.thumb_url);
                }
                Err(e) => self.notice.set(Some(e.to_string())),
            }
        });
    }
}

/// A local file with a thumbnail URL of its own.
fn own_thumbnail(source: RefSource) -> RefSource {
    match source {
        RefSource::Local(mut f) => {
            if let Some(url) = crate::browser::blob_url(&f.sent) {
                f.thumb_url = url;
            }
            RefSource::Local(f)
        }
        text => text,
    }
}

/// Frees what only this tray item held.
fn release(item: &RefItem) {
    if let RefSource::Local(f) = &item.source {
        revoke_object_url(&f.thumb_url);
    }
}

pub fn use_tray() -> Tray {
    expect_context()
}
