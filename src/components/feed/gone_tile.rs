//! A result whose link stopped answering and whose bytes were not kept: said once, quietly,
//! with the choice to remove it or keep it as a record. It is never asked for again in this
//! visit, and the viewer's arrows pass it by.

use super::items::GalleryItem;
use crate::components::shell::icons::{Glyph, Icon};
use crate::jobs::actions::delete_results;
use crate::jobs::runner::use_runner;
use crate::state::copies::use_copies;
use leptos::prelude::*;

/// The tile in place of the image.
#[component]
pub fn GoneTile(
    /// The result that is gone.
    item: GalleryItem,
    /// The tile's size in CSS pixels.
    size: (f64, f64),
) -> impl IntoView {
    let runner = use_runner();
    let copies = use_copies();
    let (job, slot) = (item.job, item.slot);
    let key = StoredValue::new(item.key.clone());
    let decided = Memo::new(move |_| key.with_value(|k| copies.is_kept_record(k)));
    view! {
        <div class="tile gone" role="group" aria-label=format!("Result {} is no longer on the server", slot + 1)
            style:width=format!("{}px", size.0) style:height=format!("{}px", size.1)>
            <Glyph icon=Icon::Image size=20 />
            <strong>"No longer on the server"</strong>
            <p>"Its link stopped answering and no copy was kept in this browser."</p>
            <Show when=move || !decided.get()>
                <div class="row">
                    <button type="button" class="small" on:click=move |_| delete_results(runner, vec![(job, slot)])>"Remove"</button>
                    <button type="button" class="small quiet" on:click=move |_| key.with_value(|k| copies.keep_record(k))>"Keep the record"</button>
                </div>
            </Show>
        </div>
    }
}
