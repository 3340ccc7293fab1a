//! Running jobs: submit, poll, retry, cancel, resume. Job signals are written by these async
//! tasks (never by effects); views only read them.

pub mod actions;
pub mod edit;
pub mod job;
pub mod keep;
pub mod kit_from;
pub mod poll;
pub mod results;
pub mod run;
pub mod runner;
pub mod save;
