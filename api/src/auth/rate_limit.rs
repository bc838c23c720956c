//! Quotas per API key and per anonymous client address (governor, per instance). A caller over
//! its quota gets 429 with `Retry-After`; every answer carries `RateLimit-Limit`,
//! `RateLimit-Remaining` and `RateLimit-Reset` so well-behaved clients can pace themselves.

use super::api_keys;
use super::client_ip::client_ip;
use crate::error::{ApiError, Text};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;
use tracing_actix_web::RootSpan;

/// Requests per minute for each kind of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitConfig {
    /// Per client address, without an API key.
    pub anonymous_per_minute: u32,
    /// Per API key.
    pub key_per_minute: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            anonymous_per_minute: 120,
            key_per_minute: 6000,
        }
    }
}

/// Who a request counts against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Bucket {
    Key(i64),
    Address(IpAddr),
    /// No peer address (e.g. a Unix socket): one shared anonymous bucket.
    Unknown,
}

/// A third-party app identified by its key, available to handlers through request extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCaller {
    pub key_id: i64,
    pub name: String,
    pub owner: String,
}

type Limiter =
    RateLimiter<Bucket, DefaultKeyedStateStore<Bucket>, DefaultClock, StateInformationMiddleware>;

pub struct RateLimits {
    anonymous: Limiter,
    keyed: Limiter,
    clock: DefaultClock,
}

/// What the limiter decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed {
        limit: u32,
        remaining: u32,
        reset_secs: u64,
    },
    Limited {
        limit: u32,
        retry_after_secs: u64,
    },
}

impl RateLimits {
    pub fn new(config: &RateLimitConfig) -> Self {
        let quota = |per_minute: u32| {
            Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN))
        };
        RateLimits {
            anonymous: RateLimiter::keyed(quota(config.anonymous_per_minute))
                .with_middleware::<StateInformationMiddleware>(),
            keyed: RateLimiter::keyed(quota(config.key_per_minute))
                .with_middleware::<StateInformationMiddleware>(),
            clock: DefaultClock::default(),
        }
    }

    pub fn check(&self, bucket: &Bucket) -> Decision {
        let limiter = if matches!(bucket, Bucket::Key(_)) {
            &self.keyed
        } else {
            &self.anonymous
        };
        match limiter.check_key(bucket) {
            Ok(state) => {
                let limit = state.quota().burst_size().get();
                let remaining = state.remaining_burst_capacity();
                // Time until the bucket is full again: one replenish interval per used slot.
                let used = limit.saturating_sub(remaining);
                let reset = state.quota().replenish_interval().saturating_mul(used);
                Decision::Allowed {
                    limit,
                    remaining,
                    reset_secs: ceil_secs(reset),
                }
            }
            Err(not_until) => Decision::Limited {
                limit: not_until.quota().burst_size().get(),
                retry_after_secs: ceil_secs(not_until.wait_time_from(self.clock.now())).max(1),
            },
        }
    }

    /// Forgets buckets that are full again, so memory stays bounded under many addresses.
    pub fn retain_recent(&self) {
        self.anonymous.retain_recent();
        self.keyed.retain_recent();
    }
}

fn ceil_secs(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bucket_has_its_own_quota() {
        let limits = RateLimits::new(&RateLimitConfig {
            anonymous_per_minute: 3,
            key_per_minute: 5,
        });
        let a = Bucket::Address("192.0.2.1".parse().expect("ip"));
        let b = Bucket::Address("192.0.2.2".parse().expect("ip"));
        for expected_remaining in [2, 1, 0] {
            assert!(
                matches!(limits.check(&a), Decision::Allowed { limit: 3, remaining, .. } if remaining == expected_remaining)
            );
        }
        match limits.check(&a) {
            Decision::Limited {
                limit,
                retry_after_secs,
            } => assert!(limit == 3 && (1..=20).contains(&retry_after_secs)),
            other => panic!("expected a limit, got {other:?}"),
        }
        assert!(
            matches!(limits.check(&b), Decision::Allowed { .. }),
            "another address is not affected"
        );
        assert!(
            matches!(
                limits.check(&Bucket::Key(1)),
                Decision::Allowed {
                    limit: 5,
                    remaining: 4,
                    ..
                }
            ),
            "keys have their own quota"
        );
    }
}
