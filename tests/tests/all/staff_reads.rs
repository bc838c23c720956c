//! Every staff endpoint that shows a person's non-public data leaves an entry in that person's
//! access log: the reviewer's queue and the submission, the handler's objection and repair lists
//! and their steps, the credit office's overdue list. The person reading their own data does not.
//! Runs on SQLite and PostgreSQL.

use chengxin_tests::TestApp;
use chengxin_tests::{days_ago, json_of};
use reqwest::Method;
use serde_json::json;

/// The servant's access log, newest first: (accessor, purpose) of each entry.
async fn access_log(app: &TestApp, servant: &str) -> Vec<(String, String)> {
    let page = json_of(
        app.get_as("/api/v1/me/access-log?limit=100", servant).await,
        200,
        "access log",
    )
    .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            (
                e["accessor"].as_str().unwrap_or_default().to_string(),
                e["purpose"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Checks that the entries added since the log had `before` of them include one by `who` for
/// `purpose`; the log's new length.
async fn logged(app: &TestApp, servant: &str, before: usize, who: &str, purpose: &str) -> usize {
    let log = access_log(app, servant).await;
    let new = &log[..log.len() - before];
    assert!(
        new.iter()
            .any(|(accessor, p)| accessor.contains(who) && p.contains(purpose)),
        "{who} reading for {purpose:?} is logged: {new:?}"
    );
    log.len()
}

#[tokio::test]
async fn every_staff_read_of_a_persons_case_is_in_their_access_log() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let handler = app.demo_token("demo-handler").await;
    let admin = app.demo_token("demo-admin").await;
    let servant = app.demo_token("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let id_number = app.id_number_of_account("demo-servant").await;
    // Two records about the servant from the market regulator: one to object to, one to repair.
    let mut submissions = Vec::new();
    for (doc, occurred) in [("诫勉〔2026〕41号", 20), ("诫勉〔2026〕42号", 200)] {
        submissions.push(
            json_of(
                app.send(
                    Method::POST,
                    "/api/v1/intake/submissions?format=records",
                    Some(&reporter),
                    Some(json!({
                        "kind_code": "admonishment",
                        "subject_type": "自然人",
                        "subject_name": me["person"]["name"],
                        "subject_id_number": id_number,
                        "content": "在专项检查中发现工作作风问题，予以诫勉",
                        "decision_no": doc,
                        "decided_on": days_ago(occurred - 5),
                        "occurred_on": days_ago(occurred),
                    })),
                )
                .await,
                201,
                "record",
            )
            .await,
        );
    }
    let mut seen = access_log(&app, &servant).await.len();
    json_of(
        app.get_as("/api/v1/intake/submissions?status=pending", &reviewer)
            .await,
        200,
        "queue",
    )
    .await;
    seen = logged(&app, &servant, seen, "李评议", "报送列表").await;
    let first = submissions[0]["id"].as_i64().expect("id");
    json_of(
        app.get_as(&format!("/api/v1/intake/submissions/{first}"), &reviewer)
            .await,
        200,
        "submission",
    )
    .await;
    seen = logged(&app, &servant, seen, "李评议", "报送").await;
    for submission in &submissions {
        json_of(
            app.send(
                Method::POST,
                &format!("/api/v1/intake/submissions/{}/review", submission["id"]),
                Some(&reviewer),
                Some(json!({ "action": "approve" })),
            )
            .await,
            200,
            "approve",
        )
        .await;
    }
    seen = logged(&app, &servant, seen, "李评议", "评议审核").await;

    // The servant objects and applies for repair: their own reads are not logged.
    let objection = json_of(
        app.send(
            Method::POST,
            "/api/v1/objections",
            Some(&servant),
            Some(json!({ "record_id": submissions[0]["record_id"], "reason": "诫勉所依据的检查结论已被撤销" })),
        )
        .await,
        201,
        "objection",
    )
    .await;
    let repair = json_of(
        app.send(
            Method::POST,
            "/api/v1/repairs",
            Some(&servant),
            Some(json!({
                "record_id": submissions[1]["record_id"],
                "correction": "已深刻检查并整改工作作风问题，经单位考察合格",
                "commitment": "本人承诺今后严格遵守工作纪律，如有违反愿接受组织处理",
            })),
        )
        .await,
        201,
        "repair",
    )
    .await;
    json_of(
        app.get_as("/api/v1/me/records", &servant).await,
        200,
        "mine",
    )
    .await;
    assert_eq!(
        access_log(&app, &servant).await.len(),
        seen,
        "own reads are not logged"
    );

    json_of(
        app.get_as("/api/v1/handling/objections", &handler).await,
        200,
        "objections",
    )
    .await;
    seen = logged(&app, &servant, seen, "赵经办", "异议列表").await;
    let ticket = objection["ticket_no"].as_str().expect("ticket");
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/handling/objections/{ticket}/steps"),
            Some(&handler),
            Some(json!({ "action": "accept" })),
        )
        .await,
        200,
        "accept objection",
    )
    .await;
    seen = logged(&app, &servant, seen, "赵经办", ticket).await;
    json_of(
        app.get_as("/api/v1/handling/repairs", &handler).await,
        200,
        "repairs",
    )
    .await;
    seen = logged(&app, &servant, seen, "赵经办", "申请列表").await;
    let repair_ticket = repair["ticket_no"].as_str().expect("ticket");
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/handling/repairs/{repair_ticket}/steps"),
            Some(&handler),
            Some(json!({ "action": "accept" })),
        )
        .await,
        200,
        "accept repair",
    )
    .await;
    seen = logged(&app, &servant, seen, "赵经办", repair_ticket).await;

    // The credit office's list of overdue cases shows the person's case too.
    app.store
        .execute_admin(&format!(
            "UPDATE objections SET reply_due = '2026-01-05' WHERE ticket_no = '{ticket}'"
        ))
        .await
        .expect("backdated");
    json_of(
        app.get_as("/api/v1/oversight/objections/overdue", &admin)
            .await,
        200,
        "overdue",
    )
    .await;
    logged(&app, &servant, seen, "陈管理", "逾期").await;
}

#[tokio::test]
async fn a_reviewer_reading_a_persons_commitment_or_its_fulfilment_is_in_their_access_log() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let servant = app.demo_token("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let id_number = app.id_number_of_account("demo-servant").await;
    // A commitment the servant made to the market regulator; it has no credit record behind it.
    let commitment = json_of(
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=commitments",
            Some(&reporter),
            Some(json!({
                "kind": "告知承诺",
                "subject_type": "自然人",
                "subject_name": me["person"]["name"],
                "subject_id_number": id_number,
                "content": "本人承诺所报个人有关事项真实、完整",
                "made_on": days_ago(10),
                "route": "government_sharing",
            })),
        )
        .await,
        201,
        "commitment",
    )
    .await;
    assert!(commitment["record_id"].is_null(), "{commitment}");
    let mut seen = access_log(&app, &servant).await.len();
    json_of(
        app.get_as("/api/v1/intake/submissions?status=pending", &reviewer)
            .await,
        200,
        "queue",
    )
    .await;
    seen = logged(&app, &servant, seen, "李评议", "报送列表").await;
    let id = commitment["id"].as_i64().expect("id");
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{id}/review"),
            Some(&reviewer),
            Some(json!({ "action": "approve" })),
        )
        .await,
        200,
        "approve",
    )
    .await;
    seen = logged(&app, &servant, seen, "李评议", "评议审核").await;

    // Its fulfilment: the reviewer opening it reads the servant's commitment again.
    let fulfilment = json_of(
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=fulfilments",
            Some(&reporter),
            Some(json!({
                "commitment_id": commitment["item_id"],
                "status": "已履行",
                "note": "经核查，所报事项属实",
                "recorded_on": days_ago(1),
            })),
        )
        .await,
        201,
        "fulfilment",
    )
    .await;
    let id = fulfilment["id"].as_i64().expect("id");
    json_of(
        app.get_as(&format!("/api/v1/intake/submissions/{id}"), &reviewer)
            .await,
        200,
        "fulfilment submission",
    )
    .await;
    logged(&app, &servant, seen, "李评议", &format!("报送 {id}")).await;
}

#[tokio::test]
async fn a_page_of_submissions_logs_only_the_persons_it_shows() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let servant = app.demo_token("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let servant_id = app.id_number_of_account("demo-servant").await;
    let stranger_id = chengxin::domain::IdNumber::with_check_char("37100219850314262")
        .expect("an ID number")
        .expose()
        .to_string();
    let mut ids = Vec::new();
    for (name, id_number, doc) in [
        ("林晓梅", stranger_id.as_str(), "诫勉〔2026〕51号"),
        (
            me["person"]["name"].as_str().expect("name"),
            servant_id.as_str(),
            "诫勉〔2026〕52号",
        ),
    ] {
        let submitted = json_of(
            app.send(
                Method::POST,
                "/api/v1/intake/submissions?format=records",
                Some(&reporter),
                Some(json!({
                    "kind_code": "admonishment",
                    "subject_type": "自然人",
                    "subject_name": name,
                    "subject_id_number": id_number,
                    "content": "在专项检查中发现工作作风问题，予以诫勉",
                    "decision_no": doc,
                    "decided_on": days_ago(10),
                    "occurred_on": days_ago(12),
                })),
            )
            .await,
            201,
            "record",
        )
        .await;
        ids.push(submitted["id"].as_i64().expect("id"));
    }
    let seen = access_log(&app, &servant).await.len();
    // A page of one that starts at the stranger's submission: the servant's is fetched only to
    // know that another page follows, and is not shown.
    let from_the_strangers = match ids[0] - 1 {
        0 => String::new(),
        before => format!("&cursor={before}"),
    };
    let page = json_of(
        app.get_as(
            &format!("/api/v1/intake/submissions?status=pending&limit=1{from_the_strangers}"),
            &reviewer,
        )
        .await,
        200,
        "page",
    )
    .await;
    assert_eq!(page["items"][0]["id"].as_i64(), Some(ids[0]), "{page}");
    assert!(page["next_cursor"].is_string(), "another page follows");
    assert_eq!(
        access_log(&app, &servant).await.len(),
        seen,
        "the servant's submission was not shown, so it was not read"
    );
    // The next page shows it, and that read is logged.
    json_of(
        app.get_as(
            &format!(
                "/api/v1/intake/submissions?status=pending&limit=1&cursor={}",
                ids[0]
            ),
            &reviewer,
        )
        .await,
        200,
        "next page",
    )
    .await;
    logged(&app, &servant, seen, "李评议", "报送列表").await;
}
