//! Turning a local file into a reference Kling accepts: sniff, check, downscale or convert
//! in the browser (createImageBitmap + OffscreenCanvas), then the browser's own data-URI
//! encoder. Pixels and base64 stay in JS; only a few header bytes enter wasm.

use super::files::{blob_to_file, read_data_url, LocalFile};
use super::{fetch_blob, window, BrowserError};
use crate::domain::refcheck::{
    dimension_problems, is_truncated, plan, sniff, Downscale, Kind, MAX_BYTES, MAX_LONG_SIDE,
};
use crate::domain::text::human_bytes;
use js_sys::{ArrayBuffer, Uint8Array};
use send_wrapper::SendWrapper;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, ImageBitmap, ImageBitmapOptions, ImageEncodeOptions, OffscreenCanvas};

/// Why a file cannot be a reference, as the tray item says it.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum PrepareError {
    #[error("The file is empty (0 bytes).")]
    Empty,
    #[error("This is not an image: its bytes are not JPEG, PNG, WEBP, GIF, BMP or HEIC.")]
    NotImage,
    #[error("This {0} is cut short (truncated); it cannot be sent.")]
    Truncated(&'static str),
    #[error("This {0} is corrupt: the browser cannot decode it.")]
    Corrupt(&'static str),
    /// Too small, too elongated, or both: one message each.
    #[error("{}", .0.join(" "))]
    Dimensions(Vec<String>),
    #[error("{} once encoded: Kling takes at most 10 MB per reference.", human_bytes(*.0))]
    TooLarge(f64),
    #[error("The file could not be read.")]
    Read,
    #[error("The browser could not resize this image.")]
    Resize,
    #[error("The browser could not re-encode this image.")]
    Encode,
    #[error("The browser could not show this image.")]
    Show,
}

impl PrepareError {
    /// One line per problem, for the refused item.
    pub fn problems(&self) -> Vec<String> {
        match self {
            PrepareError::Dimensions(all) => all.clone(),
            other => vec![other.to_string()],
        }
    }
}

async fn bytes_of(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, PrepareError> {
    let part = blob
        .slice_with_f64_and_f64(start.max(0.0), end)
        .map_err(|_| PrepareError::Read)?;
    let buf = JsFuture::from(part.array_buffer())
        .await
        .map_err(|_| PrepareError::Read)?;
    Ok(Uint8Array::new(&buf).to_vec())
}

async fn bitmap(blob: &Blob, resize: Option<(u32, u32)>) -> Result<ImageBitmap, JsValue> {
    let promise = match resize {
        None => window().create_image_bitmap_with_blob(blob)?,
        Some((w, h)) => {
            let opts = ImageBitmapOptions::new();
            opts.set_resize_width(w);
            opts.set_resize_height(h);
            opts.set_resize_quality(web_sys::ResizeQuality::High);
            window().create_image_bitmap_with_blob_and_image_bitmap_options(blob, &opts)?
        }
    };
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// Hex SHA-256 of a blob, computed by the browser (the bytes stay in JS).
pub async fn sha256_hex(blob: &Blob) -> Result<String, BrowserError> {
    let fail = |what: &str| BrowserError::Read(what.to_owned());
    let buf: ArrayBuffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| fail("could not read the file"))?
        .unchecked_into();
    let subtle = window().crypto().map_err(|_| fail("no crypto"))?.subtle();
    let digest = JsFuture::from(
        subtle
            .digest_with_str_and_buffer_source("SHA-256", &buf)
            .map_err(|_| fail("no SHA-256"))?,
    )
    .await
    .map_err(|_| fail("hashing failed"))?;
    Ok(Uint8Array::new(&digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Checks a picked file and prepares it with downscaling on (the default).
pub async fn read_image(file: &File) -> Result<LocalFile, PrepareError> {
    prepare(file, &file.name(), Downscale::ToLimit).await
}

/// Fetches an image (a `blob:` or a CORS-readable URL) and reads it like a local file.
pub async fn fetch_as_local(url: &str, name: &str) -> Result<LocalFile, BrowserError> {
    let blob = fetch_blob(url).await?;
    let file = blob_to_file(&blob, name)?;
    prepare(&file, name, Downscale::ToLimit)
        .await
        .map_err(|e| BrowserError::Read(e.to_string()))
}

/// What the first and last bytes say: the kind, or why the file is refused at once.
async fn sniff_blob(blob: &Blob) -> Result<Kind, PrepareError> {
    let size = blob.size();
    if size == 0.0 {
        return Err(PrepareError::Empty);
    }
    let kind = sniff(&bytes_of(blob, 0.0, 64.0).await?);
    if kind == Kind::Unknown {
        return Err(PrepareError::NotImage);
    }
    if is_truncated(kind, &bytes_of(blob, size - 32.0, size).await?) {
        return Err(PrepareError::Truncated(kind.label()));
    }
    Ok(kind)
}

/// Checks and prepares `blob` (named `name`) for sending.
pub async fn prepare(
    blob: &Blob,
    name: &str,
    downscale: Downscale,
) -> Result<LocalFile, PrepareError> {
    let kind = sniff_blob(blob).await?;
    // Decode and encode at once: the browser runs both off the main thread, so a file that
    // needs no conversion costs little more than `readAsDataURL` alone.
    let as_is = kind.sendable_as_is();
    let (decoded, early_uri) = futures::future::join(bitmap(blob, None), async {
        match as_is {
            true => read_data_url(blob).await.ok(),
            false => None,
        }
    })
    .await;
    let original = decoded.map_err(|_| PrepareError::Corrupt(kind.label()))?;
    let (width, height) = (original.width(), original.height());
    original.close();
    let problems = dimension_problems(width, height);
    if !problems.is_empty() {
        return Err(PrepareError::Dimensions(problems));
    }
    let plan = plan(kind, width, height, downscale);
    let (sent, sent_w, sent_h) = match plan.encode {
        None => (blob.clone(), width, height),
        Some(target) => {
            let bmp = bitmap(blob, plan.resize)
                .await
                .map_err(|_| PrepareError::Resize)?;
            let (w, h) = (bmp.width(), bmp.height());
            let out = encode(&bmp, target.mime()).await;
            bmp.close();
            (out?, w, h)
        }
    };
    if sent.size() > MAX_BYTES {
        return Err(PrepareError::TooLarge(sent.size()));
    }
    let data_uri = match (plan.encode, early_uri) {
        (None, Some(uri)) => uri,
        _ => read_data_url(&sent).await.map_err(|_| PrepareError::Read)?,
    };
    let thumb_url =
        web_sys::Url::create_object_url_with_blob(&sent).map_err(|_| PrepareError::Show)?;
    let note = match (plan.resize, plan.encode) {
        (Some(_), _) => Some(format!(
            "Downscaled from {width} × {height}, {}",
            human_bytes(blob.size())
        )),
        (None, Some(t)) => Some(format!(
            "Converted from {} to {}",
            kind.label(),
            t.mime().trim_start_matches("image/").to_ascii_uppercase()
        )),
        _ => None,
    };
    Ok(LocalFile {
        name: name.to_owned(),
        bytes: sent.size(),
        width: sent_w,
        height: sent_h,
        mime: sent.type_(),
        note,
        downscaled: plan.resize.is_some(),
        oversized: width.max(height) > MAX_LONG_SIDE,
        downscale,
        sent: SendWrapper::new(sent.clone()),
        thumb_url,
        data_uri: SendWrapper::new(data_uri),
        original: SendWrapper::new(blob.clone()),
    })
}

async fn encode(bmp: &ImageBitmap, mime: &str) -> Result<Blob, PrepareError> {
    let fail = |_| PrepareError::Encode;
    let canvas = OffscreenCanvas::new(bmp.width(), bmp.height()).map_err(fail)?;
    let ctx: web_sys::OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail)?
        .ok_or(PrepareError::Encode)?
        .unchecked_into();
    ctx.draw_image_with_image_bitmap(bmp, 0.0, 0.0)
        .map_err(fail)?;
    let opts = ImageEncodeOptions::new();
    opts.set_type(mime);
    opts.set_quality(0.92);
    let blob = JsFuture::from(canvas.convert_to_blob_with_options(&opts).map_err(fail)?)
        .await
        .map_err(fail)?;
    Ok(blob.unchecked_into())
}
