//! The server's memory of recent public answers. A popular list (the first page of the
//! serious-breach list, a department's penalties) is asked for again and again with the same
//! parameters; answering from memory spares the database query, the JSON and the ETag.
//!
//! An answer is reused only while nothing has been written to the database since it was made
//! ([`Store::write_generation`](crate::store::Store::write_generation)), on the same day (what
//! is public depends on today's date), and for at most `ttl_millis`. So a record someone has just
//! objected to shows as disputed at once. Only answers the handlers mark as publicly cacheable
//! (`200` with an ETag and `Cache-Control: public`) are kept; the data exchange, errors and
//! everything outside `/public` never are. Without a write generation (PostgreSQL, where other
//! servers may write unseen) the cache is off.

use actix_web::http::header::HeaderValue;
use actix_web::web::Bytes;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseCacheConfig {
    /// Memory for remembered answers, in megabytes (the least used go first); 0 turns the cache
    /// off.
    pub max_megabytes: u64,
    /// The longest an answer is reused, in milliseconds, even with no write in between.
    pub ttl_millis: u64,
}

impl Default for ResponseCacheConfig {
    fn default() -> Self {
        ResponseCacheConfig {
            max_megabytes: 32,
            ttl_millis: 1000,
        }
    }
}

impl ResponseCacheConfig {
    pub fn check(&self) -> Result<(), String> {
        // Clients may already reuse a public answer for a minute (`Cache-Control`); the server
        // must not hold one longer than that.
        if self.ttl_millis > 60_000 {
            return Err("key `response_cache.ttl_millis`: at most 60000 (one minute)".into());
        }
        Ok(())
    }
}

/// One remembered answer.
pub(crate) struct Answer {
    pub(crate) generation: u64,
    pub(crate) made: Instant,
    pub(crate) etag: HeaderValue,
    pub(crate) cache_control: HeaderValue,
    pub(crate) content_type: HeaderValue,
    pub(crate) body: Bytes,
}

type Answers = quick_cache::sync::Cache<String, Arc<Answer>, BySize>;

pub struct ResponseCache {
    answers: Option<Answers>,
    ttl: Duration,
}

/// Weighs an answer by the bytes it holds, so the configured memory is what is used.
#[derive(Clone)]
struct BySize;

impl quick_cache::Weighter<String, Arc<Answer>> for BySize {
    fn weight(&self, key: &String, answer: &Arc<Answer>) -> u64 {
        // The headers and bookkeeping, roughly.
        const OVERHEAD: usize = 256;
        (key.len() + answer.body.len() + OVERHEAD) as u64
    }
}

impl ResponseCache {
    pub fn new(config: &ResponseCacheConfig) -> ResponseCache {
        const TYPICAL_ANSWER_BYTES: u64 = 8 * 1024;
        let bytes = config.max_megabytes.saturating_mul(1024 * 1024);
        let answers = (bytes > 0).then(|| {
            let estimated = usize::try_from(bytes / TYPICAL_ANSWER_BYTES).unwrap_or(usize::MAX);
            Answers::with_weighter(estimated.max(16), bytes, BySize)
        });
        ResponseCache {
            answers,
            ttl: Duration::from_millis(config.ttl_millis),
        }
    }

    pub(crate) fn is_on(&self) -> bool {
        self.answers.is_some()
    }

    pub(crate) fn fresh(&self, key: &str, generation: u64) -> Option<Arc<Answer>> {
        let answer = self.answers.as_ref()?.get(key)?;
        (answer.generation == generation && answer.made.elapsed() < self.ttl).then_some(answer)
    }

    pub(crate) fn keep(&self, key: String, answer: Answer) {
        if let Some(answers) = &self.answers {
            answers.insert(key, Arc::new(answer));
        }
    }
}
