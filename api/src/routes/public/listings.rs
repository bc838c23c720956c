//! Serious-breach lists (严重失信主体名单): search and detail.

use super::caching::cached_json;
use super::params::{Fields, finish_page, page};
use super::{persons_searchable, views};
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::public::{Keyset, ListingFilter, PageQuery};
use actix_web::{HttpRequest, HttpResponse, get, web};
use chengxin_types::{ListKind, ListingDetail, ListingStatus, ListingSummary, Page, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

/// Search parameters; all optional and combined with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListingQuery {
    /// 名称包含的文字（如“张伟”“执法局”）。自然人姓名仅在全名公示的部署中可搜索。
    /// Text the name contains; persons' names are searchable only where published in full.
    #[param(example = "鑫源")]
    q: Option<String>,
    /// 统一社会信用代码（精确）/ Unified social credit code (exact).
    #[param(example = "9137990100000011F6")]
    uscc: Option<String>,
    /// 身份证号码末 1–4 位 / Last 1–4 characters of a listed person's ID number.
    #[param(example = "1410")]
    id_tail: Option<String>,
    /// 名单类型 / List kind.
    #[param(value_type = Option<ListKind>)]
    list_kind: Option<String>,
    /// 认定部门的统一社会信用代码 / USCC of the deciding department.
    department: Option<String>,
    /// 列入日期不早于 / Listed on or after (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date, example = "2026-01-01")]
    listed_from: Option<String>,
    /// 列入日期不晚于 / Listed on or before (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    listed_to: Option<String>,
    /// 状态：只能为 `listed`（在列）；已移出或到期的条目不再公示 / Status: only `listed`; removed
    /// and lapsed entries are no longer published.
    #[param(value_type = Option<String>, pattern = "^listed$")]
    status: Option<String>,
    /// `newest`（默认，按列入日期倒序）或 `oldest` / order by listing date.
    sort: Option<String>,
    /// 上一页返回的 `next_cursor` / The `next_cursor` of the previous page.
    cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    limit: Option<String>,
}

/// Search the serious-breach lists.
#[utoipa::path(
    operation_id = "search_serious_breach",
    tag = "public",
    summary = "查询严重失信主体名单 / Search serious-breach lists",
    description = "按名称、统一社会信用代码、身份证末位、名单类型、认定部门、列入日期和状态查询；按列入日期排序，游标分页，顺序稳定。\n\nSearch by name, USCC, ID tail, list kind, department, listing date and status; keyset pagination in a stable order.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(ListingQuery),
    responses(
        (status = 200, description = "一页结果 / one page", body = Page<ListingSummary>),
        (status = 304, description = "未变化（If-None-Match）/ not modified"),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/serious-breach")]
#[tracing::instrument(skip_all)]
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ListingQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let mut fields = Fields::default();
    let filter = ListingFilter {
        name: fields.text("q", q.q.as_deref()),
        match_person_names: persons_searchable(&state),
        uscc: fields.uscc("uscc", q.uscc.as_deref()),
        id_tail: fields.id_tail("id_tail", q.id_tail.as_deref()),
        list_kind: fields.code(
            "list_kind",
            q.list_kind.as_deref(),
            ListKind::from_code,
            &ListKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
        ),
        department_uscc: fields.uscc("department", q.department.as_deref()),
        listed_from: fields.date("listed_from", q.listed_from.as_deref()),
        listed_to: fields.date("listed_to", q.listed_to.as_deref()),
        status: fields.code("status", q.status.as_deref(), public_status, &["listed"]),
        ..ListingFilter::default()
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
        .public_listings(&filter, &page, state.today())
        .await?;
    let (rows, next_cursor) = finish_page(rows, &page, |r| Keyset {
        date: r.listed_on,
        id: r.id,
    });
    let mask = state.config.masking.name;
    cached_json(
        &req,
        &Page {
            items: rows
                .iter()
                .map(|r| views::listing_summary(r, mask))
                .collect(),
            next_cursor,
            limit: page.limit,
        },
    )
}

/// Only entries on the list are public: neither those under notice nor those removed or lapsed.
fn public_status(code: &str) -> Option<ListingStatus> {
    ListingStatus::from_code(code).filter(|s| *s == ListingStatus::Listed)
}

/// One entry with its facts, basis and removal conditions.
#[utoipa::path(
    operation_id = "serious_breach_detail",
    tag = "public",
    summary = "严重失信主体名单详情 / Serious-breach entry",
    description = "列入事由、法律依据、认定部门、列入日期、移出条件和日期；失信被执行人另含案号、法院、生效文书确定的义务和履行情况。\n\nFacts, legal basis, department, dates and removal conditions; court entries add the case, the duty and what was performed.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(("id" = i64, Path, description = "名单条目编号 / entry id")),
    responses(
        (status = 200, description = "名单条目 / the entry", body = ListingDetail),
        (status = 304, description = "未变化 / not modified"),
        (status = 400, description = "编号无效 / invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "不存在或未公开 / not found or not public", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "已移出或已到移出日期，不再公示 / removed or past its removal date: no longer published", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/serious-breach/{id}")]
#[tracing::instrument(skip_all)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let filter = ListingFilter {
        id: Some(id),
        ..ListingFilter::default()
    };
    let one = PageQuery::first(1);
    let today = state.today();
    let found = state
        .store
        .public_listings(&filter, &one, today)
        .await?
        .into_iter()
        .next();
    let Some(row) = found else {
        return Err(not_public(&state, id, today).await);
    };
    cached_json(
        &req,
        &views::listing_detail(&row, state.config.masking.name),
    )
}

/// Why entry `id` is not in the public list: 410 if it was published and no longer is, else 404.
/// Neither says anything about the subject.
async fn not_public(state: &AppState, id: i64, today: chrono::NaiveDate) -> ApiError {
    match state.store.listing_facts(id).await {
        Ok(Some(row)) if row.facts().state_on(today).was_published() => ApiError::Gone {
            code: "no_longer_published",
            message: Text::new(
                "该名单条目已移出或已到移出日期，不再公示",
                "This entry has been removed from the list or reached its removal date; it is no longer published",
            ),
        },
        Ok(_) => ApiError::not_found(),
        Err(e) => e.into(),
    }
}
