//! Smoke test: the release build mounts in real Chromium and a user can type a prompt.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;

#[tokio::test]
async fn app_mounts_with_its_name_and_a_labelled_prompt() {
    let h = support::Harness::start(&[]).await;
    let title = h.wait_for(Locator::Css("h1"), "the heading").await;
    assert_eq!(title.text().await.unwrap(), "Kling Studio");
    let prompt = h.by_label("Prompt").await;
    prompt.send_keys("A lighthouse at dusk").await.unwrap();
    assert_eq!(
        prompt.prop("value").await.unwrap().as_deref(),
        Some("A lighthouse at dusk")
    );
    h.close().await;
}

/// The wasm modules the page has fetched so far, by name without their hash.
async fn fetched_modules(h: &support::Harness) -> Vec<String> {
    let v = h
        .js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm')).map(n => n.split('/').pop().replace(/-[0-9a-f]{16}(_bg)?\\.wasm$/, ''))")
        .await;
    serde_json::from_value(v).unwrap()
}

async fn wait_fetched(h: &support::Harness, module: &str) {
    h.eventually(20, &format!("the {module} chunk"), || async {
        fetched_modules(h)
            .await
            .iter()
            .any(|m| m == module)
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn lazy_parts_are_fetched_on_first_use_and_a_blocked_one_can_be_retried() {
    let h = support::Harness::start(&[]).await;
    h.by_label("Prompt").await;
    // The first load: the main module only.
    let first = fetched_modules(&h).await;
    assert_eq!(first, ["kling-studio"], "first load fetched {first:?}");

    h.click("Settings").await;
    h.by_label("Endpoint").await;
    wait_fetched(&h, "split_settings").await;
    h.press(fantoccini::key::Key::Escape).await;
    h.click("Shot list").await;
    h.by_label("Shots, one prompt per line").await;
    wait_fetched(&h, "split_shots").await;
    h.press(fantoccini::key::Key::Escape).await;
    assert!(!fetched_modules(&h)
        .await
        .iter()
        .any(|m| m == "split_viewer"));
    support::ui::prompt(&h, "A lighthouse keeper's cat on the stairs").await;
    support::ui::generate(&h).await;
    support::ui::open_result(&h, 1).await;
    wait_fetched(&h, "split_viewer").await;
    h.press(fantoccini::key::Key::Escape).await;

    // The payload chunk cannot be fetched: said, with a way to try again that works.
    h.cdp("Network.enable", serde_json::json!({})).await;
    h.cdp(
        "Network.setBlockedURLs",
        serde_json::json!({ "urls": ["*split_payload*"] }),
    )
    .await;
    h.click("Payload").await;
    let alert = h
        .wait_for(
            Locator::Css(".chunk-failed[role=alert]"),
            "the failed chunk's message",
        )
        .await;
    assert!(alert
        .text()
        .await
        .unwrap()
        .contains("This part of the studio did not load"));
    assert!(!support::ui::dialog_open(&h, "Payload").await);
    h.cdp("Network.setBlockedURLs", serde_json::json!({ "urls": [] }))
        .await;
    h.click("Try again").await;
    h.eventually(20, "the payload sheet", || async {
        support::ui::dialog_open(&h, "Payload").await.then_some(())
    })
    .await;
    assert!(support::ui::dialog_text(&h, "Payload")
        .await
        .contains("imageInference"));
    h.close().await;
}
