//! Sign-in, token refresh, sign-out, and the public signing keys.

use crate::auth::client_ip::client_ip;
use crate::auth::{Principal, password};
use crate::error::{ApiError, ApiResult, FieldError, Text};
use crate::state::AppState;
use crate::store::RefreshOutcome;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chengxin_types::{LoginRequest, Problem, RefreshRequest, TokenPair};
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

const MAX_USERNAME_CHARS: usize = 64;
const MAX_PASSWORD_CHARS: usize = 256;

fn wrong_credentials() -> ApiError {
    // The same answer for an unknown account, a wrong password and a disabled account.
    ApiError::Unauthorized {
        code: "invalid_credentials",
        message: Text::new("账号或密码不正确", "The account name or password is wrong"),
    }
}

fn locked(until: chrono::DateTime<Utc>) -> ApiError {
    let seconds = (until - Utc::now()).num_seconds().max(1);
    ApiError::SignInLocked {
        retry_after_secs: u64::try_from(seconds).unwrap_or(1),
    }
}

/// A fresh refresh token (`rt_` + 256 random bits) and the hash that is stored.
fn new_refresh_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    let token = format!("rt_{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_refresh_token(&token);
    (token, hash)
}

fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn no_store(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn check_login(body: &LoginRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    for (field, value, max) in [
        ("username", &body.username, MAX_USERNAME_CHARS),
        ("password", &body.password, MAX_PASSWORD_CHARS),
    ] {
        let chars = value.chars().count();
        if value.trim().is_empty() {
            errors.push(FieldError::new(
                field,
                "required",
                Text::new("不能为空", "must not be empty"),
            ));
        } else if chars > max {
            errors.push(FieldError::new(
                field,
                "too_long",
                Text::new(
                    format!("不能超过 {max} 个字符"),
                    format!("must be at most {max} characters"),
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

async fn token_pair(
    state: &AppState,
    account_id: i64,
    session_id: &str,
    refresh_token: String,
) -> ApiResult<TokenPair> {
    let (access_token, expires_in) = state.tokens.current().issue(account_id, session_id)?;
    Ok(TokenPair {
        access_token,
        token_type: "Bearer".to_string(),
        expires_in,
        refresh_token,
        refresh_expires_in: u64::from(state.config.auth.refresh_token_days) * 86_400,
    })
}

/// Signs in with account name and password.
#[utoipa::path(
    tag = "auth",
    summary = "登录 / Sign in",
    description = "用账号和密码换取访问令牌（JWT，EdDSA 签名，至多 15 分钟）和刷新令牌。账号不存在与密码错误的回答相同；同一账号或同一地址连续失败将被暂时锁定（429）。\n\nExchanges account name and password for an access token (JWT signed with EdDSA, at most 15 minutes) and a refresh token. An unknown account and a wrong password get the same answer; repeated failures per account or per address lock sign-in for a while (429).",
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "已登录 / signed in", body = TokenPair),
        (status = 401, description = "账号或密码不正确 / wrong account name or password", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "失败次数过多，暂时锁定 / too many failures, locked for a while", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/login")]
#[tracing::instrument(skip_all)]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    check_login(&body)?;
    let username = body.username.trim().to_string();
    let address = client_ip(
        req.peer_addr().map(|a| a.ip()),
        req.headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok()),
        &state.config.trusted_proxies,
    );
    let account_key = format!("account:{}", username.to_lowercase());
    let address_key = format!(
        "address:{}",
        address.map_or_else(|| "unknown".to_string(), |a| a.to_string())
    );
    if let Some(until) = state
        .store
        .login_locked_until(&[account_key.clone(), address_key.clone()])
        .await?
    {
        return Err(locked(until));
    }
    let account = state.store.account_by_username(&username).await?;
    let stored_hash = account
        .as_ref()
        .filter(|a| a.disabled_at.is_none())
        .map(|a| a.password_hash.clone());
    let presented = body.password;
    // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
    let verified = web::block(move || match stored_hash {
        Some(hash) => password::verify(&presented, &hash),
        None => {
            password::verify_against_dummy(&presented);
            false
        }
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("password check did not run: {e}")))?;
    let account = match account {
        Some(account) if verified => account,
        _ => {
            let auth = &state.config.auth;
            let lock = Duration::seconds(i64::try_from(auth.lock_seconds).unwrap_or(300));
            state
                .store
                .record_login_failure(&account_key, auth.account_failures_before_lock, lock)
                .await?;
            state
                .store
                .record_login_failure(&address_key, auth.address_failures_before_lock, lock)
                .await?;
            tracing::info!(account = %username, "sign-in refused");
            return Err(wrong_credentials());
        }
    };
    state.store.clear_login_failures(&account_key).await?;
    let (refresh_token, refresh_hash) = new_refresh_token();
    let expires_at = Utc::now() + Duration::days(i64::from(state.config.auth.refresh_token_days));
    let session_id = state
        .store
        .create_session(account.id, &refresh_hash, expires_at)
        .await?;
    tracing::info!(account = %account.username, "signed in");
    let pair = token_pair(&state, account.id, &session_id, refresh_token).await?;
    Ok(no_store(HttpResponse::Ok().json(pair)))
}

fn refresh_refused(reused: bool) -> ApiError {
    if reused {
        ApiError::Unauthorized {
            code: "refresh_token_reused",
            message: Text::new(
                "刷新令牌已被使用过，为安全起见该次登录已失效，请重新登录",
                "The refresh token was used before; that sign-in has been ended for safety, please sign in again",
            ),
        }
    } else {
        ApiError::Unauthorized {
            code: "invalid_refresh_token",
            message: Text::new(
                "刷新令牌无效、已过期或已注销，请重新登录",
                "The refresh token is unknown, expired or revoked; please sign in again",
            ),
        }
    }
}

/// Exchanges a refresh token for a new pair; the old refresh token is spent.
#[utoipa::path(
    tag = "auth",
    summary = "刷新令牌 / Refresh tokens",
    description = "刷新令牌每次使用后即作废并换发新令牌；已作废的刷新令牌再次出现时，整个登录会话被注销。\n\nEach refresh token works once and is replaced; presenting a spent one again ends the whole sign-in session.",
    security(()),
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "新的令牌 / new tokens", body = TokenPair),
        (status = 401, description = "刷新令牌无效或已被使用 / invalid or reused refresh token", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/refresh")]
#[tracing::instrument(skip_all)]
pub async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = body.into_inner().refresh_token;
    if presented.len() > 128 {
        return Err(refresh_refused(false));
    }
    let (next_token, next_hash) = new_refresh_token();
    let expires_at = Utc::now() + Duration::days(i64::from(state.config.auth.refresh_token_days));
    match state
        .store
        .rotate_refresh_token(&hash_refresh_token(&presented), &next_hash, expires_at)
        .await?
    {
        RefreshOutcome::Rotated {
            account_id,
            session_id,
        } => {
            let pair = token_pair(&state, account_id, &session_id, next_token).await?;
            Ok(no_store(HttpResponse::Ok().json(pair)))
        }
        RefreshOutcome::Reused => {
            tracing::warn!("a spent refresh token was presented again; its session is revoked");
            Err(refresh_refused(true))
        }
        RefreshOutcome::Refused => Err(refresh_refused(false)),
    }
}

/// Ends the current sign-in: its access and refresh tokens stop working at once.
#[utoipa::path(
    tag = "auth",
    summary = "退出登录 / Sign out",
    description = "注销本次登录：访问令牌和刷新令牌立即失效。\n\nEnds this sign-in: its access and refresh tokens stop working at once.",
    security(("bearer_token" = [])),
    responses(
        (status = 204, description = "已退出 / signed out")
    )
)]
#[post("/auth/logout")]
#[tracing::instrument(skip_all)]
pub async fn logout(state: web::Data<AppState>, me: Principal) -> ApiResult<HttpResponse> {
    state.store.revoke_session(&me.session_id, "logout").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Whether this sign-in still holds, for open pages to notice at once when it has ended.
#[utoipa::path(
    tag = "auth",
    summary = "登录是否有效 / Is this sign-in still valid",
    description = "本次登录仍然有效时返回 204；账号被停用、密码被重设、已退出或令牌过期时返回 401。已打开的工作台页面定时询问，一旦失效即退出。\n\n204 while this sign-in holds; 401 once the account is disabled, its password set anew, the session ended or the token expired. Open workspace pages ask regularly and sign out as soon as it has ended.",
    security(("bearer_token" = [])),
    responses(
        (status = 204, description = "有效 / valid")
    )
)]
#[get("/auth/session")]
#[tracing::instrument(skip_all)]
pub async fn session(_me: Principal) -> HttpResponse {
    HttpResponse::NoContent()
        .insert_header((CACHE_CONTROL, "no-store"))
        .finish()
}

/// The public keys that verify access tokens (JWKS, RFC 7517).
#[utoipa::path(
    tag = "auth",
    summary = "令牌验证公钥 / Token signing keys (JWKS)",
    description = "其他系统可用这些公钥验证本平台签发的访问令牌（EdDSA / Ed25519，以 kid 区分）。\n\nOther systems verify this platform's access tokens with these keys (EdDSA / Ed25519, told apart by kid).",
    security(()),
    responses((status = 200, description = "JWK Set", content_type = "application/json", body = Object))
)]
#[get("/.well-known/jwks.json")]
#[tracing::instrument(skip_all)]
pub async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, "public, max-age=300"))
        .json(state.tokens.current().jwks())
}
