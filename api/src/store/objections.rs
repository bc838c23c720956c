//! Objection cases, their steps and evidence; the record corrections a decision makes.

use super::cases::{CaseKey, CaseKind, CaseOwner, CasePage, CaseTable, NewEvidence};
use super::exec::Conn;
use super::{AuditEvent, Store, StoreResult, on_pool};
use chrono::{DateTime, NaiveDate, Utc};

/// A case to store, with its first step.
#[derive(Debug, Clone)]
pub struct NewObjectionCase {
    pub ticket_no: String,
    pub record_id: i64,
    pub department_org_id: i64,
    pub filer_account_id: Option<i64>,
    pub filer_name: String,
    pub filer_phone: Option<String>,
    pub filer_capacity: String,
    pub reason: String,
    pub proposals_json: String,
    pub filed_on: NaiveDate,
    pub accept_due: NaiveDate,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub evidence: Vec<NewEvidence>,
    pub actor: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ObjectionRow {
    pub id: i64,
    pub ticket_no: String,
    pub record_id: i64,
    pub record_title: String,
    pub department_org_id: i64,
    pub department_name: String,
    pub filer_account_id: Option<i64>,
    pub reason: String,
    pub proposals: String,
    pub status: chengxin_types::ObjectionStatus,
    pub filed_at: DateTime<Utc>,
    pub accept_due: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub reply_due: Option<NaiveDate>,
    pub outcome_reason: Option<String>,
    pub request_hash: Option<String>,
}

/// A change to the record that a decision makes, in the same transaction.
#[derive(Debug, Clone)]
pub enum RecordChange {
    /// New values for some fields (a new version; the old one is kept).
    Correct(Vec<Correction>),
    Revoke,
}

#[derive(Debug, Clone)]
pub enum Correction {
    Title(String),
    Content(String),
    DecisionNo(String),
    DecidedOn(NaiveDate),
    OccurredOn(NaiveDate),
}

/// A step on a case: the status it expects and the one it leaves.
#[derive(Debug, Clone)]
pub struct CaseStep {
    pub objection_id: i64,
    pub record_id: i64,
    pub expected_status: String,
    pub status_after: String,
    pub action: String,
    pub note: String,
    pub actor: String,
    pub accepted_on: Option<NaiveDate>,
    pub reply_due: Option<NaiveDate>,
    /// For an extension, the reply deadline it extends: the step applies only if no other
    /// extension moved it meanwhile (their days add up to a bound).
    pub extends_due: Option<NaiveDate>,
    /// The civil day the case closes, if this step closes it.
    pub closed_on: Option<NaiveDate>,
    pub record_change: Option<RecordChange>,
}

const OBJECTIONS: CaseTable = CaseTable {
    kind: CaseKind::Objection,
    columns: OBJECTION_COLUMNS,
    alias: "o",
    filer_account: Some("filer_account_id"),
    department: Some("department_org_id"),
};

const OBJECTION_COLUMNS: &str = "o.id, o.ticket_no, o.record_id, r.title AS record_title, o.department_org_id, \
     d.name AS department_name, o.filer_account_id, o.reason, o.proposals, o.status, o.filed_at, o.accept_due, \
     o.accepted_on, o.reply_due, o.outcome_reason, o.request_hash \
     FROM objections o JOIN credit_records r ON r.id = o.record_id JOIN organisations d ON d.id = o.department_org_id";

/// Statuses of a case still open (the record shows as disputed).
pub const OPEN_STATUSES_SQL: &str = "('submitted', 'accepted')";

#[derive(sqlx::FromRow, serde::Serialize)]
struct RecordSnapshot {
    title: String,
    content: String,
    decision_no: Option<String>,
    decided_on: NaiveDate,
    occurred_on: NaiveDate,
    status: String,
    version: i32,
}

impl Store {
    /// Stores a case with its first step, its evidence and an audit event, in one transaction:
    /// when this returns, the case is on disk.
    #[tracing::instrument(skip_all)]
    pub async fn insert_objection(&self, case: &NewObjectionCase) -> StoreResult<i64> {
        let now = super::audit::truncated_now();
        let event = AuditEvent {
            actor: case.actor.clone(),
            action: "objection.filed".into(),
            entity: "objection".into(),
            entity_id: case.ticket_no.clone(),
            detail:
                serde_json::json!({ "record_id": case.record_id, "evidence": case.evidence.len() })
                    .to_string(),
        };
        let id = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO objections (ticket_no, record_id, department_org_id, filer_account_id, filer_name, filer_phone,
                     filer_capacity, reason, proposals, status, filed_at, filed_on, accept_due, idempotency_key, request_hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10, $11, $12, $13, $14) RETURNING id",
            )
            .bind(&case.ticket_no)
            .bind(case.record_id)
            .bind(case.department_org_id)
            .bind(case.filer_account_id)
            .bind(&case.filer_name)
            .bind(&case.filer_phone)
            .bind(&case.filer_capacity)
            .bind(&case.reason)
            .bind(&case.proposals_json)
            .bind(now)
            .bind(case.filed_on)
            .bind(case.accept_due)
            .bind(&case.idempotency_key)
            .bind(&case.request_hash)
            .fetch_one(&mut *tx)
            .await?;
            super::cases::record_filing(
                &mut Conn::from(&mut *tx),
                CaseKind::Objection,
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

    #[tracing::instrument(skip_all)]
    pub async fn objection_by_ticket(&self, ticket_no: &str) -> StoreResult<Option<ObjectionRow>> {
        self.case_by(&OBJECTIONS, CaseKey::TicketNo, ticket_no)
            .await
    }

    #[tracing::instrument(skip_all)]
    pub async fn objection_by_idempotency_key(
        &self,
        key: &str,
    ) -> StoreResult<Option<ObjectionRow>> {
        self.case_by(&OBJECTIONS, CaseKey::IdempotencyKey, key)
            .await
    }

    /// A page of the cases an account filed.
    #[tracing::instrument(skip_all)]
    pub async fn objections_of_account(
        &self,
        account_id: i64,
        page: &CasePage,
    ) -> StoreResult<Vec<ObjectionRow>> {
        self.case_page(&OBJECTIONS, CaseOwner::Filer(account_id), page)
            .await
    }

    /// A page of a department's cases.
    #[tracing::instrument(skip_all)]
    pub async fn objections_of_department(
        &self,
        org_id: i64,
        page: &CasePage,
    ) -> StoreResult<Vec<ObjectionRow>> {
        self.case_page(&OBJECTIONS, CaseOwner::Department(org_id), page)
            .await
    }

    /// Open cases whose next deadline has passed on `today`.
    #[tracing::instrument(skip_all)]
    pub async fn overdue_objections(&self, today: NaiveDate) -> StoreResult<Vec<ObjectionRow>> {
        let sql = format!(
            "SELECT {OBJECTION_COLUMNS} WHERE (o.status = 'submitted' AND o.accept_due < $1)
                OR (o.status = 'accepted' AND o.reply_due < $1)
             ORDER BY COALESCE(o.reply_due, o.accept_due), o.id"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(today)
        .fetch_all(pool)
        .await)?)
    }

    /// Ids among a person's records that have an open objection.
    #[tracing::instrument(skip_all)]
    pub async fn disputed_records_of_person(&self, person_id: i64) -> StoreResult<Vec<i64>> {
        let sql = format!(
            "SELECT DISTINCT o.record_id FROM objections o JOIN credit_records r ON r.id = o.record_id
             WHERE r.person_id = $1 AND o.status IN {OPEN_STATUSES_SQL}"
        );
        let rows: Vec<(i64,)> = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(person_id)
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Applies a step if the case is still in the expected status (`false` otherwise: someone else
    /// acted first), with the record change a decision makes, the step and an audit event, all in
    /// one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn apply_objection_step(&self, step: &CaseStep) -> StoreResult<bool> {
        let now = super::audit::truncated_now();
        let event = AuditEvent {
            actor: step.actor.clone(),
            action: format!("objection.{}", step.action),
            entity: "objection".into(),
            entity_id: step.objection_id.to_string(),
            detail: serde_json::json!({ "status": step.status_after, "note": step.note })
                .to_string(),
        };
        let applied = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(
                "UPDATE objections SET status = $1,
                     accepted_on = COALESCE($2, accepted_on),
                     reply_due = COALESCE($3, reply_due),
                     closed_on = COALESCE($4, closed_on),
                     closed_at = CASE WHEN $4 IS NULL THEN closed_at ELSE $5 END,
                     outcome_reason = CASE WHEN $4 IS NULL THEN outcome_reason ELSE $6 END
                 WHERE id = $7 AND status = $8 AND ($9 IS NULL OR reply_due = $9)",
            )
            .bind(&step.status_after)
            .bind(step.accepted_on)
            .bind(step.reply_due)
            .bind(step.closed_on)
            .bind(now)
            .bind(&step.note)
            .bind(step.objection_id)
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
                    CaseKind::Objection,
                    step.objection_id,
                    now,
                    &step.action,
                    &step.actor,
                    &step.note,
                    &step.status_after,
                    step.reply_due,
                )
                .await?;
                if let Some(change) = &step.record_change {
                    let before: RecordSnapshot = sqlx::query_as(
                        "SELECT title, content, decision_no, decided_on, occurred_on, status, version FROM credit_records WHERE id = $1",
                    )
                    .bind(step.record_id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let snapshot = serde_json::to_string(&before).unwrap_or_default();
                    sqlx::query(
                        "INSERT INTO credit_record_versions (record_id, version, snapshot, reason, changed_by, changed_at)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(step.record_id)
                    .bind(before.version)
                    .bind(sqlx::types::Json(serde_json::from_str::<serde_json::Value>(&snapshot).unwrap_or_default()))
                    .bind(&step.note)
                    .bind(&step.actor)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    match change {
                        RecordChange::Revoke => {
                            sqlx::query("UPDATE credit_records SET status = 'revoked', version = version + 1, updated_at = $1 WHERE id = $2")
                                .bind(now)
                                .bind(step.record_id)
                                .execute(&mut *tx)
                                .await?;
                            // The published forms of the record go with it.
                            sqlx::query(
                                "UPDATE penalties SET status = 'revoked' WHERE record_id = $1",
                            )
                            .bind(step.record_id)
                            .execute(&mut *tx)
                            .await?;
                            super::exchange::log_penalty_withdrawal(
                                &mut Conn::from(&mut *tx),
                                step.record_id,
                                now,
                            )
                            .await?;
                            super::rectifications::withdraw_rectification_of(
                                &mut Conn::from(&mut *tx),
                                step.record_id,
                                now,
                                &step.actor,
                                &step.note,
                            )
                            .await?;
                        }
                        RecordChange::Correct(corrections) => {
                            for correction in corrections {
                                let (column, text, date) = match correction {
                                    Correction::Title(t) => ("title", Some(t.clone()), None),
                                    Correction::Content(t) => ("content", Some(t.clone()), None),
                                    Correction::DecisionNo(t) => {
                                        ("decision_no", Some(t.clone()), None)
                                    }
                                    Correction::DecidedOn(d) => ("decided_on", None, Some(*d)),
                                    Correction::OccurredOn(d) => ("occurred_on", None, Some(*d)),
                                };
                                // The column name comes from the closed list above, never from input.
                                let sql = format!(
                                    "UPDATE credit_records SET {column} = $1 WHERE id = $2"
                                );
                                let query = sqlx::query(sqlx::AssertSqlSafe(sql));
                                let query = match (text, date) {
                                    (Some(text), _) => query.bind(text),
                                    (None, date) => query.bind(date),
                                };
                                query.bind(step.record_id).execute(&mut *tx).await?;
                            }
                            sqlx::query("UPDATE credit_records SET version = version + 1, updated_at = $1 WHERE id = $2")
                                .bind(now)
                                .bind(step.record_id)
                                .execute(&mut *tx)
                                .await?;
                        }
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

/// What filing an objection needs to know of a record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordForObjection {
    pub id: i64,
    pub person_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub category: String,
    /// The organisation's USCC, for an organisation's record.
    pub subject_uscc: Option<String>,
    /// The keyed hash of the person's ID number, for a person's record.
    pub subject_id_lookup: Option<String>,
    pub route: String,
    pub status: String,
    pub publish_from: Option<NaiveDate>,
    pub repairable_from: Option<NaiveDate>,
    pub publish_until: Option<NaiveDate>,
    /// The department that decided the record, or else the one that reported it.
    pub department_org_id: i64,
    pub kind_code: String,
    pub score_item: Option<String>,
    pub occurred_on: NaiveDate,
    pub conduct_ended_on: Option<NaiveDate>,
    /// The serious-breach entry behind the record, if it is a listing's record.
    pub listing_status: Option<String>,
    pub listed_on: Option<NaiveDate>,
    pub removal_due_on: Option<NaiveDate>,
}

impl RecordForObjection {
    /// The entry behind a listing's record, with what decides whether it is on the list.
    pub fn listing(&self) -> Option<crate::domain::listing::ListingFacts> {
        Some(crate::domain::listing::ListingFacts::from_codes(
            self.listing_status.as_deref()?,
            self.listed_on?,
            self.removal_due_on,
            Some(&self.status),
        ))
    }

    pub fn facts(&self) -> crate::domain::disclosure::RecordFacts {
        use chengxin_types::{DisclosureRoute, RecordStatus};
        crate::domain::disclosure::RecordFacts {
            route: DisclosureRoute::from_code(&self.route).unwrap_or(DisclosureRoute::Internal),
            status: RecordStatus::from_code(&self.status).unwrap_or(RecordStatus::Pending),
            window: match (self.publish_from, self.publish_until) {
                (Some(from), Some(until)) => Some(crate::domain::PublicityWindow {
                    from,
                    repairable_from: self.repairable_from.unwrap_or(from),
                    until,
                }),
                _ => None,
            },
        }
    }
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn record_for_objection(&self, id: i64) -> StoreResult<Option<RecordForObjection>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.id, r.person_id, r.organisation_id, r.category, o.uscc AS subject_uscc,
                    p.id_lookup AS subject_id_lookup, r.route, r.status, r.publish_from, r.repairable_from,
                    r.publish_until, COALESCE(r.deciding_org_id, r.reporting_org_id) AS department_org_id,
                    r.kind_code, r.score_item, r.occurred_on, r.conduct_ended_on,
                    e.status AS listing_status, e.listed_on, e.removal_due_on
             FROM credit_records r
             LEFT JOIN organisations o ON o.id = r.organisation_id
             LEFT JOIN persons p ON p.id = r.person_id
             LEFT JOIN serious_breach_entries e ON e.record_id = r.id
             WHERE r.id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await
        })?)
    }
}
