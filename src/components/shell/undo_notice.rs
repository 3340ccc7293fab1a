//! "Remix replaced what was in the composer. Undo": the one way back after something
//! replaced a draft.

use super::icons::{Icon, IconButton};
use crate::state::draft::use_drafts;
use leptos::prelude::*;

/// The notice, while there is something to bring back.
#[component]
pub fn UndoNotice() -> impl IntoView {
    let drafts = use_drafts();
    move || {
        drafts.replaced().map(|r| {
            view! {
                <div class="toast" role="status">
                    <span>{r.by.said()}</span>
                    <button type="button" class="toast-action" on:click=move |_| drafts.undo()>"Undo"</button>
                    <IconButton icon=Icon::Close label="Dismiss" on_press=move || drafts.dismiss() />
                </div>
            }
        })
    }
}
