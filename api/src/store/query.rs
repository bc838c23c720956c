//! SQL assembled at run time for queries with optional filters. Request values never enter the
//! text: every value is a bound argument, numbered as it is pushed, so the same text runs on both
//! backends (SQLite accepts `$n`).

use chrono::{DateTime, NaiveDate, Utc};

/// A bound value. The optional ones bind a NULL of their own type, which PostgreSQL needs to know.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
    Time(DateTime<Utc>),
    Bytes(Vec<u8>),
    OptText(Option<String>),
    OptInt(Option<i64>),
    OptDate(Option<NaiveDate>),
    OptBytes(Option<Vec<u8>>),
}

impl From<f64> for Arg {
    fn from(v: f64) -> Self {
        Arg::Float(v)
    }
}

impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(v)
    }
}

impl From<&Vec<u8>> for Arg {
    fn from(v: &Vec<u8>) -> Arg {
        Arg::Bytes(v.clone())
    }
}

impl From<Option<&[u8]>> for Arg {
    fn from(v: Option<&[u8]>) -> Arg {
        Arg::OptBytes(v.map(<[u8]>::to_vec))
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(v.to_string())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(v.clone())
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(v)
    }
}

impl From<NaiveDate> for Arg {
    fn from(v: NaiveDate) -> Arg {
        Arg::Date(v)
    }
}

impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Arg {
        Arg::Time(v)
    }
}

impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::OptText(v.map(str::to_string))
    }
}

impl From<&Option<String>> for Arg {
    fn from(v: &Option<String>) -> Arg {
        Arg::OptText(v.clone())
    }
}

impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::OptInt(v)
    }
}

impl From<Option<NaiveDate>> for Arg {
    fn from(v: Option<NaiveDate>) -> Arg {
        Arg::OptDate(v)
    }
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
    pub fn bind(&mut self, arg: impl Into<Arg>) -> &mut Self {
        self.args.push(arg.into());
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Binds `arg` to the next placeholder the text holds, by value (for statements written
    /// whole with their `$n`, as `sqlx::query(…).bind(…)` is).
    pub fn with(mut self, arg: impl Into<Arg>) -> Self {
        self.args.push(arg.into());
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
