//! The integrity evaluation of government bodies: a body whose facts are known one by one is
//! monitored for a quarter and the computed points match the hand count; the annual evaluation
//! is scored, refused while incomplete, published (then frozen, on the public profile) and
//! corrected as a new version; the scheme is versioned and a bad one refused with its field.

use chengxin::domain::Uscc;
use chengxin::store::{
    NewCommitment, NewCreditRecord, NewFulfilment, NewOrganisation, RectificationHistory,
    SubjectRef,
};
use chengxin_tests::TestApp;
use chengxin_tests::json_of;
use chengxin_types::{
    Category, CommitmentKind, DisclosureRoute, FulfilmentStatus, OrgKind, PublicityTier,
    RecordStatus,
};
use chrono::{Datelike, NaiveDate};
use reqwest::Method;
use serde_json::{Value, json};

/// Last year's second quarter: all its days have passed.
fn quarter() -> (String, NaiveDate) {
    let year = chengxin_tests::server_today().year() - 1;
    (
        format!("{year}Q2"),
        NaiveDate::from_ymd_opt(year, 5, 12).expect("day"),
    )
}

fn record(body: i64, kind: &str, category: Category, on: NaiveDate) -> NewCreditRecord {
    NewCreditRecord {
        subject: SubjectRef::Organisation(body),
        category,
        kind_code: kind.into(),
        title: kind.into(),
        content: "考核评价测试记录".into(),
        decision_no: None,
        deciding_org_id: Some(body),
        reporting_org_id: body,
        decided_on: on,
        occurred_on: on,
        conduct_ended_on: None,
        route: DisclosureRoute::Public,
        tier: Some(PublicityTier::General),
        window: None,
        status: RecordStatus::Effective,
        score_item: None,
        act_key: None,
    }
}

/// A new government body with, in the quarter: two commitments due (one kept, one broken), one
/// 政务失信 record, one arrears finding, and one rectification put right by its first deadline.
async fn body_with_known_facts(app: &TestApp, on: NaiveDate) -> (i64, String) {
    let uscc = Uscc::with_check_char("11330100MB0000777").expect("code");
    let name = "临江区考核测试局".to_string();
    let id = app
        .store
        .insert_organisations(&[NewOrganisation {
            uscc: uscc.clone(),
            name: name.clone(),
            kind: OrgKind::GovernmentBody,
            level: None,
            parent_id: None,
            region_code: None,
            address: None,
        }])
        .await
        .expect("body")[0];
    let commitment = |status: FulfilmentStatus| NewCommitment {
        kind: CommitmentKind::PublicService,
        subject: SubjectRef::Organisation(id),
        subject_name: name.clone(),
        content: "承诺事项".into(),
        made_on: on - chrono::Duration::days(60),
        accepting_org_id: id,
        due_on: Some(on),
        status,
        route: DisclosureRoute::Public,
        source_org_id: id,
        fulfilments: vec![NewFulfilment {
            status,
            note: "考核测试".into(),
            recorded_on: on,
        }],
    };
    app.store
        .insert_commitments(&[
            commitment(FulfilmentStatus::Fulfilled),
            commitment(FulfilmentStatus::Breached),
        ])
        .await
        .expect("commitments");
    let records = app
        .store
        .insert_credit_records(&[
            record(id, "gov_breach", Category::GeneralBreach, on),
            record(id, "arrears_to_private_firms", Category::RiskWarning, on),
        ])
        .await
        .expect("records");
    let due = on + chrono::Duration::days(20);
    app.store
        .insert_rectification_history(&RectificationHistory {
            record_id: records[0],
            body_org_id: id,
            opened_on: on,
            assign_due: on + chrono::Duration::days(7),
            deadline: Some((on + chrono::Duration::days(1), due)),
            escalations: Vec::new(),
            report: Some((due, "原因说明文字".into(), "整改报告文字".into())),
            accepted_on: Some(due + chrono::Duration::days(2)),
        })
        .await
        .expect("rectification");
    (id, uscc.as_str().to_string())
}

fn result_of<'a>(bodies: &'a Value, uscc: &str) -> &'a Value {
    bodies
        .as_array()
        .expect("bodies")
        .iter()
        .find(|b| b["body_uscc"] == uscc)
        .unwrap_or_else(|| panic!("no result for {uscc}: {bodies}"))
}

fn points(result: &Value, indicator: &str) -> Value {
    result["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == indicator)
        .unwrap_or_else(|| panic!("no {indicator}"))["points"]
        .clone()
}

#[tokio::test]
async fn quarterly_monitoring_counts_what_the_archive_holds_of_each_body() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let (period, on) = quarter();
    let (_, uscc) = body_with_known_facts(&app, on).await;
    let monitoring = json_of(
        app.get_as(
            &format!("/api/v1/oversight/evaluation/monitoring?period={period}"),
            &admin,
        )
        .await,
        200,
        "monitoring",
    )
    .await;
    assert_eq!(monitoring["period"], period.as_str());
    let ours = result_of(&monitoring["bodies"], &uscc);
    // Counted by hand: nothing to publish 15; commitments 1 of 2 kept 7.5; no cases 10; no
    // complaint 10; one breach record 10 - 5; rectified on time 1 of 1 10; no judgment 5; one
    // arrears finding 5 - 2.5; hotline 5. Manual indicators wait for the evaluators.
    for (indicator, expected) in [
        ("publication_timeliness", json!(15.0)),
        ("commitments_kept", json!(7.5)),
        ("cases_in_time", json!(10.0)),
        ("complaints_substantiated", json!(10.0)),
        ("breach_records", json!(5.0)),
        ("rectification_rate", json!(10.0)),
        ("judgment_debtor", json!(5.0)),
        ("arrears", json!(2.5)),
        ("hotline", json!(5.0)),
        ("third_party", Value::Null),
    ] {
        assert_eq!(points(ours, indicator), expected, "{indicator}: {ours}");
    }
    assert_eq!(ours["total"], 70.0);
    assert!(ours.get("grade").is_none(), "not graded while incomplete");
    let kept = ours["indicators"][1]["explanation"].as_str().unwrap_or("");
    assert!(kept.contains("1/2"), "every point explained: {kept}");

    // A quarter that does not exist is refused with its field.
    let bad = json_of(
        app.get_as(
            "/api/v1/oversight/evaluation/monitoring?period=2026Q5",
            &admin,
        )
        .await,
        422,
        "bad period",
    )
    .await;
    assert_eq!(bad["errors"][0]["field"], "period");
    // Only the credit office monitors.
    let handler = app.demo_token("demo-handler").await;
    json_of(
        app.get_as("/api/v1/oversight/evaluation/monitoring", &handler)
            .await,
        403,
        "handler",
    )
    .await;
}

#[tokio::test]
async fn the_annual_evaluation_is_scored_published_frozen_shown_and_corrected_as_a_new_version() {
    let app = TestApp::with_demo().await;
    app.without_demo_evaluation().await;
    let admin = app.demo_token("demo-admin").await;
    let (_, on) = quarter();
    let year = on.year();
    let (_, uscc) = body_with_known_facts(&app, on).await;
    let opened = json_of(
        app.send(
            Method::POST,
            "/api/v1/oversight/evaluations",
            Some(&admin),
            Some(json!({ "year": year })),
        )
        .await,
        201,
        "opened",
    )
    .await;
    assert_eq!(opened["status"], "draft");
    let id = opened["id"].as_i64().expect("id");
    json_of(
        app.send(
            Method::POST,
            "/api/v1/oversight/evaluations",
            Some(&admin),
            Some(json!({ "year": year })),
        )
        .await,
        409,
        "one per year",
    )
    .await;
    let score = |body: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            app.send(
                Method::PUT,
                &format!("/api/v1/oversight/evaluations/{id}/scores"),
                Some(admin),
                Some(body),
            )
            .await
        }
    };
    let too_many = json_of(
        score(json!({ "body_uscc": uscc, "indicator": "openness", "points": 6, "evidence": "政务公开检查" })).await,
        422,
        "out of range",
    )
    .await;
    assert_eq!(too_many["errors"][0]["field"], "points");
    let computed = json_of(
        score(
            json!({ "body_uscc": uscc, "indicator": "arrears", "points": 5, "evidence": "不适用" }),
        )
        .await,
        422,
        "a computed indicator",
    )
    .await;
    assert_eq!(computed["errors"][0]["field"], "indicator");
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/oversight/evaluations/{id}/publish"),
            Some(&admin),
            None,
        )
        .await,
        409,
        "incomplete",
    )
    .await;

    // The evaluators score every body's manual indicators; ours gets 4 + 5 + 5.
    let bodies = app.store.government_bodies().await.expect("bodies");
    for (_, _, body_uscc) in &bodies {
        for (indicator, points) in [
            ("third_party", 4.0),
            ("lawful_administration", 5.0),
            ("openness", 5.0),
        ] {
            json_of(
                score(json!({ "body_uscc": body_uscc, "indicator": indicator, "points": points, "evidence": "年度评议会议纪要" })).await,
                200,
                "scored",
            )
            .await;
        }
    }
    let published = json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/oversight/evaluations/{id}/publish"),
            Some(&admin),
            None,
        )
        .await,
        200,
        "published",
    )
    .await;
    assert_eq!(published["status"], "published");
    let ours = result_of(&published["bodies"], &uscc).clone();
    // The year holds the quarter's facts and nothing else of this new body: 70 + 14.
    assert_eq!(ours["total"], 84.0, "{ours}");
    assert_eq!(ours["grade"], "良好");

    // Frozen: a new breach record in the year changes neither the result nor the profile.
    let body_id = app
        .store
        .dump_text(&format!(
            "SELECT CAST(id AS TEXT) FROM organisations WHERE uscc = '{uscc}'"
        ))
        .await
        .expect("id")[0]
        .parse::<i64>()
        .expect("id");
    app.store
        .insert_credit_records(&[record(body_id, "gov_breach", Category::GeneralBreach, on)])
        .await
        .expect("record");
    let again = json_of(
        app.get_as(&format!("/api/v1/oversight/evaluations/{id}"), &admin)
            .await,
        200,
        "read again",
    )
    .await;
    assert_eq!(result_of(&again["bodies"], &uscc)["total"], 84.0);
    json_of(
        score(
            json!({ "body_uscc": uscc, "indicator": "openness", "points": 1, "evidence": "复查" }),
        )
        .await,
        409,
        "published is not edited",
    )
    .await;
    // The year's printable report ranks the bodies by the published results.
    let report = app
        .get_as(
            &format!("/api/v1/oversight/evaluation/report?period={year}"),
            &admin,
        )
        .await;
    assert_eq!(report.status().as_u16(), 200);
    let policy = report
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(policy.contains("style-src 'sha256-"), "{policy}");
    let html = report.text().await.expect("html");
    assert!(html.contains("按已发布的年度考核评价结果"), "{html}");
    assert!(html.contains("临江区考核测试局"), "{html}");
    let profile = app
        .get_json(&format!("/api/v1/public/organisations/{uscc}/profile"), 200)
        .await;
    assert_eq!(profile["evaluation"]["year"], year);
    assert_eq!(profile["evaluation"]["result"]["grade"], "良好");

    // A department sees its own published result, never another's draft.
    let handler = app.demo_token("demo-handler").await;
    let own = json_of(
        app.get_as("/api/v1/work/evaluation", &handler).await,
        200,
        "own",
    )
    .await;
    assert!(own["monitoring"]["indicators"].is_array(), "{own}");
    let (_, handler_uscc) = app.organisation_of_account("demo-handler").await;
    assert_eq!(own["monitoring"]["body_uscc"], handler_uscc.as_str());

    // A correction is a new version with a reason; published, it supersedes the first.
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/oversight/evaluations/{id}/correction"),
            Some(&admin),
            Some(json!({ "reason": "" })),
        )
        .await,
        422,
        "a reason is needed",
    )
    .await;
    let correction = json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/oversight/evaluations/{id}/correction"),
            Some(&admin),
            Some(json!({ "reason": "补录一条政务失信记录后重新计算" })),
        )
        .await,
        201,
        "correction",
    )
    .await;
    assert_eq!(correction["version"], 2);
    assert_eq!(correction["status"], "draft");
    // It starts from the same manual scores and counts the new record: 84 - 5.
    assert_eq!(result_of(&correction["bodies"], &uscc)["total"], 79.0);
    let second = correction["id"].as_i64().expect("id");
    json_of(
        app.send(
            Method::POST,
            &format!("/api/v1/oversight/evaluations/{second}/publish"),
            Some(&admin),
            None,
        )
        .await,
        200,
        "correction published",
    )
    .await;
    let list = json_of(
        app.get_as("/api/v1/oversight/evaluations", &admin).await,
        200,
        "list",
    )
    .await;
    let states: Vec<(i64, String)> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|e| {
            (
                e["version"].as_i64().unwrap_or(0),
                e["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![(2, "published".to_string()), (1, "superseded".to_string())]
    );
    let profile = app
        .get_json(&format!("/api/v1/public/organisations/{uscc}/profile"), 200)
        .await;
    assert_eq!(profile["evaluation"]["version"], 2);
    assert_eq!(profile["evaluation"]["result"]["total"], 79.0);
}

#[tokio::test]
async fn a_new_scheme_version_is_checked_and_published_for_a_day_to_come() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let versions = json_of(
        app.get_as("/api/v1/oversight/evaluation/schemes", &admin)
            .await,
        200,
        "versions",
    )
    .await;
    let mut scheme = versions[0]["scheme"].clone();
    assert_eq!(scheme["version"], 1);
    let tomorrow = chengxin_tests::server_today() + chrono::Duration::days(1);
    let publish = |scheme: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            app.send(
                Method::POST,
                "/api/v1/oversight/evaluation/schemes",
                Some(admin),
                Some(json!({ "effective_from": tomorrow, "scheme": scheme })),
            )
            .await
        }
    };
    scheme["version"] = json!(2);
    scheme["indicators"][0]["weight"] = json!(20);
    let unbalanced = json_of(publish(scheme.clone()).await, 422, "weights").await;
    assert_eq!(unbalanced["errors"][0]["field"], "scheme.indicators");
    scheme["indicators"][0]["weight"] = json!(15);
    scheme["indicators"][2]
        .as_object_mut()
        .expect("indicator")
        .remove("source");
    let sourceless = json_of(publish(scheme.clone()).await, 422, "no source").await;
    assert_eq!(
        sourceless["errors"][0]["field"],
        "scheme.indicators[2].source"
    );
    scheme["indicators"][2]["source"] = json!({ "kind": "computed", "measure": "cases_in_time" });
    scheme["bands"][0]["min"] = json!(85);
    let published = json_of(publish(scheme.clone()).await, 201, "published").await;
    assert_eq!(published["scheme"]["bands"][0]["min"], 85.0);
    json_of(publish(scheme).await, 422, "the next version is 3").await;
}

#[tokio::test]
async fn the_trend_covers_the_last_quarters_and_the_quarterly_report_prints() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let trend = json_of(
        app.get_as("/api/v1/oversight/evaluation/trend?quarters=4", &admin)
            .await,
        200,
        "trend",
    )
    .await;
    let quarters = trend["quarters"].as_array().expect("quarters");
    assert_eq!(quarters.len(), 4);
    assert_eq!(trend["district"].as_array().map(Vec::len), Some(4));
    let bodies = app.store.government_bodies().await.expect("bodies");
    assert_eq!(trend["bodies"].as_array().map(Vec::len), Some(bodies.len()));
    assert!(
        trend["bodies"]
            .as_array()
            .expect("bodies")
            .iter()
            .all(|b| b["totals"].as_array().map(Vec::len) == Some(4)),
        "{trend}"
    );
    json_of(
        app.get_as("/api/v1/oversight/evaluation/trend?quarters=9", &admin)
            .await,
        422,
        "too many quarters",
    )
    .await;
    let report = app
        .get_as("/api/v1/oversight/evaluation/report", &admin)
        .await;
    assert_eq!(report.status().as_u16(), 200);
    let html = report.text().await.expect("html");
    assert!(html.contains("政务诚信建设情况通报"), "{html}");
    assert!(html.contains(&bodies[0].1), "every body is ranked");
    assert!(html.contains("按期整改率"), "{html}");
}

#[tokio::test]
async fn a_score_that_comes_in_while_results_are_computed_stops_the_publication() {
    let app = TestApp::with_demo().await;
    app.without_demo_evaluation().await;
    let year = chengxin_tests::server_today().year() - 1;
    let scheme = app
        .store
        .evaluation_scheme_in_effect("government-integrity", chengxin_tests::server_today())
        .await
        .expect("scheme");
    let id = app
        .store
        .insert_evaluation(year, &scheme, None, "test")
        .await
        .expect("opened");
    let computed_from = app
        .store
        .evaluation_scores_version(id)
        .await
        .expect("version");
    let body = app.store.government_bodies().await.expect("bodies")[0].0;
    assert!(
        app.store
            .put_evaluation_score(id, body, "openness", 4.0, "评议纪要", "test")
            .await
            .expect("scored")
    );
    assert_eq!(
        app.store
            .publish_evaluation(id, year, "[]", &computed_from, "test")
            .await
            .expect("publish"),
        chengxin::store::Publication::ScoresChanged
    );
    let now = app
        .store
        .evaluation_scores_version(id)
        .await
        .expect("version");
    assert_eq!(
        app.store
            .publish_evaluation(id, year, "[]", &now, "test")
            .await
            .expect("publish"),
        chengxin::store::Publication::Published
    );
    // Published: a late score is refused.
    assert!(
        !app.store
            .put_evaluation_score(id, body, "openness", 1.0, "复查", "test")
            .await
            .expect("refused")
    );
}

/// The demo district starts with last year's evaluation published, as the credit office publishes
/// one: every body graded, each manual point with its evidence, the public profile showing the
/// body's result and the report of the year ranking by it.
#[tokio::test]
async fn the_demo_district_starts_with_last_years_evaluation_published() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    // The year before the demo's day, whatever today is.
    let year = chengxin_tests::demo_anchor().year() - 1;
    let all = json_of(
        app.get_as("/api/v1/oversight/evaluations", &admin).await,
        200,
        "evaluations",
    )
    .await;
    let published = all
        .as_array()
        .expect("list")
        .iter()
        .find(|e| e["year"] == year && e["status"] == "published")
        .cloned()
        .expect("last year's evaluation is published");
    let published = json_of(
        app.get_as(
            &format!("/api/v1/oversight/evaluations/{}", published["id"]),
            &admin,
        )
        .await,
        200,
        "the published evaluation",
    )
    .await;
    let bodies = published["bodies"].as_array().expect("bodies");
    let government = app.store.government_bodies().await.expect("bodies");
    assert_eq!(bodies.len(), government.len(), "every body is evaluated");
    for body in bodies {
        assert!(body["grade"].is_string(), "graded: {body}");
        for indicator in body["indicators"].as_array().expect("indicators") {
            if indicator["source"] == "manual" {
                assert!(
                    indicator["explanation"]
                        .as_str()
                        .is_some_and(|e| !e.is_empty()),
                    "a manual point has its evidence: {indicator}"
                );
            }
        }
    }
    let first = &bodies[0];
    let uscc = first["body_uscc"].as_str().expect("uscc");
    let profile = app
        .get_json(&format!("/api/v1/public/organisations/{uscc}/profile"), 200)
        .await;
    assert_eq!(profile["evaluation"]["year"], year);
    assert_eq!(profile["evaluation"]["result"]["total"], first["total"]);
    assert_eq!(profile["evaluation"]["result"]["rank"], 1);
    let report = app
        .get_as(
            &format!("/api/v1/oversight/evaluation/report?period={year}"),
            &admin,
        )
        .await
        .text()
        .await
        .expect("html");
    assert!(report.contains("按已发布的年度考核评价结果"), "{report}");
}
