//! The benchmark (`bash scripts/bench.sh`): the release build in headless Chromium against the
//! stand-in. Prints numbers, each beside a baseline measured in the same run. Not a test: it
//! asserts nothing about time.

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::Value;
use std::time::Duration;

const FILES: usize = 10;

fn noise_png(seed: u32) -> Vec<u8> {
    // Incompressible pixels: 2000 x 1400 RGB is about 8.4 MB as PNG.
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(2000, 1400, |_, _| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let b = x.to_le_bytes();
        image::Rgb([b[0], b[1], b[2]])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn ms(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("kling-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    let mut total = 0usize;
    for i in 0..FILES {
        let bytes = noise_png(i as u32 + 1);
        total += bytes.len();
        let p = dir.join(format!("ref{i}.png"));
        std::fs::write(&p, &bytes).unwrap();
        paths.push(p.display().to_string());
    }
    let h = support::Harness::start(&[]).await;

    // Baseline: the browser's own readAsDataURL on the same files, one after another.
    h.js("const i = document.createElement('input'); i.type = 'file'; i.multiple = true; i.id = 'bench-files'; document.body.appendChild(i); return null;").await;
    let input = h
        .wait_for(fantoccini::Locator::Id("bench-files"), "bench input")
        .await;
    input.send_keys(&paths.join("\n")).await.unwrap();
    let native = h
        .browser
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            (async () => {
              const files = [...document.getElementById('bench-files').files];
              const t0 = performance.now();
              let chars = 0;
              for (const f of files) {
                const uri = await new Promise((ok, err) => { const r = new FileReader(); r.onload = () => ok(r.result); r.onerror = err; r.readAsDataURL(f); });
                chars += uri.length;
              }
              const seq = performance.now() - t0;
              const t1 = performance.now();
              await Promise.all(files.map(f => new Promise((ok, err) => { const r = new FileReader(); r.onload = () => ok(r.result.length); r.onerror = err; r.readAsDataURL(f); })));
              return [seq, chars, performance.now() - t1];
            })().then(done);"#,
            vec![],
        )
        .await
        .unwrap();

    // The app: from the file input's change to ten checked, encoded references in the tray.
    let mem_before = h.js("return window.wasmBindings.wasm_memory_bytes()").await;
    h.js(r#"window.__bench = {};
        document.addEventListener('change', e => { if (e.target.getAttribute('aria-label') === 'Add reference images') window.__bench.t0 = performance.now(); }, true);
        new MutationObserver(() => { if (document.querySelectorAll('.ref:not(.rejected)').length === 10 && !window.__bench.t1) window.__bench.t1 = performance.now(); })
          .observe(document.body, { childList: true, subtree: true });
        return null;"#)
        .await;
    h.type_in("Add reference images", &paths.join("\n")).await;
    let app = h
        .eventually(300, "ten references", || async {
            let b = h.js("return window.__bench").await;
            b.get("t1").map(|t1| ms(t1) - ms(&b["t0"]))
        })
        .await;
    let mem_loaded = h.js("return window.wasmBindings.wasm_memory_bytes()").await;

    // Send them: time to assemble the body and to post it (sync, to the stand-in).
    h.type_in("Prompt", "Benchmark: ten large references").await;
    h.click("Match first reference").await;
    h.by_label("Sync (wait)").await.click().await.unwrap();
    h.click("Generate").await;
    h.wait_results(1, 120).await;
    let timings = h
        .eventually(10, "the timeline measures", || async {
            let t = h
                .js("return ['kling:build-body', 'kling:post'].map(n => (performance.getEntriesByName(n, 'measure').pop() || {}).duration ?? null)")
                .await;
            (t[0].is_number() && t[1].is_number()).then_some(t)
        })
        .await;
    let mem_sent = h.js("return window.wasmBindings.wasm_memory_bytes()").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    h.close().await;
    std::fs::remove_dir_all(&dir).ok();

    let mb = |b: f64| b / 1_048_576.0;
    let native_ms = ms(&native[0]);
    println!(
        "\nKling Studio benchmark ({FILES} references, {:.1} MB in total)",
        mb(total as f64)
    );
    println!(
        "{:<46} {:>12} {:>14} {:>8}",
        "measure", "value", "baseline", "ratio"
    );
    println!(
        "{:<46} {:>10.0}ms {:>12.0}ms {:>7.2}x",
        "encode 10 refs: app (sniff+decode+base64) vs seq",
        app,
        native_ms,
        native_ms / app
    );
    let parallel_ms = ms(&native[2]);
    println!(
        "{:<46} {:>10.0}ms {:>12.0}ms {:>7.2}x",
        "  same app time vs native readAsDataURL in parallel",
        app,
        parallel_ms,
        parallel_ms / app
    );
    println!(
        "{:<46} {:>10.1}MB {:>12.1}MB {:>7.2}x",
        "wasm memory after adding (vs before)",
        mb(ms(&mem_loaded)),
        mb(ms(&mem_before)),
        ms(&mem_loaded) / ms(&mem_before)
    );
    println!(
        "{:<46} {:>10.1}MB {:>12.1}MB {:>7.2}x",
        "wasm memory after sending (vs before)",
        mb(ms(&mem_sent)),
        mb(ms(&mem_before)),
        ms(&mem_sent) / ms(&mem_before)
    );
    println!(
        "{:<46} {:>10.1}ms",
        "build request body (Blob of JS strings)",
        ms(&timings[0])
    );
    println!(
        "{:<46} {:>10.0}ms {:>12.1}MB",
        "post body + stand-in answer (body size)",
        ms(&timings[1]),
        mb(ms(&native[1]))
    );
    println!("goals: encode ratio >= 0.90x native; memory after sending < 2.00x before\n");
}
