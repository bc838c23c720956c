//! The credit office manages accounts and third-party API keys here, so no one needs the server's
//! command line: create an account, disable or enable it, set a new password; create a key (shown
//! once), list and revoke keys. Every change is an audit event; disabling an account or setting
//! its password ends its sessions at once.

use super::me::private;
use crate::auth::accounts::{AccountRequest, create_account, hashed_password};
use crate::auth::{Principal, api_keys};
use crate::error::{ApiError, ApiResult, FieldError, Text};
use crate::state::AppState;
use crate::store::{AccountRow, ApiKeyRow};
use actix_web::{HttpResponse, get, post, web};
use chengxin_types::{
    ApiKeySummary, IssuedApiKey, ManagedAccount, NewAccountRequest, NewApiKeyRequest, OrgRef,
    PasswordReset, Problem,
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

fn managed(row: AccountRow, last_sign_in_at: Option<DateTime<Utc>>) -> ManagedAccount {
    let roles = row.roles();
    ManagedAccount {
        organisation: match (row.organisation_name, row.organisation_uscc) {
            (Some(name), Some(uscc)) => Some(OrgRef { name, uscc }),
            _ => None,
        },
        username: row.username,
        display_name: row.display_name,
        roles,
        linked_to_archive: row.person_id.is_some(),
        created_at: row.created_at,
        disabled_at: row.disabled_at,
        last_sign_in_at,
    }
}

/// The account as the credit office sees it now.
async fn managed_account(state: &AppState, username: &str) -> ApiResult<ManagedAccount> {
    let row = state
        .store
        .account_by_username(username)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let last = state.store.last_sign_in(row.id).await?;
    Ok(managed(row, last))
}

/// Every account.
#[utoipa::path(
    operation_id = "list_accounts",
    tag = "admin",
    summary = "账号列表 / Accounts",
    description = "信用办查看全部账号：角色、所属单位、是否关联本人档案、创建时间、是否停用、最近一次登录。\n\nThe credit office sees every account: roles, department, whether it is linked to a person's archive, when it was created, whether it is disabled, and its last sign-in.",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "账号 / the accounts", body = Vec<ManagedAccount>),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/accounts")]
#[tracing::instrument(skip_all)]
pub async fn accounts(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let last: HashMap<i64, DateTime<Utc>> =
        state.store.last_sign_ins().await?.into_iter().collect();
    let list: Vec<ManagedAccount> = state
        .store
        .accounts()
        .await?
        .into_iter()
        .map(|row| {
            let at = last.get(&row.id).copied();
            managed(row, at)
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(list))
}

/// Creates an account.
#[utoipa::path(
    operation_id = "create_account",
    tag = "admin",
    summary = "新建账号 / Create an account",
    description = "信用办新建账号并设定初始密码（至少 10 个字符且不同于账号名）。公职人员账号须填写身份证号码以关联本人档案；信息报送员、评议审核员、异议与修复经办人须填写所属单位的统一社会信用代码。\n\nThe credit office creates an account with a first password (at least 10 characters, not the account name). A civil servant's account needs their ID number to link the archive; reporters, reviewers and handlers need their department's USCC.",
    security(("bearer_token" = ["admin"])),
    request_body = NewAccountRequest,
    responses(
        (status = 201, description = "已新建 / created", body = ManagedAccount),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "账号名已被使用 / the account name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "内容有误（指明字段）/ invalid fields, each named", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/accounts")]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<NewAccountRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let request = AccountRequest {
        username: body.username,
        display_name: body.display_name,
        password: body.password,
        roles: body.roles,
        id_number: body.id_number,
        organisation_uscc: body.organisation_uscc,
    };
    create_account(&state.store, &state.cipher, &request, &me.actor()).await?;
    let account = managed_account(&state, request.username.trim()).await?;
    Ok(private(HttpResponse::Created()).json(account))
}

/// Disables or enables an account and answers with it as it is now.
async fn set_disabled(
    state: &AppState,
    me: &Principal,
    username: &str,
    disabled: bool,
) -> ApiResult<HttpResponse> {
    let current = managed_account(state, username).await?;
    if disabled && current.username == me.username {
        return Err(ApiError::Conflict {
            code: "own_account",
            message: Text::new(
                "不能停用自己正在使用的账号",
                "You cannot disable the account you are signed in with",
            ),
        });
    }
    if !state
        .store
        .set_account_disabled(username, disabled, &me.actor())
        .await?
    {
        return Err(ApiError::Conflict {
            code: if disabled {
                "already_disabled"
            } else {
                "not_disabled"
            },
            message: if disabled {
                Text::new("该账号已停用", "The account is already disabled")
            } else {
                Text::new("该账号未停用", "The account is not disabled")
            },
        });
    }
    let account = managed_account(state, username).await?;
    Ok(private(HttpResponse::Ok()).json(account))
}

/// Disables an account: it cannot sign in, and every open page of it is signed out at once.
#[utoipa::path(
    operation_id = "disable_account",
    tag = "admin",
    summary = "停用账号 / Disable an account",
    description = "停用后该账号不能登录，已打开的页面随即退出（访问令牌立即失效）。不能停用自己正在使用的账号。\n\nA disabled account cannot sign in, and its open pages are signed out at once (its access tokens stop working). You cannot disable your own account.",
    security(("bearer_token" = ["admin"])),
    params(("username" = String, Path, description = "账号名 / account name")),
    responses(
        (status = 200, description = "已停用 / disabled", body = ManagedAccount),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此账号 / no such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已停用，或是自己的账号 / already disabled, or your own", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/accounts/{username}/disable")]
#[tracing::instrument(skip_all)]
pub async fn disable(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    set_disabled(&state, &me, &path.into_inner(), true).await
}

/// Enables a disabled account again.
#[utoipa::path(
    operation_id = "enable_account",
    tag = "admin",
    summary = "启用账号 / Enable an account",
    security(("bearer_token" = ["admin"])),
    params(("username" = String, Path, description = "账号名 / account name")),
    responses(
        (status = 200, description = "已启用 / enabled", body = ManagedAccount),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此账号 / no such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "未停用 / not disabled", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/accounts/{username}/enable")]
#[tracing::instrument(skip_all)]
pub async fn enable(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    set_disabled(&state, &me, &path.into_inner(), false).await
}

/// Sets a new password for an account; its sessions end.
#[utoipa::path(
    operation_id = "reset_account_password",
    tag = "admin",
    summary = "重置密码 / Set a new password",
    description = "信用办为账号设定新密码（规则同新建账号），该账号已登录的会话全部结束，须用新密码重新登录。\n\nThe credit office sets a new password (same rules as for a new account); the account's sessions all end and it signs in again with the new one.",
    security(("bearer_token" = ["admin"])),
    params(("username" = String, Path, description = "账号名 / account name")),
    request_body = PasswordReset,
    responses(
        (status = 200, description = "已设定 / set", body = ManagedAccount),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此账号 / no such account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "密码不符合要求 / the password is too weak", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/accounts/{username}/password")]
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    body: web::Json<PasswordReset>,
) -> ApiResult<HttpResponse> {
    let username = path.into_inner();
    let account = managed_account(&state, &username).await?;
    let hash = hashed_password(&body.password, &account.username).await?;
    if !state
        .store
        .set_account_password(&account.username, &hash, &me.actor())
        .await?
    {
        return Err(ApiError::not_found());
    }
    Ok(private(HttpResponse::Ok()).json(managed_account(&state, &username).await?))
}

fn key_summary(row: ApiKeyRow) -> ApiKeySummary {
    ApiKeySummary {
        prefix: row.prefix,
        name: row.name,
        owner: row.owner,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
    }
}

/// Every API key, revoked ones included (never their secrets).
#[utoipa::path(
    operation_id = "list_api_keys",
    tag = "admin",
    summary = "API 密钥列表 / API keys",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "密钥（不含密文）/ the keys, without secrets", body = Vec<ApiKeySummary>),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/api-keys")]
#[tracing::instrument(skip_all)]
pub async fn keys(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let list: Vec<ApiKeySummary> = state
        .store
        .api_keys()
        .await?
        .into_iter()
        .map(key_summary)
        .collect();
    Ok(private(HttpResponse::Ok()).json(list))
}

/// A required text of at most `max` characters, trimmed.
fn required(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(FieldError::new(
            field,
            "invalid_text",
            Text::new(
                format!("请填写（不超过 {max} 个字）"),
                format!("Required, at most {max} characters"),
            ),
        ));
    }
    Ok(value.to_string())
}

/// Creates a key for an app; the whole key is in this answer only.
#[utoipa::path(
    operation_id = "create_api_key",
    tag = "admin",
    summary = "新建 API 密钥 / Create an API key",
    description = "为第三方应用新建密钥。完整密钥只在本次应答中出现一次，服务器只保存其散列值；请当面或通过安全渠道交给应用的负责人。\n\nCreates a key for a third-party app. The whole key appears in this answer only; the server keeps only its hash. Hand it to the app's owner safely.",
    security(("bearer_token" = ["admin"])),
    request_body = NewApiKeyRequest,
    responses(
        (status = 201, description = "新密钥（仅此一次）/ the new key, shown once", body = IssuedApiKey),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "内容有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/api-keys")]
#[tracing::instrument(skip_all)]
pub async fn create_key(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<NewApiKeyRequest>,
) -> ApiResult<HttpResponse> {
    let (name, owner) = match (
        required("name", &body.name, 100),
        required("owner", &body.owner, 200),
    ) {
        (Ok(name), Ok(owner)) => (name, owner),
        (name, owner) => {
            return Err(ApiError::Validation(
                [name.err(), owner.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let key = api_keys::generate();
    state
        .store
        .insert_api_key(&key.prefix, &key.secret_hash, &name, &owner, &me.actor())
        .await?;
    let row = state
        .store
        .api_key(&key.prefix)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the key just stored is missing")))?;
    Ok(private(HttpResponse::Created()).json(IssuedApiKey {
        key: key.full,
        summary: key_summary(row),
    }))
}

/// Revokes a key at once: the next call with it gets 401.
#[utoipa::path(
    operation_id = "revoke_api_key",
    tag = "admin",
    summary = "吊销 API 密钥 / Revoke an API key",
    description = "立即吊销：此后使用该密钥的请求返回 401。\n\nRevoked at once: the next request with the key gets 401.",
    security(("bearer_token" = ["admin"])),
    params(("prefix" = String, Path, description = "密钥前缀（cx_ 之后的部分）/ the key's prefix (after cx_)")),
    responses(
        (status = 200, description = "已吊销 / revoked", body = ApiKeySummary),
        (status = 403, description = "不是信用办管理员 / not the credit office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此密钥 / no such key", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已吊销 / already revoked", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/api-keys/{prefix}/revoke")]
#[tracing::instrument(skip_all)]
pub async fn revoke_key(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let prefix = path.into_inner();
    state
        .store
        .api_key(&prefix)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if !state.store.revoke_api_key(&prefix, &me.actor()).await? {
        return Err(ApiError::Conflict {
            code: "already_revoked",
            message: Text::new("该密钥已吊销", "The key is already revoked"),
        });
    }
    let row = state
        .store
        .api_key(&prefix)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(private(HttpResponse::Ok()).json(key_summary(row)))
}
