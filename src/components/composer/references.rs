//! The reference tray: file picker, drag and drop, paste, URL or UUID; checks on each file;
//! numbered, reorderable items; refused files shown with their reasons.

use super::field::{FieldMessage, Wiring};
use super::ref_card::{RefCard, RejectedCard};
use crate::components::shell::icons::{Glyph, Icon};
use crate::domain::Control;
use crate::state::tray::{use_tray, RefItem, RefSource};
use leptos::prelude::*;
use runware::limits::REFERENCES_MAX;
use wasm_bindgen::JsCast;
use web_sys::FileList;

fn files_of(list: Option<FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Where the tray's items change key: a new preparation of the same file is a new row.
fn row_key(item: &RefItem) -> (u64, String) {
    match &item.source {
        RefSource::Local(f) => (item.id, f.thumb_url.clone()),
        RefSource::Text(_) => (item.id, String::new()),
    }
}

/// The tray.
#[component]
pub fn ReferenceTray() -> impl IntoView {
    let tray = use_tray();
    let text = RwSignal::new(String::new());
    let add_text = move || {
        let t = text.get_untracked().trim().to_owned();
        if !t.is_empty() && tray.push(RefSource::Text(t)) {
            text.set(String::new());
        }
    };
    let paste = window_event_listener(leptos::ev::paste, move |ev| {
        let files = files_of(ev.clipboard_data().and_then(|d| d.files()));
        if !files.is_empty() {
            ev.prevent_default();
            tray.add_files(files);
        }
    });
    on_cleanup(move || paste.remove());
    let items = tray.items();
    let count = move || items.with(Vec::len);
    let notice = tray.notice();
    let wiring = Wiring::of(Control::References);
    let drafts = crate::state::draft::use_drafts();
    let clear = move |_| {
        drafts.before_replacing(crate::state::draft::Replacement::ClearedReferences);
        tray.replace(Vec::new());
    };
    view! {
        <fieldset class="field" id=Control::References.id()
            aria-describedby=wiring.described_by()>
            <legend>
                "References"
                <span class="muted small tabular">{move || format!("{} of {REFERENCES_MAX}", count())}</span>
                <span class="spacer"></span>
                <Show when=move || { count() > 0 }>
                    <button type="button" class="quiet small" on:click=clear>"Clear all"</button>
                </Show>
            </legend>
            // Drops anywhere on the page land here (shell::drop_overlay).
            <div class="tray">
                <ol class="ref-list" aria-label="References in order">
                    <For each=move || items.get() key=row_key children=move |item| view! { <RefCard item /> } />
                </ol>
                <ul class="ref-list" aria-label="Refused files">
                    <For each=move || tray.rejected().get() key=|r| r.id children=move |item| view! { <RejectedCard item /> } />
                </ul>
                <label class="drop-zone">
                    <input type="file" accept="image/*" multiple class="visually-hidden"
                        aria-label="Add reference images"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                            tray.add_files(files_of(input.files()));
                            input.set_value("");
                        } />
                    <Glyph icon=Icon::Upload size=16 />
                    <span>"Add images"</span>
                    <span class="muted small">"or drop or paste them here" <br /> "JPEG, PNG or WEBP · up to 10"</span>
                </label>
            </div>
            <div class="add-url">
                <input type="text" aria-label="Reference URL or image UUID" placeholder="Or paste an image link or UUID"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add_text(); } />
                <button type="button" on:click=move |_| add_text()>"Add"</button>
            </div>
            <Show when=move || notice.with(Option::is_some)>
                <p class="banner warn" role="status">{move || notice.get().unwrap_or_default()}</p>
            </Show>
            <FieldMessage control=Control::References />
        </fieldset>
    }
}
