//! The right column: history tools, jobs, and the results grid with its lightbox and
//! comparison.

pub mod compare;
pub mod gallery;
pub mod history_bar;
pub mod items;
pub mod job_card;
pub mod lightbox;
pub mod result_card;
pub mod viewport;
