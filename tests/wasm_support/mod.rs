//! Helpers for the wasm-bindgen tests: mount the app, find elements as a user would, type
//! and choose with the events the browser fires. Each test file uses a part of them.

#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh App in its own host element, with no draft kept (so no other test's comes
/// back in it), and waits for the composer; the app lives as long as the returned handle.
pub async fn mount() -> (Element, Box<dyn std::any::Any>) {
    forget_drafts().await;
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), kling_studio::App);
    for _ in 0..200 {
        if host
            .query_selector("main:not([data-restoring]) textarea")
            .unwrap()
            .is_some()
        {
            break;
        }
        kling_studio::browser::sleep(10).await;
    }
    (host, Box::new(handle))
}

/// Empties the drafts store, if the database exists yet. First waits out the form draft's
/// write pause (250 ms after the last keystroke), so a write the previous test left pending
/// cannot land after the clearing and give this test its prompt.
async fn forget_drafts() {
    kling_studio::browser::sleep(300).await;
    let script = "Object.keys(localStorage).filter(k => k.startsWith('kling.draft.')).forEach(k => localStorage.removeItem(k)); \
        return new Promise(done => { const o = indexedDB.open('kling-studio'); \
        o.onupgradeneeded = () => { o.transaction.abort(); }; \
        o.onerror = () => done(); \
        o.onsuccess = () => { const db = o.result; \
          if (!db.objectStoreNames.contains('drafts')) { db.close(); return done(); } \
          const tx = db.transaction('drafts', 'readwrite'); tx.objectStore('drafts').clear(); \
          tx.oncomplete = () => { db.close(); done(); }; }; })";
    let f = js_sys::Function::new_no_args(script);
    let p: js_sys::Promise = f.call0(&wasm_bindgen::JsValue::NULL).unwrap().into();
    wasm_bindgen_futures::JsFuture::from(p).await.ok();
}

pub fn q(host: &Element, selector: &str) -> Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn button(host: &Element, text: &str) -> web_sys::HtmlElement {
    let all = host.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| {
            b.text_content().unwrap_or_default().trim() == text
                || b.get_attribute("aria-label").as_deref() == Some(text)
        })
        .unwrap_or_else(|| panic!("no button {text}"))
}

/// Lets the reactive system flush its scheduled DOM updates.
pub async fn tick() {
    kling_studio::browser::sleep(0).await;
    kling_studio::browser::sleep(0).await;
}

pub async fn type_into(el: &Element, value: &str) {
    if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(value);
    } else {
        el.unchecked_ref::<HtmlInputElement>().set_value(value);
    }
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
    tick().await;
}

pub async fn choose(select: &Element, value: &str) {
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    tick().await;
}

/// The element a user finds by this accessible name: its `aria-label`, or the control a
/// `<label>` with this text names.
pub fn labelled(host: &Element, name: &str) -> Element {
    let all = host.query_selector_all("[aria-label], label").unwrap();
    for i in 0..all.length() {
        let el: Element = all.get(i).unwrap().unchecked_into();
        if el.get_attribute("aria-label").as_deref() == Some(name) {
            return el;
        }
        if el.tag_name() == "LABEL" && el.text_content().unwrap_or_default().trim() == name {
            if let Some(id) = el.get_attribute("for") {
                return q(host, &format!("#{id}"));
            }
            if let Some(inner) = el.query_selector("input, select, textarea").unwrap() {
                return inner;
            }
        }
    }
    panic!("nothing is labelled {name}")
}

/// The text of the element labelled `name`.
pub fn text_of(host: &Element, name: &str) -> String {
    labelled(host, name).text_content().unwrap_or_default()
}

/// The open dialog named `name` (by its heading).
pub fn dialog(host: &Element, name: &str) -> Element {
    let all = host.query_selector_all("[role=dialog]").unwrap();
    (0..all.length())
        .filter_map(|i| all.get(i))
        .map(|n| n.unchecked_into::<Element>())
        .find(|d| {
            d.get_attribute("aria-labelledby")
                .and_then(|id| document().get_element_by_id(&id))
                .and_then(|h| h.text_content())
                .is_some_and(|t| t.trim() == name)
        })
        .unwrap_or_else(|| panic!("no dialog {name}"))
}

/// The live status message inside the dialog named `name`.
pub fn status_in(host: &Element, name: &str) -> String {
    dialog(host, name)
        .query_selector("[role=status]")
        .unwrap()
        .unwrap_or_else(|| panic!("no status in {name}"))
        .text_content()
        .unwrap_or_default()
}

/// Picks the option of `select` whose words are `text`, as a user does.
pub async fn choose_text(select: &Element, text: &str) {
    let options = select.query_selector_all("option").unwrap();
    let value = (0..options.length())
        .filter_map(|i| options.get(i))
        .map(|n| n.unchecked_into::<Element>())
        .find(|o| o.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no option {text}"))
        .get_attribute("value")
        .unwrap_or_default();
    choose(select, &value).await;
}

/// Opens the disclosure (a `<details>`) whose summary starts with `name`, as a click does.
pub async fn open_section(host: &Element, name: &str) {
    let all = host.query_selector_all("summary").unwrap();
    let summary = (0..all.length())
        .filter_map(|i| all.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|s| {
            s.text_content()
                .unwrap_or_default()
                .trim()
                .starts_with(name)
        })
        .unwrap_or_else(|| panic!("no section {name}"));
    if !summary.parent_element().unwrap().has_attribute("open") {
        summary.click();
    }
    tick().await;
}
