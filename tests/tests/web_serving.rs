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
