//! One submission in full (`GET /intake/submissions/{id}/detail`): the row as the reporter sent it
//! (a personal ID number never given back), the item as the public will see it once approved
//! (while it stays unpublished until then), and the subject's other records, the read of a
//! person's being in their access log. Runs on SQLite and PostgreSQL.

use chengxin_tests::intake::{firm_penalty, penalty_object};
use chengxin_tests::{TestApp, days_ago, json_of, server_today};
use reqwest::Method;
use serde_json::{Value, json};

async fn submit(app: &TestApp, token: &str, format: &str, body: Value) -> Value {
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions?format={format}"),
            Some(token),
            Some(body),
        )
        .await,
        201,
        "submit",
    )
    .await
}

async fn detail(app: &TestApp, token: &str, id: &Value) -> Value {
    json_of(
        app.get_as(&format!("/api/v1/intake/submissions/{id}/detail"), token)
            .await,
        200,
        "detail",
    )
    .await
}

/// The value of column `code` among the detail's fields.
fn sent<'a>(detail: &'a Value, code: &str) -> &'a Value {
    detail["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no field {code} in {detail}"))
}

#[tokio::test]
async fn a_pending_penalty_is_shown_as_sent_and_as_it_will_be_published() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let row = firm_penalty(&uscc, &department, 7301, &days_ago(2));
    let submitted = submit(&app, &reporter, "penalties", penalty_object(row.clone())).await;

    for token in [&reviewer, &reporter] {
        let d = detail(&app, token, &submitted["id"]).await;
        assert_eq!(d["submission"]["id"], submitted["id"]);
        assert_eq!(d["format"], "penalties");
        assert_eq!(sent(&d, "cf_wsh")["value"], row[0].as_str());
        assert_eq!(sent(&d, "cf_nr")["value"], row[5].as_str());
        assert_eq!(sent(&d, "cf_xdr_zjhm")["personal_id"], true);
        let published = &d["published"];
        assert_eq!(published["kind"], "penalty", "{d}");
        assert_eq!(published["penalty"]["decision_no"], row[0].as_str());
        assert_eq!(published["penalty"]["subject"]["name"], row[11].as_str());
        assert_eq!(
            published["penalty"]["published_on"],
            server_today().to_string(),
            "published today once approved"
        );
        assert_eq!(
            d["public"], true,
            "a general penalty is public once approved"
        );
    }
    // Previewed, not published: the public still cannot find it.
    app.get_json(
        &format!("/api/v1/public/penalties/{}", submitted["item_id"]),
        404,
    )
    .await;

    // Another department's reviewer is not even told it exists.
    let other = app.store.government_bodies().await.expect("bodies")[0]
        .2
        .clone();
    assert_ne!(other, uscc);
    let admin = app.demo_token("demo-admin").await;
    json_of(
        app.send(
            Method::POST,
            "/api/v1/admin/accounts",
            Some(&admin),
            Some(json!({
                "username": "other.reviewer",
                "display_name": "外单位审核员",
                "password": "Long-Enough-2026",
                "roles": ["reviewer"],
                "organisation_uscc": other,
            })),
        )
        .await,
        201,
        "account",
    )
    .await;
    let outsider = app
        .login("other.reviewer", "Long-Enough-2026")
        .await
        .access_token;
    let refused = app
        .get_as(
            &format!("/api/v1/intake/submissions/{}/detail", submitted["id"]),
            &outsider,
        )
        .await;
    assert_eq!(refused.status().as_u16(), 404);

    // Returned and sent again corrected: the old submission previews nothing (its item now
    // holds the correction), and the correction form asks for the row alone.
    let returned = app
        .send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{}/review", submitted["id"]),
            Some(&reviewer),
            Some(json!({ "action": "return", "comment": "处罚内容有误" })),
        )
        .await;
    assert_eq!(returned.status().as_u16(), 200);
    let sent_only = json_of(
        app.get_as(
            &format!(
                "/api/v1/intake/submissions/{}/detail?sent_only=true",
                submitted["id"]
            ),
            &reporter,
        )
        .await,
        200,
        "sent only",
    )
    .await;
    assert_eq!(sent(&sent_only, "cf_nr")["value"], row[5].as_str());
    let malformed = app
        .get_as(
            &format!(
                "/api/v1/intake/submissions/{}/detail?sent_only=maybe",
                submitted["id"]
            ),
            &reporter,
        )
        .await;
    assert_eq!(
        malformed.status().as_u16(),
        400,
        "a clear refusal, not a 500"
    );
    assert_eq!(
        malformed.headers()["content-type"],
        "application/problem+json"
    );
    assert!(sent_only.get("published").is_none(), "{sent_only}");
    assert_eq!(sent_only["subject_records"], json!([]));
    let mut corrected = row.clone();
    corrected[5] = "罚款人民币三千元".to_string();
    submit(&app, &reporter, "penalties", penalty_object(corrected)).await;
    let old = detail(&app, &reviewer, &submitted["id"]).await;
    assert_eq!(old["submission"]["status"], "superseded");
    assert!(
        old.get("published").is_none() && old.get("public").is_none(),
        "{old}"
    );
    assert_eq!(
        sent(&old, "cf_nr")["value"],
        row[5].as_str(),
        "as it was sent"
    );
}

#[tokio::test]
async fn a_record_on_a_servant_withholds_the_id_shows_their_records_and_is_logged() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let servant = app.demo_token("demo-servant").await;
    let id_number = app.id_number_of_account("demo-servant").await;
    let me = json_of(app.get_as("/api/v1/me", &servant).await, 200, "me").await;
    let submitted = submit(
        &app,
        &reporter,
        "records",
        json!({
            "kind_code": "admonishment",
            "subject_type": "自然人",
            "subject_name": me["person"]["name"],
            "subject_id_number": id_number,
            "content": "在专项检查中发现工作作风问题，予以诫勉",
            "decision_no": "诫勉〔2026〕73号",
            "decided_on": days_ago(3),
            "occurred_on": days_ago(20),
        }),
    )
    .await;
    let response = app
        .get_as(
            &format!("/api/v1/intake/submissions/{}/detail", submitted["id"]),
            &reviewer,
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.expect("body");
    assert!(
        !text.contains(&id_number),
        "the ID number is never given back: {text}"
    );
    let d: Value = serde_json::from_str(&text).expect("json");
    let id_field = sent(&d, "subject_id_number");
    assert_eq!(id_field["personal_id"], true);
    assert!(id_field.get("value").is_none(), "{id_field}");
    assert_eq!(sent(&d, "decision_no")["value"], "诫勉〔2026〕73号");
    assert_eq!(d["published"]["kind"], "record", "{d}");
    assert_eq!(d["published"]["record"]["category"], "general_breach");
    assert_eq!(
        d["public"], false,
        "a civil servant's admonishment is shared, not published"
    );

    // The servant's other records, newest first, none of them pending.
    let records = d["subject_records"].as_array().expect("records");
    assert!(!records.is_empty() && records.len() <= 20, "{records:?}");
    let days: Vec<&str> = records
        .iter()
        .map(|r| r["decided_on"].as_str().expect("day"))
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert!(
        records
            .iter()
            .all(|r| r["status"] != "pending" && r["id"] != submitted["record_id"])
    );
    // Another department's records only while they are shared: in effect, not internal.
    let (_, own) = app.organisation_of_account("demo-reviewer").await;
    for record in records {
        let facts = app
            .store
            .dump_text(&format!(
                "SELECT r.status || '|' || r.route || '|' || o.uscc FROM credit_records r
                 JOIN organisations o ON o.id = r.reporting_org_id WHERE r.id = {}",
                record["id"]
            ))
            .await
            .expect("facts");
        let [status, route, reporter_uscc] = facts[0].split('|').collect::<Vec<_>>()[..] else {
            panic!("facts of {record}");
        };
        if reporter_uscc != own {
            assert!(
                status == "effective" && route != "internal",
                "another department's {record} is {status}, {route}"
            );
        }
    }

    let log = json_of(
        app.get_as("/api/v1/me/access-log?limit=100", &servant)
            .await,
        200,
        "access log",
    )
    .await;
    let purpose = format!("报送 {} 详情", submitted["id"]);
    assert!(
        log["items"].as_array().expect("items").iter().any(|e| {
            e["accessor"]
                .as_str()
                .unwrap_or_default()
                .contains("李评议")
                && e["purpose"].as_str().unwrap_or_default().contains(&purpose)
        }),
        "the reviewer's read is logged: {log}"
    );
}

#[tokio::test]
async fn a_commitment_is_previewed_as_its_public_page() {
    let app = TestApp::with_demo().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let commitment = submit(
        &app,
        &reporter,
        "commitments",
        json!({
            "kind": "告知承诺",
            "subject_type": "法人及非法人组织",
            "subject_name": "预览测试商贸有限公司",
            "subject_uscc": chengxin_tests::intake::firm_uscc(7302),
            "content": "承诺所提交材料真实有效",
            "made_on": days_ago(1),
        }),
    )
    .await;
    let d = detail(&app, &reviewer, &commitment["id"]).await;
    assert_eq!(d["published"]["kind"], "commitment", "{d}");
    assert_eq!(
        d["published"]["commitment"]["content"],
        "承诺所提交材料真实有效"
    );
    assert_eq!(d["subject_records"], json!([]));
}
