//! The shot list sheet: write the shots (one prompt per line) or choose a CSV file, see what
//! the list will cost, and start it; while a list exists, its progress (`shot_run`).

use super::shot_run::ShotRun;
use crate::components::shell::dialog::{Dialog, Placement};
use crate::domain::shots::{self, from_csv, from_lines, Shot, ShotsError, CONCURRENCY_MAX};
use crate::domain::spend::estimate;
use crate::domain::text::money;
use crate::jobs::runner::use_runner;
use crate::state::overlay::use_overlay;
use crate::state::shots::use_shots;
use crate::state::tray::RefItem;
use leptos::prelude::*;

/// A CSV file read in, by name.
#[derive(Clone, PartialEq)]
struct CsvFile {
    name: String,
    text: String,
}

/// The shot list sheet.
#[component]
pub fn ShotsSheet() -> impl IntoView {
    let shots = use_shots();
    let overlay = use_overlay();
    let has_list = Memo::new(move |_| shots.list().with(Option::is_some));
    view! {
        <Dialog title="Shot list" on_close=Callback::new(move |_| overlay.close_sheet()) placement=Placement::Side>
            <div class="shots">
                {move || if has_list.get() {
                    view! { <ShotRun /> }.into_any()
                } else {
                    view! { <ShotCompose /> }.into_any()
                }}
            </div>
        </Dialog>
    }
}

/// Writing a new list.
#[component]
fn ShotCompose() -> impl IntoView {
    let r = use_runner();
    let shots = use_shots();
    let spend = r.spend;
    let lines = RwSignal::new(String::new());
    let csv = RwSignal::new(None::<CsvFile>);
    let concurrency = RwSignal::new(2_usize);
    // Messages show once the user wrote something, chose a file, or tried to start.
    let touched = RwSignal::new(false);
    let form = r.composer.form();
    let items = r.composer.tray().items();
    let parsed = Memo::new(move |_| -> Result<Vec<Shot>, ShotsError> {
        let list = match csv.get() {
            Some(f) => from_csv(&f.text)?,
            None => lines.with(|t| from_lines(t))?,
        };
        let inputs: Vec<_> = items.with(|r| r.iter().map(RefItem::input).collect());
        form.with(|f| shots::check(&list, f, &inputs))?;
        Ok(list)
    });
    let error = move || touched.get().then(|| parsed.get().err()).flatten();
    let images =
        move || parsed.with(|p| p.as_ref().ok().map(|l| form.with(|f| shots::images(l, f))));
    let summary = move || {
        parsed
            .with(|p| p.as_ref().ok().map(|l| l.len()))
            .zip(images())
            .map(|(n, i)| {
                let s = if n == 1 { "" } else { "s" };
                let si = if i == 1 { "" } else { "s" };
                format!("{n} shot{s} · {i} image{si} · about {}", money(estimate(i)))
            })
    };
    let cap_warning = move || {
        images()
            .and_then(|i| spend.refusal(i))
            .map(|why| format!("The spend cap will stop the list before its end: {why}"))
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        touched.set(true);
        r.feed.spawn(async move {
            let name = file.name();
            match crate::shots::read_file(file).await {
                Ok(text) => csv.set(Some(CsvFile { name, text })),
                Err(why) => shots.set_notice(Some(why)),
            }
        });
    };
    let start = move || {
        touched.set(true);
        if let Ok(list) = parsed.get_untracked() {
            crate::shots::start(r, shots, list, concurrency.get_untracked());
        }
    };
    let described = move || error().map(|_| "shots-error");
    view! {
        <p class="hint">"Runs many prompts with the references and settings in the composer now, each shot a job in the feed."</p>
        {move || match csv.get() {
            Some(f) => view! {
                <div class="field">
                    <p class="csv-chosen">"Shots from " <strong>{f.name.clone()}</strong></p>
                    <button type="button" class="quiet" on:click=move |_| csv.set(None)>"Write the shots instead"</button>
                </div>
            }.into_any(),
            None => view! {
                <div class="field">
                    <label for="shot-lines">"Shots, one prompt per line"</label>
                    <textarea id="shot-lines" rows="8"
                        placeholder="The keeper climbs the lighthouse stairs at dawn\nThe keeper at the lamp, storm outside"
                        prop:value=move || lines.get()
                        on:input=move |ev| { lines.set(event_target_value(&ev)); touched.set(true); }
                        aria-invalid=move || error().map(|_| "true")
                        aria-describedby=described></textarea>
                </div>
            }.into_any(),
        }}
        // One live region, there from the start, so a message is read once as it changes.
        <p class="field-error" id="shots-error" aria-live="polite">{move || error().map(|e| e.to_string())}</p>
        <div class="row shots-options">
            <label class="file-button">
                <input type="file" accept=".csv,text/csv" class="visually-hidden"
                    aria-label="Read the shots from a CSV file" on:change=pick />
                <span aria-hidden="true">"Choose a CSV file…"</span>
            </label>
            <label class="inline-field">
                "At once"
                <select aria-label="At once" on:change=move |ev| concurrency.set(event_target_value(&ev).parse().unwrap_or(2))>
                    {(1..=CONCURRENCY_MAX).map(|n| view! {
                        <option value=n.to_string() selected=move || concurrency.get() == n>{n}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
        <p class="hint">"CSV: a header row with a prompt column; optional width and height, or resolution (1k, 2k), and images."</p>
        <p class="shots-summary" role="status">{summary}</p>
        {move || cap_warning().map(|w| view! { <p class="hint warn">{w}</p> })}
        {move || shots.notice().get().map(|n| view! { <p class="hint warn">{n}</p> })}
        <div class="row">
            <button type="button" class="primary" disabled=move || touched.get() && parsed.with(Result::is_err)
                on:click=move |_| start()>
                {move || match parsed.with(|p| p.as_ref().map(Vec::len).ok()) {
                    Some(n) if n > 1 => format!("Start {n} shots"),
                    _ => "Start the list".to_owned(),
                }}
            </button>
        </div>
    }
}
