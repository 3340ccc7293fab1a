//! Compare two selected results: side by side, or one over the other with a slider.

use super::items::{use_items, GalleryItem};
use crate::components::shell::dialog::{Dialog, Placement};
use crate::domain::text::excerpt;
use crate::state::overlay::use_overlay;
use crate::state::selection::use_selection;
use leptos::prelude::*;

fn label(i: &GalleryItem) -> String {
    format!(
        "“{}”{}",
        excerpt(&i.prompt(), 50),
        i.meta
            .seed
            .map(|x| format!(", seed {x}"))
            .unwrap_or_default()
    )
}

/// The comparison, while it is open and two results are selected.
#[component]
pub fn CompareView() -> impl IntoView {
    let overlay = use_overlay();
    let selection = use_selection();
    let items = use_items();
    let comparing = overlay.comparing();
    let pair = Memo::new(move |_| {
        let keys = selection.keys().get();
        let found: Vec<GalleryItem> = items.with(|list| {
            keys.iter()
                .filter_map(|k| list.iter().find(|i| &i.key == k).cloned())
                .collect()
        });
        (found.len() == 2).then(|| (found[0].clone(), found[1].clone()))
    });
    view! {
        {move || comparing.get().then(|| pair.get()).flatten().map(|(a, b)| view! {
            <Dialog title="Compare" on_close=Callback::new(move |_| comparing.set(false))
                placement=Placement::Full class="compare">
                <ComparePair a b />
            </Dialog>
        })}
    }
}

/// The two results, side by side or under a slider.
#[component]
fn ComparePair(
    /// The first result (left).
    a: GalleryItem,
    /// The second result (right).
    b: GalleryItem,
) -> impl IntoView {
    let slider = RwSignal::new(false);
    let position = RwSignal::new(50_u32);
    let (w, h) = (a.meta.width.unwrap_or(1), a.meta.height.unwrap_or(1));
    let (a2, b2) = (a.clone(), b.clone());
    view! {
        <div role="radiogroup" aria-label="Comparison mode" class="seg">
            <button type="button" role="radio" aria-checked=move || (!slider.get()).to_string()
                on:click=move |_| slider.set(false)>"Side by side"</button>
            <button type="button" role="radio" aria-checked=move || slider.get().to_string()
                on:click=move |_| slider.set(true)>"Slider"</button>
        </div>
        <Show when=move || slider.get()
            fallback=move || view! {
                <div class="compare-pair">
                    <figure><img src=a2.meta.src.clone() alt=format!("Left: {}", label(&a2)) /><figcaption>{label(&a2)}</figcaption></figure>
                    <figure><img src=b2.meta.src.clone() alt=format!("Right: {}", label(&b2)) /><figcaption>{label(&b2)}</figcaption></figure>
                </div>
            }>
            // Framed at the first image's shape, so the slider's percent is the image's.
            <div class="compare-slider" style:aspect-ratio=format!("{w} / {h}")
                style:width=format!("min(100%, calc((100vh - 180px) * {w} / {h}))")>
                <img src=b.meta.src.clone() alt=format!("Right: {}", label(&b)) />
                <img class="over" src=a.meta.src.clone() alt=format!("Left: {}", label(&a))
                    style:clip-path=move || format!("inset(0 {}% 0 0)", 100 - position.get().min(100)) />
                <span class="divider" aria-hidden="true" style:left=move || format!("{}%", position.get())></span>
            </div>
            <label class="compare-range">"Slider position"
                <input type="range" min="0" max="100" step="1"
                    prop:value=move || position.get().to_string()
                    on:input=move |ev| position.set(event_target_value(&ev).parse().unwrap_or(50)) />
            </label>
        </Show>
    }
}
