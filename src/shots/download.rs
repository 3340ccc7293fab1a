//! A shot list's results as one archive, each file named by its shot (`shot-03-2.jpg`).

use crate::browser::zip::Entry;
use crate::domain::shots::{shot_file, ShotList, ShotState};
use crate::domain::Slot;
use crate::jobs::save::save_zip;
use crate::state::feed::Feed;
use crate::state::settings::Settings;
use leptos::prelude::*;

/// The list's finished images, in shot order.
pub fn entries(feed: Feed, list: &ShotList) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, state) in list.states.iter().enumerate() {
        let ShotState::Sent(uuid) = state else {
            continue;
        };
        let Some(job) = feed.find_uuid(uuid) else {
            continue;
        };
        let made_ms = job.ended_ms.get_untracked().unwrap_or(job.started_ms());
        job.slots.with_untracked(|slots| {
            for (n, slot) in slots.iter().enumerate() {
                if let Slot::Done(meta) = slot {
                    out.push(Entry {
                        name: shot_file(i, n, meta.format.extension()),
                        src: meta.src.clone(),
                        made_ms,
                    });
                }
            }
        });
    }
    out
}

/// Builds the archive and starts its download; says how many images went in.
pub async fn download_list(settings: Settings, entries: Vec<Entry>) -> Result<usize, String> {
    if entries.is_empty() {
        return Err("No shot has finished images yet.".into());
    }
    let file_name = format!("kling-shot-list-{}-images.zip", entries.len());
    save_zip(settings, entries, file_name).await
}
