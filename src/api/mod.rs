//! Everything that speaks HTTP: the client with its retries, request bodies, uploads and the
//! connection test. Request bodies are `Blob`s of JS strings, so reference data URIs never
//! pass through wasm memory.

pub mod account;
pub mod body;
pub mod client;
pub mod error;
pub mod images;
pub mod upload;

pub use client::{Abort, Body, Endpoint};
pub use error::{ClientError, Idempotency};
