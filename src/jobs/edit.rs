//! "Edit": a result becomes reference 1 of a new job (its bytes when they can be read, else
//! its image UUID, which Runware keeps), with or without the rest of its job's references;
//! the size follows that first reference, and the new job records the result as its parent.

use super::job::Job;
use super::runner::Runner;
use crate::browser::prepare::fetch_as_local;
use crate::domain::form::FormStoreFields;
use crate::domain::lineage::Parent;
use crate::domain::{Control, SizeChoice, Slot};
use crate::history::refs::references_of;
use crate::state::draft::Replacement;
use crate::state::tray::{RefSource, Tray};
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;

/// With the edited job's other references, or the result alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherReferences {
    Keep,
    Drop,
}

/// Loads result `slot` of `job` into the composer for an edit.
pub fn edit_result(r: Runner, tray: Tray, job: Job, slot: usize, others: OtherReferences) {
    let Some(meta) = job.slots.with_untracked(|s| match s.get(slot) {
        Some(Slot::Done(m)) => Some(m.clone()),
        _ => None,
    }) else {
        return;
    };
    let parent = Parent {
        task_uuid: job.task_uuid(),
        slot,
        image_uuid: meta.image_uuid.clone(),
    };
    let tier = job.with_info(|i| match i.form.size {
        SizeChoice::Fixed(size) => size.tier(),
        SizeChoice::MatchFirst(t) => t,
    });
    r.drafts.before_replacing(Replacement::Edit);
    r.composer
        .edit(Control::Prompt, |f| f.prompt().set(String::new()));
    r.composer.edit(Control::Size, |f| {
        f.size().set(SizeChoice::MatchFirst(tier))
    });
    let name = format!(
        "edit-of-{}.png",
        &parent.image_uuid.chars().take(8).collect::<String>()
    );
    r.feed.spawn(async move {
        let first = match fetch_as_local(&meta.src, &name).await {
            Ok(file) => RefSource::Local(file),
            Err(_) if !meta.image_uuid.is_empty() => RefSource::Text(meta.image_uuid.clone()),
            Err(_) => match meta.remote_url.clone() {
                Some(url) => RefSource::Text(url),
                None => {
                    tray.set_notice(Some("This result could not be read back to edit.".into()));
                    return;
                }
            },
        };
        let mut sources = vec![first];
        if others == OtherReferences::Keep {
            match references_of(r.writer, job).await {
                Ok(rest) => sources.extend(rest),
                Err(why) => tray.set_notice(Some(why.to_string())),
            }
        }
        sources.truncate(REFERENCES_MAX);
        tray.replace(sources);
        tray.mark_first_as_edit(parent);
    });
}
