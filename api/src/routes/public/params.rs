//! Parsing of query parameters into domain values. Every problem becomes a field error with a
//! stable code; all of a request's problems are reported together.

use crate::domain::Uscc;
use crate::error::{ApiError, FieldError, Text};
use crate::store::public::{Keyset, PageQuery, SortOrder};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;
/// Longest search text accepted; names and document numbers are far shorter.
const MAX_TEXT_CHARS: usize = 50;

/// Collects field errors while parsing.
#[derive(Default)]
pub struct Fields {
    errors: Vec<FieldError>,
}

impl Fields {
    /// Adds an error found by the caller's own check.
    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    fn fail(&mut self, field: &str, code: &'static str, zh: String, en: String) {
        self.errors
            .push(FieldError::new(field, code, Text::new(zh, en)));
    }

    /// Free text for a search: trimmed, at most 50 characters, no control characters.
    /// Blank means absent.
    pub fn text(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        if value.chars().any(char::is_control) {
            self.fail(
                field,
                "invalid_characters",
                "不能包含控制字符".into(),
                "must not contain control characters".into(),
            );
            return None;
        }
        if value.chars().count() > MAX_TEXT_CHARS {
            self.fail(
                field,
                "too_long",
                format!("不能超过 {MAX_TEXT_CHARS} 个字符"),
                format!("must be at most {MAX_TEXT_CHARS} characters"),
            );
            return None;
        }
        Some(value.to_string())
    }

    pub fn uscc(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        match Uscc::parse(value) {
            Ok(uscc) => Some(uscc.to_string()),
            Err(error) => {
                self.fail(
                    field,
                    "invalid_uscc",
                    error.to_string(),
                    format!("not a valid unified social credit code ({error:?})"),
                );
                None
            }
        }
    }

    pub fn date(&mut self, field: &str, value: Option<&str>) -> Option<NaiveDate> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.fail(
                    field,
                    "invalid_date",
                    "日期格式应为 YYYY-MM-DD".into(),
                    "dates are written YYYY-MM-DD".into(),
                );
                None
            }
        }
    }

    /// One of a closed set of codes, parsed by `from_code`.
    pub fn code<T>(
        &mut self,
        field: &str,
        value: Option<&str>,
        from_code: fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        let parsed = from_code(value);
        if parsed.is_none() {
            let list = allowed.join(", ");
            self.fail(
                field,
                "unknown_value",
                format!("可选值为：{list}"),
                format!("must be one of: {list}"),
            );
        }
        parsed
    }

    /// The visible end of a masked ID number: 1 to 4 digits or X.
    pub fn id_tail(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let value = value
            .map(str::trim)
            .filter(|v| !v.is_empty())?
            .to_ascii_uppercase();
        if value.len() > 4 || !value.chars().all(|c| c.is_ascii_digit() || c == 'X') {
            self.fail(
                field,
                "invalid_id_tail",
                "应为身份证号码末 1 至 4 位".into(),
                "must be the last 1 to 4 characters of an ID number".into(),
            );
            return None;
        }
        Some(value)
    }

    pub fn limit(&mut self, value: Option<&str>) -> u32 {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return DEFAULT_LIMIT;
        };
        match value.parse::<u64>() {
            Ok(n) if (1..=u64::from(MAX_LIMIT)).contains(&n) => n as u32,
            _ => {
                self.fail(
                    "limit",
                    "out_of_range",
                    format!("每页条数应为 1 至 {MAX_LIMIT}"),
                    format!("must be between 1 and {MAX_LIMIT}"),
                );
                DEFAULT_LIMIT
            }
        }
    }

    pub fn sort(&mut self, value: Option<&str>) -> SortOrder {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None | Some("newest") => SortOrder::NewestFirst,
            Some("oldest") => SortOrder::OldestFirst,
            Some(_) => {
                self.fail(
                    "sort",
                    "unknown_value",
                    "可选值为：newest, oldest".into(),
                    "must be one of: newest, oldest".into(),
                );
                SortOrder::NewestFirst
            }
        }
    }

    /// The collected errors, if any, as one 422.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

/// The page a request asks for. A malformed cursor is a 400: it is not a field a person types but
/// a token the API handed out.
pub fn page(
    fields: &mut Fields,
    sort: Option<&str>,
    cursor: Option<&str>,
    limit: Option<&str>,
) -> Result<PageQuery, ApiError> {
    let sort = fields.sort(sort);
    let limit = fields.limit(limit);
    let after = match cursor.map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(token) => Some(
            decode_cursor(token, sort).ok_or_else(|| ApiError::BadRequest {
                code: "malformed_cursor",
                message: Text::new(
                    "翻页游标无效，请从第一页重新查询",
                    "The cursor is not valid; start again from the first page",
                ),
                field: Some("cursor".to_string()),
            })?,
        ),
    };
    Ok(PageQuery { sort, after, limit })
}

fn sort_code(sort: SortOrder) -> char {
    match sort {
        SortOrder::NewestFirst => 'n',
        SortOrder::OldestFirst => 'o',
    }
}

/// An opaque token for the position after `last`, valid only with the same sort.
pub fn encode_cursor(sort: SortOrder, last: Keyset) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "1{}{}:{}",
        sort_code(sort),
        last.date.format("%Y%m%d"),
        last.id
    ))
}

fn decode_cursor(token: &str, sort: SortOrder) -> Option<Keyset> {
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let rest = text.strip_prefix('1')?.strip_prefix(sort_code(sort))?;
    let (date, id) = rest.split_once(':')?;
    Some(Keyset {
        date: NaiveDate::parse_from_str(date, "%Y%m%d").ok()?,
        id: id.parse().ok()?,
    })
}

/// Trims the extra row the store fetched and returns the next cursor if another page follows.
pub fn finish_page<T>(
    mut rows: Vec<T>,
    page: &PageQuery,
    key: impl Fn(&T) -> Keyset,
) -> (Vec<T>, Option<String>) {
    let more = rows.len() > page.limit as usize;
    rows.truncate(page.limit as usize);
    let next = if more {
        rows.last().map(|last| encode_cursor(page.sort, key(last)))
    } else {
        None
    };
    (rows, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_bind_to_their_sort() {
        let keyset = Keyset {
            date: NaiveDate::from_ymd_opt(2026, 3, 9).expect("date"),
            id: 4711,
        };
        let token = encode_cursor(SortOrder::NewestFirst, keyset);
        assert_eq!(decode_cursor(&token, SortOrder::NewestFirst), Some(keyset));
        assert_eq!(decode_cursor(&token, SortOrder::OldestFirst), None);
        for bad in [
            "",
            "!!!",
            "MQ",
            &URL_SAFE_NO_PAD.encode("1n20261399:1"),
            &URL_SAFE_NO_PAD.encode("1n20260101:x"),
        ] {
            assert_eq!(decode_cursor(bad, SortOrder::NewestFirst), None, "{bad}");
        }
    }

    #[test]
    fn fields_collect_every_problem() {
        let mut fields = Fields::default();
        assert_eq!(fields.uscc("uscc", Some("91310114MA1GTPB26G")), None);
        assert_eq!(fields.date("listed_from", Some("2026/01/01")), None);
        assert_eq!(fields.limit(Some("1000")), DEFAULT_LIMIT);
        assert_eq!(fields.text("q", Some("a\u{0}b")), None);
        assert_eq!(fields.text("q", Some(&"长".repeat(51))), None);
        assert_eq!(fields.id_tail("id_tail", Some("12a")), None);
        assert_eq!(
            fields.text("q", Some("  执法局 ")),
            Some("执法局".to_string())
        );
        match fields.finish() {
            Err(ApiError::Validation(errors)) => {
                let codes: Vec<(&str, &str)> =
                    errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
                assert_eq!(
                    codes,
                    vec![
                        ("uscc", "invalid_uscc"),
                        ("listed_from", "invalid_date"),
                        ("limit", "out_of_range"),
                        ("q", "invalid_characters"),
                        ("q", "too_long"),
                        ("id_tail", "invalid_id_tail")
                    ]
                );
            }
            other => panic!("expected validation errors, got {other:?}"),
        }
    }
}
