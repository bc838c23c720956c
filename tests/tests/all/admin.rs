//! The credit office manages accounts and API keys over the API, without the command line: a new
//! reporter signs in and works; a disabled account is signed out at once; a new password ends the
//! old sessions; a new key works until it is revoked; every change is in the audit trail.

use chengxin_tests::{TestApp, json_of};
use chengxin_types::{ApiKeySummary, IssuedApiKey, ManagedAccount, Role};
use reqwest::Method;
use serde_json::{Value, json};

async fn post(app: &TestApp, token: &str, path: &str, body: Option<Value>) -> reqwest::Response {
    app.send(Method::POST, path, Some(token), body).await
}

/// Whether sign-in with this password succeeds.
async fn signs_in(app: &TestApp, username: &str, password: &str) -> bool {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .expect("sent")
        .status()
        .is_success()
}

#[tokio::test]
async fn the_credit_office_creates_an_account_disables_it_and_sets_its_password() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    let (_, department_uscc) = app.organisation_of_account("demo-reporter").await;

    // Each wrong field is named; nothing is created.
    for (body, field) in [
        (
            json!({ "username": "Zhang Wei", "display_name": "张伟", "password": "Long-Enough-2026", "roles": ["reporter"], "organisation_uscc": department_uscc }),
            "username",
        ),
        (
            json!({ "username": "zhang.wei", "display_name": "张伟", "password": "short", "roles": ["reporter"], "organisation_uscc": department_uscc }),
            "password",
        ),
        (
            json!({ "username": "zhang.wei", "display_name": "张伟", "password": "Long-Enough-2026", "roles": ["reporter"] }),
            "organisation_uscc",
        ),
        (
            json!({ "username": "zhang.wei", "display_name": "张伟", "password": "Long-Enough-2026", "roles": ["civil_servant"] }),
            "id_number",
        ),
        (
            json!({ "username": "zhang.wei", "display_name": "张伟", "password": "Long-Enough-2026", "roles": [] }),
            "roles",
        ),
    ] {
        let refused = json_of(
            post(&app, &admin, "/api/v1/admin/accounts", Some(body)).await,
            422,
            field,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], field, "{refused}");
    }
    assert!(!signs_in(&app, "zhang.wei", "Long-Enough-2026").await);

    let created: ManagedAccount = serde_json::from_value(
        json_of(
            post(
                &app,
                &admin,
                "/api/v1/admin/accounts",
                Some(json!({
                    "username": "zhang.wei",
                    "display_name": "张伟",
                    "password": "Long-Enough-2026",
                    "roles": ["reporter"],
                    "organisation_uscc": department_uscc,
                })),
            )
            .await,
            201,
            "create",
        )
        .await,
    )
    .expect("account");
    assert_eq!(created.roles, vec![Role::Reporter]);
    assert_eq!(
        created.organisation.as_ref().map(|o| o.uscc.as_str()),
        Some(department_uscc.as_str())
    );
    assert!(created.last_sign_in_at.is_none());
    // The name is taken now.
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts",
            Some(json!({ "username": "zhang.wei", "display_name": "另一个", "password": "Long-Enough-2026", "roles": ["auditor"] })),
        )
        .await,
        409,
        "taken",
    )
    .await;

    // The new reporter signs in and sees the department's submissions.
    let reporter = app
        .login("zhang.wei", "Long-Enough-2026")
        .await
        .access_token;
    json_of(
        app.get_as("/api/v1/intake/submissions", &reporter).await,
        200,
        "the reporter works",
    )
    .await;
    let listed: Vec<ManagedAccount> = serde_json::from_value(
        json_of(
            app.get_as("/api/v1/admin/accounts", &admin).await,
            200,
            "list",
        )
        .await,
    )
    .expect("accounts");
    let listed = listed
        .iter()
        .find(|a| a.username == "zhang.wei")
        .expect("listed");
    assert!(listed.last_sign_in_at.is_some(), "its sign-in is shown");
    let session = |token: String| {
        let request = app
            .client
            .get(app.url("/api/v1/auth/session"))
            .bearer_auth(token);
        async move { request.send().await.expect("sent").status().as_u16() }
    };
    assert_eq!(session(reporter.clone()).await, 204, "the sign-in holds");

    // Disabled: the open session stops at once, sign-in is refused; enabled again, it signs in.
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts/zhang.wei/disable",
            None,
        )
        .await,
        200,
        "disable",
    )
    .await;
    assert_eq!(
        app.get_as("/api/v1/intake/submissions", &reporter)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        session(reporter.clone()).await,
        401,
        "open pages learn it has ended"
    );
    assert!(!signs_in(&app, "zhang.wei", "Long-Enough-2026").await);
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts/zhang.wei/disable",
            None,
        )
        .await,
        409,
        "twice",
    )
    .await;
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts/zhang.wei/enable",
            None,
        )
        .await,
        200,
        "enable",
    )
    .await;
    let reporter = app
        .login("zhang.wei", "Long-Enough-2026")
        .await
        .access_token;

    // A new password ends the session and replaces the old one; a weak one is refused.
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts/zhang.wei/password",
            Some(json!({ "password": "zhang.wei" })),
        )
        .await,
        422,
        "weak",
    )
    .await;
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts/zhang.wei/password",
            Some(json!({ "password": "Brand-New-Password-9" })),
        )
        .await,
        200,
        "reset",
    )
    .await;
    assert_eq!(
        app.get_as("/api/v1/me", &reporter).await.status().as_u16(),
        401
    );
    assert!(!signs_in(&app, "zhang.wei", "Long-Enough-2026").await);
    assert!(signs_in(&app, "zhang.wei", "Brand-New-Password-9").await);

    // The credit office cannot lock itself out; unknown accounts are 404.
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/accounts/demo-admin/disable",
            None,
        )
        .await,
        409,
        "own account",
    )
    .await;
    json_of(
        post(&app, &admin, "/api/v1/admin/accounts/nobody/disable", None).await,
        404,
        "unknown",
    )
    .await;

    let trail = app
        .store
        .dump_text(
            "SELECT action FROM audit_log WHERE entity = 'account' AND entity_id = 'zhang.wei' ORDER BY seq",
        )
        .await
        .expect("trail");
    assert_eq!(
        trail,
        [
            "account.created",
            "account.disabled",
            "account.enabled",
            "account.password_reset"
        ]
    );
}

#[tokio::test]
async fn a_key_created_by_the_credit_office_works_until_it_is_revoked() {
    let app = TestApp::with_demo().await;
    let admin = app.demo_token("demo-admin").await;
    json_of(
        post(
            &app,
            &admin,
            "/api/v1/admin/api-keys",
            Some(json!({ "name": " ", "owner": "某公司" })),
        )
        .await,
        422,
        "no name",
    )
    .await;
    let issued: IssuedApiKey = serde_json::from_value(
        json_of(
            post(
                &app,
                &admin,
                "/api/v1/admin/api-keys",
                Some(json!({ "name": "信用查询小程序", "owner": "某某科技有限公司 王工" })),
            )
            .await,
            201,
            "create",
        )
        .await,
    )
    .expect("key");
    assert!(
        issued
            .key
            .starts_with(&format!("cx_{}_", issued.summary.prefix))
    );
    let with_key = |key: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/api/v1/public/serious-breach"))
                .header("x-api-key", key)
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        }
    };
    assert_eq!(with_key(issued.key.clone()).await, 200);

    // The list never shows a secret.
    let text = app
        .get_as("/api/v1/admin/api-keys", &admin)
        .await
        .text()
        .await
        .expect("list");
    assert!(!text.contains(&issued.key), "{text}");
    let listed: Vec<ApiKeySummary> = serde_json::from_str(&text).expect("keys");
    assert!(
        listed
            .iter()
            .any(|k| k.prefix == issued.summary.prefix && k.revoked_at.is_none())
    );

    let revoke = format!("/api/v1/admin/api-keys/{}/revoke", issued.summary.prefix);
    let revoked: ApiKeySummary = serde_json::from_value(
        json_of(post(&app, &admin, &revoke, None).await, 200, "revoke").await,
    )
    .expect("revoked");
    assert!(revoked.revoked_at.is_some());
    assert_eq!(with_key(issued.key.clone()).await, 401);
    json_of(post(&app, &admin, &revoke, None).await, 409, "twice").await;
    json_of(
        post(&app, &admin, "/api/v1/admin/api-keys/nokey123/revoke", None).await,
        404,
        "unknown",
    )
    .await;
    let trail = app
        .store
        .dump_text(&format!(
            "SELECT action FROM audit_log WHERE entity = 'api_key' AND entity_id = '{}' ORDER BY seq",
            issued.summary.prefix
        ))
        .await
        .expect("trail");
    assert_eq!(trail, ["api_key.created", "api_key.revoked"]);
}
