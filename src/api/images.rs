//! Result images as bytes: from their own URL, or through the site's image path when their
//! host does not let a page read them (`domain::images::proxied`).

use crate::browser::{describe, window};
use crate::domain::images::proxied;
use thiserror::Error;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Response};

/// Why an image's bytes could not be had.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ImageError {
    /// The host answered that the image is not there (expired, deleted).
    #[error("The image is no longer on the server ({0}).")]
    Gone(u16),
    /// Nothing usable came back (refused, no connection, not an image).
    #[error("The image could not be fetched: {0}.")]
    Unavailable(String),
}

async fn get(url: &str) -> Result<Blob, ImageError> {
    let resp: Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| ImageError::Unavailable(describe(&e)))?
        .unchecked_into();
    match resp.status() {
        404 | 410 => return Err(ImageError::Gone(resp.status())),
        _ if !resp.ok() => {
            return Err(ImageError::Unavailable(format!("HTTP {}", resp.status())));
        }
        _ => {}
    }
    let blob: Blob = JsFuture::from(
        resp.blob()
            .map_err(|e| ImageError::Unavailable(describe(&e)))?,
    )
    .await
    .map_err(|e| ImageError::Unavailable(describe(&e)))?
    .unchecked_into();
    // A page in place of the image (a site's fallback for unknown paths) is not an image.
    if blob.type_().starts_with("image/") {
        Ok(blob)
    } else {
        Err(ImageError::Unavailable(format!("got {}", blob.type_())))
    }
}

/// The image's bytes: straight from its URL, else through the image path next to `endpoint`.
pub async fn image_bytes(url: &str, endpoint: &str) -> Result<Blob, ImageError> {
    match get(url).await {
        Ok(blob) => Ok(blob),
        Err(direct) => match proxied(endpoint, url) {
            Some(path) => get(&path).await.map_err(|e| match (&direct, e) {
                (ImageError::Gone(s), _) => ImageError::Gone(*s),
                (_, e) => e,
            }),
            None => Err(direct),
        },
    }
}

/// A result's bytes for saving or exporting: its own when it is a `blob:` or `data:` URL (a
/// kept copy), else through `image_bytes` and its fallback.
pub async fn result_bytes(src: &str, endpoint: &str) -> Result<Blob, String> {
    if src.starts_with("blob:") || src.starts_with("data:") {
        crate::browser::fetch_blob(src)
            .await
            .map_err(|e| e.to_string())
    } else {
        image_bytes(src, endpoint).await.map_err(|e| e.to_string())
    }
}
