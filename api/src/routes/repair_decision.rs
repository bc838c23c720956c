//! The repair decision document (信用修复决定书 / 不予信用修复决定书): a printable page the applicant
//! opens with the ticket number and query code, and the department's handlers (and the credit
//! office) open from the workspace. One document, built in one place.

use super::access::log_staff_reads;
use super::cases::{by_code, by_ticket, for_handler};
use super::document::escape;
use super::me::private;
use super::repairs::Repairs;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::RepairRow;
use actix_web::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use actix_web::{HttpResponse, get, web};
use chengxin_types::{Problem, RepairStatus, Role};
use serde::Deserialize;
use std::sync::LazyLock;
use utoipa::IntoParams;

/// The document's own styles. The page allows this stylesheet by its hash and nothing else, so
/// the document prints as designed under a policy that runs no script at all.
const STYLE: &str = r#"body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:40em;margin:3em auto;line-height:1.9;padding:0 1em}
h1{text-align:center;letter-spacing:.3em}.no{text-align:center}dt{font-weight:bold}.sign{text-align:right;margin-top:3em}
@media print{body{margin:0}}"#;

static POLICY: LazyLock<String> = LazyLock::new(|| super::document::policy(STYLE));

/// The decision on application `row` as a printable page; 409 while it is undecided.
fn document(row: &RepairRow) -> ApiResult<HttpResponse> {
    let (title, verdict) = match row.status {
        RepairStatus::Approved => (
            "信用修复决定书",
            "经审核，申请人已纠正失信行为、履行相关义务并作出信用承诺，符合信用修复条件，决定准予信用修复。自本决定作出之日起，该失信信息停止公示、停止共享，不再作为失信记录计分。",
        ),
        RepairStatus::Denied => (
            "不予信用修复决定书",
            "经审核，申请不符合信用修复条件，决定不予信用修复。",
        ),
        _ => {
            return Err(ApiError::Conflict {
                code: "not_decided",
                message: Text::new(
                    "申请尚未作出决定，暂无决定书",
                    "The application has not been decided yet",
                ),
            });
        }
    };
    let decided_on = row
        .closed_on
        .map(|d| d.format("%Y年%-m月%-d日").to_string())
        .unwrap_or_default();
    let html = format!(
        r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} {ticket}</title>
<style>{STYLE}</style></head>
<body><h1>{title}</h1><p class="no">编号：{ticket}</p>
<dl><dt>申请人</dt><dd>{applicant}</dd><dt>涉及信息</dt><dd>{record}（记录编号 {record_id}）</dd>
<dt>申请日期</dt><dd>{filed}</dd><dt>纠正情况</dt><dd>{correction}</dd><dt>信用承诺</dt><dd>{commitment}</dd></dl>
<p>{verdict}</p><p>理由：{reason}</p>
<p class="sign">{department}<br>{decided_on}</p>
<p><small>凭编号和查询码可在本平台查验本决定书。</small></p></body></html>"#,
        ticket = escape(&row.ticket_no),
        applicant = escape(&row.applicant_name),
        record = escape(&row.record_title),
        record_id = row.record_id,
        filed = row.filed_on.format("%Y年%-m月%-d日"),
        correction = escape(&row.correction),
        commitment = escape(&row.commitment),
        reason = escape(row.outcome_reason.as_deref().unwrap_or_default()),
        department = escape(&row.department_name),
    );
    Ok(private(HttpResponse::Ok())
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((CONTENT_SECURITY_POLICY, POLICY.as_str()))
        .body(html))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionQuery {
    /// 查询码 / the query code.
    code: Option<String>,
}

/// The decision document, as a printable page.
#[utoipa::path(
    tag = "repairs",
    summary = "信用修复决定书 / Repair decision document",
    description = "准予或不予修复后，申请人凭受理编号和查询码下载或打印决定书（HTML，可直接打印或另存为 PDF）。\n\nOnce approved or denied, the applicant downloads or prints the decision document with the ticket number and query code (HTML, ready to print or save as PDF).",
    security(()),
    params(
        ("ticket_no" = String, Path, description = "受理编号 / ticket number"),
        DecisionQuery
    ),
    responses(
        (status = 200, description = "决定书 / the document", content_type = "text/html", body = String),
        (status = 404, description = "编号或查询码不对 / wrong ticket or code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "尚未作出决定 / not decided yet", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/repairs/{ticket_no}/decision")]
#[tracing::instrument(skip_all)]
pub async fn decision(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DecisionQuery>,
) -> ApiResult<HttpResponse> {
    let row = by_code::<Repairs>(&state, &path, query.code.as_deref().unwrap_or_default()).await?;
    document(&row)
}

/// The decision document of one of the department's applications, for its handlers.
#[utoipa::path(
    tag = "handling",
    summary = "决定书（办理人员） / The decision document, for handlers",
    description = "作出准予或不予修复的决定后，办理单位的经办人（及督办的信用办）打开或打印决定书，与申请人收到的相同。涉及公职人员记录的，每次查看记入本人的查询记录。\n\nOnce the application is approved or denied, the handlers of the department (and the credit office, which oversees them) open or print the decision document, the same the applicant receives. Where the record is a civil servant's, each view is in their access log.",
    security(("bearer_token" = ["handler", "admin"])),
    params(("ticket_no" = String, Path, description = "受理编号 / ticket number")),
    responses(
        (status = 200, description = "决定书 / the document", content_type = "text/html", body = String),
        (status = 403, description = "不是办理单位 / not the handling department", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此申请 / no such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "尚未作出决定 / not decided yet", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/handling/repairs/{ticket_no}/decision")]
#[tracing::instrument(skip_all)]
pub async fn handler_decision(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let ticket_no = path.into_inner();
    let row = if me.has(Role::Admin) {
        by_ticket::<Repairs>(&state, &ticket_no).await?
    } else {
        for_handler::<Repairs>(&state, &me, &ticket_no).await?
    };
    let page = document(&row)?;
    log_staff_reads(
        &state,
        &me,
        [row.record_id],
        &format!("查看信用修复决定书 {ticket_no}"),
    )
    .await?;
    Ok(page)
}
