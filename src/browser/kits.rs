//! Reference kits in IndexedDB: one record per kit, shaped as a draft's references are (its
//! metadata as JSON, its files as Blobs), so a kit keeps the bytes the tray had.

use super::db::{classify, finish, DbError, KITS};
use super::drafts::{from_js, to_js, DraftRecord};
use idb::{Database, TransactionMode};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Writes (or overwrites) kit `id`.
pub async fn put(db: &Database, id: &str, kit: &DraftRecord) -> Result<(), DbError> {
    let tx = db
        .transaction(&[KITS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let store = tx.object_store(KITS).map_err(classify)?;
    drop(store.put(&to_js(id, kit), None).map_err(classify)?);
    finish(store.transaction(), tx.await).await
}

/// Every kit, with its id.
pub async fn load_all(db: &Database) -> Result<Vec<(String, DraftRecord)>, DbError> {
    let tx = db
        .transaction(&[KITS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(KITS).map_err(classify)?;
    let all = store
        .get_all(None, None)
        .map_err(classify)?
        .await
        .map_err(classify)?;
    Ok(all
        .iter()
        .filter_map(|v| {
            let id = Reflect::get(v, &"id".into()).ok()?.as_string()?;
            Some((id, from_js(v)?))
        })
        .collect())
}

/// Kit `id`, if it is stored.
pub async fn get(db: &Database, id: &str) -> Result<Option<DraftRecord>, DbError> {
    let tx = db
        .transaction(&[KITS], TransactionMode::ReadOnly)
        .map_err(classify)?;
    let store = tx.object_store(KITS).map_err(classify)?;
    let found = store
        .get(JsValue::from(id))
        .map_err(classify)?
        .await
        .map_err(classify)?;
    Ok(found.as_ref().and_then(from_js))
}

/// Deletes kit `id`.
pub async fn delete(db: &Database, id: &str) -> Result<(), DbError> {
    let tx = db
        .transaction(&[KITS], TransactionMode::ReadWrite)
        .map_err(classify)?;
    let store = tx.object_store(KITS).map_err(classify)?;
    drop(store.delete(JsValue::from(id)).map_err(classify)?);
    finish(store.transaction(), tx.await).await
}
