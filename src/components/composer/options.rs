//! Output, delivery, safety and advanced options.

use super::field::{FieldMessage, Wiring};
use crate::domain::form::FormStoreFields;
use crate::domain::Control;
use crate::state::composer::{use_composer, FormField};
use leptos::prelude::*;
use runware::{DeliveryMethod, OutputFormat, OutputType, SafetyMode};

/// A labelled number field bound to one raw-text form value.
#[component]
fn NumberField(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// The smallest value the browser's spinner offers.
    min: i64,
    /// The largest value the browser's spinner offers.
    #[prop(optional)]
    max: Option<i64>,
    /// The form's raw text for it.
    field: FormField<String>,
) -> impl IntoView {
    let composer = use_composer();
    let wiring = Wiring::of(control);
    view! {
        <div class="field small">
            <label for=control.id()>{label}</label>
            <input id=control.id() type="number" inputmode="numeric" min=min max=max
                prop:value=move || field.get()
                on:input=move |ev| composer.edit(control, |_| field.set(event_target_value(&ev)))
                on:blur=move |_| composer.touch(control)
                aria-invalid=wiring.invalid()
                aria-describedby=wiring.described_by() />
            <FieldMessage control />
        </div>
    }
}

/// A labelled URL field bound to one form value.
#[component]
fn UrlField(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// The form's value for it.
    field: FormField<String>,
) -> impl IntoView {
    let composer = use_composer();
    let wiring = Wiring::of(control);
    view! {
        <div class="field">
            <label for=control.id()>{label}</label>
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

/// A labelled choice among a closed set, bound to one form value.
#[component]
fn Choice<T>(
    /// The control it edits (its id and its message).
    control: Control,
    /// Visible label.
    label: &'static str,
    /// Every value, with its wire name and the words shown for it.
    options: Vec<(T, &'static str, &'static str)>,
    /// The form's value for it.
    field: FormField<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let composer = use_composer();
    let wiring = Wiring::of(control);
    let values: Vec<(T, &'static str)> = options.iter().map(|(v, wire, _)| (*v, *wire)).collect();
    view! {
        <div class="field small">
            <label for=control.id()>{label}</label>
            <select id=control.id()
                aria-invalid=wiring.invalid()
                aria-describedby=wiring.described_by()
                on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    if let Some((v, _)) = values.iter().find(|(_, w)| *w == picked) {
                        let v = *v;
                        composer.edit(control, |_| field.set(v));
                    }
                }>
                {options.into_iter().map(|(v, wire, words)| view! {
                    <option value=wire selected=move || field.get() == v>{words}</option>
                }).collect_view()}
            </select>
            <FieldMessage control />
        </div>
    }
}

/// Results, quality, output type and format, time to live.
#[component]
pub fn OutputOptions() -> impl IntoView {
    let form = use_composer().form();
    let output_type = form.output_type();
    let is_url = Memo::new(move |_| output_type.get() == OutputType::Url);
    let types = OutputType::ALL
        .into_iter()
        .map(|t| {
            let words = match t {
                OutputType::Url => "URL",
                OutputType::DataUri => "Data URI",
                OutputType::Base64Data => "Base64",
            };
            (t, t.as_str(), words)
        })
        .collect();
    let formats = OutputFormat::ALL
        .into_iter()
        .map(|t| (t, t.as_str(), t.as_str()))
        .collect();
    view! {
        <fieldset class="field group">
            <legend>"Output"</legend>
            <div class="row">
                <NumberField control=Control::Results label="Number of results" min=1 max=20
                    field=form.results() />
                <NumberField control=Control::Quality label="Quality" min=20 max=99
                    field=form.quality() />
            </div>
            <div class="row">
                <Choice control=Control::OutputType label="Output type" options=types
                    field=output_type />
                <Choice control=Control::OutputFormat label="Format" options=formats
                    field=form.output_format() />
            </div>
            <Show when=move || is_url.get()>
                <NumberField control=Control::Ttl label="Time to live (seconds, optional)" min=60
                    field=form.ttl() />
            </Show>
        </fieldset>
        <DeliveryOptions />
        <AdvancedOptions />
    }
}

/// Sync or async, cost in the answer, and the safety check.
#[component]
fn DeliveryOptions() -> impl IntoView {
    let composer = use_composer();
    let form = composer.form();
    let (delivery, include_cost) = (form.delivery(), form.include_cost());
    let (safety_check, safety_mode) = (form.safety_check(), form.safety_mode());
    let delivery_wiring = Wiring::of(Control::Delivery);
    let cost_wiring = Wiring::of(Control::IncludeCost);
    let safety_wiring = Wiring::of(Control::Safety);
    view! {
        <fieldset class="field group" id=Control::Delivery.id()
            aria-describedby=delivery_wiring.described_by()>
            <legend>"Delivery"</legend>
            <div class="row">
                {[DeliveryMethod::Async, DeliveryMethod::Sync].into_iter().map(|d| view! {
                    <label class="radio">
                        <input type="radio" name="delivery" value=d.as_str()
                            prop:checked=move || delivery.get() == d
                            on:change=move |_| composer.edit(Control::Delivery, |_| delivery.set(d)) />
                        {match d { DeliveryMethod::Async => "Async (poll)", DeliveryMethod::Sync => "Sync (wait)" }}
                    </label>
                }).collect_view()}
            </div>
            <FieldMessage control=Control::Delivery />
            <p class="hint">"Kling takes minutes per image: async survives slow answers and proxy time-outs."</p>
            <label class="check">
                <input type="checkbox" id=Control::IncludeCost.id()
                    aria-invalid=cost_wiring.invalid() aria-describedby=cost_wiring.described_by()
                    prop:checked=move || include_cost.get()
                    on:change=move |ev| composer.edit(Control::IncludeCost, |_| include_cost.set(event_target_checked(&ev))) />
                "Include cost"
            </label>
            <FieldMessage control=Control::IncludeCost />
            <div class="row">
                <label class="check">
                    <input type="checkbox" id=Control::Safety.id()
                        aria-invalid=safety_wiring.invalid() aria-describedby=safety_wiring.described_by()
                        prop:checked=move || safety_check.get()
                        on:change=move |ev| composer.edit(Control::Safety, |_| safety_check.set(event_target_checked(&ev))) />
                    "Safety check"
                </label>
                <Show when=move || safety_check.get()>
                    <label class="inline">
                        "Mode "
                        <select aria-label="Safety mode" on:change=move |ev| {
                            let mode = if event_target_value(&ev) == "none" { SafetyMode::None } else { SafetyMode::Fast };
                            composer.edit(Control::Safety, |_| safety_mode.set(mode));
                        }>
                            <option value="fast" selected=move || safety_mode.get() == SafetyMode::Fast>"fast"</option>
                            <option value="none" selected=move || safety_mode.get() == SafetyMode::None>"none"</option>
                        </select>
                    </label>
                </Show>
            </div>
            <FieldMessage control=Control::Safety />
        </fieldset>
    }
}

/// Webhook and upload endpoint, open by itself when one of them has a message.
#[component]
fn AdvancedOptions() -> impl IntoView {
    let composer = use_composer();
    let form = composer.form();
    let webhook = composer.message(Control::Webhook);
    let upload = composer.message(Control::UploadEndpoint);
    let needs_attention = move || webhook.with(Option::is_some) || upload.with(Option::is_some);
    view! {
        <details class="field group advanced" aria-label="Advanced" prop:open=needs_attention>
            <summary>"Advanced"</summary>
            <UrlField control=Control::Webhook label="Webhook URL" field=form.webhook_url() />
            <UrlField control=Control::UploadEndpoint label="Upload endpoint"
                field=form.upload_endpoint() />
        </details>
    }
}
