//! Views only: they read the studio's signals and call `jobs`; no JSON, no HTTP.

pub mod compare;
pub mod composer;
pub mod field;
pub mod gallery;
pub mod history_bar;
pub mod job_card;
pub mod lightbox;
pub mod options;
pub mod payload;
pub mod presets;
pub mod ref_card;
pub mod references;
pub mod result_card;
pub mod settings;
pub mod size_picker;
pub mod topbar;
