//! The one error type at the HTTP edge, answered as `application/problem+json` (RFC 9457).
//!
//! Every variant carries a stable code and a message in Chinese and English; the language is chosen
//! from `Accept-Language` by the server's localising middleware. 5xx bodies reveal nothing
//! internal: the cause goes to the log with the request ID.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use chengxin_types::{FieldProblem, Problem};
use std::fmt;

pub type ApiResult<T, E = ApiError> = Result<T, E>;

/// Language of a human message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese unless the first language the client names is English.
    pub fn from_accept_language(value: Option<&str>) -> Lang {
        let first = value
            .and_then(|v| v.split(',').next())
            .map(|t| t.trim().to_ascii_lowercase());
        match first {
            Some(tag) if tag.starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One field at fault, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: Text,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: Text) -> Self {
        FieldError {
            field: field.into(),
            code,
            message,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the request is well-formed but fields are wrong.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// 400: the request cannot be read (bad JSON, bad cursor, bad query string).
    #[error("bad request: {code}")]
    BadRequest {
        code: &'static str,
        message: Text,
        field: Option<String>,
    },
    /// 404.
    #[error("not found")]
    NotFound(Text),
    /// 410: the resource was published once and no longer is (a serious-breach entry removed or
    /// past its removal date). The message says only that, nothing about the subject.
    #[error("gone: {code}")]
    Gone { code: &'static str, message: Text },
    /// 409: the action conflicts with the current state.
    #[error("conflict: {code}")]
    Conflict { code: &'static str, message: Text },
    /// 401: the credentials presented are not valid. (Absent credentials on a public path are fine.)
    #[error("unauthorized: {code}")]
    Unauthorized { code: &'static str, message: Text },
    /// 403: the caller is known but may not do this (role, ownership, a revoked or expired grant).
    #[error("forbidden: {code}")]
    Forbidden { code: &'static str, message: Text },
    /// 429: over the caller's quota; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests { limit: u32, retry_after_secs: u64 },
    /// 429: sign-in is locked after repeated failures (per account name or per address).
    #[error("sign-in locked")]
    SignInLocked { retry_after_secs: u64 },
    /// 415: a file or body of a type the endpoint does not take.
    #[error("unsupported media type")]
    UnsupportedMediaType(Text),
    /// 413.
    #[error("payload too large")]
    PayloadTooLarge(Text),
    /// 503: a dependency (the database) is not available.
    #[error("unavailable: {0:#}")]
    Unavailable(anyhow::Error),
    /// 500: a bug or an unexpected failure; logged, never shown.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: impl Into<String>, code: &'static str, message: Text) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn not_found() -> Self {
        ApiError::NotFound(Text::new(
            "找不到请求的资源",
            "The requested resource was not found",
        ))
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation",
            ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Gone { code, .. }
            | ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. } => code,
            ApiError::TooManyRequests { .. } => "rate_limited",
            ApiError::SignInLocked { .. } => "sign_in_locked",
            ApiError::NotFound(_) => "not_found",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The problem body in the given language.
    pub fn problem(&self, lang: Lang, request_id: Option<String>) -> Problem {
        let status = self.status_code();
        let (title, detail, errors) = match self {
            ApiError::Validation(fields) => (
                Text::new("请求内容有误", "The request has invalid fields"),
                Some(Text::new(
                    format!("有 {} 个字段不符合要求", fields.len()),
                    format!("{} field(s) are invalid", fields.len()),
                )),
                fields
                    .iter()
                    .map(|f| FieldProblem {
                        field: f.field.clone(),
                        code: f.code.to_string(),
                        message: f.message.get(lang).to_string(),
                    })
                    .collect(),
            ),
            ApiError::BadRequest {
                message,
                field,
                code,
            } => (
                Text::new("无法读取请求", "The request cannot be read"),
                Some(message.clone()),
                field
                    .iter()
                    .map(|f| FieldProblem {
                        field: f.clone(),
                        code: code.to_string(),
                        message: message.get(lang).to_string(),
                    })
                    .collect(),
            ),
            ApiError::NotFound(message) => (
                Text::new("未找到", "Not found"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::Gone { message, .. } => (
                Text::new("已不再公示", "No longer published"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::Conflict { message, .. } => (
                Text::new("与当前状态冲突", "Conflict with the current state"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::PayloadTooLarge(message) => (
                Text::new("请求内容过大", "Payload too large"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::UnsupportedMediaType(message) => (
                Text::new("不支持的文件或内容类型", "Unsupported media type"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::Unauthorized { message, .. } => (
                Text::new("身份验证失败", "Authentication failed"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::Forbidden { message, .. } => (
                Text::new("无权执行此操作", "Not allowed"),
                Some(message.clone()),
                vec![],
            ),
            ApiError::TooManyRequests {
                limit,
                retry_after_secs,
            } => (
                Text::new("请求过于频繁", "Too many requests"),
                Some(Text::new(
                    format!("每分钟最多 {limit} 次请求，请 {retry_after_secs} 秒后重试"),
                    format!("At most {limit} requests a minute; retry in {retry_after_secs} s"),
                )),
                vec![],
            ),
            ApiError::SignInLocked { retry_after_secs } => (
                Text::new("登录失败次数过多", "Too many failed sign-ins"),
                Some(Text::new(
                    format!("登录已暂时锁定，请 {retry_after_secs} 秒后再试"),
                    format!("Sign-in is locked for now; try again in {retry_after_secs} s"),
                )),
                vec![],
            ),
            ApiError::Unavailable(_) => (
                Text::new("服务暂时不可用", "Service temporarily unavailable"),
                Some(Text::new(
                    "数据库暂时无法访问，请稍后重试",
                    "The database cannot be reached; please retry later",
                )),
                vec![],
            ),
            ApiError::Internal(_) => (
                Text::new("服务器内部错误", "Internal server error"),
                Some(Text::new(
                    "请求未能完成，已记录日志；如需协助请提供请求编号",
                    "The request failed and was logged; quote the request ID when asking for help",
                )),
                vec![],
            ),
        };
        Problem {
            kind: format!("urn:chengxin:problem:{}", self.code()),
            code: self.code().to_string(),
            title: title.get(lang).to_string(),
            status: status.as_u16(),
            detail: detail.map(|d| d.get(lang).to_string()),
            errors,
            request_id,
        }
    }

    /// The full response in the given language.
    pub fn render(&self, lang: Lang, request_id: Option<String>) -> HttpResponse {
        let mut response = problem_response(self.status_code(), &self.problem(lang, request_id));
        let headers = response.headers_mut();
        match self {
            ApiError::Unauthorized { code, .. } => {
                // RFC 6750 §3.1: a request without credentials gets no error code.
                let challenge = if *code == "missing_token" {
                    "Bearer realm=\"chengxin\""
                } else {
                    "Bearer realm=\"chengxin\", error=\"invalid_token\""
                };
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(challenge),
                );
            }
            ApiError::SignInLocked { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            ApiError::TooManyRequests {
                limit,
                retry_after_secs,
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
                headers.insert(
                    header::HeaderName::from_static("ratelimit-limit"),
                    HeaderValue::from(*limit),
                );
                headers.insert(
                    header::HeaderName::from_static("ratelimit-remaining"),
                    HeaderValue::from(0u32),
                );
                headers.insert(
                    header::HeaderName::from_static("ratelimit-reset"),
                    HeaderValue::from(*retry_after_secs),
                );
            }
            _ => {}
        }
        response
    }
}

/// A problem+json response.
pub fn problem_response(status: StatusCode, problem: &Problem) -> HttpResponse {
    let mut response = HttpResponse::build(status).json(problem);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } | ApiError::SignInLocked { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Chinese by default; the localising middleware re-renders for English clients.
    fn error_response(&self) -> HttpResponse {
        // Called once per failed request: the one place a server-side failure is logged.
        if matches!(self, ApiError::Internal(_) | ApiError::Unavailable(_)) {
            tracing::error!(error = ?self, code = self.code(), "request failed");
        }
        self.render(Lang::Zh, None)
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message.en)
    }
}

/// Turns the framework's own extractor errors (bad JSON, bad query string, bad path) into problems.
pub mod extractors {
    use super::{ApiError, Text};
    use actix_web::{HttpRequest, error};

    pub fn json_error(err: error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
        let message = match &err {
            error::JsonPayloadError::OverflowKnownLength { .. }
            | error::JsonPayloadError::Overflow { .. } => {
                return ApiError::PayloadTooLarge(Text::new(
                    "请求体超过允许的大小",
                    "The request body is larger than allowed",
                ))
                .into();
            }
            error::JsonPayloadError::ContentType => Text::new(
                "请求体须为 application/json",
                "The body must be application/json",
            ),
            other => Text::new(
                format!("JSON 无法解析：{other}"),
                format!("The JSON cannot be parsed: {other}"),
            ),
        };
        ApiError::BadRequest {
            code: "malformed_json",
            message,
            field: None,
        }
        .into()
    }

    pub fn query_error(err: error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
        let detail = err.to_string();
        let field = detail.split('`').nth(1).map(str::to_string);
        ApiError::BadRequest {
            code: "malformed_query",
            message: Text::new(
                format!("查询参数有误：{detail}"),
                format!("Invalid query parameters: {detail}"),
            ),
            field,
        }
        .into()
    }

    pub fn path_error(err: error::PathError, _req: &HttpRequest) -> actix_web::Error {
        ApiError::BadRequest {
            code: "malformed_path",
            message: Text::new(
                format!("路径参数有误：{err}"),
                format!("Invalid path parameter: {err}"),
            ),
            field: None,
        }
        .into()
    }
}

/// How a storage failure is answered: the store knows nothing of HTTP, so the mapping lives here.
impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> Self {
        use crate::store::StoreError;
        match error {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Duplicate => ApiError::Conflict {
                code: "duplicate",
                message: Text::new("该记录已存在", "This already exists"),
            },
            StoreError::Unavailable(e) => ApiError::Unavailable(anyhow::Error::new(e)),
            StoreError::Other(e) => ApiError::Internal(e),
        }
    }
}

/// The answer at an address that has nothing: an error (not a ready response), so the problem
/// middleware localises it.
pub(crate) async fn unknown_address() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound(Text::new(
        "没有这个地址",
        "There is nothing at this address",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_first_preference() {
        assert_eq!(Lang::from_accept_language(None), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("zh-CN,en;q=0.5")), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("*")), Lang::Zh);
    }

    #[test]
    fn validation_problems_name_the_field_in_both_languages() {
        let error = ApiError::field(
            "uscc",
            "invalid_uscc",
            Text::new("校验位不符", "check character is wrong"),
        );
        let zh = error.problem(Lang::Zh, Some("r1".into()));
        assert_eq!(
            (zh.status, zh.code.as_str(), zh.errors[0].field.as_str()),
            (422, "validation", "uscc")
        );
        assert_eq!(zh.errors[0].message, "校验位不符");
        assert_eq!(
            error.problem(Lang::En, None).errors[0].message,
            "check character is wrong"
        );
    }

    #[test]
    fn internal_errors_reveal_nothing() {
        let error = ApiError::Internal(anyhow::anyhow!("password=hunter2 at db.internal:5432"));
        let body = serde_json::to_string(&error.problem(Lang::En, None)).expect("serialise");
        assert!(!body.contains("hunter2") && !body.contains("db.internal"));
    }
}
