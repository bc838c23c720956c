//! What objections and repair applications share: their steps and their evidence files.

use super::{Store, StoreResult, on_pool};
use chrono::{DateTime, Utc};

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

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseEventRow {
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub note: String,
    pub status_after: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EvidenceRow {
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

impl Store {
    pub async fn case_events(
        &self,
        kind: CaseKind,
        case_id: i64,
    ) -> StoreResult<Vec<CaseEventRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT occurred_at, action, note, status_after FROM case_events
             WHERE case_kind = $1 AND case_id = $2 ORDER BY id"
        )
        .bind(kind.code())
        .bind(case_id)
        .fetch_all(pool)
        .await)?)
    }

    pub async fn case_evidence(
        &self,
        kind: CaseKind,
        case_id: i64,
    ) -> StoreResult<Vec<EvidenceRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT file_name, media_type, size_bytes, sha256 FROM case_evidence
             WHERE case_kind = $1 AND case_id = $2 ORDER BY id"
        )
        .bind(kind.code())
        .bind(case_id)
        .fetch_all(pool)
        .await)?)
    }
}
