//! Runware's own client for the Vercel AI SDK (`@runware/ai-sdk-provider` 2.0.0, unchanged,
//! installed by `scripts/setup.sh`) against the stand-in: it sends `checkNSFW`, `seed` left
//! out, `outputQuality` and `includeCost` with every task, and must get real images back.

use clap::Parser;
use runware_mock::Config;
use std::path::Path;

#[tokio::test]
async fn runwares_ai_sdk_provider_generates_two_images_at_1248x832() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(
        root.join("node_modules/@runware/ai-sdk-provider").exists(),
        "npm ci (scripts/setup.sh) installs the provider"
    );
    let s = runware_mock::spawn(Config::parse_from(["runware-mock", "--port", "0"]))
        .await
        .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ai_sdk.mjs");
    let out = tokio::process::Command::new("node")
        .arg(&script)
        .arg(format!("{}/v1", s.url()))
        .output()
        .await
        .expect("node runs");
    assert!(
        out.status.success(),
        "the provider failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let images: Vec<serde_json::Value> = serde_json::from_str(last).unwrap();
    assert_eq!(images.len(), 2);
    let mut seen = Vec::new();
    for img in images {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(img["base64"].as_str().unwrap())
            .unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (1248, 832));
        seen.push(bytes);
    }
    assert_ne!(seen[0], seen[1], "two different images");
    // What the provider really sent: the platform-wide checkNSFW among the fields.
    let log: Vec<serde_json::Value> = reqwest::get(format!("{}/__mock/requests", s.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let task = &log[0]["tasks"][0];
    assert_eq!(task["checkNSFW"], false, "{task}");
    assert_eq!(task["model"], "klingai:kling-image@o1");
}
