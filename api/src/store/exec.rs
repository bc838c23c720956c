//! One way to run a statement on either backend: [`Conn`] is a connection of whichever database
//! the store has — usually a transaction's — and runs [`Sql`] (the text and its bound values) on
//! it; [`Tx`] owns a transaction. Store functions written over a `&mut Conn` are ordinary async
//! functions that rustfmt, the compiler's messages and readers can see into, for every statement
//! that is the same on both backends (SQLite accepts `$n` placeholders). Code that still holds a
//! driver's own transaction passes it as `&mut Conn::from(&mut *tx)`. Rows decode into types that
//! implement `FromRow` for both drivers ([`EitherRow`]).

use super::query::{Arg, Sql};
use super::{Pool, Store, StoreResult};
use sqlx::error::BoxDynError;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{
    Arguments, Database, Encode, FromRow, PgConnection, Postgres, Sqlite, SqliteConnection, Type,
};

/// A transaction on either backend. Dropped without [`Tx::commit`], it rolls back; code that
/// decides not to keep its changes says so with [`Tx::rollback`], which releases the locks at once.
pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// A connection of either backend, borrowed for a few statements.
pub(crate) enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl<'a> From<&'a mut SqliteConnection> for Conn<'a> {
    fn from(conn: &'a mut SqliteConnection) -> Self {
        Conn::Sqlite(conn)
    }
}

impl<'a> From<&'a mut PgConnection> for Conn<'a> {
    fn from(conn: &'a mut PgConnection) -> Self {
        Conn::Postgres(conn)
    }
}

/// A row type that decodes from either backend's rows.
pub(crate) trait EitherRow:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

impl<T> EitherRow for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// The bound values of a statement as one backend's arguments.
pub(crate) fn arguments<DB: Database>(args: Vec<Arg>) -> Result<DB::Arguments, BoxDynError>
where
    String: for<'t> Encode<'t, DB> + Type<DB>,
    i64: for<'t> Encode<'t, DB> + Type<DB>,
    chrono::NaiveDate: for<'t> Encode<'t, DB> + Type<DB>,
    chrono::DateTime<chrono::Utc>: for<'t> Encode<'t, DB> + Type<DB>,
    Option<String>: for<'t> Encode<'t, DB> + Type<DB>,
    Option<i64>: for<'t> Encode<'t, DB> + Type<DB>,
    Option<chrono::NaiveDate>: for<'t> Encode<'t, DB> + Type<DB>,
    Option<Vec<u8>>: for<'t> Encode<'t, DB> + Type<DB>,
    Vec<u8>: for<'t> Encode<'t, DB> + Type<DB>,
    bool: for<'t> Encode<'t, DB> + Type<DB>,
    f64: for<'t> Encode<'t, DB> + Type<DB>,
{
    let mut out = DB::Arguments::default();
    for arg in args {
        match arg {
            Arg::Text(v) => out.add(v)?,
            Arg::Int(v) => out.add(v)?,
            Arg::Float(v) => out.add(v)?,
            Arg::Bool(v) => out.add(v)?,
            Arg::Date(v) => out.add(v)?,
            Arg::Time(v) => out.add(v)?,
            Arg::Bytes(v) => out.add(v)?,
            Arg::OptText(v) => out.add(v)?,
            Arg::OptInt(v) => out.add(v)?,
            Arg::OptDate(v) => out.add(v)?,
            Arg::OptBytes(v) => out.add(v)?,
        }
    }
    Ok(out)
}

impl Store {
    /// Every row a query returns, run on the pool.
    #[tracing::instrument(skip_all)]
    pub(crate) async fn fetch_all_of<T: EitherRow>(&self, sql: &Sql) -> StoreResult<Vec<T>> {
        let text = sqlx::AssertSqlSafe(sql.text.clone());
        let args = sql.args.clone();
        Ok(match &self.pool {
            Pool::Sqlite(pool) => {
                sqlx::query_as_with(text, arguments::<Sqlite>(args).map_err(encode)?)
                    .fetch_all(pool)
                    .await?
            }
            Pool::Postgres(pool) => {
                sqlx::query_as_with(text, arguments::<Postgres>(args).map_err(encode)?)
                    .fetch_all(pool)
                    .await?
            }
        })
    }

    /// Like [`Store::fetch_all_of`], but the database hands all rows over as one JSON array (keys
    /// = `fields`, which must be the inner query's column names and the row type's fields). The
    /// SQLite driver passes each row between its worker thread and the server thread; for a page
    /// of rows that costs more than the query, and one JSON text is one hand-over. The rows come
    /// back in the inner query's order on SQLite; callers re-sort, as PostgreSQL does not promise
    /// it.
    #[tracing::instrument(skip_all)]
    pub(crate) async fn fetch_json_of<T: serde::de::DeserializeOwned>(
        &self,
        sql: &Sql,
        fields: &[&str],
    ) -> StoreResult<Vec<T>> {
        let (aggregate, object) = match &self.pool {
            Pool::Sqlite(_) => ("json_group_array", "json_object"),
            Pool::Postgres(_) => ("json_agg", "json_build_object"),
        };
        let pairs = fields
            .iter()
            .map(|f| format!("'{f}', t.{f}"))
            .collect::<Vec<_>>()
            .join(", ");
        let whole = Sql {
            text: format!(
                "SELECT CAST(COALESCE({aggregate}({object}({pairs})), '[]') AS TEXT) FROM ({}) t",
                sql.text
            ),
            args: sql.args.clone(),
        };
        let rows: Vec<(String,)> = self.fetch_all_of(&whole).await?;
        let json = rows
            .into_iter()
            .next()
            .map(|(json,)| json)
            .unwrap_or_default();
        serde_json::from_str(&json).map_err(|e| {
            super::StoreError::Other(anyhow::anyhow!("rows as JSON cannot be read: {e}"))
        })
    }

    /// Begins a transaction on the store's database.
    #[tracing::instrument(skip_all)]
    pub(crate) async fn begin(&self) -> StoreResult<Tx> {
        Ok(match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

impl Tx {
    /// The transaction's connection, to run statements on.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    /// Commits: when this returns, the transaction's changes are on disk.
    #[tracing::instrument(skip_all)]
    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// Undoes the transaction now, releasing its locks before the connection goes back to the
    /// pool (a dropped transaction only schedules its rollback).
    pub async fn rollback(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

impl Conn<'_> {
    /// Runs a statement; the number of rows it changed.
    #[tracing::instrument(skip_all)]
    pub async fn execute(&mut self, sql: Sql) -> StoreResult<u64> {
        let Sql { text, args } = sql;
        let text = sqlx::AssertSqlSafe(text);
        Ok(match self {
            Conn::Sqlite(conn) => {
                sqlx::query_with(text, arguments::<Sqlite>(args).map_err(encode)?)
                    .execute(&mut **conn)
                    .await?
                    .rows_affected()
            }
            Conn::Postgres(conn) => {
                sqlx::query_with(text, arguments::<Postgres>(args).map_err(encode)?)
                    .execute(&mut **conn)
                    .await?
                    .rows_affected()
            }
        })
    }

    /// Every row a query returns.
    #[tracing::instrument(skip_all)]
    pub async fn fetch_all<T: EitherRow>(&mut self, sql: Sql) -> StoreResult<Vec<T>> {
        let Sql { text, args } = sql;
        let text = sqlx::AssertSqlSafe(text);
        Ok(match self {
            Conn::Sqlite(conn) => {
                sqlx::query_as_with(text, arguments::<Sqlite>(args).map_err(encode)?)
                    .fetch_all(&mut **conn)
                    .await?
            }
            Conn::Postgres(conn) => {
                sqlx::query_as_with(text, arguments::<Postgres>(args).map_err(encode)?)
                    .fetch_all(&mut **conn)
                    .await?
            }
        })
    }

    /// The row a query returns, if it returns one.
    #[tracing::instrument(skip_all)]
    pub async fn fetch_optional<T: EitherRow>(&mut self, sql: Sql) -> StoreResult<Option<T>> {
        let Sql { text, args } = sql;
        let text = sqlx::AssertSqlSafe(text);
        Ok(match self {
            Conn::Sqlite(conn) => {
                sqlx::query_as_with(text, arguments::<Sqlite>(args).map_err(encode)?)
                    .fetch_optional(&mut **conn)
                    .await?
            }
            Conn::Postgres(conn) => {
                sqlx::query_as_with(text, arguments::<Postgres>(args).map_err(encode)?)
                    .fetch_optional(&mut **conn)
                    .await?
            }
        })
    }

    /// The one row a query returns (an error when it returns none).
    #[tracing::instrument(skip_all)]
    pub async fn fetch_one<T: EitherRow>(&mut self, sql: Sql) -> StoreResult<T> {
        self.fetch_optional(sql)
            .await?
            .ok_or(super::StoreError::NotFound)
    }
}

impl Sql {
    /// Runs the statement on `conn`, as `sqlx::query(…).execute(…)` does.
    #[tracing::instrument(skip_all)]
    pub async fn execute(self, conn: &mut Conn<'_>) -> StoreResult<u64> {
        conn.execute(self).await
    }

    #[tracing::instrument(skip_all)]
    pub async fn fetch_all<T: EitherRow>(self, conn: &mut Conn<'_>) -> StoreResult<Vec<T>> {
        conn.fetch_all(self).await
    }

    #[tracing::instrument(skip_all)]
    pub async fn fetch_optional<T: EitherRow>(self, conn: &mut Conn<'_>) -> StoreResult<Option<T>> {
        conn.fetch_optional(self).await
    }

    #[tracing::instrument(skip_all)]
    pub async fn fetch_one<T: EitherRow>(self, conn: &mut Conn<'_>) -> StoreResult<T> {
        conn.fetch_one(self).await
    }
}

/// A value the driver could not encode: a bug in the statement, not bad input.
fn encode(error: BoxDynError) -> super::StoreError {
    super::StoreError::Other(anyhow::anyhow!("a bound value cannot be encoded: {error}"))
}

#[cfg(test)]
mod tests {
    use chengxin_types::ObjectionStatus;

    #[tokio::test]
    async fn a_vocabulary_reads_from_its_code_and_an_unknown_code_is_an_error() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:")
            .await
            .expect("memory database");
        let (status,): (ObjectionStatus,) = sqlx::query_as("SELECT 'accepted'")
            .fetch_one(&pool)
            .await
            .expect("a known code");
        assert_eq!(status, ObjectionStatus::Accepted);
        let unknown = sqlx::query_as::<_, (ObjectionStatus,)>("SELECT 'accepted_maybe'")
            .fetch_one(&pool)
            .await;
        assert!(unknown.is_err(), "not read as some default: {unknown:?}");
    }
}
