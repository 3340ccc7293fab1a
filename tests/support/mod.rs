//! End-to-end harness: the release build served by a tiny static server that forwards the
//! app's endpoint path to a real `runware-mock` process, driven by real headless Chromium
//! through chromedriver. Each test gets its own servers and browser profile.

#![allow(dead_code)]

pub mod ui;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Chromium is heavy on two cores: one browser at a time.
static BROWSER_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The second example of the model page (three references), a long real prompt.
pub const SEED_CHOIR: &str = "Using the three reference images, create a cinematic wide portrait of the singer transformed into the lead figure of a solemn volcanic choir procession. Preserve the facial identity, hair shape, and pose direction from the portrait reference. Integrate the ceremonial garment design from the costume reference with high fidelity, including the feathered collar, layered textiles, embroidered hems, and brass ornamentation.";

pub struct Harness {
    pub browser: Client,
    driver: String,
    pub site: String,
    pub mock: String,
    /// nginx's runtime folder (its logs), for `Site::Nginx`.
    pub nginx_dir: Option<PathBuf>,
    nginx: Option<(Nginx, tempdir::Dir)>,
    _mock: KillOnDrop,
    _driver: KillOnDrop,
    _site: Option<tokio::task::JoinHandle<()>>,
    _proxy: Option<Box<dyn Send + Sync>>,
    _profile: tempdir::Dir,
    _lock: tokio::sync::MutexGuard<'static, ()>,
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

pub mod tempdir {
    /// A folder under the system temp dir, removed when dropped.
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new(tag: &str) -> Dir {
            let p = std::env::temp_dir().join(format!("kling-e2e-{tag}-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl std::ops::Deref for Dir {
        type Target = std::path::Path;
        fn deref(&self) -> &std::path::Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The app is up, its composer showing the draft read back.
pub const MOUNTED: &str = "main:not([data-restoring]) textarea";

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The stand-in binary next to this test's own executable, built if it is missing.
fn mock_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join("runware-mock");
    if !bin.exists() {
        let ok = Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "runware-mock"])
            .current_dir(root())
            .status()
            .unwrap()
            .success();
        assert!(ok, "building runware-mock failed");
    }
    bin
}

async fn wait_for_http(url: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if reqwest::get(url).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} did not come up");
}

/// What serves the release build in front of the stand-in.
pub enum Site {
    /// A small in-test server that forwards the endpoint path, adding a proxy key.
    Builtin,
    /// Real nginx with `deploy/`'s configuration, adding this key from its environment,
    /// behind a login that the browser is given (as if the user had signed in).
    Nginx {
        api_key: &'static str,
        login: (&'static str, &'static str),
    },
    /// The README's serve command (`trunk serve`, a debug build) with `RUNWARE_API_KEY` and
    /// `RUNWARE_UPSTREAM` pointing at the stand-in: the dev proxy adds this key.
    DevServe { api_key: &'static str },
}

impl Harness {
    /// Starts the stand-in (with `mock_args`), the static site and a browser on the app.
    pub async fn start(mock_args: &[&str]) -> Harness {
        Harness::start_with(mock_args, Site::Builtin).await
    }

    /// As `start`, with the site of choice.
    pub async fn start_with(mock_args: &[&str], site_kind: Site) -> Harness {
        Harness::start_full(mock_args, site_kind, None).await
    }

    /// As `start`, with this site's storage quota (bytes) set through DevTools before the
    /// page first opens: Chromium fixes a site's quota when its storage is first opened.
    pub async fn start_with_quota(mock_args: &[&str], quota: u64) -> Harness {
        Harness::start_full(mock_args, Site::Builtin, Some(quota)).await
    }

    async fn start_full(mock_args: &[&str], site_kind: Site, quota: Option<u64>) -> Harness {
        let lock = BROWSER_LOCK.lock().await;
        let dist = root().join("dist");
        assert!(
            dist.join("index.html").exists(),
            "run `trunk build --release` first (scripts/test.sh does)"
        );
        let site_port = free_port();
        let site = format!("http://127.0.0.1:{site_port}");
        let mock_port = free_port();
        let mock = format!("http://127.0.0.1:{mock_port}");
        let mock_child = Command::new(mock_binary())
            .args([
                "--port",
                &mock_port.to_string(),
                "--generation-ms",
                "1500",
                "--slot-stagger-ms",
                "300",
            ])
            .args(match &site_kind {
                // The deployed proxy forwards only tasks; images come from the stand-in itself,
                // as they come from Runware's image host.
                Site::Nginx { .. } => Vec::new(),
                _ => vec!["--public-url".to_owned(), format!("{site}/api/runware")],
            })
            .args(mock_args)
            .stdout(Stdio::null())
            .spawn()
            .expect("runware-mock starts");
        let mock_guard = KillOnDrop(mock_child);
        wait_for_http(&format!("{mock}/__mock/health")).await;

        let mut login = None;
        let mut nginx_dir = None;
        let mut nginx_proc = None;
        let (site_task, proxy): (_, Option<Box<dyn Send + Sync>>) = match site_kind {
            Site::Builtin => (
                Some(tokio::spawn(serve_site(dist, site_port, mock.clone()))),
                None,
            ),
            Site::Nginx {
                api_key,
                login: (user, password),
            } => {
                let users = tempdir::Dir::new("users");
                let file = users.join("htpasswd");
                std::fs::write(&file, format!("{user}:{{PLAIN}}{password}\n")).unwrap();
                let env = [
                    ("KLING_HTPASSWD", file.display().to_string()),
                    // The stand-in plays Runware's image host too.
                    ("KLING_IMAGE_ORIGIN", mock.clone()),
                ];
                let nginx = Nginx::start(&dist, site_port, &mock, api_key, &env)
                    .unwrap_or_else(|e| panic!("{e}"));
                login = Some(basic_auth(user, password));
                nginx_dir = Some(nginx.runtime.clone());
                nginx_proc = Some((nginx, users));
                (None, None)
            }
            Site::DevServe { api_key } => {
                let env = [
                    ("RUNWARE_UPSTREAM", format!("{mock}/v1")),
                    ("RUNWARE_API_KEY", api_key.to_owned()),
                ];
                (
                    None,
                    Some(Box::new(dev_serve(&site, site_port, &env).await)),
                )
            }
        };
        wait_for_http(&site).await;

        let driver_port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver on PATH (scripts/setup.sh installs it)");
        let driver_guard = KillOnDrop(driver);
        let profile = tempdir::Dir::new("profile");
        let caps: serde_json::Map<String, Value> = serde_json::from_value(serde_json::json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", "--window-size=1400,1000",
                         format!("--user-data-dir={}", profile.0.display())],
                "prefs": { "download.default_directory": profile.0.display().to_string() }
            },
            "goog:loggingPrefs": { "browser": "ALL" }
        }))
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        let browser = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{driver_port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("chromedriver: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let driver = format!("http://127.0.0.1:{driver_port}");
        if let Some(auth) = &login {
            // What the browser sends once the user has signed in at its login prompt.
            cdp(&browser, &driver, "Network.enable", serde_json::json!({})).await;
            cdp(
                &browser,
                &driver,
                "Network.setExtraHTTPHeaders",
                serde_json::json!({ "headers": { "Authorization": auth } }),
            )
            .await;
        }
        if let Some(quota) = quota {
            cdp(
                &browser,
                &driver,
                "Storage.overrideQuotaForOrigin",
                serde_json::json!({ "origin": site, "quotaSize": quota }),
            )
            .await;
        }
        browser.goto(&site).await.unwrap();
        let h = Harness {
            browser,
            driver,
            site,
            mock,
            nginx_dir,
            nginx: nginx_proc,
            _mock: mock_guard,
            _driver: driver_guard,
            _site: site_task,
            _proxy: proxy,
            _profile: profile,
            _lock: lock,
        };
        h.wait_for(Locator::Css(MOUNTED), "the app to mount").await;
        h
    }

    pub async fn wait_for(&self, loc: Locator<'_>, what: &str) -> fantoccini::elements::Element {
        self.browser
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(loc)
            .await
            .unwrap_or_else(|e| panic!("waiting for {what}: {e}"))
    }

    /// An element by its accessible label text, as a user finds it.
    pub async fn by_label(&self, label: &str) -> fantoccini::elements::Element {
        let xpath = format!(
            "//*[@aria-label={l}] | //*[@id=//label[normalize-space(.)={l}]/@for] | //label[normalize-space(.)={l}]//*[self::input or self::select or self::textarea]",
            l = xpath_literal(label)
        );
        self.wait_for(Locator::XPath(&xpath), label).await
    }

    /// The first shown element of `xpath` (hidden ones, like a tile's toolbar before hover,
    /// are passed over as a user passes them over).
    pub async fn shown(&self, xpath: &str, what: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(all) = self.browser.find_all(Locator::XPath(xpath)).await {
                for el in all {
                    if el.is_displayed().await.unwrap_or(false) {
                        return el;
                    }
                }
            }
            if Instant::now() > deadline {
                panic!("waiting for {what}: nothing shown");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Finds the first shown element of `xpath` and clicks it, brought to the middle of the
    /// screen; tries again when the page redraws it meanwhile (a re-rendered list).
    pub async fn click_shown(&self, xpath: &str, what: &str) {
        for attempt in 0..20 {
            let el = self.shown(xpath, what).await;
            self.browser
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
                    vec![serde_json::to_value(&el).unwrap()],
                )
                .await
                .ok();
            match el.click().await {
                Ok(()) => return,
                Err(e) if attempt < 19 => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => panic!("clicking {what}: {e}"),
            }
        }
    }

    /// A shown button by its visible text or accessible name (a menu's items included).
    pub async fn button(&self, name: &str) -> fantoccini::elements::Element {
        let xpath = format!(
            "//button[normalize-space(.)={l} or @aria-label={l}]",
            l = xpath_literal(name)
        );
        self.shown(&xpath, name).await
    }

    /// Clicks the button a user would find by this name.
    pub async fn click(&self, name: &str) {
        let xpath = format!(
            "//button[normalize-space(.)={l} or @aria-label={l}]",
            l = xpath_literal(name)
        );
        self.click_shown(&xpath, name).await;
    }

    /// Clicks an element after bringing it to the middle of the screen (nothing pinned, like
    /// a phone's Generate bar, then covers it).
    pub async fn click_el(&self, el: &fantoccini::elements::Element) {
        self.browser
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
                vec![serde_json::to_value(el).unwrap()],
            )
            .await
            .unwrap();
        el.click().await.unwrap();
    }

    /// Types into the field a user would find by this label.
    pub async fn type_in(&self, label: &str, text: &str) {
        self.by_label(label).await.send_keys(text).await.unwrap();
    }

    /// Presses a key where the focus is, as the keyboard does (whatever has focus: a file
    /// picker included).
    pub async fn press(&self, key: fantoccini::key::Key) {
        self.keys(&[key.into()]).await;
    }

    /// Presses keys together (the first ones held), e.g. Control and Enter.
    pub async fn keys(&self, keys: &[char]) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for k in keys {
            actions = actions.then(KeyAction::Down { value: *k });
        }
        for k in keys.iter().rev() {
            actions = actions.then(KeyAction::Up { value: *k });
        }
        self.browser.perform_actions(actions).await.unwrap();
        self.browser.release_actions().await.ok();
    }

    /// Types text where the focus is.
    pub async fn press_text(&self, text: &str) {
        self.browser
            .active_element()
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }

    /// Reloads the page as the user's F5 does, and waits for the app to mount again.
    pub async fn reload(&self) {
        self.browser.refresh().await.unwrap();
        self.wait_for(Locator::Css(MOUNTED), "the app to mount again")
            .await;
    }

    /// Sends a DevTools command to the page's browser through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        cdp(&self.browser, &self.driver, cmd, params).await
    }

    /// Everything the app keeps in IndexedDB as text: every job record, and every stored
    /// Blob read as text (so a secret hidden in image bytes would show too).
    pub async fn idb_text(&self) -> String {
        self.js_async(
            r#"const done = arguments[arguments.length - 1];
            const open = indexedDB.open('kling-studio');
            open.onsuccess = async () => {
              const db = open.result; const out = [];
              for (const name of db.objectStoreNames) {
                const all = await new Promise(r => { const q = db.transaction(name).objectStore(name).getAll(); q.onsuccess = () => r(q.result); });
                for (const v of all) out.push(v instanceof Blob ? await v.text() : JSON.stringify(v));
              }
              db.close(); done(out.join('\n'));
            };
            open.onerror = () => done('');"#,
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Exports the whole history through the history menu (with the images when `images`)
    /// and returns the file the browser would download.
    pub async fn export_text(&self, images: bool) -> String {
        ui::menu(self, "History actions", "Export history…").await;
        let include = self
            .by_label("Include images (links expire; images in the file do not)")
            .await;
        if include.is_selected().await.unwrap() != images {
            include.click().await.unwrap();
        }
        self.click("Export all").await;
        let link = self
            .wait_for(
                Locator::XPath("//a[starts-with(normalize-space(.), 'Download kling-history-')]"),
                "the export link",
            )
            .await;
        let href = link.attr("href").await.unwrap().unwrap();
        let text = self
            .browser
            .execute_async(
                "fetch(arguments[0]).then(r => r.text()).then(arguments[1])",
                vec![Value::String(href)],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        self.press(fantoccini::key::Key::Escape).await;
        text
    }

    /// Picks inline output: base64 PNG at 1:1 1024x1024.
    pub async fn choose_base64_png(&self) {
        ui::choose(self, "Results come as", "Base64, in the answer").await;
        self.click("PNG").await;
        self.click("1:1 1024x1024").await;
    }

    /// getResponse polls the stand-in received for this taskUUID.
    pub async fn polls(&self, task_uuid: &str) -> usize {
        self.received()
            .await
            .iter()
            .flat_map(|r| r["tasks"].as_array().cloned().unwrap_or_default())
            .filter(|t| t["taskType"] == "getResponse" && t["taskUUID"] == task_uuid)
            .count()
    }

    /// Runs an async script; it calls the last argument with its result.
    pub async fn js_async(&self, script: &str) -> Value {
        self.browser.execute_async(script, vec![]).await.unwrap()
    }

    pub async fn js(&self, script: &str) -> Value {
        self.browser.execute(script, vec![]).await.unwrap()
    }

    /// Task arrays the stand-in received, oldest first.
    pub async fn received(&self) -> Vec<Value> {
        reqwest::get(format!("{}/__mock/requests", self.mock))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Makes every API answer of the stand-in wait `ms` first.
    pub async fn set_latency(&self, ms: u64) {
        reqwest::Client::new()
            .post(format!("{}/__mock/latency", self.mock))
            .json(&serde_json::json!({ "ms": ms }))
            .send()
            .await
            .unwrap();
    }

    /// The API requests the stand-in is answering now, and the most at once so far.
    pub async fn in_flight(&self) -> (u64, u64) {
        let stats: Value = reqwest::get(format!("{}/__mock/stats", self.mock))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (
            stats["inFlight"].as_u64().unwrap(),
            stats["maxInFlight"].as_u64().unwrap(),
        )
    }

    pub async fn inject(&self, fault: &str, count: u32) {
        reqwest::Client::new()
            .post(format!("{}/__mock/faults", self.mock))
            .json(&serde_json::json!({ "fault": fault, "count": count }))
            .send()
            .await
            .unwrap();
    }

    /// Polls `check` until it returns Some, or fails after `secs`.
    pub async fn eventually<T, F, Fut>(&self, secs: u64, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(v) = check().await {
                return v;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot when `KLING_SCREENSHOTS` names a folder (for looking at the UI).
    pub async fn screenshot(&self, name: &str) {
        if let Ok(dir) = std::env::var("KLING_SCREENSHOTS") {
            let png = self.browser.screenshot().await.unwrap();
            std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
        }
    }

    /// Sets a field's value as typing would, in one go (long texts), firing `input`.
    pub async fn fill(&self, el: &fantoccini::elements::Element, value: &str) {
        self.browser
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                vec![serde_json::to_value(el).unwrap(), Value::String(value.into())],
            )
            .await
            .unwrap();
    }

    /// imageInference tasks the stand-in received.
    pub async fn inference_tasks(&self) -> Vec<Value> {
        self.received()
            .await
            .into_iter()
            .flat_map(|r| r["tasks"].as_array().cloned().unwrap_or_default())
            .filter(|t| t["taskType"] == "imageInference")
            .collect()
    }

    /// Result images currently in the gallery: (src, naturalWidth, naturalHeight, complete).
    pub async fn result_images(&self) -> Vec<(String, u64, u64, bool)> {
        let v = self.js(
            "return [...document.querySelectorAll('section[aria-label=Feed] [role=feed] img[alt^=Result]')].map(i => [i.currentSrc || i.src, i.naturalWidth, i.naturalHeight, i.complete]);",
        )
        .await;
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a[0].as_str().unwrap_or_default().to_owned(),
                    a[1].as_u64().unwrap_or(0),
                    a[2].as_u64().unwrap_or(0),
                    a[3].as_bool().unwrap_or(false),
                )
            })
            .collect()
    }

    /// Results in the feed (all of them, on screen or not: the list is virtualised).
    pub async fn result_total(&self) -> u64 {
        self.js("const f = document.querySelector('[role=feed]'); return f ? Number(f.dataset.total) : 0")
            .await
            .as_u64()
            .unwrap_or(0)
    }

    /// Waits until the feed holds at least `n` results and those on screen have loaded.
    pub async fn wait_results_at_least(&self, n: u64, secs: u64) {
        self.eventually(secs, &format!("{n} results"), || async {
            let imgs = self.result_images().await;
            (self.result_total().await >= n && imgs.iter().all(|i| i.3 && i.1 > 0)).then_some(())
        })
        .await
    }

    /// Waits until `n` result images have loaded, and returns them.
    pub async fn wait_results(&self, n: usize, secs: u64) -> Vec<(String, u64, u64, bool)> {
        self.eventually(secs, &format!("{n} loaded result images"), || async {
            let imgs = self.result_images().await;
            (imgs.len() == n && imgs.iter().all(|i| i.3 && i.1 > 0)).then_some(imgs)
        })
        .await
    }

    /// A proxy added `key`: the stand-in accepted the first request's key, and the page (DOM,
    /// Web Storage, URL) never held it.
    pub async fn assert_key_stayed_in_the_proxy(&self, key: &str) {
        let log = self.received().await;
        assert_eq!(
            log[0]["keyAccepted"], true,
            "the stand-in saw the key: {log:?}"
        );
        let page = self
            .js("return document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + location.href")
            .await;
        assert!(
            !page.as_str().unwrap().contains(key),
            "the key reached the page"
        );
    }

    /// Lets the page download into a fresh folder, and returns it.
    pub async fn downloads(&self) -> PathBuf {
        let dir = self._profile.join("downloads");
        std::fs::create_dir_all(&dir).unwrap();
        self.cdp(
            "Browser.setDownloadBehavior",
            serde_json::json!({ "behavior": "allow", "downloadPath": dir.display().to_string() }),
        )
        .await;
        dir
    }

    /// Waits up to `secs` for a finished download in `dir` whose extension is one of `exts`.
    pub async fn downloaded(&self, dir: &Path, exts: &[&str], secs: u64) -> PathBuf {
        self.eventually(secs, &format!("a downloaded {exts:?} file"), || async {
            std::fs::read_dir(dir)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)))
        })
        .await
    }

    /// Sets the window as a phone (touch, `width` CSS px wide) or a desktop would have it.
    pub async fn device(&self, width: u32, height: u32, phone: bool) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone }),
        )
        .await;
        self.cdp(
            "Emulation.setTouchEmulationEnabled",
            serde_json::json!({ "enabled": phone, "maxTouchPoints": 5 }),
        )
        .await;
    }

    /// The colour scheme the page sees.
    pub async fn theme(&self, dark: bool) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }] }),
        )
        .await;
    }

    /// The processes of this test's nginx (master and workers).
    pub fn nginx_pids(&self) -> Vec<u32> {
        self.nginx
            .as_ref()
            .map(|(n, _)| n.pids())
            .unwrap_or_default()
    }

    /// Ends the session; every test checks on the way out that the page broke no rule of its
    /// Content-Security-Policy.
    /// Stops the stand-in, as if Runware stopped answering behind the proxy.
    pub fn stop_mock(&mut self) {
        self._mock.0.kill().ok();
        self._mock.0.wait().ok();
    }

    pub async fn close(self) {
        let violations = self.js("return window.__cspViolations || []").await;
        assert_eq!(violations, serde_json::json!([]), "CSP violations");
        self.browser.clone().close().await.ok();
    }
}

async fn cdp(browser: &Client, driver: &str, cmd: &str, params: Value) -> Value {
    let id = browser.session_id().await.unwrap().unwrap();
    let resp = reqwest::Client::new()
        .post(format!("{driver}/session/{id}/goog/cdp/execute"))
        .json(&serde_json::json!({ "cmd": cmd, "params": params }))
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert!(status.is_success(), "{cmd}: {body}");
    body["value"].clone()
}

fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("\"{s}\"")
    }
}

/// `Authorization` header value for HTTP basic auth.
pub fn basic_auth(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// Runs `deploy/render.sh` as the README tells an operator to, with `env` added.
pub fn render(env: &[(&str, String)]) -> std::process::Output {
    Command::new("bash")
        .arg(root().join("deploy/render.sh"))
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("deploy/render.sh runs")
}

/// Real nginx with `deploy/`'s configuration in front of the stand-in, stopped the way nginx
/// expects (SIGTERM to the master, then waiting for it), so no worker outlives the test.
pub struct Nginx {
    master: Child,
    pub runtime: PathBuf,
}

impl Nginx {
    /// Renders the configuration with `env` added and starts nginx in the foreground.
    pub fn start(
        dist: &Path,
        port: u16,
        mock: &str,
        api_key: &str,
        env: &[(&str, String)],
    ) -> Result<Nginx, String> {
        let runtime = std::env::temp_dir().join(format!("kling-nginx-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&runtime).unwrap();
        let mut all = vec![
            ("KLING_DIST", dist.display().to_string()),
            ("KLING_LISTEN", format!("127.0.0.1:{port}")),
            ("KLING_RUNTIME_DIR", runtime.display().to_string()),
            ("RUNWARE_UPSTREAM", format!("{mock}/v1")),
            ("RUNWARE_API_KEY", api_key.to_owned()),
        ];
        all.extend(env.iter().cloned());
        let out = render(&all);
        if !out.status.success() {
            return Err(format!("render: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let conf = runtime.join("nginx.conf");
        std::fs::write(&conf, &out.stdout).unwrap();
        let master = Command::new("nginx")
            .args(["-c", conf.to_str().unwrap(), "-g", "daemon off;"])
            .stdout(Stdio::null())
            .spawn()
            .expect("nginx on PATH (scripts/setup.sh installs it)");
        Ok(Nginx { master, runtime })
    }

    /// The master and its workers, by pid.
    pub fn pids(&self) -> Vec<u32> {
        let master = self.master.id();
        let mut pids = vec![master];
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // pid (comm) state ppid ...
            let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
            let ppid = after.split_whitespace().nth(1).and_then(|p| p.parse().ok());
            if ppid == Some(master) {
                pids.extend(
                    entry
                        .file_name()
                        .to_str()
                        .and_then(|p| p.parse::<u32>().ok()),
                );
            }
        }
        pids
    }

    /// Fast shutdown: SIGTERM to the master, which stops its workers, then wait for it.
    pub fn stop(&mut self) {
        Command::new("kill")
            .args(["-TERM", &self.master.id().to_string()])
            .status()
            .ok();
        self.master.wait().ok();
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Whether a process with this pid still runs (zombies, already dead, do not count).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .and_then(|(_, r)| r.trim_start().chars().next())
        })
        .is_some_and(|state| state != 'Z')
}

/// A process group (a script and everything it started), ended as a whole when dropped.
struct KillGroupOnDrop(Child, tempdir::Dir);

impl Drop for KillGroupOnDrop {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        Command::new("kill")
            .args(["-TERM", "--", &group])
            .status()
            .ok();
        std::thread::sleep(Duration::from_millis(300));
        Command::new("kill")
            .args(["-KILL", "--", &group])
            .status()
            .ok();
        self.0.wait().ok();
    }
}

/// `scripts/serve.sh` running; ends with everything it started when dropped.
pub struct DevServe(KillGroupOnDrop);

/// Runs `scripts/serve.sh` exactly as the README tells a user, with `env` added, building into
/// its own dist and target folders (the release build other tests use stays as it is), and
/// waits until the page at `site` is the built app.
pub async fn dev_serve(site: &str, port: u16, env: &[(&str, String)]) -> DevServe {
    use std::os::unix::process::CommandExt;
    let work = tempdir::Dir::new("serve");
    let log = std::fs::File::create(work.join("serve.log")).unwrap();
    let child = Command::new("bash")
        .arg(root().join("scripts/serve.sh"))
        .args(["--dist", work.join("dist").to_str().unwrap()])
        .env("APP_PORT", port.to_string())
        .envs(env.iter().map(|(k, v)| (k, v)))
        // Its own target folder: this test binary's cargo holds the main one's lock.
        .env("CARGO_TARGET_DIR", root().join("target/serve-e2e"))
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .process_group(0)
        .spawn()
        .expect("bash runs scripts/serve.sh");
    let mut guard = KillGroupOnDrop(child, work);
    // A cold debug build of the app takes minutes on two cores.
    let deadline = Instant::now() + Duration::from_secs(900);
    loop {
        if let Ok(r) = reqwest::get(site).await {
            if r.text().await.is_ok_and(|t| t.contains("src=\"/boot-")) {
                return DevServe(guard);
            }
        }
        let log = || std::fs::read_to_string(guard.1.join("serve.log")).unwrap_or_default();
        if let Ok(Some(status)) = guard.0.try_wait() {
            panic!("scripts/serve.sh ended ({status}):\n{}", log());
        }
        // Trunk keeps serving after a failed build; there is nothing to wait for then.
        if log().contains("error from build pipeline") {
            panic!("the build under scripts/serve.sh failed:\n{}", log());
        }
        if Instant::now() > deadline {
            panic!("scripts/serve.sh did not serve the app in time:\n{}", log());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Serves `dist/` and forwards `/api/runware*` to the stand-in, as `trunk serve` and the
/// production proxy do, adding the proxy's key so the page itself needs none.
/// Serves `dist` (its .gz copies when the browser takes them, as the deploy does) and forwards
/// the endpoint path to the stand-in `mock`, adding a proxy key.
pub async fn serve_site(dist: PathBuf, port: u16, mock: String) {
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use axum::response::{IntoResponse, Response};

    async fn forward(
        State(mock): State<String>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> Response {
        let path = uri.path().strip_prefix("/api/runware").unwrap_or("");
        let url = format!("{mock}/v1{path}");
        let client = reqwest::Client::new();
        let mut req = client.request(method, url).body(body);
        for (k, v) in headers.iter() {
            if k == "content-type" || k == "authorization" {
                req = req.header(k, v);
            }
        }
        if !headers.contains_key("authorization") {
            req = req.header("authorization", "Bearer e2e-proxy-key");
        }
        match req.send().await {
            Ok(resp) => {
                let status = StatusCode::from_u16(resp.status().as_u16()).unwrap();
                let mut out = HeaderMap::new();
                for (k, v) in resp.headers() {
                    if ["content-type", "retry-after"].contains(&k.as_str()) {
                        out.insert(k.clone(), v.clone());
                    }
                }
                match resp.bytes().await {
                    Ok(b) => (status, out, b).into_response(),
                    // The upstream dropped the connection: drop ours too, mid-body.
                    Err(_) => {
                        let failing = futures_util::stream::once(async {
                            Err::<Bytes, _>(std::io::Error::other("upstream dropped"))
                        });
                        (status, out, axum::body::Body::from_stream(failing)).into_response()
                    }
                }
            }
            Err(_) => StatusCode::BAD_GATEWAY.into_response(),
        }
    }
    let app = axum::Router::new()
        .route("/api/runware", axum::routing::any(forward))
        .route("/api/runware/{*rest}", axum::routing::any(forward))
        .fallback_service(
            tower_http::services::ServeDir::new(&dist)
                .precompressed_br()
                .precompressed_gzip(),
        )
        // Ten large references: as large as the production proxy allows.
        .layer(axum::extract::DefaultBodyLimit::max(300 * 1024 * 1024))
        .with_state(mock);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .unwrap();
    axum::serve(listener, app).await.ok();
}

/// An export grown to `copies` copies of each of its jobs, each copy with its own taskUUID,
/// image UUIDs, prompt number and time, as a big real history would have.
pub fn grow_history(export: &Value, copies: usize) -> Value {
    let mut out = export.clone();
    let base = export["jobs"].as_array().expect("an export has jobs");
    let mut jobs = Vec::with_capacity(base.len() * copies);
    for n in 0..copies {
        for entry in base {
            let mut e = entry.clone();
            let job = &mut e["job"];
            let id = uuid::Uuid::new_v4().to_string();
            job["taskUUID"] = id.clone().into();
            job["task"]["taskUUID"] = id.into();
            let prompt = format!(
                "{} #{n}",
                job["task"]["positivePrompt"].as_str().unwrap_or("")
            );
            job["task"]["positivePrompt"] = prompt.into();
            let created = job["createdMs"].as_f64().unwrap_or(0.0) - (n as f64) * 60_000.0;
            job["createdMs"] = created.into();
            if let Some(slots) = job["slots"].as_array_mut() {
                for slot in slots {
                    if slot["done"].is_object() {
                        slot["done"]["imageUUID"] = uuid::Uuid::new_v4().to_string().into();
                    }
                }
            }
            jobs.push(e);
        }
    }
    out["jobs"] = Value::Array(jobs);
    out
}
