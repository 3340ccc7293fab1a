//! Working in series: a reference kit saved, read back after a reload and sent in order, its
//! labels in the "@" menu; a shot list that keeps to its concurrency at the stand-in, survives
//! a reload without sending a shot twice, slows down on 429 and refuses a broken CSV.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use base64::Engine;
use fantoccini::Locator;
use image::GenericImageView;
use serde_json::Value;
use std::collections::HashSet;
use support::ui::{self, png_file, temp_dir, tray_names, tray_settled};
use support::Harness;

/// The width and height of each reference image a task carried, in order.
fn reference_sizes(task: &Value) -> Vec<(u32, u32)> {
    task["inputs"]["referenceImages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|uri| {
            let (_, data) = uri.as_str().unwrap().split_once(";base64,").unwrap();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .unwrap();
            image::load_from_memory(&bytes).unwrap().dimensions()
        })
        .collect()
}

#[tokio::test]
async fn a_kit_of_three_survives_a_reload_and_loads_into_an_empty_tray_in_order() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("kit");
    let files: Vec<String> = [(400, 300, "face"), (300, 500, "coat"), (600, 300, "room")]
        .iter()
        .map(|(w, hh, n)| {
            png_file(&dir.0, &format!("{n}.png"), *w, *hh, 60)
                .0
                .display()
                .to_string()
        })
        .collect();
    ui::add_files(&h, &files).await;
    tray_settled(&h, 3, 0).await;

    h.click("Reference kits").await;
    // A kit needs a name: said at the field.
    h.click("Save kit").await;
    let name = h.by_label("Save the references as a kit").await;
    assert_eq!(
        name.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(ui::dialog_text(&h, "Reference kits")
        .await
        .contains("Give the kit a name."));
    name.send_keys("Keeper").await.unwrap();
    h.click("Save kit").await;
    let label = h.by_label("Label of image 2 in Keeper").await;
    label.send_keys("costume\u{E007}").await.unwrap();
    // The label is written when the field is left.
    h.by_label("Label of image 1 in Keeper")
        .await
        .click()
        .await
        .unwrap();
    h.press(fantoccini::key::Key::Escape).await;
    h.eventually(10, "the label stored", || async {
        let stored = h
            .js_async("const done = arguments[0]; const o = indexedDB.open('kling-studio'); o.onsuccess = () => { const q = o.result.transaction('kits').objectStore('kits').getAll(); q.onsuccess = () => { o.result.close(); done(q.result.some(k => k.meta.includes('costume'))); }; };")
            .await;
        (stored == Value::Bool(true)).then_some(())
    })
    .await;

    // After a reload, into an empty tray.
    h.reload().await;
    tray_settled(&h, 3, 0).await;
    for _ in 0..3 {
        h.click("Remove reference 1").await;
    }
    tray_settled(&h, 0, 0).await;
    h.click("Reference kits").await;
    assert_eq!(
        h.by_label("Label of image 2 in Keeper")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("costume")
    );
    h.screenshot("kits-sheet").await;
    h.click("Replace references with Keeper").await;
    tray_settled(&h, 3, 0).await;
    assert_eq!(tray_names(&h).await, ["face.png", "coat.png", "room.png"]);
    h.press(fantoccini::key::Key::Escape).await;

    // "@" names the labelled reference by place and label.
    let prompt = h.by_label("Prompt").await;
    prompt
        .send_keys("The keeper wears the coat of @")
        .await
        .unwrap();
    h.wait_for(
        Locator::Css("[role=listbox][aria-label='References to mention'] [role=option]"),
        "the @ menu",
    )
    .await;
    prompt.send_keys("\u{E015}\u{E007}").await.unwrap();
    assert_eq!(
        ui::value_of(&h, "Prompt").await,
        "The keeper wears the coat of image 2 (costume)"
    );
    ui::deliver_sync(&h).await;
    ui::generate(&h).await;
    let task = h
        .eventually(60, "the task at the stand-in", || async {
            h.inference_tasks().await.pop()
        })
        .await;
    assert_eq!(
        reference_sizes(&task),
        [(400, 300), (300, 500), (600, 300)],
        "the kit's three images, in order"
    );

    // The kit travels with the history export: deleted here (Undo offered), imported back.
    let export = h.export_text(false).await;
    let file: Value = serde_json::from_str(&export).unwrap();
    let kit = &file["kits"][0];
    assert_eq!(kit["kit"]["name"], "Keeper");
    assert_eq!(kit["kit"]["labels"][1], "costume");
    let images = kit["fileData"].as_array().unwrap();
    assert_eq!(images.len(), 3);
    assert!(images
        .iter()
        .all(|d| d.as_str().unwrap().starts_with("data:image/png;base64,")));
    h.click("Reference kits").await;
    h.click("Delete kit Keeper").await;
    assert!(ui::dialog_text(&h, "Reference kits")
        .await
        .contains("Deleted “Keeper”."));
    h.press(fantoccini::key::Key::Escape).await;
    let path = dir.0.join("history.json");
    std::fs::write(&path, &export).unwrap();
    h.type_in("Import history", &path.display().to_string())
        .await;
    h.eventually(20, "the import's report", || async {
        let t = h
            .js("return document.querySelector('.banner.ok')?.innerText ?? ''")
            .await;
        t.as_str()
            .unwrap_or_default()
            .contains("Added 1 reference kit")
            .then_some(())
    })
    .await;
    h.click("Reference kits").await;
    assert_eq!(
        h.by_label("Label of image 2 in Keeper")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("costume"),
        "the imported kit keeps its labels"
    );
    h.close().await;
}

/// The prompts of the tasks the stand-in received, in order.
async fn sent_prompts(h: &Harness) -> Vec<String> {
    h.inference_tasks()
        .await
        .iter()
        .map(|t| t["positivePrompt"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn shot_states(h: &Harness) -> Vec<String> {
    let v = h
        .js("return [...document.querySelectorAll('.shot-row .shot-state')].map(e => e.textContent)")
        .await;
    serde_json::from_value(v).unwrap()
}

#[tokio::test]
async fn a_shot_list_keeps_two_in_flight_survives_a_reload_and_slows_down_on_429() {
    let h = Harness::start(&[]).await;
    ui::deliver_sync(&h).await;
    h.click("Shot list").await;

    // A CSV with a broken row: named by its line, nothing sent.
    let dir = temp_dir("shots");
    let csv = dir.0.join("shots.csv");
    std::fs::write(
        &csv,
        "prompt,width,height\n\"The keeper, at dawn\",1248,832\nThe keeper at noon,1000,1000\n",
    )
    .unwrap();
    h.type_in("Read the shots from a CSV file", &csv.display().to_string())
        .await;
    let said = h
        .eventually(10, "the CSV's message", || async {
            let t = ui::dialog_text(&h, "Shot list").await;
            t.contains("Line 3:").then_some(t)
        })
        .await;
    assert!(
        said.contains("Line 3: 1000x1000 is not one of the 16 sizes"),
        "{said}"
    );
    assert!(!h.button("Start the list").await.is_enabled().await.unwrap());
    h.click("Write the shots instead").await;

    let lines: Vec<String> = (1..=5)
        .map(|n| format!("The keeper on the stairs, shot {n}"))
        .collect();
    let area = h.by_label("Shots, one prompt per line").await;
    h.fill(&area, &lines.join("\n")).await;
    assert!(ui::dialog_text(&h, "Shot list")
        .await
        .contains("5 shots · 5 images · about $0.1"));
    h.by_label("At once")
        .await
        .select_by_label("2")
        .await
        .unwrap();
    assert!(h.inference_tasks().await.is_empty(), "nothing sent yet");

    // Every request takes 5 s (so the reload below comes while two are in flight); the first
    // answer is a 429 (Retry-After: 1 s).
    h.set_latency(5000).await;
    h.inject("429", 1).await;
    h.screenshot("shots-compose").await;
    h.click("Start 5 shots").await;
    // The 429 is answered; the list holds back while that shot waits and is sent again, then
    // sends the next two: reloaded while those two are at the stand-in.
    h.eventually(
        40,
        "the 429 handled and two more shots in flight",
        || async {
            let answered_429 = h.received().await.iter().any(|r| r["fault"] == "429");
            (answered_429 && h.in_flight().await.0 == 2 && sent_prompts(&h).await.len() == 2)
                .then_some(())
        },
    )
    .await;
    assert!(
        !shot_states(&h).await.contains(&"failed".to_owned()),
        "a 429 slows the list, it fails no shot"
    );

    // What was sent is not sent again; the rest waits for Resume.
    h.reload().await;
    h.click("Shot list").await;
    h.button("Resume").await;
    // The requests the reload cut off still run at the stand-in: they finish first.
    h.eventually(20, "the stand-in to finish what it had", || async {
        (h.in_flight().await.0 == 0).then_some(())
    })
    .await;
    let before = sent_prompts(&h).await;
    let distinct: HashSet<&String> = before.iter().collect();
    assert_eq!(
        distinct.len(),
        before.len(),
        "no shot sent twice: {before:?}"
    );
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(
        sent_prompts(&h).await.len(),
        before.len(),
        "nothing sent before Resume"
    );
    h.click("Resume").await;
    h.screenshot("shots-running").await;
    h.eventually(90, "every shot sent", || async {
        (sent_prompts(&h).await.len() == 5).then_some(())
    })
    .await;
    let states = h
        .eventually(60, "the last shots done", || async {
            let states = shot_states(&h).await;
            (!states.iter().any(|s| s == "running" || s == "waiting")).then_some(states)
        })
        .await;
    // Shots cut off by the reload are "interrupted" (a sync answer cannot survive a reload);
    // none failed, the 429 included.
    assert!(
        states.iter().all(|s| s == "done" || s == "interrupted"),
        "{states:?}"
    );

    h.screenshot("shots-done").await;
    let prompts = sent_prompts(&h).await;
    let distinct: HashSet<&String> = prompts.iter().collect();
    assert_eq!(prompts.len(), 5, "no shot sent twice: {prompts:?}");
    assert_eq!(distinct.len(), 5);
    assert_eq!(
        h.in_flight().await.1,
        2,
        "two at once at the stand-in, never more"
    );
    let tagged = h
        .js("return [...document.querySelectorAll('.job-tag')].map(e => e.textContent)")
        .await;
    assert!(
        tagged
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "Shot 5 of 5"),
        "jobs are tagged with their shot: {tagged}"
    );
    h.close().await;
}
