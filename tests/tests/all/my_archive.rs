//! A civil servant's own archive, score, history, consent and access log; grants and authorised
//! queries; government sharing. Over HTTP, on the demo district.

use chengxin::demo::accounts::{DEMO_PASSWORD, demo_api_key};
use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn my_records_score_and_history_agree_and_explain_every_point() {
    let app = TestApp::with_demo().await;
    let token = app.demo_token("demo-servant").await;
    let records = json_of(
        app.get_as("/api/v1/me/records", &token).await,
        200,
        "records",
    )
    .await;
    let records = records.as_array().expect("list");
    assert!(records.len() >= 3, "the demo servant has records");
    // Own view: every route, including those the public never sees.
    let score = json_of(app.get_as("/api/v1/me/score", &token).await, 200, "score").await;
    assert_eq!(score["state"], "scored");
    let base = score["base"].as_i64().expect("base");
    let counting = score["counting"].as_array().expect("counting");
    let sum: i64 = counting
        .iter()
        .map(|l| l["points"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(
        score["score"].as_i64(),
        Some(base + sum),
        "score = base + counting points"
    );
    for line in counting
        .iter()
        .chain(score["not_counting"].as_array().expect("lines"))
    {
        assert!(!line["explanation"].as_str().unwrap_or_default().is_empty());
        assert!(line["valid_until"].is_string());
        // Each line is one of my records, and the record says the same about its part.
        let record = records
            .iter()
            .find(|r| r["id"] == line["record_id"])
            .expect("the line's record is mine");
        assert_eq!(record["score"]["points"], line["points"]);
        assert_eq!(record["score"]["counts"], line["counts"]);
    }

    let history = json_of(
        app.get_as("/api/v1/me/score/history", &token).await,
        200,
        "history",
    )
    .await;
    let points = history["points"].as_array().expect("points");
    assert!(!points.is_empty());
    let last = points.last().expect("latest");
    assert_eq!(
        last["score"], score["score"],
        "history ends at today's score"
    );
    assert!(
        points
            .iter()
            .all(|p| !p["causes"].as_array().expect("causes").is_empty())
    );

    let english = app
        .client
        .get(app.url("/api/v1/me/score"))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .send()
        .await
        .expect("sent");
    let english: Value = english.json().await.expect("json");
    let text = english["counting"][0]["explanation"]
        .as_str()
        .unwrap_or("Within");
    assert!(text.is_ascii(), "{text}");

    let only = json_of(
        app.get_as("/api/v1/me/records?category=positive", &token)
            .await,
        200,
        "filtered",
    )
    .await;
    assert!(
        only.as_array()
            .expect("list")
            .iter()
            .all(|r| r["category"] == "positive")
    );
    let bad = app
        .get_as("/api/v1/me/records?category=gossip", &token)
        .await;
    assert_eq!(bad.status().as_u16(), 422);
}

#[tokio::test]
async fn without_consent_records_are_kept_but_not_scored() {
    let app = TestApp::with_demo().await;
    let token = app.demo_token("demo-servant").await;
    let body = json_of(
        app.send(
            Method::PUT,
            "/api/v1/me/consent",
            Some(&token),
            Some(json!({ "scoring_consent": false })),
        )
        .await,
        200,
        "consent off",
    )
    .await;
    assert_eq!(body["scoring_consent"], false);
    let score = json_of(app.get_as("/api/v1/me/score", &token).await, 200, "score").await;
    assert_eq!(score["state"], "not_scored");
    assert!(score.get("score").is_none() && score.get("grade").is_none());
    assert!(score["counting"].as_array().expect("lines").is_empty());
    let history = json_of(
        app.get_as("/api/v1/me/score/history", &token).await,
        200,
        "history",
    )
    .await;
    assert_eq!(history["state"], "not_scored");
    let records = json_of(
        app.get_as("/api/v1/me/records", &token).await,
        200,
        "records",
    )
    .await;
    assert!(
        !records.as_array().expect("list").is_empty(),
        "records are kept"
    );
    app.send(
        Method::PUT,
        "/api/v1/me/consent",
        Some(&token),
        Some(json!({ "scoring_consent": true })),
    )
    .await;
    let score = json_of(app.get_as("/api/v1/me/score", &token).await, 200, "score").await;
    assert_eq!(score["state"], "scored");
}

#[tokio::test]
async fn an_app_with_a_grant_reads_what_it_covers_and_the_person_sees_the_read() {
    let app = TestApp::with_demo().await;
    let token = app.demo_token("demo-servant").await;
    let grants = json_of(app.get_as("/api/v1/me/grants", &token).await, 200, "grants").await;
    let demo_grant = &grants[0];
    assert_eq!(demo_grant["state"], "active");
    let id = demo_grant["id"].as_i64().expect("id");
    let covered: Vec<String> = demo_grant["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| c.as_str().unwrap_or_default().to_string())
        .collect();

    let path = format!("/api/v1/authorised/grants/{id}/records");
    let read = |key: Option<String>| {
        let app = &app;
        let path = path.clone();
        async move {
            let mut request = app.client.get(app.url(&path));
            if let Some(key) = key {
                request = request.header("x-api-key", key);
            }
            request.send().await.expect("sent")
        }
    };
    let answer = json_of(read(Some(demo_api_key())).await, 200, "authorised read").await;
    for record in answer["records"].as_array().expect("records") {
        assert!(covered.contains(&record["category"].as_str().unwrap_or_default().to_string()));
        assert!(
            ["public", "authorised_query"].contains(&record["route"].as_str().unwrap_or_default())
        );
        assert_eq!(record["status"], "effective");
    }
    assert!(
        !answer["subject"]["id_masked"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    // The person's own archive has records the grant does not cover.
    let mine = json_of(app.get_as("/api/v1/me/records", &token).await, 200, "mine").await;
    assert!(
        mine.as_array().expect("list").len() > answer["records"].as_array().expect("list").len()
    );

    // Another app, or no credentials at all, learns nothing about the grant.
    assert_eq!(read(None).await.status().as_u16(), 401);
    let other_key = chengxin::auth::api_keys::generate();
    app.store
        .insert_api_key(
            &other_key.prefix,
            &other_key.secret_hash,
            "别的应用",
            "某公司",
            "test",
        )
        .await
        .expect("key");
    assert_eq!(
        read(Some(other_key.full.clone())).await.status().as_u16(),
        404
    );

    let log = json_of(
        app.get_as("/api/v1/me/access-log", &token).await,
        200,
        "log",
    )
    .await;
    let entry = &log["items"][0];
    assert_eq!(entry["channel"], "authorised_query");
    assert!(
        entry["accessor"]
            .as_str()
            .unwrap_or_default()
            .contains("诚信示例应用")
    );
    assert_eq!(entry["purpose"], demo_grant["purpose"]);
    assert_eq!(
        entry["record_count"],
        answer["records"].as_array().expect("list").len()
    );

    // Revoked at once: the next read is refused with the reason.
    let revoked = json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/me/grants/{id}/revoke"),
            Some(&token),
            None,
        )
        .await,
        200,
        "revoke",
    )
    .await;
    assert_eq!(revoked["state"], "revoked");
    assert_eq!(revoked["uses"], 1);
    let refused = json_of(read(Some(demo_api_key())).await, 403, "after revoke").await;
    assert_eq!(refused["code"], "grant_revoked");
}

#[tokio::test]
async fn grants_are_checked_and_an_expired_one_is_refused_with_the_reason() {
    let app = TestApp::with_demo().await;
    let token = app.demo_token("demo-servant").await;
    let options = json_of(
        app.get_as("/api/v1/me/grantees", &token).await,
        200,
        "grantees",
    )
    .await;
    let body_of = |grantee: &Value, until: &str| {
        json!({
            "grantee": grantee,
            "purpose": "租房前的信用核验",
            "categories": ["positive"],
            "valid_until": until,
        })
    };
    let app_option = options
        .as_array()
        .expect("options")
        .iter()
        .find(|o| o["grantee"]["kind"] == "app")
        .expect("the demo app");
    let today = chengxin_tests::server_today();
    let response = app
        .send(
            Method::POST,
            "/api/v1/me/grants",
            Some(&token),
            Some(body_of(
                &app_option["grantee"],
                &(today + chrono::Days::new(30)).to_string(),
            )),
        )
        .await;
    let created = json_of(response, 201, "create").await;
    assert_eq!(created["state"], "active");

    for (body, field) in [
        (body_of(&app_option["grantee"], "2000-01-01"), "valid_until"),
        (
            body_of(
                &json!({ "kind": "app", "api_key_prefix": "cx_nothere1" }),
                "2099-01-01",
            ),
            "valid_until",
        ),
        (
            json!({ "grantee": app_option["grantee"], "purpose": "x", "categories": [], "valid_until": today.to_string() }),
            "purpose",
        ),
    ] {
        let problem = json_of(
            app.send(Method::POST, "/api/v1/me/grants", Some(&token), Some(body))
                .await,
            422,
            "invalid grant",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    let problem = json_of(
        app.send(
            Method::POST,
            "/api/v1/me/grants",
            Some(&token),
            Some(body_of(
                &json!({ "kind": "app", "api_key_prefix": "cx_nothere1" }),
                &today.to_string(),
            )),
        )
        .await,
        422,
        "unknown app",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "unknown_app");

    // An organisation as grantee: its staff read with their own sign-in. A grant that ended
    // yesterday is refused with the reason.
    let reviewer = app.demo_token("demo-reviewer").await;
    let me: Value = app
        .get_as("/api/v1/me", &reviewer)
        .await
        .json()
        .await
        .expect("me");
    let uscc = me["account"]["organisation"]["uscc"]
        .as_str()
        .expect("department")
        .to_string();
    let created = json_of(
        app.send(
            Method::POST,
            "/api/v1/me/grants",
            Some(&token),
            Some(body_of(
                &json!({ "kind": "organisation", "uscc": uscc }),
                &today.to_string(),
            )),
        )
        .await,
        201,
        "grant to a department",
    )
    .await;
    let id = created["id"].as_i64().expect("id");
    let path = format!("/api/v1/authorised/grants/{id}/records");
    json_of(app.get_as(&path, &reviewer).await, 200, "staff read").await;
    app.store
        .execute_admin(&format!(
            "UPDATE grants SET valid_until = '{}' WHERE id = {id}",
            today - chrono::Days::new(2)
        ))
        .await
        .expect("backdated");
    let refused = json_of(app.get_as(&path, &reviewer).await, 403, "expired").await;
    assert_eq!(refused["code"], "grant_expired");
}

#[tokio::test]
async fn government_sharing_needs_the_role_and_a_purpose_and_is_logged() {
    let app = TestApp::with_demo().await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let servant = app.demo_token("demo-servant").await;
    let person_id = app
        .store
        .account_by_username("demo-servant")
        .await
        .expect("account")
        .and_then(|a| a.person_id)
        .expect("linked");
    let cipher =
        chengxin::pii::PiiCipher::load_or_create(&app.data_dir.path().join("keys")).expect("keys");
    let sealed = app
        .store
        .dump_text(&format!(
            "SELECT hex(id_cipher) FROM persons WHERE id = {person_id}"
        ))
        .await;
    let id_number = match sealed {
        Ok(rows) if app.backend() == chengxin::store::DatabaseKind::Sqlite => {
            let bytes = hex_decode(&rows[0]);
            cipher.open(&bytes).expect("opens").expose().to_string()
        }
        _ => {
            let rows = app
                .store
                .dump_text(&format!(
                    "SELECT encode(id_cipher, 'hex') FROM persons WHERE id = {person_id}"
                ))
                .await
                .expect("cipher");
            cipher
                .open(&hex_decode(&rows[0]))
                .expect("opens")
                .expose()
                .to_string()
        }
    };
    let request = |token: &str, body: Value| {
        let app = &app;
        let token = token.to_string();
        async move {
            app.send(
                Method::POST,
                "/api/v1/sharing/person-records",
                Some(&token),
                Some(body),
            )
            .await
        }
    };
    let body = json!({ "id_number": id_number, "purpose": "干部选拔任用考察" });
    let shared = json_of(request(&reviewer, body.clone()).await, 200, "sharing").await;
    for record in shared["records"].as_array().expect("records") {
        assert_ne!(record["route"], "internal");
        assert_eq!(record["status"], "effective");
    }
    assert!(
        !shared.to_string().contains(&id_number),
        "the full ID is not echoed"
    );

    let refused = json_of(request(&servant, body.clone()).await, 403, "not staff").await;
    assert_eq!(refused["code"], "role_required");
    let problem = json_of(
        request(&reviewer, json!({ "id_number": id_number, "purpose": " " })).await,
        422,
        "no purpose",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "purpose");
    let problem = json_of(
        request(
            &reviewer,
            json!({ "id_number": "110101199003071234", "purpose": "考察" }),
        )
        .await,
        422,
        "bad checksum",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "id_number");

    let log = json_of(
        app.get_as("/api/v1/me/access-log", &servant).await,
        200,
        "log",
    )
    .await;
    let entry = &log["items"][0];
    assert_eq!(entry["channel"], "government_sharing");
    assert_eq!(entry["purpose"], "干部选拔任用考察");
    assert!(
        entry["accessor"]
            .as_str()
            .unwrap_or_default()
            .contains("李评议")
    );

    let auditor = app.demo_token("demo-auditor").await;
    let all = json_of(
        app.get_as("/api/v1/oversight/access-log?limit=1", &auditor)
            .await,
        200,
        "oversight",
    )
    .await;
    assert_eq!(all["items"].as_array().expect("items").len(), 1);
    let next = all["next_cursor"].as_str().expect("more").to_string();
    json_of(
        app.get_as(
            &format!("/api/v1/oversight/access-log?cursor={next}"),
            &auditor,
        )
        .await,
        200,
        "next page",
    )
    .await;
    json_of(
        app.get_as("/api/v1/oversight/access-log?cursor=zz", &auditor)
            .await,
        400,
        "bad cursor",
    )
    .await;
}

fn hex_decode(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[tokio::test]
async fn the_demo_password_is_what_the_readme_says() {
    let app = TestApp::with_demo().await;
    for account in [
        "demo-servant",
        "demo-reporter",
        "demo-reviewer",
        "demo-handler",
        "demo-admin",
        "demo-auditor",
    ] {
        app.login(account, DEMO_PASSWORD).await;
    }
}

/// The scoring standard is posted for all staff: a civil servant (and any other signed-in
/// account) reads every item with its points and validity, and the grade bands; without an
/// account it is not shown.
#[tokio::test]
async fn staff_read_the_scoring_standard_in_force() {
    let app = TestApp::with_demo().await;
    let servant = app.demo_token("demo-servant").await;
    let response = app.get_as("/api/v1/me/scoring-standard", &servant).await;
    assert_eq!(response.status().as_u16(), 200);
    let standard: serde_json::Value = response.json().await.expect("json");
    assert_eq!(standard["code"], "weihai-civil-servant");
    assert_eq!(standard["base"], 1000);
    let item = |code: &str| {
        standard["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} is posted"))
    };
    assert_eq!(item("circulated_criticism_city")["points"], -30);
    assert_eq!(item("circulated_criticism_city")["validity_years"], 1);
    assert_eq!(item("party_warning")["validity_years"], 2);
    assert_eq!(item("judgment_debtor")["direct_grade"], "D");
    assert_eq!(standard["bands"][0]["grade"], "AAA");
    let reviewer = app.demo_token("demo-reviewer").await;
    assert_eq!(
        app.get_as("/api/v1/me/scoring-standard", &reviewer)
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.get("/api/v1/me/scoring-standard")
            .await
            .status()
            .as_u16(),
        401
    );
}
