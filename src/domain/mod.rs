//! Pure form -> payload logic: no browser, no HTTP, tested natively.

pub mod form;
pub mod grid;
pub mod history;
pub mod import;
pub mod job;
pub mod number;
pub mod payload;
pub mod refcheck;

pub use form::{Form, RefInput, SizeChoice};
pub use job::{JobState, ResultMeta, Slot};
pub use payload::{build, Built};
