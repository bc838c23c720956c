//! Sign-in, access tokens, refresh rotation, sign-out and lockout, over HTTP on a real server.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chengxin::demo::accounts::DEMO_PASSWORD;
use chengxin_tests::TestApp;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::{Value, json};

fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

/// The newest signing key of the test server, read from its data folder as an attacker with
/// the key could (to sign tokens that are wrong in exactly one way).
fn signing_key(app: &TestApp) -> (String, EncodingKey) {
    let kids = chengxin::auth::tokens::key_ids(app.data_dir.path()).expect("key ids");
    let kid = kids.last().expect("a key").clone();
    let pem = std::fs::read(
        app.data_dir
            .path()
            .join("keys/jwt")
            .join(format!("{kid}.pem")),
    )
    .expect("key file");
    (kid, EncodingKey::from_ed_pem(&pem).expect("Ed25519 key"))
}

/// Claims that would be accepted, for a session that exists.
async fn good_claims(app: &TestApp) -> Value {
    let pair = app.login("demo-servant", DEMO_PASSWORD).await;
    let payload = pair.access_token.split('.').nth(1).expect("payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("claims")
}

fn sign(kid: &str, key: &EncodingKey, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid.to_string());
    jsonwebtoken::encode(&header, claims, key).expect("signed")
}

async fn assert_refused(app: &TestApp, token: &str, what: &str) {
    let response = app.get_as("/api/v1/me", token).await;
    assert_eq!(response.status().as_u16(), 401, "{what}");
    let challenge = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        challenge.starts_with("Bearer") && challenge.contains("invalid_token"),
        "{what}: {challenge}"
    );
    let body: Value = response.json().await.expect("problem");
    assert_eq!(body["code"], "invalid_token", "{what}");
}

#[tokio::test]
async fn a_demo_civil_servant_signs_in_and_sees_who_they_are() {
    let app = TestApp::with_demo().await;
    let pair = app.login("demo-servant", DEMO_PASSWORD).await;
    assert_eq!(pair.token_type, "Bearer");
    assert!(pair.expires_in <= 900);
    assert!(pair.refresh_token.starts_with("rt_"));
    let me: Value = app
        .get_as("/api/v1/me", &pair.access_token)
        .await
        .json()
        .await
        .expect("profile");
    assert_eq!(me["account"]["username"], "demo-servant");
    assert_eq!(me["account"]["roles"], json!(["civil_servant"]));
    let masked = me["person"]["id_masked"].as_str().expect("masked id");
    assert!(masked.contains('*'), "{masked}");
    assert!(
        !me["person"]["appointments"]
            .as_array()
            .expect("posts")
            .is_empty()
    );
}

#[tokio::test]
async fn the_published_keys_verify_issued_tokens() {
    let app = TestApp::with_demo().await;
    let jwks: jsonwebtoken::jwk::JwkSet = app
        .get("/.well-known/jwks.json")
        .await
        .json()
        .await
        .expect("jwks");
    let pair = app.login("demo-servant", DEMO_PASSWORD).await;
    let header = jsonwebtoken::decode_header(&pair.access_token).expect("header");
    assert_eq!(header.alg, Algorithm::EdDSA);
    let jwk = jwks
        .find(header.kid.as_deref().expect("kid"))
        .expect("published");
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).expect("key");
    let mut validation = jsonwebtoken::Validation::new(Algorithm::EdDSA);
    validation.set_audience(&["chengxin-api"]);
    validation.set_issuer(&["chengxin"]);
    let data = jsonwebtoken::decode::<Value>(&pair.access_token, &key, &validation)
        .expect("verifies with the published key");
    for claim in ["iss", "aud", "sub", "exp", "nbf", "iat", "jti"] {
        assert!(data.claims.get(claim).is_some(), "claim {claim}");
    }
}

#[tokio::test]
async fn bad_tokens_are_refused_each_for_its_own_reason() {
    let app = TestApp::with_demo().await;
    let (kid, key) = signing_key(&app);
    let good = good_claims(&app).await;
    // The unmodified claims pass: every refusal below is caused by the one change it makes.
    let response = app.get_as("/api/v1/me", &sign(&kid, &key, &good)).await;
    assert_eq!(response.status().as_u16(), 200);

    let with = |field: &str, value: Value| {
        let mut claims = good.clone();
        claims[field] = value;
        sign(&kid, &key, &claims)
    };
    assert_refused(&app, &with("exp", json!(now() - 3600)), "expired").await;
    assert_refused(&app, &with("nbf", json!(now() + 3600)), "not yet valid").await;
    assert_refused(&app, &with("aud", json!("another-api")), "wrong audience").await;
    assert_refused(&app, &with("iss", json!("someone-else")), "wrong issuer").await;

    let token = sign(&kid, &key, &good);
    let (head, rest) = token.split_once('.').expect("parts");
    let (payload, signature) = rest.split_once('.').expect("parts");
    let mut claims = good.clone();
    claims["sub"] = json!("5"); // another existing account: an escalation attempt
    let tampered = format!(
        "{head}.{}.{signature}",
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).expect("json"))
    );
    assert_ne!(payload, tampered.split('.').nth(1).unwrap_or_default());
    assert_refused(&app, &tampered, "tampered payload").await;

    let none_header =
        URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"none","typ":"JWT","kid":"{kid}"}}"#));
    assert_refused(&app, &format!("{none_header}.{payload}."), "alg none").await;

    // HS256 keyed with the public key: the classic algorithm-confusion attack.
    let jwks: Value = app
        .get("/.well-known/jwks.json")
        .await
        .json()
        .await
        .expect("jwks");
    let public_x = jwks["keys"][0]["x"].as_str().expect("x").to_string();
    let mut hs_header = Header::new(Algorithm::HS256);
    hs_header.kid = Some(kid.clone());
    for secret in [
        public_x.as_bytes().to_vec(),
        URL_SAFE_NO_PAD.decode(&public_x).expect("x"),
    ] {
        let forged = jsonwebtoken::encode(&hs_header, &good, &EncodingKey::from_secret(&secret))
            .expect("hs256");
        assert_refused(&app, &forged, "HS256 signed with the public key").await;
    }

    let mut unknown_kid = Header::new(Algorithm::EdDSA);
    unknown_kid.kid = Some("not-a-key".into());
    let token = jsonwebtoken::encode(&unknown_kid, &good, &key).expect("signed");
    assert_refused(&app, &token, "unknown kid").await;
    assert_refused(&app, "not.a.jwt", "garbage").await;

    let response = app.get("/api/v1/me").await;
    assert_eq!(response.status().as_u16(), 401, "no token");
    let body: Value = response.json().await.expect("problem");
    assert_eq!(body["code"], "missing_token");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer_then_a_lock() {
    let app = TestApp::with_demo().await;
    let attempt = |username: &'static str, password: &'static str| {
        let app = &app;
        async move {
            app.send(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({ "username": username, "password": password })),
            )
            .await
        }
    };
    let mut bodies = Vec::new();
    for username in ["demo-servant", "nobody-here"] {
        for _ in 0..5 {
            let response = attempt(username, "wrong password 1").await;
            assert_eq!(response.status().as_u16(), 401, "{username}");
            let mut body: Value = response.json().await.expect("problem");
            body.as_object_mut().map(|o| o.remove("request_id"));
            bodies.push(body);
        }
        // Locked now, even with the right password, and the same for a name that does not exist.
        let response = attempt(username, DEMO_PASSWORD).await;
        assert_eq!(response.status().as_u16(), 429, "{username} locked");
        assert!(response.headers().contains_key("retry-after"));
        let body: Value = response.json().await.expect("problem");
        assert_eq!(body["code"], "sign_in_locked");
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    assert_eq!(bodies[0]["code"], "invalid_credentials");

    // Another account from the same address is not locked by these ten failures.
    app.login("demo-reviewer", DEMO_PASSWORD).await;
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = TestApp::with_demo().await;
    let first = app.login("demo-servant", DEMO_PASSWORD).await;
    let refresh = |token: String| {
        let app = &app;
        async move {
            app.send(
                Method::POST,
                "/api/v1/auth/refresh",
                None,
                Some(json!({ "refresh_token": token })),
            )
            .await
        }
    };
    let response = refresh(first.refresh_token.clone()).await;
    assert_eq!(response.status().as_u16(), 200);
    let second: chengxin_types::TokenPair = response.json().await.expect("pair");
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(
        app.get_as("/api/v1/me", &second.access_token)
            .await
            .status()
            .as_u16(),
        200
    );

    // The spent token again: someone may hold a copy, so the whole family is revoked.
    let response = refresh(first.refresh_token.clone()).await;
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.expect("problem");
    assert_eq!(body["code"], "refresh_token_reused");
    assert_eq!(
        refresh(second.refresh_token.clone())
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        app.get_as("/api/v1/me", &second.access_token)
            .await
            .status()
            .as_u16(),
        401,
        "access tokens of the revoked session stop working at once"
    );
    assert_eq!(refresh("rt_unknown".into()).await.status().as_u16(), 401);
}

#[tokio::test]
async fn sign_out_ends_the_session_and_disabling_an_account_ends_all_of_them() {
    let app = TestApp::with_demo().await;
    let pair = app.login("demo-servant", DEMO_PASSWORD).await;
    let other = app.login("demo-servant", DEMO_PASSWORD).await;
    let response = app
        .send(
            Method::POST,
            "/api/v1/auth/logout",
            Some(&pair.access_token),
            None,
        )
        .await;
    assert_eq!(response.status().as_u16(), 204);
    assert_eq!(
        app.get_as("/api/v1/me", &pair.access_token)
            .await
            .status()
            .as_u16(),
        401
    );
    let response = app
        .send(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({ "refresh_token": pair.refresh_token })),
        )
        .await;
    assert_eq!(response.status().as_u16(), 401);
    assert_eq!(
        app.get_as("/api/v1/me", &other.access_token)
            .await
            .status()
            .as_u16(),
        200,
        "another sign-in of the same account is not affected"
    );

    assert!(
        app.store
            .set_account_disabled("demo-servant", true, "test")
            .await
            .expect("disabled")
    );
    assert_eq!(
        app.get_as("/api/v1/me", &other.access_token)
            .await
            .status()
            .as_u16(),
        401
    );
    let response = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "username": "demo-servant", "password": DEMO_PASSWORD })),
        )
        .await;
    assert_eq!(
        response.status().as_u16(),
        401,
        "a disabled account cannot sign in"
    );
}

#[tokio::test]
async fn bad_sign_in_bodies_get_field_errors() {
    let app = TestApp::with_demo().await;
    for (body, field) in [
        (json!({ "username": "", "password": "x" }), "username"),
        (json!({ "username": "a", "password": "" }), "password"),
        (
            json!({ "username": "a".repeat(65), "password": "x" }),
            "username",
        ),
    ] {
        let response = app
            .send(Method::POST, "/api/v1/auth/login", None, Some(body))
            .await;
        assert_eq!(response.status().as_u16(), 422);
        let problem: Value = response.json().await.expect("problem");
        assert_eq!(problem["errors"][0]["field"], field);
    }
    let response = app
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "username": "a", "password": "b", "extra": 1 })),
        )
        .await;
    assert_eq!(
        response.status().as_u16(),
        400,
        "unknown fields are refused"
    );
}
