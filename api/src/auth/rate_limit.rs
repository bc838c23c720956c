//! Quotas per API key, per signed-in account and per anonymous client address (governor, per
//! instance). A caller over
//! its quota gets 429 with `Retry-After`; every answer carries `RateLimit-Limit`,
//! `RateLimit-Remaining` and `RateLimit-Reset` so well-behaved clients can pace themselves. The
//! middleware that applies them to each request is in the `caller` module beside this one.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// Requests per minute for each kind of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitConfig {
    /// Per client address, without an API key.
    pub anonymous_per_minute: u32,
    /// Per API key.
    pub key_per_minute: u32,
    /// Per signed-in account (staff and civil servants): an office behind one address does not
    /// share the public's quota for that address.
    #[serde(default = "default_signed_in_per_minute")]
    pub signed_in_per_minute: u32,
}

fn default_signed_in_per_minute() -> u32 {
    600
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            anonymous_per_minute: 120,
            key_per_minute: 6000,
            signed_in_per_minute: default_signed_in_per_minute(),
        }
    }
}

/// Who a request counts against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Bucket {
    Key(i64),
    /// A signed-in account, by the subject of its access token.
    Account(i64),
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
    signed_in: Limiter,
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
            signed_in: RateLimiter::keyed(quota(config.signed_in_per_minute))
                .with_middleware::<StateInformationMiddleware>(),
            clock: DefaultClock::default(),
        }
    }

    pub fn check(&self, bucket: &Bucket) -> Decision {
        let limiter = match bucket {
            Bucket::Key(_) => &self.keyed,
            Bucket::Account(_) => &self.signed_in,
            Bucket::Address(_) | Bucket::Unknown => &self.anonymous,
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
        self.signed_in.retain_recent();
    }
}

fn ceil_secs(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bucket_has_its_own_quota() {
        let limits = RateLimits::new(&RateLimitConfig {
            anonymous_per_minute: 3,
            key_per_minute: 5,
            signed_in_per_minute: 4,
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
                limits.check(&Bucket::Account(7)),
                Decision::Allowed {
                    limit: 4,
                    remaining: 3,
                    ..
                }
            ),
            "a signed-in account has its own quota, whatever its address"
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
