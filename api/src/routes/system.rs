//! Health, readiness and archive figures.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chengxin_types::{ArchiveStats, Health, Problem};

/// Liveness: the process answers. Does not touch the database.
#[utoipa::path(
    tag = "system",
    summary = "存活检查 / Liveness",
    description = "进程存活即返回 200，不访问数据库。\n\nReturns 200 while the process is alive; does not touch the database.",
    security(()),
    responses((status = 200, description = "存活 / alive", body = Health))
)]
#[get("/healthz")]
#[tracing::instrument(skip_all)]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: None,
    })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "system",
    summary = "就绪检查 / Readiness",
    description = "数据库可访问时返回 200，否则 503。\n\nReturns 200 when the database answers, 503 otherwise.",
    security(()),
    responses(
        (status = 200, description = "就绪 / ready", body = Health),
        (status = 503, description = "数据库不可用 / database unavailable", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/readyz")]
#[tracing::instrument(skip_all)]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state
        .store
        .ping()
        .await
        .map_err(|e| ApiError::Unavailable(anyhow::Error::new(e)))?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: Some(state.store.kind().name().to_string()),
    }))
}

/// How much the archive holds.
#[utoipa::path(
    tag = "system",
    summary = "档案概况 / Archive figures",
    description = "各类信用信息的条数，供首页展示。\n\nHow many organisations, persons and records of each kind the archive holds.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    responses(
        (status = 200, description = "档案概况 / figures", body = ArchiveStats),
        (status = 503, description = "数据库不可用 / database unavailable", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/stats")]
#[tracing::instrument(skip_all)]
pub async fn stats(state: web::Data<AppState>) -> ApiResult<web::Json<ArchiveStats>> {
    Ok(web::Json(state.store.stats().await?))
}
