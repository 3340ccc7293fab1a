//! What history and kept images take of this browser's storage: whether result images are
//! kept as bytes, the way to free their space (oldest first, favourites last), and deleting
//! everything.

use crate::domain::history::storage_label;
use crate::domain::spend::parse_cap;
use crate::history::free::free_space;
use crate::jobs::actions::delete;
use crate::jobs::runner::use_runner;
use crate::state::feed::use_feed;
use crate::state::overlay::{use_overlay, Confirmation};
use crate::state::settings::use_settings;
use crate::state::spend::use_spend;
use crate::state::storage::use_storage_status;
use crate::state::tasks::use_tasks;
use leptos::prelude::*;

const MB: f64 = 1024.0 * 1024.0;

/// How much freeing takes away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Amount {
    Mb100,
    Mb500,
    All,
}

impl Amount {
    const ALL: [Amount; 3] = [Amount::Mb100, Amount::Mb500, Amount::All];

    fn words(self) -> &'static str {
        match self {
            Amount::Mb100 => "about 100 MB",
            Amount::Mb500 => "about 500 MB",
            Amount::All => "every stored image",
        }
    }

    fn bytes(self) -> Option<f64> {
        match self {
            Amount::Mb100 => Some(100.0 * MB),
            Amount::Mb500 => Some(500.0 * MB),
            Amount::All => None,
        }
    }
}

/// A cap field: its words, the value as typed, and where it goes.
#[component]
fn CapField(
    /// The field's id (its message's id follows from it).
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// The value as typed.
    value: ReadSignal<String>,
    /// Stores a new value.
    set: Callback<String>,
) -> impl IntoView {
    let problem = move || value.with(|t| parse_cap(t).err());
    let message_id = format!("{id}-error");
    let described = message_id.clone();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" inputmode="decimal" class="narrow" placeholder="none"
                prop:value=move || value.get()
                on:input=move |ev| set.run(event_target_value(&ev))
                aria-invalid=move || problem().map(|_| "true")
                aria-describedby=move || problem().map(|_| described.clone()) />
            {move || problem().map(|p| view! { <p class="field-error" id=message_id.clone()>{p}</p> })}
        </div>
    }
}

/// Spend caps: Generate and shot lists refuse what would pass them.
#[component]
fn SpendCaps() -> impl IntoView {
    let spend = use_spend();
    view! {
        <section class="field" aria-label="Spend caps">
            <h3>"Spend caps"</h3>
            <div class="row">
                <CapField id="cap-session" label="This session ($)" value=spend.session_cap()
                    set=Callback::new(move |t| spend.set_session_cap(t)) />
                <CapField id="cap-day" label="Per day ($)" value=spend.day_cap()
                    set=Callback::new(move |t| spend.set_day_cap(t)) />
            </div>
            <p class="hint">{move || {
                let s = spend.spent();
                format!(
                    "Committed so far: {} this session, {} today in this browser (the price per image until Runware reports the cost). A request that would pass a cap is not sent.",
                    crate::domain::text::money(s.session),
                    crate::domain::text::money(s.day)
                )
            }}</p>
        </section>
    }
}

/// The storage part of the settings sheet.
#[component]
pub fn StorageUse() -> impl IntoView {
    let status = use_storage_status();
    let feed = use_feed();
    let runner = use_runner();
    let overlay = use_overlay();
    let settings = use_settings();
    let tasks = use_tasks();
    let amount = RwSignal::new(Amount::Mb100);
    let said = RwSignal::new(None::<String>);
    let count = move || feed.jobs().with(Vec::len);
    let free = move || {
        let chosen = amount.get_untracked();
        overlay.confirm(Confirmation {
            title: "Free space?",
            message: format!(
                "Stored copies of {} go, oldest first, favourites last. Images whose links still work show from them; the others will be gone.",
                chosen.words()
            ),
            action: "Free space",
            run: std::sync::Arc::new(move || {
                tasks.spawn(async move {
                    let freed = free_space(runner, chosen.bytes()).await;
                    said.set(Some(format!(
                        "Freed {} from {} image{}.",
                        crate::domain::text::human_bytes(freed.bytes),
                        freed.images,
                        if freed.images == 1 { "" } else { "s" }
                    )));
                    runner.writer.refresh_estimate().await;
                });
            }),
        })
    };
    view! {
        <SpendCaps />
        <section class="field" aria-label="Storage">
            <h3>"History in this browser"</h3>
            <p class="tabular">
                {move || format!(
                    "{} jobs · {} in all · ",
                    count(),
                    crate::domain::text::money(feed.history_cost())
                )}
                {move || status.used().get().map(|(u, q)| format!("{} used", storage_label(u, q))).unwrap_or_else(|| "space not known".into())}
            </p>
            {move || status.problem().get().map(|p| view! { <p class="banner error" role="alert">{p}</p> })}
            <label class="check">
                <input type="checkbox" prop:checked=move || settings.keep_copies().get()
                    on:change=move |ev| settings.set_keep_copies(event_target_checked(&ev)) />
                "Keep a copy of every image"
            </label>
            <p class="hint">"Runware's image links expire. A copy in this browser keeps each image after its link stops working."</p>
            <div class="row free-space">
                <select aria-label="How much to free" on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    amount.set(Amount::ALL[i.min(2)]);
                }>
                    {Amount::ALL.into_iter().enumerate().map(|(i, a)| view! {
                        <option value=i.to_string() selected=move || amount.get() == a>{a.words()}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=move |_| free()>"Free space…"</button>
            </div>
            {move || said.get().map(|m| view! { <p class="muted small" role="status">{m}</p> })}
            <button type="button" class="danger" disabled=move || count() == 0 on:click=move |_| {
                let n = count();
                overlay.confirm(Confirmation {
                    title: "Delete all history?",
                    message: format!("All {n} jobs and their images go from this browser. Export first to keep a copy."),
                    action: "Delete everything",
                    run: std::sync::Arc::new(move || delete(runner, None)),
                })
            }>"Delete all history…"</button>
        </section>
    }
}
