//! Sheets that open beside the page.

pub mod kit_card;
pub mod kits;
pub mod payload;
pub mod settings;
pub mod shot_run;
pub mod shots;
pub mod storage;
