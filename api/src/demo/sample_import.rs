//! Sample import files: a CSV of penalties in the national exchange format as a department would
//! export it from its case system (in GBK by default, as Excel saves it), with bad rows mixed in on
//! request. For trying the intake by hand and for the import benchmark.

use super::uscc_for;
use crate::intake::decode::Charset;
use chrono::{Duration, NaiveDate};
use std::io::Write;

/// The department the rows are reported by.
pub struct SampleDepartment {
    pub name: String,
    pub uscc: String,
}

const HEADER: &[&str] = &[
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
    "tier",
];

const VIOLATIONS: &[(&str, &str, &str)] = &[
    (
        "未按规定公示年度报告",
        "逾期未报送年度报告，经责令改正仍未改正",
        "《企业信息公示暂行条例》第十八条",
    ),
    (
        "销售不合格商品",
        "销售的电热水壶经抽检不合格",
        "《中华人民共和国产品质量法》第四十九条",
    ),
    (
        "虚假宣传",
        "在网店页面宣称产品具有治疗功效，无事实依据",
        "《中华人民共和国反不正当竞争法》第二十条",
    ),
    (
        "无照经营",
        "未取得营业执照从事餐饮经营活动",
        "《无证无照经营查处办法》第十三条",
    ),
];

/// Writes `rows` penalty rows; every `bad_every`-th row (if non-zero) has one mistake in it, in
/// turn: a wrong check character, a date in the future, an unknown penalty category, no content.
pub fn write_penalties(
    out: &mut impl Write,
    department: &SampleDepartment,
    rows: usize,
    bad_every: usize,
    charset: Charset,
    today: NaiveDate,
) -> std::io::Result<()> {
    let mut line = String::with_capacity(512);
    let emit = |out: &mut dyn Write, line: &str| -> std::io::Result<()> {
        match charset {
            Charset::Utf8 => out.write_all(line.as_bytes()),
            Charset::Gb18030 => out.write_all(&encoding_rs::GB18030.encode(line).0),
        }
    };
    line.push_str(&HEADER.join(","));
    line.push('\n');
    emit(out, &line)?;
    for i in 0..rows {
        let serial = i as u64 + 1;
        let (violation, facts, basis) = VIOLATIONS[i % VIOLATIONS.len()];
        let decided = today - Duration::days(1 + (i % 300) as i64);
        let firm = uscc_for("91", "331002", 5_000_000 + serial)
            .map(|u| u.as_str().to_string())
            .unwrap_or_default();
        let mut fields: Vec<String> = vec![
            format!("样例罚决字〔{}〕{serial}号", decided.format("%Y")),
            violation.to_string(),
            facts.to_string(),
            basis.to_string(),
            "罚款".to_string(),
            format!("罚款人民币{}元", 1000 + (i % 20) * 500),
            format!("{}", (1000 + (i % 20) * 500) as f64 / 10_000.0),
            decided.to_string(),
            department.name.clone(),
            department.uscc.clone(),
            department.uscc.clone(),
            format!("样例商贸有限公司{serial}"),
            "法人及非法人组织".to_string(),
            firm,
            "一般".to_string(),
        ];
        if bad_every > 0 && (i + 1) % bad_every == 0 {
            match (i / bad_every) % 4 {
                0 => {
                    let check = fields[13].pop();
                    fields[13].push(if check == Some('0') { '1' } else { '0' });
                }
                1 => fields[7] = (today + Duration::days(10)).to_string(),
                2 => fields[4] = "罚金".to_string(),
                _ => fields[5].clear(),
            }
        }
        line.clear();
        line.push_str(&fields.join(","));
        line.push('\n');
        emit(out, &line)?;
    }
    out.flush()
}
