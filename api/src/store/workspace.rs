//! What waits on a member of staff's workspace (工作台): how many items of each kind, the nearest
//! deadline or the oldest item. Counts and dates only, nothing about any person.

use super::query::{Arg, Sql};
use super::{Store, StoreResult};
use chengxin_types::SubmissionStatus;
use chrono::{DateTime, NaiveDate, Utc};

/// How many items wait, with the nearest deadline among them and the oldest of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Waiting {
    pub n: i64,
    pub nearest: Option<NaiveDate>,
    pub oldest: Option<DateTime<Utc>>,
}

/// Open cases (submitted or accepted) of a case table whose next deadline is `accept_due` until
/// accepted and `then_due` after.
fn open_cases(table: &str, then_due: &str, filter: &str) -> String {
    format!(
        "SELECT COUNT(*) AS n,
                MIN(CASE WHEN status = 'submitted' THEN accept_due ELSE {then_due} END) AS nearest,
                MIN(filed_at) AS oldest
         FROM {table} WHERE status IN ('submitted', 'accepted'){filter}"
    )
}

impl Store {
    async fn waiting(&self, sql: &Sql) -> StoreResult<Waiting> {
        Ok(self
            .fetch_all_of::<Waiting>(sql)
            .await?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    /// The department's submissions in `status`, leaving out `except_by`'s own (a reviewer
    /// cannot decide those).
    #[tracing::instrument(skip_all)]
    pub async fn waiting_submissions(
        &self,
        department: i64,
        status: SubmissionStatus,
        except_by: Option<i64>,
    ) -> StoreResult<Waiting> {
        let mut sql = Sql::new(
            "SELECT COUNT(*) AS n, CAST(NULL AS DATE) AS nearest, MIN(submitted_at) AS oldest
             FROM submissions WHERE ",
        );
        sql.push("department_org_id = ")
            .bind(Arg::Int(department))
            .push(" AND status = ")
            .bind(Arg::Text(status.code().to_string()));
        sql.and_bind("submitted_by <> ", except_by.map(Arg::Int), "");
        self.waiting(&sql).await
    }

    /// The department's open objections and repair applications.
    #[tracing::instrument(skip_all)]
    pub async fn waiting_cases(&self, department: i64) -> StoreResult<(Waiting, Waiting)> {
        let objections = Sql::new(&open_cases(
            "objections",
            "reply_due",
            " AND department_org_id = $1",
        ))
        .with(Arg::Int(department));
        let repairs = Sql::new(&open_cases(
            "repairs",
            "result_due",
            " AND department_org_id = $1",
        ))
        .with(Arg::Int(department));
        Ok((
            self.waiting(&objections).await?,
            self.waiting(&repairs).await?,
        ))
    }

    /// Open complaints about government bodies, for the credit office.
    #[tracing::instrument(skip_all)]
    pub async fn waiting_complaints(&self) -> StoreResult<Waiting> {
        self.waiting(&Sql::new(&open_cases("complaints", "result_due", "")))
            .await
    }

    /// Rectification cases waiting for the credit office (a deadline to set, a report to review,
    /// an overdue case to escalate), or for `body` (its report).
    #[tracing::instrument(skip_all)]
    pub async fn waiting_rectifications(
        &self,
        body: Option<i64>,
        today: NaiveDate,
    ) -> StoreResult<Waiting> {
        let sql = match body {
            None => Sql::new(
                "SELECT COUNT(*) AS n,
                        MIN(CASE WHEN status = 'opened' THEN assign_due WHEN status = 'awaiting_report' THEN report_due END) AS nearest,
                        MIN(opened_at) AS oldest
                 FROM rectifications
                 WHERE status IN ('opened', 'report_submitted') OR (status = 'awaiting_report' AND report_due < $1)",
            )
            .with(today),
            Some(body) => Sql::new(
                "SELECT COUNT(*) AS n, MIN(report_due) AS nearest, MIN(opened_at) AS oldest
                 FROM rectifications WHERE status = 'awaiting_report' AND body_org_id = $1",
            )
            .with(body),
        };
        self.waiting(&sql).await
    }
}
