//! The viewer: one result at full size on a dark backdrop (both themes), the arrows to move
//! through the feed, fit or 100% with panning, and every action, with keys: ←/→, Escape,
//! D download, F favourite, R use as reference, Z zoom.

use super::items::{use_items, GalleryItem};
use super::result_actions::{ActionContexts, ResultActions};
use super::viewer_info::ViewerInfo;
use crate::components::shell::dialog::{Dialog, InDialog, Placement};
use crate::components::shell::icons::{Icon, IconButton};
use crate::domain::text::excerpt;
use crate::jobs::edit::OtherReferences;
use crate::state::overlay::use_overlay;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The viewer, while a result is open in it.
#[component]
pub fn Viewer() -> impl IntoView {
    let overlay = use_overlay();
    let items = use_items();
    let open = overlay.viewer();
    let current = Memo::new(move |_| {
        let key = open.get()?;
        items.with(|list| {
            let pos = list.iter().position(|i| i.key == key)?;
            Some((pos, list.len(), list[pos].clone()))
        })
    });
    let title = Signal::derive(move || {
        current
            .get()
            .map(|(pos, len, _)| format!("Image {} of {len}", pos + 1))
            .unwrap_or_default()
    });
    view! {
        <Show when=move || current.with(Option::is_some)>
            <Dialog title on_close=Callback::new(move |_| open.set(None)) placement=Placement::Full class="viewer">
                <ViewerBody current />
            </Dialog>
        </Show>
    }
}

/// The stage, the arrows and the info panel of the open result.
#[component]
fn ViewerBody(
    /// Position, count and the result open.
    current: Memo<Option<(usize, usize, GalleryItem)>>,
) -> impl IntoView {
    let overlay = use_overlay();
    let items = use_items();
    let open = overlay.viewer();
    let zoomed = RwSignal::new(false);
    let cx = ActionContexts::get();
    let step = move |delta: isize| {
        if let Some((pos, len, _)) = current.get_untracked() {
            let next = (pos as isize + delta).rem_euclid(len as isize) as usize;
            zoomed.set(false);
            open.set(items.with_untracked(|l| l.get(next).map(|i| i.key.clone())));
        }
    };
    let item = move || current.get_untracked().map(|(_, _, i)| i);
    let act = move |key: &str| {
        let Some(i) = item() else { return false };
        let acts = ResultActions::with(cx, &i);
        match key {
            "ArrowRight" => step(1),
            "ArrowLeft" => step(-1),
            "d" | "D" => acts.download(),
            "f" | "F" => acts.toggle_favourite(),
            "r" | "R" => acts.use_as_reference(),
            "z" | "Z" => zoomed.update(|z| *z = !*z),
            "e" | "E" => acts.edit(OtherReferences::Drop),
            _ => return false,
        }
        true
    };
    let dialog = use_context::<InDialog>();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if dialog.is_some_and(|d| !d.on_top()) {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if !typing && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() && act(&ev.key()) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <div class="viewer-body">
            // The arrows sit on the picture's own box, so they stay centred on it whatever
            // its height (a phone gives the picture only the height it needs).
            <div class="stage-wrap">
                <Stage current zoomed />
                <Show when=move || current.with(|c| c.as_ref().is_some_and(|(_, len, _)| *len > 1))>
                    <IconButton icon=Icon::Previous label="Previous image (←)" class="viewer-prev" on_press=move || step(-1) />
                    <IconButton icon=Icon::Next label="Next image (→)" class="viewer-next" on_press=move || step(1) />
                </Show>
            </div>
            {move || current.get().map(|(_, _, item)| view! { <ViewerInfo item zoomed /> })}
        </div>
    }
}

/// The image: fitted, or at 100% where dragging pans it.
#[component]
fn Stage(
    /// The result open.
    current: Memo<Option<(usize, usize, GalleryItem)>>,
    /// At 100% rather than fitted.
    zoomed: RwSignal<bool>,
) -> impl IntoView {
    let stage = NodeRef::<leptos::html::Div>::new();
    let drag = StoredValue::new(None::<(f64, f64, f64, f64)>);
    let moved = StoredValue::new(false);
    let on_down = move |ev: web_sys::PointerEvent| {
        if let (true, Some(s)) = (zoomed.get_untracked(), stage.get_untracked()) {
            drag.set_value(Some((
                f64::from(ev.client_x()),
                f64::from(ev.client_y()),
                f64::from(s.scroll_left()),
                f64::from(s.scroll_top()),
            )));
            moved.set_value(false);
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if let (Some((x, y, left, top)), Some(s)) = (drag.get_value(), stage.get_untracked()) {
            let (dx, dy) = (f64::from(ev.client_x()) - x, f64::from(ev.client_y()) - y);
            if dx.abs() + dy.abs() > 3.0 {
                moved.set_value(true);
            }
            s.set_scroll_left((left - dx) as i32);
            s.set_scroll_top((top - dy) as i32);
        }
    };
    let on_up = move |_| drag.set_value(None);
    view! {
        <div class="stage" class:zoomed=move || zoomed.get() node_ref=stage
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointerleave=on_up>
            {move || current.get().map(|(_, _, item)| view! {
                <img src=item.meta.src.clone() draggable="false"
                    alt=format!("Result {} of “{}” at full size", item.slot + 1, excerpt(&item.prompt(), 80))
                    title=move || if zoomed.get() { "Drag to pan; click or Z to fit" } else { "Click or Z for 100%" }
                    on:click=move |_| if !moved.get_value() { zoomed.update(|z| *z = !*z) } />
            })}
        </div>
    }
}
