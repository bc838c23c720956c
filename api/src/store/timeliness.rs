//! 双公示 timeliness: how many working days each deciding body took from decision to publication.
//! The database groups decisions by body and by (decision date, publication date); the working
//! days of each pair come from the holiday calendar, which the database does not have.

use super::{Store, StoreResult, on_pool};
use chrono::NaiveDate;

/// Decisions of one body decided on one day and published on one day (or not yet).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicationGroup {
    /// `penalty` or `licence`.
    pub kind: String,
    pub body_code: String,
    pub body_name: String,
    pub decided_on: NaiveDate,
    /// The day the decisions were first public, if they were.
    pub published_on: Option<NaiveDate>,
    pub n: i64,
}

impl Store {
    /// The groups of one deciding body (by its code), or of every body; of the decisions made
    /// between the two days of `decided` (inclusive) when it is given.
    #[tracing::instrument(skip_all)]
    pub async fn publication_groups(
        &self,
        body_code: Option<&str>,
        decided: Option<(NaiveDate, NaiveDate)>,
    ) -> StoreResult<Vec<PublicationGroup>> {
        let (penalty_body, licence_body) = if body_code.is_some() {
            (" AND cf_cfjgdm = $1", " AND xk_xkjgdm = $1")
        } else {
            (" AND $1 IS NULL", " AND $1 IS NULL")
        };
        let (penalty_days, licence_days) = if decided.is_some() {
            (
                " AND cf_jdrq >= $2 AND cf_jdrq <= $3",
                " AND xk_jdrq >= $2 AND xk_jdrq <= $3",
            )
        } else {
            (
                " AND $2 IS NULL AND $3 IS NULL",
                " AND $2 IS NULL AND $3 IS NULL",
            )
        };
        let (from, to) = (decided.map(|d| d.0), decided.map(|d| d.1));
        // Every decision counts, whatever happened to it before publication (returned and sent
        // again, exempted): timeliness runs from the decision to the day it was first public.
        let sql = format!(
            "SELECT CAST('penalty' AS TEXT) AS kind, cf_cfjgdm AS body_code, MIN(cf_cfjg) AS body_name, cf_jdrq AS decided_on,
                    published_on, CAST(COUNT(*) AS BIGINT) AS n
             FROM penalties WHERE 1 = 1{penalty_body}{penalty_days}
             GROUP BY cf_cfjgdm, cf_jdrq, published_on
             UNION ALL
             SELECT CAST('licence' AS TEXT), xk_xkjgdm, MIN(xk_xkjg), xk_jdrq, published_on, CAST(COUNT(*) AS BIGINT)
             FROM licences WHERE 1 = 1{licence_body}{licence_days}
             GROUP BY xk_xkjgdm, xk_jdrq, published_on"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(body_code)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)?)
    }
}
