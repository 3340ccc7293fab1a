//! A modal dialog: a visible close button, Escape and a click outside close it, Tab stays
//! inside, and focus goes back to what opened it. The page behind is inert meanwhile (see
//! `app.rs`). Sheets open at the side (at the bottom on phones); the viewer fills the screen.

use super::icons::{Icon, IconButton};
use crate::browser::window;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Where a dialog sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A sheet at the side (the bottom on phones).
    Side,
    /// A small dialog in the middle (confirmations).
    Center,
    /// The whole screen, on a dark backdrop (the viewer, the comparison).
    Full,
}

impl Placement {
    fn class(self) -> &'static str {
        match self {
            Placement::Side => "dialog side",
            Placement::Center => "dialog center",
            Placement::Full => "dialog full",
        }
    }
}

/// A number no other dialog of this page has, for its heading's id.
fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The dialogs open now, oldest first: Escape closes only the newest (a confirmation over
/// the viewer closes, the viewer stays).
static OPEN: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

fn topmost(id: u32) -> bool {
    OPEN.lock().is_ok_and(|open| open.last() == Some(&id))
}

/// The dialog a component sits in, for keys it handles on the window: they must not act
/// while a confirmation is asked over it.
#[derive(Clone, Copy)]
pub struct InDialog(u32);

impl InDialog {
    /// Whether this dialog is the newest open one.
    pub fn on_top(self) -> bool {
        topmost(self.0)
    }
}

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The visible, focusable elements inside `root`, in order.
fn focusables(root: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some() || el.client_width() > 0)
        .collect()
}

fn active_element() -> Option<HtmlElement> {
    window()
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

thread_local! {
    /// The element that last took focus: a dialog that opens a moment after its opener was
    /// clicked (its code fetched first) finds the page already inert and the focus on `body`.
    static LAST_FOCUS: std::cell::RefCell<Option<HtmlElement>> = const { std::cell::RefCell::new(None) };
}

/// Remembers which element last took focus, for dialogs that open later (call once).
pub fn remember_focus() {
    let listener = window_event_listener(leptos::ev::focusin, |ev| {
        let el = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
        LAST_FOCUS.with(|l| *l.borrow_mut() = el);
    });
    on_cleanup(move || listener.remove());
}

/// Where focus goes back to when a dialog closes: what has it now, or (when that is the
/// page itself) what last had it.
fn opener_now() -> Option<HtmlElement> {
    let body = window().document().and_then(|d| d.body());
    match active_element() {
        Some(el) if Some(el.clone().unchecked_into()) != body => Some(el),
        _ => LAST_FOCUS.with(|l| l.borrow().clone()),
    }
}

/// Keeps Tab and Shift+Tab inside `root`.
fn trap_tab(root: &HtmlElement, ev: &web_sys::KeyboardEvent) {
    let all = focusables(root);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        ev.prevent_default();
        return;
    };
    let active = active_element();
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el);
    let outside = active.as_ref().is_none_or(|a| !root.contains(Some(a)));
    if ev.shift_key() && (at(first) || outside) {
        ev.prevent_default();
        last.focus().ok();
    } else if !ev.shift_key() && (at(last) || outside) {
        ev.prevent_default();
        first.focus().ok();
    }
}

/// A modal dialog named `title`.
#[component]
pub fn Dialog(
    /// Its accessible name, shown as its heading.
    #[prop(into)]
    title: Signal<String>,
    /// Closes it (Escape, the close button, a click outside).
    on_close: Callback<()>,
    /// Where it sits.
    placement: Placement,
    /// Extra class names for the panel.
    #[prop(optional)]
    class: &'static str,
    /// What it holds.
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    let opener = send_wrapper::SendWrapper::new(opener_now());
    // Focus moves in once the dialog is on the page, and back to its opener when it goes.
    request_animation_frame(move || {
        if let Some(p) = panel.get_untracked() {
            let p: HtmlElement = p.unchecked_into();
            match focusables(&p)
                .into_iter()
                .find(|e| !e.class_list().contains("dialog-close"))
            {
                Some(first) => first.focus().ok(),
                None => p.focus().ok(),
            };
        }
    });
    // An inert page refuses focus: when the page behind is still inert as the dialog goes,
    // focus returns in the next frame, once it no longer is.
    on_cleanup(move || {
        let Some(el) = opener.take() else { return };
        if !el.is_connected() {
            return;
        }
        el.focus().ok();
        if active_element().as_ref() != Some(&el) {
            request_animation_frame(move || {
                el.focus().ok();
            });
        }
    });
    let id = next_id();
    if let Ok(mut open) = OPEN.lock() {
        open.push(id);
    }
    provide_context(InDialog(id));
    // Escape anywhere (focus may be on the page's body) closes the newest dialog.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && topmost(id) {
            ev.prevent_default();
            on_close.run(());
        }
    });
    on_cleanup(move || {
        escape.remove();
        if let Ok(mut open) = OPEN.lock() {
            open.retain(|x| *x != id);
        }
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Tab" {
            if let Some(p) = panel.get_untracked() {
                trap_tab(&p.unchecked_into(), &ev);
            }
        }
    };
    let heading_id = format!("dialog-{id}");
    let labelled_by = heading_id.clone();
    view! {
        <div class=format!("backdrop {}", placement.class())
            on:click=move |ev| {
                // Only a click on the backdrop itself, not one that started inside.
                if ev.target() == ev.current_target() { on_close.run(()) }
            }>
            <div class=format!("panel {class}") role="dialog" aria-modal="true" aria-labelledby=labelled_by
                tabindex="-1" node_ref=panel on:keydown=on_key>
                <div class="dialog-head">
                    <h2 id=heading_id>{move || title.get()}</h2>
                    <IconButton icon=Icon::Close label="Close" class="dialog-close" on_press=move || on_close.run(()) />
                </div>
                {children()}
            </div>
        </div>
    }
}
