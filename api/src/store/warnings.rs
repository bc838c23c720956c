//! What may turn into a government breach soon, for the warning list (预警).

use super::{Store, StoreResult, on_pool};
use chrono::NaiveDate;

/// A candidate warning as stored: the body, what it is about and its deadline, or for an
/// unpublished decision the day it was decided (the limit is counted in working days).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WarningRow {
    pub body_id: i64,
    pub body_name: String,
    pub body_uscc: String,
    pub kind: String,
    pub reference: String,
    pub title: String,
    pub due: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
}

impl Store {
    /// The open items of government bodies (of `body`, or of all) whose deadline falls by
    /// `horizon`, and their decisions unpublished since `decided_since`; the rule of which to warn
    /// of is the caller's ([`crate::domain::warnings`]).
    #[tracing::instrument(skip_all)]
    pub async fn warning_candidates(
        &self,
        body: Option<i64>,
        horizon: NaiveDate,
        decided_since: NaiveDate,
    ) -> StoreResult<Vec<WarningRow>> {
        let sql = "SELECT o.id AS body_id, o.name AS body_name, o.uscc AS body_uscc, w.kind, w.reference, w.title, w.due, w.decided_on
             FROM (
                 SELECT organisation_id AS org, 'commitment_due' AS kind, CAST(id AS TEXT) AS reference, content AS title,
                        due_on AS due, CAST(NULL AS DATE) AS decided_on
                 FROM commitments
                 WHERE subject_kind = 'organisation' AND status = 'in_progress' AND review_status = 'effective'
                   AND due_on IS NOT NULL AND due_on <= $1
                 UNION ALL
                 SELECT department_org_id, 'objection_due', ticket_no, '异议 ' || ticket_no,
                        CASE WHEN status = 'submitted' THEN accept_due ELSE reply_due END, CAST(NULL AS DATE)
                 FROM objections WHERE status IN ('submitted', 'accepted')
                 UNION ALL
                 SELECT department_org_id, 'repair_due', ticket_no, '信用修复 ' || ticket_no,
                        CASE WHEN status = 'submitted' THEN accept_due ELSE result_due END, CAST(NULL AS DATE)
                 FROM repairs WHERE status IN ('submitted', 'accepted')
                 UNION ALL
                 SELECT d.id, 'publication_due', p.cf_wsh, '行政处罚 ' || p.cf_wsh, CAST(NULL AS DATE), p.cf_jdrq
                 FROM penalties p JOIN organisations d ON d.uscc = p.cf_cfjgdm
                 WHERE p.published_on IS NULL AND p.status IN ('pending', 'returned') AND p.cf_jdrq >= $2
                 UNION ALL
                 SELECT d.id, 'publication_due', l.xk_wsh, '行政许可 ' || l.xk_wsh, CAST(NULL AS DATE), l.xk_jdrq
                 FROM licences l JOIN organisations d ON d.uscc = l.xk_xkjgdm
                 WHERE l.published_on IS NULL AND l.status IN ('pending', 'returned') AND l.xk_jdrq >= $2
                 UNION ALL
                 SELECT body_org_id, 'rectification_due', ticket_no, '政务失信整改 ' || ticket_no, report_due, CAST(NULL AS DATE)
                 FROM rectifications WHERE status = 'awaiting_report'
             ) w JOIN organisations o ON o.id = w.org
             WHERE o.kind = 'government_body' AND ($3 < 0 OR o.id = $3)
             ORDER BY o.id";
        Ok(on_pool!(self, |pool| sqlx::query_as(sql)
            .bind(horizon)
            .bind(decided_since)
            .bind(body.unwrap_or(-1))
            .fetch_all(pool)
            .await)?)
    }
}
