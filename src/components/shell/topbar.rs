//! The slim bar: the name, the endpoint's status as a dot with words on hover and focus, what
//! this session spent, the balance when known, and the sheets.

use super::icons::{Glyph, Icon};
use crate::api::account::Connection;
use crate::domain::spend::cap_words;
use crate::domain::text::money;
use crate::state::connection::use_connection;
use crate::state::overlay::{use_overlay, Sheet};
use leptos::prelude::*;

/// The top bar.
#[component]
pub fn TopBar() -> impl IntoView {
    let check = use_connection();
    let overlay = use_overlay();
    let spend = crate::state::spend::use_spend();
    let status = move || match check.latest() {
        None => (
            "unknown",
            "No request yet: Test connection in Settings asks now".to_owned(),
        ),
        Some(Connection::Ok { .. }) => {
            ("ok", "Connected: Runware answered the last request".into())
        }
        Some(Connection::KeyRefused(_)) => {
            ("warn", "Runware answers, but the key is refused".into())
        }
        Some(Connection::SignIn(_)) => ("warn", "The site asks you to sign in again".into()),
        Some(Connection::Down(m)) => ("bad", format!("Not answering: {m}")),
    };
    let balance = move || check.balance().map(money);
    view! {
        <header class="topbar">
            <div class="brand">
                <h1>"Kling Studio"</h1>
                <span class="model">"Kling IMAGE O1"</span>
            </div>
            <span class="spacer"></span>
            <span class="status-wrap">
                <button type="button" class="status" aria-label=move || format!("Connection: {}", status().1)
                    aria-describedby="status-tip" on:click=move |_| overlay.open(Sheet::Settings)>
                    <span class=move || format!("dot {}", status().0)></span>
                </button>
                <span role="tooltip" id="status-tip" class="tip">{move || status().1}</span>
            </span>
            {move || {
                let caps = spend.caps();
                let spent = spend.spent();
                match (caps.session, caps.day) {
                    (Some(cap), _) => view! {
                        <span class="spend tabular" title="Committed this session, against its spend cap (Settings)">
                            <span class="muted">"Spent "</span>{money(spent.session)}
                            <span class="muted">" of "</span>{cap_words(cap)}
                        </span>
                    }.into_any(),
                    (None, Some(cap)) => view! {
                        <span class="spend tabular" title="Committed today in this browser, against the day's spend cap (Settings)">
                            <span class="muted">"Today "</span>{money(spent.day)}
                            <span class="muted">" of "</span>{cap_words(cap)}
                        </span>
                    }.into_any(),
                    (None, None) => view! {
                        <span class="spend tabular" title="What this session's images cost: Runware's reported price, the list price while a job runs (as the spend caps count it)">
                            <span class="muted">"Spent "</span>{money(spent.session)}
                        </span>
                    }.into_any(),
                }
            }}
            {move || balance().map(|b| view! {
                <span class="balance tabular" title="Your Runware balance, at the last connection test">
                    <span class="muted">"Balance "</span>{b}
                </span>
            })}
            <SheetButton icon=Icon::Kit label="Reference kits" word="Kits" sheet=Sheet::Kits />
            <SheetButton icon=Icon::List label="Shot list" word="Shot list" sheet=Sheet::Shots />
            <SheetButton icon=Icon::Code label="Payload" sheet=Sheet::Payload />
            <SheetButton icon=Icon::Keyboard label="Keyboard shortcuts" sheet=Sheet::Shortcuts />
            <SheetButton icon=Icon::Settings label="Settings" word="Settings" sheet=Sheet::Settings />
        </header>
    }
}

/// A top-bar tool that opens (or closes) a sheet: its icon, and its name where there is room.
#[component]
fn SheetButton(
    /// Which icon.
    icon: Icon,
    /// The accessible name, also the tooltip.
    label: &'static str,
    /// The word shown beside the icon on a wide window (part of `label`, so what is read out
    /// contains what is seen); none for the desk tools.
    #[prop(optional)]
    word: &'static str,
    /// The sheet it opens.
    sheet: Sheet,
) -> impl IntoView {
    let overlay = use_overlay();
    view! {
        <button type="button" class="icon-button" class:worded=!word.is_empty() aria-label=label title=label
            on:click=move |ev| { ev.stop_propagation(); overlay.toggle(sheet) }>
            <Glyph icon />
            <span class="button-word">{word}</span>
        </button>
    }
}
