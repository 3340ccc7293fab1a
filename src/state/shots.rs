//! The shot list: its shots and where each is, kept in localStorage as it changes (a shot is
//! marked sent before it is sent, so a reload never sends it twice), its references stored as
//! a kit beside it.

use super::stored_refs::{record_of, sources_of};
use super::tray::RefItem;
use crate::browser::drafts::DraftRecord;
use crate::browser::{kits, storage};
use crate::domain::draft::{read_or_default, to_text, DraftRefs};
use crate::domain::shots::{ShotList, ShotState};
use idb::Database;
use leptos::prelude::*;

/// Where the list's references are kept, among the kits (never shown as one).
pub const REFS_ID: &str = "~shot-list";

/// The shot list's state.
#[derive(Clone, Copy)]
pub struct Shots {
    list: RwSignal<Option<ShotList>>,
    refs: StoredValue<Vec<RefItem>, LocalStorage>,
    /// The references are read back (after a reload) and shots may go.
    refs_ready: RwSignal<bool>,
    /// A remark about the list: why it slowed down or stopped.
    notice: RwSignal<Option<String>>,
    /// No shot starts before this time (Unix ms): Runware asked to wait.
    slow_until: StoredValue<f64>,
    tab: StoredValue<String>,
    tasks: super::tasks::Tasks,
}

impl Shots {
    /// The list as the last visit left it: what had not started waits for Resume.
    pub fn load(tab: String, tasks: super::tasks::Tasks) -> Shots {
        let list = stored().map(|mut l| {
            if l.states.contains(&ShotState::Waiting) {
                l.paused = true;
            }
            l
        });
        let refs_ready = list.as_ref().is_none_or(|l| l.refs == 0);
        Shots {
            list: RwSignal::new(list),
            refs: StoredValue::new_local(Vec::new()),
            refs_ready: RwSignal::new(refs_ready),
            notice: RwSignal::new(None),
            slow_until: StoredValue::new(0.0),
            tab: StoredValue::new(tab),
            tasks,
        }
    }

    pub fn list(self) -> ReadSignal<Option<ShotList>> {
        self.list.read_only()
    }

    pub fn notice(self) -> ReadSignal<Option<String>> {
        self.notice.read_only()
    }

    pub fn set_notice(self, text: Option<String>) {
        self.notice.set(text);
    }

    pub fn refs_ready(self) -> bool {
        self.refs_ready.get_untracked()
    }

    pub fn refs(self) -> Vec<RefItem> {
        self.refs.get_value()
    }

    /// Whether this tab sends the list's shots (another tab may have taken it over: its
    /// writes reach this tab through `follow_other_tabs`).
    pub fn is_mine(self) -> bool {
        self.list.with_untracked(|l| {
            l.as_ref()
                .is_some_and(|l| self.tab.with_value(|t| &l.owner == t))
        })
    }

    /// Takes in what another tab writes (a shot sent, the list paused or taken over), so this
    /// tab never writes back, or sends, a list older than the stored one.
    pub fn follow_other_tabs(self) {
        let listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(storage::SHOTS) {
                self.list.set(stored());
            }
        });
        on_cleanup(move || listener.remove());
    }

    pub fn slow_until(self) -> f64 {
        self.slow_until.get_value()
    }

    /// No shot starts for `ms`, and the list says why.
    pub fn slow_down(self, ms: f64, why: String) {
        self.slow_until
            .set_value(crate::browser::epoch_ms() + ms.max(1000.0));
        self.notice.set(Some(why));
    }

    /// Changes the list as stored now (another tab may have written since) and writes it at
    /// once.
    pub fn edit(self, f: impl FnOnce(&mut ShotList)) {
        let mine = self
            .list
            .with_untracked(|l| l.as_ref().map(|l| l.id.clone()));
        let Some(mut list) = stored().filter(|l| Some(&l.id) == mine.as_ref()) else {
            return;
        };
        f(&mut list);
        storage::save_shots(Some(&to_text(&list)));
        self.list.set(Some(list));
    }

    /// Starts a new list (this tab sends it); its references are stored first.
    pub async fn start(self, db: Option<&Database>, mut list: ShotList, refs: Vec<RefItem>) {
        if let Some(db) = db {
            let (meta, files) = record_of(&refs);
            let record = DraftRecord {
                saved_ms: crate::browser::epoch_ms(),
                meta_json: to_text(&meta),
                files,
            };
            kits::put(db, REFS_ID, &record).await.ok();
        }
        list.owner = self.tab.get_value();
        list.refs = refs.len();
        storage::save_shots(Some(&to_text(&list)));
        self.refs.set_value(refs);
        self.refs_ready.set(true);
        self.notice.set(None);
        self.list.set(Some(list));
    }

    /// Reads the list's references back after a reload.
    pub async fn restore(self, db: Option<&Database>) {
        if self.refs_ready.get_untracked() {
            return;
        }
        let Some(db) = db else { return };
        let Ok(Some(record)) = kits::get(db, REFS_ID).await else {
            self.notice.set(Some(
                "The list's references could not be read back; its waiting shots cannot be sent."
                    .into(),
            ));
            return;
        };
        let meta: DraftRefs = read_or_default(&record.meta_json);
        let (sources, lost) = sources_of(&meta, &record.files).await;
        if !lost.is_empty() {
            self.notice.set(Some(format!(
                "{} could not be read back; its waiting shots cannot be sent.",
                lost.join(", ")
            )));
            return;
        }
        let items = sources
            .into_iter()
            .enumerate()
            .map(|(i, source)| RefItem {
                id: i as u64,
                source,
            })
            .collect();
        self.refs.set_value(items);
        self.refs_ready.set(true);
    }

    /// Pauses, or resumes (this tab then sends the list).
    pub fn set_paused(self, paused: bool) {
        let tab = self.tab.get_value();
        self.edit(|l| {
            l.paused = paused;
            if !paused {
                l.owner = tab;
            }
        });
        if !paused {
            self.notice.set(None);
        }
    }

    /// Shots that have not started will not.
    pub fn cancel_waiting(self) {
        self.edit(|l| {
            for s in l.states.iter_mut().filter(|s| **s == ShotState::Waiting) {
                *s = ShotState::Cancelled;
            }
        });
    }

    /// Forgets the list (its jobs stay in the history).
    pub fn clear(self, db: Option<std::rc::Rc<Database>>) {
        storage::save_shots(None);
        self.list.set(None);
        self.notice.set(None);
        self.refs.set_value(Vec::new());
        if let Some(db) = db {
            self.tasks.spawn(async move {
                kits::delete(&db, REFS_ID).await.ok();
            });
        }
    }
}

/// The list as stored.
fn stored() -> Option<ShotList> {
    storage::load_shots().and_then(|t| serde_json::from_str(&t).ok())
}

pub fn use_shots() -> Shots {
    expect_context()
}
