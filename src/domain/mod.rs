//! Pure logic of the studio: form -> payload, job states, stored records, filters, the feed's
//! layout arithmetic. No browser, no HTTP; tested natively.

pub mod control;
pub mod form;
pub mod grid;
pub mod history;
pub mod import;
pub mod job;
pub mod number;
pub mod payload;
pub mod refcheck;
pub mod text;

pub use control::Control;
pub use form::{Form, RefInput, SizeChoice};
pub use job::{JobError, JobState, ResultMeta, Slot};
pub use payload::{build, Built};
