//! What loads on first use: each part of the studio that a user does not need to compose, send
//! and see the first screen (the viewer, the sheets, the history tools, the selection) is a
//! separate wasm chunk, fetched the first time it is opened (`chunks`), and shown by `Lazy` as
//! soon as it arrives; a chunk that cannot be fetched says so, with a way to try again.

pub mod chunks;

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// A chunk that did not arrive.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("This part of the studio did not load: the connection may have dropped.")]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A view that lives in a chunk, on its way: the chunk fetched (once), then the view built.
pub type Loading = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

#[derive(Clone, Copy, PartialEq)]
enum Arrival {
    Waiting,
    Here,
    Failed,
}

/// Shows the view `load` builds, fetching its chunk first if this visit has not yet.
#[component]
pub fn Lazy<F>(
    /// Fetches the chunk and builds the view (one of `chunks`).
    load: F,
) -> impl IntoView
where
    F: Fn() -> Loading + Copy + 'static,
{
    let arrival = RwSignal::new(Arrival::Waiting);
    let built = StoredValue::new_local(None::<AnyView>);
    let load = StoredValue::new_local(load);
    // The view is built under this component's owner (its contexts, its clean-up), also when
    // "Try again" runs from a click handler, which has no owner of its own.
    let owner = StoredValue::new_local(Owner::current());
    let fetch = move || {
        arrival.set(Arrival::Waiting);
        let Some(loading) = load.try_with_value(|l| l()) else {
            return;
        };
        let Some(Some(owner)) = owner.try_get_value() else {
            return;
        };
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                match loading.await {
                    Ok(view) => {
                        built.set_value(Some(view));
                        arrival.set(Arrival::Here);
                    }
                    Err(_) => arrival.set(Arrival::Failed),
                }
            })
        });
    };
    fetch();
    move || match arrival.get() {
        Arrival::Waiting => ().into_any(),
        Arrival::Here => built
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        Arrival::Failed => view! {
            <div class="chunk-failed" role="alert">
                <span>{ChunkError.to_string()}</span>
                <button type="button" class="primary" on:click=move |_| fetch()>"Try again"</button>
            </div>
        }
        .into_any(),
    }
}
