//! The auditor's endpoints: the access log of everyone filtered by person, department, purpose,
//! channel and period, its CSV export (an audit event itself), and the audit chain's verification
//! over HTTP, intact and after someone edits a row behind the guard. Runs on SQLite and PostgreSQL.

use chengxin_tests::{TestApp, json_of, server_today};
use reqwest::Method;
use serde_json::{Value, json};

fn encoded(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The items of one page of the auditor's access log under `query`.
async fn audited(app: &TestApp, auditor: &str, query: &str) -> Vec<Value> {
    let page = json_of(
        app.get_as(
            &format!("/api/v1/oversight/access-log?limit=100&{query}"),
            auditor,
        )
        .await,
        200,
        query,
    )
    .await;
    page["items"].as_array().expect("items").clone()
}

/// The field of the first error of a refused query.
async fn refused_field(app: &TestApp, auditor: &str, query: &str) -> String {
    let problem = json_of(
        app.get_as(&format!("/api/v1/oversight/access-log?{query}"), auditor)
            .await,
        422,
        query,
    )
    .await;
    problem["errors"][0]["field"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn the_auditor_filters_and_exports_everyones_access_log() {
    let app = TestApp::with_demo().await;
    let id_number = app.id_number_of_account("demo-servant").await;
    let (reviewer_department, reviewer_uscc) = app.organisation_of_account("demo-reviewer").await;
    let mut subject = String::new();
    for (reader, purpose) in [
        ("demo-reviewer", "干部选拔任用考察"),
        ("demo-handler", "评优评先审核 50%"),
    ] {
        let token = app.demo_token(reader).await;
        let shared = json_of(
            app.send(
                Method::POST,
                "/api/v1/sharing/person-records",
                Some(&token),
                Some(json!({ "id_number": id_number, "purpose": purpose })),
            )
            .await,
            200,
            "sharing",
        )
        .await;
        subject = shared["subject"]["name"]
            .as_str()
            .expect("name")
            .to_string();
    }
    let auditor = app.demo_token("demo-auditor").await;

    let of_person = audited(&app, &auditor, &format!("person={}", encoded(&subject))).await;
    assert!(
        of_person.len() >= 2,
        "both reads of {subject}: {of_person:?}"
    );
    for entry in &of_person {
        assert_eq!(entry["subject"]["name"], subject.as_str());
        assert!(!entry.to_string().contains(&id_number), "no full ID number");
    }
    let tail = &id_number[id_number.len() - 4..];
    let again = audited(
        &app,
        &auditor,
        &format!("person={}&id_tail={tail}", encoded(&subject)),
    )
    .await;
    // The auditor's first look is itself in the person's log: what was read about them is theirs
    // to know.
    assert_eq!(again.len(), of_person.len() + 1, "{again:?}");
    assert_eq!(again[0]["channel"], "internal");
    assert_eq!(again[0]["purpose"], "审计：查看查询记录");

    // The purpose matches as words: `%` is a character, not a wildcard.
    let by_purpose = audited(&app, &auditor, &format!("purpose={}", encoded("50%"))).await;
    assert_eq!(by_purpose.len(), 1, "{by_purpose:?}");
    assert_eq!(by_purpose[0]["purpose"], "评优评先审核 50%");
    assert!(
        audited(&app, &auditor, &format!("purpose={}", encoded("5_%")))
            .await
            .is_empty()
    );

    let by_department = audited(&app, &auditor, &format!("department={reviewer_uscc}")).await;
    assert!(!by_department.is_empty());
    for entry in &by_department {
        assert_eq!(entry["accessor_department"], reviewer_department.as_str());
    }

    let today = server_today();
    let tomorrow = today.succ_opt().expect("tomorrow");
    let this_day = audited(&app, &auditor, &format!("from={today}&to={today}")).await;
    assert!(this_day.len() >= 2);
    assert!(
        audited(&app, &auditor, &format!("from={tomorrow}"))
            .await
            .is_empty()
    );
    assert!(
        audited(
            &app,
            &auditor,
            "channel=authorised_query&purpose=%E8%80%83%E5%AF%9F"
        )
        .await
        .is_empty()
    );

    assert_eq!(
        refused_field(&app, &auditor, "from=2026-13-01").await,
        "from"
    );
    assert_eq!(
        refused_field(&app, &auditor, &format!("from={tomorrow}&to={today}")).await,
        "to"
    );
    assert_eq!(
        refused_field(&app, &auditor, "channel=gossip").await,
        "channel"
    );
    assert_eq!(
        refused_field(&app, &auditor, "id_tail=12345").await,
        "id_tail"
    );
    assert_eq!(
        refused_field(&app, &auditor, "department=123").await,
        "department"
    );

    // The export: the same filter, a spreadsheet with a byte-order mark, Chinese by default.
    let export = app
        .get_as(
            &format!(
                "/api/v1/oversight/access-log/export?purpose={}",
                encoded("评优")
            ),
            &auditor,
        )
        .await;
    assert_eq!(export.status(), 200);
    assert!(
        export.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let bytes = export.bytes().await.expect("body");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "时间,渠道,被查询人,身份证号码（部分隐藏）,查询方,查询部门,用途,类别,条数"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains("政务共享") && lines[1].contains("评优评先审核 50%"));
    assert!(lines[1].contains(&subject) && !text.contains(&id_number));

    let english = app
        .client
        .get(app.url("/api/v1/oversight/access-log/export?channel=government_sharing"))
        .bearer_auth(&auditor)
        .header("accept-language", "en")
        .send()
        .await
        .expect("sent");
    let english = english.text().await.expect("body");
    assert!(
        english.contains("Time,Channel,Person,ID number (masked)"),
        "{english}"
    );

    let exports = app
        .store
        .dump_text("SELECT actor FROM audit_log WHERE action = 'access_log.exported'")
        .await
        .expect("audit");
    assert_eq!(exports.len(), 2, "each export is an audit event");

    let servant = app.demo_token("demo-servant").await;
    let not_allowed = app
        .get_as("/api/v1/oversight/access-log/export", &servant)
        .await;
    assert_eq!(not_allowed.status(), 403);
}

#[tokio::test]
async fn the_auditor_sees_the_audit_chain_intact_and_where_it_breaks() {
    let app = TestApp::with_demo().await;
    let auditor = app.demo_token("demo-auditor").await;
    let check = json_of(
        app.get_as("/api/v1/oversight/audit-chain", &auditor).await,
        200,
        "chain",
    )
    .await;
    assert_eq!(check["intact"], true, "{check}");
    assert!(check["events"].as_i64().unwrap_or_default() > 2);
    assert_eq!(check["broken_at"], Value::Null);

    app.tamper_with_audit_event(2, r#"{"edited":true}"#).await;
    let check = json_of(
        app.get_as("/api/v1/oversight/audit-chain", &auditor).await,
        200,
        "chain",
    )
    .await;
    assert_eq!(check["intact"], false);
    assert_eq!(check["broken_at"], 2);
    assert_eq!(check["events"], 1);
}
