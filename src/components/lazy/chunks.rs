//! The split points: each function here is moved, with everything only it reaches, into a
//! chunk of its own by the build (`scripts/trunk-split-hook.sh`, with the `split` feature);
//! calling it fetches the chunk the first time. Functions with the same module name share one
//! chunk. Without the feature (tests, `cargo check`) they are plain async functions: a wasm
//! module with split points cannot run until the splitter has resolved them.

use super::{ChunkError, Loading};
use crate::components::composer::presets_body::PresetsBody;
use crate::components::feed::compare::CompareView;
use crate::components::feed::export_dialog::ExportDialog;
use crate::components::feed::selection_bar::SelectionBar;
use crate::components::feed::viewer::Viewer;
use crate::components::sheets::kits::KitsSheet;
use crate::components::sheets::payload::PayloadSheet;
use crate::components::sheets::settings::SettingsSheet;
use crate::components::sheets::shots::ShotsSheet;
use crate::components::shell::shortcuts::ShortcutsSheet;
use crate::history::import::{import, HistoryFileError, Imported};
use crate::history::writer::Writer;
use crate::jobs::runner::Runner;
use crate::shots::driver::drive;
use crate::state::feed::Feed;
use crate::state::kits::Kits;
use crate::state::shots::Shots;
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use std::future::Future;
use std::pin::Pin;

/// Declares a view that lives in chunk `$module`, and its `Chunk` for `Lazy`.
macro_rules! lazy_view {
    ($module:ident, $split:ident, $public:ident, $view:expr) => {
        #[cfg(feature = "split")]
        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $split() -> Result<AnyView, ChunkError> {
            Ok($view.into_any())
        }

        #[cfg(not(feature = "split"))]
        async fn $split() -> Result<AnyView, ChunkError> {
            Ok($view.into_any())
        }

        #[doc = concat!("The `", stringify!($module), "` chunk's view.")]
        pub fn $public() -> Loading {
            Box::pin($split())
        }
    };
}

lazy_view!(viewer, split_viewer, viewer, view! { <Viewer /> });
lazy_view!(compare, split_compare, compare, view! { <CompareView /> });
lazy_view!(
    selection,
    split_selection,
    selection,
    view! { <SelectionBar /> }
);
lazy_view!(
    settings,
    split_settings,
    settings,
    view! { <SettingsSheet /> }
);
lazy_view!(payload, split_payload, payload, view! { <PayloadSheet /> });
lazy_view!(
    shortcuts,
    split_shortcuts,
    shortcuts,
    view! { <ShortcutsSheet /> }
);
lazy_view!(shots, split_shots, shots, view! { <ShotsSheet /> });
lazy_view!(kits, split_kits, kits, view! { <KitsSheet /> });
lazy_view!(presets, split_presets, presets, view! { <PresetsBody /> });

/// The export dialog, closed by `on_close`.
#[cfg(feature = "split")]
#[wasm_split(history_tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_export(on_close: Callback<()>) -> Result<AnyView, ChunkError> {
    Ok(view! { <ExportDialog on_close /> }.into_any())
}

#[cfg(not(feature = "split"))]
async fn split_export(on_close: Callback<()>) -> Result<AnyView, ChunkError> {
    Ok(view! { <ExportDialog on_close /> }.into_any())
}

/// The export dialog (its chunk fetched first).
pub fn export_dialog(on_close: Callback<()>) -> Loading {
    Box::pin(split_export(on_close))
}

type Importing = Pin<Box<dyn Future<Output = Result<Imported, HistoryFileError>>>>;

#[cfg(feature = "split")]
#[wasm_split(history_tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_import(
    writer: Writer,
    feed: Feed,
    kits: Kits,
    file: web_sys::File,
) -> Result<Importing, ChunkError> {
    Ok(Box::pin(import(writer, feed, kits, file)))
}

#[cfg(not(feature = "split"))]
async fn split_import(
    writer: Writer,
    feed: Feed,
    kits: Kits,
    file: web_sys::File,
) -> Result<Importing, ChunkError> {
    Ok(Box::pin(import(writer, feed, kits, file)))
}

/// Imports a history file (the history tools' chunk fetched first); says what happened.
pub async fn import_history(
    writer: Writer,
    feed: Feed,
    kits: Kits,
    file: web_sys::File,
) -> Result<Imported, String> {
    match split_import(writer, feed, kits, file).await {
        Ok(importing) => importing.await.map_err(|e| format!("Import refused: {e}")),
        Err(e) => Err(e.to_string()),
    }
}

type Driving = Pin<Box<dyn Future<Output = ()>>>;

/// The shot list's driver, in the shot list's chunk: only a page with a list needs it.
#[cfg(feature = "split")]
#[wasm_split(shots, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_drive(r: Runner, shots: Shots) -> Result<Driving, ChunkError> {
    Ok(Box::pin(drive(r, shots)))
}

#[cfg(not(feature = "split"))]
async fn split_drive(r: Runner, shots: Shots) -> Result<Driving, ChunkError> {
    Ok(Box::pin(drive(r, shots)))
}

/// Runs the shot list's driver (its chunk fetched first) for as long as the app does; false
/// when the chunk could not be had.
pub async fn drive_shots(r: Runner, shots: Shots) -> bool {
    match split_drive(r, shots).await {
        Ok(driving) => {
            driving.await;
            true
        }
        Err(_) => false,
    }
}
