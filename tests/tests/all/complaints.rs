//! Complaints about government breach of trust, end to end: filing, tracking, handling by the
//! credit office, and the finding in the body's public integrity profile.

use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use serde_json::{Value, json};

async fn a_government_body(app: &TestApp) -> String {
    app.store.government_bodies().await.expect("bodies")[1]
        .2
        .clone()
}

#[tokio::test]
async fn a_substantiated_complaint_shows_in_the_bodys_integrity_profile() {
    let app = TestApp::with_demo().await;
    let uscc = a_government_body(&app).await;
    let profile_path = format!("/api/v1/public/organisations/{uscc}/profile");
    let before = app.get_json(&profile_path, 200).await;
    let received = before["complaints"]["received"].as_i64().expect("figures");

    let receipt = json_of(
        app.send(
            Method::POST,
            "/api/v1/complaints",
            None,
            Some(json!({
                "body_uscc": uscc,
                "kind": "arrears",
                "description": "2024 年承接的道路养护工程款 86 万元至今未付",
                "amount_yuan": 860000.0,
                "complainant_name": "王总",
                "complainant_phone": "13800138000",
                "company": "临江路桥养护有限公司",
            })),
        )
        .await,
        201,
        "complain",
    )
    .await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    assert!(ticket.starts_with("TS"));
    let tracked = json_of(
        app.send(
            Method::POST,
            "/api/v1/complaints/track",
            None,
            Some(json!({ "ticket_no": ticket, "query_code": receipt["query_code"] })),
        )
        .await,
        200,
        "track",
    )
    .await;
    assert_eq!(tracked["next_actor"], "credit_office");
    assert!(!tracked.to_string().contains("13800138000"));

    let admin = app.demo_token("demo-admin").await;
    let handler = app.demo_token("demo-handler").await;
    let step = |token: String, body: Value| {
        let app = &app;
        let path = format!("/api/v1/oversight/complaints/{ticket}/steps");
        async move {
            app.send(Method::POST, &path, Some(&token), Some(body))
                .await
        }
    };
    json_of(
        step(handler, json!({ "action": "accept" })).await,
        403,
        "only the credit office",
    )
    .await;
    json_of(
        step(
            admin.clone(),
            json!({ "action": "substantiate", "finding": "属实" }),
        )
        .await,
        409,
        "finding before acceptance",
    )
    .await;
    json_of(
        step(admin.clone(), json!({ "action": "accept" })).await,
        200,
        "accept",
    )
    .await;
    let found = json_of(
        step(
            admin.clone(),
            json!({ "action": "substantiate", "finding": "经核查，工程款确未按合同约定支付，认定属实" }),
        )
        .await,
        200,
        "substantiate",
    )
    .await;
    assert_eq!(found["status"], "substantiated");
    assert_eq!(
        found["steps"][2]["description"], "认定属实",
        "each step is told in its own words: {found}"
    );
    // The complainant is told of every step by text message, as filers of other cases are.
    let texts = app
        .store
        .dump_text(&format!(
            "SELECT body FROM outbox WHERE channel = 'sms' AND recipient = '13800138000' AND subject LIKE '%{ticket}' ORDER BY id"
        ))
        .await
        .expect("outbox");
    assert_eq!(texts.len(), 3, "filed, accepted, substantiated: {texts:?}");
    assert!(texts[2].contains("认定属实"), "{texts:?}");

    let after = app.get_json(&profile_path, 200).await;
    assert_eq!(after["complaints"]["received"].as_i64(), Some(received + 1));
    assert!(after["complaints"]["substantiated"].as_i64() >= Some(1));
    assert!(after["objection_handling"]["received"].is_i64());
    let all = json_of(
        app.get_as("/api/v1/oversight/complaints", &admin).await,
        200,
        "list",
    )
    .await;
    assert_eq!(all["items"][0]["ticket_no"], ticket.as_str());
}

#[tokio::test]
async fn the_credit_offices_list_comes_in_pages_open_oldest_first_and_closed_newest_first() {
    let app = TestApp::with_demo().await;
    let uscc = a_government_body(&app).await;
    let mut tickets = Vec::new();
    for n in 0..3 {
        let receipt = json_of(
            app.send(
                Method::POST,
                "/api/v1/complaints",
                None,
                Some(json!({
                    "body_uscc": uscc,
                    "kind": "broken_promise",
                    "description": format!("第 {n} 件：承诺的配套设施未建成"),
                    "complainant_name": "李女士",
                    "complainant_phone": "13800138000",
                })),
            )
            .await,
            201,
            "filed",
        )
        .await;
        tickets.push(receipt["ticket_no"].as_str().expect("ticket").to_string());
    }
    let admin = app.demo_token("demo-admin").await;
    let list = |query: &str| {
        let (app, admin) = (&app, &admin);
        let path = format!("/api/v1/oversight/complaints{query}");
        async move { app.get_as(&path, admin).await }
    };
    let first = json_of(list("?limit=2").await, 200, "first page").await;
    assert_eq!(
        first["items"][0]["ticket_no"],
        tickets[2].as_str(),
        "newest first"
    );
    assert_eq!(first["items"][1]["ticket_no"], tickets[1].as_str());
    let cursor = first["next_cursor"].as_str().expect("more follow");
    let second = json_of(
        list(&format!("?limit=2&cursor={cursor}")).await,
        200,
        "second",
    )
    .await;
    assert_eq!(second["items"][0]["ticket_no"], tickets[0].as_str());
    assert!(second.get("next_cursor").is_none());

    // Close the newest; open cases come oldest first, closed ones on their own.
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/oversight/complaints/{}/steps", tickets[2]),
            Some(&admin),
            Some(json!({ "action": "refuse", "reason": "不属于政务失信投诉受理范围" })),
        )
        .await,
        200,
        "refused",
    )
    .await;
    let open = json_of(list("?state=open").await, 200, "open").await;
    let open_tickets: Vec<&str> = open["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["ticket_no"].as_str())
        .collect();
    assert_eq!(open_tickets, vec![tickets[0].as_str(), tickets[1].as_str()]);
    let closed = json_of(list("?state=closed").await, 200, "closed").await;
    assert_eq!(closed["items"][0]["ticket_no"], tickets[2].as_str());
    assert_eq!(closed["items"].as_array().map(Vec::len), Some(1));

    let bad = json_of(list("?state=pending").await, 422, "bad state").await;
    assert_eq!(bad["errors"][0]["field"], "state");
    let bad = json_of(list("?cursor=abc").await, 400, "bad cursor").await;
    assert_eq!(bad["code"], "malformed_cursor");
    json_of(list("?limit=0").await, 422, "bad limit").await;
}

#[tokio::test]
async fn complaints_must_name_a_government_body_and_say_what_happened() {
    let app = TestApp::with_demo().await;
    let problem = json_of(
        app.send(
            Method::POST,
            "/api/v1/complaints",
            None,
            Some(json!({
                "body_uscc": "91310114MA1GTPB26F",
                "kind": "other",
                "description": "短",
                "complainant_name": "王总",
                "complainant_phone": "12345",
            })),
        )
        .await,
        422,
        "bad complaint",
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["body_uscc", "description", "complainant_phone"]);
}
