//! Serious-breach listings (严重失信主体名单) in our format, with the prior notice: the subject was
//! told the reason, the legal basis and its rights on a day, and may object within the window.

use super::checks::{Checker, subject};
use super::fields::{Column, col};
use super::{Context, Item, Row, RowError, SubjectSpec, record_for};
use crate::store::{CourtCase, NewListing};
use chengxin_types::{ListKind, ListingStatus};

pub const COLUMNS: &[Column] = &[
    col(
        "subject_type",
        "主体类别（自然人/法人及非法人组织/个体工商户）",
        &["主体类别"],
        true,
    ),
    col("subject_name", "主体名称或姓名", &["主体名称"], true),
    col("subject_uscc", "统一社会信用代码", &[], false),
    col("subject_id_number", "身份证号码", &[], false).personal_id(),
    col("list_kind", "名单种类", &[], true),
    col("basis_doc_no", "列入决定文书号", &["认定文书号"], true),
    col("reason", "列入事由", &[], true),
    col("legal_basis", "列入依据", &[], true),
    col("removal_conditions", "移出条件", &[], true),
    col("removal_due_on", "移出日期", &[], false),
    col("notice_delivered_on", "告知书送达日期", &["告知日期"], true),
    col(
        "notice_rights",
        "告知的权利（陈述、申辩、异议）",
        &["告知权利"],
        true,
    ),
    col("case_no", "案号", &[], false),
    col("court", "执行法院", &[], false),
    col("duty", "生效法律文书确定的义务", &[], false),
    col("performed_part", "已履行部分", &[], false),
    col("unperformed_part", "未履行部分", &[], false),
];

pub fn validate(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let name = c.text("subject_name", "主体名称", 200);
    let subject = subject(
        &mut c,
        ctx,
        "subject_type",
        name,
        "subject_uscc",
        "subject_id_number",
    );
    let list_kind = match c.row.get("list_kind") {
        None => {
            c.fail("list_kind", "required", "名单种类不能为空");
            None
        }
        Some(v) => {
            let kind = ListKind::ALL
                .iter()
                .copied()
                .find(|k| k.code() == v || k.label_zh() == v);
            if kind.is_none() {
                c.fail(
                    "list_kind",
                    "unknown_code",
                    format!("名单种类“{v}”不在目录中"),
                );
            }
            kind
        }
    };
    let basis_doc_no = c.text("basis_doc_no", "列入决定文书号", 128);
    let reason = c.text("reason", "列入事由", 2000);
    let legal_basis = c.text("legal_basis", "列入依据", 2000);
    let removal_conditions = c.text("removal_conditions", "移出条件", 2000);
    let removal_due_on = c.optional_date("removal_due_on", "移出日期");
    let noticed_on = c.past_date("notice_delivered_on", "告知书送达日期", ctx.today);
    let rights = c.text("notice_rights", "告知的权利", 2000);
    let court_case = if list_kind == Some(ListKind::JudgmentDebtor) {
        let case_no = c.text("case_no", "案号", 128);
        let court = c.text("court", "执行法院", 200);
        let duty = c.text("duty", "生效法律文书确定的义务", 2000);
        let performed = c.optional_text("performed_part", "已履行部分", 2000);
        let unperformed = c.text("unperformed_part", "未履行部分", 2000);
        (|| {
            Some(Some(CourtCase {
                case_no: case_no?,
                court: court?,
                duty: duty?,
                performed_part: performed.unwrap_or_else(|| "无".to_string()),
                unperformed_part: unperformed?,
            }))
        })()
    } else {
        Some(None)
    };
    if let (Some(due), Some(noticed)) = (removal_due_on, noticed_on)
        && due <= noticed
    {
        c.fail("removal_due_on", "invalid_period", "移出日期应晚于告知日期");
    }
    let item = (|| {
        let (subject, list_kind, noticed_on, reason) = (subject?, list_kind?, noticed_on?, reason?);
        let kind_code = match (list_kind, &subject) {
            (ListKind::JudgmentDebtor, SubjectSpec::Person { .. }) => "judgment_debtor_person",
            (ListKind::JudgmentDebtor, SubjectSpec::Organisation { .. }) => "judgment_debtor_org",
            _ => "serious_breach_listing",
        };
        let kind = ctx.catalogue.find(kind_code)?;
        let window = kind.default_tier.and_then(|tier| {
            ctx.rules
                .window_of(Some(&kind.code), tier, noticed_on, None)
                .ok()
        });
        let mut record = record_for(
            ctx,
            kind,
            &subject,
            format!("{}：{reason}", subject.name()),
            noticed_on,
            window,
        );
        let basis_doc_no = basis_doc_no?;
        record.decision_no = Some(basis_doc_no.clone());
        let window_ends = ctx
            .calendar
            .add_working_days(noticed_on, ctx.listing_objection_working_days);
        Some(Item::Listing {
            listing: NewListing {
                subject: crate::store::SubjectRef::Organisation(0),
                subject_name: subject.name().to_string(),
                subject_uscc: None,
                subject_id_masked: None,
                list_kind,
                deciding_org_id: ctx.department.id,
                basis_doc_no,
                reason,
                legal_basis: legal_basis?,
                // Set again on approval: the day the listing takes effect.
                listed_on: window_ends,
                removal_conditions: removal_conditions?,
                removal_due_on,
                removed_on: None,
                status: ListingStatus::Noticed,
                source_org_id: ctx.department.id,
                record_id: None,
                court_case: court_case?,
            },
            notice: super::Notice {
                delivered_on: noticed_on,
                rights: rights?,
                window_ends,
            },
            record,
            subject,
        })
    })();
    c.finish(item)
}
