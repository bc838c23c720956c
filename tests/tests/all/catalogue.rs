//! The catalogue of record kinds as data the credit office keeps: a district adds a kind its own
//! rules name, reporters report it at once, a change is a new version, a kind with records keeps
//! its category, a retired kind cannot be reported. Runs on SQLite and PostgreSQL.

use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use serde_json::{Value, json};

fn kind(code: &str, category: &str) -> Value {
    json!({
        "code": code,
        "name": "廉政记录",
        "category": category,
        "source": "discipline",
        "default_route": "government_sharing",
        "score_item": "talk_reminder",
        "subjects": "person",
    })
}

async fn admin_call(
    app: &TestApp,
    admin: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    app.send(
        method,
        &format!("/api/v1/admin/record-kinds{path}"),
        Some(admin),
        body,
    )
    .await
}

#[tokio::test]
async fn the_credit_office_adds_changes_and_retires_a_kind_and_intake_follows() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let servant = app.demo_token("demo-servant").await;

    let added = json_of(
        admin_call(
            &app,
            &admin,
            Method::POST,
            "",
            Some(kind("integrity_record", "general_breach")),
        )
        .await,
        201,
        "add",
    )
    .await;
    assert_eq!(added["version"], 1);
    let again = json_of(
        admin_call(
            &app,
            &admin,
            Method::POST,
            "",
            Some(kind("integrity_record", "general_breach")),
        )
        .await,
        409,
        "the same code again",
    )
    .await;
    assert_eq!(again["code"], "kind_exists");
    let bad = json_of(
        admin_call(
            &app,
            &admin,
            Method::POST,
            "",
            Some(kind("Integrity-Record", "general_breach")),
        )
        .await,
        422,
        "a bad code",
    )
    .await;
    assert_eq!(bad["errors"][0]["field"], "code");
    let mut unknown_item = kind("integrity_record_2", "general_breach");
    unknown_item["score_item"] = json!("no_such_item");
    let unknown = json_of(
        admin_call(&app, &admin, Method::POST, "", Some(unknown_item)).await,
        422,
        "an unknown scoring item",
    )
    .await;
    assert_eq!(unknown["errors"][0]["code"], "unknown_score_item");

    // Reporters report the new kind at once.
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let id_number = app.id_number_of_account("demo-servant").await;
    let with_id = |doc: &str| {
        json!({
            "kind_code": "integrity_record",
            "subject_type": "自然人",
            "subject_name": me["person"]["name"],
            "subject_id_number": id_number,
            "content": "廉政谈话记录",
            "decision_no": doc,
            "decided_on": (chengxin_tests::server_today() - chrono::Duration::days(3)).to_string(),
        })
    };
    let submit = |body: Value| {
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=records",
            Some(&reporter),
            Some(body),
        )
    };
    let submitted = json_of(
        submit(with_id("廉政〔2026〕1号")).await,
        201,
        "report the new kind",
    )
    .await;
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{}/review", submitted["id"]),
            Some(&reviewer),
            Some(json!({ "action": "approve" })),
        )
        .await,
        200,
        "approve",
    )
    .await;
    let mine = json_of(
        app.get_as("/api/v1/me/records", &servant).await,
        200,
        "mine",
    )
    .await;
    assert!(
        mine.as_array()
            .expect("records")
            .iter()
            .any(|r| r["id"] == submitted["record_id"]),
        "the servant sees the record of the new kind"
    );

    // With records, the category stays; the rest changes as a new version.
    let recategorised = json_of(
        admin_call(
            &app,
            &admin,
            Method::PUT,
            "/integrity_record",
            Some(kind("integrity_record", "positive")),
        )
        .await,
        409,
        "change the category of a kind in use",
    )
    .await;
    assert_eq!(recategorised["code"], "kind_in_use");
    let mut renamed = kind("integrity_record", "general_breach");
    renamed["name"] = json!("廉政档案记录");
    let changed = json_of(
        admin_call(
            &app,
            &admin,
            Method::PUT,
            "/integrity_record",
            Some(renamed),
        )
        .await,
        200,
        "rename",
    )
    .await;
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["name"], "廉政档案记录");
    let kept = app
        .store
        .dump_text("SELECT CAST(version AS TEXT) FROM record_kind_versions WHERE code = 'integrity_record'")
        .await
        .expect("history");
    assert_eq!(kept, vec!["1".to_string()], "the old version is kept");

    // The rulebook reads the catalogue: a version without an item kinds score under is refused.
    let rows = app
        .store
        .rulebook_rows("weihai-civil-servant")
        .await
        .expect("rulebook");
    let mut next = rows[0].rulebook.clone();
    next.version += 1;
    next.items.retain(|i| i.code != "talk_reminder");
    let tomorrow = chengxin_tests::server_today() + chrono::Duration::days(1);
    let dropped = json_of(
        app.send(
            Method::POST,
            "/api/v1/admin/rulebooks/weihai-civil-servant/versions",
            Some(&admin),
            Some(json!({ "effective_from": tomorrow, "rulebook": next })),
        )
        .await,
        422,
        "a version without an item in use",
    )
    .await;
    assert!(
        dropped["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .any(|e| e["code"] == "missing_score_item"),
        "{dropped}"
    );

    // Retired: no new records; the old one stays.
    json_of(
        admin_call(&app, &admin, Method::POST, "/integrity_record/retire", None).await,
        200,
        "retire",
    )
    .await;
    let refused = json_of(
        submit(with_id("廉政〔2026〕2号")).await,
        422,
        "a retired kind",
    )
    .await;
    assert_eq!(refused["errors"][0]["field"], "kind_code", "{refused}");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("停用")),
        "{refused}"
    );
    let list = json_of(
        admin_call(&app, &admin, Method::GET, "", None).await,
        200,
        "list",
    )
    .await;
    let entry = list
        .as_array()
        .expect("kinds")
        .iter()
        .find(|k| k["code"] == "integrity_record")
        .expect("kept, never deleted")
        .clone();
    assert!(entry["retired_on"].is_string());
}

#[tokio::test]
async fn the_credit_office_lists_the_rulebook_families() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let families = json_of(
        app.get_as("/api/v1/admin/rulebooks", &admin).await,
        200,
        "families",
    )
    .await;
    let weihai = families
        .as_array()
        .expect("list")
        .iter()
        .find(|f| f["code"] == "weihai-civil-servant")
        .cloned()
        .unwrap_or_else(|| panic!("the demo rulebook: {families}"));
    let versions = json_of(
        app.get_as(
            "/api/v1/admin/rulebooks/weihai-civil-servant/versions",
            &admin,
        )
        .await,
        200,
        "versions",
    )
    .await;
    assert_eq!(weihai["latest_version"], versions[0]["version"]);
    assert_eq!(weihai["name"], versions[0]["rulebook"]["name"]);
    let reviewer = app.demo_token("demo-reviewer").await;
    assert_eq!(
        app.get_as("/api/v1/admin/rulebooks", &reviewer)
            .await
            .status()
            .as_u16(),
        403
    );
}
