//! A job's one line: its state in words, the prompt, the time (running: elapsed and an
//! estimate of what is left; finished: when), the cost, and its actions.

use crate::browser::{clock_label, copy_js_text, focus_by_id};
use crate::components::shell::icons::{Glyph, Icon};
use crate::components::shell::menu::{MenuItem, MoreMenu};
use crate::domain::eta::{left_words, time_left};
use crate::domain::job::{can_retry, state_words};
use crate::domain::payload::copy_task;
use crate::domain::spend::committed;
use crate::domain::text::{elapsed_label, excerpt, money};
use crate::domain::JobState;
use crate::jobs::actions::{cancel, delete, remix, retry};
use crate::jobs::job::Job;
use crate::jobs::runner::use_runner;
use crate::state::clock::use_clock;
use crate::state::overlay::{use_overlay, Confirmation};
use crate::state::tray::use_tray;
use leptos::prelude::*;

/// How long recent jobs took (ms), for the estimate of what is left.
#[derive(Clone, Copy)]
pub struct RecentDurations(pub Memo<Vec<f64>>);

/// The job's line.
#[component]
pub fn JobLine(
    /// The job shown.
    job: Job,
    /// Its height in CSS pixels (the feed's layout counts on it).
    height: f64,
) -> impl IntoView {
    let clock = use_clock();
    let recent = expect_context::<RecentDurations>().0;
    let runner = use_runner();
    let words = Memo::new(move |_| job.slots.with(|s| state_words(job.state.get(), s)));
    let started = job.started_ms();
    let time = move || match job.ended_ms.get() {
        // When it finished (the feed mixes visits) and how long it took.
        Some(end) if job.state.get().is_final() => format!(
            "{} · took {}",
            clock_label(end, clock.now()),
            elapsed_label(end - started)
        ),
        _ => {
            let elapsed = clock.now() - started;
            let left = recent.with(|d| left_words(&time_left(elapsed, d)));
            match left {
                Some(l) => format!("{} · {l}", elapsed_label(elapsed)),
                None => elapsed_label(elapsed),
            }
        }
    };
    // Finished: what Runware reported. Running: what it commits, at the list price until
    // reported (as the spend caps count it), marked as an estimate ("≈", drawn by the style).
    let cost = move || {
        let done = job.state.get().is_final();
        let c = match done {
            true => job.cost(),
            false => job.slots.with(|s| committed(s)),
        };
        (c > 0.0).then(|| (money(c), done))
    };
    let prompt = job.prompt();
    let running = move || !job.state.get().is_final();
    view! {
        <header class="job-line" style:height=format!("{height}px")>
            <span class=move || format!("job-state {}", words.get().0.class())>
                <span class="state-dot" aria-hidden="true"></span>
                {move || words.get().1}
            </span>
            {job.with_info(|i| i.shot.as_ref().map(|t| view! { <span class="job-tag">{t.said()}</span> }))}
            <span class="job-prompt" title=prompt.clone()>{excerpt(&prompt, 140)}</span>
            {move || job.notice.get().map(|n| { let tip = n.clone(); view! { <span class="job-notice" title=tip>{n}</span> } })}
            {move || job.warning.get().map(|w| { let tip = w.clone(); view! {
                <span class="job-warning" title=tip role="img" aria-label=w><Glyph icon=Icon::Alert size=16 /></span>
            } })}
            <span class="job-time tabular">{time}</span>
            {move || cost().map(|(c, done)| view! { <span class="job-cost tabular" class:approx=!done aria-label="Cost">{c}</span> })}
            <Show when=running>
                <button type="button" class="quiet" title="Stops waiting here; Runware still bills the task"
                    on:click=move |_| cancel(runner, job)>"Cancel"</button>
            </Show>
            {move || view! { <JobMenu job state=job.state.get() /> }}
        </header>
    }
}

/// The job's "more" menu: what can be done with it in its state.
#[component]
fn JobMenu(
    /// The job acted on.
    job: Job,
    /// Its state when the menu was drawn (the menu is drawn again when it changes).
    state: JobState,
) -> impl IntoView {
    let runner = use_runner();
    let tray = use_tray();
    let overlay = use_overlay();
    let mut items = Vec::new();
    let tasks = crate::state::tasks::use_tasks();
    if can_retry(state, job.error.get_untracked().as_ref()) {
        items.push(MenuItem::new("Retry", Icon::Retry, move || {
            retry(runner, job)
        }));
    }
    if matches!(state, JobState::Failed | JobState::Interrupted) {
        items.push(MenuItem::new("Edit and retry", Icon::Edit, move || {
            remix(runner, tray, job);
            focus_by_id("prompt");
        }));
    }
    items.push(MenuItem::new("Remix", Icon::Remix, move || {
        remix(runner, tray, job)
    }));
    if job.with_info(|i| !i.stored_refs.is_empty()) {
        let kits = crate::state::kits::use_kits();
        items.push(MenuItem::new(
            "Save references as a kit",
            Icon::Kit,
            move || crate::jobs::kit_from::kit_from_job(runner, kits, job),
        ));
    }
    items.push(MenuItem::new("Copy request", Icon::Copy, move || {
        let text = copy_task(&job.with_info(|i| i.task.clone()));
        tasks.spawn(async move {
            copy_js_text(&text.as_str().into()).await.ok();
        });
    }));
    items.push(
        MenuItem::new("Delete job", Icon::Trash, move || {
            let n = job.slots.with_untracked(Vec::len);
            overlay.confirm(Confirmation {
                title: "Delete this job?",
                message: format!(
                    "The job and its {n} image{} go from this browser. Runware is not told, and what it cost stays in the spend of this session.",
                    if n == 1 { "" } else { "s" }
                ),
                action: "Delete job",
                run: std::sync::Arc::new(move || delete(runner, Some(vec![job.task_uuid()]))),
            })
        })
        .danger(),
    );
    view! { <MoreMenu label="More actions for this job".into() items /> }
}
