//! Generating in real headless Chromium against a real stand-in process: what a user asks
//! for, what reaches the server, and what comes back.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use base64::Engine;
use fantoccini::Locator;
use serde_json::Value;
use support::ui::{self, generate, png_file, temp_dir};
use support::Harness;

async fn set_number(h: &Harness, label: &str, value: &str) {
    ui::set(h, label, value).await;
}

#[tokio::test]
async fn text_to_image_1248x832_two_results_sync() {
    let h = Harness::start(&[]).await;
    h.type_in("Prompt", "A lighthouse at dusk, long exposure")
        .await;
    h.wait_for(
        Locator::Css("button[aria-label='3:2 1248x832'][aria-pressed=true]"),
        "3:2 preselected",
    )
    .await;
    set_number(&h, "Images", "2").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    let imgs = h.wait_results(2, 30).await;
    for (src, w, hgt, _) in &imgs {
        assert_eq!((*w, *hgt), (1248, 832), "{src}");
        assert!(
            src.starts_with(&format!("{}/api/runware/image/", h.site)),
            "{src}"
        );
    }
    assert_ne!(imgs[0].0, imgs[1].0);
    let tasks = h.inference_tasks().await;
    assert_eq!(tasks.len(), 1);
    let t = &tasks[0];
    assert_eq!(
        (
            t["width"].as_i64(),
            t["height"].as_i64(),
            t["numberResults"].as_i64()
        ),
        (Some(1248), Some(832), Some(2))
    );
    assert_eq!(t["deliveryMethod"], "sync");
    let id = t["taskUUID"].as_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4);
    h.screenshot("text-to-image").await;
    // A second submission carries a fresh taskUUID.
    generate(&h).await;
    h.wait_results(4, 30).await;
    let tasks = h.inference_tasks().await;
    assert_ne!(tasks[0]["taskUUID"], tasks[1]["taskUUID"]);
    h.close().await;
}

#[tokio::test]
async fn three_local_files_match_first_reference_2k() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("refs");
    let files = [
        png_file(&dir, "one.png", 1200, 900, 10),
        png_file(&dir, "two.png", 640, 640, 120),
        png_file(&dir, "three.png", 500, 800, 240),
    ];
    let paths: Vec<String> = files.iter().map(|f| f.0.display().to_string()).collect();
    h.type_in("Add reference images", &paths.join("\n")).await;
    ui::tray_settled(&h, 3, 0).await;
    assert_eq!(
        ui::tray_names(&h).await,
        ["one.png", "two.png", "three.png"]
    );
    let details = ui::tray_details(&h).await;
    assert!(details[0].contains("1200 × 900"), "{details:?}");
    h.click("Match first reference").await;
    h.click("2k").await;
    h.type_in("Prompt", "Blend the three references").await;
    generate(&h).await;
    let imgs = h.wait_results(1, 40).await;
    // 1200x900 is 4:3: at 2k that is 2336x1760.
    assert_eq!((imgs[0].1, imgs[0].2), (2336, 1760));
    let task = h.inference_tasks().await.remove(0);
    assert_eq!(task["resolution"], "2k");
    assert!(
        task.get("width").is_none() && task.get("height").is_none(),
        "{task}"
    );
    let sent = task["inputs"]["referenceImages"].as_array().unwrap();
    assert_eq!(sent.len(), 3);
    for (uri, (_, bytes)) in sent.iter().zip(&files) {
        let (head, data) = uri.as_str().unwrap().split_once(";base64,").unwrap();
        assert_eq!(head, "data:image/png");
        assert_eq!(
            &base64::engine::general_purpose::STANDARD
                .decode(data)
                .unwrap(),
            bytes,
            "bytes must arrive unchanged"
        );
    }
    h.screenshot("references").await;
    h.close().await;
}

#[tokio::test]
async fn async_job_polls_to_success_with_per_slot_progress() {
    let h = Harness::start(&[]).await;
    h.type_in("Prompt", "Velvet canopy duelists").await;
    set_number(&h, "Images", "3").await;
    ui::open_section(&h, "Advanced").await;
    assert!(
        h.by_label("Poll for results (async)")
            .await
            .is_selected()
            .await
            .unwrap(),
        "async is the default"
    );
    generate(&h).await;
    ui::wait_state(&h, "Running · 0 of 3", 10).await;
    h.screenshot("async-running").await;
    let imgs = h.wait_results(3, 40).await;
    assert!(imgs.iter().all(|i| (i.1, i.2) == (1248, 832)));
    ui::wait_state(&h, "Done", 10).await;
    let polls = h
        .received()
        .await
        .iter()
        .flat_map(|r| r["tasks"].as_array().cloned().unwrap_or_default())
        .filter(|t| t["taskType"] == "getResponse")
        .count();
    assert!(polls >= 2, "expected several polls, got {polls}");
    h.close().await;
}

#[tokio::test]
async fn runware_400_naming_the_prompt_highlights_the_prompt() {
    let h = Harness::start(&["--block-word", "forbidden"]).await;
    let prompt = h.by_label("Prompt").await;
    prompt
        .send_keys("A forbidden castle at night")
        .await
        .unwrap();
    generate(&h).await;
    ui::wait_state(&h, "Failed", 20).await;
    assert_eq!(
        prompt.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let described = prompt.attr("aria-describedby").await.unwrap().unwrap();
    let msg = h
        .wait_for(Locator::Id(&described), "the prompt's message")
        .await
        .text()
        .await
        .unwrap();
    assert!(msg.contains("blocked by the content filter"), "{msg}");
    assert!(!msg.contains("promptBlocked"), "no code prefixes: {msg}");
    let job = ui::newest_job_text(&h).await;
    assert!(job.contains("Blocked by the content policy"), "{job}");
    assert!(job.contains("Change the prompt"), "says what to do: {job}");
    // Retry cannot help a blocked prompt: it is not offered.
    h.click("More actions for this job").await;
    let items = h.js("return [...document.querySelectorAll('[role=menu] [role=menuitem]')].map(b => b.innerText.trim())").await;
    let items: Vec<String> = serde_json::from_value(items).unwrap();
    assert!(
        !items.contains(&"Retry".to_string()) && items.contains(&"Edit and retry".to_string()),
        "{items:?}"
    );
    h.press(fantoccini::key::Key::Escape).await;
    h.screenshot("server-400").await;
    // Editing the prompt clears the server's complaint.
    prompt.send_keys(" ok").await.unwrap();
    assert_eq!(prompt.attr("aria-invalid").await.unwrap(), None);
    h.close().await;
}

#[tokio::test]
async fn a_429_is_retried_and_then_succeeds() {
    let h = Harness::start(&["--retry-after", "1"]).await;
    h.inject("429", 1).await;
    h.type_in("Prompt", "Retry me").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(1, 30).await;
    let log = h.received().await;
    assert_eq!(log[0]["fault"], "429", "{log:?}");
    assert_eq!(log[1]["tasks"][0]["taskType"], "imageInference");
    h.close().await;
}

#[tokio::test]
async fn eleventh_reference_and_2501_characters_are_refused_with_nothing_sent() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("eleven");
    let paths: Vec<String> = (0..11)
        .map(|i| {
            png_file(&dir, &format!("r{i:02}.png"), 320, 320, i as u8 * 20)
                .0
                .display()
                .to_string()
        })
        .collect();
    h.type_in("Add reference images", &paths.join("\n")).await;
    let notice = h
        .wait_for(
            Locator::XPath("//fieldset[@id='references']//*[@role='status']"),
            "the refusal",
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        notice.contains("r10.png") && notice.contains("at most 10"),
        "{notice}"
    );
    ui::tray_settled(&h, 10, 0).await;

    let prompt = h.by_label("Prompt").await;
    h.fill(&prompt, &"é".repeat(2501)).await;
    assert_eq!(
        prompt.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let counter = h.by_label("Characters used").await.text().await.unwrap();
    assert!(counter.contains("2501"), "{counter}");
    let generate = h.button("Generate").await;
    assert!(!generate.is_enabled().await.unwrap());
    // Ctrl+Enter cannot send it either.
    prompt
        .send_keys(&format!("{}\u{E007}", '\u{E009}'))
        .await
        .unwrap();
    h.screenshot("refused").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        h.received().await.is_empty(),
        "nothing may reach the server"
    );
    h.close().await;
}

#[tokio::test]
async fn base64_output_renders_through_blob_urls() {
    let h = Harness::start(&[]).await;
    h.type_in("Prompt", "Inline bytes please").await;
    h.choose_base64_png().await;
    generate(&h).await;
    let imgs = h.wait_results(1, 30).await;
    assert!(imgs[0].0.starts_with("blob:"), "{}", imgs[0].0);
    assert_eq!((imgs[0].1, imgs[0].2), (1024, 1024));
    let task = h.inference_tasks().await.remove(0);
    assert_eq!(
        (task["outputType"].as_str(), task["outputFormat"].as_str()),
        (Some("base64Data"), Some("PNG"))
    );
    // An inline result can be reused as a reference: its bytes go into the tray.
    ui::open_result(&h, 1).await;
    h.click("Use as reference").await;
    h.press(fantoccini::key::Key::Escape).await;
    ui::tray_settled(&h, 1, 0).await;
    let details = ui::tray_details(&h).await;
    assert!(
        details[0].contains("1024 × 1024") && details[0].contains("PNG"),
        "{details:?}"
    );
    h.close().await;
}

#[tokio::test]
async fn copy_as_curl_never_holds_the_key() {
    let h = Harness::start(&[]).await;
    h.click("Settings").await;
    h.type_in("API key", "sk-live-SECRET-123").await;
    h.press(fantoccini::key::Key::Escape).await;
    h.type_in("Prompt", "Copy me as curl").await;
    h.click("Payload").await;
    h.js("window.__copied = []; navigator.clipboard.writeText = t => { window.__copied.push(String(t)); return Promise.resolve(); }; return null;").await;
    h.click("Copy as curl").await;
    h.click("Copy JSON").await;
    h.press(fantoccini::key::Key::Escape).await;
    let copied = h
        .eventually(10, "two copies", || async {
            let v = h.js("return window.__copied").await;
            (v.as_array().map_or(0, Vec::len) == 2).then_some(v)
        })
        .await;
    let curl = copied[0].as_str().unwrap();
    assert!(
        curl.contains("Authorization: Bearer $RUNWARE_API_KEY"),
        "{curl}"
    );
    assert!(!curl.contains("SECRET"), "the key must not be copied");
    assert!(curl.contains("https://api.runware.ai/v1"));
    let json_part = curl
        .split("<<'JSON'\n")
        .nth(1)
        .unwrap()
        .trim_end()
        .trim_end_matches("JSON");
    let parsed: Value = serde_json::from_str(json_part.trim()).unwrap();
    assert_eq!(parsed[0]["positivePrompt"], "Copy me as curl");
    let json: Value = serde_json::from_str(copied[1].as_str().unwrap()).unwrap();
    assert_eq!(json, parsed);
    let storage = h
        .js("return JSON.stringify(Object.entries(localStorage)) + location.href")
        .await;
    assert!(
        !storage.as_str().unwrap().contains("SECRET"),
        "not remembered unless asked"
    );
    h.close().await;
}
