//! The stand-in over real HTTP: every behaviour the contract and the foundation issue name,
//! with returned images decoded to check their format and size.

use base64::Engine;
use image::ImageFormat;
use reqwest::StatusCode;
use runware_mock::{Config, Server};
use serde_json::{json, Value};

async fn start(args: &[&str]) -> Server {
    let mut argv = vec![
        "runware-mock",
        "--port",
        "0",
        "--generation-ms",
        "300",
        "--slot-stagger-ms",
        "100",
    ];
    argv.extend_from_slice(args);
    use clap::Parser;
    runware_mock::spawn(Config::parse_from(argv)).await.unwrap()
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn post(s: &Server, key: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{}/v1", s.url()))
        .json(&body);
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap())
}

async fn fetch(url: &str) -> Vec<u8> {
    let resp = reqwest::get(url).await.unwrap();
    assert_eq!(resp.status(), 200, "{url}");
    resp.bytes().await.unwrap().to_vec()
}

fn decode(bytes: &[u8]) -> (ImageFormat, u32, u32) {
    let format = image::guess_format(bytes).unwrap();
    let img = image::load_from_memory(bytes).unwrap();
    (format, img.width(), img.height())
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([10, 200, 30, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

fn seed(n: u32) -> Value {
    let path = format!(
        "{}/../runware/tests/fixtures/seed-{n}-request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test]
async fn answers_the_four_seed_examples_with_real_images_of_the_right_size() {
    let s = start(&[]).await;
    for n in 1..=4 {
        let req = seed(n);
        let (status, body) = post(&s, Some("k"), json!([req])).await;
        assert_eq!(status, 200, "seed {n}: {body}");
        let item = &body["data"][0];
        assert_eq!(item["taskUUID"], req["taskUUID"]);
        assert_eq!(item["taskType"], "imageInference");
        assert!(item["seed"].as_i64().unwrap() > 0);
        assert!(uuid::Uuid::parse_str(item["imageUUID"].as_str().unwrap()).is_ok());
        let url = item["imageURL"].as_str().unwrap();
        assert!(url.starts_with(&s.url()) && url.ends_with(".jpg"), "{url}");
        let (format, w, h) = decode(&fetch(url).await);
        assert_eq!(format, ImageFormat::Jpeg);
        assert_eq!(
            (i64::from(w), i64::from(h)),
            (
                req["width"].as_i64().unwrap(),
                req["height"].as_i64().unwrap()
            ),
            "seed {n}"
        );
    }
}

#[tokio::test]
async fn every_output_type_and_format_with_cost() {
    let s = start(&[]).await;
    let cases = [
        ("URL", "PNG", ImageFormat::Png),
        ("dataURI", "WEBP", ImageFormat::WebP),
        ("base64Data", "JPG", ImageFormat::Jpeg),
        ("dataURI", "PNG", ImageFormat::Png),
    ];
    for (otype, fmt, want) in cases {
        let req = json!([{ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
            "positivePrompt": "a red kite", "width": 832, "height": 1248, "numberResults": 2,
            "outputType": otype, "outputFormat": fmt, "includeCost": true }]);
        let (status, body) = post(&s, Some("k"), req).await;
        assert_eq!(status, 200, "{body}");
        let items = body["data"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_ne!(items[0]["imageUUID"], items[1]["imageUUID"]);
        assert_ne!(items[0]["seed"], items[1]["seed"]);
        let mut decoded = Vec::new();
        for item in items {
            assert_eq!(item["cost"], 0.028);
            let bytes = match otype {
                "URL" => fetch(item["imageURL"].as_str().unwrap()).await,
                "dataURI" => {
                    let uri = item["imageDataURI"].as_str().unwrap();
                    let (head, data) = uri.split_once(";base64,").unwrap();
                    assert_eq!(head, format!("data:{}", want.to_mime_type()));
                    base64::engine::general_purpose::STANDARD
                        .decode(data)
                        .unwrap()
                }
                _ => base64::engine::general_purpose::STANDARD
                    .decode(item["imageBase64Data"].as_str().unwrap())
                    .unwrap(),
            };
            assert_eq!(decode(&bytes), (want, 832, 1248), "{otype} {fmt}");
            decoded.push(bytes);
        }
        assert_ne!(
            decoded[0], decoded[1],
            "two seeds must give two different pictures"
        );
    }
}

#[tokio::test]
async fn jpeg_quality_is_honoured_and_cost_only_when_asked() {
    let s = start(&[]).await;
    let mut sizes = Vec::new();
    for q in [20, 99] {
        let (_, body) = post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
            "positivePrompt": "same prompt", "width": 1024, "height": 1024, "outputType": "base64Data", "outputQuality": q }])).await;
        assert!(body["data"][0].get("cost").is_none());
        sizes.push(body["data"][0]["imageBase64Data"].as_str().unwrap().len());
    }
    assert!(
        sizes[0] * 2 < sizes[1],
        "quality 20 should be far smaller than 99: {sizes:?}"
    );
}

#[test]
fn pictures_are_deterministic_from_prompt_and_seed() {
    use runware_mock::images::render;
    assert_eq!(render("p", 7, 64, 48), render("p", 7, 64, 48));
    assert_ne!(render("p", 7, 64, 48), render("p", 8, 64, 48));
    assert_ne!(render("p", 7, 64, 48), render("q", 7, 64, 48));
}

#[tokio::test]
async fn authentication_rules() {
    let s = start(&[]).await;
    let task = || json!({ "taskType": "accountManagement", "taskUUID": uuid(), "operation": "getDetails" });
    let (status, body) = post(&s, None, json!([task()])).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["code"], "invalidApiKey");
    let (status, body) = post(
        &s,
        None,
        json!([{ "taskType": "authentication", "apiKey": "any" }, task()]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"][1]["balance"], 25.0);

    let strict = start(&["--api-key", "sekrit"]).await;
    assert_eq!(post(&strict, Some("wrong"), json!([task()])).await.0, 401);
    assert_eq!(post(&strict, Some("sekrit"), json!([task()])).await.0, 200);
    let log: Value = reqwest::get(format!("{}/__mock/requests", strict.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log[1]["keyAccepted"], true);
    assert!(
        !log.to_string().contains("sekrit"),
        "the key must never be recorded"
    );
}

#[tokio::test]
async fn invalid_tasks_get_runware_errors_naming_the_parameter() {
    let s = start(&[]).await;
    let base = || json!({ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1", "positivePrompt": "a cat in the rain", "width": 1024, "height": 1024 });
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "positivePrompt",
            json!("ab"),
            "positivePrompt",
            "invalidPositivePromptLength",
        ),
        ("width", json!(1000), "width", "invalidWidth"),
        (
            "resolution",
            json!("2k"),
            "resolution",
            "incompatibleParameters",
        ),
        (
            "outputFormat",
            json!("GIF"),
            "outputFormat",
            "invalidParameter",
        ),
        ("numberResults", json!(21), "numberResults", "valueTooLarge"),
        (
            "negativePrompt",
            json!("blur"),
            "negativePrompt",
            "unsupportedParameter",
        ),
        ("ttl", json!(59), "ttl", "valueTooSmall"),
        (
            "inputs",
            json!({ "referenceImages": ["data:image/png;base64,AAAAAAAA"] }),
            "inputs.referenceImages",
            "invalidReferenceImage",
        ),
        (
            "inputs",
            json!({ "referenceImages": [uuid()] }),
            "inputs.referenceImages",
            "invalidReferenceImage",
        ),
    ];
    for (key, value, param, code) in cases {
        let mut t = base();
        t[key] = value;
        let (status, body) = post(&s, Some("k"), json!([t.clone()])).await;
        assert_eq!(status, 400, "{param}: {body}");
        let e = &body["errors"][0];
        assert_eq!(
            (
                e["parameter"].as_str().unwrap(),
                e["code"].as_str().unwrap()
            ),
            (param, code),
            "{body}"
        );
        assert_eq!(e["taskUUID"], t["taskUUID"]);
    }
    let t = base();
    assert_eq!(post(&s, Some("k"), json!([t.clone()])).await.0, 200);
    let (status, body) = post(&s, Some("k"), json!([t])).await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["code"], "conflictTaskUUID");
    let resp = reqwest::Client::new()
        .post(format!("{}/v1", s.url()))
        .bearer_auth("k")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn references_decide_the_aspect_and_uploads_give_reusable_uuids() {
    let s = start(&[]).await;
    let big = png(4000, 3000);
    let (status, body) = post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
        "positivePrompt": "match my reference", "resolution": "2k", "outputType": "base64Data",
        "inputs": { "referenceImages": [format!("data:image/png;base64,{}", b64(&big)), b64(&png(300, 900))] } }])).await;
    assert_eq!(status, 200, "{body}");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body["data"][0]["imageBase64Data"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        decode(&bytes),
        (ImageFormat::Jpeg, 2336, 1760),
        "4:3 reference at 2k"
    );

    let (status, body) = post(&s, Some("k"), json!([{ "taskType": "imageUpload", "taskUUID": uuid(), "image": format!("data:image/png;base64,{}", b64(&png(400, 800))) }])).await;
    assert_eq!(status, 200, "{body}");
    let uploaded = body["data"][0]["imageUUID"].as_str().unwrap().to_owned();
    let (status, body) = post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
        "positivePrompt": "from an upload", "outputType": "URL", "inputs": { "referenceImages": [uploaded] } }])).await;
    assert_eq!(status, 200, "{body}");
    let (_, w, h) = decode(&fetch(body["data"][0]["imageURL"].as_str().unwrap()).await);
    assert_eq!((w, h), (768, 1360), "a 1:2 upload is nearest to 9:16 at 1k");

    let (status, body) = post(&s, Some("k"), json!([{ "taskType": "imageUpload", "taskUUID": uuid(), "image": b64(b"GIF89a not really") }])).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errors"][0]["parameter"], "image");
}

#[tokio::test]
async fn async_delivery_acknowledges_then_polls_to_success() {
    let s = start(&[]).await;
    let id = uuid();
    let (status, body) = post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": id, "model": "klingai:kling-image@o1",
        "positivePrompt": "slow art", "width": 1360, "height": 768, "numberResults": 3, "deliveryMethod": "async" }])).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"][0]["taskUUID"], id.as_str());
    assert!(body["data"][0].get("imageURL").is_none());
    let poll = json!([{ "taskType": "getResponse", "taskUUID": id }]);
    let (_, first) = post(&s, Some("k"), poll.clone()).await;
    let statuses: Vec<_> = first["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(statuses, ["processing"; 3]);
    let mut seen_partial = false;
    let done = loop {
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        let (_, b) = post(&s, Some("k"), poll.clone()).await;
        let ok = b["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["status"] == "success")
            .count();
        seen_partial |= ok == 1 || ok == 2;
        if ok == 3 {
            break b;
        }
    };
    assert!(seen_partial, "slots should finish one after another");
    for d in done["data"].as_array().unwrap() {
        let (_, w, h) = decode(&fetch(d["imageURL"].as_str().unwrap()).await);
        assert_eq!((w, h), (1360, 768));
    }
    let (status, body) = post(
        &s,
        Some("k"),
        json!([{ "taskType": "getResponse", "taskUUID": uuid() }]),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["parameter"], "taskUUID");
}

#[tokio::test]
async fn one_async_slot_can_be_made_to_fail() {
    let s = start(&[]).await;
    reqwest::Client::new()
        .post(format!("{}/__mock/faults", s.url()))
        .json(&json!({ "fault": "slotError" }))
        .send()
        .await
        .unwrap();
    let id = uuid();
    post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": id, "model": "klingai:kling-image@o1",
        "positivePrompt": "two of them", "width": 1024, "height": 1024, "numberResults": 2, "deliveryMethod": "async" }])).await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let (_, b) = post(
        &s,
        Some("k"),
        json!([{ "taskType": "getResponse", "taskUUID": id }]),
    )
    .await;
    assert_eq!(b["data"][0]["status"], "success");
    assert_eq!(b["data"][1]["status"], "error");
    assert_eq!(b["data"][1]["error"]["code"], "timeoutProvider");
}

#[tokio::test]
async fn injected_faults_then_recovery() {
    let s = start(&[]).await;
    let client = reqwest::Client::new();
    let task = || json!([{ "taskType": "accountManagement", "taskUUID": uuid(), "operation": "getDetails" }]);
    for (fault, status) in [
        ("429", 429),
        ("500", 500),
        ("503", 503),
        ("504", 504),
        ("html", 502),
    ] {
        client
            .post(format!("{}/__mock/faults", s.url()))
            .json(&json!({ "fault": fault }))
            .send()
            .await
            .unwrap();
        let resp = client
            .post(format!("{}/v1", s.url()))
            .bearer_auth("k")
            .json(&task())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), status, "{fault}");
        if fault == "429" {
            assert_eq!(resp.headers()["retry-after"], "1");
        }
        if fault == "html" {
            assert!(resp.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"));
        }
        assert_eq!(
            post(&s, Some("k"), task()).await.0,
            200,
            "recovers after {fault}"
        );
    }
    client
        .post(format!("{}/__mock/faults", s.url()))
        .json(&json!({ "fault": "malformed" }))
        .send()
        .await
        .unwrap();
    let text = client
        .post(format!("{}/v1", s.url()))
        .bearer_auth("k")
        .json(&task())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err());
    client
        .post(format!("{}/__mock/faults", s.url()))
        .json(&json!({ "fault": "drop", "count": 2 }))
        .send()
        .await
        .unwrap();
    for _ in 0..2 {
        let r = client
            .post(format!("{}/v1", s.url()))
            .bearer_auth("k")
            .json(&task())
            .send()
            .await;
        let failed = match r {
            Err(_) => true,
            Ok(resp) => resp.bytes().await.is_err(),
        };
        assert!(failed, "a dropped connection must fail on the client");
    }
    client
        .post(format!("{}/__mock/latency", s.url()))
        .json(&json!({ "ms": 400 }))
        .send()
        .await
        .unwrap();
    let t0 = std::time::Instant::now();
    assert_eq!(post(&s, Some("k"), task()).await.0, 200);
    assert!(t0.elapsed() >= std::time::Duration::from_millis(400));
}

#[tokio::test]
async fn flags_inject_faults_too() {
    let s = start(&[
        "--fail-next",
        "2",
        "--fail-with",
        "429",
        "--retry-after",
        "3",
    ])
    .await;
    let task = || json!([{ "taskType": "accountManagement", "taskUUID": uuid(), "operation": "getDetails" }]);
    assert_eq!(post(&s, Some("k"), task()).await.0, 429);
    assert_eq!(post(&s, Some("k"), task()).await.0, 429);
    assert_eq!(post(&s, Some("k"), task()).await.0, 200);
}

#[tokio::test]
async fn url_results_expire_after_ttl_and_follow_public_url() {
    let s = start(&["--public-url", "http://localhost:9999/api/runware/"]).await;
    let (_, body) = post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
        "positivePrompt": "short lived", "width": 1024, "height": 1024, "ttl": 60 }])).await;
    let url = body["data"][0]["imageURL"].as_str().unwrap();
    let name = url
        .strip_prefix("http://localhost:9999/api/runware/image/")
        .expect(url);
    let direct = format!("{}/v1/image/{name}", s.url());
    assert_eq!(reqwest::get(&direct).await.unwrap().status(), 200);
    reqwest::Client::new()
        .post(format!("{}/__mock/advance", s.url()))
        .json(&json!({ "secs": 61 }))
        .send()
        .await
        .unwrap();
    assert_eq!(reqwest::get(&direct).await.unwrap().status(), 404);
}

#[tokio::test]
async fn cors_only_for_local_origins() {
    let s = start(&[]).await;
    let client = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, format!("{}/v1", s.url()))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
            .send()
    };
    let ok = preflight("http://localhost:8080").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "http://localhost:8080"
    );
    let ok = preflight("http://127.0.0.1:5173").await.unwrap();
    assert!(ok.headers().contains_key("access-control-allow-origin"));
    let evil = preflight("https://evil.example").await.unwrap();
    assert!(!evil.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn blocked_words_are_refused_naming_the_prompt() {
    let s = start(&["--block-word", "forbidden"]).await;
    let (status, body) = post(&s, Some("k"), json!([{ "taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
        "positivePrompt": "A Forbidden castle", "width": 1024, "height": 1024 }])).await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["code"], "promptBlocked");
    assert_eq!(body["errors"][0]["parameter"], "positivePrompt");
}
