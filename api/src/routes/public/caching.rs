//! HTTP caching for public answers: a strong `ETag` over the exact body, `If-None-Match` → 304,
//! and `Cache-Control` so browsers and proxies can reuse lists for a short while.

use crate::error::ApiError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How long public answers may be reused without asking again.
const MAX_AGE_SECONDS: u32 = 60;

/// Serialises `value` and answers 200 with an ETag, or 304 when the client has the same body.
pub fn cached_json<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.into()))?;
    let digest = Sha256::digest(&body);
    let etag = format!("\"{}\"", hex::encode(&digest[..16]));
    let cache_control = format!("public, max-age={MAX_AGE_SECONDS}");
    if matches_etag(req, &etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        ))
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .body(body))
}

/// `If-None-Match` may list several tags, weak ones (`W/"…"`) or `*`.
pub(crate) fn matches_etag(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.trim_start_matches("W/") == etag
        })
}
