//! The auditor's view of the access log: every read of anyone's non-public records, filtered by
//! whose records, which department read them, why and when.

use super::query::like_pattern;
use super::{Store, StoreResult, on_pool};
use chengxin_types::AccessChannel;
use chrono::{DateTime, Utc};

/// What the auditor narrows the access log to; `None` everywhere is the whole log.
#[derive(Debug, Clone, Default)]
pub struct AccessLogFilter {
    /// The exact name of the person whose records were read.
    pub subject_name: Option<String>,
    /// The visible end of that person's ID number.
    pub subject_id_tail: Option<String>,
    /// The USCC of the reader's department.
    pub department_uscc: Option<String>,
    /// Words of the stated purpose.
    pub purpose: Option<String>,
    pub channel: Option<AccessChannel>,
    /// From this instant on.
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditedAccessRow {
    pub id: i64,
    pub person_id: i64,
    pub accessed_at: DateTime<Utc>,
    pub channel: AccessChannel,
    pub subject_name: String,
    pub subject_id_masked: String,
    pub accessor_name: String,
    pub accessor_department: Option<String>,
    pub purpose: String,
    pub categories: String,
    pub record_count: i64,
}

impl Store {
    /// Up to `limit` entries of the access log matching `filter` with an id below `before`,
    /// newest first.
    #[tracing::instrument(skip_all)]
    pub async fn audited_access_log(
        &self,
        filter: &AccessLogFilter,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<AuditedAccessRow>> {
        let tail = filter.subject_id_tail.as_ref().map(|t| format!("%{t}"));
        let purpose = filter.purpose.as_deref().map(like_pattern);
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT l.id, l.person_id, l.accessed_at, l.channel, p.name AS subject_name, p.id_masked AS subject_id_masked,
                        l.accessor_name, o.name AS accessor_department, l.purpose, l.categories,
                        CAST(l.record_count AS BIGINT) AS record_count
                 FROM access_log l
                 JOIN persons p ON p.id = l.person_id
                 LEFT JOIN organisations o ON o.id = l.accessor_org_id
                 WHERE l.id < $1
                   AND ($2 IS NULL OR p.name = $2)
                   AND ($3 IS NULL OR p.id_masked LIKE $3)
                   AND ($4 IS NULL OR o.uscc = $4)
                   AND ($5 IS NULL OR l.purpose LIKE $5 ESCAPE '\\')
                   AND ($6 IS NULL OR l.channel = $6)
                   AND ($7 IS NULL OR l.accessed_at >= $7)
                   AND ($8 IS NULL OR l.accessed_at < $8)
                 ORDER BY l.id DESC LIMIT $9",
            )
            .bind(before.unwrap_or(i64::MAX))
            .bind(filter.subject_name.as_deref())
            .bind(tail.as_deref())
            .bind(filter.department_uscc.as_deref())
            .bind(purpose.as_deref())
            .bind(filter.channel.map(|c| c.code()))
            .bind(filter.from)
            .bind(filter.until)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
        })?)
    }
}
