//! A body's integrity profile and the credit check before granting a licence or subsidy.

use super::caching::cached_json;
use super::params::Fields;
use super::views;
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::public::{
    CountsRow, ListingFilter, OrgKey, OrganisationRow, PageQuery, PenaltyFilter,
};
use actix_web::{HttpRequest, HttpResponse, get, web};
use chengxin_types::{
    CaseFigures, CheckVerdict, CommitmentFigures, CreditCheck, IntegrityProfile, ListingStatus,
    ListingSummary, OrgRef, OrganisationView, Problem, RecordFigures,
};
use serde::Deserialize;
use utoipa::IntoParams;

/// How many penalties a profile lists (newest first).
const PROFILE_PENALTIES: u32 = 20;

fn organisation_view(row: &OrganisationRow) -> OrganisationView {
    OrganisationView {
        name: row.name.clone(),
        uscc: row.uscc.clone(),
        kind: row.kind,
        parent: row
            .parent_name
            .as_ref()
            .zip(row.parent_uscc.as_ref())
            .map(|(name, uscc)| OrgRef {
                name: name.clone(),
                uscc: uscc.clone(),
            }),
    }
}

fn case_figures(counts: crate::store::CaseCounts) -> CaseFigures {
    CaseFigures {
        received: counts.received,
        open: counts.open,
        overdue: counts.overdue,
        closed: counts.closed,
        closed_on_time: counts.closed_on_time,
        substantiated: counts.substantiated,
    }
}

fn record_figures(counts: CountsRow) -> RecordFigures {
    RecordFigures {
        positive: counts.a,
        general_breach: counts.b,
        serious_breach: counts.c,
        risk_warning: counts.d,
    }
}

/// Entries currently in force on any serious-breach list.
async fn current_listings(
    state: &AppState,
    organisation_id: i64,
) -> ApiResult<Vec<ListingSummary>> {
    let filter = ListingFilter {
        organisation_id: Some(organisation_id),
        status: Some(ListingStatus::Listed),
        ..ListingFilter::default()
    };
    let page = PageQuery::first(100);
    let rows = state
        .store
        .public_listings(&filter, &page, state.today())
        .await?;
    Ok(rows
        .iter()
        .map(|r| views::listing_summary(r, state.config.masking.name))
        .collect())
}

fn penalty_filter(state: &AppState, organisation_id: i64) -> PenaltyFilter {
    PenaltyFilter {
        organisation_id: Some(organisation_id),
        include_minor: state.config.publicity.minor.published_by_default,
        ..PenaltyFilter::default()
    }
}

/// The integrity profile of an organisation.
#[utoipa::path(
    tag = "public",
    summary = "政务诚信档案 / Integrity profile",
    description = "机构基本信息、公开承诺及履约率、是否在严重失信主体名单（含失信被执行人）、所受行政处罚、各类公开信用记录数量。\n\nBasic information, public commitments and the fulfilment rate, current serious-breach listings, penalties received and counts of published records.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(("uscc" = String, Path, description = "统一社会信用代码 / unified social credit code", example = "11379901000000001C")),
    responses(
        (status = 200, description = "诚信档案 / the profile", body = IntegrityProfile),
        (status = 304, description = "未变化 / not modified"),
        (status = 404, description = "没有这个机构 / no such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "统一社会信用代码无效 / invalid USCC", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/organisations/{uscc}/profile")]
#[tracing::instrument(skip_all)]
pub async fn integrity_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    uscc: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let uscc = fields.uscc("uscc", Some(uscc.as_str()));
    fields.finish()?;
    // A blank segment (e.g. `%20`) parses to nothing: there is no such organisation.
    let Some(uscc) = uscc else {
        return Err(no_such_organisation());
    };
    let org = state
        .store
        .organisation(OrgKey::Uscc(&uscc))
        .await?
        .ok_or_else(no_such_organisation)?;
    let (counts, lawfully_changed) = state
        .store
        .commitment_figures(org.id, state.today())
        .await?;
    let decided = counts.c + counts.d;
    let commitments = CommitmentFigures {
        total: counts.a,
        in_progress: counts.b,
        fulfilled: counts.c,
        breached: counts.d,
        lawfully_changed,
        fulfilment_rate: (decided > 0).then(|| counts.c as f64 / decided as f64),
    };
    let page = PageQuery::first(PROFILE_PENALTIES);
    let penalties = state
        .store
        .public_penalties(&penalty_filter(&state, org.id), &page, state.today())
        .await?;
    let mask = state.config.masking.name;
    let publication = publication_figures(&state, Some(&uscc)).await?;
    let profile = IntegrityProfile {
        publication: publication
            .into_iter()
            .next()
            .map(|d| d.figures)
            .unwrap_or_else(|| empty_publication(&state)),
        organisation: organisation_view(&org),
        commitments,
        listings: current_listings(&state, org.id).await?,
        penalties: penalties
            .iter()
            .take(PROFILE_PENALTIES as usize)
            .map(|p| views::penalty(p, mask, &state.calendar.current()))
            .collect(),
        records: record_figures(
            state
                .store
                .public_record_figures(org.id, state.today())
                .await?,
        ),
        objection_handling: case_figures(
            state.store.objection_counts(org.id, state.today()).await?,
        ),
        complaints: case_figures(state.store.complaint_counts(org.id, state.today()).await?),
        rectification: rectification_figures(&state, org.id).await?,
        evaluation: crate::routes::evaluation::published_for(&state, &org.uscc, true).await?,
    };
    cached_json(&req, &profile)
}

/// The rectification of a body's breaches as the public sees it.
async fn rectification_figures(
    state: &AppState,
    organisation_id: i64,
) -> ApiResult<chengxin_types::RectificationFigures> {
    let today = state.today();
    let counts = state
        .store
        .rectification_counts(Some(organisation_id), today, true)
        .await?;
    Ok(chengxin_types::RectificationFigures {
        rate: crate::routes::rectifications::rate_of(counts),
        open: state
            .store
            .public_rectifications(organisation_id, today)
            .await?
            .into_iter()
            .map(|r| chengxin_types::OpenRectification {
                ticket_no: r.ticket_no,
                breach: r.breach,
                opened_on: r.opened_on,
                status: r.status,
                report_due: r.report_due,
            })
            .collect(),
        consequences: state
            .store
            .public_consequences(organisation_id, today)
            .await?
            .into_iter()
            .map(|c| chengxin_types::PublicConsequence {
                kind: c.kind,
                document_no: c.document_no,
                effective_from: c.effective_from,
                effective_until: c.effective_until,
            })
            .collect(),
    })
}

fn no_such_organisation() -> ApiError {
    ApiError::NotFound(Text::new(
        "没有找到该统一社会信用代码或名称对应的机构",
        "No organisation has this code or name",
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckQuery {
    /// 统一社会信用代码；与 `name` 至少提供一项 / Unified social credit code; give this or `name`.
    #[param(min_length = 18, max_length = 18, example = "9137990100000011F6")]
    uscc: Option<String>,
    /// 或：机构全称（精确）/ Or: the full, exact name.
    #[param(min_length = 1, max_length = 50)]
    name: Option<String>,
}

/// The one-call credit check before a licence or a subsidy is granted.
#[utoipa::path(
    tag = "public",
    summary = "办事先查信用 / Credit check",
    description = "按统一社会信用代码或机构全称，一次返回公开信用概况和结论：`serious`（在严重失信主体名单）、`caution`（有公示中的处罚、一般失信或风险提示信息）或 `clear`。\n\nOne call by USCC or exact name: a public credit summary and a verdict.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(CheckQuery),
    responses(
        (status = 200, description = "信用概况 / summary", body = CreditCheck),
        (status = 304, description = "未变化 / not modified"),
        (status = 404, description = "没有这个机构 / no such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/credit-check")]
#[tracing::instrument(skip_all)]
pub async fn credit_check(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CheckQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let mut fields = Fields::default();
    let uscc = fields.uscc("uscc", q.uscc.as_deref());
    let name = fields.text("name", q.name.as_deref());
    fields.finish()?;
    // Checked after parsing: a blank `uscc=` is as absent as a missing one.
    let key = match (uscc.as_deref(), name.as_deref()) {
        (Some(uscc), _) => OrgKey::Uscc(uscc),
        (None, Some(name)) => OrgKey::Name(name),
        (None, None) => {
            return Err(ApiError::field(
                "uscc",
                "required",
                Text::new(
                    "请提供统一社会信用代码或机构全称",
                    "Give a unified social credit code or the full name",
                ),
            ));
        }
    };
    let org = state
        .store
        .organisation(key)
        .await?
        .ok_or_else(no_such_organisation)?;
    let listings = current_listings(&state, org.id).await?;
    let records = record_figures(
        state
            .store
            .public_record_figures(org.id, state.today())
            .await?,
    );
    let published_penalties = state
        .store
        .public_penalty_count(&penalty_filter(&state, org.id), state.today())
        .await?;
    let verdict = if !listings.is_empty() {
        CheckVerdict::Serious
    } else if published_penalties > 0 || records.general_breach > 0 || records.risk_warning > 0 {
        CheckVerdict::Caution
    } else {
        CheckVerdict::Clear
    };
    cached_json(
        &req,
        &CreditCheck {
            subject: organisation_view(&org),
            verdict,
            on_serious_breach_list: !listings.is_empty(),
            listings,
            published_penalties,
            records,
            checked_on: state.today(),
        },
    )
}

/// 双公示 timeliness of one deciding body (by its code) or of every body, busiest first.
pub async fn publication_figures(
    state: &AppState,
    body_code: Option<&str>,
) -> ApiResult<Vec<chengxin_types::DepartmentPublication>> {
    use crate::domain::timeliness::figures;
    let limit = state.config.intake.publication_limit_working_days;
    let today = state.today();
    let mut all: Vec<chengxin_types::DepartmentPublication> =
        crate::integrity::decision_dates(&state.store, body_code, None)
            .await?
            .into_iter()
            .map(
                |(uscc, (name, dates))| chengxin_types::DepartmentPublication {
                    department: chengxin_types::OrgRef { name, uscc },
                    figures: figures(dates, &state.calendar.current(), limit, today),
                },
            )
            .collect();
    all.sort_by_key(|d| {
        std::cmp::Reverse(d.figures.penalties.published + d.figures.licences.published)
    });
    Ok(all)
}

fn empty_publication(state: &AppState) -> chengxin_types::PublicationFigures {
    crate::domain::timeliness::figures(
        [],
        &state.calendar.current(),
        state.config.intake.publication_limit_working_days,
        state.today(),
    )
}
