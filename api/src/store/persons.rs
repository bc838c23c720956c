//! A person's own archive: profile, appointments, records with their versions, scoring consent.

use super::exec::Conn;
use super::{AuditEvent, Store, StoreResult, on_pool};
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub id_masked: String,
    pub scoring_consent: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppointmentRow {
    pub organisation_name: String,
    pub organisation_uscc: String,
    pub position: String,
    pub rank: Option<String>,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// JSON keys and the SQL that fills them, for [`Store::records_of_person`].
const PERSON_RECORD_FIELDS: &[(&str, &str)] = &[
    ("id", "r.id"),
    ("category", "r.category"),
    ("kind_code", "r.kind_code"),
    ("kind_name", "k.name"),
    ("title", "r.title"),
    ("content", "r.content"),
    ("decision_no", "r.decision_no"),
    ("deciding_org_name", "d.name"),
    ("deciding_org_uscc", "d.uscc"),
    ("reporting_org_name", "rep.name"),
    ("reporting_org_uscc", "rep.uscc"),
    ("decided_on", "r.decided_on"),
    ("occurred_on", "r.occurred_on"),
    ("conduct_ended_on", "r.conduct_ended_on"),
    ("route", "r.route"),
    ("tier", "r.tier"),
    ("publish_from", "r.publish_from"),
    ("repairable_from", "r.repairable_from"),
    ("publish_until", "r.publish_until"),
    ("status", "r.status"),
    ("score_item", "r.score_item"),
    ("act_key", "r.act_key"),
    ("version", "r.version"),
    (
        "listing_status",
        "(SELECT e.status FROM serious_breach_entries e WHERE e.record_id = r.id ORDER BY e.id LIMIT 1)",
    ),
    (
        "listed_on",
        "(SELECT e.listed_on FROM serious_breach_entries e WHERE e.record_id = r.id ORDER BY e.id LIMIT 1)",
    ),
    (
        "removal_due_on",
        "(SELECT e.removal_due_on FROM serious_breach_entries e WHERE e.record_id = r.id ORDER BY e.id LIMIT 1)",
    ),
];

/// A record of a person with everything any audience may be shown; callers filter with
/// [`crate::domain::disclosure::visible_to`].
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PersonRecordRow {
    pub id: i64,
    pub category: chengxin_types::Category,
    pub kind_code: String,
    pub kind_name: String,
    pub title: String,
    pub content: String,
    pub decision_no: Option<String>,
    pub deciding_org_name: Option<String>,
    pub deciding_org_uscc: Option<String>,
    pub reporting_org_name: String,
    pub reporting_org_uscc: String,
    pub decided_on: NaiveDate,
    pub occurred_on: NaiveDate,
    pub conduct_ended_on: Option<NaiveDate>,
    pub route: chengxin_types::DisclosureRoute,
    pub tier: Option<String>,
    pub publish_from: Option<NaiveDate>,
    pub repairable_from: Option<NaiveDate>,
    pub publish_until: Option<NaiveDate>,
    pub status: chengxin_types::RecordStatus,
    pub score_item: Option<String>,
    pub act_key: Option<String>,
    pub version: i32,
    /// The serious-breach entry behind the record, for a listing's record.
    pub listing_status: Option<String>,
    pub listed_on: Option<NaiveDate>,
    pub removal_due_on: Option<NaiveDate>,
}

/// A record as the score needs it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ScoringRow {
    pub id: i64,
    pub title: String,
    pub score_item: String,
    pub occurred_on: NaiveDate,
    pub conduct_ended_on: Option<NaiveDate>,
    pub act_key: Option<String>,
    pub status: chengxin_types::RecordStatus,
    /// The day a repair of this record was approved, if it was.
    pub repaired_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordVersionRow {
    pub record_id: i64,
    pub version: i32,
    pub reason: String,
    pub changed_at: DateTime<Utc>,
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn person(&self, person_id: i64) -> StoreResult<Option<PersonRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, name, id_masked, scoring_consent FROM persons WHERE id = $1"
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await)?)
    }

    /// The person with this ID-number lookup hash.
    #[tracing::instrument(skip_all)]
    pub async fn person_by_lookup(&self, lookup: &str) -> StoreResult<Option<PersonRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, name, id_masked, scoring_consent FROM persons WHERE id_lookup = $1"
        )
        .bind(lookup)
        .fetch_optional(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn appointments_of(&self, person_id: i64) -> StoreResult<Vec<AppointmentRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT o.name AS organisation_name, o.uscc AS organisation_uscc, a.position, a.rank, a.started_on, a.ended_on
             FROM appointments a JOIN organisations o ON o.id = a.organisation_id
             WHERE a.person_id = $1 ORDER BY a.started_on DESC, a.id DESC"
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
        })?)
    }

    /// Rows of `FROM … WHERE …` (binding `$1` to `id`) as one JSON array built by the database,
    /// with the given keys. A person may have hundreds of records, and the SQLite driver hands
    /// rows over one at a time between threads, which costs more than the query itself: one row
    /// of JSON is one hand-over, on either backend.
    async fn json_rows<T: serde::de::DeserializeOwned>(
        &self,
        fields: &[(&str, &str)],
        from_where: &str,
        id: i64,
    ) -> StoreResult<Vec<T>> {
        let (aggregate, object) = match &self.pool {
            super::Pool::Sqlite(_) => ("json_group_array", "json_object"),
            super::Pool::Postgres(_) => ("json_agg", "json_build_object"),
        };
        let fields = fields
            .iter()
            .map(|(key, expr)| format!("'{key}', {expr}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT CAST(COALESCE({aggregate}({object}({fields})), '[]') AS TEXT) {from_where}"
        );
        let (json,): (String,) = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(id)
        .fetch_one(pool)
        .await)?;
        serde_json::from_str(&json)
            .context("the database returned rows that cannot be read")
            .map_err(super::StoreError::Other)
    }

    /// Every record about a person, newest decision first.
    #[tracing::instrument(skip_all)]
    pub async fn records_of_person(&self, person_id: i64) -> StoreResult<Vec<PersonRecordRow>> {
        let mut rows: Vec<PersonRecordRow> = self
            .json_rows(
                PERSON_RECORD_FIELDS,
                "FROM credit_records r
                 JOIN record_kinds k ON k.code = r.kind_code
                 JOIN organisations rep ON rep.id = r.reporting_org_id
                 LEFT JOIN organisations d ON d.id = r.deciding_org_id
                 WHERE r.person_id = $1",
                person_id,
            )
            .await?;
        rows.sort_by(|a, b| b.decided_on.cmp(&a.decided_on).then(b.id.cmp(&a.id)));
        Ok(rows)
    }

    /// Only what the score engine and its explanation need, of the records filed under a
    /// scoring item: the score is read far more often than the records.
    #[tracing::instrument(skip_all)]
    pub async fn scoring_records_of_person(&self, person_id: i64) -> StoreResult<Vec<ScoringRow>> {
        self.json_rows(
            &[
                ("id", "r.id"),
                ("title", "r.title"),
                ("score_item", "r.score_item"),
                ("occurred_on", "r.occurred_on"),
                ("conduct_ended_on", "r.conduct_ended_on"),
                ("act_key", "r.act_key"),
                ("status", "r.status"),
                (
                    "repaired_on",
                    "(SELECT MAX(x.closed_on) FROM repairs x WHERE x.record_id = r.id AND x.status = 'approved')",
                ),
            ],
            "FROM credit_records r WHERE r.person_id = $1 AND r.score_item IS NOT NULL",
            person_id,
        )
        .await
    }

    /// Earlier versions of a person's records, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn record_versions_of_person(
        &self,
        person_id: i64,
    ) -> StoreResult<Vec<RecordVersionRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT v.record_id, v.version, v.reason, v.changed_at
             FROM credit_record_versions v JOIN credit_records r ON r.id = v.record_id
             WHERE r.person_id = $1 ORDER BY v.record_id, v.version"
        )
        .bind(person_id)
        .fetch_all(pool)
        .await)?)
    }

    /// Turns scoring consent on or off, with an audit event; `false` if it was already so.
    #[tracing::instrument(skip_all)]
    pub async fn set_scoring_consent(
        &self,
        person_id: i64,
        consent: bool,
        actor: &str,
    ) -> StoreResult<bool> {
        let event = AuditEvent {
            actor: actor.to_string(),
            action: if consent {
                "consent.given"
            } else {
                "consent.withdrawn"
            }
            .into(),
            entity: "person".into(),
            entity_id: person_id.to_string(),
            detail: "{}".into(),
        };
        let changed = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(
                "UPDATE persons SET scoring_consent = $1 WHERE id = $2 AND scoring_consent <> $1",
            )
            .bind(consent)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if rows > 0 {
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            rows > 0
        });
        Ok(changed)
    }

    /// A civil servant with many scoring records and consent, to link the demo account to.
    #[tracing::instrument(skip_all)]
    pub async fn person_with_most_scoring_records(&self) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.person_id FROM credit_records r JOIN persons p ON p.id = r.person_id
             WHERE r.score_item IS NOT NULL AND p.scoring_consent = $1
             GROUP BY r.person_id ORDER BY COUNT(*) DESC, r.person_id LIMIT 1"
        )
        .bind(true)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|(id,)| id))
    }
}
