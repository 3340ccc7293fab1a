//! Validation: one test per rule and boundary. Each case starts from a valid text-to-image
//! task, changes one thing, and states exactly which fields must be reported.

use runware::{validate, ImageInference, Inputs, OutputType, Resolution, Safety, SafetyMode};

const UUID4: &str = "b7b5ebf0-da00-430f-a171-3d2d62e0512b";

fn base() -> ImageInference {
    let mut t = ImageInference::new(UUID4, "A lighthouse at dusk");
    t.width = Some(1248);
    t.height = Some(832);
    t
}

fn refs(n: usize) -> Option<Inputs> {
    Some(Inputs {
        reference_images: (0..n)
            .map(|i| format!("https://example.com/ref{i}.jpg"))
            .collect(),
    })
}

/// The fields reported, in order, for a task changed by `f`.
fn fields(f: impl FnOnce(&mut ImageInference)) -> Vec<String> {
    let mut t = base();
    f(&mut t);
    validate(&t).into_iter().map(|e| e.field).collect()
}

macro_rules! case {
    ($name:ident, $change:expr, [$($field:expr),*]) => {
        #[test]
        fn $name() {
            let expected: Vec<String> = vec![$($field.to_string()),*];
            assert_eq!(fields($change), expected);
        }
    };
}

case!(valid_base_task, |_| {}, []);
case!(
    prompt_2_chars,
    |t| t.positive_prompt = "ab".into(),
    ["positivePrompt"]
);
case!(prompt_3_chars, |t| t.positive_prompt = "abc".into(), []);
case!(
    prompt_3_multibyte_chars_is_9_bytes,
    |t| t.positive_prompt = "猫猫猫".into(),
    []
);
case!(
    prompt_2_multibyte_chars,
    |t| t.positive_prompt = "éé".into(),
    ["positivePrompt"]
);
case!(
    prompt_2500_multibyte_chars,
    |t| t.positive_prompt = "é".repeat(2500),
    []
);
case!(
    prompt_2501_multibyte_chars,
    |t| t.positive_prompt = "é".repeat(2501),
    ["positivePrompt"]
);
case!(
    prompt_2500_emoji,
    |t| t.positive_prompt = "🦀".repeat(2500),
    []
);
case!(
    prompt_2501_ascii,
    |t| t.positive_prompt = "a".repeat(2501),
    ["positivePrompt"]
);
case!(
    prompt_whitespace_only,
    |t| t.positive_prompt = "     ".into(),
    ["positivePrompt"]
);
case!(
    prompt_control_character,
    |t| t.positive_prompt = "a\u{7}bell".into(),
    ["positivePrompt"]
);
case!(
    prompt_newlines_and_tabs_allowed,
    |t| t.positive_prompt = "line\n\tline".into(),
    []
);
case!(results_0, |t| t.number_results = Some(0), ["numberResults"]);
case!(results_1, |t| t.number_results = Some(1), []);
case!(results_20, |t| t.number_results = Some(20), []);
case!(
    results_21,
    |t| t.number_results = Some(21),
    ["numberResults"]
);
case!(
    results_negative,
    |t| t.number_results = Some(-3),
    ["numberResults"]
);
case!(
    quality_19,
    |t| t.output_quality = Some(19),
    ["outputQuality"]
);
case!(quality_20, |t| t.output_quality = Some(20), []);
case!(quality_99, |t| t.output_quality = Some(99), []);
case!(
    quality_100,
    |t| t.output_quality = Some(100),
    ["outputQuality"]
);
case!(ttl_59, |t| t.ttl = Some(59), ["ttl"]);
case!(ttl_60, |t| t.ttl = Some(60), []);
case!(
    ttl_with_explicit_url_output,
    |t| {
        t.output_type = Some(OutputType::Url);
        t.ttl = Some(600);
    },
    []
);
case!(
    ttl_with_data_uri_output,
    |t| {
        t.output_type = Some(OutputType::DataUri);
        t.ttl = Some(600);
    },
    ["ttl"]
);
case!(
    ttl_with_base64_output,
    |t| {
        t.output_type = Some(OutputType::Base64Data);
        t.ttl = Some(600);
    },
    ["ttl"]
);
case!(
    every_allowed_2k_size,
    |t| {
        t.width = Some(3104);
        t.height = Some(1312);
    },
    []
);
case!(size_not_in_table, |t| t.width = Some(1250), ["width"]);
case!(
    swapped_21x9_is_not_allowed,
    |t| {
        t.width = Some(656);
        t.height = Some(1552);
    },
    ["width"]
);
case!(width_without_height, |t| t.height = None, ["height"]);
case!(height_without_width, |t| t.width = None, ["width"]);
case!(
    no_size_no_reference,
    |t| {
        t.width = None;
        t.height = None;
    },
    ["width"]
);
case!(
    no_size_with_reference,
    |t| {
        t.width = None;
        t.height = None;
        t.inputs = refs(1);
    },
    []
);
case!(
    resolution_with_width_height,
    |t| t.resolution = Some(Resolution::K2),
    ["resolution"]
);
case!(
    resolution_with_reference_only,
    |t| {
        t.width = None;
        t.height = None;
        t.resolution = Some(Resolution::K2);
        t.inputs = refs(3);
    },
    []
);
case!(
    zero_references,
    |t| t.inputs = refs(0),
    ["inputs.referenceImages"]
);
case!(one_reference, |t| t.inputs = refs(1), []);
case!(ten_references, |t| t.inputs = refs(10), []);
case!(
    eleven_references,
    |t| t.inputs = refs(11),
    ["inputs.referenceImages"]
);
case!(
    reference_forms_accepted,
    |t| t.inputs = Some(Inputs {
        reference_images: vec![
            "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            "https://example.com/a.png".into(),
            "http://127.0.0.1:8787/image/x.jpg".into(),
            "data:image/png;base64,iVBORw0KGgo=".into(),
            "iVBORw0KGgo=".into(),
        ]
    }),
    []
);
case!(
    reference_ftp_url,
    |t| t.inputs = Some(Inputs {
        reference_images: vec!["ftp://example.com/a.png".into()]
    }),
    ["inputs.referenceImages"]
);
case!(
    reference_non_image_data_uri,
    |t| t.inputs = Some(Inputs {
        reference_images: vec!["data:text/plain;base64,aGVsbG8=".into()]
    }),
    ["inputs.referenceImages"]
);
case!(
    reference_data_uri_without_base64,
    |t| t.inputs = Some(Inputs {
        reference_images: vec!["data:image/png,rawbytes".into()]
    }),
    ["inputs.referenceImages"]
);
case!(
    reference_file_name,
    |t| t.inputs = Some(Inputs {
        reference_images: vec!["holiday.jpg".into()]
    }),
    ["inputs.referenceImages"]
);
case!(
    reference_javascript_url,
    |t| t.inputs = Some(Inputs {
        reference_images: vec!["javascript:alert(1)".into()]
    }),
    ["inputs.referenceImages"]
);
case!(
    webhook_relative,
    |t| t.webhook_url = Some("/hook".into()),
    ["webhookURL"]
);
case!(
    webhook_absolute,
    |t| t.webhook_url = Some("https://hooks.example.com/k?x=1".into()),
    []
);
case!(
    webhook_with_space,
    |t| t.webhook_url = Some("https://hooks.example .com/".into()),
    ["webhookURL"]
);
case!(
    upload_endpoint_not_http,
    |t| t.upload_endpoint = Some("s3://bucket/key".into()),
    ["uploadEndpoint"]
);
case!(
    upload_endpoint_bad_port,
    |t| t.upload_endpoint = Some("https://h:99999999/x".into()),
    ["uploadEndpoint"]
);
case!(
    // Found by the stand-in's own reading of the contract: five digits, but no port.
    upload_endpoint_port_beyond_65535,
    |t| t.upload_endpoint = Some("https://h:99999/x".into()),
    ["uploadEndpoint"]
);
case!(
    upload_endpoint_highest_port,
    |t| t.upload_endpoint = Some("https://h:65535/x".into()),
    []
);
case!(
    task_uuid_v1_refused,
    |t| t.task_uuid = "6ba7b810-9dad-11d1-80b4-00c04fd430c8".into(),
    ["taskUUID"]
);
case!(
    task_uuid_garbage,
    |t| t.task_uuid = "job-1".into(),
    ["taskUUID"]
);
case!(wrong_model, |t| t.model = "runware:100@1".into(), ["model"]);
case!(
    safety_fast_ok,
    |t| t.safety = Some(Safety {
        check_content: Some(true),
        mode: Some(SafetyMode::Fast)
    }),
    []
);
case!(
    safety_full_refused,
    |t| t.safety = Some(Safety {
        check_content: Some(true),
        mode: Some(SafetyMode::Full)
    }),
    ["safety.mode"]
);

#[test]
fn every_violation_is_reported_at_once() {
    let mut t = ImageInference::new("nope", "x");
    t.width = Some(1);
    t.resolution = Some(Resolution::K1);
    t.number_results = Some(21);
    t.output_quality = Some(5);
    t.output_type = Some(OutputType::Base64Data);
    t.ttl = Some(10);
    t.inputs = refs(11);
    let got: Vec<_> = validate(&t).into_iter().map(|e| e.field).collect();
    assert_eq!(
        got,
        [
            "taskUUID",
            "positivePrompt",
            "height",
            "resolution",
            "inputs.referenceImages",
            "numberResults",
            "outputQuality",
            "ttl"
        ]
    );
}

#[test]
fn messages_name_the_numbers_a_user_needs() {
    let mut t = base();
    t.positive_prompt = "é".repeat(2501);
    let e = &validate(&t)[0];
    assert_eq!(e.code, "invalidPositivePromptLength");
    assert!(
        e.message.contains("2500") && e.message.contains("2501"),
        "{}",
        e.message
    );
}

#[test]
fn bad_reference_is_reported_with_its_index() {
    let mut t = base();
    t.inputs = Some(Inputs {
        reference_images: vec!["https://ok.example/a.jpg".into(), "not a ref".into()],
    });
    let e = validate(&t);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].index, Some(1));
    assert!(e[0].message.contains("Reference 2"));
}
