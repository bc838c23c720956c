//! Identifies the caller of each request — an app by its API key, a signed-in account by its
//! token, or an anonymous client by its address — and applies that caller's quota ([`super::rate_limit::RateLimits`]) before the handler runs.

use super::api_keys;
use super::client_ip::client_ip;
use super::identity::{VerifiedToken, bearer_token};
use super::rate_limit::{ApiCaller, Bucket, Decision};
use crate::error::{ApiError, Text};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use tracing_actix_web::RootSpan;

/// The key a request presents: `X-Api-Key`, or `Authorization: Bearer cx_…`. Bearer tokens of
/// other shapes (signed-in people) are not API keys and are left alone.
fn presented_key(req: &ServiceRequest) -> Option<String> {
    let header_text = |name| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(key) = header_text(HeaderName::from_static("x-api-key")) {
        return Some(key.to_string());
    }
    header_text(header::AUTHORIZATION)
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|token| token.starts_with("cx_"))
        .map(str::to_string)
}

fn invalid_key() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_api_key",
        message: Text::new(
            "API 密钥无效或已吊销",
            "The API key is not valid or has been revoked",
        ),
    }
}

/// Identifies the caller, applies its quota, and adds the rate-limit headers to the answer.
/// Refusals are answered as problem responses (not `Err`), so the outer middleware can localise them.
pub async fn identify_and_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let bucket = match identify(&req).await {
        Ok(bucket) => bucket,
        Err(error) => return Ok(req.error_response(error)),
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req.error_response(ApiError::Internal(anyhow::anyhow!(
            "application state missing"
        ))));
    };
    match state.rate_limits.check(&bucket) {
        Decision::Limited {
            limit,
            retry_after_secs,
        } => Ok(req.error_response(ApiError::TooManyRequests {
            limit,
            retry_after_secs,
        })),
        Decision::Allowed {
            limit,
            remaining,
            reset_secs,
        } => {
            let mut response = next.call(req).await?.map_into_boxed_body();
            let headers = response.headers_mut();
            for (name, value) in [
                ("ratelimit-limit", limit.into()),
                ("ratelimit-remaining", remaining.into()),
                ("ratelimit-reset", reset_secs),
            ] {
                headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
            }
            Ok(response)
        }
    }
}

/// The bucket a request counts against: its API key (checked against the store), or its address.
async fn identify(req: &ServiceRequest) -> Result<Bucket, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state missing")))?;
    let Some(presented) = presented_key(req) else {
        // A signed-in account counts against its own quota. Only the signature and lifetime are
        // checked here; the handler checks the session (a token that fails is counted by
        // address). A token signed out keeps its account's bucket until it expires (minutes).
        if let Some(token) = bearer_token(req.request())
            && let Ok(claims) = state.tokens.current().verify(token)
            && let Ok(account_id) = claims.sub.parse::<i64>()
        {
            // Verified once: the sign-in check after this reads the claims instead.
            req.extensions_mut().insert(VerifiedToken {
                token: token.to_string(),
                claims,
            });
            return Ok(Bucket::Account(account_id));
        }
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        return Ok(
            match client_ip(
                req.peer_addr().map(|a| a.ip()),
                forwarded,
                &state.config.trusted_proxies,
            ) {
                Some(ip) => Bucket::Address(ip),
                None => Bucket::Unknown,
            },
        );
    };
    let (prefix, secret) = api_keys::parse(&presented).ok_or_else(invalid_key)?;
    let key = state
        .store
        .active_api_key(prefix)
        .await?
        .ok_or_else(invalid_key)?;
    if !api_keys::hashes_match(&api_keys::hash_secret(secret), &key.secret_hash) {
        return Err(invalid_key());
    }
    if let Some(span) = req.extensions().get::<RootSpan>() {
        span.record("api_key", format!("{} ({})", key.name, key.owner));
    }
    req.extensions_mut().insert(ApiCaller {
        key_id: key.id,
        name: key.name,
        owner: key.owner,
    });
    Ok(Bucket::Key(key.id))
}
