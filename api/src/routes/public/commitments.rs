//! Commitments (承诺) and their fulfilment.

use super::caching::cached_json;
use super::params::{Fields, finish_page, page};
use super::views;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::public::{CommitmentFilter, Keyset, PageQuery};
use actix_web::{HttpRequest, HttpResponse, get, web};
use chengxin_types::{CommitmentKind, CommitmentView, FulfilmentStatus, Page, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitmentQuery {
    /// 承诺主体的统一社会信用代码 / USCC of the organisation that made the commitment.
    subject: Option<String>,
    /// 承诺类型 / Kind of commitment.
    #[param(value_type = Option<CommitmentKind>)]
    kind: Option<String>,
    /// 履行状态 / Fulfilment status.
    #[param(value_type = Option<FulfilmentStatus>)]
    status: Option<String>,
    /// 受理单位的统一社会信用代码 / USCC of the accepting unit.
    accepting_unit: Option<String>,
    /// 履行期限不早于 / Due on or after (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    due_from: Option<String>,
    /// 履行期限不晚于 / Due on or before (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    due_to: Option<String>,
    /// `newest`（默认，按作出日期倒序）或 `oldest`.
    sort: Option<String>,
    cursor: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    limit: Option<String>,
}

/// Public commitments.
#[utoipa::path(
    operation_id = "search_commitments",
    tag = "public",
    summary = "查询承诺 / Search commitments",
    description = "政府招商引资承诺、政府合同、PPP 协议、公共服务承诺、公职人员承诺和告知承诺，及其履行状态。\n\nGovernment and applicant commitments with their fulfilment status.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(CommitmentQuery),
    responses(
        (status = 200, description = "一页结果 / one page", body = Page<CommitmentView>),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/commitments")]
#[tracing::instrument(skip_all)]
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CommitmentQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let mut fields = Fields::default();
    let kinds: Vec<&str> = CommitmentKind::ALL.iter().map(|k| k.code()).collect();
    let statuses: Vec<&str> = FulfilmentStatus::ALL.iter().map(|s| s.code()).collect();
    let filter = CommitmentFilter {
        subject_uscc: fields.uscc("subject", q.subject.as_deref()),
        kind: fields.code("kind", q.kind.as_deref(), CommitmentKind::from_code, &kinds),
        status: fields.code(
            "status",
            q.status.as_deref(),
            FulfilmentStatus::from_code,
            &statuses,
        ),
        accepting_uscc: fields.uscc("accepting_unit", q.accepting_unit.as_deref()),
        due_from: fields.date("due_from", q.due_from.as_deref()),
        due_to: fields.date("due_to", q.due_to.as_deref()),
        ..CommitmentFilter::default()
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
        .public_commitments(&filter, &page, state.today())
        .await?;
    let (rows, next_cursor) = finish_page(rows, &page, |r| Keyset {
        date: r.made_on,
        id: r.id,
    });
    let mask = state.config.masking.name;
    cached_json(
        &req,
        &Page {
            items: rows
                .iter()
                .map(|r| views::commitment(r, &[], mask))
                .collect(),
            next_cursor,
            limit: page.limit,
        },
    )
}

/// One commitment with its fulfilment history.
#[utoipa::path(
    operation_id = "commitment_detail",
    tag = "public",
    summary = "承诺详情 / Commitment",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(("id" = i64, Path, description = "承诺编号 / commitment id")),
    responses(
        (status = 200, description = "承诺及履行记录 / the commitment and its fulfilment", body = CommitmentView),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "编号无效 / invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "不存在或未公开 / not found or not public", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/commitments/{id}")]
#[tracing::instrument(skip_all)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let filter = CommitmentFilter {
        id: Some(id.into_inner()),
        ..CommitmentFilter::default()
    };
    let one = PageQuery::first(1);
    let row = state
        .store
        .public_commitments(&filter, &one, state.today())
        .await?
        .into_iter()
        .next()
        .ok_or_else(ApiError::not_found)?;
    let fulfilment = state.store.commitment_fulfilment(row.id).await?;
    cached_json(
        &req,
        &views::commitment(&row, &fulfilment, state.config.masking.name),
    )
}
