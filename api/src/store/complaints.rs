//! Complaints about government bodies, and the figures they add to a body's integrity profile.

use super::cases::{CaseKey, CaseKind, CasePage, CaseTable, NewEvidence};
use super::query::Sql;
use super::rectifications::FindingRecord;
use super::{AuditEvent, Store, StoreResult, on_pool};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone)]
pub struct NewComplaintCase {
    pub ticket_no: String,
    pub body_org_id: i64,
    pub kind: String,
    pub description: String,
    pub amount_cents: Option<i64>,
    pub complainant_name: String,
    pub complainant_phone: String,
    pub company: Option<String>,
    pub filed_on: NaiveDate,
    pub accept_due: NaiveDate,
    pub result_due: NaiveDate,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub evidence: Vec<NewEvidence>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ComplaintRow {
    pub id: i64,
    pub ticket_no: String,
    pub body_name: String,
    pub body_uscc: String,
    pub kind: chengxin_types::ComplaintKind,
    pub description: String,
    pub amount_cents: Option<i64>,
    pub status: chengxin_types::ComplaintStatus,
    pub filed_at: DateTime<Utc>,
    pub accept_due: NaiveDate,
    pub result_due: NaiveDate,
    pub finding: Option<String>,
    pub request_hash: Option<String>,
}

/// Counts for a body's profile.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct CaseCounts {
    pub received: i64,
    pub open: i64,
    pub overdue: i64,
    pub closed: i64,
    pub closed_on_time: i64,
    pub substantiated: i64,
}

const COMPLAINTS: CaseTable = CaseTable {
    kind: CaseKind::Complaint,
    columns: COMPLAINT_COLUMNS,
    alias: "c",
    // Complaints are filed without signing in and handled by the credit office.
    filer_account: None,
    department: None,
};

const COMPLAINT_COLUMNS: &str = "c.id, c.ticket_no, b.name AS body_name, b.uscc AS body_uscc, c.kind, c.description, \
     c.amount_cents, c.status, c.filed_at, c.accept_due, c.result_due, c.finding, c.request_hash \
     FROM complaints c JOIN organisations b ON b.id = c.body_org_id";

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn insert_complaint(&self, case: &NewComplaintCase) -> StoreResult<i64> {
        let now = super::audit::truncated_now();
        let event = AuditEvent {
            actor: "public".into(),
            action: "complaint.filed".into(),
            entity: "complaint".into(),
            entity_id: case.ticket_no.clone(),
            detail: serde_json::json!({ "body_org_id": case.body_org_id, "kind": case.kind })
                .to_string(),
        };
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let (id,): (i64,) = conn
            .fetch_one(
                Sql::new(
                    "INSERT INTO complaints (ticket_no, body_org_id, kind, description, amount_cents, complainant_name,
                         complainant_phone, company, status, filed_at, filed_on, accept_due, result_due, idempotency_key, request_hash)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11, $12, $13, $14) RETURNING id",
                )
                .with(&case.ticket_no)
                .with(case.body_org_id)
                .with(&case.kind)
                .with(&case.description)
                .with(case.amount_cents)
                .with(&case.complainant_name)
                .with(&case.complainant_phone)
                .with(&case.company)
                .with(now)
                .with(case.filed_on)
                .with(case.accept_due)
                .with(case.result_due)
                .with(&case.idempotency_key)
                .with(&case.request_hash),
            )
            .await?;
        super::cases::record_filing(
            &mut conn,
            CaseKind::Complaint,
            id,
            now,
            "public",
            case.accept_due,
            &case.evidence,
        )
        .await?;
        super::audit::append_audit(&mut conn, &event).await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn complaint_by_ticket(&self, ticket_no: &str) -> StoreResult<Option<ComplaintRow>> {
        self.case_by(&COMPLAINTS, CaseKey::TicketNo, ticket_no)
            .await
    }

    #[tracing::instrument(skip_all)]
    pub async fn complaint_by_idempotency_key(
        &self,
        key: &str,
    ) -> StoreResult<Option<ComplaintRow>> {
        self.case_by(&COMPLAINTS, CaseKey::IdempotencyKey, key)
            .await
    }

    /// A page of all complaints, for the credit office.
    #[tracing::instrument(skip_all)]
    pub async fn complaints_page(&self, page: &CasePage) -> StoreResult<Vec<ComplaintRow>> {
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} WHERE 1 = 1{}",
            page.sql_tail(CaseKind::Complaint, "c")
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .fetch_all(pool)
        .await)?)
    }

    /// Applies a step if the complaint is still in the expected status.
    #[allow(clippy::too_many_arguments)]
    #[tracing::instrument(skip_all)]
    pub async fn apply_complaint_step(
        &self,
        complaint_id: i64,
        expected_status: &str,
        status_after: &str,
        action: &str,
        note: &str,
        actor: &str,
        closed_on: Option<NaiveDate>,
        finding_record: Option<&FindingRecord>,
    ) -> StoreResult<bool> {
        let now = super::audit::truncated_now();
        let event = AuditEvent {
            actor: actor.to_string(),
            action: format!("complaint.{action}"),
            entity: "complaint".into(),
            entity_id: complaint_id.to_string(),
            detail: serde_json::json!({ "status": status_after, "note": note }).to_string(),
        };
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let rows = conn
            .execute(
                Sql::new(
                    "UPDATE complaints SET status = $1,
                         closed_on = COALESCE($2, closed_on),
                         finding = CASE WHEN $2 IS NULL THEN finding ELSE $3 END
                     WHERE id = $4 AND status = $5",
                )
                .with(status_after)
                .with(closed_on)
                .with(note)
                .with(complaint_id)
                .with(expected_status),
            )
            .await?;
        // Another step came first: nothing is written.
        if rows == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        super::cases::record_step(
            &mut conn,
            CaseKind::Complaint,
            complaint_id,
            now,
            action,
            actor,
            note,
            status_after,
            None,
        )
        .await?;
        // A complaint found true leaves a breach record on the body, reviewed like any other.
        if let Some(finding) = finding_record {
            super::rectifications::submit_finding_record(&mut conn, finding, now).await?;
        }
        super::audit::append_audit(&mut conn, &event).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// How a department handles objections to its records, for its integrity profile.
    #[tracing::instrument(skip_all)]
    pub async fn objection_counts(&self, org_id: i64, today: NaiveDate) -> StoreResult<CaseCounts> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT COUNT(*) AS received,
                    COALESCE(SUM(CASE WHEN status IN ('submitted', 'accepted') THEN 1 ELSE 0 END), 0) AS open,
                    COALESCE(SUM(CASE WHEN (status = 'submitted' AND accept_due < $2)
                                        OR (status = 'accepted' AND reply_due < $2) THEN 1 ELSE 0 END), 0) AS overdue,
                    COALESCE(SUM(CASE WHEN closed_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS closed,
                    COALESCE(SUM(CASE WHEN closed_on IS NOT NULL AND closed_on <= COALESCE(reply_due, accept_due) THEN 1 ELSE 0 END), 0) AS closed_on_time,
                    COALESCE(SUM(CASE WHEN status IN ('upheld', 'partly_upheld') THEN 1 ELSE 0 END), 0) AS substantiated
             FROM objections WHERE department_org_id = $1"
        )
        .bind(org_id)
        .bind(today)
        .fetch_one(pool)
        .await
        })?)
    }

    /// Complaints against a body, for its integrity profile.
    #[tracing::instrument(skip_all)]
    pub async fn complaint_counts(&self, org_id: i64, today: NaiveDate) -> StoreResult<CaseCounts> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT COUNT(*) AS received,
                    COALESCE(SUM(CASE WHEN status IN ('submitted', 'accepted') THEN 1 ELSE 0 END), 0) AS open,
                    COALESCE(SUM(CASE WHEN status IN ('submitted', 'accepted') AND result_due < $2 THEN 1 ELSE 0 END), 0) AS overdue,
                    COALESCE(SUM(CASE WHEN closed_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS closed,
                    COALESCE(SUM(CASE WHEN closed_on IS NOT NULL AND closed_on <= result_due THEN 1 ELSE 0 END), 0) AS closed_on_time,
                    COALESCE(SUM(CASE WHEN status = 'substantiated' THEN 1 ELSE 0 END), 0) AS substantiated
             FROM complaints WHERE body_org_id = $1"
        )
        .bind(org_id)
        .bind(today)
        .fetch_one(pool)
        .await
        })?)
    }
}
