//! The composer's draft: kept in IndexedDB as it changes (the form, the references with
//! their files, their order and the downscale choice), read back before the composer is first
//! shown, and offered back with Undo whenever something replaces it (remix, import, a starter,
//! a preset, clearing the references).

use super::composer::Composer;
use super::tasks::Tasks;
use super::tray::{RefSource, Tray};
use crate::browser::drafts::{self, DraftRecord};
use crate::browser::files::blob_to_file;
use crate::browser::prepare::prepare;
use crate::domain::draft::{DraftMeta, DraftRef};
use crate::domain::refcheck::Downscale;
use crate::domain::Form;
use crate::history::writer::Writer;
use idb::Database;
use leptos::prelude::*;

/// A draft ready to write: its JSON part and its files.
type Snapshot = (DraftMeta, Vec<Option<web_sys::Blob>>);

/// What a replacement took away, until Undo brings it back or the user moves on.
#[derive(Clone)]
pub struct Replaced {
    /// What replaced it, for the notice: "Remix", "Import", "Starter".
    pub by: &'static str,
    form: Form,
    refs: Vec<RefSource>,
}

/// The draft's context.
#[derive(Clone, Copy)]
pub struct Drafts {
    ready: RwSignal<bool>,
    replaced: RwSignal<Option<Replaced>>,
    tab: StoredValue<String>,
    /// The newest state not yet written, and whether a write is under way.
    pending: StoredValue<Option<Snapshot>, LocalStorage>,
    writing: StoredValue<bool>,
    composer: Composer,
    tray: Tray,
}

impl Drafts {
    pub fn new(composer: Composer, tray: Tray) -> Drafts {
        Drafts {
            ready: RwSignal::new(false),
            replaced: RwSignal::new(None),
            tab: StoredValue::new(drafts::tab_id()),
            pending: StoredValue::new_local(None),
            writing: StoredValue::new(false),
            composer,
            tray,
        }
    }

    /// The draft has been read back (or there was none): the composer can show.
    pub fn ready(self) -> bool {
        self.ready.get()
    }

    pub fn replaced(self) -> Option<Replaced> {
        self.replaced.get()
    }

    /// Reads this tab's draft back into the composer; the composer shows once this is done.
    pub async fn restore(self, db: Option<&Database>) {
        if let Some(db) = db {
            let id = self.tab.get_value();
            if let Ok(Some((record, own))) = drafts::load(db, &id).await {
                if !own {
                    // A new tab starts from the newest draft: as its own copy, at once, so a
                    // reload of this tab finds it even before anything is changed.
                    drafts::put(db, &id, &record).await.ok();
                }
                self.apply(record).await;
            }
        }
        self.ready.set(true);
    }

    async fn apply(self, record: DraftRecord) {
        let meta = DraftMeta::from_json(&record.meta_json);
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
                    let file = record.files.get(i).cloned().flatten();
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
        self.composer.replace(meta.form);
        self.tray.replace(sources);
        if !lost.is_empty() {
            self.tray.set_notice(Some(format!(
                "{} could not be read back from the last visit.",
                lost.join(", ")
            )));
        }
    }

    /// Writes the draft on every change, for as long as the app runs: one write at a time,
    /// the newest state written next (so typing never queues a write per key, and a reload
    /// right after a change finds it).
    pub fn keep(self, writer: Writer, tasks: Tasks) {
        let (composer, tray) = (self.composer, self.tray);
        Effect::new(move |_| {
            let form = composer.form().get();
            let items = tray.items().get();
            if !self.ready.get() {
                return;
            }
            self.pending.set_value(Some(record_of(form, &items)));
            if self.writing.get_value() {
                return;
            }
            self.writing.set_value(true);
            tasks.spawn(async move {
                while let Some((meta, files)) =
                    self.pending.try_update_value(Option::take).flatten()
                {
                    let Some(db) = writer.db() else { break };
                    let record = DraftRecord {
                        saved_ms: crate::browser::epoch_ms(),
                        meta_json: meta.to_json(),
                        files,
                    };
                    let id = self.tab.get_value();
                    // A draft that cannot be written (a full disk) is still on screen;
                    // history's own writes report storage problems.
                    drafts::put(&db, &id, &record).await.ok();
                }
                self.writing.try_set_value(false);
            });
        });
    }

    /// Remembers the composer as it is, before `by` replaces it, so Undo can bring it back.
    /// An untouched composer is not worth offering back.
    pub fn before_replacing(self, by: &'static str) {
        let form = self.composer.form_untracked();
        let refs: Vec<RefSource> = self
            .tray
            .items()
            .with_untracked(|r| r.iter().map(|i| i.source.clone()).collect());
        let blank = refs.is_empty() && form == Form::default();
        self.replaced
            .set((!blank).then_some(Replaced { by, form, refs }));
    }

    /// Replaces the whole composer (form and references), keeping what was there for Undo.
    pub fn replace(self, by: &'static str, form: Form, refs: Vec<RefSource>) {
        self.before_replacing(by);
        self.composer.replace(form);
        self.tray.replace(refs);
    }

    /// Brings back what the last replacement took away.
    pub fn undo(self) {
        if let Some(r) = self.replaced.get_untracked() {
            self.replaced.set(None);
            self.composer.replace(r.form);
            self.tray.replace(r.refs);
        }
    }

    pub fn dismiss(self) {
        self.replaced.set(None);
    }
}

/// The draft's JSON and its files, from the form and the tray.
fn record_of(
    form: Form,
    items: &[super::tray::RefItem],
) -> (DraftMeta, Vec<Option<web_sys::Blob>>) {
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
    (DraftMeta { form, refs }, files)
}

pub fn use_drafts() -> Drafts {
    expect_context()
}
