//! A shot list on its way: each shot with where it is, how far the list has come, and what
//! can be done to it (pause, resume, cancel what has not started, download, start anew).

use crate::domain::shots::{counts, ShotState};
use crate::domain::JobState;
use crate::jobs::runner::use_runner;
use crate::state::shots::use_shots;
use leptos::prelude::*;

/// Where one shot is, in words.
#[derive(Clone, Copy, PartialEq)]
enum Said {
    Waiting,
    Cancelled,
    Job(JobState),
    /// Marked sent, but its job is not in this browser's history (deleted, or the page closed
    /// while it was being sent).
    Missing,
}

impl Said {
    fn is_running(self) -> bool {
        matches!(
            self,
            Said::Job(JobState::Queued | JobState::Running | JobState::Partial)
        )
    }

    fn words(self) -> &'static str {
        match self {
            Said::Waiting => "waiting",
            Said::Cancelled => "cancelled",
            Said::Missing => "not in the history",
            Said::Job(JobState::Queued | JobState::Running | JobState::Partial) => "running",
            Said::Job(s) => s.label(),
        }
    }
}

/// The running (or finished) list.
#[component]
pub fn ShotRun() -> impl IntoView {
    let r = use_runner();
    let shots = use_shots();
    let list = shots.list();
    let jobs = r.feed.jobs();
    // Each shot's state, following its job.
    let said = Memo::new(move |_| {
        jobs.track();
        list.with(|l| {
            l.as_ref().map_or_else(Vec::new, |l| {
                l.states
                    .iter()
                    .map(|s| match s {
                        ShotState::Waiting => Said::Waiting,
                        ShotState::Cancelled => Said::Cancelled,
                        ShotState::Sent(uuid) => r
                            .feed
                            .find_uuid(uuid)
                            .map_or(Said::Missing, |j| Said::Job(j.state.get())),
                    })
                    .collect()
            })
        })
    });
    let paused = move || list.with(|l| l.as_ref().is_some_and(|l| l.paused));
    let waiting = move || list.with(|l| l.as_ref().map_or(0, |l| counts(&l.states).0));
    let progress = move || {
        said.with(|s| {
            let done = s
                .iter()
                .filter(|x| **x == Said::Job(JobState::Done))
                .count();
            let running = s.iter().filter(|x| x.is_running()).count();
            let mut words = format!("{done} of {} shots done", s.len());
            if running > 0 {
                words.push_str(&format!(" · {running} running"));
            }
            let w = s.iter().filter(|x| **x == Said::Waiting).count();
            if w > 0 {
                words.push_str(&format!(" · {w} waiting"));
            }
            words
        })
    };
    let has_waiting = move || waiting() != 0;
    let done = move || {
        said.with(|s| {
            s.iter()
                .filter(|x| **x == Said::Job(JobState::Done))
                .count()
        })
    };
    let busy = move || said.with(|s| s.iter().any(|x| x.is_running()));
    let zip = Action::new_local(move |_: &()| {
        let entries = list.with_untracked(|l| {
            l.as_ref()
                .map_or_else(Vec::new, |l| crate::shots::download::entries(r.feed, l))
        });
        crate::shots::download::download_list(r.settings, entries)
    });
    let zip_said = move || {
        zip.value().get().map(|v| match v {
            Ok(n) => format!("Downloaded {n} images, named by shot."),
            Err(e) => e,
        })
    };
    view! {
        <p class="shots-summary" role="status">{progress}</p>
        {move || shots.notice().get().map(|n| view! { <p class="hint warn" role="status">{n}</p> })}
        <Show when=move || paused() && has_waiting()>
            <p class="hint">"Paused: shots that have not started wait for Resume."</p>
        </Show>
        <div class="row">
            <Show when=has_waiting>
                {move || if paused() {
                    view! { <button type="button" class="primary" on:click=move |_| shots.set_paused(false)>"Resume"</button> }.into_any()
                } else {
                    view! { <button type="button" on:click=move |_| shots.set_paused(true)>"Pause"</button> }.into_any()
                }}
                <button type="button" on:click=move |_| shots.cancel_waiting()>"Cancel waiting shots"</button>
            </Show>
            <button type="button" disabled=move || zip.pending().get() || done() == 0
                title=move || (done() == 0).then_some("Nothing to download until a shot is done")
                on:click=move |_| { zip.dispatch(()); }>
                {move || match done() {
                    0 => "Download ZIP".to_owned(),
                    1 => "Download 1 shot (ZIP)".to_owned(),
                    n => format!("Download {n} shots (ZIP)"),
                }}
            </button>
            <Show when=move || !has_waiting() && !busy()>
                <button type="button" class="quiet" on:click=move |_| shots.clear(r.writer.db())>"New list"</button>
            </Show>
        </div>
        {move || zip_said().map(|m| view! { <p class="hint" role="status">{m}</p> })}
        <ol class="shot-rows" aria-label="Shots">
            {move || list.with(|l| l.as_ref().map(|l| l.shots.iter().enumerate().map(|(i, shot)| {
                let state = move || said.with(|s| s.get(i).copied().unwrap_or(Said::Waiting));
                view! {
                    <li class="shot-row" data-state=move || state().words()>
                        <span class="shot-prompt">{shot.prompt.clone()}</span>
                        <span class="shot-state">{move || state().words()}</span>
                    </li>
                }
            }).collect_view()))}
        </ol>
    }
}
