//! Reference kits: the tray saved under a name (files, order, a label per image), listed with
//! thumbnails, loaded back in one click, renamed, relabelled, reordered and deleted with Undo.
//! Every change is written to IndexedDB at once.

use super::draft::{Drafts, Replacement};
use super::shots::REFS_ID;
use super::stored_refs::{each_source, record_of};
use super::tasks::Tasks;
use super::tray::{RefItem, RefSource, Tray};
use crate::browser::drafts::DraftRecord;
use crate::browser::{blob_url, kits};
use crate::domain::draft::{read_or_default, to_text, DraftRef};
use crate::domain::kits::{KitLoad, KitMeta};
use crate::history::writer::Writer;
use idb::Database;
use leptos::prelude::*;
use web_sys::Blob;

/// One kit as the page holds it.
#[derive(Clone)]
pub struct Kit {
    pub id: String,
    pub meta: KitMeta,
    pub files: Vec<Option<Blob>>,
    /// What each reference shows as (a `blob:` URL of its file, or its own URL).
    pub thumbs: Vec<Option<String>>,
    pub saved_ms: f64,
}

impl Kit {
    fn new(id: String, meta: KitMeta, files: Vec<Option<Blob>>, saved_ms: f64) -> Kit {
        let thumbs = meta
            .refs
            .refs
            .iter()
            .enumerate()
            .map(|(i, r)| match r {
                DraftRef::Local { .. } => {
                    files.get(i).cloned().flatten().and_then(|b| blob_url(&b))
                }
                DraftRef::Text { value } if value.starts_with("http") => Some(value.clone()),
                DraftRef::Text { .. } => None,
            })
            .collect();
        Kit {
            id,
            meta,
            files,
            thumbs,
            saved_ms,
        }
    }

    fn record(&self) -> DraftRecord {
        DraftRecord {
            saved_ms: self.saved_ms,
            meta_json: to_text(&self.meta),
            files: self.files.clone(),
        }
    }

    /// Reference `i`'s label as typed (empty when none).
    fn label_typed(&self, i: usize) -> String {
        self.meta.labels.get(i).cloned().unwrap_or_default()
    }
}

/// The kits' context.
#[derive(Clone, Copy)]
pub struct Kits {
    list: RwSignal<Vec<Kit>, LocalStorage>,
    /// The last kit deleted and where it was, until Undo or the next delete.
    deleted: RwSignal<Option<(usize, Kit)>, LocalStorage>,
    notice: RwSignal<Option<String>>,
    writer: Writer,
    tray: Tray,
    drafts: Drafts,
    tasks: Tasks,
}

impl Kits {
    pub fn new(writer: Writer, tray: Tray, drafts: Drafts, tasks: Tasks) -> Kits {
        Kits {
            list: RwSignal::new_local(Vec::new()),
            deleted: RwSignal::new_local(None),
            notice: RwSignal::new(None),
            writer,
            tray,
            drafts,
            tasks,
        }
    }

    pub fn list(self) -> ReadSignal<Vec<Kit>, LocalStorage> {
        self.list.read_only()
    }

    pub fn deleted(self) -> ReadSignal<Option<(usize, Kit)>, LocalStorage> {
        self.deleted.read_only()
    }

    pub fn notice(self) -> ReadSignal<Option<String>> {
        self.notice.read_only()
    }

    /// Every kit's name, to keep new names apart.
    pub fn names(self) -> Vec<String> {
        self.list
            .with_untracked(|l| l.iter().map(|k| k.meta.name.clone()).collect())
    }

    /// Reads the kits back (newest first).
    pub async fn restore(self, db: &Database) {
        let mut kits: Vec<Kit> = kits::load_all(db)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|(id, _)| id != REFS_ID)
            .map(|(id, r)| Kit::new(id, read_or_default(&r.meta_json), r.files, r.saved_ms))
            .collect();
        kits.sort_by(|a, b| b.saved_ms.total_cmp(&a.saved_ms));
        self.list.set(kits);
    }

    fn write(self, kit: &Kit) {
        let record = kit.record();
        let id = kit.id.clone();
        let writer = self.writer;
        self.tasks.spawn(async move {
            if let Some(db) = writer.db() {
                kits::put(&db, &id, &record).await.ok();
            }
        });
    }

    /// Saves `items` (with their labels) as a new kit named `name`.
    pub fn save(self, name: String, items: &[RefItem], labels: Vec<String>) {
        let (refs, files) = record_of(items);
        let meta = KitMeta { name, labels, refs };
        let id = crate::domain::payload::new_task_uuid();
        let kit = Kit::new(id, meta, files, crate::browser::epoch_ms());
        self.write(&kit);
        self.notice
            .set(Some(format!("Saved the kit “{}”.", kit.meta.name)));
        self.list.update(|l| l.insert(0, kit));
    }

    /// Adds a kit read from a history file, unless one with its id is here. A name already
    /// taken gets " (imported)".
    pub fn add(self, id: String, mut meta: KitMeta, files: Vec<Option<Blob>>) -> bool {
        if self.list.with_untracked(|l| l.iter().any(|k| k.id == id)) {
            return false;
        }
        if self
            .names()
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&meta.name))
        {
            meta.name.push_str(" (imported)");
        }
        let kit = Kit::new(id, meta, files, crate::browser::epoch_ms());
        self.write(&kit);
        self.list.update(|l| l.insert(0, kit));
        true
    }

    /// Saves references read back from elsewhere (a past job, picked results).
    pub fn save_sources(self, name: String, sources: Vec<RefSource>) {
        let items: Vec<RefItem> = sources
            .into_iter()
            .enumerate()
            .map(|(i, source)| RefItem {
                id: i as u64,
                source,
            })
            .collect();
        let labels = vec![String::new(); items.len()];
        self.save(name, &items, labels);
    }

    /// Changes kit `id` (name, labels, order) and writes it.
    pub fn edit(self, id: &str, f: impl FnOnce(&mut Kit)) {
        let mut changed = None;
        self.list.update(|l| {
            if let Some(k) = l.iter_mut().find(|k| k.id == id) {
                f(k);
                changed = Some(k.clone());
            }
        });
        if let Some(k) = changed {
            self.write(&k);
        }
    }

    /// Moves reference `from` of kit `id` to place `to` (its file, thumbnail and label too).
    pub fn reorder(self, id: &str, from: usize, to: usize) {
        self.edit(id, |k| {
            let n = k.files.len();
            if from < n && to < n {
                k.meta.reorder(from, to);
                let f = k.files.remove(from);
                k.files.insert(to, f);
                let t = k.thumbs.remove(from);
                k.thumbs.insert(to, t);
            }
        });
    }

    /// Deletes kit `id`; Undo brings it back.
    pub fn delete(self, id: &str) {
        let Some(at) = self
            .list
            .with_untracked(|l| l.iter().position(|k| k.id == id))
        else {
            return;
        };
        let kit = self.list.try_update(|l| l.remove(at));
        let before = self
            .deleted
            .try_update(|d| std::mem::replace(d, kit.map(|k| (at, k))));
        // The kit deleted before this one can no longer come back: its thumbnails go.
        if let Some(Some((_, gone))) = before {
            gone.thumbs
                .iter()
                .flatten()
                .for_each(|t| crate::browser::revoke_object_url(t));
        }
        let (writer, id) = (self.writer, id.to_owned());
        self.tasks.spawn(async move {
            if let Some(db) = writer.db() {
                kits::delete(&db, &id).await.ok();
            }
        });
    }

    pub fn undo_delete(self) {
        if let Some((at, kit)) = self.deleted.try_update(Option::take).flatten() {
            self.write(&kit);
            self.list.update(|l| l.insert(at.min(l.len()), kit));
        }
    }

    /// Loads kit `id` into the tray, instead of what is there or after it.
    pub fn load(self, id: &str, how: KitLoad) {
        let Some(kit) = self
            .list
            .with_untracked(|l| l.iter().find(|k| k.id == id).cloned())
        else {
            return;
        };
        let (tray, drafts, notice) = (self.tray, self.drafts, self.notice);
        self.tasks.spawn(async move {
            let read = each_source(&kit.meta.refs, &kit.files).await;
            if how == KitLoad::Replace {
                drafts.before_replacing(Replacement::Kit);
            }
            // Labels are paired by place before a lost file drops out.
            let mut labelled = Vec::new();
            let mut lost = Vec::new();
            for (i, r) in read.into_iter().enumerate() {
                match r {
                    Ok(source) => labelled.push((source, kit.label_typed(i))),
                    Err(name) => lost.push(name),
                }
            }
            tray.load_labelled(labelled, how == KitLoad::Append);
            notice.set(Some(if lost.is_empty() {
                format!("Loaded “{}” into the references.", kit.meta.name)
            } else {
                format!(
                    "Loaded “{}”; {} could not be read.",
                    kit.meta.name,
                    lost.join(", ")
                )
            }));
        });
    }
}

pub fn use_kits() -> Kits {
    expect_context()
}
