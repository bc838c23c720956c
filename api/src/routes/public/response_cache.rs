//! The middleware that answers public requests from the server's memory of recent answers
//! ([`crate::answer_cache`]) when it can, and remembers the answers handlers mark as publicly
//! cacheable.

use super::caching::matches_etag;
use crate::answer_cache::Answer;
use crate::state::AppState;
use actix_web::HttpResponse;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web;
use std::time::Instant;

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
