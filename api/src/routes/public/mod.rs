//! The public query API: what anyone may see, without an account (`/api/v1/public`).
//!
//! Each handler parses its parameters into domain values (422 naming the field, 400 for a bad
//! cursor), asks the store for public rows only, converts them with masking, and answers with an
//! ETag and `Cache-Control`.

pub mod caching;
pub mod commitments;
pub mod decisions;
pub mod exchange;
pub mod listings;
pub mod params;
pub mod profile;
pub mod response_cache;
pub mod views;

use crate::state::AppState;

/// Mounts the public endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(listings::search)
        .service(listings::detail)
        .service(decisions::penalties)
        .service(decisions::penalty)
        .service(decisions::licences)
        .service(decisions::licence)
        .service(commitments::search)
        .service(commitments::detail)
        .service(profile::integrity_profile)
        .service(profile::credit_check)
        .service(exchange::penalties)
        .service(exchange::licences)
        .service(exchange::listings);
}

/// Whether persons' names may be searched: only where they are published in full.
fn persons_searchable(state: &AppState) -> bool {
    state.config.masking.name == crate::domain::NameMask::Full
}
