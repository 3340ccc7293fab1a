//! Sheets that open beside the page.

pub mod payload;
pub mod settings;
pub mod storage;
