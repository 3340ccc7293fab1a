//! "Upload local files once": a reference is sent with `imageUpload` the first time and stands
//! as its image UUID afterwards, remembered by the SHA-256 of its bytes for Runware's 30 days.

use super::body;
use super::client::{post, Abort, Endpoint};
use super::error::{ClientError, Idempotency};
use crate::browser::{prepare::sha256_hex, storage};
use js_sys::JsString;
use web_sys::Blob;

/// The image UUID for these bytes: remembered from an earlier upload, or uploaded now.
/// `on_upload` hears when a real upload starts (for the job's notice).
pub async fn image_uuid(
    ep: &Endpoint,
    abort: &Abort,
    sent: &Blob,
    data_uri: &JsString,
    on_upload: impl Fn(),
) -> Result<String, ClientError> {
    let hash = sha256_hex(sent).await.unwrap_or_default();
    if let Some(uuid) = (!hash.is_empty())
        .then(|| storage::cached_upload(&hash))
        .flatten()
    {
        storage::remember_upload(&hash, &uuid);
        return Ok(uuid);
    }
    on_upload();
    let task_uuid = crate::domain::payload::new_task_uuid();
    let env = post(
        ep,
        &body::image_upload(&task_uuid, data_uri),
        120,
        Idempotency::Billed,
        abort,
        |_| {},
    )
    .await?;
    let uuid = env
        .results_for(&task_uuid)
        .find_map(|r| r.image_uuid.clone())
        .ok_or_else(|| ClientError::Unreadable {
            status: 200,
            what: "an answer without an image UUID".into(),
        })?;
    if !hash.is_empty() {
        storage::remember_upload(&hash, &uuid);
    }
    Ok(uuid)
}
