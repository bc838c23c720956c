//! Administrative licences in the national 双公示 exchange format (`xk_*` items).

use super::checks::{Checker, subject};
use super::fields::{Column, col};
use super::{Context, Item, Row, RowError, SubjectSpec};
use crate::store::{BodyRef, DecisionSubject, NewLicence};
use chengxin_types::{LicenceCategory, RecordStatus};

pub const COLUMNS: &[Column] = &[
    col("xk_wsh", "行政许可决定文书号", &["决定文书号"], true),
    col("xk_xkws", "行政许可决定文书名称", &["决定文书名称"], true),
    col(
        "xk_xklb",
        "许可类别（01 普通 … 06 其他）",
        &["许可类别"],
        true,
    ),
    col("xk_xkzs", "许可证书名称", &[], false),
    col("xk_xkbh", "许可编号", &[], false),
    col("xk_nr", "许可内容", &[], true),
    col("xk_jdrq", "许可决定日期", &["决定日期"], true),
    col("xk_yxqz", "有效期自", &[], true),
    col("xk_yxqzi", "有效期至", &[], false),
    col("xk_xkjg", "许可机关", &[], true),
    col("xk_xkjgdm", "许可机关统一社会信用代码", &[], true),
    col("xk_sjly", "数据来源单位", &[], false),
    col("xk_sjlydm", "数据来源单位统一社会信用代码", &[], false),
    col("xk_xdr_mc", "行政相对人名称", &[], true),
    col("xk_xdr_lb", "行政相对人类别", &[], true),
    col(
        "xk_xdr_shxym",
        "行政相对人统一社会信用代码",
        &["统一社会信用代码"],
        false,
    ),
];

fn category(c: &mut Checker) -> Option<LicenceCategory> {
    let Some(v) = c.row.get("xk_xklb") else {
        c.fail("xk_xklb", "required", "许可类别不能为空");
        return None;
    };
    let found = LicenceCategory::ALL.iter().copied().find(|l| {
        l.national_code() == v
            || l.code() == v
            || l.label_zh() == v
            || v == l.national_code().trim_start_matches('0')
    });
    if found.is_none() {
        c.fail(
            "xk_xklb",
            "unknown_code",
            format!("许可类别“{v}”应为 01 普通、02 特许、03 认可、04 核准、05 登记 或 06 其他"),
        );
    }
    found
}

pub fn validate(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let doc_no = c.text("xk_wsh", "行政许可决定文书号", 128);
    let doc_name = c.text("xk_xkws", "行政许可决定文书名称", 200);
    let category = category(&mut c);
    let certificate_name = c.optional_text("xk_xkzs", "许可证书名称", 200);
    let certificate_no = c.optional_text("xk_xkbh", "许可编号", 128);
    let content = c.text("xk_nr", "许可内容", 4000);
    let decided_on = c.past_date("xk_jdrq", "许可决定日期", ctx.today);
    let valid_from = c.optional_date("xk_yxqz", "有效期自");
    if c.row.get("xk_yxqz").is_none() {
        c.fail("xk_yxqz", "required", "有效期自不能为空");
    }
    let valid_to = c.optional_date("xk_yxqzi", "有效期至");
    if let (Some(from), Some(to)) = (valid_from, valid_to)
        && to < from
    {
        c.fail("xk_yxqzi", "invalid_period", "有效期至不能早于有效期自");
    }
    let body_name = c.text("xk_xkjg", "许可机关", 200);
    let body_code = c.uscc("xk_xkjgdm", "许可机关统一社会信用代码", true);
    c.own_department("xk_sjlydm", ctx);
    let source_name = c
        .optional_text("xk_sjly", "数据来源单位", 200)
        .unwrap_or_else(|| ctx.department.name.clone());
    let name = c.text("xk_xdr_mc", "行政相对人名称", 200);
    let subject_category = c.row.get("xk_xdr_lb").map(str::to_string);
    if subject_category.as_deref() == Some("自然人") {
        c.fail(
            "xk_xdr_lb",
            "unsupported_subject",
            "自然人的行政许可不在双公示公开范围内，请勿报送",
        );
    }
    let subject = subject(
        &mut c,
        ctx,
        "xk_xdr_lb",
        name,
        "xk_xdr_shxym",
        "xk_xdr_zjhm",
    );
    let item = (|| {
        let subject = subject?;
        let SubjectSpec::Organisation { uscc, .. } = &subject else {
            return None;
        };
        Some(Item::Licence {
            licence: NewLicence {
                doc_no: doc_no?,
                doc_name: doc_name?,
                category: category?,
                certificate_name,
                certificate_no,
                content: content?,
                decided_on: decided_on?,
                valid_from: valid_from?,
                valid_to,
                licensing_body: BodyRef {
                    name: body_name?,
                    uscc: body_code?.as_str().to_string(),
                },
                source_unit: BodyRef {
                    name: source_name,
                    uscc: ctx.department.uscc.as_str().to_string(),
                },
                subject: DecisionSubject {
                    name: subject.name().to_string(),
                    category: subject_category?,
                    uscc: Some(uscc.as_str().to_string()),
                    organisation_id: None,
                    person_id: None,
                    document: None,
                },
                published_on: None,
                status: RecordStatus::Pending,
            },
            subject,
        })
    })();
    c.finish(item)
}
