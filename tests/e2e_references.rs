//! Reference images done right, in Chromium against the stand-in: every refusal, downscaling,
//! conversion, alpha, ordering, upload-once. Images are checked as they arrive at the server.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use base64::Engine;
use fantoccini::Locator;
use image::{GenericImageView, ImageFormat};
use serde_json::Value;
use std::path::Path;
use support::Harness;

fn temp_dir(tag: &str) -> support::tempdir::Dir {
    support::tempdir::Dir::new(tag)
}

fn encode(img: &image::DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn photo(w: u32, h: u32) -> image::DynamicImage {
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) % 200) as u8,
        ])
    }))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

async fn add(h: &Harness, paths: &[String]) {
    h.type_in("Add reference images", &paths.join("\n")).await;
}

async fn settled(h: &Harness, accepted: usize, refused: usize) {
    support::ui::tray_settled(h, accepted, refused).await;
}

/// Sends with sync delivery and returns the reference images the stand-in received.
async fn send_and_receive(h: &Harness, prompt: &str) -> Vec<Value> {
    h.type_in("Prompt", prompt).await;
    support::ui::deliver_sync(h).await;
    h.click("Generate").await;
    h.eventually(60, "the task at the stand-in", || async {
        h.inference_tasks().await.pop()
    })
    .await["inputs"]["referenceImages"]
        .as_array()
        .unwrap()
        .clone()
}

fn decode_uri(uri: &Value) -> (String, Vec<u8>) {
    let (head, data) = uri.as_str().unwrap().split_once(";base64,").unwrap();
    (
        head.to_owned(),
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap(),
    )
}

#[tokio::test]
async fn every_bad_file_is_refused_on_its_item_and_never_sent() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("bad");
    let jpeg = encode(&photo(800, 600), ImageFormat::Jpeg);
    let mut noise = image::RgbaImage::new(2000, 2000);
    let mut x: u32 = 12345;
    for p in noise.pixels_mut() {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        *p = image::Rgba(x.to_le_bytes());
    }
    let noise = encode(&image::DynamicImage::ImageRgba8(noise), ImageFormat::Png);
    assert!(
        noise.len() > 10_000_000,
        "the noise PNG must exceed 10 MB, is {}",
        noise.len()
    );
    let mut fake_png = b"\x89PNG\r\n\x1a\n".to_vec();
    fake_png.extend_from_slice(&[7u8; 200]);
    fake_png.extend_from_slice(&[0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]);
    let cases = [
        (
            "text.png",
            b"just some text, not pixels at all".to_vec(),
            "not an image",
        ),
        ("empty.jpg", Vec::new(), "empty"),
        (
            "truncated.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            "cut short",
        ),
        ("corrupt.png", fake_png, "corrupt"),
        (
            "small.png",
            encode(&photo(200, 200), ImageFormat::Png),
            "too small",
        ),
        (
            "long.png",
            encode(&photo(1000, 300), ImageFormat::Png),
            "too elongated",
        ),
        ("huge.png", noise, "10 MB"),
    ];
    let paths: Vec<String> = cases.iter().map(|(n, b, _)| write(&dir, n, b)).collect();
    add(&h, &paths).await;
    settled(&h, 0, cases.len()).await;
    let items = support::ui::refused(&h).await;
    for ((name, _, why), text) in cases.iter().zip(&items) {
        assert!(
            text.contains(name) && text.contains(why),
            "{name}: expected “{why}” in {text}"
        );
    }
    h.screenshot("refusals").await;
    h.type_in("Prompt", "Nothing valid attached").await;
    h.click("1:1 1024x1024").await;
    assert!(h.inference_tasks().await.is_empty());
    h.close().await;
}

#[tokio::test]
async fn large_photo_is_downscaled_alpha_png_stays_png_webp_is_converted() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("convert");
    let big = write(
        &dir,
        "big.jpg",
        &encode(&photo(4000, 3000), ImageFormat::Jpeg),
    );
    let mut rgba = image::RgbaImage::from_pixel(2600, 1300, image::Rgba([20, 120, 220, 255]));
    for (x, _, p) in rgba.enumerate_pixels_mut() {
        if x < 1300 {
            p.0[3] = 40;
        }
    }
    let alpha = write(
        &dir,
        "alpha.png",
        &encode(&image::DynamicImage::ImageRgba8(rgba), ImageFormat::Png),
    );
    let webp = write(
        &dir,
        "pic.webp",
        &encode(&photo(900, 600), ImageFormat::WebP),
    );
    add(&h, &[big, alpha, webp]).await;
    settled(&h, 3, 0).await;
    let tray = support::ui::tray_details(&h).await.join("\n");
    assert!(
        tray.contains("2048 × 1536") && tray.contains("Downscaled from 4000 × 3000"),
        "{tray}"
    );
    assert!(tray.contains("Converted from WEBP"), "{tray}");
    h.screenshot("downscaled").await;
    let refs = send_and_receive(&h, "Three converted references").await;
    let (head, bytes) = decode_uri(&refs[0]);
    assert_eq!(head, "data:image/jpeg");
    assert_eq!(
        image::load_from_memory(&bytes).unwrap().dimensions(),
        (2048, 1536)
    );
    let (head, bytes) = decode_uri(&refs[1]);
    assert_eq!(head, "data:image/png");
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!(img.dimensions(), (2048, 1024));
    assert!(img.color().has_alpha());
    assert!(
        img.to_rgba8().get_pixel(10, 10).0[3] < 100,
        "transparency must survive"
    );
    assert_eq!(img.to_rgba8().get_pixel(2000, 10).0[3], 255);
    let (head, bytes) = decode_uri(&refs[2]);
    assert!(
        head == "data:image/png" || head == "data:image/jpeg",
        "{head}"
    );
    assert_eq!(
        image::load_from_memory(&bytes).unwrap().dimensions(),
        (900, 600)
    );
    h.close().await;
}

#[tokio::test]
async fn downscaling_can_be_turned_off_per_image() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("keep");
    let big = write(
        &dir,
        "keep.jpg",
        &encode(&photo(3000, 2000), ImageFormat::Jpeg),
    );
    add(&h, &[big]).await;
    settled(&h, 1, 0).await;
    h.by_label("Downscale to 2048 px")
        .await
        .click()
        .await
        .unwrap();
    h.eventually(20, "the full-size version", || async {
        let t = support::ui::tray_details(&h).await;
        t[0].contains("3000 × 2000").then_some(())
    })
    .await;
    let refs = send_and_receive(&h, "Keep every pixel").await;
    let (_, bytes) = decode_uri(&refs[0]);
    assert_eq!(
        image::load_from_memory(&bytes).unwrap().dimensions(),
        (3000, 2000)
    );
    h.close().await;
}

#[tokio::test]
async fn reordering_changes_the_payload_order_and_the_aspect_source() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("order");
    let paths: Vec<String> = [
        ("a.png", 400, 400),
        ("b.png", 600, 400),
        ("c.png", 400, 600),
    ]
    .iter()
    .map(|(n, w, hh)| write(&dir, n, &encode(&photo(*w, *hh), ImageFormat::Png)))
    .collect();
    add(&h, &paths).await;
    settled(&h, 3, 0).await;
    h.click("Move reference 3 up").await;
    h.click("Move reference 2 up").await;
    assert_eq!(
        support::ui::tray_names(&h).await,
        ["c.png", "a.png", "b.png"]
    );
    h.click("Match first reference").await;
    h.eventually(10, "the aspect source mark on the first", || async {
        let d = support::ui::tray_details(&h).await;
        d[0].contains("Decides the aspect ratio").then_some(())
    })
    .await;
    let refs = send_and_receive(&h, "Order matters").await;
    let dims: Vec<_> = refs
        .iter()
        .map(|r| {
            image::load_from_memory(&decode_uri(r).1)
                .unwrap()
                .dimensions()
        })
        .collect();
    assert_eq!(dims, [(400, 600), (400, 400), (600, 400)]);
    let imgs = h.wait_results(1, 30).await;
    assert_eq!(
        (imgs[0].1, imgs[0].2),
        (832, 1248),
        "c.png (2:3) decides the aspect"
    );
    h.close().await;
}

#[tokio::test]
async fn upload_once_sends_a_uuid_and_never_uploads_the_same_bytes_twice() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("upload");
    let file = write(
        &dir,
        "once.png",
        &encode(&photo(640, 480), ImageFormat::Png),
    );
    support::ui::open_section(&h, "Advanced").await;
    h.by_label("Upload local references once (later jobs send their image UUIDs)")
        .await
        .click()
        .await
        .unwrap();
    add(&h, std::slice::from_ref(&file)).await;
    settled(&h, 1, 0).await;
    let first = send_and_receive(&h, "Upload me once").await;
    h.wait_results(1, 30).await;
    let uuid = first[0].as_str().unwrap().to_owned();
    assert!(
        uuid::Uuid::parse_str(&uuid).is_ok(),
        "a UUID is sent instead of the data URI: {uuid}"
    );
    // The same bytes added again, and a second job: no new upload.
    h.click("Remove reference 1").await;
    add(&h, &[file]).await;
    settled(&h, 1, 0).await;
    h.click("Generate").await;
    h.wait_results(2, 30).await;
    let all: Vec<Value> = h
        .received()
        .await
        .iter()
        .flat_map(|r| r["tasks"].as_array().cloned().unwrap_or_default())
        .collect();
    let uploads = all
        .iter()
        .filter(|t| t["taskType"] == "imageUpload")
        .count();
    assert_eq!(uploads, 1);
    let inferences: Vec<_> = all
        .iter()
        .filter(|t| t["taskType"] == "imageInference")
        .collect();
    assert_eq!(inferences.len(), 2);
    assert_eq!(inferences[1]["inputs"]["referenceImages"][0], uuid.as_str());
    h.close().await;
}

#[tokio::test]
async fn dragging_a_reference_onto_another_reorders_the_tray() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("drag");
    let paths: Vec<String> = ["x.png", "y.png", "z.png"]
        .iter()
        .map(|n| write(&dir, n, &encode(&photo(400, 400), ImageFormat::Png)))
        .collect();
    add(&h, &paths).await;
    settled(&h, 3, 0).await;
    // The same DataTransfer carries the item from dragstart to drop, as in a real drag.
    h.js(r#"const items = document.querySelectorAll('ol[aria-label="References in order"] > li');
        const dt = new DataTransfer();
        items[2].dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true }));
        items[0].dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        return null;"#)
        .await;
    let names = h
        .eventually(10, "the new order", || async {
            let v = support::ui::tray_names(&h).await;
            (v[0] == "z.png").then_some(v)
        })
        .await;
    assert_eq!(names, ["z.png", "x.png", "y.png"]);
    h.close().await;
}

#[tokio::test]
async fn a_failed_upload_falls_back_to_sending_the_image_with_a_notice() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("fallback");
    let file = write(
        &dir,
        "fallback.png",
        &encode(&photo(500, 500), ImageFormat::Png),
    );
    support::ui::open_section(&h, "Advanced").await;
    h.by_label("Upload local references once (later jobs send their image UUIDs)")
        .await
        .click()
        .await
        .unwrap();
    add(&h, &[file]).await;
    settled(&h, 1, 0).await;
    // The upload and its three retries all fail; the job itself then goes through.
    h.inject("500", 4).await;
    let refs = send_and_receive(&h, "Upload fails, job does not").await;
    assert!(refs[0]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    h.wait_results(1, 30).await;
    let all: Vec<Value> = h.received().await;
    assert_eq!(all.iter().filter(|r| r["fault"] == "500").count(), 4);
    let warning = h
        .wait_for(Locator::XPath("//*[@role='feed']//*[@role='img'][contains(@aria-label, 'sending the image itself')]"), "the warning")
        .await;
    drop(warning);
    assert!(all.iter().all(|r| r["tasks"]
        .as_array()
        .is_none_or(|t| t.iter().all(|t| t["taskType"] != "imageUpload"))));
    h.close().await;
}

/// A tiny PNG (or, for "text", a text file) made in the page, added through a synthetic drag
/// and drop on the feed, far from the tray, or a paste; answers whether the drop overlay showed
/// during the drag.
const ADD_BY_EVENT: &str = r#"
const [kind, name] = arguments;
const c = document.createElement('canvas'); c.width = 400; c.height = 300;
const g = c.getContext('2d'); g.fillStyle = '#c33'; g.fillRect(0, 0, 400, 300);
const blob = kind === 'text' ? new Blob(['not an image'], { type: 'text/plain' })
                             : await new Promise(r => c.toBlob(r, 'image/png'));
const dt = new DataTransfer(); dt.items.add(new File([blob], name, { type: blob.type }));
if (kind === 'paste') {
  document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  return null;
}
const feed = document.querySelector('.feed');
feed.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
feed.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
const overlay = document.querySelector('.drop-overlay')?.textContent ?? '';
const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
feed.dispatchEvent(drop);
return { overlay, kept: drop.defaultPrevented };
"#;

#[tokio::test]
async fn drop_paste_and_url_references_fill_the_tray_in_order() {
    let h = Harness::start(&[]).await;
    let page = h.browser.current_url().await.unwrap();
    for (kind, name) in [
        ("drop", "dropped.png"),
        ("paste", "pasted.png"),
        ("text", "notes.txt"),
    ] {
        let script = format!("const done = arguments[arguments.length - 1]; (async () => {{ {ADD_BY_EVENT} }})().then(done);")
            .replace("arguments;", &format!("['{kind}', '{name}'];"));
        let seen = h.browser.execute_async(&script, vec![]).await.unwrap();
        if kind != "paste" {
            assert!(
                seen["overlay"]
                    .as_str()
                    .unwrap()
                    .contains("Drop to add as reference"),
                "one overlay while files are dragged over the feed: {seen}"
            );
            assert_eq!(seen["kept"], true, "the browser does not open the file");
        }
    }
    assert_eq!(h.browser.current_url().await.unwrap(), page);
    assert_eq!(
        h.js("return document.querySelector('.drop-overlay') === null")
            .await,
        true,
        "the overlay goes once dropped"
    );
    support::ui::tray_settled(&h, 2, 1).await;
    assert!(
        support::ui::refused(&h).await[0].contains("notes.txt"),
        "a text file dropped is refused by name"
    );
    let url = h.by_label("Reference URL or image UUID").await;
    url.send_keys("https://example.com/ref.jpg").await.unwrap();
    h.click("Add").await;
    support::ui::tray_settled(&h, 3, 1).await;
    assert_eq!(
        support::ui::tray_names(&h).await,
        ["dropped.png", "pasted.png", "https://example.com/ref.jpg"]
    );
    assert!(support::ui::tray_details(&h).await[0].contains("400 × 300"));
    h.click("Remove reference 1").await;
    support::ui::tray_settled(&h, 2, 1).await;
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
async fn mentions_are_chosen_with_at_and_follow_the_references_when_they_move() {
    let h = Harness::start(&[]).await;
    let dir = temp_dir("mentions");
    let paths: Vec<String> = [(400, 300, "face"), (300, 500, "coat"), (600, 300, "street")]
        .iter()
        .map(|(w, hh, name)| {
            write(
                &dir.0,
                &format!("{name}.png"),
                &encode(&photo(*w, *hh), ImageFormat::Png),
            )
        })
        .collect();
    add(&h, &paths).await;
    settled(&h, 3, 0).await;
    let prompt = h.by_label("Prompt").await;
    prompt
        .send_keys("The person in image 1 wears the coat of image 2 on the street of @")
        .await
        .unwrap();
    h.wait_for(
        Locator::Css("[role=listbox][aria-label='References to mention'] [role=option]"),
        "the @ menu",
    )
    .await;
    // Down twice to the third reference, then Enter.
    prompt.send_keys("\u{E015}\u{E015}\u{E007}").await.unwrap();
    assert_eq!(
        support::ui::value_of(&h, "Prompt").await,
        "The person in image 1 wears the coat of image 2 on the street of image 3"
    );
    // The street to the front: every mention still names the same picture.
    h.click("Move reference 3 up").await;
    h.click("Move reference 2 up").await;
    assert_eq!(
        support::ui::tray_names(&h).await,
        ["street.png", "face.png", "coat.png"]
    );
    assert_eq!(
        support::ui::value_of(&h, "Prompt").await,
        "The person in image 2 wears the coat of image 3 on the street of image 1"
    );
    let notice = h
        .js("return document.querySelector('.renumbered').textContent")
        .await;
    let notice = notice.as_str().unwrap();
    assert!(
        notice.starts_with("Mentions renumbered:") && notice.contains("image 2 is now image 1"),
        "{notice}"
    );
    let refs = send_and_receive(&h, "").await;
    let (_, first) = decode_uri(&refs[0]);
    assert_eq!(
        image::load_from_memory(&first).unwrap().dimensions(),
        (600, 300),
        "the first reference sent is the street"
    );
    h.close().await;
}
