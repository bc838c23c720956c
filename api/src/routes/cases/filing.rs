//! Filing a case: reading a JSON or multipart body with evidence files typed by their content,
//! storing the files durably, idempotency keys, ticket numbers and query codes, and the checks of
//! free text every kind uses.

use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::{CaseKind, NewEvidence};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, web};
use chrono::NaiveDate;
use futures_util::TryStreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// What the body brought: the case and its evidence files (streamed to `incoming` on disk).
pub struct Submission<T> {
    pub body: T,
    pub files: Vec<IncomingFile>,
}

pub struct IncomingFile {
    temp: tempfile::NamedTempFile,
    file_name: String,
    media_type: &'static str,
    extension: &'static str,
    size: i64,
    sha256: String,
}

fn too_large(state: &AppState) -> ApiError {
    let mb = state.config.objections.max_evidence_bytes / (1024 * 1024);
    ApiError::PayloadTooLarge(Text::new(
        format!("每个证据文件不能超过 {mb} MB"),
        format!("Each evidence file must be at most {mb} MB"),
    ))
}

fn unsupported(file_name: &str) -> ApiError {
    ApiError::UnsupportedMediaType(Text::new(
        format!("“{file_name}”不是 JPG、PNG 或 PDF 文件（按文件内容判断）"),
        format!("“{file_name}” is not a JPG, PNG or PDF file (judged by its content)"),
    ))
}

/// The evidence type judged from the first bytes, never from the name.
fn evidence_kind(head: &[u8]) -> Option<(&'static str, &'static str)> {
    match infer::get(head)?.mime_type() {
        "image/jpeg" => Some(("image/jpeg", "jpg")),
        "image/png" => Some(("image/png", "png")),
        "application/pdf" => Some(("application/pdf", "pdf")),
        _ => None,
    }
}

/// Evidence files an hour old still in `incoming` are left-overs of requests that never finished (a
/// crash mid-upload): nothing refers to them. Removed at start; younger ones may belong to another
/// instance sharing the data directory.
pub fn clear_incoming(data_dir: &Path) {
    let dir = data_dir.join("evidence").join("incoming");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let stale = |entry: &std::fs::DirEntry| {
        entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600))
    };
    for entry in entries.flatten().filter(stale) {
        if let Err(error) = std::fs::remove_file(entry.path()) {
            tracing::warn!(%error, file = %entry.path().display(), "cannot remove an unfinished upload");
        }
    }
}

fn incoming_dir(state: &AppState) -> PathBuf {
    state.config.data_dir.join("evidence").join("incoming")
}

/// Reads a multipart body: one `objection` part (JSON) and up to the configured number of
/// `evidence` parts, each streamed to a temporary file with its size and type checked as it comes.
async fn read_multipart<T: DeserializeOwned>(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
    part: &str,
) -> ApiResult<Submission<T>> {
    let mut multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let mut body = None;
    let mut files = Vec::new();
    let limit = state.config.objections.max_evidence_bytes;
    let malformed = |e: actix_multipart::MultipartError| ApiError::BadRequest {
        code: "malformed_multipart",
        message: Text::new(
            format!("表单无法读取：{e}"),
            format!("The form cannot be read: {e}"),
        ),
        field: None,
    };
    while let Some(mut field) = multipart.try_next().await.map_err(malformed)? {
        match field.name() {
            Some(name) if name == part => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.try_next().await.map_err(malformed)? {
                    if bytes.len() + chunk.len() > MAX_JSON_BYTES {
                        return Err(ApiError::PayloadTooLarge(Text::new(
                            "申请内容过长",
                            "The text is too long",
                        )));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                body = Some(parse_json(&bytes)?);
            }
            Some("evidence") => {
                if files.len() >= state.config.objections.max_evidence_files {
                    return Err(ApiError::PayloadTooLarge(Text::new(
                        format!(
                            "证据文件最多 {} 个",
                            state.config.objections.max_evidence_files
                        ),
                        format!(
                            "At most {} evidence files",
                            state.config.objections.max_evidence_files
                        ),
                    )));
                }
                let file_name = field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .map(clean_file_name)
                    .unwrap_or_else(|| format!("evidence-{}", files.len() + 1));
                let dir = incoming_dir(state);
                std::fs::create_dir_all(&dir).map_err(|e| ApiError::Internal(e.into()))?;
                let mut temp = tempfile::NamedTempFile::new_in(&dir)
                    .map_err(|e| ApiError::Internal(e.into()))?;
                let mut hasher = Sha256::new();
                let mut size = 0usize;
                let mut head = Vec::new();
                while let Some(chunk) = field.try_next().await.map_err(malformed)? {
                    size += chunk.len();
                    if size > limit {
                        return Err(too_large(state));
                    }
                    if head.len() < 64 {
                        head.extend_from_slice(&chunk[..chunk.len().min(64 - head.len())]);
                    }
                    hasher.update(&chunk);
                    temp.write_all(&chunk)
                        .map_err(|e| ApiError::Internal(e.into()))?;
                }
                let (media_type, extension) =
                    evidence_kind(&head).ok_or_else(|| unsupported(&file_name))?;
                files.push(IncomingFile {
                    temp,
                    file_name,
                    media_type,
                    extension,
                    size: i64::try_from(size).unwrap_or(i64::MAX),
                    sha256: hex::encode(hasher.finalize()),
                });
            }
            _ => {
                return Err(ApiError::BadRequest {
                    code: "unknown_part",
                    message: Text::new(
                        format!("表单只能包含 {part} 和 evidence 两种部分"),
                        format!("The form may only have `{part}` and `evidence` parts"),
                    ),
                    field: field.name().map(str::to_string),
                });
            }
        }
    }
    let body = body.ok_or_else(|| ApiError::BadRequest {
        code: "missing_part",
        message: Text::new(
            format!("表单缺少 {part} 部分"),
            format!("The form has no `{part}` part"),
        ),
        field: Some(part.to_string()),
    })?;
    Ok(Submission { body, files })
}

fn clean_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && !['/', '\\'].contains(c))
        .take(100)
        .collect();
    if cleaned.trim().is_empty() {
        "evidence".to_string()
    } else {
        cleaned
    }
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    serde_json::from_slice(bytes).map_err(|e| ApiError::BadRequest {
        code: "malformed_json",
        message: Text::new(
            format!("JSON 无法解析：{e}"),
            format!("The JSON cannot be parsed: {e}"),
        ),
        field: None,
    })
}

/// Reads a case from a JSON body, or from a multipart form with the JSON in the part named `part`
/// and the evidence files in `evidence` parts.
pub(super) async fn read_submission<T: DeserializeOwned>(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
    part: &str,
) -> ApiResult<Submission<T>> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        return read_multipart(state, req, payload, part).await;
    }
    if !content_type.starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType(Text::new(
            "请求体须为 application/json 或 multipart/form-data",
            "The body must be application/json or multipart/form-data",
        )));
    }
    let bytes = payload
        .to_bytes_limited(MAX_JSON_BYTES)
        .await
        .map_err(|_| ApiError::PayloadTooLarge(Text::new("申请内容过长", "The text is too long")))?
        .map_err(|e| ApiError::BadRequest {
            code: "malformed_body",
            message: Text::new(
                format!("请求体无法读取：{e}"),
                format!("The body cannot be read: {e}"),
            ),
            field: None,
        })?;
    Ok(Submission {
        body: parse_json(&bytes)?,
        files: Vec::new(),
    })
}

pub fn is_phone(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| *c != '-' && *c != ' ').collect();
    let mobile =
        digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit());
    let landline = (10..=12).contains(&digits.len())
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    mobile || landline
}

pub fn text_ok(text: &str, min: usize, max: usize) -> bool {
    let chars = text.trim().chars().count();
    (min..=max).contains(&chars) && !text.chars().any(|c| c.is_control() && c != '\n')
}

/// A fingerprint of what was submitted, so a retried request can be told from a different one.
pub(super) fn request_hash<T: Serialize>(body: &T, files: &[IncomingFile]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(serde_json::to_vec(body).unwrap_or_default());
    for file in files {
        hasher.update(file.sha256.as_bytes());
    }
    hex::encode(hasher.finalize())
}

const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// The query code of a ticket: derived with the server's secret key, so it is never stored and a
/// retried submission gets the same one back.
pub fn query_code(state: &AppState, kind: CaseKind, ticket_no: &str) -> String {
    let digest = state
        .cipher
        .keyed_digest(&format!("{}-query-code", kind.code()), ticket_no);
    digest
        .iter()
        .take(8)
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % 32]))
        .collect()
}

/// A ticket number: a two-letter prefix for the kind (YY 异议, XF 修复, TS 投诉), the day and six random digits.
pub fn new_ticket_no(kind: CaseKind, today: NaiveDate) -> String {
    let prefix = match kind {
        CaseKind::Objection => "YY",
        CaseKind::Repair => "XF",
        CaseKind::Complaint => "TS",
        CaseKind::Rectification => "ZG",
    };
    let mut bytes = [0u8; 4];
    rand::fill(&mut bytes);
    format!(
        "{prefix}{}{:06}",
        today.format("%Y%m%d"),
        u32::from_le_bytes(bytes) % 1_000_000
    )
}

/// Moves an evidence file to its content-addressed place and makes it durable.
pub(super) fn store_evidence(data_dir: &Path, file: IncomingFile) -> ApiResult<NewEvidence> {
    let relative = PathBuf::from("evidence")
        .join(&file.sha256[..2])
        .join(format!("{}.{}", file.sha256, file.extension));
    let target = data_dir.join(&relative);
    let internal = |e: std::io::Error| ApiError::Internal(e.into());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(internal)?;
    }
    file.temp.as_file().sync_all().map_err(internal)?;
    file.temp
        .persist(&target)
        .map_err(|e| ApiError::Internal(e.error.into()))?;
    if let Some(parent) = target.parent() {
        std::fs::File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(internal)?;
    }
    Ok(NewEvidence {
        file_name: file.file_name,
        media_type: file.media_type.to_string(),
        size_bytes: file.size,
        sha256: file.sha256,
        stored_path: relative.to_string_lossy().into_owned(),
    })
}

pub(super) fn idempotency_key(req: &HttpRequest) -> ApiResult<Option<String>> {
    let Some(value) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| (1..=100).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()));
    key.map(|k| Some(k.to_string()))
        .ok_or(ApiError::BadRequest {
            code: "invalid_idempotency_key",
            message: Text::new(
                "Idempotency-Key 应为 1 至 100 个可见 ASCII 字符",
                "Idempotency-Key must be 1 to 100 visible ASCII characters",
            ),
            field: Some("Idempotency-Key".into()),
        })
}

/// Whether `presented` is the query code of this ticket. Compared without an early exit.
pub fn code_matches(state: &AppState, kind: CaseKind, ticket_no: &str, presented: &str) -> bool {
    let presented = presented.trim().to_ascii_uppercase();
    presented.len() <= 32
        && crate::auth::api_keys::hashes_match(&query_code(state, kind, ticket_no), &presented)
}

/// A reason or finding a handler must write: trimmed, 2 to 2000 characters.
pub fn required_text(field: &str, value: &str) -> ApiResult<String> {
    if text_ok(value, 2, 2000) {
        return Ok(value.trim().to_string());
    }
    let (zh, en) = if field == "finding" {
        (
            "请写明认定意见（2 至 2000 个字符）",
            "give the finding (2 to 2000 characters)",
        )
    } else {
        (
            "请写明理由（2 至 2000 个字符）",
            "give the reason (2 to 2000 characters)",
        )
    };
    Err(ApiError::Validation(vec![crate::error::FieldError::new(
        field,
        "required",
        Text::new(zh, en),
    )]))
}

/// Paging of case lists: `state`, `cursor`, `limit`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseListQuery {
    /// `open`（办理中，最早提出的在前）、`closed`（已办结，最新的在前）或 `all`（默认，最新的在前）。
    /// / `open` (in progress, oldest first), `closed` (finished, newest first) or `all` (the
    /// default, newest first).
    #[param(value_type = Option<String>, pattern = "^(open|closed|all)$")]
    pub state: Option<String>,
    /// 上一页返回的 `next_cursor` / The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

/// The page a case-list request asks for; bad values are field errors.
pub fn case_page(query: &CaseListQuery) -> ApiResult<crate::store::CasePage> {
    use crate::store::CaseState;
    let mut fields = crate::routes::public::params::Fields::default();
    let state = fields
        .code(
            "state",
            query.state.as_deref(),
            |code| match code {
                "open" => Some(CaseState::Open),
                "closed" => Some(CaseState::Closed),
                "all" => Some(CaseState::All),
                _ => None,
            },
            &["open", "closed", "all"],
        )
        .unwrap_or(CaseState::All);
    let limit = fields.limit(query.limit.as_deref());
    fields.finish()?;
    let after = crate::routes::me::entry_cursor(query.cursor.as_deref())?;
    Ok(crate::store::CasePage {
        state,
        after,
        limit,
    })
}

/// An extension of no days is bad input (422), not a conflict with the case's state.
pub fn no_extension_days() -> ApiError {
    ApiError::field(
        "days",
        "invalid_days",
        Text::new(
            "延期天数应至少为 1 个工作日",
            "An extension is at least 1 working day",
        ),
    )
}
