//! The authorisation matrix, generated from the access rules the handlers declare (read from the
//! OpenAPI document, as the server reads them): every endpoint × every role (and no credentials) ×
//! own / someone else's resource, checked for allow or deny. Another test makes sure every
//! operation of the document declares a rule.

use chengxin::auth::policy::{Access, Rule, rules};
use chengxin::demo::accounts::demo_api_key;
use chengxin_tests::TestApp;
use chengxin_types::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// The record objections in the matrix are filed on (set once per run).
static RECORD: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
/// A government body complaints in the matrix are about.
static BODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
/// The address of an evidence file of an objection the demo handler's department handles.
static EVIDENCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
/// Two repair applications: one the public calls track, withdraw and fetch the decision of, one
/// the handlers act on.
static REPAIRS: std::sync::OnceLock<(Value, Value)> = std::sync::OnceLock::new();
/// The ticket of a repair application already decided (its decision document exists).
static DECIDED_REPAIR: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Calls an admitted caller may see refused on their merits, whatever the call (a grant for a
/// key prefix of the matrix, a scheme version that exists, a draft not fully scored, a
/// correction of a draft): admission is what the matrix checks, and they are admitted.
const REFUSED_ON_THEIR_MERITS: &[&str] = &[
    "/me/grants",
    "/oversight/evaluation/schemes",
    "/oversight/evaluations/{id}/publish",
    "/oversight/evaluations/{id}/correction",
];

/// Years for the evaluations the matrix opens, one per call (a year has one evaluation).
static NEXT_YEAR: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(2001);

const ACCOUNTS: &[(&str, Role)] = &[
    ("demo-servant", Role::CivilServant),
    ("demo-reporter", Role::Reporter),
    ("demo-reviewer", Role::Reviewer),
    ("demo-handler", Role::Handler),
    ("demo-admin", Role::Admin),
    ("demo-auditor", Role::Auditor),
];

/// A body that is valid for the endpoint, so only authorisation decides the outcome.
fn body_for(path: &str, id_number: &str, refresh: &str) -> Option<Value> {
    match path {
        "/auth/login" => Some(
            json!({ "username": "demo-auditor", "password": chengxin::demo::accounts::DEMO_PASSWORD }),
        ),
        "/auth/refresh" => Some(json!({ "refresh_token": refresh })),
        "/me/consent" => Some(json!({ "scoring_consent": true })),
        "/admin/calendar" => {
            Some(json!([{ "date": "2031-10-08", "kind": "holiday", "name": "国庆节" }]))
        }
        "/me/grants" => Some(json!({
            "grantee": { "kind": "app", "api_key_prefix": "cx_demoapp1" },
            "purpose": "矩阵测试",
            "categories": ["positive"],
            "valid_until": chengxin_tests::server_today().to_string(),
        })),
        "/sharing/person-records" => Some(json!({ "id_number": id_number, "purpose": "矩阵测试" })),
        "/complaints" => Some(json!({
            "body_uscc": BODY.get().cloned().unwrap_or_default(),
            "kind": "broken_promise",
            "description": "矩阵测试：招商引资承诺的奖励资金未兑现",
            "complainant_name": "矩阵",
            "complainant_phone": "13800138000",
        })),
        "/objections" => Some(json!({
            "record_id": RECORD.get().copied().unwrap_or_default(),
            "filer": { "name": "矩阵", "phone": "13800138000", "capacity": "agent" },
            "reason": "矩阵测试的异议",
        })),
        _ => None,
    }
}

/// The URL and a valid body for one call of a table row, with fresh resources where a call
/// consumes them (a refresh token, an open objection).
async fn prepare(
    app: &TestApp,
    path: &str,
    grant_id: i64,
    id_number: &str,
) -> (String, Option<Value>) {
    if path.starts_with("/intake/") {
        return intake_call(app, path).await;
    }
    if path == "/handling/evidence/{case_kind}/{ticket_no}/{sha256}" {
        return (EVIDENCE.get().cloned().unwrap_or_default(), None);
    }
    if path == "/admin/calendar/{year}" {
        return ("/api/v1/admin/calendar/2026".to_string(), None);
    }
    if path.starts_with("/admin/record-kinds") {
        return record_kind_call(app, path).await;
    }
    if path.starts_with("/admin/accounts") || path.starts_with("/admin/api-keys") {
        return admin_call(app, path).await;
    }
    if path.starts_with("/oversight/evaluation") {
        return evaluation_call(app, path).await;
    }
    if path.contains("/rectifications/{ticket_no}") {
        return rectification_call(app, path).await;
    }
    if path.starts_with("/admin/rulebooks/") {
        // The next version of the civil-servant rulebook, effective tomorrow.
        let code = "weihai-civil-servant";
        let rows = app.store.rulebook_rows(code).await.expect("rulebook");
        let mut next = rows[0].rulebook.clone();
        next.version += 1;
        let tomorrow = chengxin_tests::server_today() + chrono::Duration::days(1);
        return (
            format!("/api/v1{}", path.replace("{code}", code)),
            Some(json!({ "effective_from": tomorrow, "rulebook": next })),
        );
    }
    let refresh = app
        .login("demo-auditor", chengxin::demo::accounts::DEMO_PASSWORD)
        .await
        .refresh_token;
    let needs_case = [
        "/objections/track",
        "/objections/withdraw",
        "/handling/objections/{ticket_no}/steps",
    ];
    let needs_complaint = [
        "/complaints/track",
        "/oversight/complaints/{ticket_no}/steps",
    ];
    let receipt = if needs_complaint.contains(&path) {
        let filed: Value = app
            .send(
                Method::POST,
                "/api/v1/complaints",
                None,
                body_for("/complaints", id_number, &refresh),
            )
            .await
            .json()
            .await
            .expect("receipt");
        Some(filed)
    } else if needs_case.contains(&path) {
        let filed: Value = app
            .send(
                Method::POST,
                "/api/v1/objections",
                None,
                body_for("/objections", id_number, &refresh),
            )
            .await
            .json()
            .await
            .expect("receipt");
        Some(filed)
    } else {
        None
    };
    let ticket = receipt
        .as_ref()
        .and_then(|r| r["ticket_no"].as_str())
        .unwrap_or_default()
        .to_string();
    let (public_repair, handled_repair) = REPAIRS.get().cloned().unwrap_or_default();
    let ticket = match path {
        "/repairs/{ticket_no}/decision" => {
            format!(
                "{}/decision?code={}",
                public_repair["ticket_no"].as_str().unwrap_or_default(),
                public_repair["query_code"].as_str().unwrap_or_default()
            )
        }
        "/handling/repairs/{ticket_no}/steps" => handled_repair["ticket_no"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        "/handling/repairs/{ticket_no}/decision" => format!(
            "{}/decision",
            DECIDED_REPAIR.get().cloned().unwrap_or_default()
        ),
        _ => ticket,
    };
    let url = format!(
        "/api/v1{}",
        path.replace("{id}", &grant_id.to_string())
            .replace("{ticket_no}/decision", &ticket)
            .replace("{ticket_no}", &ticket)
    );
    let body = match (path, &receipt) {
        ("/objections/track" | "/objections/withdraw" | "/complaints/track", Some(r)) => {
            Some(json!({ "ticket_no": r["ticket_no"], "query_code": r["query_code"] }))
        }
        (
            "/handling/objections/{ticket_no}/steps"
            | "/handling/repairs/{ticket_no}/steps"
            | "/oversight/complaints/{ticket_no}/steps",
            _,
        ) => Some(json!({ "action": "accept" })),
        ("/repairs/track" | "/repairs/withdraw", _) => Some(json!({
            "ticket_no": public_repair["ticket_no"],
            "query_code": public_repair["query_code"],
        })),
        ("/repairs", _) => Some(json!({
            "record_id": 1,
            "applicant": { "name": "矩阵", "phone": "13800138000", "uscc": "91310114MA1GTPB26F" },
            "correction": "矩阵测试的纠正情况说明",
            "commitment": "矩阵测试的信用承诺内容，仅用于测试",
        })),
        _ => body_for(path, id_number, &refresh),
    };
    (url, body)
}

/// A valid call on the catalogue: a fresh kind to add, or a fresh kind (stored first) to change
/// or retire, so every admitted call succeeds.
async fn record_kind_call(app: &TestApp, path: &str) -> (String, Option<Value>) {
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let serial = SERIAL.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let code = format!("matrix_kind_{serial}");
    let body = json!({
        "code": code,
        "name": "矩阵测试种类",
        "category": "general_breach",
        "source": "discipline",
        "default_route": "internal",
        "subjects": "person",
    });
    if path != "/admin/record-kinds" {
        let kind: chengxin::domain::catalogue::CatalogueKind = serde_json::from_value(json!({
            "code": code, "name": "矩阵测试种类", "category": "general_breach",
            "source": "discipline", "default_route": "internal", "default_tier": null,
            "score_item": null, "subjects": "person", "version": 1, "retired_on": null,
        }))
        .expect("kind");
        app.store
            .add_record_kind(&kind, "test")
            .await
            .expect("store")
            .expect("added");
    }
    let url = format!("/api/v1{}", path.replace("{code}", &code));
    match path {
        "/admin/record-kinds" => (url, Some(body)),
        "/admin/record-kinds/{code}" => (url, Some(body)),
        _ => (url, None),
    }
}

/// A valid call on accounts or API keys: a fresh account or key (stored first) for each call
/// that changes one, so every admitted call succeeds.
async fn admin_call(app: &TestApp, path: &str) -> (String, Option<Value>) {
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let serial = SERIAL.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let username = format!("matrix.{serial}");
    if path.starts_with("/admin/accounts/") {
        app.store
            .insert_account(
                &chengxin::store::NewAccount {
                    username: username.clone(),
                    display_name: "矩阵账号".into(),
                    password_hash: "not-a-hash".into(),
                    roles: vec![Role::Auditor],
                    person_id: None,
                    organisation_id: None,
                },
                "test",
            )
            .await
            .expect("account");
        if path.ends_with("/enable") {
            app.store
                .set_account_disabled(&username, true, "test")
                .await
                .expect("disabled");
        }
    }
    let mut prefix = String::new();
    if path == "/admin/api-keys/{prefix}/revoke" {
        let key = chengxin::auth::api_keys::generate();
        app.store
            .insert_api_key(&key.prefix, &key.secret_hash, "矩阵应用", "矩阵", "test")
            .await
            .expect("key");
        prefix = key.prefix;
    }
    let url = format!(
        "/api/v1{}",
        path.replace("{username}", &username)
            .replace("{prefix}", &prefix)
    );
    let body = match path {
        "/admin/accounts" => Some(json!({
            "username": username,
            "display_name": "矩阵账号",
            "password": "Matrix-Password-2026",
            "roles": ["auditor"],
        })),
        "/admin/accounts/{username}/password" => {
            Some(json!({ "password": "Another-Password-2026" }))
        }
        "/admin/api-keys" => Some(json!({ "name": "矩阵应用", "owner": "矩阵科技有限公司" })),
        _ => None,
    };
    (url, body)
}

/// A valid intake call: a fresh penalty row of the demo reporter's department each time, and for
/// the calls on one submission or batch, a fresh one submitted by the demo reporter.
async fn intake_call(app: &TestApp, path: &str) -> (String, Option<Value>) {
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(5000);
    let serial = SERIAL.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let yesterday = (chengxin_tests::server_today() - chrono::Duration::days(1)).to_string();
    let row = chengxin_tests::intake::firm_penalty(&uscc, &department, serial, &yesterday);
    let object = chengxin_tests::intake::penalty_object(row);
    match path {
        "/intake/imports" => (
            "/api/v1/intake/imports?format=penalties&mode=per_row".to_string(),
            Some(Value::Array(vec![object.clone()])),
        ),
        "/intake/submissions" => (
            "/api/v1/intake/submissions?format=penalties".to_string(),
            Some(object.clone()),
        ),
        "/intake/batches" => ("/api/v1/intake/batches".to_string(), None),
        "/intake/formats" => ("/api/v1/intake/formats".to_string(), None),
        "/intake/listings" => ("/api/v1/intake/listings".to_string(), None),
        _ => {
            let reporter = app.demo_token("demo-reporter").await;
            let created: Value = app
                .send(
                    Method::POST,
                    "/api/v1/intake/submissions?format=penalties",
                    Some(&reporter),
                    Some(object.clone()),
                )
                .await
                .json()
                .await
                .expect("submission");
            let id = if path.starts_with("/intake/batches") {
                &created["batch_id"]
            } else {
                &created["id"]
            };
            (
                format!("/api/v1{}", path.replace("{id}", &id.to_string())),
                Some(json!({ "action": "approve" })),
            )
        }
    }
}

/// A public record produced by the demo handler's department, so its handler may act on cases.
fn handlers_record_sql() -> String {
    let today = chengxin_tests::server_today();
    format!(
        "SELECT CAST(id AS TEXT) FROM credit_records WHERE route = 'public' AND status = 'effective'
           AND (publish_from IS NULL OR publish_from <= '{today}') AND (publish_until IS NULL OR publish_until > '{today}')
           AND COALESCE(deciding_org_id, reporting_org_id) = (SELECT organisation_id FROM accounts WHERE username = 'demo-handler')
         ORDER BY id LIMIT 1"
    )
}

/// Files a repair application for the `nth` repairable organisation record of the demo handler's
/// department and returns its receipt.
async fn file_repair(app: &TestApp, nth: usize) -> Value {
    let (id, uscc) = app.repairable_records().await.swap_remove(nth);
    app.send(
        Method::POST,
        "/api/v1/repairs",
        None,
        Some(json!({
            "record_id": id,
            "applicant": { "name": "矩阵", "phone": "13800138000", "uscc": uscc },
            "correction": "矩阵测试的纠正情况说明",
            "commitment": "矩阵测试的信用承诺内容，仅用于测试",
        })),
    )
    .await
    .json()
    .await
    .expect("receipt")
}

/// Files a repair application and has the demo handler accept and approve it; its ticket.
async fn decided_repair(app: &TestApp) -> String {
    let receipt = file_repair(app, 2).await;
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let handler = app.demo_token("demo-handler").await;
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "approve", "reason": "矩阵测试：已纠正并作出承诺" }),
    ] {
        let done = app
            .send(
                Method::POST,
                &format!("/api/v1/handling/repairs/{ticket}/steps"),
                Some(&handler),
                Some(step),
            )
            .await;
        assert_eq!(done.status().as_u16(), 200, "repair step");
    }
    ticket
}

/// Files an objection to `record` with a photo; the address of the photo for its handlers.
async fn evidence_of_an_objection(app: &TestApp, record: i64) -> String {
    use reqwest::multipart::{Form, Part};
    // A 1×1 PNG.
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    png.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15,
        0xc4, 0x89, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82,
    ]);
    let objection = json!({
        "record_id": record,
        "filer": { "name": "矩阵", "phone": "13800138000", "capacity": "agent" },
        "reason": "矩阵测试：附上照片",
    });
    let form = Form::new()
        .part(
            "objection",
            Part::text(objection.to_string())
                .mime_str("application/json")
                .expect("mime"),
        )
        .part("evidence", Part::bytes(png).file_name("照片.png"));
    let receipt: Value = app
        .client
        .post(app.url("/api/v1/objections"))
        .multipart(form)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("receipt");
    let ticket = receipt["ticket_no"].as_str().expect("ticket");
    let sha = app
        .store
        .dump_text("SELECT sha256 FROM case_evidence ORDER BY id DESC LIMIT 1")
        .await
        .expect("evidence")
        .remove(0);
    format!("/api/v1/handling/evidence/objection/{ticket}/{sha}")
}

/// A call on a rectification case of the demo handler's department, fresh for each call: opened
/// for the office's step (which sets its deadline), awaiting its report for the body's report.
async fn rectification_call(app: &TestApp, path: &str) -> (String, Option<Value>) {
    let ticket = app.rectification_case(path.ends_with("/report")).await;
    let body = if path.ends_with("/steps") {
        Some(json!({ "action": "set_deadline", "working_days": 5 }))
    } else if path.ends_with("/consequences") {
        Some(
            json!({ "kind": "public_criticism", "document_no": "矩阵〔2026〕1号", "note": "矩阵测试的通报批评" }),
        )
    } else if path.ends_with("/report") {
        Some(json!({ "explanation": "矩阵测试的书面说明内容", "report": "矩阵测试的整改报告内容" }))
    } else {
        None
    };
    let mut path = path.replace("{ticket_no}", &ticket);
    if path.contains("{id}") {
        // A consequence's document: one recorded on the case first.
        let row = app
            .store
            .dump_text(&format!(
                "SELECT CAST(id AS TEXT) || ':' || CAST(body_org_id AS TEXT) FROM rectifications WHERE ticket_no = '{ticket}'"
            ))
            .await
            .expect("case")
            .remove(0);
        let (id, body) = row.split_once(':').expect("pair");
        let consequence = app
            .store
            .add_consequence(&chengxin::store::NewConsequenceRow {
                rectification_id: id.parse().expect("id"),
                body_org_id: body.parse().expect("body"),
                kind: chengxin_types::ConsequenceKind::PublicCriticism,
                document_no: "矩阵〔2026〕2号",
                note: "矩阵测试的通报批评",
                recipient: None,
                effective_from: chengxin_tests::server_today(),
                effective_until: None,
                actor: "test",
            })
            .await
            .expect("consequence");
        path = path.replace("{id}", &consequence.to_string());
    }
    (format!("/api/v1{path}"), body)
}

/// A call on the integrity evaluation: a fresh year's evaluation for each call that needs one.
async fn evaluation_call(app: &TestApp, path: &str) -> (String, Option<Value>) {
    let year = || NEXT_YEAR.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let body = match path {
        "/oversight/evaluations" => Some(json!({ "year": year() })),
        "/oversight/evaluation/schemes" => Some(json!({
            "effective_from": chengxin_tests::server_today(),
            "scheme": chengxin::domain::evaluation::default_scheme(),
        })),
        "/oversight/evaluations/{id}/scores" => {
            let uscc = app.store.government_bodies().await.expect("bodies")[0]
                .2
                .clone();
            Some(
                json!({ "body_uscc": uscc, "indicator": "openness", "points": 1, "evidence": "矩阵测试" }),
            )
        }
        "/oversight/evaluations/{id}/correction" => Some(json!({ "reason": "矩阵测试的更正" })),
        _ => None,
    };
    let url = if path.contains("{id}") {
        let scheme = app
            .store
            .evaluation_scheme_in_effect("government-integrity", chengxin_tests::server_today())
            .await
            .expect("scheme");
        let id = app
            .store
            .insert_evaluation(year(), &scheme, None, "matrix")
            .await
            .expect("evaluation");
        path.replace("{id}", &id.to_string())
    } else {
        path.to_string()
    };
    (format!("/api/v1{url}"), body)
}

fn method_of(name: &str) -> Method {
    Method::from_bytes(name.as_bytes()).expect("method")
}

#[tokio::test]
async fn every_endpoint_admits_exactly_the_roles_in_the_table() {
    let app = TestApp::with_demo().await;
    let servant = app.demo_token("demo-servant").await;
    let grants: Value = app
        .get_as("/api/v1/me/grants", &servant)
        .await
        .json()
        .await
        .expect("grants");
    let grant_id = grants[0]["id"].as_i64().expect("the demo grant");
    let id_number = demo_servant_id_number(&app).await;
    let record: i64 = app
        .store
        .dump_text(&handlers_record_sql())
        .await
        .expect("record")[0]
        .parse()
        .expect("id");
    let _ = RECORD.set(record);
    let _ = EVIDENCE.set(evidence_of_an_objection(&app, record).await);
    let _ = BODY.set(
        app.store.government_bodies().await.expect("bodies")[1]
            .2
            .clone(),
    );
    let _ = REPAIRS.set((file_repair(&app, 0).await, file_repair(&app, 1).await));
    let _ = DECIDED_REPAIR.set(decided_repair(&app).await);

    // The grantee itself (the demo app) is admitted to the authorised query.
    let response = app
        .client
        .get(app.url(&format!("/api/v1/authorised/grants/{grant_id}/records")))
        .header("x-api-key", demo_api_key())
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 200);

    let rules = versioned_rules();
    let mut checked = 0;
    for rule in &rules {
        // No credentials.
        let (url, body) = prepare(&app, &rule.path, grant_id, &id_number).await;
        let response = app.send(method_of(&rule.method), &url, None, body).await;
        let status = response.status().as_u16();
        match rule.access {
            Access::Anyone => assert!(
                ![401, 403].contains(&status),
                "{} {} anonymous: {status}",
                rule.method,
                rule.path
            ),
            _ => assert_eq!(status, 401, "{} {} anonymous", rule.method, rule.path),
        }
        // Each role.
        for (username, role) in ACCOUNTS {
            // A fresh sign-in per call: logout and grant revocation must not spoil later rows.
            let pair = app
                .login(username, chengxin::demo::accounts::DEMO_PASSWORD)
                .await;
            let (url, body) = prepare(&app, &rule.path, grant_id, &id_number).await;
            let response = app
                .send(
                    method_of(&rule.method),
                    &url,
                    Some(&pair.access_token),
                    body,
                )
                .await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            let expected_allowed = match &rule.access {
                Access::Grantee => false, // a demo account is not the demo grant's grantee (an app)
                access => access.admits(&[*role]),
            };
            if rule.access == Access::Anyone {
                // Open to everyone: whatever the answer (a withdrawn case may be 409 by now), it
                // is never a refusal of the caller.
                assert!(
                    ![401, 403].contains(&status),
                    "{} {} as {username}: {status} {body}",
                    rule.method,
                    rule.path
                );
            } else if expected_allowed {
                assert!(
                    status < 400
                        || REFUSED_ON_THEIR_MERITS.contains(&rule.path.as_str())
                            && ![401, 403, 404].contains(&status),
                    "{} {} as {username}: {status} {body}",
                    rule.method,
                    rule.path
                );
            } else {
                let expected = if rule.access == Access::Grantee {
                    404
                } else {
                    403
                };
                assert_eq!(
                    status, expected,
                    "{} {} as {username}: {body}",
                    rule.method, rule.path
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= rules.len() * ACCOUNTS.len());
}

#[tokio::test]
async fn own_resources_only_identity_from_the_token() {
    let app = TestApp::with_demo().await;
    // A second civil servant with a grant of their own.
    let (other_person, _) = app
        .store
        .dump_text("SELECT CAST(p.id AS TEXT) FROM persons p WHERE p.id NOT IN (SELECT person_id FROM accounts WHERE person_id IS NOT NULL) AND p.id IN (SELECT person_id FROM appointments) ORDER BY p.id LIMIT 1")
        .await
        .map(|rows| (rows[0].parse::<i64>().expect("id"), ()))
        .expect("another servant");
    let hash = chengxin::auth::password::hash("another-password-1").expect("hash");
    app.store
        .insert_account(
            &chengxin::store::NewAccount {
                username: "other-servant".into(),
                display_name: "另一位".into(),
                password_hash: hash,
                roles: vec![Role::CivilServant],
                person_id: Some(other_person),
                organisation_id: None,
            },
            "test",
        )
        .await
        .expect("account");
    let other = app
        .login("other-servant", "another-password-1")
        .await
        .access_token;
    let mine = app.demo_token("demo-servant").await;
    // Well ahead: the server counts days in its own time zone, which may be a day ahead of UTC.
    let until = (chengxin_tests::server_today() + chrono::Duration::days(30)).to_string();
    let created: Value = app
        .send(
            Method::POST,
            "/api/v1/me/grants",
            Some(&other),
            Some(json!({
                "grantee": { "kind": "app", "api_key_prefix": "cx_demoapp1" },
                "purpose": "别人的授权",
                "categories": ["positive"],
                "valid_until": until,
            })),
        )
        .await
        .json()
        .await
        .expect("grant");
    let others_grant = created["id"].as_i64().expect("id");

    // Someone else's grant cannot be revoked, nor even seen.
    let response = app
        .send(
            Method::POST,
            &format!("/api/v1/me/grants/{others_grant}/revoke"),
            Some(&mine),
            None,
        )
        .await;
    assert_eq!(response.status().as_u16(), 404);
    let my_grants: Value = app
        .get_as("/api/v1/me/grants", &mine)
        .await
        .json()
        .await
        .expect("grants");
    assert!(
        my_grants
            .as_array()
            .expect("list")
            .iter()
            .all(|g| g["id"] != others_grant)
    );

    // Parameters naming another person are ignored: /me is whoever the token says.
    let own_records: Value = app
        .get_as("/api/v1/me/records", &mine)
        .await
        .json()
        .await
        .expect("own");
    for smuggled in [
        format!("/api/v1/me?person_id={other_person}"),
        "/api/v1/me?username=other-servant".to_string(),
    ] {
        let me: Value = app.get_as(&smuggled, &mine).await.json().await.expect("me");
        assert_eq!(me["account"]["username"], "demo-servant", "{smuggled}");
    }
    let response = app
        .get_as(
            &format!("/api/v1/me/records?person_id={other_person}"),
            &mine,
        )
        .await;
    let records: Value = response.json().await.expect("records");
    assert_eq!(records, own_records);
    let response = app
        .get_as(&format!("/api/v1/me/records/{other_person}"), &mine)
        .await;
    assert_eq!(
        response.status().as_u16(),
        404,
        "no path names a person under /me"
    );
}

/// The demo servant's ID number, opened with the test server's key (what a department would type).
async fn demo_servant_id_number(app: &TestApp) -> String {
    app.id_number_of_account("demo-servant").await
}

/// The rules of every operation under `/api/v1` outside the public queries (those are checked
/// anonymously by their own tests), with paths as the matrix calls them (without `/api/v1`).
fn versioned_rules() -> Vec<Rule> {
    rules(&chengxin::openapi::document())
        .expect("every operation declares its access")
        .into_iter()
        .filter_map(|rule| {
            let path = rule.path.strip_prefix("/api/v1")?.to_string();
            (!path.starts_with("/public") && path != "/stats").then_some(Rule { path, ..rule })
        })
        .collect()
}

#[test]
fn every_operation_declares_who_it_admits() {
    let spec: Value = serde_json::from_str(&chengxin::openapi::document_json()).expect("spec");
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_some() {
                operations.push((method.to_uppercase(), path.to_string()));
            }
        }
    }
    let rules = rules(&chengxin::openapi::document()).expect("every operation declares its access");
    assert_eq!(operations.len(), rules.len());
    // The public queries and the operations' own signs of life admit anyone.
    for rule in &rules {
        if rule.path.starts_with("/api/v1/public/") || !rule.path.starts_with("/api/v1/") {
            assert_eq!(rule.access, Access::Anyone, "{} {}", rule.method, rule.path);
        }
    }
    // Nothing of the office is open: the staff areas need a role.
    for rule in &rules {
        for area in [
            "/api/v1/intake/",
            "/api/v1/handling/",
            "/api/v1/oversight/",
            "/api/v1/admin/",
        ] {
            if rule.path.starts_with(area) {
                assert!(
                    matches!(rule.access, Access::Roles(_)),
                    "{} {} needs a role",
                    rule.method,
                    rule.path
                );
            }
        }
    }
}
