//! Rectification of government breaches (政务失信整改) over HTTP: the credit office sets the
//! deadline, reviews the body's report, escalates overdue cases and records consequences; the
//! body's staff read their cases and send the explanation and report. Cases are opened by the
//! review of a breach record (`store::rectifications::open_rectifications`), never by hand.

use super::cases::{
    self, CaseListQuery, CaseType, Deadline, Received, by_ticket, case_page, concurrent_change,
    not_your_department, page_views, text_ok,
};
use super::me::{field_error, lang_of, private};
use crate::auth::Principal;
use crate::domain::rectification::{
    RectificationAction, RectificationError, check_escalation, escalation_action, next_status, rate,
};
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::{
    CaseKind, ConsequenceRow, NewConsequenceRow, RectificationChange, RectificationCounts,
    RectificationRow, RectificationStepRow, Store, StoreError, StoreResult,
};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    BodyRectificationRate, BreachRecord, ConsequenceKind, ConsequenceView, EvidenceView,
    NewConsequence, ObjectionStep, Page, Problem, RectificationRate, RectificationRates,
    RectificationReceipt, RectificationReport, RectificationStatus, RectificationStep,
    RectificationView,
};
use chrono::{Months, NaiveDate};

const MAX_TEXT_CHARS: usize = 4000;

/// Rectification cases in the case engine.
pub(crate) struct Rectifications;

impl CaseType for Rectifications {
    const KIND: CaseKind = CaseKind::Rectification;
    const PART: &'static str = "report";
    const NOUN: (&'static str, &'static str) = ("整改事项", "rectification case");
    type Row = RectificationRow;
    /// Cases are opened by the review of a breach record, not filed.
    type New = ();
    type Receipt = RectificationReceipt;
    type View = RectificationView;

    fn id(row: &RectificationRow) -> i64 {
        row.id
    }

    fn ticket_no(row: &RectificationRow) -> &str {
        &row.ticket_no
    }

    fn request_hash(row: &RectificationRow) -> Option<&str> {
        row.report_request_hash.as_deref()
    }

    fn receipt(_state: &AppState, row: &RectificationRow) -> RectificationReceipt {
        RectificationReceipt {
            ticket_no: row.ticket_no.clone(),
            status: row.status,
            report_submitted_on: row.report_submitted_on,
        }
    }

    fn due(row: &RectificationRow) -> Option<NaiveDate> {
        match row.status {
            RectificationStatus::Opened => Some(row.assign_due),
            RectificationStatus::AwaitingReport => row.report_due,
            RectificationStatus::ReportSubmitted
            | RectificationStatus::Rectified
            | RectificationStatus::Withdrawn => None,
        }
    }

    fn view(
        row: &RectificationRow,
        steps: Vec<ObjectionStep>,
        evidence: Vec<EvidenceView>,
        deadline: Deadline,
    ) -> RectificationView {
        RectificationView {
            ticket_no: row.ticket_no.clone(),
            body: row.body_name.clone(),
            body_uscc: row.body_uscc.clone(),
            record: BreachRecord {
                record_id: row.record_id,
                kind_code: row.kind_code.clone(),
                kind_name: row.kind_name.clone(),
                category: row.category,
                title: row.title.clone(),
                content: row.content.clone(),
                decided_on: row.decided_on,
                reported_by: row.reported_by.clone(),
                source_kind: row.source_kind.clone(),
                source_ref: row.source_ref.clone(),
            },
            status: row.status,
            opened_at: row.opened_at,
            first_due: row.first_due,
            report_due: row.report_due,
            escalation: row.escalation,
            next_actor: match row.status {
                RectificationStatus::AwaitingReport => "body",
                RectificationStatus::Rectified | RectificationStatus::Withdrawn => "none",
                _ => "credit_office",
            }
            .to_string(),
            due: deadline.due,
            overdue: deadline.overdue,
            working_days_left: deadline.working_days_left,
            explanation: row.explanation.clone(),
            report: row.report.clone(),
            report_submitted_on: row.report_submitted_on,
            closed_on: row.closed_on,
            on_time: row.on_time,
            consequences: Vec::new(),
            steps,
            evidence,
        }
    }

    fn new_ticket_no(_case: &mut ()) -> &mut String {
        unreachable!("rectification cases are opened by review, never filed")
    }

    fn step_text(action: &str) -> Option<(&'static str, &'static str)> {
        Some(match action {
            "opened" => (
                "政务失信记录生效，立案整改",
                "Breach record in effect: case opened",
            ),
            "deadline_set" => ("确定整改期限", "Deadline set"),
            "report_submitted" => ("提交书面说明和整改报告", "Explanation and report submitted"),
            "accepted" => ("整改报告审核通过，整改完成", "Report accepted: rectified"),
            "returned" => ("整改报告退回补充", "Report sent back"),
            "reminded" => ("逾期提醒", "Reminded (overdue)"),
            "warned" => ("逾期警示", "Warned (overdue)"),
            "interviewed" => ("约谈", "Interviewed (overdue)"),
            "consequence" => ("作出失信约束措施", "Consequence recorded"),
            "record_revoked" => (
                "失信记录经异议撤销，整改事项终止",
                "Breach record revoked on objection: case ended",
            ),
            "record_repaired" => (
                "失信行为已纠正并经信用修复，整改完成",
                "Breach corrected and the record repaired: rectified",
            ),
            _ => return None,
        })
    }

    fn department(row: &RectificationRow) -> Option<i64> {
        Some(row.body_org_id)
    }

    async fn by_ticket(store: &Store, ticket_no: &str) -> StoreResult<Option<RectificationRow>> {
        store.rectification_by_ticket(ticket_no).await
    }

    /// A report's key is looked up on its own case ([`submit_report`]), not across cases.
    async fn by_idempotency_key(
        _store: &Store,
        _key: &str,
    ) -> StoreResult<Option<RectificationRow>> {
        Ok(None)
    }

    async fn insert(_store: &Store, _case: &()) -> StoreResult<i64> {
        Err(StoreError::Other(anyhow::anyhow!(
            "rectification cases are opened by review, never filed"
        )))
    }
}

/// A refused step, as the caller reads it.
fn refused(e: RectificationError) -> ApiError {
    match e {
        RectificationError::DeadlineOutOfRange(_) => ApiError::field(
            "working_days",
            "deadline_out_of_range",
            Text::new(e.to_string(), e.english()),
        ),
        RectificationError::EscalationDate => {
            ApiError::field("on", "invalid_date", Text::new(e.to_string(), e.english()))
        }
        _ => ApiError::Conflict {
            code: "invalid_transition",
            message: Text::new(e.to_string(), e.english()),
        },
    }
}

/// A case with its consequences.
async fn with_consequences(
    state: &AppState,
    mut views: Vec<RectificationView>,
    ids: &[i64],
) -> ApiResult<Vec<RectificationView>> {
    let rows = state.store.consequences(None, Some(ids)).await?;
    for (view, id) in views.iter_mut().zip(ids) {
        view.consequences = rows
            .iter()
            .filter(|c| c.rectification_id == *id)
            .map(consequence_view)
            .collect();
    }
    Ok(views)
}

pub(crate) fn consequence_view(row: &ConsequenceRow) -> ConsequenceView {
    ConsequenceView {
        id: row.id,
        ticket_no: row.ticket_no.clone(),
        kind: row.kind,
        document_no: row.document_no.clone(),
        note: row.note.clone(),
        recipient: row.recipient.clone(),
        effective_from: row.effective_from,
        effective_until: row.effective_until,
        created_at: row.created_at,
    }
}

async fn one_view(
    state: &AppState,
    req: &HttpRequest,
    row: &RectificationRow,
) -> ApiResult<RectificationView> {
    let view = cases::full_view::<Rectifications>(state, row, lang_of(req)).await?;
    Ok(with_consequences(state, vec![view], &[row.id])
        .await?
        .pop()
        .unwrap_or_else(|| unreachable!("one view in, one view out")))
}

async fn page_answer(
    state: &AppState,
    req: &HttpRequest,
    rows: Vec<RectificationRow>,
    limit: u32,
) -> ApiResult<HttpResponse> {
    let ids: Vec<i64> = rows.iter().take(limit as usize).map(|r| r.id).collect();
    let page = page_views::<Rectifications>(state, rows, limit, lang_of(req)).await?;
    let items = with_consequences(state, page.items, &ids).await?;
    Ok(private(HttpResponse::Ok()).json(Page { items, ..page }))
}

/// Every rectification case, for the credit office.
#[utoipa::path(
    operation_id = "all_rectifications",
    tag = "rectification",
    summary = "政务失信整改（信用办）/ Rectification cases (credit office)",
    description = "全部整改事项：`state=open` 按立案先后（期限最早的在前）。政务失信记录（投诉认定属实、承诺未履行、失信被执行人、拖欠账款、部门报送的政务失信记录等）经审核生效后自动立案。\n\nEvery rectification case; `state=open` oldest first. A case opens when a government breach record (a complaint found true, a breached commitment, a judgment-debtor listing, arrears, a reported breach) takes effect after review.",
    security(("bearer_token" = ["admin"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页整改事项 / one page of cases", body = Page<RectificationView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/rectifications")]
#[tracing::instrument(skip_all)]
pub async fn all(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let page = case_page(&query)?;
    let rows = state.store.rectifications_page(None, &page).await?;
    page_answer(&state, &req, rows, page.limit).await
}

/// One rectification case, for the credit office.
#[utoipa::path(
    operation_id = "rectification_for_office",
    tag = "rectification",
    summary = "整改事项详情（信用办）/ A rectification case (credit office)",
    security(("bearer_token" = ["admin"])),
    params(("ticket_no" = String, Path, description = "整改编号 / case number")),
    responses(
        (status = 200, description = "整改事项 / the case", body = RectificationView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此整改事项 / no such case", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/rectifications/{ticket_no}")]
#[tracing::instrument(skip_all)]
pub async fn office_case(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let row = by_ticket::<Rectifications>(&state, path.as_str()).await?;
    Ok(private(HttpResponse::Ok()).json(one_view(&state, &req, &row).await?))
}

/// The credit office's step on a rectification case.
#[utoipa::path(
    operation_id = "handle_rectification",
    tag = "rectification",
    summary = "办理整改事项 / Handle a rectification case",
    description = "信用办：确定整改期限（工作日）；审核整改报告，通过或退回补充（另定期限）；对逾期未提交报告的逐级督办：提醒 → 警示 → 约谈，各附日期和说明。是否按期整改以首次确定的期限为准。状态不允许时返回 409。\n\nThe credit office sets the deadline (working days); accepts the report or sends it back with a new deadline; escalates an overdue case one level at a time (reminder → warning → interview), each with its date and a note. On time is judged against the first deadline. A step the state does not allow gets 409.",
    security(("bearer_token" = ["admin"])),
    params(("ticket_no" = String, Path, description = "整改编号 / case number")),
    request_body = RectificationStep,
    responses(
        (status = 200, description = "办理后的整改事项 / the case after the step", body = RectificationView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此整改事项 / no such case", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "当前状态不允许 / not allowed in the current state", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/rectifications/{ticket_no}/steps")]
#[tracing::instrument(skip_all)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    body: web::Json<RectificationStep>,
) -> ApiResult<HttpResponse> {
    let row = by_ticket::<Rectifications>(&state, path.as_str()).await?;
    let rules = &state.config.rectification;
    let calendar = state.calendar.current();
    let today = state.today();
    let optional_note = |note: Option<String>| -> ApiResult<String> {
        let note = note.unwrap_or_default();
        if note.trim().is_empty() {
            return Ok(String::new());
        }
        checked_text("note", &note, 2, 2000)
    };
    let (status_after, change, action, note, escalation) = match body.into_inner() {
        RectificationStep::SetDeadline { working_days, note } => {
            let after =
                next_status(row.status, RectificationAction::SetDeadline).map_err(refused)?;
            let due = rules
                .deadline(&calendar, today, working_days)
                .map_err(refused)?;
            (
                after,
                RectificationChange::Deadline { due },
                "deadline_set",
                optional_note(note)?,
                row.escalation,
            )
        }
        RectificationStep::Accept { note } => {
            let after = next_status(row.status, RectificationAction::Accept).map_err(refused)?;
            (
                after,
                RectificationChange::Accept { closed_on: today },
                "accepted",
                optional_note(note)?,
                row.escalation,
            )
        }
        RectificationStep::Return {
            reason,
            working_days,
        } => {
            let reason = checked_text("reason", &reason, 2, 2000)?;
            let after = next_status(row.status, RectificationAction::Return).map_err(refused)?;
            let due = rules
                .deadline(&calendar, today, working_days)
                .map_err(refused)?;
            (
                after,
                RectificationChange::Return { due },
                "returned",
                reason,
                row.escalation,
            )
        }
        RectificationStep::Escalate { level, note, on } => {
            let note = checked_text("note", &note, 2, 2000)?;
            let on = on.unwrap_or(today);
            check_escalation(row.status, row.report_due, row.escalation, level, on, today)
                .map_err(refused)?;
            (
                row.status,
                RectificationChange::Escalate { level },
                escalation_action(level),
                format!("{}：{note}", on.format("%Y-%m-%d")),
                row.escalation,
            )
        }
    };
    let actor = me.actor();
    let applied = state
        .store
        .apply_rectification_step(&RectificationStepRow {
            id: row.id,
            expected_status: row.status,
            expected_escalation: escalation,
            status_after,
            change,
            action,
            note: &note,
            actor: &actor,
        })
        .await?;
    if !applied {
        return Err(concurrent_change::<Rectifications>());
    }
    let row = by_ticket::<Rectifications>(&state, &row.ticket_no).await?;
    Ok(private(HttpResponse::Ok()).json(one_view(&state, &req, &row).await?))
}

/// A text field of `min` to `max` characters, trimmed.
fn checked_text(field: &str, value: &str, min: usize, max: usize) -> ApiResult<String> {
    if text_ok(value, min, max) {
        return Ok(value.trim().to_string());
    }
    Err(ApiError::Validation(vec![field_error(
        field,
        "invalid_text",
        &format!("请填写{min}至{max}个字符"),
        &format!("give {min} to {max} characters"),
    )]))
}

/// Records a consequence of a breach on the body.
#[utoipa::path(
    operation_id = "add_consequence",
    tag = "rectification",
    summary = "作出失信约束措施 / Record a consequence",
    description = "信用办对失信的政府机关作出约束措施：取消荣誉评选资格（`months` 个月）、通报批评、通报主管部门、移送审计机关、移送纪检监察机关。通报和移送同时作为待送达文书进入发件箱：通报主管部门发给上级单位，其余由信用办打印送达。\n\nThe credit office records a consequence on the body: no honours for `months` months, public criticism, a notice to the supervising department, referral to audit or to discipline inspection. Notices are queued in the outbox as documents: to the parent body for the supervising department, to the credit office to print and deliver otherwise.",
    security(("bearer_token" = ["admin"])),
    params(("ticket_no" = String, Path, description = "整改编号 / case number")),
    request_body = NewConsequence,
    responses(
        (status = 201, description = "已记录 / recorded", body = ConsequenceView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此整改事项 / no such case", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/rectifications/{ticket_no}/consequences")]
#[tracing::instrument(skip_all)]
pub async fn add_consequence(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    body: web::Json<NewConsequence>,
) -> ApiResult<HttpResponse> {
    let row = by_ticket::<Rectifications>(&state, path.as_str()).await?;
    let c = body.into_inner();
    let mut errors = Vec::new();
    let max_months = state.config.rectification.max_honours_months;
    if !text_ok(&c.document_no, 1, 64) {
        errors.push(field_error(
            "document_no",
            "invalid_document_no",
            "请填写文号（至多 64 个字符）",
            "give the document number (at most 64 characters)",
        ));
    }
    if !text_ok(&c.note, 2, 2000) {
        errors.push(field_error(
            "note",
            "invalid_text",
            "请写明措施内容（2 至 2000 个字符）",
            "describe the measure (2 to 2000 characters)",
        ));
    }
    let today = state.today();
    let until = match (c.kind, c.months) {
        (ConsequenceKind::HonoursIneligible, Some(m)) if (1..=max_months).contains(&m) => {
            today.checked_add_months(Months::new(m))
        }
        (ConsequenceKind::HonoursIneligible, _) => {
            errors.push(field_error(
                "months",
                "out_of_range",
                &format!("请填写取消荣誉评选资格的期限（1 至 {max_months} 个月）"),
                &format!("give the period without honours (1 to {max_months} months)"),
            ));
            None
        }
        (_, Some(_)) => {
            errors.push(field_error(
                "months",
                "not_applicable",
                "只有取消荣誉评选资格才有期限",
                "only the loss of eligibility for honours has a period",
            ));
            None
        }
        (_, None) => None,
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let recipient = match c.kind {
        ConsequenceKind::HonoursIneligible | ConsequenceKind::PublicCriticism => None,
        ConsequenceKind::NoticeSupervisor => Some(
            match state.store.parent_organisation(row.body_org_id).await? {
                Some((id, name)) => (name, format!("org:{id}")),
                None => ("主管部门".to_string(), "credit_office".to_string()),
            },
        ),
        ConsequenceKind::NoticeAudit => Some(("审计机关".to_string(), "credit_office".to_string())),
        ConsequenceKind::NoticeDiscipline => {
            Some(("纪检监察机关".to_string(), "credit_office".to_string()))
        }
    };
    let actor = me.actor();
    let id = state
        .store
        .add_consequence(&NewConsequenceRow {
            rectification_id: row.id,
            body_org_id: row.body_org_id,
            kind: c.kind,
            document_no: c.document_no.trim(),
            note: c.note.trim(),
            recipient,
            effective_from: today,
            effective_until: until,
            actor: &actor,
        })
        .await?;
    let rows = state.store.consequences(None, Some(&[row.id])).await?;
    let view = rows
        .iter()
        .find(|c| c.id == id)
        .map(consequence_view)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("a recorded consequence vanished")))?;
    Ok(private(HttpResponse::Created()).json(view))
}

pub(crate) fn rate_of(counts: RectificationCounts) -> RectificationRate {
    RectificationRate {
        due: counts.due,
        rectified_on_time: counts.rectified_on_time,
        rectified_late: counts.rectified_late,
        open: counts.open,
        rate: rate(counts.rectified_on_time, counts.due),
    }
}

/// The rectification rate of the district and of each body with a case.
#[utoipa::path(
    operation_id = "rectification_rates",
    tag = "rectification",
    summary = "政务失信整改率 / Rectification rates",
    description = "按期整改数 ÷ 应整改数（首次期限已届满或已整改的事项），全区和各机关，目标 100%。\n\nRectified on time ÷ due (cases whose first deadline has passed, or rectified), for the district and each body; the target is 100 %.",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "整改率 / the rates", body = RectificationRates),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/rectification-rates")]
#[tracing::instrument(skip_all)]
pub async fn rates(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let today = state.today();
    let district = rate_of(state.store.rectification_counts(None, today, false).await?);
    let bodies = state
        .store
        .rectification_counts_by_body(today)
        .await?
        .into_iter()
        .map(|(body, body_uscc, counts)| BodyRectificationRate {
            body,
            body_uscc,
            rate: rate_of(counts),
        })
        .collect();
    Ok(private(HttpResponse::Ok()).json(RectificationRates { district, bodies }))
}

/// The caller's body's case `ticket_no`: 404 when there is none, 403 for another body's.
async fn own_case(
    state: &AppState,
    me: &Principal,
    ticket_no: &str,
) -> ApiResult<RectificationRow> {
    let row = by_ticket::<Rectifications>(state, ticket_no).await?;
    if me.organisation_id != Some(row.body_org_id) {
        return Err(not_your_department::<Rectifications>());
    }
    Ok(row)
}

/// The rectification cases of the caller's own body.
#[utoipa::path(
    operation_id = "own_rectifications",
    tag = "rectification",
    summary = "本单位的整改事项 / My body's rectification cases",
    description = "本单位工作人员查看本单位的政务失信整改事项，`state=open` 期限最早的在前。\n\nStaff of a body see its rectification cases; `state=open` oldest first.",
    security(("bearer_token" = ["reporter", "reviewer", "handler"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页整改事项 / one page of cases", body = Page<RectificationView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色不符或未设所属单位 / role not allowed or no body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/work/rectifications")]
#[tracing::instrument(skip_all)]
pub async fn own(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let Some(body) = me.organisation_id else {
        return Err(not_your_department::<Rectifications>());
    };
    let page = case_page(&query)?;
    let rows = state.store.rectifications_page(Some(body), &page).await?;
    page_answer(&state, &req, rows, page.limit).await
}

/// One case of the caller's own body.
#[utoipa::path(
    operation_id = "own_rectification",
    tag = "rectification",
    summary = "本单位的整改事项详情 / One of my body's cases",
    security(("bearer_token" = ["reporter", "reviewer", "handler"])),
    params(("ticket_no" = String, Path, description = "整改编号 / case number")),
    responses(
        (status = 200, description = "整改事项 / the case", body = RectificationView),
        (status = 403, description = "不是本单位的事项 / another body's case", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此整改事项 / no such case", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/work/rectifications/{ticket_no}")]
#[tracing::instrument(skip_all)]
pub async fn own_one(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let row = own_case(&state, &me, path.as_str()).await?;
    Ok(private(HttpResponse::Ok()).json(one_view(&state, &req, &row).await?))
}

/// The body's written explanation and rectification report.
#[utoipa::path(
    operation_id = "submit_rectification_report",
    tag = "rectification",
    summary = "提交书面说明和整改报告 / Submit the explanation and report",
    description = "失信机关的信息报送员或经办人在整改期限内提交书面说明（失信原因）和整改报告，可附证据文件（同异议：JSON，或 multipart/form-data 的 report 部分加 evidence 文件）。只有待提交报告的事项可以提交，否则返回 409；逾期仍可提交，但不计为按期整改。\n\nA reporter or handler of the body sends the written explanation and the rectification report, with evidence files as for objections (JSON, or multipart with a `report` part and `evidence` files). Only a case awaiting its report takes one (else 409); a late report is taken but does not count as on time.",
    security(("bearer_token" = ["reporter", "handler"])),
    params(
        ("ticket_no" = String, Path, description = "整改编号 / case number"),
        ("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变 / keep it the same when retrying")
    ),
    request_body(content = RectificationReport, description = "JSON 或 multipart/form-data（report 部分 + evidence 文件）/ JSON or multipart/form-data"),
    responses(
        (status = 201, description = "已提交 / submitted", body = RectificationReceipt),
        (status = 400, description = "请求无法读取 / unreadable request", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "不是本单位的事项 / another body's case", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此整改事项 / no such case", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "当前不待提交报告，或 Idempotency-Key 已用于其他内容 / not awaiting a report, or key reused", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "文件过大或过多 / files too large or too many", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "文件类型不符 / unsupported file type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/work/rectifications/{ticket_no}/report")]
#[tracing::instrument(skip_all)]
pub async fn submit_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let row = own_case(&state, &me, path.as_str()).await?;
    let mut filing =
        match cases::receive::<Rectifications, RectificationReport>(&state, &req, payload).await? {
            Received::New(filing) => filing,
            Received::Replay(answer) => return Ok(answer),
        };
    // A retry of this case's report gets its receipt again; the same key for other content, 409.
    if let Some(key) = filing.idempotency_key.as_deref()
        && row.report_idempotency_key.as_deref() == Some(key)
    {
        return report_replay(&state, &row, &filing.fingerprint);
    }
    let mut errors = Vec::new();
    for (field, value, zh) in [
        ("explanation", &filing.body.explanation, "书面说明"),
        ("report", &filing.body.report, "整改报告"),
    ] {
        if !text_ok(value, 10, MAX_TEXT_CHARS) {
            errors.push(field_error(
                field,
                "invalid_text",
                &format!("请填写{zh}（10 至 {MAX_TEXT_CHARS} 个字符）"),
                &format!("give the {field} (10 to {MAX_TEXT_CHARS} characters)"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let after = next_status(row.status, RectificationAction::SubmitReport).map_err(refused)?;
    let evidence = filing.store_evidence(&state)?;
    let explanation = filing.body.explanation.trim().to_string();
    let report = filing.body.report.trim().to_string();
    let actor = me.actor();
    let applied = state
        .store
        .apply_rectification_step(&RectificationStepRow {
            id: row.id,
            expected_status: row.status,
            expected_escalation: row.escalation,
            status_after: after,
            change: RectificationChange::Report {
                explanation: &explanation,
                report: &report,
                on: state.today(),
                idempotency_key: filing.idempotency_key.as_deref(),
                request_hash: &filing.fingerprint,
                evidence: &evidence,
            },
            action: "report_submitted",
            note: "",
            actor: &actor,
        })
        .await?;
    if !applied {
        // A concurrent retry with the same key got there first: it is answered as a replay.
        let now = by_ticket::<Rectifications>(&state, &row.ticket_no).await?;
        if filing.idempotency_key.is_some()
            && now.report_idempotency_key.as_deref() == filing.idempotency_key.as_deref()
        {
            return report_replay(&state, &now, &filing.fingerprint);
        }
        return Err(concurrent_change::<Rectifications>());
    }
    let row = by_ticket::<Rectifications>(&state, &row.ticket_no).await?;
    Ok(private(HttpResponse::Created()).json(Rectifications::receipt(&state, &row)))
}

/// The answer to a retried report: its receipt if the content is the same, 409 if the key was
/// used for something else.
fn report_replay(
    state: &AppState,
    row: &RectificationRow,
    fingerprint: &str,
) -> ApiResult<HttpResponse> {
    if row.report_request_hash.as_deref() != Some(fingerprint) {
        return Err(ApiError::Conflict {
            code: "idempotency_key_reused",
            message: Text::new(
                "该 Idempotency-Key 已用于另一份内容不同的提交",
                "This Idempotency-Key was used for a submission with other content",
            ),
        });
    }
    Ok(private(HttpResponse::Created()).json(Rectifications::receipt(state, row)))
}
