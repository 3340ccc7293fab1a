//! The fault matrix: each fault the stand-in can inject ends in a stated, visible state, and
//! transient ones recover by themselves (README, "Faults").

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::{key::Key, Locator};
use support::ui;
use support::Harness;

/// Injects `fault` `count` times, sends one sync job, and returns the job's text once it is
/// in the state `expect_state`.
async fn run_with_fault(h: &Harness, fault: &str, count: u32, expect_state: &str) -> String {
    h.inject(fault, count).await;
    h.type_in("Prompt", &format!("Fault {fault}")).await;
    ui::deliver_sync(h).await;
    h.click("Generate").await;
    ui::wait_state(h, expect_state, 60).await;
    ui::newest_job_text(h).await
}

#[tokio::test]
async fn transient_faults_recover_by_themselves() {
    for fault in ["500", "503", "504", "drop", "html"] {
        let h = Harness::start(&[]).await;
        let card = run_with_fault(&h, fault, 1, "Done").await;
        assert!(card.starts_with("Done"), "{fault}: {card}");
        h.wait_results(1, 10).await;
        let log = h.received().await;
        assert_eq!(log[0]["fault"], fault, "{fault} was injected first");
        h.close().await;
    }
}

#[tokio::test]
async fn persistent_server_errors_fail_visibly_after_three_retries() {
    let h = Harness::start(&[]).await;
    let card = run_with_fault(&h, "503", 4, "Failed").await;
    assert!(
        card.contains("Runware is busy") && card.contains("(503)"),
        "{card}"
    );
    assert!(
        !card.contains("serviceUnavailable"),
        "words, not codes: {card}"
    );
    assert!(
        card.contains("Retry sends it again"),
        "says what to do: {card}"
    );
    let faults = h
        .received()
        .await
        .iter()
        .filter(|r| r["fault"] == "503")
        .count();
    assert_eq!(faults, 4, "one try and three retries");
    h.close().await;
}

#[tokio::test]
async fn malformed_json_is_not_retried_and_says_so() {
    // A garbled 2xx answer to a billed task is not sent again: it may have run.
    let h = Harness::start(&[]).await;
    let card = run_with_fault(&h, "malformed", 1, "Failed").await;
    assert!(card.contains("malformed JSON"), "{card}");
    assert!(h.inference_tasks().await.is_empty());
    h.close().await;
}

#[tokio::test]
async fn one_failing_async_slot_leaves_the_others_and_says_why() {
    let h = Harness::start(&[]).await;
    h.inject("slotError", 1).await;
    h.type_in("Prompt", "Two slots, one fails").await;
    ui::set(&h, "Images", "2").await;
    h.click("Generate").await;
    ui::wait_state(&h, "Partly done · 1 of 2", 30).await;
    h.wait_results(1, 10).await;
    let failed = h
        .wait_for(
            Locator::XPath("//*[@role='feed']//*[@role='group'][@aria-label='Not produced']"),
            "the failed image",
        )
        .await;
    let why = failed.text().await.unwrap();
    assert!(
        why.contains("did not return this image in time"),
        "the reason, visible: {why}"
    );
    h.close().await;
}

#[tokio::test]
async fn endpoint_down_fails_with_a_clear_message() {
    let h = Harness::start(&[]).await;
    h.click("Settings").await;
    let endpoint = h.by_label("Endpoint").await;
    endpoint.clear().await.unwrap();
    // Nothing listens on port 9 of loopback.
    endpoint.send_keys("http://127.0.0.1:9/v1").await.unwrap();
    h.press(Key::Escape).await;
    h.type_in("Prompt", "Nobody home").await;
    ui::deliver_sync(&h).await;
    h.click("Generate").await;
    ui::wait_state(&h, "Failed", 60).await;
    let card = ui::newest_job_text(&h).await;
    assert!(card.contains("Could not reach the endpoint"), "{card}");
    h.close().await;
}

#[tokio::test]
async fn an_answer_slower_than_the_time_out_never_sends_the_task_twice() {
    let h = Harness::start(&[]).await;
    h.click("Settings").await;
    let timeout = h.by_label("Time-out (seconds)").await;
    timeout.clear().await.unwrap();
    timeout.send_keys("2").await.unwrap();
    h.press(Key::Escape).await;
    h.set_latency(3500).await;

    // Sync: the job fails with the time-out and the billing warning; nothing is resent.
    h.type_in("Prompt", "Slow sync answer").await;
    ui::deliver_sync(&h).await;
    h.click("Generate").await;
    ui::wait_state(&h, "Failed", 30).await;
    let card = ui::newest_job_text(&h).await;
    assert!(card.contains("No answer within 2 s"), "{card}");
    assert!(
        card.contains("may still run on Runware and be billed"),
        "{card}"
    );
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(
        h.inference_tasks().await.len(),
        1,
        "a timed-out task is not resent"
    );

    // Async: the acknowledgement is late, so the app asks by taskUUID instead of resending;
    // once the endpoint is quick again the job completes.
    h.by_label("Poll for results (async)")
        .await
        .click()
        .await
        .unwrap();
    h.type_in("Prompt", " then async").await;
    h.click("Generate").await;
    h.wait_for(
        Locator::XPath(
            "//*[@role='feed']//article[contains(., 'checking whether Runware has the task')]",
        ),
        "the late acknowledgement notice",
    )
    .await;
    h.set_latency(0).await;
    h.wait_results(1, 60).await;
    let tasks = h.inference_tasks().await;
    assert_eq!(tasks.len(), 2, "the async task was sent once");
    let id = tasks[1]["taskUUID"].as_str().unwrap().to_owned();
    assert!(
        h.polls(&id).await > 0,
        "the result was fetched by its taskUUID"
    );
    h.close().await;
}

/// The status dot's words (its accessible name).
async fn status_words(h: &Harness) -> String {
    h.js("return document.querySelector('.topbar .status').getAttribute('aria-label')")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_status_dot_follows_the_last_request_and_names_a_stopped_upstream() {
    let mut h = Harness::start(&[]).await;
    assert!(status_words(&h).await.contains("No request yet"));
    h.type_in("Prompt", "A lighthouse at dusk").await;
    ui::deliver_sync(&h).await;
    h.click("Generate").await;
    ui::wait_state(&h, "Done", 60).await;
    let words = status_words(&h).await;
    assert!(
        words.contains("Connected"),
        "after a job came back: {words}"
    );
    assert!(
        h.js("return !!document.querySelector('.topbar .dot.ok')")
            .await
            == true
    );

    // The proxy still answers, Runware behind it does not: a bare 502 from the proxy.
    h.stop_mock();
    h.click("Generate").await;
    h.eventually(60, "the dot to turn red", || async {
        (h.js("return !!document.querySelector('.topbar .dot.bad')")
            .await
            == true)
            .then_some(())
    })
    .await;
    let words = status_words(&h).await;
    assert!(
        words.contains("Runware is not answering through the proxy (502)"),
        "{words}"
    );
    ui::wait_state(&h, "Failed", 60).await;
    let card = ui::newest_job_text(&h).await;
    assert!(card.contains("not answering through it"), "{card}");
    assert!(
        !card.contains("Is the endpoint URL right"),
        "a gateway error is not blamed on the URL: {card}"
    );
    h.close().await;
}
