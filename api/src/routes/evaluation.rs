//! The integrity evaluation of government bodies over HTTP: the scheme and its versions,
//! quarterly monitoring computed on demand, the annual evaluation the credit office opens,
//! scores, publishes and corrects, and what a department sees of its own.

use super::me::{field_error, private};
use crate::auth::Principal;
use crate::domain::evaluation::{self, SCHEME_CODE, Scheme, period_days};
use crate::error::{ApiError, ApiResult, Text};
use crate::integrity::{self, DecisionsByBody, Inputs, decision_dates};
use crate::state::AppState;
use crate::store::{EvaluationRow, ManualScores, Publication, StoreError};
use actix_web::{HttpResponse, get, post, put, web};
use chengxin_types::{
    BodyEvaluation, BodyTrend, EvaluationCorrection, EvaluationTrend, EvaluationView,
    ManualScoreEntry, Monitoring, NewEvaluation, Problem, PublishedEvaluation, SchemeVersion,
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// The quarter `day` falls in, as `2026Q3`.
fn quarter_of(day: NaiveDate) -> String {
    format!("{}Q{}", day.year(), (day.month() - 1) / 3 + 1)
}

fn invalid_period() -> ApiError {
    ApiError::field(
        "period",
        "invalid_period",
        Text::new(
            "期间应为季度（如 2026Q3）或年度（如 2026）",
            "The period is a quarter (2026Q3) or a year (2026)",
        ),
    )
}

/// What the computation reads of the server's state.
fn inputs(state: &AppState) -> Inputs<'_> {
    Inputs {
        store: &state.store,
        calendar: state.calendar.current(),
        publication_limit: state.config.intake.publication_limit_working_days,
        rectification: &state.config.rectification,
        today: state.today(),
    }
}

/// Every government body's result for a period ([`integrity::results`]).
async fn results(
    state: &AppState,
    scheme: &Scheme,
    days: (NaiveDate, NaiveDate),
    manual: &ManualScores,
    decisions: &DecisionsByBody,
) -> ApiResult<Vec<(i64, BodyEvaluation)>> {
    Ok(integrity::results(&inputs(state), scheme, days, manual, decisions).await?)
}

/// The scheme in effect on `day`; for a day before the first version, the first version (a
/// year evaluated after the fact is evaluated by the oldest scheme there is).
async fn scheme_in_effect(state: &AppState, day: NaiveDate) -> ApiResult<Scheme> {
    let versions = state.store.evaluation_schemes(SCHEME_CODE).await?;
    versions
        .iter()
        .rfind(|(from, _)| *from <= day)
        .or(versions.first())
        .map(|(_, scheme)| scheme.clone())
        .ok_or_else(ApiError::not_found)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// 季度（如 `2026Q3`）或年度（如 `2026`），默认为本季度 / A quarter or a year; this quarter by default.
    #[param(pattern = "^[0-9]{4}(Q[1-4])?$")]
    pub period: Option<String>,
}

impl PeriodQuery {
    /// The period asked for, or the quarter `today` falls in.
    fn period_or_this_quarter(&self, today: NaiveDate) -> String {
        match self.period.as_deref().map(str::trim) {
            None | Some("") => quarter_of(today),
            Some(p) => p.to_string(),
        }
    }
}

/// Monitoring of every government body for a quarter or a year, computed on demand.
#[utoipa::path(
    operation_id = "evaluation_monitoring",
    tag = "evaluation",
    summary = "政务诚信季度监测 / Integrity monitoring",
    description = "按现行考核评价方案，对各政府机关计算一个季度（或年度）的系统计算类指标：双公示按时公示、承诺按期履行、异议和修复按时办结、投诉属实、政务失信记录、整改按期完成、失信被执行人、拖欠账款、12345 热线。人工评分类指标不计（显示为待评分）。随时可查，无需等待定时任务。\n\nThe computed indicators of every government body for a quarter (or a year) under the scheme in effect; manual indicators are left unscored. Computed on demand.",
    security(("bearer_token" = ["admin"])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "监测结果 / the monitoring", body = Monitoring),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "期间无效 / invalid period", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/evaluation/monitoring")]
#[tracing::instrument(skip_all)]
pub async fn monitoring(
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> ApiResult<HttpResponse> {
    let period = query.period_or_this_quarter(state.today());
    let days = period_days(&period).ok_or_else(invalid_period)?;
    let scheme = scheme_in_effect(&state, days.1.min(state.today())).await?;
    let decisions = decision_dates(&state.store, None, Some(days)).await?;
    let bodies = results(&state, &scheme, days, &HashMap::new(), &decisions)
        .await?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    Ok(private(HttpResponse::Ok()).json(Monitoring {
        period,
        from: days.0,
        to: days.1,
        scheme_code: scheme.code,
        scheme_version: scheme.version,
        bodies,
    }))
}

/// Every version of the evaluation scheme.
#[utoipa::path(
    operation_id = "evaluation_schemes",
    tag = "evaluation",
    summary = "考核评价方案的各版本 / Versions of the evaluation scheme",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "各版本，旧的在前 / versions, oldest first", body = Vec<SchemeVersion>),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/evaluation/schemes")]
#[tracing::instrument(skip_all)]
pub async fn schemes(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let versions: Vec<SchemeVersion> = state
        .store
        .evaluation_schemes(SCHEME_CODE)
        .await?
        .into_iter()
        .map(|(effective_from, scheme)| SchemeVersion {
            effective_from,
            scheme,
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(versions))
}

/// Publishes a new version of the evaluation scheme.
#[utoipa::path(
    operation_id = "publish_evaluation_scheme",
    tag = "evaluation",
    summary = "发布新版考核评价方案 / Publish a scheme version",
    description = "信用办发布考核评价方案的新版本：指标、分值、来源（系统计算或人工评分）和结果等次。各指标分值之和须等于总分，每项指标须注明来源，按件扣分的指标须写明每件扣分，等次从高到低、最低一档为 0 分；版本号为现有最新版本加一，生效日不早于今天。不符合的返回 422 并指出字段。已发布的版本不能修改。\n\nThe credit office publishes a new scheme version. Weights must add up to the total, each indicator needs a source, counts need points off per item, bands go down to 0; the version is the newest plus one and takes effect today or later. Otherwise 422 with the field. A published version is never changed.",
    security(("bearer_token" = ["admin"])),
    request_body = SchemeVersion,
    responses(
        (status = 201, description = "已发布 / published", body = SchemeVersion),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "该版本已存在 / that version exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "方案有误 / invalid scheme", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/evaluation/schemes")]
#[tracing::instrument(skip_all)]
pub async fn publish_scheme(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<SchemeVersion>,
) -> ApiResult<HttpResponse> {
    let version = body.into_inner();
    let scheme = &version.scheme;
    if scheme.code != SCHEME_CODE {
        return Err(ApiError::field(
            "scheme.code",
            "unknown_scheme",
            Text::new(
                format!("方案代码应为“{SCHEME_CODE}”"),
                format!("The scheme code is {SCHEME_CODE}"),
            ),
        ));
    }
    evaluation::check(scheme).map_err(|e| {
        ApiError::field(
            format!("scheme.{}", e.field),
            "invalid_scheme",
            Text::new(e.message.clone(), e.message.clone()),
        )
    })?;
    let newest = state
        .store
        .evaluation_schemes(SCHEME_CODE)
        .await?
        .last()
        .map_or(0, |(_, s)| s.version);
    if scheme.version != newest + 1 {
        return Err(ApiError::field(
            "scheme.version",
            "not_next_version",
            Text::new(
                format!("版本号应为 {}", newest + 1),
                format!("The version must be {}", newest + 1),
            ),
        ));
    }
    if version.effective_from < state.today() {
        return Err(ApiError::field(
            "effective_from",
            "in_the_past",
            Text::new(
                "生效日不能早于今天",
                "The version cannot take effect in the past",
            ),
        ));
    }
    state
        .store
        .insert_evaluation_scheme(scheme, version.effective_from, &me.actor())
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => ApiError::Conflict {
                code: "version_exists",
                message: Text::new("该版本已存在", "That version exists"),
            },
            other => other.into(),
        })?;
    Ok(private(HttpResponse::Created()).json(version))
}

/// An evaluation as read: a published one from its frozen results, a draft computed now.
async fn evaluation_view(state: &AppState, row: &EvaluationRow) -> ApiResult<EvaluationView> {
    let bodies = match &row.results {
        Some(frozen) => serde_json::from_str(frozen)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("frozen results: {e}")))?,
        None => live_results(state, row)
            .await?
            .into_iter()
            .map(|(_, r)| r)
            .collect(),
    };
    Ok(EvaluationView {
        id: row.id,
        year: i32::try_from(row.year).unwrap_or_default(),
        version: u32::try_from(row.version).unwrap_or_default(),
        status: row.status.clone(),
        scheme_code: row.scheme_code.clone(),
        scheme_version: u32::try_from(row.scheme_version).unwrap_or_default(),
        reason: row.reason.clone(),
        published_at: row.published_at,
        bodies,
    })
}

/// A draft's results as the archive and the manual scores stand now.
async fn live_results(
    state: &AppState,
    row: &EvaluationRow,
) -> ApiResult<Vec<(i64, BodyEvaluation)>> {
    let scheme = state
        .store
        .evaluation_scheme(&row.scheme_code, row.scheme_version)
        .await?;
    let year = i32::try_from(row.year).unwrap_or_default();
    let days = period_days(&year.to_string()).ok_or_else(invalid_period)?;
    let manual = state.store.evaluation_scores(row.id).await?;
    let decisions = decision_dates(&state.store, None, Some(days)).await?;
    results(state, &scheme, days, &manual, &decisions).await
}

async fn evaluation_row(state: &AppState, id: i64) -> ApiResult<EvaluationRow> {
    state
        .store
        .evaluation(id)
        .await?
        .ok_or_else(ApiError::not_found)
}

fn not_a_draft() -> ApiError {
    ApiError::Conflict {
        code: "not_a_draft",
        message: Text::new(
            "已发布的考核评价结果不能修改；如需更正，请新建更正版本并写明理由",
            "A published evaluation cannot be changed; open a correction with its reason",
        ),
    }
}

/// Opens the annual evaluation of a year.
#[utoipa::path(
    operation_id = "open_evaluation",
    tag = "evaluation",
    summary = "开展年度政务诚信考核评价 / Open the annual evaluation",
    description = "信用办开展某一年度的考核评价（按当年年底或今天生效的方案），系统计算类指标随时按档案重新计算，人工评分类指标由评议人员录入。每年只有一个考核评价；已发布的如需更正，请使用更正。\n\nThe credit office opens a year's evaluation under the scheme in effect; computed indicators follow the archive until it is published, manual ones are entered by the evaluators. One evaluation per year; a published one is corrected, not reopened.",
    security(("bearer_token" = ["admin"])),
    request_body = NewEvaluation,
    responses(
        (status = 201, description = "考核评价（草稿）/ the draft", body = EvaluationView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "该年度已有考核评价 / the year has one", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "年度无效 / invalid year", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/evaluations")]
#[tracing::instrument(skip_all)]
pub async fn open(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<NewEvaluation>,
) -> ApiResult<HttpResponse> {
    let year = body.year;
    let today = state.today();
    if !(2000..=today.year()).contains(&year) {
        return Err(ApiError::field(
            "year",
            "invalid_year",
            Text::new(
                "年度应在 2000 年至今年之间",
                "The year is between 2000 and this year",
            ),
        ));
    }
    if state
        .store
        .evaluations()
        .await?
        .iter()
        .any(|e| e.year == i64::from(year))
    {
        return Err(ApiError::Conflict {
            code: "evaluation_exists",
            message: Text::new(
                format!("{year} 年度已有考核评价"),
                format!("{year} has an evaluation already"),
            ),
        });
    }
    let end = NaiveDate::from_ymd_opt(year, 12, 31)
        .unwrap_or(today)
        .min(today);
    let scheme = scheme_in_effect(&state, end).await?;
    let id = state
        .store
        .insert_evaluation(year, &scheme, None, &me.actor())
        .await?;
    let row = evaluation_row(&state, id).await?;
    Ok(private(HttpResponse::Created()).json(evaluation_view(&state, &row).await?))
}

/// Every evaluation, newest first (without the bodies' results).
#[utoipa::path(
    operation_id = "evaluations",
    tag = "evaluation",
    summary = "历年考核评价 / Evaluations",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "历年考核评价，新的在前（不含各单位结果）/ evaluations, newest first, without results", body = Vec<EvaluationView>),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/evaluations")]
#[tracing::instrument(skip_all)]
pub async fn list(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let views: Vec<EvaluationView> = state
        .store
        .evaluations()
        .await?
        .into_iter()
        .map(|row| EvaluationView {
            id: row.id,
            year: i32::try_from(row.year).unwrap_or_default(),
            version: u32::try_from(row.version).unwrap_or_default(),
            status: row.status,
            scheme_code: row.scheme_code,
            scheme_version: u32::try_from(row.scheme_version).unwrap_or_default(),
            reason: row.reason,
            published_at: row.published_at,
            bodies: Vec::new(),
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(views))
}

/// One evaluation with every body's result.
#[utoipa::path(
    operation_id = "evaluation",
    tag = "evaluation",
    summary = "考核评价结果 / An evaluation",
    description = "草稿按档案和已录入的人工评分即时计算；已发布的为发布时的结果，不随档案变化。每项指标说明得分的依据。\n\nA draft is computed now; a published evaluation is as it was published. Every indicator says why it scored what it did.",
    security(("bearer_token" = ["admin"])),
    params(("id" = i64, Path, description = "考核评价编号 / evaluation id")),
    responses(
        (status = 200, description = "考核评价 / the evaluation", body = EvaluationView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此考核评价 / no such evaluation", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/evaluations/{id}")]
#[tracing::instrument(skip_all)]
pub async fn one(state: web::Data<AppState>, path: web::Path<i64>) -> ApiResult<HttpResponse> {
    let row = evaluation_row(&state, path.into_inner()).await?;
    Ok(private(HttpResponse::Ok()).json(evaluation_view(&state, &row).await?))
}

/// Enters the evaluators' points for one manual indicator of one body.
#[utoipa::path(
    operation_id = "score_evaluation",
    tag = "evaluation",
    summary = "录入人工评分 / Enter a manual score",
    description = "评议人员为某单位的一项人工评分类指标录入得分和依据（如第三方评估报告）。得分须在 0 至该指标分值之间，系统计算类指标不能人工评分（422）；已发布的考核评价不能修改（409）。\n\nThe evaluators' points and evidence for one manual indicator of one body: 0 to the indicator's weight, only manual indicators (else 422); a published evaluation is not changed (409).",
    security(("bearer_token" = ["admin"])),
    params(("id" = i64, Path, description = "考核评价编号 / evaluation id")),
    request_body = ManualScoreEntry,
    responses(
        (status = 200, description = "该单位的结果 / the body's result", body = BodyEvaluation),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此考核评价 / no such evaluation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已发布 / published", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/oversight/evaluations/{id}/scores")]
#[tracing::instrument(skip_all)]
pub async fn score(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
    body: web::Json<ManualScoreEntry>,
) -> ApiResult<HttpResponse> {
    let row = evaluation_row(&state, path.into_inner()).await?;
    if row.status != "draft" {
        return Err(not_a_draft());
    }
    let entry = body.into_inner();
    let scheme = state
        .store
        .evaluation_scheme(&row.scheme_code, row.scheme_version)
        .await?;
    evaluation::check_manual(&scheme, entry.indicator.trim(), entry.points).map_err(|e| {
        ApiError::field(
            e.field,
            "invalid_score",
            Text::new(e.message.clone(), e.message),
        )
    })?;
    if !super::cases::text_ok(&entry.evidence, 2, 2000) {
        return Err(ApiError::Validation(vec![field_error(
            "evidence",
            "invalid_text",
            "请写明评分依据（2 至 2000 个字符）",
            "give the evidence (2 to 2000 characters)",
        )]));
    }
    let body_id = state
        .store
        .government_bodies()
        .await?
        .into_iter()
        .find(|(_, _, uscc)| uscc.eq_ignore_ascii_case(entry.body_uscc.trim()))
        .map(|(id, _, _)| id)
        .ok_or_else(|| {
            ApiError::field(
                "body_uscc",
                "not_a_government_body",
                Text::new(
                    "请填写被考核政府机关的统一社会信用代码",
                    "Give the USCC of a government body under evaluation",
                ),
            )
        })?;
    let stored = state
        .store
        .put_evaluation_score(
            row.id,
            body_id,
            entry.indicator.trim(),
            entry.points,
            entry.evidence.trim(),
            &me.actor(),
        )
        .await?;
    if !stored {
        return Err(not_a_draft());
    }
    let result = live_results(&state, &row)
        .await?
        .into_iter()
        .find(|(id, _)| *id == body_id)
        .map(|(_, r)| r)
        .ok_or_else(ApiError::not_found)?;
    Ok(private(HttpResponse::Ok()).json(result))
}

/// Publishes a draft: its results are frozen as they are now.
#[utoipa::path(
    operation_id = "publish_evaluation",
    tag = "evaluation",
    summary = "发布考核评价结果 / Publish the evaluation",
    description = "发布后结果固定，不再随档案变化，并在各单位的公开诚信档案中公布；此前发布的同年度版本被取代。所有单位的人工评分类指标都已评分后才能发布（否则 409）。\n\nOnce published the results are fixed and shown on each body's public profile; an earlier published version of the year is superseded. Every manual indicator of every body must be scored first (else 409).",
    security(("bearer_token" = ["admin"])),
    params(("id" = i64, Path, description = "考核评价编号 / evaluation id")),
    responses(
        (status = 200, description = "已发布 / published", body = EvaluationView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此考核评价 / no such evaluation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已发布、年度未结束，或尚有未评分的指标 / published, the year not over, or not fully scored", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/evaluations/{id}/publish")]
#[tracing::instrument(skip_all)]
pub async fn publish(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let row = evaluation_row(&state, path.into_inner()).await?;
    if row.status != "draft" {
        return Err(not_a_draft());
    }
    // An annual result covers the whole year: it is not frozen before the year has ended.
    if row.year >= i64::from(state.today().year()) {
        return Err(ApiError::Conflict {
            code: "year_not_over",
            message: Text::new(
                format!("{} 年度尚未结束，不能发布年度考核评价结果", row.year),
                format!("{} is not over yet", row.year),
            ),
        });
    }
    let scores_version = state.store.evaluation_scores_version(row.id).await?;
    let results: Vec<BodyEvaluation> = live_results(&state, &row)
        .await?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let missing = results
        .iter()
        .flat_map(|r| r.indicators.iter())
        .filter(|i| i.points.is_none())
        .count();
    if missing > 0 {
        return Err(ApiError::Conflict {
            code: "evaluation_incomplete",
            message: Text::new(
                format!("尚有 {missing} 项人工评分未录入，不能发布"),
                format!("{missing} manual scores are still missing"),
            ),
        });
    }
    let frozen =
        serde_json::to_string(&results).map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    let year = i32::try_from(row.year).unwrap_or_default();
    match state
        .store
        .publish_evaluation(row.id, year, &frozen, &scores_version, &me.actor())
        .await?
    {
        Publication::Published => {}
        Publication::NotADraft => return Err(not_a_draft()),
        Publication::ScoresChanged => {
            return Err(ApiError::Conflict {
                code: "concurrent_change",
                message: Text::new(
                    "发布时有评分刚被录入，请刷新后重新发布",
                    "A score came in while publishing; reload and publish again",
                ),
            });
        }
    }
    let row = evaluation_row(&state, row.id).await?;
    Ok(private(HttpResponse::Ok()).json(evaluation_view(&state, &row).await?))
}

/// Opens a correction of a published evaluation: a new draft version with its reason.
#[utoipa::path(
    operation_id = "correct_evaluation",
    tag = "evaluation",
    summary = "更正已发布的考核评价 / Correct a published evaluation",
    description = "已发布的考核评价不能修改；更正为同一年度的新版本（草稿），须写明理由，沿用原有的人工评分，发布后取代原版本。\n\nA published evaluation is never edited: a correction is a new draft version of the year with its reason, starting from the same manual scores; once published it supersedes the old one.",
    security(("bearer_token" = ["admin"])),
    params(("id" = i64, Path, description = "考核评价编号 / evaluation id")),
    request_body = EvaluationCorrection,
    responses(
        (status = 201, description = "更正版本（草稿）/ the correction", body = EvaluationView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此考核评价 / no such evaluation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "不是现行的已发布版本，或已有更正草稿 / not the published version, or a correction is open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "理由有误 / invalid reason", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/evaluations/{id}/correction")]
#[tracing::instrument(skip_all)]
pub async fn correct(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
    body: web::Json<EvaluationCorrection>,
) -> ApiResult<HttpResponse> {
    let row = evaluation_row(&state, path.into_inner()).await?;
    let reason = super::cases::required_text("reason", &body.reason)?;
    let open_draft = state
        .store
        .evaluations()
        .await?
        .iter()
        .any(|e| e.year == row.year && e.status == "draft");
    if row.status != "published" || open_draft {
        return Err(ApiError::Conflict {
            code: "not_correctable",
            message: Text::new(
                "只能更正现行的已发布版本，且同一年度只能有一个更正草稿",
                "Only the published version is corrected, one correction at a time",
            ),
        });
    }
    let scheme = state
        .store
        .evaluation_scheme(&row.scheme_code, row.scheme_version)
        .await?;
    let year = i32::try_from(row.year).unwrap_or_default();
    let id = state
        .store
        .insert_evaluation(year, &scheme, Some((row.id, &reason)), &me.actor())
        .await?;
    let draft = evaluation_row(&state, id).await?;
    Ok(private(HttpResponse::Created()).json(evaluation_view(&state, &draft).await?))
}

/// A body's latest published annual result.
/// On the public profile (`public`), the points only: an indicator's explanation counts records
/// the public may not see and quotes the evaluators' evidence.
pub(crate) async fn published_for(
    state: &AppState,
    uscc: &str,
    public: bool,
) -> ApiResult<Option<PublishedEvaluation>> {
    let Some(row) = state.store.latest_published_evaluation().await? else {
        return Ok(None);
    };
    let (Some(frozen), Some(published_at)) = (&row.results, row.published_at) else {
        return Ok(None);
    };
    let results: Vec<BodyEvaluation> = serde_json::from_str(frozen)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("frozen results: {e}")))?;
    let bodies = u32::try_from(results.len()).unwrap_or(u32::MAX);
    Ok(results
        .into_iter()
        .find(|r| r.body_uscc == uscc)
        .map(|mut result| {
            if public {
                for indicator in &mut result.indicators {
                    indicator.explanation.clear();
                }
            }
            result
        })
        .map(|result| PublishedEvaluation {
            year: i32::try_from(row.year).unwrap_or_default(),
            version: u32::try_from(row.version).unwrap_or_default(),
            published_at,
            bodies,
            result,
        }))
}

/// What a department sees of its own evaluation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnEvaluation {
    /// This quarter's monitoring of the department (computed indicators).
    pub monitoring: BodyEvaluation,
    pub period: String,
    /// The open draft of the annual evaluation: its computed indicators only (the evaluators'
    /// scores are not shown before publication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<BodyEvaluation>,
    /// The latest published result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedEvaluation>,
}

/// The caller's own department: this quarter, the open draft's computed part, the published result.
#[utoipa::path(
    operation_id = "own_evaluation",
    tag = "evaluation",
    summary = "本单位的政务诚信考核评价 / My department's evaluation",
    description = "本单位本季度的监测结果、年度考核评价草稿中系统计算的部分（人工评分在发布前不显示），以及最近发布的结果。看不到其他单位的草稿。\n\nThe department's monitoring this quarter, the computed part of the open annual draft (manual scores stay hidden until publication), and the latest published result. Never another department's draft.",
    security(("bearer_token" = ["reporter", "reviewer", "handler"])),
    responses(
        (status = 200, description = "本单位的考核评价 / the department's evaluation", body = OwnEvaluation),
        (status = 403, description = "角色不符或不是政府机关 / role not allowed, or not a government body", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/work/evaluation")]
#[tracing::instrument(skip_all)]
pub async fn own(state: web::Data<AppState>, me: Principal) -> ApiResult<HttpResponse> {
    let not_evaluated = || ApiError::Forbidden {
        code: "not_evaluated",
        message: Text::new(
            "本单位不是被考核的政府机关",
            "Your department is not a government body under evaluation",
        ),
    };
    let (Some(department), Some(org)) = (me.organisation_id, me.organisation.as_ref()) else {
        return Err(not_evaluated());
    };
    let today = state.today();
    let period = quarter_of(today);
    let days = period_days(&period).ok_or_else(invalid_period)?;
    let scheme = scheme_in_effect(&state, today).await?;
    let decisions = decision_dates(&state.store, None, Some(days)).await?;
    let this_quarter = results(&state, &scheme, days, &HashMap::new(), &decisions)
        .await?
        .into_iter()
        .find(|(id, _)| *id == department)
        .map(|(_, r)| r)
        .ok_or_else(not_evaluated)?;
    let draft_row = state
        .store
        .evaluations()
        .await?
        .into_iter()
        .find(|e| e.status == "draft");
    let draft = match draft_row {
        Some(row) => {
            let scheme = state
                .store
                .evaluation_scheme(&row.scheme_code, row.scheme_version)
                .await?;
            let year = i32::try_from(row.year).unwrap_or_default();
            let days = period_days(&year.to_string()).ok_or_else(invalid_period)?;
            let decisions = decision_dates(&state.store, None, Some(days)).await?;
            results(&state, &scheme, days, &HashMap::new(), &decisions)
                .await?
                .into_iter()
                .find(|(id, _)| *id == department)
                .map(|(_, r)| r)
        }
        None => None,
    };
    let published = published_for(&state, &org.uscc, false).await?;
    Ok(private(HttpResponse::Ok()).json(OwnEvaluation {
        monitoring: this_quarter,
        period,
        draft,
        published,
    }))
}

/// The quarter before `period` (`2026Q1` → `2025Q4`).
fn previous_quarter(period: &str) -> Option<String> {
    let (year, q) = period.split_once('Q')?;
    let (year, q): (i32, u32) = (year.parse().ok()?, q.parse().ok()?);
    Some(if q == 1 {
        format!("{}Q4", year - 1)
    } else {
        format!("{year}Q{}", q - 1)
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrendQuery {
    /// 最近几个季度，1–8，默认 4 / How many quarters back, 1–8, default 4.
    #[param(minimum = 1, maximum = 8)]
    pub quarters: Option<u32>,
}

/// Each body's computed total over the last quarters.
#[utoipa::path(
    operation_id = "evaluation_trend",
    tag = "evaluation",
    summary = "政务诚信监测趋势 / Monitoring over the quarters",
    description = "最近若干季度（含本季度）各政府机关系统计算类指标的总分及全区平均，用于趋势图。\n\nEach government body's computed total over the last quarters (this one included) and the district's average, for the trend chart.",
    security(("bearer_token" = ["admin"])),
    params(TrendQuery),
    responses(
        (status = 200, description = "趋势 / the trend", body = EvaluationTrend),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/evaluation/trend")]
#[tracing::instrument(skip_all)]
pub async fn trend(
    state: web::Data<AppState>,
    query: web::Query<TrendQuery>,
) -> ApiResult<HttpResponse> {
    let n = query.quarters.unwrap_or(4);
    if !(1..=8).contains(&n) {
        return Err(ApiError::field(
            "quarters",
            "out_of_range",
            Text::new("季度数应为 1 至 8", "quarters is 1 to 8"),
        ));
    }
    let mut quarters = vec![quarter_of(state.today())];
    while quarters.len() < n as usize {
        let before = quarters
            .last()
            .and_then(|q| previous_quarter(q))
            .ok_or_else(invalid_period)?;
        quarters.push(before);
    }
    quarters.reverse();
    // The decisions of all the quarters, read once.
    let first = quarters.first().and_then(|q| period_days(q));
    let last = quarters.last().and_then(|q| period_days(q));
    let span = first.zip(last).map(|((from, _), (_, to))| (from, to));
    let decisions = decision_dates(&state.store, None, span).await?;
    let mut bodies: Vec<BodyTrend> = Vec::new();
    let mut district = Vec::new();
    for (i, quarter) in quarters.iter().enumerate() {
        let days = period_days(quarter).ok_or_else(invalid_period)?;
        let scheme = scheme_in_effect(&state, days.1.min(state.today())).await?;
        let results = results(&state, &scheme, days, &HashMap::new(), &decisions).await?;
        let count = results.len().max(1) as f64;
        district.push(
            ((results.iter().map(|(_, r)| r.total).sum::<f64>() / count) * 100.0).round() / 100.0,
        );
        for (_, r) in results {
            match bodies.iter_mut().find(|b| b.body_uscc == r.body_uscc) {
                Some(b) => b.totals.push(r.total),
                None => bodies.push(BodyTrend {
                    body: r.body,
                    body_uscc: r.body_uscc,
                    totals: {
                        let mut totals = vec![0.0; i];
                        totals.push(r.total);
                        totals
                    },
                }),
            }
        }
    }
    bodies.sort_by(|a, b| {
        let last = |t: &BodyTrend| t.totals.last().copied().unwrap_or_default();
        last(b).total_cmp(&last(a)).then(a.body.cmp(&b.body))
    });
    Ok(private(HttpResponse::Ok()).json(EvaluationTrend {
        quarters,
        district,
        bodies,
    }))
}

/// The report's own styles (the page allows only these, by their hash).
const REPORT_STYLE: &str = r#"body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:48em;margin:3em auto;line-height:1.8;padding:0 1em}
h1{text-align:center;letter-spacing:.2em}.no{text-align:center}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #555;padding:.2em .5em;text-align:left}td.n{text-align:right}.sign{text-align:right;margin-top:3em}
@media print{body{margin:0}}"#;

/// The periodic report (定期通报) of a quarter or a year, to print for the district's congress
/// and CPPCC: the ranking, the rectification of breaches and the warnings.
#[utoipa::path(
    operation_id = "evaluation_report",
    tag = "evaluation",
    summary = "政务诚信建设情况通报 / Periodic report",
    description = "一个季度或年度的政务诚信建设情况通报（可打印的 HTML）：各政府机关按系统计算类指标的得分排名、政务失信整改情况和预警事项，供向人大、政协定期通报。年度已发布考核评价的，排名按发布结果。\n\nA printable report of a quarter or a year: the bodies ranked by their computed indicators (by the published results for a year already evaluated), the rectification of breaches and the warnings.",
    security(("bearer_token" = ["admin"])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "通报 / the report", content_type = "text/html"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "期间无效 / invalid period", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/evaluation/report")]
#[tracing::instrument(skip_all)]
pub async fn report(
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> ApiResult<HttpResponse> {
    use super::document::{escape, page};
    let period = query.period_or_this_quarter(state.today());
    let days = period_days(&period).ok_or_else(invalid_period)?;
    // A year already evaluated is reported by its published results.
    let published = match period.parse::<i64>() {
        Ok(year) => state
            .store
            .evaluations()
            .await?
            .into_iter()
            .find(|e| e.year == year && e.status == "published"),
        Err(_) => None,
    };
    let (ranking, basis): (Vec<BodyEvaluation>, &str) = match published.and_then(|e| e.results) {
        Some(frozen) => (
            serde_json::from_str(&frozen)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("frozen results: {e}")))?,
            "按已发布的年度考核评价结果",
        ),
        None => {
            let decisions = decision_dates(&state.store, None, Some(days)).await?;
            let scheme = scheme_in_effect(&state, days.1.min(state.today())).await?;
            (
                results(&state, &scheme, days, &HashMap::new(), &decisions)
                    .await?
                    .into_iter()
                    .map(|(_, r)| r)
                    .collect(),
                "按系统计算类指标（人工评分类指标未计入）",
            )
        }
    };
    // The rectifications whose first deadline fell in the period, as the evaluation counts them.
    let (on_time, due) = state
        .store
        .evaluation_facts(days.0, days.1, state.today(), &state.config.rectification)
        .await?
        .values()
        .fold((0, 0), |(a, b), f| {
            (a + f.rectification.0, b + f.rectification.1)
        });
    let warned = super::warnings::warnings(&state, None).await?;
    let warnings: usize = warned.iter().map(|b| b.items.len()).sum();
    let overdue: usize = warned
        .iter()
        .flat_map(|b| b.items.iter())
        .filter(|i| i.working_days_left < 0)
        .count();
    let label = match period.split_once('Q') {
        Some((year, q)) => format!("{year}年第{q}季度"),
        None => format!("{period}年度"),
    };
    let rows: String = ranking
        .iter()
        .map(|r| {
            format!(
                "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                r.rank,
                escape(&r.body),
                r.total,
                escape(r.grade.as_deref().unwrap_or("—"))
            )
        })
        .collect();
    let share = crate::domain::rectification::rate(on_time, due).map_or_else(
        || "尚无到期事项".to_string(),
        |r| format!("{:.1}%", r * 100.0),
    );
    let body = format!(
        "<h1>政务诚信建设情况通报</h1><p class=\"no\">（{label}，{from} 至 {to}）</p>\
         <h2>一、各单位政务诚信监测排名</h2><p>{basis}，共 {count} 个政府机关。</p>\
         <table><thead><tr><th>名次</th><th>单位</th><th>得分</th><th>等次</th></tr></thead><tbody>{rows}</tbody></table>\
         <h2>二、政务失信整改情况</h2><p>本期应整改（首次整改期限在本期内）{due} 件，按期整改 {on_time} 件，按期整改率 {share}（目标 100%）。</p>\
         <h2>三、预警事项</h2><p>截至 {today}，预警事项 {warnings} 项，其中已逾期 {overdue} 项，请有关单位抓紧办理。</p>\
         <p class=\"sign\">社会信用体系建设领导小组办公室<br>{today}</p>",
        from = days.0,
        to = days.1,
        count = ranking.len(),
        today = state.today(),
    );
    Ok(page(
        &format!("政务诚信建设情况通报（{label}）"),
        REPORT_STYLE,
        &body,
    ))
}

#[cfg(test)]
mod tests {
    use super::{period_days, previous_quarter, quarter_of};
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_period_is_a_quarter_or_a_year() {
        assert_eq!(
            period_days("2026Q3"),
            Some((day("2026-07-01"), day("2026-09-30")))
        );
        assert_eq!(
            period_days("2026Q4"),
            Some((day("2026-10-01"), day("2026-12-31")))
        );
        assert_eq!(
            period_days("2026"),
            Some((day("2026-01-01"), day("2026-12-31")))
        );
        assert_eq!(period_days("2026Q5"), None);
        assert_eq!(period_days("26"), None);
        assert_eq!(period_days("Q1"), None);
        assert_eq!(quarter_of(day("2026-12-03")), "2026Q4");
        assert_eq!(quarter_of(day("2026-03-31")), "2026Q1");
        assert_eq!(previous_quarter("2026Q1").as_deref(), Some("2025Q4"));
        assert_eq!(previous_quarter("2026Q3").as_deref(), Some("2026Q2"));
    }
}
