//! Local reference files as the tray holds them, and the browser's own base64 encoder.

use super::{describe, BrowserError};
use js_sys::{JsString, Promise};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FileReader};

/// A reference ready to send: its data URI stays a JS string.
#[derive(Clone, Debug)]
pub struct LocalFile {
    pub name: String,
    /// Bytes, pixels and type as sent (after any downscaling or conversion).
    pub bytes: f64,
    pub width: u32,
    pub height: u32,
    pub mime: String,
    /// "Downscaled from 4000 × 3000, 8.1 MB", "Converted from WEBP to PNG".
    pub note: Option<String>,
    pub downscaled: bool,
    /// Longer than 2048 px on its long side as picked (so downscaling is on offer).
    pub oversized: bool,
    /// The user's per-image choice; re-preparing with the other value toggles it.
    pub downscale: crate::domain::refcheck::Downscale,
    /// The bytes as sent (hashed for the upload-once cache only when that is on).
    pub sent: SendWrapper<Blob>,
    /// `blob:` URL for the thumbnail; revoked when the item is removed.
    pub thumb_url: String,
    pub data_uri: SendWrapper<JsString>,
    /// The file as picked, to prepare again.
    pub original: SendWrapper<Blob>,
}

impl PartialEq for LocalFile {
    fn eq(&self, other: &Self) -> bool {
        self.thumb_url == other.thumb_url
    }
}

impl LocalFile {
    /// Length of the data URI, i.e. what it adds to the request body.
    pub fn encoded_len(&self) -> u32 {
        self.data_uri.length()
    }
}

/// The browser's own base64: `FileReader.readAsDataURL`, result kept as a JS string.
pub async fn read_data_url(blob: &Blob) -> Result<JsString, BrowserError> {
    let reader = FileReader::new().map_err(|e| BrowserError::Read(describe(&e)))?;
    let done = Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader
        .read_as_data_url(blob)
        .map_err(|e| BrowserError::Read(describe(&e)))?;
    JsFuture::from(done)
        .await
        .map_err(|_| BrowserError::Read("the browser could not read it".into()))?;
    reader.set_onload(None);
    reader.set_onerror(None);
    reader
        .result()
        .map_err(|e| BrowserError::Read(describe(&e)))?
        .dyn_into()
        .map_err(|_| BrowserError::Read("unexpected reader result".into()))
}

/// A stored Blob as a named `File`, for the preparation pipeline.
pub fn blob_to_file(blob: &Blob, name: &str) -> Result<File, BrowserError> {
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type(&blob.type_());
    File::new_with_blob_sequence_and_options(&js_sys::Array::of1(blob), name, &opts)
        .map_err(|e| BrowserError::Read(describe(&e)))
}

/// A text file's contents (a CSV shot list).
pub async fn read_text(file: &web_sys::File) -> Result<String, BrowserError> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| BrowserError::Read(format!("{} could not be read.", file.name())))
}
