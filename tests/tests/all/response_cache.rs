//! The server's memory of recent public answers: an answer is reused until the next write
//! through the server, never longer than its time limit, and not at all on PostgreSQL (where
//! other servers may write unseen) or when turned off.
//!
//! To see whether an answer came from memory, the tests change a row through a connection of
//! their own, which the server's commit hook does not see.

use chengxin::store::{DatabaseKind, Store};
use chengxin_tests::TestApp;
use std::time::Duration;

const LIST: &str = "/api/v1/public/serious-breach?list_kind=administrative_serious_breach";
const NEW_NAME: &str = "缓存核对测试有限公司";

/// The id of the first organisation on the list.
async fn first_organisation(app: &TestApp) -> i64 {
    let list = app.get_json(LIST, 200).await;
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| item["subject"]["kind"] == "organisation")
        .and_then(|item| item["id"].as_i64())
        .expect("an organisation is listed")
}

/// Renames a listed subject through another connection pool than the server's.
async fn rename_unseen(app: &TestApp, id: i64) {
    let other = Store::connect(&app.database_url, 1)
        .await
        .expect("a second pool");
    other
        .execute_admin(&format!(
            "UPDATE serious_breach_entries SET subject_name = '{NEW_NAME}' WHERE id = {id}"
        ))
        .await
        .expect("renamed");
}

async fn shows_new_name(app: &TestApp) -> bool {
    app.get_json(LIST, 200).await.to_string().contains(NEW_NAME)
}

#[tokio::test]
async fn an_answer_is_reused_until_the_next_write_through_the_server() {
    let app = TestApp::with_demo_and_config(|c| c.response_cache.ttl_millis = 60_000).await;
    let id = first_organisation(&app).await;
    rename_unseen(&app, id).await;
    match app.backend() {
        DatabaseKind::Sqlite => {
            assert!(!shows_new_name(&app).await, "answered from memory");
            // Any write through the server (here: a sign-in, which records a session) makes
            // every remembered answer stale.
            app.login("demo-servant", "Chengxin-Demo-2026").await;
            assert!(shows_new_name(&app).await, "asked the database again");
        }
        DatabaseKind::Postgres => {
            assert!(shows_new_name(&app).await, "no memory on PostgreSQL");
        }
    }
}

#[tokio::test]
async fn an_answer_is_not_reused_after_its_time_limit() {
    let app = TestApp::with_demo_and_config(|c| c.response_cache.ttl_millis = 300).await;
    let id = first_organisation(&app).await;
    rename_unseen(&app, id).await;
    if app.backend() == DatabaseKind::Sqlite {
        assert!(!shows_new_name(&app).await, "answered from memory");
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(shows_new_name(&app).await, "expired");
}

#[tokio::test]
async fn with_no_memory_allowed_every_request_asks_the_database() {
    let app = TestApp::with_demo_and_config(|c| c.response_cache.max_megabytes = 0).await;
    let id = first_organisation(&app).await;
    rename_unseen(&app, id).await;
    assert!(shows_new_name(&app).await);
}

#[tokio::test]
async fn a_remembered_answer_keeps_its_etag_and_answers_304() {
    let app = TestApp::with_demo().await;
    let first = app.get(LIST).await;
    let etag = first.headers()["etag"].to_str().expect("etag").to_string();
    let body = first.text().await.expect("body");
    let again = app.get(LIST).await;
    assert_eq!(again.headers()["etag"].to_str().expect("etag"), etag);
    assert_eq!(
        again.headers()["cache-control"]
            .to_str()
            .expect("cache-control"),
        "public, max-age=60"
    );
    assert_eq!(again.text().await.expect("body"), body);
    let revalidated = app
        .client
        .get(app.url(LIST))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("request");
    assert_eq!(revalidated.status(), 304);
    // Errors are never remembered: a bad parameter is answered afresh, in the caller's language.
    for (language, word) in [("zh-CN", "字段"), ("en", "field")] {
        let bad = app
            .client
            .get(app.url("/api/v1/public/serious-breach?limit=100000"))
            .header("Accept-Language", language)
            .send()
            .await
            .expect("request");
        assert_eq!(bad.status(), 422);
        let text = bad.text().await.expect("body");
        assert!(text.to_lowercase().contains(word), "{language}: {text}");
    }
}
