//! Records intake over HTTP: department reporters upload files or submit single items, reviewers
//! of the same department approve, return or exempt them.

use super::access::{log_staff_reads, log_submission_reads};
use super::me::{entry_cursor, field_error, lang_of, private};
use crate::auth::Principal;
use crate::domain::Uscc;
use crate::domain::exemption::{ExemptionItem, exemption_applies};
use crate::domain::listing::ListingState;
use crate::domain::review::{Refusal, Verdict, may_decide};
use crate::error::{ApiError, ApiResult, FieldError, Lang, Text};
use crate::intake::{self, Context, Department, Row, decode};
use crate::state::AppState;
use crate::store::{
    BatchRow, Checked, CheckedRow, Decision, ImportTally, NewBatch, ReviewScope, SubmissionFilter,
    SubmissionRow,
};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    BatchReviewOutcome, BatchView, DepartmentListing, FormatColumn, ImportFormat, ImportMode,
    ImportReport, IntakeFormat, ListKind, ListingStanding, Page, Problem, PublicSubject,
    ReviewDecision, SubjectKind, SubmissionItemKind, SubmissionStatus, SubmissionView,
};
use futures_util::StreamExt;
use serde::Deserialize;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use utoipa::IntoParams;

/// Rows handed from the reader to the store at a time.
const CHUNK_ROWS: usize = 500;
const MAX_COMMENT_CHARS: usize = 1000;

fn not_your_department() -> ApiError {
    ApiError::Forbidden {
        code: "not_your_department",
        message: Text::new(
            "只能报送和审核本单位的信息",
            "You report and review only your own department's information",
        ),
    }
}

/// The caller's department, as the checks need it.
fn department_of(me: &Principal) -> ApiResult<Department> {
    let (Some(id), Some(org)) = (me.organisation_id, me.organisation.as_ref()) else {
        return Err(not_your_department());
    };
    let uscc = Uscc::parse(&org.uscc).map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(Department {
        id,
        name: org.name.clone(),
        uscc,
    })
}

/// What the checks need, with the catalogue as the database holds it now (the credit office may
/// have added or retired kinds since the last request).
async fn context(state: &AppState, department: Department) -> ApiResult<Context> {
    Ok(Context {
        catalogue: state.store.catalogue().await?,
        today: state.today(),
        department,
        rules: state.config.publicity.clone(),
        cipher: state.cipher.clone(),
        calendar: state.calendar.current(),
        listing_objection_working_days: state.config.intake.listing_objection_working_days,
    })
}

fn format_of(fields: &mut Vec<FieldError>, value: Option<&str>) -> Option<ImportFormat> {
    match value.map(ImportFormat::from_code) {
        Some(Some(format)) => Some(format),
        _ => {
            fields.push(field_error(
                "format",
                "invalid_format",
                "format 应为 penalties、licences、records、listings、commitments、fulfilments 或 removals",
                "format must be penalties, licences, records, listings, commitments, fulfilments or removals",
            ));
            None
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `penalties`（双公示行政处罚，cf_*）、`licences`（行政许可，xk_*）、`records`（其他信用记录）、
    /// `listings`（严重失信主体名单）、`commitments`（承诺）、`fulfilments`（承诺履行情况）或
    /// `removals`（移出严重失信名单）/ What the file holds.
    #[param(value_type = String, pattern = "^(penalties|licences|records|listings|commitments|fulfilments|removals)$")]
    pub format: Option<String>,
    /// `all_or_nothing`（默认：有错误行则整批不导入）或 `per_row`（导入无误的行，跳过错误行）/
    /// `all_or_nothing` (the default) or `per_row`.
    #[param(value_type = Option<String>, pattern = "^(all_or_nothing|per_row)$")]
    pub mode: Option<String>,
    /// 文件编码：`utf-8`、`gbk`、`gb18030`；不填则自动识别 / The file's encoding; detected when absent.
    pub charset: Option<String>,
    /// 原文件名，记入批次 / The original file name, kept with the batch.
    #[param(max_length = 200)]
    pub file_name: Option<String>,
    /// 报送单位的统一社会信用代码；只能是本单位 / The reporting department's USCC: only your own.
    pub department: Option<String>,
}

/// Whether the body is CSV or JSON, from its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Csv,
    Json,
}

fn file_kind(req: &HttpRequest) -> ApiResult<(FileKind, Option<String>)> {
    let value = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut parts = value.split(';').map(str::trim);
    let kind = match parts.next().unwrap_or("") {
        "text/csv" | "application/csv" | "text/plain" | "application/vnd.ms-excel" => FileKind::Csv,
        "application/json" => FileKind::Json,
        _ => {
            return Err(ApiError::UnsupportedMediaType(Text::new(
                "请以 text/csv 或 application/json 上传文件",
                "Upload the file as text/csv or application/json",
            )));
        }
    };
    let charset = parts
        .filter_map(|p| p.strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string())
        .next();
    Ok((kind, charset))
}

/// Writes the request body to a temporary file under the data directory, refusing it past `limit`.
async fn spool(
    mut payload: web::Payload,
    dir: PathBuf,
    limit: u64,
) -> ApiResult<tempfile::TempPath> {
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let (file, path) = tempfile::Builder::new()
        .prefix("import-")
        .tempfile_in(&dir)
        .map_err(|e| ApiError::Internal(e.into()))?
        .into_parts();
    let mut file = tokio::fs::File::from_std(file);
    let mut size: u64 = 0;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: "unreadable_body",
            message: Text::new("上传中断，未能读完文件", "The upload broke off"),
            field: None,
        })?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(ApiError::PayloadTooLarge(Text::new(
                format!("文件不得超过 {} MB", limit / (1024 * 1024)),
                format!("The file must not exceed {} MB", limit / (1024 * 1024)),
            )));
        }
        file.write_all(&chunk)
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
    }
    file.flush()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(path)
}

/// Reads, checks and sends the rows of a spooled file; a read error goes to the store as an error
/// row, so the import can never end quietly part-way.
fn read_file(
    path: &std::path::Path,
    kind: FileKind,
    charset: decode::Charset,
    format: ImportFormat,
    ctx: &Context,
    out: mpsc::Sender<Vec<CheckedRow>>,
) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    let text = decode::utf8_reader(file, charset);
    let columns = intake::columns(format);
    let mut chunk: Vec<CheckedRow> = Vec::with_capacity(CHUNK_ROWS);
    let mut each = |row: Row| {
        let checked = intake::validate(format, &row, ctx).map(|item| Checked {
            item,
            submitted_fields: row.submitted_fields(),
        });
        chunk.push((row.number, checked));
        if chunk.len() >= CHUNK_ROWS {
            return out.blocking_send(std::mem::take(&mut chunk)).is_ok();
        }
        true
    };
    let read = match kind {
        FileKind::Csv => intake::fields::read_csv(columns, text, &mut each),
        FileKind::Json => intake::fields::read_json(columns, text, &mut each),
    };
    if let Err(e) = read {
        chunk.push((e.row, Err(vec![e])));
    }
    if !chunk.is_empty() {
        // The store stops listening only when it failed; its error is what the caller sees.
        let _ = out.blocking_send(chunk);
    }
    Ok(())
}

/// The encoding of a spooled file without a declared one, from its opening bytes.
async fn sniff_file(path: &std::path::Path) -> ApiResult<decode::Charset> {
    use tokio::io::AsyncReadExt;
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let mut prefix = Vec::with_capacity(decode::SNIFF_BYTES);
    file.take(decode::SNIFF_BYTES as u64)
        .read_to_end(&mut prefix)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(decode::sniff(&prefix))
}

fn report(
    format: ImportFormat,
    mode: ImportMode,
    encoding: &str,
    tally: ImportTally,
) -> ImportReport {
    ImportReport {
        batch_id: tally.batch_id,
        format,
        mode,
        encoding: encoding.to_string(),
        rows_total: tally.rows_total,
        rows_accepted: if tally.committed {
            tally.rows_accepted
        } else {
            0
        },
        rows_rejected: tally.rows_rejected,
        committed: tally.committed,
        errors: tally.errors,
        errors_truncated: tally.errors_truncated,
    }
}

/// Uploads a file of records for review.
#[utoipa::path(
    tag = "intake",
    summary = "批量报送 / Upload a file of records",
    description = "信息报送员上传本单位的 CSV 或 JSON 文件：行政处罚、行政许可按国家双公示交换格式（cf_*、xk_* 数据项），其他信用记录和严重失信名单按本系统格式（列名见 README）。CSV 可为 UTF-8（带或不带 BOM）或 GBK/GB18030，列名可用数据项代码或中文名称。逐行校验并返回行号、列名和原因；`mode=all_or_nothing` 时任一行有误则整批不导入，`per_row` 时导入无误的行。按决定书文号识别重复，不会重复导入。导入的记录待本单位评议审核员审核通过后才生效。\n\nA reporter uploads a CSV or JSON file for their department: penalties and licences in the national 双公示 exchange format, other records and serious listings in our format. CSV may be UTF-8 (with or without BOM) or GBK/GB18030; headings may be item codes or Chinese names. Every row is checked and problems are reported by row and column; `all_or_nothing` imports nothing if any row is bad, `per_row` imports the good rows. Repeats by decision document number are detected, not doubled. Imported items wait for a reviewer of the department.",
    security(("bearer_token" = ["reporter"])),
    params(ImportQuery),
    request_body(content = String, description = "CSV（text/csv）或 JSON 对象数组（application/json）/ CSV or a JSON array of objects", content_type = "text/csv"),
    responses(
        (status = 201, description = "已导入（per_row 时可能跳过了部分行）/ imported", body = ImportReport),
        (status = 403, description = "不是信息报送员或不是本单位 / not a reporter of this department", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "文件过大 / file too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "不是 CSV 或 JSON / not CSV or JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "未导入任何行：见逐行错误；参数有误时为 problem+json / nothing imported: see the row errors (problem+json for bad parameters)", content((ImportReport = "application/json"), (Problem = "application/problem+json")))
    )
)]
#[post("/intake/imports")]
#[tracing::instrument(skip_all)]
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let department = department_of(&me)?;
    let mut fields = Vec::new();
    let format = format_of(&mut fields, query.format.as_deref());
    let mode = match query.mode.as_deref().map(ImportMode::from_code) {
        None => Some(ImportMode::AllOrNothing),
        Some(Some(mode)) => Some(mode),
        Some(None) => {
            fields.push(field_error(
                "mode",
                "invalid_mode",
                "mode 应为 all_or_nothing 或 per_row",
                "mode must be all_or_nothing or per_row",
            ));
            None
        }
    };
    let (kind, header_charset) = file_kind(&req)?;
    let charset = match query.charset.as_deref().or(header_charset.as_deref()) {
        None => Some(None),
        Some(label) => match decode::Charset::from_label(label) {
            Some(c) => Some(Some(c)),
            None => {
                fields.push(field_error(
                    "charset",
                    "unsupported_charset",
                    "编码应为 utf-8、gbk 或 gb18030",
                    "the charset must be utf-8, gbk or gb18030",
                ));
                None
            }
        },
    };
    if query
        .file_name
        .as_deref()
        .is_some_and(|n| n.chars().count() > 200 || n.chars().any(char::is_control))
    {
        fields.push(field_error(
            "file_name",
            "invalid_file_name",
            "文件名至多 200 个字符，且不含控制字符",
            "the file name must be at most 200 characters without control characters",
        ));
    }
    let (Some(format), Some(mode), Some(charset), true) =
        (format, mode, charset, fields.is_empty())
    else {
        return Err(ApiError::Validation(fields));
    };
    if let Some(asked) = query.department.as_deref()
        && !asked.trim().eq_ignore_ascii_case(department.uscc.as_str())
    {
        return Err(not_your_department());
    }
    let limit = state.config.intake.max_upload_megabytes * 1024 * 1024;
    let path = spool(payload, state.config.data_dir.join("imports"), limit).await?;
    let charset = match charset {
        Some(c) => c,
        None => sniff_file(&path).await?,
    };
    let ctx = context(&state, department.clone()).await?;
    let (sender, receiver) = mpsc::channel(4);
    let file: PathBuf = path.to_path_buf();
    let reader =
        tokio::task::spawn_blocking(move || read_file(&file, kind, charset, format, &ctx, sender));
    let batch = NewBatch {
        department_org_id: department.id,
        department_uscc: department.uscc.as_str().to_string(),
        uploaded_by: me.account_id,
        actor: me.actor(),
        format,
        file_name: query.file_name.clone(),
        encoding: charset.name(),
        mode,
    };
    let imported = state.store.import(&batch, receiver).await;
    reader
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(e.into()))?;
    drop(path);
    let mut tally = imported?;
    if lang_of(&req) == Lang::En {
        for e in &mut tally.errors {
            let english = intake::english_message(&e.code, e.field.as_deref());
            // A file-level message names the missing columns; keep them.
            e.message = if e.code == "missing_columns" {
                format!("{english} ({})", e.message)
            } else {
                english
            };
        }
    }
    let body = report(format, mode, charset.name(), tally);
    if body.committed {
        Ok(private(HttpResponse::Created()).json(body))
    } else {
        Ok(private(HttpResponse::UnprocessableEntity()).json(body))
    }
}

/// Row errors of a single submission as a 422 naming each field, in both languages.
fn row_problems(errors: &[intake::RowError]) -> ApiError {
    ApiError::Validation(
        errors
            .iter()
            .map(|e| {
                FieldError::new(
                    e.field.clone().unwrap_or_default(),
                    intake::stable_code(&e.code),
                    Text::new(
                        e.message.clone(),
                        intake::english_message(&e.code, e.field.as_deref()),
                    ),
                )
            })
            .collect(),
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmitQuery {
    /// 报送内容的格式，同批量报送 / The format, as for uploads.
    #[param(value_type = String, pattern = "^(penalties|licences|records|listings|commitments|fulfilments|removals)$")]
    pub format: Option<String>,
}

/// Submits one item for review.
#[utoipa::path(
    tag = "intake",
    summary = "逐条报送 / Submit one record",
    description = "信息报送员报送一条信息，字段与批量报送的列相同（JSON 对象，键为数据项代码）。校验不通过返回 422，逐项说明；通过则登记为待审核。\n\nA reporter submits one item; the fields are the upload columns (a JSON object keyed by item code). Invalid fields get 422, each named; a valid item waits for review.",
    security(("bearer_token" = ["reporter"])),
    params(SubmitQuery),
    request_body(content = Object, description = "一行数据：键为列代码 / one row keyed by column code"),
    responses(
        (status = 201, description = "已登记，待审核 / submitted", body = SubmissionView),
        (status = 400, description = "请求无法读取 / unreadable request", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "不是信息报送员 / not a reporter", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/intake/submissions")]
#[tracing::instrument(skip_all)]
pub async fn submit(
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<SubmitQuery>,
    body: web::Json<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<HttpResponse> {
    let department = department_of(&me)?;
    let mut fields = Vec::new();
    let Some(format) = format_of(&mut fields, query.format.as_deref()) else {
        return Err(ApiError::Validation(fields));
    };
    let ctx = context(&state, department.clone()).await?;
    let row = Row::from_object(intake::columns(format), 1, body.into_inner());
    let checked = match intake::validate(format, &row, &ctx) {
        Ok(item) => item,
        Err(errors) => return Err(row_problems(&errors)),
    };
    let checked = Checked {
        item: checked,
        submitted_fields: row.submitted_fields(),
    };
    let rows: Vec<CheckedRow> = vec![(row.number, Ok(checked))];
    let (sender, receiver) = mpsc::channel(1);
    sender
        .send(rows)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    drop(sender);
    let batch = NewBatch {
        department_org_id: department.id,
        department_uscc: department.uscc.as_str().to_string(),
        uploaded_by: me.account_id,
        actor: me.actor(),
        format,
        file_name: None,
        encoding: decode::Charset::Utf8.name(),
        mode: ImportMode::AllOrNothing,
    };
    let tally = state.store.import(&batch, receiver).await?;
    let (Some(batch_id), true) = (tally.batch_id, tally.committed) else {
        return Err(row_problems(&tally.errors));
    };
    let filter = SubmissionFilter {
        department_org_id: department.id,
        status: None,
        batch_id: Some(batch_id),
        after: None,
        limit: 1,
    };
    let row = state
        .store
        .submissions(&filter)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the submission vanished")))?;
    Ok(private(HttpResponse::Created()).json(submission_view(row)))
}

pub(crate) fn submission_view(row: SubmissionRow) -> SubmissionView {
    SubmissionView {
        id: row.id,
        item_kind: row.item_kind,
        item_id: row.item_id,
        record_id: row.record_id,
        summary: row.summary,
        status: row.status,
        batch_id: row.batch_id,
        batch_row: row.batch_row.and_then(|r| u64::try_from(r).ok()),
        submitted_by: row.submitter_name,
        submitted_at: row.submitted_at,
        reviewed_by: row.reviewer_name,
        reviewed_at: row.reviewed_at,
        review_comment: row.review_comment,
        objection_window_ends: row.objection_window_ends,
    }
}

/// One page from `limit + 1` rows keyed by id: the extra row only says another page follows.
fn page_of<R, V>(
    mut rows: Vec<R>,
    limit: u32,
    id: impl Fn(&R) -> i64,
    view: impl Fn(R) -> V,
) -> Page<V> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| id(r).to_string())
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
        limit,
    }
}

fn batch_view(row: BatchRow) -> BatchView {
    BatchView {
        id: row.id,
        format: row.format,
        mode: row.mode,
        file_name: row.file_name,
        encoding: row.encoding,
        uploaded_by: row.uploader_name,
        rows_total: u64::try_from(row.rows_total).unwrap_or_default(),
        rows_accepted: u64::try_from(row.rows_accepted).unwrap_or_default(),
        rows_rejected: u64::try_from(row.rows_rejected).unwrap_or_default(),
        pending: u64::try_from(row.pending).unwrap_or_default(),
        created_at: row.created_at,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmissionListQuery {
    /// 按状态筛选 / Only this status: `pending`, `returned`, `approved`, `exempt`, `superseded`.
    #[param(value_type = Option<String>, pattern = "^(pending|returned|approved|exempt|superseded)$")]
    pub status: Option<String>,
    /// 只看某一批次 / Only this import batch.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub batch_id: Option<String>,
    /// 上一页返回的 `next_cursor` / The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

/// The department's submissions, oldest first: the review queue, or what was returned and why.
#[utoipa::path(
    tag = "intake",
    summary = "本单位报送的信息 / The department's submissions",
    description = "信息报送员和评议审核员查看本单位报送的信息：待审核的队列（`status=pending`），被退回的及退回意见（`status=returned`），等等。按报送先后排列。\n\nReporters and reviewers see their department's submissions, oldest first: the review queue (`status=pending`), what was returned and why (`status=returned`), and so on.",
    security(("bearer_token" = ["reporter", "reviewer"])),
    params(SubmissionListQuery),
    responses(
        (status = 200, description = "一页 / one page", body = Page<SubmissionView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/intake/submissions")]
#[tracing::instrument(skip_all)]
pub async fn submissions(
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<SubmissionListQuery>,
) -> ApiResult<HttpResponse> {
    let department = department_of(&me)?;
    let mut fields = super::public::params::Fields::default();
    let status = fields.code(
        "status",
        query.status.as_deref(),
        SubmissionStatus::from_code,
        &["pending", "returned", "approved", "exempt", "superseded"],
    );
    let batch_id = match query.batch_id.as_deref() {
        None => None,
        Some(v) => match v.trim().parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                fields.push(field_error(
                    "batch_id",
                    "invalid_batch_id",
                    "batch_id 应为正整数",
                    "batch_id must be a positive integer",
                ));
                None
            }
        },
    };
    let limit = fields.limit(query.limit.as_deref());
    fields.finish()?;
    let after = entry_cursor(query.cursor.as_deref())?;
    let filter = SubmissionFilter {
        department_org_id: department.id,
        status: status.map(SubmissionStatus::code),
        batch_id,
        after,
        limit,
    };
    let rows = state.store.submissions(&filter).await?;
    // The page shows `limit` rows; the one more fetched only says whether another page follows.
    let shown = rows.iter().take(limit as usize);
    log_submission_reads(&state, &me, shown, "信息报送与评议（本单位报送列表）").await?;
    Ok(private(HttpResponse::Ok()).json(page_of(rows, limit, |r| r.id, submission_view)))
}

pub(crate) async fn own_submission(
    state: &AppState,
    me: &Principal,
    id: i64,
) -> ApiResult<SubmissionRow> {
    let row = state
        .store
        .submission(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if me.organisation_id != Some(row.department_org_id) {
        // Another department's submissions are not even confirmed to exist.
        return Err(ApiError::not_found());
    }
    Ok(row)
}

/// One submission.
#[utoipa::path(
    tag = "intake",
    summary = "一条报送 / One submission",
    security(("bearer_token" = ["reporter", "reviewer"])),
    params(("id" = i64, Path, description = "报送编号 / submission id")),
    responses(
        (status = 200, description = "报送及审核情况 / the submission and its review", body = SubmissionView),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "本单位没有此报送 / no such submission in your department", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/intake/submissions/{id}")]
#[tracing::instrument(skip_all)]
pub async fn submission(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let row = own_submission(&state, &me, path.into_inner()).await?;
    log_submission_reads(
        &state,
        &me,
        [&row],
        &format!("信息报送与评议（报送 {}）", row.id),
    )
    .await?;
    Ok(private(HttpResponse::Ok()).json(submission_view(row)))
}

/// The verdict and comment of a decision, checked.
fn verdict_of(decision: ReviewDecision) -> ApiResult<(Verdict, Option<String>)> {
    let text = |field: &str, value: Option<String>, required: bool| -> ApiResult<Option<String>> {
        let value = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        match value {
            None if required => Err(ApiError::Validation(vec![field_error(
                field,
                "required",
                "请写明理由",
                "give the reason",
            )])),
            Some(v)
                if v.chars().count() > MAX_COMMENT_CHARS
                    || v.chars().any(|c| c.is_control() && c != '\n') =>
            {
                Err(ApiError::Validation(vec![field_error(
                    field,
                    "invalid_comment",
                    "意见至多 1000 个字符，且不含控制字符",
                    "at most 1000 characters without control characters",
                )]))
            }
            other => Ok(other),
        }
    };
    Ok(match decision {
        ReviewDecision::Approve { comment } => (Verdict::Approve, text("comment", comment, false)?),
        ReviewDecision::Return { comment } => {
            (Verdict::Return, text("comment", Some(comment), true)?)
        }
        ReviewDecision::Exempt { reason } => (Verdict::Exempt, text("reason", Some(reason), true)?),
    })
}

fn conflict(code: &'static str, zh: String, en: String) -> ApiError {
    ApiError::Conflict {
        code,
        message: Text::new(zh, en),
    }
}

/// Why one submission cannot be decided, as the reviewer reads it.
fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::OwnSubmission => ApiError::Forbidden {
            code: "own_submission",
            message: Text::new(
                "不能审核自己报送的信息",
                "You cannot review your own submission",
            ),
        },
        Refusal::NotPending => conflict(
            "not_pending",
            "该报送已审核，不能再次审核".to_string(),
            "This submission was already decided".to_string(),
        ),
        Refusal::ObjectionWindowOpen(Some(ends)) => conflict(
            "objection_window_open",
            format!("严重失信名单告知后的异议期至 {ends} 届满，届满后方可审核列入"),
            format!("The subject may object until {ends}; the listing can be approved after that"),
        ),
        Refusal::ObjectionWindowOpen(None) => conflict(
            "objection_window_open",
            "未能确定该名单告知后的异议期，暂不能审核列入".to_string(),
            "The objection window of this listing is not known; it cannot be approved yet"
                .to_string(),
        ),
        Refusal::EntryNotListed => conflict(
            "entry_not_listed",
            "该条目已不在名单上（已修复、移出或到期），无需移出".to_string(),
            "The entry is no longer on the list (repaired, removed or past its removal date)"
                .to_string(),
        ),
        Refusal::ObjectionOpen => conflict(
            "objection_open",
            "当事人对列入告知提出的异议正在办理，办结后方可审核列入".to_string(),
            "The subject's objection to the notice is being handled; approve after it is decided"
                .to_string(),
        ),
    }
}

/// Whether the item may be exempted (容错免责), by [`exemption_applies`].
async fn exemption_allowed(state: &AppState, row: &SubmissionRow) -> ApiResult<bool> {
    let item = match (row.item_kind, row.record_id) {
        (SubmissionItemKind::Record | SubmissionItemKind::Listing, Some(record)) => {
            state.store.exemption_facts(record).await?
        }
        _ => None,
    };
    Ok(match item {
        Some(facts) => exemption_applies(
            ExemptionItem::BreachOrOtherRecord(facts.category),
            facts.subject(),
        ),
        None => false,
    })
}

#[utoipa::path(
    tag = "intake",
    summary = "审核一条报送 / Review one submission",
    description = "本单位的评议审核员：通过（记录生效：公开、共享、计分按其公开方式进行；行政处罚和许可同时登记为已公示）、退回（写明需修改之处）、容错免责（写明理由；记录保留但不作为失信）。不能审核自己报送的信息。严重失信名单须在告知后的异议期届满后才能通过。\n\nA reviewer of the department approves (the item takes effect: published, shared and scored as its route allows; penalties and licences are published), returns (saying what to correct), or exempts (容错免责, with the reason: kept, never counted as a breach). Nobody reviews their own submission. A serious listing can be approved only after its objection window.",
    security(("bearer_token" = ["reviewer"])),
    params(("id" = i64, Path, description = "报送编号 / submission id")),
    request_body = ReviewDecision,
    responses(
        (status = 200, description = "审核后的报送 / the submission after the decision", body = SubmissionView),
        (status = 403, description = "不是评议审核员，或是自己的报送 / not a reviewer, or your own submission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "本单位没有此报送 / no such submission in your department", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已审核，或异议期未满 / already decided, or the objection window is open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/intake/submissions/{id}/review")]
#[tracing::instrument(skip_all)]
pub async fn review(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
    body: web::Json<ReviewDecision>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let row = own_submission(&state, &me, id).await?;
    let (verdict, comment) = verdict_of(body.into_inner())?;
    let today = state.today();
    let facts = state
        .store
        .review_facts(ReviewScope::One(id))
        .await?
        .into_iter()
        .next()
        .map(|(_, facts)| facts)
        .ok_or_else(ApiError::not_found)?;
    may_decide(&facts, verdict, me.account_id, today).map_err(refused)?;
    if verdict == Verdict::Exempt && !exemption_allowed(&state, &row).await? {
        return Err(ApiError::field(
            "action",
            "exemption_not_applicable",
            Text::new(
                "容错免责只适用于公职人员和政府机关的失信记录，行政处罚、行政许可、表彰等其他信息不能免责",
                "Exemption applies only to breach records of civil servants and government bodies; \
                 penalties, licences, commendations and other items cannot be exempted",
            ),
        ));
    }
    let decided = state
        .store
        .review(
            ReviewScope::One(id),
            &Decision {
                verdict,
                reviewer: me.account_id,
                actor: &me.actor(),
                comment: comment.as_deref(),
                today,
                publicity: &state.config.publicity,
                rectification: &state.config.rectification,
                assign_due: state
                    .config
                    .rectification
                    .assign_due(&state.calendar.current(), state.today()),
            },
        )
        .await?;
    if decided == 0 {
        return Err(conflict(
            "not_pending",
            "该报送已由他人审核".to_string(),
            "Someone else decided this submission meanwhile".to_string(),
        ));
    }
    let row = own_submission(&state, &me, id).await?;
    log_submission_reads(&state, &me, [&row], &format!("评议审核（报送 {}）", row.id)).await?;
    Ok(private(HttpResponse::Ok()).json(submission_view(row)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchListQuery {
    /// `true`：只列出仍有待审核报送的批次 / Only uploads with submissions still pending.
    pub pending: Option<bool>,
    /// 上一页返回的 `next_cursor` / The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

/// What each format takes: the columns a single submission's keys and a file's headings name.
#[utoipa::path(
    tag = "intake",
    summary = "报送格式 / The formats and their columns",
    description = "每种报送格式的列：列代码（单条报送的键、CSV 表头）、名称、是否必填，以及 CSV 表头可用的其他写法。报送表单和 Excel 模板据此生成；校验规则以报送时的结果为准。\n\nEach format's columns: the code (a single submission's key and the CSV heading), its name, whether it is required, and other headings a CSV may use. Forms and spreadsheet templates are built from it; the checks are those applied on submission.",
    security(("bearer_token" = ["reporter", "reviewer"])),
    responses(
        (status = 200, description = "各格式的列 / the columns of each format", body = Vec<IntakeFormat>)
    )
)]
#[get("/intake/formats")]
#[tracing::instrument(skip_all)]
pub async fn formats() -> ApiResult<HttpResponse> {
    let formats: Vec<IntakeFormat> = ImportFormat::ALL
        .iter()
        .map(|format| IntakeFormat {
            format: *format,
            columns: crate::intake::columns(*format)
                .iter()
                .map(|c| FormatColumn {
                    code: c.code.to_string(),
                    label: c.label.to_string(),
                    required: c.required,
                    aliases: c.aliases.iter().map(|a| a.to_string()).collect(),
                })
                .collect(),
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(formats))
}

/// The department's import batches, newest first.
#[utoipa::path(
    tag = "intake",
    summary = "本单位的导入批次 / The department's import batches",
    security(("bearer_token" = ["reporter", "reviewer"])),
    params(BatchListQuery),
    responses(
        (status = 200, description = "一页 / one page", body = Page<BatchView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/intake/batches")]
#[tracing::instrument(skip_all)]
pub async fn batches(
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<BatchListQuery>,
) -> ApiResult<HttpResponse> {
    let department = department_of(&me)?;
    let mut fields = super::public::params::Fields::default();
    let limit = fields.limit(query.limit.as_deref());
    fields.finish()?;
    let before = entry_cursor(query.cursor.as_deref())?;
    let pending_only = query.pending.unwrap_or(false);
    let rows = state
        .store
        .batches(department.id, pending_only, before, limit)
        .await?;
    Ok(private(HttpResponse::Ok()).json(page_of(rows, limit, |r| r.id, batch_view)))
}

/// A reviewer's decision on every pending submission of a batch.
#[utoipa::path(
    tag = "intake",
    summary = "整批审核 / Review a whole batch",
    description = "评议审核员对一个批次中仍待审核的全部报送一并通过或退回（容错免责须逐条决定）。不能审核自己上传的批次；异议期未满的严重失信名单不在其内，仍待审核。\n\nA reviewer approves or returns every pending submission of a batch at once (exemption is decided one by one). Nobody reviews a batch they uploaded; serious listings still in their objection window stay pending.",
    security(("bearer_token" = ["reviewer"])),
    params(("id" = i64, Path, description = "批次编号 / batch id")),
    request_body = ReviewDecision,
    responses(
        (status = 200, description = "审核了多少条 / how many were decided", body = BatchReviewOutcome),
        (status = 403, description = "不是评议审核员，或是自己上传的 / not a reviewer, or your own batch", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "本单位没有此批次 / no such batch in your department", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/intake/batches/{id}/review")]
#[tracing::instrument(skip_all)]
pub async fn review_batch(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
    body: web::Json<ReviewDecision>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let batch = state
        .store
        .batch(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if me.organisation_id != Some(batch.department_org_id) {
        return Err(ApiError::not_found());
    }
    if batch.uploaded_by == me.account_id {
        return Err(ApiError::Forbidden {
            code: "own_submission",
            message: Text::new(
                "不能审核自己上传的批次",
                "You cannot review a batch you uploaded",
            ),
        });
    }
    let (verdict, comment) = verdict_of(body.into_inner())?;
    if verdict == Verdict::Exempt {
        return Err(ApiError::field(
            "action",
            "not_applicable",
            Text::new(
                "容错免责须逐条审核",
                "Exemption is decided one submission at a time",
            ),
        ));
    }
    let decided = state
        .store
        .review(
            ReviewScope::Batch(id),
            &Decision {
                verdict,
                reviewer: me.account_id,
                actor: &me.actor(),
                comment: comment.as_deref(),
                today: state.today(),
                publicity: &state.config.publicity,
                rectification: &state.config.rectification,
                assign_due: state
                    .config
                    .rectification
                    .assign_due(&state.calendar.current(), state.today()),
            },
        )
        .await?;
    Ok(private(HttpResponse::Ok()).json(BatchReviewOutcome {
        batch_id: id,
        decided,
        status: if verdict == Verdict::Approve {
            SubmissionStatus::Approved
        } else {
            SubmissionStatus::Returned
        },
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DepartmentListingQuery {
    /// 上一页返回的 `next_cursor` / The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 每页条数，1–100，默认 20 / Page size, 1–100, default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

fn standing_of(state: ListingState) -> ListingStanding {
    match state {
        ListingState::UnderNotice => ListingStanding::UnderNotice,
        ListingState::Listed => ListingStanding::Listed,
        ListingState::Removed => ListingStanding::Removed,
        ListingState::Lapsed => ListingStanding::Lapsed,
    }
}

/// The serious-breach entries the department decided, in every state.
#[utoipa::path(
    tag = "intake",
    summary = "本单位认定的严重失信名单 / The entries my department decided",
    description = "本单位认定的全部名单条目，新的在前，含告知期内、在列、已移出和已到移出日期的：公众不再能看到已移出或到期的条目，认定单位仍可查看；记录的历史（异议、修复、移出）见对应的报送和案件。\n\nEvery entry the department decided, newest first, in every state: the public no longer sees removed or lapsed entries, the deciding department still does.",
    security(("bearer_token" = ["reporter", "reviewer"])),
    params(DepartmentListingQuery),
    responses(
        (status = 200, description = "一页条目 / one page", body = Page<DepartmentListing>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色无权查看 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/intake/listings")]
#[tracing::instrument(skip_all)]
pub async fn department_listings(
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<DepartmentListingQuery>,
) -> ApiResult<HttpResponse> {
    let department = department_of(&me)?;
    let mut fields = super::public::params::Fields::default();
    let limit = fields.limit(query.limit.as_deref());
    fields.finish()?;
    let before = entry_cursor(query.cursor.as_deref())?;
    let rows = state
        .store
        .department_listings(department.id, before, limit)
        .await?;
    log_staff_reads(
        &state,
        &me,
        // The page shows `limit` entries; one more is fetched to say whether another follows.
        rows.iter().take(limit as usize).filter_map(|r| r.record_id),
        "本单位严重失信名单",
    )
    .await?;
    let today = state.today();
    Ok(private(HttpResponse::Ok()).json(page_of(
        rows,
        limit,
        |r| r.id,
        |r| {
            let person = r.subject_kind == "person";
            DepartmentListing {
                id: r.id,
                standing: standing_of(r.facts().state_on(today)),
                subject: PublicSubject {
                    kind: if person {
                        SubjectKind::Person
                    } else {
                        SubjectKind::Organisation
                    },
                    name: r.subject_name,
                    uscc: r.subject_uscc,
                    id_number_masked: r.subject_id_masked,
                },
                list_kind: ListKind::from_code(&r.list_kind)
                    .unwrap_or(ListKind::AdministrativeSeriousBreach),
                basis_doc_no: r.basis_doc_no,
                listed_on: r.listed_on,
                removal_due_on: r.removal_due_on,
                removed_on: r.removed_on,
                record_id: r.record_id,
            }
        },
    )))
}
