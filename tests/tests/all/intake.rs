//! Records intake end to end: a reporter uploads a GBK CSV of penalties and gets row errors for the
//! bad rows, a reviewer approves, the penalties appear in the public API; records count in scores
//! only once approved; exemption and return; a serious listing waits out its objection window.

use chengxin_tests::TestApp;
use chengxin_tests::intake::{PENALTY_HEADER, csv, firm_penalty, person_id};
use chengxin_tests::{days_ago, json_of};
use reqwest::Method;
use serde_json::{Value, json};

async fn upload(
    app: &TestApp,
    token: &str,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/intake/imports?{query}")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("sent")
}

/// Pulls every penalty change there is, as an upper-level platform would, and returns where it ends.
async fn pulled_to_the_end(app: &TestApp) -> i64 {
    let mut since = 0;
    loop {
        let page = app
            .get_json(
                &format!("/api/v1/public/exchange/penalties?since={since}&limit=1000"),
                200,
            )
            .await;
        since = page["next_since"].as_i64().expect("next");
        if page["more"] == false {
            return since;
        }
    }
}

/// Submits one item as `token`.
async fn submit_as(app: &TestApp, token: &str, format: &str, body: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/intake/submissions?format={format}"),
        Some(token),
        Some(body),
    )
    .await
}

/// A review decision on one submission as `token`.
async fn review_as(app: &TestApp, token: &str, id: i64, body: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/intake/submissions/{id}/review"),
        Some(token),
        Some(body),
    )
    .await
}

/// Approves one submission as `token`; the decision's answer.
async fn approve_as(app: &TestApp, token: &str, id: i64) -> Value {
    json_of(
        review_as(app, token, id, json!({ "action": "approve" })).await,
        200,
        "approve",
    )
    .await
}

#[tokio::test]
async fn a_gbk_csv_of_penalties_is_checked_row_by_row_reviewed_and_published() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (department, department_uscc) = app.organisation_of_account("demo-reporter").await;
    let decided = days_ago(5);
    let good_firm = firm_penalty(&department_uscc, &department, 1, &decided);
    let mut good_person = firm_penalty(&department_uscc, &department, 2, &decided);
    good_person[11] = "钱多多".into();
    good_person[12] = "自然人".into();
    good_person[13] = String::new();
    good_person[14] = "身份证".into();
    good_person[15] = person_id(7);
    let mut bad_uscc = firm_penalty(&department_uscc, &department, 3, &decided);
    let wrong_check = if bad_uscc[13].ends_with('0') {
        "1"
    } else {
        "0"
    };
    bad_uscc[13].replace_range(17..18, wrong_check);
    let bad_future = firm_penalty(&department_uscc, &department, 4, &days_ago(-3));
    let mut bad_category = firm_penalty(&department_uscc, &department, 5, &decided);
    bad_category[4] = "罚金".into();
    let good_firm_2 = firm_penalty(&department_uscc, &department, 6, &decided);
    // Row 7 repeats row 1: a repeat within the file is caught as well as one across files.
    let repeat = good_firm.clone();
    let rows = vec![
        good_firm,
        good_person,
        bad_uscc,
        bad_future,
        bad_category,
        good_firm_2,
        repeat,
    ];
    // Excel's Chinese headings for two columns, codes for the rest; saved in GBK.
    let mut header: Vec<&str> = PENALTY_HEADER.to_vec();
    header[0] = "行政处罚决定书文号";
    header[11] = "行政相对人名称";
    let text = csv(&header, &rows);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);

    // All or nothing: three bad rows, so nothing is stored.
    let refused = json_of(
        upload(
            &app,
            &reporter,
            "format=penalties&file_name=penalties.csv",
            "text/csv",
            gbk.to_vec(),
        )
        .await,
        422,
        "all or nothing",
    )
    .await;
    assert_eq!(refused["committed"], false);
    assert_eq!(refused["encoding"], "GB18030");
    assert_eq!(refused["rows_total"], 7, "{refused}");
    assert_eq!(refused["rows_rejected"], 4);
    let problems: Vec<(u64, String, String)> = refused["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().expect("row"),
                e["field"].as_str().unwrap_or_default().to_string(),
                e["code"].as_str().expect("code").to_string(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (3, "cf_xdr_shxym".into(), "invalid_uscc".into()),
            (4, "cf_jdrq".into(), "future_date".into()),
            (5, "cf_cflb".into(), "unknown_code".into()),
            (7, "cf_wsh".into(), "duplicate".into()),
        ],
        "{refused}"
    );
    let english: Value = app
        .client
        .post(app.url("/api/v1/intake/imports?format=penalties"))
        .bearer_auth(&reporter)
        .header("content-type", "text/csv")
        .header("accept-language", "en")
        .body(gbk.to_vec())
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("report");
    assert_eq!(
        english["errors"][0]["message"],
        "cf_xdr_shxym: not a valid unified social credit code (check character or length)"
    );
    let batches = json_of(
        app.get_as("/api/v1/intake/batches", &reporter).await,
        200,
        "batches",
    )
    .await;
    assert_eq!(batches["items"].as_array().map(Vec::len), Some(0));

    // Row by row: the three good rows are stored, pending.
    let imported = json_of(
        upload(
            &app,
            &reporter,
            "format=penalties&mode=per_row&file_name=penalties.csv",
            "text/csv",
            gbk.to_vec(),
        )
        .await,
        201,
        "per row",
    )
    .await;
    assert_eq!(imported["rows_accepted"], 3);
    assert_eq!(imported["rows_rejected"], 4);
    let batch_id = imported["batch_id"].as_i64().expect("batch");

    // The same file again: the good rows are repeats now.
    let again = json_of(
        upload(
            &app,
            &reporter,
            "format=penalties&mode=per_row",
            "text/csv; charset=gbk",
            gbk.to_vec(),
        )
        .await,
        422,
        "repeat",
    )
    .await;
    let duplicates: Vec<u64> = again["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter(|e| e["code"] == "duplicate")
        .map(|e| e["row"].as_u64().expect("row"))
        .collect();
    assert_eq!(duplicates, vec![1, 2, 6, 7]);

    let pending = json_of(
        app.get_as(
            &format!("/api/v1/intake/submissions?status=pending&batch_id={batch_id}"),
            &reviewer,
        )
        .await,
        200,
        "queue",
    )
    .await;
    let items = pending["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 3);
    let penalty_ids: Vec<i64> = items
        .iter()
        .map(|i| i["item_id"].as_i64().expect("id"))
        .collect();
    for id in &penalty_ids {
        assert_eq!(
            app.get(&format!("/api/v1/public/penalties/{id}"))
                .await
                .status()
                .as_u16(),
            404
        );
    }

    // Where an upper-level platform that has pulled everything so far stands.
    let since = pulled_to_the_end(&app).await;

    // The reporter cannot approve; the reviewer approves the batch.
    let path = format!("/api/v1/intake/batches/{batch_id}/review");
    let denied = app
        .send(
            Method::POST,
            &path,
            Some(&reporter),
            Some(json!({ "action": "approve" })),
        )
        .await;
    assert_eq!(denied.status().as_u16(), 403);
    let outcome = json_of(
        app.send(
            Method::POST,
            &path,
            Some(&reviewer),
            Some(json!({ "action": "approve" })),
        )
        .await,
        200,
        "approve batch",
    )
    .await;
    assert_eq!(outcome["decided"], 3);
    for id in &penalty_ids {
        let penalty = app
            .get_json(&format!("/api/v1/public/penalties/{id}"), 200)
            .await;
        assert_eq!(penalty["fine_10k_yuan"], 0.5);
        let text = penalty.to_string();
        assert!(
            !text.contains(&person_id(7)),
            "a full ID number in public: {text}"
        );
    }
    // Published today, five calendar days after the decision: counted in working days.
    let first = app
        .get_json(&format!("/api/v1/public/penalties/{}", penalty_ids[0]), 200)
        .await;
    let today = chengxin_tests::server_today();
    assert_eq!(first["published_on"], today.to_string());
    let calendar = chengxin::domain::WorkCalendar::shipped().expect("calendar");
    let decided_on = chrono::NaiveDate::parse_from_str(&decided, "%Y-%m-%d").expect("date");
    assert_eq!(
        first["publication_working_days"].as_u64(),
        Some(u64::from(calendar.working_days_between(decided_on, today)))
    );
    let profile = app
        .get_json(
            &format!("/api/v1/public/organisations/{department_uscc}/profile"),
            200,
        )
        .await;
    assert!(
        profile["publication"]["penalties"]["published"].as_i64() >= Some(3),
        "{}",
        profile["publication"]
    );
    let admin = app.demo_token("demo-admin").await;
    let all = json_of(
        app.get_as("/api/v1/oversight/publication-timeliness", &admin)
            .await,
        200,
        "timeliness",
    )
    .await;
    assert!(
        all.as_array()
            .expect("list")
            .iter()
            .any(|d| d["department"]["uscc"] == department_uscc.as_str()),
        "{all}"
    );
    // The trend by month of decision: this month last, the three counted where they were decided.
    let months = json_of(
        app.get_as(
            &format!("/api/v1/oversight/publication-timeliness/monthly?months=3&department={department_uscc}"),
            &admin,
        )
        .await,
        200,
        "by month",
    )
    .await;
    let months = months.as_array().expect("months").clone();
    assert_eq!(months.len(), 3);
    assert_eq!(months[2]["month"], today.format("%Y-%m").to_string());
    let month_of_decision = decided_on.format("%Y-%m").to_string();
    let published: i64 = months
        .iter()
        .filter(|m| m["month"] == month_of_decision.as_str())
        .map(|m| m["on_time"].as_i64().unwrap_or(0) + m["late"].as_i64().unwrap_or(0))
        .sum();
    assert!(published >= 3, "{months:?}");
    for bad in ["months=0", "months=37", "months=x"] {
        let problem = json_of(
            app.get_as(
                &format!("/api/v1/oversight/publication-timeliness/monthly?{bad}"),
                &admin,
            )
            .await,
            422,
            bad,
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], "months", "{bad}");
    }
    // The platform pulls exactly the three new penalties, in the national format, IDs masked.
    let changes = app
        .get_json(
            &format!("/api/v1/public/exchange/penalties?since={since}"),
            200,
        )
        .await;
    let pulled: Vec<&Value> = changes["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .collect();
    assert_eq!(pulled.len(), 3, "{changes}");
    assert!(pulled.iter().all(|c| c["change"] == "published"));
    assert_eq!(pulled[0]["items"]["cf_wsh"], "测试罚决字〔2026〕1号");
    assert_eq!(pulled[0]["items"]["cf_nr_fk"], "0.5");
    assert_eq!(pulled[1]["items"]["cf_xdr_lb"], "自然人");
    assert!(!changes.to_string().contains(&person_id(7)));
    let csv_export = app
        .get(&format!(
            "/api/v1/public/exchange/penalties?since={since}&format=csv"
        ))
        .await;
    assert_eq!(
        csv_export.headers()["x-next-since"],
        pulled[2]["seq"].to_string().as_str()
    );
    let text = csv_export.text().await.expect("csv");
    assert!(text.starts_with("seq,change,changed_at,cf_wsh,"), "{text}");
    assert_eq!(text.lines().count(), 4);
    let person = app
        .get_json(&format!("/api/v1/public/penalties/{}", penalty_ids[1]), 200)
        .await;
    assert_eq!(
        person["subject"]["name"]
            .as_str()
            .map(|n| n.chars().count() > 0),
        Some(true)
    );
}

#[tokio::test]
async fn records_count_only_when_approved_and_exempt_ones_never() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let servant = app.demo_token("demo-servant").await;
    let id_number = app.id_number_of_account("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let name = me["person"]["name"].as_str().expect("name").to_string();
    let score_of = |body: &Value| body["score"].as_i64().expect("scored");
    let before =
        score_of(&json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await);

    let record = |doc: &str| {
        json!({
            "kind_code": "admonishment",
            "subject_type": "自然人",
            "subject_name": name,
            "subject_id_number": id_number,
            "content": "在专项检查中发现工作作风问题，予以诫勉",
            "decision_no": doc,
            "decided_on": days_ago(3),
            "occurred_on": days_ago(20),
        })
    };
    let submit = |body: Value| submit_as(&app, &reporter, "records", body);
    let first = json_of(submit(record("诫勉〔2026〕1号")).await, 201, "submit").await;
    assert_eq!(first["status"], "pending");
    let pending_score =
        score_of(&json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await);
    assert_eq!(pending_score, before, "a pending record does not count");

    let id = first["id"].as_i64().expect("id");
    let approved = json_of(
        review_as(&app, &reviewer, id, json!({ "action": "approve" })).await,
        200,
        "approve",
    )
    .await;
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["reviewed_by"], "李评议");
    let after =
        score_of(&json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await);
    assert!(
        after < before,
        "an approved admonishment deducts: {before} → {after}"
    );
    let again = review_as(
        &app,
        &reviewer,
        id,
        json!({ "action": "return", "comment": "再看看" }),
    )
    .await;
    assert_eq!(again.status().as_u16(), 409);

    // Exempt: kept, never counted.
    let second = json_of(submit(record("诫勉〔2026〕2号")).await, 201, "submit").await;
    let id = second["id"].as_i64().expect("id");
    let missing = review_as(
        &app,
        &reviewer,
        id,
        json!({ "action": "exempt", "reason": " " }),
    )
    .await;
    assert_eq!(missing.status().as_u16(), 422);
    json_of(
        review_as(
            &app,
            &reviewer,
            id,
            json!({ "action": "exempt", "reason": "突发汛情下为抢险先行处置，符合容错免责情形" }),
        )
        .await,
        200,
        "exempt",
    )
    .await;
    let exempt_score =
        score_of(&json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await);
    assert_eq!(exempt_score, after);
    let records = json_of(
        app.get_as("/api/v1/me/records", &servant).await,
        200,
        "records",
    )
    .await;
    let exempt = records
        .as_array()
        .or_else(|| records["items"].as_array())
        .expect("records")
        .iter()
        .find(|r| r["id"] == second["record_id"])
        .cloned()
        .expect("the exempt record is kept");
    assert_eq!(exempt["status"], "exempt");

    // Returned: the reporter sees why.
    let third = json_of(submit(record("诫勉〔2026〕3号")).await, 201, "submit").await;
    let id = third["id"].as_i64().expect("id");
    json_of(
        review_as(
            &app,
            &reviewer,
            id,
            json!({ "action": "return", "comment": "文书号与原件不符，请核对" }),
        )
        .await,
        200,
        "return",
    )
    .await;
    let returned = json_of(
        app.get_as("/api/v1/intake/submissions?status=returned", &reporter)
            .await,
        200,
        "returned",
    )
    .await;
    assert_eq!(
        returned["items"][0]["review_comment"],
        "文书号与原件不符，请核对"
    );
    // Sent again once corrected: a new submission, the returned one superseded.
    let resent = json_of(submit(record("诫勉〔2026〕3号")).await, 201, "resend").await;
    assert_eq!(resent["status"], "pending");
    let old = json_of(
        app.get_as(&format!("/api/v1/intake/submissions/{id}"), &reporter)
            .await,
        200,
        "old",
    )
    .await;
    assert_eq!(old["status"], "superseded");

    // Bad input: a repeat, another department's row, a wrong name for a known ID number.
    let repeat = submit(record("诫勉〔2026〕1号")).await;
    let body: Value = repeat.json().await.expect("problem");
    assert_eq!(body["errors"][0]["code"], "duplicate", "{body}");
    let mut wrong_name = record("诫勉〔2026〕4号");
    wrong_name["subject_name"] = json!("别人");
    let body: Value = submit(wrong_name).await.json().await.expect("problem");
    assert_eq!(body["errors"][0]["code"], "name_mismatch", "{body}");
    let other = app.store.government_bodies().await.expect("bodies")[0]
        .2
        .clone();
    let foreign = upload(
        &app,
        &reporter,
        &format!("format=records&department={other}"),
        "application/json",
        b"[]".to_vec(),
    )
    .await;
    assert_eq!(foreign.status().as_u16(), 403);
}

#[tokio::test]
async fn nobody_reviews_their_own_submission() {
    let app = TestApp::with_demo().await;
    let (_, department_uscc) = app.organisation_of_account("demo-reviewer").await;
    let organisation_id = app
        .store
        .account_by_username("demo-reviewer")
        .await
        .expect("account")
        .and_then(|a| a.organisation_id);
    let hash = chengxin::auth::password::hash("both-roles-password-1").expect("hash");
    app.store
        .insert_account(
            &chengxin::store::NewAccount {
                username: "both-roles".into(),
                display_name: "兼任".into(),
                password_hash: hash,
                roles: vec![
                    chengxin_types::Role::Reporter,
                    chengxin_types::Role::Reviewer,
                ],
                person_id: None,
                organisation_id,
            },
            "test",
        )
        .await
        .expect("account");
    let both = app
        .login("both-roles", "both-roles-password-1")
        .await
        .access_token;
    let (department, _) = app.organisation_of_account("demo-reviewer").await;
    let row = firm_penalty(&department_uscc, &department, 42, &days_ago(2));
    let body: serde_json::Map<String, Value> = PENALTY_HEADER
        .iter()
        .zip(row)
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let submitted = json_of(
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=penalties",
            Some(&both),
            Some(Value::Object(body)),
        )
        .await,
        201,
        "submit",
    )
    .await;
    let id = submitted["id"].as_i64().expect("id");
    let own = app
        .send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{id}/review"),
            Some(&both),
            Some(json!({ "action": "approve" })),
        )
        .await;
    assert_eq!(own.status().as_u16(), 403);
    let body: Value = own.json().await.expect("problem");
    assert_eq!(body["code"], "own_submission");
}

/// A serious listing of firm `serial` whose subject was notified on `noticed`.
fn listing_row(name: &str, serial: u64, noticed: String) -> Value {
    json!({
        "subject_type": "法人及非法人组织",
        "subject_name": name,
        "subject_uscc": chengxin_tests::intake::firm_uscc(serial),
        "list_kind": "administrative_serious_breach",
        "basis_doc_no": format!("失信决字〔2026〕{serial}号"),
        "reason": "生产销售假冒伪劣食品，情节严重",
        "legal_basis": "《市场监督管理严重违法失信名单管理办法》第二条",
        "removal_conditions": "自列入之日起满三年且已履行行政处罚义务",
        "notice_delivered_on": noticed,
        "notice_rights": "当事人可在五个工作日内提出陈述、申辩和异议",
    })
}

/// A batch is decided by the same rule as one submission: approving it leaves a listing still in
/// its objection window pending, and a later approval of the batch takes it once the window is over.
#[tokio::test]
async fn approving_a_batch_leaves_listings_in_their_objection_window_pending() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let rows = json!([
        listing_row("窗口内食品有限公司", 911, days_ago(0)),
        listing_row("窗口外食品有限公司", 912, days_ago(30)),
    ]);
    let imported = json_of(
        upload(
            &app,
            &reporter,
            "format=listings&mode=per_row&file_name=listings.json",
            "application/json",
            rows.to_string().into_bytes(),
        )
        .await,
        201,
        "import",
    )
    .await;
    assert_eq!(imported["rows_accepted"], 2, "{imported}");
    let batch_id = imported["batch_id"].as_i64().expect("batch");
    let review_path = format!("/api/v1/intake/batches/{batch_id}/review");
    let approve_batch = || {
        app.send(
            Method::POST,
            &review_path,
            Some(&reviewer),
            Some(json!({ "action": "approve" })),
        )
    };
    let outcome = json_of(approve_batch().await, 200, "approve batch").await;
    assert_eq!(outcome["decided"], 1);
    let queue = format!("/api/v1/intake/submissions?status=pending&batch_id={batch_id}");
    let pending = json_of(app.get_as(&queue, &reviewer).await, 200, "queue").await;
    let items = pending["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 1, "{pending}");
    assert!(
        items[0]["summary"].to_string().contains("窗口内"),
        "{pending}"
    );

    app.store
        .dump_text(&format!(
            "UPDATE serious_breach_entries SET objection_window_ends = '{}' WHERE id = {} RETURNING CAST(id AS TEXT)",
            days_ago(2),
            items[0]["item_id"]
        ))
        .await
        .expect("move the window");
    let outcome = json_of(approve_batch().await, 200, "approve the rest").await;
    assert_eq!(outcome["decided"], 1);
    let pending = json_of(app.get_as(&queue, &reviewer).await, 200, "queue").await;
    assert_eq!(pending["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_serious_listing_takes_effect_only_after_notice_and_window() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let submit = |body: Value| submit_as(&app, &reporter, "listings", body);
    let review = |id: i64| review_as(&app, &reviewer, id, json!({ "action": "approve" }));
    let fresh = json_of(
        submit(listing_row("鲜味坊食品有限公司", 901, days_ago(0))).await,
        201,
        "listing",
    )
    .await;
    assert!(fresh["objection_window_ends"].as_str().is_some());
    let early = review(fresh["id"].as_i64().expect("id")).await;
    assert_eq!(early.status().as_u16(), 409);
    let body: Value = early.json().await.expect("problem");
    assert_eq!(body["code"], "objection_window_open");

    // The notified firm objects within the window, proving it is the subject by its code.
    let objection = |proof: String| {
        app.send(
            Method::POST,
            "/api/v1/objections",
            None,
            Some(json!({
                "record_id": fresh["record_id"],
                "filer": { "name": "鲜味坊", "phone": "13800138000", "capacity": "subject", "proof": proof },
                "reason": "抽检样品并非本公司生产，已提交进货凭证",
            })),
        )
    };
    let stranger = objection(chengxin_tests::intake::firm_uscc(1)).await;
    assert_eq!(
        stranger.status().as_u16(),
        404,
        "not public, and not about this filer"
    );
    json_of(
        objection(chengxin_tests::intake::firm_uscc(901)).await,
        201,
        "objection to the notice",
    )
    .await;
    // Even once the window is over, the listing waits for that objection to be decided.
    app.store
        .dump_text(&format!(
            "UPDATE serious_breach_entries SET objection_window_ends = '{}' WHERE id = {} RETURNING CAST(id AS TEXT)",
            days_ago(2),
            fresh["item_id"]
        ))
        .await
        .expect("move the window");
    let waiting = review(fresh["id"].as_i64().expect("id")).await;
    assert_eq!(waiting.status().as_u16(), 409);
    let body: Value = waiting.json().await.expect("problem");
    assert_eq!(body["code"], "objection_open");

    let old = json_of(
        submit(listing_row("旧账食品有限公司", 902, days_ago(30))).await,
        201,
        "listing",
    )
    .await;
    let search = "/api/v1/public/serious-breach?q=%E6%97%A7%E8%B4%A6%E9%A3%9F%E5%93%81";
    let before = app.get_json(search, 200).await;
    assert_eq!(before["items"].as_array().map(Vec::len), Some(0));
    json_of(
        review(old["id"].as_i64().expect("id")).await,
        200,
        "approve",
    )
    .await;
    let after = app.get_json(search, 200).await;
    assert_eq!(after["items"].as_array().map(Vec::len), Some(1), "{after}");
}

#[tokio::test]
async fn a_record_kind_with_publicity_periods_of_its_own_is_published_for_them() {
    // Serious penalties published for five years here, repairable after six months.
    let app = TestApp::with_demo_and_config(|c| {
        c.publicity.kinds.insert(
            "admin_penalty_serious".to_string(),
            chengxin::domain::publicity::PublicityPeriod {
                min_months: 6,
                max_months: 60,
            },
        );
    })
    .await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let me = json_of(app.get_as("/api/v1/me", &reporter).await, 200, "me").await;
    let department = me["account"]["organisation"].clone();
    let department_uscc = department["uscc"].as_str().expect("uscc").to_string();
    let decided = days_ago(3);
    let penalty = |serial: u64, tier: &str, until: Option<String>| {
        let mut row = serde_json::Map::new();
        let values = chengxin_tests::intake::firm_penalty(
            &department_uscc,
            department["name"].as_str().expect("name"),
            serial,
            &decided,
        );
        for (key, value) in chengxin_tests::intake::PENALTY_HEADER.iter().zip(values) {
            if !value.is_empty() {
                row.insert((*key).to_string(), json!(value));
            }
        }
        row.insert("tier".to_string(), json!(tier));
        if let Some(until) = until {
            row.insert("cf_gsjzq".to_string(), json!(until));
        }
        Value::Object(row)
    };
    let decided_on = chrono::NaiveDate::parse_from_str(&decided, "%Y-%m-%d").expect("date");
    let months = |n: u32| {
        decided_on
            .checked_add_months(chrono::Months::new(n))
            .expect("date")
            .to_string()
    };
    let mut published = Vec::new();
    for (serial, tier) in [(9101, "严重"), (9102, "一般")] {
        let submitted = json_of(
            submit_as(&app, &reporter, "penalties", penalty(serial, tier, None)).await,
            201,
            "penalty",
        )
        .await;
        approve_as(&app, &reviewer, submitted["id"].as_i64().expect("id")).await;
        let view = app
            .get_json(
                &format!("/api/v1/public/penalties/{}", submitted["item_id"]),
                200,
            )
            .await;
        published.push(view["publicity_until"].clone());
    }
    // The serious one runs to its kind's five years; the general one keeps its tier's year.
    assert_eq!(published, [json!(months(60)), json!(months(12))]);

    // An end beyond the kind's maximum is refused, naming the field and the last allowed day.
    let beyond = submit_as(
        &app,
        &reporter,
        "penalties",
        penalty(9103, "严重", Some(months(61))),
    )
    .await;
    let body: Value = beyond.json().await.expect("problem");
    assert_eq!(body["errors"][0]["field"], "cf_gsjzq", "{body}");
    assert_eq!(
        body["errors"][0]["code"], "invalid_publicity_period",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&months(60))),
        "{body}"
    );
}

#[tokio::test]
async fn a_misspelt_record_kind_in_the_publicity_settings_stops_the_start() {
    let mut config = chengxin::config::Config::default();
    config.publicity.kinds.insert(
        "admin_penalty_serius".to_string(),
        chengxin::domain::publicity::PublicityPeriod {
            min_months: 12,
            max_months: 60,
        },
    );
    assert!(config.check().is_ok(), "the periods themselves are fine");
    let error = config
        .check_kinds(&chengxin::domain::catalogue::Catalogue::seed())
        .expect_err("an unknown kind");
    assert!(
        error
            .to_string()
            .contains("publicity.kinds.admin_penalty_serius"),
        "{error}"
    );
}

#[tokio::test]
async fn a_returned_listing_sent_again_supersedes_the_returned_one() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let listing = |reason: &str| {
        json!({
            "subject_type": "法人及非法人组织",
            "subject_name": "回炉食品有限公司",
            "subject_uscc": chengxin_tests::intake::firm_uscc(903),
            "list_kind": "administrative_serious_breach",
            "basis_doc_no": "失信决字〔2026〕903号",
            "reason": reason,
            "legal_basis": "《市场监督管理严重违法失信名单管理办法》第二条",
            "removal_conditions": "自列入之日起满三年且已履行行政处罚义务",
            "notice_delivered_on": days_ago(30),
            "notice_rights": "当事人可在五个工作日内提出陈述、申辩和异议",
        })
    };
    let first = json_of(
        submit_as(&app, &reporter, "listings", listing("生产销售假冒食品")).await,
        201,
        "listing",
    )
    .await;
    let first_id = first["id"].as_i64().expect("id");
    json_of(
        review_as(
            &app,
            &reviewer,
            first_id,
            json!({ "action": "return", "comment": "列入理由应写明违法情节" }),
        )
        .await,
        200,
        "return",
    )
    .await;

    // Corrected and sent again: taken as the same decision, not refused as a repeat, and the
    // returned submission leaves the reporter's list of returned work.
    let resent = json_of(
        submit_as(
            &app,
            &reporter,
            "listings",
            listing("生产销售假冒伪劣食品，货值金额十五万元，情节严重"),
        )
        .await,
        201,
        "resend",
    )
    .await;
    assert_eq!(resent["status"], "pending");
    let old = json_of(
        app.get_as(&format!("/api/v1/intake/submissions/{first_id}"), &reporter)
            .await,
        200,
        "old",
    )
    .await;
    assert_eq!(old["status"], "superseded");
    let returned = json_of(
        app.get_as("/api/v1/intake/submissions?status=returned", &reporter)
            .await,
        200,
        "returned",
    )
    .await;
    assert!(
        returned["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|item| item["id"] != first_id),
        "{returned}"
    );

    // A third time, while the corrected one waits for review, it is a repeat.
    let repeat = submit_as(&app, &reporter, "listings", listing("再次报送")).await;
    let body: Value = repeat.json().await.expect("problem");
    assert_eq!(body["errors"][0]["code"], "duplicate", "{body}");

    // Approved: the body is listed once, with the corrected reason.
    approve_as(&app, &reviewer, resent["id"].as_i64().expect("id")).await;
    let listed = app
        .get_json(
            "/api/v1/public/serious-breach?q=%E5%9B%9E%E7%82%89%E9%A3%9F%E5%93%81",
            200,
        )
        .await;
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{listed}");
    let entry = app
        .get_json(
            &format!("/api/v1/public/serious-breach/{}", items[0]["id"]),
            200,
        )
        .await;
    assert_eq!(
        entry["reason"],
        "生产销售假冒伪劣食品，货值金额十五万元，情节严重"
    );
}

#[tokio::test]
async fn a_revoked_penalty_reaches_the_upper_platform_as_a_withdrawal() {
    let app = TestApp::with_demo().await;
    let today = chengxin_tests::server_today();
    let rows = app
        .store
        .dump_text(&format!(
            "SELECT CAST(p.id AS TEXT) || ':' || CAST(p.record_id AS TEXT) || ':' || p.cf_wsh FROM penalties p
             JOIN credit_records r ON r.id = p.record_id
             WHERE p.status = 'effective' AND p.tier <> 'minor' AND p.published_on <= '{today}' AND p.cf_gsjzq > '{today}'
               AND COALESCE(r.deciding_org_id, r.reporting_org_id) = (SELECT organisation_id FROM accounts WHERE username = 'demo-handler')
             ORDER BY p.id LIMIT 1"
        ))
        .await
        .expect("query");
    // The seeded district's published penalties are there from the start, with their content.
    let first = app
        .get_json("/api/v1/public/exchange/licences?since=0&limit=5", 200)
        .await;
    assert_eq!(
        first["changes"].as_array().map(Vec::len),
        Some(5),
        "{first}"
    );
    assert!(first["changes"][0]["items"]["xk_nr"].is_string(), "{first}");
    let mut parts = rows[0].splitn(3, ':');
    let (penalty, record, doc_no) = (
        parts.next().expect("id"),
        parts.next().expect("record"),
        parts.next().expect("doc").to_string(),
    );
    let since = pulled_to_the_end(&app).await;
    let receipt = json_of(
        app.send(
            Method::POST,
            "/api/v1/objections",
            None,
            Some(json!({
                "record_id": record.parse::<i64>().expect("id"),
                "filer": { "name": "周当事", "phone": "13800138000", "capacity": "subject" },
                "reason": "处罚决定已被行政复议撤销",
            })),
        )
        .await,
        201,
        "objection",
    )
    .await;
    let handler = app.demo_token("demo-handler").await;
    let path = format!(
        "/api/v1/handling/objections/{}/steps",
        receipt["ticket_no"].as_str().expect("ticket")
    );
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "uphold", "reason": "处罚决定已被撤销", "revoke": true }),
    ] {
        json_of(
            app.send(Method::POST, &path, Some(&handler), Some(step))
                .await,
            200,
            "step",
        )
        .await;
    }
    assert_eq!(
        app.get(&format!("/api/v1/public/penalties/{penalty}"))
            .await
            .status()
            .as_u16(),
        404
    );
    let changes = app
        .get_json(
            &format!("/api/v1/public/exchange/penalties?since={since}"),
            200,
        )
        .await;
    let pulled = changes["changes"].as_array().expect("changes");
    assert_eq!(pulled.len(), 1, "{changes}");
    assert_eq!(pulled[0]["change"], "withdrawn");
    assert_eq!(pulled[0]["items"]["cf_wsh"], doc_no.as_str());
    assert!(
        pulled[0]["items"].get("cf_sy").is_none(),
        "no content once withdrawn"
    );
    // The earlier publication of the same penalty no longer shows its content either.
    let earlier = app
        .get_json("/api/v1/public/exchange/penalties?since=0&limit=1000", 200)
        .await;
    assert!(
        earlier["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .all(|c| c["items"]["cf_wsh"] != doc_no.as_str() || c["items"].get("cf_sy").is_none())
    );
}

#[tokio::test]
async fn the_credit_office_publishes_a_rulebook_version_without_rewriting_history() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let servant = app.demo_token("demo-servant").await;
    let path = "/api/v1/admin/rulebooks/weihai-civil-servant/versions";
    let versions = json_of(app.get_as(path, &admin).await, 200, "versions").await;
    let current = versions[0].clone();
    assert_eq!(current["in_effect"], true);
    let before = json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await;

    let mut next = current["rulebook"].clone();
    let version = next["version"].as_u64().expect("version") + 1;
    next["version"] = json!(version);
    next["base"] = json!(next["base"].as_i64().expect("base") + 50);
    let today = chengxin_tests::server_today();
    let publish = |body: Value| app.send(Method::POST, path, Some(&admin), Some(body));
    // Not in the past, not with bands out of order, not as someone else.
    let past =
        publish(json!({ "effective_from": today - chrono::Duration::days(1), "rulebook": next }))
            .await;
    let body: Value = past.json().await.expect("problem");
    assert_eq!(body["errors"][0]["code"], "retroactive", "{body}");
    let mut disordered = next.clone();
    disordered["bands"].as_array_mut().expect("bands").reverse();
    let body: Value = publish(json!({ "effective_from": today, "rulebook": disordered }))
        .await
        .json()
        .await
        .expect("problem");
    assert_eq!(body["errors"][0]["code"], "invalid_rulebook", "{body}");
    let reviewer = app.demo_token("demo-reviewer").await;
    let refused = app
        .send(
            Method::POST,
            path,
            Some(&reviewer),
            Some(json!({ "effective_from": today, "rulebook": next })),
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403);

    let published = json_of(
        publish(json!({ "effective_from": today, "rulebook": next })).await,
        201,
        "publish",
    )
    .await;
    assert_eq!(published["in_effect"], true);
    let versions = json_of(app.get_as(path, &admin).await, 200, "versions").await;
    assert_eq!(versions[0]["version"], version);
    assert_eq!(versions[1]["in_effect"], false);
    assert_eq!(
        versions[1]["rulebook"], current["rulebook"],
        "the old version is kept as it was"
    );
    let after = json_of(app.get_as("/api/v1/me/score", &servant).await, 200, "score").await;
    assert_eq!(after["rulebook"]["version"], version);
    assert_eq!(
        after["base"].as_i64(),
        before["base"].as_i64().map(|b| b + 50)
    );
    let history = json_of(
        app.get_as("/api/v1/me/score/history", &servant).await,
        200,
        "history",
    )
    .await;
    let text = history.to_string();
    assert!(
        text.contains(&format!("\"rulebook_version\":{version}")),
        "{text}"
    );
}

#[tokio::test]
async fn commitments_and_their_fulfilment_take_effect_when_approved() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let submit = |format: &'static str, body: Value| submit_as(&app, &reporter, format, body);
    let approve = |id: i64| review_as(&app, &reviewer, id, json!({ "action": "approve" }));
    let made = json_of(
        submit(
            "commitments",
            json!({
                "kind": "告知承诺",
                "subject_type": "法人及非法人组织",
                "subject_name": "诚实食品有限公司",
                "subject_uscc": chengxin_tests::intake::firm_uscc(777),
                "content": "承诺在取得食品经营许可后三个月内补齐冷链设施",
                "made_on": days_ago(40),
                "due_on": days_ago(-50),
            }),
        )
        .await,
        201,
        "commitment",
    )
    .await;
    let commitment_id = made["item_id"].as_i64().expect("id");
    let path = format!("/api/v1/public/commitments/{commitment_id}");
    assert_eq!(
        app.get(&path).await.status().as_u16(),
        404,
        "pending: not public"
    );
    // A fulfilment cannot be reported on a commitment not in effect yet.
    let early = submit(
        "fulfilments",
        json!({ "commitment_id": commitment_id, "status": "已履行", "note": "冷链设施已验收", "recorded_on": days_ago(1) }),
    )
    .await;
    let body: Value = early.json().await.expect("problem");
    assert_eq!(body["errors"][0]["code"], "not_in_effect", "{body}");
    let exempt = review_as(
        &app,
        &reviewer,
        made["id"].as_i64().expect("id"),
        json!({ "action": "exempt", "reason": "不适用" }),
    )
    .await;
    assert_eq!(
        exempt.status().as_u16(),
        422,
        "a commitment is not a breach"
    );
    json_of(
        approve(made["id"].as_i64().expect("id")).await,
        200,
        "approve",
    )
    .await;
    let public = app.get_json(&path, 200).await;
    assert_eq!(public["status"], "in_progress");

    let fulfilled = json_of(
        submit(
            "fulfilments",
            json!({ "commitment_id": commitment_id, "status": "已履行", "note": "冷链设施已验收", "recorded_on": days_ago(1) }),
        )
        .await,
        201,
        "fulfilment",
    )
    .await;
    assert_eq!(
        app.get_json(&path, 200).await["status"],
        "in_progress",
        "pending fulfilment"
    );
    json_of(
        approve(fulfilled["id"].as_i64().expect("id")).await,
        200,
        "approve",
    )
    .await;
    let public = app.get_json(&path, 200).await;
    assert_eq!(public["status"], "fulfilled", "{public}");
    assert!(public.to_string().contains("冷链设施已验收"), "{public}");

    // A returned commitment and its first fulfilment entry are returned with it.
    let second = json_of(
        submit(
            "commitments",
            json!({
                "kind": "public_service",
                "subject_type": "法人及非法人组织",
                "subject_name": "诚实食品有限公司",
                "subject_uscc": chengxin_tests::intake::firm_uscc(777),
                "content": "承诺投诉件三个工作日内答复",
                "made_on": days_ago(10),
            }),
        )
        .await,
        201,
        "second commitment",
    )
    .await;
    json_of(
        review_as(
            &app,
            &reviewer,
            second["id"].as_i64().expect("id"),
            json!({ "action": "return", "comment": "承诺内容需写明答复方式" }),
        )
        .await,
        200,
        "return",
    )
    .await;
    let states = app
        .store
        .dump_text(&format!(
            "SELECT c.review_status || '/' || f.review_status FROM commitments c
             JOIN commitment_fulfilments f ON f.commitment_id = c.id WHERE c.id = {}",
            second["item_id"]
        ))
        .await
        .expect("states");
    assert_eq!(states, vec!["returned/returned".to_string()]);

    // Another department's commitment is not ours to report on.
    let foreign: i64 = app
        .store
        .dump_text(
            "SELECT CAST(id AS TEXT) FROM commitments WHERE accepting_org_id <> (SELECT organisation_id FROM accounts WHERE username = 'demo-reporter') ORDER BY id LIMIT 1",
        )
        .await
        .expect("commitment")[0]
        .parse()
        .expect("id");
    let body: Value = submit(
        "fulfilments",
        json!({ "commitment_id": foreign, "status": "已履行", "note": "代为登记", "recorded_on": days_ago(1) }),
    )
    .await
    .json()
    .await
    .expect("problem");
    assert_eq!(body["errors"][0]["code"], "not_your_commitment", "{body}");
}

#[tokio::test]
async fn a_returned_penalty_is_corrected_and_sent_again() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (department, department_uscc) = app.organisation_of_account("demo-reporter").await;
    let row = |content: &str| {
        let mut values = firm_penalty(&department_uscc, &department, 314, &days_ago(4));
        values[5] = content.to_string();
        let object: serde_json::Map<String, Value> = PENALTY_HEADER
            .iter()
            .zip(values)
            .map(|(k, v)| (k.to_string(), Value::String(v)))
            .collect();
        Value::Object(object)
    };
    let first = json_of(
        submit_as(&app, &reporter, "penalties", row("罚款人民币五百元")).await,
        201,
        "submit",
    )
    .await;
    json_of(
        review_as(
            &app,
            &reviewer,
            first["id"].as_i64().expect("id"),
            json!({ "action": "return", "comment": "罚款金额与决定书不符" }),
        )
        .await,
        200,
        "return",
    )
    .await;
    // Sent again with the same document number: not a repeat, a correction.
    let again = json_of(
        submit_as(&app, &reporter, "penalties", row("罚款人民币五千元")).await,
        201,
        "resubmit",
    )
    .await;
    assert_eq!(again["item_id"], first["item_id"], "the same penalty");
    assert_eq!(again["status"], "pending");
    let old = json_of(
        app.get_as(
            &format!("/api/v1/intake/submissions/{}", first["id"]),
            &reporter,
        )
        .await,
        200,
        "old",
    )
    .await;
    assert_eq!(old["status"], "superseded");
    approve_as(&app, &reviewer, again["id"].as_i64().expect("id")).await;
    let public = app
        .get_json(
            &format!("/api/v1/public/penalties/{}", again["item_id"]),
            200,
        )
        .await;
    assert_eq!(public["content"], "罚款人民币五千元");
    // Once in effect, the same number is a repeat again.
    let repeat: Value = submit_as(&app, &reporter, "penalties", row("再次报送"))
        .await
        .json()
        .await
        .expect("problem");
    assert_eq!(repeat["errors"][0]["code"], "duplicate", "{repeat}");
}

/// One penalty of the reporter's department as a JSON submission, with changes to its items.
fn penalty_json(
    department: &str,
    department_uscc: &str,
    serial: u64,
    decided: &str,
    change: &[(&str, &str)],
) -> Value {
    let values = firm_penalty(department_uscc, department, serial, decided);
    let mut object: serde_json::Map<String, Value> = PENALTY_HEADER
        .iter()
        .zip(values)
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    for (k, v) in change {
        object.insert((*k).to_string(), Value::String((*v).to_string()));
    }
    Value::Object(object)
}

#[tokio::test]
async fn a_penalty_takes_its_tier_from_its_category_unless_the_decision_states_one() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let (department, department_uscc) = app.organisation_of_account("demo-reporter").await;
    let cases = [
        (401, "警告", None, "minor"),
        (402, "通报批评", None, "minor"),
        (403, "罚款", None, "general"),
        (404, "警告；罚款", None, "general"),
        (405, "警告", Some("严重"), "serious"),
        (406, "吊销许可证件", None, "general"),
    ];
    for (serial, category, tier, expected) in cases {
        let mut change = vec![("cf_cflb", category)];
        if let Some(tier) = tier {
            change.push(("tier", tier));
        }
        let body = penalty_json(&department, &department_uscc, serial, &days_ago(3), &change);
        let submitted = json_of(
            submit_as(&app, &reporter, "penalties", body).await,
            201,
            category,
        )
        .await;
        let stored = app
            .store
            .dump_text(&format!(
                "SELECT tier FROM penalties WHERE id = {}",
                submitted["item_id"]
            ))
            .await
            .expect("tier");
        assert_eq!(stored, vec![expected.to_string()], "{category} {tier:?}");
    }
}

#[tokio::test]
async fn only_breach_records_of_civil_servants_and_government_bodies_can_be_exempted() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (department, department_uscc) = app.organisation_of_account("demo-reporter").await;
    let exempt = json!({ "action": "exempt", "reason": "突发情况下先行处置，符合容错免责情形" });
    let status_of = |id: i64| {
        let store = app.store.clone();
        async move {
            store
                .dump_text(&format!("SELECT status FROM submissions WHERE id = {id}"))
                .await
                .expect("status")
        }
    };

    // An enterprise's penalty is 双公示, never exempted; the refusal changes nothing.
    let penalty = json_of(
        submit_as(
            &app,
            &reporter,
            "penalties",
            penalty_json(&department, &department_uscc, 411, &days_ago(2), &[]),
        )
        .await,
        201,
        "penalty",
    )
    .await;
    let id = penalty["id"].as_i64().expect("id");
    let refused = json_of(
        review_as(&app, &reviewer, id, exempt.clone()).await,
        422,
        "exempt a penalty",
    )
    .await;
    assert_eq!(refused["errors"][0]["code"], "exemption_not_applicable");
    assert_eq!(refused["errors"][0]["field"], "action");
    assert_eq!(status_of(id).await, vec!["pending".to_string()]);

    // A civil servant's commendation is not a breach.
    let servant = app.demo_token("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let commendation = json_of(
        submit_as(
            &app,
            &reporter,
            "records",
            json!({
                "kind_code": "commendation",
                "subject_type": "自然人",
                "subject_name": me["person"]["name"],
                "subject_id_number": app.id_number_of_account("demo-servant").await,
                "content": "在防汛抢险工作中表现突出，予以嘉奖",
                "decision_no": "嘉奖〔2026〕7号",
                "decided_on": days_ago(3),
                "occurred_on": days_ago(10),
            }),
        )
        .await,
        201,
        "commendation",
    )
    .await;
    let id = commendation["id"].as_i64().expect("id");
    let refused = json_of(
        review_as(&app, &reviewer, id, exempt.clone()).await,
        422,
        "exempt a commendation",
    )
    .await;
    assert_eq!(refused["errors"][0]["code"], "exemption_not_applicable");
    assert_eq!(status_of(id).await, vec!["pending".to_string()]);
}

#[tokio::test]
async fn a_returned_decision_stays_overdue_until_it_is_first_published() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let admin = app.demo_token("demo-admin").await;
    let (department, department_uscc) = app.organisation_of_account("demo-reporter").await;
    let overdue = || async {
        let all = json_of(
            app.get_as("/api/v1/oversight/publication-timeliness", &admin)
                .await,
            200,
            "timeliness",
        )
        .await;
        all.as_array()
            .expect("list")
            .iter()
            .find(|d| d["department"]["uscc"] == department_uscc.as_str())
            .map_or(0, |d| {
                d["figures"]["penalties"]["unpublished_overdue"]
                    .as_i64()
                    .unwrap_or_default()
            })
    };
    let before = overdue().await;
    // Decided a month ago, still not published: overdue while pending, returned or exempted.
    let submitted = json_of(
        submit_as(
            &app,
            &reporter,
            "penalties",
            penalty_json(&department, &department_uscc, 421, &days_ago(30), &[]),
        )
        .await,
        201,
        "late penalty",
    )
    .await;
    assert_eq!(overdue().await, before + 1, "pending and overdue");
    json_of(
        review_as(
            &app,
            &reviewer,
            submitted["id"].as_i64().expect("id"),
            json!({ "action": "return", "comment": "违法事实表述不完整" }),
        )
        .await,
        200,
        "return",
    )
    .await;
    assert_eq!(overdue().await, before + 1, "returning it does not hide it");
}
