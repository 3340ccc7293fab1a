//! The question asked before something is deleted, in a small dialog.

use super::dialog::{Dialog, Placement};
use crate::state::overlay::use_overlay;
use leptos::prelude::*;

/// The confirmation, while one is asked.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let overlay = use_overlay();
    let asked = overlay.confirmation();
    let close = Callback::new(move |_| asked.set(None));
    view! {
        {move || asked.get().map(|c| {
            let run = c.run.clone();
            view! {
                <Dialog title=c.title.to_owned() on_close=close placement=Placement::Center>
                    <p>{c.message.clone()}</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| close.run(())>"Keep"</button>
                        <button type="button" class="danger solid" on:click=move |_| { close.run(()); run(); }>{c.action}</button>
                    </div>
                </Dialog>
            }
        })}
    }
}
