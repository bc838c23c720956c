//! The HTTP skeleton: health, readiness, metrics, request IDs, problem+json, OpenAPI and docs.

use chengxin_tests::TestApp;

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::empty().await;
    let health = app.get_json("/healthz", 200).await;
    assert_eq!(health["status"], "ok");
    let ready = app.get_json("/readyz", 200).await;
    assert_eq!(ready["database"], app.backend().name());
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = TestApp::empty().await;
    app.store.close().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status().as_u16(), 503);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "unavailable");
    assert!(
        !body.to_string().contains("sqlite") && !body.to_string().contains("postgres"),
        "no internals: {body}"
    );
    // Liveness does not depend on the database.
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::empty().await;
    let a = app.get("/healthz").await.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    let b = app.get("/healthz").await.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert_eq!(a.len(), 36);
    assert_ne!(a, b);
}

#[tokio::test]
async fn unknown_paths_are_problems_in_the_asked_language() {
    let app = TestApp::empty().await;
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    let zh: serde_json::Value = response.json().await.expect("json");
    assert_eq!(zh["code"], "not_found");
    assert_eq!(zh["type"], "urn:chengxin:problem:not_found");
    assert_eq!(zh["title"], "未找到");
    assert_eq!(zh["request_id"], request_id.as_str());

    let en: serde_json::Value = app
        .client
        .get(app.url("/api/v1/no-such-thing"))
        .header("Accept-Language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(en["title"], "Not found");
}

#[tokio::test]
async fn odd_paths_never_cause_a_server_error() {
    let app = TestApp::empty().await;
    for path in [
        "/api/v1/stats?x=%ZZ",
        "/api/v1/%00",
        "/api/v1/stats/'%20OR%201=1--",
        "/%E4%BD",
        "/api/v1/stats?limit=99999999999999999999",
    ] {
        let status = app.get(path).await.status().as_u16();
        assert!(status < 500, "{path} gave {status}");
    }
}

#[tokio::test]
async fn stats_count_the_archive() {
    let empty = TestApp::empty().await;
    let stats = empty.get_json("/api/v1/stats", 200).await;
    assert_eq!(stats["organisations"], 0);

    let demo = TestApp::with_demo().await;
    let stats = demo.get_json("/api/v1/stats", 200).await;
    assert!(
        (30..=40).contains(&stats["government_bodies"].as_i64().expect("number")),
        "{stats}"
    );
    assert!(stats["persons"].as_i64().expect("number") >= 500);
    for key in [
        "credit_records",
        "serious_breach_entries",
        "commitments",
        "penalties",
        "licences",
    ] {
        assert!(stats[key].as_i64().expect("number") > 0, "{key}: {stats}");
    }
}

#[tokio::test]
async fn metrics_are_prometheus_text() {
    let app = TestApp::empty().await;
    app.get("/healthz").await;
    let response = app.get("/metrics").await;
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.expect("text");
    assert!(text.contains("chengxin_http_requests_total"), "{text}");
}

#[tokio::test]
async fn openapi_and_docs_are_served_offline() {
    let app = TestApp::empty().await;
    let spec = app.get_json("/api/openapi.json", 200).await;
    assert!(spec["paths"]["/api/v1/stats"].is_object());
    assert!(spec["paths"]["/healthz"].is_object());
    assert!(spec["paths"]["/api/v1/public/serious-breach"]["get"].is_object());
    assert!(spec["components"]["securitySchemes"]["api_key"].is_object());
    // Every schema reference resolves.
    let text = spec.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap_or_default();
        assert!(
            spec["components"]["schemas"][name].is_object(),
            "unresolved schema {name}"
        );
    }
    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status().as_u16(), 200);
    let page = docs.text().await.expect("html");
    assert!(page.contains("swagger"), "Swagger UI page");
    assert!(
        !page.contains("https://"),
        "no external script or style is loaded"
    );
    let redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let status = redirect
        .get(app.url("/api/docs"))
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16();
    assert_eq!(status, 308);
}

#[test]
fn the_committed_spec_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .unwrap_or_default();
    assert!(
        committed == chengxin::openapi::document_json(),
        "openapi/openapi.json is out of date: run `cargo run -p chengxin -- openapi > openapi/openapi.json`"
    );
}

/// The public form of every ID number follows `masking.id` in force, for rows written before the
/// setting changed as well as after: a restart with the court mask masks the stored rows again.
#[tokio::test]
async fn a_changed_id_mask_applies_to_every_stored_row_at_the_next_start() {
    use chengxin::domain::masking::find_unmasked_id;
    let app = TestApp::with_demo_and_config(|c| c.response_cache.max_megabytes = 0).await;
    let person_entry = |page: &serde_json::Value| {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|e| e["subject"]["kind"] == "person")
            .map(|e| {
                (
                    e["id"].as_i64().expect("id"),
                    e["subject"]["id_number_masked"]
                        .as_str()
                        .expect("masked")
                        .to_string(),
                )
            })
            .expect("a listed person")
    };
    let strict = app
        .get_json("/api/v1/public/serious-breach?limit=100", 200)
        .await;
    let (id, strict_form) = person_entry(&strict);
    assert_eq!(&strict_form[6..14], "********", "strict: {strict_form}");

    let mut config = app.config.clone();
    config.masking.id = chengxin::domain::IdMask::Court;
    let court = chengxin::startup::Application::build(config)
        .await
        .expect("restarts");
    let address = format!("http://127.0.0.1:{}", court.port());
    tokio::spawn(court.run_until_stopped());
    let entry: serde_json::Value = app
        .client
        .get(format!("{address}/api/v1/public/serious-breach/{id}"))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let court_form = entry["subject"]["id_number_masked"]
        .as_str()
        .expect("masked");
    assert_eq!(&court_form[10..14], "****", "court: {court_form}");
    assert_ne!(
        court_form, strict_form,
        "the stored row follows the new mask"
    );
    assert_eq!(&court_form[..6], &strict_form[..6]);
    assert!(find_unmasked_id(&entry.to_string()).is_none());
}

/// Every operation of the spec has its own operationId: a client generated from it would drop
/// the endpoints whose ids repeat.
#[tokio::test]
async fn every_operation_id_is_unique() {
    let spec = chengxin::openapi::document_json();
    let spec: serde_json::Value = serde_json::from_str(&spec).expect("json");
    let mut seen = std::collections::BTreeMap::new();
    for (path, operations) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            let id = operation["operationId"].as_str().expect("an operationId");
            if let Some(other) = seen.insert(id.to_string(), format!("{method} {path}")) {
                panic!("operationId {id} is used by {other} and {method} {path}");
            }
        }
    }
}
