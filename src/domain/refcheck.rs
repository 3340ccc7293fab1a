//! Reference image checks that need only bytes and numbers: what a file really is (by its
//! first bytes, never its name or declared type), whether it was cut short, whether its size
//! and shape are acceptable to Kling, and how it must be converted before sending.

/// What the first bytes say a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png { alpha: bool },
    Webp { alpha: bool },
    Gif,
    Bmp,
    Heic,
    Unknown,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png { .. } => "PNG",
            Kind::Webp { .. } => "WEBP",
            Kind::Gif => "GIF",
            Kind::Bmp => "BMP",
            Kind::Heic => "HEIC",
            Kind::Unknown => "unknown",
        }
    }

    /// Kling accepts JPEG and PNG as they are; everything else is converted.
    pub fn sendable_as_is(self) -> bool {
        matches!(self, Kind::Jpeg | Kind::Png { .. })
    }

    /// Whether converting should keep an alpha channel (so PNG rather than JPEG).
    pub fn may_have_alpha(self) -> bool {
        matches!(
            self,
            Kind::Png { alpha: true } | Kind::Webp { alpha: true } | Kind::Gif
        )
    }
}

/// Identifies the format from the first bytes (at least 32 are needed for PNG/WEBP details).
pub fn sniff(head: &[u8]) -> Kind {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        // IHDR colour type at byte 25: 4 (grey+alpha) and 6 (RGBA) carry alpha; palette and
        // other types may use a tRNS chunk, which we cannot see here, so treat 3 as alpha too.
        let alpha = matches!(head.get(25), Some(3 | 4 | 6));
        Kind::Png { alpha }
    } else if head.len() >= 16 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        let alpha = match &head[12..16] {
            b"VP8L" => true,
            b"VP8X" => head.get(20).is_some_and(|flags| flags & 0x10 != 0),
            _ => false,
        };
        Kind::Webp { alpha }
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Kind::Gif
    } else if head.starts_with(b"BM") && head.len() >= 14 {
        Kind::Bmp
    } else if head.len() >= 12
        && &head[4..8] == b"ftyp"
        && matches!(
            &head[8..12],
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" | b"avif"
        )
    {
        Kind::Heic
    } else {
        Kind::Unknown
    }
}

/// A JPEG must end with its end-of-image marker and a PNG with its IEND chunk; a file cut
/// short in transfer does not, even when a browser would still paint part of it.
pub fn is_truncated(kind: Kind, tail: &[u8]) -> bool {
    match kind {
        // Some writers pad after EOI; look for the marker near the end.
        Kind::Jpeg => !tail.windows(2).any(|w| w == [0xFF, 0xD9]),
        Kind::Png { .. } => !tail.ends_with(&[0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]),
        _ => false,
    }
}

pub const MIN_SIDE: u32 = 300;
pub const MAX_RATIO: f64 = 2.5;
/// Runware stores references at most this long on their long side.
pub const MAX_LONG_SIDE: u32 = 2048;
/// Kling's limit for one reference, in bytes as sent.
pub const MAX_BYTES: f64 = 10_000_000.0;

/// Problems with pixel dimensions, as messages for the tray item.
pub fn dimension_problems(width: u32, height: u32) -> Vec<String> {
    let mut out = Vec::new();
    if width < MIN_SIDE || height < MIN_SIDE {
        out.push(format!(
            "{width} × {height} is too small: Kling needs at least {MIN_SIDE} px on each side."
        ));
    }
    let ratio = f64::from(width.max(1)) / f64::from(height.max(1));
    if !(1.0 / MAX_RATIO..=MAX_RATIO).contains(&ratio) {
        out.push(format!(
            "{width} × {height} is too elongated: the aspect ratio must be between 1:2.5 and 2.5:1."
        ));
    }
    out
}

/// What the browser must do to a file before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// New pixel size, when downscaling.
    pub resize: Option<(u32, u32)>,
    /// Re-encode as PNG (keeps alpha) rather than JPEG; `None` sends the file untouched.
    pub encode: Option<Target>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Png,
    Jpeg,
}

impl Target {
    pub fn mime(self) -> &'static str {
        match self {
            Target::Png => "image/png",
            Target::Jpeg => "image/jpeg",
        }
    }
}

/// Whether a reference longer than 2048 px is made smaller before it is sent (the user's choice,
/// per image).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Downscale {
    /// To 2048 px on the long side, what Runware keeps anyway.
    #[default]
    ToLimit,
    /// Sent at its own size.
    Off,
}

impl Downscale {
    pub fn toggled(self) -> Downscale {
        match self {
            Downscale::ToLimit => Downscale::Off,
            Downscale::Off => Downscale::ToLimit,
        }
    }
}

/// Downscale when longer than 2048 px (unless the user turned it off for this image), and
/// convert any format Kling does not take. Alpha stays (PNG); photos become JPEG.
pub fn plan(kind: Kind, width: u32, height: u32, downscale: Downscale) -> Plan {
    let long = width.max(height);
    let resize = (downscale == Downscale::ToLimit && long > MAX_LONG_SIDE).then(|| {
        let scale = f64::from(MAX_LONG_SIDE) / f64::from(long);
        let w = (f64::from(width) * scale).round().max(1.0) as u32;
        let h = (f64::from(height) * scale).round().max(1.0) as u32;
        (w, h)
    });
    let target = if kind.may_have_alpha() {
        Target::Png
    } else if matches!(kind, Kind::Png { .. }) {
        // An opaque PNG stays PNG when only resized: no surprise change of format.
        Target::Png
    } else {
        Target::Jpeg
    };
    let encode = (resize.is_some() || !kind.sendable_as_is()).then_some(target);
    Plan { resize, encode }
}
