//! Early removal (移出) of a serious-breach entry the department decided, in our format: the entry
//! by its listing decision's document number, and the removal decision's number, reason and date.
//! The store checks that the entry is the department's and still on the list; the removal takes
//! effect when a reviewer approves it.

use super::checks::Checker;
use super::fields::{Column, col};
use super::{Context, Item, Row, RowError};
use chrono::NaiveDate;

pub const COLUMNS: &[Column] = &[
    col("basis_doc_no", "列入决定文书号", &["认定文书号"], true),
    col("removal_doc_no", "移出决定文书号", &["移出文书号"], true),
    col("reason", "移出原因", &["移出事由"], true),
    col("removed_on", "移出日期", &[], true),
];

/// A removal waiting for review.
#[derive(Debug, Clone)]
pub struct NewRemoval {
    pub department_id: i64,
    /// The listing decision's document number: with the department it names the entry.
    pub basis_doc_no: String,
    pub doc_no: String,
    pub reason: String,
    pub removed_on: NaiveDate,
    /// The day the removal was submitted, to check the entry is on the list then.
    pub today: NaiveDate,
}

pub fn validate(row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    let mut c = Checker::new(row);
    let basis_doc_no = c.text("basis_doc_no", "列入决定文书号", 128);
    let doc_no = c.text("removal_doc_no", "移出决定文书号", 128);
    let reason = c.text("reason", "移出原因", 2000);
    let removed_on = c.past_date("removed_on", "移出日期", ctx.today);
    let item = (|| {
        Some(Item::Removal(NewRemoval {
            department_id: ctx.department.id,
            basis_doc_no: basis_doc_no?,
            doc_no: doc_no?,
            reason: reason?,
            removed_on: removed_on?,
            today: ctx.today,
        }))
    })();
    c.finish(item)
}
