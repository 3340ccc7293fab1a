//! Mentions in the prompt: the "@" menu of the tray's references, and the line under the
//! prompt on what it mentions (with the renumbering notice and its Undo).

use crate::domain::form::FormStoreFields;
use crate::domain::mentions::{coverage, label};
use crate::state::composer::use_composer;
use crate::state::mentions::use_mentions;
use crate::state::tray::{use_tray, RefItem, RefSource};
use leptos::prelude::*;

/// An open "@" menu: where the "@" is in the prompt (UTF-16 units, as the textarea counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MenuAt {
    pub at: u32,
}

/// The "@" menu's state, shared by the prompt (keys) and the menu (clicks).
#[derive(Clone, Copy)]
pub struct MentionMenuState {
    pub open: RwSignal<Option<MenuAt>>,
    pub active: RwSignal<usize>,
}

impl MentionMenuState {
    pub fn new() -> Self {
        MentionMenuState {
            open: RwSignal::new(None),
            active: RwSignal::new(0),
        }
    }

    /// Opens the menu when the character just typed is an "@" starting a word.
    pub fn after_input(self, value: &str, caret: u32, references: usize) {
        let units: Vec<u16> = value.encode_utf16().collect();
        let c = caret as usize;
        let typed_at = c >= 1 && units.get(c - 1) == Some(&u16::from(b'@'));
        let word_start = c < 2
            || char::from_u32(u32::from(units[c - 2]))
                .is_some_and(|ch| ch.is_whitespace() || "([\"'".contains(ch));
        if typed_at && word_start && references > 0 {
            self.active.set(0);
            self.open.set(Some(MenuAt { at: caret - 1 }));
        } else if self.open.with_untracked(Option::is_some) {
            self.open.set(None);
        }
    }

    /// The prompt with the "@" at `at` replaced by `words`, and where the caret goes.
    pub fn insert(value: &str, at: u32, words: &str) -> (String, u32) {
        let units: Vec<u16> = value.encode_utf16().collect();
        let at = (at as usize).min(units.len());
        let before = String::from_utf16_lossy(&units[..at]);
        let after = String::from_utf16_lossy(&units[(at + 1).min(units.len())..]);
        let caret = (at + words.encode_utf16().count()) as u32;
        (format!("{before}{words}{after}"), caret)
    }
}

impl Default for MentionMenuState {
    fn default() -> Self {
        Self::new()
    }
}

fn thumb(item: &RefItem) -> Option<String> {
    match &item.source {
        RefSource::Local(f) => Some(f.thumb_url.clone()),
        RefSource::Text(t) if t.starts_with("http") => Some(t.clone()),
        RefSource::Text(_) => None,
    }
}

/// The menu of references under the prompt, while an "@" is being typed.
#[component]
pub fn MentionMenu(
    /// Its state.
    state: MentionMenuState,
    /// Inserts the chosen reference's words.
    on_choose: Callback<usize>,
) -> impl IntoView {
    let tray = use_tray();
    view! {
        <Show when=move || state.open.with(Option::is_some)>
            <ul class="mention-menu" role="listbox" id="mention-menu" aria-label="References to mention">
                {move || tray.items().get().into_iter().enumerate().map(|(i, item)| {
                    let name = match tray.label_of(item.id) {
                        Some(tag) => format!("{tag} · {}", item.label()),
                        None => item.label(),
                    };
                    let picture = thumb(&item);
                    view! {
                        <li role="option" id=format!("mention-{i}")
                            aria-selected=move || (state.active.get() == i).to_string()
                            on:mousedown=move |ev| { ev.prevent_default(); on_choose.run(i); }>
                            {match picture {
                                Some(src) => view! { <img src=src alt="" /> }.into_any(),
                                None => view! { <span class="thumb-none" aria-hidden="true"></span> }.into_any(),
                            }}
                            <strong>{label(i)}</strong>
                            <span class="muted">{name}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// Under the prompt: which references it mentions, which it does not, and any mention of
/// one that is not there; the renumbering notice with Undo.
#[component]
pub fn MentionStatus() -> impl IntoView {
    let composer = use_composer();
    let tray = use_tray();
    let mentions = use_mentions();
    let prompt = composer.form().prompt();
    let count = Memo::new(move |_| tray.items().with(Vec::len));
    let status = Memo::new(move |_| {
        let n = count.get();
        let (unmentioned, missing) = prompt.with(|p| coverage(p, n));
        let list = |v: &[usize]| {
            v.iter()
                .map(|i| format!("image {i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if n > 0 && unmentioned.len() < n {
            let said: Vec<usize> = (1..=n).filter(|i| !unmentioned.contains(i)).collect();
            parts.push(format!("Mentions {}", list(&said)));
        }
        if n > 0 && !unmentioned.is_empty() {
            let lead = if parts.is_empty() {
                "Not mentioned yet:"
            } else {
                "not yet"
            };
            parts.push(format!("{lead} {}", list(&unmentioned)));
        }
        let warning = (!missing.is_empty()).then(|| {
            format!(
                "{} {} not in the references (there {} {n}).",
                list(&missing),
                if missing.len() == 1 { "is" } else { "are" },
                if n == 1 { "is" } else { "are" },
            )
        });
        (parts.join("; "), warning)
    });
    view! {
        <div class="mention-status" aria-live="polite">
            <Show when=move || status.with(|s| !s.0.is_empty())>
                <p class="muted small">{move || status.get().0} " · type @ to mention an image"</p>
            </Show>
            {move || status.get().1.map(|w| view! { <p class="warn-text small" role="status">{w}</p> })}
            {move || mentions.last().map(|r| view! {
                <p class="small renumbered" role="status">
                    {r.said}
                    <button type="button" class="quiet small" on:click=move |_| mentions.undo()>"Undo"</button>
                    <button type="button" class="quiet small" on:click=move |_| mentions.dismiss()>"Dismiss"</button>
                </p>
            })}
        </div>
    }
}
