//! Kling Studio: compose Kling IMAGE O1 requests, send them through a configurable endpoint,
//! and watch results arrive. `app` is the entry; see the README's "Where things are".

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod domain;
pub mod history;
pub mod jobs;
pub mod shots;
pub mod state;

pub use app::App;

/// Bytes of wasm linear memory in use by the app, for the benchmark (`window.wasmBindings`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
