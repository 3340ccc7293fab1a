//! Views only: they read the state contexts and call the job runner; no storage, no JSON, no
//! HTTP.

pub mod composer;
pub mod feed;
pub mod lazy;
pub mod sheets;
pub mod shell;
