//! Generate, pinned at the bottom of the composer: the cost estimate, and why it is disabled
//! when it is.

use super::field::{FieldMessage, Wiring};
use crate::browser::show_newest_job;
use crate::domain::form::FormStoreFields;
use crate::domain::text::money;
use crate::domain::Control;
use crate::jobs::run::submit;
use crate::jobs::runner::use_runner;
use crate::state::composer::use_composer;
use leptos::prelude::*;
use runware::limits::PRICE_PER_IMAGE;

/// The Generate bar.
#[component]
pub fn GenerateBar() -> impl IntoView {
    let composer = use_composer();
    let runner = use_runner();
    let blocker = composer.blocker();
    let spend = crate::state::spend::use_spend();
    let built = composer.built();
    // The form's own problems first, then a spend cap.
    let reason = Memo::new(move |_| {
        blocker.get().or_else(|| {
            let images = built.with(|b| b.task.result_count().max(1) as usize);
            spend.refusal(images)
        })
    });
    let wiring = Wiring::of(Control::Generate);
    let described_by = move || {
        let ids: Vec<String> = [
            reason
                .with(Option::is_some)
                .then(|| "generate-reason".to_owned()),
            wiring.described_by()(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let results = composer.form().results();
    let estimate = move || {
        results
            .with(|r| r.trim().parse::<i64>().ok())
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
                <output class="estimate" aria-label="Estimated cost" title="Images × price per image">{estimate}</output>
                <Show when=move || reason.with(Option::is_some)>
                    <span class="reason" id="generate-reason">{move || reason.get().unwrap_or_default()}</span>
                </Show>
                <FieldMessage control=Control::Generate />
            </div>
            <button
                class="primary"
                type="button"
                id=Control::Generate.id()
                disabled=move || reason.with(Option::is_some)
                aria-describedby=described_by
                on:click=move |_| {
                    if submit(runner) {
                        show_newest_job();
                    }
                }
                title="Generate (Ctrl+Enter)"
                aria-label="Generate"
            >
                "Generate"
                <kbd class="shortcut" aria-hidden="true">"Ctrl ↵"</kbd>
            </button>
        </div>
    }
}
