//! Hostile text from the user, files and the server is shown as text, never run.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use fantoccini::Locator;
use support::ui;
use support::Harness;

const XSS: &str =
    "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\"><script>window.__xss=99</script>";

#[tokio::test]
async fn markup_in_prompts_file_names_server_errors_and_imports_never_executes() {
    // The stand-in's content filter echoes the blocked word in its error message.
    let h = Harness::start(&["--block-word", "onerror"]).await;
    h.js("window.__xss = 0; return null;").await;
    // A prompt full of markup: refused by the server, whose message repeats it.
    h.fill(&h.by_label("Prompt").await, &format!("A castle {XSS}"))
        .await;
    h.click("Generate").await;
    ui::wait_state(&h, "Failed", 30).await;
    // A file whose name is markup.
    let dir = support::tempdir::Dir::new("xss");
    let img = image::RgbImage::from_pixel(400, 400, image::Rgb([1, 2, 3]));
    let path = dir.join("<img src=x onerror=window.__xss=7>.png");
    img.save(&path).unwrap();
    h.by_label("Add reference images")
        .await
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    ui::tray_settled(&h, 1, 0).await;
    // Imported JSON with markup in every string.
    h.click("Payload").await;
    let import = format!(
        r#"{{"positivePrompt":"{}","width":1024,"height":1024,"webhookURL":"javascript:alert(1)"}}"#,
        XSS.replace('"', "\\\"")
    );
    h.fill(&h.by_label("JSON to import").await, &import).await;
    h.click("Import JSON").await;
    h.wait_for(Locator::Id("webhook-error"), "the webhook refusal")
        .await;
    let msg = h
        .js("return document.getElementById('webhook-error').textContent")
        .await;
    assert!(msg.as_str().unwrap().contains("http"), "{msg}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        h.js("return window.__xss").await,
        0,
        "nothing injected may run"
    );
    h.press(Key::Escape).await;
    let card = ui::newest_job_text(&h).await;
    assert!(card.contains("<img src=x"), "shown as text: {card}");
    assert_eq!(
        h.js("return document.querySelectorAll('img[src=x], script:not([type])').length")
            .await,
        0
    );
    h.close().await;
}

#[tokio::test]
async fn a_typed_key_goes_only_into_the_authorization_header() {
    const KEY: &str = "rw-test-KEY-0451";
    let h = Harness::start(&[]).await;
    // Record everything the page writes to the console from now on.
    h.js("window.__console = []; for (const m of ['log','info','warn','error','debug']) { const o = console[m]; console[m] = (...a) => { window.__console.push(a.map(String).join(' ')); o(...a); }; } return null;").await;
    h.click("Settings").await;
    h.type_in("API key", KEY).await;
    h.click("Test connection").await;
    h.eventually(10, "connected", || async {
        ui::dialog_text(&h, "Settings")
            .await
            .contains("Connected")
            .then_some(())
    })
    .await;
    h.press(Key::Escape).await;
    h.type_in("Prompt", "Where does the key go").await;
    h.click("Payload").await;
    h.js("window.__copied = []; navigator.clipboard.writeText = t => { window.__copied.push(String(t)); return Promise.resolve(); }; return null;").await;
    h.click("Copy as curl").await;
    h.click("Copy JSON").await;
    h.press(Key::Escape).await;
    h.click("Generate").await;
    h.wait_results(1, 30).await;
    // A failing job too, so error reports are searched as well.
    h.inject("500", 4).await;
    ui::deliver_sync(&h).await;
    h.click("Generate").await;
    ui::wait_state(&h, "Failed", 60).await;

    let seen = h
        .js("const key = document.getElementById('api-key'); const dom = document.body.innerHTML.replace(key ? key.outerHTML : '', ''); return JSON.stringify({ console: window.__console, copied: window.__copied, local: Object.entries(localStorage), url: location.href, dom, title: document.title, perf: performance.getEntries().map(e => e.name) });")
        .await;
    assert!(
        !seen.as_str().unwrap().contains(KEY),
        "the key leaked: {seen}"
    );
    // Nor in the stored history (every record and every stored image's bytes), nor in an
    // export with images embedded.
    h.eventually(10, "both jobs stored", || async {
        let stored = h.idb_text().await;
        (stored.contains("\\\"state\\\":\\\"failed\\\"")).then_some(stored)
    })
    .await;
    assert!(!h.idb_text().await.contains(KEY), "the key is in IndexedDB");
    let export = h.export_text(true).await;
    assert!(export.contains("Where does the key go") && export.contains("data:image/"));
    assert!(!export.contains(KEY), "the key is in the export");
    // It was used, as a header, and the stand-in never records it.
    let log = h.received().await;
    assert!(log
        .iter()
        .any(|r| r["auth"] == "header" && r["keyAccepted"] == true));
    assert!(!serde_json::to_string(&log).unwrap().contains(KEY));
    // Only the tab's sessionStorage holds it, as the settings say (not remembered).
    let session = h
        .js("return JSON.stringify(Object.entries(sessionStorage))")
        .await;
    assert!(session.as_str().unwrap().contains(KEY));
    h.close().await;
}
