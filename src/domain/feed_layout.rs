//! The feed's geometry: each job's images in rows at their own aspect ratio, large and never
//! letterboxed, and which jobs are on screen so only those are in the page. Every block's
//! height follows from its images alone (its line is one line high, its reasons live in its
//! tiles), so the arithmetic is exact at any scroll position.

/// Sizes of the feed, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeedSpec {
    /// The row height aimed at; rows fill the width at about this height.
    pub target_row: f64,
    /// Rows are never taller than this (a single wide image would otherwise fill the screen).
    pub max_row: f64,
    /// Between tiles, and between rows.
    pub gap: f64,
    /// The job's one line above its images.
    pub line: f64,
    /// Between one job and the next.
    pub block_gap: f64,
    /// Extra height kept in the page above and below what is visible.
    pub overscan: f64,
}

impl FeedSpec {
    /// The sizes for a feed this wide: phones aim lower, so a portrait image is not a page.
    pub fn for_width(width: f64) -> FeedSpec {
        let phone = width < 560.0;
        FeedSpec {
            target_row: if phone { 240.0 } else { 280.0 },
            max_row: if phone { 420.0 } else { 320.0 },
            gap: if phone { 6.0 } else { 8.0 },
            // A phone's line has two rows: the state and actions, then the prompt.
            line: if phone { 60.0 } else { 40.0 },
            block_gap: if phone { 20.0 } else { 28.0 },
            overscan: 800.0,
        }
    }
}

/// How one job's tiles are laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tiles {
    pub per_row: usize,
    pub rows: usize,
    pub tile_width: f64,
    pub row_height: f64,
}

/// Lays out `count` tiles of aspect `aspect` (width / height) in `width`: as many per row as
/// keeps the row height closest to the target, never taller than the maximum, and rows that
/// leave much of the width empty count as a miss too (a 21:9 pair fills a row better than one
/// wide image beside a gap).
pub fn tiles(count: usize, aspect: f64, width: f64, spec: FeedSpec) -> Tiles {
    let count = count.max(1);
    let aspect = if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else {
        1.0
    };
    let width = width.max(1.0);
    let height_for = |n: usize| (width - spec.gap * (n as f64 - 1.0)) / (n as f64 * aspect);
    let ideal = (width + spec.gap) / (spec.target_row * aspect + spec.gap);
    let candidates = [ideal.floor(), ideal.ceil()].map(|n| (n as usize).clamp(1, count));
    let miss = |n: usize| {
        let h = height_for(n).min(spec.max_row);
        let used = n as f64 * h * aspect + spec.gap * (n as f64 - 1.0);
        let empty = (1.0 - used / width).max(0.0);
        (h - spec.target_row).abs() + 200.0 * empty
    };
    let per_row = candidates
        .into_iter()
        .min_by(|a, b| miss(*a).total_cmp(&miss(*b)))
        .unwrap_or(1);
    let row_height = height_for(per_row).min(spec.max_row).floor().max(1.0);
    Tiles {
        per_row,
        rows: count.div_ceil(per_row),
        tile_width: (row_height * aspect).floor(),
        row_height,
    }
}

/// The height a job's block takes, its line and the gap after it included.
pub fn block_height(t: Tiles, spec: FeedSpec) -> f64 {
    spec.line
        + t.rows as f64 * t.row_height
        + (t.rows as f64 - 1.0).max(0.0) * spec.gap
        + spec.block_gap
}

/// Which blocks to put in the page, and the padding that stands for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    /// One past the last block rendered.
    pub end: usize,
    pub pad_top: u32,
    pub pad_bottom: u32,
}

/// The blocks of `heights` that meet the visible area (`scrolled`: how far the list's top is
/// above the top of the visible area; `visible`: its height), plus the overscan.
pub fn window(heights: &[f64], scrolled: f64, visible: f64, spec: FeedSpec) -> Window {
    let top = scrolled - spec.overscan;
    let bottom = scrolled + visible.max(1.0) + spec.overscan;
    let mut y = 0.0;
    let (mut first, mut end) = (heights.len(), heights.len());
    let mut pad_top = 0.0;
    for (i, h) in heights.iter().enumerate() {
        if first == heights.len() && y + h > top {
            first = i;
            pad_top = y;
        }
        if y >= bottom {
            end = i;
            break;
        }
        y += h;
    }
    let end = end.max(first);
    let total: f64 = heights.iter().sum();
    let shown: f64 = heights[first..end].iter().sum();
    Window {
        first,
        end,
        pad_top: pad_top.round() as u32,
        pad_bottom: (total - pad_top - shown).max(0.0).round() as u32,
    }
}
