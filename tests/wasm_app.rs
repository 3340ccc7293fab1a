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
    let (host, _app) = mount().await;
    assert_eq!(q(&host, "h1").text_content().unwrap(), "Kling Studio");
    assert_eq!(
        q(&host, "label[for=prompt]").text_content().unwrap(),
        "Prompt"
    );
    assert_eq!(labelled(&host, "Prompt").tag_name(), "TEXTAREA");
    // The empty state waits for the stored history to be read (no flash of "nothing here"
    // for someone who has history).
    let empty = || {
        q(&host, "section[aria-label=Feed]")
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
    let (host, _app) = mount().await;
    let generate = button(&host, "Generate");
    assert!(generate.has_attribute("disabled"));
    assert!(q(&host, "#generate-reason")
        .text_content()
        .unwrap()
        .contains("prompt is empty"));
    type_into(&labelled(&host, "Prompt"), "ab").await;
    assert!(labelled(&host, "Characters used")
        .text_content()
        .unwrap()
        .starts_with("2 / 2500"));
    assert_eq!(
        labelled(&host, "Prompt")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    let described = labelled(&host, "Prompt")
        .get_attribute("aria-describedby")
        .unwrap();
    assert!(q(&host, &format!("#{described}"))
        .text_content()
        .unwrap()
        .contains("3 to 2500"));
    type_into(&labelled(&host, "Prompt"), "猫が三匹").await;
    assert!(
        labelled(&host, "Characters used")
            .text_content()
            .unwrap()
            .starts_with("4 / 2500"),
        "characters, not bytes"
    );
    assert!(!generate.has_attribute("disabled"));
    assert_eq!(
        labelled(&host, "Prompt").get_attribute("aria-invalid"),
        None
    );
}

#[wasm_bindgen_test]
async fn size_picker_offers_only_allowed_sizes_and_tiers() {
    let (host, _app) = mount().await;
    assert_eq!(
        labelled(&host, "Aspect ratio")
            .query_selector_all("button")
            .unwrap()
            .length(),
        8,
        "8 aspects x 2 tiers, no free entry"
    );
    assert_eq!(text_of(&host, "Chosen size"), "1248 × 832");
    button(&host, "2k").click();
    tick().await;
    assert_eq!(text_of(&host, "Chosen size"), "2496 × 1664");
    button(&host, "21:9 3104x1312").click();
    tick().await;
    assert_eq!(text_of(&host, "Chosen size"), "3104 × 1312");
    assert!(
        !host
            .text_content()
            .unwrap()
            .contains("Match first reference"),
        "no match-reference without references"
    );
}

#[wasm_bindgen_test]
async fn results_out_of_range_is_reported_at_the_field() {
    let (host, _app) = mount().await;
    type_into(&labelled(&host, "Prompt"), "A valid prompt").await;
    type_into(&labelled(&host, "Images"), "21").await;
    let results = labelled(&host, "Images");
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
    type_into(&labelled(&host, "Images"), "20").await;
    assert!(host.query_selector("#results-error").unwrap().is_none());
    assert!(text_of(&host, "Estimated cost").contains("$0.560"));
}

#[wasm_bindgen_test]
async fn ttl_is_offered_only_for_url_output() {
    let (host, _app) = mount().await;
    let ttl = "Keep image links for (seconds)";
    let present = |host: &web_sys::Element| {
        host.query_selector_all("label")
            .ok()
            .map(|l| {
                (0..l.length()).any(|i| l.get(i).unwrap().text_content().unwrap_or_default() == ttl)
            })
            .unwrap_or(false)
    };
    assert!(present(&host));
    choose_text(
        &labelled(&host, "Results come as"),
        "Data URI, in the answer",
    )
    .await;
    assert!(!present(&host), "no link lifetime for inline results");
    choose_text(&labelled(&host, "Results come as"), "A link (URL)").await;
    type_into(&labelled(&host, ttl), "59").await;
    assert!(q(&host, "#ttl-error")
        .text_content()
        .unwrap()
        .contains("60"));
}

#[wasm_bindgen_test]
async fn payload_panel_shows_the_exact_json_and_imports_a_seed_example() {
    let (host, _app) = mount().await;
    type_into(&labelled(&host, "Prompt"), "Shown in the payload").await;
    button(&host, "Payload").click();
    tick().await;
    let json = text_of(&host, "Request JSON");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["positivePrompt"], "Shown in the payload");
    assert_eq!(v[0]["deliveryMethod"], "async");
    let seed = include_str!("../crates/runware/tests/fixtures/seed-3-request.json");
    type_into(&labelled(&host, "JSON to import"), seed).await;
    button(&host, "Import JSON").click();
    tick().await;
    let prompt = labelled(&host, "Prompt")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert!(prompt.starts_with("Two rival duelists"));
    assert_eq!(text_of(&host, "Chosen size"), "1360 × 768");
    let said = status_in(&host, "Payload");
    assert!(
        said.contains("Left out taskUUID: each send gets one of its own."),
        "{said}"
    );
    // What the import replaced comes back with Undo.
    button(&host, "Undo").click();
    tick().await;
    let prompt = labelled(&host, "Prompt")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert_eq!(prompt, "Shown in the payload");
    type_into(&labelled(&host, "JSON to import"), "{oops").await;
    button(&host, "Import JSON").click();
    tick().await;
    assert!(status_in(&host, "Payload").contains("not valid JSON"));
}

/// The composer alone, with the app's state, so a test can set what Runware would refuse.
fn mount_composer() -> (
    web_sys::Element,
    Box<dyn std::any::Any>,
    kling_studio::state::composer::Composer,
) {
    use std::{cell::Cell, rc::Rc};
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let slot = Rc::new(Cell::new(None));
    let keep = slot.clone();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        keep.set(Some(kling_studio::app::provide_state().composer));
        kling_studio::components::composer::Composer()
    });
    (host, Box::new(handle), slot.get().unwrap())
}

#[wasm_bindgen_test]
async fn every_control_runware_can_name_shows_its_message_at_its_field() {
    use kling_studio::domain::Control;
    let (host, _app, composer) = mount_composer();
    for c in Control::ALL {
        let said = format!("Runware refused this ({c:?}).");
        composer.set_server_error(c, said.clone());
        tick().await;
        let messages = host
            .query_selector_all(&format!("#{}", c.message_id()))
            .unwrap();
        assert_eq!(messages.length(), 1, "one message place for {c:?}");
        assert_eq!(
            messages.get(0).unwrap().text_content().unwrap(),
            said,
            "{c:?}"
        );
        let field = q(&host, &format!("#{}", c.id()));
        let described = field.get_attribute("aria-describedby").unwrap_or_default();
        assert!(
            described.split(' ').any(|id| id == c.message_id()),
            "{c:?}: the control points at its message ({described})"
        );
        // A form control says it is invalid; a group (size tiles, delivery, the tray) only
        // points at its message, since ARIA gives groups no invalid state.
        if ["INPUT", "SELECT", "TEXTAREA"].contains(&field.tag_name().as_str()) {
            assert_eq!(
                field.get_attribute("aria-invalid").as_deref(),
                Some("true"),
                "{c:?}"
            );
        }
    }
}
