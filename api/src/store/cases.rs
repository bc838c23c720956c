//! What objections and repair applications share: their steps and their evidence files.

use super::{Store, StoreResult, on_pool};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Which kind of case a step or a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    Objection,
    Repair,
    Complaint,
}

impl CaseKind {
    pub fn code(self) -> &'static str {
        match self {
            CaseKind::Objection => "objection",
            CaseKind::Repair => "repair",
            CaseKind::Complaint => "complaint",
        }
    }
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
    pub(crate) fn sql_tail(&self, alias: &str) -> String {
        let state = match self.state {
            CaseState::Open => format!(" AND {alias}.status IN ('submitted', 'accepted')"),
            CaseState::Closed => format!(" AND {alias}.status NOT IN ('submitted', 'accepted')"),
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

/// Records a step of a case inside the transaction `$tx`.
macro_rules! insert_case_event {
    ($tx:expr, $kind:expr, $case_id:expr, $at:expr, $action:expr, $actor:expr, $note:expr, $status:expr, $due:expr) => {
        sqlx::query(
            "INSERT INTO case_events (case_kind, case_id, occurred_at, action, actor, note, status_after, due)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind($kind.code())
        .bind($case_id)
        .bind($at)
        .bind($action)
        .bind($actor)
        .bind($note)
        .bind($status)
        .bind($due)
        .execute(&mut *$tx)
        .await?
    };
}
pub(crate) use insert_case_event;

/// Records the evidence files of a case inside the transaction `$tx`.
macro_rules! insert_case_evidence {
    ($tx:expr, $kind:expr, $case_id:expr, $files:expr) => {
        for file in $files {
            sqlx::query(
                "INSERT INTO case_evidence (case_kind, case_id, file_name, media_type, size_bytes, sha256, stored_path)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind($kind.code())
            .bind($case_id)
            .bind(&file.file_name)
            .bind(&file.media_type)
            .bind(file.size_bytes)
            .bind(&file.sha256)
            .bind(&file.stored_path)
            .execute(&mut *$tx)
            .await?;
        }
    };
}
pub(crate) use insert_case_evidence;

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

    /// The evidence files of several cases in one query, by case id.
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
