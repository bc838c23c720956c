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

use super::caching::matches_etag;
use crate::state::AppState;
use actix_web::HttpResponse;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
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
struct Answer {
    generation: u64,
    made: Instant,
    etag: HeaderValue,
    cache_control: HeaderValue,
    content_type: HeaderValue,
    body: Bytes,
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

    fn is_on(&self) -> bool {
        self.answers.is_some()
    }

    fn fresh(&self, key: &str, generation: u64) -> Option<Arc<Answer>> {
        let answer = self.answers.as_ref()?.get(key)?;
        (answer.generation == generation && answer.made.elapsed() < self.ttl).then_some(answer)
    }

    fn keep(&self, key: String, answer: Answer) {
        if let Some(answers) = &self.answers {
            answers.insert(key, Arc::new(answer));
        }
    }
}

/// Middleware for the public scope: answers from memory when it can, and remembers cacheable
/// answers.
pub async fn remember_public_answers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let usable = state.filter(|s| s.response_cache.is_on() && req.method() == Method::GET);
    let Some((state, generation)) =
        usable.and_then(|s| s.store.write_generation().map(|generation| (s, generation)))
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let key = cache_key(&req, &state);
    if let Some(answer) = state.response_cache.fresh(&key, generation) {
        let response = replay(&req, &answer);
        return Ok(req.into_response(response));
    }
    let response = next.call(req).await?;
    let Some((etag, cache_control, content_type)) = cacheable(&response) else {
        return Ok(response.map_into_boxed_body());
    };
    let (req, response) = response.into_parts();
    let (response, body) = response.into_parts();
    let body = actix_web::body::to_bytes(body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("unreadable answer body"))?;
    state.response_cache.keep(
        key,
        Answer {
            // The generation read before the query: a write during it makes this entry stale
            // at once instead of passing for current.
            generation,
            made: Instant::now(),
            etag,
            cache_control,
            content_type,
            body: body.clone(),
        },
    );
    Ok(ServiceResponse::new(
        req,
        response.set_body(BoxBody::new(body)),
    ))
}

/// The headers to replay, if the handler marked the answer as publicly cacheable: a `200` with
/// an ETag and `Cache-Control: public…`.
fn cacheable<B>(response: &ServiceResponse<B>) -> Option<(HeaderValue, HeaderValue, HeaderValue)> {
    let headers = response.headers();
    let cache_control = headers.get(header::CACHE_CONTROL)?;
    let public = cache_control
        .to_str()
        .is_ok_and(|v| v.starts_with("public"));
    (response.status() == StatusCode::OK && public).then_some(())?;
    Some((
        headers.get(header::ETAG)?.clone(),
        cache_control.clone(),
        headers.get(header::CONTENT_TYPE)?.clone(),
    ))
}

/// Everything an answer may depend on: the date, the path and parameters, the language.
fn cache_key(req: &ServiceRequest, state: &AppState) -> String {
    let language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    format!(
        "{}\n{}\n{}\n{language}",
        state.today(),
        req.path(),
        req.query_string()
    )
}

fn replay(req: &ServiceRequest, answer: &Answer) -> HttpResponse {
    let etag = answer.etag.to_str().unwrap_or_default();
    if matches_etag(req.request(), etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, answer.etag.clone()))
            .insert_header((header::CACHE_CONTROL, answer.cache_control.clone()))
            .finish();
    }
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, answer.content_type.clone()))
        .insert_header((header::ETAG, answer.etag.clone()))
        .insert_header((header::CACHE_CONTROL, answer.cache_control.clone()))
        .body(answer.body.clone())
}
