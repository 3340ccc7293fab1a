//! History's pure parts, natively: the stored record's exact shape, what a reload makes of a
//! job, search and filters, de-duplicated import, the virtualised grid's window, presets.

#![cfg(not(target_arch = "wasm32"))]

use kling_studio::domain::form::{upsert_preset, Preset};
use kling_studio::domain::grid::{window, CellSpec, Viewport};
use kling_studio::domain::history::{new_only, Filter, StateFilter, StoredJob, StoredRef};
use kling_studio::domain::{build, Form, JobState, RefInput, ResultMeta, SizeChoice, Slot};
use runware::{OutputFormat, Resolution, Size};
use serde_json::{json, Value};
use std::collections::HashSet;

const ID: &str = "b7b5ebf0-da00-430f-a171-3d2d62e0512b";

fn result(seed: i64, url: Option<&str>) -> Slot {
    Slot::Done(ResultMeta {
        image_uuid: format!("img-{seed}"),
        src: "blob:http://x/never-stored".into(),
        inline: url.is_none(),
        remote_url: url.map(Into::into),
        seed: Some(seed),
        cost: Some(0.028),
        nsfw: Some(false),
        format: OutputFormat::Jpg,
        width: Some(1248),
        height: Some(832),
    })
}

fn stored(delivery_async: bool, state: JobState, slots: Vec<Slot>) -> StoredJob {
    let mut form = Form {
        prompt: "A lighthouse at dusk".into(),
        results: slots.len().to_string(),
        ..Form::default()
    };
    if !delivery_async {
        form.delivery = runware::DeliveryMethod::Sync;
    }
    let refs = [
        RefInput::Local {
            label: "pier.png".into(),
        },
        RefInput::Text("https://example.com/a.jpg".into()),
    ];
    let built = build(&form, &refs, ID, 7);
    StoredJob {
        task_uuid: ID.into(),
        task: built.task,
        refs: vec![
            StoredRef::Local {
                name: "pier.png".into(),
                mime: "image/png".into(),
                width: 640,
                height: 480,
                bytes: 1234.0,
            },
            StoredRef::Text {
                value: "https://example.com/a.jpg".into(),
            },
        ],
        created_ms: 1_790_000_000_000.0,
        ended_ms: None,
        state,
        slots,
        error: None,
        warning: None,
        favourites: vec![1],
    }
}

#[test]
fn the_stored_record_has_runware_spellings_and_no_blob_urls() {
    let job = stored(
        true,
        JobState::Done,
        vec![
            result(1, Some("https://im.runware.ai/1.jpg")),
            result(2, None),
        ],
    );
    let text = serde_json::to_string(&job).unwrap();
    // Floats are written without serde_json's float writer: whole ones as integers, prices as
    // the decimal Runware sent; both read back to the same job.
    assert!(text.contains(r#""createdMs":1790000000000,"#), "{text}");
    assert!(text.contains(r#""cost":0.028,"#), "{text}");
    let back: StoredJob = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    assert_eq!(back.cost(), job.cost());
    let v: Value = serde_json::to_value(&job).unwrap();
    assert_eq!(v["taskUUID"], ID);
    assert_eq!(v["task"]["taskUUID"], ID);
    assert_eq!(v["task"]["deliveryMethod"], "async");
    assert_eq!(v["state"], "done");
    assert_eq!(
        v["slots"][0],
        json!({"done": {"imageUUID": "img-1", "inline": false,
            "imageURL": "https://im.runware.ai/1.jpg", "seed": 1, "cost": 0.028, "nsfw": false,
            "format": "JPG", "width": 1248, "height": 832}})
    );
    assert_eq!(v["slots"][1]["done"]["inline"], true);
    assert_eq!(
        v["refs"][0],
        json!({"local": {"name": "pier.png", "mime": "image/png", "width": 640, "height": 480, "bytes": 1234}})
    );
    assert_eq!(
        v["refs"][1],
        json!({"text": {"value": "https://example.com/a.jpg"}})
    );
    let waiting = stored(
        true,
        JobState::Running,
        vec![Slot::Waiting, Slot::Failed("x".into())],
    );
    let w = serde_json::to_value(&waiting).unwrap();
    assert_eq!(w["slots"], json!(["waiting", {"failed": "x"}]));
    let text = v.to_string();
    assert!(
        !text.contains("blob:"),
        "session-only URLs are never stored: {text}"
    );
    // And it reads back as it was (less the blob: URL, made again on load).
    let back: StoredJob = serde_json::from_value(v).unwrap();
    assert_eq!(back.slots[0], {
        let Slot::Done(mut m) = result(1, Some("https://im.runware.ai/1.jpg")) else {
            unreachable!()
        };
        m.src = String::new();
        Slot::Done(m)
    });
    assert_eq!(back.favourites, vec![1]);
}

#[test]
fn a_reload_resumes_async_work_and_interrupts_a_waiting_sync_request() {
    let running = stored(
        true,
        JobState::Partial,
        vec![result(1, Some("https://a/1.jpg")), Slot::Waiting],
    );
    let after = running.clone().after_reload();
    assert_eq!(
        after, running,
        "async work keeps its state: polling resumes"
    );

    let waiting = stored(false, JobState::Running, vec![Slot::Waiting, Slot::Waiting]);
    let after = waiting.after_reload();
    assert_eq!(after.state, JobState::Interrupted);
    let kling_studio::domain::JobError {
        headline: head,
        detail,
    } = after.error.unwrap();
    assert!(head.contains("Interrupted"));
    assert!(
        detail.contains("may still have produced and billed"),
        "{detail}"
    );
    assert!(after.slots.iter().all(|s| matches!(s, Slot::Failed(_))));

    let finished = stored(false, JobState::Done, vec![result(3, None)]);
    assert_eq!(finished.clone().after_reload(), finished);
}

#[test]
fn imported_result_urls_must_be_safe_to_show() {
    let ok = stored(
        true,
        JobState::Done,
        vec![result(1, Some("https://a/1.jpg"))],
    );
    assert!(ok.urls_are_safe());
    let bad = stored(
        true,
        JobState::Done,
        vec![result(1, Some("javascript:alert(1)"))],
    );
    assert!(!bad.urls_are_safe());
}

#[test]
fn search_and_filters() {
    let f = Filter {
        query: "LIGHTHOUSE dusk".into(),
        ..Filter::default()
    };
    assert!(f.keeps_job("A lighthouse at dusk", JobState::Done));
    assert!(!f.keeps_job("A lighthouse at noon", JobState::Done));
    let f = Filter {
        state: StateFilter::Only(JobState::Failed),
        ..Filter::default()
    };
    assert!(f.keeps_job("x", JobState::Failed) && !f.keeps_job("x", JobState::Done));
    let fav = Filter {
        favourites_only: true,
        ..Filter::default()
    };
    assert!(fav.keeps_result(true) && !fav.keeps_result(false));
    assert!(!Filter::default().is_active() && fav.is_active());
}

#[test]
fn import_adds_only_jobs_not_already_there() {
    let a = stored(true, JobState::Done, vec![]);
    let mut b = a.clone();
    b.task_uuid = "other".into();
    let existing: HashSet<String> = [ID.to_string()].into();
    let (fresh, skipped) = new_only(&existing, vec![a, b.clone(), b]);
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].task_uuid, "other");
    assert_eq!(skipped, 2, "one already stored, one repeated in the file");
}

#[test]
fn the_grid_window_holds_only_visible_rows_and_exact_padding() {
    let spec = CellSpec::default();
    // 930 px wide: 4 columns of 223.5 px, rows of 316 px (+12 gap).
    let at = |scrolled: f64| {
        window(
            1000,
            Viewport {
                width: 930.0,
                scrolled,
                height: 800.0,
            },
            spec,
        )
    };
    let top = at(0.0);
    assert_eq!(top.columns, 4);
    assert_eq!(top.row_height, 316);
    assert_eq!((top.first, top.pad_top), (0, 0));
    assert!(
        top.end <= 4 * 6,
        "a screen and overscan, not 1,000: {top:?}"
    );
    let rows = 250u32;
    let stride = 316 + 12;
    let total = |w: &kling_studio::domain::grid::Window| {
        w.pad_top + w.pad_bottom + ((w.end - w.first) as u32 / 4) * stride
    };
    assert_eq!(
        total(&top),
        rows * stride,
        "padding stands for every row not drawn"
    );
    let mid = at(50_000.0);
    assert_eq!(mid.first % 4, 0);
    assert!(mid.first > 500 && mid.end - mid.first <= 4 * 7, "{mid:?}");
    assert_eq!(total(&mid), rows * stride);
    let end = at(1e9);
    assert_eq!(end.end, 1000);
    // Narrow: one column; grid starting below the fold: the first rows.
    let phone = window(
        10,
        Viewport {
            width: 200.0,
            scrolled: -300.0,
            height: 600.0,
        },
        spec,
    );
    assert_eq!((phone.columns, phone.first), (1, 0));
}

#[test]
fn presets_keep_settings_not_the_prompt_and_round_trip() {
    let form = Form {
        prompt: "not a setting".into(),
        size: SizeChoice::Fixed(Size::from_dims(2048, 2048).unwrap()),
        output_format: OutputFormat::Png,
        ..Form::default()
    };
    let p = Preset::of("  Square master ", &form);
    assert_eq!(p.name, "Square master");
    assert_eq!(p.form.prompt, "");
    let text = serde_json::to_string(&p).unwrap();
    assert!(
        text.contains(r#""size":{"fixed":{"width":2048,"height":2048}}"#),
        "{text}"
    );
    let back: Preset = serde_json::from_str(&text).unwrap();
    let current = Form {
        prompt: "mine".into(),
        ..Form::default()
    };
    let applied = back.apply_to(&current);
    assert_eq!(applied.prompt, "mine");
    assert_eq!(applied.size, form.size);
    assert_eq!(applied.output_format, OutputFormat::Png);
    // A size that is not one of the 16 does not read back.
    assert!(serde_json::from_str::<Preset>(
        r#"{"name":"x","form":{"size":{"fixed":{"width":1000,"height":1000}}}}"#
    )
    .is_err());
    let m = serde_json::from_str::<Preset>(
        r#"{"name":"m","form":{"size":{"matchFirst":{"resolution":"2k"}}}}"#,
    )
    .unwrap();
    assert_eq!(m.form.size, SizeChoice::MatchFirst(Resolution::K2));
    let mut list = vec![Preset::of("b", &form), Preset::of("A", &form)];
    upsert_preset(&mut list, Preset::of("a", &Form::default()));
    let names: Vec<_> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["a", "b"], "same name (any case) replaces; sorted");
}

#[test]
fn search_ignores_case_in_latin_greek_and_cyrillic() {
    use kling_studio::domain::history::prompt_matches;
    use kling_studio::domain::text::fold_case;
    assert!(prompt_matches("Ein Leuchtturm über dem MEER", "ÜBER meer"));
    assert!(prompt_matches("ΦΑΡΟΣ στο σούρουπο", "φαρος ΣΤΟ"));
    assert!(prompt_matches("Маяк на закате", "МАЯК"));
    assert!(prompt_matches("ŁÓDŹ at dusk", "łódź"));
    assert!(!prompt_matches("A lighthouse", "lighthouses"));
    // Agrees with full Unicode lower-casing on every letter of those scripts' main blocks.
    let mut checked = 0;
    let blocks = (0x41..0x180).chain(0x386..0x3CF).chain(0x400..0x530);
    for c in blocks.filter_map(char::from_u32) {
        let full: Vec<char> = c.to_lowercase().collect();
        if full.len() == 1 && c.is_alphabetic() && c != 'ς' {
            assert_eq!(
                fold_case(&c.to_string()),
                full[0].to_string(),
                "U+{:04X}",
                c as u32
            );
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked}");
}
