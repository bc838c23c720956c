//! Credit repair end to end over HTTP: eligibility after the minimum publicity period, the subject
//! proving itself, handling with working-day deadlines, approval ending publication and scoring at
//! once, the decision document, and the bar after false materials.

use chengxin::domain::disclosure::{DisclosureSettings, Register};
use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use serde_json::{Value, json};

/// (record id, organisation USCC) of an organisation's breach record of the demo handler's
/// department; `repairable` picks one past its minimum publicity period, or one not yet past it.
async fn breach_record(app: &TestApp, repairable: bool) -> (i64, String) {
    let today = chengxin_tests::server_today();
    let when = if repairable {
        format!("r.repairable_from <= '{today}'")
    } else {
        format!("r.repairable_from > '{today}'")
    };
    let department = if repairable {
        "AND COALESCE(r.deciding_org_id, r.reporting_org_id) = (SELECT organisation_id FROM accounts WHERE username = 'demo-handler')"
    } else {
        ""
    };
    let rows = app
        .store
        .dump_text(&format!(
            "SELECT CAST(r.id AS TEXT) || ':' || o.uscc FROM credit_records r JOIN organisations o ON o.id = r.organisation_id
             WHERE r.category IN ('general_breach', 'serious_breach') AND r.status = 'effective'
               AND {when} AND r.publish_until > '{today}' {department}
             ORDER BY r.id LIMIT 1"
        ))
        .await
        .expect("query");
    let (id, uscc) = rows
        .first()
        .expect("the demo district has such a record")
        .split_once(':')
        .expect("pair");
    (id.parse().expect("id"), uscc.to_string())
}

fn application(record: i64, uscc: &str) -> Value {
    json!({
        "record_id": record,
        "applicant": { "name": "李经理", "phone": "13800138000", "uscc": uscc },
        "correction": "罚款已全部缴清，违法行为已整改到位",
        "commitment": "本单位承诺今后严格遵守法律法规，如有违反愿承担相应法律责任",
    })
}

async fn apply(app: &TestApp, body: Value) -> reqwest::Response {
    app.send(Method::POST, "/api/v1/repairs", None, Some(body))
        .await
}

async fn step(app: &TestApp, token: &str, ticket: &str, body: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/handling/repairs/{ticket}/steps"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn an_approved_repair_ends_publication_at_once_and_yields_a_decision_document() {
    let app = TestApp::with_demo().await;
    let (record, uscc) = breach_record(&app, true).await;
    let receipt = json_of(apply(&app, application(record, &uscc)).await, 201, "apply").await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let code = receipt["query_code"].as_str().expect("code").to_string();
    assert!(ticket.starts_with("XF"));
    let today = chengxin_tests::server_today();
    let calendar = chengxin::domain::WorkCalendar::shipped().expect("calendar");
    assert_eq!(
        receipt["accept_due"],
        calendar.add_working_days(today, 3).to_string()
    );
    assert_eq!(
        receipt["result_due"],
        calendar.add_working_days(today, 10).to_string()
    );

    // A second application for the same record while this one is open: refused with the reason.
    let again = json_of(apply(&app, application(record, &uscc)).await, 422, "second").await;
    assert_eq!(again["errors"][0]["code"], "already_applied");

    let doc = app
        .get(&format!("/api/v1/repairs/{ticket}/decision?code={code}"))
        .await;
    assert_eq!(doc.status().as_u16(), 409, "no decision yet");

    let handler = app.demo_token("demo-handler").await;
    json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "approve", "reason": "理由充分" }),
        )
        .await,
        409,
        "approve before accept",
    )
    .await;
    json_of(
        step(&app, &handler, &ticket, json!({ "action": "accept" })).await,
        200,
        "accept",
    )
    .await;
    assert!(
        app.store
            .public_ids(Register::Records, today, DisclosureSettings::default())
            .await
            .expect("ids")
            .contains(&record)
    );
    let approved = json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "approve", "reason": "已履行义务并作出信用承诺" }),
        )
        .await,
        200,
        "approve",
    )
    .await;
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["decision_available"], true);
    assert!(
        !app.store
            .public_ids(Register::Records, today, DisclosureSettings::default())
            .await
            .expect("ids")
            .contains(&record),
        "publication ends at once"
    );
    let status = app
        .store
        .dump_text(&format!(
            "SELECT status FROM credit_records WHERE id = {record}"
        ))
        .await
        .expect("status");
    assert_eq!(status[0], "repaired");

    let doc = app
        .get(&format!("/api/v1/repairs/{ticket}/decision?code={code}"))
        .await;
    assert_eq!(doc.status().as_u16(), 200);
    assert!(
        doc.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/html")
    );
    let html = doc.text().await.expect("html");
    assert!(
        html.contains("信用修复决定书") && html.contains(&ticket),
        "{html}"
    );
    assert_eq!(
        app.get(&format!("/api/v1/repairs/{ticket}/decision?code=WRONG"))
            .await
            .status()
            .as_u16(),
        404
    );
    // Its styles are allowed by their hash alone: the document prints as designed, runs nothing.
    let policy = doc_policy(
        &app,
        &format!("/api/v1/repairs/{ticket}/decision?code={code}"),
    )
    .await;
    assert!(
        policy.starts_with("default-src 'none'; style-src 'sha256-"),
        "{policy}"
    );
    // The handling department (and the credit office) open the same document from the workspace;
    // another department's handler cannot.
    for token in [&handler, &app.demo_token("demo-admin").await] {
        let theirs = app
            .get_as(
                &format!("/api/v1/handling/repairs/{ticket}/decision"),
                token,
            )
            .await;
        assert_eq!(theirs.status().as_u16(), 200);
        assert_eq!(
            theirs.text().await.expect("html"),
            html,
            "the applicant's copy"
        );
    }
    let reviewer = app.demo_token("demo-reviewer").await;
    assert_eq!(
        app.get_as(
            &format!("/api/v1/handling/repairs/{ticket}/decision"),
            &reviewer
        )
        .await
        .status()
        .as_u16(),
        403
    );
    let actions = app
        .store
        .dump_text("SELECT action FROM audit_log WHERE entity = 'repair' ORDER BY seq")
        .await
        .expect("audit");
    assert_eq!(
        actions,
        ["repair.filed", "repair.accepted", "repair.approved"]
    );
}

#[tokio::test]
async fn repair_is_refused_before_the_minimum_period_and_to_someone_who_is_not_the_subject() {
    let app = TestApp::with_demo().await;
    let (early, uscc) = breach_record(&app, false).await;
    let problem = json_of(
        apply(&app, application(early, &uscc)).await,
        422,
        "too early",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "not_yet_repairable");
    assert_eq!(problem["errors"][0]["field"], "record_id");

    let (record, record_uscc) = breach_record(&app, true).await;
    let problem = json_of(
        apply(&app, application(record, "91310114MA1GTPB26F")).await,
        422,
        "another organisation's code",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "not_the_subject");
    let mut no_commitment = application(record, &record_uscc);
    no_commitment["commitment"] = json!("");
    let problem = json_of(apply(&app, no_commitment).await, 422, "no commitment").await;
    assert!(problem.to_string().contains("commitment"), "{problem}");
}

#[tokio::test]
async fn false_materials_bar_a_new_application() {
    let app = TestApp::with_demo().await;
    let (record, uscc) = breach_record(&app, true).await;
    let receipt = json_of(apply(&app, application(record, &uscc)).await, 201, "apply").await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let handler = app.demo_token("demo-handler").await;
    json_of(
        step(&app, &handler, &ticket, json!({ "action": "accept" })).await,
        200,
        "accept",
    )
    .await;
    json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "extend", "days": 5, "reason": "需要核实缴款凭证" }),
        )
        .await,
        200,
        "extend",
    )
    .await;
    let denied = json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "deny", "reason": "缴款凭证系伪造", "false_materials": true }),
        )
        .await,
        200,
        "deny",
    )
    .await;
    assert_eq!(denied["status"], "denied");
    let barred = json_of(apply(&app, application(record, &uscc)).await, 422, "barred").await;
    assert_eq!(barred["errors"][0]["code"], "barred_after_false_materials");
    // The record stays published.
    let today = chengxin_tests::server_today();
    assert!(
        app.store
            .public_ids(Register::Records, today, DisclosureSettings::default())
            .await
            .expect("ids")
            .contains(&record)
    );
}

/// A civil servant's admonishment is shared between departments, never published. Repair is still
/// possible: after half its validity (six months of a year) from the conduct, and approval ends its
/// counting in the score and its sharing. A refusal says what is really the case.
#[tokio::test]
async fn a_civil_servants_record_that_was_never_published_can_be_repaired() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let handler = app.demo_token("demo-handler").await;
    let servant = app.demo_token("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let id_number = app.id_number_of_account("demo-servant").await;
    let days_ago =
        |n: i64| (chengxin_tests::server_today() - chrono::Duration::days(n)).to_string();
    let mut records = Vec::new();
    for (doc, occurred) in [("诫勉〔2026〕31号", 200), ("诫勉〔2026〕32号", 30)] {
        let submitted = json_of(
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
        records.push(submitted["record_id"].as_i64().expect("record"));
    }
    let apply = |record: i64| {
        app.send(
            Method::POST,
            "/api/v1/repairs",
            Some(&servant),
            Some(json!({
                "record_id": record,
                "correction": "已深刻检查并整改工作作风问题，经单位考察合格",
                "commitment": "本人承诺今后严格遵守工作纪律，如有违反愿接受组织处理",
            })),
        )
    };
    let early = json_of(apply(records[1]).await, 422, "too early").await;
    assert_eq!(early["errors"][0]["code"], "not_yet_repairable", "{early}");
    let message = early["errors"][0]["message"].as_str().expect("message");
    assert!(
        !message.contains("公示"),
        "no publication to speak of: {message}"
    );

    let receipt = json_of(apply(records[0]).await, 201, "repair of a shared record").await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket");
    let counting = |score: &Value| {
        score["counting"]
            .as_array()
            .expect("counting items")
            .iter()
            .any(|l| l["record_id"] == records[0])
    };
    let score = json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await;
    assert!(counting(&score), "counts before the repair: {score}");
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "approve", "reason": "已纠正失信行为并作出信用承诺，准予修复" }),
    ] {
        json_of(
            app.send(
                Method::POST,
                &format!("/api/v1/handling/repairs/{ticket}/steps"),
                Some(&handler),
                Some(step),
            )
            .await,
            200,
            "step",
        )
        .await;
    }
    let score = json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await;
    assert!(!counting(&score), "no longer counts once repaired: {score}");
}

async fn overdue(app: &TestApp, token: &str) -> reqwest::Response {
    app.get_as("/api/v1/oversight/repairs/overdue", token).await
}

#[tokio::test]
async fn the_credit_office_sees_repair_applications_past_their_deadline() {
    let app = TestApp::with_demo().await;
    let (record, uscc) = breach_record(&app, true).await;
    let receipt = json_of(apply(&app, application(record, &uscc)).await, 201, "apply").await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let admin = app.demo_token("demo-admin").await;
    let before = json_of(overdue(&app, &admin).await, 200, "none yet").await;
    assert!(!before.to_string().contains(&ticket), "{before}");

    // Backdated past its acceptance deadline, it is on the list, marked overdue.
    app.store
        .execute_admin(&format!(
            "UPDATE repairs SET accept_due = '2026-01-05' WHERE ticket_no = '{ticket}'"
        ))
        .await
        .expect("backdated");
    let late = json_of(overdue(&app, &admin).await, 200, "overdue").await;
    let case = late
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["ticket_no"] == ticket.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{ticket} is overdue: {late}"));
    assert_eq!(case["overdue"], true, "{case}");

    // Accepted, it waits for the decision deadline instead, which has not passed.
    let handler = app.demo_token("demo-handler").await;
    json_of(
        step(&app, &handler, &ticket, json!({ "action": "accept" })).await,
        200,
        "accept",
    )
    .await;
    let after = json_of(overdue(&app, &admin).await, 200, "after").await;
    assert!(!after.to_string().contains(&ticket), "{after}");
    assert_eq!(overdue(&app, &handler).await.status().as_u16(), 403);
}

/// The Content-Security-Policy an answer carries.
async fn doc_policy(app: &TestApp, path: &str) -> String {
    app.get(path).await.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .to_string()
}
