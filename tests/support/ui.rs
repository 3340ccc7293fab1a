//! What a user does and sees in the studio, found by role, label and the words on screen:
//! the one place the tests know how the page is built.

use super::Harness;
use fantoccini::Locator;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Clicks Generate, which must be enabled.
pub async fn generate(h: &Harness) {
    let button = h.button("Generate").await;
    assert!(
        button.is_enabled().await.unwrap(),
        "Generate should be enabled"
    );
    button.click().await.unwrap();
}

/// Sets a field's whole value, as typing it would.
pub async fn set(h: &Harness, label: &str, value: &str) {
    let el = h.by_label(label).await;
    h.fill(&el, value).await;
}

/// Writes the prompt.
pub async fn prompt(h: &Harness, text: &str) {
    set(h, "Prompt", text).await;
}

/// Opens a collapsed section ("Advanced", "Presets") by its summary.
pub async fn open_section(h: &Harness, name: &str) {
    let opened = h
        .js(&format!(
            "const s = [...document.querySelectorAll('summary')].find(s => s.textContent.trim().startsWith({name:?})); \
             if (!s) return false; if (!s.parentElement.open) s.click(); return true;"
        ))
        .await;
    assert_eq!(opened, true, "no section {name}");
}

/// How results come back: sync ("Wait for the answer") or async ("Poll for results").
pub async fn deliver_sync(h: &Harness) {
    open_section(h, "Advanced").await;
    let radio = h.by_label("Wait for the answer (sync)").await;
    h.click_el(&radio).await;
}

/// Picks the option with these words in the list labelled `label`.
pub async fn choose(h: &Harness, label: &str, words: &str) {
    if label != "Results come as" {
        h.by_label(label).await;
    } else {
        open_section(h, "Advanced").await;
    }
    let select = h.by_label(label).await;
    select.select_by_label(words).await.unwrap();
}

/// Clicks `item` in the menu opened by the button named `menu` (the first shown one).
pub async fn menu(h: &Harness, menu: &str, item: &str) {
    h.click(menu).await;
    let xpath = format!(
        "//*[@role='menu']//button[normalize-space(.)={}]",
        literal(item)
    );
    h.click_shown(&xpath, item).await;
}

/// Answers the open confirmation with its button named `action`.
pub async fn confirm(h: &Harness, action: &str) {
    let xpath = format!(
        "//*[@role='dialog']//button[normalize-space(.)={}]",
        literal(action)
    );
    h.click_shown(&xpath, action).await;
}

fn literal(s: &str) -> String {
    if s.contains('\'') {
        format!("\"{s}\"")
    } else {
        format!("'{s}'")
    }
}

/// The jobs in the feed, top to bottom, as their lines read: state words first.
pub async fn job_lines(h: &Harness) -> Vec<String> {
    let v = h
        .js("return [...document.querySelectorAll('[role=feed] article[aria-label^=\"Job:\"] header')].map(e => e.innerText.replace(/\\s+/g, ' ').trim())")
        .await;
    serde_json::from_value(v).unwrap()
}

/// Each job's state, top to bottom ("Running · 1 of 3", "Done", "Failed").
pub async fn job_states(h: &Harness) -> Vec<String> {
    let v = h
        .js("return [...document.querySelectorAll('[role=feed] article[aria-label^=\"Job:\"] header > span:first-child')].map(e => e.innerText.trim())")
        .await;
    serde_json::from_value(v).unwrap()
}

/// Waits until some job's state starts with `words`.
pub async fn wait_state(h: &Harness, words: &str, secs: u64) {
    h.eventually(secs, &format!("a job {words}"), || async {
        job_states(h)
            .await
            .iter()
            .any(|s| s.starts_with(words))
            .then_some(())
    })
    .await;
}

/// The whole text of the newest job (line and tiles: reasons, notices).
pub async fn newest_job_text(h: &Harness) -> String {
    h.js("const a = document.querySelector('[role=feed] article[aria-label^=\"Job:\"]'); return a ? a.innerText : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The names of the references in the tray, in order.
pub async fn tray_names(h: &Harness) -> Vec<String> {
    let v = h
        .js("return [...document.querySelectorAll('ol[aria-label=\"References in order\"] > li')].map(li => li.getAttribute('aria-label').replace(/^Reference \\d+: /, ''))")
        .await;
    serde_json::from_value(v).unwrap()
}

/// What the tray says about each reference (size, bytes, notes), in order.
pub async fn tray_details(h: &Harness) -> Vec<String> {
    let v = h
        .js("return [...document.querySelectorAll('ol[aria-label=\"References in order\"] > li')].map(li => li.innerText)")
        .await;
    serde_json::from_value(v).unwrap()
}

/// Files the tray refused, with their reasons.
pub async fn refused(h: &Harness) -> Vec<String> {
    let v = h
        .js("return [...document.querySelectorAll('ul[aria-label=\"Refused files\"] > li')].map(li => li.innerText)")
        .await;
    serde_json::from_value(v).unwrap()
}

/// Waits until the tray holds `accepted` references and `refused` refusals.
pub async fn tray_settled(h: &Harness, accepted: usize, rejected: usize) {
    h.eventually(
        60,
        &format!("{accepted} accepted and {rejected} refused"),
        || async {
            (tray_names(h).await.len() == accepted && refused(h).await.len() == rejected)
                .then_some(())
        },
    )
    .await;
}

/// Opens the `n`th (1-based) result on screen in the viewer.
pub async fn open_result(h: &Harness, n: usize) {
    let xpath = format!("(//button[starts-with(@aria-label, 'Open result')])[{n}]");
    h.click_shown(&xpath, "a result to open").await;
    h.wait_for(
        Locator::XPath("//*[@role='dialog'][.//img[contains(@alt, 'at full size')]]"),
        "the viewer",
    )
    .await;
}

/// The text of the open dialog named `name` (waiting for it a little: sheets load their code
/// on first use).
pub async fn dialog_text(h: &Harness, name: &str) -> String {
    for _ in 0..100 {
        if dialog_open(h, name).await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    h.js(&format!(
        "const d = [...document.querySelectorAll('[role=dialog]')].find(d => document.getElementById(d.getAttribute('aria-labelledby'))?.textContent.trim() === {name:?}); return d ? d.innerText : null"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Whether a dialog named `name` is open.
pub async fn dialog_open(h: &Harness, name: &str) -> bool {
    h.js(&format!(
        "return [...document.querySelectorAll('[role=dialog]')].some(d => document.getElementById(d.getAttribute('aria-labelledby'))?.textContent.trim() === {name:?})"
    ))
    .await
        == Value::Bool(true)
}

/// A folder of test files, removed when dropped.
pub fn temp_dir(tag: &str) -> super::tempdir::Dir {
    super::tempdir::Dir::new(tag)
}

/// A PNG of `w` x `h` with a gradient tinted by `shade`, written as `name`; its path and bytes.
pub fn png_file(dir: &Path, name: &str, w: u32, h: u32, shade: u8) -> (PathBuf, Vec<u8>) {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([shade, (x % 256) as u8, (y % 256) as u8])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes.get_ref()).unwrap();
    (path, bytes.into_inner())
}

/// Adds local files to the tray through its file picker.
pub async fn add_files(h: &Harness, paths: &[String]) {
    h.type_in("Add reference images", &paths.join("\n")).await;
}

/// Clicks `item` in the "more" menu of the `n`th job from the top (1-based).
pub async fn job_menu(h: &Harness, n: usize, item: &str) {
    let xpath =
        format!("(//*[@role='feed']//button[@aria-label='More actions for this job'])[{n}]");
    h.click_shown(&xpath, "the job's menu").await;
    let xpath = format!(
        "//*[@role='menu']//button[normalize-space(.)={}]",
        literal(item)
    );
    h.click_shown(&xpath, item).await;
}

/// The value of the field labelled `label`.
pub async fn value_of(h: &Harness, label: &str) -> String {
    h.by_label(label)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Turns "Keep a copy of every image" off in the settings (the sheet opened and closed).
pub async fn stop_keeping_copies(h: &Harness) {
    h.click("Settings").await;
    h.by_label("Keep a copy of every image")
        .await
        .click()
        .await
        .unwrap();
    h.press(fantoccini::key::Key::Escape).await;
}
