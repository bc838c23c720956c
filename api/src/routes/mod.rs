//! HTTP only: parse the request, call the store and the domain, shape the response.

pub mod system;

use actix_web::web;

/// Everything under `/api/v1`.
pub fn api_v1(cfg: &mut web::ServiceConfig) {
    cfg.service(system::stats);
}
