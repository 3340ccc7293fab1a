//! Export of the history: all jobs (or those the filters show), with or without the images,
//! and the reference kits.

use crate::browser::revoke_object_url;
use crate::components::shell::dialog::{Dialog, Placement};
use crate::domain::history::Filter;
use crate::domain::text::human_bytes;
use crate::history::export::{export, Exported, Images};
use crate::history::writer::use_writer;
use crate::jobs::job::Job;
use crate::state::feed::use_feed;
use leptos::prelude::*;

/// Export: all jobs (or those the filters show), with or without the images.
#[component]
pub fn ExportDialog(
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let feed = use_feed();
    let writer = use_writer();
    let embed = RwSignal::new(true);
    let filtered = move || feed.filter().with(Filter::is_active);
    let shown_jobs = move || -> Vec<Job> {
        let filter = feed.filter().get_untracked();
        feed.jobs()
            .with_untracked(|jobs| jobs.iter().filter(|j| j.passes(&filter)).copied().collect())
    };
    let kits = crate::state::kits::use_kits();
    let settings = crate::state::settings::use_settings();
    let run = Action::new_local(move |images: &Images| {
        let (jobs, images) = (shown_jobs(), *images);
        let kits = kits.list().get_untracked();
        let endpoint = settings.endpoint_now().url;
        async move { export(writer.db(), jobs, images, kits, &endpoint).await }
    });
    on_cleanup(move || {
        if let Some(Ok(e)) = run.value().get_untracked() {
            revoke_object_url(&e.url);
        }
    });
    let go = move |_| {
        run.dispatch(if embed.get_untracked() {
            Images::Embedded
        } else {
            Images::Links
        });
    };
    view! {
        <Dialog title="Export history" on_close placement=Placement::Center>
            <p class="muted">{move || if filtered() {
                "The jobs the search and filters show, as one JSON file."
            } else {
                "Every job in this browser, as one JSON file that Import reads back."
            }}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || embed.get()
                    on:change=move |ev| embed.set(event_target_checked(&ev)) />
                "Include images (links expire; images in the file do not)"
            </label>
            <div class="dialog-actions">
                <button type="button" class="primary" disabled=move || run.pending().get() on:click=go>
                    {move || if filtered() { "Export shown jobs" } else { "Export all" }}
                </button>
            </div>
            {move || run.value().get().map(|r| match r {
                Ok(e) => exported_link(e).into_any(),
                Err(e) => view! { <p class="banner error" role="alert">{format!("Export failed: {e}")}</p> }.into_any(),
            })}
        </Dialog>
    }
}

fn exported_link(e: Exported) -> impl IntoView {
    // The browser saves it at once; the link stays for a second copy.
    let (url, name) = (e.url.clone(), e.file_name.clone());
    request_animation_frame(move || crate::browser::save_link(&url, &name));
    view! {
        <p class="banner ok" role="status">
            {format!("Exported {} jobs. ", e.jobs)}
            <a href=e.url.clone() download=e.file_name.clone() class="export-link">
                {format!("Download {} ({})", e.file_name, human_bytes(e.bytes))}</a>
        </p>
    }
}
