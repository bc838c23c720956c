//! Administrative licences and penalties (双公示) within their publicity.

use super::caching::cached_json;
use super::params::{Fields, finish_page, page};
use super::{persons_searchable, views};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::public::{Keyset, LicenceFilter, PageQuery, PenaltyFilter};
use actix_web::{HttpRequest, HttpResponse, get, web};
use chengxin_types::{LicenceCategory, LicenceView, Page, PenaltyCategory, PenaltyView, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

/// Search parameters of penalties and licences; all optional and combined with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionQuery {
    /// 行政相对人名称包含的文字 / Text the party's name contains.
    #[param(example = "餐饮")]
    q: Option<String>,
    /// 行政相对人统一社会信用代码（精确）/ The party's USCC (exact).
    uscc: Option<String>,
    /// 决定机关的统一社会信用代码 / USCC of the deciding or licensing body (`cf_cfjgdm` / `xk_xkjgdm`).
    department: Option<String>,
    /// 处罚类别或许可类别 / Penalty category (penalties) or licence category (licences).
    category: Option<String>,
    /// 决定日期不早于 / Decided on or after (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    decided_from: Option<String>,
    /// 决定日期不晚于 / Decided on or before (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    decided_to: Option<String>,
    /// `newest`（默认）或 `oldest` / order by decision date.
    sort: Option<String>,
    /// 上一页返回的 `next_cursor` / The previous page's `next_cursor`.
    cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    limit: Option<String>,
}

/// Published penalties.
#[utoipa::path(
    tag = "public",
    summary = "查询行政处罚 / Search administrative penalties",
    description = "仅返回公示期内的处罚（自决定日期起，至公示截止日止）；轻微处罚默认不公示。字段对应国家“双公示”数据项（cf_*）。\n\nOnly penalties within their publicity period; minor penalties are not published by default. Fields map to the national exchange items (cf_*).",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(DecisionQuery),
    responses(
        (status = 200, description = "一页结果 / one page", body = Page<PenaltyView>),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/penalties")]
#[tracing::instrument(skip_all)]
pub async fn penalties(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<DecisionQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let mut fields = Fields::default();
    let codes: Vec<&str> = PenaltyCategory::ALL.iter().map(|c| c.code()).collect();
    let filter = PenaltyFilter {
        name: fields.text("q", q.q.as_deref()),
        match_person_names: persons_searchable(&state),
        uscc: fields.uscc("uscc", q.uscc.as_deref()),
        department_uscc: fields.uscc("department", q.department.as_deref()),
        category: fields.code(
            "category",
            q.category.as_deref(),
            PenaltyCategory::from_code,
            &codes,
        ),
        decided_from: fields.date("decided_from", q.decided_from.as_deref()),
        decided_to: fields.date("decided_to", q.decided_to.as_deref()),
        include_minor: state.config.publicity.minor.published_by_default,
        ..PenaltyFilter::default()
    };
    let page = page(
        &mut fields,
        q.sort.as_deref(),
        q.cursor.as_deref(),
        q.limit.as_deref(),
    )?;
    fields.finish()?;
    let rows = state
        .store
        .public_penalties(&filter, &page, state.today())
        .await?;
    let (rows, next_cursor) = finish_page(rows, &page, |r| Keyset {
        date: r.cf_jdrq,
        id: r.id,
    });
    let mask = state.config.masking.name;
    cached_json(
        &req,
        &Page {
            items: rows
                .iter()
                .map(|r| views::penalty(r, mask, &state.calendar.current()))
                .collect(),
            next_cursor,
            limit: page.limit,
        },
    )
}

/// One published penalty.
#[utoipa::path(
    tag = "public",
    summary = "行政处罚详情 / Administrative penalty",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(("id" = i64, Path, description = "处罚编号 / penalty id")),
    responses(
        (status = 200, description = "处罚决定 / the penalty", body = PenaltyView),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "编号无效 / invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "不存在或不在公示期 / not found or not published", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/penalties/{id}")]
#[tracing::instrument(skip_all)]
pub async fn penalty(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let filter = PenaltyFilter {
        id: Some(id.into_inner()),
        include_minor: state.config.publicity.minor.published_by_default,
        ..PenaltyFilter::default()
    };
    let one = PageQuery::first(1);
    let row = state
        .store
        .public_penalties(&filter, &one, state.today())
        .await?
        .into_iter()
        .next()
        .ok_or_else(ApiError::not_found)?;
    cached_json(
        &req,
        &views::penalty(&row, state.config.masking.name, &state.calendar.current()),
    )
}

/// Published licences.
#[utoipa::path(
    tag = "public",
    summary = "查询行政许可 / Search administrative licences",
    description = "已公示的行政许可决定。字段对应国家“双公示”数据项（xk_*）。\n\nPublished licensing decisions; fields map to the national exchange items (xk_*).",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(DecisionQuery),
    responses(
        (status = 200, description = "一页结果 / one page", body = Page<LicenceView>),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/licences")]
#[tracing::instrument(skip_all)]
pub async fn licences(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<DecisionQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let mut fields = Fields::default();
    let codes: Vec<&str> = LicenceCategory::ALL.iter().map(|c| c.code()).collect();
    let filter = LicenceFilter {
        name: fields.text("q", q.q.as_deref()),
        uscc: fields.uscc("uscc", q.uscc.as_deref()),
        department_uscc: fields.uscc("department", q.department.as_deref()),
        category: fields.code(
            "category",
            q.category.as_deref(),
            LicenceCategory::from_code,
            &codes,
        ),
        decided_from: fields.date("decided_from", q.decided_from.as_deref()),
        decided_to: fields.date("decided_to", q.decided_to.as_deref()),
        id: None,
    };
    let page = page(
        &mut fields,
        q.sort.as_deref(),
        q.cursor.as_deref(),
        q.limit.as_deref(),
    )?;
    fields.finish()?;
    let rows = state
        .store
        .public_licences(&filter, &page, state.today())
        .await?;
    let (rows, next_cursor) = finish_page(rows, &page, |r| Keyset {
        date: r.xk_jdrq,
        id: r.id,
    });
    cached_json(
        &req,
        &Page {
            items: rows
                .iter()
                .map(|r| views::licence(r, &state.calendar.current()))
                .collect(),
            next_cursor,
            limit: page.limit,
        },
    )
}

/// One published licence.
#[utoipa::path(
    tag = "public",
    summary = "行政许可详情 / Administrative licence",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(("id" = i64, Path, description = "许可编号 / licence id")),
    responses(
        (status = 200, description = "许可决定 / the licence", body = LicenceView),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "编号无效 / invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "不存在或未公示 / not found or not published", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/licences/{id}")]
#[tracing::instrument(skip_all)]
pub async fn licence(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let filter = LicenceFilter {
        id: Some(id.into_inner()),
        ..LicenceFilter::default()
    };
    let one = PageQuery::first(1);
    let row = state
        .store
        .public_licences(&filter, &one, state.today())
        .await?
        .into_iter()
        .next()
        .ok_or_else(ApiError::not_found)?;
    cached_json(&req, &views::licence(&row, &state.calendar.current()))
}
