//! What a composer draft keeps besides the files themselves: the form (written on every
//! change, so it is light) and, in order, what each reference is (written when the references
//! change). Read back defensively: a draft written by an older studio (or damaged) gives what
//! can be read, never a failure at start-up.

use super::form::Form;
use serde::{Deserialize, Serialize};

/// One reference of a draft; a local file's bytes are stored beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DraftRef {
    /// A URL, an image UUID or imported inline text.
    Text { value: String },
    /// A local file, with the user's choice about making it smaller.
    Local {
        name: String,
        sent_at_own_size: bool,
    },
}

/// The references part of a draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftRefs {
    pub refs: Vec<DraftRef>,
}

/// The form part of a draft, with when it was written (the newest draft starts a new tab).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftForm {
    pub saved: f64,
    pub form: Form,
    /// How many references the draft had: none means nothing to wait for at start-up.
    pub refs: usize,
}

/// JSON text in, a value out, or the default when the text cannot be read.
pub fn read_or_default<T: Default + for<'de> Deserialize<'de>>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

/// A value as JSON text.
pub fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
