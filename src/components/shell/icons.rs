//! The studio's one icon set: a handful of 24-unit line drawings, stroked in the current
//! colour, shown at 16-20 px. Always beside text or inside a button with an accessible name.

use leptos::prelude::*;

/// Every icon the studio draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Open,
    Download,
    AddReference,
    Star,
    StarFilled,
    More,
    Close,
    Previous,
    Next,
    Check,
    Settings,
    Code,
    Keyboard,
    Trash,
    Copy,
    Compare,
    Retry,
    Edit,
    Search,
    Remix,
    Up,
    Down,
    Image,
    Upload,
    Alert,
    ZoomIn,
    List,
    Kit,
}

impl Icon {
    /// The drawing: path data in a 24 x 24 box.
    fn paths(self) -> &'static [&'static str] {
        match self {
            Icon::Open => &["M14 4h6v6", "M20 4l-7 7", "M10 20H4v-6", "M4 20l7-7"],
            Icon::Download => &["M12 4v11", "M7 10l5 5 5-5", "M5 20h14"],
            Icon::AddReference => &[
                "M4 6a2 2 0 0 1 2-2h8",
                "M20 12v6a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6",
                "M4 16l4-4 4 4 3-3 5 5",
                "M18 3v6",
                "M15 6h6",
            ],
            Icon::Star | Icon::StarFilled => {
                &["M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"]
            }
            Icon::More => &["M5 12h.01", "M12 12h.01", "M19 12h.01"],
            Icon::Close => &["M6 6l12 12", "M18 6L6 18"],
            Icon::Previous => &["M15 5l-7 7 7 7"],
            Icon::Next => &["M9 5l7 7-7 7"],
            Icon::Check => &["M5 12.5l4.5 4.5L19 7.5"],
            Icon::Settings => &[
                "M4 7h10", "M18 7h2", "M16 5v4", "M4 17h4", "M12 17h8", "M10 15v4",
            ],
            Icon::Code => &["M9 7l-5 5 5 5", "M15 7l5 5-5 5"],
            Icon::List => &[
                "M9 6h11",
                "M9 12h11",
                "M9 18h11",
                "M4 6h.01",
                "M4 12h.01",
                "M4 18h.01",
            ],
            Icon::Kit => &["M12 3l9 5-9 5-9-5z", "M3 13l9 5 9-5", "M3 17.5l9 5 9-5"],
            Icon::Keyboard => &[
                "M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z",
                "M7 9h.01",
                "M11 9h.01",
                "M15 9h.01",
                "M7 13h.01",
                "M17 13h.01",
                "M9 16h6",
            ],
            Icon::Trash => &[
                "M4 7h16",
                "M9 7V4h6v3",
                "M6 7l1 13h10l1-13",
                "M10 11v6",
                "M14 11v6",
            ],
            Icon::Copy => &["M9 9h10v11H9z", "M5 15H4V4h11v1"],
            Icon::Compare => &["M4 5h7v14H4z", "M13 5h7v14h-7", "M12 3v18"],
            Icon::Retry => &["M4 12a8 8 0 1 0 2.4-5.7", "M4 4v5h5"],
            Icon::Edit => &["M4 20h4L19 9l-4-4L4 16z", "M13 7l4 4"],
            Icon::Search => &["M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z", "M16 16l4 4"],
            // A wand: "start again from this", apart from the settings' sliders.
            Icon::Remix => &[
                "M15 4V2",
                "M15 16v-2",
                "M8 9h2",
                "M20 9h2",
                "M17.8 11.8L19 13",
                "M17.8 6.2L19 5",
                "M3 21l9-9",
                "M12.2 6.2L11 5",
            ],
            Icon::Up => &["M12 19V5", "M6 11l6-6 6 6"],
            Icon::Down => &["M12 5v14", "M6 13l6 6 6-6"],
            Icon::Image => &[
                "M4 6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z",
                "M4 16l4-4 4 4 3-3 5 5",
                "M15 9h.01",
            ],
            Icon::Upload => &["M12 16V5", "M7 9l5-5 5 5", "M5 20h14"],
            Icon::Alert => &["M12 4l9 16H3z", "M12 10v4", "M12 17h.01"],
            Icon::ZoomIn => &[
                "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z",
                "M16 16l4 4",
                "M11 8v6",
                "M8 11h6",
            ],
        }
    }
}

/// An icon, drawn at `size` px; hidden from assistive technology (its button is named).
#[component]
pub fn Glyph(
    /// Which icon.
    icon: Icon,
    /// Its size in CSS pixels.
    #[prop(default = 18)]
    size: u32,
) -> impl IntoView {
    let fill = if icon == Icon::StarFilled {
        "currentColor"
    } else {
        "none"
    };
    view! {
        <svg class="icon" width=size height=size viewBox="0 0 24 24" fill=fill stroke="currentColor"
            stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
            {icon.paths().iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}

/// A button that is only an icon: its name is read out and shown as a tooltip.
#[component]
pub fn IconButton(
    /// Which icon.
    icon: Icon,
    /// The accessible name, also the tooltip.
    label: &'static str,
    /// What pressing it does.
    on_press: impl Fn() + 'static,
    /// Extra class names.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <button type="button" class=format!("icon-button {class}") aria-label=label title=label
            on:click=move |ev| { ev.stop_propagation(); on_press() }>
            <Glyph icon />
        </button>
    }
}
