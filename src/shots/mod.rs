//! Shot lists at work: a list started from the composer's settings and references, its shots
//! sent a few at a time as normal jobs (`driver`), and their results downloaded as one archive
//! named by shot (`download`).

pub mod download;
pub mod driver;

use crate::domain::payload::new_task_uuid;
use crate::domain::shots::{Shot, ShotList, ShotState};
use crate::jobs::runner::Runner;
use crate::state::shots::Shots;
use leptos::prelude::*;

/// Starts `shots` with the composer's settings and references as they are now.
pub fn start(r: Runner, list: Shots, shots: Vec<Shot>, concurrency: usize) {
    let refs = r.composer.tray().items().get_untracked();
    let form = r.composer.form_untracked();
    let new = ShotList {
        id: new_task_uuid(),
        states: vec![ShotState::Waiting; shots.len()],
        shots,
        form,
        concurrency,
        paused: false,
        refs: refs.len(),
        owner: String::new(),
    };
    r.feed.spawn(async move {
        let db = r.writer.db();
        list.start(db.as_deref(), new, refs).await;
    });
}

/// A CSV file's text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    crate::browser::files::read_text(&file)
        .await
        .map_err(|e| e.to_string())
}
