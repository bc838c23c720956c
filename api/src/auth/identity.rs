//! Who is signed in: the [`Principal`] extractor reads `Authorization: Bearer <JWT>`, verifies the
//! token and loads the account and session in one query, so a handler states in its signature that
//! it needs a signed-in caller and gets identity only from the token.

use super::tokens::TokenError;
use crate::error::{ApiError, Text};
use crate::state::AppState;
use crate::store::AccountRow;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use chengxin_types::{OrgRef, Role};
use std::future::Future;
use std::pin::Pin;

/// A signed-in account.
#[derive(Debug, Clone)]
pub struct Principal {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub person_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub organisation: Option<OrgRef>,
    pub session_id: String,
}

impl Principal {
    fn from_row(row: AccountRow, session_id: String) -> Self {
        let roles = row.roles();
        let organisation = match (row.organisation_name, row.organisation_uscc) {
            (Some(name), Some(uscc)) => Some(OrgRef { name, uscc }),
            _ => None,
        };
        Principal {
            account_id: row.id,
            username: row.username,
            display_name: row.display_name,
            roles,
            person_id: row.person_id,
            organisation_id: row.organisation_id,
            organisation,
            session_id,
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Passes when the account holds one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                code: "role_required",
                message: Text::new(
                    format!(
                        "此操作需要以下角色之一：{}",
                        roles
                            .iter()
                            .map(|r| r.label_zh())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!(
                        "This needs one of the roles: {}",
                        roles
                            .iter()
                            .map(|r| r.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            })
        }
    }

    /// The person this account belongs to, for `/me`; staff accounts without one get 403.
    pub fn own_person(&self) -> Result<i64, ApiError> {
        self.person_id.ok_or_else(|| ApiError::Forbidden {
            code: "no_personal_archive",
            message: Text::new(
                "该账号未关联个人信用档案",
                "This account is not linked to a personal credit archive",
            ),
        })
    }

    /// How the audit log names this caller.
    pub fn actor(&self) -> String {
        format!("user:{}", self.account_id)
    }

    /// How a person's access log names this caller: department and name.
    pub fn accessor_name(&self) -> String {
        let org = self.organisation.as_ref().map_or("", |o| o.name.as_str());
        format!("{org} · {}", self.display_name)
    }
}

pub fn invalid_token() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_token",
        message: Text::new(
            "登录凭证无效或已过期，请重新登录",
            "The access token is not valid or has expired; please sign in again",
        ),
    }
}

fn missing_token() -> ApiError {
    ApiError::Unauthorized {
        code: "missing_token",
        message: Text::new(
            "请先登录（请求头 Authorization: Bearer <访问令牌>）",
            "Sign in first (header Authorization: Bearer <access token>)",
        ),
    }
}

/// An access token whose signature and lifetime were checked earlier in the same request (by the
/// rate limiter, which counts a signed-in account against its own quota), with its claims.
#[derive(Debug, Clone)]
pub struct VerifiedToken {
    pub token: String,
    pub claims: super::tokens::AccessClaims,
}

/// The bearer token of a request, unless it is an API key (`cx_…`), which is not a sign-in.
pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.starts_with("cx_")).then_some(token)
}

impl Principal {
    /// Verifies the request's access token and loads its account and session, unless the access
    /// check before the handler ([`super::policy::enforce_access`]) has already done so.
    pub async fn authenticate(req: &HttpRequest) -> Result<Principal, ApiError> {
        if let Some(me) = req.extensions().get::<Principal>() {
            return Ok(me.clone());
        }
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state missing")))?;
        let token = bearer_token(req).ok_or_else(missing_token)?;
        let verified = req
            .extensions()
            .get::<VerifiedToken>()
            .filter(|v| v.token == token)
            .map(|v| v.claims.clone());
        let claims = match verified {
            Some(claims) => claims,
            None => state.tokens.current().verify(token).map_err(|error| {
                if !matches!(error, TokenError::Malformed) {
                    tracing::info!(%error, "access token refused");
                }
                invalid_token()
            })?,
        };
        let account_id: i64 = claims.sub.parse().map_err(|_| invalid_token())?;
        let row = state
            .store
            .signed_in_account(account_id, &claims.sid)
            .await?
            .ok_or_else(invalid_token)?;
        Ok(Principal::from_row(row, claims.sid))
    }
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Principal::authenticate(&req).await })
    }
}

/// The signed-in account when the request carries a bearer token, none when it carries none —
/// for what anyone may do with or without signing in (filing an objection, a repair, a complaint).
/// A token that is present but not valid is refused (401), never taken as no sign-in.
pub struct MaybeSignedIn(pub Option<Principal>);

impl FromRequest for MaybeSignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if bearer_token(&req).is_none() {
                return Ok(MaybeSignedIn(None));
            }
            Principal::authenticate(&req)
                .await
                .map(|me| MaybeSignedIn(Some(me)))
        })
    }
}
