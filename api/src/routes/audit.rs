//! The auditor's endpoints (审计): every read of anyone's non-public records, filtered and
//! exported, and the verification of the audit chain.

use super::me::{HasId, entry_cursor, page_of, private};
use super::public::params::Fields;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult, FieldError, Lang, Text};
use crate::state::AppState;
use crate::store::{
    AccessLogFilter, AuditEvent, AuditedAccessRow, ChainCheck, NewAccess, parse_categories,
};
use actix_web::http::header::{ACCEPT_LANGUAGE, CONTENT_DISPOSITION};
use actix_web::{HttpRequest, HttpResponse, get, web};
use chengxin_types::{
    AccessChannel, AuditChainCheck, AuditedAccess, Category, Page, Problem, SubjectPerson,
};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

/// The most rows one export carries; beyond it the auditor narrows the period.
pub const MAX_EXPORT_ROWS: u32 = 10_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditLogQuery {
    /// 被查询人的姓名（完全一致）/ The exact name of the person whose records were read.
    pub person: Option<String>,
    /// 被查询人身份证号码末 1–4 位 / The last 1–4 characters of that person's ID number.
    pub id_tail: Option<String>,
    /// 查询部门的统一社会信用代码 / The USCC of the department that read.
    pub department: Option<String>,
    /// 用途中的文字 / Words of the stated purpose.
    pub purpose: Option<String>,
    /// 渠道 / Channel.
    #[param(value_type = Option<AccessChannel>)]
    pub channel: Option<String>,
    /// 自此日起（含），YYYY-MM-DD / From this day on (inclusive).
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// 至此日止（含），YYYY-MM-DD / Up to this day (inclusive).
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
    /// 上一页返回的 `next_cursor`（导出时不用）/ The `next_cursor` of the previous page (not for export).
    pub cursor: Option<String>,
    /// 每页条数，1–100，默认 20（导出时不用）/ Page size, 1–100, default 20 (not for export).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

impl AuditLogQuery {
    /// The filter, with every problem of the parameters reported at its field; days are the
    /// office's calendar days.
    fn filter(&self, fields: &mut Fields, state: &AppState) -> AccessLogFilter {
        let channel_codes: Vec<&str> = AccessChannel::ALL.iter().map(|c| c.code()).collect();
        let from = fields.date("from", self.from.as_deref());
        let to = fields.date("to", self.to.as_deref());
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            fields.push(FieldError::new(
                "to",
                "period_reversed",
                Text::new(
                    "截止日期不能早于起始日期",
                    "the end day is before the start day",
                ),
            ));
        }
        let start_of = |day: NaiveDate| -> Option<DateTime<Utc>> {
            state
                .tz
                .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        };
        AccessLogFilter {
            subject_name: fields.text("person", self.person.as_deref()),
            subject_id_tail: fields.id_tail("id_tail", self.id_tail.as_deref()),
            department_uscc: fields.uscc("department", self.department.as_deref()),
            purpose: fields.text("purpose", self.purpose.as_deref()),
            channel: fields.code(
                "channel",
                self.channel.as_deref(),
                AccessChannel::from_code,
                &channel_codes,
            ),
            from: from.and_then(start_of),
            until: to.and_then(|d| d.succ_opt()).and_then(start_of),
        }
    }
}

impl HasId for AuditedAccess {
    fn id(&self) -> i64 {
        self.id
    }
}

/// Puts the auditor's view of who read a person's records in that person's own access log: what
/// was read about them is theirs to know, the auditor included (one entry per person, with how
/// many log entries about them were seen).
async fn log_audit_reads(
    state: &AppState,
    me: &Principal,
    rows: &[AuditedAccessRow],
    purpose: &str,
) -> ApiResult<()> {
    let mut seen: std::collections::BTreeMap<i64, i64> = Default::default();
    for row in rows {
        *seen.entry(row.person_id).or_default() += 1;
    }
    let reads: Vec<NewAccess> = seen
        .into_iter()
        .map(|(person_id, entries)| NewAccess {
            person_id,
            channel: AccessChannel::Internal,
            accessor_account_id: Some(me.account_id),
            accessor_org_id: me.organisation_id,
            api_key_id: None,
            grant_id: None,
            accessor_name: me.accessor_name(),
            purpose: purpose.to_string(),
            categories: Vec::new(),
            record_count: entries,
        })
        .collect();
    Ok(state.store.log_accesses(&reads).await?)
}

/// A cell a spreadsheet will not take for a formula: text from outside (an app's purpose, a
/// name) that starts like one gets a leading apostrophe.
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn audited_access(row: AuditedAccessRow) -> AuditedAccess {
    AuditedAccess {
        id: row.id,
        accessed_at: row.accessed_at,
        channel: row.channel,
        subject: SubjectPerson {
            name: row.subject_name,
            id_masked: row.subject_id_masked,
        },
        accessor: row.accessor_name,
        accessor_department: row.accessor_department,
        purpose: row.purpose,
        categories: parse_categories(&row.categories),
        record_count: row.record_count,
    }
}

/// Every read of anyone's non-public records, for the auditor.
#[utoipa::path(
    operation_id = "audited_access_log",
    tag = "audit",
    summary = "全部查询记录（审计）/ All access logs (oversight)",
    description = "所有非公开信用信息的查询记录，新的在前，可按被查询人、查询部门、用途、渠道和时间段筛选，供审计员和信用办监督。\n\nEvery read of non-public records, newest first, filtered by whose records, the reading department, purpose, channel and period, for auditors and the credit office.",
    security(("bearer_token" = ["auditor", "admin"])),
    params(AuditLogQuery),
    responses(
        (status = 200, description = "一页记录 / one page", body = Page<AuditedAccess>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色无权查看 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/access-log")]
#[tracing::instrument(skip_all)]
pub async fn access_log(
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<AuditLogQuery>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let limit = fields.limit(query.limit.as_deref());
    let filter = query.filter(&mut fields, &state);
    fields.finish()?;
    let before = entry_cursor(query.cursor.as_deref())?;
    let rows = state
        .store
        .audited_access_log(&filter, before, limit + 1)
        .await?;
    let shown = &rows[..rows.len().min(limit as usize)];
    log_audit_reads(&state, &me, shown, "审计：查看查询记录").await?;
    Ok(private(HttpResponse::Ok()).json(page_of(rows, limit, audited_access)))
}

/// The filtered access log as a spreadsheet.
#[utoipa::path(
    tag = "audit",
    summary = "导出查询记录（CSV）/ Export the access log (CSV)",
    description = "按与列表相同的条件导出查询记录，UTF-8（带 BOM）CSV，最多 10000 条；超过时请缩小时间段。每次导出记入审计日志。\n\nThe access log under the same filters as the list, as UTF-8 CSV (with a BOM), at most 10,000 rows; narrow the period beyond that. Every export is an audit event.",
    security(("bearer_token" = ["auditor", "admin"])),
    params(AuditLogQuery),
    responses(
        (status = 200, description = "CSV", body = String, content_type = "text/csv"),
        (status = 403, description = "角色无权查看 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误或条数过多 / invalid parameter or too many rows", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/access-log/export")]
#[tracing::instrument(skip_all)]
pub async fn export_access_log(
    state: web::Data<AppState>,
    me: Principal,
    req: HttpRequest,
    query: web::Query<AuditLogQuery>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let filter = query.filter(&mut fields, &state);
    fields.finish()?;
    let rows = state
        .store
        .audited_access_log(&filter, None, MAX_EXPORT_ROWS + 1)
        .await?;
    if rows.len() > MAX_EXPORT_ROWS as usize {
        return Err(ApiError::Validation(vec![FieldError::new(
            "from",
            "export_too_large",
            Text::new(
                format!("符合条件的记录超过 {MAX_EXPORT_ROWS} 条，请缩小时间段后再导出"),
                format!(
                    "more than {MAX_EXPORT_ROWS} entries match; narrow the period and export again"
                ),
            ),
        )]));
    }
    let lang = Lang::from_accept_language(
        req.headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let body = access_log_csv(&rows, lang, &state.tz)?;
    log_audit_reads(&state, &me, &rows, "审计：导出查询记录").await?;
    state
        .store
        .audit(&AuditEvent {
            actor: me.actor(),
            action: "access_log.exported".into(),
            entity: "access_log".into(),
            entity_id: String::new(),
            detail: serde_json::json!({
                "rows": rows.len(),
                "person": filter.subject_name,
                "id_tail": filter.subject_id_tail,
                "department": filter.department_uscc,
                "purpose": filter.purpose,
                "channel": filter.channel.map(|c| c.code()),
                "from": query.from,
                "to": query.to,
            })
            .to_string(),
        })
        .await?;
    Ok(private(HttpResponse::Ok())
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"access-log.csv\"",
        ))
        .body(body))
}

/// The rows as CSV with a byte-order mark, so spreadsheet programs read the Chinese text right.
fn access_log_csv(rows: &[AuditedAccessRow], lang: Lang, tz: &chrono_tz::Tz) -> ApiResult<Vec<u8>> {
    let zh = lang == Lang::Zh;
    let header: [&str; 9] = if zh {
        [
            "时间",
            "渠道",
            "被查询人",
            "身份证号码（部分隐藏）",
            "查询方",
            "查询部门",
            "用途",
            "类别",
            "条数",
        ]
    } else {
        [
            "Time",
            "Channel",
            "Person",
            "ID number (masked)",
            "Reader",
            "Department",
            "Purpose",
            "Categories",
            "Records",
        ]
    };
    let failed = |e: csv::Error| ApiError::Internal(e.into());
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        let label = |c: Category| if zh { c.label_zh() } else { c.label_en() };
        let categories: Vec<&str> = parse_categories(&row.categories)
            .into_iter()
            .map(label)
            .collect();
        let channel = if zh {
            row.channel.label_zh()
        } else {
            row.channel.label_en()
        };
        writer
            .write_record([
                row.accessed_at
                    .with_timezone(tz)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
                    .as_str(),
                channel,
                &cell(&row.subject_name),
                &row.subject_id_masked,
                &cell(&row.accessor_name),
                &cell(row.accessor_department.as_deref().unwrap_or("")),
                &cell(&row.purpose),
                &categories.join(if zh { "、" } else { ", " }),
                &row.record_count.to_string(),
            ])
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))
}

/// Recomputes the audit chain from its first event.
#[utoipa::path(
    tag = "audit",
    summary = "校验审计链 / Verify the audit chain",
    description = "从第一条审计事件起逐条重算哈希链：每条事件都应指向前一条，且哈希与内容相符。断裂时给出第一条不符的序号。\n\nRecomputes the hash chain from the first audit event: each event must point at the one before it and its hash must match its content. When broken, the first event that does not match.",
    security(("bearer_token" = ["auditor", "admin"])),
    responses(
        (status = 200, description = "校验结果 / the result", body = AuditChainCheck),
        (status = 403, description = "角色无权查看 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/audit-chain")]
#[tracing::instrument(skip_all)]
pub async fn audit_chain(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let check = match state.store.verify_audit_chain().await? {
        ChainCheck::Intact { events } => AuditChainCheck {
            intact: true,
            events,
            broken_at: None,
            checked_at: Utc::now(),
        },
        ChainCheck::BrokenAt { seq } => AuditChainCheck {
            intact: false,
            events: seq - 1,
            broken_at: Some(seq),
            checked_at: Utc::now(),
        },
    };
    Ok(private(HttpResponse::Ok()).json(check))
}
