//! Composer drafts, one per tab (its id lives in the tab's sessionStorage, so a reload finds
//! its own draft and a second tab keeps its own): the form in localStorage, written at once on
//! every change (synchronous, so a reload right after a keystroke finds it), and the
//! references in IndexedDB, their metadata as JSON and their files as Blobs.

use super::db::{classify, finish, DbError, DRAFTS};
use idb::{Database, TransactionMode};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

const TAB_KEY: &str = "kling-studio-tab";
/// Drafts of tabs long closed are dropped beyond this many.
const KEEP: usize = 8;

/// This tab's id, made on its first visit.
pub fn tab_id() -> String {
    let store = super::window().session_storage().ok().flatten();
    if let Some(id) = store
        .as_ref()
        .and_then(|s| s.get_item(TAB_KEY).ok().flatten())
    {
        return id;
    }
    let id = crate::domain::payload::new_task_uuid();
    if let Some(s) = store {
        s.set_item(TAB_KEY, &id).ok();
    }
    id
}

const FORM_PREFIX: &str = "kling.draft.";

fn local() -> Option<web_sys::Storage> {
    super::window().local_storage().ok().flatten()
}

/// Writes this tab's form (`domain::draft::DraftForm` as JSON).
pub fn put_form(id: &str, json: &str) {
    if let Some(s) = local() {
        s.set_item(&format!("{FORM_PREFIX}{id}"), json).ok();
    }
}

/// This tab's form, else the newest of any tab (with whether it is this tab's own), given
/// `saved_of` to read a draft's time. Old drafts beyond `KEEP` go.
pub fn load_form(id: &str, saved_of: impl Fn(&str) -> f64) -> Option<(String, bool)> {
    let s = local()?;
    let mut drafts: Vec<(String, String, f64)> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| {
            let tab = k.strip_prefix(FORM_PREFIX)?.to_owned();
            let text = s.get_item(&k).ok().flatten()?;
            let saved = saved_of(&text);
            Some((tab, text, saved))
        })
        .collect();
    drafts.sort_by(|a, b| b.2.total_cmp(&a.2));
    for (old, _, _) in drafts.iter().skip(KEEP) {
        s.remove_item(&format!("{FORM_PREFIX}{old}")).ok();
    }
    match drafts.iter().position(|(tab, _, _)| tab == id) {
        Some(i) => Some((drafts.swap_remove(i).1, true)),
        None => drafts.into_iter().next().map(|(_, text, _)| (text, false)),
    }
}

/// The references of a draft (or a kit) as stored.
pub struct DraftRecord {
    pub saved_ms: f64,
    /// The references' metadata (`domain::draft::DraftRefs`).
    pub meta_json: String,
    /// Each reference's file as picked (`None` for a URL or an image UUID), in order.
    pub files: Vec<Option<Blob>>,
}

pub(super) fn to_js(id: &str, r: &DraftRecord) -> JsValue {
    let record = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&record, &k.into(), &v).ok();
    set("id", id.into());
    set("saved", r.saved_ms.into());
    set("meta", r.meta_json.as_str().into());
    let files: Array = r
        .files
        .iter()
        .map(|f| f.as_ref().map_or(JsValue::NULL, |b| b.clone().into()))
        .collect();
    set("files", files.into());
    record.into()
}

pub(super) fn from_js(v: &JsValue) -> Option<DraftRecord> {
    let get = |k: &str| Reflect::get(v, &k.into()).ok();
    let files: Array = get("files")?.dyn_into().ok()?;
    Some(DraftRecord {
        saved_ms: get("saved")?.as_f64()?,
        meta_json: get("meta")?.as_string()?,
        files: files.iter().map(|f| f.dyn_into::<Blob>().ok()).collect(),
    })
}

/// Writes this tab's draft.
pub async fn put(db: &Database, id: &str, draft: &DraftRecord) -> Result<(), DbError> {
    let tx = db
        .transaction(&[DRAFTS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let store = tx.object_store(DRAFTS).map_err(classify)?;
    drop(store.put(&to_js(id, draft), None).map_err(classify)?);
    finish(store.transaction(), tx.await).await
}

/// This tab's draft and whether it is its own; a tab without one (new, or reloaded before
/// its first write) gets the newest draft of any tab, so the studio opened again after the
/// browser closed starts where it was left. Old drafts beyond `KEEP` go.
pub async fn load(db: &Database, id: &str) -> Result<Option<(DraftRecord, bool)>, DbError> {
    let tx = db
        .transaction(&[DRAFTS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let store = tx.object_store(DRAFTS).map_err(classify)?;
    let all = store
        .get_all(None, None)
        .map_err(classify)?
        .await
        .map_err(classify)?;
    let mut drafts: Vec<(String, DraftRecord)> = all
        .iter()
        .filter_map(|v| {
            let key = Reflect::get(v, &"id".into()).ok()?.as_string()?;
            Some((key, from_js(v)?))
        })
        .collect();
    drafts.sort_by(|a, b| b.1.saved_ms.total_cmp(&a.1.saved_ms));
    for (old, _) in drafts.iter().skip(KEEP) {
        drop(
            store
                .delete(JsValue::from(old.as_str()))
                .map_err(classify)?,
        );
    }
    finish(store.transaction(), tx.await).await?;
    let own = drafts.iter().position(|(k, _)| k == id);
    let pick = match own {
        Some(i) => Some(drafts.swap_remove(i)),
        None => drafts.into_iter().next(),
    };
    Ok(pick.map(|(_, d)| (d, own.is_some())))
}
