//! The production path: real nginx (deploy/) serves the release build and proxies the
//! endpoint to a stand-in that accepts only the server's key. No key is typed in the page.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{Harness, Site};

const SERVER_KEY: &str = "server-side-key-7f3a";

#[tokio::test]
async fn nginx_adds_the_servers_key_and_serves_with_the_right_headers() {
    let h = Harness::start_with(
        &["--api-key", SERVER_KEY],
        Site::Nginx {
            api_key: SERVER_KEY,
        },
    )
    .await;
    h.type_in("Prompt", "Through the production proxy").await;
    h.by_label("Sync (wait)").await.click().await.unwrap();
    h.click("Generate").await;
    let imgs = h.wait_results(1, 40).await;
    assert_eq!((imgs[0].1, imgs[0].2), (1248, 832));
    assert!(
        imgs[0]
            .0
            .starts_with(&format!("{}/api/runware/image/", h.site)),
        "{}",
        imgs[0].0
    );
    h.assert_key_stayed_in_the_proxy(SERVER_KEY).await;

    let client = reqwest::Client::new();
    let index = client.get(&h.site).send().await.unwrap();
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert_eq!(index.headers()["x-content-type-options"], "nosniff");
    let header_csp = index.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = index.text().await.unwrap();
    let meta_csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("index.html carries the policy as a meta tag");
    assert_eq!(
        header_csp,
        format!("{meta_csp}; frame-ancestors 'none'"),
        "nginx sends the page's whole policy, plus what only a header can carry"
    );
    assert!(
        !html.contains("<script type=\"module\">"),
        "no inline script"
    );
    let boot = html
        .split("src=\"/boot-")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let boot = client
        .get(format!("{}/boot-{boot}", h.site))
        .send()
        .await
        .unwrap();
    assert_eq!(
        boot.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let boot = boot.text().await.unwrap();
    let wasm = boot
        .split("module_or_path: '")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let asset = client
        .get(format!("{}{wasm}", h.site))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers()["content-type"], "application/wasm");
    assert_eq!(asset.headers()["content-encoding"], "gzip");
    // The build's own highest-level copies go out as they are, brotli where it is asked for.
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    for (encoding, ext) in [("br", "br"), ("gzip", "gz")] {
        let asset = client
            .get(format!("{}{wasm}", h.site))
            .header("Accept-Encoding", format!("{encoding}, deflate"))
            .send()
            .await
            .unwrap();
        assert_eq!(asset.headers()["content-encoding"], encoding);
        assert_eq!(asset.headers()["content-type"], "application/wasm");
        let sent = asset.bytes().await.unwrap();
        let copy =
            std::fs::read(dist.join(format!("{}.{ext}", wasm.trim_start_matches('/')))).unwrap();
        assert!(sent == copy, "{encoding}: the pre-compressed copy is sent");
    }
    h.close().await;
}
