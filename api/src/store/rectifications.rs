//! Rectification cases of government breaches (政务失信整改), the consequences recorded on a body,
//! and the rectification rate.

use super::cases::{CaseKey, CaseKind, CasePage, CaseTable, NewEvidence, id_list, record_step};
use super::exec::Conn;
use super::query::Sql;
use super::writes::insert_credit_record;
use super::{AuditEvent, NewCreditRecord, Store, StoreResult, SubjectRef, on_pool};
use crate::domain::PublicityRules;
use crate::domain::rectification::RectificationRules;
use chengxin_types::{Category, ConsequenceKind, Escalation, RectificationStatus};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RectificationRow {
    pub id: i64,
    pub ticket_no: String,
    pub body_org_id: i64,
    pub body_name: String,
    pub body_uscc: String,
    pub record_id: i64,
    pub status: RectificationStatus,
    pub opened_at: DateTime<Utc>,
    pub assign_due: NaiveDate,
    pub first_due: Option<NaiveDate>,
    pub report_due: Option<NaiveDate>,
    pub escalation: Escalation,
    pub explanation: Option<String>,
    pub report: Option<String>,
    pub report_submitted_on: Option<NaiveDate>,
    pub report_request_hash: Option<String>,
    pub report_idempotency_key: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub on_time: Option<bool>,
    pub kind_code: String,
    pub kind_name: String,
    pub category: Category,
    pub title: String,
    pub content: String,
    pub decided_on: NaiveDate,
    pub reported_by: String,
    pub source_kind: String,
    pub source_ref: Option<String>,
}

const RECTIFICATION_COLUMNS: &str = "x.id, x.ticket_no, x.body_org_id, b.name AS body_name, b.uscc AS body_uscc, \
     x.record_id, x.status, x.opened_at, x.assign_due, x.first_due, x.report_due, x.escalation, x.explanation, \
     x.report, x.report_submitted_on, x.report_request_hash, x.report_idempotency_key, x.closed_on, x.on_time, \
     r.kind_code, k.name AS kind_name, r.category, r.title, r.content, r.decided_on, d.name AS reported_by, \
     CASE WHEN r.source_kind IS NOT NULL THEN r.source_kind \
          WHEN EXISTS (SELECT 1 FROM serious_breach_entries e WHERE e.record_id = r.id) THEN 'listing' \
          ELSE 'report' END AS source_kind, \
     r.source_ref \
     FROM rectifications x JOIN organisations b ON b.id = x.body_org_id \
     JOIN credit_records r ON r.id = x.record_id JOIN record_kinds k ON k.code = r.kind_code \
     JOIN organisations d ON d.id = r.reporting_org_id";

const RECTIFICATIONS: CaseTable = CaseTable {
    kind: CaseKind::Rectification,
    columns: RECTIFICATION_COLUMNS,
    alias: "x",
    filer_account: None,
    department: Some("body_org_id"),
};

/// What a step changes on the case, beside its status.
#[derive(Debug, Clone)]
pub enum RectificationChange<'a> {
    /// The office set the deadline (the first one also becomes the yardstick of "on time").
    Deadline { due: NaiveDate },
    /// The body's explanation and report, with its evidence files.
    Report {
        explanation: &'a str,
        report: &'a str,
        on: NaiveDate,
        idempotency_key: Option<&'a str>,
        request_hash: &'a str,
        evidence: &'a [NewEvidence],
    },
    /// The office accepted the report (on time or not is judged against the first deadline).
    Accept { closed_on: NaiveDate },
    /// The office sent the report back, with a new deadline.
    Return { due: NaiveDate },
    /// One more level of escalation of an overdue case.
    Escalate { level: Escalation },
}

/// A step on a case, applied only if the case is still as the caller saw it.
#[derive(Debug, Clone)]
pub struct RectificationStepRow<'a> {
    pub id: i64,
    pub expected_status: RectificationStatus,
    pub expected_escalation: Escalation,
    pub status_after: RectificationStatus,
    pub change: RectificationChange<'a>,
    pub action: &'a str,
    pub note: &'a str,
    pub actor: &'a str,
}

/// A consequence to record on a body.
#[derive(Debug, Clone)]
pub struct NewConsequenceRow<'a> {
    pub rectification_id: i64,
    pub body_org_id: i64,
    pub kind: ConsequenceKind,
    pub document_no: &'a str,
    pub note: &'a str,
    /// Who a notice is for, by name, and the outbox recipient it is queued for.
    pub recipient: Option<(String, String)>,
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    pub actor: &'a str,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsequenceRow {
    pub id: i64,
    pub rectification_id: i64,
    pub ticket_no: String,
    pub kind: ConsequenceKind,
    pub document_no: String,
    pub note: String,
    pub recipient: Option<String>,
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// An open case as the public sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicRectificationRow {
    pub ticket_no: String,
    pub breach: String,
    pub opened_on: NaiveDate,
    pub status: RectificationStatus,
    pub report_due: Option<NaiveDate>,
}

/// The counts behind a rectification rate.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct RectificationCounts {
    pub due: i64,
    pub rectified_on_time: i64,
    pub rectified_late: i64,
    pub open: i64,
}

/// The ticket number of the case of record `record_id`: one case per record, so the number is
/// made from the record's id and never clashes.
fn ticket_no(opened_on: NaiveDate, record_id: i64) -> String {
    format!("ZG{}{record_id:06}", opened_on.format("%Y%m%d"))
}

/// Opens a rectification case on `conn` (a transaction's) for each of `record_ids` that is a
/// government breach by `rules` and has none yet; returns the ids of the cases opened.
pub(crate) async fn open_rectifications(
    conn: &mut Conn<'_>,
    record_ids: &[i64],
    rules: &RectificationRules,
    opened_on: NaiveDate,
    assign_due: NaiveDate,
    at: DateTime<Utc>,
) -> StoreResult<Vec<i64>> {
    let mut opened = Vec::new();
    for ids in record_ids.chunks(1000) {
        let candidates: Vec<(i64, i64, String, String)> = conn
            .fetch_all(Sql::new(&format!(
                "SELECT r.id, o.id, r.kind_code, o.kind FROM credit_records r
                 JOIN organisations o ON o.id = r.organisation_id
                 WHERE r.id IN ({}) AND r.subject_kind = 'organisation' AND r.status = 'effective'
                   AND NOT EXISTS (SELECT 1 FROM rectifications x WHERE x.record_id = r.id)
                 ORDER BY r.id",
                id_list(ids)
            )))
            .await?;
        for (record_id, body_id, kind_code, org_kind) in candidates {
            if !rules.is_government_breach(&kind_code, &org_kind) {
                continue;
            }
            let ticket = ticket_no(opened_on, record_id);
            let (id,): (i64,) = conn
                .fetch_one(
                    Sql::new(
                        "INSERT INTO rectifications (ticket_no, body_org_id, record_id, status, opened_at, opened_on, assign_due)
                         VALUES ($1, $2, $3, 'opened', $4, $5, $6) RETURNING id",
                    )
                    .with(&ticket)
                    .with(body_id)
                    .with(record_id)
                    .with(at)
                    .with(opened_on)
                    .with(assign_due),
                )
                .await?;
            record_step(
                conn,
                CaseKind::Rectification,
                id,
                at,
                "opened",
                "system",
                "",
                RectificationStatus::Opened.code(),
                Some(assign_due),
            )
            .await?;
            super::audit::append_audit(
                conn,
                &AuditEvent {
                    actor: "system".into(),
                    action: "rectification.opened".into(),
                    entity: "rectification".into(),
                    entity_id: ticket,
                    detail: serde_json::json!({ "record_id": record_id, "body_org_id": body_id })
                        .to_string(),
                },
            )
            .await?;
            opened.push(id);
        }
    }
    Ok(opened)
}

/// A breach record a finding leaves on a body (a complaint found true), stored pending with a
/// submission of the finding's department, so it is reviewed like every reported record.
#[derive(Debug, Clone)]
pub struct FindingRecord {
    pub record: NewCreditRecord,
    pub source_kind: &'static str,
    pub source_ref: String,
    pub submitted_by: i64,
}

/// Stores a finding's record and its submission on `conn` (a transaction's); returns the record id.
pub(crate) async fn submit_finding_record(
    conn: &mut Conn<'_>,
    finding: &FindingRecord,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let record = &finding.record;
    let id = insert_credit_record(conn, record, at).await?;
    mark_source(conn, id, finding.source_kind, &finding.source_ref).await?;
    let name = record.content.split_once('：').map_or("", |(name, _)| name);
    conn.execute(
        Sql::new(
            "INSERT INTO submissions (department_org_id, item_kind, item_id, record_id, summary, status,
                 submitted_by, submitted_at)
             VALUES ($1, 'record', $2, $2, $3, 'pending', $4, $5)",
        )
        .with(record.reporting_org_id)
        .with(id)
        .with(format!("{} · {name}", record.title))
        .with(finding.submitted_by)
        .with(at),
    )
    .await?;
    Ok(id)
}

async fn mark_source(
    conn: &mut Conn<'_>,
    record_id: i64,
    source_kind: &str,
    source_ref: &str,
) -> StoreResult<()> {
    conn.execute(
        Sql::new("UPDATE credit_records SET source_kind = $1, source_ref = $2 WHERE id = $3")
            .with(source_kind)
            .with(source_ref)
            .with(record_id),
    )
    .await?;
    Ok(())
}

/// A breached commitment's fulfilment entry, as a breach record needs it.
#[derive(Debug, sqlx::FromRow)]
struct BreachedCommitment {
    commitment_id: i64,
    organisation_id: i64,
    org_kind: String,
    subject_name: String,
    content: String,
    note: String,
    recorded_on: NaiveDate,
    source_org_id: i64,
    category: Category,
    default_route: chengxin_types::DisclosureRoute,
    default_tier: Option<chengxin_types::PublicityTier>,
    kind_name: String,
    /// The commitment's own route: its breach is disclosed no wider than it was.
    route: chengxin_types::DisclosureRoute,
}

/// Which fulfilment entries a list of ids names: the entries themselves, or those of the
/// commitments (a commitment reported with its fulfilment history).
#[derive(Debug, Clone, Copy)]
pub(crate) enum FulfilmentsOf {
    Entries,
    Commitments,
}

/// For the approved fulfilment entries (named by `of` and `ids`) that say a government body broke its
/// commitment, stores the breach record the commitment leaves on the body (in effect: the entry
/// itself was reviewed) on `conn`; returns the records' ids.
pub(crate) async fn breach_records_of_fulfilments(
    conn: &mut Conn<'_>,
    of: FulfilmentsOf,
    of_ids: &[i64],
    rules: &RectificationRules,
    publicity: &PublicityRules,
    at: DateTime<Utc>,
) -> StoreResult<Vec<i64>> {
    let kind = crate::domain::rectification::COMMITMENT_BREACHED;
    let mut ids = Vec::new();
    let column = match of {
        FulfilmentsOf::Entries => "f.id",
        FulfilmentsOf::Commitments => "f.commitment_id",
    };
    for chunk in of_ids.chunks(1000) {
        let breached: Vec<BreachedCommitment> = conn
            .fetch_all(
                Sql::new(&format!(
                    "SELECT c.id AS commitment_id, o.id AS organisation_id, o.kind AS org_kind, c.subject_name, c.content,
                            f.note, f.recorded_on, c.source_org_id, k.category, k.default_route, k.default_tier,
                            k.name AS kind_name, c.route
                     FROM commitment_fulfilments f JOIN commitments c ON c.id = f.commitment_id
                     JOIN organisations o ON o.id = c.organisation_id
                     JOIN record_kinds k ON k.code = $1
                     WHERE {column} IN ({}) AND f.status = 'breached' AND c.subject_kind = 'organisation'
                       AND NOT EXISTS (SELECT 1 FROM credit_records r WHERE r.source_kind = 'commitment'
                                       AND r.source_ref = CAST(c.id AS TEXT))
                     ORDER BY f.id",
                    id_list(chunk)
                ))
                .with(kind),
            )
            .await?;
        for b in breached {
            if !rules.is_government_breach(kind, &b.org_kind) {
                continue;
            }
            let window = match b.default_tier {
                Some(tier) => publicity
                    .window_of(Some(kind), tier, b.recorded_on, None)
                    .ok(),
                None => None,
            };
            let record = NewCreditRecord {
                subject: SubjectRef::Organisation(b.organisation_id),
                category: b.category,
                kind_code: kind.to_string(),
                title: b.kind_name,
                content: format!("{}：承诺“{}”未履行。{}", b.subject_name, b.content, b.note),
                decision_no: None,
                deciding_org_id: Some(b.source_org_id),
                reporting_org_id: b.source_org_id,
                decided_on: b.recorded_on,
                occurred_on: b.recorded_on,
                conduct_ended_on: None,
                route: if b.route == chengxin_types::DisclosureRoute::Public {
                    b.default_route
                } else {
                    b.route
                },
                tier: b.default_tier,
                window,
                status: chengxin_types::RecordStatus::Effective,
                score_item: None,
                act_key: None,
            };
            let id = insert_credit_record(conn, &record, at).await?;
            mark_source(conn, id, "commitment", &b.commitment_id.to_string()).await?;
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The open rectification case of a record, if it has one.
async fn open_case_of(conn: &mut Conn<'_>, record_id: i64) -> StoreResult<Option<i64>> {
    let open: Option<(i64,)> = conn
        .fetch_optional(
            Sql::new(
                "SELECT id FROM rectifications WHERE record_id = $1
                 AND status IN ('opened', 'awaiting_report', 'report_submitted')",
            )
            .with(record_id),
        )
        .await?;
    Ok(open.map(|(id,)| id))
}

/// Ends the open case of `record_id`, if it has one, on `conn` (the transaction that revokes the
/// record): a record found wrong leaves nothing to put right.
pub(crate) async fn withdraw_rectification_of(
    conn: &mut Conn<'_>,
    record_id: i64,
    at: DateTime<Utc>,
    actor: &str,
    note: &str,
) -> StoreResult<()> {
    let Some(id) = open_case_of(conn, record_id).await? else {
        return Ok(());
    };
    conn.execute(
        Sql::new("UPDATE rectifications SET status = 'withdrawn', closed_on = $1 WHERE id = $2")
            .with(at.date_naive())
            .with(id),
    )
    .await?;
    record_step(
        conn,
        CaseKind::Rectification,
        id,
        at,
        "record_revoked",
        actor,
        note,
        RectificationStatus::Withdrawn.code(),
        None,
    )
    .await
}

/// Closes the open rectification case of a record that was repaired (信用修复): the body
/// corrected the breach and the record's publication ended, so the case is rectified on the day
/// of the repair decision — on time if the body's report (or, without one, the repair) came
/// within the first deadline.
pub(crate) async fn rectify_on_repair(
    conn: &mut Conn<'_>,
    record_id: i64,
    on: NaiveDate,
    at: DateTime<Utc>,
    actor: &str,
    note: &str,
) -> StoreResult<()> {
    let Some(id) = open_case_of(conn, record_id).await? else {
        return Ok(());
    };
    // Put right when the body's report came in, or on the repair day if it sent none; measured,
    // like the rate, against the first deadline or, never set, the office's day to set it.
    let closed = conn
        .execute(
            Sql::new(
                "UPDATE rectifications SET status = 'rectified', closed_on = $1,
                     on_time = CASE WHEN COALESCE(report_submitted_on, $1) <= COALESCE(first_due, assign_due)
                                    THEN TRUE ELSE FALSE END
                 WHERE id = $2 AND status IN ('opened', 'awaiting_report', 'report_submitted')",
            )
            .with(on)
            .with(id),
        )
        .await?;
    if closed == 0 {
        // The office closed it in the meantime.
        return Ok(());
    }
    record_step(
        conn,
        CaseKind::Rectification,
        id,
        at,
        "record_repaired",
        actor,
        note,
        RectificationStatus::Rectified.code(),
        None,
    )
    .await
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn rectification_by_ticket(
        &self,
        ticket_no: &str,
    ) -> StoreResult<Option<RectificationRow>> {
        self.case_by(&RECTIFICATIONS, CaseKey::TicketNo, ticket_no)
            .await
    }

    /// A page of the cases of one body, or of every body (the credit office).
    #[tracing::instrument(skip_all)]
    pub async fn rectifications_page(
        &self,
        body_org_id: Option<i64>,
        page: &CasePage,
    ) -> StoreResult<Vec<RectificationRow>> {
        match body_org_id {
            Some(body) => {
                self.case_page(
                    &RECTIFICATIONS,
                    super::cases::CaseOwner::Department(body),
                    page,
                )
                .await
            }
            None => {
                let sql = Sql::new(&format!(
                    "SELECT {RECTIFICATION_COLUMNS} WHERE 1 = 1{}",
                    page.sql_tail(CaseKind::Rectification, "x")
                ));
                self.fetch_all_of(&sql).await
            }
        }
    }

    /// Applies a step if the case is still in the expected status and escalation.
    #[tracing::instrument(skip_all)]
    pub async fn apply_rectification_step(
        &self,
        step: &RectificationStepRow<'_>,
    ) -> StoreResult<bool> {
        let now = super::audit::truncated_now();
        let mut update = Sql::new("UPDATE rectifications SET status = ");
        update.bind(step.status_after.code());
        let mut due_after = None;
        match &step.change {
            RectificationChange::Deadline { due } => {
                update
                    .push(", report_due = ")
                    .bind(*due)
                    .push(", first_due = COALESCE(first_due, ")
                    .bind(*due)
                    .push(")");
                due_after = Some(*due);
            }
            RectificationChange::Return { due } => {
                update.push(", report_due = ").bind(*due);
                due_after = Some(*due);
            }
            RectificationChange::Report {
                explanation,
                report,
                on,
                idempotency_key,
                request_hash,
                ..
            } => {
                update
                    .push(", explanation = ")
                    .bind(*explanation)
                    .push(", report = ")
                    .bind(*report)
                    .push(", report_submitted_on = ")
                    .bind(*on)
                    .push(", report_idempotency_key = ")
                    .bind(*idempotency_key)
                    .push(", report_request_hash = ")
                    .bind(*request_hash);
            }
            // Judged by the row as it is at this moment, not as the caller read it.
            RectificationChange::Accept { closed_on } => {
                update.push(", closed_on = ").bind(*closed_on).push(
                    ", on_time = CASE WHEN report_submitted_on <= first_due THEN TRUE ELSE FALSE END",
                );
            }
            RectificationChange::Escalate { level } => {
                update.push(", escalation = ").bind(level.code());
            }
        }
        update
            .push(" WHERE id = ")
            .bind(step.id)
            .push(" AND status = ")
            .bind(step.expected_status.code())
            .push(" AND escalation = ")
            .bind(step.expected_escalation.code());
        let event = AuditEvent {
            actor: step.actor.to_string(),
            action: format!("rectification.{}", step.action),
            entity: "rectification".into(),
            entity_id: step.id.to_string(),
            detail: serde_json::json!({ "status": step.status_after.code(), "note": step.note })
                .to_string(),
        };
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        // Another step came first (or a retried report's key is taken): nothing is written.
        let rows = match conn.execute(update).await {
            Ok(rows) => rows,
            Err(super::StoreError::Duplicate) => 0,
            Err(other) => return Err(other),
        };
        if rows == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        record_step(
            &mut conn,
            CaseKind::Rectification,
            step.id,
            now,
            step.action,
            step.actor,
            step.note,
            step.status_after.code(),
            due_after,
        )
        .await?;
        if let RectificationChange::Report { evidence, .. } = &step.change {
            super::cases::record_evidence(&mut conn, CaseKind::Rectification, step.id, evidence)
                .await?;
        }
        super::audit::append_audit(&mut conn, &event).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Records a consequence on a body: the consequence, the step in the case's history (with
    /// its notices to the body and the office), and for a notice to another body, the notice
    /// itself in the outbox.
    #[tracing::instrument(skip_all)]
    pub async fn add_consequence(&self, c: &NewConsequenceRow<'_>) -> StoreResult<i64> {
        let now = super::audit::truncated_now();
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let (id,): (i64,) = conn
            .fetch_one(
                Sql::new(
                    "INSERT INTO body_consequences (body_org_id, rectification_id, kind, document_no, note, recipient,
                         effective_from, effective_until, created_by, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .with(c.body_org_id)
                .with(c.rectification_id)
                .with(c.kind.code())
                .with(c.document_no)
                .with(c.note)
                .with(c.recipient.as_ref().map(|(name, _)| name.as_str()))
                .with(c.effective_from)
                .with(c.effective_until)
                .with(c.actor)
                .with(now),
            )
            .await?;
        let note = format!("{}（{}）：{}", c.kind.label_zh(), c.document_no, c.note);
        let (status,): (String,) = conn
            .fetch_one(
                Sql::new("SELECT status FROM rectifications WHERE id = $1")
                    .with(c.rectification_id),
            )
            .await?;
        record_step(
            &mut conn,
            CaseKind::Rectification,
            c.rectification_id,
            now,
            "consequence",
            c.actor,
            &note,
            &status,
            None,
        )
        .await?;
        if let Some((name, recipient)) = &c.recipient {
            conn.execute(
                Sql::new(
                    "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
                     SELECT $1, 'department', $2, $3 || ticket_no, $4, 'pending', 0, $1
                     FROM rectifications WHERE id = $5",
                )
                .with(now)
                .with(recipient.as_str())
                .with(format!("【诚信】{}（{}） ", c.kind.label_zh(), c.document_no))
                .with(format!("{name}：{}", c.note))
                .with(c.rectification_id),
            )
            .await?;
        }
        super::audit::append_audit(
            &mut conn,
            &AuditEvent {
                actor: c.actor.to_string(),
                action: "rectification.consequence".into(),
                entity: "rectification".into(),
                entity_id: c.rectification_id.to_string(),
                detail: serde_json::json!({
                    "kind": c.kind.code(),
                    "document_no": c.document_no,
                    "effective_until": c.effective_until,
                })
                .to_string(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The consequences recorded on a body, or on the cases `rectification_ids`, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn consequences(
        &self,
        body_org_id: Option<i64>,
        rectification_ids: Option<&[i64]>,
    ) -> StoreResult<Vec<ConsequenceRow>> {
        let mut sql = Sql::new(
            "SELECT c.id, c.rectification_id, x.ticket_no, c.kind, c.document_no, c.note, c.recipient,
                    c.effective_from, c.effective_until, c.created_at
             FROM body_consequences c JOIN rectifications x ON x.id = c.rectification_id WHERE 1 = 1",
        );
        if let Some(body) = body_org_id {
            sql.push(" AND c.body_org_id = ").bind(body);
        }
        if let Some(ids) = rectification_ids {
            sql.push(&format!(" AND c.rectification_id IN ({})", id_list(ids)));
        }
        sql.push(" ORDER BY c.id DESC");
        self.fetch_all_of(&sql).await
    }

    /// The counts behind the rectification rate of one body, or of the district; with
    /// `public_only`, only the cases whose breach record the public may see today.
    #[tracing::instrument(skip_all)]
    pub async fn rectification_counts(
        &self,
        body_org_id: Option<i64>,
        today: NaiveDate,
        public_only: bool,
    ) -> StoreResult<RectificationCounts> {
        let mut sql = Sql::new("SELECT ");
        push_count_columns(&mut sql, today);
        sql.push(
            " FROM rectifications x JOIN credit_records r ON r.id = x.record_id WHERE x.status <> 'withdrawn' AND ",
        );
        if public_only {
            sql.push_public_rule(
                crate::domain::disclosure::Register::Records,
                today,
                crate::domain::disclosure::DisclosureSettings::default(),
            );
        } else {
            sql.push("1 = 1");
        }
        if let Some(body) = body_org_id {
            sql.push(" AND x.body_org_id = ").bind(body);
        }
        let rows: Vec<RectificationCounts> = self.fetch_all_of(&sql).await?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }

    /// The counts behind each body's rectification rate, with its name and USCC, bodies with
    /// the most cases first.
    #[tracing::instrument(skip_all)]
    pub async fn rectification_counts_by_body(
        &self,
        today: NaiveDate,
    ) -> StoreResult<Vec<(String, String, RectificationCounts)>> {
        #[derive(sqlx::FromRow)]
        struct ByBody {
            name: String,
            uscc: String,
            #[sqlx(flatten)]
            counts: RectificationCounts,
        }
        let mut sql = Sql::new("SELECT b.name, b.uscc, ");
        push_count_columns(&mut sql, today);
        sql.push(
            " FROM rectifications x JOIN organisations b ON b.id = x.body_org_id
             WHERE x.status <> 'withdrawn'
             GROUP BY b.id, b.name, b.uscc ORDER BY COUNT(*) DESC, b.name",
        );
        let rows: Vec<ByBody> = self.fetch_all_of(&sql).await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.name, r.uscc, r.counts))
            .collect())
    }

    /// The open cases of a body whose breach record is public on `today`, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn public_rectifications(
        &self,
        body_org_id: i64,
        today: NaiveDate,
    ) -> StoreResult<Vec<PublicRectificationRow>> {
        let mut sql = Sql::new(
            "SELECT x.ticket_no, k.name AS breach, x.opened_on, x.status, x.report_due
             FROM rectifications x JOIN credit_records r ON r.id = x.record_id
             JOIN record_kinds k ON k.code = r.kind_code WHERE ",
        );
        sql.push_public_rule(
            crate::domain::disclosure::Register::Records,
            today,
            crate::domain::disclosure::DisclosureSettings::default(),
        );
        sql.push(" AND x.status IN ('opened', 'awaiting_report', 'report_submitted') AND x.body_org_id = ")
            .bind(body_org_id)
            .push(" ORDER BY x.id");
        self.fetch_all_of(&sql).await
    }

    /// The consequences on a body the public sees: public criticism, and the loss of
    /// eligibility for honours while it lasts; newest first.
    #[tracing::instrument(skip_all)]
    pub async fn public_consequences(
        &self,
        body_org_id: i64,
        today: NaiveDate,
    ) -> StoreResult<Vec<ConsequenceRow>> {
        // Only consequences of cases whose breach record the public may see today.
        let mut sql = Sql::new(
            "SELECT x.id FROM rectifications x JOIN credit_records r ON r.id = x.record_id WHERE ",
        );
        sql.push_public_rule(
            crate::domain::disclosure::Register::Records,
            today,
            crate::domain::disclosure::DisclosureSettings::default(),
        );
        sql.push(" AND x.body_org_id = ").bind(body_org_id);
        let public: Vec<(i64,)> = self.fetch_all_of(&sql).await?;
        let public: std::collections::HashSet<i64> = public.into_iter().map(|(id,)| id).collect();
        Ok(self
            .consequences(Some(body_org_id), None)
            .await?
            .into_iter()
            .filter(|c| public.contains(&c.rectification_id))
            .filter(|c| match c.kind {
                ConsequenceKind::PublicCriticism => true,
                ConsequenceKind::HonoursIneligible => {
                    c.effective_until.is_none_or(|until| until >= today)
                }
                _ => false,
            })
            .collect())
    }

    /// The organisation a body reports to (its parent), by id and name.
    #[tracing::instrument(skip_all)]
    pub async fn parent_organisation(&self, org_id: i64) -> StoreResult<Option<(i64, String)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT p.id, p.name FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.id = $1"
        )
        .bind(org_id)
        .fetch_optional(pool)
        .await
        })?)
    }
}

/// A case as it went, for the demo district's history and for tests: every step on its day.
/// Written straight into the case tables (no notices: they happened in the past).
#[derive(Debug, Clone)]
pub struct RectificationHistory {
    pub record_id: i64,
    pub body_org_id: i64,
    pub opened_on: NaiveDate,
    pub assign_due: NaiveDate,
    /// The day the office set the deadline, and the deadline.
    pub deadline: Option<(NaiveDate, NaiveDate)>,
    /// Escalations of the overdue case, in order: the day, the level, the note.
    pub escalations: Vec<(NaiveDate, Escalation, String)>,
    /// The day the report came, the explanation and the report.
    pub report: Option<(NaiveDate, String, String)>,
    pub accepted_on: Option<NaiveDate>,
}

impl RectificationHistory {
    fn status(&self) -> RectificationStatus {
        match (&self.deadline, &self.report, self.accepted_on) {
            (_, Some(_), Some(_)) => RectificationStatus::Rectified,
            (_, Some(_), None) => RectificationStatus::ReportSubmitted,
            (Some(_), None, _) => RectificationStatus::AwaitingReport,
            (None, None, _) => RectificationStatus::Opened,
        }
    }
}

/// An organisation's record in effect without a rectification case.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnrectifiedRecord {
    pub record_id: i64,
    pub organisation_id: i64,
    pub kind_code: String,
    pub org_kind: String,
    pub decided_on: NaiveDate,
}

/// Nine in the morning in China, as an instant: when a past step is said to have happened.
fn morning_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc()
}

impl Store {
    /// Effective records about organisations that have no rectification case yet, for the
    /// demo's history.
    #[tracing::instrument(skip_all)]
    pub async fn records_without_rectification(&self) -> StoreResult<Vec<UnrectifiedRecord>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.id AS record_id, o.id AS organisation_id, r.kind_code, o.kind AS org_kind, r.decided_on
             FROM credit_records r
             JOIN organisations o ON o.id = r.organisation_id
             WHERE r.subject_kind = 'organisation' AND r.status = 'effective'
               AND NOT EXISTS (SELECT 1 FROM rectifications x WHERE x.record_id = r.id)
             ORDER BY r.id"
        )
        .fetch_all(pool)
        .await
        })?)
    }

    /// Writes a case's history in one transaction; returns its ticket number.
    #[tracing::instrument(skip_all)]
    pub async fn insert_rectification_history(
        &self,
        h: &RectificationHistory,
    ) -> StoreResult<String> {
        let status = h.status();
        let ticket = ticket_no(h.opened_on, h.record_id);
        let first_due = h.deadline.map(|(_, due)| due);
        let escalation = h
            .escalations
            .last()
            .map_or(Escalation::None, |(_, level, _)| *level);
        let report_on = h.report.as_ref().map(|(on, _, _)| *on);
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let mut insert = Sql::new(
            "INSERT INTO rectifications (ticket_no, body_org_id, record_id, status, opened_at, opened_on,
                 assign_due, first_due, report_due, escalation, explanation, report, report_submitted_on, closed_on, on_time)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, ",
        )
        .with(&ticket)
        .with(h.body_org_id)
        .with(h.record_id)
        .with(status.code())
        .with(morning_of(h.opened_on))
        .with(h.opened_on)
        .with(h.assign_due)
        .with(first_due)
        .with(escalation.code())
        .with(h.report.as_ref().map(|(_, e, _)| e.as_str()))
        .with(h.report.as_ref().map(|(_, _, r)| r.as_str()))
        .with(report_on)
        .with(h.accepted_on);
        match h.accepted_on {
            Some(_) => insert
                .bind(crate::domain::rectification::on_time(first_due, report_on))
                .push(") RETURNING id"),
            None => insert.push("NULL) RETURNING id"),
        };
        let (id,): (i64,) = conn.fetch_one(insert).await?;
        let mut events: Vec<(
            NaiveDate,
            &str,
            String,
            RectificationStatus,
            Option<NaiveDate>,
        )> = vec![(
            h.opened_on,
            "opened",
            String::new(),
            RectificationStatus::Opened,
            Some(h.assign_due),
        )];
        if let Some((on, due)) = h.deadline {
            events.push((
                on,
                "deadline_set",
                String::new(),
                RectificationStatus::AwaitingReport,
                Some(due),
            ));
        }
        for (on, level, note) in &h.escalations {
            events.push((
                *on,
                crate::domain::rectification::escalation_action(*level),
                format!("{}：{note}", on.format("%Y-%m-%d")),
                RectificationStatus::AwaitingReport,
                None,
            ));
        }
        if let Some(on) = report_on {
            events.push((
                on,
                "report_submitted",
                String::new(),
                RectificationStatus::ReportSubmitted,
                None,
            ));
        }
        if let Some(on) = h.accepted_on {
            events.push((
                on,
                "accepted",
                String::new(),
                RectificationStatus::Rectified,
                None,
            ));
        }
        for (on, action, note, after, due) in events {
            conn.execute(
                Sql::new(
                    "INSERT INTO case_events (case_kind, case_id, occurred_at, action, actor, note, status_after, due)
                     VALUES ('rectification', $1, $2, $3, 'system', $4, $5, $6)",
                )
                .with(id)
                .with(morning_of(on))
                .with(action)
                .with(note)
                .with(after.code())
                .with(due),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(ticket)
    }
}

/// The columns of [`RectificationCounts`] over the cases `x`: a case is due once rectified or once
/// its first deadline (or, never set, the office's day to set it) is before `today`.
fn push_count_columns(sql: &mut Sql, today: NaiveDate) {
    sql.push("COALESCE(SUM(CASE WHEN x.status = 'rectified' OR COALESCE(x.first_due, x.assign_due) < ")
        .bind(today)
        .push(
            " THEN 1 ELSE 0 END), 0) AS due,
             COALESCE(SUM(CASE WHEN x.status = 'rectified' AND x.on_time THEN 1 ELSE 0 END), 0) AS rectified_on_time,
             COALESCE(SUM(CASE WHEN x.status = 'rectified' AND NOT x.on_time THEN 1 ELSE 0 END), 0) AS rectified_late,
             COALESCE(SUM(CASE WHEN x.status IN ('opened', 'awaiting_report', 'report_submitted') THEN 1 ELSE 0 END), 0) AS open",
        );
}
