//! What a reviewer reads beside a submission: the row as it was sent, the item as the public
//! answers would show it once approved (through the public queries' own column lists, without
//! their publicity conditions, since a pending item is not public yet), and the subject's other
//! records in the archive.

use super::public::{
    COMMITMENT_FIELDS, COMMITMENT_SELECT, CommitmentRow, LICENCE_FIELDS, LICENCE_SELECT_HEAD,
    LICENCE_SELECT_TAIL, LISTING_FIELDS, LISTING_SELECT, LicenceRow, ListingRow, PENALTY_FIELDS,
    PENALTY_SELECT_HEAD, PENALTY_SELECT_TAIL, PenaltyRow,
};
use super::query::Sql;
use super::{Store, StoreResult, on_pool};
use chengxin_types::{Category, DisclosureRoute, ImportFormat, RecordStatus};
use chrono::NaiveDate;

/// The row a submission was sent as, and the format of its upload.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SentRow {
    /// A JSON object by column code; `None` for submissions made before rows were kept.
    pub submitted_fields: Option<String>,
    pub format: Option<ImportFormat>,
}

/// A credit record as its disclosure will be decided.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordPreviewRow {
    pub title: String,
    pub category: Category,
    pub route: DisclosureRoute,
    pub publish_from: Option<NaiveDate>,
    pub publish_until: Option<NaiveDate>,
}

/// Another record of the same subject, with what decides who may see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubjectRecordRow {
    pub id: i64,
    pub title: String,
    pub category: Category,
    pub status: RecordStatus,
    pub route: DisclosureRoute,
    pub publish_from: Option<NaiveDate>,
    pub publish_until: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub reporting_org_id: i64,
    pub reported_by: String,
}

/// How many of the newest are read to find them: the reader may see only some of them (another
/// department's records only while they are shared).
const SUBJECT_RECORDS_READ: u32 = 200;

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn sent_row(&self, submission_id: i64) -> StoreResult<Option<SentRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT s.submitted_fields, b.format FROM submissions s
             LEFT JOIN import_batches b ON b.id = s.batch_id WHERE s.id = $1"
        )
        .bind(submission_id)
        .fetch_optional(pool)
        .await)?)
    }

    /// Penalty `id` in any state, published `today` if it is not yet.
    #[tracing::instrument(skip_all)]
    pub async fn penalty_preview(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> StoreResult<Option<PenaltyRow>> {
        let mut sql = Sql::new(PENALTY_SELECT_HEAD);
        sql.push("COALESCE(p.published_on, ")
            .bind(today)
            .push(")")
            .push(PENALTY_SELECT_TAIL)
            .push("p.id = ")
            .bind(id);
        let rows = self.fetch_json_of(&sql, PENALTY_FIELDS).await?;
        Ok(rows.into_iter().next())
    }

    /// Licence `id` in any state, published `today` if it is not yet.
    #[tracing::instrument(skip_all)]
    pub async fn licence_preview(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> StoreResult<Option<LicenceRow>> {
        let mut sql = Sql::new(LICENCE_SELECT_HEAD);
        sql.push("COALESCE(l.published_on, ")
            .bind(today)
            .push(")")
            .push(LICENCE_SELECT_TAIL)
            .push("l.id = ")
            .bind(id);
        let rows = self.fetch_json_of(&sql, LICENCE_FIELDS).await?;
        Ok(rows.into_iter().next())
    }

    /// Serious-breach entry `id` in any state.
    #[tracing::instrument(skip_all)]
    pub async fn listing_preview(&self, id: i64) -> StoreResult<Option<ListingRow>> {
        let mut sql = Sql::new(LISTING_SELECT);
        sql.push("e.id = ").bind(id);
        let rows = self.fetch_json_of(&sql, LISTING_FIELDS).await?;
        Ok(rows.into_iter().next())
    }

    /// Commitment `id` in any state.
    #[tracing::instrument(skip_all)]
    pub async fn commitment_preview(&self, id: i64) -> StoreResult<Option<CommitmentRow>> {
        let mut sql = Sql::new(COMMITMENT_SELECT);
        sql.push("c.id = ").bind(id);
        let rows = self.fetch_json_of(&sql, COMMITMENT_FIELDS).await?;
        Ok(rows.into_iter().next())
    }

    /// The commitment a fulfilment entry belongs to.
    #[tracing::instrument(skip_all)]
    pub async fn commitment_of_fulfilment(&self, fulfilment_id: i64) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT commitment_id FROM commitment_fulfilments WHERE id = $1"
        )
        .bind(fulfilment_id)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|(id,)| id))
    }

    /// The entry an early removal takes off the list.
    #[tracing::instrument(skip_all)]
    pub async fn entry_of_removal(&self, removal_id: i64) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT entry_id FROM listing_removals WHERE id = $1"
        )
        .bind(removal_id)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|(id,)| id))
    }

    #[tracing::instrument(skip_all)]
    pub async fn record_preview(&self, record_id: i64) -> StoreResult<Option<RecordPreviewRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT title, category, route, publish_from, publish_until FROM credit_records WHERE id = $1"
        )
        .bind(record_id)
        .fetch_optional(pool)
        .await
        })?)
    }

    /// The other records of the subject of record `record_id` that review has let in (in effect,
    /// exempted, repaired or revoked), newest first; who may see which is the caller's to decide.
    #[tracing::instrument(skip_all)]
    pub async fn subject_records(&self, record_id: i64) -> StoreResult<Vec<SubjectRecordRow>> {
        let sql = format!(
            "SELECT r.id, r.title, r.category, r.status, r.route, r.publish_from, r.publish_until,
                    r.decided_on, r.reporting_org_id, o.name AS reported_by
             FROM credit_records this
             JOIN credit_records r ON r.id <> this.id
                AND ((this.person_id IS NOT NULL AND r.person_id = this.person_id)
                  OR (this.organisation_id IS NOT NULL AND r.organisation_id = this.organisation_id))
             JOIN organisations o ON o.id = r.reporting_org_id
             WHERE this.id = $1 AND r.status NOT IN ('pending', 'returned')
             ORDER BY r.decided_on DESC, r.id DESC LIMIT {SUBJECT_RECORDS_READ}"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(record_id)
        .fetch_all(pool)
        .await)?)
    }
}
