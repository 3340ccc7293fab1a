//! Bad input, one row per case: each is refused with a message at its own field, Generate
//! stays disabled, and nothing is sent (no request leaves the page: fetch is watched).

#![cfg(target_arch = "wasm32")]

mod wasm_support;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wasm_support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Counts fetches the page starts, so "nothing is sent" is checked, not assumed.
fn watch_fetch() {
    js_sys::eval(
        "if (!window.__fetches) { window.__fetches = 0; const f = window.fetch; window.fetch = (...a) => { window.__fetches++; return f(...a); }; }",
    )
    .unwrap();
}

fn fetches() -> f64 {
    js_sys::eval("window.__fetches").unwrap().as_f64().unwrap()
}

/// (field id, value typed, words the message must contain)
const FIELD_CASES: &[(&str, &str, &str)] = &[
    ("prompt", "", "empty"),
    ("prompt", "ab", "3 to 2500"),
    ("prompt", "   ", "empty"),
    ("prompt", "bell \u{7} ring", "control character"),
    ("prompt", "tab\u{1b}escape", "control character"),
    ("results", "0", "too small"),
    ("results", "21", "too large"),
    ("results", "-1", "too small"),
    ("results", "2e1", "whole number"),
    ("results", "1.5", "whole number"),
    ("results", "", "whole number"),
    ("quality", "19", "too small"),
    ("quality", "100", "too large"),
    ("quality", "9.5", "whole number"),
    ("quality", "", "whole number"),
    ("ttl", "59", "at least 60"),
    ("ttl", "0", "at least 60"),
    ("ttl", "-5", "at least 60"),
    ("ttl", "1e1", "whole number"),
    ("webhook", "notaurl", "http"),
    ("webhook", "ftp://example.com/hook", "http"),
    ("webhook", "/relative/hook", "http"),
    ("webhook", "http://", "http"),
    ("webhook", "https://exa mple.com/", "http"),
    ("webhook", "javascript:alert(1)", "http"),
    ("upload-endpoint", "s3://bucket/key", "http"),
    ("upload-endpoint", "https://host:99999999/x", "http"),
    ("upload-endpoint", "mailto:me@example.com", "http"),
    ("upload-endpoint", "//cdn.example.com/x", "http"),
];

/// Reference strings typed into the tray (each refused at the references field).
const REFERENCE_CASES: &[&str] = &[
    "holiday.jpg",
    "ftp://example.com/a.png",
    "data:text/plain;base64,aGk=",
    "data:image/png,rawbytes",
    "javascript:alert(1)",
    "not base64!!",
];

#[wasm_bindgen_test]
async fn every_bad_field_value_is_refused_at_its_field_and_nothing_is_sent() {
    watch_fetch();
    let (host, _app) = mount().await;
    // Open the advanced group so its fields are visible.
    open_section(&host, "Advanced").await;
    type_into(&q(&host, "#prompt"), "A valid prompt to start from").await;
    let before = fetches();
    let mut checked = 0;
    for (id, value, words) in FIELD_CASES {
        let field = q(&host, &format!("#{id}"));
        let good = match *id {
            "prompt" => "A valid prompt to start from",
            "results" => "1",
            "quality" => "95",
            _ => "",
        };
        type_into(&field, value).await;
        assert_eq!(
            field.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{id} = {value:?}"
        );
        let msg_id = field.get_attribute("aria-describedby").unwrap_or_default();
        let msg = q(&host, &format!("#{msg_id}")).text_content().unwrap();
        assert!(
            msg.contains(words),
            "{id} = {value:?}: “{msg}” lacks “{words}”"
        );
        assert!(
            button(&host, "Generate").has_attribute("disabled"),
            "{id} = {value:?}"
        );
        // Ctrl+Enter is refused as well.
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Enter");
        init.set_ctrl_key(true);
        init.set_bubbles(true);
        q(&host, "#prompt")
            .dispatch_event(
                &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                    .unwrap(),
            )
            .unwrap();
        type_into(&field, good).await;
        assert_eq!(field.get_attribute("aria-invalid"), None, "{id} fixed");
        checked += 1;
    }
    for value in REFERENCE_CASES {
        type_into(&labelled(&host, "Reference URL or image UUID"), value).await;
        button(&host, "Add").click();
        tick().await;
        let msg = q(&host, "#references-error").text_content().unwrap();
        assert!(msg.contains("Reference 1 is not"), "{value:?}: {msg}");
        assert!(button(&host, "Generate").has_attribute("disabled"));
        button(&host, "Remove reference 1").click();
        tick().await;
        checked += 1;
    }
    // The endpoint is checked in the settings.
    button(&host, "Settings").click();
    tick().await;
    for bad in ["not a url", "ftp://example.com", "api/runware"] {
        type_into(&q(&host, "#endpoint"), bad).await;
        assert_eq!(
            q(&host, "#endpoint")
                .get_attribute("aria-invalid")
                .as_deref(),
            Some("true"),
            "{bad}"
        );
        assert!(button(&host, "Test connection").has_attribute("disabled"));
        checked += 1;
    }
    type_into(&q(&host, "#endpoint"), "/api/runware").await;
    // Malformed imports are refused at the import field.
    button(&host, "Payload").click();
    tick().await;
    for (bad, words) in [
        ("{oops", "not valid JSON"),
        (
            r#"{"positivePrompt":"abc","width":1000,"height":1000}"#,
            "1000x1000",
        ),
        (r#"{"positivePrompt":"abc","outputFormat":"GIF"}"#, "GIF"),
        (
            r#"[{"taskType":"getResponse","taskUUID":"x"}]"#,
            "No imageInference",
        ),
        (
            r#"{"positivePrompt":"abc","numberResults":"two"}"#,
            "numberResults",
        ),
    ] {
        type_into(&q(&host, "#import-json"), bad).await;
        button(&host, "Import JSON").click();
        tick().await;
        let msg = status_in(&host, "Payload");
        assert!(msg.contains(words), "{bad}: {msg}");
        checked += 1;
    }
    assert!(checked >= 40, "{checked} cases");
    assert_eq!(fetches(), before, "nothing may be sent");
}

#[wasm_bindgen_test]
async fn the_advanced_section_opens_for_an_error_and_stays_open_once_it_is_fixed() {
    let (host, _app) = mount().await;
    let section = || {
        q(&host, "#ttl")
            .closest("details")
            .unwrap()
            .expect("the TTL field sits in a section")
    };
    open_section(&host, "Advanced").await;
    type_into(&q(&host, "#ttl"), "59").await;
    assert_eq!(
        q(&host, "#ttl").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    type_into(&q(&host, "#ttl"), "600").await;
    tick().await;
    assert!(
        section().has_attribute("open"),
        "fixing the last error left the section where the user had it"
    );
    // Closed by the user, it opens by itself when a message appears inside.
    section()
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert!(!section().has_attribute("open"));
    type_into(&q(&host, "#ttl"), "5").await;
    tick().await;
    assert!(section().has_attribute("open"), "an error inside opens it");
    type_into(&q(&host, "#ttl"), "").await;
}
