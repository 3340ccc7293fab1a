//! The reference tray: file picker, drag and drop, paste, URL or UUID; checks on each file;
//! numbered, reorderable items; refused files shown with their reasons.

use super::field::FieldMessage;
use super::ref_card::{RefCard, RejectedCard};
use crate::browser::{files::read_image, storage};
use crate::studio::{use_studio, RefItem, RefSource, Rejected, Studio};
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;
use wasm_bindgen::JsCast;
use web_sys::FileList;

/// Checks and adds files in order; the 11th and later are refused with a message.
pub fn add_files(s: Studio, files: FileList) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    s.tray_notice.set(None);
    s.touch("references");
    let room = REFERENCES_MAX.saturating_sub(s.refs.with_untracked(Vec::len));
    let over: Vec<String> = files.iter().skip(room).map(|f| f.name()).collect();
    if !over.is_empty() {
        s.tray_notice.set(Some(format!(
            "{} not added: at most {REFERENCES_MAX} reference images.",
            over.join(", ")
        )));
    }
    let files: Vec<web_sys::File> = files.into_iter().take(room).collect();
    leptos::task::spawn_local(async move {
        // All at once: decoding and encoding run on the browser's own threads.
        let prepared = futures::future::join_all(files.iter().map(read_image)).await;
        for (file, result) in files.iter().zip(prepared) {
            let id = s.fresh_id();
            match result {
                Ok(local) if s.refs.with_untracked(Vec::len) < REFERENCES_MAX => {
                    s.refs.update(|r| {
                        r.push(RefItem {
                            id,
                            source: RefSource::Local(local),
                        })
                    });
                }
                Ok(_) => s.tray_notice.set(Some(format!(
                    "{} not added: at most {REFERENCES_MAX} reference images.",
                    file.name()
                ))),
                Err(problems) => {
                    s.rejected.update(|r| {
                        r.push(Rejected {
                            id,
                            name: file.name(),
                            problems,
                        })
                    });
                }
            }
        }
    });
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
                <ol class="ref-list" aria-label="References in order">
                    <For each=move || s.refs.get() key=RefItem::render_key children=move |item| view! { <RefCard item /> } />
                </ol>
                <ul class="ref-list">
                    <For each=move || s.rejected.get() key=|r| r.id children=move |item| view! { <RejectedCard item /> } />
                </ul>
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
            <label class="check">
                <input type="checkbox" prop:checked=move || s.upload_once.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        storage::save_upload_once(on);
                        s.upload_once.set(on);
                    } />
                "Upload local files once (send image UUIDs on later jobs)"
            </label>
            <Show when=move || s.tray_notice.with(Option::is_some)>
                <p class="notice" role="status">{move || s.tray_notice.get().unwrap_or_default()}</p>
            </Show>
            <FieldMessage control="references" />
        </fieldset>
    }
}
