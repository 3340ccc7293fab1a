//! What can be done with a job in Chromium: cancel (still billed), remix, retry, and a
//! result used as a reference.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use support::ui;
use support::Harness;

#[tokio::test]
async fn cancel_warns_about_billing_retry_sends_again_remix_and_reuse() {
    let h = Harness::start(&["--generation-ms", "60000"]).await;
    h.type_in("Prompt", "Slow one").await;
    h.click("2:3 832x1248").await;
    ui::generate(&h).await;
    ui::wait_state(&h, "Running", 10).await;
    h.click("Cancel").await;
    ui::wait_state(&h, "Cancelled · still billed", 10).await;
    let text = ui::newest_job_text(&h).await;
    assert!(text.contains("still runs and is billed"), "{text}");
    // Change the form, then remix the job: its settings come back.
    h.click("1:1 1024x1024").await;
    ui::prompt(&h, "Something else").await;
    ui::job_menu(&h, 1, "Remix").await;
    assert_eq!(ui::value_of(&h, "Prompt").await, "Slow one");
    h.wait_for(
        Locator::Css("button[aria-label='2:3 832x1248'][aria-pressed=true]"),
        "2:3 restored",
    )
    .await;
    // Sent again (sync this time), a new task with a fresh UUID.
    ui::deliver_sync(&h).await;
    ui::generate(&h).await;
    h.wait_results(1, 30).await;
    let tasks = h.inference_tasks().await;
    assert_eq!(tasks.len(), 2);
    assert_ne!(tasks[0]["taskUUID"], tasks[1]["taskUUID"]);
    // Retry is offered for the cancelled job (second from the top) and sends a third task.
    ui::job_menu(&h, 2, "Retry").await;
    h.eventually(10, "a third task", || async {
        (h.inference_tasks().await.len() == 3).then_some(())
    })
    .await;
    // "Use as reference" puts the result's bytes in the tray.
    ui::open_result(&h, 1).await;
    h.click("Use as reference").await;
    let names = h
        .eventually(10, "the reused result", || async {
            let n = ui::tray_names(&h).await;
            (!n.is_empty()).then_some(n)
        })
        .await;
    assert!(
        names[0].starts_with("slow-one-") && names[0].ends_with(".jpg"),
        "{names:?}"
    );
    assert!(ui::tray_details(&h).await[0].contains("832 × 1248"));
    h.close().await;
}

/// The prompt of the image open in the viewer.
async fn viewer_prompt(h: &Harness) -> String {
    h.js("return document.querySelector('.viewer-prompt')?.textContent ?? ''")
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_edit_sends_the_result_as_reference_one_and_the_viewer_follows_the_chain() {
    let h = Harness::start(&[]).await;
    ui::prompt(&h, "Another subject altogether").await;
    ui::generate(&h).await;
    ui::wait_state(&h, "Done", 40).await;
    ui::prompt(&h, "A red kite over the dunes").await;
    ui::generate(&h).await;
    h.eventually(40, "both done", || async {
        (ui::job_states(&h).await == ["Done", "Done"]).then_some(())
    })
    .await;
    let first = h.inference_tasks().await[1].clone();
    ui::open_result(&h, 1).await;
    assert_eq!(viewer_prompt(&h).await, "A red kite over the dunes");
    h.keys(&['e']).await;
    ui::tray_settled(&h, 1, 0).await;
    assert_eq!(
        ui::value_of(&h, "Prompt").await,
        "",
        "ready for the edit's words"
    );
    let readout = h
        .js("return document.querySelector('[aria-label=\"Chosen size\"]').textContent")
        .await;
    assert!(readout
        .as_str()
        .unwrap()
        .starts_with("Aspect of reference 1"));
    ui::prompt(&h, "Make the kite blue").await;
    ui::generate(&h).await;
    let sent = h
        .eventually(30, "the edit at the stand-in", || async {
            let t = h.inference_tasks().await;
            (t.len() == 3).then(|| t[2].clone())
        })
        .await;
    let reference = sent["inputs"]["referenceImages"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        reference.starts_with("data:image/"),
        "the edited image itself"
    );
    assert!(sent.get("width").is_none() && sent["resolution"] == "1k");
    assert_ne!(sent["taskUUID"], first["taskUUID"]);
    h.eventually(40, "the edit done", || async {
        (ui::job_states(&h).await == ["Done", "Done", "Done"]).then_some(())
    })
    .await;

    // The edit's viewer shows where it came from, after a reload too.
    h.reload().await;
    ui::open_result(&h, 1).await;
    assert_eq!(viewer_prompt(&h).await, "Make the kite blue");
    h.click("Open the image it was edited from").await;
    assert_eq!(viewer_prompt(&h).await, "A red kite over the dunes");
    h.click("Open an edit of this image").await;
    assert_eq!(viewer_prompt(&h).await, "Make the kite blue");
    h.click("Show this chain").await;
    h.eventually(10, "only the chain in the feed", || async {
        (ui::job_states(&h).await.len() == 2).then_some(())
    })
    .await;
    h.click("Edit chain of 2 jobs: show every job again").await;
    h.eventually(10, "every job again", || async {
        (ui::job_states(&h).await.len() == 3).then_some(())
    })
    .await;
    h.close().await;
}
