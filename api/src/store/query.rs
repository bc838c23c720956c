//! SQL assembled at run time for queries with optional filters. Request values never enter the
//! text: every value is a bound argument, numbered as it is pushed, so the same text runs on both
//! backends (SQLite accepts `$n`).

use chrono::NaiveDate;

/// A bound value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
    Date(NaiveDate),
}

/// SQL text with its arguments.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    /// Appends trusted SQL text (never a request value).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `arg` and binds it.
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Binds `arg` as the next numbered argument for a placeholder the text already holds (a
    /// shared predicate such as the public-listing rule that names `$1`).
    pub fn arg(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self
    }

    /// Appends ` AND <before><placeholder><after>` when a filter value is given.
    pub fn and_bind(&mut self, before: &str, arg: Option<Arg>, after: &str) -> &mut Self {
        if let Some(arg) = arg {
            self.push(" AND ").push(before).bind(arg).push(after);
        }
        self
    }
}

/// Escapes `%`, `_` and `\` so a search term matches literally in `LIKE … ESCAPE '\'`.
pub(crate) fn like_pattern(term: &str) -> String {
    let mut escaped = String::with_capacity(term.len() + 2);
    escaped.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}

/// Runs `$sql` as `query_as::<_, $row>` with its arguments and fetches all rows, on either backend.
macro_rules! fetch_all {
    ($store:expr, $row:ty, $sql:expr) => {{
        let sql: $crate::store::query::Sql = $sql;
        $crate::store::on_pool!($store, |pool| {
            let mut query = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql.text.clone()));
            for arg in &sql.args {
                query = match arg {
                    $crate::store::query::Arg::Text(v) => query.bind(v.clone()),
                    $crate::store::query::Arg::Int(v) => query.bind(*v),
                    $crate::store::query::Arg::Date(v) => query.bind(*v),
                };
            }
            query.fetch_all(pool).await
        })
    }};
}
pub(crate) use fetch_all;

/// Like [`fetch_all!`], but the database hands all rows over as one JSON array (keys = `$fields`,
/// which must be the inner query's column names and the row type's fields). The SQLite driver
/// passes each row between its worker thread and the server thread; for a page of rows that costs
/// more than the query, and one JSON text is one hand-over. The rows come back in the inner query's
/// order on SQLite; callers re-sort, as PostgreSQL does not promise it.
macro_rules! fetch_json {
    ($store:expr, $row:ty, $sql:expr, $fields:expr) => {{
        let sql: $crate::store::query::Sql = $sql;
        let fields: &[&str] = $fields;
        let (aggregate, object) = match &$store.pool {
            $crate::store::Pool::Sqlite(_) => ("json_group_array", "json_object"),
            $crate::store::Pool::Postgres(_) => ("json_agg", "json_build_object"),
        };
        let pairs = fields
            .iter()
            .map(|f| format!("'{f}', t.{f}"))
            .collect::<Vec<_>>()
            .join(", ");
        let text = format!(
            "SELECT CAST(COALESCE({aggregate}({object}({pairs})), '[]') AS TEXT) FROM ({}) t",
            sql.text
        );
        let json: Result<(String,), sqlx::Error> = $crate::store::on_pool!($store, |pool| {
            let mut query = sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(text.clone()));
            for arg in &sql.args {
                query = match arg {
                    $crate::store::query::Arg::Text(v) => query.bind(v.clone()),
                    $crate::store::query::Arg::Int(v) => query.bind(*v),
                    $crate::store::query::Arg::Date(v) => query.bind(*v),
                };
            }
            query.fetch_one(pool).await
        });
        match json {
            Ok((json,)) => serde_json::from_str::<Vec<$row>>(&json).map_err(|e| {
                $crate::store::StoreError::Other(anyhow::anyhow!(
                    "rows as JSON cannot be read: {e}"
                ))
            }),
            Err(e) => Err($crate::store::StoreError::from(e)),
        }
    }};
}
pub(crate) use fetch_json;

/// SQLite's JSON has no booleans: accept 0/1 as well as false/true.
pub fn bool_from_json<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
    }
    Ok(match <Flag as serde::Deserialize>::deserialize(d)? {
        Flag::Bool(b) => b,
        Flag::Int(i) => i != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = Sql::new("SELECT 1 FROM t WHERE a = ");
        sql.bind(Arg::Int(1));
        sql.and_bind("b = ", Some(Arg::Text("x".into())), "");
        sql.and_bind("c = ", None, "");
        sql.and_bind("d LIKE ", Some(Arg::Text("y".into())), " ESCAPE '\\'");
        assert_eq!(
            sql.text,
            "SELECT 1 FROM t WHERE a = $1 AND b = $2 AND d LIKE $3 ESCAPE '\\'"
        );
        assert_eq!(sql.args.len(), 3);
    }

    #[test]
    fn like_patterns_match_literally() {
        assert_eq!(like_pattern("张伟"), "%张伟%");
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
