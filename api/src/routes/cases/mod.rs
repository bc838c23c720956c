//! The case engine: what every kind of case the public files shares — objections (异议), credit
//! repair (信用修复) and complaints about government breach of trust (政务失信投诉).
//!
//! The engine brings the plumbing: reading the filing (JSON, or a form with evidence files typed by
//! their content and written durably), the optional sign-in ([`MaybeSignedIn`]), idempotency keys
//! and replays, ticket numbers (retried on a clash) and query codes, tracking by ticket and code,
//! the steps and evidence as people read them, pages of cases, and the answer to a step that lost a
//! race. Each kind brings its rules: its state machine and deadlines (`domain::objection`,
//! `domain::repair`, `domain::complaint`), its field checks, its texts, and its rows in the store.
//!
//! ## Adding a kind of case
//! 1. Write its state machine and deadlines in `domain/` as pure functions, with their tests.
//! 2. Give it a table, a [`CaseKind`] and a ticket prefix ([`new_ticket_no`]); its steps and
//!    evidence go into the shared `case_events` and `case_evidence` tables.
//! 3. Implement [`CaseType`] for a marker type in its route module: rows by ticket and by
//!    idempotency key, the insert, the receipt and the view, and the texts of its own steps.
//! 4. Write its handlers with the engine: [`receive`] then [`file`] to file; [`by_code`] and
//!    [`full_view`] to track; [`page_views`] for every list; [`for_handler`] and [`after_step`]
//!    around a handler's step (department check, the race with another handler, the access log);
//!    [`after_withdrawal`] for the filer's withdrawal.
//! 5. Mount its handlers in [`crate::routes::endpoints`], each declaring in its `#[utoipa::path]`
//!    who may call it (`security`, see [`crate::auth::policy`]); write its tests.

pub mod evidence;
mod filing;

pub use filing::{
    CaseListQuery, case_page, clear_incoming, code_matches, is_phone, new_ticket_no,
    no_extension_days, query_code, required_text, text_ok,
};
use filing::{IncomingFile, Submission};

use super::access::log_staff_reads;
use super::me::{lang_of, private};
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult, Lang, Text};
use crate::state::AppState;
use crate::store::{
    CaseEventRow, CaseKind, EvidenceRow, NewEvidence, Store, StoreError, StoreResult,
};
use actix_web::{HttpRequest, HttpResponse, web};
use chengxin_types::{EvidenceView, ObjectionStep, Page, TrackRequest};
use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// How a case's next step stands against its deadline, as every case view shows it.
pub(crate) struct Deadline {
    pub due: Option<NaiveDate>,
    /// The deadline day itself still counts as in time.
    pub overdue: bool,
    /// Working days until the deadline, negative once passed.
    pub working_days_left: Option<i64>,
}

impl Deadline {
    fn of<C: CaseType>(state: &AppState, row: &C::Row, today: NaiveDate) -> Deadline {
        let due = C::due(row);
        Deadline {
            due,
            overdue: due.is_some_and(|d| today > d),
            working_days_left: due.map(|d| state.calendar.current().working_days_left(today, d)),
        }
    }
}

/// What a kind of case brings to the engine.
pub(crate) trait CaseType {
    const KIND: CaseKind;
    /// The name of the JSON part of a multipart filing.
    const PART: &'static str;
    /// What one case of this kind is called in messages, in Chinese and English.
    const NOUN: (&'static str, &'static str);
    /// A case as the store reads it.
    type Row;
    /// A case to insert.
    type New;
    /// What the filer gets back on filing (and on a replay).
    type Receipt: Serialize;
    /// The case as its filer and its handlers read it.
    type View: Serialize;

    fn id(row: &Self::Row) -> i64;
    fn ticket_no(row: &Self::Row) -> &str;
    fn request_hash(row: &Self::Row) -> Option<&str>;
    fn receipt(state: &AppState, row: &Self::Row) -> Self::Receipt;
    /// The deadline of the case's next step, while it is open.
    fn due(row: &Self::Row) -> Option<NaiveDate>;
    fn view(
        row: &Self::Row,
        steps: Vec<ObjectionStep>,
        evidence: Vec<EvidenceView>,
        deadline: Deadline,
    ) -> Self::View;
    /// The ticket number of a case about to be inserted (the engine gives it another on a clash).
    fn new_ticket_no(case: &mut Self::New) -> &mut String;
    /// The text of a step of this kind the engine does not know, in Chinese and English.
    fn step_text(_action: &str) -> Option<(&'static str, &'static str)> {
        None
    }
    /// The `Location` of a filed case, where it has an address of its own.
    fn location(_ticket_no: &str) -> Option<String> {
        None
    }

    /// The department that handles the case, where a department does (谁认定、谁修复); a case
    /// without one is handled by the credit office.
    fn department(_row: &Self::Row) -> Option<i64> {
        None
    }

    /// The credit record the case is about, whose subject's access log a handler's read goes into.
    fn record_id(_row: &Self::Row) -> Option<i64> {
        None
    }

    async fn by_ticket(store: &Store, ticket_no: &str) -> StoreResult<Option<Self::Row>>;
    async fn by_idempotency_key(store: &Store, key: &str) -> StoreResult<Option<Self::Row>>;
    async fn insert(store: &Store, case: &Self::New) -> StoreResult<i64>;
}

/// A filing read from the request, not yet stored.
pub(crate) struct Filing<T> {
    pub body: T,
    pub files: Vec<IncomingFile>,
    pub idempotency_key: Option<String>,
    /// A fingerprint of the body and the files, to tell a retry from another filing.
    pub fingerprint: String,
}

impl<T> Filing<T> {
    /// Moves the evidence files to their durable place.
    pub fn store_evidence(&mut self, state: &AppState) -> ApiResult<Vec<NewEvidence>> {
        std::mem::take(&mut self.files)
            .into_iter()
            .map(|file| filing::store_evidence(&state.config.data_dir, file))
            .collect()
    }
}

/// A filing, or the answer already given to it (a retry with the same idempotency key).
pub(crate) enum Received<T> {
    New(Filing<T>),
    Replay(HttpResponse),
}

/// Reads a filing of kind `C`; a retry of one already stored gets its receipt again.
pub(crate) async fn receive<C: CaseType, T: DeserializeOwned + Serialize>(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> ApiResult<Received<T>> {
    let key = filing::idempotency_key(req)?;
    let Submission { body, files } = filing::read_submission(state, req, payload, C::PART).await?;
    let fingerprint = filing::request_hash(&body, &files);
    if let Some(key) = &key
        && let Some(existing) = C::by_idempotency_key(&state.store, key).await?
    {
        return replay::<C>(state, &existing, &fingerprint).map(Received::Replay);
    }
    Ok(Received::New(Filing {
        body,
        files,
        idempotency_key: key,
        fingerprint,
    }))
}

/// The answer to a retried filing: the same receipt if the content is the same, 409 if the
/// idempotency key was used for something else.
fn replay<C: CaseType>(
    state: &AppState,
    existing: &C::Row,
    fingerprint: &str,
) -> ApiResult<HttpResponse> {
    if C::request_hash(existing) != Some(fingerprint) {
        return Err(ApiError::Conflict {
            code: "idempotency_key_reused",
            message: Text::new(
                "该 Idempotency-Key 已用于另一份内容不同的提交",
                "This Idempotency-Key was used for a submission with other content",
            ),
        });
    }
    Ok(HttpResponse::Created().json(C::receipt(state, existing)))
}

/// Stores a new case and answers 201 with its receipt. A clash of random ticket numbers is rare
/// and gets a new number; a clash of idempotency keys is a concurrent retry, answered as a replay.
pub(crate) async fn file<C: CaseType>(
    state: &AppState,
    mut case: C::New,
    idempotency_key: Option<&str>,
    fingerprint: &str,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    for _ in 0..5 {
        match C::insert(&state.store, &case).await {
            Ok(_) => {
                let row = C::by_ticket(&state.store, C::new_ticket_no(&mut case))
                    .await?
                    .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("a filed case vanished")))?;
                let mut answer = HttpResponse::Created();
                if let Some(location) = C::location(C::ticket_no(&row)) {
                    answer.insert_header(("Location", location));
                }
                return Ok(answer.json(C::receipt(state, &row)));
            }
            Err(StoreError::Duplicate) => {
                if let Some(key) = idempotency_key
                    && let Some(existing) = C::by_idempotency_key(&state.store, key).await?
                {
                    return replay::<C>(state, &existing, fingerprint);
                }
                *C::new_ticket_no(&mut case) = new_ticket_no(C::KIND, today);
            }
            Err(other) => return Err(other.into()),
        }
    }
    Err(ApiError::Internal(anyhow::anyhow!(
        "no free ticket number after 5 tries"
    )))
}

/// The case behind a ticket number and query code; a wrong code looks like no case.
pub(crate) async fn by_code<C: CaseType>(
    state: &AppState,
    ticket_no: &str,
    query_code: &str,
) -> ApiResult<C::Row> {
    match C::by_ticket(&state.store, ticket_no.trim()).await? {
        Some(row) if code_matches(state, C::KIND, C::ticket_no(&row), query_code) => Ok(row),
        _ => Err(ApiError::not_found()),
    }
}

/// The case by its ticket number, for staff (404 when there is none).
pub(crate) async fn by_ticket<C: CaseType>(state: &AppState, ticket_no: &str) -> ApiResult<C::Row> {
    C::by_ticket(&state.store, ticket_no)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The case behind `ticket_no` for a handler: 404 when there is none, 403 when another
/// department handles it.
pub(crate) async fn for_handler<C: CaseType>(
    state: &AppState,
    me: &Principal,
    ticket_no: &str,
) -> ApiResult<C::Row> {
    let row = by_ticket::<C>(state, ticket_no).await?;
    match C::department(&row) {
        Some(department) if me.organisation_id != Some(department) => {
            Err(not_your_department::<C>())
        }
        _ => Ok(row),
    }
}

/// A handler of another department (or of none) asking for a case: the department that produced
/// the record handles it (谁认定、谁修复).
pub(crate) fn not_your_department<C: CaseType>() -> ApiError {
    let (zh, en) = C::NOUN;
    ApiError::Forbidden {
        code: "not_your_department",
        message: Text::new(
            format!("该{zh}由产生记录的单位办理（谁认定、谁修复）"),
            format!("The department that produced the record handles this {en}"),
        ),
    }
}

/// The answer to a handler's step on the case `ticket_no`: 409 when someone else acted first
/// (`applied` is false), else the case as it is now, the read in its subject's access log.
pub(crate) async fn after_step<C: CaseType>(
    state: &AppState,
    me: &Principal,
    req: &HttpRequest,
    ticket_no: &str,
    applied: bool,
    purpose: &str,
) -> ApiResult<HttpResponse> {
    if !applied {
        return Err(concurrent_change::<C>());
    }
    let row = by_ticket::<C>(state, ticket_no).await?;
    if let Some(record) = C::record_id(&row) {
        log_staff_reads(state, me, [record], purpose).await?;
    }
    Ok(private(HttpResponse::Ok()).json(full_view::<C>(state, &row, lang_of(req)).await?))
}

/// The answer to the filer's withdrawal: `refused` when the case closed meanwhile, else the
/// case as it is now.
pub(crate) async fn after_withdrawal<C: CaseType>(
    state: &AppState,
    req: &HttpRequest,
    track: &TrackRequest,
    applied: bool,
    refused: impl FnOnce() -> ApiError,
) -> ApiResult<HttpResponse> {
    if !applied {
        return Err(refused());
    }
    let row = by_code::<C>(state, &track.ticket_no, &track.query_code).await?;
    Ok(private(HttpResponse::Ok()).json(full_view::<C>(state, &row, lang_of(req)).await?))
}

/// Every open case of a kind past its deadline, for the credit office, on one page (the list is
/// short by nature and must be seen whole); each read in its subject's access log.
pub(crate) async fn overdue_answer<C: CaseType>(
    state: &AppState,
    me: &Principal,
    req: &HttpRequest,
    rows: Vec<C::Row>,
) -> ApiResult<HttpResponse> {
    let (noun, _) = C::NOUN;
    log_staff_reads(
        state,
        me,
        rows.iter().filter_map(C::record_id),
        &format!("督办逾期{noun}"),
    )
    .await?;
    let everything = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let views = page_views::<C>(state, rows, everything, lang_of(req)).await?;
    Ok(private(HttpResponse::Ok()).json(views.items))
}

/// One case with its steps and evidence.
pub(crate) async fn full_view<C: CaseType>(
    state: &AppState,
    row: &C::Row,
    lang: Lang,
) -> ApiResult<C::View> {
    let id = C::id(row);
    let events = state.store.case_events(C::KIND, id).await?;
    let evidence = state.store.case_evidence(C::KIND, id).await?;
    Ok(C::view(
        row,
        step_views::<C>(&events, lang),
        evidence_views(&evidence),
        Deadline::of::<C>(state, row, state.today()),
    ))
}

/// One page of case views from `limit + 1` rows: each case's steps and evidence are read in two
/// queries for the whole page, not two per case.
pub(crate) async fn page_views<C: CaseType>(
    state: &AppState,
    mut rows: Vec<C::Row>,
    limit: u32,
    lang: Lang,
) -> ApiResult<Page<C::View>> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let ids: Vec<i64> = rows.iter().map(C::id).collect();
    let events = state.store.case_events_of(C::KIND, &ids).await?;
    let evidence = state.store.case_evidence_of(C::KIND, &ids).await?;
    let today = state.today();
    let items = rows
        .iter()
        .map(|row| {
            let id = C::id(row);
            C::view(
                row,
                step_views::<C>(events.get(&id).map(Vec::as_slice).unwrap_or_default(), lang),
                evidence_views(evidence.get(&id).map(Vec::as_slice).unwrap_or_default()),
                Deadline::of::<C>(state, row, today),
            )
        })
        .collect();
    Ok(Page {
        items,
        next_cursor: if more {
            ids.last().map(i64::to_string)
        } else {
            None
        },
        limit,
    })
}

/// A step whose expected status no longer held: someone else acted on the case meanwhile.
pub(crate) fn concurrent_change<C: CaseType>() -> ApiError {
    let (zh, en) = C::NOUN;
    ApiError::Conflict {
        code: "concurrent_change",
        message: Text::new(
            format!("{zh}刚被他人办理，请刷新后重试"),
            format!("Someone else just handled this {en}; reload and try again"),
        ),
    }
}

/// The steps every kind has, in Chinese and English.
fn common_step_text(action: &str) -> Option<(&'static str, &'static str)> {
    Some(match action {
        "filed" => ("提交申请", "Filed"),
        "accepted" => ("受理", "Accepted"),
        "refused" => ("不予受理", "Not accepted"),
        "extended" => ("延长办理期限", "Deadline extended"),
        "withdrawn" => ("申请人撤回", "Withdrawn by the filer"),
        _ => return None,
    })
}

/// The steps of a case for people to read.
pub(crate) fn step_views<C: CaseType>(events: &[CaseEventRow], lang: Lang) -> Vec<ObjectionStep> {
    events
        .iter()
        .map(|e| {
            let (zh, en) = C::step_text(&e.action)
                .or_else(|| common_step_text(&e.action))
                .unwrap_or(("办理", "Handled"));
            ObjectionStep {
                at: e.occurred_at,
                action: e.action.clone(),
                description: match lang {
                    Lang::Zh => zh.to_string(),
                    Lang::En => en.to_string(),
                },
                note: e.note.clone(),
                status_after: e.status_after.clone(),
            }
        })
        .collect()
}

pub fn evidence_views(evidence: &[EvidenceRow]) -> Vec<EvidenceView> {
    evidence
        .iter()
        .map(|e| EvidenceView {
            file_name: e.file_name.clone(),
            media_type: e.media_type.clone(),
            size_bytes: e.size_bytes,
            sha256: e.sha256.clone(),
        })
        .collect()
}
