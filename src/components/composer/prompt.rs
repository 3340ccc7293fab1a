//! The prompt, its live character count, and Ctrl/Cmd+Enter to generate.

use super::field::{FieldMessage, Wiring};
use crate::browser::show_newest_job;
use crate::domain::form::FormStoreFields;
use crate::domain::Control;
use crate::jobs::run::submit;
use crate::jobs::runner::use_runner;
use crate::state::composer::use_composer;
use leptos::prelude::*;
use runware::limits::{PROMPT_MAX, PROMPT_MIN};

/// The prompt field.
#[component]
pub fn PromptField() -> impl IntoView {
    let composer = use_composer();
    let runner = use_runner();
    let prompt = composer.form().prompt();
    let count = Memo::new(move |_| prompt.with(|p| p.chars().count()));
    let wiring = Wiring::of(Control::Prompt);
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
                placeholder="Describe a shot: subject, setting, light, style…  (press / to come here)"
                prop:value=move || prompt.get()
                on:input=move |ev| composer.edit(Control::Prompt, |f| f.prompt().set(event_target_value(&ev)))
                on:blur=move |_| composer.touch(Control::Prompt)
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        if submit(runner) {
                            show_newest_job();
                        }
                    }
                }
                aria-invalid=wiring.invalid()
                aria-describedby=wiring.described_by()
            ></textarea>
            <FieldMessage control=Control::Prompt />
        </div>
    }
}
