//! Saving, applying and deleting presets (loaded when the Presets section is first opened).

use crate::domain::form::Preset;
use crate::state::composer::use_composer;
use crate::state::presets::use_presets;
use leptos::prelude::*;

/// Save, apply and delete presets.
#[component]
pub fn PresetsBody() -> impl IntoView {
    let composer = use_composer();
    let presets = use_presets();
    let list = presets.list();
    let chosen = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let report = move |done: Result<(), _>, ok: String| {
        status.set(Some(match done {
            Ok(()) => ok,
            Err(e) => format!("{e}"),
        }))
    };
    let save = move |_| {
        let n = name.get_untracked().trim().to_owned();
        if n.is_empty() {
            status.set(Some("Name the preset first.".into()));
            return;
        }
        let done = presets.save(Preset::of(&n, &composer.form_untracked()));
        chosen.set(n.clone());
        name.set(String::new());
        report(done, format!("Saved preset “{n}”."));
    };
    let apply = move |_| {
        if let Some(p) = presets.find(&chosen.get_untracked()) {
            crate::state::draft::use_drafts()
                .before_replacing(crate::state::draft::Replacement::Preset);
            composer.replace(p.apply_to(&composer.form_untracked()));
            status.set(Some(format!("Applied “{}”.", p.name)));
        }
    };
    let delete = move |_| {
        let n = chosen.get_untracked();
        if presets.find(&n).is_some() {
            chosen.set(String::new());
            report(presets.delete(&n), format!("Deleted “{n}”."));
        }
    };
    let none_chosen = move || chosen.with(String::is_empty);
    view! {
            <div class="presets-body">
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
            </div>
    }
}
