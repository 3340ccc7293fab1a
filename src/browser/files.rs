//! Local reference files: the browser's own base64 encoder, pixel size, thumbnails.

use super::{describe, window, BrowserError};
use js_sys::{JsString, Promise};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FileReader};

/// A file read for sending: its data URI stays a JS string.
#[derive(Clone, Debug)]
pub struct LocalFile {
    pub name: String,
    pub bytes: f64,
    pub width: u32,
    pub height: u32,
    /// `blob:` URL for the thumbnail; revoked when the item is removed.
    pub thumb_url: String,
    pub data_uri: SendWrapper<JsString>,
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

/// Reads `file` as a data URI with `FileReader.readAsDataURL` and measures it.
pub async fn read_image(file: &File) -> Result<LocalFile, BrowserError> {
    let (width, height) = image_size(file).await?;
    let reader = FileReader::new().map_err(|e| BrowserError::Read(describe(&e)))?;
    let done = Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader
        .read_as_data_url(file)
        .map_err(|e| BrowserError::Read(describe(&e)))?;
    JsFuture::from(done)
        .await
        .map_err(|_| BrowserError::Read("the browser could not read it".into()))?;
    reader.set_onload(None);
    reader.set_onerror(None);
    let data_uri: JsString = reader
        .result()
        .map_err(|e| BrowserError::Read(describe(&e)))?
        .dyn_into()
        .map_err(|_| BrowserError::Read("unexpected reader result".into()))?;
    let thumb_url = web_sys::Url::create_object_url_with_blob(file)
        .map_err(|e| BrowserError::Read(describe(&e)))?;
    Ok(LocalFile {
        name: file.name(),
        bytes: file.size(),
        width,
        height,
        thumb_url,
        data_uri: SendWrapper::new(data_uri),
    })
}

/// Decodes the image to learn its pixel size; fails for anything that is not an image.
pub async fn image_size(blob: &Blob) -> Result<(u32, u32), BrowserError> {
    let promise = window()
        .create_image_bitmap_with_blob(blob)
        .map_err(|_| BrowserError::NotImage)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| BrowserError::NotImage)?
        .unchecked_into();
    let size = (bitmap.width(), bitmap.height());
    bitmap.close();
    Ok(size)
}

/// Fetches an image (a `blob:` or a CORS-readable URL) and reads it like a local file.
pub async fn fetch_as_local(url: &str, name: &str) -> Result<LocalFile, BrowserError> {
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| BrowserError::Read(describe(&e)))?
        .unchecked_into();
    if !resp.ok() {
        return Err(BrowserError::Read(format!("HTTP {}", resp.status())));
    }
    let blob: Blob = JsFuture::from(resp.blob().map_err(|e| BrowserError::Read(describe(&e)))?)
        .await
        .map_err(|e| BrowserError::Read(describe(&e)))?
        .unchecked_into();
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type(&blob.type_());
    let file = File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&blob), name, &opts)
        .map_err(|e| BrowserError::Read(describe(&e)))?;
    read_image(&file).await
}
