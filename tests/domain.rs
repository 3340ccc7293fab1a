//! The app's pure logic, natively: form -> exact payload, body splicing, import, names.

#![cfg(not(target_arch = "wasm32"))]

use kling_studio::domain::import::import;
use kling_studio::domain::job::{download_name, final_state, running_state};
use kling_studio::domain::payload::{split_at_placeholders, Segment};
use kling_studio::domain::text::{excerpt, human_bytes, money};
use kling_studio::domain::Control;
use kling_studio::domain::{build, Form, JobState, RefInput, SizeChoice, Slot};
use runware::{OutputType, Resolution, Size};
use serde_json::Value;

const ID: &str = "b7b5ebf0-da00-430f-a171-3d2d62e0512b";

fn form(prompt: &str) -> Form {
    Form {
        prompt: prompt.into(),
        ..Form::default()
    }
}

fn sent(built: &kling_studio::domain::Built) -> Value {
    let text: String = built
        .body_segments()
        .into_iter()
        .map(|s| match s {
            Segment::Json(t) => t,
            Segment::Reference(i) => format!("data:image/png;base64,REF{i}"),
        })
        .collect();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn default_form_sends_async_with_cost_and_explicit_size() {
    let b = build(&form("A lighthouse at dusk"), &[], ID, 1);
    assert!(b.is_valid(), "{:?}", b.errors);
    let v = sent(&b);
    assert_eq!(
        v,
        serde_json::json!([{
            "taskType": "imageInference", "taskUUID": ID, "model": "klingai:kling-image@o1",
            "positivePrompt": "A lighthouse at dusk", "width": 1248, "height": 832,
            "numberResults": 1, "outputType": "URL", "outputFormat": "JPG", "outputQuality": 95,
            "deliveryMethod": "async", "includeCost": true
        }])
    );
}

#[test]
fn match_first_reference_sends_resolution_and_no_size() {
    let mut f = form("Keep the face");
    f.size = SizeChoice::MatchFirst(Resolution::K2);
    let refs = vec![
        RefInput::Local {
            label: "a.png".into(),
        },
        RefInput::Text("https://example.com/b.jpg".into()),
        RefInput::Local {
            label: "c.png".into(),
        },
    ];
    let b = build(&f, &refs, ID, 0xABCDEF);
    assert!(b.is_valid(), "{:?}", b.errors);
    let v = sent(&b);
    assert_eq!(v[0]["resolution"], "2k");
    assert!(v[0].get("width").is_none() && v[0].get("height").is_none());
    assert_eq!(
        v[0]["inputs"]["referenceImages"],
        serde_json::json!([
            "data:image/png;base64,REF0",
            "https://example.com/b.jpg",
            "data:image/png;base64,REF2"
        ])
    );
}

#[test]
fn match_first_without_references_is_refused_at_the_size_field() {
    let mut f = form("No refs here");
    f.size = SizeChoice::MatchFirst(Resolution::K1);
    let b = build(&f, &[], ID, 1);
    assert_eq!(b.errors.len(), 1);
    assert_eq!(Control::for_parameter(&b.errors[0].field), Control::Size);
}

#[test]
fn unparsable_and_out_of_range_numbers_are_named() {
    let mut f = form("Numbers");
    f.results = "abc".into();
    f.quality = "100".into();
    f.ttl = "10".into();
    let b = build(&f, &[], ID, 1);
    let fields: Vec<_> = b
        .errors
        .iter()
        .map(|e| Control::for_parameter(&e.field))
        .collect();
    assert_eq!(fields, [Control::Results, Control::Quality, Control::Ttl]);
    assert!(b.errors[0].message.contains("whole number"));
}

#[test]
fn ttl_is_only_sent_with_url_output() {
    let mut f = form("Short lived");
    f.ttl = "120".into();
    assert_eq!(sent(&build(&f, &[], ID, 1))[0]["ttl"], 120);
    f.output_type = OutputType::Base64Data;
    let b = build(&f, &[], ID, 1);
    assert!(b.is_valid());
    assert!(sent(&b)[0].get("ttl").is_none());
}

#[test]
fn prompt_2501_chars_is_refused_2500_accepted() {
    assert!(build(&form(&"é".repeat(2500)), &[], ID, 1).is_valid());
    let b = build(&form(&"é".repeat(2501)), &[], ID, 1);
    assert_eq!(Control::for_parameter(&b.errors[0].field), Control::Prompt);
}

#[test]
fn eleven_references_are_refused() {
    let refs: Vec<_> = (0..11)
        .map(|i| RefInput::Text(format!("https://x.example/{i}.jpg")))
        .collect();
    let b = build(&form("Too many"), &refs, ID, 1);
    assert_eq!(
        Control::for_parameter(&b.errors[0].field),
        Control::References
    );
}

#[test]
fn placeholders_cannot_be_forged_by_the_prompt() {
    let refs = vec![RefInput::Local {
        label: "a.png".into(),
    }];
    let b = build(&form("x"), &refs, ID, 42);
    let p = b.placeholders[0].clone().unwrap();
    // A prompt quoting the placeholder is escaped in JSON, so only the real slot is cut.
    let tricky = build(&form(&format!("say \"{p}\" please")), &refs, ID, 42);
    let segments = tricky.body_segments();
    assert_eq!(
        segments
            .iter()
            .filter(|s| matches!(s, Segment::Reference(_)))
            .count(),
        1
    );
    let v = sent(&tricky);
    assert_eq!(v[0]["positivePrompt"], format!("say \"{p}\" please"));
}

#[test]
fn split_keeps_order_of_several_placeholders() {
    let ph = vec![Some("AAAA".to_string()), None, Some("BBBB".to_string())];
    let segs = split_at_placeholders(r#"["AAAA","url","BBBB"]"#, &ph);
    assert_eq!(
        segs,
        vec![
            Segment::Json("[\"".into()),
            Segment::Reference(0),
            Segment::Json("\",\"url\",\"".into()),
            Segment::Reference(2),
            Segment::Json("\"]".into()),
        ]
    );
}

#[test]
fn display_abbreviates_and_names_local_files() {
    let refs = vec![
        RefInput::Local {
            label: "portrait.png".into(),
        },
        RefInput::Text(format!("data:image/png;base64,{}", "A".repeat(4000))),
    ];
    let mut f = form("Show me");
    f.size = SizeChoice::MatchFirst(Resolution::K1);
    let b = build(&f, &refs, ID, 3);
    let shown = b.display_json(&["portrait.png".into(), "x".into()]);
    assert!(shown.contains("[portrait.png]"));
    assert!(shown.len() < 2000, "the 4 KB data URI must be abbreviated");
    assert!(
        shown.contains("4.0 KB") || shown.contains("4 KB"),
        "{shown}"
    );
}

#[test]
fn import_fills_the_form_from_each_seed_example() {
    for n in 1..=4 {
        let path = format!(
            "{}/crates/runware/tests/fixtures/seed-{n}-request.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        let (f, refs) = import(&text).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(f.prompt, original["positivePrompt"]);
        let w = original["width"].as_i64().unwrap();
        let h = original["height"].as_i64().unwrap();
        assert_eq!(f.size, SizeChoice::Fixed(Size::from_dims(w, h).unwrap()));
        assert_eq!(
            refs.len(),
            original["inputs"]["referenceImages"]
                .as_array()
                .map_or(0, Vec::len)
        );
        // Re-built, it is the same task apart from the explicit defaults the form sends.
        let b = build(&f, &refs, ID, 9);
        assert!(b.is_valid(), "seed {n}: {:?}", b.errors);
        let v = sent(&b);
        assert_eq!(v[0].get("inputs"), original.get("inputs"));
        assert_eq!(v[0]["positivePrompt"], original["positivePrompt"]);
    }
}

#[test]
fn import_reports_bad_json_and_bad_sizes() {
    assert!(import("{not json")
        .unwrap_err()
        .to_string()
        .contains("not valid JSON"));
    assert!(import(r#"[{"taskType":"getResponse","taskUUID":"x"}]"#).is_err());
    let e = import(r#"{"positivePrompt":"abc","width":1000,"height":1000}"#).unwrap_err();
    assert!(e.to_string().contains("1000x1000"));
    let e = import(r#"{"positivePrompt":"abc","outputFormat":"GIF"}"#).unwrap_err();
    assert!(
        e.to_string().contains("outputFormat") && e.to_string().contains("GIF"),
        "{e}"
    );
    let e = import(r#"{"positivePrompt":"abc","inputs":{"referenceImages":[1]}}"#).unwrap_err();
    assert!(e.to_string().contains("inputs.referenceImages[0]"), "{e}");
}

#[test]
fn job_states_follow_the_slots() {
    let done = Slot::Done(kling_studio::domain::ResultMeta {
        image_uuid: "u".into(),
        src: "https://x/u.jpg".into(),
        inline: false,
        copy_freed: false,
        remote_url: None,
        seed: None,
        cost: None,
        nsfw: None,
        format: runware::OutputFormat::Jpg,
        width: None,
        height: None,
    });
    assert_eq!(
        running_state(&[Slot::Waiting, Slot::Waiting]),
        JobState::Running
    );
    assert_eq!(
        running_state(&[done.clone(), Slot::Waiting]),
        JobState::Partial
    );
    assert_eq!(running_state(&[done.clone(), done.clone()]), JobState::Done);
    assert_eq!(
        final_state(&[done, Slot::Failed("x".into())]),
        JobState::Done
    );
    assert_eq!(final_state(&[Slot::Failed("x".into())]), JobState::Failed);
}

#[test]
fn download_names_and_excerpts() {
    assert_eq!(
        download_name(
            "A lighthouse, at dusk!",
            Some(42),
            runware::OutputFormat::Png
        ),
        "a-lighthouse-at-dusk-42.png"
    );
    assert_eq!(
        download_name("../../etc/passwd", None, runware::OutputFormat::Jpg),
        "etc-passwd.jpg"
    );
    assert_eq!(
        download_name("", None, runware::OutputFormat::Webp),
        "kling.webp"
    );
    assert_eq!(excerpt("one two three four", 9), "one two…");
    assert_eq!(money(Vec::<f64>::new().into_iter().sum()), "$0.00");
    assert_eq!(money(0.056), "$0.056");
    assert_eq!(money(0.0285), "$0.029");
    assert_eq!(money(12.5), "$12.50");
    assert_eq!(money(1.0), "$1.00");
}

#[test]
fn numbers_print_as_float_formatting_would() {
    use kling_studio::domain::number::fixed;
    for x in [
        0.0,
        0.04,
        0.056,
        0.9994,
        1.0,
        2.3456,
        99.94,
        1234.5678,
        1e9 + 0.3,
    ] {
        for places in 0..=3 {
            assert_eq!(
                fixed(x, places),
                format!("{x:.*}", places as usize),
                "{x} {places}"
            );
            assert_eq!(fixed(-x, places).trim_start_matches('-'), fixed(x, places));
        }
    }
    // Written halves round up, whatever their binary value.
    assert_eq!(fixed(0.05, 1), "0.1");
    assert_eq!(fixed(2.345, 2), "2.35");
    assert_eq!(fixed(0.0285, 3), "0.029");
    assert_eq!(fixed(-0.0, 3), "0.000");
    assert_eq!(fixed(-1.5, 1), "-1.5");
    #[derive(serde::Serialize)]
    struct Stored(#[serde(serialize_with = "kling_studio::domain::number::ser_f64")] f64);
    for (x, json) in [
        (0.0285, "0.0285"),
        (0.04, "0.04"),
        (-1.5, "-1.5"),
        (1_790_000_000_123.0, "1790000000123"),
        (123_456_789.75, "123456790"),
        (1e-12, "0"),
        (f64::NAN, "null"),
    ] {
        let text = serde_json::to_string(&Stored(x)).unwrap();
        assert_eq!(text, json);
        if x.is_finite() && x.abs() < 1e8 {
            assert_eq!(
                serde_json::from_str::<f64>(&text).unwrap(),
                (x * 1e10).round() / 1e10
            );
        }
    }
    assert_eq!(human_bytes(999.0), "999 B");
    assert_eq!(human_bytes(1_234_567.0), "1.2 MB");
    assert_eq!(human_bytes(8_400.0), "8 KB");
    assert_eq!(human_bytes(2_100_000_000.0), "2.1 GB");
}

#[test]
fn only_safe_image_urls_are_shown() {
    use kling_studio::domain::job::safe_image_url;
    for ok in [
        "https://im.runware.ai/x.jpg",
        "http://127.0.0.1/a.png",
        "blob:http://x/1",
        "data:image/png;base64,AA==",
        "/api/runware/image/a.jpg",
    ] {
        assert!(safe_image_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
        "//evil.example/x.jpg",
    ] {
        assert!(!safe_image_url(bad), "{bad}");
    }
}

#[test]
fn import_errors_name_the_refused_member_even_deep_or_oddly_named() {
    let e = import(r#"{"positivePrompt":"abc","safety":{"checkContent":"yes"}}"#).unwrap_err();
    assert!(e.to_string().contains("safety.checkContent:"), "{e}");
    let e = import(r#"{"positivePrompt":5}"#).unwrap_err();
    assert!(e.to_string().contains("positivePrompt:"), "{e}");
    let e = import(
        r#"{"positivePrompt":"abc","inputs":{"referenceImages":["https://a/b.jpg",{"a/b~":1}]}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("inputs.referenceImages[1]"), "{e}");
}

#[test]
fn import_errors_locate_the_member_in_any_position() {
    for (json, path) in [
        (
            r#"{"numberResults":"two","positivePrompt":"abc"}"#,
            "numberResults:",
        ),
        (
            r#"[{"taskType":"imageInference","positivePrompt":"abc","ttl":"soon"}]"#,
            "ttl:",
        ),
        (
            r#"{"positivePrompt":"a \"quoted\", [odd] {prompt}","outputQuality":"x"}"#,
            "outputQuality:",
        ),
        (
            r#"{"positivePrompt":"abc","inputs":{"referenceImages":"x"}}"#,
            "inputs.referenceImages:",
        ),
        (
            r#"{"positivePrompt":"abc","inputs":{"referenceImages":["a","b",[]]}}"#,
            "inputs.referenceImages[2]:",
        ),
        (
            r#"{"positivePrompt":"abc","safety":{"mode":"none","checkContent":1}}"#,
            "safety.checkContent:",
        ),
        (r#"{"positivePrompt":"abc","safety":[]}"#, "safety:"),
    ] {
        let e = import(json).unwrap_err().to_string();
        assert!(e.contains(path), "{json}: {e}");
        assert!(!e.contains("at line"), "{e}");
    }
}

#[test]
fn every_parameter_runware_can_name_maps_to_a_control_with_its_own_message_id() {
    let cases = [
        ("positivePrompt", Control::Prompt),
        ("width", Control::Size),
        ("height", Control::Size),
        ("resolution", Control::Size),
        ("inputs.referenceImages", Control::References),
        ("inputs.referenceImages[3]", Control::References),
        ("referenceImages", Control::References),
        ("numberResults", Control::Results),
        ("outputType", Control::OutputType),
        ("outputFormat", Control::OutputFormat),
        ("outputQuality", Control::Quality),
        ("deliveryMethod", Control::Delivery),
        ("ttl", Control::Ttl),
        ("webhookURL", Control::Webhook),
        ("uploadEndpoint", Control::UploadEndpoint),
        ("includeCost", Control::IncludeCost),
        ("safety.mode", Control::Safety),
        ("safety", Control::Safety),
        ("model", Control::Generate),
        ("taskUUID", Control::Generate),
    ];
    for (parameter, control) in cases {
        assert_eq!(Control::for_parameter(parameter), control, "{parameter}");
    }
    // Every control is reachable from some parameter, and ids are distinct.
    for c in Control::ALL {
        assert!(
            cases.iter().any(|(_, k)| *k == c),
            "{c:?} is named by no parameter"
        );
    }
    let ids: std::collections::HashSet<_> = Control::ALL.iter().map(|c| c.id()).collect();
    assert_eq!(ids.len(), Control::ALL.len());
}

#[test]
fn image_path_carries_the_host_for_the_proxy_to_check() {
    use kling_studio::domain::images::proxied;
    assert_eq!(
        proxied("/api/runware", "https://im.runware.ai/image/ws/2/ii/a.jpg").as_deref(),
        Some("/api/runware-images/im.runware.ai/image/ws/2/ii/a.jpg")
    );
    assert_eq!(
        proxied("/api/runware/", "http://127.0.0.1:8787/image/b.png?x=1#top").as_deref(),
        Some("/api/runware-images/127.0.0.1:8787/image/b.png?x=1")
    );
    // No proxy to ask: a direct endpoint, or a URL whose host could smuggle another one.
    assert_eq!(
        proxied("https://api.runware.ai/v1", "https://im.runware.ai/a.jpg"),
        None
    );
    assert_eq!(
        proxied("//evil.example/x", "https://im.runware.ai/a.jpg"),
        None
    );
    assert_eq!(
        proxied("/api/runware", "https://user@evil.example/a.jpg"),
        None
    );
    assert_eq!(proxied("/api/runware", "data:image/png;base64,AAAA"), None);
    assert_eq!(proxied("/api/runware", "blob:http://127.0.0.1/abc"), None);
}

#[test]
fn an_import_says_what_it_kept_left_out_and_changed() {
    use kling_studio::domain::import::import_with_report;
    let (form, _, report) = import_with_report(
        r#"{"taskType":"imageInference","taskUUID":"0b7c2a3e-1111-4222-8333-444455556666",
            "model":"klingai:kling-image@o1","positivePrompt":"A choir on a volcano",
            "width":1248,"height":832,"seed":42,"CFGScale":7.5,
            "inputs":{"referenceImages":["https://example.com/a.jpg"],"mask":"x"}}"#,
    )
    .unwrap();
    assert_eq!(form.prompt, "A choir on a volcano");
    assert_eq!(
        report.lines(),
        [
            "Imported height, inputs, positivePrompt, width.",
            "Left out CFGScale, inputs.mask and seed: they are not options of Kling IMAGE O1.",
            "Left out taskUUID: each send gets one of its own.",
            "The file leaves includeCost off: the cost of these images will not show.",
            "The file names no deliveryMethod: sync, Runware's default (the studio polls by itself).",
        ]
    );
    let (_, _, quiet) = import_with_report(
        r#"{"positivePrompt":"x","includeCost":true,"deliveryMethod":"async","seed":1}"#,
    )
    .unwrap();
    assert_eq!(
        quiet.lines(),
        [
            "Imported deliveryMethod, includeCost, positivePrompt.",
            "Left out seed: it is not an option of Kling IMAGE O1."
        ]
    );
}

#[test]
fn mentions_follow_the_tray_when_it_is_reordered_or_shortened() {
    use kling_studio::domain::mentions::{coverage, describe, label, mentioned, rewrite, Renumber};
    assert_eq!(label(0), "image 1");
    let prompt = "Put the face of image 3 on the figure in image 1, in the room of Image 2; not image12 or animage 1.";
    assert_eq!(mentioned(prompt), [1, 2, 3]);
    // Moving the third reference to the front.
    let (out, changes) = rewrite(prompt, &['a', 'b', 'c'], &['c', 'a', 'b']);
    assert_eq!(
        out,
        "Put the face of image 1 on the figure in image 2, in the room of Image 3; not image12 or animage 1."
    );
    assert_eq!(
        describe(&changes),
        "Mentions renumbered: image 3 is now image 1, image 1 is now image 2, image 2 is now image 3."
    );
    // Removing the first: the others move up, its own mention says it is gone.
    let (out, changes) = rewrite("image 1 wears the coat of image 2", &[1, 2], &[2]);
    assert_eq!(out, "the removed image wears the coat of image 1");
    assert_eq!(
        changes,
        [
            Renumber { from: 1, to: None },
            Renumber {
                from: 2,
                to: Some(1)
            }
        ]
    );
    // Nothing moved that is mentioned: nothing changes.
    let (out, changes) = rewrite("only image 1", &[1, 2, 3], &[1, 3, 2]);
    assert_eq!((out.as_str(), changes.len()), ("only image 1", 0));
    // What the prompt covers of a tray of three, and what it names that is not there.
    assert_eq!(coverage("image 1 and image 4", 3), (vec![2, 3], vec![4]));
}
