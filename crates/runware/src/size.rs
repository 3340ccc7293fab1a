//! The 16 output sizes Kling IMAGE O1 accepts, as aspect ratio x tier.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Output tier; also the wire value of `resolution`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Resolution {
    #[serde(rename = "1k")]
    K1,
    #[serde(rename = "2k")]
    K2,
}

impl Resolution {
    pub const ALL: [Resolution; 2] = [Resolution::K1, Resolution::K2];
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::K1 => "1k",
            Resolution::K2 => "2k",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "1k" => Some(Resolution::K1),
            "2k" => Some(Resolution::K2),
            _ => None,
        }
    }
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The eight aspect ratios of the contract's size table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aspect {
    Square,
    Landscape3x2,
    Portrait2x3,
    Landscape4x3,
    Portrait3x4,
    Portrait9x16,
    Landscape16x9,
    Wide21x9,
}

impl Aspect {
    pub const ALL: [Aspect; 8] = [
        Aspect::Square,
        Aspect::Landscape3x2,
        Aspect::Portrait2x3,
        Aspect::Landscape4x3,
        Aspect::Portrait3x4,
        Aspect::Portrait9x16,
        Aspect::Landscape16x9,
        Aspect::Wide21x9,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Aspect::Square => "1:1",
            Aspect::Landscape3x2 => "3:2",
            Aspect::Portrait2x3 => "2:3",
            Aspect::Landscape4x3 => "4:3",
            Aspect::Portrait3x4 => "3:4",
            Aspect::Portrait9x16 => "9:16",
            Aspect::Landscape16x9 => "16:9",
            Aspect::Wide21x9 => "21:9",
        }
    }

    /// Width and height in pixels at a tier, straight from the contract's table.
    pub fn dims(self, tier: Resolution) -> (u32, u32) {
        let (w, h) = match self {
            Aspect::Square => (1024, 1024),
            Aspect::Landscape3x2 => (1248, 832),
            Aspect::Portrait2x3 => (832, 1248),
            Aspect::Landscape4x3 => (1168, 880),
            Aspect::Portrait3x4 => (880, 1168),
            Aspect::Portrait9x16 => (768, 1360),
            Aspect::Landscape16x9 => (1360, 768),
            Aspect::Wide21x9 => (1552, 656),
        };
        match tier {
            Resolution::K1 => (w, h),
            Resolution::K2 => (w * 2, h * 2),
        }
    }
}

/// One of exactly 16 allowed width x height pairs; no other value can be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Size {
    aspect: Aspect,
    tier: Resolution,
}

impl Size {
    pub fn new(aspect: Aspect, tier: Resolution) -> Self {
        Size { aspect, tier }
    }

    /// All 16 sizes, 1k first, in the contract's column order.
    pub fn all() -> impl Iterator<Item = Size> {
        Resolution::ALL
            .into_iter()
            .flat_map(|t| Aspect::ALL.into_iter().map(move |a| Size::new(a, t)))
    }

    /// The size with exactly these pixels, if it is one of the 16.
    pub fn from_dims(width: i64, height: i64) -> Option<Size> {
        Size::all().find(|s| {
            let (w, h) = s.dims();
            i64::from(w) == width && i64::from(h) == height
        })
    }

    /// The allowed size at `tier` whose aspect is closest to `width / height`
    /// (compared on a log scale, so 2:1 and 1:2 are equally far from 1:1).
    pub fn nearest(width: u32, height: u32, tier: Resolution) -> Size {
        let target = (f64::from(width.max(1)) / f64::from(height.max(1))).ln();
        let distance = |a: &Aspect| {
            let (w, h) = a.dims(tier);
            ((f64::from(w) / f64::from(h)).ln() - target).abs()
        };
        let aspect = Aspect::ALL
            .into_iter()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
            .unwrap_or(Aspect::Square);
        Size::new(aspect, tier)
    }

    pub fn aspect(self) -> Aspect {
        self.aspect
    }
    pub fn tier(self) -> Resolution {
        self.tier
    }
    pub fn width(self) -> u32 {
        self.dims().0
    }
    pub fn height(self) -> u32 {
        self.dims().1
    }
    pub fn dims(self) -> (u32, u32) {
        self.aspect.dims(self.tier)
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (w, h) = self.dims();
        write!(f, "{} {} ({w} x {h})", self.aspect.label(), self.tier)
    }
}
