//! Local real use: the README's serve command, given a key and an upstream, forwards the app's
//! endpoint path there with the key added by trunk's dev proxy; nothing is typed into the page.
//! The upstream here is a stand-in that accepts only that key.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{Harness, Site};

const KEY: &str = "dev-proxy-key-51c2";

#[tokio::test]
async fn serve_with_a_key_generates_through_the_dev_proxy() {
    let h = Harness::start_with(&["--api-key", KEY], Site::DevServe { api_key: KEY }).await;
    h.type_in("Prompt", "Through the dev proxy").await;
    h.by_label("Sync (wait)").await.click().await.unwrap();
    h.click("Generate").await;
    let imgs = h.wait_results(1, 60).await;
    assert_eq!((imgs[0].1, imgs[0].2), (1248, 832));
    let log = h.received().await;
    assert_eq!(
        log[0]["keyAccepted"], true,
        "the stand-in saw the key: {log:?}"
    );
    let page = h
        .js("return document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + location.href")
        .await;
    assert!(
        !page.as_str().unwrap().contains(KEY),
        "the key stays in the proxy"
    );
    h.close().await;
}
