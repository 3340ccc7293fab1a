//! Settings in Chromium: the endpoint, a typed key, and the connection test with what the
//! top bar's dot says about it.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use support::ui;
use support::Harness;

#[tokio::test]
async fn connection_test_reports_balance_then_a_refused_key() {
    let h = Harness::start(&["--api-key", "e2e-proxy-key"]).await;
    h.click("Settings").await;
    assert_eq!(ui::value_of(&h, "Endpoint").await, "/api/runware");
    h.click("Test connection").await;
    h.eventually(10, "connected", || async {
        ui::dialog_text(&h, "Settings")
            .await
            .contains("Balance $25.00")
            .then_some(())
    })
    .await;
    h.wait_for(
        Locator::XPath("//button[starts-with(@aria-label, 'Connection: Connected')]"),
        "the dot's words",
    )
    .await;
    let balance = h
        .js("return document.querySelector('header').innerText")
        .await;
    assert!(
        balance.as_str().unwrap().contains("Balance $25.00"),
        "{balance}"
    );
    // A key typed in the page replaces the proxy's; the stand-in refuses this one.
    h.type_in("API key", "wrong-key").await;
    h.click("Test connection").await;
    h.eventually(10, "refused", || async {
        ui::dialog_text(&h, "Settings")
            .await
            .contains("key was refused")
            .then_some(())
    })
    .await;
    h.wait_for(
        Locator::XPath("//button[starts-with(@aria-label, 'Connection: Runware answers, but the key is refused')]"),
        "the dot's words",
    )
    .await;
    // An endpoint that is not a URL is refused at its field.
    let endpoint = h.by_label("Endpoint").await;
    endpoint.clear().await.unwrap();
    endpoint.send_keys("not a url").await.unwrap();
    assert_eq!(
        endpoint.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(!h
        .button("Test connection")
        .await
        .is_enabled()
        .await
        .unwrap());
    h.close().await;
}

#[tokio::test]
async fn a_spend_cap_refuses_a_request_that_would_pass_it_with_the_numbers() {
    let h = Harness::start(&[]).await;
    h.click("Settings").await;
    support::ui::set(&h, "This session ($)", "0.05").await;
    h.press(fantoccini::key::Key::Escape).await;
    support::ui::prompt(&h, "Two lighthouses, one cap").await;
    support::ui::set(&h, "Images", "2").await;
    let reason = h
        .eventually(5, "the refusal", || async {
            let t = h
                .js("return document.getElementById('generate-reason')?.textContent ?? ''")
                .await;
            let t = t.as_str().unwrap_or_default().to_owned();
            (!t.is_empty()).then_some(t)
        })
        .await;
    assert_eq!(
        reason,
        "This needs $0.056; $0.050 left of this session's $0.05."
    );
    let generate = h.button("Generate").await;
    assert!(!generate.is_enabled().await.unwrap());
    // Ctrl+Enter is refused the same way.
    h.by_label("Prompt").await.click().await.unwrap();
    h.browser
        .execute(
            "document.getElementById('prompt').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(h.inference_tasks().await.is_empty(), "nothing was sent");
    assert!(h
        .js("return document.querySelector('.topbar .spend').textContent")
        .await
        .as_str()
        .unwrap()
        .contains("of $0.05"));
    // One image fits under the cap and goes.
    support::ui::set(&h, "Images", "1").await;
    support::ui::generate(&h).await;
    h.wait_results(1, 40).await;
    assert_eq!(h.inference_tasks().await.len(), 1);
    h.close().await;
}
