//! The message under a field, and the ARIA wiring that points the field at it.

use crate::studio::use_studio;
use leptos::prelude::*;

/// The validation message for `control`, shown under it while there is one.
#[component]
pub fn FieldMessage(
    /// The control's id; the message gets `<control>-error`.
    control: &'static str,
) -> impl IntoView {
    let s = use_studio();
    let msg = Memo::new(move |_| s.error_for(control));
    view! {
        <Show when=move || msg.with(Option::is_some)>
            <p class="field-error" id=format!("{control}-error") aria-live="polite">
                {move || msg.get().unwrap_or_default()}
            </p>
        </Show>
    }
}

/// `aria-invalid` for a control: "true" while it has a message, absent otherwise.
pub fn invalid(control: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
    let s = use_studio();
    move || s.error_for(control).map(|_| "true")
}

/// `aria-describedby` for a control: its message's id while there is one.
pub fn described_by(control: &'static str) -> impl Fn() -> Option<String> + Copy {
    let s = use_studio();
    move || s.error_for(control).map(|_| format!("{control}-error"))
}
