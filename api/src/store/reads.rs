//! Counts and simple reads that every part of the server needs.

use super::{Store, StoreResult, on_pool};
use chengxin_types::ArchiveStats;

#[derive(sqlx::FromRow)]
struct StatsRow {
    organisations: i64,
    government_bodies: i64,
    persons: i64,
    credit_records: i64,
    serious_breach_entries: i64,
    commitments: i64,
    penalties: i64,
    licences: i64,
}

impl Store {
    /// How much the archive holds.
    #[tracing::instrument(skip_all)]
    pub async fn stats(&self) -> StoreResult<ArchiveStats> {
        let row: StatsRow = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM organisations) AS organisations,
                    (SELECT COUNT(*) FROM organisations WHERE kind = 'government_body') AS government_bodies,
                    (SELECT COUNT(*) FROM persons) AS persons,
                    (SELECT COUNT(*) FROM credit_records) AS credit_records,
                    (SELECT COUNT(*) FROM serious_breach_entries) AS serious_breach_entries,
                    (SELECT COUNT(*) FROM commitments) AS commitments,
                    (SELECT COUNT(*) FROM penalties) AS penalties,
                    (SELECT COUNT(*) FROM licences) AS licences"
        )
        .fetch_one(pool)
        .await
        })?;
        Ok(ArchiveStats {
            organisations: row.organisations,
            government_bodies: row.government_bodies,
            persons: row.persons,
            credit_records: row.credit_records,
            serious_breach_entries: row.serious_breach_entries,
            commitments: row.commitments,
            penalties: row.penalties,
            licences: row.licences,
        })
    }

    /// Whether the archive holds no organisation yet (a fresh database).
    #[tracing::instrument(skip_all)]
    pub async fn is_empty(&self) -> StoreResult<bool> {
        let (any,): (bool,) = on_pool!(self, |pool| sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM organisations)"
        )
        .fetch_one(pool)
        .await)?;
        Ok(!any)
    }
}

impl Store {
    /// Government bodies as (id, name, USCC), in the order they were added.
    #[tracing::instrument(skip_all)]
    pub async fn government_bodies(&self) -> StoreResult<Vec<(i64, String, String)>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, name, uscc FROM organisations WHERE kind = 'government_body' ORDER BY id"
        )
        .fetch_all(pool)
        .await)?)
    }
}

impl Store {
    /// Rows of a single-text-column query, for tools that inspect what the database holds (tests use
    /// it to check that nothing sensitive is stored in clear). Never reachable from a request.
    #[tracing::instrument(skip_all)]
    pub async fn dump_text(&self, query: &str) -> StoreResult<Vec<String>> {
        let query = sqlx::AssertSqlSafe(query.to_string());
        let rows: Vec<(String,)> =
            on_pool!(self, |pool| sqlx::query_as(query).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(text,)| text).collect())
    }

    /// The sealed ID numbers of all persons, for checks that need the real values.
    #[tracing::instrument(skip_all)]
    pub async fn person_ciphers(&self) -> StoreResult<Vec<Vec<u8>>> {
        let rows: Vec<(Vec<u8>,)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id_cipher FROM persons ORDER BY id"
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().map(|(cipher,)| cipher).collect())
    }
}
