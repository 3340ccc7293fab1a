//! What a composer draft keeps besides the files themselves: the form and, in order, what
//! each reference is. Read back defensively: a draft written by an older studio (or damaged)
//! gives what can be read, never a failure at start-up.

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

/// The draft's JSON part.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftMeta {
    pub form: Form,
    pub refs: Vec<DraftRef>,
}

impl DraftMeta {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The draft, or an empty one when the text cannot be read.
    pub fn from_json(text: &str) -> DraftMeta {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// Nothing worth keeping or offering back (an untouched composer).
    pub fn is_blank(&self) -> bool {
        self.refs.is_empty() && self.form == Form::default()
    }
}
