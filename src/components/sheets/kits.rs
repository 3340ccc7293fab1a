//! The Kits panel: save the references as a named kit, and the kits saved, each loaded in one
//! click (`kit_card`).

use super::kit_card::KitCard;
use crate::components::shell::dialog::{Dialog, Placement};
use crate::domain::kits::kit_name;
use crate::state::kits::use_kits;
use crate::state::overlay::use_overlay;
use crate::state::tray::use_tray;
use leptos::prelude::*;

/// The kits sheet.
#[component]
pub fn KitsSheet() -> impl IntoView {
    let kits = use_kits();
    let tray = use_tray();
    let overlay = use_overlay();
    let name = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let count = Memo::new(move |_| tray.items().with(Vec::len));
    let error = move || {
        tried
            .get()
            .then(|| name.with(|n| kit_name(n, &kits.names())).err())
            .flatten()
    };
    let save = move || {
        tried.set(true);
        if let Ok(n) = name.with_untracked(|n| kit_name(n, &kits.names())) {
            kits.save(n, &tray.items().get_untracked(), tray.labels_untracked());
            name.set(String::new());
            tried.set(false);
        }
    };
    let ids = Memo::new(move |_| {
        kits.list()
            .with(|l| l.iter().map(|k| k.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <Dialog title="Reference kits" on_close=Callback::new(move |_| overlay.close_sheet()) placement=Placement::Side>
        <div class="kits">
            <p class="hint">"A kit keeps references (the files, their order and a label for each) to load again for every shot of a series."</p>
            <form class="field" on:submit=move |ev| { ev.prevent_default(); save(); }>
                <label for="kit-name">"Save the references as a kit"</label>
                <div class="row">
                    <input id="kit-name" type="text" placeholder="e.g. Keeper, winter coat"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                        aria-invalid=move || error().map(|_| "true")
                        aria-describedby=move || error().map(|_| "kit-name-error") />
                    <button type="submit" disabled=move || count.get() == 0>"Save kit"</button>
                </div>
                {move || error().map(|e| view! { <p class="field-error" id="kit-name-error">{e}</p> })}
                <Show when=move || count.get() == 0>
                    <p class="hint">"Add references to the composer to save them here."</p>
                </Show>
            </form>
            {move || kits.notice().get().map(|n| view! { <p class="hint" role="status">{n}</p> })}
            {move || kits.deleted().get().map(|(_, k)| view! {
                <p class="notice-line" role="status">
                    {format!("Deleted “{}”.", k.meta.name)}
                    <button type="button" class="quiet" on:click=move |_| kits.undo_delete()>"Undo"</button>
                </p>
            })}
            <Show when=move || !ids.with(Vec::is_empty)>
                <h3 class="kits-heading">{move || format!("Saved kits ({})", ids.with(Vec::len))}</h3>
            </Show>
            <ul class="kit-list" aria-label="Kits">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <KitCard id=id />
                </For>
            </ul>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="hint">"No kits yet."</p>
            </Show>
        </div>
        </Dialog>
    }
}
