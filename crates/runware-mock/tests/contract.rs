//! The stand-in and the client read the contract independently (the stand-in's own table in
//! `src/contract/`, the client's `runware::validate`). The same 40 invalid and 20 valid tasks go
//! to both: the stand-in over real HTTP, the client through its parser and validator. Any
//! disagreement, on the verdict or on the parameter named, fails.

use base64::Engine;
use clap::Parser;
use runware_mock::{Config, Server};
use serde_json::{json, Value};

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn base() -> Value {
    json!({
        "taskType": "imageInference",
        "model": "klingai:kling-image@o1",
        "positivePrompt": "A lighthouse at dusk, long exposure",
        "width": 1248,
        "height": 832
    })
}

/// The base task with `changes` applied (`null` removes a field).
fn task(changes: Value) -> Value {
    let mut t = base();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            t.as_object_mut().unwrap().remove(k);
        } else {
            t[k] = v.clone();
        }
    }
    t
}

fn png_base64() -> String {
    let img = image::RgbImage::from_pixel(400, 300, image::Rgb([90, 140, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    base64::engine::general_purpose::STANDARD.encode(out.into_inner())
}

fn urls(n: usize) -> Value {
    (0..n)
        .map(|i| format!("https://assets.example.com/inputs/{i}.jpg"))
        .collect()
}

fn valid_cases() -> Vec<(&'static str, Value)> {
    let b64 = png_base64();
    vec![
        ("the seed page's first example", task(json!({}))),
        ("1:1 1k", task(json!({"width": 1024, "height": 1024}))),
        ("2:3 1k", task(json!({"width": 832, "height": 1248}))),
        ("16:9 1k", task(json!({"width": 1360, "height": 768}))),
        ("21:9 1k", task(json!({"width": 1552, "height": 656}))),
        ("1:1 2k", task(json!({"width": 2048, "height": 2048}))),
        ("21:9 2k", task(json!({"width": 3104, "height": 1312}))),
        (
            "references and resolution, no size",
            task(
                json!({"width": null, "height": null, "resolution": "2k", "inputs": {"referenceImages": urls(3)}}),
            ),
        ),
        (
            "ten references",
            task(json!({"inputs": {"referenceImages": urls(10)}})),
        ),
        ("twenty results", task(json!({"numberResults": 20}))),
        ("quality 20", task(json!({"outputQuality": 20}))),
        ("quality 99", task(json!({"outputQuality": 99}))),
        (
            "data URI PNG",
            task(json!({"outputType": "dataURI", "outputFormat": "PNG"})),
        ),
        (
            "base64 WEBP",
            task(json!({"outputType": "base64Data", "outputFormat": "WEBP"})),
        ),
        (
            "ttl 60 with URL",
            task(json!({"outputType": "URL", "ttl": 60})),
        ),
        ("async", task(json!({"deliveryMethod": "async"}))),
        (
            "webhook and upload endpoint",
            task(
                json!({"webhookURL": "https://hooks.example.com/kling", "uploadEndpoint": "http://127.0.0.1:9000/put"}),
            ),
        ),
        (
            "cost and safety",
            task(json!({"includeCost": true, "safety": {"checkContent": true, "mode": "fast"}})),
        ),
        ("three characters", task(json!({"positivePrompt": "owl"}))),
        (
            "2,500 characters",
            task(json!({"positivePrompt": "a".repeat(2500)})),
        ),
        (
            "bare base64 and a data URI",
            task(
                json!({"inputs": {"referenceImages": [b64.clone(), format!("data:image/png;base64,{b64}")]}}),
            ),
        ),
    ]
}

fn invalid_cases() -> Vec<(&'static str, Value)> {
    vec![
        ("empty prompt", task(json!({"positivePrompt": ""}))),
        ("two characters", task(json!({"positivePrompt": "ab"}))),
        ("spaces only", task(json!({"positivePrompt": "   "}))),
        (
            "2,501 characters",
            task(json!({"positivePrompt": "a".repeat(2501)})),
        ),
        (
            "a BEL character",
            task(json!({"positivePrompt": "bell \u{7} ring"})),
        ),
        ("1000x1000", task(json!({"width": 1000, "height": 1000}))),
        ("width only", task(json!({"height": null}))),
        ("height only", task(json!({"width": null}))),
        (
            "no size and no references",
            task(json!({"width": null, "height": null})),
        ),
        (
            "resolution with width and height",
            task(json!({"resolution": "1k"})),
        ),
        (
            "resolution 4k",
            task(
                json!({"width": null, "height": null, "resolution": "4k", "inputs": {"referenceImages": urls(1)}}),
            ),
        ),
        (
            "resolution in capitals",
            task(
                json!({"width": null, "height": null, "resolution": "1K", "inputs": {"referenceImages": urls(1)}}),
            ),
        ),
        ("no results", task(json!({"numberResults": 0}))),
        ("21 results", task(json!({"numberResults": 21}))),
        ("results in words", task(json!({"numberResults": "two"}))),
        (
            "a fraction of a result",
            task(json!({"numberResults": 1.5})),
        ),
        ("quality 19", task(json!({"outputQuality": 19}))),
        ("quality 100", task(json!({"outputQuality": 100}))),
        (
            "output type in lower case",
            task(json!({"outputType": "url"})),
        ),
        ("GIF", task(json!({"outputFormat": "GIF"}))),
        ("jpg in lower case", task(json!({"outputFormat": "jpg"}))),
        (
            "delivery by stream",
            task(json!({"deliveryMethod": "stream"})),
        ),
        ("ttl 59", task(json!({"ttl": 59}))),
        (
            "ttl with data URIs",
            task(json!({"outputType": "dataURI", "ttl": 120})),
        ),
        ("webhook not a URL", task(json!({"webhookURL": "notaurl"}))),
        (
            "webhook over ftp",
            task(json!({"webhookURL": "ftp://example.com/hook"})),
        ),
        (
            "upload port beyond 65535",
            task(json!({"uploadEndpoint": "https://cdn.example.com:99999/x"})),
        ),
        (
            "upload without a scheme",
            task(json!({"uploadEndpoint": "//cdn.example.com/x"})),
        ),
        (
            "no references in the list",
            task(json!({"inputs": {"referenceImages": []}})),
        ),
        (
            "eleven references",
            task(json!({"inputs": {"referenceImages": urls(11)}})),
        ),
        (
            "a file name as reference",
            task(json!({"inputs": {"referenceImages": ["holiday.jpg"]}})),
        ),
        (
            "a text data URI",
            task(json!({"inputs": {"referenceImages": ["data:text/plain;base64,aGk="]}})),
        ),
        (
            "a script URL",
            task(json!({"inputs": {"referenceImages": ["javascript:alert(1)"]}})),
        ),
        (
            "safety mode full",
            task(json!({"safety": {"checkContent": true, "mode": "full"}})),
        ),
        (
            "safety mode strict",
            task(json!({"safety": {"checkContent": true, "mode": "strict"}})),
        ),
        (
            "another model",
            task(json!({"model": "klingai:kling-image@o2"})),
        ),
        (
            "taskUUID not a UUID",
            task(json!({"taskUUID": "not-a-uuid"})),
        ),
        (
            "taskUUID of version 1",
            task(json!({"taskUUID": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"})),
        ),
        ("cost in words", task(json!({"includeCost": "yes"}))),
        ("width as text", task(json!({"width": "1248"}))),
        (
            "references as one string",
            task(json!({"inputs": {"referenceImages": "https://example.com/a.png"}})),
        ),
    ]
}

/// What the client makes of a task: `None` when it would send it, else the parameters its
/// validator names (empty when its parser refuses the task outright).
fn client_verdict(t: &Value) -> Option<Vec<String>> {
    match serde_json::from_value::<runware::ImageInference>(t.clone()) {
        Ok(task) => {
            let errors = runware::validate(&task);
            (!errors.is_empty()).then(|| errors.into_iter().map(|e| e.field).collect())
        }
        Err(_) => Some(Vec::new()),
    }
}

/// What the stand-in answers: `None` for success, else the parameter it names.
async fn stand_in_verdict(s: &Server, t: &Value) -> Option<String> {
    let resp = reqwest::Client::new()
        .post(format!("{}/v1", s.url()))
        .bearer_auth("contract-test")
        .json(&json!([t]))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap();
    match status {
        200 if body.get("errors").is_none() => None,
        400 => Some(
            body["errors"][0]["parameter"]
                .as_str()
                .unwrap_or("")
                .to_owned(),
        ),
        other => panic!("unexpected {other}: {body}"),
    }
}

#[tokio::test]
async fn the_stand_in_and_the_client_agree_on_every_rule() {
    let s = runware_mock::spawn(Config::parse_from([
        "runware-mock",
        "--port",
        "0",
        "--generation-ms",
        "100",
    ]))
    .await
    .unwrap();
    let (valid, invalid) = (valid_cases(), invalid_cases());
    assert!(
        valid.len() >= 20 && invalid.len() >= 40,
        "{} / {}",
        valid.len(),
        invalid.len()
    );
    let mut disagreements = Vec::new();
    for (name, mut t) in valid.into_iter().chain(invalid) {
        if t.get("taskUUID").is_none() {
            t["taskUUID"] = uuid().into();
        }
        let client = client_verdict(&t);
        let stand_in = stand_in_verdict(&s, &t).await;
        let agree = match (&client, &stand_in) {
            (None, None) => true,
            (Some(params), Some(p)) => params.is_empty() || params.contains(p),
            _ => false,
        };
        if !agree {
            disagreements.push(format!("{name}: client {client:?}, stand-in {stand_in:?}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "disagreements:\n{}",
        disagreements.join("\n")
    );
}

#[tokio::test]
async fn runware_clients_platform_field_check_nsfw_is_accepted() {
    let s = runware_mock::spawn(Config::parse_from(["runware-mock", "--port", "0"]))
        .await
        .unwrap();
    let mut t = task(json!({"checkNSFW": true, "numberResults": 2}));
    t["taskUUID"] = uuid().into();
    assert_eq!(stand_in_verdict(&s, &t).await, None);
    let mut t = task(json!({"checkNSFW": "no"}));
    t["taskUUID"] = uuid().into();
    assert_eq!(stand_in_verdict(&s, &t).await.as_deref(), Some("checkNSFW"));
    let mut t = task(json!({"seed": 42}));
    t["taskUUID"] = uuid().into();
    assert_eq!(stand_in_verdict(&s, &t).await.as_deref(), Some("seed"));
}
