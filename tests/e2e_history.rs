//! History in real Chromium against the stand-in: reloads while a job runs or after it
//! finished, an interrupted sync request, export and import into a fresh profile, a full
//! disk, favourites, search, compare, presets, and the key kept out of storage and exports.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::{key::Key, Locator};
use serde_json::Value;
use support::ui::{self, generate, prompt};
use support::Harness;

async fn set_number(h: &Harness, label: &str, value: &str) {
    ui::set(h, label, value).await;
}

/// Blobs (reference and result images) stored in IndexedDB.
async fn blob_count(h: &Harness) -> u64 {
    h.js_async("const d = arguments[0]; const o = indexedDB.open('kling-studio'); o.onsuccess = () => { const q = o.result.transaction('blobs').objectStore('blobs').count(); q.onsuccess = () => { o.result.close(); d(q.result); }; };")
        .await
        .as_u64()
        .unwrap()
}

/// What the top bar says was spent in this session.
async fn spent(h: &Harness) -> String {
    let bar = h
        .js("return document.querySelector('header').innerText")
        .await;
    let bar = bar.as_str().unwrap();
    bar.split("Spent")
        .nth(1)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_owned()
}

/// Stars the `n`th result on screen, in the viewer.
async fn star(h: &Harness, n: usize) {
    ui::open_result(h, n).await;
    h.click("Favourite").await;
    h.press(Key::Escape).await;
}

#[tokio::test]
async fn reload_while_async_job_polls_then_it_completes_with_all_results() {
    let h = Harness::start(&["--generation-ms", "5000"]).await;
    prompt(&h, "A fox in fresh snow, telephoto").await;
    set_number(&h, "Images", "3").await;
    generate(&h).await;
    let task = h
        .eventually(20, "the task to be accepted and polled", || async {
            let tasks = h.inference_tasks().await;
            let id = tasks.first()?["taskUUID"].as_str()?.to_owned();
            (h.polls(&id).await >= 1).then_some(id)
        })
        .await;
    assert!(
        h.result_images().await.is_empty(),
        "reload comes before any result"
    );
    h.reload().await;
    let before = h.polls(&task).await;
    ui::wait_state(&h, "Running", 20).await;
    // While it runs, its line says what it commits, as an estimate.
    let cost = h
        .js("const c = document.querySelector('[role=feed] article header .job-cost'); return [c.innerText, getComputedStyle(c, '::before').content]")
        .await;
    assert_eq!(
        cost,
        serde_json::json!(["$0.084", "\"≈ \""]),
        "three images at $0.028"
    );
    let imgs = h.wait_results(3, 60).await;
    assert!(imgs.iter().all(|i| (i.1, i.2) == (1248, 832)));
    assert!(
        h.polls(&task).await > before,
        "polling resumed by taskUUID after the reload"
    );
    assert_eq!(
        h.inference_tasks().await.len(),
        1,
        "the job was not sent twice"
    );
    h.eventually(10, "the job to be done", || async {
        (ui::job_states(&h).await == ["Done · 3 of 3"]).then_some(())
    })
    .await;
    // Done is stored too: after another reload nothing polls and all three are there.
    h.reload().await;
    h.wait_results(3, 30).await;
    let after = h.polls(&task).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(
        h.polls(&task).await,
        after,
        "a finished job is not polled again"
    );
    h.close().await;
}

#[tokio::test]
async fn sync_job_cut_off_by_reload_is_interrupted_and_one_click_retries_it() {
    let h = Harness::start(&["--generation-ms", "6000"]).await;
    prompt(&h, "Rain on a tin roof, macro").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.eventually(20, "the request to reach the stand-in", || async {
        (h.inference_tasks().await.len() == 1).then_some(())
    })
    .await;
    h.reload().await;
    ui::wait_state(&h, "Interrupted", 20).await;
    let card = ui::newest_job_text(&h).await;
    assert!(
        card.contains("may still have produced and billed"),
        "{card}"
    );
    ui::job_menu(&h, 1, "Retry").await;
    h.wait_results(1, 40).await;
    let tasks = h.inference_tasks().await;
    assert_eq!(tasks.len(), 2);
    assert_ne!(
        tasks[0]["taskUUID"], tasks[1]["taskUUID"],
        "a retry is a new task"
    );
    assert_eq!(tasks[0]["positivePrompt"], tasks[1]["positivePrompt"]);
    h.close().await;
}

#[tokio::test]
async fn finished_jobs_survive_reload_with_favourites_costs_search_compare_and_delete() {
    let h = Harness::start(&[]).await;
    prompt(&h, "Copper kettle on a stove, soft window light").await;
    h.choose_base64_png().await;
    set_number(&h, "Images", "2").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(2, 40).await;
    prompt(&h, "Glacier cave, blue ice, wide angle").await;
    set_number(&h, "Images", "1").await;
    generate(&h).await;
    h.wait_results(3, 40).await;
    // Star the glacier (newest first: the first image).
    star(&h, 1).await;
    assert_eq!(spent(&h).await, "$0.084", "three images at $0.028");
    h.click("Settings").await;
    let history = ui::dialog_text(&h, "Settings").await;
    assert!(
        history.contains("2 jobs") && history.contains("$0.084 in all"),
        "{history}"
    );
    h.press(Key::Escape).await;

    h.reload().await;
    let imgs = h.wait_results(3, 30).await;
    assert!(
        imgs.iter().all(|i| i.0.starts_with("blob:") && i.1 == 1024),
        "{imgs:?}"
    );
    assert_eq!(spent(&h).await, "$0.00", "nothing was spent in this visit");
    h.click("Settings").await;
    assert!(ui::dialog_text(&h, "Settings")
        .await
        .contains("$0.084 in all"));
    h.press(Key::Escape).await;
    let pressed = h
        .js("return [...document.querySelectorAll('[role=feed] button[aria-label=Favourite]')].map(b => b.getAttribute('aria-pressed'))")
        .await;
    assert_eq!(pressed, serde_json::json!(["true", "false", "false"]));

    // Favourites only, then a search, then no match.
    h.click("Favourites").await;
    h.wait_results(1, 10).await;
    h.click("Favourites").await;
    h.type_in("Search prompts", "kettle").await;
    let imgs = h.wait_results(2, 10).await;
    assert_eq!(imgs.len(), 2);
    h.type_in("Search prompts", " nowhere").await;
    h.wait_for(
        Locator::XPath("//*[contains(text(), 'No jobs match the search and filters')]"),
        "no match",
    )
    .await;
    h.click("Show all jobs").await;
    h.wait_results(3, 10).await;

    // Compare the two kettles: select them, side by side, then the slider.
    h.js("const b = [...document.querySelectorAll('[role=feed] button[aria-label^=\"Select result\"]')]; b[1].click(); b[2].click(); return null").await;
    h.click("Compare").await;
    h.eventually(10, "both images compared", || async {
        let pair = h
            .js("return [...document.querySelectorAll('[role=dialog] .compare-pair img')].map(i => i.naturalWidth)")
            .await;
        (pair == serde_json::json!([1024, 1024])).then_some(())
    })
    .await;
    h.click("Slider").await;
    let range = h.by_label("Slider position").await;
    h.browser
        .execute(
            "arguments[0].value = 20; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::to_value(&range).unwrap()],
        )
        .await
        .unwrap();
    let clip = h
        .js("return document.querySelector('[role=dialog] img[alt^=\"Left\"]').style.clipPath")
        .await;
    assert_eq!(clip, "inset(0px 80% 0px 0px)");
    h.press(Key::Escape).await;
    h.click("Clear selection").await;

    // Delete the glacier job (with confirmation); it stays gone after a reload.
    ui::job_menu(&h, 1, "Delete job").await;
    ui::confirm(&h, "Delete job").await;
    h.wait_results(2, 10).await;
    h.reload().await;
    h.wait_results(2, 30).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(h.result_images().await.len(), 2);
    // Delete all, confirmed.
    ui::menu(&h, "History actions", "Delete all history…").await;
    ui::confirm(&h, "Delete everything").await;
    h.wait_results(0, 10).await;
    h.reload().await;
    h.wait_for(
        Locator::XPath("//*[contains(text(), 'start from one of these examples')]"),
        "an empty history",
    )
    .await;
    h.close().await;
}

#[tokio::test]
async fn export_then_import_into_a_fresh_profile_gives_the_same_history_and_no_key() {
    const KEY: &str = "rw-e2e-SECRET-key-7f3a9c";
    let dir = support::tempdir::Dir::new("export");
    let reference = dir.0.join("pier.png");
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 200) as u8, 90, (y % 250) as u8])
    })
    .save(&reference)
    .unwrap();
    let h = Harness::start(&[]).await;
    h.click("Settings").await;
    h.type_in("API key", KEY).await;
    h.press(Key::Escape).await;
    prompt(&h, "An old pier in fog, like this reference").await;
    h.type_in("Add reference images", &reference.display().to_string())
        .await;
    ui::tray_settled(&h, 1, 0).await;
    set_number(&h, "Images", "2").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(2, 40).await;
    prompt(&h, "Second job: neon street, rain").await;
    h.choose_base64_png().await;
    set_number(&h, "Images", "1").await;
    generate(&h).await;
    h.wait_results(3, 40).await;
    star(&h, 3).await;
    let text = h.export_text(true).await;
    let export: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(export["format"], "kling-studio-history");
    assert_eq!(export["jobs"].as_array().unwrap().len(), 2);
    let pier = &export["jobs"][1];
    assert_eq!(pier["job"]["refs"][0]["local"]["name"], "pier.png");
    assert!(pier["referenceData"][0]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    assert!(pier["imageData"][0]
        .as_str()
        .unwrap()
        .starts_with("data:image/"));
    let seeds = |v: &Value| -> Vec<i64> {
        v["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|j| j["job"]["slots"].as_array().unwrap().clone())
            .filter_map(|s| s["done"]["seed"].as_i64())
            .collect()
    };
    // The key went to the server in the header, and nowhere else.
    assert!(!text.contains(KEY), "the key is in the export");
    assert!(!h.idb_text().await.contains(KEY), "the key is in IndexedDB");
    let local = h.js("return JSON.stringify(localStorage)").await;
    assert!(
        !local.as_str().unwrap().contains(KEY),
        "the key is in localStorage"
    );
    let path = dir.0.join("history.json");
    std::fs::write(&path, &text).unwrap();
    h.close().await;

    // Another browser profile: empty, then the import brings everything back.
    let h = Harness::start(&[]).await;
    h.wait_for(
        Locator::XPath("//*[contains(text(), 'start from one of these examples')]"),
        "a fresh profile",
    )
    .await;
    h.type_in("Import history", &path.display().to_string())
        .await;
    let status = h
        .wait_for(
            Locator::XPath("//p[contains(., 'Imported 2 jobs (3 results)')]"),
            "the import summary",
        )
        .await;
    assert!(status.text().await.unwrap().contains("Imported 2 jobs"));
    let imgs = h.wait_results(3, 30).await;
    assert!(
        imgs.iter().all(|i| i.0.starts_with("blob:")),
        "embedded images shown: {imgs:?}"
    );
    let again = h.export_text(false).await;
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(seeds(&again), seeds(&export));
    for (a, b) in again["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .zip(export["jobs"].as_array().unwrap())
    {
        assert_eq!(a["job"]["taskUUID"], b["job"]["taskUUID"]);
        assert_eq!(a["job"]["task"], b["job"]["task"]);
        assert_eq!(a["job"]["favourites"], b["job"]["favourites"]);
        assert_eq!(a["job"]["state"], b["job"]["state"]);
    }
    // Importing the same file again adds nothing.
    h.type_in("Import history", &path.display().to_string())
        .await;
    h.wait_for(
        Locator::XPath("//p[contains(., '2 already here')]"),
        "the duplicate summary",
    )
    .await;
    assert_eq!(h.result_images().await.len(), 3);
    // Remix of the imported pier job brings its reference image back into the tray.
    ui::job_menu(&h, 2, "Remix").await;
    h.eventually(20, "the reference back in the tray", || async {
        (ui::tray_names(&h).await == ["pier.png"]).then_some(())
    })
    .await;
    let p = h
        .by_label("Prompt")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p, "An old pier in fog, like this reference");
    // And a history result can become a reference.
    ui::open_result(&h, 1).await;
    h.click("Use as reference").await;
    h.press(Key::Escape).await;
    ui::tray_settled(&h, 2, 0).await;
    h.close().await;
}

#[tokio::test]
async fn full_storage_gives_a_message_keeps_what_was_stored_and_recovers_when_freed() {
    // A 1024 x 1024 PNG result is about 250 KB: room for the first job's one result, not
    // for the second job's two more; after the first is deleted the second fits.
    let h = Harness::start_with_quota(&[], 600_000).await;
    prompt(&h, "First: a stored job").await;
    h.choose_base64_png().await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(1, 40).await;
    let first_id = h.inference_tasks().await[0]["taskUUID"]
        .as_str()
        .unwrap()
        .to_owned();
    let done = r#"\"state\":\"done\""#;
    h.eventually(10, "the first job stored", || async {
        h.idb_text().await.contains(done).then_some(())
    })
    .await;
    prompt(&h, "Second: does not fit").await;
    set_number(&h, "Images", "2").await;
    generate(&h).await;
    h.wait_results(3, 40).await;
    let alert = h
        .wait_for(
            Locator::XPath("//*[@role='alert'][contains(., 'storage for this site is full')]"),
            "the full-storage message",
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(alert.contains("Free space"), "{alert}");
    h.screenshot("storage-full").await;
    // What was stored before is intact: its record and its image.
    let stored = h.idb_text().await;
    assert!(stored.contains(&first_id) && stored.contains("First: a stored job"));
    assert!(stored.contains(done));
    assert!(stored.len() > 200_000, "the first image is still stored");
    assert_eq!(
        blob_count(&h).await,
        1,
        "only the first job's image is stored"
    );
    // The user frees space (Chromium reclaims deleted files lazily, so the quota is lifted
    // as if other sites' data had been cleared too) and deletes the first job; the second,
    // kept in the page meanwhile, is then saved and the message goes.
    h.cdp(
        "Storage.overrideQuotaForOrigin",
        serde_json::json!({ "origin": h.site }),
    )
    .await;
    ui::job_menu(&h, 2, "Delete job").await;
    ui::confirm(&h, "Delete job").await;
    h.eventually(15, "the message gone and the second job's images stored", || async {
        let gone = h
            .js("return ![...document.querySelectorAll('[role=alert]')].some(e => e.textContent.includes('full'))")
            .await
            == true;
        (gone && blob_count(&h).await == 2).then_some(())
    })
    .await;
    h.reload().await;
    let imgs = h.wait_results(2, 30).await;
    assert!(imgs.iter().all(|i| i.0.starts_with("blob:") && i.1 == 1024));
    assert!(ui::newest_job_text(&h)
        .await
        .contains("Second: does not fit"));
    h.close().await;
}

#[tokio::test]
async fn presets_save_apply_and_delete_named_settings() {
    let h = Harness::start(&[]).await;
    ui::open_section(&h, "Presets").await;
    h.click("2k").await;
    h.click("1:1 2048x2048").await;
    h.click("PNG").await;
    h.type_in("Preset name", "Square master").await;
    h.click("Save settings as preset").await;
    // Change everything back, keep a prompt, then apply.
    h.click("1k").await;
    h.click("16:9 1360x768").await;
    h.click("JPG").await;
    prompt(&h, "A prompt that stays").await;
    h.reload().await;
    ui::open_section(&h, "Presets").await;
    prompt(&h, "A prompt that stays").await;
    h.by_label("Preset")
        .await
        .select_by_value("Square master")
        .await
        .unwrap();
    h.click("Apply preset").await;
    h.wait_for(
        Locator::Css("button[aria-label='1:1 2048x2048'][aria-pressed=true]"),
        "the preset's size",
    )
    .await;
    let format = h
        .js("return document.getElementById('output-format').querySelector('[aria-checked=true]').textContent")
        .await;
    assert_eq!(format, "PNG");
    let p = h.by_label("Prompt").await.prop("value").await.unwrap();
    assert_eq!(
        p.as_deref(),
        Some("A prompt that stays"),
        "a preset keeps the prompt"
    );
    h.click("Delete preset").await;
    h.reload().await;
    ui::open_section(&h, "Presets").await;
    h.by_label("Preset").await;
    let options = h
        .js("return [...document.querySelectorAll('select[aria-label=Preset] option')].map(o => o.value)")
        .await;
    assert_eq!(options, serde_json::json!([""]));
    h.close().await;
}

#[tokio::test]
async fn a_thousand_results_keep_only_what_is_on_screen_in_the_page() {
    let h = Harness::start(&[]).await;
    prompt(&h, "Harbour lights at night").await;
    set_number(&h, "Images", "4").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(4, 40).await;
    let export: Value = serde_json::from_str(&h.export_text(false).await).unwrap();
    let big = support::grow_history(&export, 250);
    let dir = support::tempdir::Dir::new("big");
    let path = dir.0.join("big.json");
    std::fs::write(&path, serde_json::to_vec(&big).unwrap()).unwrap();
    h.type_in("Import history", &path.display().to_string())
        .await;
    h.wait_for(
        Locator::XPath("//p[contains(., 'Imported 250 jobs (1000 results)')]"),
        "the import",
    )
    .await;
    let counts = "const g = document.querySelector('[role=feed]'); return [Number(g.dataset.total), g.querySelectorAll('figure').length, g.querySelectorAll('img').length]";
    let c = h.js(counts).await;
    assert_eq!(c[0], 1004, "{c}");
    assert!(
        c[1].as_u64().unwrap() < 80,
        "only rows on screen are in the page: {c}"
    );
    assert!(c[2].as_u64().unwrap() < 80, "{c}");
    // Scroll to the very end: the oldest results are there, and the page still holds few.
    h.js("const s = document.getElementById('feed'); s.scrollTop = s.scrollHeight; return null")
        .await;
    h.eventually(10, "the oldest result on screen", || async {
        let t = h
            .js("return document.querySelector('[role=feed]').innerText")
            .await;
        t.as_str().unwrap().contains("#249").then_some(())
    })
    .await;
    let c = h.js(counts).await;
    assert!(c[1].as_u64().unwrap() < 80, "{c}");
    let visible = h
        .js("const r = document.getElementById('feed').getBoundingClientRect(); return [...document.querySelectorAll('[role=feed] figure')].some(e => { const b = e.getBoundingClientRect(); return b.bottom > r.top && b.top < r.bottom; })")
        .await;
    assert_eq!(
        visible, true,
        "results fill the visible part of the gallery"
    );
    // And it all comes back after a reload.
    h.reload().await;
    h.eventually(20, "1,004 results back", || async {
        (h.js(counts).await[0] == 1004).then_some(())
    })
    .await;
    h.close().await;
}
