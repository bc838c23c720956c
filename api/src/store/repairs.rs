//! Credit repair applications and the record changes an approval makes.

use super::cases::{CaseKey, CaseKind, CaseOwner, CasePage, CaseTable, NewEvidence};
use super::exec::Conn;
use super::{AuditEvent, Store, StoreResult, on_pool};
use chrono::{DateTime, NaiveDate, Utc};

/// An application to store, with its first step.
#[derive(Debug, Clone)]
pub struct NewRepairCase {
    pub ticket_no: String,
    pub record_id: i64,
    pub department_org_id: i64,
    pub applicant_account_id: Option<i64>,
    pub applicant_name: String,
    pub applicant_phone: Option<String>,
    pub correction: String,
    pub commitment: String,
    pub filed_on: NaiveDate,
    pub accept_due: NaiveDate,
    pub result_due: NaiveDate,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub evidence: Vec<NewEvidence>,
    pub actor: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RepairRow {
    pub id: i64,
    pub ticket_no: String,
    pub record_id: i64,
    pub record_title: String,
    pub department_org_id: i64,
    pub department_name: String,
    pub applicant_name: String,
    pub correction: String,
    pub commitment: String,
    pub status: chengxin_types::RepairStatus,
    pub filed_at: DateTime<Utc>,
    pub filed_on: NaiveDate,
    pub accept_due: NaiveDate,
    pub result_due: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub outcome_reason: Option<String>,
    pub request_hash: Option<String>,
}

/// A step on an application: the status it expects and the one it leaves.
#[derive(Debug, Clone)]
pub struct RepairCaseStep {
    pub repair_id: i64,
    pub record_id: i64,
    pub expected_status: String,
    pub status_after: String,
    pub action: String,
    pub note: String,
    pub actor: String,
    pub accepted_on: Option<NaiveDate>,
    pub result_due: Option<NaiveDate>,
    /// For an extension, the result deadline it extends: the step applies only if no other
    /// extension moved it meanwhile (their days add up to a bound).
    pub extends_due: Option<NaiveDate>,
    /// The civil day the application closes, if this step closes it.
    pub closed_on: Option<NaiveDate>,
    pub false_materials: bool,
    /// Approval: the record stops being published, shared and scored.
    pub approve: bool,
}

const REPAIRS: CaseTable = CaseTable {
    kind: CaseKind::Repair,
    columns: REPAIR_COLUMNS,
    alias: "x",
    filer_account: Some("applicant_account_id"),
    department: Some("department_org_id"),
};

const REPAIR_COLUMNS: &str = "x.id, x.ticket_no, x.record_id, r.title AS record_title, x.department_org_id, \
     d.name AS department_name, x.applicant_name, x.correction, x.commitment, x.status, x.filed_at, x.filed_on, \
     x.accept_due, x.result_due, x.closed_on, x.outcome_reason, x.request_hash \
     FROM repairs x JOIN credit_records r ON r.id = x.record_id JOIN organisations d ON d.id = x.department_org_id";

impl Store {
    /// Stores an application with its first step, evidence and audit event in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn insert_repair(&self, case: &NewRepairCase) -> StoreResult<i64> {
        let now = super::audit::truncated_now();
        let event = AuditEvent {
            actor: case.actor.clone(),
            action: "repair.filed".into(),
            entity: "repair".into(),
            entity_id: case.ticket_no.clone(),
            detail:
                serde_json::json!({ "record_id": case.record_id, "evidence": case.evidence.len() })
                    .to_string(),
        };
        let id = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO repairs (ticket_no, record_id, department_org_id, applicant_account_id, applicant_name,
                     applicant_phone, correction, commitment, status, filed_at, filed_on, accept_due, result_due,
                     idempotency_key, request_hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11, $12, $13, $14) RETURNING id",
            )
            .bind(&case.ticket_no)
            .bind(case.record_id)
            .bind(case.department_org_id)
            .bind(case.applicant_account_id)
            .bind(&case.applicant_name)
            .bind(&case.applicant_phone)
            .bind(&case.correction)
            .bind(&case.commitment)
            .bind(now)
            .bind(case.filed_on)
            .bind(case.accept_due)
            .bind(case.result_due)
            .bind(&case.idempotency_key)
            .bind(&case.request_hash)
            .fetch_one(&mut *tx)
            .await?;
            super::cases::record_filing(
                &mut Conn::from(&mut *tx),
                CaseKind::Repair,
                id,
                now,
                &case.actor,
                case.accept_due,
                &case.evidence,
            )
            .await?;
            super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// Open applications past their acceptance or decision deadline, the latest deadline first
    /// missed first.
    #[tracing::instrument(skip_all)]
    pub async fn overdue_repairs(&self, today: NaiveDate) -> StoreResult<Vec<RepairRow>> {
        let sql = format!(
            "SELECT {REPAIR_COLUMNS} WHERE (x.status = 'submitted' AND x.accept_due < $1)
                OR (x.status = 'accepted' AND x.result_due < $1)
             ORDER BY CASE WHEN x.status = 'submitted' THEN x.accept_due ELSE x.result_due END, x.id"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(today)
        .fetch_all(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn repair_by_ticket(&self, ticket_no: &str) -> StoreResult<Option<RepairRow>> {
        self.case_by(&REPAIRS, CaseKey::TicketNo, ticket_no).await
    }

    #[tracing::instrument(skip_all)]
    pub async fn repair_by_idempotency_key(&self, key: &str) -> StoreResult<Option<RepairRow>> {
        self.case_by(&REPAIRS, CaseKey::IdempotencyKey, key).await
    }

    /// A page of the applications an account made.
    #[tracing::instrument(skip_all)]
    pub async fn repairs_of_account(
        &self,
        account_id: i64,
        page: &CasePage,
    ) -> StoreResult<Vec<RepairRow>> {
        self.case_page(&REPAIRS, CaseOwner::Filer(account_id), page)
            .await
    }

    /// A page of a department's applications.
    #[tracing::instrument(skip_all)]
    pub async fn repairs_of_department(
        &self,
        org_id: i64,
        page: &CasePage,
    ) -> StoreResult<Vec<RepairRow>> {
        self.case_page(&REPAIRS, CaseOwner::Department(org_id), page)
            .await
    }

    /// Whether an application for the record is open, and the latest day an application for any
    /// record of the same subject was denied for false materials.
    #[tracing::instrument(skip_all)]
    pub async fn repair_history(&self, record_id: i64) -> StoreResult<(bool, Option<NaiveDate>)> {
        let (open,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT COUNT(*) FROM repairs WHERE record_id = $1 AND status IN ('submitted', 'accepted')"
        )
        .bind(record_id)
        .fetch_one(pool)
        .await
        })?;
        let barred: Option<(Option<NaiveDate>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT MAX(x.closed_on) FROM repairs x
             JOIN credit_records r ON r.id = x.record_id
             JOIN credit_records this ON this.id = $1
             WHERE x.false_materials = $2
               AND ((this.person_id IS NOT NULL AND r.person_id = this.person_id)
                 OR (this.organisation_id IS NOT NULL AND r.organisation_id = this.organisation_id))"
        )
        .bind(record_id)
        .bind(true)
        .fetch_optional(pool)
        .await
        })?;
        Ok((open > 0, barred.and_then(|(day,)| day)))
    }

    /// For a person's archive view: the records with an open application, and the latest day an
    /// application of theirs was denied for false materials.
    #[tracing::instrument(skip_all)]
    pub async fn repair_state_of_person(
        &self,
        person_id: i64,
    ) -> StoreResult<(Vec<i64>, Option<NaiveDate>)> {
        let open: Vec<(i64,)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT x.record_id FROM repairs x JOIN credit_records r ON r.id = x.record_id
             WHERE r.person_id = $1 AND x.status IN ('submitted', 'accepted')"
        )
        .bind(person_id)
        .fetch_all(pool)
        .await)?;
        let (barred,): (Option<NaiveDate>,) = on_pool!(self, |pool| sqlx::query_as(
            "SELECT MAX(x.closed_on) FROM repairs x JOIN credit_records r ON r.id = x.record_id
             WHERE r.person_id = $1 AND x.false_materials = $2"
        )
        .bind(person_id)
        .bind(true)
        .fetch_one(pool)
        .await)?;
        Ok((open.into_iter().map(|(id,)| id).collect(), barred))
    }

    /// Applies a step if the application is still in the expected status; an approval also ends
    /// publication, sharing and scoring of the record (status `repaired`, its penalty and listing
    /// with it), all in one transaction with the audit event.
    #[tracing::instrument(skip_all)]
    pub async fn apply_repair_step(&self, step: &RepairCaseStep) -> StoreResult<bool> {
        let now = super::audit::truncated_now();
        let event = AuditEvent {
            actor: step.actor.clone(),
            action: format!("repair.{}", step.action),
            entity: "repair".into(),
            entity_id: step.repair_id.to_string(),
            detail: serde_json::json!({
                "status": step.status_after,
                "note": step.note,
                "false_materials": step.false_materials,
            })
            .to_string(),
        };
        let applied = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(
                "UPDATE repairs SET status = $1,
                     accepted_on = COALESCE($2, accepted_on),
                     result_due = COALESCE($3, result_due),
                     closed_on = COALESCE($4, closed_on),
                     closed_at = CASE WHEN $4 IS NULL THEN closed_at ELSE $5 END,
                     outcome_reason = CASE WHEN $4 IS NULL THEN outcome_reason ELSE $6 END,
                     false_materials = $7
                 WHERE id = $8 AND status = $9 AND ($10 IS NULL OR result_due = $10)",
            )
            .bind(&step.status_after)
            .bind(step.accepted_on)
            .bind(step.result_due)
            .bind(step.closed_on)
            .bind(now)
            .bind(&step.note)
            .bind(step.false_materials)
            .bind(step.repair_id)
            .bind(&step.expected_status)
            .bind(step.extends_due)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if rows == 0 {
                tx.rollback().await?;
                false
            } else {
                super::cases::record_step(
                    &mut Conn::from(&mut *tx),
                    CaseKind::Repair,
                    step.repair_id,
                    now,
                    &step.action,
                    &step.actor,
                    &step.note,
                    &step.status_after,
                    step.result_due,
                )
                .await?;
                if step.approve {
                    sqlx::query(
                        "UPDATE credit_records SET status = 'repaired', updated_at = $1 WHERE id = $2 AND status = 'effective'",
                    )
                    .bind(now)
                    .bind(step.record_id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("UPDATE penalties SET status = 'repaired' WHERE record_id = $1 AND status = 'effective'")
                        .bind(step.record_id)
                        .execute(&mut *tx)
                        .await?;
                    super::exchange::log_penalty_withdrawal(
                        &mut Conn::from(&mut *tx),
                        step.record_id,
                        now,
                    )
                    .await?;
                    sqlx::query(
                        "UPDATE serious_breach_entries SET status = 'removed', removed_on = $1 WHERE record_id = $2 AND status = 'listed'",
                    )
                    .bind(step.closed_on)
                    .bind(step.record_id)
                    .execute(&mut *tx)
                    .await?;
                    if let Some(on) = step.closed_on {
                        super::rectifications::rectify_on_repair(
                            &mut Conn::from(&mut *tx),
                            step.record_id,
                            on,
                            now,
                            &step.actor,
                            &step.note,
                        )
                        .await?;
                    }
                }
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
                tx.commit().await?;
                true
            }
        });
        Ok(applied)
    }
}
