//! RFC 9457 problem details: the body of every error response.

use serde::{Deserialize, Serialize};

/// An error answer (`application/problem+json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "urn:chengxin:problem:validation",
    "code": "validation",
    "title": "请求内容有误",
    "status": 422,
    "detail": "有 1 个字段不符合要求",
    "errors": [{"field": "uscc", "code": "invalid_uscc", "message": "统一社会信用代码校验位不符：应为“F”"}],
    "request_id": "6f1c0c0e-2f43-4b55-9d8e-0d2b8f1f2a10"
})))]
pub struct Problem {
    /// A URI naming the kind of problem; stable across releases.
    #[serde(rename = "type")]
    pub kind: String,
    /// The same kind as a short machine-readable code.
    pub code: String,
    /// A short human summary, in the language asked for (Chinese by default).
    pub title: String,
    pub status: u16,
    /// What went wrong in this case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The fields at fault, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// Quote this when asking for help; it finds the log lines of the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One field at fault.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The field, as named in the request (query parameter, JSON pointer-like path or header).
    pub field: String,
    pub code: String,
    pub message: String,
}
