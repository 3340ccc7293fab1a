//! Kits made from what is already in the feed: a past job's references, or picked results.

use super::job::Job;
use super::runner::Runner;
use crate::browser::prepare::fetch_as_local;
use crate::domain::text::excerpt;
use crate::domain::ResultMeta;
use crate::history::refs::references_of;
use crate::state::kits::Kits;
use crate::state::tray::RefSource;
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;

/// `base`, or `base 2`, `base 3`… so no two kits share a name.
fn fresh_name(kits: Kits, base: String) -> String {
    let taken = kits.names();
    let free = |n: &String| !taken.iter().any(|t| t.eq_ignore_ascii_case(n));
    std::iter::once(base.clone())
        .chain((2..).map(|i| format!("{base} {i}")))
        .find(free)
        .unwrap_or(base)
}

/// Saves `job`'s references as a kit.
pub fn kit_from_job(r: Runner, kits: Kits, job: Job) {
    r.feed.spawn(async move {
        match references_of(r.writer, job).await {
            Ok(sources) if !sources.is_empty() => {
                let name = fresh_name(
                    kits,
                    format!("References of “{}”", excerpt(&job.prompt(), 32)),
                );
                kits.save_sources(name, sources);
            }
            Ok(_) => job.notice.set(Some("This job had no references.".into())),
            Err(why) => job.notice.set(Some(format!("No kit made: {why}"))),
        }
    });
}

/// Saves picked results (their bytes, else their URLs) as a kit, in the order picked.
pub fn kit_from_results(r: Runner, kits: Kits, picked: Vec<(ResultMeta, String)>) {
    r.feed.spawn(async move {
        let mut sources = Vec::new();
        for (meta, name) in picked.into_iter().take(REFERENCES_MAX) {
            match fetch_as_local(&meta.src, &name).await {
                Ok(file) => sources.push(RefSource::Local(file)),
                Err(_) if !meta.image_uuid.is_empty() => {
                    sources.push(RefSource::Text(meta.image_uuid.clone()))
                }
                Err(_) => {}
            }
        }
        if !sources.is_empty() {
            let name = fresh_name(kits, format!("{} picked results", sources.len()));
            kits.save_sources(name, sources);
        }
    });
}
