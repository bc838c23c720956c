//! Storage: one [`Store`] over SQLite (the embedded default) or PostgreSQL (production).
//!
//! Each backend keeps its native types (no `Any` driver), its own migrations folder with the same
//! version numbers, and runtime queries (`query_as` + `FromRow`), so the build needs no database.
//! Where the SQL text is the same on both backends (SQLite accepts `$1` placeholders) it is written
//! once and run on either pool through [`on_pool!`]; where it differs, a method matches on the pool.

mod accounts;
mod api_keys;
mod audit;
pub(crate) mod bigrams;
mod calendar;
mod cases;
mod catalogue;
mod complaints;
mod disclosure;
mod evaluation;
pub(crate) mod exchange;
pub(crate) mod exec;
mod grants;
mod intake;
mod masking;
mod model;
mod objections;
pub(crate) mod outbox;
mod oversight;
mod persons;
mod preview;
pub mod public;
pub(crate) mod query;
mod reads;
mod rectifications;
mod repairs;
mod review;
pub(crate) mod rulebooks;
mod timeliness;
mod warnings;
mod workspace;
mod writes;

pub use accounts::{AccountRow, NewAccount, RefreshOutcome, parse_roles};
pub use api_keys::ApiKeyRow;
pub use audit::{AuditEvent, ChainCheck};
pub use cases::{CaseEventRow, CaseKind, CasePage, CaseState, EvidenceRow, NewEvidence};
pub use complaints::{CaseCounts, ComplaintRow, NewComplaintCase};
pub use disclosure::StoredFacts;
pub use evaluation::{EvaluationRow, ManualScores, Publication};
pub use exchange::{LicenceChange, ListingChange, PenaltyChange};
pub use grants::{AccessRow, GrantRow, NewAccess, NewGrant, parse_categories};
pub use intake::{Checked, CheckedRow, ImportTally, MAX_REPORTED_ERRORS, NewBatch};
pub use model::*;
pub use objections::{
    CaseStep, Correction, NewObjectionCase, ObjectionRow, RecordChange, RecordForObjection,
};
pub use outbox::OutboxRow;
pub use oversight::{AccessLogFilter, AuditedAccessRow};
pub use persons::{AppointmentRow, PersonRecordRow, PersonRow, RecordVersionRow, ScoringRow};
pub use preview::{RecordPreviewRow, SentRow, SubjectRecordRow};
pub use rectifications::{
    ConsequenceRow, FindingRecord, NewConsequenceRow, PublicRectificationRow, RectificationChange,
    RectificationCounts, RectificationHistory, RectificationRow, RectificationStepRow,
};
pub use repairs::{NewRepairCase, RepairCaseStep, RepairRow};
pub use review::{BatchRow, Decision, ReviewScope, SubmissionFilter, SubmissionRow};
pub use rulebooks::RulebookRow;
pub use timeliness::PublicationGroup;
pub use warnings::WarningRow;
pub use workspace::Waiting;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, PgConnection, PgPool, SqlitePool};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Runs the same expression on whichever pool the store has. The expression is type-checked once
/// per backend, so shared SQL stays shared while each side keeps its native types.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

impl DatabaseKind {
    pub fn of_url(url: &str) -> Result<DatabaseKind, String> {
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("sqlite") => Ok(DatabaseKind::Sqlite),
            Some("postgres" | "postgresql") => Ok(DatabaseKind::Postgres),
            _ => Err(format!(
                "“{}” is not a database URL: it must start with sqlite:// or postgres://",
                redact(url)
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DatabaseKind::Sqlite => "sqlite",
            DatabaseKind::Postgres => "postgres",
        }
    }
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database behind the server. Cheap to clone: it holds a connection pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    /// On SQLite, a count of committed write transactions (see [`Store::write_generation`]).
    commits: Option<Arc<AtomicU64>>,
    piece_counts: bigrams::PieceCounts,
}

/// Storage failures, classified so the HTTP edge can answer them properly.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint was violated: the thing exists already.
    #[error("duplicate")]
    Duplicate,
    /// The database cannot be reached or is overloaded.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            // SQLite does not report constraint names reliably: detect the kind, not the name.
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate,
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_) => StoreError::Unavailable(error),
            _ => StoreError::Other(anyhow::Error::new(error)),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

impl Store {
    /// Connects to the database at `url`. SQLite files are created on first use (with their
    /// folder), in WAL mode with full fsync, so an acknowledged write survives a power cut.
    #[tracing::instrument(skip_all)]
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        let mut commits = None;
        let pool = match DatabaseKind::of_url(url).map_err(anyhow::Error::msg)? {
            DatabaseKind::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .with_context(|| format!("cannot read the SQLite URL “{url}”"))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                if let Some(dir) = options
                    .get_filename()
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("cannot create the database folder {}", dir.display())
                    })?;
                }
                let counter = Arc::new(AtomicU64::new(0));
                let on_commit = counter.clone();
                let pool = SqlitePoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .after_connect(move |conn, _| {
                        let on_commit = on_commit.clone();
                        Box::pin(async move {
                            conn.lock_handle().await?.set_commit_hook(move || {
                                on_commit.fetch_add(1, Ordering::AcqRel);
                                true
                            });
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
                    .with_context(|| format!("cannot open the SQLite database “{url}”"))?;
                commits = Some(counter);
                Pool::Sqlite(pool)
            }
            DatabaseKind::Postgres => {
                let options = PgConnectOptions::from_str(url)
                    .with_context(|| format!("cannot read the PostgreSQL URL “{}”", redact(url)))?;
                // One direct connection first: a pool only reports "timed out", this names the cause
                // (refused, unknown host, authentication, missing database).
                let probe = tokio::time::timeout(
                    Duration::from_secs(5),
                    PgConnection::connect_with(&options),
                )
                .await
                .map_err(|_| anyhow::anyhow!("no answer within 5 seconds"))
                .and_then(|r| r.map_err(anyhow::Error::new))
                .with_context(|| format!("cannot connect to PostgreSQL at “{}”", redact(url)))?;
                probe.close().await.ok();
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await
                    .with_context(|| {
                        format!("cannot connect to PostgreSQL at “{}”", redact(url))
                    })?;
                Pool::Postgres(pool)
            }
        };
        Ok(Store {
            pool,
            commits,
            piece_counts: bigrams::PieceCounts::new(),
        })
    }

    /// A number that changes whenever a write transaction commits, for caches of what the
    /// database says: counted by a commit hook on every connection, so no write path can forget
    /// it. Only on SQLite, where this server is the only writer; with PostgreSQL, other servers
    /// may write to the same database unseen, so there is none. The hook runs just before the
    /// commit completes: a read running at that moment may still see the old data under the new
    /// number, which is why caches built on it also expire by time.
    pub fn write_generation(&self) -> Option<u64> {
        self.commits.as_ref().map(|c| c.load(Ordering::Acquire))
    }

    pub fn kind(&self) -> DatabaseKind {
        match self.pool {
            Pool::Sqlite(_) => DatabaseKind::Sqlite,
            Pool::Postgres(_) => DatabaseKind::Postgres,
        }
    }

    /// Applies the migrations of this backend that have not run yet; a no-op when up to date.
    /// On SQLite it then lets the planner refresh statistics where they are stale.
    #[tracing::instrument(skip_all)]
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match &self.pool {
            Pool::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Pool::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
        .context("database migration failed")?;
        if let Pool::Sqlite(pool) = &self.pool {
            // 0x10002: analyse tables whose statistics are missing or stale, bounded in time.
            sqlx::query("PRAGMA optimize=0x10002")
                .execute(pool)
                .await
                .context("PRAGMA optimize failed")?;
        }
        Ok(())
    }

    /// Refreshes the planner's statistics after bulk writes (gen-data, imports).
    #[tracing::instrument(skip_all)]
    pub async fn analyze(&self) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query("ANALYZE")
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// A round trip to the database, for readiness checks.
    #[tracing::instrument(skip_all)]
    pub async fn ping(&self) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    pub fn is_closed(&self) -> bool {
        on_pool!(self, |pool| pool.is_closed())
    }

    #[tracing::instrument(skip_all)]
    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }
}

impl Store {
    /// Runs one administrative statement (e.g. `CREATE DATABASE` for test isolation). Never
    /// reachable from a request: only tools and tests call it.
    #[tracing::instrument(skip_all)]
    pub async fn execute_admin(&self, statement: &str) -> StoreResult<()> {
        let statement = sqlx::AssertSqlSafe(statement.to_string());
        on_pool!(self, |pool| sqlx::raw_sql(statement)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_kind_from_url() {
        assert_eq!(
            DatabaseKind::of_url("sqlite://data/x.db"),
            Ok(DatabaseKind::Sqlite)
        );
        assert_eq!(
            DatabaseKind::of_url("postgres://u@h/db"),
            Ok(DatabaseKind::Postgres)
        );
        assert_eq!(
            DatabaseKind::of_url("postgresql://u@h/db"),
            Ok(DatabaseKind::Postgres)
        );
        assert!(DatabaseKind::of_url("mysql://h/db").is_err());
        assert!(DatabaseKind::of_url("data/x.db").is_err());
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/chengxin"),
            "postgres://app:***@db:5432/chengxin"
        );
        let error = DatabaseKind::of_url("mssql://app:s3cret@db/x").expect_err("unsupported");
        assert!(!error.contains("s3cret"), "{error}");
    }
}
