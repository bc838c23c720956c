//! Complaints about government breach of trust (政务失信投诉): anyone reports a government body;
//! the credit office handles it; substantiated findings show in the body's integrity profile.

use super::cases::{
    self, CaseListQuery, CaseType, Deadline, Received, after_step, by_code, by_ticket, case_page,
    full_view, is_phone, new_ticket_no, page_views, query_code, required_text, text_ok,
};
use super::me::{field_error, lang_of, private};
use crate::auth::Principal;
use crate::domain::Uscc;
use crate::domain::complaint::{
    ComplaintAction, ComplaintTransitionError, accept_due, is_open, next_status, result_due,
};
use crate::domain::rectification::COMPLAINT_SUBSTANTIATED;
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::{
    CaseKind, ComplaintRow, FindingRecord, NewComplaintCase, NewCreditRecord, Store, StoreResult,
    SubjectRef,
};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    ComplaintReceipt, ComplaintStatus, ComplaintStep, ComplaintView, EvidenceView, NewComplaint,
    ObjectionStep, Page, Problem, RecordStatus, TrackRequest,
};
use chrono::NaiveDate;

const MAX_TEXT_CHARS: usize = 2000;

/// Reports a government body's breach of trust.
#[utoipa::path(
    tag = "complaints",
    summary = "政务失信投诉 / Complain about a government body",
    description = "任何人可投诉政府机关的失信行为：拖欠企业账款、招商引资承诺不兑现、“新官不理旧账”等。由信用办受理和认定，认定属实的计入该机关的政务诚信档案。可附证据文件（同异议）。\n\nAnyone reports a government body's breach of trust: unpaid arrears to a firm, an investment promise not kept, a new official ignoring old commitments. The credit office handles it; substantiated findings go into the body's integrity profile. Evidence files as for objections.",
    security(()),
    params(("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变 / keep it the same when retrying")),
    request_body(content = NewComplaint, description = "JSON 或 multipart/form-data（complaint 部分 + evidence 文件）/ JSON or multipart/form-data (a `complaint` part and `evidence` files)"),
    responses(
        (status = 201, description = "已登记 / filed", body = ComplaintReceipt),
        (status = 400, description = "请求无法读取 / unreadable request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency-Key 已用于其他投诉 / key reused", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "文件过大或过多 / files too large or too many", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "文件类型不符 / unsupported file type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/complaints")]
#[tracing::instrument(skip_all)]
pub async fn file_complaint(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let mut filing = match cases::receive::<Complaints, NewComplaint>(&state, &req, payload).await?
    {
        Received::New(filing) => filing,
        Received::Replay(answer) => return Ok(answer),
    };
    let complaint = &filing.body;
    let mut errors = Vec::new();
    let body = match Uscc::parse(complaint.body_uscc.trim()) {
        Ok(uscc) => state.store.organisation_by_uscc(uscc.as_ref()).await?,
        Err(_) => None,
    };
    let body_is_government = match &body {
        Some((id, _)) => state
            .store
            .government_bodies()
            .await?
            .iter()
            .any(|(gov, _, _)| gov == id),
        None => false,
    };
    if !body_is_government {
        errors.push(field_error(
            "body_uscc",
            "not_a_government_body",
            "请填写被投诉政府机关的统一社会信用代码",
            "give the USCC of the government body complained about",
        ));
    }
    if !text_ok(&complaint.description, 10, MAX_TEXT_CHARS) {
        errors.push(field_error(
            "description",
            "invalid_description",
            "请描述失信情况（10 至 2000 个字符）",
            "describe what happened (10 to 2000 characters)",
        ));
    }
    let amount_cents = match complaint.amount_yuan {
        Some(yuan) if yuan.is_finite() && (0.0..=1e12).contains(&yuan) => {
            Some((yuan * 100.0).round() as i64)
        }
        Some(_) => {
            errors.push(field_error(
                "amount_yuan",
                "out_of_range",
                "金额应为 0 至一万亿元",
                "the amount must be between 0 and 10^12 yuan",
            ));
            None
        }
        None => None,
    };
    if !text_ok(&complaint.complainant_name, 1, 50) {
        errors.push(field_error(
            "complainant_name",
            "invalid_name",
            "请填写投诉人姓名（至多 50 个字符）",
            "give your name (at most 50 characters)",
        ));
    }
    if !is_phone(&complaint.complainant_phone) {
        errors.push(field_error(
            "complainant_phone",
            "invalid_phone",
            "请填写 11 位手机号或带区号的固定电话",
            "give an 11-digit mobile or a landline with area code",
        ));
    }
    if complaint
        .company
        .as_deref()
        .is_some_and(|c| !text_ok(c, 1, 100))
    {
        errors.push(field_error(
            "company",
            "invalid_company",
            "单位名称至多 100 个字符",
            "the company name must be at most 100 characters",
        ));
    }
    let (Some((body_id, _)), true) = (body, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let evidence = filing.store_evidence(&state)?;
    let complaint = &filing.body;
    let today = state.today();
    let rules = state.config.complaints;
    let case = NewComplaintCase {
        ticket_no: new_ticket_no(CaseKind::Complaint, today),
        body_org_id: body_id,
        kind: complaint.kind.code().to_string(),
        description: complaint.description.trim().to_string(),
        amount_cents,
        complainant_name: complaint.complainant_name.trim().to_string(),
        complainant_phone: complaint.complainant_phone.trim().to_string(),
        company: complaint.company.as_deref().map(|c| c.trim().to_string()),
        filed_on: today,
        accept_due: accept_due(&state.calendar.current(), &rules, today),
        result_due: result_due(&state.calendar.current(), &rules, today),
        idempotency_key: filing.idempotency_key.clone(),
        request_hash: Some(filing.fingerprint.clone()),
        evidence,
    };
    cases::file::<Complaints>(
        &state,
        case,
        filing.idempotency_key.as_deref(),
        &filing.fingerprint,
    )
    .await
}

/// Complaints in the case engine.
pub(crate) struct Complaints;

impl CaseType for Complaints {
    const KIND: CaseKind = CaseKind::Complaint;
    const PART: &'static str = "complaint";
    const NOUN: (&'static str, &'static str) = ("投诉", "complaint");
    type Row = ComplaintRow;
    type New = NewComplaintCase;
    type Receipt = ComplaintReceipt;
    type View = ComplaintView;

    fn id(row: &ComplaintRow) -> i64 {
        row.id
    }

    fn ticket_no(row: &ComplaintRow) -> &str {
        &row.ticket_no
    }

    fn request_hash(row: &ComplaintRow) -> Option<&str> {
        row.request_hash.as_deref()
    }

    fn receipt(state: &AppState, row: &ComplaintRow) -> ComplaintReceipt {
        ComplaintReceipt {
            ticket_no: row.ticket_no.clone(),
            query_code: query_code(state, CaseKind::Complaint, &row.ticket_no),
            status: row.status,
            accept_due: row.accept_due,
            result_due: row.result_due,
        }
    }

    fn due(row: &ComplaintRow) -> Option<NaiveDate> {
        match row.status {
            ComplaintStatus::Submitted => Some(row.accept_due),
            ComplaintStatus::Accepted => Some(row.result_due),
            _ => None,
        }
    }

    fn view(
        row: &ComplaintRow,
        steps: Vec<ObjectionStep>,
        evidence: Vec<EvidenceView>,
        deadline: Deadline,
    ) -> ComplaintView {
        let status = row.status;
        ComplaintView {
            ticket_no: row.ticket_no.clone(),
            body: row.body_name.clone(),
            body_uscc: row.body_uscc.clone(),
            kind: row.kind,
            description: row.description.clone(),
            amount_yuan: row.amount_cents.map(|c| c as f64 / 100.0),
            status,
            filed_at: row.filed_at,
            next_actor: if is_open(status) {
                "credit_office"
            } else {
                "none"
            }
            .to_string(),
            due: deadline.due,
            overdue: deadline.overdue,
            working_days_left: deadline.working_days_left,
            finding: row.finding.clone(),
            steps,
            evidence,
        }
    }

    fn new_ticket_no(case: &mut NewComplaintCase) -> &mut String {
        &mut case.ticket_no
    }

    fn step_text(action: &str) -> Option<(&'static str, &'static str)> {
        match action {
            "substantiated" => Some(("认定属实", "Substantiated")),
            "dismissed" => Some(("认定不属实", "Not substantiated")),
            _ => None,
        }
    }

    async fn by_ticket(store: &Store, ticket_no: &str) -> StoreResult<Option<ComplaintRow>> {
        store.complaint_by_ticket(ticket_no).await
    }

    async fn by_idempotency_key(store: &Store, key: &str) -> StoreResult<Option<ComplaintRow>> {
        store.complaint_by_idempotency_key(key).await
    }

    async fn insert(store: &Store, case: &NewComplaintCase) -> StoreResult<i64> {
        store.insert_complaint(case).await
    }
}

/// Tracks a complaint with its ticket number and query code.
#[utoipa::path(
    operation_id = "track_complaint",
    tag = "complaints",
    summary = "查询投诉办理进度 / Track a complaint",
    description = "凭受理编号和查询码查询投诉办理进度。编号或查询码不对时返回 404。\n\nTrack a complaint with its ticket number and query code. A wrong number or code gets 404.",
    security(()),
    request_body = TrackRequest,
    responses(
        (status = 200, description = "办理进度 / the complaint", body = ComplaintView),
        (status = 404, description = "编号或查询码不对 / wrong ticket or code", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/complaints/track")]
#[tracing::instrument(skip_all)]
pub async fn track(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TrackRequest>,
) -> ApiResult<HttpResponse> {
    let row = by_code::<Complaints>(&state, &body.ticket_no, &body.query_code).await?;
    Ok(private(HttpResponse::Ok())
        .json(full_view::<Complaints>(&state, &row, lang_of(&req)).await?))
}

/// Every complaint, for the credit office.
#[utoipa::path(
    tag = "handling",
    summary = "政务失信投诉（信用办）/ Complaints (credit office)",
    description = "信用办查看全部政务失信投诉，新的在前。\n\nThe credit office sees every complaint, newest first.",
    security(("bearer_token" = ["admin"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页投诉 / one page of complaints", body = Page<ComplaintView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/complaints")]
#[tracing::instrument(skip_all)]
pub async fn all(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let page = case_page(&query)?;
    let rows = state.store.complaints_page(&page).await?;
    let views = page_views::<Complaints>(&state, rows, page.limit, lang_of(&req)).await?;
    Ok(private(HttpResponse::Ok()).json(views))
}

/// The credit office's step on a complaint.
#[utoipa::path(
    operation_id = "handle_complaint",
    tag = "handling",
    summary = "办理政务失信投诉 / Handle a complaint",
    description = "信用办：受理、不予受理（附理由）、认定属实（计入被投诉机关的政务诚信档案）、认定不属实。状态不允许时返回 409。\n\nThe credit office: accept, refuse (with reason), substantiate (goes into the body's integrity profile), dismiss. A step the state does not allow gets 409.",
    security(("bearer_token" = ["admin"])),
    params(("ticket_no" = String, Path, description = "受理编号 / ticket number")),
    request_body = ComplaintStep,
    responses(
        (status = 200, description = "办理后的投诉 / the complaint after the step", body = ComplaintView),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此投诉 / no such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "当前状态不允许 / not allowed in the current state", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/oversight/complaints/{ticket_no}/steps")]
#[tracing::instrument(skip_all)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    body: web::Json<ComplaintStep>,
) -> ApiResult<HttpResponse> {
    let row = by_ticket::<Complaints>(&state, path.as_str()).await?;
    let (action, name, note) = match body.into_inner() {
        ComplaintStep::Accept { note } => (
            ComplaintAction::Accept,
            "accepted",
            note.unwrap_or_default()
                .trim()
                .chars()
                .take(MAX_TEXT_CHARS)
                .collect(),
        ),
        ComplaintStep::Refuse { reason } => (
            ComplaintAction::Refuse,
            "refused",
            required_text("reason", &reason)?,
        ),
        ComplaintStep::Substantiate { finding } => (
            ComplaintAction::Substantiate,
            "substantiated",
            required_text("finding", &finding)?,
        ),
        ComplaintStep::Dismiss { finding } => (
            ComplaintAction::Dismiss,
            "dismissed",
            required_text("finding", &finding)?,
        ),
    };
    let after = next_status(row.status, action).map_err(|e| {
        let en = match &e {
            ComplaintTransitionError::Closed(_) => "The complaint is closed",
            ComplaintTransitionError::NotAccepted => "The complaint has not been accepted yet",
            ComplaintTransitionError::AlreadyAccepted => "The complaint has been accepted already",
        };
        ApiError::Conflict {
            code: "invalid_transition",
            message: Text::new(e.to_string(), en),
        }
    })?;
    let finding_record = match after {
        ComplaintStatus::Substantiated => Some(finding_record(&state, &me, &row, &note).await?),
        _ => None,
    };
    let applied = state
        .store
        .apply_complaint_step(
            row.id,
            row.status.code(),
            after.code(),
            name,
            &note,
            &me.actor(),
            (!is_open(after)).then(|| state.today()),
            finding_record.as_ref(),
        )
        .await?;
    let purpose = format!("办理政务失信投诉 {}", row.ticket_no);
    after_step::<Complaints>(&state, &me, &req, &row.ticket_no, applied, &purpose).await
}

/// The breach record a complaint found true leaves on the body (政务失信记录), reported by the
/// credit office's own department and reviewed by its review panel like any other record.
async fn finding_record(
    state: &AppState,
    me: &Principal,
    row: &ComplaintRow,
    finding: &str,
) -> ApiResult<FindingRecord> {
    let Some(department) = me.organisation_id else {
        return Err(ApiError::Conflict {
            code: "account_without_department",
            message: Text::new(
                "该信用办账号未设所属单位，认定属实的投诉无法作为政务失信记录报送审核",
                "This credit office account has no department, so the finding cannot be reported for review",
            ),
        });
    };
    let catalogue = state.store.catalogue().await?;
    let Some(kind) = catalogue.find(COMPLAINT_SUBSTANTIATED) else {
        return Err(ApiError::Conflict {
            code: "breach_kind_retired",
            message: Text::new(
                format!("记录种类“{COMPLAINT_SUBSTANTIATED}”不在目录中或已停用，请先在目录中恢复"),
                format!(
                    "The record kind {COMPLAINT_SUBSTANTIATED} is missing or retired from the catalogue"
                ),
            ),
        });
    };
    let body = state
        .store
        .organisation_by_uscc(&row.body_uscc)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let today = state.today();
    let window = match kind.default_tier {
        Some(tier) => Some(
            state
                .config
                .publicity
                .window_of(Some(&kind.code), tier, today, None)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?,
        ),
        None => None,
    };
    Ok(FindingRecord {
        record: NewCreditRecord {
            subject: SubjectRef::Organisation(body.0),
            category: kind.category,
            kind_code: kind.code.clone(),
            title: kind.name.clone(),
            content: format!("{}：{}（投诉 {}）", row.body_name, finding, row.ticket_no),
            decision_no: Some(row.ticket_no.clone()),
            deciding_org_id: Some(department),
            reporting_org_id: department,
            decided_on: today,
            occurred_on: row.filed_at.date_naive().min(today),
            conduct_ended_on: None,
            route: kind.default_route,
            tier: kind.default_tier,
            window,
            status: RecordStatus::Pending,
            score_item: kind.score_item.clone(),
            act_key: None,
        },
        source_kind: "complaint",
        source_ref: row.ticket_no.clone(),
        submitted_by: me.account_id,
    })
}
