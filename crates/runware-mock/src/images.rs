//! Real image bytes: drawn deterministically from prompt and seed, encoded as asked;
//! and reference images decoded to learn their size.

use crate::contract::Format;
use base64::Engine;
use image::{ImageEncoder, RgbImage};

/// A 64-bit FNV-1a hash: stable across runs and platforms, unlike `DefaultHasher`.
pub fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A seed as Runware reports them: a positive 31-bit integer.
pub fn seed_for(prompt: &str, task_uuid: &str, index: usize) -> i64 {
    (fnv(&[
        prompt.as_bytes(),
        task_uuid.as_bytes(),
        &index.to_le_bytes(),
    ]) & 0x7fff_ffff) as i64
}

/// Draws a picture that depends only on `prompt` and `seed`: the prompt picks the palette,
/// the seed the composition, so two seeds of one prompt look related but clearly different.
pub fn render(prompt: &str, seed: i64, width: u32, height: u32) -> RgbImage {
    let p = fnv(&[prompt.as_bytes()]);
    let s = fnv(&[&seed.to_le_bytes()]);
    let c1 = [(p >> 8) as u8, (p >> 16) as u8, (p >> 24) as u8];
    let c2 = [(p >> 32) as u8, (p >> 40) as u8, (p >> 48) as u8];
    let accent = [
        (s >> 8) as u8 | 0x80,
        (s >> 16) as u8,
        (s >> 24) as u8 | 0x40,
    ];
    let (w, h) = (width as i64, height as i64);
    let cx = (s % w as u64) as i64;
    let cy = ((s >> 20) % h as u64) as i64;
    let radius = (w.min(h) / 6) + ((s >> 40) % (w.min(h) as u64 / 4).max(1)) as i64;
    let stripe = 24 + ((s >> 48) % 64) as i64;
    let r2 = radius * radius;
    let mut img = RgbImage::new(width, height);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (x, y) = (x as i64, y as i64);
        let t = ((x + y) * 255 / (w + h)) as u16;
        let mut c = [0u8; 3];
        for i in 0..3 {
            c[i] = ((u16::from(c1[i]) * (255 - t) + u16::from(c2[i]) * t) / 255) as u8;
        }
        let (dx, dy) = (x - cx, y - cy);
        let d2 = dx * dx + dy * dy;
        if d2 < r2 {
            c = accent;
        } else if ((x - y).rem_euclid(stripe * 2)) < stripe / 3 {
            c = [c[0] / 2, c[1] / 2, c[2] / 2];
        }
        *px = image::Rgb(c);
    }
    img
}

/// Encodes honouring `outputQuality` where the format has one (JPG; PNG maps it to compression
/// effort). The `image` crate's WEBP encoder is lossless only, so WEBP ignores quality.
pub fn encode(img: &RgbImage, format: Format, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = img.dimensions();
    let res = match format {
        Format::Jpg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100))
                .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        }
        Format::Png => {
            use image::codecs::png::{CompressionType, FilterType, PngEncoder};
            let effort = if quality >= 80 {
                CompressionType::Fast
            } else {
                CompressionType::Default
            };
            PngEncoder::new_with_quality(&mut out, effort, FilterType::Adaptive).write_image(
                img.as_raw(),
                w,
                h,
                image::ExtendedColorType::Rgb8,
            )
        }
        Format::Webp => image::codecs::webp::WebPEncoder::new_lossless(&mut out).write_image(
            img.as_raw(),
            w,
            h,
            image::ExtendedColorType::Rgb8,
        ),
    };
    res.expect("encoding into memory cannot fail");
    out
}

/// Bytes of a data URI or bare base64 reference, or `None` if it is neither.
pub fn reference_bytes(reference: &str) -> Option<Result<Vec<u8>, String>> {
    let payload = if let Some(rest) = reference.strip_prefix("data:") {
        rest.split_once(";base64,").map(|(_, p)| p)?
    } else if crate::contract::is_base64(reference) {
        reference
    } else {
        return None;
    };
    Some(
        base64::engine::general_purpose::STANDARD
            .decode(payload)
            .map_err(|e| format!("not valid base64 ({e})")),
    )
}

/// Fully decodes image bytes (a truncated file fails here) and returns its size.
pub fn decode_dims(bytes: &[u8]) -> Result<(u32, u32), String> {
    let img = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map_err(|e| format!("not a decodable image ({e})"))?;
    Ok((img.width(), img.height()))
}

pub fn to_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
