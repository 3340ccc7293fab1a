//! Full-size view with keyboard navigation: arrows move, Escape closes.

use super::items::use_items;
use crate::domain::text::excerpt;
use leptos::prelude::*;

/// The full-size view, open while `open` holds a result's key.
#[component]
pub fn Lightbox(
    /// The key of the image shown, `None` when closed.
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let items = use_items();
    let current = Memo::new(move |_| {
        let key = open.get()?;
        items.with(|list| {
            list.iter()
                .position(|i| i.key == key)
                .map(|p| (p, list.len(), list[p].clone()))
        })
    });
    let step = move |delta: isize| {
        if let Some((pos, len, _)) = current.get_untracked() {
            let next = (pos as isize + delta).rem_euclid(len as isize) as usize;
            open.set(items.with_untracked(|l| l.get(next).map(|i| i.key.clone())));
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if open.with_untracked(Option::is_none) {
            return;
        }
        match ev.key().as_str() {
            "Escape" => open.set(None),
            "ArrowRight" => step(1),
            "ArrowLeft" => step(-1),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        {move || current.get().map(|(pos, len, item)| view! {
            <div class="lightbox" role="dialog" aria-modal="true" aria-label="Full-size view"
                on:click=move |_| open.set(None)>
                <img src=item.meta.src.clone() alt=format!("Result {} of “{}” at full size", item.slot + 1, excerpt(&item.prompt(), 80))
                    on:click=|ev| ev.stop_propagation() />
                <div class="lightbox-bar" on:click=|ev| ev.stop_propagation()>
                    <button type="button" on:click=move |_| step(-1) aria-label="Previous image">"←"</button>
                    <span class="tabular">{pos + 1} " / " {len}</span>
                    <button type="button" on:click=move |_| step(1) aria-label="Next image">"→"</button>
                    <button type="button" on:click=move |_| open.set(None) aria-label="Close">"Close"</button>
                </div>
            </div>
        })}
    }
}
