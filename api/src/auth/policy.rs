//! Who may call which endpoint. The rule is declared once, on the handler, as the `security` of its
//! `#[utoipa::path]`; the published document, the check before every handler
//! ([`enforce_access`]) and the authorisation-matrix test all read it from there.
//!
//! How a declaration reads:
//!
//! | `security(...)`                                          | who is admitted                      |
//! |----------------------------------------------------------|--------------------------------------|
//! | `(())`, alone or beside key schemes                      | anyone, no credentials needed        |
//! | `(("bearer_token" = []))`                                | any signed-in account                |
//! | `(("bearer_token" = ["reviewer", "handler"]))`           | an account holding one of the roles  |
//! | `(("api_key" = []), …, ("bearer_token" = []))`, no `()`  | the grantee of a grant (app or staff)|
//!
//! Role names are [`Role`] codes; OpenAPI 3.1 lets a bearer scheme list the roles it needs. An
//! operation that declares no security is an error at start-up, not an open door.

use super::identity::Principal;
use crate::error::ApiError;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use chengxin_types::Role;
use serde_json::Value;
use std::collections::HashMap;

/// Who an endpoint admits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// No credentials needed.
    Anyone,
    /// Any signed-in account.
    SignedIn,
    /// A signed-in account holding one of these roles.
    Roles(Vec<Role>),
    /// The grantee of a grant: an app by its API key, or staff of the granted organisation. The
    /// handler checks the grant itself; a grant for someone else looks like no grant (404).
    Grantee,
}

impl Access {
    /// Whether a signed-in account with `roles` is admitted (grantee checks need the grant).
    pub fn admits(&self, roles: &[Role]) -> bool {
        match self {
            Access::Anyone | Access::SignedIn => true,
            Access::Roles(allowed) => roles.iter().any(|r| allowed.contains(r)),
            Access::Grantee => false,
        }
    }
}

/// The security scheme of a signed-in account's access token.
pub const BEARER_TOKEN: &str = "bearer_token";

/// One operation and who it admits, with its path as in the OpenAPI document.
#[derive(Debug, Clone)]
pub struct Rule {
    pub method: String,
    pub path: String,
    pub access: Access,
}

/// An operation whose declaration cannot be read as an access rule.
#[derive(Debug, thiserror::Error)]
#[error("{method} {path}: {problem}")]
pub struct BadDeclaration {
    pub method: String,
    pub path: String,
    pub problem: String,
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Every operation of the document with its access rule.
pub fn rules(document: &utoipa::openapi::OpenApi) -> Result<Vec<Rule>, BadDeclaration> {
    let document = serde_json::to_value(document).map_err(|e| BadDeclaration {
        method: String::new(),
        path: String::new(),
        problem: format!("the document cannot be read: {e}"),
    })?;
    let mut rules = Vec::new();
    let paths = document["paths"].as_object().into_iter().flatten();
    for (path, item) in paths {
        for method in METHODS {
            let Some(operation) = item.get(*method) else {
                continue;
            };
            let access = access_of(&operation["security"]).map_err(|problem| BadDeclaration {
                method: method.to_uppercase(),
                path: path.clone(),
                problem,
            })?;
            rules.push(Rule {
                method: method.to_uppercase(),
                path: path.clone(),
                access,
            });
        }
    }
    Ok(rules)
}

/// Reads one operation's `security` list (see the module's table).
fn access_of(security: &Value) -> Result<Access, String> {
    let requirements = security
        .as_array()
        .filter(|list| !list.is_empty())
        .ok_or("no security declared: say who is admitted, `security(())` for anyone")?;
    let mut anonymous = false;
    let mut by_key = false;
    let mut token_roles: Option<Vec<Role>> = None;
    for requirement in requirements {
        let schemes = requirement
            .as_object()
            .ok_or("a requirement is not an object")?;
        if schemes.is_empty() {
            anonymous = true;
        }
        for (scheme, scopes) in schemes {
            if scheme == BEARER_TOKEN {
                let roles = scopes
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|code| {
                        code.as_str()
                            .and_then(Role::from_code)
                            .ok_or_else(|| format!("{code} is not a role"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                token_roles = Some(roles);
            } else {
                by_key = true;
            }
        }
    }
    Ok(match (anonymous, by_key, token_roles) {
        (true, _, _) => Access::Anyone,
        (false, true, _) => Access::Grantee,
        (false, false, Some(roles)) if roles.is_empty() => Access::SignedIn,
        (false, false, Some(roles)) => Access::Roles(roles),
        (false, false, None) => return Err("no scheme this server knows".into()),
    })
}

/// The rules by method and route pattern, for the check before each handler.
#[derive(Debug, Default)]
pub struct AccessTable(HashMap<(Method, String), Access>);

impl AccessTable {
    pub fn new(rules: Vec<Rule>) -> Self {
        AccessTable(
            rules
                .into_iter()
                .filter_map(|rule| {
                    let method = Method::from_bytes(rule.method.as_bytes()).ok()?;
                    Some(((method, rule.path), rule.access))
                })
                .collect(),
        )
    }

    fn access(&self, method: &Method, pattern: &str) -> Option<&Access> {
        self.0.get(&(method.clone(), pattern.to_string()))
    }
}

/// Admits or refuses a request by its operation's rule before the handler runs: 401 without a
/// valid access token where one is needed, 403 without the role. The signed-in account is kept
/// for the handler's [`Principal`], so the token is verified once. Anyone and grantee operations
/// pass; the handler reads their optional sign-in or checks the grant.
pub async fn enforce_access(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let access = match (
        req.app_data::<web::Data<AccessTable>>(),
        req.match_pattern(),
    ) {
        (Some(table), Some(pattern)) => table.access(req.method(), &pattern).cloned(),
        (None, _) => {
            return Ok(
                req.error_response(ApiError::Internal(anyhow::anyhow!("access table missing")))
            );
        }
        (Some(_), None) => None,
    };
    if let Some(access @ (Access::SignedIn | Access::Roles(_))) = access {
        let me = match Principal::authenticate(req.request()).await {
            Ok(me) => me,
            Err(error) => return Ok(req.error_response(error)),
        };
        if let Access::Roles(roles) = &access
            && let Err(error) = me.require_any(roles)
        {
            return Ok(req.error_response(error));
        }
        req.extensions_mut().insert(me);
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn declarations_read_as_rules() {
        assert_eq!(access_of(&json!([{}])), Ok(Access::Anyone));
        assert_eq!(
            access_of(&json!([{}, { "api_key": [] }])),
            Ok(Access::Anyone)
        );
        assert_eq!(
            access_of(&json!([{ "bearer_token": [] }])),
            Ok(Access::SignedIn)
        );
        assert_eq!(
            access_of(&json!([{ "bearer_token": ["reviewer", "admin"] }])),
            Ok(Access::Roles(vec![Role::Reviewer, Role::Admin]))
        );
        assert_eq!(
            access_of(&json!([{ "api_key": [] }, { "bearer_token": [] }])),
            Ok(Access::Grantee)
        );
    }

    #[test]
    fn an_undeclared_or_unreadable_rule_is_refused() {
        assert!(access_of(&Value::Null).is_err());
        assert!(access_of(&json!([])).is_err());
        assert!(access_of(&json!([{ "bearer_token": ["mayor"] }])).is_err());
    }
}
