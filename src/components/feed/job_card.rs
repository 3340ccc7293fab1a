//! A job: prompt excerpt, state, elapsed time, one slot per result, cost, cancel and retry.

use crate::domain::job::{elapsed_label, excerpt, money};
use crate::domain::{JobState, Slot};
use crate::studio::{use_studio, Job};
use crate::{history, jobs};
use leptos::prelude::*;

/// One job card.
#[component]
pub fn JobCard(
    /// The job shown.
    job: Job,
) -> impl IntoView {
    let s = use_studio();
    let state = job.state;
    let started = job.started_ms;
    let ended = job.ended_ms;
    let elapsed = move || elapsed_label(ended.get().unwrap_or_else(|| s.now.get()) - started);
    let slots = job.slots;
    let cost_job = job.clone();
    let cost = move || {
        let c = cost_job.cost();
        (c > 0.0).then(|| money(c))
    };
    let progress = move || {
        slots.with(|s| {
            let done = s.iter().filter(|s| matches!(s, Slot::Done(_))).count();
            format!("{done} of {}", s.len())
        })
    };
    let cancel_job = job.clone();
    let retry_job = job.clone();
    let remix_job = job.clone();
    let task_uuid = job.task_uuid.clone();
    let confirming = RwSignal::new(false);
    let title = excerpt(&job.form.prompt, 90);
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
                {if job.is_async { "async" } else { "sync" }} " · " {progress} " · "
                <span class="mono">{job.task_uuid.clone()}</span>
                {move || cost().map(|c| format!(" · {c}"))}
            </p>
            {move || job.notice.get().map(|n| view! { <p class="notice warn" role="status">{n}</p> })}
            {move || job.warning.get().map(|w| view! { <p class="notice warn" role="status">{w}</p> })}
            {move || job.error.get().map(|(h, d)| view! {
                <div class="job-error" role="alert"><strong>{h}</strong><p>{d}</p></div>
            })}
            <Show when=move || state.get() == JobState::Cancelled>
                <p class="notice warn">"Cancelled here only: Runware has no cancel, so the task still runs and is billed."</p>
            </Show>
            <div class="row actions">
                <Show when=move || !state.get().is_final()>
                    {
                        let j = cancel_job.clone();
                        view! { <button type="button" on:click=move |_| jobs::cancel(s, &j)
                            title="Stops waiting; Runware still bills the task">"Cancel"</button> }
                    }
                </Show>
                <Show when=move || matches!(state.get(), JobState::Failed | JobState::Cancelled | JobState::Interrupted)>
                    {
                        let j = retry_job.clone();
                        view! { <button type="button" on:click=move |_| jobs::retry(s, &j)>"Retry"</button> }
                    }
                </Show>
                {
                    let j = remix_job.clone();
                    view! { <button type="button" on:click=move |_| jobs::remix(s, &j)>"Remix"</button> }
                }
                <Show when=move || !confirming.get()>
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                {
                    let id = task_uuid.clone();
                    view! {
                        <div class="confirm" role="alert">
                            <span>"Delete this job and its results from this browser? Runware is not told."</span>
                            <button type="button" class="danger" on:click=move |_| history::delete(s, Some(vec![id.clone()]))>"Delete job"</button>
                            <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
                        </div>
                    }
                }
            </Show>
        </article>
    }
}
