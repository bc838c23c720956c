//! The holiday calendar in the database: shipped national data plus what the credit office adds.

use super::exec::Conn;
use super::{AuditEvent, Store, StoreResult, on_pool};
use crate::domain::WorkCalendar;
use crate::domain::calendar::{DayKind, SpecialDay};
use chrono::NaiveDate;

impl Store {
    /// Adds or replaces days; `source` says where they came from (`shipped`, `import`, …).
    /// Shipped data never overwrites a day that was set otherwise.
    #[tracing::instrument(skip_all)]
    pub async fn upsert_calendar_days(&self, days: &[SpecialDay], source: &str) -> StoreResult<()> {
        self.upsert_calendar_days_audited(days, source, None).await
    }

    /// [`Store::upsert_calendar_days`] with the audit event of the change in the same transaction.
    #[tracing::instrument(skip_all)]
    pub async fn upsert_calendar_days_audited(
        &self,
        days: &[SpecialDay],
        source: &str,
        event: Option<&AuditEvent>,
    ) -> StoreResult<()> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for day in days {
                sqlx::query(
                    "INSERT INTO holidays (day, kind, name, source) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = excluded.source
                     WHERE holidays.source = 'shipped' OR excluded.source <> 'shipped'",
                )
                .bind(day.date)
                .bind(day.kind.code())
                .bind(&day.name)
                .bind(source)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(event) = event {
                super::audit::append_audit(&mut Conn::from(&mut *tx), event).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The listed days from `from` (inclusive) to `until` (exclusive): day, kind, name, source.
    #[tracing::instrument(skip_all)]
    pub async fn calendar_days_between(
        &self,
        from: NaiveDate,
        until: NaiveDate,
    ) -> StoreResult<Vec<(NaiveDate, String, String, String)>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT day, kind, name, source FROM holidays WHERE day >= $1 AND day < $2 ORDER BY day"
        )
        .bind(from)
        .bind(until)
        .fetch_all(pool)
        .await)?)
    }

    /// The working-day calendar as the database holds it.
    #[tracing::instrument(skip_all)]
    pub async fn work_calendar(&self) -> StoreResult<WorkCalendar> {
        let rows: Vec<(NaiveDate, String, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT day, kind, name FROM holidays ORDER BY day"
        )
        .fetch_all(pool)
        .await)?;
        Ok(WorkCalendar::from_days(rows.into_iter().filter_map(
            |(date, kind, name)| {
                DayKind::from_code(&kind).map(|kind| SpecialDay { date, kind, name })
            },
        )))
    }
}
