//! The composer's form, what it builds, and which messages show. Views read single values
//! through `select` memos, so a keystroke in the prompt re-runs only what shows the prompt
//! (and the payload); every other control's view stays as it was.

use super::tray::{RefItem, Tray};
use crate::domain::payload::new_task_uuid;
use crate::domain::{build, Built, Control, Form, RefInput};
use leptos::prelude::*;
use runware::FieldError;

/// The composer's state.
#[derive(Clone, Copy)]
pub struct Composer {
    form: RwSignal<Form>,
    /// Controls the user has edited or left: their messages show from then on.
    touched: RwSignal<Vec<Control>>,
    /// After a send attempt every message shows.
    attempted: RwSignal<bool>,
    /// A field Runware itself refused on the last job.
    server_error: RwSignal<Option<(Control, String)>>,
    /// The UUID the next submission will carry (shown in the payload sheet).
    next_task_uuid: RwSignal<String>,
    built: Memo<Built>,
    /// Only changes when the problems change, not with every keystroke.
    errors: Memo<Vec<FieldError>>,
    tray: Tray,
}

impl Composer {
    pub fn new(tray: Tray) -> Composer {
        let form = RwSignal::new(Form::default());
        let next_task_uuid = RwSignal::new(new_task_uuid());
        // Unguessable placeholders, so no prompt can contain one.
        let nonce = (crate::browser::random() * 9.0e15) as u64;
        let items = tray.items();
        let built = Memo::new(move |_| {
            let inputs: Vec<RefInput> = items.with(|r| r.iter().map(RefItem::input).collect());
            form.with(|f| next_task_uuid.with(|id| build(f, &inputs, id, nonce)))
        });
        let errors = Memo::new(move |_| built.with(|b| b.errors.clone()));
        Composer {
            form,
            touched: RwSignal::new(Vec::new()),
            attempted: RwSignal::new(false),
            server_error: RwSignal::new(None),
            next_task_uuid,
            built,
            errors,
            tray,
        }
    }

    /// One value of the form, as a memo: its readers re-run only when it changes.
    pub fn select<T>(self, get: fn(&Form) -> T) -> Memo<T>
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        let form = self.form;
        Memo::new(move |_| form.with(get))
    }

    /// The whole form now, without tracking it.
    pub fn form_untracked(self) -> Form {
        self.form.get_untracked()
    }

    pub fn built(self) -> Memo<Built> {
        self.built
    }

    pub fn errors(self) -> Memo<Vec<FieldError>> {
        self.errors
    }

    /// Edits the form and marks the control as touched; a server complaint about it is
    /// cleared, since the user is fixing it.
    pub fn edit(self, control: Control, f: impl FnOnce(&mut Form)) {
        self.form.update(f);
        self.touch(control);
        if self
            .server_error
            .with_untracked(|e| e.as_ref().is_some_and(|(c, _)| *c == control))
        {
            self.server_error.set(None);
        }
    }

    /// Replaces the whole form (remix, import, a preset), keeping nothing of the old one.
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

    pub fn clear_server_error(self) {
        self.server_error.set(None);
    }

    fn visible(self, control: Control) -> bool {
        self.attempted.get()
            || self.touched.with(|t| t.contains(&control))
            || (control == Control::References && self.tray.edited().get())
    }

    /// The message under `control`, while there is one to show.
    pub fn message(self, control: Control) -> Memo<Option<String>> {
        Memo::new(move |_| {
            if let Some((c, m)) = self.server_error.get() {
                if c == control {
                    return Some(m);
                }
            }
            if !self.visible(control) {
                return None;
            }
            self.errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| Control::for_parameter(&e.field) == control)
                    .map(|e| e.message.clone())
            })
        })
    }

    /// The first problem of the form, which keeps Generate disabled.
    pub fn blocker(self) -> Memo<Option<String>> {
        let errors = self.errors;
        Memo::new(move |_| errors.with(|e| e.first().map(|e| e.message.clone())))
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
