//! Request bodies, written from the protocol's serde types. Local references' data URIs are
//! never serialised: each stands as a placeholder in the JSON, and the body is assembled as a
//! `Blob` of JS strings with the browser's own data URI in its place, so megabytes of base64
//! never pass through wasm memory.

use super::client::Body;
use crate::domain::payload::{curl_prefix, curl_suffix, split_at_placeholders, Segment};
use crate::domain::Built;
use js_sys::{Array, JsString};
use runware::{AccountManagement, AccountOperation, GetResponse, ImageUpload, Task};
use wasm_bindgen::JsValue;

/// The data URI of each reference, in order; `None` for references sent as text.
pub type DataUris = [Option<JsString>];

fn text(t: impl Into<String>) -> JsValue {
    JsValue::from(JsString::from(t.into()))
}

fn splice(segments: Vec<Segment>, data_uris: &DataUris) -> Array {
    segments
        .into_iter()
        .map(|seg| match seg {
            Segment::Json(json) => text(json),
            Segment::Reference(i) => match data_uris.get(i) {
                Some(Some(uri)) => JsValue::from(uri.clone()),
                _ => text(""),
            },
        })
        .collect()
}

/// The body that sends `built`.
pub fn task_body(built: &Built, data_uris: &DataUris) -> Body {
    Body::from_parts(&splice(built.body_segments(), data_uris))
}

/// How the payload is copied for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyAs {
    Json,
    /// A shell command whose key is the variable `$RUNWARE_API_KEY`, never its value.
    Curl,
}

/// The exact JSON `built` sends, as one JS string (for the clipboard).
pub fn task_text(built: &Built, data_uris: &DataUris, how: CopyAs) -> JsString {
    let parts = splice(built.body_segments(), data_uris);
    let all = match how {
        CopyAs::Json => parts,
        CopyAs::Curl => Array::of1(&text(curl_prefix()))
            .concat(&parts)
            .concat(&Array::of1(&text(curl_suffix()))),
    };
    all.join("")
}

fn one_task(task: Task) -> String {
    serde_json::to_string(&[task]).expect("tasks always serialise")
}

/// `getResponse` for an async task.
pub fn get_response(task_uuid: &str) -> Body {
    Body::json(&one_task(Task::GetResponse(GetResponse {
        task_uuid: task_uuid.to_owned(),
    })))
}

/// `accountManagement` `getDetails`.
pub fn account_details(task_uuid: &str) -> Body {
    Body::json(&one_task(Task::AccountManagement(AccountManagement {
        task_uuid: task_uuid.to_owned(),
        operation: AccountOperation::GetDetails,
    })))
}

/// `imageUpload` of one local reference. The placeholder cannot collide: the only other
/// string in the task is a UUID.
pub fn image_upload(task_uuid: &str, data_uri: &JsString) -> Body {
    const PLACEHOLDER: &str = "KLUPLOADIMAGE";
    let json = one_task(Task::ImageUpload(ImageUpload {
        task_uuid: task_uuid.to_owned(),
        image: PLACEHOLDER.to_owned(),
    }));
    let segments = split_at_placeholders(&json, &[Some(PLACEHOLDER.to_owned())]);
    Body::from_parts(&splice(segments, &[Some(data_uri.clone())]))
}
