//! `/me`: the signed-in person's own archive. Identity comes only from the access token; no path or
//! query parameter names a person here.

use super::person_records::{self, explanation, my_record, scored_records, scoring_input};
use super::public::params::Fields;
use crate::auth::Principal;
use crate::domain::score::{
    ChangeKind, NotScoredReason, Rulebook, ScoreLine, ScoreOutcome, ScoredRecord, score_history,
};
use crate::error::{ApiError, ApiResult, FieldError, Lang, Text};
use crate::state::AppState;
use crate::store::{PersonRow, RecordVersionRow, parse_categories};
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use chengxin_types::{
    AccessLogEntry, AccountView, AppointmentView, Category, Consent, DirectGradeView, MyProfile,
    MyRecord, MyScore, OrgRef, Page, PersonView, Problem, RecordScoreView, RulebookRef,
    ScoreChange, ScoreHistory, ScoreHistoryPoint, ScoreLineView, ScoreState,
};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::IntoParams;

pub fn lang_of(req: &HttpRequest) -> Lang {
    Lang::from_accept_language(
        req.headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The person behind the token, who must hold the civil-servant role and a linked archive.
pub async fn own_person(state: &AppState, me: &Principal) -> ApiResult<PersonRow> {
    let person_id = me.own_person()?;
    state
        .store
        .person(person_id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The score now, with the rulebook in effect today.
async fn score_now(
    state: &AppState,
    person: &PersonRow,
    scored: &[ScoredRecord],
) -> ApiResult<(Rulebook, ScoreOutcome)> {
    let today = state.today();
    let rulebook = state
        .store
        .rulebook_in_effect(&state.config.scoring.rulebook, today)
        .await?;
    let outcome = crate::domain::score::evaluate(&rulebook, scored, today, person.scoring_consent);
    Ok((rulebook, outcome))
}

fn line_view(line: &ScoreLine, titles: &HashMap<i64, &str>, lang: Lang) -> ScoreLineView {
    ScoreLineView {
        record_id: line.record_id,
        title: titles
            .get(&line.record_id)
            .map(|t| (*t).to_string())
            .unwrap_or_default(),
        item_code: line.item_code.clone(),
        item_name: line.item_name.clone(),
        rule_points: line.rule_points,
        multiplier: line.multiplier,
        points: line.points,
        direct_grade: line.direct_grade,
        valid_from: line.valid_from,
        valid_until: line.valid_until,
        counts: line.counts,
        reason: line.reason.code().to_string(),
        explanation: explanation(&line.reason, lang),
    }
}

fn not_scored_text(reason: NotScoredReason, lang: Lang) -> String {
    match (reason, lang) {
        (NotScoredReason::NoConsent, Lang::Zh) => {
            "您未同意计算个人信用积分：记录照常保存，但不计分、不评级".to_string()
        }
        (NotScoredReason::NoConsent, Lang::En) => {
            "You have not consented to scoring: records are kept, but no score or grade is computed"
                .to_string()
        }
    }
}

fn my_score(
    rulebook: &Rulebook,
    outcome: &ScoreOutcome,
    titles: &HashMap<i64, &str>,
    today: chrono::NaiveDate,
    lang: Lang,
) -> MyScore {
    let rulebook_ref = RulebookRef {
        code: rulebook.code.clone(),
        version: rulebook.version,
        name: rulebook.name.clone(),
    };
    let split = |lines: &[ScoreLine]| {
        let (counting, not_counting): (Vec<_>, Vec<_>) = lines.iter().partition(|l| l.counts);
        (
            counting
                .into_iter()
                .map(|l| line_view(l, titles, lang))
                .collect(),
            not_counting
                .into_iter()
                .map(|l| line_view(l, titles, lang))
                .collect(),
        )
    };
    match outcome {
        ScoreOutcome::Scored(sheet) => {
            let (counting, not_counting) = split(&sheet.lines);
            MyScore {
                state: ScoreState::Scored,
                not_scored_reason: None,
                rulebook: rulebook_ref,
                as_of: sheet.as_of,
                base: sheet.base,
                score: Some(sheet.score),
                band_grade: Some(sheet.band_grade),
                grade: Some(sheet.grade),
                direct_grade: sheet.direct_grade.map(|d| DirectGradeView {
                    grade: d.grade,
                    record_id: d.record_id,
                    until: d.until,
                }),
                counting,
                not_counting,
            }
        }
        ScoreOutcome::NotScored { reason, lines } => {
            let (_, mut not_counting): (Vec<ScoreLineView>, Vec<ScoreLineView>) = split(lines);
            // Without consent nothing counts, whatever the rules would say.
            let mut counting_anyway: Vec<ScoreLineView> = lines
                .iter()
                .filter(|l| l.counts)
                .map(|l| line_view(l, titles, lang))
                .collect();
            for line in &mut counting_anyway {
                line.counts = false;
                line.points = 0;
                line.reason = "not_scored".to_string();
                line.explanation = not_scored_text(*reason, lang);
            }
            not_counting.extend(counting_anyway);
            MyScore {
                state: ScoreState::NotScored,
                not_scored_reason: Some(not_scored_text(*reason, lang)),
                rulebook: rulebook_ref,
                as_of: today,
                base: rulebook.base,
                score: None,
                band_grade: None,
                grade: None,
                direct_grade: None,
                counting: vec![],
                not_counting,
            }
        }
    }
}

/// Who is signed in.
#[utoipa::path(
    tag = "me",
    summary = "我的账号 / Who am I",
    description = "当前登录账号、角色，以及关联的个人档案（身份证号码仅显示脱敏形式）和任职情况。\n\nThe signed-in account and roles, and the linked person (ID number masked) with their posts.",
    security(("bearer_token" = [])),
    responses(
        (status = 200, description = "账号与个人信息 / account and person", body = MyProfile),
        (status = 401, description = "未登录或令牌无效 / not signed in or invalid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me")]
#[tracing::instrument(skip_all)]
pub async fn profile(state: web::Data<AppState>, me: Principal) -> ApiResult<HttpResponse> {
    let person = match me.person_id {
        Some(person_id) => match state.store.person(person_id).await? {
            Some(person) => {
                let appointments = state
                    .store
                    .appointments_of(person_id)
                    .await?
                    .into_iter()
                    .map(|a| AppointmentView {
                        organisation: OrgRef {
                            name: a.organisation_name,
                            uscc: a.organisation_uscc,
                        },
                        position: a.position,
                        rank: a.rank,
                        started_on: a.started_on,
                        ended_on: a.ended_on,
                    })
                    .collect();
                Some(PersonView {
                    name: person.name,
                    id_masked: person.id_masked,
                    scoring_consent: person.scoring_consent,
                    appointments,
                })
            }
            None => None,
        },
        None => None,
    };
    Ok(private(HttpResponse::Ok()).json(MyProfile {
        account: AccountView {
            username: me.username,
            display_name: me.display_name,
            roles: me.roles,
            organisation: me.organisation,
        },
        person,
    }))
}

/// Answers about one person are never stored by shared caches.
pub fn private(mut builder: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    builder.insert_header((actix_web::http::header::CACHE_CONTROL, "private, no-store"));
    builder
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordsQuery {
    /// 只看某一类 / Only this category.
    #[param(value_type = Option<Category>)]
    category: Option<String>,
}

fn category_codes() -> Vec<&'static str> {
    Category::ALL.iter().map(|c| c.code()).collect()
}

/// All my records, in every category and route, with versions and their part in the score.
#[utoipa::path(
    tag = "me",
    summary = "我的信用记录 / My records",
    description = "本人的全部信用记录（各类别、各公开方式、各状态），含公示期、版本历史以及是否计入积分及原因。\n\nAll of my records in every category, route and status, with the publicity window, earlier versions, and whether each counts in the score and why.",
    security(("bearer_token" = ["civil_servant"])),
    params(RecordsQuery),
    responses(
        (status = 200, description = "记录 / records", body = Vec<MyRecord>),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/records")]
#[tracing::instrument(skip_all)]
pub async fn records(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<RecordsQuery>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let category = fields.code(
        "category",
        query.category.as_deref(),
        Category::from_code,
        &category_codes(),
    );
    fields.finish()?;
    let person = own_person(&state, &me).await?;
    let rows = state.store.records_of_person(person.id).await?;
    let versions_rows = state.store.record_versions_of_person(person.id).await?;
    let mut versions: HashMap<i64, Vec<&RecordVersionRow>> = HashMap::new();
    for v in &versions_rows {
        versions.entry(v.record_id).or_default().push(v);
    }
    let (rulebook, outcome) = score_now(&state, &person, &scored_records(&rows)).await?;
    let lang = lang_of(&req);
    let lines: HashMap<i64, &ScoreLine> = match &outcome {
        ScoreOutcome::Scored(sheet) => sheet.lines.iter().map(|l| (l.record_id, l)).collect(),
        ScoreOutcome::NotScored { .. } => HashMap::new(),
    };
    let today = state.today();
    let disputed = state.store.disputed_records_of_person(person.id).await?;
    let (open_repairs, repair_bar) = state.store.repair_state_of_person(person.id).await?;
    let list: Vec<MyRecord> = rows
        .iter()
        .filter(|row| category.is_none_or(|c| row.category == c))
        .map(|row| {
            let part = lines.get(&row.id).map(|line| RecordScoreView {
                counts: line.counts,
                points: line.points,
                reason: line.reason.code().to_string(),
                explanation: explanation(&line.reason, lang),
                valid_until: line.valid_until,
            });
            let applicant = crate::domain::repair::ApplicantHistory {
                open_application: open_repairs.contains(&row.id),
                last_false_materials_on: repair_bar,
            };
            let candidate = person_records::repair_candidate(
                row,
                rulebook.validity_of_item(row.score_item.as_deref()),
            );
            let repair_eligible = crate::domain::repair::eligibility(
                &candidate,
                applicant,
                &state.config.repairs,
                today,
            )
            .is_ok();
            my_record(
                row,
                today,
                &versions,
                part,
                disputed.contains(&row.id),
                repair_eligible,
            )
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(list))
}

/// My score, grade and every point explained.
#[utoipa::path(
    tag = "me",
    summary = "我的积分与等级 / My score and grade",
    description = "按当日有效的规则版本计算：基础分、每一计分项（规则、分值、重复加倍、有效期至）、不再计分的项目及原因、直接定级。未同意计分时显示“不计分”。\n\nComputed with the rulebook version in effect today: the base, each counting item (rule, points, doubling, valid until), items that no longer count and why, a direct grade. Without consent: not scored.",
    security(("bearer_token" = ["civil_servant"])),
    responses(
        (status = 200, description = "积分 / the score", body = MyScore),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/score")]
#[tracing::instrument(skip_all)]
pub async fn score(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
) -> ApiResult<HttpResponse> {
    let person = own_person(&state, &me).await?;
    let rows = state.store.scoring_records_of_person(person.id).await?;
    let (rulebook, outcome) = score_now(&state, &person, &scoring_input(&rows)).await?;
    let titles: HashMap<i64, &str> = rows.iter().map(|r| (r.id, r.title.as_str())).collect();
    let view = my_score(&rulebook, &outcome, &titles, state.today(), lang_of(&req));
    Ok(private(HttpResponse::Ok()).json(view))
}

fn change_description(
    kind: ChangeKind,
    item: Option<&str>,
    title: Option<&str>,
    lang: Lang,
) -> String {
    let what = title.or(item).unwrap_or_default();
    match (kind, lang) {
        (ChangeKind::StartedCounting, Lang::Zh) => format!("开始计分：{what}"),
        (ChangeKind::StoppedCounting, Lang::Zh) => format!("有效期届满，不再计分：{what}"),
        (ChangeKind::PointsChanged, Lang::Zh) => format!("分值变化：{what}"),
        (ChangeKind::RulebookChanged, Lang::Zh) => "评分规则新版本生效".to_string(),
        (ChangeKind::StartedCounting, Lang::En) => format!("Started counting: {what}"),
        (ChangeKind::StoppedCounting, Lang::En) => {
            format!("Validity ended, no longer counts: {what}")
        }
        (ChangeKind::PointsChanged, Lang::En) => format!("Points changed: {what}"),
        (ChangeKind::RulebookChanged, Lang::En) => "A new rulebook version took effect".to_string(),
    }
}

/// How my score changed over time.
#[utoipa::path(
    tag = "me",
    summary = "积分变化历史 / Score history",
    description = "积分每一次变化的日期、变化后的分数和等级、所用规则版本及原因（某项开始或停止计分、规则新版本生效）。未同意计分时为空。\n\nEach change of the score: the day, the score and grade after it, the rulebook version, and the causes (an item started or stopped counting, a new rulebook version). Empty when not scored.",
    security(("bearer_token" = ["civil_servant"])),
    responses(
        (status = 200, description = "历史 / history", body = ScoreHistory),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/score/history")]
#[tracing::instrument(skip_all)]
pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
) -> ApiResult<HttpResponse> {
    let person = own_person(&state, &me).await?;
    let code = state.config.scoring.rulebook.clone();
    let versions = state.store.rulebook_versions(&code).await?;
    let requires_consent = versions.iter().any(|v| v.rulebook.requires_consent);
    let scored = person.scoring_consent || !requires_consent;
    let lang = lang_of(&req);
    let points = if scored {
        let rows = state.store.scoring_records_of_person(person.id).await?;
        let titles: HashMap<i64, &str> = rows.iter().map(|r| (r.id, r.title.as_str())).collect();
        score_history(&versions, &scoring_input(&rows), state.today())
            .into_iter()
            .map(|p| ScoreHistoryPoint {
                on: p.on,
                score: p.score,
                grade: p.grade,
                rulebook_version: p.rulebook_version,
                causes: p
                    .changes
                    .into_iter()
                    .map(|c| ScoreChange {
                        kind: c.kind.code().to_string(),
                        record_id: c.record_id,
                        description: change_description(
                            c.kind,
                            c.item_name.as_deref(),
                            c.record_id.and_then(|id| titles.get(&id).copied()),
                            lang,
                        ),
                        points: c.points,
                    })
                    .collect(),
            })
            .collect()
    } else {
        vec![]
    };
    Ok(private(HttpResponse::Ok()).json(ScoreHistory {
        state: if scored {
            ScoreState::Scored
        } else {
            ScoreState::NotScored
        },
        rulebook_code: code,
        points,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccessLogQuery {
    /// 上一页返回的 `next_cursor` / The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

/// Parses the access-log cursor (the id of the last entry shown).
pub fn entry_cursor(value: Option<&str>) -> Result<Option<i64>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => {
            text.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or(ApiError::BadRequest {
                    code: "malformed_cursor",
                    message: Text::new("游标无效", "The cursor is not valid"),
                    field: Some("cursor".to_string()),
                })
        }
    }
}

pub fn access_entry(row: crate::store::AccessRow) -> AccessLogEntry {
    AccessLogEntry {
        id: row.id,
        accessed_at: row.accessed_at,
        channel: row.channel,
        accessor: row.accessor_name,
        purpose: row.purpose,
        categories: parse_categories(&row.categories),
        record_count: row.record_count,
    }
}

/// Who has looked at my non-public records.
#[utoipa::path(
    tag = "me",
    summary = "查询记录（谁看过我的信用信息）/ Who looked at my records",
    description = "他人通过政务共享、授权查询等方式查看本人非公开信用信息的记录：时间、查询方（部门、人员或应用）、用途、类别和条数。新的在前，游标分页。\n\nEvery read of my non-public records by others (government sharing, authorised queries): when, who (department, person or app), for what purpose, which categories, how many records. Newest first, cursor pagination.",
    security(("bearer_token" = ["civil_servant"])),
    params(AccessLogQuery),
    responses(
        (status = 200, description = "一页记录 / one page", body = Page<AccessLogEntry>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/access-log")]
#[tracing::instrument(skip_all)]
pub async fn access_log(
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<AccessLogQuery>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let limit = fields.limit(query.limit.as_deref());
    fields.finish()?;
    let before = entry_cursor(query.cursor.as_deref())?;
    let person = own_person(&state, &me).await?;
    let rows = state
        .store
        .access_log_of_person(person.id, before, limit + 1)
        .await?;
    Ok(private(HttpResponse::Ok()).json(page_of(rows, limit, access_entry)))
}

/// One page from `limit + 1` rows fetched, newest first, with the id cursor of the next page.
pub fn page_of<R, T>(mut rows: Vec<R>, limit: u32, convert: impl Fn(R) -> T) -> Page<T>
where
    T: HasId,
{
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let items: Vec<T> = rows.into_iter().map(convert).collect();
    let next_cursor = if more {
        items.last().map(|i| i.id().to_string())
    } else {
        None
    };
    Page {
        items,
        next_cursor,
        limit,
    }
}

pub trait HasId {
    fn id(&self) -> i64;
}

impl HasId for AccessLogEntry {
    fn id(&self) -> i64 {
        self.id
    }
}

/// Turns scoring consent on or off.
#[utoipa::path(
    tag = "me",
    summary = "计分授权 / Scoring consent",
    description = "开启或关闭个人信用积分计算。关闭后记录照常保存，但不计分、不评级。\n\nTurns the computation of my score on or off. Without consent records are kept, but no score or grade is computed.",
    security(("bearer_token" = ["civil_servant"])),
    request_body = Consent,
    responses(
        (status = 200, description = "当前设置 / the setting now", body = Consent),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "请求内容有误 / invalid body", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/me/consent")]
#[tracing::instrument(skip_all)]
pub async fn consent(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<Consent>,
) -> ApiResult<HttpResponse> {
    let person = own_person(&state, &me).await?;
    state
        .store
        .set_scoring_consent(person.id, body.scoring_consent, &me.actor())
        .await?;
    Ok(private(HttpResponse::Ok()).json(Consent {
        scoring_consent: body.scoring_consent,
    }))
}

/// Field error helper shared by the grant handlers.
pub fn field_error(field: &str, code: &'static str, zh: &str, en: &str) -> FieldError {
    FieldError::new(field, code, Text::new(zh, en))
}
