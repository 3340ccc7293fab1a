//! A job: prompt excerpt, state, elapsed time, one slot per result, cost, cancel and retry.

use crate::domain::text::{elapsed_label, excerpt, money};
use crate::domain::{JobState, Slot};
use crate::jobs::actions::{cancel, delete, remix, retry};
use crate::jobs::job::Job;
use crate::jobs::runner::use_runner;
use crate::state::clock::use_clock;
use crate::state::tray::use_tray;
use leptos::prelude::*;

/// One job card.
#[component]
pub fn JobCard(
    /// The job shown.
    job: Job,
) -> impl IntoView {
    let clock = use_clock();
    let state = job.state;
    let started = job.started_ms();
    let elapsed =
        move || elapsed_label(job.ended_ms.get().unwrap_or_else(|| clock.now()) - started);
    let slots = job.slots;
    let cost = move || {
        let c = job.cost();
        (c > 0.0).then(|| money(c))
    };
    let progress = move || {
        slots.with(|s| {
            let done = s.iter().filter(|s| matches!(s, Slot::Done(_))).count();
            format!("{done} of {}", s.len())
        })
    };
    let title = excerpt(&job.prompt(), 90);
    view! {
        <article class="job" role="listitem" aria-label=format!("Job: {title}")>
            <header class="job-head">
                <span class=move || format!("state state-{}", state.get().label())>{move || state.get().label()}</span>
                <span class="job-title">{title.clone()}</span>
                <span class="muted tabular" aria-label="Elapsed">{elapsed}</span>
            </header>
            <div class="slots" aria-label=move || format!("Results: {}", progress())>
                {move || slots.get().into_iter().map(|slot| match slot {
                    Slot::Waiting => view! { <span class="slot waiting" title="Waiting"></span> }.into_any(),
                    Slot::Done(r) => view! { <img class="slot done" src=r.src alt="" /> }.into_any(),
                    Slot::Failed(why) => view! { <span class="slot failed" title=why>"!"</span> }.into_any(),
                }).collect_view()}
            </div>
            <p class="muted small">
                {if job.is_async() { "async" } else { "sync" }} " · " {progress} " · "
                <span class="mono">{job.task_uuid()}</span>
                {move || cost().map(|c| format!(" · {c}"))}
            </p>
            {move || job.notice.get().map(|n| view! { <p class="notice warn" role="status">{n}</p> })}
            {move || job.warning.get().map(|w| view! { <p class="notice warn" role="status">{w}</p> })}
            {move || job.error.get().map(|e| view! {
                <div class="job-error" role="alert"><strong>{e.headline}</strong><p>{e.detail}</p></div>
            })}
            <Show when=move || state.get() == JobState::Cancelled>
                <p class="notice warn">"Cancelled here only: Runware has no cancel, so the task still runs and is billed."</p>
            </Show>
            <JobActions job />
        </article>
    }
}

/// Cancel, retry, remix and delete (with a confirmation).
#[component]
fn JobActions(
    /// The job acted on.
    job: Job,
) -> impl IntoView {
    let runner = use_runner();
    let tray = use_tray();
    let state = job.state;
    let confirming = RwSignal::new(false);
    view! {
        <div class="row actions">
            <Show when=move || !state.get().is_final()>
                <button type="button" on:click=move |_| cancel(runner, job)
                    title="Stops waiting; Runware still bills the task">"Cancel"</button>
            </Show>
            <Show when=move || matches!(state.get(), JobState::Failed | JobState::Cancelled | JobState::Interrupted)>
                <button type="button" on:click=move |_| retry(runner, job)>"Retry"</button>
            </Show>
            <button type="button" on:click=move |_| remix(runner, tray, job)>"Remix"</button>
            <Show when=move || !confirming.get()>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
            </Show>
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alert">
                <span>"Delete this job and its results from this browser? Runware is not told."</span>
                <button type="button" class="danger" on:click=move |_| delete(runner, Some(vec![job.task_uuid()]))>"Delete job"</button>
                <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
            </div>
        </Show>
    }
}
