//! Pure logic of the studio: form -> payload, job states, stored records, filters, the feed's
//! layout arithmetic. No browser, no HTTP; tested natively.

pub mod control;
pub mod draft;
pub mod eta;
pub mod feed_layout;
pub mod form;
pub mod history;
pub mod images;
pub mod import;
pub mod import_report;
pub mod job;
pub mod kits;
pub mod lineage;
pub mod mentions;
pub mod number;
pub mod payload;
pub mod refcheck;
pub mod shots;
pub mod spend;
pub mod starters;
pub mod text;

pub use control::Control;
pub use form::{Form, RefInput, SizeChoice};
pub use job::{JobError, JobState, Remedy, ResultMeta, Slot};
pub use payload::{build, Built};
