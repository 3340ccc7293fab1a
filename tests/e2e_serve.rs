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
    support::ui::deliver_sync(&h).await;
    h.click("Generate").await;
    let imgs = h.wait_results(1, 60).await;
    assert_eq!((imgs[0].1, imgs[0].2), (1248, 832));
    h.assert_key_stayed_in_the_proxy(KEY).await;
    h.close().await;
}

/// The README's first command as it is: no key, its own stand-in behind `/api/runware`, the
/// dev proxy adding the stand-in's key, image URLs served through the same path.
#[tokio::test]
async fn serve_without_a_key_runs_against_its_own_stand_in() {
    let (app, stand_in) = (support::free_port(), support::free_port());
    let site = format!("http://127.0.0.1:{app}");
    let _serve =
        support::dev_serve(&site, app, &[("RUNWARE_MOCK_PORT", stand_in.to_string())]).await;
    let client = reqwest::Client::new();
    let task = serde_json::json!([{
        "taskType": "imageInference", "taskUUID": "0b9d4a5e-3c1f-4f8e-9a2b-6d7c8e9f0a1b",
        "model": "klingai:kling-image@o1", "positivePrompt": "A harbour at dawn",
        "width": 1024, "height": 1024, "outputType": "URL", "outputFormat": "PNG"
    }]);
    let answer: serde_json::Value = client
        .post(format!("{site}/api/runware"))
        .json(&task)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = answer["data"][0]["imageURL"]
        .as_str()
        .unwrap_or_else(|| panic!("{answer}"));
    assert!(
        url.starts_with(&format!("{site}/api/runware/image/")),
        "{url}"
    );
    let image = client.get(url).send().await.unwrap();
    assert_eq!(image.status(), 200);
    let bytes = image.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "a real PNG through the dev proxy"
    );
}
