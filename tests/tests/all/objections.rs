//! Objections end to end over HTTP: filing (JSON and with evidence), idempotent retries, tracking,
//! the disputed flag, handling by the producing department with working-day deadlines, decisions
//! that correct or revoke the record, and the audit trail.

use chengxin::domain::disclosure::{DisclosureSettings, Register};
use chengxin::store::ChainCheck;
use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.store
        .dump_text(&format!("SELECT CAST(({sql}) AS TEXT)"))
        .await
        .expect("count")[0]
        .parse()
        .expect("number")
}

fn filer() -> Value {
    json!({ "name": "王小明", "phone": "13800138000", "capacity": "interested_party" })
}

async fn file_json(app: &TestApp, body: Value, key: Option<&str>) -> reqwest::Response {
    let mut request = app.client.post(app.url("/api/v1/objections")).json(&body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.send().await.expect("sent")
}

async fn step(app: &TestApp, token: &str, ticket: &str, body: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/handling/objections/{ticket}/steps"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn an_objection_is_filed_tracked_accepted_and_upheld_with_a_corrected_record() {
    let app = TestApp::with_demo().await;
    let record = app.public_record_of_department_of("demo-handler").await;
    let receipt = json_of(
        file_json(
            &app,
            json!({
                "record_id": record,
                "filer": filer(),
                "reason": "标题中的单位名称写错了",
                "proposals": [{ "field": "title", "proposed": "更正后的标题" }],
            }),
            None,
        )
        .await,
        201,
        "filed",
    )
    .await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let code = receipt["query_code"].as_str().expect("code").to_string();
    assert_eq!(receipt["status"], "submitted");
    let today = chengxin_tests::server_today();
    let calendar = chengxin::domain::WorkCalendar::shipped().expect("calendar");
    assert_eq!(
        receipt["accept_due"],
        calendar.add_working_days(today, 2).to_string(),
        "accept within 2 working days"
    );

    let track = |code: String| {
        let app = &app;
        let ticket = ticket.clone();
        async move {
            app.send(
                Method::POST,
                "/api/v1/objections/track",
                None,
                Some(json!({ "ticket_no": ticket, "query_code": code })),
            )
            .await
        }
    };
    let view = json_of(track(code.clone()).await, 200, "track").await;
    assert_eq!(view["next_actor"], "department");
    assert_eq!(view["steps"][0]["action"], "filed");
    assert!(
        !view.to_string().contains("13800138000"),
        "the phone is not shown"
    );
    assert_eq!(track("WRONGCDE".into()).await.status().as_u16(), 404);

    let handler = app.demo_token("demo-handler").await;
    let early = json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "reject", "reason": "无依据" }),
        )
        .await,
        409,
        "decide before accepting",
    )
    .await;
    assert_eq!(early["code"], "invalid_transition");
    let accepted = json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "accept", "note": "转核查" }),
        )
        .await,
        200,
        "accept",
    )
    .await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(
        accepted["due"],
        calendar.add_working_days(today, 10).to_string(),
        "decide within 10 working days of acceptance"
    );
    // Another department's handler may not act on it.
    let other = app.demo_token("demo-reviewer").await;
    assert_eq!(
        step(
            &app,
            &other,
            &ticket,
            json!({ "action": "reject", "reason": "x" })
        )
        .await
        .status()
        .as_u16(),
        403
    );

    let decided = json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({
                "action": "uphold",
                "reason": "经核查，标题有误，予以更正",
                "corrections": [{ "field": "title", "proposed": "更正后的标题" }],
            }),
        )
        .await,
        200,
        "uphold",
    )
    .await;
    assert_eq!(decided["status"], "upheld");
    assert_eq!(decided["next_actor"], "none");
    let title = app
        .store
        .dump_text(&format!(
            "SELECT title FROM credit_records WHERE id = {record}"
        ))
        .await
        .expect("title");
    assert_eq!(title[0], "更正后的标题");
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM credit_record_versions WHERE record_id = {record}")
        )
        .await,
        1,
        "the earlier version is kept"
    );
    // Deciding twice or withdrawing after the decision: 409.
    assert_eq!(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "reject", "reason": "再次" })
        )
        .await
        .status()
        .as_u16(),
        409
    );
    let response = app
        .send(
            Method::POST,
            "/api/v1/objections/withdraw",
            None,
            Some(json!({ "ticket_no": ticket, "query_code": code })),
        )
        .await;
    assert_eq!(response.status().as_u16(), 409);

    let actions = app
        .store
        .dump_text("SELECT action FROM audit_log WHERE entity = 'objection' ORDER BY seq")
        .await
        .expect("audit");
    assert_eq!(
        actions,
        ["objection.filed", "objection.accepted", "objection.decided"]
    );
    assert!(matches!(
        app.store.verify_audit_chain().await.expect("chain"),
        ChainCheck::Intact { .. }
    ));
}

#[tokio::test]
async fn a_retried_submission_with_the_same_key_gets_the_same_ticket() {
    let app = TestApp::with_demo().await;
    let record = app.public_record_of_department_of("demo-handler").await;
    let body =
        json!({ "record_id": record, "filer": filer(), "reason": "决定日期有误，应为三月一日" });
    let first = json_of(
        file_json(&app, body.clone(), Some("phone-42-attempt")).await,
        201,
        "first",
    )
    .await;
    let again = json_of(
        file_json(&app, body.clone(), Some("phone-42-attempt")).await,
        201,
        "retry",
    )
    .await;
    assert_eq!(first, again, "same ticket and query code");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM objections").await, 1);
    let mut different = body.clone();
    different["reason"] = json!("另一份完全不同的异议理由");
    let conflict = json_of(
        file_json(&app, different, Some("phone-42-attempt")).await,
        409,
        "reuse",
    )
    .await;
    assert_eq!(conflict["code"], "idempotency_key_reused");
    // Without a key, each submission is its own case.
    json_of(file_json(&app, body.clone(), None).await, 201, "no key").await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM objections").await, 2);
}

fn png() -> Vec<u8> {
    // A 1×1 PNG.
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    bytes.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15,
        0xc4, 0x89,
    ]);
    bytes.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]);
    bytes
}

fn form(record: i64, files: Vec<(&str, Vec<u8>)>) -> Form {
    let objection =
        json!({ "record_id": record, "filer": filer(), "reason": "附上缴款凭证照片，罚款已缴清" });
    let mut form = Form::new().part(
        "objection",
        Part::text(objection.to_string())
            .mime_str("application/json")
            .expect("mime"),
    );
    for (name, bytes) in files {
        form = form.part("evidence", Part::bytes(bytes).file_name(name.to_string()));
    }
    form
}

#[tokio::test]
async fn evidence_is_checked_by_content_and_size_and_a_refused_file_creates_no_ticket() {
    let app = TestApp::with_demo().await;
    let record = app.public_record_of_department_of("demo-handler").await;
    let send = |form: Form| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/objections"))
                .multipart(form)
                .send()
                .await
                .expect("sent")
        }
    };
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend_from_slice(&[b'x'; 100]);
    let receipt = json_of(
        send(form(
            record,
            vec![("缴款凭证.png", png()), ("决定书.pdf", pdf)],
        ))
        .await,
        201,
        "with evidence",
    )
    .await;
    let view = json_of(
        app.send(
            Method::POST,
            "/api/v1/objections/track",
            None,
            Some(json!({ "ticket_no": receipt["ticket_no"], "query_code": receipt["query_code"] })),
        )
        .await,
        200,
        "track",
    )
    .await;
    let evidence = view["evidence"].as_array().expect("evidence");
    assert_eq!(evidence.len(), 2);
    assert_eq!(evidence[0]["media_type"], "image/png");
    assert_eq!(evidence[1]["media_type"], "application/pdf");
    let stored = app
        .store
        .dump_text("SELECT stored_path FROM case_evidence ORDER BY id")
        .await
        .expect("paths");
    for path in &stored {
        assert!(
            app.data_dir.path().join(path).is_file(),
            "{path} is on disk"
        );
    }

    // Its handlers view the files in the page: as filed, by their hash.
    let ticket = receipt["ticket_no"].as_str().expect("ticket");
    let photo = format!(
        "/api/v1/handling/evidence/objection/{ticket}/{}",
        evidence[0]["sha256"].as_str().expect("sha")
    );
    let handler = app.demo_token("demo-handler").await;
    let shown = app.get_as(&photo, &handler).await;
    assert_eq!(shown.status().as_u16(), 200);
    assert_eq!(shown.headers()["content-type"], "image/png");
    assert_eq!(shown.bytes().await.expect("bytes").to_vec(), png());
    let admin = app.demo_token("demo-admin").await;
    assert_eq!(app.get_as(&photo, &admin).await.status().as_u16(), 200);
    let reviewer = app.demo_token("demo-reviewer").await;
    assert_eq!(app.get_as(&photo, &reviewer).await.status().as_u16(), 403);
    for missing in [
        format!(
            "/api/v1/handling/evidence/objection/{ticket}/{}",
            "0".repeat(64)
        ),
        format!(
            "/api/v1/handling/evidence/complaint/{ticket}/{}",
            "0".repeat(64)
        ),
        format!(
            "/api/v1/handling/evidence/other/{ticket}/{}",
            "0".repeat(64)
        ),
    ] {
        assert_eq!(
            app.get_as(&missing, &admin).await.status().as_u16(),
            404,
            "{missing}"
        );
    }

    let before = count(&app, "SELECT COUNT(*) FROM objections").await;
    let refused = json_of(
        send(form(
            record,
            vec![("photo.jpg", b"just some text, not a photo".to_vec())],
        ))
        .await,
        415,
        "a text file named .jpg",
    )
    .await;
    assert_eq!(refused["code"], "unsupported_media_type");
    let mut big = png();
    big.resize(5 * 1024 * 1024 + 1, 0);
    json_of(
        send(form(record, vec![("big.png", big)])).await,
        413,
        "over 5 MB",
    )
    .await;
    let six: Vec<(&str, Vec<u8>)> = (0..6).map(|_| ("p.png", png())).collect();
    json_of(send(form(record, six)).await, 413, "six files").await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM objections").await,
        before,
        "no ticket"
    );
}

#[tokio::test]
async fn my_own_record_shows_as_disputed_while_my_objection_is_open() {
    let app = TestApp::with_demo().await;
    let token = app.demo_token("demo-servant").await;
    let records: Value = app
        .get_as("/api/v1/me/records", &token)
        .await
        .json()
        .await
        .expect("records");
    // An internal record: the public never sees it, its subject may still object.
    let record = records
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["route"] != "public")
        .unwrap_or(&records[0])
        .clone();
    let id = record["id"].as_i64().expect("id");
    assert_eq!(record["disputed"], false);
    let receipt = json_of(
        app.send(
            Method::POST,
            "/api/v1/objections",
            Some(&token),
            Some(json!({ "record_id": id, "reason": "这条记录的发生日期不对" })),
        )
        .await,
        201,
        "own record",
    )
    .await;
    let disputed = |records: &Value| {
        records
            .as_array()
            .expect("list")
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["disputed"].clone())
    };
    let now: Value = app
        .get_as("/api/v1/me/records", &token)
        .await
        .json()
        .await
        .expect("records");
    assert_eq!(disputed(&now), Some(json!(true)));
    let mine: Value = app
        .get_as("/api/v1/me/objections", &token)
        .await
        .json()
        .await
        .expect("mine");
    assert_eq!(mine["items"][0]["ticket_no"], receipt["ticket_no"]);

    json_of(
        app.send(
            Method::POST,
            "/api/v1/objections/withdraw",
            None,
            Some(json!({ "ticket_no": receipt["ticket_no"], "query_code": receipt["query_code"] })),
        )
        .await,
        200,
        "withdraw",
    )
    .await;
    let after: Value = app
        .get_as("/api/v1/me/records", &token)
        .await
        .json()
        .await
        .expect("records");
    assert_eq!(disputed(&after), Some(json!(false)));

    // Someone else's non-public record: as if it did not exist.
    if record["route"] != "public" {
        let response = file_json(
            &app,
            json!({ "record_id": id, "filer": filer(), "reason": "我觉得这条记录不对" }),
            None,
        )
        .await;
        assert_eq!(response.status().as_u16(), 404);
    }
    assert_eq!(
        file_json(
            &app,
            json!({ "record_id": 999_999_999, "filer": filer(), "reason": "不存在的记录" }),
            None
        )
        .await
        .status()
        .as_u16(),
        404
    );
}

#[tokio::test]
async fn an_upheld_revocation_takes_the_record_out_of_public_view_and_the_overdue_list_works() {
    let app = TestApp::with_demo().await;
    let record = app.public_record_of_department_of("demo-handler").await;
    let receipt = json_of(
        file_json(
            &app,
            json!({ "record_id": record, "filer": filer(), "reason": "该处罚已被复议撤销" }),
            None,
        )
        .await,
        201,
        "filed",
    )
    .await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    // Backdate the case so its acceptance deadline has passed: the credit office sees it.
    app.store
        .execute_admin(&format!(
            "UPDATE objections SET accept_due = '2026-01-05' WHERE ticket_no = '{ticket}'"
        ))
        .await
        .expect("backdated");
    let admin = app.demo_token("demo-admin").await;
    let overdue = json_of(
        app.get_as("/api/v1/oversight/objections/overdue", &admin)
            .await,
        200,
        "overdue",
    )
    .await;
    assert_eq!(overdue[0]["ticket_no"], ticket.as_str());
    assert_eq!(overdue[0]["overdue"], true);

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
            json!({ "action": "extend", "days": 5, "reason": "需向复议机关调取材料" }),
        )
        .await,
        200,
        "extend",
    )
    .await;
    // Extensions add up to at most 10 working days: 5 more is the most, then none at all, and a
    // refused extension changes nothing.
    let extend = |days: u32| {
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "extend", "days": days, "reason": "材料仍需补充" }),
        )
    };
    let reply_due = || async {
        app.store
            .dump_text(&format!(
                "SELECT CAST(reply_due AS TEXT) FROM objections WHERE ticket_no = '{ticket}'"
            ))
            .await
            .expect("reply due")
    };
    let due_before = reply_due().await;
    let too_long = json_of(extend(6).await, 409, "beyond the limit").await;
    assert_eq!(too_long["code"], "invalid_extension", "{too_long}");
    assert!(
        too_long["detail"]
            .as_str()
            .is_some_and(|d| d.contains("10")),
        "names the limit: {too_long}"
    );
    assert_eq!(
        reply_due().await,
        due_before,
        "a refused step changes nothing"
    );
    json_of(extend(5).await, 200, "the rest of the budget").await;
    let exhausted = json_of(extend(1).await, 409, "no budget left").await;
    assert_eq!(exhausted["code"], "extension_limit_reached", "{exhausted}");
    json_of(
        step(
            &app,
            &handler,
            &ticket,
            json!({ "action": "uphold", "reason": "处罚决定已被撤销", "revoke": true }),
        )
        .await,
        200,
        "revoke",
    )
    .await;
    let status = app
        .store
        .dump_text(&format!(
            "SELECT status FROM credit_records WHERE id = {record}"
        ))
        .await
        .expect("status");
    assert_eq!(status[0], "revoked");
    let today = chengxin_tests::server_today();
    assert!(
        !app.store
            .public_ids(Register::Records, today, DisclosureSettings::default())
            .await
            .expect("ids")
            .contains(&record)
    );
}

#[tokio::test]
async fn a_published_penalty_shows_as_disputed_while_an_objection_is_open() {
    let app = TestApp::with_demo().await;
    let today = chengxin_tests::server_today();
    // A penalty the public sees today, with the record behind it.
    let rows = app
        .store
        .dump_text(&format!(
            "SELECT CAST(p.id AS TEXT) || ':' || CAST(p.record_id AS TEXT) FROM penalties p
             WHERE p.record_id IS NOT NULL AND p.status = 'effective' AND p.tier <> 'minor'
               AND p.published_on IS NOT NULL AND p.published_on <= '{today}' AND p.cf_gsjzq > '{today}'
             ORDER BY p.id LIMIT 1"
        ))
        .await
        .expect("query");
    let (penalty, record) = rows[0].split_once(':').expect("pair");
    let path = format!("/api/v1/public/penalties/{penalty}");
    let before = app.get_json(&path, 200).await;
    assert_eq!(before["disputed"], false);
    let receipt = json_of(
        file_json(
            &app,
            json!({ "record_id": record.parse::<i64>().expect("id"), "filer": filer(), "reason": "罚款金额有误" }),
            None,
        )
        .await,
        201,
        "filed",
    )
    .await;
    let during = app.get_json(&path, 200).await;
    assert_eq!(during["disputed"], true, "shown as 异议处理中 while open");
    app.send(
        Method::POST,
        "/api/v1/objections/withdraw",
        None,
        Some(json!({ "ticket_no": receipt["ticket_no"], "query_code": receipt["query_code"] })),
    )
    .await;
    let after = app.get_json(&path, 200).await;
    assert_eq!(after["disputed"], false);
}

#[tokio::test]
async fn every_step_queues_a_notice_to_the_filer_and_the_department_and_the_dispatcher_sends_them()
{
    let app = TestApp::with_demo().await;
    let record = app.public_record_of_department_of("demo-handler").await;
    let receipt = json_of(
        file_json(
            &app,
            json!({ "record_id": record, "filer": filer(), "reason": "记录中的金额有误" }),
            None,
        )
        .await,
        201,
        "filed",
    )
    .await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let handler = app.demo_token("demo-handler").await;
    json_of(
        step(&app, &handler, &ticket, json!({ "action": "accept" })).await,
        200,
        "accept",
    )
    .await;
    let queued = app
        .store
        .dump_text("SELECT channel || '>' || recipient || '>' || subject FROM outbox ORDER BY id")
        .await
        .expect("outbox");
    assert_eq!(queued.len(), 4, "{queued:?}");
    assert!(
        queued[0].starts_with("sms>13800138000>【诚信】异议 "),
        "{queued:?}"
    );
    assert!(queued[0].ends_with(&ticket));
    assert!(queued[1].starts_with("department>org:"), "{queued:?}");
    chengxin::notify::dispatch_once(&app.store, &chengxin::notify::LogSender)
        .await
        .expect("dispatch");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'").await,
        0,
        "all delivered"
    );
}
