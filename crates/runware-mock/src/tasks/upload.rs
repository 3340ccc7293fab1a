//! `imageUpload`: a reference stored once, answered with an image UUID that later tasks may
//! use in its place.

use super::{claim_uuid, string_field, Fail, Outcome};
use crate::contract::{is_http_url, is_uuid_v4};
use crate::{images, Mock};
use runware::ResultItem;
use serde_json::Value;
use std::sync::Arc;

pub(super) async fn image_upload(mock: &Arc<Mock>, raw: &Value) -> Outcome {
    let task_uuid = string_field(raw, "taskUUID")?;
    let image = string_field(raw, "image")?;
    if !is_uuid_v4(&task_uuid) {
        return Err(Fail::bad(
            "invalidTaskUUID",
            "taskUUID",
            "taskUUID must be a UUID version 4.",
        ));
    }
    let dims = match images::reference_bytes(&image) {
        Some(Ok(bytes)) => tokio::task::spawn_blocking(move || images::decode_dims(&bytes))
            .await
            .expect("decoder thread"),
        Some(Err(e)) => Err(e),
        None if is_http_url(&image) => Ok((1024, 1024)),
        None => Err("not a data URI, base64 or URL".to_owned()),
    }
    .map_err(|e| {
        Fail::bad(
            "invalidImage",
            "image",
            format!("The image could not be read: {e}."),
        )
    })?;
    claim_uuid(mock, &task_uuid)?;
    let image_uuid = uuid::Uuid::new_v4().to_string();
    mock.inner
        .lock()
        .unwrap()
        .known_images
        .insert(image_uuid.clone(), dims);
    Ok(vec![ResultItem {
        task_type: Some("imageUpload".into()),
        task_uuid: Some(task_uuid),
        image_uuid: Some(image_uuid),
        ..Default::default()
    }])
}
