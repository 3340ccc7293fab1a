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
