//! Rows of an import, whatever the file: CSV with a header line, or a JSON array of objects. Columns
//! are found by their code (the national item code such as `cf_wsh`, or our field name) or by the
//! Chinese heading people put in Excel, so the checks that follow read every format the same way.

use super::RowError;
use std::io::{BufReader, Read};

/// A column a format takes.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The code: national item code or our field name.
    pub code: &'static str,
    /// Headings also accepted for it (Chinese names as Excel templates use them).
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// What it holds, for the documentation and for messages.
    pub label: &'static str,
    /// A personal ID number: checked and sealed, never kept as submitted (see
    /// [`Row::submitted_fields`]).
    pub personal_id: bool,
}

pub const fn col(
    code: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        code,
        aliases,
        required,
        label,
        personal_id: false,
    }
}

impl Column {
    /// This column holds a personal ID number.
    pub const fn personal_id(self) -> Column {
        Column {
            personal_id: true,
            ..self
        }
    }
}

/// One data row, its values in the order of the format's columns.
#[derive(Debug, Clone)]
pub struct Row {
    /// Data row number, from 1.
    pub number: u64,
    columns: &'static [Column],
    values: Vec<Option<String>>,
}

impl Row {
    /// The trimmed value of a column, `None` when absent or blank.
    pub fn get(&self, code: &str) -> Option<&str> {
        let at = self.columns.iter().position(|c| c.code == code)?;
        self.values.get(at)?.as_deref()
    }

    /// The row's values keyed by column code, as a JSON object, for the reporter to correct a
    /// returned item and the reviewer to read what was sent. Personal ID numbers are left out:
    /// the archive keeps them only sealed.
    pub fn submitted_fields(&self) -> String {
        let object: serde_json::Map<String, serde_json::Value> = self
            .columns
            .iter()
            .zip(&self.values)
            .filter(|(column, _)| !column.personal_id)
            .filter_map(|(column, value)| {
                let value = value.as_ref()?;
                Some((
                    column.code.to_string(),
                    serde_json::Value::from(value.as_str()),
                ))
            })
            .collect();
        serde_json::Value::Object(object).to_string()
    }

    /// Whether any value holds characters the file's encoding could not decode.
    pub fn undecodable_column(&self) -> Option<&'static str> {
        self.columns
            .iter()
            .zip(&self.values)
            .find(|(_, v)| v.as_deref().is_some_and(|v| v.contains('\u{FFFD}')))
            .map(|(c, _)| c.code)
    }

    /// A row from one JSON object keyed by column (an element of a JSON upload, or a single
    /// submission). Numbers and booleans are read as their text.
    pub fn from_object(
        columns: &'static [Column],
        number: u64,
        object: serde_json::Map<String, serde_json::Value>,
    ) -> Row {
        use serde_json::Value;
        let pairs: Vec<(String, String)> = object
            .into_iter()
            .filter_map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => return None,
                    // Nested values have no column to go to; the checks report them undecodable.
                    Value::Array(_) | Value::Object(_) => "\u{FFFD}".to_string(),
                };
                Some((k, text))
            })
            .collect();
        Row::from_pairs(
            columns,
            number,
            pairs.iter().map(|(k, v)| (k.as_str(), v.clone())),
        )
    }

    /// A row built from pairs (tests and single submissions).
    pub fn from_pairs<'a>(
        columns: &'static [Column],
        number: u64,
        pairs: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Row {
        let mut values = vec![None; columns.len()];
        for (name, value) in pairs {
            if let Some(at) = position_of(columns, name) {
                values[at] = clean(&value);
            }
        }
        Row {
            number,
            columns,
            values,
        }
    }
}

fn clean(value: &str) -> Option<String> {
    let v = value.trim().trim_start_matches('\u{FEFF}').trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn normalise(heading: &str) -> String {
    heading
        .trim()
        .trim_start_matches('\u{FEFF}')
        .trim()
        .trim_end_matches(['*', '＊'])
        .to_lowercase()
}

fn position_of(columns: &[Column], heading: &str) -> Option<usize> {
    let h = normalise(heading);
    columns.iter().position(|c| {
        c.code == h || normalise(c.label) == h || c.aliases.iter().any(|a| normalise(a) == h)
    })
}

fn file_error(code: &str, message: String) -> RowError {
    RowError {
        row: 0,
        field: None,
        code: code.to_string(),
        message,
    }
}

/// Reads CSV rows from UTF-8 text and hands each to `each`; stops early when `each` says so.
/// A header without a required column is an error of the whole file (row 0).
pub fn read_csv(
    columns: &'static [Column],
    input: impl Read,
    mut each: impl FnMut(Row) -> bool,
) -> Result<u64, RowError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(BufReader::with_capacity(256 * 1024, input));
    let headers = reader
        .headers()
        .map_err(|e| file_error("unreadable_file", format!("无法读取表头：{e}")))?
        .clone();
    let mapping: Vec<Option<usize>> = headers.iter().map(|h| position_of(columns, h)).collect();
    let missing: Vec<&str> = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| c.required && !mapping.contains(&Some(*i)))
        .map(|(_, c)| c.code)
        .collect();
    if !missing.is_empty() {
        return Err(file_error(
            "missing_columns",
            format!("缺少必填列：{}", missing.join("、")),
        ));
    }
    let mut number = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(RowError {
                    row: number + 1,
                    field: None,
                    code: "unreadable_row".to_string(),
                    message: format!("第 {} 行无法按 CSV 读取：{e}", number + 1),
                });
            }
        }
        // Excel leaves rows of empty cells at the end of a sheet.
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        number += 1;
        let mut values = vec![None; columns.len()];
        for (value, target) in record.iter().zip(&mapping) {
            if let Some(at) = target {
                values[*at] = clean(value);
            }
        }
        if !each(Row {
            number,
            columns,
            values,
        }) {
            break;
        }
    }
    Ok(number)
}

/// Reads a JSON array of objects one element at a time (the file is never held whole).
pub fn read_json(
    columns: &'static [Column],
    input: impl Read,
    mut each: impl FnMut(Row) -> bool,
) -> Result<u64, RowError> {
    use serde::de::{Deserializer as _, SeqAccess, Visitor};
    use serde_json::{Map, Value};

    struct EachObject<'f, F> {
        columns: &'static [Column],
        each: &'f mut F,
        count: u64,
    }

    impl<'de, F: FnMut(Row) -> bool> Visitor<'de> for EachObject<'_, F> {
        type Value = u64;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of objects")
        }

        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<u64, A::Error> {
            while let Some(object) = seq.next_element::<Map<String, Value>>()? {
                self.count += 1;
                let row = Row::from_object(self.columns, self.count, object);
                if !(self.each)(row) {
                    // Drain quietly: the caller stopped.
                    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                    break;
                }
            }
            Ok(self.count)
        }
    }

    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(256 * 1024, input));
    let count = de
        .deserialize_seq(EachObject {
            columns,
            each: &mut each,
            count: 0,
        })
        .map_err(|e| {
            file_error(
                "unreadable_file",
                format!(
                    "JSON 无法读取（应为对象数组）：第 {} 行第 {} 列：{e}",
                    e.line(),
                    e.column()
                ),
            )
        })?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        col("cf_wsh", "决定书文号", &["行政处罚决定书文号"], true),
        col("cf_nr_fk", "罚款金额", &["罚款金额（万元）"], false),
    ];

    #[test]
    fn csv_headings_match_by_code_or_chinese_name() {
        let text = "\u{FEFF}行政处罚决定书文号*,罚款金额（万元）,备注\nA-1, 0.5 ,x\n,,\nA-2,,\n";
        let mut rows = Vec::new();
        let n = read_csv(COLUMNS, text.as_bytes(), |r| {
            rows.push(r);
            true
        })
        .expect("reads");
        assert_eq!(n, 2);
        assert_eq!(rows[0].get("cf_wsh"), Some("A-1"));
        assert_eq!(rows[0].get("cf_nr_fk"), Some("0.5"));
        assert_eq!(rows[1].number, 2);
        assert_eq!(rows[1].get("cf_nr_fk"), None);
    }

    #[test]
    fn a_missing_required_column_fails_the_file() {
        let err = read_csv(COLUMNS, "cf_nr_fk\n1\n".as_bytes(), |_| true).expect_err("fails");
        assert_eq!(err.row, 0);
        assert_eq!(err.code, "missing_columns");
        assert!(err.message.contains("cf_wsh"));
    }

    #[test]
    fn json_arrays_are_read_element_by_element() {
        let text = r#"[{"cf_wsh": "A-1", "cf_nr_fk": 0.5}, {"cf_wsh": null}]"#;
        let mut rows = Vec::new();
        let n = read_json(COLUMNS, text.as_bytes(), |r| {
            rows.push(r);
            true
        })
        .expect("reads");
        assert_eq!(n, 2);
        assert_eq!(rows[0].get("cf_nr_fk"), Some("0.5"));
        assert_eq!(rows[1].get("cf_wsh"), None);
        let err = read_json(COLUMNS, "{\"a\":1}".as_bytes(), |_| true).expect_err("not an array");
        assert_eq!(err.code, "unreadable_file");
    }
}
