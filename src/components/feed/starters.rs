//! The empty page: what to do, in one line, and the provider page's four examples as cards
//! that fill the composer (prompt, size and references), ready to send.

use crate::browser::focus_by_id;
use crate::domain::starters::{Starter, STARTERS};
use crate::domain::text::excerpt;
use crate::state::draft::use_drafts;
use crate::state::tray::RefSource;
use leptos::prelude::*;

/// The empty state with its starter cards.
#[component]
pub fn Starters() -> impl IntoView {
    let drafts = use_drafts();
    let start = move |s: Starter| {
        drafts.replace(
            crate::state::draft::Replacement::Example,
            s.form(),
            s.references
                .iter()
                .map(|r| RefSource::Text((*r).to_owned()))
                .collect(),
        );
        focus_by_id("prompt");
    };
    view! {
        <div class="starters">
            <h2>"Describe a shot, add references if you have them, and press Generate."</h2>
            <p class="muted">"Or start from one of these examples:"</p>
            <ul class="starter-cards">
                {STARTERS.into_iter().map(|s| {
                    let (w, h) = s.aspect.dims(runware::Resolution::K1);
                    let refs = s.references.len();
                    view! {
                        <li>
                            <button type="button" class="starter" on:click=move |_| start(s)
                                aria-label=format!("Start from “{}”", s.title)>
                                <span class="starter-shape" style:aspect-ratio=format!("{w} / {h}") aria-hidden="true"></span>
                                <span class="starter-title">{s.title}</span>
                                <span class="starter-blurb muted">{s.blurb}</span>
                                <span class="starter-prompt">{excerpt(s.prompt, 110)}</span>
                                <span class="starter-meta muted tabular">
                                    {format!("{w} × {h}")}
                                    {(refs > 0).then(|| format!(" · {refs} reference{}", if refs == 1 { "" } else { "s" }))}
                                </span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
