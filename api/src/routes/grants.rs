//! Authorised-query grants (授权查询): a person lets an app or an organisation read chosen
//! categories of their records until a day; the grantee reads exactly that, and every read lands in
//! the person's access log.

use super::me::{field_error, own_person, private};
use super::person_records::{shared_record, visible};
use crate::auth::rate_limit::ApiCaller;
use crate::auth::{Principal, identity};
use crate::domain::disclosure::Audience;
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::{GrantRow, NewAccess, NewGrant as StoredGrant};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    AccessChannel, AuthorisedRecords, Category, GrantState, GrantView, GranteeKind, GranteeOption,
    GranteeRef, NewGrant, Problem, SubjectPerson,
};
use chrono::{Months, NaiveDate};

/// The longest a grant may run, counted from today.
const MAX_GRANT_MONTHS: u32 = 12;
const MAX_PURPOSE_CHARS: usize = 200;

pub fn grant_state(row: &GrantRow, today: NaiveDate) -> GrantState {
    if row.revoked_at.is_some() {
        GrantState::Revoked
    } else if row.valid_until < today {
        GrantState::Expired
    } else {
        GrantState::Active
    }
}

fn grant_view(row: &GrantRow, today: NaiveDate) -> GrantView {
    GrantView {
        id: row.id,
        grantee_kind: row.grantee_kind,
        grantee_name: row.grantee_name.clone(),
        purpose: row.purpose.clone(),
        categories: row.categories(),
        valid_until: row.valid_until,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
        state: grant_state(row, today),
        uses: row.uses,
    }
}

/// A purpose people can read: trimmed, 2 to 200 characters, no control characters.
pub fn purpose_text(value: &str) -> Option<String> {
    let value = value.trim();
    let chars = value.chars().count();
    ((2..=MAX_PURPOSE_CHARS).contains(&chars) && !value.chars().any(char::is_control))
        .then(|| value.to_string())
}

/// My grants, newest first.
#[utoipa::path(
    tag = "me",
    summary = "我的授权 / My grants",
    description = "本人给出的授权查询：对象、用途、类别、有效期、状态和已被使用的次数。\n\nThe authorised-query grants I gave: grantee, purpose, categories, validity, state and how often each was used.",
    security(("bearer_token" = ["civil_servant"])),
    responses(
        (status = 200, description = "授权 / grants", body = Vec<GrantView>),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/grants")]
#[tracing::instrument(skip_all)]
pub async fn list(state: web::Data<AppState>, me: Principal) -> ApiResult<HttpResponse> {
    let person = own_person(&state, &me).await?;
    let today = state.today();
    let grants: Vec<GrantView> = state
        .store
        .grants_of_person(person.id)
        .await?
        .iter()
        .map(|g| grant_view(g, today))
        .collect();
    Ok(private(HttpResponse::Ok()).json(grants))
}

/// Whom I can grant: registered apps and government bodies.
#[utoipa::path(
    tag = "me",
    summary = "可授权对象 / Possible grantees",
    description = "已登记的第三方应用和本地政府机关，供创建授权时选择。\n\nRegistered third-party apps and local government bodies, to choose from when creating a grant.",
    security(("bearer_token" = [])),
    responses(
        (status = 200, description = "可选对象 / options", body = Vec<GranteeOption>)
    )
)]
#[get("/me/grantees")]
#[tracing::instrument(skip_all)]
pub async fn grantees(state: web::Data<AppState>, _me: Principal) -> ApiResult<HttpResponse> {
    let mut options: Vec<GranteeOption> = state
        .store
        .api_keys()
        .await?
        .into_iter()
        .filter(|k| k.revoked_at.is_none())
        .map(|k| GranteeOption {
            name: format!("{}（{}）", k.name, k.owner),
            grantee: GranteeRef {
                kind: GranteeKind::App,
                api_key_prefix: Some(format!("cx_{}", k.prefix)),
                uscc: None,
            },
        })
        .collect();
    options.extend(
        state
            .store
            .government_bodies()
            .await?
            .into_iter()
            .map(|(_, name, uscc)| GranteeOption {
                name,
                grantee: GranteeRef {
                    kind: GranteeKind::Organisation,
                    api_key_prefix: None,
                    uscc: Some(uscc),
                },
            }),
    );
    Ok(private(HttpResponse::Ok()).json(options))
}

/// The grantee a request names, resolved to stored ids and a name, or the field at fault.
async fn resolve_grantee(
    state: &AppState,
    grantee: &GranteeRef,
) -> ApiResult<(Option<i64>, Option<i64>, String)> {
    match grantee.kind {
        GranteeKind::App => {
            let prefix = grantee
                .api_key_prefix
                .as_deref()
                .map(|p| p.trim().trim_start_matches("cx_").to_string())
                .filter(|p| !p.is_empty())
                .ok_or_else(|| {
                    ApiError::Validation(vec![field_error(
                        "grantee.api_key_prefix",
                        "required",
                        "请填写应用的 API 密钥前缀",
                        "the app's API key prefix is required",
                    )])
                })?;
            let key = if prefix.len() <= 16 && prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
                state.store.active_api_key(&prefix).await?
            } else {
                None
            };
            let key = key.ok_or_else(|| {
                ApiError::Validation(vec![field_error(
                    "grantee.api_key_prefix",
                    "unknown_app",
                    "没有这个已登记的应用",
                    "no registered app has this key prefix",
                )])
            })?;
            Ok((Some(key.id), None, format!("{}（{}）", key.name, key.owner)))
        }
        GranteeKind::Organisation => {
            let uscc = grantee
                .uscc
                .as_deref()
                .map(str::trim)
                .and_then(|u| crate::domain::Uscc::parse(u).ok())
                .ok_or_else(|| {
                    ApiError::Validation(vec![field_error(
                        "grantee.uscc",
                        "invalid_uscc",
                        "请填写有效的统一社会信用代码",
                        "a valid unified social credit code is required",
                    )])
                })?;
            let (id, name) = state
                .store
                .organisation_by_uscc(uscc.as_ref())
                .await?
                .ok_or_else(|| {
                    ApiError::Validation(vec![field_error(
                        "grantee.uscc",
                        "unknown_organisation",
                        "档案中没有这个单位",
                        "no organisation with this code is in the archive",
                    )])
                })?;
            Ok((None, Some(id), name))
        }
    }
}

/// Gives a grant.
#[utoipa::path(
    tag = "me",
    summary = "创建授权查询 / Give a grant",
    description = "授权某个应用或单位在有效期内（至多一年）为所述用途查询本人所选类别的信用记录（仅限公开和授权查询方式的有效记录）。\n\nLets an app or organisation read the chosen categories of my records (effective records disclosed publicly or by authorised query) for the stated purpose until a day (at most a year ahead).",
    security(("bearer_token" = ["civil_servant"])),
    request_body = NewGrant,
    responses(
        (status = 201, description = "已授权 / granted", body = GrantView),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/me/grants")]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<NewGrant>,
) -> ApiResult<HttpResponse> {
    let person = own_person(&state, &me).await?;
    let body = body.into_inner();
    let today = state.today();
    let mut errors = Vec::new();
    let purpose = purpose_text(&body.purpose);
    if purpose.is_none() {
        errors.push(field_error(
            "purpose",
            "invalid_purpose",
            "用途应为 2 至 200 个字符",
            "the purpose must be 2 to 200 characters",
        ));
    }
    let mut categories: Vec<Category> = body.categories.clone();
    categories.sort();
    categories.dedup();
    if categories.is_empty() {
        errors.push(field_error(
            "categories",
            "required",
            "请至少选择一个信息类别",
            "choose at least one category",
        ));
    }
    let latest = today
        .checked_add_months(Months::new(MAX_GRANT_MONTHS))
        .unwrap_or(today);
    if body.valid_until < today || body.valid_until > latest {
        errors.push(field_error(
            "valid_until",
            "out_of_range",
            "有效期应从今天起至多一年",
            "must be between today and a year from today",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (api_key_id, org_id, grantee_name) = resolve_grantee(&state, &body.grantee).await?;
    let id = state
        .store
        .insert_grant(
            &StoredGrant {
                person_id: person.id,
                grantee_kind: body.grantee.kind,
                grantee_api_key_id: api_key_id,
                grantee_org_id: org_id,
                grantee_name,
                purpose: purpose.unwrap_or_default(),
                categories,
                valid_until: body.valid_until,
            },
            &me.actor(),
        )
        .await?;
    let row = state
        .store
        .grant(id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("grant {id} vanished")))?;
    Ok(private(HttpResponse::Created())
        .insert_header(("Location", format!("/api/v1/me/grants/{id}")))
        .json(grant_view(&row, today)))
}

/// Revokes a grant at once.
#[utoipa::path(
    tag = "me",
    summary = "撤回授权 / Revoke a grant",
    description = "立即撤回一项授权，此后被授权方的查询将被拒绝（403）。授权记录保留。\n\nRevokes a grant at once; the grantee's next query is refused (403). The grant stays on record.",
    security(("bearer_token" = ["civil_servant"])),
    params(("id" = i64, Path, description = "授权编号 / grant id")),
    responses(
        (status = 200, description = "已撤回 / revoked", body = GrantView),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有这项授权 / no such grant of mine", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/me/grants/{id}/revoke")]
#[tracing::instrument(skip_all)]
pub async fn revoke(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let person = own_person(&state, &me).await?;
    let id = path.into_inner();
    let row = state
        .store
        .grant(id)
        .await?
        .filter(|g| g.person_id == person.id)
        .ok_or_else(ApiError::not_found)?;
    if row.revoked_at.is_none() {
        state.store.revoke_grant(person.id, id, &me.actor()).await?;
    }
    let row = state
        .store
        .grant(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(private(HttpResponse::Ok()).json(grant_view(&row, state.today())))
}

/// Who is asking for an authorised query: an app by its key, or staff of an organisation.
enum Grantee {
    App(ApiCaller),
    Staff(Principal),
}

async fn grantee_of(req: &HttpRequest) -> ApiResult<Grantee> {
    if let Some(app) = req.extensions().get::<ApiCaller>().cloned() {
        return Ok(Grantee::App(app));
    }
    if identity::bearer_token(req).is_some() {
        let me = Principal::extract(req).await?;
        return Ok(Grantee::Staff(me));
    }
    Err(ApiError::Unauthorized {
        code: "missing_credentials",
        message: Text::new(
            "授权查询需要应用的 API 密钥或单位工作人员的登录令牌",
            "An authorised query needs an app's API key or a staff member's access token",
        ),
    })
}

/// Reads what a grant covers.
#[utoipa::path(
    tag = "authorised",
    summary = "授权查询 / Authorised query",
    description = "被授权的应用（API 密钥）或单位工作人员（登录令牌）按授权读取本人信用记录：只含授权类别中公开和授权查询方式的有效记录。每次查询都记入本人的查询记录。已撤回或过期的授权返回 403 并说明原因。\n\nThe grantee — an app with its API key, or staff of the granted organisation with an access token — reads exactly what the grant covers: effective records of the granted categories disclosed publicly or by authorised query. Every read is logged for the person. A revoked or expired grant gets 403 with the reason.",
    security(("api_key" = []), ("bearer_api_key" = []), ("bearer_token" = [])),
    params(("id" = i64, Path, description = "授权编号（由本人告知）/ grant id (from the person)")),
    responses(
        (status = 200, description = "授权范围内的记录 / the records the grant covers", body = AuthorisedRecords),
        (status = 401, description = "缺少或无效的凭证 / missing or invalid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "授权已撤回或已过期 / grant revoked or expired", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有授予调用方的这项授权 / no such grant to the caller", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/authorised/grants/{id}/records")]
#[tracing::instrument(skip_all)]
pub async fn authorised_records(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let grantee = grantee_of(&req).await?;
    let grant = state
        .store
        .grant(path.into_inner())
        .await?
        .ok_or_else(ApiError::not_found)?;
    // A grant for someone else looks like no grant at all: nothing about it is revealed.
    let (accessor_name, account_id, org_id, key_id) = match &grantee {
        Grantee::App(app) if grant.grantee_api_key_id == Some(app.key_id) => (
            format!("{}（{}）", app.name, app.owner),
            None,
            None,
            Some(app.key_id),
        ),
        Grantee::Staff(me)
            if me.organisation_id.is_some() && grant.grantee_org_id == me.organisation_id =>
        {
            let org = me.organisation.as_ref().map_or("", |o| o.name.as_str());
            (
                format!("{org} · {}", me.display_name),
                Some(me.account_id),
                me.organisation_id,
                None,
            )
        }
        _ => return Err(ApiError::not_found()),
    };
    let today = state.today();
    match grant_state(&grant, today) {
        GrantState::Revoked => {
            return Err(ApiError::Forbidden {
                code: "grant_revoked",
                message: Text::new("本人已撤回该项授权", "The person has revoked this grant"),
            });
        }
        GrantState::Expired => {
            return Err(ApiError::Forbidden {
                code: "grant_expired",
                message: Text::new(
                    format!("该项授权已于 {} 到期", grant.valid_until),
                    format!("This grant expired after {}", grant.valid_until),
                ),
            });
        }
        GrantState::Active => {}
    }
    let person = state
        .store
        .person(grant.person_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let categories = grant.categories();
    let rows = state.store.records_of_person(person.id).await?;
    let records: Vec<_> = visible(&rows, Audience::AuthorisedQuery, today, Some(&categories))
        .into_iter()
        .map(shared_record)
        .collect();
    // Logged before answering: a read that is not logged does not happen.
    state
        .store
        .log_access(&NewAccess {
            person_id: person.id,
            channel: AccessChannel::AuthorisedQuery,
            accessor_account_id: account_id,
            accessor_org_id: org_id,
            api_key_id: key_id,
            grant_id: Some(grant.id),
            accessor_name,
            purpose: grant.purpose.clone(),
            categories: categories.clone(),
            record_count: records.len() as i64,
        })
        .await?;
    Ok(private(HttpResponse::Ok()).json(AuthorisedRecords {
        grant_id: grant.id,
        purpose: grant.purpose,
        categories,
        valid_until: grant.valid_until,
        subject: SubjectPerson {
            name: person.name,
            id_masked: person.id_masked,
        },
        records,
    }))
}
