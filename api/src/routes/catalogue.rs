//! The catalogue of record kinds, kept by the credit office: it adds the kinds its own rules name
//! (个人有关事项报告查核, 廉政记录, 作风纪律, training, audit findings about a body…), changes them as
//! new versions and retires them. Intake reads the catalogue as it is at each request.

use super::me::private;
use crate::auth::Principal;
use crate::domain::catalogue::{CatalogueError, CatalogueKind, check_kind};
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use chengxin_types::{Problem, RecordKindInput};

fn refused(error: CatalogueError) -> ApiError {
    let (field, code, en) = match &error {
        CatalogueError::InvalidCode => (
            "code",
            "invalid_code",
            "A code is 3 to 64 lower-case letters, digits or underscores, starting with a letter"
                .to_string(),
        ),
        CatalogueError::InvalidName => (
            "name",
            "invalid_name",
            "A name is 1 to 100 characters".to_string(),
        ),
        CatalogueError::Exists(code) => {
            return ApiError::Conflict {
                code: "kind_exists",
                message: Text::new(error.to_string(), format!("A kind with code {code} exists")),
            };
        }
        CatalogueError::CategoryInUse(code) => {
            return ApiError::Conflict {
                code: "kind_in_use",
                message: Text::new(
                    error.to_string(),
                    format!("Records of kind {code} exist: its category cannot change"),
                ),
            };
        }
        CatalogueError::Retired(code) => {
            return ApiError::Conflict {
                code: "kind_retired",
                message: Text::new(error.to_string(), format!("Kind {code} is retired")),
            };
        }
    };
    ApiError::field(field, code, Text::new(error.to_string(), en))
}

/// The kind the input describes, checked: its form, and a scoring item the rulebook in force has.
async fn kind_of(
    state: &AppState,
    code: String,
    input: RecordKindInput,
) -> ApiResult<CatalogueKind> {
    let kind = CatalogueKind {
        code,
        name: input.name.trim().to_string(),
        category: input.category,
        source: input.source.trim().to_string(),
        default_route: input.default_route,
        default_tier: input.default_tier,
        score_item: input.score_item.filter(|s| !s.trim().is_empty()),
        subjects: input.subjects,
        version: 1,
        retired_on: None,
    };
    check_kind(&kind).map_err(refused)?;
    if kind.source.is_empty() || kind.source.chars().count() > 50 {
        return Err(ApiError::field(
            "source",
            "invalid_source",
            Text::new(
                "请填写信息来源（至多 50 个字符）",
                "Give the source (at most 50 characters)",
            ),
        ));
    }
    if let Some(item) = &kind.score_item {
        let rulebook = state
            .store
            .rulebook_in_effect(&state.config.scoring.rulebook, state.today())
            .await?;
        if rulebook.item(item).is_none() {
            return Err(ApiError::field(
                "score_item",
                "unknown_score_item",
                Text::new(
                    format!("现行评分规则中没有计分项目“{item}”"),
                    format!("The rulebook in force has no scoring item {item}"),
                ),
            ));
        }
    }
    Ok(kind)
}

/// Every kind of the catalogue, retired ones included.
#[utoipa::path(
    operation_id = "list_record_kinds",
    tag = "admin",
    summary = "记录种类目录 / The catalogue of record kinds",
    description = "信用办查看目录中的全部记录种类（含已停用的）：类别、适用主体、默认公开方式和分级、计分项目、版本。\n\nEvery kind of the catalogue, retired ones included: category, subjects, default route and tier, scoring item, version.",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "目录 / the catalogue", body = Vec<CatalogueKind>),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/record-kinds")]
#[tracing::instrument(skip_all)]
pub async fn list(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let catalogue = state.store.catalogue().await?;
    Ok(private(HttpResponse::Ok()).json(catalogue.kinds()))
}

/// Adds a kind.
#[utoipa::path(
    operation_id = "add_record_kind",
    tag = "admin",
    summary = "新增记录种类 / Add a record kind",
    description = "信用办按本地规定新增记录种类（如个人有关事项报告查核、廉政记录、作风纪律、称职等次、培训记录、行政复议或审计发现的问题）。代码一经使用不得重复，停用的也不例外。\n\nThe credit office adds a kind its local rules name. A code is never reused, not even a retired one's.",
    security(("bearer_token" = ["admin"])),
    request_body = RecordKindInput,
    responses(
        (status = 201, description = "已新增 / added", body = CatalogueKind),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "代码已存在 / the code exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "内容有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/record-kinds")]
#[tracing::instrument(skip_all)]
pub async fn add(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<RecordKindInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let code = input.code.clone().unwrap_or_default().trim().to_string();
    let kind = kind_of(&state, code, input).await?;
    let added = state
        .store
        .add_record_kind(&kind, &me.actor())
        .await?
        .map_err(refused)?;
    Ok(private(HttpResponse::Created()).json(added))
}

/// Changes a kind: a new version, the old one kept.
#[utoipa::path(
    operation_id = "change_record_kind",
    tag = "admin",
    summary = "修改记录种类 / Change a record kind",
    description = "以新版本修改记录种类，旧版本保留。已有记录的种类不能改变信用信息类别（返回 409 `kind_in_use`）；已停用的不能修改。\n\nA change is a new version; the old one is kept. A kind with records cannot change its category (409 `kind_in_use`); a retired kind is not changed.",
    security(("bearer_token" = ["admin"])),
    params(("code" = String, Path, description = "种类代码 / kind code")),
    request_body = RecordKindInput,
    responses(
        (status = 200, description = "新版本 / the new version", body = CatalogueKind),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此种类 / no such kind", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已有记录不能改类别，或已停用 / in use or retired", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "内容有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/admin/record-kinds/{code}")]
#[tracing::instrument(skip_all)]
pub async fn change(
    state: web::Data<AppState>,
    me: Principal,
    code: web::Path<String>,
    body: web::Json<RecordKindInput>,
) -> ApiResult<HttpResponse> {
    let kind = kind_of(&state, code.into_inner(), body.into_inner()).await?;
    let changed = state
        .store
        .change_record_kind(&kind, &me.actor())
        .await?
        .ok_or_else(ApiError::not_found)?
        .map_err(refused)?;
    Ok(private(HttpResponse::Ok()).json(changed))
}

/// Retires a kind from today.
#[utoipa::path(
    operation_id = "retire_record_kind",
    tag = "admin",
    summary = "停用记录种类 / Retire a record kind",
    description = "自今日起停用：不能再报送该种类的记录，已有记录不受影响。种类不会被删除。\n\nFrom today no new records of the kind are reported; the records there are stay as they are. A kind is never deleted.",
    security(("bearer_token" = ["admin"])),
    params(("code" = String, Path, description = "种类代码 / kind code")),
    responses(
        (status = 200, description = "已停用 / retired", body = CatalogueKind),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此种类 / no such kind", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已停用 / already retired", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/record-kinds/{code}/retire")]
#[tracing::instrument(skip_all)]
pub async fn retire(
    state: web::Data<AppState>,
    me: Principal,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let retired = state
        .store
        .retire_record_kind(code.as_str(), state.today(), &me.actor())
        .await?
        .ok_or_else(ApiError::not_found)?
        .map_err(refused)?;
    Ok(private(HttpResponse::Ok()).json(retired))
}
