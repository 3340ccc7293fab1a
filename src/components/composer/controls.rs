//! The composer's control kinds, each bound to one field of the form and wired to its
//! message: a number, a URL, a choice in a list, a choice among a few segments.

use super::field::{FieldMessage, Wiring};
use crate::domain::Control;
use crate::state::composer::{use_composer, FormField};
use leptos::prelude::*;

/// A field's label, with the API's name beside it as a small hint.
#[component]
pub fn Label(
    /// The control it names.
    control: Control,
    /// The words.
    text: &'static str,
    /// Runware's name for it, shown small (hidden from readers: the words name it).
    #[prop(optional)]
    api: &'static str,
) -> impl IntoView {
    view! {
        <div class="field-head" title=(!api.is_empty()).then(|| format!("Runware calls it {api}"))>
            <label for=control.id()>{text}</label>
            {(!api.is_empty()).then(|| view! { <code class="api-hint" aria-hidden="true">{api}</code> })}
        </div>
    }
}

/// A whole number typed as text (so "abc" can be reported where it was typed).
#[component]
pub fn NumberField(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// Runware's name for it.
    #[prop(optional)]
    api: &'static str,
    /// The smallest value the browser's spinner offers.
    min: i64,
    /// The largest value the browser's spinner offers.
    #[prop(optional)]
    max: Option<i64>,
    /// Shown when empty.
    #[prop(optional)]
    placeholder: &'static str,
    /// The form's raw text for it.
    field: FormField<String>,
) -> impl IntoView {
    let composer = use_composer();
    let wiring = Wiring::of(control);
    view! {
        <div class="field small">
            <Label control text=label api />
            <input id=control.id() type="number" inputmode="numeric" min=min max=max placeholder=placeholder
                prop:value=move || field.get()
                on:input=move |ev| composer.edit(control, |_| field.set(event_target_value(&ev)))
                on:blur=move |_| composer.touch(control)
                aria-invalid=wiring.invalid()
                aria-describedby=wiring.described_by() />
            <FieldMessage control />
        </div>
    }
}

/// An absolute http(s) URL, or nothing.
#[component]
pub fn UrlField(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// Runware's name for it.
    api: &'static str,
    /// The form's value for it.
    field: FormField<String>,
) -> impl IntoView {
    let composer = use_composer();
    let wiring = Wiring::of(control);
    view! {
        <div class="field">
            <Label control text=label api />
            <input id=control.id() type="url" placeholder="https://…"
                prop:value=move || field.get()
                on:input=move |ev| composer.edit(control, |_| field.set(event_target_value(&ev)))
                on:blur=move |_| composer.touch(control)
                aria-invalid=wiring.invalid()
                aria-describedby=wiring.described_by() />
            <FieldMessage control />
        </div>
    }
}

/// One of a closed set, in a list.
#[component]
pub fn Choice<T>(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// Runware's name for it.
    api: &'static str,
    /// Every value with the words shown for it.
    options: Vec<(T, &'static str)>,
    /// The form's value for it.
    field: FormField<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let composer = use_composer();
    let wiring = Wiring::of(control);
    let values: Vec<T> = options.iter().map(|(v, _)| *v).collect();
    view! {
        <div class="field">
            <Label control text=label api />
            <select id=control.id() aria-invalid=wiring.invalid() aria-describedby=wiring.described_by()
                on:change=move |ev| {
                    let picked: usize = event_target_value(&ev).parse().unwrap_or(0);
                    if let Some(v) = values.get(picked).copied() {
                        composer.edit(control, |_| field.set(v));
                    }
                }>
                {options.into_iter().enumerate().map(|(i, (v, words))| view! {
                    <option value=i.to_string() selected=move || field.get() == v>{words}</option>
                }).collect_view()}
            </select>
            <FieldMessage control />
        </div>
    }
}

/// One of a few, as segments side by side.
#[component]
pub fn Segmented<T>(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// Runware's name for it.
    api: &'static str,
    /// Every value with the words shown for it.
    options: Vec<(T, &'static str)>,
    /// The form's value for it.
    field: FormField<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let composer = use_composer();
    let wiring = Wiring::of(control);
    let heading = format!("{}-label", control.id());
    view! {
        <div class="field small">
            <div class="field-head" title=format!("Runware calls it {api}")>
                <span class="label" id=heading.clone()>{label}</span>
                <code class="api-hint" aria-hidden="true">{api}</code>
            </div>
            <div class="seg" role="radiogroup" id=control.id() aria-labelledby=heading
                aria-invalid=wiring.invalid() aria-describedby=wiring.described_by()>
                {options.into_iter().map(|(v, words)| view! {
                    <button type="button" role="radio" aria-checked=move || (field.get() == v).to_string()
                        on:click=move |_| composer.edit(control, |_| field.set(v))>{words}</button>
                }).collect_view()}
            </div>
            <FieldMessage control />
        </div>
    }
}
