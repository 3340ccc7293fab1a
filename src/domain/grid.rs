//! The virtualised results grid: which rows are on screen, so only those are in the DOM and
//! only their images are decoded. Every cell has the same height (a square frame the image
//! fits in, plus its caption), which keeps the arithmetic exact at any scroll position.

/// Layout constants of a cell, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellSpec {
    pub min_width: f64,
    pub gap: f64,
    /// Caption and actions under the square image frame.
    pub caption: f64,
    /// Rows kept in the DOM above and below the visible ones, so fast scrolling shows no gaps.
    pub overscan: usize,
}

impl Default for CellSpec {
    fn default() -> Self {
        CellSpec {
            min_width: 220.0,
            gap: 12.0,
            caption: 92.0,
            overscan: 2,
        }
    }
}

/// Where the grid is relative to what the user sees.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Viewport {
    /// Width of the grid element.
    pub width: f64,
    /// Distance from the grid's top edge down to the top of the visible area (negative when
    /// the grid starts below it).
    pub scrolled: f64,
    /// Height of the visible area.
    pub height: f64,
}

/// The slice of items to render and the padding standing for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub columns: usize,
    /// Height of one row, gap excluded.
    pub row_height: u32,
    pub first: usize,
    /// One past the last item rendered.
    pub end: usize,
    pub pad_top: u32,
    pub pad_bottom: u32,
}

/// The items of `count` that intersect the viewport, plus overscan rows.
pub fn window(count: usize, view: Viewport, spec: CellSpec) -> Window {
    let width = if view.width > 0.0 { view.width } else { 960.0 };
    let columns = (((width + spec.gap) / (spec.min_width + spec.gap)).floor() as usize).max(1);
    let cell = (width - spec.gap * (columns as f64 - 1.0)) / columns as f64;
    let row_height = (cell + spec.caption).round().max(1.0);
    let stride = row_height + spec.gap;
    let rows = count.div_ceil(columns);
    let height = if view.height > 0.0 {
        view.height
    } else {
        800.0
    };
    let top = view.scrolled.max(0.0);
    let bottom = (view.scrolled + height).max(0.0);
    let first_row = ((top / stride).floor() as usize)
        .saturating_sub(spec.overscan)
        .min(rows);
    let end_row = (((bottom / stride).ceil() as usize) + spec.overscan).min(rows);
    let end_row = end_row.max(first_row);
    let pad = |n: usize| (n as f64 * stride).round() as u32;
    Window {
        columns,
        row_height: row_height as u32,
        first: first_row * columns,
        end: (end_row * columns).min(count),
        pad_top: pad(first_row),
        pad_bottom: pad(rows - end_row),
    }
}
