//! The server hands out the built web app: files, the index for client-side routes, and problems
//! (not the index) for unknown API paths and missing assets.

use chengxin_tests::TestApp;

#[tokio::test]
async fn the_web_app_is_served_with_a_client_route_fallback() {
    let web = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>诚信</title>",
    )
    .expect("index");
    std::fs::write(web.path().join("app.js"), "console.log(1)").expect("script");
    std::fs::create_dir(web.path().join("assets")).expect("assets");
    std::fs::write(
        web.path().join("assets/app-0a1b2c3d4e.js"),
        "console.log(2)",
    )
    .expect("asset");
    let web_dir = web.path().to_path_buf();
    let app = TestApp::with_config(|c| c.web_dir = web_dir).await;

    let index = app.get("/").await;
    assert_eq!(index.status().as_u16(), 200);
    assert!(index.text().await.expect("html").contains("诚信"));

    let script = app.get("/app.js").await;
    assert_eq!(script.status().as_u16(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .contains("javascript")
    );

    assert_eq!(script.headers()["cache-control"], "no-cache");
    let hashed = app.get("/assets/app-0a1b2c3d4e.js").await;
    assert_eq!(hashed.status().as_u16(), 200);
    assert_eq!(
        hashed.headers()["cache-control"],
        "public, max-age=31536000, immutable",
        "hashed assets never change"
    );
    let index = app.get("/").await;
    assert_eq!(
        index.headers()["cache-control"],
        "no-cache",
        "the index is always checked"
    );

    let client_route = app.get("/lists/serious-breach/42").await;
    assert_eq!(client_route.status().as_u16(), 200);
    assert_eq!(client_route.headers()["cache-control"], "no-cache");
    assert!(
        client_route
            .text()
            .await
            .expect("html")
            .contains("<title>诚信</title>")
    );

    for path in ["/api/v1/unknown", "/missing.js"] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    // The API still answers under the web app.
    assert_eq!(app.get("/api/v1/stats").await.status().as_u16(), 200);
}

/// The build leaves `x.wasm.br` and `x.wasm.gz` beside each asset; a browser gets the copy it
/// accepts (brotli first), with the original's type, and `Vary` so caches keep them apart.
#[tokio::test]
async fn assets_are_sent_as_the_build_compressed_them() {
    let web = tempfile::tempdir().expect("tempdir");
    std::fs::write(web.path().join("index.html"), "<!doctype html>").expect("index");
    let folder = web.path().join("assets/app-0a1b2c3d4e");
    std::fs::create_dir_all(&folder).expect("assets");
    let wasm = b"\0asm\x01\0\0\0 the module".to_vec();
    std::fs::write(folder.join("app.wasm"), &wasm).expect("wasm");
    std::fs::write(folder.join("app.wasm.br"), b"brotli bytes").expect("br");
    std::fs::write(folder.join("app.wasm.gz"), b"gzip bytes").expect("gz");
    std::fs::write(folder.join("plain.js"), "console.log(3)").expect("js");
    let web_dir = web.path().to_path_buf();
    let app = TestApp::with_config(|c| c.web_dir = web_dir).await;

    let fetch = |accept: Option<&'static str>| {
        let mut request = app.client.get(app.url("/assets/app-0a1b2c3d4e/app.wasm"));
        if let Some(accept) = accept {
            request = request.header("Accept-Encoding", accept);
        }
        async move { request.send().await.expect("request sent") }
    };
    for (accept, encoding, body) in [
        // Chrome lists gzip first but weighs them alike.
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            &b"brotli bytes"[..],
        ),
        (Some("gzip;q=1, br;q=0.5"), Some("gzip"), &b"gzip bytes"[..]),
        (Some("gzip"), Some("gzip"), &b"gzip bytes"[..]),
        (Some("identity"), None, &wasm[..]),
        (None, None, &wasm[..]),
    ] {
        let response = fetch(accept).await;
        assert_eq!(response.status().as_u16(), 200, "{accept:?}");
        let headers = response.headers().clone();
        assert_eq!(
            headers
                .get("content-encoding")
                .map(|v| v.to_str().expect("ascii")),
            encoding,
            "{accept:?}"
        );
        assert_eq!(headers["content-type"], "application/wasm", "{accept:?}");
        assert_eq!(headers["vary"], "accept-encoding", "{accept:?}");
        assert_eq!(
            headers["cache-control"], "public, max-age=31536000, immutable",
            "{accept:?}"
        );
        assert_eq!(response.bytes().await.expect("body"), body, "{accept:?}");
    }

    // A copy removed while the server runs is skipped: the file goes out as it is.
    std::fs::remove_file(folder.join("app.wasm.br")).expect("remove the brotli copy");
    let response = fetch(Some("br")).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/wasm");

    // A file without copies is sent as usual (compressed on the fly where the browser takes it).
    let plain = app
        .client
        .get(app.url("/assets/app-0a1b2c3d4e/plain.js"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .expect("request sent");
    assert_eq!(plain.status().as_u16(), 200);
    assert!(
        plain.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .contains("javascript")
    );
}
