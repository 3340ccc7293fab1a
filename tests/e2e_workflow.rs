//! The rest of the studio's workflow in Chromium: settings and connection test, drag and drop
//! and paste, URL references, the full-size view, cancel, retry, remix, use as reference.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::{key::Key, Locator};
use support::Harness;

/// A tiny PNG made in the page, added through a synthetic drop or paste.
const ADD_BY_EVENT: &str = r#"
const [kind, name] = arguments;
const c = document.createElement('canvas'); c.width = 400; c.height = 300;
const g = c.getContext('2d'); g.fillStyle = '#c33'; g.fillRect(0, 0, 400, 300);
const blob = await new Promise(r => c.toBlob(r, 'image/png'));
const dt = new DataTransfer(); dt.items.add(new File([blob], name, { type: 'image/png' }));
if (kind === 'drop') {
  document.querySelector('.tray').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
} else {
  document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}
"#;

#[tokio::test]
async fn connection_test_reports_balance_then_a_refused_key() {
    let h = Harness::start(&["--api-key", "e2e-proxy-key"]).await;
    h.click("Settings").await;
    assert_eq!(
        h.by_label("Endpoint")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("/api/runware")
    );
    h.click("Test connection").await;
    let status = h
        .wait_for(Locator::Css(".settings .status.ok"), "connected")
        .await
        .text()
        .await
        .unwrap();
    assert!(status.contains("Balance $25.00"), "{status}");
    h.wait_for(Locator::Css(".dot.ok"), "a green dot").await;
    // A key typed in the page replaces the proxy's; the stand-in refuses this one.
    h.type_in("API key", "wrong-key").await;
    h.click("Test connection").await;
    let status = h
        .wait_for(Locator::Css(".settings .status.warn"), "refused")
        .await
        .text()
        .await
        .unwrap();
    assert!(status.contains("invalidApiKey"), "{status}");
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
async fn drop_paste_and_url_references_fill_the_tray_in_order() {
    let h = Harness::start(&[]).await;
    h.browser.execute_async(&format!("const done = arguments[arguments.length - 1]; (async () => {{ {ADD_BY_EVENT} }})().then(done);").replace("arguments;", "['drop', 'dropped.png'];"), vec![]).await.unwrap();
    h.browser.execute_async(&format!("const done = arguments[arguments.length - 1]; (async () => {{ {ADD_BY_EVENT} }})().then(done);").replace("arguments;", "['paste', 'pasted.png'];"), vec![]).await.unwrap();
    let url = h.by_label("Reference URL or image UUID").await;
    url.send_keys("https://example.com/ref.jpg").await.unwrap();
    h.click("Add").await;
    let names = h
        .eventually(10, "three references", || async {
            let v = h.js("return [...document.querySelectorAll('.ref .ref-name')].map(e => e.textContent)").await;
            (v.as_array().map_or(0, Vec::len) == 3).then_some(v)
        })
        .await;
    assert_eq!(
        names,
        serde_json::json!(["dropped.png", "pasted.png", "https://example.com/ref.jpg"])
    );
    let details = h
        .js("return document.querySelector('.ref .muted').textContent")
        .await;
    assert!(
        details.as_str().unwrap().starts_with("400 × 300"),
        "{details}"
    );
    h.click("Remove reference 1").await;
    assert_eq!(
        h.js("return document.querySelectorAll('.ref').length")
            .await,
        2
    );
    h.type_in("Prompt", "Mix them").await;
    h.click("Match first reference").await;
    h.click("Generate").await;
    h.wait_results(1, 40).await;
    let task = h.inference_tasks().await.remove(0);
    let refs = task["inputs"]["referenceImages"].as_array().unwrap();
    assert!(refs[0]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    assert_eq!(refs[1], "https://example.com/ref.jpg");
    h.close().await;
}

#[tokio::test]
async fn full_size_view_navigates_by_keyboard() {
    let h = Harness::start(&[]).await;
    h.type_in("Prompt", "Three to browse").await;
    h.by_label("Sync (wait)").await.click().await.unwrap();
    let results = h.by_label("Number of results").await;
    h.fill(&results, "3").await;
    h.click("Generate").await;
    h.wait_results(3, 30).await;
    h.wait_for(Locator::Css("button.image-button"), "a result")
        .await
        .click()
        .await
        .unwrap();
    let counter = || async {
        h.js("return document.querySelector('.lightbox .tabular').textContent")
            .await
    };
    assert_eq!(counter().await, "1 / 3");
    h.press(Key::Right).await;
    assert_eq!(counter().await, "2 / 3");
    h.press(Key::Left).await;
    h.press(Key::Left).await;
    assert_eq!(counter().await, "3 / 3");
    h.press(Key::Escape).await;
    assert_eq!(
        h.js("return document.querySelector('.lightbox')").await,
        serde_json::Value::Null
    );
    let download = h
        .js("return document.querySelector('.result a[download]').getAttribute('download')")
        .await;
    assert!(
        download.as_str().unwrap().starts_with("three-to-browse-")
            && download.as_str().unwrap().ends_with(".jpg"),
        "{download}"
    );
    h.close().await;
}

#[tokio::test]
async fn cancel_warns_about_billing_retry_sends_again_remix_and_reuse() {
    let h = Harness::start(&["--generation-ms", "60000"]).await;
    h.type_in("Prompt", "Slow one").await;
    h.click("2:3 832x1248").await;
    h.click("Generate").await;
    h.wait_for(Locator::Css(".job .state-running"), "running")
        .await;
    h.click("Cancel").await;
    let card = h
        .wait_for(Locator::Css(".job .state-cancelled"), "cancelled")
        .await;
    drop(card);
    let text = h
        .js("return document.querySelector('.job').innerText")
        .await;
    assert!(
        text.as_str().unwrap().contains("still runs and is billed"),
        "{text}"
    );
    // Change the form, then remix the job: its settings come back.
    h.click("1:1 1024x1024").await;
    h.fill(&h.by_label("Prompt").await, "Something else").await;
    h.click("Remix").await;
    assert_eq!(
        h.by_label("Prompt")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Slow one")
    );
    h.wait_for(
        Locator::Css("button[aria-label='2:3 832x1248'][aria-pressed=true]"),
        "2:3 restored",
    )
    .await;
    // Retry sends a new task with a fresh UUID; the stand-in now answers sync quickly.
    h.by_label("Sync (wait)").await.click().await.unwrap();
    h.click("Generate").await;
    h.wait_results(1, 30).await;
    let tasks = h.inference_tasks().await;
    assert_eq!(tasks.len(), 2);
    assert_ne!(tasks[0]["taskUUID"], tasks[1]["taskUUID"]);
    h.click("Retry").await;
    h.eventually(10, "a third task", || async {
        (h.inference_tasks().await.len() == 3).then_some(())
    })
    .await;
    // "Use as reference" puts the result's bytes in the tray.
    h.click("Use as reference").await;
    let name = h
        .wait_for(Locator::Css(".ref .ref-name"), "the reused result")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        name.starts_with("slow-one-") && name.ends_with(".jpg"),
        "{name}"
    );
    let details = h
        .js("return document.querySelector('.ref .muted').textContent")
        .await;
    assert!(
        details.as_str().unwrap().starts_with("832 × 1248"),
        "{details}"
    );
    h.close().await;
}
