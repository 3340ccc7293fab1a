//! The app's shared state, one small `Copy` context per concern. A setter that must persist
//! does so itself, so views never touch storage.

pub mod clock;
pub mod composer;
pub mod connection;
pub mod copies;
pub mod draft;
pub mod feed;
pub mod kits;
pub mod mentions;
pub mod overlay;
pub mod presets;
pub mod selection;
pub mod settings;
pub mod shots;
pub mod spend;
pub mod storage;
pub mod stored_refs;
pub mod tasks;
pub mod tray;
