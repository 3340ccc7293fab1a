//! The deployed site: real nginx (deploy/) in front of a stand-in that accepts only the
//! server's key, whose request log is the witness of what got through. A login over the page
//! and the API, an allow-list of what is forwarded, rate limits, and the studio working
//! behind all of it in Chromium.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use serde_json::{json, Value};
use std::time::Duration;
use support::{alive, basic_auth, render, Harness, Site};

const SERVER_KEY: &str = "server-side-key-7f3a";
const LOGIN: (&str, &str) = ("ana", "correct horse battery");

fn site() -> Site {
    Site::Nginx {
        api_key: SERVER_KEY,
        login: LOGIN,
    }
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn kling(prompt: &str) -> Value {
    json!({"taskType": "imageInference", "taskUUID": uuid(), "model": "klingai:kling-image@o1",
           "positivePrompt": prompt, "width": 1024, "height": 1024})
}

/// POSTs tasks to the API path with the login; (status, Retry-After, body).
async fn post(h: &Harness, tasks: &Value) -> (u16, Option<String>, String) {
    let resp = reqwest::Client::new()
        .post(format!("{}/api/runware", h.site))
        .header("Authorization", basic_auth(LOGIN.0, LOGIN.1))
        .json(tasks)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    for (name, value) in resp.headers() {
        assert!(
            !value.to_str().unwrap_or("").contains(SERVER_KEY),
            "the key in {name}"
        );
    }
    let retry = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = resp.text().await.unwrap();
    assert!(!body.contains(SERVER_KEY), "the key in an answer");
    (status, retry, body)
}

fn log_text(h: &Harness) -> String {
    let dir = h.nginx_dir.as_ref().unwrap();
    ["access.log", "error.log"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default())
        .collect()
}

/// Result images stored as bytes in IndexedDB.
async fn stored_images(h: &Harness) -> u64 {
    h.js_async("const d = arguments[0]; const o = indexedDB.open('kling-studio'); o.onsuccess = () => { const q = o.result.transaction('blobs').objectStore('blobs').getAllKeys(); q.onsuccess = () => { o.result.close(); d(q.result.filter(k => /\\/o\\d+$/.test(k)).length); }; };")
        .await
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn behind_its_login_the_studio_generates_and_strangers_get_nothing() {
    // An image host that does not let pages read its images: copies come through the site.
    let h = Harness::start_with(&["--api-key", SERVER_KEY, "--image-cors", "false"], site()).await;
    h.type_in("Prompt", "Through the production proxy").await;
    support::ui::deliver_sync(&h).await;
    h.click("Generate").await;
    let imgs = h.wait_results(1, 40).await;
    assert_eq!((imgs[0].1, imgs[0].2), (1248, 832));
    h.eventually(
        20,
        "a copy of the image, through the image path",
        || async { (stored_images(&h).await == 1).then_some(()) },
    )
    .await;
    let mock_host = h.mock.trim_start_matches("http://").to_owned();
    assert!(
        log_text(&h).contains(&format!("\"GET /api/runware-images/{mock_host}/image/")),
        "{}",
        log_text(&h)
    );
    h.assert_key_stayed_in_the_proxy(SERVER_KEY).await;
    // A lazy part of the studio comes through nginx too: fetched on first use, precompressed,
    // cached for good under its hashed name.
    h.click("Settings").await;
    h.by_label("Endpoint").await;
    let chunk = h
        .js("return performance.getEntriesByType('resource').map(e => e.name).find(n => n.includes('/split_settings-')) ?? null")
        .await;
    let chunk = chunk
        .as_str()
        .expect("the settings chunk was fetched")
        .to_owned();
    let served = reqwest::Client::new()
        .get(&chunk)
        .header("Authorization", basic_auth(LOGIN.0, LOGIN.1))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-encoding"], "br");
    assert_eq!(served.headers()["content-type"], "application/wasm");
    assert!(served.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    // Without kept copies a result is only its link, which this host will not give to the
    // page: Download still saves the image (through the image path), under its own name,
    // and the studio stays where it is.
    h.press(fantoccini::key::Key::Escape).await;
    support::ui::stop_keeping_copies(&h).await;
    let downloads = h.downloads().await;
    support::ui::set(&h, "Prompt", "Only its link").await;
    h.click("Generate").await;
    h.wait_results(2, 40).await;
    let link = h
        .js("return document.querySelector('[role=feed] img[alt^=Result]').src")
        .await;
    let link = link.as_str().unwrap().to_owned();
    assert!(link.starts_with(&h.mock), "{link}");
    h.js("document.querySelector('[role=feed] [aria-label=Download]').click(); return null")
        .await;
    let saved = h.downloaded(&downloads, &["jpg", "png"], 20).await;
    let want = reqwest::get(&link).await.unwrap().bytes().await.unwrap();
    assert_eq!(std::fs::read(&saved).unwrap(), want.to_vec(), "{saved:?}");
    assert!(
        saved
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("only-its-link"),
        "{saved:?}"
    );
    assert!(h.js("return location.pathname").await == "/");
    let seen = h.received().await.len();

    // A stranger: the page and the API answer 401, and nothing reaches the stand-in.
    let client = reqwest::Client::new();
    let page = client.get(&h.site).send().await.unwrap();
    assert_eq!(page.status(), 401);
    assert!(page.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    let api = client
        .post(format!("{}/api/runware", h.site))
        .json(&json!([kling("A stranger's request")]))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401);
    let wrong = client
        .get(&h.site)
        .header("Authorization", basic_auth(LOGIN.0, "wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    // Only the API itself is forwarded: nothing else under its path.
    let (status, ..) = {
        let r = client
            .get(format!("{}/api/runware/v1/anything?token=abc", h.site))
            .header("Authorization", basic_auth(LOGIN.0, LOGIN.1))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), ())
    };
    assert_eq!(status, 404);

    // The login expires: the job says so, and it was not sent.
    h.cdp("Network.setExtraHTTPHeaders", json!({ "headers": {} }))
        .await;
    h.click("Generate").await;
    h.wait_for(
        Locator::XPath("//*[contains(., 'sign in again')]"),
        "the sign-in message",
    )
    .await;
    assert_eq!(
        h.received().await.len(),
        seen,
        "the stand-in saw none of it"
    );

    // The key is in no log line, and no URL is logged with its query string.
    let logs = log_text(&h);
    assert!(!logs.contains(SERVER_KEY), "the key reached a log");
    assert!(
        !logs.contains("token=abc"),
        "a query string reached the log"
    );
    assert!(!logs.contains(LOGIN.1), "the password reached a log");
    assert!(logs.contains("\"GET /api/runware/v1/anything\""), "{logs}");

    let pids = h.nginx_pids();
    assert!(pids.len() >= 2, "a master and its workers: {pids:?}");
    h.close().await;
    for pid in pids {
        assert!(!alive(pid), "nginx process {pid} outlived the test");
    }
}

#[tokio::test]
async fn only_the_studios_tasks_pass_and_a_burst_slows_down_without_failing_a_job() {
    let h = Harness::start_with(&["--api-key", SERVER_KEY], site()).await;
    let seen = h.received().await.len();
    let other_model = json!([{ "taskType": "imageInference", "taskUUID": uuid(),
        "model": "runware:100@1", "positivePrompt": "cheaper elsewhere", "width": 1024, "height": 1024 }]);
    let other_task = json!([{ "taskType": "videoInference", "taskUUID": uuid(),
        "model": "klingai:kling-video@2", "positivePrompt": "a long expensive video" }]);
    let mixed = json!([kling("A fine one"), { "taskType": "imageUpscale", "taskUUID": uuid(),
        "inputImage": "https://example.com/x.jpg", "upscaleFactor": 4 }]);
    let account_delete = json!([{ "taskType": "accountManagement", "taskUUID": uuid(),
        "operation": "deleteApiKey" }]);
    for (tasks, names) in [
        (&other_model, "runware:100@1"),
        (&other_task, "videoInference"),
        (&mixed, "imageUpscale"),
        (&account_delete, "deleteApiKey"),
    ] {
        let (status, _, body) = post(&h, tasks).await;
        assert_eq!(status, 403, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(
            v["errors"][0]["message"].as_str().unwrap().contains(names),
            "{body}"
        );
    }
    assert_eq!(
        h.received().await.len(),
        seen,
        "nothing refused reached the stand-in"
    );

    // The image path serves the image host alone: another host, one hidden in the name, or
    // anything but GET is refused, and the other host never hears of it.
    let other = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let other_host = other.local_addr().unwrap().to_string();
    let mock_host = h.mock.trim_start_matches("http://").to_owned();
    let client = reqwest::Client::new();
    for path in [
        format!("/api/runware-images/{other_host}/image/x.jpg"),
        format!("/api/runware-images/{mock_host}.evil.example/image/x.jpg"),
        "/api/runware-images/im.runware.ai/image/x.jpg".to_owned(),
        "/api/runware-images/".to_owned(),
    ] {
        let r = client
            .get(format!("{}{path}", h.site))
            .header("Authorization", basic_auth(LOGIN.0, LOGIN.1))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let posted = client
        .post(format!(
            "{}/api/runware-images/{mock_host}/image/x.jpg",
            h.site
        ))
        .header("Authorization", basic_auth(LOGIN.0, LOGIN.1))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 403, "only GET goes to the image host");
    let stranger = client
        .get(format!(
            "{}/api/runware-images/{mock_host}/image/x.jpg",
            h.site
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        stranger.status(),
        401,
        "the image path is behind the login too"
    );
    let reached = tokio::time::timeout(Duration::from_millis(200), other.accept()).await;
    assert!(
        reached.is_err(),
        "another host was reached through the image path"
    );
    // The image host itself passes (a 404 from it for an unknown image, not a refusal).
    let passed = client
        .get(format!(
            "{}/api/runware-images/{mock_host}/image/none.jpg",
            h.site
        ))
        .header("Authorization", basic_auth(LOGIN.0, LOGIN.1))
        .send()
        .await
        .unwrap();
    assert_eq!(passed.status(), 404);
    assert!(passed.text().await.unwrap().contains("image not found"));
    // The account lookup Settings uses goes through.
    let lookup =
        json!([{ "taskType": "accountManagement", "taskUUID": uuid(), "operation": "getDetails" }]);
    assert_eq!(post(&h, &lookup).await.0, 200);

    // Sixty requests at once: some are slowed down with Retry-After; a job sent during the
    // burst still finishes.
    h.type_in("Prompt", "Sent during a burst").await;
    let burst = futures_util::future::join_all((0..60).map(|i| {
        let tasks = json!([kling(&format!("Burst {i}"))]);
        let h = &h;
        async move { post(h, &tasks).await }
    }));
    let (answers, _) = tokio::join!(burst, async {
        tokio::time::sleep(Duration::from_millis(30)).await;
        h.click("Generate").await;
    });
    let slowed: Vec<_> = answers.iter().filter(|a| a.0 == 429).collect();
    assert!(!slowed.is_empty(), "no 429 in a burst of 60");
    assert!(
        slowed.iter().all(|a| a.1.is_some()),
        "every 429 carries Retry-After"
    );
    assert!(answers.iter().all(|a| a.0 == 200 || a.0 == 429));
    h.wait_results(1, 90).await;
    h.close().await;
}

#[tokio::test]
async fn render_refuses_an_open_site_unless_asked_and_serves_https_with_a_certificate() {
    let base = [
        ("RUNWARE_API_KEY", "k".to_owned()),
        (
            "KLING_RUNTIME_DIR",
            std::env::temp_dir()
                .join("kling-render")
                .display()
                .to_string(),
        ),
    ];
    let out = render(&base);
    assert!(!out.status.success());
    let why = String::from_utf8_lossy(&out.stderr);
    assert!(
        why.contains("KLING_HTPASSWD") && why.contains("KLING_PUBLIC=yes"),
        "{why}"
    );

    let mut open = base.to_vec();
    open.push(("KLING_PUBLIC", "yes".to_owned()));
    let out = render(&open);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("WARNING"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("auth_basic off;"));

    // HTTPS with a certificate, the login over it.
    let dir = support::tempdir::Dir::new("tls");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(made.status.success());
    let users = dir.join("users");
    std::fs::write(&users, format!("{}:{{PLAIN}}{}\n", LOGIN.0, LOGIN.1)).unwrap();
    let port = support::free_port();
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    let env = [
        ("KLING_HTPASSWD", users.display().to_string()),
        ("KLING_TLS_CERT", cert.display().to_string()),
        ("KLING_TLS_KEY", key.display().to_string()),
    ];
    let nginx = support::Nginx::start(&dist, port, "http://127.0.0.1:9", "k", &env).unwrap();
    let curl = |args: &[&str]| {
        let out = std::process::Command::new("curl")
            .args([
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--max-time",
                "5",
            ])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let url = format!("https://127.0.0.1:{port}/");
    let mut answered = String::new();
    for _ in 0..50 {
        answered = curl(&["-k", &url]);
        if answered == "401" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(answered, "401", "HTTPS asks for the login");
    let login = format!("{}:{}", LOGIN.0, LOGIN.1);
    assert_eq!(curl(&["-k", "-u", &login, &url]), "200");
    assert_ne!(
        curl(&[&format!("http://127.0.0.1:{port}/")]),
        "200",
        "no plain HTTP"
    );
    drop(nginx);
}
