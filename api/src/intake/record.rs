//! Other credit records (appraisals, commendations, sanctions, accountability, judgments…) in our
//! documented format: one column per field of a credit record, the kind from the catalogue.

use super::checks::{Checker, subject};
use super::fields::{Column, col};
use super::{Context, Item, Row, RowError, SubjectSpec, record_for};

pub const COLUMNS: &[Column] = &[
    col("kind_code", "记录种类代码（见目录）", &["记录种类"], true),
    col(
        "subject_type",
        "主体类别（自然人/法人及非法人组织/个体工商户）",
        &["主体类别"],
        true,
    ),
    col("subject_name", "主体名称或姓名", &["主体名称"], true),
    col("subject_uscc", "统一社会信用代码", &[], false),
    col("subject_id_number", "身份证号码", &[], false).personal_id(),
    col("title", "标题", &[], false),
    col("content", "内容", &[], true),
    col("decision_no", "决定文书号", &["文书号"], false),
    col("decided_on", "决定日期", &[], true),
    col("occurred_on", "行为发生日期", &[], false),
    col("conduct_ended_on", "持续行为终止日期", &[], false),
    col("publish_until", "公示截止日期", &[], false),
    col("tier", "信息分级（轻微/一般/严重）", &["信息分级"], false),
    col("act_key", "同一行为标识（一行为多条目时相同）", &[], false),
];

/// Kinds that have their own format, so they are not reported as plain records.
const OWN_FORMAT: &[&str] = &[
    "admin_penalty_minor",
    "admin_penalty_general",
    "admin_penalty_serious",
    "serious_breach_listing",
    "judgment_debtor_person",
    "judgment_debtor_org",
];

pub fn validate(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let kind = match c.row.get("kind_code") {
        None => {
            c.fail("kind_code", "required", "记录种类代码不能为空");
            None
        }
        Some(code) if OWN_FORMAT.contains(&code) => {
            c.fail(
                "kind_code",
                "own_format",
                format!("“{code}”请按行政处罚或严重失信名单的格式报送"),
            );
            None
        }
        Some(code) => {
            let kind = ctx.catalogue.find(code);
            if kind.is_none() {
                let why = if ctx.catalogue.get(code).is_some() {
                    format!("记录种类“{code}”已停用，不能再报送")
                } else {
                    format!("记录种类“{code}”不在目录中")
                };
                c.fail("kind_code", "unknown_code", why);
            }
            kind
        }
    };
    let name = c.text("subject_name", "主体名称", 200);
    let subject = subject(
        &mut c,
        ctx,
        "subject_type",
        name,
        "subject_uscc",
        "subject_id_number",
    );
    if let (Some(kind), Some(subject)) = (kind, &subject) {
        let fits = match subject {
            SubjectSpec::Person { .. } => kind.subjects.fits_person(),
            SubjectSpec::Organisation { .. } => kind.subjects.fits_organisation(),
        };
        if !fits {
            c.fail(
                "kind_code",
                "kind_subject_mismatch",
                format!("“{}”不适用于该类主体", kind.name),
            );
        }
    }
    let title = c.optional_text("title", "标题", 200);
    let content = c.text("content", "内容", 4000);
    let decision_no = c.optional_text("decision_no", "决定文书号", 128);
    let decided_on = c.past_date("decided_on", "决定日期", ctx.today);
    let occurred_on = match c.row.get("occurred_on") {
        Some(_) => c.past_date("occurred_on", "行为发生日期", ctx.today),
        None => decided_on,
    };
    let conduct_ended_on = match c.row.get("conduct_ended_on") {
        Some(_) => c.past_date("conduct_ended_on", "持续行为终止日期", ctx.today),
        None => None,
    };
    if let (Some(occurred), Some(decided)) = (occurred_on, decided_on)
        && occurred > decided
    {
        c.fail(
            "occurred_on",
            "invalid_period",
            "行为发生日期不能晚于决定日期",
        );
    }
    let until = c.optional_date("publish_until", "公示截止日期");
    let tier = match kind.and_then(|k| k.default_tier) {
        Some(default) => c.tier("tier", default).map(Some),
        None if c.row.get("tier").is_some() => {
            c.fail("tier", "not_applicable", "该种类记录不分公示等级");
            None
        }
        None => Some(None),
    };
    let window = match (tier.flatten(), decided_on) {
        (Some(tier), Some(day)) => c
            .window(
                "publish_until",
                &ctx.rules,
                kind.map(|k| k.code.as_str()),
                tier,
                day,
                until,
            )
            .map(Some),
        _ => Some(None),
    };
    let act_key = c.optional_text("act_key", "同一行为标识", 64);
    let item = (|| {
        let (kind, subject, content, decided_on) = (kind?, subject?, content?, decided_on?);
        let mut record = record_for(ctx, kind, &subject, content, decided_on, window?);
        record.title = title.unwrap_or_else(|| kind.name.clone());
        record.tier = tier?;
        record.decision_no = decision_no;
        record.occurred_on = occurred_on?;
        record.conduct_ended_on = conduct_ended_on;
        record.act_key = act_key;
        Some(Item::Record { record, subject })
    })();
    c.finish(item)
}
