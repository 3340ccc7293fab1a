//! Compare two results: side by side, or one over the other with a slider.

use super::items::{use_items, GalleryItem};
use crate::domain::text::excerpt;
use crate::state::feed::use_feed;
use leptos::prelude::*;

/// The bar that appears once results are picked for comparison.
#[component]
pub fn CompareBar(
    /// Whether the comparison view is open.
    comparing: RwSignal<bool>,
) -> impl IntoView {
    let feed = use_feed();
    let count = move || feed.compare().with(Vec::len);
    view! {
        <Show when=move || { count() > 0 }>
            <div class="compare-bar" role="status">
                <span>{move || if count() == 2 {
                    "Two results picked.".to_string()
                } else {
                    "One result picked: pick another with its Compare button.".to_string()
                }}</span>
                <button type="button" class="primary" disabled=move || count() != 2
                    on:click=move |_| comparing.set(true)>"Compare side by side"</button>
                <button type="button" on:click=move |_| feed.clear_compare()>"Clear picks"</button>
            </div>
        </Show>
    }
}

/// The comparison dialog.
#[component]
pub fn CompareView(
    /// Whether it is open.
    comparing: RwSignal<bool>,
) -> impl IntoView {
    let feed = use_feed();
    let items = use_items();
    let slider = RwSignal::new(false);
    let position = RwSignal::new(50_u32);
    let pair = Memo::new(move |_| {
        let keys = feed.compare().get();
        let found: Vec<GalleryItem> = items.with(|list| {
            keys.iter()
                .filter_map(|k| list.iter().find(|i| &i.key == k).cloned())
                .collect()
        });
        (found.len() == 2).then(|| (found[0].clone(), found[1].clone()))
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if comparing.get_untracked() && ev.key() == "Escape" {
            comparing.set(false);
        }
    });
    on_cleanup(move || keys.remove());
    let label = |i: &GalleryItem| {
        format!(
            "“{}”{}",
            excerpt(&i.prompt(), 50),
            i.meta
                .seed
                .map(|x| format!(", seed {x}"))
                .unwrap_or_default()
        )
    };
    view! {
        {move || (comparing.get()).then(|| pair.get()).flatten().map(|(a, b)| view! {
            <div class="compare" role="dialog" aria-modal="true" aria-label="Compare results">
                <div class="compare-head">
                    <div role="radiogroup" aria-label="Comparison mode" class="seg">
                        <button type="button" role="radio" aria-checked=move || (!slider.get()).to_string()
                            on:click=move |_| slider.set(false)>"Side by side"</button>
                        <button type="button" role="radio" aria-checked=move || slider.get().to_string()
                            on:click=move |_| slider.set(true)>"Slider"</button>
                    </div>
                    <button type="button" on:click=move |_| comparing.set(false)>"Close"</button>
                </div>
                <Show when=move || !slider.get()
                    fallback={
                        let (a, b) = (a.clone(), b.clone());
                        let (w, h) = (a.meta.width.unwrap_or(1), a.meta.height.unwrap_or(1));
                        let shape = format!("{w} / {h}");
                        let frame_width = format!("min(100%, calc((100vh - 140px) * {w} / {h}))");
                        move || view! {
                            // Framed at the first image's shape, so the slider's percent is
                            // the image's percent and the divider sits on the picture.
                            <div class="compare-slider" style:aspect-ratio=shape.clone() style:width=frame_width.clone()>
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
                        }
                    }>
                    <div class="compare-pair">
                        <figure><img src=a.meta.src.clone() alt=format!("Left: {}", label(&a)) /><figcaption>{label(&a)}</figcaption></figure>
                        <figure><img src=b.meta.src.clone() alt=format!("Right: {}", label(&b)) /><figcaption>{label(&b)}</figcaption></figure>
                    </div>
                </Show>
            </div>
        })}
    }
}
