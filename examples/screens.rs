//! Renders the studio's main screens to PNG in headless Chromium, light and dark, desktop
//! (1440x900) and phone (390x844), against the stand-in: `bash scripts/screens.sh [DIR]`.
//! For looking at the interface, not a test.

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::Harness;

fn png(dir: &Path, name: &str, w: u32, h: u32, hue: u8) -> String {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let t = (x * 255 / w.max(1)) as u8;
        let u = (y * 255 / h.max(1)) as u8;
        image::Rgb([
            hue.wrapping_add(t / 3),
            90u8.wrapping_add(u / 2),
            160u8.wrapping_sub(t / 4),
        ])
    });
    let p = dir.join(name);
    img.save(&p).unwrap();
    p.display().to_string()
}

struct Shooter {
    out: PathBuf,
}

impl Shooter {
    async fn viewport(&self, h: &Harness, phone: bool) {
        let (w, ht) = if phone { (390, 844) } else { (1440, 900) };
        h.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": w, "height": ht, "deviceScaleFactor": 1, "mobile": phone }),
        )
        .await;
        h.cdp(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": phone, "maxTouchPoints": 5 }),
        )
        .await;
    }

    async fn theme(&self, h: &Harness, dark: bool) {
        let scheme = if dark { "dark" } else { "light" };
        h.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
    }

    /// Both themes of what is on screen now.
    async fn both(&self, h: &Harness, name: &str) {
        for dark in [false, true] {
            self.theme(h, dark).await;
            tokio::time::sleep(Duration::from_millis(350)).await;
            let shot = h
                .cdp("Page.captureScreenshot", json!({ "format": "png" }))
                .await;
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(shot["data"].as_str().unwrap())
                .unwrap();
            let file = self.out.join(format!(
                "{name}-{}.png",
                if dark { "dark" } else { "light" }
            ));
            std::fs::write(&file, bytes).unwrap();
            println!("{}", file.display());
        }
        self.theme(h, false).await;
    }
}

async fn generate(h: &Harness, prompt: &str, size: &str, n: &str) {
    let el = h.by_label("Prompt").await;
    h.fill(&el, prompt).await;
    h.click(size).await;
    let images = h.by_label("Images").await;
    h.fill(&images, n).await;
    h.click("Generate").await;
}

#[tokio::main]
async fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/screens".into()),
    );
    std::fs::create_dir_all(&out).unwrap();
    let s = Shooter { out };
    let files = support::tempdir::Dir::new("screens");

    // Four running: a stand-in that takes its time.
    let h = Harness::start(&["--generation-ms", "600000"]).await;
    s.viewport(&h, false).await;
    for (p, size) in [
        (
            "A lighthouse keeper's cottage at dusk, long exposure",
            "3:2 1248x832",
        ),
        (
            "Portrait of a violinist in a rain-streaked window",
            "2:3 832x1248",
        ),
        ("Macro of frost on a red maple leaf", "1:1 1024x1024"),
        ("A night market under paper lanterns, wide", "16:9 1360x768"),
    ] {
        generate(&h, p, size, "2").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    s.both(&h, "desktop-4-running").await;
    h.close().await;

    let h = Harness::start(&["--generation-ms", "300", "--slot-stagger-ms", "100"]).await;
    s.viewport(&h, false).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    s.both(&h, "desktop-1-empty").await;
    let refs = [
        png(&files, "portrait-reference.png", 900, 1200, 20),
        png(&files, "costume-reference.png", 1000, 1000, 120),
        png(&files, "basalt-canyon-landscape.png", 1600, 900, 200),
    ];
    h.type_in("Add reference images", &refs.join("\n")).await;
    let el = h.by_label("Prompt").await;
    h.fill(&el, support::SEED_CHOIR).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    s.both(&h, "desktop-2-composing-3-references").await;
    h.click("Clear all").await;
    for (p, size, n) in [
        (
            "A lighthouse keeper's cottage at dusk, long exposure",
            "3:2 1248x832",
            "4",
        ),
        (
            "Portrait of a violinist in a rain-streaked window",
            "2:3 832x1248",
            "4",
        ),
        ("Macro of frost on a red maple leaf", "1:1 1024x1024", "4"),
        (
            "A night market under paper lanterns, wide",
            "16:9 1360x768",
            "4",
        ),
        (
            "Desert highway, heat shimmer, a lone motel sign",
            "21:9 1552x656",
            "4",
        ),
    ] {
        generate(&h, p, size, n).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    h.wait_results_at_least(20, 90).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    s.both(&h, "desktop-3-twenty-done").await;
    h.js("document.querySelector('.tile-open').click(); return null")
        .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    s.both(&h, "desktop-4-viewer").await;
    h.press(fantoccini::key::Key::Escape).await;
    h.click("Settings").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    s.both(&h, "desktop-5-settings").await;
    h.press(fantoccini::key::Key::Escape).await;
    h.js("const c = [...document.querySelectorAll('.tile-check')]; c[0].click(); c[1].click(); c[2].click(); return null").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    s.both(&h, "desktop-6-selection").await;
    h.click("Save as kit").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    h.click("Reference kits").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    s.both(&h, "desktop-7-kits").await;
    h.press(fantoccini::key::Key::Escape).await;
    h.click("Shot list").await;
    let lines = h.by_label("Shots, one prompt per line").await;
    h.fill(
        &lines,
        "The keeper climbs the lighthouse stairs at dawn\nThe keeper at the lamp, storm outside\nThe keeper's cat asleep on the logbook",
    )
    .await;
    h.click("Start 3 shots").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    s.both(&h, "desktop-8-shot-list").await;
    h.close().await;

    // Phone, before and after a job.
    let h = Harness::start(&["--generation-ms", "300", "--slot-stagger-ms", "100"]).await;
    s.viewport(&h, true).await;
    h.reload().await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let el = h.by_label("Prompt").await;
    h.fill(
        &el,
        "Two rival duelists on a suspended walkway in crimson tree canopies",
    )
    .await;
    s.both(&h, "phone-1-before-a-job").await;
    h.click("Generate").await;
    h.wait_results_at_least(1, 60).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    s.both(&h, "phone-2-after-a-job").await;
    h.js("document.querySelector('.tile-open').click(); return null")
        .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    s.both(&h, "phone-3-viewer").await;
    h.press(fantoccini::key::Key::Escape).await;
    h.click("Shot list").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    s.both(&h, "phone-4-shot-list").await;
    h.close().await;
}
