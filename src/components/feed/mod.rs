//! The right column: history tools, the jobs newest first with their images, the viewer,
//! the selection and the comparison.

pub mod column;
pub mod compare;
pub mod export_dialog;
pub mod gone_tile;
pub mod items;
pub mod job_block;
pub mod job_line;
pub mod lineage;
pub mod result_actions;
pub mod selection_bar;
pub mod starters;
pub mod tile;
pub mod toolbar;
pub mod viewer;
pub mod viewer_info;
pub mod viewport;
