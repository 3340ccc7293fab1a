//! What most jobs leave as it is, collapsed under "Advanced", whose summary says what is set
//! inside: delivery, how results come, how long links last, cost, the content check, the
//! webhook, the upload endpoint, and uploading references once.

use super::controls::{Choice, NumberField, UrlField};
use super::field::{FieldMessage, Wiring};
use crate::domain::form::FormStoreFields;
use crate::domain::{Control, Form};
use crate::state::composer::use_composer;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use runware::{DeliveryMethod, OutputType, SafetyMode};

/// What the summary says is set, from the fields it names (so typing elsewhere leaves it be).
fn summary(form: reactive_stores::Store<Form>, upload_once: bool) -> String {
    let mut set = Vec::new();
    if form.delivery().get() == DeliveryMethod::Sync {
        set.push("waits for the answer".to_owned());
    }
    match form.output_type().get() {
        OutputType::Url => {
            let ttl = form.ttl().with(|t| t.trim().to_owned());
            if !ttl.is_empty() {
                set.push(format!("links kept {ttl} s"));
            }
        }
        OutputType::DataUri => set.push("data URIs".into()),
        OutputType::Base64Data => set.push("base64".into()),
    }
    if !form.include_cost().get() {
        set.push("no cost".into());
    }
    if form.safety_check().get() {
        set.push("content check".into());
    }
    if form.webhook_url().with(|w| !w.trim().is_empty()) {
        set.push("webhook".into());
    }
    if form.upload_endpoint().with(|u| !u.trim().is_empty()) {
        set.push("uploads results".into());
    }
    if upload_once {
        set.push("references uploaded once".into());
    }
    if set.is_empty() {
        // Said so the closed section still tells that nothing unusual hides inside it.
        "As usual: results come as links, with their cost".to_owned()
    } else {
        set.join(" · ")
    }
}

/// The Advanced section; it opens by itself when one of its controls has a message.
#[component]
pub fn AdvancedOptions() -> impl IntoView {
    let composer = use_composer();
    let settings = use_settings();
    let form = composer.form();
    let upload_once = settings.upload_once();
    let attention: Vec<Memo<Option<String>>> = Control::ALL
        .into_iter()
        .filter(|c| c.is_advanced())
        .map(|c| composer.message(c))
        .collect();
    let needs_attention = Memo::new(move |_| attention.iter().any(|m| m.with(Option::is_some)));
    // Opened when a message appears inside, never shut by the code: fixing the last error
    // leaves the section as the user has it (a bound `open` would snap it shut under them).
    let section = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if needs_attention.get() {
            if let Some(details) = section.get() {
                details.set_open(true);
            }
        }
    });
    let types = vec![
        (OutputType::Url, "A link (URL)"),
        (OutputType::DataUri, "Data URI, in the answer"),
        (OutputType::Base64Data, "Base64, in the answer"),
    ];
    let is_url = Memo::new(move |_| form.output_type().get() == OutputType::Url);
    view! {
        <details class="advanced" node_ref=section>
            <summary>
                <span class="summary-title">"Advanced"</span>
                <span class="summary-set muted">{move || summary(form, upload_once.get())}</span>
            </summary>
            <div class="advanced-body">
                <DeliveryChoice />
                <Choice control=Control::OutputType label="Results come as" api="outputType" options=types
                    field=form.output_type() />
                <Show when=move || is_url.get()>
                    <NumberField control=Control::Ttl label="Keep image links for (seconds)" api="ttl" min=60
                        placeholder="Runware's default" field=form.ttl() />
                </Show>
                <Checks />
                <UrlField control=Control::Webhook label="Webhook URL" api="webhookURL" field=form.webhook_url() />
                <UrlField control=Control::UploadEndpoint label="Upload results to" api="uploadEndpoint"
                    field=form.upload_endpoint() />
                <label class="check">
                    <input type="checkbox" prop:checked=move || upload_once.get()
                        on:change=move |ev| settings.set_upload_once(event_target_checked(&ev)) />
                    "Upload local references once (later jobs send their image UUIDs)"
                </label>
            </div>
        </details>
    }
}

/// Sync or async.
#[component]
fn DeliveryChoice() -> impl IntoView {
    let composer = use_composer();
    let delivery = composer.form().delivery();
    let wiring = Wiring::of(Control::Delivery);
    view! {
        <fieldset class="field" id=Control::Delivery.id() aria-describedby=wiring.described_by()>
            <legend>"Delivery" <code class="api-hint" aria-hidden="true">"deliveryMethod"</code></legend>
            {[
                (DeliveryMethod::Async, "Poll for results (async)", "Survives slow answers and proxy time-outs; Kling takes minutes."),
                (DeliveryMethod::Sync, "Wait for the answer (sync)", "One request holds until the images are ready."),
            ].into_iter().map(|(d, words, hint)| view! {
                <label class="radio" title=hint>
                    <input type="radio" name="delivery" value=d.as_str()
                        prop:checked=move || delivery.get() == d
                        on:change=move |_| composer.edit(Control::Delivery, |_| delivery.set(d)) />
                    {words}
                </label>
            }).collect_view()}
            <FieldMessage control=Control::Delivery />
        </fieldset>
    }
}

/// Cost in the answer, and the content check.
#[component]
fn Checks() -> impl IntoView {
    let composer = use_composer();
    let form = composer.form();
    let (include_cost, safety_check, safety_mode) =
        (form.include_cost(), form.safety_check(), form.safety_mode());
    let cost_wiring = Wiring::of(Control::IncludeCost);
    let safety_wiring = Wiring::of(Control::Safety);
    view! {
        <div class="field">
            <label class="check">
                <input type="checkbox" id=Control::IncludeCost.id()
                    aria-invalid=cost_wiring.invalid() aria-describedby=cost_wiring.described_by()
                    prop:checked=move || include_cost.get()
                    on:change=move |ev| composer.edit(Control::IncludeCost, |_| include_cost.set(event_target_checked(&ev))) />
                "Report what each image cost" <code class="api-hint" aria-hidden="true">"includeCost"</code>
            </label>
            <FieldMessage control=Control::IncludeCost />
            <label class="check">
                <input type="checkbox" id=Control::Safety.id()
                    aria-invalid=safety_wiring.invalid() aria-describedby=safety_wiring.described_by()
                    prop:checked=move || safety_check.get()
                    on:change=move |ev| composer.edit(Control::Safety, |_| safety_check.set(event_target_checked(&ev))) />
                "Check content" <code class="api-hint" aria-hidden="true">"safety"</code>
            </label>
            <Show when=move || safety_check.get()>
                <div class="field small indent">
                    <select aria-label="Content check mode" on:change=move |ev| {
                        let mode = if event_target_value(&ev) == "none" { SafetyMode::None } else { SafetyMode::Fast };
                        composer.edit(Control::Safety, |_| safety_mode.set(mode));
                    }>
                        <option value="fast" selected=move || safety_mode.get() == SafetyMode::Fast>"Fast, one check"</option>
                        <option value="none" selected=move || safety_mode.get() == SafetyMode::None>"None"</option>
                    </select>
                </div>
            </Show>
            <FieldMessage control=Control::Safety />
        </div>
    }
}
