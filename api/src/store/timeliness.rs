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
    /// The groups of one deciding body (by its code), or of every body.
    #[tracing::instrument(skip_all)]
    pub async fn publication_groups(
        &self,
        body_code: Option<&str>,
    ) -> StoreResult<Vec<PublicationGroup>> {
        let (penalty_body, licence_body) = if body_code.is_some() {
            (" AND cf_cfjgdm = $1", " AND xk_xkjgdm = $1")
        } else {
            (" AND $1 IS NULL", " AND $1 IS NULL")
        };
        // Every decision counts, whatever happened to it before publication (returned and sent
        // again, exempted): timeliness runs from the decision to the day it was first public.
        let sql = format!(
            "SELECT CAST('penalty' AS TEXT) AS kind, cf_cfjgdm AS body_code, MIN(cf_cfjg) AS body_name, cf_jdrq AS decided_on,
                    published_on, CAST(COUNT(*) AS BIGINT) AS n
             FROM penalties WHERE 1 = 1{penalty_body}
             GROUP BY cf_cfjgdm, cf_jdrq, published_on
             UNION ALL
             SELECT CAST('licence' AS TEXT), xk_xkjgdm, MIN(xk_xkjg), xk_jdrq, published_on, CAST(COUNT(*) AS BIGINT)
             FROM licences WHERE 1 = 1{licence_body}
             GROUP BY xk_xkjgdm, xk_jdrq, published_on"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(body_code)
        .fetch_all(pool)
        .await)?)
    }
}
