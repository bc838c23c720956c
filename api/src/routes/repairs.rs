//! Credit repair (信用修复): applying with evidence and a credit commitment, tracking, withdrawal,
//! handling by the department that produced the record, and the decision document.

use super::access::log_staff_reads;
use super::cases::{
    self, CaseListQuery, CaseType, Deadline, Received, after_step, after_withdrawal, by_code,
    case_page, for_handler, full_view, is_phone, new_ticket_no, no_extension_days,
    not_your_department, page_views, query_code, required_text, text_ok,
};
use super::me::{field_error, lang_of, private};
use crate::auth::Principal;
use crate::auth::identity::MaybeSignedIn;
use crate::domain::extension::extended_so_far;
use crate::domain::repair::{
    ApplicantHistory, RepairAction, RepairCandidate, RepairTransitionError, accept_due,
    eligibility, is_open, next_status, result_due,
};
use crate::domain::{IdNumber, Uscc};
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::{CaseKind, NewRepairCase, RepairCaseStep, RepairRow, Store, StoreResult};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    Category, EvidenceView, NewRepair, ObjectionStep, Page, Problem, RepairReceipt, RepairStatus,
    RepairStep, RepairView, TrackRequest,
};
use chrono::NaiveDate;

const MAX_TEXT_CHARS: usize = 2000;

fn not_the_subject() -> ApiError {
    ApiError::Validation(vec![field_error(
        "applicant",
        "not_the_subject",
        "申请人须为该记录的信用主体：请填写该单位的统一社会信用代码或本人身份证号码",
        "the applicant must be the record's subject: give the organisation's USCC or the person's ID number",
    )])
}

/// Applies for credit repair.
#[utoipa::path(
    tag = "repairs",
    summary = "申请信用修复 / Apply for credit repair",
    description = "信用主体在失信信息最短公示期届满后、公示期结束前申请信用修复：说明纠正失信行为、履行义务的情况，提交信用承诺书内容和证明材料（JPG、PNG、PDF，同异议）。本人登录后可直接申请本人记录；未登录时须填写联系人、电话，以及该单位的统一社会信用代码或本人身份证号码。不符合条件时返回 422 并说明原因（如最短公示期届满日）。\n\nThe subject applies after the minimum publicity period and before publication ends: how the conduct was corrected and obligations performed, the text of a credit commitment, and evidence files (as for objections). Signed in, a person applies for their own record; otherwise give a contact, a phone, and the organisation's USCC or the person's ID number. An ineligible record gets 422 with the reason (e.g. the day the minimum period ends).",
    security(()),
    params(("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变 / keep it the same when retrying")),
    request_body(content = NewRepair, description = "JSON 或 multipart/form-data（application 部分 + evidence 文件）/ JSON or multipart/form-data (an `application` part and `evidence` files)"),
    responses(
        (status = 201, description = "已登记 / filed", body = RepairReceipt),
        (status = 400, description = "请求无法读取 / unreadable request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "令牌无效 / invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此记录 / no such record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency-Key 已用于其他申请 / key reused", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "文件过大或过多 / files too large or too many", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "文件类型不符 / unsupported file type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误或不符合修复条件 / invalid fields or not eligible", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/repairs")]
#[tracing::instrument(skip_all)]
pub async fn apply(
    req: HttpRequest,
    state: web::Data<AppState>,
    MaybeSignedIn(signed_in): MaybeSignedIn,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let mut filing = match cases::receive::<Repairs, NewRepair>(&state, &req, payload).await? {
        Received::New(filing) => filing,
        Received::Replay(answer) => return Ok(answer),
    };
    let application = &filing.body;
    let record = state
        .store
        .record_for_objection(application.record_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let own = signed_in
        .as_ref()
        .is_some_and(|me| me.person_id.is_some() && me.person_id == record.person_id);
    let mut errors = Vec::new();
    if !text_ok(&application.correction, 5, MAX_TEXT_CHARS) {
        errors.push(field_error(
            "correction",
            "invalid_correction",
            "请说明纠正失信行为、履行义务的情况（5 至 2000 个字符）",
            "describe how the conduct was corrected (5 to 2000 characters)",
        ));
    }
    if !text_ok(&application.commitment, 10, MAX_TEXT_CHARS) {
        errors.push(field_error(
            "commitment",
            "invalid_commitment",
            "请填写信用承诺内容（10 至 2000 个字符）",
            "give the text of the credit commitment (10 to 2000 characters)",
        ));
    }
    let (applicant_name, applicant_phone) = if own {
        let me = signed_in.as_ref().ok_or_else(ApiError::not_found)?;
        (me.display_name.clone(), None)
    } else {
        let Some(applicant) = &application.applicant else {
            errors.push(field_error(
                "applicant",
                "required",
                "请填写申请人、联系电话和主体身份信息",
                "give the applicant, a phone and the subject's identifier",
            ));
            return Err(ApiError::Validation(errors));
        };
        if !text_ok(&applicant.name, 1, 50) {
            errors.push(field_error(
                "applicant.name",
                "invalid_name",
                "请填写申请人姓名（至多 50 个字符）",
                "give the applicant's name (at most 50 characters)",
            ));
        }
        if !is_phone(&applicant.phone) {
            errors.push(field_error(
                "applicant.phone",
                "invalid_phone",
                "请填写 11 位手机号或带区号的固定电话",
                "give an 11-digit mobile or a landline with area code",
            ));
        }
        // The subject proves itself with its own identifier; a mismatch looks like any other.
        let is_subject = match (&record.subject_uscc, &record.subject_id_lookup) {
            (Some(uscc), _) => applicant
                .uscc
                .as_deref()
                .and_then(|u| Uscc::parse(u.trim()).ok())
                .is_some_and(|u| u.as_ref() == uscc),
            (None, Some(lookup)) => applicant
                .id_number
                .as_deref()
                .and_then(|n| IdNumber::parse(n.trim()).ok())
                .is_some_and(|id| &state.cipher.lookup(&id) == lookup),
            (None, None) => false,
        };
        if !is_subject {
            return Err(not_the_subject());
        }
        (
            applicant.name.trim().to_string(),
            Some(applicant.phone.trim().to_string()),
        )
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let today = state.today();
    let (open_application, last_false_materials_on) = state.store.repair_history(record.id).await?;
    let rulebook = state
        .store
        .rulebook_in_effect(&state.config.scoring.rulebook, today)
        .await?;
    let candidate = RepairCandidate {
        category: Category::from_code(&record.category).unwrap_or(Category::Basic),
        kind: &record.kind_code,
        facts: record.facts(),
        conduct_on: record.conduct_ended_on.unwrap_or(record.occurred_on),
        validity_years: rulebook.validity_of_item(record.score_item.as_deref()),
        listing: record.listing(),
    };
    let rules = &state.config.repairs;
    eligibility(
        &candidate,
        ApplicantHistory {
            open_application,
            last_false_materials_on,
        },
        rules,
        today,
    )
    .map_err(|why| {
        ApiError::Validation(vec![crate::error::FieldError::new(
            "record_id",
            why.code(),
            Text::new(why.to_string(), why.english()),
        )])
    })?;
    let evidence = filing.store_evidence(&state)?;
    let application = &filing.body;
    let case = NewRepairCase {
        ticket_no: new_ticket_no(CaseKind::Repair, today),
        record_id: record.id,
        department_org_id: record.department_org_id,
        applicant_account_id: signed_in.as_ref().map(|me| me.account_id),
        applicant_name,
        applicant_phone,
        correction: application.correction.trim().to_string(),
        commitment: application.commitment.trim().to_string(),
        filed_on: today,
        accept_due: accept_due(&state.calendar.current(), rules, today),
        result_due: result_due(&state.calendar.current(), rules, today),
        idempotency_key: filing.idempotency_key.clone(),
        request_hash: Some(filing.fingerprint.clone()),
        evidence,
        actor: signed_in
            .as_ref()
            .map_or_else(|| "public".to_string(), Principal::actor),
    };
    cases::file::<Repairs>(
        &state,
        case,
        filing.idempotency_key.as_deref(),
        &filing.fingerprint,
    )
    .await
}

/// Repair applications in the case engine.
pub(crate) struct Repairs;

impl CaseType for Repairs {
    const KIND: CaseKind = CaseKind::Repair;
    const PART: &'static str = "application";
    const NOUN: (&'static str, &'static str) = ("申请", "application");
    type Row = RepairRow;
    type New = NewRepairCase;
    type Receipt = RepairReceipt;
    type View = RepairView;

    fn id(row: &RepairRow) -> i64 {
        row.id
    }

    fn ticket_no(row: &RepairRow) -> &str {
        &row.ticket_no
    }

    fn request_hash(row: &RepairRow) -> Option<&str> {
        row.request_hash.as_deref()
    }

    fn receipt(state: &AppState, row: &RepairRow) -> RepairReceipt {
        RepairReceipt {
            ticket_no: row.ticket_no.clone(),
            query_code: query_code(state, CaseKind::Repair, &row.ticket_no),
            status: row.status,
            accept_due: row.accept_due,
            result_due: row.result_due,
        }
    }

    fn due(row: &RepairRow) -> Option<NaiveDate> {
        match row.status {
            RepairStatus::Submitted => Some(row.accept_due),
            RepairStatus::Accepted => Some(row.result_due),
            _ => None,
        }
    }

    fn view(
        row: &RepairRow,
        steps: Vec<ObjectionStep>,
        evidence: Vec<EvidenceView>,
        deadline: Deadline,
    ) -> RepairView {
        let status = row.status;
        RepairView {
            ticket_no: row.ticket_no.clone(),
            record_id: row.record_id,
            record_title: row.record_title.clone(),
            department: row.department_name.clone(),
            status,
            correction: row.correction.clone(),
            commitment: row.commitment.clone(),
            filed_at: row.filed_at,
            next_actor: if is_open(status) {
                "department"
            } else {
                "none"
            }
            .to_string(),
            due: deadline.due,
            overdue: deadline.overdue,
            working_days_left: deadline.working_days_left,
            outcome_reason: row.outcome_reason.clone(),
            decision_available: matches!(status, RepairStatus::Approved | RepairStatus::Denied),
            steps,
            evidence,
        }
    }

    fn new_ticket_no(case: &mut NewRepairCase) -> &mut String {
        &mut case.ticket_no
    }

    fn department(row: &RepairRow) -> Option<i64> {
        Some(row.department_org_id)
    }

    fn record_id(row: &RepairRow) -> Option<i64> {
        Some(row.record_id)
    }

    fn step_text(action: &str) -> Option<(&'static str, &'static str)> {
        match action {
            "accepted" => Some((
                "受理，转信息提供单位核查",
                "Accepted; the providing unit checks",
            )),
            "approved" => Some(("准予信用修复", "Repair approved")),
            "denied" => Some(("不予信用修复", "Repair denied")),
            _ => None,
        }
    }

    async fn by_ticket(store: &Store, ticket_no: &str) -> StoreResult<Option<RepairRow>> {
        store.repair_by_ticket(ticket_no).await
    }

    async fn by_idempotency_key(store: &Store, key: &str) -> StoreResult<Option<RepairRow>> {
        store.repair_by_idempotency_key(key).await
    }

    async fn insert(store: &Store, case: &NewRepairCase) -> StoreResult<i64> {
        store.insert_repair(case).await
    }
}

/// Tracks an application with its ticket number and query code.
#[utoipa::path(
    operation_id = "track_repair",
    tag = "repairs",
    summary = "查询修复进度 / Track a repair application",
    description = "凭受理编号和查询码查询信用修复办理进度。编号或查询码不对时返回 404。\n\nTrack an application with its ticket number and query code. A wrong number or code gets 404.",
    security(()),
    request_body = TrackRequest,
    responses(
        (status = 200, description = "办理进度 / the application", body = RepairView),
        (status = 404, description = "编号或查询码不对 / wrong ticket or code", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/repairs/track")]
#[tracing::instrument(skip_all)]
pub async fn track(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TrackRequest>,
) -> ApiResult<HttpResponse> {
    let row = by_code::<Repairs>(&state, &body.ticket_no, &body.query_code).await?;
    Ok(private(HttpResponse::Ok()).json(full_view::<Repairs>(&state, &row, lang_of(&req)).await?))
}

fn conflict(error: RepairTransitionError) -> ApiError {
    let (code, en) = match &error {
        RepairTransitionError::Closed(_) => (
            "invalid_transition",
            "The application is closed".to_string(),
        ),
        RepairTransitionError::NotAccepted => (
            "invalid_transition",
            "The application has not been accepted yet".to_string(),
        ),
        RepairTransitionError::AlreadyAccepted => (
            "invalid_transition",
            "The application has been accepted already".to_string(),
        ),
        RepairTransitionError::Extension(refused) => (refused.code(), refused.english()),
    };
    ApiError::Conflict {
        code,
        message: Text::new(error.to_string(), en),
    }
}

/// Withdraws an open application.
#[utoipa::path(
    operation_id = "withdraw_repair",
    tag = "repairs",
    summary = "撤回修复申请 / Withdraw a repair application",
    description = "申请人凭受理编号和查询码撤回尚未办结的申请；已办结的返回 409。\n\nThe applicant withdraws an open application with its ticket number and query code; a closed one gets 409.",
    security(()),
    request_body = TrackRequest,
    responses(
        (status = 200, description = "已撤回 / withdrawn", body = RepairView),
        (status = 404, description = "编号或查询码不对 / wrong ticket or code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已办结 / already closed", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/repairs/withdraw")]
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TrackRequest>,
) -> ApiResult<HttpResponse> {
    let row = by_code::<Repairs>(&state, &body.ticket_no, &body.query_code).await?;
    let after =
        next_status(row.status, RepairAction::Withdraw, &state.config.repairs).map_err(conflict)?;
    let applied = state
        .store
        .apply_repair_step(&RepairCaseStep {
            repair_id: row.id,
            record_id: row.record_id,
            expected_status: row.status.code().to_string(),
            status_after: after.code().to_string(),
            action: "withdrawn".into(),
            note: String::new(),
            actor: "applicant".into(),
            accepted_on: None,
            result_due: None,
            extends_due: None,
            closed_on: Some(state.today()),
            false_materials: false,
            approve: false,
        })
        .await?;
    after_withdrawal::<Repairs>(&state, &req, &body, applied, || {
        conflict(RepairTransitionError::Closed(row.status))
    })
    .await
}

/// My repair applications (signed in).
#[utoipa::path(
    operation_id = "my_repairs",
    tag = "me",
    summary = "我的信用修复申请 / My repair applications",
    description = "登录后提出的信用修复申请及其办理进度。\n\nThe repair applications I filed while signed in, with their progress.",
    security(("bearer_token" = ["civil_servant"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页申请 / one page of applications", body = Page<RepairView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/repairs")]
#[tracing::instrument(skip_all)]
pub async fn mine(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let page = case_page(&query)?;
    let rows = state.store.repairs_of_account(me.account_id, &page).await?;
    let views = page_views::<Repairs>(&state, rows, page.limit, lang_of(&req)).await?;
    Ok(private(HttpResponse::Ok()).json(views))
}

/// The applications concerning my department's records.
#[utoipa::path(
    operation_id = "department_repairs",
    tag = "handling",
    summary = "本单位的信用修复申请 / My department's repair applications",
    description = "经办人查看本单位产生的记录收到的信用修复申请（谁认定、谁修复）。\n\nHandlers see the repair applications for records their department produced.",
    security(("bearer_token" = ["handler"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页申请 / one page of applications", body = Page<RepairView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/handling/repairs")]
#[tracing::instrument(skip_all)]
pub async fn department_cases(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let org = me
        .organisation_id
        .ok_or_else(not_your_department::<Repairs>)?;
    let page = case_page(&query)?;
    let rows = state.store.repairs_of_department(org, &page).await?;
    log_staff_reads(
        &state,
        &me,
        // The page shows `limit` cases; one more is fetched to say whether another follows.
        rows.iter().take(page.limit as usize).map(|r| r.record_id),
        "办理信用修复（本单位申请列表）",
    )
    .await?;
    let views = page_views::<Repairs>(&state, rows, page.limit, lang_of(&req)).await?;
    Ok(private(HttpResponse::Ok()).json(views))
}

/// A handler's step on an application.
#[utoipa::path(
    operation_id = "handle_repair",
    tag = "handling",
    summary = "办理信用修复 / Handle a repair application",
    description = "产生记录的单位的经办人：受理、不予受理（附理由）、延期（工作日，附理由）、准予修复（记录立即停止公示、停止共享、不再计分）、不予修复（附理由；发现提供虚假材料时标明，此后一段时间内不得再次申请）。状态不允许时返回 409。\n\nA handler of the department that produced the record: accept, refuse (with reason), extend (working days, with reason), approve (publication, sharing and scoring end at once), deny (with reasons; mark false materials to bar new applications for a while). A step the state does not allow gets 409.",
    security(("bearer_token" = ["handler"])),
    params(("ticket_no" = String, Path, description = "受理编号 / ticket number")),
    request_body = RepairStep,
    responses(
        (status = 200, description = "办理后的申请 / the application after the step", body = RepairView),
        (status = 403, description = "不是本单位的申请 / not this department's application", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此申请 / no such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "当前状态不允许 / not allowed in the current state", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/handling/repairs/{ticket_no}/steps")]
#[tracing::instrument(skip_all)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    body: web::Json<RepairStep>,
) -> ApiResult<HttpResponse> {
    let row = for_handler::<Repairs>(&state, &me, path.as_str()).await?;
    let today = state.today();
    let rules = &state.config.repairs;
    let (action, name, note, false_materials) = match body.into_inner() {
        RepairStep::Accept { note } => (
            RepairAction::Accept,
            "accepted",
            note.unwrap_or_default()
                .trim()
                .chars()
                .take(MAX_TEXT_CHARS)
                .collect(),
            false,
        ),
        RepairStep::Refuse { reason } => (
            RepairAction::Refuse,
            "refused",
            required_text("reason", &reason)?,
            false,
        ),
        RepairStep::Extend { days: 0, .. } => return Err(no_extension_days()),
        RepairStep::Extend { days, reason } => (
            RepairAction::Extend {
                days,
                // The result deadline as first set on filing, to the one in force now.
                used: extended_so_far(
                    &state.calendar.current(),
                    result_due(&state.calendar.current(), rules, row.filed_on),
                    row.result_due,
                ),
            },
            "extended",
            required_text("reason", &reason)?,
            false,
        ),
        RepairStep::Approve { reason } => (
            RepairAction::Approve,
            "approved",
            required_text("reason", &reason)?,
            false,
        ),
        RepairStep::Deny {
            reason,
            false_materials,
        } => (
            RepairAction::Deny,
            "denied",
            required_text("reason", &reason)?,
            false_materials,
        ),
    };
    let after = next_status(row.status, action, rules).map_err(conflict)?;
    let new_result_due = match action {
        RepairAction::Extend { days, .. } => Some(
            state
                .calendar
                .current()
                .add_working_days(row.result_due, days),
        ),
        _ => None,
    };
    let applied = state
        .store
        .apply_repair_step(&RepairCaseStep {
            repair_id: row.id,
            record_id: row.record_id,
            expected_status: row.status.code().to_string(),
            status_after: after.code().to_string(),
            action: name.to_string(),
            note,
            actor: me.actor(),
            accepted_on: (action == RepairAction::Accept).then_some(today),
            result_due: new_result_due,
            extends_due: matches!(action, RepairAction::Extend { .. }).then_some(row.result_due),
            closed_on: (!is_open(after)).then_some(today),
            false_materials,
            approve: action == RepairAction::Approve,
        })
        .await?;
    let purpose = format!("办理信用修复 {}", row.ticket_no);
    after_step::<Repairs>(&state, &me, &req, &row.ticket_no, applied, &purpose).await
}

/// Open applications past their deadline, for the credit office.
#[utoipa::path(
    operation_id = "overdue_repairs",
    tag = "handling",
    summary = "逾期修复申请 / Overdue repair applications",
    description = "信用办查看所有已超过受理或办理期限（工作日）的未办结信用修复申请。\n\nThe credit office sees every open repair application past its acceptance or decision deadline (working days).",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "逾期申请 / overdue applications", body = Vec<RepairView>),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/repairs/overdue")]
#[tracing::instrument(skip_all)]
pub async fn overdue(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
) -> ApiResult<HttpResponse> {
    let rows = state.store.overdue_repairs(state.today()).await?;
    super::cases::overdue_answer::<Repairs>(&state, &me, &req, rows).await
}
