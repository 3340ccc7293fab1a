//! The model page's four examples pin the wire format: each parses into our types and
//! serialises back to exactly the same JSON.

use runware::{validate, Envelope, ResultItem, Task};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn seed_requests_round_trip_exactly() {
    for n in 1..=4 {
        let raw = fixture(&format!("seed-{n}-request.json"));
        let task: Task = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(serde_json::to_value(&task).unwrap(), raw, "request {n}");
    }
}

#[test]
fn seed_requests_are_valid() {
    for n in 1..=4 {
        let raw = fixture(&format!("seed-{n}-request.json"));
        let Task::ImageInference(task) = serde_json::from_value(raw).unwrap() else {
            panic!("request {n} is not imageInference");
        };
        assert_eq!(validate(&task), vec![], "request {n}");
    }
}

#[test]
fn seed_responses_round_trip_exactly() {
    for n in 1..=4 {
        let raw = fixture(&format!("seed-{n}-response.json"));
        let item: ResultItem = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(serde_json::to_value(&item).unwrap(), raw, "response {n}");
        assert_eq!(item.cost, Some(0.028));
        assert!(item
            .image_url
            .as_deref()
            .unwrap()
            .starts_with("https://im.runware.ai/"));
        // And wrapped in the envelope, as it arrives on the wire.
        let env: Envelope =
            serde_json::from_value(serde_json::json!({ "data": [raw.clone()] })).unwrap();
        let req = fixture(&format!("seed-{n}-request.json"));
        let id = req["taskUUID"].as_str().unwrap();
        assert_eq!(env.results_for(id).count(), 1);
    }
}

#[test]
fn field_names_are_spelled_as_runware_spells_them() {
    let mut t = runware::ImageInference::new("x", "prompt");
    t.inputs = Some(runware::Inputs {
        reference_images: vec!["a".into()],
    });
    t.webhook_url = Some("https://h/w".into());
    t.number_results = Some(2);
    t.include_cost = Some(true);
    t.safety = Some(runware::Safety {
        check_content: Some(true),
        mode: Some(runware::SafetyMode::Fast),
    });
    let v = serde_json::to_value(Task::ImageInference(Box::new(t))).unwrap();
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    for k in [
        "taskType",
        "taskUUID",
        "model",
        "positivePrompt",
        "inputs",
        "webhookURL",
        "numberResults",
        "includeCost",
        "safety",
    ] {
        assert!(keys.contains(&k.to_string()), "missing {k} in {keys:?}");
    }
    assert_eq!(keys.len(), 9, "None fields must be omitted: {keys:?}");
    assert_eq!(v["inputs"]["referenceImages"][0], "a");
    assert_eq!(v["safety"]["checkContent"], true);
    assert_eq!(v["safety"]["mode"], "fast");

    let r: ResultItem = serde_json::from_str(
        r#"{"imageUUID":"u","imageDataURI":"data:image/png;base64,AA==","imageBase64Data":"AA==","NSFWContent":true,"status":"success","extra":1}"#,
    )
    .unwrap();
    assert_eq!(r.nsfw_content, Some(true));
    assert_eq!(
        r.image_data_uri.as_deref(),
        Some("data:image/png;base64,AA==")
    );
    assert_eq!(r.image_base64_data.as_deref(), Some("AA=="));
}
