//! Commitments (承诺) and their fulfilment, in our format. A commitment is accepted by the reporting
//! department; a fulfilment row records a change of its status with the reason.

use super::checks::{Checker, subject};
use super::fields::{Column, col};
use super::{Context, Item, Row, RowError};
use crate::store::{NewCommitment, NewFulfilment, SubjectRef};
use chengxin_types::{CommitmentKind, DisclosureRoute, FulfilmentStatus};

pub const COLUMNS: &[Column] = &[
    col("kind", "承诺类型", &["承诺种类"], true),
    col(
        "subject_type",
        "主体类别（自然人/法人及非法人组织/个体工商户）",
        &["主体类别"],
        true,
    ),
    col("subject_name", "承诺主体名称或姓名", &["主体名称"], true),
    col("subject_uscc", "统一社会信用代码", &[], false),
    col("subject_id_number", "身份证号码", &[], false).personal_id(),
    col("content", "承诺内容", &[], true),
    col("made_on", "作出承诺日期", &["承诺日期"], true),
    col("due_on", "履行期限", &[], false),
    col(
        "status",
        "履行状态（履行中/已履行/未履行/依法变更）",
        &["履行状态"],
        false,
    ),
    col(
        "route",
        "公开方式（public/government_sharing/internal）",
        &["公开方式"],
        false,
    ),
    col("note", "履行情况说明", &[], false),
];

pub const FULFILMENT_COLUMNS: &[Column] = &[
    col("commitment_id", "承诺编号", &[], true),
    col(
        "status",
        "履行状态（履行中/已履行/未履行/依法变更）",
        &["履行状态"],
        true,
    ),
    col("note", "履行情况说明", &[], true),
    col("recorded_on", "记录日期", &[], true),
];

fn code_or_label<T: Copy>(
    c: &mut Checker,
    field: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    expected: &str,
) -> Option<Option<T>> {
    let Some(v) = c.row.get(field) else {
        return Some(None);
    };
    let found = all.iter().copied().find(|t| {
        code(*t) == v || label(*t) == v || label(*t).starts_with(v) && v.chars().count() >= 2
    });
    if found.is_none() {
        c.fail(field, "unknown_code", format!("“{v}”应为 {expected}"));
        return None;
    }
    Some(found)
}

fn status(c: &mut Checker) -> Option<Option<FulfilmentStatus>> {
    code_or_label(
        c,
        "status",
        FulfilmentStatus::ALL,
        FulfilmentStatus::code,
        FulfilmentStatus::label_zh,
        "履行中、已履行、未履行 或 依法变更",
    )
}

pub fn validate(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let kind = code_or_label(
        &mut c,
        "kind",
        CommitmentKind::ALL,
        CommitmentKind::code,
        CommitmentKind::label_zh,
        "承诺类型目录中的一种（如 招商引资政策承诺、告知承诺）",
    );
    if c.row.get("kind").is_none() {
        c.fail("kind", "required", "承诺类型不能为空");
    }
    let name = c.text("subject_name", "承诺主体名称", 200);
    let subject = subject(
        &mut c,
        ctx,
        "subject_type",
        name,
        "subject_uscc",
        "subject_id_number",
    );
    let content = c.text("content", "承诺内容", 4000);
    let made_on = c.past_date("made_on", "作出承诺日期", ctx.today);
    let due_on = c.optional_date("due_on", "履行期限");
    if let (Some(due), Some(made)) = (due_on, made_on)
        && due < made
    {
        c.fail("due_on", "invalid_period", "履行期限不能早于作出承诺日期");
    }
    let status = status(&mut c);
    let route = code_or_label(
        &mut c,
        "route",
        DisclosureRoute::ALL,
        DisclosureRoute::code,
        DisclosureRoute::label_zh,
        "public、government_sharing、authorised_query 或 internal",
    );
    let note = c.optional_text("note", "履行情况说明", 2000);
    let item = (|| {
        let (subject, made_on) = (subject?, made_on?);
        let status = status?.unwrap_or(FulfilmentStatus::InProgress);
        Some(Item::Commitment {
            commitment: NewCommitment {
                kind: kind??,
                // Replaced by the matched subject when stored.
                subject: SubjectRef::Organisation(0),
                subject_name: subject.name().to_string(),
                content: content?,
                made_on,
                accepting_org_id: ctx.department.id,
                due_on,
                status,
                route: route?.unwrap_or(DisclosureRoute::Public),
                source_org_id: ctx.department.id,
                fulfilments: vec![NewFulfilment {
                    status,
                    note: note.unwrap_or_else(|| "作出承诺".to_string()),
                    recorded_on: made_on,
                }],
            },
            subject,
        })
    })();
    c.finish(item)
}

pub fn validate_fulfilment(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let commitment_id = match c.row.get("commitment_id").map(str::parse::<i64>) {
        Some(Ok(id)) if id > 0 => Some(id),
        Some(_) => {
            c.fail("commitment_id", "invalid_id", "承诺编号应为正整数");
            None
        }
        None => {
            c.fail("commitment_id", "required", "承诺编号不能为空");
            None
        }
    };
    if c.row.get("status").is_none() {
        c.fail("status", "required", "履行状态不能为空");
    }
    let status = status(&mut c);
    let note = c.text("note", "履行情况说明", 2000);
    let recorded_on = c.past_date("recorded_on", "记录日期", ctx.today);
    let item = (|| {
        Some(Item::Fulfilment {
            commitment_id: commitment_id?,
            department_id: ctx.department.id,
            fulfilment: NewFulfilment {
                status: status??,
                note: note?,
                recorded_on: recorded_on?,
            },
        })
    })();
    c.finish(item)
}
