//! Administrative penalties in the national 双公示 exchange format (`cf_*` items).

use super::checks::{Checker, subject};
use super::fields::{Column, col};
use super::{Context, Item, Row, RowError, SubjectSpec, record_for};

use crate::store::{BodyRef, DecisionSubject, NewPenalty};
use chengxin_types::{PenaltyCategory, PublicityTier, RecordStatus};

pub const COLUMNS: &[Column] = &[
    col("cf_wsh", "行政处罚决定书文号", &["决定书文号"], true),
    col("cf_wfxw", "违法行为类型", &[], true),
    col("cf_sy", "违法事实", &["处罚事由"], true),
    col("cf_yj", "处罚依据", &[], true),
    col("cf_cflb", "处罚类别", &[], true),
    col("cf_nr", "处罚内容", &[], true),
    col("cf_nr_fk", "罚款金额（万元）", &["罚款金额"], false),
    col("cf_jdrq", "处罚决定日期", &["决定日期"], true),
    col("cf_gsjzq", "公示截止期", &[], false),
    col("cf_cfjg", "处罚机关", &[], true),
    col("cf_cfjgdm", "处罚机关统一社会信用代码", &[], true),
    col("cf_sjly", "数据来源单位", &[], false),
    col("cf_sjlydm", "数据来源单位统一社会信用代码", &[], false),
    col("cf_xdr_mc", "行政相对人名称", &[], true),
    col("cf_xdr_lb", "行政相对人类别", &[], true),
    col(
        "cf_xdr_shxym",
        "行政相对人统一社会信用代码",
        &["统一社会信用代码"],
        false,
    ),
    col("cf_xdr_zjlx", "证件类型", &[], false),
    col("cf_xdr_zjhm", "证件号码", &[], false).personal_id(),
    col("tier", "信息分级（轻微/一般/严重）", &["信息分级"], false),
];

/// Accepts the code or the Chinese name of the category; several categories separated by `;`
/// (as some systems export) are all read and must all be known. The first is the one stored.
fn categories(c: &mut Checker) -> Option<Vec<PenaltyCategory>> {
    let v = c.row.get("cf_cflb")?;
    let mut found = Vec::new();
    for part in v
        .split([';', '；', ',', '，', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match PenaltyCategory::ALL
            .iter()
            .copied()
            .find(|p| p.code() == part || p.label_zh() == part)
        {
            Some(p) => found.push(p),
            None => {
                c.fail(
                    "cf_cflb",
                    "unknown_code",
                    format!("处罚类别“{part}”不是《行政处罚法》第九条规定的种类"),
                );
                return None;
            }
        }
    }
    (!found.is_empty()).then_some(found)
}

fn fine_cents(c: &mut Checker) -> Option<Option<i64>> {
    let Some(v) = c.row.get("cf_nr_fk") else {
        return Some(None);
    };
    match v.parse::<f64>() {
        // 10,000 yuan units with up to six decimals: cents are exact.
        Ok(wan) if wan.is_finite() && (0.0..=1_000_000.0).contains(&wan) => {
            Some(Some((wan * 1_000_000.0).round() as i64))
        }
        _ => {
            c.fail(
                "cf_nr_fk",
                "invalid_amount",
                format!("罚款金额“{v}”应为 0 至 100 万之间的数（单位：万元）"),
            );
            None
        }
    }
}

pub fn validate(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let doc_no = c.text("cf_wsh", "行政处罚决定书文号", 128);
    let violation_type = c.text("cf_wfxw", "违法行为类型", 200);
    let facts = c.text("cf_sy", "违法事实", 4000);
    let legal_basis = c.text("cf_yj", "处罚依据", 2000);
    if c.row.get("cf_cflb").is_none() {
        c.fail("cf_cflb", "required", "处罚类别不能为空");
    }
    let categories = categories(&mut c);
    let category = categories.as_ref().and_then(|all| all.first().copied());
    let content = c.text("cf_nr", "处罚内容", 4000);
    let fine = fine_cents(&mut c);
    let decided_on = c.past_date("cf_jdrq", "处罚决定日期", ctx.today);
    let until = c.optional_date("cf_gsjzq", "公示截止期");
    let deciding_name = c.text("cf_cfjg", "处罚机关", 200);
    let deciding_code = c.uscc("cf_cfjgdm", "处罚机关统一社会信用代码", true);
    c.own_department("cf_sjlydm", ctx);
    let source_name = c
        .optional_text("cf_sjly", "数据来源单位", 200)
        .unwrap_or_else(|| ctx.department.name.clone());
    let name = c.text("cf_xdr_mc", "行政相对人名称", 200);
    let subject_category = c.row.get("cf_xdr_lb").map(str::to_string);
    let subject = subject(
        &mut c,
        ctx,
        "cf_xdr_lb",
        name,
        "cf_xdr_shxym",
        "cf_xdr_zjhm",
    );
    if let Some(kind) = c.row.get("cf_xdr_zjlx")
        && !matches!(kind, "身份证" | "居民身份证" | "001")
    {
        c.fail(
            "cf_xdr_zjlx",
            "unsupported_document",
            "目前只接受居民身份证号码",
        );
    }
    // Without an explicit tier the category decides it (警告 and 通报批评 are minor).
    // (警告 and 通报批评 are minor; a decision with several penalties takes the heaviest).
    let default_tier = categories
        .as_deref()
        .map_or(PublicityTier::General, |all| ctx.rules.penalty_tier(all));
    let tier = c.tier("tier", default_tier);
    let kind = tier.and_then(|t| {
        ctx.catalogue.find(match t {
            PublicityTier::Minor => "admin_penalty_minor",
            PublicityTier::General => "admin_penalty_general",
            PublicityTier::Serious => "admin_penalty_serious",
        })
    });
    let window = match (tier, decided_on) {
        (Some(tier), Some(day)) => c.window(
            "cf_gsjzq",
            &ctx.rules,
            kind.map(|k| k.code.as_str()),
            tier,
            day,
            until,
        ),
        _ => None,
    };
    let item = (|| {
        let subject = subject?;
        let (decided_on, window, tier, kind) = (decided_on?, window?, tier?, kind?);
        let (doc_no, facts, content) = (doc_no?, facts?, content?);
        let deciding_body = BodyRef {
            name: deciding_name?,
            uscc: deciding_code?.as_str().to_string(),
        };
        let decision_subject = DecisionSubject {
            name: subject.name().to_string(),
            category: subject_category?,
            uscc: match &subject {
                SubjectSpec::Organisation { uscc, .. } => Some(uscc.as_str().to_string()),
                SubjectSpec::Person { .. } => None,
            },
            organisation_id: None,
            person_id: None,
            document: match &subject {
                SubjectSpec::Person { id, .. } => Some(("身份证".to_string(), id.clone())),
                SubjectSpec::Organisation { .. } => None,
            },
        };
        let mut record = record_for(
            ctx,
            kind,
            &subject,
            format!("{}：{facts}。{content}", subject.name()),
            decided_on,
            Some(window),
        );
        record.decision_no = Some(doc_no.clone());
        Some(Item::Penalty {
            penalty: NewPenalty {
                doc_no,
                violation_type: violation_type?,
                facts,
                legal_basis: legal_basis?,
                category: category?,
                content,
                fine_cents: fine?,
                decided_on,
                publish_until: window.until,
                deciding_body,
                source_unit: BodyRef {
                    name: source_name,
                    uscc: ctx.department.uscc.as_str().to_string(),
                },
                subject: decision_subject,
                tier,
                published_on: None,
                status: RecordStatus::Pending,
                record_id: None,
            },
            record,
            subject,
        })
    })();
    c.finish(item)
}
