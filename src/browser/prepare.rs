//! Turning a local file into a reference Kling accepts: sniff, check, downscale or convert
//! in the browser (createImageBitmap + OffscreenCanvas), then the browser's own data-URI
//! encoder. Pixels and base64 stay in JS; only a few header bytes enter wasm.

use super::files::LocalFile;
use super::window;
use crate::domain::payload::human_bytes;
use crate::domain::refcheck::{dimension_problems, is_truncated, plan, sniff, Kind, MAX_BYTES};
use js_sys::{ArrayBuffer, Uint8Array};
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ImageBitmap, ImageBitmapOptions, ImageEncodeOptions, OffscreenCanvas};

async fn bytes_of(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = blob
        .slice_with_f64_and_f64(start.max(0.0), end)
        .map_err(|_| "could not read the file".to_string())?;
    let buf = JsFuture::from(part.array_buffer())
        .await
        .map_err(|_| "could not read the file".to_string())?;
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
pub async fn sha256_hex(blob: &Blob) -> Result<String, String> {
    let buf: ArrayBuffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| "could not read the file".to_string())?
        .unchecked_into();
    let subtle = window()
        .crypto()
        .map_err(|_| "no crypto".to_string())?
        .subtle();
    let digest = JsFuture::from(
        subtle
            .digest_with_str_and_buffer_source("SHA-256", &buf)
            .map_err(|_| "no SHA-256".to_string())?,
    )
    .await
    .map_err(|_| "hashing failed".to_string())?;
    Ok(Uint8Array::new(&digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Checks and prepares `blob` (named `name`) for sending. `Err` holds the messages to show on
/// the refused item.
pub async fn prepare(blob: &Blob, name: &str, downscale: bool) -> Result<LocalFile, Vec<String>> {
    let size = blob.size();
    if size == 0.0 {
        return Err(vec!["The file is empty (0 bytes).".into()]);
    }
    let head = bytes_of(blob, 0.0, 64.0).await.map_err(|e| vec![e])?;
    let kind = sniff(&head);
    if kind == Kind::Unknown {
        return Err(vec![
            "This is not an image: its bytes are not JPEG, PNG, WEBP, GIF, BMP or HEIC.".into(),
        ]);
    }
    let tail = bytes_of(blob, size - 32.0, size)
        .await
        .map_err(|e| vec![e])?;
    if is_truncated(kind, &tail) {
        return Err(vec![format!(
            "This {} is cut short (truncated); it cannot be sent.",
            kind.label()
        )]);
    }
    // Decode and encode at once: the browser runs both off the main thread, so a file that
    // needs no conversion costs little more than `readAsDataURL` alone.
    let as_is = kind.sendable_as_is();
    let (decoded, early_uri) = futures::future::join(bitmap(blob, None), async {
        match as_is {
            true => super::files::read_data_url(blob).await.ok(),
            false => None,
        }
    })
    .await;
    let original = decoded.map_err(|_| {
        vec![format!(
            "This {} is corrupt: the browser cannot decode it.",
            kind.label()
        )]
    })?;
    let (width, height) = (original.width(), original.height());
    original.close();
    let problems = dimension_problems(width, height);
    if !problems.is_empty() {
        return Err(problems);
    }
    let plan = plan(kind, width, height, downscale);
    let (sent, sent_w, sent_h) = match plan.encode {
        None => (blob.clone(), width, height),
        Some(target) => {
            let bmp = bitmap(blob, plan.resize)
                .await
                .map_err(|_| vec!["The browser could not resize this image.".to_string()])?;
            let (w, h) = (bmp.width(), bmp.height());
            let out = encode(&bmp, target.mime()).await;
            bmp.close();
            (out.map_err(|e| vec![e])?, w, h)
        }
    };
    if sent.size() > MAX_BYTES {
        return Err(vec![format!(
            "{} once encoded: Kling takes at most 10 MB per reference.",
            human_bytes(sent.size())
        )]);
    }
    let data_uri = match (plan.encode, early_uri) {
        (None, Some(uri)) => uri,
        _ => super::files::read_data_url(&sent)
            .await
            .map_err(|e| vec![e.to_string()])?,
    };
    let thumb_url = web_sys::Url::create_object_url_with_blob(&sent)
        .map_err(|_| vec!["The browser could not show this image.".to_string()])?;
    let note = match (plan.resize, plan.encode) {
        (Some(_), _) => Some(format!(
            "Downscaled from {width} × {height}, {}",
            human_bytes(size)
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
        oversized: width.max(height) > crate::domain::refcheck::MAX_LONG_SIDE,
        downscale,
        sent: SendWrapper::new(sent.clone()),
        thumb_url,
        data_uri: SendWrapper::new(data_uri),
        original: SendWrapper::new(blob.clone()),
    })
}

async fn encode(bmp: &ImageBitmap, mime: &str) -> Result<Blob, String> {
    let fail = |_| "The browser could not re-encode this image.".to_string();
    let canvas = OffscreenCanvas::new(bmp.width(), bmp.height()).map_err(fail)?;
    let ctx: web_sys::OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail)?
        .ok_or_else(|| "no 2d canvas".to_string())?
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
