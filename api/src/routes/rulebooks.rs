//! Rulebook administration for the credit office: scoring items, grade bands and validity rules are
//! edited by storing a new version that takes effect on a day not in the past, so a score once
//! computed stays explainable by the version that applied then.

use super::me::{field_error, private};
use crate::auth::Principal;
use crate::domain::score::Rulebook;
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::{AuditEvent, RulebookRow, StoreError};
use actix_web::{HttpResponse, get, post, web};
use chengxin_types::{Problem, RulebookFamily};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One stored version of a rulebook.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulebookVersionView {
    pub version: u32,
    /// First day the version applies.
    pub effective_from: NaiveDate,
    /// Whether it is the version in effect today.
    pub in_effect: bool,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub rulebook: Rulebook,
}

/// A new version of a rulebook.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRulebookVersion {
    /// First day it applies: today or later (history is never rewritten).
    pub effective_from: NaiveDate,
    /// The whole rulebook; its `code` must be the one in the path and its `version` the next one.
    pub rulebook: Rulebook,
}

fn views(rows: Vec<RulebookRow>, today: NaiveDate) -> Vec<RulebookVersionView> {
    // Newest first: the first one already in effect is the one that applies today.
    let current = rows
        .iter()
        .find(|r| r.effective_from <= today)
        .map(|r| r.rulebook.version);
    rows.into_iter()
        .map(|r| RulebookVersionView {
            version: r.rulebook.version,
            effective_from: r.effective_from,
            in_effect: Some(r.rulebook.version) == current,
            created_by: r.created_by,
            created_at: r.created_at,
            rulebook: r.rulebook,
        })
        .collect()
}

/// One item of the scoring standard as staff read it: its points or direct grade, and how long it
/// counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StandardItem {
    pub code: String,
    pub name: String,
    /// Points added or deducted (absent for a direct grade).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<i32>,
    /// The grade the item sets directly, whatever the points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct_grade: Option<chengxin_types::Grade>,
    /// Years it counts, from the day the conduct occurred (or ended).
    pub validity_years: u32,
}

/// The scoring standard in force, as posted for all staff (张榜公示): every item with its points
/// and validity, the grade bands, the base and the rule for repeats.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoringStandard {
    pub code: String,
    pub version: u32,
    pub name: String,
    /// First day this version applies.
    pub effective_from: NaiveDate,
    pub base: i32,
    /// Grade bands, best first; each starts at `min`; the last has none.
    pub bands: Vec<crate::domain::score::GradeBand>,
    /// Factor for a breach of the same kind repeated while an earlier one counts.
    pub repeat_multiplier: i32,
    /// Whether a person is scored only with their consent.
    pub requires_consent: bool,
    pub items: Vec<StandardItem>,
}

fn standard(row: RulebookRow) -> ScoringStandard {
    use crate::domain::score::ItemEffect;
    let r = &row.rulebook;
    let items = r
        .items
        .iter()
        .map(|item| StandardItem {
            code: item.code.clone(),
            name: item.name.clone(),
            points: match item.effect {
                ItemEffect::Points(p) => Some(p),
                ItemEffect::DirectGrade(_) => None,
            },
            direct_grade: match item.effect {
                ItemEffect::DirectGrade(g) => Some(g),
                ItemEffect::Points(_) => None,
            },
            validity_years: r.validity_years(item),
        })
        .collect();
    ScoringStandard {
        code: r.code.clone(),
        version: r.version,
        name: r.name.clone(),
        effective_from: row.effective_from,
        base: r.base,
        bands: r.bands.clone(),
        repeat_multiplier: r.repeat_multiplier,
        requires_consent: r.requires_consent,
        items,
    }
}

/// The scoring standard that applies to civil servants today.
#[utoipa::path(
    tag = "me",
    summary = "公职人员信用积分标准 / The scoring standard in force",
    description = "今日适用的积分规则：每一计分项目的分值或直接定级、有效期，等级区间、基础分、重复失信加倍规则。按各地方案要求向全体工作人员公示，所有登录账号均可查看。\n\nThe rulebook in force today: each item's points or direct grade and validity, the grade bands, the base and the rule for repeats. Posted for all staff, as the local plans require: any signed-in account may read it.",
    security(("bearer_token" = [])),
    responses(
        (status = 200, description = "积分标准 / the standard", body = ScoringStandard)
    )
)]
#[get("/me/scoring-standard")]
#[tracing::instrument(skip_all)]
pub async fn scoring_standard(
    state: web::Data<AppState>,
    _me: Principal,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let row = state
        .store
        .rulebook_rows(&state.config.scoring.rulebook)
        .await?
        .into_iter()
        .find(|r| r.effective_from <= today)
        .ok_or_else(ApiError::not_found)?;
    Ok(private(HttpResponse::Ok()).json(standard(row)))
}

/// The rulebook families.
#[utoipa::path(
    tag = "admin",
    summary = "评分规则族 / Rulebook families",
    description = "信用办查看全部评分规则族（如 `weihai-civil-servant`）及其最新版本。\n\nThe credit office sees every rulebook family (such as `weihai-civil-servant`) and its latest version.",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "规则族 / the families", body = Vec<RulebookFamily>),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/rulebooks")]
#[tracing::instrument(skip_all)]
pub async fn families(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let families: Vec<RulebookFamily> = state
        .store
        .rulebook_families()
        .await?
        .into_iter()
        .map(|(code, name, version)| RulebookFamily {
            code,
            name,
            latest_version: u32::try_from(version).unwrap_or_default(),
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(families))
}

/// Every version of a rulebook family.
#[utoipa::path(
    tag = "admin",
    summary = "评分规则的各个版本 / Versions of a rulebook",
    description = "信用办查看一个评分规则族（如 `weihai-civil-servant`）的全部版本：评分项目、等级区间、有效期规则，以及各版本的生效日期，最新的在前。\n\nThe credit office sees every version of a rulebook family (such as `weihai-civil-servant`): scoring items, grade bands, validity rules, and the day each took effect, newest first.",
    security(("bearer_token" = ["admin"])),
    params(("code" = String, Path, description = "规则族代码 / rulebook family code")),
    responses(
        (status = 200, description = "各版本 / the versions", body = Vec<RulebookVersionView>),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此规则族 / no such rulebook", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/rulebooks/{code}/versions")]
#[tracing::instrument(skip_all)]
pub async fn versions(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let rows = state.store.rulebook_rows(code.as_str()).await?;
    if rows.is_empty() {
        return Err(ApiError::not_found());
    }
    Ok(private(HttpResponse::Ok()).json(views(rows, state.today())))
}

/// Stores a new version of a rulebook.
#[utoipa::path(
    tag = "admin",
    summary = "发布评分规则新版本 / Publish a new rulebook version",
    description = "信用办修改评分项目、等级区间或有效期规则，均以新版本发布：版本号为现有最大版本加一，生效日期不得早于今天；旧版本原样保留，积分历史注明每一时期适用的版本。规则不自洽（等级区间次序、项目重复等）时返回 422。\n\nThe credit office changes scoring items, grade bands or validity rules by publishing a new version: the next version number, taking effect today or later. Old versions stay as they are and the score history names the version that applied when. An inconsistent rulebook gets 422.",
    security(("bearer_token" = ["admin"])),
    params(("code" = String, Path, description = "规则族代码 / rulebook family code")),
    request_body = NewRulebookVersion,
    responses(
        (status = 201, description = "已发布 / published", body = RulebookVersionView),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此规则族 / no such rulebook", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "该版本号已被他人使用 / the version was taken meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "规则有误 / invalid rulebook", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/rulebooks/{code}/versions")]
#[tracing::instrument(skip_all)]
pub async fn publish(
    state: web::Data<AppState>,
    me: Principal,
    code: web::Path<String>,
    body: web::Json<NewRulebookVersion>,
) -> ApiResult<HttpResponse> {
    let code = code.into_inner();
    let rows = state.store.rulebook_rows(&code).await?;
    let latest = rows
        .first()
        .map(|r| r.rulebook.version)
        .ok_or_else(ApiError::not_found)?;
    let new = body.into_inner();
    let today = state.today();
    let mut errors = Vec::new();
    if new.rulebook.code != code {
        errors.push(field_error(
            "rulebook.code",
            "code_mismatch",
            "规则族代码须与路径一致",
            "the rulebook code must be the one in the path",
        ));
    }
    if new.rulebook.version != latest + 1 {
        errors.push(field_error(
            "rulebook.version",
            "not_next_version",
            &format!("版本号应为 {}", latest + 1),
            &format!("the version must be {}", latest + 1),
        ));
    }
    if new.effective_from < today {
        errors.push(field_error(
            "effective_from",
            "retroactive",
            "生效日期不得早于今天：新版本不改写历史",
            "the version cannot take effect before today: history is never rewritten",
        ));
    }
    if !(0..=100_000).contains(&new.rulebook.base) {
        errors.push(field_error(
            "rulebook.base",
            "out_of_range",
            "基础分应为 0 至 100000",
            "the base must be 0 to 100000",
        ));
    }
    if let Err(e) = new.rulebook.validate() {
        errors.push(crate::error::FieldError::new(
            "rulebook",
            "invalid_rulebook",
            Text::new(e.to_string(), e.to_string()),
        ));
    }
    // Records of the catalogue's kinds score under their items: a version that drops one would
    // silently stop counting them. The kind must be changed or retired first.
    if code == state.config.scoring.rulebook {
        let catalogue = state.store.catalogue().await?;
        for kind in catalogue.kinds().iter().filter(|k| k.retired_on.is_none()) {
            if let Some(item) = &kind.score_item
                && new.rulebook.item(item).is_none()
            {
                errors.push(field_error(
                    "rulebook.items",
                    "missing_score_item",
                    &format!("记录种类“{}”计入的计分项目“{item}”不在新版本中", kind.name),
                    &format!(
                        "kind {} scores under item {item}, which this version lacks",
                        kind.code
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    match state
        .store
        .insert_rulebook(&new.rulebook, new.effective_from, &me.actor())
        .await
    {
        Ok(()) => {}
        Err(StoreError::Duplicate) => {
            return Err(ApiError::Conflict {
                code: "version_taken",
                message: Text::new(
                    "该版本号刚被他人发布，请刷新后重试",
                    "Someone published this version meanwhile; reload and try again",
                ),
            });
        }
        Err(other) => return Err(other.into()),
    }
    state
        .store
        .audit(&AuditEvent {
            actor: me.actor(),
            action: "rulebook.published".to_string(),
            entity: "rulebook".to_string(),
            entity_id: format!("{code}@{}", new.rulebook.version),
            detail: serde_json::json!({ "effective_from": new.effective_from }).to_string(),
        })
        .await?;
    let rows = state.store.rulebook_rows(&code).await?;
    let view = views(rows, today)
        .into_iter()
        .find(|v| v.version == new.rulebook.version)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the new version vanished")))?;
    Ok(private(HttpResponse::Created()).json(view))
}
