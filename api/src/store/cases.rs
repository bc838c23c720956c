//! What every kind of case shares in the store: its steps, its evidence files, its notifications
//! and the pages of its lists.

use super::exec::{Conn, EitherRow};
use super::query::Sql;
use super::{Store, StoreResult, on_pool};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// Which kind of case a step or a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    Objection,
    Repair,
    Complaint,
    Rectification,
}

impl CaseKind {
    pub fn code(self) -> &'static str {
        match self {
            CaseKind::Objection => "objection",
            CaseKind::Repair => "repair",
            CaseKind::Complaint => "complaint",
            CaseKind::Rectification => "rectification",
        }
    }

    /// The statuses of an open case of this kind, as SQL text for an `IN (…)`.
    fn open_statuses(self) -> &'static str {
        match self {
            CaseKind::Objection | CaseKind::Repair | CaseKind::Complaint => {
                "'submitted', 'accepted'"
            }
            CaseKind::Rectification => "'opened', 'awaiting_report', 'report_submitted'",
        }
    }
}

/// How the store reads the cases of one kind: the `SELECT` list with the joins its rows need,
/// the case table aliased as `alias`, and the columns that name the filer's account and the
/// handling department, where the kind has them.
pub(crate) struct CaseTable {
    pub kind: CaseKind,
    pub columns: &'static str,
    pub alias: &'static str,
    pub filer_account: Option<&'static str>,
    pub department: Option<&'static str>,
}

/// A column that names one case.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CaseKey {
    TicketNo,
    IdempotencyKey,
}

/// Whose cases a page lists.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CaseOwner {
    /// The cases an account filed.
    Filer(i64),
    /// The cases a department handles.
    Department(i64),
}

/// An evidence file already written to disk.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub stored_path: String,
}

/// Which cases a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseState {
    Open,
    Closed,
    All,
}

/// One page of a case list. Open cases come oldest first (the order their deadlines fall due);
/// closed and all cases newest first. The cursor is the id of the last case shown.
#[derive(Debug, Clone, Copy)]
pub struct CasePage {
    pub state: CaseState,
    pub after: Option<i64>,
    pub limit: u32,
}

impl CasePage {
    /// What follows a `WHERE` condition on the case table `alias`: the state, the keyset, the
    /// order and `limit + 1` rows (the extra one says whether another page follows). Only numbers
    /// are put into the text.
    pub(crate) fn sql_tail(&self, kind: CaseKind, alias: &str) -> String {
        let open = kind.open_statuses();
        let state = match self.state {
            CaseState::Open => format!(" AND {alias}.status IN ({open})"),
            CaseState::Closed => format!(" AND {alias}.status NOT IN ({open})"),
            CaseState::All => String::new(),
        };
        let (after, order) = if self.state == CaseState::Open {
            (">", "ASC")
        } else {
            ("<", "DESC")
        };
        let keyset = self
            .after
            .map(|id| format!(" AND {alias}.id {after} {id}"))
            .unwrap_or_default();
        format!(
            "{state}{keyset} ORDER BY {alias}.id {order} LIMIT {}",
            u64::from(self.limit) + 1
        )
    }
}

/// A comma-separated list of ids for an `IN (…)`; only numbers, so safe to put into SQL text.
pub(crate) fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "NULL".to_string();
    }
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseEventRow {
    pub case_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub note: String,
    pub status_after: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EvidenceRow {
    pub case_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// Records a step of a case on `conn` (a transaction's): the step in its history and the
/// notifications of the filer and the handlers.
#[allow(clippy::too_many_arguments)] // one step's columns, named at every call
pub(crate) async fn record_step(
    conn: &mut Conn<'_>,
    kind: CaseKind,
    case_id: i64,
    at: DateTime<Utc>,
    action: &str,
    actor: &str,
    note: &str,
    status_after: &str,
    due: Option<NaiveDate>,
) -> StoreResult<()> {
    conn.execute(
        Sql::new(
            "INSERT INTO case_events (case_kind, case_id, occurred_at, action, actor, note, status_after, due)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .with(kind.code())
        .with(case_id)
        .with(at)
        .with(action)
        .with(actor)
        .with(note)
        .with(status_after)
        .with(due),
    )
    .await?;
    super::outbox::notify_case(conn, kind, case_id, at, action).await
}

/// Records the filing of a case on `conn`: its first step (due for acceptance on `accept_due`),
/// its evidence files and the notifications.
pub(crate) async fn record_filing(
    conn: &mut Conn<'_>,
    kind: CaseKind,
    case_id: i64,
    at: DateTime<Utc>,
    actor: &str,
    accept_due: NaiveDate,
    evidence: &[NewEvidence],
) -> StoreResult<()> {
    record_step(
        conn,
        kind,
        case_id,
        at,
        "filed",
        actor,
        "",
        "submitted",
        Some(accept_due),
    )
    .await?;
    record_evidence(conn, kind, case_id, evidence).await
}

/// Records the evidence files of a case on `conn` (a transaction's).
pub(crate) async fn record_evidence(
    conn: &mut Conn<'_>,
    kind: CaseKind,
    case_id: i64,
    evidence: &[NewEvidence],
) -> StoreResult<()> {
    for file in evidence {
        conn.execute(
            Sql::new(
                "INSERT INTO case_evidence (case_kind, case_id, file_name, media_type, size_bytes, sha256, stored_path)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .with(kind.code())
            .with(case_id)
            .with(&file.file_name)
            .with(&file.media_type)
            .with(file.size_bytes)
            .with(&file.sha256)
            .with(&file.stored_path),
        )
        .await?;
    }
    Ok(())
}

/// A row that belongs to one case.
trait OfCase {
    fn case_id(&self) -> i64;
}

impl OfCase for CaseEventRow {
    fn case_id(&self) -> i64 {
        self.case_id
    }
}

impl OfCase for EvidenceRow {
    fn case_id(&self) -> i64 {
        self.case_id
    }
}

fn by_case<R: OfCase>(rows: Vec<R>) -> HashMap<i64, Vec<R>> {
    let mut grouped: HashMap<i64, Vec<R>> = HashMap::new();
    for row in rows {
        grouped.entry(row.case_id()).or_default().push(row);
    }
    grouped
}

impl Store {
    /// The case of `table` whose `key` is `value`.
    #[tracing::instrument(skip_all)]
    pub(crate) async fn case_by<R: EitherRow>(
        &self,
        table: &CaseTable,
        key: CaseKey,
        value: &str,
    ) -> StoreResult<Option<R>> {
        let column = match key {
            CaseKey::TicketNo => "ticket_no",
            CaseKey::IdempotencyKey => "idempotency_key",
        };
        let sql = Sql::new(&format!(
            "SELECT {} WHERE {}.{column} = $1",
            table.columns, table.alias
        ))
        .with(value);
        Ok(self.fetch_all_of::<R>(&sql).await?.into_iter().next())
    }

    /// A page of the cases of `table` that `owner` filed or handles.
    #[tracing::instrument(skip_all)]
    pub(crate) async fn case_page<R: EitherRow>(
        &self,
        table: &CaseTable,
        owner: CaseOwner,
        page: &CasePage,
    ) -> StoreResult<Vec<R>> {
        let (column, id) = match owner {
            CaseOwner::Filer(id) => (table.filer_account, id),
            CaseOwner::Department(id) => (table.department, id),
        };
        let column = column.ok_or_else(|| {
            super::StoreError::Other(anyhow::anyhow!(
                "{} cases are not listed by {owner:?}",
                table.kind.code()
            ))
        })?;
        let mut sql = Sql::new(&format!(
            "SELECT {} WHERE {}.{column} = ",
            table.columns, table.alias
        ));
        sql.bind(id).push(&page.sql_tail(table.kind, table.alias));
        self.fetch_all_of(&sql).await
    }

    #[tracing::instrument(skip_all)]
    pub async fn case_events(
        &self,
        kind: CaseKind,
        case_id: i64,
    ) -> StoreResult<Vec<CaseEventRow>> {
        Ok(self
            .case_events_of(kind, &[case_id])
            .await?
            .remove(&case_id)
            .unwrap_or_default())
    }

    #[tracing::instrument(skip_all)]
    pub async fn case_evidence(
        &self,
        kind: CaseKind,
        case_id: i64,
    ) -> StoreResult<Vec<EvidenceRow>> {
        Ok(self
            .case_evidence_of(kind, &[case_id])
            .await?
            .remove(&case_id)
            .unwrap_or_default())
    }

    /// The steps of several cases in one query, by case id.
    #[tracing::instrument(skip_all)]
    pub async fn case_events_of(
        &self,
        kind: CaseKind,
        case_ids: &[i64],
    ) -> StoreResult<HashMap<i64, Vec<CaseEventRow>>> {
        let sql = format!(
            "SELECT case_id, occurred_at, action, note, status_after FROM case_events
             WHERE case_kind = $1 AND case_id IN ({}) ORDER BY id",
            id_list(case_ids)
        );
        let rows = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(kind.code())
        .fetch_all(pool)
        .await)?;
        Ok(by_case(rows))
    }

    /// One evidence file of a case by its content hash: name, media type, path under the data
    /// folder.
    #[tracing::instrument(skip_all)]
    pub async fn evidence_file(
        &self,
        kind: CaseKind,
        case_id: i64,
        sha256: &str,
    ) -> StoreResult<Option<(String, String, String)>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT file_name, media_type, stored_path FROM case_evidence
             WHERE case_kind = $1 AND case_id = $2 AND sha256 = $3 ORDER BY id LIMIT 1"
        )
        .bind(kind.code())
        .bind(case_id)
        .bind(sha256)
        .fetch_optional(pool)
        .await)?)
    }

    /// The evidence files of several cases in one query, by case id.
    #[tracing::instrument(skip_all)]
    pub async fn case_evidence_of(
        &self,
        kind: CaseKind,
        case_ids: &[i64],
    ) -> StoreResult<HashMap<i64, Vec<EvidenceRow>>> {
        let sql = format!(
            "SELECT case_id, file_name, media_type, size_bytes, sha256 FROM case_evidence
             WHERE case_kind = $1 AND case_id IN ({}) ORDER BY id",
            id_list(case_ids)
        );
        let rows = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(kind.code())
        .fetch_all(pool)
        .await)?;
        Ok(by_case(rows))
    }
}
