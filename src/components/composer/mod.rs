//! The left column: prompt, references, size, output options and the Generate button.

use super::field::{described_by, invalid, FieldMessage};
use super::options::OutputOptions;
use super::presets::Presets;
use super::references::ReferenceTray;
use super::size_picker::SizePicker;
use crate::domain::job::money;
use crate::jobs;
use crate::studio::use_studio;
use leptos::prelude::*;
use runware::limits::{PRICE_PER_IMAGE, PROMPT_MAX, PROMPT_MIN};

/// The composer column.
#[component]
pub fn Composer() -> impl IntoView {
    view! {
        <section class="composer" aria-label="Composer">
            <div class="composer-scroll">
                <PromptField />
                <ReferenceTray />
                <SizePicker />
                <OutputOptions />
                <Presets />
            </div>
            <GenerateBar />
        </section>
    }
}

/// The prompt, its live character count, and Ctrl/Cmd+Enter to generate.
#[component]
fn PromptField() -> impl IntoView {
    let s = use_studio();
    let count = Memo::new(move |_| s.form.with(|f| f.prompt.chars().count()));
    view! {
        <div class="field">
            <div class="field-head">
                <label for="prompt">"Prompt"</label>
                <span
                    class="counter"
                    class:bad=move || { let n = count.get(); n > PROMPT_MAX || (n > 0 && n < PROMPT_MIN) }
                    aria-label="Characters used"
                >
                    {move || count.get()} " / " {PROMPT_MAX}
                </span>
            </div>
            <textarea
                id="prompt"
                rows="6"
                placeholder="Describe a shot: subject, setting, light, style…"
                prop:value=move || s.form.with(|f| f.prompt.clone())
                on:input=move |ev| s.edit("prompt", |f| f.prompt = event_target_value(&ev))
                on:blur=move |_| s.touch("prompt")
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        jobs::submit(s);
                    }
                }
                aria-invalid=invalid("prompt")
                aria-describedby=described_by("prompt")
            ></textarea>
            <FieldMessage control="prompt" />
        </div>
    }
}

/// Generate, pinned at the bottom: the cost estimate, and why it is disabled when it is.
#[component]
fn GenerateBar() -> impl IntoView {
    let s = use_studio();
    let reason = Memo::new(move |_| {
        s.built
            .with(|b| b.errors.first().map(|e| e.message.clone()))
    });
    let estimate = move || {
        s.form
            .with(|f| f.result_count())
            .filter(|n| (1..=20).contains(n))
            .map(|n| {
                format!(
                    "{n} × {} = {}",
                    money(PRICE_PER_IMAGE),
                    money(n as f64 * PRICE_PER_IMAGE)
                )
            })
            .unwrap_or_default()
    };
    view! {
        <div class="generate-bar">
            <div class="generate-info">
                <span class="estimate" title="Estimated cost">{estimate}</span>
                <Show when=move || reason.with(Option::is_some)>
                    <span class="reason" id="generate-reason">{move || reason.get().unwrap_or_default()}</span>
                </Show>
            </div>
            <button
                class="primary"
                type="button"
                disabled=move || reason.with(Option::is_some)
                aria-describedby=move || reason.with(Option::is_some).then_some("generate-reason")
                on:click=move |_| {
                    jobs::submit(s);
                }
                title="Generate (Ctrl+Enter)"
            >
                "Generate"
            </button>
        </div>
    }
}
