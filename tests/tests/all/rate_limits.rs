//! API keys and quotas: per anonymous address, per key and per signed-in account, 429 with
//! Retry-After, 401 for bad or revoked keys, and X-Forwarded-For believed only from trusted proxies.

use chengxin::auth::api_keys;
use chengxin_tests::TestApp;

const LIST: &str = "/api/v1/public/commitments?limit=1";

async fn app_with_quotas(anonymous: u32, keyed: u32, trusted_proxy: bool) -> TestApp {
    TestApp::with_config(|c| {
        c.rate_limits.anonymous_per_minute = anonymous;
        c.rate_limits.key_per_minute = keyed;
        if trusted_proxy {
            c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
        }
    })
    .await
}

async fn new_key(app: &TestApp) -> String {
    let key = api_keys::generate();
    app.store
        .insert_api_key(
            &key.prefix,
            &key.secret_hash,
            "测试应用",
            "示例科技有限公司",
            "test",
        )
        .await
        .expect("key stored");
    key.full
}

async fn status_with(app: &TestApp, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(app.url(LIST));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sent")
}

#[tokio::test]
async fn anonymous_callers_get_their_quota_then_429() {
    let app = app_with_quotas(3, 100, false).await;
    for remaining in ["2", "1", "0"] {
        let response = app.get(LIST).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["ratelimit-limit"], "3");
        assert_eq!(response.headers()["ratelimit-remaining"], remaining);
        assert!(response.headers().contains_key("ratelimit-reset"));
    }
    let limited = app.get(LIST).await;
    assert_eq!(limited.status().as_u16(), 429);
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(
        limited.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = limited.json().await.expect("json");
    assert_eq!(body["code"], "rate_limited");

    // The English rendering keeps the headers.
    let english = status_with(&app, &[("Accept-Language", "en")]).await;
    assert_eq!(english.status().as_u16(), 429);
    assert!(english.headers().contains_key("retry-after"));
    let body: serde_json::Value = english.json().await.expect("json");
    assert_eq!(body["title"], "Too many requests");
}

#[tokio::test]
async fn keys_have_their_own_larger_quota_in_either_header() {
    let app = app_with_quotas(1, 4, false).await;
    let key = new_key(&app).await;
    assert_eq!(app.get(LIST).await.status().as_u16(), 200);
    assert_eq!(
        app.get(LIST).await.status().as_u16(),
        429,
        "the anonymous quota is used up"
    );
    let bearer = format!("Bearer {key}");
    for headers in [
        [("X-Api-Key", key.as_str())],
        [("Authorization", bearer.as_str())],
    ] {
        for _ in 0..2 {
            let response = status_with(&app, &headers).await;
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(response.headers()["ratelimit-limit"], "4");
        }
    }
    assert_eq!(
        status_with(&app, &[("X-Api-Key", key.as_str())])
            .await
            .status()
            .as_u16(),
        429,
        "four per minute for the key"
    );
}

#[tokio::test]
async fn bad_and_revoked_keys_are_refused_at_once() {
    let app = app_with_quotas(100, 100, false).await;
    let key = new_key(&app).await;
    assert_eq!(
        status_with(&app, &[("X-Api-Key", key.as_str())])
            .await
            .status()
            .as_u16(),
        200
    );

    let forged = format!("{}X", &key[..key.len() - 1]);
    for bad in ["nonsense", "cx_abcdefgh_tooShort", forged.as_str()] {
        let response = status_with(&app, &[("X-Api-Key", bad)]).await;
        assert_eq!(response.status().as_u16(), 401, "{bad}");
        assert!(response.headers().contains_key("www-authenticate"));
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["code"], "invalid_api_key");
    }

    let prefix = api_keys::parse(&key).expect("shape").0.to_string();
    assert!(
        app.store
            .revoke_api_key(&prefix, "test")
            .await
            .expect("revoked")
    );
    assert_eq!(
        status_with(&app, &[("X-Api-Key", key.as_str())])
            .await
            .status()
            .as_u16(),
        401,
        "revocation applies at once"
    );

    // A signed-in person's bearer token is not an API key and does not block public reads.
    assert_eq!(
        status_with(
            &app,
            &[("Authorization", "Bearer eyJhbGciOiJFZERTQSJ9.e30.sig")]
        )
        .await
        .status()
        .as_u16(),
        200
    );
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    // Not trusted: a caller cannot get a fresh bucket by inventing X-Forwarded-For.
    let app = app_with_quotas(1, 100, false).await;
    assert_eq!(
        status_with(&app, &[("X-Forwarded-For", "198.51.100.1")])
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        status_with(&app, &[("X-Forwarded-For", "198.51.100.2")])
            .await
            .status()
            .as_u16(),
        429
    );

    // Behind our own proxy (127.0.0.1 here), each client address has its own bucket.
    let proxied = app_with_quotas(1, 100, true).await;
    assert_eq!(
        status_with(&proxied, &[("X-Forwarded-For", "198.51.100.1")])
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        status_with(&proxied, &[("X-Forwarded-For", "198.51.100.2")])
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        status_with(&proxied, &[("X-Forwarded-For", "198.51.100.1")])
            .await
            .status()
            .as_u16(),
        429
    );
}

#[tokio::test]
async fn a_signed_in_account_has_its_own_quota_not_its_addresss() {
    let app = TestApp::with_demo_and_config(|c| {
        c.rate_limits.anonymous_per_minute = 2;
        c.rate_limits.signed_in_per_minute = 5;
    })
    .await;
    // Sign-in itself is an anonymous request from this address: one of its two.
    let token = app.demo_token("demo-reviewer").await;
    let anonymous = app.get(LIST).await;
    assert_eq!(anonymous.status().as_u16(), 200);
    assert_eq!(
        app.get(LIST).await.status().as_u16(),
        429,
        "the address is spent"
    );
    // The reviewer, from the same address, still works: their own five a minute.
    for remaining in ["4", "3", "2", "1", "0"] {
        let response = app.get_as("/api/v1/me/workspace", &token).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["ratelimit-limit"], "5");
        assert_eq!(response.headers()["ratelimit-remaining"], remaining);
    }
    assert_eq!(
        app.get_as("/api/v1/me/workspace", &token)
            .await
            .status()
            .as_u16(),
        429
    );
    // A token that is not valid is counted by address, and refused by the handler.
    let forged = app.get_as("/api/v1/me/workspace", "not-a-token").await;
    assert_eq!(forged.status().as_u16(), 429, "the address is still spent");
}
