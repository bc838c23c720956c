//! Rectification of government breaches (政务失信整改), end to end: a complaint found true becomes
//! a breach record reviewed like any other, its approval opens a case, the credit office sets the
//! deadline, the body explains and reports, the office accepts; an overdue case is escalated one
//! level at a time; consequences are recorded and the public profile shows the outcome.

use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// A complaint against `body_uscc`, accepted and found true by the credit office; its ticket.
async fn substantiated_complaint(app: &TestApp, admin: &str, body_uscc: &str) -> String {
    let receipt = json_of(
        app.send(
            Method::POST,
            "/api/v1/complaints",
            None,
            Some(json!({
                "body_uscc": body_uscc,
                "kind": "broken_promise",
                "description": "招商引资时承诺的厂房租金补贴三年未兑现",
                "complainant_name": "刘经理",
                "complainant_phone": "13900139000",
            })),
        )
        .await,
        201,
        "complaint filed",
    )
    .await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    for (step, what) in [
        (json!({ "action": "accept" }), "accepted"),
        (
            json!({ "action": "substantiate", "finding": "经核查，补贴确未按承诺兑现，认定属实" }),
            "substantiated",
        ),
    ] {
        json_of(
            app.send(
                Method::POST,
                &format!("/api/v1/oversight/complaints/{ticket}/steps"),
                Some(admin),
                Some(step),
            )
            .await,
            200,
            what,
        )
        .await;
    }
    ticket
}

/// A reviewer of the credit office's own department, created through the admin API.
async fn office_reviewer(app: &TestApp, admin: &str) -> String {
    let (_, office_uscc) = app.organisation_of_account("demo-admin").await;
    json_of(
        app.send(
            Method::POST,
            "/api/v1/admin/accounts",
            Some(admin),
            Some(json!({
                "username": "office.reviewer",
                "display_name": "孙评议",
                "password": "Office-Review-2026",
                "roles": ["reviewer"],
                "organisation_uscc": office_uscc,
            })),
        )
        .await,
        201,
        "reviewer created",
    )
    .await;
    app.login("office.reviewer", "Office-Review-2026")
        .await
        .access_token
}

/// The pending submission whose summary names `needle`, approved by `reviewer`.
async fn approve_submission_naming(app: &TestApp, reviewer: &str, needle: &str) -> Value {
    let queue = json_of(
        app.get_as("/api/v1/intake/submissions?status=pending", reviewer)
            .await,
        200,
        "queue",
    )
    .await;
    let submission = queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|s| s["summary"].as_str().is_some_and(|t| t.contains(needle)))
        .unwrap_or_else(|| panic!("no pending submission naming {needle}: {queue}"))
        .clone();
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{}/review", submission["id"]),
            Some(reviewer),
            Some(json!({ "action": "approve" })),
        )
        .await,
        200,
        "approved",
    )
    .await
}

/// The open case whose record came from `source_ref`.
async fn case_from(app: &TestApp, admin: &str, source_ref: &str) -> Value {
    let open = json_of(
        app.get_as(
            "/api/v1/oversight/rectifications?state=open&limit=100",
            admin,
        )
        .await,
        200,
        "open cases",
    )
    .await;
    open["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["record"]["source_ref"] == source_ref)
        .unwrap_or_else(|| panic!("no case from {source_ref}: {open}"))
        .clone()
}

/// A case as the credit office reads it.
async fn office_case(app: &TestApp, admin: &str, ticket: &str, what: &str) -> Value {
    json_of(
        app.get_as(&format!("/api/v1/oversight/rectifications/{ticket}"), admin)
            .await,
        200,
        what,
    )
    .await
}

async fn office_step(app: &TestApp, admin: &str, ticket: &str, step: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/oversight/rectifications/{ticket}/steps"),
        Some(admin),
        Some(step),
    )
    .await
}

fn report_form(explanation: &str) -> Form {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend_from_slice(&[b'x'; 64]);
    Form::new()
        .part(
            "report",
            Part::text(
                json!({
                    "explanation": explanation,
                    "report": "已与企业签订补充协议，补贴于本月全额拨付，并建立承诺兑现台账按月核对",
                })
                .to_string(),
            )
            .mime_str("application/json")
            .expect("mime"),
        )
        .part(
            "evidence",
            Part::bytes(pdf).file_name("拨付凭证.pdf".to_string()),
        )
}

async fn send_report(
    app: &TestApp,
    token: &str,
    ticket: &str,
    key: &str,
    explanation: &str,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/work/rectifications/{ticket}/report")))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .multipart(report_form(explanation))
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn a_complaint_found_true_is_reviewed_opens_a_case_and_is_rectified_on_time() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let handler = app.demo_token("demo-handler").await;
    let (body_name, body_uscc) = app.organisation_of_account("demo-handler").await;
    let profile_path = format!("/api/v1/public/organisations/{body_uscc}/profile");
    let before = app.get_json(&profile_path, 200).await;
    let breaches_before = before["records"]["general_breach"]
        .as_i64()
        .expect("figures");

    let complaint = substantiated_complaint(&app, &admin, &body_uscc).await;
    // The finding waits for the review panel of the credit office's department: no case yet.
    let none = json_of(
        app.get_as("/api/v1/oversight/rectifications?limit=100", &admin)
            .await,
        200,
        "no case before review",
    )
    .await;
    assert!(
        none["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|c| c["record"]["source_ref"] != complaint.as_str()),
        "{none}"
    );
    let reviewer = office_reviewer(&app, &admin).await;
    approve_submission_naming(&app, &reviewer, &body_name).await;

    let case = case_from(&app, &admin, &complaint).await;
    let ticket = case["ticket_no"].as_str().expect("ticket").to_string();
    assert!(ticket.starts_with("ZG"), "{case}");
    assert_eq!(case["status"], "opened");
    assert_eq!(case["record"]["source_kind"], "complaint");
    assert_eq!(case["record"]["kind_code"], "gov_complaint_substantiated");
    assert_eq!(case["next_actor"], "credit_office");
    assert!(
        case["due"].is_string(),
        "the office has a day to set the deadline by"
    );

    // The body cannot report before it has a deadline; a deadline of 0 days is refused.
    let early = json_of(
        send_report(
            &app,
            &handler,
            &ticket,
            "k-early",
            "说明失信原因：预算调整未及时报批",
        )
        .await,
        409,
        "report before the deadline is set",
    )
    .await;
    assert_eq!(early["code"], "invalid_transition");
    let zero = json_of(
        office_step(
            &app,
            &admin,
            &ticket,
            json!({ "action": "set_deadline", "working_days": 0 }),
        )
        .await,
        422,
        "zero days",
    )
    .await;
    assert_eq!(zero["errors"][0]["field"], "working_days", "{zero}");
    let set = json_of(
        office_step(
            &app,
            &admin,
            &ticket,
            json!({ "action": "set_deadline", "working_days": 10, "note": "请于十个工作日内书面说明并整改" }),
        )
        .await,
        200,
        "deadline set",
    )
    .await;
    assert_eq!(set["status"], "awaiting_report");
    assert_eq!(set["first_due"], set["report_due"]);
    assert_eq!(set["next_actor"], "body");

    // The body's staff see their case; another department's staff do not.
    let own = json_of(
        app.get_as("/api/v1/work/rectifications?state=open", &handler)
            .await,
        200,
        "own cases",
    )
    .await;
    assert!(
        own["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|c| c["ticket_no"] == ticket.as_str()),
        "{own}"
    );
    json_of(
        app.get_as(&format!("/api/v1/work/rectifications/{ticket}"), &reviewer)
            .await,
        403,
        "another body's case",
    )
    .await;

    // An overdue escalation is refused while the body is still in time.
    let early_escalation = json_of(
        office_step(
            &app,
            &admin,
            &ticket,
            json!({ "action": "escalate", "level": "reminder", "note": "请抓紧整改" }),
        )
        .await,
        409,
        "not overdue",
    )
    .await;
    assert_eq!(early_escalation["code"], "invalid_transition");

    let explanation = "说明失信原因：区财政预算调整后补贴资金未及时报批";
    let receipt = json_of(
        send_report(&app, &handler, &ticket, "report-1", explanation).await,
        201,
        "report",
    )
    .await;
    assert_eq!(receipt["status"], "report_submitted");
    // A retry with the same key gets the same answer; the same key for other content is refused.
    let again = json_of(
        send_report(&app, &handler, &ticket, "report-1", explanation).await,
        201,
        "retried",
    )
    .await;
    assert_eq!(again, receipt);
    json_of(
        send_report(
            &app,
            &handler,
            &ticket,
            "report-1",
            "另一份不同的书面说明内容文字",
        )
        .await,
        409,
        "key reused",
    )
    .await;

    let accepted = json_of(
        office_step(
            &app,
            &admin,
            &ticket,
            json!({ "action": "accept", "note": "整改到位" }),
        )
        .await,
        200,
        "accepted",
    )
    .await;
    assert_eq!(accepted["status"], "rectified");
    assert_eq!(accepted["on_time"], true);
    assert_eq!(accepted["next_actor"], "none");
    assert_eq!(accepted["evidence"][0]["file_name"], "拨付凭证.pdf");
    let actions: Vec<&str> = accepted["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        ["opened", "deadline_set", "report_submitted", "accepted"]
    );
    json_of(
        office_step(
            &app,
            &admin,
            &ticket,
            json!({ "action": "return", "reason": "补充材料", "working_days": 5 }),
        )
        .await,
        409,
        "a rectified case is closed",
    )
    .await;

    // The body's staff were told of each step through the outbox.
    let body_id = app
        .store
        .dump_text(&format!(
            "SELECT CAST(id AS TEXT) FROM organisations WHERE uscc = '{body_uscc}'"
        ))
        .await
        .expect("body id")
        .remove(0);
    let notices = app
        .store
        .dump_text(&format!(
            "SELECT body FROM outbox WHERE recipient = 'org:{body_id}' AND subject LIKE '%{ticket}' ORDER BY id"
        ))
        .await
        .expect("outbox");
    assert_eq!(notices.len(), 4, "{notices:?}");
    assert!(notices[1].contains("确定整改期限"), "{notices:?}");

    let rates = json_of(
        app.get_as("/api/v1/oversight/rectification-rates", &admin)
            .await,
        200,
        "rates",
    )
    .await;
    let body_rate = rates["bodies"]
        .as_array()
        .expect("bodies")
        .iter()
        .find(|b| b["body_uscc"] == body_uscc.as_str())
        .expect("the body has a rate")
        .clone();
    let body_rate = body_rate["rate"].clone();
    let counted = |rate: &Value, field: &str| rate[field].as_i64().unwrap_or(0);
    let rate_before = &before["rectification"]["rate"];
    assert_eq!(
        counted(&body_rate, "rectified_on_time"),
        counted(rate_before, "rectified_on_time") + 1,
        "{rates}"
    );
    assert_eq!(counted(&body_rate, "due"), counted(rate_before, "due") + 1);

    // The public sees the breach record, the same rate, and the case no longer open.
    let after = app.get_json(&profile_path, 200).await;
    assert_eq!(
        after["records"]["general_breach"].as_i64(),
        Some(breaches_before + 1)
    );
    let public_rate = &after["rectification"]["rate"];
    for field in ["due", "rectified_on_time", "rectified_late", "open"] {
        assert_eq!(public_rate[field], body_rate[field], "{field}: {after}");
    }
    assert!(
        after["rectification"]["open"]
            .as_array()
            .expect("open")
            .iter()
            .all(|c| c["ticket_no"] != ticket.as_str()),
        "{after}"
    );
}

#[tokio::test]
async fn an_overdue_case_is_escalated_one_level_at_a_time_and_consequences_follow() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let (body_name, body_uscc) = app.organisation_of_account("demo-handler").await;
    let profile_path = format!("/api/v1/public/organisations/{body_uscc}/profile");
    let before = app.get_json(&profile_path, 200).await;
    let complaint = substantiated_complaint(&app, &admin, &body_uscc).await;
    let reviewer = office_reviewer(&app, &admin).await;
    approve_submission_naming(&app, &reviewer, &body_name).await;
    let ticket = case_from(&app, &admin, &complaint).await["ticket_no"]
        .as_str()
        .expect("ticket")
        .to_string();
    json_of(
        office_step(
            &app,
            &admin,
            &ticket,
            json!({ "action": "set_deadline", "working_days": 5 }),
        )
        .await,
        200,
        "deadline",
    )
    .await;
    // The deadline passes without a report.
    app.store
        .execute_admin(&format!(
            "UPDATE rectifications SET first_due = '2026-01-05', report_due = '2026-01-05' WHERE ticket_no = '{ticket}'"
        ))
        .await
        .expect("backdated");
    let open = case_from(&app, &admin, &complaint).await;
    assert_eq!(open["overdue"], true, "{open}");

    let escalate = |level: &'static str, on: Option<&'static str>| {
        let (app, admin, ticket) = (&app, &admin, &ticket);
        async move {
            let mut step =
                json!({ "action": "escalate", "level": level, "note": "逾期未提交整改报告" });
            if let Some(on) = on {
                step["on"] = json!(on);
            }
            office_step(app, admin, ticket, step).await
        }
    };
    let skipped = json_of(escalate("warning", None).await, 409, "warning first").await;
    assert!(
        skipped["detail"]
            .as_str()
            .or(skipped["title"].as_str())
            .is_some_and(|t| t.contains("已提醒")),
        "{skipped}"
    );
    let dated = json_of(
        escalate("reminder", Some("2026-01-05")).await,
        422,
        "dated on the deadline",
    )
    .await;
    assert_eq!(dated["errors"][0]["field"], "on");
    json_of(
        escalate("reminder", Some("2026-01-06")).await,
        200,
        "reminder",
    )
    .await;
    json_of(escalate("warning", None).await, 200, "warning").await;
    let interviewed = json_of(escalate("interview", None).await, 200, "interview").await;
    assert_eq!(interviewed["escalation"], "interview");
    assert_eq!(interviewed["status"], "awaiting_report");
    json_of(
        escalate("interview", None).await,
        409,
        "nothing above an interview",
    )
    .await;
    let steps: Vec<&str> = interviewed["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["action"].as_str())
        .collect();
    assert_eq!(
        steps,
        [
            "opened",
            "deadline_set",
            "reminded",
            "warned",
            "interviewed"
        ]
    );
    assert!(
        interviewed["steps"][2]["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("2026-01-06")),
        "each escalation carries its date: {interviewed}"
    );

    // Consequences: honours need a period; a notice to the supervising department is queued.
    let consequence = |body: Value| {
        let (app, admin, ticket) = (&app, &admin, &ticket);
        async move {
            app.send(
                Method::POST,
                &format!("/api/v1/oversight/rectifications/{ticket}/consequences"),
                Some(admin),
                Some(body),
            )
            .await
        }
    };
    let no_period = json_of(
        consequence(json!({ "kind": "honours_ineligible", "document_no": "信用办〔2026〕3号", "note": "取消年度评优资格" })).await,
        422,
        "period required",
    )
    .await;
    assert_eq!(no_period["errors"][0]["field"], "months");
    let honours = json_of(
        consequence(json!({ "kind": "honours_ineligible", "document_no": "信用办〔2026〕3号", "note": "取消年度评优资格", "months": 12 })).await,
        201,
        "honours",
    )
    .await;
    assert!(honours["effective_until"].is_string());
    let referral = json_of(
        consequence(json!({ "kind": "notice_discipline", "document_no": "信用办〔2026〕4号", "note": "逾期拒不整改，移送纪检监察机关" })).await,
        201,
        "referral",
    )
    .await;
    // Each consequence is a document the office prints: the referral letter, addressed, numbered
    // and signed by the office; the decision on honours with its period.
    let document = |id: &Value| {
        let (app, admin, ticket) = (&app, &admin, &ticket);
        let path = format!("/api/v1/oversight/rectifications/{ticket}/consequences/{id}/document");
        async move { app.send(Method::GET, &path, Some(admin), None).await }
    };
    let letter = document(&referral["id"]).await;
    assert_eq!(letter.status(), 200);
    assert!(
        letter
            .headers()
            .get("content-security-policy")
            .is_some_and(|p| p
                .to_str()
                .unwrap_or_default()
                .contains("default-src 'none'")),
        "a document runs no script"
    );
    let letter = letter.text().await.expect("html");
    for part in [
        "政务失信问题线索移送函",
        "纪检监察机关：",
        "信用办〔2026〕4号",
        "逾期拒不整改，移送纪检监察机关",
        ticket.as_str(),
    ] {
        assert!(letter.contains(part), "{part} in {letter}");
    }
    // A referral is not copied to the body it concerns.
    assert!(!letter.contains("抄送"), "{letter}");
    let decision = document(&honours["id"]).await.text().await.expect("html");
    assert!(
        decision.contains("关于取消荣誉评选资格的决定"),
        "{decision}"
    );
    assert!(
        decision.contains("取消你单位参加各类荣誉评选的资格"),
        "{decision}"
    );
    json_of(document(&json!(999_999)).await, 404, "no such consequence").await;
    let referrals = app
        .store
        .dump_text(&format!(
            "SELECT body FROM outbox WHERE recipient = 'credit_office' AND subject LIKE '%移送纪检监察机关%{ticket}'"
        ))
        .await
        .expect("outbox");
    assert_eq!(referrals.len(), 1, "{referrals:?}");
    assert!(referrals[0].starts_with("纪检监察机关："), "{referrals:?}");

    // The public sees the open case and the loss of eligibility, not the referral.
    let profile = app.get_json(&profile_path, 200).await;
    let open_cases = profile["rectification"]["open"].as_array().expect("open");
    assert!(
        open_cases.iter().any(|c| c["ticket_no"] == ticket.as_str()),
        "{profile}"
    );
    let kinds: Vec<&str> = profile["rectification"]["consequences"]
        .as_array()
        .expect("consequences")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"honours_ineligible"), "{profile}");
    assert!(!kinds.contains(&"notice_discipline"), "{profile}");
    // The overdue case is due and not rectified: it counts against the rate.
    let due = |p: &Value| p["rectification"]["rate"]["due"].as_i64().unwrap_or(0);
    let on_time = |p: &Value| {
        p["rectification"]["rate"]["rectified_on_time"]
            .as_i64()
            .unwrap_or(0)
    };
    assert_eq!(due(&profile), due(&before) + 1, "{profile}");
    assert_eq!(on_time(&profile), on_time(&before));
}

/// Submits one item in `format` as `token`; the submission.
async fn submit(app: &TestApp, token: &str, format: &str, row: Value) -> Value {
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions?format={format}"),
            Some(token),
            Some(row),
        )
        .await,
        201,
        format,
    )
    .await
}

async fn approve(app: &TestApp, reviewer: &str, submission: &Value) {
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{}/review", submission["id"]),
            Some(reviewer),
            Some(json!({ "action": "approve" })),
        )
        .await,
        200,
        "approved",
    )
    .await;
}

#[tokio::test]
async fn a_reported_breach_and_a_broken_commitment_of_a_government_body_each_open_a_case() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (own_name, _) = app.organisation_of_account("demo-reporter").await;
    let (_, body_name, body_uscc) = app
        .store
        .government_bodies()
        .await
        .expect("bodies")
        .into_iter()
        .find(|(_, name, _)| *name != own_name)
        .expect("another government body");
    let today = chengxin_tests::server_today();

    // A 政务失信 record the department reports: in review, no case; approved, a case.
    let reported = submit(
        &app,
        &reporter,
        "records",
        json!({
            "kind_code": "gov_breach",
            "subject_type": "法人及非法人组织",
            "subject_name": body_name,
            "subject_uscc": body_uscc,
            "content": "未按合同约定支付食品抽检服务费，经协调仍拒不履行",
            "decided_on": today.to_string(),
        }),
    )
    .await;
    approve(&app, &reviewer, &reported).await;
    let record_id = reported["record_id"].as_i64().expect("record");
    let open = json_of(
        app.get_as(
            "/api/v1/oversight/rectifications?state=open&limit=100",
            &admin,
        )
        .await,
        200,
        "open",
    )
    .await;
    let case = open["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["record"]["record_id"] == record_id)
        .unwrap_or_else(|| panic!("no case for the reported record: {open}"))
        .clone();
    assert_eq!(case["record"]["source_kind"], "report");
    assert_eq!(case["body_uscc"], body_uscc.as_str());

    // A commitment the body made to the department, then found broken.
    let commitment = submit(
        &app,
        &reporter,
        "commitments",
        json!({
            "kind": "public_service",
            "subject_type": "法人及非法人组织",
            "subject_name": body_name,
            "subject_uscc": body_uscc,
            "content": "承诺于本季度内完成农贸市场冷链改造",
            "made_on": (today - chrono::Duration::days(90)).to_string(),
        }),
    )
    .await;
    approve(&app, &reviewer, &commitment).await;
    let commitment_id = commitment["item_id"].as_i64().expect("id");
    let breached = submit(
        &app,
        &reporter,
        "fulfilments",
        json!({
            "commitment_id": commitment_id,
            "status": "未履行",
            "note": "期限届满仍未开工",
            "recorded_on": today.to_string(),
        }),
    )
    .await;
    approve(&app, &reviewer, &breached).await;
    let open = json_of(
        app.get_as(
            "/api/v1/oversight/rectifications?state=open&limit=100",
            &admin,
        )
        .await,
        200,
        "open",
    )
    .await;
    let case = open["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["record"]["source_ref"] == commitment_id.to_string().as_str())
        .unwrap_or_else(|| panic!("no case for the broken commitment: {open}"))
        .clone();
    assert_eq!(case["record"]["source_kind"], "commitment");
    assert_eq!(case["record"]["kind_code"], "commitment_breach");
    assert!(
        case["record"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("冷链改造")),
        "{case}"
    );

    // A penalty on a firm is no government breach: approving it opens nothing.
    let cases_before = open["items"].as_array().map_or(0, Vec::len);
    let firm = submit(
        &app,
        &reporter,
        "records",
        json!({
            "kind_code": "commitment_breach",
            "subject_type": "法人及非法人组织",
            "subject_name": "诚实食品有限公司",
            "subject_uscc": chengxin_tests::intake::firm_uscc(778),
            "content": "未履行告知承诺",
            "decided_on": today.to_string(),
        }),
    )
    .await;
    approve(&app, &reviewer, &firm).await;
    let after = json_of(
        app.get_as(
            "/api/v1/oversight/rectifications?state=open&limit=100",
            &admin,
        )
        .await,
        200,
        "open",
    )
    .await;
    assert_eq!(after["items"].as_array().map_or(0, Vec::len), cases_before);
}

#[tokio::test]
async fn the_warning_list_shows_what_is_about_to_be_breached_to_the_office_and_the_body() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let reporter = app.demo_token("demo-reporter").await;
    let handler = app.demo_token("demo-handler").await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let today = chengxin_tests::server_today();

    // A decision three weeks old still waiting to be published, and one from yesterday.
    for (serial, days) in [(7401, 20), (7402, 1)] {
        let decided = (today - chrono::Duration::days(days)).to_string();
        let row = chengxin_tests::intake::firm_penalty(&uscc, &department, serial, &decided);
        json_of(
            app.send(
                Method::POST,
                "/api/v1/intake/submissions?format=penalties",
                Some(&reporter),
                Some(chengxin_tests::intake::penalty_object(row)),
            )
            .await,
            201,
            "penalty",
        )
        .await;
    }
    // A rectification report due today, and one due in two weeks.
    let near = app.rectification_case(true).await;
    let far = app.rectification_case(true).await;
    app.store
        .execute_admin(&format!(
            "UPDATE rectifications SET report_due = '{today}' WHERE ticket_no = '{near}'"
        ))
        .await
        .expect("due today");

    let all = json_of(
        app.get_as("/api/v1/oversight/warnings", &admin).await,
        200,
        "warnings",
    )
    .await;
    let ours = all
        .as_array()
        .expect("bodies")
        .iter()
        .find(|b| b["body_uscc"] == uscc.as_str())
        .unwrap_or_else(|| panic!("the department is warned: {all}"))
        .clone();
    let references: Vec<&str> = ours["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["reference"].as_str())
        .collect();
    assert!(references.contains(&near.as_str()), "{ours}");
    assert!(!references.contains(&far.as_str()), "{ours}");
    let penalties: Vec<&Value> = ours["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "publication_due")
        .collect();
    assert_eq!(penalties.len(), 1, "only the old decision: {ours}");
    assert!(penalties[0]["working_days_left"].as_i64() <= Some(2));

    // The department sees the same list of its own.
    let own = json_of(
        app.get_as("/api/v1/work/warnings", &handler).await,
        200,
        "own warnings",
    )
    .await;
    assert_eq!(own, ours["items"]);
}

#[tokio::test]
async fn a_breach_record_revoked_on_objection_ends_its_rectification_case() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let handler = app.demo_token("demo-handler").await;
    let ticket = app.rectification_case(true).await;
    let case = office_case(&app, &admin, &ticket, "case").await;
    let record = case["record"]["record_id"].as_i64().expect("record");
    let filed = json_of(
        app.send(
            Method::POST,
            "/api/v1/objections",
            None,
            Some(json!({
                "record_id": record,
                "filer": { "name": "王小明", "phone": "13800138000", "capacity": "interested_party" },
                "reason": "该款项已按期支付，记录有误",
            })),
        )
        .await,
        201,
        "objection",
    )
    .await;
    let objection = filed["ticket_no"].as_str().expect("ticket").to_string();
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "uphold", "reason": "经核实款项已支付，撤销该记录", "revoke": true }),
    ] {
        json_of(
            app.send(
                Method::POST,
                &format!("/api/v1/handling/objections/{objection}/steps"),
                Some(&handler),
                Some(step),
            )
            .await,
            200,
            "objection step",
        )
        .await;
    }
    let ended = office_case(&app, &admin, &ticket, "case after").await;
    assert_eq!(ended["status"], "withdrawn", "{ended}");
    assert_eq!(ended["next_actor"], "none");
    // Nothing is left to report, and the case counts in no rate.
    let refused = app
        .send(
            Method::POST,
            &format!("/api/v1/work/rectifications/{ticket}/report"),
            Some(&handler),
            Some(
                json!({ "explanation": "说明说明说明说明说明", "report": "报告报告报告报告报告" }),
            ),
        )
        .await;
    assert_eq!(refused.status().as_u16(), 409);
}

/// A government body that corrects its breach and has the record repaired (信用修复) has put it
/// right: the repair decision closes the open case as rectified, on time when within the first
/// deadline, with the step in its history.
#[tokio::test]
async fn a_repaired_breach_record_closes_its_rectification_case_as_rectified() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let handler = app.demo_token("demo-handler").await;
    let ticket = app.rectification_case(true).await;
    let case = office_case(&app, &admin, &ticket, "case").await;
    let record = case["record"]["record_id"].as_i64().expect("record");
    // The conduct past its minimum period (and still counting), so the body may apply today.
    let today = chengxin_tests::server_today();
    let long_ago = today - chrono::Duration::days(200);
    app.store
        .execute_admin(&format!(
            "UPDATE credit_records SET occurred_on = '{long_ago}', repairable_from = '{long_ago}', publish_until = '{}' WHERE id = {record}",
            today + chrono::Duration::days(365)
        ))
        .await
        .expect("repairable");
    let (_, uscc) = app.organisation_of_account("demo-handler").await;
    let filed = json_of(
        app.send(
            Method::POST,
            "/api/v1/repairs",
            None,
            Some(json!({
                "record_id": record,
                "applicant": { "name": "赵经办", "phone": "13800138000", "uscc": uscc },
                "correction": "奖补资金已全部兑现，并建立承诺事项台账",
                "commitment": "本单位承诺今后按承诺时限兑现政策，如有违反愿承担相应责任",
            })),
        )
        .await,
        201,
        "repair application",
    )
    .await;
    let repair = filed["ticket_no"].as_str().expect("ticket").to_string();
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "approve", "reason": "已纠正失信行为并作出信用承诺" }),
    ] {
        json_of(
            app.send(
                Method::POST,
                &format!("/api/v1/handling/repairs/{repair}/steps"),
                Some(&handler),
                Some(step),
            )
            .await,
            200,
            "repair step",
        )
        .await;
    }
    let closed = office_case(&app, &admin, &ticket, "case after").await;
    assert_eq!(closed["status"], "rectified", "{closed}");
    assert_eq!(closed["on_time"], true, "within the first deadline");
    assert_eq!(closed["closed_on"], today.to_string());
    let last = closed["steps"]
        .as_array()
        .and_then(|s| s.last())
        .cloned()
        .expect("steps");
    assert!(
        last.to_string().contains("信用修复"),
        "the history says why: {last}"
    );
}
