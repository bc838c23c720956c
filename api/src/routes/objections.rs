//! Objections (异议): filing with evidence and an idempotency key, tracking with the ticket number
//! and query code, withdrawal, and handling by the department that produced the record.

use super::access::log_staff_reads;
use super::cases::{
    self, CaseListQuery, CaseType, Deadline, Received, after_step, after_withdrawal, by_code,
    case_page, for_handler, full_view, is_phone, new_ticket_no, no_extension_days,
    not_your_department, page_views, query_code, required_text, text_ok,
};
use super::me::{field_error, lang_of, private};
use crate::auth::Principal;
use crate::auth::identity::MaybeSignedIn;
use crate::domain::disclosure::{Audience, visible_to};
use crate::domain::extension::extended_so_far;
use crate::domain::objection::{
    Decision, ObjectionAction, TransitionError, accept_due, is_open, next_status, reply_due,
};
use crate::error::{ApiError, ApiResult, FieldError, Text};
use crate::state::AppState;
use crate::store::{
    CaseKind, CaseStep, Correction, NewObjectionCase, ObjectionRow, RecordChange,
    RecordForObjection, Store, StoreResult,
};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    EvidenceView, FieldProposal, HandlingStep, NewObjection, ObjectionReceipt, ObjectionStatus,
    ObjectionStep, ObjectionView, Page, Problem, RecordField, TrackRequest,
};
use chrono::NaiveDate;

const MAX_REASON_CHARS: usize = 2000;
const MAX_PROPOSALS: usize = 10;
/// Field errors of an objection; `needs_filer` when the filer is not the signed-in subject.
fn check_objection(objection: &NewObjection, needs_filer: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !text_ok(&objection.reason, 5, MAX_REASON_CHARS) {
        errors.push(field_error(
            "reason",
            "invalid_reason",
            "请说明理由（5 至 2000 个字符）",
            "give the reason (5 to 2000 characters)",
        ));
    }
    if objection.proposals.len() > MAX_PROPOSALS {
        errors.push(field_error(
            "proposals",
            "too_many",
            "更正建议最多 10 条",
            "at most 10 proposals",
        ));
    }
    for (i, proposal) in objection.proposals.iter().enumerate() {
        if !text_ok(&proposal.proposed, 1, MAX_REASON_CHARS) {
            errors.push(field_error(
                &format!("proposals[{i}].proposed"),
                "invalid_proposal",
                "建议内容应为 1 至 2000 个字符",
                "the proposed text must be 1 to 2000 characters",
            ));
        }
    }
    if needs_filer {
        match &objection.filer {
            None => errors.push(field_error(
                "filer",
                "required",
                "请填写姓名、联系电话和身份",
                "give your name, phone and capacity",
            )),
            Some(filer) => {
                if !text_ok(&filer.name, 1, 50) {
                    errors.push(field_error(
                        "filer.name",
                        "invalid_name",
                        "请填写姓名（至多 50 个字符）",
                        "give a name (at most 50 characters)",
                    ));
                }
                if !is_phone(&filer.phone) {
                    errors.push(field_error(
                        "filer.phone",
                        "invalid_phone",
                        "请填写 11 位手机号或带区号的固定电话",
                        "give an 11-digit mobile or a landline with area code",
                    ));
                }
            }
        }
    }
    errors
}

/// Files an objection.
#[utoipa::path(
    tag = "objections",
    summary = "提出异议 / File an objection",
    description = "对公开的信用记录（任何人，需填写姓名、联系电话和身份）或本人的记录（登录后）提出异议：哪些内容有误、应为何内容、理由，以及证据文件（JPG、PNG、PDF，至多 5 个，每个至多 5 MB，按文件内容判断类型）。可用 JSON，或 multipart/form-data（objection 部分为 JSON，evidence 部分为文件）。返回受理编号和查询码。带 Idempotency-Key 重试同一提交时返回同一编号。\n\nObject to a published record (anyone, with name, phone and capacity) or to one's own record (signed in): which fields are wrong and what they should read, the reason, and evidence files (JPG, PNG, PDF; at most 5 of 5 MB each; type judged from the content). Send JSON, or multipart/form-data with an `objection` JSON part and `evidence` file parts. The answer holds the ticket number and the query code. Retrying with the same Idempotency-Key returns the same ticket.",
    security(()),
    params(("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变 / keep it the same when retrying")),
    request_body(content = NewObjection, description = "JSON 或 multipart/form-data / JSON or multipart/form-data"),
    responses(
        (status = 201, description = "已登记 / filed", body = ObjectionReceipt),
        (status = 400, description = "请求无法读取 / unreadable request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "令牌无效 / invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有可异议的此记录 / no such record visible to the filer", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "文件过大或过多 / files too large or too many", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "文件类型不符 / unsupported file type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/objections")]
#[tracing::instrument(skip_all)]
pub async fn file_objection(
    req: HttpRequest,
    state: web::Data<AppState>,
    MaybeSignedIn(signed_in): MaybeSignedIn,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let mut filing = match cases::receive::<Objections, NewObjection>(&state, &req, payload).await?
    {
        Received::New(filing) => filing,
        Received::Replay(answer) => return Ok(answer),
    };
    let record = state
        .store
        .record_for_objection(filing.body.record_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let today = state.today();
    let own = signed_in
        .as_ref()
        .is_some_and(|me| me.person_id.is_some() && me.person_id == record.person_id);
    let audience = if own {
        Audience::Subject
    } else {
        Audience::Public
    };
    let notified = !own
        && state.store.listing_under_notice(record.id, today).await?
        && filing
            .body
            .filer
            .as_ref()
            .and_then(|f| f.proof.as_deref())
            .is_some_and(|proof| proves_subject(&state, &record, proof));
    let audience = if notified {
        Audience::Subject
    } else {
        audience
    };
    if !visible_to(audience, &record.facts(), today) {
        return Err(ApiError::not_found());
    }
    let errors = check_objection(&filing.body, !own);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let evidence = filing.store_evidence(&state)?;
    let objection = &filing.body;
    let (filer_name, filer_phone, capacity) = match (&objection.filer, &signed_in) {
        (Some(filer), _) if !own => (
            filer.name.trim().to_string(),
            Some(filer.phone.trim().to_string()),
            filer.capacity.code().to_string(),
        ),
        (_, Some(me)) => (me.display_name.clone(), None, "subject".to_string()),
        _ => return Err(ApiError::not_found()),
    };
    let deadlines = state.config.objections.deadlines();
    let case = NewObjectionCase {
        ticket_no: new_ticket_no(CaseKind::Objection, today),
        record_id: record.id,
        department_org_id: record.department_org_id,
        filer_account_id: signed_in.as_ref().map(|me| me.account_id),
        filer_name,
        filer_phone,
        filer_capacity: capacity,
        reason: objection.reason.trim().to_string(),
        proposals_json: serde_json::to_string(&objection.proposals).unwrap_or_else(|_| "[]".into()),
        filed_on: today,
        accept_due: accept_due(&state.calendar.current(), &deadlines, today),
        idempotency_key: filing.idempotency_key.clone(),
        request_hash: Some(filing.fingerprint.clone()),
        evidence,
        actor: signed_in
            .as_ref()
            .map_or_else(|| "public".to_string(), Principal::actor),
    };
    cases::file::<Objections>(
        &state,
        case,
        filing.idempotency_key.as_deref(),
        &filing.fingerprint,
    )
    .await
}

/// Objections in the case engine.
pub(crate) struct Objections;

impl CaseType for Objections {
    const KIND: CaseKind = CaseKind::Objection;
    const PART: &'static str = "objection";
    const NOUN: (&'static str, &'static str) = ("异议", "case");
    type Row = ObjectionRow;
    type New = NewObjectionCase;
    type Receipt = ObjectionReceipt;
    type View = ObjectionView;

    fn id(row: &ObjectionRow) -> i64 {
        row.id
    }

    fn ticket_no(row: &ObjectionRow) -> &str {
        &row.ticket_no
    }

    fn request_hash(row: &ObjectionRow) -> Option<&str> {
        row.request_hash.as_deref()
    }

    fn receipt(state: &AppState, row: &ObjectionRow) -> ObjectionReceipt {
        ObjectionReceipt {
            ticket_no: row.ticket_no.clone(),
            query_code: query_code(state, CaseKind::Objection, &row.ticket_no),
            status: row.status,
            accept_due: row.accept_due,
        }
    }

    fn due(row: &ObjectionRow) -> Option<NaiveDate> {
        match row.status {
            ObjectionStatus::Submitted => Some(row.accept_due),
            ObjectionStatus::Accepted => row.reply_due,
            _ => None,
        }
    }

    fn view(
        row: &ObjectionRow,
        steps: Vec<ObjectionStep>,
        evidence: Vec<EvidenceView>,
        deadline: Deadline,
    ) -> ObjectionView {
        let status = row.status;
        ObjectionView {
            ticket_no: row.ticket_no.clone(),
            record_id: row.record_id,
            record_title: row.record_title.clone(),
            department: row.department_name.clone(),
            status,
            reason: row.reason.clone(),
            proposals: serde_json::from_str(&row.proposals).unwrap_or_default(),
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
            steps,
            evidence,
        }
    }

    fn new_ticket_no(case: &mut NewObjectionCase) -> &mut String {
        &mut case.ticket_no
    }

    fn step_text(action: &str) -> Option<(&'static str, &'static str)> {
        match action {
            "accepted" => Some((
                "受理，转信息提供单位核查",
                "Accepted; the providing unit checks",
            )),
            "decided" => Some(("作出处理决定", "Decided")),
            _ => None,
        }
    }

    fn location(ticket_no: &str) -> Option<String> {
        Some(format!("/api/v1/objections/{ticket_no}"))
    }

    fn department(row: &ObjectionRow) -> Option<i64> {
        Some(row.department_org_id)
    }

    fn record_id(row: &ObjectionRow) -> Option<i64> {
        Some(row.record_id)
    }

    async fn by_ticket(store: &Store, ticket_no: &str) -> StoreResult<Option<ObjectionRow>> {
        store.objection_by_ticket(ticket_no).await
    }

    async fn by_idempotency_key(store: &Store, key: &str) -> StoreResult<Option<ObjectionRow>> {
        store.objection_by_idempotency_key(key).await
    }

    async fn insert(store: &Store, case: &NewObjectionCase) -> StoreResult<i64> {
        store.insert_objection(case).await
    }
}

/// Tracks a case with its ticket number and query code.
#[utoipa::path(
    operation_id = "track_objection",
    tag = "objections",
    summary = "查询异议办理进度 / Track an objection",
    description = "凭受理编号和查询码查询办理进度：每一步的时间、下一步由谁办理、期限和是否逾期。编号或查询码不对时返回 404。\n\nTrack a case with its ticket number and query code: every step with its time, who acts next, the deadline and whether it is late. A wrong number or code gets 404.",
    security(()),
    request_body = TrackRequest,
    responses(
        (status = 200, description = "办理进度 / the case", body = ObjectionView),
        (status = 404, description = "编号或查询码不对 / wrong ticket or code", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/objections/track")]
#[tracing::instrument(skip_all)]
pub async fn track(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TrackRequest>,
) -> ApiResult<HttpResponse> {
    let row = by_code::<Objections>(&state, &body.ticket_no, &body.query_code).await?;
    Ok(private(HttpResponse::Ok())
        .json(full_view::<Objections>(&state, &row, lang_of(&req)).await?))
}

fn conflict(error: TransitionError) -> ApiError {
    let (code, en) = match &error {
        TransitionError::Closed(_) => ("invalid_transition", "The case is closed".to_string()),
        TransitionError::NotAccepted => (
            "invalid_transition",
            "The case has not been accepted yet".to_string(),
        ),
        TransitionError::AlreadyAccepted => (
            "invalid_transition",
            "The case has been accepted already".to_string(),
        ),
        TransitionError::Extension(refused) => (refused.code(), refused.english()),
    };
    ApiError::Conflict {
        code,
        message: Text::new(error.to_string(), en),
    }
}

/// Withdraws a case with its ticket number and query code.
#[utoipa::path(
    operation_id = "withdraw_objection",
    tag = "objections",
    summary = "撤回异议 / Withdraw an objection",
    description = "异议人凭受理编号和查询码撤回尚未办结的异议；已办结的返回 409。\n\nThe filer withdraws an open case with its ticket number and query code; a closed case gets 409.",
    security(()),
    request_body = TrackRequest,
    responses(
        (status = 200, description = "已撤回 / withdrawn", body = ObjectionView),
        (status = 404, description = "编号或查询码不对 / wrong ticket or code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "已办结 / already closed", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/objections/withdraw")]
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<TrackRequest>,
) -> ApiResult<HttpResponse> {
    let row = by_code::<Objections>(&state, &body.ticket_no, &body.query_code).await?;
    let status = row.status;
    let deadlines = state.config.objections.deadlines();
    let after = next_status(status, &ObjectionAction::Withdraw, &deadlines).map_err(conflict)?;
    let applied = state
        .store
        .apply_objection_step(&CaseStep {
            objection_id: row.id,
            record_id: row.record_id,
            expected_status: row.status.code().to_string(),
            status_after: after.code().to_string(),
            action: "withdrawn".into(),
            note: String::new(),
            actor: "filer".into(),
            accepted_on: None,
            reply_due: None,
            extends_due: None,
            closed_on: Some(state.today()),
            record_change: None,
        })
        .await?;
    after_withdrawal::<Objections>(&state, &req, &body, applied, || {
        conflict(TransitionError::Closed(status))
    })
    .await
}

/// My objections (signed in).
#[utoipa::path(
    operation_id = "my_objections",
    tag = "me",
    summary = "我的异议 / My objections",
    description = "登录后提出的全部异议及其办理进度。\n\nEvery objection I filed while signed in, with its progress.",
    security(("bearer_token" = ["civil_servant"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页异议 / one page of cases", body = Page<ObjectionView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "账号未关联个人档案 / no personal archive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me/objections")]
#[tracing::instrument(skip_all)]
pub async fn mine(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let page = case_page(&query)?;
    let rows = state
        .store
        .objections_of_account(me.account_id, &page)
        .await?;
    let views = page_views::<Objections>(&state, rows, page.limit, lang_of(&req)).await?;
    Ok(private(HttpResponse::Ok()).json(views))
}

/// The cases of my department.
#[utoipa::path(
    operation_id = "department_objections",
    tag = "handling",
    summary = "本单位的异议 / My department's objections",
    description = "异议与修复经办人查看本单位产生的记录所收到的异议：未办结的在前，按期限排序。\n\nHandlers see the objections to records their department produced: open cases first, by deadline.",
    security(("bearer_token" = ["handler"])),
    params(CaseListQuery),
    responses(
        (status = 200, description = "一页异议 / one page of cases", body = Page<ObjectionView>),
        (status = 400, description = "游标无效 / malformed cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/handling/objections")]
#[tracing::instrument(skip_all)]
pub async fn department_cases(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    query: web::Query<CaseListQuery>,
) -> ApiResult<HttpResponse> {
    let org = me
        .organisation_id
        .ok_or_else(not_your_department::<Objections>)?;
    let page = case_page(&query)?;
    let rows = state.store.objections_of_department(org, &page).await?;
    log_staff_reads(
        &state,
        &me,
        // The page shows `limit` cases; one more is fetched to say whether another follows.
        rows.iter().take(page.limit as usize).map(|r| r.record_id),
        "办理异议（本单位异议列表）",
    )
    .await?;
    let views = page_views::<Objections>(&state, rows, page.limit, lang_of(&req)).await?;
    Ok(private(HttpResponse::Ok()).json(views))
}

/// Whether `proof` (a USCC, or a resident ID number) is the subject of the record.
fn proves_subject(state: &AppState, record: &RecordForObjection, proof: &str) -> bool {
    if let Ok(uscc) = crate::domain::Uscc::parse(proof) {
        return record.subject_uscc.as_deref() == Some(uscc.as_str());
    }
    match crate::domain::IdNumber::parse(proof) {
        Ok(id) => record.subject_id_lookup.as_deref() == Some(state.cipher.lookup(&id).as_str()),
        Err(_) => false,
    }
}

fn corrections_of(proposals: &[FieldProposal]) -> ApiResult<Vec<Correction>> {
    let mut errors = Vec::new();
    let mut corrections = Vec::new();
    for (i, p) in proposals.iter().enumerate() {
        let value = p.proposed.trim().to_string();
        let date = || NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
        let correction = match p.field {
            RecordField::Title if text_ok(&value, 1, 200) => Some(Correction::Title(value.clone())),
            RecordField::Content if text_ok(&value, 1, MAX_REASON_CHARS) => {
                Some(Correction::Content(value.clone()))
            }
            RecordField::DecisionNo if text_ok(&value, 1, 100) => {
                Some(Correction::DecisionNo(value.clone()))
            }
            RecordField::DecidedOn => date().map(Correction::DecidedOn),
            RecordField::OccurredOn => date().map(Correction::OccurredOn),
            _ => None,
        };
        match correction {
            Some(c) => corrections.push(c),
            None => errors.push(field_error(
                &format!("corrections[{i}]"),
                "invalid_correction",
                "该字段不能这样更正（标题、内容、文书号为文字，日期为 YYYY-MM-DD；其他字段请撤销后重新报送）",
                "this field cannot be corrected so (title, content, document number as text, dates as YYYY-MM-DD; other fields: revoke and report again)",
            )),
        }
    }
    if errors.is_empty() {
        Ok(corrections)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// A handler's step on a case.
#[utoipa::path(
    operation_id = "handle_objection",
    tag = "handling",
    summary = "办理异议 / Handle an objection",
    description = "产生记录的单位的经办人：受理、不予受理（附理由）、延期（附理由，工作日）、异议成立（更正记录为新版本或撤销记录）、部分成立（更正）、不成立（附理由）。公开查询和积分立即随之变化。状态不允许时返回 409。\n\nA handler of the department that produced the record: accept, refuse (with reason), extend (working days, with reason), uphold (correct the record as a new version, or revoke it), partly uphold (correct), reject (with reasons). Public views and scores change at once. A step the state does not allow gets 409.",
    security(("bearer_token" = ["handler"])),
    params(("ticket_no" = String, Path, description = "受理编号 / ticket number")),
    request_body = HandlingStep,
    responses(
        (status = 200, description = "办理后的案件 / the case after the step", body = ObjectionView),
        (status = 403, description = "不是本单位的案件 / not this department's case", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此案件 / no such case", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "当前状态不允许 / not allowed in the current state", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/handling/objections/{ticket_no}/steps")]
#[tracing::instrument(skip_all)]
pub async fn handle(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<String>,
    body: web::Json<HandlingStep>,
) -> ApiResult<HttpResponse> {
    let row = for_handler::<Objections>(&state, &me, path.as_str()).await?;
    let today = state.today();
    let deadlines = state.config.objections.deadlines();
    let status = row.status;
    let (action, name, note, record_change) = match body.into_inner() {
        HandlingStep::Accept { note } => (
            ObjectionAction::Accept,
            "accepted",
            note.unwrap_or_default()
                .trim()
                .chars()
                .take(MAX_REASON_CHARS)
                .collect(),
            None,
        ),
        HandlingStep::Refuse { reason } => (
            ObjectionAction::Refuse,
            "refused",
            required_text("reason", &reason)?,
            None,
        ),
        HandlingStep::Extend { days: 0, .. } => return Err(no_extension_days()),
        HandlingStep::Extend { days, reason } => (
            ObjectionAction::Extend {
                days,
                // The reply deadline as first set on acceptance, to the one in force now.
                used: match (row.accepted_on, row.reply_due) {
                    (Some(accepted), Some(due)) => extended_so_far(
                        &state.calendar.current(),
                        reply_due(&state.calendar.current(), &deadlines, accepted),
                        due,
                    ),
                    _ => 0,
                },
            },
            "extended",
            required_text("reason", &reason)?,
            None,
        ),
        HandlingStep::Uphold {
            reason,
            corrections,
            revoke,
        } => {
            let change = if revoke {
                RecordChange::Revoke
            } else {
                let corrections = corrections_of(&corrections)?;
                if corrections.is_empty() {
                    return Err(ApiError::Validation(vec![field_error(
                        "corrections",
                        "required",
                        "异议成立时须更正记录或撤销记录",
                        "an upheld objection corrects or revokes the record",
                    )]));
                }
                RecordChange::Correct(corrections)
            };
            (
                ObjectionAction::Decide(Decision::Upheld),
                "decided",
                required_text("reason", &reason)?,
                Some(change),
            )
        }
        HandlingStep::PartlyUphold {
            reason,
            corrections,
        } => {
            let corrections = corrections_of(&corrections)?;
            if corrections.is_empty() {
                return Err(ApiError::Validation(vec![field_error(
                    "corrections",
                    "required",
                    "部分成立时须列明更正内容",
                    "a partly upheld objection lists the corrections",
                )]));
            }
            (
                ObjectionAction::Decide(Decision::PartlyUpheld),
                "decided",
                required_text("reason", &reason)?,
                Some(RecordChange::Correct(corrections)),
            )
        }
        HandlingStep::Reject { reason } => (
            ObjectionAction::Decide(Decision::Rejected),
            "decided",
            required_text("reason", &reason)?,
            None,
        ),
    };
    let after = next_status(status, &action, &deadlines).map_err(conflict)?;
    let (accepted_on, new_reply_due) = match &action {
        ObjectionAction::Accept => (
            Some(today),
            Some(reply_due(&state.calendar.current(), &deadlines, today)),
        ),
        ObjectionAction::Extend { days, .. } => (
            None,
            Some(
                state
                    .calendar
                    .current()
                    .add_working_days(row.reply_due.unwrap_or(today), *days),
            ),
        ),
        _ => (None, None),
    };
    let applied = state
        .store
        .apply_objection_step(&CaseStep {
            objection_id: row.id,
            record_id: row.record_id,
            expected_status: row.status.code().to_string(),
            status_after: after.code().to_string(),
            action: name.to_string(),
            note,
            actor: me.actor(),
            accepted_on,
            reply_due: new_reply_due,
            extends_due: matches!(action, ObjectionAction::Extend { .. })
                .then_some(row.reply_due)
                .flatten(),
            closed_on: (!is_open(after)).then_some(today),
            record_change,
        })
        .await?;
    let purpose = format!("办理异议 {}", row.ticket_no);
    after_step::<Objections>(&state, &me, &req, &row.ticket_no, applied, &purpose).await
}

/// Open cases past their deadline, for the credit office.
#[utoipa::path(
    tag = "handling",
    summary = "逾期异议 / Overdue objections",
    description = "信用办查看所有已超过受理或办理期限（工作日）的未办结异议。\n\nThe credit office sees every open case past its acceptance or decision deadline (working days).",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "逾期案件 / overdue cases", body = Vec<ObjectionView>),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/objections/overdue")]
#[tracing::instrument(skip_all)]
pub async fn overdue(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: Principal,
) -> ApiResult<HttpResponse> {
    let rows = state.store.overdue_objections(state.today()).await?;
    super::cases::overdue_answer::<Objections>(&state, &me, &req, rows).await
}
