//! The composer's form, what it builds, and which messages show. The form is a store: a
//! keystroke in the prompt notifies what reads the prompt (its field, its message, the built
//! task), not every other control. Each control's message is worked out from the fields that
//! can make it wrong, so typing in one field leaves the others' messages untouched.

use super::tray::{RefItem, Tray};
use crate::domain::form::FormStoreFields;
use crate::domain::payload::new_task_uuid;
use crate::domain::{build, Built, Control, Form, RefInput};
use leptos::prelude::*;
use reactive_stores::{Store, Subfield};

/// One field of the form, readable and writable on its own.
pub type FormField<T> = Subfield<Store<Form>, Form, T>;

/// The composer's state.
#[derive(Clone, Copy)]
pub struct Composer {
    form: Store<Form>,
    /// Controls the user has edited or left: their messages show from then on.
    touched: RwSignal<Vec<Control>>,
    /// After a send attempt every message shows.
    attempted: RwSignal<bool>,
    /// A field Runware itself refused on the last job.
    server_error: RwSignal<Option<(Control, String)>>,
    /// The UUID the next submission will carry (shown in the payload sheet).
    next_task_uuid: RwSignal<String>,
    built: Memo<Built>,
    /// One message memo per control (`Control::ALL` order), shared by every view of it.
    messages: StoredValue<Vec<Memo<Option<String>>>>,
    tray: Tray,
}

impl Composer {
    pub fn new(tray: Tray) -> Composer {
        let form = Store::new(Form::default());
        let next_task_uuid = RwSignal::new(new_task_uuid());
        let nonce = (crate::browser::random() * 9.0e15) as u64;
        let items = tray.items();
        let built = Memo::new(move |_| {
            let inputs: Vec<RefInput> = items.with(|r| r.iter().map(RefItem::input).collect());
            form.with(|f| next_task_uuid.with(|id| build(f, &inputs, id, nonce)))
        });
        let composer = Composer {
            form,
            touched: RwSignal::new(Vec::new()),
            attempted: RwSignal::new(false),
            server_error: RwSignal::new(None),
            next_task_uuid,
            built,
            messages: StoredValue::new(Vec::new()),
            tray,
        };
        let memos = Control::ALL
            .into_iter()
            .map(|c| Memo::new(move |_| composer.compute_message(c)))
            .collect();
        composer.messages.set_value(memos);
        composer
    }

    /// The tray the composer sends with.
    pub fn tray(self) -> Tray {
        self.tray
    }

    /// The form's fields, each readable and writable on its own (`form().prompt()`).
    pub fn form(self) -> Store<Form> {
        self.form
    }

    /// The whole form now, without tracking it.
    pub fn form_untracked(self) -> Form {
        self.form.get_untracked()
    }

    /// The task the form builds now (tracks every field and the tray).
    pub fn built(self) -> Memo<Built> {
        self.built
    }

    /// Writes one field (through `write`) and marks its control as touched; a server
    /// complaint about it is cleared, since the user is fixing it.
    pub fn edit(self, control: Control, write: impl FnOnce(Store<Form>)) {
        write(self.form);
        self.touch(control);
        if self
            .server_error
            .with_untracked(|e| e.as_ref().is_some_and(|(c, _)| *c == control))
        {
            self.server_error.set(None);
        }
    }

    /// Replaces the whole form (remix, import, a preset).
    pub fn replace(self, form: Form) {
        self.form.set(form);
        self.server_error.set(None);
    }

    pub fn touch(self, control: Control) {
        if !self.touched.with_untracked(|t| t.contains(&control)) {
            self.touched.update(|t| t.push(control));
        }
    }

    /// Shows every message from now on (a send was attempted, or an import was loaded).
    pub fn reveal_all(self) {
        self.attempted.set(true);
    }

    pub fn set_server_error(self, control: Control, message: String) {
        self.server_error.set(Some((control, message)));
    }

    fn visible(self, control: Control) -> bool {
        self.attempted.get()
            || self.touched.with(|t| t.contains(&control))
            || (control == Control::References && self.tray.edited().get())
    }

    /// Subscribes to the fields (and references) whose values can make `control` wrong.
    fn track_inputs(self, control: Control) {
        let f = self.form;
        match control {
            Control::Prompt => f.prompt().track(),
            Control::Size => {
                f.size().track();
                self.tray.items().track();
            }
            Control::References => self.tray.items().track(),
            Control::Results => f.results().track(),
            Control::Quality => f.quality().track(),
            Control::Ttl => {
                f.ttl().track();
                f.output_type().track();
            }
            Control::Webhook => f.webhook_url().track(),
            Control::UploadEndpoint => f.upload_endpoint().track(),
            Control::Safety => {
                f.safety_check().track();
                f.safety_mode().track();
            }
            // Only Runware names these: every value the form offers is allowed.
            Control::OutputType
            | Control::OutputFormat
            | Control::Delivery
            | Control::IncludeCost
            | Control::Generate => {}
        }
    }

    /// The first problem the contract finds with `control`, from the form as it is now (the
    /// built task is shared: reading it untracked brings it up to date once for everyone).
    fn problem_now(self, control: Control) -> Option<String> {
        self.built.with_untracked(|b| {
            b.errors
                .iter()
                .find(|e| Control::for_parameter(&e.field) == control)
                .map(|e| e.message.clone())
        })
    }

    fn compute_message(self, control: Control) -> Option<String> {
        if let Some((c, m)) = self.server_error.get() {
            if c == control {
                return Some(m);
            }
        }
        if !self.visible(control) {
            return None;
        }
        self.track_inputs(control);
        self.problem_now(control)
    }

    /// The message under `control`, while there is one to show.
    pub fn message(self, control: Control) -> Memo<Option<String>> {
        let i = Control::ALL
            .iter()
            .position(|c| *c == control)
            .expect("every control is in ALL");
        self.messages.with_value(|m| m[i])
    }

    /// The first problem of the form, which keeps Generate disabled.
    pub fn blocker(self) -> Memo<Option<String>> {
        let built = self.built;
        Memo::new(move |_| built.with(|b| b.errors.first().map(|e| e.message.clone())))
    }

    /// Marks a send attempt and, when the form is valid, hands over what to send (and a new
    /// UUID for the next one).
    pub fn take_task(self) -> Option<(Built, Form, Vec<RefItem>)> {
        self.attempted.set(true);
        let built = self.built.get_untracked();
        if !built.is_valid() {
            return None;
        }
        self.server_error.set(None);
        self.next_task_uuid.set(new_task_uuid());
        Some((
            built,
            self.form.get_untracked(),
            self.tray.items().get_untracked(),
        ))
    }
}

pub fn use_composer() -> Composer {
    expect_context()
}
