//! The holiday calendar for the credit office over HTTP: a year's listed days and working days,
//! the import of a new arrangement (refused with the line at fault, or taken), and deadlines
//! counted by the new calendar at once, without a restart. Runs on SQLite and PostgreSQL.

use chengxin::domain::WorkCalendar;
use chengxin::domain::calendar::parse_csv;
use chengxin_tests::{TestApp, json_of, server_today};
use reqwest::Method;
use serde_json::{Value, json};

async fn import(app: &TestApp, token: &str, content_type: &str, body: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/admin/calendar"))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.to_string())
        .send()
        .await
        .expect("sent")
}

/// Files a complaint and returns its acceptance deadline.
async fn complaint_accept_due(app: &TestApp, body_uscc: &str) -> String {
    let receipt = json_of(
        app.send(
            Method::POST,
            "/api/v1/complaints",
            None,
            Some(json!({
                "body_uscc": body_uscc,
                "kind": "broken_promise",
                "description": "招商引资承诺的奖励资金至今未兑现，多次催问无果",
                "complainant_name": "钱先生",
                "complainant_phone": "13800138000",
            })),
        )
        .await,
        201,
        "complaint",
    )
    .await;
    receipt["accept_due"].as_str().expect("due").to_string()
}

#[tokio::test]
async fn the_credit_office_imports_a_holiday_and_deadlines_count_it_at_once() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let today = server_today();
    let shipped = WorkCalendar::shipped().expect("calendar");
    let year = today.format("%Y").to_string();
    let before = json_of(
        app.get_as(&format!("/api/v1/admin/calendar/{year}"), &admin)
            .await,
        200,
        "year",
    )
    .await;
    let working_days = before["working_days"].as_u64().expect("working days");
    assert!((240..=255).contains(&working_days), "{before}");

    let body = app.store.government_bodies().await.expect("bodies")[0]
        .2
        .clone();
    let due_before = complaint_accept_due(&app, &body).await;

    // The next working day becomes a holiday (an arrangement published late, say).
    let next = shipped.add_working_days(today, 1);
    let refused = json_of(
        import(
            &app,
            &admin,
            "text/csv",
            &format!("date,kind,name\n{next},holiday,测试假日\n2027-02-30,holiday,春节\n"),
        )
        .await,
        422,
        "bad line",
    )
    .await;
    assert_eq!(refused["errors"][0]["field"], "file");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("第 3 行"),
        "{refused}"
    );
    assert_eq!(
        complaint_accept_due(&app, &body).await,
        due_before,
        "a refused import changes nothing"
    );
    let not_csv = import(&app, &admin, "application/xml", "<days/>").await;
    assert_eq!(not_csv.status().as_u16(), 415);
    let bad_json = json_of(
        import(
            &app,
            &admin,
            "application/json",
            r#"[{"date":"2031-10-08","kind":"party"}]"#,
        )
        .await,
        422,
        "bad json",
    )
    .await;
    assert_eq!(bad_json["errors"][0]["field"], "file");
    let reviewer = app.demo_token("demo-reviewer").await;
    let forbidden = import(&app, &reviewer, "text/csv", &format!("{next},holiday,x\n")).await;
    assert_eq!(forbidden.status().as_u16(), 403);

    let csv = format!("date,kind,name\n{next},holiday,测试假日\n");
    let imported = json_of(import(&app, &admin, "text/csv", &csv).await, 200, "import").await;
    assert_eq!(imported["imported"], 1);
    let next_year: i64 = next.format("%Y").to_string().parse().expect("year");
    assert_eq!(imported["years"], json!([next_year]));

    let mut changed = shipped.clone();
    changed.extend(parse_csv(&csv).expect("csv"));
    let due_after = complaint_accept_due(&app, &body).await;
    assert_ne!(due_after, due_before, "the new holiday counts at once");
    let n = (1..=30)
        .find(|n| shipped.add_working_days(today, *n).to_string() == due_before)
        .expect("the deadline is some working days away");
    assert_eq!(due_after, changed.add_working_days(today, n).to_string());

    let listed = json_of(
        app.get_as(&format!("/api/v1/admin/calendar/{next_year}"), &admin)
            .await,
        200,
        "year",
    )
    .await;
    let day: Vec<&Value> = listed["days"]
        .as_array()
        .expect("days")
        .iter()
        .filter(|d| d["day"] == next.to_string())
        .collect();
    assert_eq!(day.len(), 1, "{listed}");
    assert_eq!(day[0]["kind"], "holiday");
    assert_eq!(day[0]["source"], "import");
    assert_eq!(day[0]["name"], "测试假日");

    let audited = app
        .store
        .dump_text("SELECT entity_id FROM audit_log WHERE action = 'calendar.imported'")
        .await
        .expect("audit");
    assert_eq!(audited, vec![next_year.to_string()]);
    json_of(
        app.get_as("/api/v1/admin/calendar/1999", &admin).await,
        422,
        "out of range",
    )
    .await;
}
