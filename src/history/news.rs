//! What one tab tells the others after writing history (`history::sync`), on its own so the
//! writer can say it without depending on how it is received.

use serde::{Deserialize, Serialize};

/// The channel's name (one per site, since BroadcastChannel is per origin).
pub const CHANNEL: &str = "kling-studio-history";

/// What a tab wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Changed {
    /// These jobs were stored (new, or with news).
    Put(Vec<String>),
    /// These jobs were deleted; `None`: all of them.
    Deleted(Option<Vec<String>>),
}

impl Changed {
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_text(text: &str) -> Option<Changed> {
        serde_json::from_str(text).ok()
    }
}
