//! One ZIP of several images, written by the `zip` crate with stored entries (images are
//! compressed already). Bytes pass through wasm a slice at a time and leave it at once: the
//! archive is assembled in JS as a `Blob`, so a large selection never grows wasm memory.

use super::{describe, BrowserError};
use js_sys::{Array, Uint8Array};
use std::io::{Seek, SeekFrom, Write};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// How much of an image passes through wasm at a time.
const SLICE: f64 = 512.0 * 1024.0;

/// A part of the archive: small pieces (headers the writer comes back to patch) stay in
/// wasm; image data goes to JS as it is written.
enum Part {
    Small(Vec<u8>),
    Js(Uint8Array),
}

impl Part {
    fn len(&self) -> u64 {
        match self {
            Part::Small(v) => v.len() as u64,
            Part::Js(a) => u64::from(a.length()),
        }
    }
}

/// A seekable sink whose bytes live mostly in JS.
#[derive(Default)]
struct JsSink {
    parts: Vec<Part>,
    pos: u64,
    len: u64,
}

impl JsSink {
    /// Overwrites bytes inside what was written already (the writer patching a header).
    fn patch(&mut self, mut at: u64, mut buf: &[u8]) {
        let mut start = 0;
        for part in &mut self.parts {
            let end = start + part.len();
            if at < end && !buf.is_empty() {
                let offset = (at - start) as usize;
                let n = ((end - at) as usize).min(buf.len());
                match part {
                    Part::Small(v) => v[offset..offset + n].copy_from_slice(&buf[..n]),
                    Part::Js(a) => a.set(&Uint8Array::from(&buf[..n]), offset as u32),
                }
                buf = &buf[n..];
                at += n as u64;
            }
            start = end;
        }
    }

    fn append(&mut self, buf: &[u8]) {
        if buf.len() >= 16 * 1024 {
            self.parts.push(Part::Js(Uint8Array::from(buf)));
        } else if let Some(Part::Small(v)) = self.parts.last_mut() {
            v.extend_from_slice(buf);
        } else {
            self.parts.push(Part::Small(buf.to_vec()));
        }
    }

    fn into_blob(self) -> Result<Blob, BrowserError> {
        let array = Array::new();
        for part in self.parts {
            match part {
                Part::Small(v) => array.push(&Uint8Array::from(&v[..])),
                Part::Js(a) => array.push(&a),
            };
        }
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/zip");
        Blob::new_with_u8_array_sequence_and_options(&array, &opts)
            .map_err(|e| BrowserError::Read(describe(&e)))
    }
}

impl Write for JsSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let inside = (self.len - self.pos).min(buf.len() as u64) as usize;
        self.patch(self.pos, &buf[..inside]);
        self.append(&buf[inside..]);
        self.pos += buf.len() as u64;
        self.len = self.len.max(self.pos);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Seek for JsSink {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let next = match to {
            SeekFrom::Start(n) => n as i64,
            SeekFrom::End(d) => self.len as i64 + d,
            SeekFrom::Current(d) => self.pos as i64 + d,
        };
        if next < 0 {
            return Err(std::io::Error::other("seek before the start"));
        }
        self.pos = next as u64;
        Ok(self.pos)
    }
}

/// One image to put in the archive.
pub struct Entry {
    pub name: String,
    /// Where its bytes are (a `blob:` URL or the image's link).
    pub src: String,
    /// When it was made (Unix ms), for the entry's date.
    pub made_ms: f64,
}

fn zip_date(ms: f64) -> DateTime {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    DateTime::from_date_and_time(
        d.get_full_year().clamp(1980, 2107) as u16,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
        d.get_hours() as u8,
        d.get_minutes() as u8,
        d.get_seconds() as u8 & !1,
    )
    .unwrap_or_default()
}

fn zip_error(e: impl std::fmt::Display) -> BrowserError {
    BrowserError::Read(e.to_string())
}

/// Writes every entry's bytes, in order, into one archive; `bytes_of` gets an entry's bytes
/// from its `src` (the caller knows where an image that its host will not give can be had).
pub async fn zip_images<F, Fut>(entries: &[Entry], bytes_of: F) -> Result<Blob, BrowserError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<Blob, String>>,
{
    let mut zip = ZipWriter::new(JsSink::default());
    for entry in entries {
        let blob = bytes_of(entry.src.clone())
            .await
            .map_err(|e| BrowserError::Read(format!("{}: {e}", entry.name)))?;
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(zip_date(entry.made_ms));
        zip.start_file(entry.name.as_str(), options)
            .map_err(zip_error)?;
        let size = blob.size();
        let mut at = 0.0;
        while at < size {
            let part = blob
                .slice_with_f64_and_f64(at, (at + SLICE).min(size))
                .map_err(|e| BrowserError::Read(describe(&e)))?;
            let buf = JsFuture::from(part.array_buffer())
                .await
                .map_err(|e| BrowserError::Read(describe(&e)))?;
            zip.write_all(&Uint8Array::new(buf.unchecked_ref()).to_vec())
                .map_err(zip_error)?;
            at += SLICE;
        }
    }
    zip.finish().map_err(zip_error)?.into_blob()
}
