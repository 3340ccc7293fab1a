//! Presets: the composer's settings (not the prompt, not the references) saved under a name.

use crate::browser::storage;
use crate::domain::form::{upsert_preset, Preset};
use crate::studio::use_studio;
use leptos::prelude::*;

/// Save, apply and delete presets.
#[component]
pub fn Presets() -> impl IntoView {
    let s = use_studio();
    let list = RwSignal::new(storage::load_presets());
    let chosen = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let store = move |next: Vec<Preset>, done: String| {
        if storage::save_presets(&next) {
            list.set(next);
            status.set(Some(done));
        } else {
            status.set(Some(
                "The browser refused to save presets (storage full or blocked).".into(),
            ));
        }
    };
    let save = move |_| {
        let n = name.get_untracked();
        if n.trim().is_empty() {
            status.set(Some("Name the preset first.".into()));
            return;
        }
        let mut next = list.get_untracked();
        upsert_preset(&mut next, Preset::of(&n, &s.form.get_untracked()));
        chosen.set(n.trim().to_owned());
        name.set(String::new());
        store(next, format!("Saved preset “{}”.", n.trim()));
    };
    let find = move || {
        let c = chosen.get_untracked();
        list.with_untracked(|l| l.iter().find(|p| p.name == c).cloned())
    };
    let apply = move |_| {
        if let Some(p) = find() {
            s.form.update(|f| *f = p.apply_to(f));
            status.set(Some(format!("Applied “{}”.", p.name)));
        }
    };
    let delete = move |_| {
        if let Some(p) = find() {
            let next: Vec<Preset> =
                list.with_untracked(|l| l.iter().filter(|x| x.name != p.name).cloned().collect());
            chosen.set(String::new());
            store(next, format!("Deleted “{}”.", p.name));
        }
    };
    let none_chosen = move || chosen.with(String::is_empty);
    view! {
        <details class="field presets">
            <summary>"Presets"</summary>
            <div class="row wrap">
                <label>"Preset "
                    <select aria-label="Preset" prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">{move || if list.with(Vec::is_empty) { "none saved" } else { "choose…" }}</option>
                        <For each=move || list.get() key=|p| p.name.clone()
                            children=move |p| view! { <option value=p.name.clone()>{p.name.clone()}</option> } />
                    </select>
                </label>
                <button type="button" disabled=none_chosen on:click=apply>"Apply preset"</button>
                <button type="button" class="danger" disabled=none_chosen on:click=delete>"Delete preset"</button>
            </div>
            <div class="row wrap">
                <label class="grow">"Preset name"
                    <input type="text" maxlength="60" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <button type="button" on:click=save>"Save settings as preset"</button>
            </div>
            {move || status.get().map(|m| view! { <p class="muted small" role="status">{m}</p> })}
        </details>
    }
}
