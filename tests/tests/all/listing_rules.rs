//! The serious-breach lists as the law has them: an entry is public from its listing date until its
//! removal date and not a day longer, on the list, its detail, the body's profile, the credit check
//! and the exchange feed alike; an entry removed early is no longer published anywhere; a listed
//! entry can be repaired whatever its record's own window says. Runs on SQLite and PostgreSQL.

use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use reqwest::Method;
use serde_json::{Value, json};

fn today() -> String {
    chengxin_tests::server_today().to_string()
}

/// The demo district with the answer cache off, since these tests change rows behind the server.
async fn app() -> TestApp {
    TestApp::with_demo_and_config(|c| c.response_cache.max_megabytes = 0).await
}

/// Every change of the serious-breach feed after `since`.
async fn feed(app: &TestApp, since: i64) -> Vec<Value> {
    let mut changes = Vec::new();
    let mut since = since;
    loop {
        let page = app
            .get_json(
                &format!("/api/v1/public/exchange/serious-breach?since={since}&limit=1000"),
                200,
            )
            .await;
        changes.extend(page["changes"].as_array().expect("changes").iter().cloned());
        since = page["next_since"].as_i64().expect("next");
        if page["more"] == false {
            return changes;
        }
    }
}

fn last_seq(changes: &[Value]) -> i64 {
    changes
        .last()
        .and_then(|c| c["seq"].as_i64())
        .unwrap_or_default()
}

/// A firm on the list today: its entry id and USCC.
async fn a_listed_firm(app: &TestApp) -> (i64, String) {
    let page = app
        .get_json("/api/v1/public/serious-breach?limit=100", 200)
        .await;
    let firm = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["subject"]["kind"] == "organisation")
        .expect("a listed firm")
        .clone();
    (
        firm["id"].as_i64().expect("id"),
        firm["subject"]["uscc"].as_str().expect("uscc").to_string(),
    )
}

async fn sql(app: &TestApp, statement: &str) {
    app.store
        .execute_admin(statement)
        .await
        .expect("the test's own change");
}

#[tokio::test]
async fn an_entry_leaves_every_public_view_on_its_removal_date() {
    let app = app().await;
    let (id, uscc) = a_listed_firm(&app).await;
    let before = feed(&app, 0).await;
    assert!(
        before
            .iter()
            .any(|c| c["change"] == "published" && c["items"]["basis_doc_no"].is_string()),
        "the feed publishes what is listed"
    );
    let profile = app
        .get_json(&format!("/api/v1/public/organisations/{uscc}/profile"), 200)
        .await;
    assert!(
        profile["listings"]
            .as_array()
            .expect("listings")
            .iter()
            .any(|e| e["id"] == id)
    );

    // Today is the removal date.
    sql(
        &app,
        &format!(
            "UPDATE serious_breach_entries SET removal_due_on = '{}' WHERE id = {id}",
            today()
        ),
    )
    .await;
    let page = app
        .get_json(&format!("/api/v1/public/serious-breach?uscc={uscc}"), 200)
        .await;
    assert!(
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|e| e["id"] != id),
        "off the list: {page}"
    );
    let gone = app
        .get(&format!("/api/v1/public/serious-breach/{id}"))
        .await;
    assert_eq!(gone.status().as_u16(), 410);
    assert_eq!(
        gone.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    let body: Value = gone.json().await.expect("problem");
    assert_eq!(body["code"], "no_longer_published");
    assert!(
        !body.to_string().contains(&uscc),
        "the answer says nothing about the subject: {body}"
    );
    let profile = app
        .get_json(&format!("/api/v1/public/organisations/{uscc}/profile"), 200)
        .await;
    assert!(
        profile["listings"]
            .as_array()
            .expect("listings")
            .iter()
            .all(|e| e["id"] != id),
        "{profile}"
    );
    let check = app
        .get_json(&format!("/api/v1/public/credit-check?uscc={uscc}"), 200)
        .await;
    assert!(
        check["listings"]
            .as_array()
            .expect("listings")
            .iter()
            .all(|e| e["id"] != id),
        "{check}"
    );

    // The feed withdraws it the same day, with only its identifying items, and only once.
    let after = feed(&app, last_seq(&before)).await;
    let withdrawals: Vec<&Value> = after
        .iter()
        .filter(|c| c["change"] == "withdrawn")
        .collect();
    assert_eq!(withdrawals.len(), 1, "{after:?}");
    assert!(withdrawals[0]["items"]["subject_name"].is_null());
    assert!(feed(&app, last_seq(&after)).await.is_empty());
}

#[tokio::test]
async fn removed_entries_are_not_published_and_cannot_be_asked_for() {
    let app = app().await;
    let removed = app
        .store
        .dump_text("SELECT CAST(id AS TEXT) FROM serious_breach_entries WHERE status = 'removed' ORDER BY id LIMIT 1")
        .await
        .expect("query");
    let removed: i64 = removed
        .first()
        .expect("the demo has removed entries")
        .parse()
        .expect("id");
    let mut url = "/api/v1/public/serious-breach?limit=100".to_string();
    loop {
        let page = app.get_json(&url, 200).await;
        for e in page["items"].as_array().expect("items") {
            assert_eq!(e["status"], "listed", "{e}");
            assert_ne!(e["id"], removed);
        }
        match page["next_cursor"].as_str() {
            Some(c) => url = format!("/api/v1/public/serious-breach?limit=100&cursor={c}"),
            None => break,
        }
    }
    let asked = app
        .get("/api/v1/public/serious-breach?status=removed")
        .await;
    assert_eq!(asked.status().as_u16(), 422);
    let body: Value = asked.json().await.expect("problem");
    assert_eq!(body["errors"][0]["field"], "status");
    let detail = app
        .get(&format!("/api/v1/public/serious-breach/{removed}"))
        .await;
    assert_eq!(detail.status().as_u16(), 410);
    // An entry still under notice was never published: plainly not found.
    let noticed = app
        .store
        .dump_text("SELECT CAST(MAX(id) + 1000 AS TEXT) FROM serious_breach_entries")
        .await
        .expect("query");
    assert_eq!(
        app.get(&format!("/api/v1/public/serious-breach/{}", noticed[0]))
            .await
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn a_listed_entry_can_be_repaired_whatever_its_record_window_says_and_then_is_withdrawn() {
    let app = app().await;
    let (id, uscc) = a_listed_firm(&app).await;
    let record = app
        .store
        .dump_text(&format!(
            "SELECT CAST(record_id AS TEXT) FROM serious_breach_entries WHERE id = {id}"
        ))
        .await
        .expect("query")[0]
        .clone();
    // The record's own window ran out long ago (counted from an old notice); the minimum is over.
    sql(
        &app,
        &format!(
            "UPDATE credit_records SET publish_from = '2020-01-01', repairable_from = '2021-01-01', publish_until = '2022-01-01' WHERE id = {record}"
        ),
    )
    .await;
    // The deciding department (here the demo handler's) will decide; once it approves the entry
    // leaves the list and the feed withdraws it.
    sql(
        &app,
        &format!(
            "UPDATE credit_records SET deciding_org_id =
               (SELECT organisation_id FROM accounts WHERE username = 'demo-handler') WHERE id = {record}"
        ),
    )
    .await;
    let since = last_seq(&feed(&app, 0).await);
    let application = json!({
        "record_id": record.parse::<i64>().expect("id"),
        "applicant": { "name": "王经理", "phone": "13800138000", "uscc": uscc },
        "correction": "已全部履行行政处罚决定并完成整改，经复查合格",
        "commitment": "本单位承诺今后严格遵守食品安全法律法规，如有违反愿接受惩戒",
    });
    let receipt = json_of(
        app.send(Method::POST, "/api/v1/repairs", None, Some(application))
            .await,
        201,
        "a listed entry is repairable",
    )
    .await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();

    let token = app.demo_token("demo-handler").await;
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "approve", "reason": "已履行义务并作出信用承诺，准予修复" }),
    ] {
        json_of(
            app.send(
                Method::POST,
                &format!("/api/v1/handling/repairs/{ticket}/steps"),
                Some(&token),
                Some(step),
            )
            .await,
            200,
            "repair step",
        )
        .await;
    }
    assert_eq!(
        app.get(&format!("/api/v1/public/serious-breach/{id}"))
            .await
            .status()
            .as_u16(),
        410
    );
    let changes = feed(&app, since).await;
    assert!(
        changes.iter().any(|c| c["change"] == "withdrawn"),
        "{changes:?}"
    );
}

/// An entry of the demo reporter's department on the list today: (entry id, its listing
/// decision's document number). The test makes the department the deciding one.
async fn a_listed_entry_of_the_reporters_department(app: &TestApp, skip: usize) -> (i64, String) {
    let page = app
        .get_json("/api/v1/public/serious-breach?limit=100", 200)
        .await;
    let entry = page["items"].as_array().expect("items")[skip].clone();
    let id = entry["id"].as_i64().expect("id");
    sql(
        app,
        &format!(
            "UPDATE serious_breach_entries SET deciding_org_id =
               (SELECT organisation_id FROM accounts WHERE username = 'demo-reporter') WHERE id = {id}"
        ),
    )
    .await;
    (id, entry["basis_doc_no"].as_str().expect("doc").to_string())
}

#[tokio::test]
async fn the_deciding_department_removes_an_entry_early_through_review() {
    let app = app().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (id, basis) = a_listed_entry_of_the_reporters_department(&app, 0).await;
    let since = last_seq(&feed(&app, 0).await);
    let removal = |basis: &str| {
        json!({
            "basis_doc_no": basis,
            "removal_doc_no": "临法执恢字〔2026〕3号",
            "reason": "被执行人已全部履行生效法律文书确定的义务，法院决定删除失信信息",
            "removed_on": today(),
        })
    };
    let submit = |body: Value| {
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=removals",
            Some(&reporter),
            Some(body),
        )
    };
    let unknown = json_of(
        submit(removal("不存在的文书号")).await,
        422,
        "unknown entry",
    )
    .await;
    assert_eq!(
        unknown["errors"][0]["code"], "not_your_listing",
        "{unknown}"
    );
    let submitted = json_of(submit(removal(&basis)).await, 201, "removal").await;
    assert_eq!(submitted["item_kind"], "removal");
    let twice = json_of(submit(removal(&basis)).await, 422, "a second removal").await;
    assert_eq!(twice["errors"][0]["code"], "removal_pending", "{twice}");
    // Nothing happens before review, and a removal is not something to exempt.
    app.get_json(&format!("/api/v1/public/serious-breach/{id}"), 200)
        .await;
    let review_path = format!("/api/v1/intake/submissions/{}/review", submitted["id"]);
    let review = |body: Value| app.send(Method::POST, &review_path, Some(&reviewer), Some(body));
    let exempt = json_of(
        review(json!({ "action": "exempt", "reason": "不适用" })).await,
        422,
        "exempt a removal",
    )
    .await;
    assert_eq!(exempt["errors"][0]["code"], "exemption_not_applicable");
    json_of(review(json!({ "action": "approve" })).await, 200, "approve").await;

    let gone = app
        .get(&format!("/api/v1/public/serious-breach/{id}"))
        .await;
    assert_eq!(gone.status().as_u16(), 410);
    let stored = app
        .store
        .dump_text(&format!(
            "SELECT status || ' ' || CAST(removed_on AS TEXT) FROM serious_breach_entries WHERE id = {id}"
        ))
        .await
        .expect("entry");
    assert_eq!(stored, vec![format!("removed {}", today())]);
    let changes = feed(&app, since).await;
    assert!(
        changes.iter().any(|c| c["change"] == "withdrawn"),
        "{changes:?}"
    );
    // The public no longer sees it; the deciding department still does, as removed.
    let own = json_of(
        app.get_as("/api/v1/intake/listings?limit=100", &reporter)
            .await,
        200,
        "the department's entries",
    )
    .await;
    let entry = own["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["id"] == id)
        .expect("the department sees its removed entry")
        .clone();
    assert_eq!(entry["standing"], "removed", "{entry}");
    assert_eq!(entry["removed_on"], today());
    let again = json_of(submit(removal(&basis)).await, 422, "already removed").await;
    assert_eq!(again["errors"][0]["code"], "not_listed", "{again}");
}

#[tokio::test]
async fn a_returned_removal_leaves_the_entry_and_its_record_as_they_were() {
    let app = app().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (id, basis) = a_listed_entry_of_the_reporters_department(&app, 1).await;
    let submitted = json_of(
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=removals",
            Some(&reporter),
            Some(json!({
                "basis_doc_no": basis,
                "removal_doc_no": "临市监移字〔2026〕9号",
                "reason": "列入满三年且已履行行政处罚义务",
                "removed_on": today(),
            })),
        )
        .await,
        201,
        "removal",
    )
    .await;
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{}/review", submitted["id"]),
            Some(&reviewer),
            Some(json!({ "action": "return", "comment": "请附法院的删除决定书" })),
        )
        .await,
        200,
        "return",
    )
    .await;
    app.get_json(&format!("/api/v1/public/serious-breach/{id}"), 200)
        .await;
    let record = app
        .store
        .dump_text(&format!(
            "SELECT r.status FROM credit_records r JOIN serious_breach_entries e ON e.record_id = r.id WHERE e.id = {id}"
        ))
        .await
        .expect("record");
    assert_eq!(record, vec!["effective".to_string()]);
    // Corrected and sent again, the removal replaces the returned one in the reporter's list.
    json_of(
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=removals",
            Some(&reporter),
            Some(json!({
                "basis_doc_no": basis,
                "removal_doc_no": "临市监移字〔2026〕9号",
                "reason": "列入满三年且已履行行政处罚义务，附法院删除决定书",
                "removed_on": today(),
            })),
        )
        .await,
        201,
        "sent again",
    )
    .await;
    let old = json_of(
        app.get_as(
            &format!("/api/v1/intake/submissions/{}", submitted["id"]),
            &reporter,
        )
        .await,
        200,
        "the returned one",
    )
    .await;
    assert_eq!(old["status"], "superseded");
}

#[tokio::test]
async fn a_removal_of_an_entry_that_left_the_list_meanwhile_is_refused_and_changes_nothing() {
    let app = app().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (id, basis) = a_listed_entry_of_the_reporters_department(&app, 2).await;
    let submitted = json_of(
        app.send(
            Method::POST,
            "/api/v1/intake/submissions?format=removals",
            Some(&reporter),
            Some(json!({
                "basis_doc_no": basis,
                "removal_doc_no": "临市监移字〔2026〕11号",
                "reason": "列入满三年且已履行行政处罚义务",
                "removed_on": today(),
            })),
        )
        .await,
        201,
        "removal",
    )
    .await;
    // The entry reaches its removal date before the reviewer gets to the removal.
    sql(
        &app,
        &format!(
            "UPDATE serious_breach_entries SET removal_due_on = '{}' WHERE id = {id}",
            today()
        ),
    )
    .await;
    let refused = json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/intake/submissions/{}/review", submitted["id"]),
            Some(&reviewer),
            Some(json!({ "action": "approve" })),
        )
        .await,
        409,
        "approve a moot removal",
    )
    .await;
    assert_eq!(refused["code"], "entry_not_listed", "{refused}");
    let state = app
        .store
        .dump_text(&format!(
            "SELECT e.status || ' ' || m.status || ' ' || s.status FROM serious_breach_entries e
             JOIN listing_removals m ON m.entry_id = e.id JOIN submissions s ON s.item_id = m.id AND s.item_kind = 'removal'
             WHERE e.id = {id}"
        ))
        .await
        .expect("state");
    assert_eq!(state, vec!["listed pending pending".to_string()]);
}

/// An entry listed before the rule (no removal date, its record's window from the notice) is
/// bounded at the next start: removal at the kind's maximum from the listing date, the record's
/// window from the listing date.
#[tokio::test]
async fn entries_listed_before_the_rule_are_bounded_at_the_next_start() {
    let app = app().await;
    let (id, _) = a_listed_firm(&app).await;
    let listed_on = app
        .store
        .dump_text(&format!(
            "SELECT CAST(listed_on AS TEXT) FROM serious_breach_entries WHERE id = {id}"
        ))
        .await
        .expect("listed on")[0]
        .clone();
    sql(
        &app,
        &format!("UPDATE serious_breach_entries SET removal_due_on = NULL WHERE id = {id}"),
    )
    .await;
    sql(
        &app,
        &format!(
            "UPDATE credit_records SET publish_from = '2020-01-01', publish_until = '2099-01-01'
             WHERE id = (SELECT record_id FROM serious_breach_entries WHERE id = {id})"
        ),
    )
    .await;
    let restarted = chengxin::startup::Application::build(app.config.clone())
        .await
        .expect("restarts");
    drop(restarted);
    let listed = chrono::NaiveDate::parse_from_str(&listed_on, "%Y-%m-%d").expect("date");
    let due = listed
        .checked_add_months(chrono::Months::new(36))
        .expect("date");
    let stored = app
        .store
        .dump_text(&format!(
            "SELECT CAST(e.removal_due_on AS TEXT) || ' ' || CAST(r.publish_from AS TEXT) || ' ' || CAST(r.publish_until AS TEXT)
             FROM serious_breach_entries e JOIN credit_records r ON r.id = e.record_id WHERE e.id = {id}"
        ))
        .await
        .expect("entry");
    assert_eq!(stored, vec![format!("{due} {listed} {due}")]);
}
