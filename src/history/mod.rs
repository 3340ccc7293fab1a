//! Keeping jobs between visits: one task owns the IndexedDB writes and applies them in order
//! (`writer`); on start the history is read back (`restore`) and handed to the app, which
//! resumes what was running; export and import of the history file.

pub mod export;
pub mod free;
pub mod import;
pub mod news;
pub mod refs;
pub mod restore;
pub mod sync;
pub mod writer;
