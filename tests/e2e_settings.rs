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
