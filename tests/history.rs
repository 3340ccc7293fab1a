//! History's pure parts, natively: the stored record's exact shape, what a reload makes of a
//! job, search and filters, de-duplicated import, the virtualised grid's window, presets.

#![cfg(not(target_arch = "wasm32"))]

use kling_studio::domain::feed_layout::{block_height, tiles, window, FeedSpec};
use kling_studio::domain::form::{upsert_preset, Preset};
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
        copy_freed: false,
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
        parent: None,
        shot: None,
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
        remedy,
    } = after.error.unwrap();
    assert_eq!(remedy, kling_studio::domain::Remedy::Retry);
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
        state: StateFilter::Failed,
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
fn a_jobs_images_fill_rows_at_their_own_shape_near_the_target_height() {
    let desk = FeedSpec::for_width(970.0);
    // 3:2 pairs at 320 px fill a 970 px row; four of them make two rows.
    let t = tiles(4, 1.5, 970.0, desk);
    assert_eq!((t.per_row, t.rows, t.row_height), (2, 2, 320.0));
    assert!((2.0 * t.tile_width + desk.gap - 970.0).abs() < 4.0, "{t:?}");
    // Squares: three across at the maximum.
    let t = tiles(4, 1.0, 970.0, desk);
    assert_eq!((t.per_row, t.rows), (3, 2));
    // 2:3 portraits: five across, close to the target.
    let t = tiles(5, 2.0 / 3.0, 970.0, desk);
    assert_eq!(t.per_row, 5);
    assert!((t.row_height - 280.0).abs() < 10.0, "{t:?}");
    // 21:9 fills the width two by two rather than one wide image beside a gap.
    let t = tiles(4, 1552.0 / 656.0, 970.0, desk);
    assert_eq!(t.per_row, 2);
    // A single image is never taller than a row may be, nor wider than the feed.
    let t = tiles(1, 1.0, 970.0, desk);
    assert!(t.row_height <= desk.max_row && t.tile_width <= 970.0);
    // A phone: one landscape image per row at the feed's width.
    let phone = FeedSpec::for_width(358.0);
    let t = tiles(2, 1.5, 358.0, phone);
    assert_eq!(t.per_row, 1);
    assert!(t.tile_width <= 358.0);
    // A bad aspect (unknown yet) lays out as a square.
    assert_eq!(tiles(1, f64::NAN, 500.0, desk), tiles(1, 1.0, 500.0, desk));
}

#[test]
fn the_feed_window_holds_only_jobs_on_screen_and_exact_padding() {
    let spec = FeedSpec::for_width(970.0);
    let block = block_height(tiles(4, 1.0, 970.0, spec), spec);
    let heights = vec![block; 250];
    let total: f64 = heights.iter().sum();
    let covered = |w: &kling_studio::domain::feed_layout::Window| {
        f64::from(w.pad_top + w.pad_bottom) + (w.end - w.first) as f64 * block
    };
    let top = window(&heights, 0.0, 800.0, spec);
    assert_eq!((top.first, top.pad_top), (0, 0));
    assert!(top.end <= 6, "a screen and overscan, not 250: {top:?}");
    assert!(
        (covered(&top) - total).abs() <= 1.0,
        "padding stands for every block not drawn"
    );
    let mid = window(&heights, 50_000.0, 800.0, spec);
    assert!(mid.first > 50 && mid.end - mid.first <= 6, "{mid:?}");
    assert!((covered(&mid) - total).abs() <= 1.0);
    let end = window(&heights, 1e9, 800.0, spec);
    assert_eq!(end.end, 250);
    // Mixed heights: the job under the viewport's top is drawn.
    let mixed = [100.0, 2000.0, 100.0, 100.0];
    let w = window(
        &mixed,
        1500.0,
        300.0,
        FeedSpec {
            overscan: 0.0,
            ..spec
        },
    );
    assert_eq!((w.first, w.end), (1, 2));
    assert_eq!(w.pad_top, 100);
    // Below the fold (the list starts lower than the viewport's top): the first jobs.
    let w = window(&heights, -300.0, 600.0, spec);
    assert_eq!(w.first, 0);
}

#[test]
fn states_read_as_words_and_retry_is_offered_only_where_it_helps() {
    use kling_studio::domain::job::{can_retry, state_words, Standing};
    use kling_studio::domain::{JobError, Remedy};
    let done = || result(1, None);
    let failed = || Slot::Failed("The provider did not return this image in time.".into());
    assert_eq!(state_words(JobState::Queued, &[Slot::Waiting]).1, "Queued");
    assert_eq!(
        state_words(
            JobState::Partial,
            &[done(), done(), Slot::Waiting, Slot::Waiting]
        ),
        (Standing::Working, "Running · 2 of 4".into())
    );
    assert_eq!(
        state_words(JobState::Done, &[done(), done(), done(), failed()]),
        (Standing::Warning, "Partly done · 3 of 4".into())
    );
    assert_eq!(state_words(JobState::Done, &[done()]).1, "Done");
    // Counted the same way as while it ran, so the line keeps its shape when it finishes.
    assert_eq!(
        state_words(JobState::Done, &[done(), done()]).1,
        "Done · 2 of 2"
    );
    assert_eq!(
        state_words(JobState::Cancelled, &[Slot::Waiting]).1,
        "Cancelled · still billed"
    );
    // A deleted image is no longer counted among the asked.
    assert_eq!(
        state_words(
            JobState::Running,
            &[done(), Slot::Deleted(Some(0.028)), Slot::Waiting]
        )
        .1,
        "Running · 1 of 2"
    );
    let busy = JobError::new("Runware is busy", "No capacity right now (503).");
    let blocked =
        JobError::new("Blocked by the content policy", "…").with_remedy(Remedy::ChangeRequest);
    assert!(can_retry(JobState::Failed, Some(&busy)));
    assert!(
        !can_retry(JobState::Failed, Some(&blocked)),
        "never for a blocked prompt"
    );
    assert!(can_retry(JobState::Interrupted, None) && can_retry(JobState::Cancelled, None));
    assert!(!can_retry(JobState::Done, None) && !can_retry(JobState::Running, None));
    // Stored errors keep their two-element form; a remedy other than retry is added third.
    assert_eq!(
        serde_json::to_value(&busy).unwrap(),
        json!(["Runware is busy", "No capacity right now (503)."])
    );
    assert_eq!(serde_json::to_value(&blocked).unwrap()[2], "changeRequest");
    let old: JobError = serde_json::from_value(json!(["Interrupted by a reload", "…"])).unwrap();
    assert_eq!(old.remedy, Remedy::Retry);
    let back: JobError = serde_json::from_value(serde_json::to_value(&blocked).unwrap()).unwrap();
    assert_eq!(back, blocked);
}

#[test]
fn the_estimate_of_time_left_comes_from_recent_jobs() {
    use kling_studio::domain::eta::{left_words, time_left, typical, Left};
    assert_eq!(typical(&[]), None);
    assert_eq!(typical(&[60_000.0, 90_000.0, 200_000.0]), Some(90_000.0));
    assert_eq!(typical(&[60_000.0, 80_000.0]), Some(70_000.0));
    assert_eq!(time_left(30_000.0, &[90_000.0]), Left::About(60_000.0));
    assert_eq!(
        left_words(&time_left(30_000.0, &[90_000.0])).as_deref(),
        Some("about 1:00 left")
    );
    assert_eq!(time_left(95_000.0, &[90_000.0]), Left::AnyMoment);
    assert_eq!(left_words(&Left::Unknown), None);
}

#[test]
fn a_zip_gives_every_entry_its_own_name_and_deleted_images_keep_their_cost() {
    use kling_studio::domain::job::{slots_cost, unique_names};
    let names = unique_names(vec![
        "a-1.jpg".into(),
        "a-1.jpg".into(),
        "b.png".into(),
        "a-1.jpg".into(),
    ]);
    assert_eq!(names, ["a-1.jpg", "a-1-2.jpg", "b.png", "a-1-3.jpg"]);
    let slots = [result(1, None), Slot::Deleted(Some(0.028)), Slot::Waiting];
    assert!(
        (slots_cost(&slots) - 0.056).abs() < 1e-9,
        "what was paid stays counted"
    );
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

#[test]
fn freeing_space_takes_the_oldest_copies_first_and_favourites_last() {
    use kling_studio::domain::history::free_order;
    // (starred, job started, slot)
    let copies = [
        (false, 300.0, 0), // newest job
        (true, 100.0, 1),  // oldest job, starred
        (false, 100.0, 0), // oldest job
        (false, 200.0, 1),
        (true, 50.0, 0), // the very oldest, but starred
    ];
    assert_eq!(free_order(&copies), [2, 3, 0, 4, 1]);
}

#[test]
fn a_spend_cap_refuses_with_the_numbers_and_counts_what_is_committed() {
    use kling_studio::domain::spend::{check, committed, estimate, parse_cap, Caps, Spent};
    assert_eq!(parse_cap(""), Ok(None));
    assert_eq!(parse_cap(" $2 "), Ok(Some(2.0)));
    assert_eq!(parse_cap("0.05"), Ok(Some(0.05)));
    assert!(parse_cap("0").is_err() && parse_cap("two").is_err());
    let caps = Caps {
        session: Some(0.05),
        day: None,
    };
    // Two images at $0.028 pass a $0.05 cap; one fits.
    assert_eq!(
        check(estimate(2), Spent::default(), caps),
        Err("This needs $0.056; $0.050 left of this session's $0.05.".into())
    );
    assert_eq!(check(estimate(1), Spent::default(), caps), Ok(()));
    let day = Caps {
        session: None,
        day: Some(2.0),
    };
    let spent = Spent {
        session: 0.0,
        day: 1.8,
    };
    assert_eq!(
        check(0.56, spent, day),
        Err("This needs $0.560; $0.200 left of today's $2.00.".into())
    );
    // Exactly reaching the cap is allowed, despite float sums.
    let spent = Spent {
        session: estimate(1) + estimate(1) + estimate(1),
        day: 0.0,
    };
    let three_more = Caps {
        session: Some(0.168),
        day: None,
    };
    assert_eq!(check(estimate(3), spent, three_more), Ok(()));
    // Reported costs where known, the price where not yet, nothing for a failure.
    let unreported = |seed| match result(seed, None) {
        Slot::Done(mut m) => {
            m.cost = None;
            Slot::Done(m)
        }
        other => other,
    };
    let slots = [unreported(1), Slot::Waiting, Slot::Failed("blocked".into())];
    let mut first = result(1, None);
    if let Slot::Done(m) = &mut first {
        m.cost = Some(0.03);
    }
    assert!((committed(&[first, Slot::Waiting]) - 0.058).abs() < 1e-12);
    assert!((committed(&slots) - 0.056).abs() < 1e-12);
}

#[test]
fn an_edit_chain_is_followed_to_its_root_and_its_children() {
    use kling_studio::domain::lineage::{chain, children, root, Parent};
    let p = |t: &str, slot| Parent {
        task_uuid: t.into(),
        slot,
        image_uuid: format!("{t}-{slot}"),
    };
    // a -> b (from a's 2nd image) -> c and d (from b's 1st); e is unrelated; f's parent is gone.
    let (pb, pc, pd, pf) = (p("a", 1), p("b", 0), p("b", 0), p("zz", 0));
    let tree = [
        ("a", None),
        ("b", Some(&pb)),
        ("c", Some(&pc)),
        ("d", Some(&pd)),
        ("e", None),
        ("f", Some(&pf)),
    ];
    assert_eq!(root(&tree, "c", 0), ("a".to_owned(), 1));
    assert_eq!(root(&tree, "a", 3), ("a".to_owned(), 3));
    assert_eq!(
        root(&tree, "f", 0),
        ("f".to_owned(), 0),
        "a parent no longer kept ends the walk"
    );
    assert_eq!(children(&tree, "b", 0), ["c", "d"]);
    assert!(
        children(&tree, "a", 0).is_empty(),
        "b came from a's second image"
    );
    assert_eq!(chain(&tree, "d"), ["a", "b", "c", "d"]);
    assert_eq!(chain(&tree, "e"), ["e"]);
}

#[test]
fn shot_lists_read_lines_and_csv_and_name_the_bad_row() {
    use kling_studio::domain::shots::{
        from_csv, from_lines, shot_file, to_start, ShotState, ShotsError,
    };
    let shots = from_lines("A fox at dawn\n\n  The fox at noon  \nThe fox at dusk\n").unwrap();
    assert_eq!(shots.len(), 3);
    assert_eq!(shots[1].prompt, "The fox at noon");
    assert_eq!(from_lines(" \n"), Err(ShotsError::Empty));

    let csv = "prompt,width,height,images\n\"A fox, at dawn\",1248,832,2\n\"The fox said \"\"hello\"\"\",,,\n";
    let shots = from_csv(csv).unwrap();
    assert_eq!(shots[0].prompt, "A fox, at dawn");
    assert_eq!(shots[0].images, Some(2));
    assert!(
        matches!(shots[0].size, Some(SizeChoice::Fixed(s)) if (s.width(), s.height()) == (1248, 832))
    );
    assert_eq!(shots[1].prompt, "The fox said \"hello\"");
    assert_eq!(shots[1].size, None);
    let with_res = from_csv("prompt,resolution\nA wide street,2k\n").unwrap();
    assert_eq!(
        with_res[0].size,
        Some(SizeChoice::MatchFirst(Resolution::K2))
    );

    let broken = "prompt,width,height\nA fox at dawn,1248,832\nA fox at noon,1000,1000\nA fox at dusk,1248,832\n";
    assert_eq!(
        from_csv(broken).unwrap_err().to_string(),
        "Line 3: 1000x1000 is not one of the 16 sizes Kling IMAGE O1 makes."
    );
    assert_eq!(
        from_csv("prompt,images\nA fox,one\n")
            .unwrap_err()
            .to_string(),
        "Line 2: images “one” is not a whole number."
    );
    assert_eq!(
        from_csv("prompt,images\nA fox,1,extra\n")
            .unwrap_err()
            .to_string(),
        "Line 2: 3 fields where the header has 2."
    );
    assert_eq!(from_csv("title\nA fox\n"), Err(ShotsError::Header));

    // Two at once: the first two waiting go; paused, none.
    let states = [
        ShotState::Sent("a".into()),
        ShotState::Waiting,
        ShotState::Cancelled,
        ShotState::Waiting,
        ShotState::Waiting,
    ];
    assert_eq!(to_start(&states, 1, 2, false), [1]);
    assert_eq!(to_start(&states, 0, 2, false), [1, 3]);
    assert_eq!(to_start(&states, 0, 4, false), [1, 3, 4]);
    assert!(to_start(&states, 0, 2, true).is_empty());
    assert_eq!(shot_file(2, 1, "jpg"), "shot-03-2.jpg");
}

#[test]
fn kits_keep_labels_with_their_images_and_names_apart() {
    use kling_studio::domain::draft::{DraftRef, DraftRefs};
    use kling_studio::domain::kits::{fits, kit_name, mention_words, KitLoad, KitMeta};
    let file = |n: &str| DraftRef::Local {
        name: n.into(),
        sent_at_own_size: false,
    };
    let mut kit = KitMeta {
        name: "Keeper".into(),
        labels: vec!["face".into(), "costume".into()],
        refs: DraftRefs {
            refs: vec![file("face.png"), file("coat.png"), file("room.png")],
        },
    };
    kit.set_label(2, "  the lighthouse room  ");
    assert_eq!(kit.labels, ["face", "costume", "the lighthouse room"]);
    kit.reorder(2, 0);
    assert_eq!(kit.labels, ["the lighthouse room", "face", "costume"]);
    assert_eq!(kit.refs.refs[0], file("room.png"));
    kit.reorder(0, 7);
    assert_eq!(kit.refs.refs[0], file("room.png"));

    let taken = vec!["Keeper".to_owned()];
    assert_eq!(kit_name("  Lamp room ", &taken), Ok("Lamp room".into()));
    assert_eq!(
        kit_name("keeper", &taken),
        Err("A kit already has this name.")
    );
    assert_eq!(kit_name("   ", &taken), Err("Give the kit a name."));

    assert_eq!(fits(KitLoad::Replace, 9, 3, 10), 3);
    assert_eq!(fits(KitLoad::Append, 9, 3, 10), 1);
    assert_eq!(fits(KitLoad::Append, 10, 3, 10), 0);

    assert_eq!(mention_words(1, Some("costume")), "image 2 (costume)");
    assert_eq!(mention_words(0, Some(" ")), "image 1");
    assert_eq!(mention_words(2, None), "image 3");
}

#[test]
fn a_shot_list_is_checked_against_its_settings_and_counted() {
    use kling_studio::domain::shots::{check, counts, from_lines, images, ShotState};
    let mut base = kling_studio::domain::Form {
        results: "2".into(),
        ..Default::default()
    };
    let shots = from_lines("The keeper at dawn\n\nThe keeper at dusk").unwrap();
    assert_eq!(shots[1].line, 3);
    assert_eq!(images(&shots, &base), 4);
    assert!(check(&shots, &base, &[]).is_ok());
    let csv = kling_studio::domain::shots::from_csv(
        "prompt,images\nThe keeper at dawn,1\nThe keeper at noon,3\nThe keeper at dusk,\n",
    )
    .unwrap();
    assert_eq!(images(&csv, &base), 6);
    // The list's own settings ask for 0 images: only the shot that sets none is refused,
    // named by its line in the file.
    base.results = "0".into();
    let err = check(&csv, &base, &[]).unwrap_err().to_string();
    assert!(err.starts_with("Line 4: "), "{err}");
    let states = [
        ShotState::Waiting,
        ShotState::Sent("a".into()),
        ShotState::Cancelled,
        ShotState::Waiting,
    ];
    assert_eq!(counts(&states), (2, 1, 1));
}
