//! Output, delivery, safety and advanced options.

use super::field::{described_by, invalid, FieldMessage};
use crate::domain::Form;
use crate::studio::use_studio;
use leptos::prelude::*;
use runware::{DeliveryMethod, OutputFormat, OutputType, SafetyMode};

/// A labelled number field bound to one raw-text form value.
#[component]
fn NumberField(
    /// Element id, also the validation control name.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    min: i64,
    #[prop(optional)] max: Option<i64>,
    /// Reads the raw text from the form.
    get: fn(&Form) -> String,
    /// Writes the raw text into the form.
    put: fn(&mut Form, String),
) -> impl IntoView {
    let s = use_studio();
    view! {
        <div class="field small">
            <label for=id>{label}</label>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min=min
                max=max
                prop:value=move || s.form.with(get)
                on:input=move |ev| s.edit(id, |f| put(f, event_target_value(&ev)))
                on:blur=move |_| s.touch(id)
                aria-invalid=invalid(id)
                aria-describedby=described_by(id)
            />
            <FieldMessage control=id />
        </div>
    }
}

/// Results, output type/format/quality, ttl, delivery, cost, safety, advanced URLs.
#[component]
pub fn OutputOptions() -> impl IntoView {
    let s = use_studio();
    let is_url = Memo::new(move |_| s.form.with(|f| f.output_type == OutputType::Url));
    view! {
        <fieldset class="field group">
            <legend>"Output"</legend>
            <div class="row">
                <NumberField id="results" label="Number of results" min=1 max=20
                    get=|f| f.results.clone() put=|f, v| f.results = v />
                <NumberField id="quality" label="Quality" min=20 max=99
                    get=|f| f.quality.clone() put=|f, v| f.quality = v />
            </div>
            <div class="row">
                <div class="field small">
                    <label for="output-type">"Output type"</label>
                    <select id="output-type" on:change=move |ev| {
                        if let Some(t) = OutputType::parse(&event_target_value(&ev)) {
                            s.edit("output-type", |f| f.output_type = t);
                        }
                    }>
                        {OutputType::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || s.form.with(|f| f.output_type == t)>
                                {match t { OutputType::Url => "URL", OutputType::DataUri => "Data URI", OutputType::Base64Data => "Base64" }}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field small">
                    <label for="output-format">"Format"</label>
                    <select id="output-format" on:change=move |ev| {
                        if let Some(t) = OutputFormat::parse(&event_target_value(&ev)) {
                            s.edit("output-format", |f| f.output_format = t);
                        }
                    }>
                        {OutputFormat::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || s.form.with(|f| f.output_format == t)>{t.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <Show when=move || is_url.get()>
                <NumberField id="ttl" label="Time to live (seconds, optional)" min=60
                    get=|f| f.ttl.clone() put=|f, v| f.ttl = v />
            </Show>
        </fieldset>
        <fieldset class="field group" id="delivery">
            <legend>"Delivery"</legend>
            <div class="row">
                {[DeliveryMethod::Async, DeliveryMethod::Sync].into_iter().map(|d| view! {
                    <label class="radio">
                        <input type="radio" name="delivery" value=d.as_str()
                            prop:checked=move || s.form.with(|f| f.delivery == d)
                            on:change=move |_| s.edit("delivery", |f| f.delivery = d) />
                        {match d { DeliveryMethod::Async => "Async (poll)", DeliveryMethod::Sync => "Sync (wait)" }}
                    </label>
                }).collect_view()}
            </div>
            <p class="hint">"Kling takes minutes per image: async survives slow answers and proxy time-outs."</p>
            <label class="check">
                <input type="checkbox" id="include-cost"
                    prop:checked=move || s.form.with(|f| f.include_cost)
                    on:change=move |ev| s.edit("include-cost", |f| f.include_cost = event_target_checked(&ev)) />
                "Include cost"
            </label>
            <div class="row">
                <label class="check">
                    <input type="checkbox" id="safety-check"
                        prop:checked=move || s.form.with(|f| f.safety_check)
                        on:change=move |ev| s.edit("safety", |f| f.safety_check = event_target_checked(&ev)) />
                    "Safety check"
                </label>
                <Show when=move || s.form.with(|f| f.safety_check)>
                    <label class="inline">
                        "Mode "
                        <select aria-label="Safety mode" on:change=move |ev| {
                            let mode = if event_target_value(&ev) == "none" { SafetyMode::None } else { SafetyMode::Fast };
                            s.edit("safety", |f| f.safety_mode = mode);
                        }>
                            <option value="fast" selected=move || s.form.with(|f| f.safety_mode == SafetyMode::Fast)>"fast"</option>
                            <option value="none" selected=move || s.form.with(|f| f.safety_mode == SafetyMode::None)>"none"</option>
                        </select>
                    </label>
                </Show>
            </div>
            <FieldMessage control="safety" />
        </fieldset>
        <details class="field group advanced">
            <summary>"Advanced"</summary>
            <UrlField id="webhook" label="Webhook URL" get=|f| f.webhook_url.clone() put=|f, v| f.webhook_url = v />
            <UrlField id="upload-endpoint" label="Upload endpoint" get=|f| f.upload_endpoint.clone() put=|f, v| f.upload_endpoint = v />
        </details>
    }
}

/// A labelled URL field bound to one form value.
#[component]
fn UrlField(
    /// Element id, also the validation control name.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// Reads the value from the form.
    get: fn(&Form) -> String,
    /// Writes the value into the form.
    put: fn(&mut Form, String),
) -> impl IntoView {
    let s = use_studio();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="url" placeholder="https://…"
                prop:value=move || s.form.with(get)
                on:input=move |ev| s.edit(id, |f| put(f, event_target_value(&ev)))
                on:blur=move |_| s.touch(id)
                aria-invalid=invalid(id)
                aria-describedby=described_by(id) />
            <FieldMessage control=id />
        </div>
    }
}
