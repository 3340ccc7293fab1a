//! Every response shape the contract names parses, leniently.

use runware::{Envelope, Parameter, TaskStatus};

#[test]
fn envelope_with_only_errors_and_array_parameter() {
    let e: Envelope = serde_json::from_str(
        r#"{"errors":[{"code":"incompatibleParameters","message":"m","parameter":["resolution","width"],"taskType":"imageInference","taskUUID":"t1","documentation":"https://x"}]}"#,
    )
    .unwrap();
    assert!(e.data.is_empty());
    assert_eq!(e.errors[0].parameters(), vec!["resolution", "width"]);
    assert_eq!(e.errors_for("t1").len(), 1);
    assert_eq!(e.errors_for("other").len(), 0);
}

#[test]
fn envelope_with_both_keys_matches_by_uuid_not_position() {
    let e: Envelope = serde_json::from_str(
        r#"{"data":[{"taskType":"imageInference","taskUUID":"b","imageUUID":"i2","imageURL":"https://x/2.jpg"},
                    {"taskType":"imageInference","taskUUID":"a","imageUUID":"i1","imageURL":"https://x/1.jpg"}],
            "errors":[{"code":"invalidWidth","message":"bad","parameter":"width","taskUUID":"c"}]}"#,
    )
    .unwrap();
    let a: Vec<_> = e.results_for("a").collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].image_uuid.as_deref(), Some("i1"));
    assert_eq!(e.errors[0].parameter, Some(Parameter::One("width".into())));
}

#[test]
fn legacy_error_shape_and_na_task_uuid() {
    let e: Envelope = serde_json::from_str(
        r#"{"error":{"code":"invalidApiKey","message":"Invalid API key"},"taskUUID":"N/A"}"#,
    )
    .unwrap();
    let all = e.all_errors();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].code, "invalidApiKey");
    // An error not tied to a task concerns every task of the request.
    assert_eq!(e.errors_for("anything").len(), 1);
}

#[test]
fn empty_object_and_unknown_fields_parse() {
    let e: Envelope = serde_json::from_str(r#"{"somethingNew":true}"#).unwrap();
    assert!(e.data.is_empty() && e.all_errors().is_empty());
}

#[test]
fn async_slots_report_each_status() {
    let e: Envelope = serde_json::from_str(
        r#"{"data":[{"taskUUID":"t","status":"processing"},{"taskUUID":"t","status":"pending"},
                    {"taskUUID":"t","status":"success","imageUUID":"u","imageURL":"https://x/u.jpg","seed":5,"cost":0.028},
                    {"taskUUID":"t","status":"error","error":{"code":"timeoutProvider","message":"slow"}},
                    {"taskUUID":"t","status":"queuedSomewhere"}]}"#,
    )
    .unwrap();
    let s: Vec<_> = e.data.iter().map(|r| r.effective_status()).collect();
    assert_eq!(
        s,
        vec![
            TaskStatus::Processing,
            TaskStatus::Pending,
            TaskStatus::Success,
            TaskStatus::Error,
            TaskStatus::Unknown
        ]
    );
    assert!(s[4].is_running());
    assert_eq!(e.data[3].error.as_ref().unwrap().code, "timeoutProvider");
    // A sync result carries no status: it counts as a success.
    let sync: runware::ResultItem =
        serde_json::from_str(r#"{"taskUUID":"t","imageUUID":"u","imageBase64Data":"AA=="}"#)
            .unwrap();
    assert_eq!(sync.effective_status(), TaskStatus::Success);
}
