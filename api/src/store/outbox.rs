//! The outbox: notifications written in the same transaction as the step they report, so a step
//! is never announced without happening nor happens without being announced. A dispatcher hands
//! them to a sender and records the outcome.

use super::exec::Conn;
use super::query::Sql;
use super::{Store, StoreResult, on_pool};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

impl Store {
    /// Up to `limit` notifications due now, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn due_notifications(&self, limit: u32) -> StoreResult<Vec<OutboxRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, channel, recipient, subject, body, CAST(attempts AS BIGINT) AS attempts FROM outbox
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2"
        )
        .bind(Utc::now())
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        })?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn mark_notification_sent(&self, id: i64) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1 WHERE id = $2"
        )
        .bind(Utc::now())
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(())
    }

    /// Records a failed attempt: retried later with growing pauses, given up after `max_attempts`.
    #[tracing::instrument(skip_all)]
    pub async fn mark_notification_failed(
        &self,
        id: i64,
        attempts_so_far: i64,
        error: &str,
        max_attempts: i64,
    ) -> StoreResult<()> {
        let attempts = attempts_so_far + 1;
        let status = if attempts >= max_attempts {
            "failed"
        } else {
            "pending"
        };
        let pause = Duration::seconds(30 * (1i64 << attempts.min(10)));
        let next: DateTime<Utc> = Utc::now() + pause;
        on_pool!(self, |pool| {
            sqlx::query(
            "UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $5"
        )
        .bind(status)
        .bind(attempts)
        .bind(next)
        .bind(error)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
        })?;
        Ok(())
    }
}

impl Store {
    /// The e-mail addresses a recipient of the outbox stands for: `account:N` is that account;
    /// `org:N` the handlers of that department; `credit_office` the admins. Disabled accounts and
    /// accounts without an address are left out.
    #[tracing::instrument(skip_all)]
    pub async fn email_addresses_of(&self, recipient: &str) -> StoreResult<Vec<String>> {
        let (sql, id): (&'static str, i64) = if let Some(id) = recipient.strip_prefix("account:") {
            (
                "SELECT email FROM accounts WHERE id = $1 AND email IS NOT NULL AND disabled_at IS NULL",
                id.parse().unwrap_or(-1),
            )
        } else if let Some(id) = recipient.strip_prefix("org:") {
            (
                "SELECT email FROM accounts WHERE organisation_id = $1 AND email IS NOT NULL
                 AND disabled_at IS NULL AND (',' || roles || ',') LIKE '%,handler,%' ORDER BY id",
                id.parse().unwrap_or(-1),
            )
        } else if recipient == "credit_office" {
            (
                "SELECT email FROM accounts WHERE $1 = $1 AND email IS NOT NULL
                 AND disabled_at IS NULL AND (',' || roles || ',') LIKE '%,admin,%' ORDER BY id",
                0,
            )
        } else {
            return Ok(Vec::new());
        };
        Ok(on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(id)
            .fetch_all(pool)
            .await)?)
    }
}

/// The statements that queue a case's notifications: one to whoever filed it (by phone, or to
/// their account), one to whoever handles it. `$1` the time, `$2` the subject (the ticket number
/// is appended), `$3` the text, `$4` the case id.
pub(crate) fn case_notification_sql(kind: super::CaseKind) -> [&'static str; 2] {
    match kind {
        super::CaseKind::Objection => [
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, CASE WHEN filer_phone IS NULL THEN 'account' ELSE 'sms' END,
                    COALESCE(filer_phone, 'account:' || CAST(filer_account_id AS TEXT)), $2 || ticket_no, $3, 'pending', 0, $1
             FROM objections WHERE id = $4 AND (filer_phone IS NOT NULL OR filer_account_id IS NOT NULL)",
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, 'department', 'org:' || CAST(department_org_id AS TEXT), $2 || ticket_no, $3, 'pending', 0, $1
             FROM objections WHERE id = $4",
        ],
        super::CaseKind::Repair => [
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, CASE WHEN applicant_phone IS NULL THEN 'account' ELSE 'sms' END,
                    COALESCE(applicant_phone, 'account:' || CAST(applicant_account_id AS TEXT)), $2 || ticket_no, $3, 'pending', 0, $1
             FROM repairs WHERE id = $4 AND (applicant_phone IS NOT NULL OR applicant_account_id IS NOT NULL)",
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, 'department', 'org:' || CAST(department_org_id AS TEXT), $2 || ticket_no, $3, 'pending', 0, $1
             FROM repairs WHERE id = $4",
        ],
        super::CaseKind::Complaint => [
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, 'sms', complainant_phone, $2 || ticket_no, $3, 'pending', 0, $1
             FROM complaints WHERE id = $4",
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, 'department', 'credit_office', $2 || ticket_no, $3, 'pending', 0, $1
             FROM complaints WHERE id = $4",
        ],
        // The body's staff who handle cases, and the credit office.
        super::CaseKind::Rectification => [
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, 'department', 'org:' || CAST(body_org_id AS TEXT), $2 || ticket_no, $3, 'pending', 0, $1
             FROM rectifications WHERE id = $4",
            "INSERT INTO outbox (created_at, channel, recipient, subject, body, status, attempts, next_attempt_at)
             SELECT $1, 'department', 'credit_office', $2 || ticket_no, $3, 'pending', 0, $1
             FROM rectifications WHERE id = $4",
        ],
    }
}

/// Queues both notifications of a case step on `conn` (a transaction's).
pub(crate) async fn notify_case(
    conn: &mut Conn<'_>,
    kind: super::CaseKind,
    case_id: i64,
    at: DateTime<Utc>,
    action: &str,
) -> StoreResult<()> {
    let (subject, text) = case_notification_text(kind, action);
    for sql in case_notification_sql(kind) {
        conn.execute(
            Sql::new(sql)
                .with(at)
                .with(&subject)
                .with(&text)
                .with(case_id),
        )
        .await?;
    }
    Ok(())
}

/// Subject prefix and text of the notification for a step, from the one table the workspace
/// also shows handlers ([`chengxin_types::filer_notice`]).
pub(crate) fn case_notification_text(kind: super::CaseKind, action: &str) -> (String, String) {
    let case = match kind {
        super::CaseKind::Objection => chengxin_types::NoticeCase::Objection,
        super::CaseKind::Repair => chengxin_types::NoticeCase::Repair,
        super::CaseKind::Complaint => chengxin_types::NoticeCase::Complaint,
        super::CaseKind::Rectification => chengxin_types::NoticeCase::Rectification,
    };
    chengxin_types::filer_notice(case, action)
}
