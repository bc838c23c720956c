//! HTTP only: parse the request, call the store and the domain, shape the response.

pub mod access;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod complaints;
pub mod consequence_notice;
pub mod document;
pub mod evaluation;
pub mod grants;
pub mod intake;
pub mod me;
pub mod objections;
pub mod person_records;
pub mod public;
pub mod rectifications;
pub mod repair_decision;
pub mod repairs;
pub mod rulebooks;
pub mod sharing;
pub mod submission_detail;
pub mod system;
pub mod timeliness;
pub mod warnings;
pub mod workspace;

use crate::auth::caller::identify_and_limit;
use crate::auth::policy::enforce_access;
use crate::error::{ApiError, Text};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{Next, from_fn};
use actix_web::web;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Every endpoint of the server, declared once: mounting a handler here registers it with actix
/// and adds its `#[utoipa::path]` to the OpenAPI document (scopes prefix both alike), and the access
/// rule in that declaration's `security` is what [`enforce_access`] applies before the handler.
/// The document is built from this same function ([`crate::openapi::document`]).
pub fn endpoints(cfg: &mut ServiceConfig) {
    cfg.service(system::healthz)
        .service(system::readyz)
        .service(auth::jwks)
        .service(
            scope("/api/v1")
                .wrap(from_fn(enforce_access))
                .wrap(from_fn(identify_and_limit))
                .configure(api_v1)
                .default_service(web::to(crate::error::unknown_address)),
        );
}

/// Everything under `/api/v1`.
fn api_v1(cfg: &mut ServiceConfig) {
    cfg.service(system::stats)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::session)
        .service(me::profile)
        .service(workspace::workspace)
        .service(me::records)
        .service(me::score)
        .service(me::history)
        .service(me::access_log)
        .service(me::consent)
        .service(grants::list)
        .service(grants::grantees)
        .service(grants::create)
        .service(grants::revoke)
        .service(grants::authorised_records)
        .service(sharing::person_records)
        .service(audit::access_log)
        .service(audit::export_access_log)
        .service(audit::audit_chain)
        .service(objections::track)
        .service(objections::withdraw)
        .service(objections::file_objection)
        .service(objections::mine)
        .service(objections::department_cases)
        .service(objections::handle)
        .service(objections::overdue)
        .service(repairs::track)
        .service(repairs::withdraw)
        .service(repairs::apply)
        .service(repair_decision::decision)
        .service(repair_decision::handler_decision)
        .service(repairs::mine)
        .service(repairs::department_cases)
        .service(repairs::handle)
        .service(repairs::overdue)
        .service(complaints::track)
        .service(complaints::file_complaint)
        .service(complaints::all)
        .service(complaints::handle)
        .service(rectifications::all)
        .service(rectifications::rates)
        .service(rectifications::office_case)
        .service(rectifications::handle)
        .service(rectifications::add_consequence)
        .service(consequence_notice::consequence_document)
        .service(rectifications::own)
        .service(rectifications::own_one)
        .service(rectifications::submit_report)
        .service(evaluation::monitoring)
        .service(evaluation::trend)
        .service(evaluation::report)
        .service(evaluation::schemes)
        .service(evaluation::publish_scheme)
        .service(evaluation::open)
        .service(evaluation::list)
        .service(evaluation::one)
        .service(evaluation::score)
        .service(evaluation::publish)
        .service(evaluation::correct)
        .service(evaluation::own)
        .service(warnings::all)
        .service(warnings::own)
        .service(cases::evidence::evidence)
        .service(intake::formats)
        .service(intake::upload)
        .service(intake::submit)
        .service(intake::submissions)
        .service(intake::submission)
        .service(submission_detail::submission_detail)
        .service(intake::review)
        .service(intake::batches)
        .service(intake::department_listings)
        .service(intake::review_batch)
        .service(timeliness::publication_timeliness)
        .service(timeliness::publication_by_month)
        .service(catalogue::list)
        .service(catalogue::add)
        .service(catalogue::change)
        .service(catalogue::retire)
        .service(rulebooks::scoring_standard)
        .service(rulebooks::families)
        .service(rulebooks::versions)
        .service(rulebooks::publish)
        .service(calendar::year)
        .service(calendar::import)
        .service(admin::accounts)
        .service(admin::create)
        .service(admin::disable)
        .service(admin::enable)
        .service(admin::reset_password)
        .service(admin::keys)
        .service(admin::create_key)
        .service(admin::revoke_key)
        .service(
            scope("/public")
                .wrap(from_fn(public::response_cache::remember_public_answers))
                .wrap(from_fn(strict_query_string))
                .wrap(public_cors())
                .configure(public::configure),
        );
}

/// Public queries may be called from any web page: read-only, no credentials.
fn public_cors() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .allowed_methods(["GET", "HEAD", "OPTIONS"])
        .allow_any_header()
        .expose_headers(["etag", "x-request-id"])
        .max_age(86_400)
}

/// Refuses query strings that are not valid percent-encoded UTF-8 (`%ZZ`, a lone `%`, a cut-off
/// multi-byte character). The framework's parser would read them leniently as literal text, and a
/// client that sends them has a bug it should hear about.
async fn strict_query_string(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !is_valid_query_string(req.query_string()) {
        // Answered as a response (not `Err`) so the outer middleware localises it.
        return Ok(req.error_response(ApiError::BadRequest {
            code: "malformed_query",
            message: Text::new(
                "查询字符串的百分号编码无效",
                "The query string is not valid percent-encoded UTF-8",
            ),
            field: None,
        }));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn is_valid_query_string(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => decoded.push(byte),
                    None => return false,
                }
                i += 3;
            }
            byte => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::is_valid_query_string;

    #[test]
    fn query_strings_must_be_valid_percent_encoded_utf8() {
        for good in ["", "q=%E5%BC%A0%E4%BC%9F&limit=5", "q=a+b", "q=%25"] {
            assert!(is_valid_query_string(good), "{good}");
        }
        for bad in ["q=%ZZ", "q=%", "q=%4", "q=%E4%BD", "q=%FF"] {
            assert!(!is_valid_query_string(bad), "{bad}");
        }
    }
}
