//! The page's frame.

pub mod topbar;
