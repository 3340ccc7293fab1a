//! One kit in the Kits panel: its name, its references as thumbnails with their labels, and
//! what can be done with it.

use crate::components::shell::icons::{Glyph, Icon};
use crate::domain::kits::KitLoad;
use crate::state::kits::{use_kits, Kit};
use leptos::prelude::*;

/// A kit, by id.
#[component]
pub fn KitCard(
    /// The kit's id.
    id: String,
) -> impl IntoView {
    let kits = use_kits();
    let id = StoredValue::new(id);
    let kit = Memo::new(move |_| {
        kits.list()
            .with(|l| id.with_value(|i| l.iter().find(|k| &k.id == i).map(summary)))
    });
    let name = move || kit.with(|k| k.as_ref().map(|k| k.0.clone()).unwrap_or_default());
    let count = move || kit.with(|k| k.as_ref().map_or(0, |k| k.1.len()));
    view! {
        <li class="kit">
            <div class="kit-head">
                <input class="kit-name" type="text" aria-label=move || format!("Name of kit {}", name())
                    prop:value=name
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        let others: Vec<String> = kits.names().into_iter().filter(|n| *n != name()).collect();
                        match crate::domain::kits::kit_name(&typed, &others) {
                            Ok(n) => id.with_value(|i| kits.edit(i, |k| k.meta.name = n)),
                            // An empty or taken name is not kept: the field shows the name again.
                            Err(_) => event_target::<web_sys::HtmlInputElement>(&ev).set_value(&name()),
                        }
                    } />
                <span class="muted tabular">{move || format!("{} images", count())}</span>
                <button type="button" class="icon-button" title="Delete kit" aria-label=move || format!("Delete kit {}", name())
                    on:click=move |_| id.with_value(|i| kits.delete(i))>
                    <Glyph icon=Icon::Trash size=16 />
                </button>
            </div>
            <ol class="kit-refs">
                {move || kit.get().map(|(kit_name, refs)| refs.into_iter().enumerate().map(|(i, (thumb, label))| {
                    let last = i + 1 == count();
                    let kit_name = kit_name.clone();
                    view! {
                        <li class="kit-ref">
                            {match thumb {
                                Some(src) => view! { <img src=src alt=format!("Image {} of {kit_name}", i + 1) /> }.into_any(),
                                None => view! { <span class="thumb-none" aria-hidden="true"></span> }.into_any(),
                            }}
                            <input type="text" class="kit-label" placeholder=crate::domain::mentions::label(i)
                                aria-label=format!("Label of image {} in {kit_name}", i + 1)
                                prop:value=label
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    id.with_value(|k| kits.edit(k, |kit| kit.meta.set_label(i, &v)));
                                } />
                            <div class="kit-ref-moves">
                                <button type="button" class="icon-button" disabled=i == 0
                                    aria-label=format!("Move image {} of {kit_name} earlier", i + 1)
                                    on:click=move |_| id.with_value(|k| kits.reorder(k, i, i - 1))>"‹"</button>
                                <button type="button" class="icon-button" disabled=last
                                    aria-label=format!("Move image {} of {kit_name} later", i + 1)
                                    on:click=move |_| id.with_value(|k| kits.reorder(k, i, i + 1))>"›"</button>
                            </div>
                        </li>
                    }
                }).collect_view())}
            </ol>
            <div class="row">
                <button type="button" class="primary" aria-label=move || format!("Replace references with {}", name())
                    on:click=move |_| id.with_value(|i| kits.load(i, KitLoad::Replace))>"Replace references"</button>
                <button type="button" aria-label=move || format!("Add {} to current references", name())
                    on:click=move |_| id.with_value(|i| kits.load(i, KitLoad::Append))>"Add to current"</button>
            </div>
        </li>
    }
}

/// What the card shows of a kit: its name, and each reference's thumbnail and typed label.
fn summary(k: &Kit) -> (String, Vec<(Option<String>, String)>) {
    let refs = k
        .thumbs
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), k.meta.labels.get(i).cloned().unwrap_or_default()))
        .collect();
    (k.meta.name.clone(), refs)
}
