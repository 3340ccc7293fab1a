//! `App` mounted in real Chromium by wasm-bindgen-test: the logic-bearing parts of the
//! components, checked through the DOM a user sees.

#![cfg(target_arch = "wasm32")]

mod wasm_support;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wasm_support::*;
use web_sys::HtmlTextAreaElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn app_shows_the_product_name_and_a_labelled_prompt() {
    let (host, _app) = mount();
    assert_eq!(q(&host, "h1").text_content().unwrap(), "Kling Studio");
    assert_eq!(
        q(&host, "label[for=prompt]").text_content().unwrap(),
        "Prompt"
    );
    assert_eq!(q(&host, "#prompt").tag_name(), "TEXTAREA");
    // The empty state waits for the stored history to be read (no flash of "nothing here"
    // for someone who has history).
    let empty = || {
        q(&host, "section[aria-label=Gallery]")
            .text_content()
            .unwrap()
            .contains("Describe a shot")
    };
    for _ in 0..100 {
        if empty() {
            break;
        }
        tick().await;
    }
    assert!(empty(), "the empty state once history is read");
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
