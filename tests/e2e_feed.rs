//! The feed, the viewer, the sheets and the phone layout in Chromium, found as a user finds
//! them: nothing wider than a phone, the newest images in view, sheets that close as dialogs
//! do, contrast in both themes, the keyboard alone, and a ZIP of a selection.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use std::io::Read;
use std::time::Duration;
use support::ui::{self, generate, prompt};
use support::Harness;

const FAST: &[&str] = &["--generation-ms", "300", "--slot-stagger-ms", "50"];

async fn overflow(h: &Harness) -> i64 {
    h.js("return document.documentElement.scrollWidth - window.innerWidth")
        .await
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn nothing_is_wider_than_a_phone_with_long_prompts_names_and_twenty_results() {
    let h = Harness::start(FAST).await;
    h.device(390, 844, true).await;
    h.reload().await;
    let dir = ui::temp_dir("long");
    let name = format!(
        "{}.png",
        "a-very-long-file-name-"
            .repeat(9)
            .chars()
            .take(196)
            .collect::<String>()
    );
    let (path, _) = ui::png_file(&dir, &name, 640, 480, 90);
    ui::add_files(&h, &[path.display().to_string()]).await;
    ui::tray_settled(&h, 1, 0).await;
    let long: String =
        "A procession of lantern-bearers winds through a flooded cathedral, ".repeat(40);
    prompt(&h, &long.chars().take(2500).collect::<String>()).await;
    ui::set(&h, "Images", "20").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results_at_least(20, 120).await;
    for width in [320, 375, 390] {
        h.device(width, 800, true).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(
            overflow(&h).await <= 0,
            "{width} px: the page is wider than the screen"
        );
        h.js("window.scrollTo(0, document.body.scrollHeight); return null")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(overflow(&h).await <= 0, "{width} px, scrolled to the feed");
        h.click("Settings").await;
        h.by_label("Endpoint").await;
        assert!(overflow(&h).await <= 0, "{width} px with a sheet open");
        h.press(Key::Escape).await;
        ui::open_result(&h, 1).await;
        assert!(overflow(&h).await <= 0, "{width} px with the viewer open");
        h.press(Key::Escape).await;
        // Generate stays reachable: pinned to the bottom of the screen.
        let pinned = h
            .js("const b = document.querySelector('button[aria-label=Generate]').getBoundingClientRect(); return b.bottom <= window.innerHeight && b.top >= 0")
            .await;
        assert_eq!(pinned, true, "{width} px: Generate in view");
    }
    // Tap targets of the composer and the feed's tools are at least 44 px.
    let small = h
        .js("return [...document.querySelectorAll('main button, main input:not([type=file]), main select, main label.check, main label.radio')].filter(e => { if (e.matches('input[type=checkbox], input[type=radio]')) return false; if (e.closest('details:not([open]) > :not(summary)')) return false; const r = e.getBoundingClientRect(); return r.width > 0 && getComputedStyle(e).visibility !== 'hidden' && e.offsetParent && r.height < 44; }).map(e => e.getAttribute('aria-label') || e.textContent.trim())")
        .await;
    assert_eq!(small, serde_json::json!([]), "tap targets under 44 px");
    h.close().await;
}

#[tokio::test]
async fn the_newest_jobs_first_images_are_in_view_after_five_jobs_and_a_reload() {
    let h = Harness::start(FAST).await;
    h.device(1440, 900, false).await;
    ui::deliver_sync(&h).await;
    for (i, size) in [
        "3:2 1248x832",
        "2:3 832x1248",
        "1:1 1024x1024",
        "16:9 1360x768",
        "21:9 1552x656",
    ]
    .iter()
    .enumerate()
    {
        prompt(&h, &format!("Job number {} of five", i + 1)).await;
        h.click(size).await;
        ui::set(&h, "Images", "3").await;
        generate(&h).await;
        h.wait_results_at_least(3 * (i as u64 + 1), 60).await;
    }
    let in_view = "const a = document.querySelector('[role=feed] article'); const img = a.querySelector('img'); const r = img.getBoundingClientRect(); return [a.getAttribute('aria-label'), r.top >= 0 && r.top < window.innerHeight - 100, img.complete && img.naturalWidth > 0]";
    // (Its image may be switching to its kept copy at this moment: allow it to finish.)
    let v = h
        .eventually(10, "the newest job's first image shown in view", || async {
            let v = h.js(in_view).await;
            (v[1] == true && v[2] == true).then_some(v)
        })
        .await;
    assert_eq!(v[0], "Job: Job number 5 of five");
    // Jobs from an earlier visit sit in time order: the newest still first, nothing pinned.
    h.reload().await;
    h.wait_results_at_least(15, 30).await;
    let v = h.js(in_view).await;
    assert_eq!(v[0], "Job: Job number 5 of five");
    assert_eq!(v[1], true, "{v}");
    h.close().await;
}

/// The accessible name of what has focus.
async fn focused(h: &Harness) -> String {
    h.js("const e = document.activeElement; return e ? (e.getAttribute('aria-label') || e.textContent.trim()) : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn sheets_close_with_escape_or_a_click_outside_keep_tab_inside_and_return_focus() {
    let h = Harness::start(&[]).await;
    for (opener, title) in [
        ("Settings", "Settings"),
        ("Payload", "Payload"),
        ("Keyboard shortcuts", "Keyboard shortcuts"),
    ] {
        h.click(opener).await;
        h.eventually(5, "the sheet", || async {
            ui::dialog_open(&h, title).await.then_some(())
        })
        .await;
        let modal = h.js("const d = document.querySelector('[role=dialog]'); return [d.getAttribute('aria-modal'), !!d.querySelector('button[aria-label=Close]')]").await;
        assert_eq!(modal, serde_json::json!(["true", true]), "{title}");
        // Tab stays inside the sheet.
        for _ in 0..25 {
            h.press(Key::Tab).await;
        }
        let inside = h
            .js("return !!document.activeElement.closest('[role=dialog]')")
            .await;
        assert_eq!(inside, true, "{title}: Tab left the sheet");
        h.press(Key::Escape).await;
        h.eventually(5, "closed by Escape", || async {
            (!ui::dialog_open(&h, title).await).then_some(())
        })
        .await;
        assert_eq!(focused(&h).await, opener, "focus back on the opener");
        // A click outside closes it too.
        h.click(opener).await;
        h.eventually(5, "the sheet again", || async {
            ui::dialog_open(&h, title).await.then_some(())
        })
        .await;
        h.js("const b = document.querySelector('.backdrop'); b.dispatchEvent(new MouseEvent('click', { bubbles: true })); return null").await;
        h.eventually(5, "closed by a click outside", || async {
            (!ui::dialog_open(&h, title).await).then_some(())
        })
        .await;
        assert_eq!(focused(&h).await, opener);
    }
    // "?" opens the shortcuts from the page, "/" goes to the prompt.
    h.js("document.body.focus(); return null").await;
    h.browser
        .active_element()
        .await
        .unwrap()
        .send_keys("?")
        .await
        .unwrap();
    h.eventually(5, "the shortcuts", || async {
        ui::dialog_open(&h, "Keyboard shortcuts")
            .await
            .then_some(())
    })
    .await;
    h.press(Key::Escape).await;
    h.js("document.activeElement.blur(); return null").await;
    h.browser
        .find(fantoccini::Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    assert_eq!(h.js("return document.activeElement.id").await, "prompt");
    h.close().await;
}

/// Every visible control's text (or icon) against what is behind it, composited down to
/// the page, in the current theme: the worst case over a white and a black image where an
/// image shows through. Returns the failures.
const CONTRAST: &str = r#"
const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return [0,0,0,0]; const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const lum = ([r,g,b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(b); };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const over = (top, under) => { const a = top[3]; return [0,1,2].map(i => top[i]*a + under[i]*(1-a)).concat([1]); };
const layers = el => { const out = []; let imageBelow = false; for (let e = el; e; e = e.parentElement) { const cs = getComputedStyle(e); const bg = parse(cs.backgroundColor); if (bg[3] > 0) out.push(bg); if (bg[3] >= 1) return [out, false]; if (e.matches('.tile, .stage')) { imageBelow = true; break; } } return [out, imageBelow]; };
const backOf = (el, base) => { const [ls] = layers(el); let c = base; for (const l of ls.reverse()) c = over(l, c); return c; };
const fails = [];
const seen = new Set();
for (const el of document.querySelectorAll('button, a, label, input, select, textarea, [role=status], .job-state, .job-time, .job-prompt, kbd, legend, h1, h2, h3, .readout, .estimate, .spend, dd, dt, .tip')) {
  if (seen.has(el)) continue; seen.add(el);
  const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
  if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || el.disabled || el.closest('[inert]') || el.type === 'file') continue;
  if (el.closest('details:not([open]) > :not(summary)')) continue;
  if (parseFloat(cs.opacity) < 0.5) continue;
  let op = 1; for (let e = el; e; e = e.parentElement) op *= parseFloat(getComputedStyle(e).opacity); if (op < 0.5) continue;
  const text = el.innerText && el.innerText.trim().length > 0;
  const fg = parse(cs.color); if (fg[3] === 0) continue;
  const [, imageBelow] = layers(el);
  const bases = imageBelow ? [[255,255,255,1],[0,0,0,1]] : [parse(getComputedStyle(document.body).backgroundColor)];
  const large = parseFloat(cs.fontSize) >= 24 || (parseFloat(cs.fontSize) >= 18.66 && Number(cs.fontWeight) >= 700);
  const need = text ? (large ? 3 : 4.5) : 3;
  for (const base of bases) {
    const bg = backOf(el, base); const fgc = over(fg, bg);
    const c = ratio(fgc, bg);
    if (c < need) fails.push(`${(el.getAttribute('aria-label') || el.innerText || el.title || el.className || el.outerHTML.slice(0, 80)).trim().slice(0, 80)}: ${c.toFixed(2)} < ${need}`);
  }
}
return fails;
"#;

#[tokio::test]
async fn every_control_meets_aa_contrast_in_both_themes_the_viewer_included() {
    let h = Harness::start(FAST).await;
    h.device(1440, 900, false).await;
    prompt(&h, "Contrast check: a field of poppies").await;
    ui::set(&h, "Images", "2").await;
    generate(&h).await;
    h.wait_results(2, 30).await;
    ui::open_section(&h, "Advanced").await;
    for dark in [false, true] {
        h.theme(dark).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let page = h.js(CONTRAST).await;
        assert_eq!(page, serde_json::json!([]), "page, dark = {dark}");
        // The tile's toolbar, as hover or focus shows it.
        h.js("document.querySelector('[role=feed] button[aria-label^=\"Open result\"]').focus(); return null").await;
        // Checked once they have faded in (the check skips what is mostly transparent).
        h.eventually(5, "the focused tile's tools shown", || async {
            let shown = h
                .js("const t = document.activeElement.closest('.tile')?.querySelector('.tile-tools'); return !!t && getComputedStyle(t).opacity === '1'")
                .await;
            (shown == true).then_some(())
        })
        .await;
        let tile = h.js(CONTRAST).await;
        assert_eq!(tile, serde_json::json!([]), "tile tools, dark = {dark}");
        ui::open_result(&h, 1).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let viewer = h.js(CONTRAST).await;
        assert_eq!(viewer, serde_json::json!([]), "viewer, dark = {dark}");
        h.press(Key::Escape).await;
        for sheet in ["Settings", "Payload"] {
            h.click(sheet).await;
            ui::dialog_text(&h, sheet).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
            let s = h.js(CONTRAST).await;
            assert_eq!(s, serde_json::json!([]), "{sheet}, dark = {dark}");
            h.press(Key::Escape).await;
        }
    }
    h.close().await;
}

#[tokio::test]
async fn the_keyboard_alone_goes_from_an_empty_page_to_a_downloaded_result() {
    let h = Harness::start(FAST).await;
    let downloads = h.downloads().await;
    h.js("document.activeElement.blur(); return null").await;
    let body = h
        .browser
        .find(fantoccini::Locator::Css("body"))
        .await
        .unwrap();
    body.send_keys("/").await.unwrap();
    h.press_text("A kingfisher over still water").await;
    // Ctrl+Enter in the prompt generates.
    h.keys(&[Key::Control.into(), Key::Enter.into()]).await;
    h.wait_results(1, 30).await;
    // Tab to the result, Enter opens it, D downloads it.
    let mut reached = false;
    for _ in 0..200 {
        h.press(Key::Tab).await;
        if focused(&h).await.starts_with("Open result 1") {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the result");
    h.press(Key::Enter).await;
    h.eventually(5, "the viewer", || async {
        ui::dialog_open(&h, "Image 1 of 1").await.then_some(())
    })
    .await;
    h.press_text("d").await;
    let file = h.downloaded(&downloads, &["jpg"], 20).await;
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("a-kingfisher-over-still-water-"), "{name}");
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 1248);
    h.press(Key::Escape).await;
    assert!(
        focused(&h).await.starts_with("Open result 1"),
        "focus back on the tile"
    );
    h.close().await;
}

#[tokio::test]
async fn a_zip_of_three_selected_results_holds_those_three_images_byte_equal() {
    let h = Harness::start(FAST).await;
    let downloads = h.downloads().await;
    prompt(&h, "Three to keep").await;
    ui::set(&h, "Images", "4").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(4, 30).await;
    // Select the first, then Shift-click the third: a range of three.
    h.js("const b = [...document.querySelectorAll('[role=feed] button[aria-label^=\"Select result\"]')]; b[0].click(); b[2].dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true })); return null").await;
    // The selection bar (loaded on first use) says what is picked.
    let bar = h
        .eventually(20, "the selection bar", || async {
            let t = h
                .js("return document.querySelector('[aria-label=Selection]')?.innerText ?? null")
                .await;
            t.as_str().map(str::to_owned)
        })
        .await;
    assert!(bar.contains("3 selected"), "{bar}");
    let expected: Vec<Vec<u8>> = {
        let v = h
            .js_async("const done = arguments[0]; const read = b => new Promise(ok => { const r = new FileReader(); r.onload = () => ok(r.result.split(',')[1]); r.readAsDataURL(b); }); Promise.all([...document.querySelectorAll('[role=feed] img[alt^=Result]')].slice(0, 3).map(i => fetch(i.src).then(r => r.blob()).then(read))).then(done);")
            .await;
        v.as_array()
            .unwrap()
            .iter()
            .map(|b| {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD
                    .decode(b.as_str().unwrap())
                    .unwrap()
            })
            .collect()
    };
    h.click("Download ZIP").await;
    let zip = h.downloaded(&downloads, &["zip"], 30).await;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    assert_eq!(archive.len(), 3);
    for (i, want) in expected.iter().enumerate() {
        let mut entry = archive.by_index(i).unwrap();
        assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
        assert!(
            entry.name().starts_with("three-to-keep-"),
            "{}",
            entry.name()
        );
        let mut got = Vec::new();
        entry.read_to_end(&mut got).unwrap();
        assert!(got == *want, "entry {i} differs from the image shown");
    }
    h.close().await;
}

#[tokio::test]
async fn the_viewer_moves_by_keyboard_and_gives_focus_back_to_the_tile() {
    let h = Harness::start(FAST).await;
    prompt(&h, "Three to browse").await;
    ui::set(&h, "Images", "3").await;
    ui::deliver_sync(&h).await;
    generate(&h).await;
    h.wait_results(3, 30).await;
    ui::open_result(&h, 1).await;
    assert!(ui::dialog_open(&h, "Image 1 of 3").await);
    h.press(Key::Right).await;
    assert!(ui::dialog_open(&h, "Image 2 of 3").await);
    h.press(Key::Left).await;
    h.press(Key::Left).await;
    assert!(ui::dialog_open(&h, "Image 3 of 3").await);
    let info = ui::dialog_text(&h, "Image 3 of 3").await;
    assert!(
        info.contains("1248 × 832") && info.contains("Seed") && info.contains("Task UUID"),
        "{info}"
    );
    // A confirmation asked over the viewer takes the keys: the arrow moves nothing behind it.
    h.click("Delete").await;
    assert!(ui::dialog_open(&h, "Delete this image?").await);
    h.press(Key::Right).await;
    h.press(Key::Escape).await;
    h.eventually(5, "the question gone", || async {
        (!ui::dialog_open(&h, "Delete this image?").await).then_some(())
    })
    .await;
    assert!(
        ui::dialog_open(&h, "Image 3 of 3").await,
        "the viewer stayed on its image"
    );
    h.press(Key::Escape).await;
    h.eventually(5, "closed", || async {
        (!ui::dialog_open(&h, "Image 3 of 3").await).then_some(())
    })
    .await;
    assert!(
        focused(&h).await.starts_with("Open result 1"),
        "{}",
        focused(&h).await
    );
    h.close().await;
}
