//! `App` mounted in real Chromium by wasm-bindgen-test: the logic-bearing parts of the
//! components, checked through the DOM a user sees.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh App in its own host element; the app lives as long as the returned handle.
fn mount() -> (Element, Box<dyn std::any::Any>) {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), kling_studio::App);
    (host, Box::new(handle))
}

fn q(host: &Element, selector: &str) -> Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn button(host: &Element, text: &str) -> web_sys::HtmlElement {
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
async fn tick() {
    kling_studio::browser::sleep(0).await;
    kling_studio::browser::sleep(0).await;
}

async fn type_into(el: &Element, value: &str) {
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

async fn choose(select: &Element, value: &str) {
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    tick().await;
}

#[wasm_bindgen_test]
fn app_shows_the_product_name_and_a_labelled_prompt() {
    let (host, _app) = mount();
    assert_eq!(q(&host, "h1").text_content().unwrap(), "Kling Studio");
    assert_eq!(
        q(&host, "label[for=prompt]").text_content().unwrap(),
        "Prompt"
    );
    assert_eq!(q(&host, "#prompt").tag_name(), "TEXTAREA");
    assert!(q(&host, "section[aria-label=Gallery]")
        .text_content()
        .unwrap()
        .contains("Describe a shot"));
}

#[wasm_bindgen_test]
async fn generate_is_disabled_with_a_reason_until_the_prompt_is_valid() {
    let (host, _app) = mount();
    let generate = button(&host, "Generate");
    assert!(generate.has_attribute("disabled"));
    assert!(q(&host, "#generate-reason")
        .text_content()
        .unwrap()
        .contains("prompt is empty"));
    type_into(&q(&host, "#prompt"), "ab").await;
    assert!(q(&host, ".counter")
        .text_content()
        .unwrap()
        .starts_with("2 / 2500"));
    assert_eq!(
        q(&host, "#prompt").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = q(&host, "#prompt")
        .get_attribute("aria-describedby")
        .unwrap();
    assert!(q(&host, &format!("#{described}"))
        .text_content()
        .unwrap()
        .contains("3 to 2500"));
    type_into(&q(&host, "#prompt"), "猫が三匹").await;
    assert!(
        q(&host, ".counter")
            .text_content()
            .unwrap()
            .starts_with("4 / 2500"),
        "characters, not bytes"
    );
    assert!(!generate.has_attribute("disabled"));
    assert_eq!(q(&host, "#prompt").get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn size_picker_offers_only_allowed_sizes_and_tiers() {
    let (host, _app) = mount();
    assert_eq!(
        host.query_selector_all(".tiles .tile").unwrap().length(),
        8,
        "8 aspects x 2 tiers, no free entry"
    );
    assert_eq!(q(&host, ".readout").text_content().unwrap(), "1248 × 832");
    button(&host, "2k").click();
    tick().await;
    assert_eq!(q(&host, ".readout").text_content().unwrap(), "2496 × 1664");
    button(&host, "21:9 3104x1312").click();
    tick().await;
    assert_eq!(q(&host, ".readout").text_content().unwrap(), "3104 × 1312");
    assert!(
        host.query_selector(".tile.match").unwrap().is_none(),
        "no match-reference without references"
    );
}

#[wasm_bindgen_test]
async fn results_out_of_range_is_reported_at_the_field() {
    let (host, _app) = mount();
    type_into(&q(&host, "#prompt"), "A valid prompt").await;
    type_into(&q(&host, "#results"), "21").await;
    let results = q(&host, "#results");
    assert_eq!(
        results.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        results.get_attribute("aria-describedby").as_deref(),
        Some("results-error")
    );
    assert!(q(&host, "#results-error")
        .text_content()
        .unwrap()
        .contains("1 to 20"));
    assert!(button(&host, "Generate").has_attribute("disabled"));
    type_into(&q(&host, "#results"), "20").await;
    assert!(host.query_selector("#results-error").unwrap().is_none());
    assert!(q(&host, ".estimate")
        .text_content()
        .unwrap()
        .contains("$0.560"));
}

#[wasm_bindgen_test]
async fn ttl_is_offered_only_for_url_output() {
    let (host, _app) = mount();
    assert!(host.query_selector("#ttl").unwrap().is_some());
    choose(&q(&host, "#output-type"), "dataURI").await;
    assert!(host.query_selector("#ttl").unwrap().is_none());
    choose(&q(&host, "#output-type"), "URL").await;
    type_into(&q(&host, "#ttl"), "59").await;
    assert!(q(&host, "#ttl-error")
        .text_content()
        .unwrap()
        .contains("60"));
}

#[wasm_bindgen_test]
async fn payload_panel_shows_the_exact_json_and_imports_a_seed_example() {
    let (host, _app) = mount();
    type_into(&q(&host, "#prompt"), "Shown in the payload").await;
    button(&host, "Payload").click();
    tick().await;
    let json = q(&host, "pre.json").text_content().unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["positivePrompt"], "Shown in the payload");
    assert_eq!(v[0]["deliveryMethod"], "async");
    let seed = include_str!("../crates/runware/tests/fixtures/seed-3-request.json");
    type_into(&q(&host, "#import-json"), seed).await;
    button(&host, "Import JSON").click();
    tick().await;
    let prompt = q(&host, "#prompt")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert!(prompt.starts_with("Two rival duelists"));
    assert_eq!(q(&host, ".readout").text_content().unwrap(), "1360 × 768");
    type_into(&q(&host, "#import-json"), "{oops").await;
    button(&host, "Import JSON").click();
    tick().await;
    assert!(q(&host, ".payload .notice")
        .text_content()
        .unwrap()
        .contains("not valid JSON"));
}
