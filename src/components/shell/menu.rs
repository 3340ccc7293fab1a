//! A "more" menu: a button that opens a short list of actions. Arrow keys move, Escape and a
//! click outside close it and focus goes back to the button.

use super::icons::{Glyph, Icon};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One action of a menu.
#[derive(Clone)]
pub struct MenuItem {
    pub label: &'static str,
    pub icon: Icon,
    pub run: std::sync::Arc<dyn Fn() + Send + Sync>,
    /// Drawn in red: it deletes something.
    pub danger: bool,
}

impl MenuItem {
    pub fn new(label: &'static str, icon: Icon, run: impl Fn() + Send + Sync + 'static) -> Self {
        MenuItem {
            label,
            icon,
            run: std::sync::Arc::new(run),
            danger: false,
        }
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
}

fn move_focus(menu: &web_sys::HtmlElement, delta: i32) {
    let Ok(items) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let n = items.length() as i32;
    if n == 0 {
        return;
    }
    let active = crate::browser::window()
        .document()
        .and_then(|d| d.active_element());
    let at = (0..n)
        .find(|i| items.get(*i as u32).map(|e| Some(e.unchecked_into())) == Some(active.clone()))
        .unwrap_or(-1);
    let next = (at + delta).rem_euclid(n);
    if let Some(el) = items.get(next as u32) {
        el.unchecked_into::<web_sys::HtmlElement>().focus().ok();
    }
}

/// A button named `label` that opens `items`.
#[component]
pub fn MoreMenu(
    /// The button's accessible name and tooltip.
    label: String,
    /// The actions, in order.
    items: Vec<MenuItem>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                b.focus().ok();
            }
        }
    };
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let target: Option<web_sys::Node> = ev.target().and_then(|t| t.dyn_into().ok());
        let inside =
            |el: Option<web_sys::HtmlElement>| el.is_some_and(|el| el.contains(target.as_ref()));
        if !inside(menu.get_untracked().map(|m| m.unchecked_into()))
            && !inside(button.get_untracked().map(|b| b.unchecked_into()))
        {
            close(false);
        }
    });
    on_cleanup(move || outside.remove());
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "ArrowDown" => move_focus(&m, 1),
            "ArrowUp" => move_focus(&m, -1),
            "Escape" => {
                ev.stop_propagation();
                close(true);
            }
            // Tab moves on from the menu as from any control: closed, focus back on its button.
            "Tab" => {
                close(true);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    let toggle = move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        open.update(|o| *o = !*o);
        if open.get_untracked() {
            request_animation_frame(move || {
                if let Some(m) = menu.get_untracked() {
                    move_focus(&m, 1);
                }
            });
        }
    };
    view! {
        <div class="menu-wrap">
            <button type="button" class="icon-button" aria-haspopup="menu" aria-label=label.clone() title=label
                aria-expanded=move || open.get().to_string() node_ref=button on:click=toggle>
                <Glyph icon=Icon::More />
            </button>
            <Show when=move || open.get()>
                <div class="menu" role="menu" node_ref=menu on:keydown=on_key>
                    {items.clone().into_iter().map(|item| view! {
                        <button type="button" role="menuitem" class:danger=item.danger tabindex="-1"
                            on:click=move |ev| { ev.stop_propagation(); close(true); (item.run)(); }>
                            <Glyph icon=item.icon size=16 />
                            <span>{item.label}</span>
                        </button>
                    }).collect_view()}
                </div>
            </Show>
        </div>
    }
}
