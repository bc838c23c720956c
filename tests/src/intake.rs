//! Rows for intake tests and benchmarks: valid penalty rows in the national format, with codes that
//! pass their checksums, and a CSV writer.

use chengxin::domain::{IdNumber, Uscc};

/// The national items of a penalty file, in column order.
pub const PENALTY_HEADER: &[&str] = &[
    "cf_wsh",
    "cf_wfxw",
    "cf_sy",
    "cf_yj",
    "cf_cflb",
    "cf_nr",
    "cf_nr_fk",
    "cf_jdrq",
    "cf_cfjg",
    "cf_cfjgdm",
    "cf_sjlydm",
    "cf_xdr_mc",
    "cf_xdr_lb",
    "cf_xdr_shxym",
    "cf_xdr_zjlx",
    "cf_xdr_zjhm",
];

/// A valid enterprise code from a serial number.
pub fn firm_uscc(serial: u64) -> String {
    let first17 = format!("91330100MA{:07}", serial % 10_000_000);
    Uscc::with_check_char(&first17)
        .expect("valid code")
        .as_str()
        .to_string()
}

/// A valid resident ID number from a serial number (born 1985).
pub fn person_id(serial: u64) -> String {
    let first17 = format!("33010219850101{:03}", serial % 1000);
    IdNumber::with_check_char(&first17)
        .expect("valid ID")
        .expose()
        .to_string()
}

/// One penalty row on a firm, as column values in [`PENALTY_HEADER`] order.
pub fn firm_penalty(
    department_uscc: &str,
    department: &str,
    serial: u64,
    decided: &str,
) -> Vec<String> {
    vec![
        format!("测试罚决字〔2026〕{serial}号"),
        "未按规定公示年度报告".into(),
        "该企业未按规定报送年度报告，经责令改正逾期未改正".into(),
        "《企业信息公示暂行条例》第八条".into(),
        "罚款".into(),
        "罚款人民币五千元".into(),
        "0.5".into(),
        decided.into(),
        department.into(),
        department_uscc.into(),
        department_uscc.into(),
        format!("测试商贸有限公司{serial}"),
        "法人及非法人组织".into(),
        firm_uscc(serial),
        String::new(),
        String::new(),
    ]
}

/// A penalty row as the JSON object a single submission sends, keyed by [`PENALTY_HEADER`].
pub fn penalty_object(row: Vec<String>) -> serde_json::Value {
    serde_json::Value::Object(
        PENALTY_HEADER
            .iter()
            .zip(row)
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
            .collect(),
    )
}

/// CSV text of a header and rows (values are quoted when they need it).
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let quote = |v: &str| {
        if v.contains([',', '"', '\n']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_string()
        }
    };
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        out.push_str(&row.iter().map(|v| quote(v)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}
