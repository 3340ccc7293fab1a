//! The reference tray: file picker, drag and drop, paste, URL or UUID; numbered thumbnails.

use super::field::FieldMessage;
use crate::browser::files::read_image;
use crate::browser::revoke_object_url;
use crate::domain::payload::human_bytes;
use crate::studio::{use_studio, RefItem, RefSource, Studio};
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;
use wasm_bindgen::JsCast;
use web_sys::FileList;

/// Reads files in order and appends them; the 11th and later are refused with a message.
fn add_files(s: Studio, files: FileList) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    s.tray_notice.set(None);
    s.touch("references");
    leptos::task::spawn_local(async move {
        let mut problems = Vec::new();
        for file in files {
            if s.refs.with_untracked(Vec::len) >= REFERENCES_MAX {
                problems.push(format!(
                    "{} was not added: at most {REFERENCES_MAX} reference images.",
                    file.name()
                ));
                continue;
            }
            match read_image(&file).await {
                Ok(local) => {
                    let id = s.fresh_id();
                    s.refs.update(|r| {
                        r.push(RefItem {
                            id,
                            source: RefSource::Local(local),
                        })
                    });
                }
                Err(e) => problems.push(format!("{}: {e}.", file.name())),
            }
        }
        if !problems.is_empty() {
            s.tray_notice.set(Some(problems.join(" ")));
        }
    });
}

fn remove(s: Studio, id: u64) {
    let removed = s
        .refs
        .with_untracked(|r| r.iter().find(|i| i.id == id).cloned());
    s.refs.update(|r| r.retain(|i| i.id != id));
    s.tray_notice.set(None);
    if let Some(RefItem {
        source: RefSource::Local(f),
        ..
    }) = removed
    {
        // A job may still show this thumbnail (remix); only revoke what nothing uses.
        let in_use = s.jobs.with_untracked(|jobs| {
            jobs.iter().any(|j| {
                j.refs
                    .iter()
                    .any(|r| matches!(&r.source, RefSource::Local(g) if g.thumb_url == f.thumb_url))
            })
        });
        if !in_use {
            revoke_object_url(&f.thumb_url);
        }
    }
}

/// The tray.
#[component]
pub fn ReferenceTray() -> impl IntoView {
    let s = use_studio();
    let dragging = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let add_text = move || {
        let t = text.get_untracked().trim().to_owned();
        if t.is_empty() {
            return;
        }
        if s.refs.with_untracked(Vec::len) >= REFERENCES_MAX {
            s.tray_notice.set(Some(format!(
                "At most {REFERENCES_MAX} reference images: remove one first."
            )));
            return;
        }
        let id = s.fresh_id();
        s.refs.update(|r| {
            r.push(RefItem {
                id,
                source: RefSource::Text(t),
            })
        });
        s.touch("references");
        text.set(String::new());
    };
    let paste = window_event_listener(leptos::ev::paste, move |ev| {
        if let Some(files) = ev.clipboard_data().and_then(|d| d.files()) {
            if files.length() > 0 {
                ev.prevent_default();
                add_files(s, files);
            }
        }
    });
    on_cleanup(move || paste.remove());
    let count = move || s.refs.with(Vec::len);
    view! {
        <fieldset class="field" id="references">
            <legend>"Reference images " <span class="muted">{move || format!("{} / {REFERENCES_MAX}", count())}</span></legend>
            <div
                class="tray"
                class:dragging=move || dragging.get()
                on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                        add_files(s, files);
                    }
                }
            >
                <ol class="ref-list">
                    <For each=move || s.refs.get() key=|r| r.id children=move |item| view! { <RefCard item /> } />
                </ol>
                <label class="drop-hint">
                    <input
                        type="file"
                        accept="image/*"
                        multiple
                        class="visually-hidden"
                        aria-label="Add reference images"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                            if let Some(files) = input.files() {
                                add_files(s, files);
                            }
                            input.set_value("");
                        }
                    />
                    <span class="button-like">"Choose files"</span>
                    " or drop / paste images here"
                </label>
            </div>
            <div class="row">
                <input
                    type="text"
                    aria-label="Reference URL or image UUID"
                    placeholder="https://… or image UUID"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add_text(); }
                />
                <button type="button" on:click=move |_| add_text()>"Add"</button>
            </div>
            <Show when=move || s.tray_notice.with(Option::is_some)>
                <p class="notice" role="status">{move || s.tray_notice.get().unwrap_or_default()}</p>
            </Show>
            <FieldMessage control="references" />
        </fieldset>
    }
}

/// One numbered reference with its name, pixels, encoded size and a remove button.
#[component]
fn RefCard(
    /// The reference shown.
    item: RefItem,
) -> impl IntoView {
    let s = use_studio();
    let id = item.id;
    let number = move || {
        s.refs
            .with(|r| r.iter().position(|i| i.id == id).map_or(0, |p| p + 1))
    };
    let (thumb, details) = match &item.source {
        RefSource::Local(f) => (
            Some(f.thumb_url.clone()),
            format!(
                "{} × {} · {}",
                f.width,
                f.height,
                human_bytes(f.encoded_len() as f64)
            ),
        ),
        RefSource::Text(t) if t.starts_with("http") => (Some(t.clone()), "URL".to_owned()),
        RefSource::Text(t) if t.len() == 36 => (None, "image UUID".to_owned()),
        RefSource::Text(t) => (None, human_bytes(t.len() as f64)),
    };
    let label = item.label();
    let remove_label = move || format!("Remove reference {}", number());
    view! {
        <li class="ref">
            <span class="ref-number" aria-hidden="true">{number}</span>
            {thumb.map(|src| view! { <img class="thumb" src=src alt="" loading="lazy" /> })}
            <span class="ref-meta">
                <span class="ref-name" title=label.clone()>{label.clone()}</span>
                <span class="muted">{details}</span>
            </span>
            <button type="button" class="icon" aria-label=remove_label on:click=move |_| remove(s, id)>"×"</button>
        </li>
    }
}
