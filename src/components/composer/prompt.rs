//! The prompt, its live character count, and Ctrl/Cmd+Enter to generate.

use super::field::{FieldMessage, Wiring};
use super::mentions::{MentionMenu, MentionMenuState, MentionStatus};
use crate::browser::show_newest_job;
use crate::domain::form::FormStoreFields;
use crate::domain::Control;
use crate::jobs::run::submit;
use crate::jobs::runner::use_runner;
use crate::state::composer::use_composer;
use crate::state::tray::use_tray;
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
    let tray = use_tray();
    let menu = MentionMenuState::new();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let choose = Callback::new(move |i: usize| {
        let (Some(at), Some(el)) = (menu.open.get_untracked(), area.get_untracked()) else {
            return;
        };
        let tag = tray.labels_untracked().get(i).cloned();
        let words = crate::domain::kits::mention_words(i, tag.as_deref());
        let (text, caret) = MentionMenuState::insert(&el.value(), at.at, &words);
        menu.open.set(None);
        composer.edit(Control::Prompt, |f| f.prompt().set(text.clone()));
        el.set_value(&text);
        el.set_selection_range(caret, caret).ok();
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if menu.open.with_untracked(Option::is_some) {
            let n = tray.len_untracked().max(1);
            match ev.key().as_str() {
                "ArrowDown" => menu.active.update(|a| *a = (*a + 1) % n),
                "ArrowUp" => menu.active.update(|a| *a = (*a + n - 1) % n),
                "Enter" | "Tab" => choose.run(menu.active.get_untracked()),
                "Escape" => menu.open.set(None),
                _ => return,
            }
            ev.prevent_default();
            ev.stop_propagation();
            return;
        }
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            if submit(runner) {
                show_newest_job();
            }
        }
    };
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
            <div class="prompt-wrap">
            <textarea
                id="prompt"
                rows="6"
                placeholder="Describe a shot: subject, setting, light, style…  (press / to come here)"
                node_ref=area
                prop:value=move || prompt.get()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(el) = area.get_untracked() {
                        let caret = el.selection_start().ok().flatten().unwrap_or(0);
                        menu.after_input(&value, caret, tray.len_untracked());
                    }
                    composer.edit(Control::Prompt, |f| f.prompt().set(value));
                }
                on:blur=move |_| { menu.open.set(None); composer.touch(Control::Prompt) }
                on:keydown=on_key
                aria-controls="mention-menu"
                aria-expanded=move || menu.open.with(Option::is_some).to_string()
                aria-activedescendant=move || menu.open.with(Option::is_some).then(|| format!("mention-{}", menu.active.get()))
                aria-invalid=wiring.invalid()
                aria-describedby=wiring.described_by()
            ></textarea>
            <MentionMenu state=menu on_choose=choose />
            </div>
            <FieldMessage control=Control::Prompt />
            <MentionStatus />
        </div>
    }
}
