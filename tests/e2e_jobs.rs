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
