//! The message under a field, and the ARIA wiring that points the field at it.

use crate::domain::Control;
use crate::state::composer::use_composer;
use leptos::prelude::*;

/// The validation message for `control`, shown under it while there is one.
#[component]
pub fn FieldMessage(
    /// The control the message belongs to; the message's id is `<control id>-error`.
    control: Control,
) -> impl IntoView {
    let msg = use_composer().message(control);
    view! {
        <Show when=move || msg.with(Option::is_some)>
            <p class="field-error" id=control.message_id() aria-live="polite">
                {move || msg.get().unwrap_or_default()}
            </p>
        </Show>
    }
}

/// `aria-invalid` and `aria-describedby` for a control, while it has a message.
#[derive(Clone, Copy)]
pub struct Wiring {
    message: Memo<Option<String>>,
    control: Control,
}

impl Wiring {
    pub fn of(control: Control) -> Wiring {
        Wiring {
            message: use_composer().message(control),
            control,
        }
    }

    /// "true" while the control has a message, absent otherwise.
    pub fn invalid(self) -> impl Fn() -> Option<&'static str> + Copy {
        move || self.message.with(Option::is_some).then_some("true")
    }

    /// The message's id while there is one.
    pub fn described_by(self) -> impl Fn() -> Option<String> + Copy {
        move || {
            self.message
                .with(Option::is_some)
                .then(|| self.control.message_id())
        }
    }
}
