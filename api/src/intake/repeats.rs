//! What a submitted row is, given what the archive already holds: new, a correction of an item
//! that was returned, a repeat (refused), or aimed at something it cannot change. Pure decisions
//! over the facts the store looked up, with the refusals' texts; the store only looks up and
//! writes.

use crate::domain::listing::{ListingFacts, ListingState};
use crate::intake::RowError;
use crate::intake::removal::NewRemoval;
use chrono::NaiveDate;

/// A row's problem with the field at fault.
pub(crate) fn row_error(row: u64, field: &str, code: &str, message: String) -> RowError {
    RowError {
        row,
        field: Some(field.to_string()),
        code: code.to_string(),
        message,
    }
}

/// A decision (penalty or licence) the archive may already hold, by deciding body and document
/// number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Penalty,
    Licence,
}

/// What to do with a row whose decision the archive may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Not held yet: a new item.
    New,
    /// Held and returned to the reporter: this row corrects item `id` and sends it again.
    Resubmission(i64),
}

/// A penalty or licence decision: new, a resubmission of the returned item, or a repeat of one the
/// deciding body has reported already.
pub fn decision_placement(
    row: u64,
    decision: Decision,
    doc_no: &str,
    held: bool,
    returned: Option<i64>,
) -> Result<Placement, RowError> {
    match (held, returned) {
        (false, Some(id)) => Ok(Placement::Resubmission(id)),
        (false, None) => Ok(Placement::New),
        (true, _) => Err(match decision {
            Decision::Penalty => row_error(
                row,
                "cf_wsh",
                "duplicate",
                format!("处罚机关已报送过文号为“{doc_no}”的处罚决定"),
            ),
            Decision::Licence => row_error(
                row,
                "xk_wsh",
                "duplicate",
                format!("许可机关已报送过文号为“{doc_no}”的许可决定"),
            ),
        }),
    }
}

/// A record with a document number the department may have reported about the same subject
/// (`matching`: id and status of each): a repeat unless every earlier one was returned, in which
/// case they are superseded by this one. The ids to supersede.
pub fn record_placement(row: u64, matching: &[(i64, String)]) -> Result<Vec<i64>, RowError> {
    if matching.iter().any(|(_, status)| status != "returned") {
        return Err(row_error(
            row,
            "decision_no",
            "duplicate",
            "本单位已就该主体报送过同一文书号的同类记录".to_string(),
        ));
    }
    Ok(matching.iter().map(|(id, _)| *id).collect())
}

/// A listing decision the department may have reported (`earlier`: entry id and its record's
/// status): a repeat unless every earlier one was returned, which this one supersedes (the
/// returned entries stay, never listed, as the record of what was sent). The ids to supersede.
pub fn listing_placement(
    row: u64,
    basis_doc_no: &str,
    earlier: &[(i64, String)],
) -> Result<Vec<i64>, RowError> {
    if earlier.iter().any(|(_, status)| status != "returned") {
        return Err(row_error(
            row,
            "basis_doc_no",
            "duplicate",
            format!("本单位已报送过文书号为“{basis_doc_no}”的列入决定"),
        ));
    }
    Ok(earlier.iter().map(|(id, _)| *id).collect())
}

/// A fulfilment of commitment `commitment_id`, given the commitment as the store finds it
/// (accepting department, review state, subject name): allowed only for the department's own
/// commitments in effect. The commitment's subject name, for the submission's summary.
pub fn fulfilment_target(
    row: u64,
    commitment_id: i64,
    department_id: i64,
    found: Option<(i64, String, String)>,
) -> Result<String, RowError> {
    match found {
        Some((accepting, review, name)) if accepting == department_id && review == "effective" => {
            Ok(name)
        }
        Some((accepting, _, _)) if accepting == department_id => Err(row_error(
            row,
            "commitment_id",
            "not_in_effect",
            "该承诺尚未审核通过，不能登记履行情况".to_string(),
        )),
        _ => Err(row_error(
            row,
            "commitment_id",
            "not_your_commitment",
            format!("本单位没有编号为 {commitment_id} 的承诺"),
        )),
    }
}

/// The entry a removal names, as the store finds it: id, record, subject name, status, listing
/// date, removal date and the record's status.
pub type EntryToRemove = (
    i64,
    Option<i64>,
    String,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
);

/// The entry a removal names (id, record, subject name), or why it cannot be removed: it must be
/// the department's and on the list, with no removal of it pending, and the removal date not
/// before the listing date.
pub fn entry_to_remove(
    row: u64,
    removal: &NewRemoval,
    entry: Option<EntryToRemove>,
    removal_pending: bool,
) -> Result<(i64, Option<i64>, String), RowError> {
    let Some((id, record_id, name, status, listed_on, due, record_status)) = entry else {
        return Err(row_error(
            row,
            "basis_doc_no",
            "not_your_listing",
            format!("本单位没有文书号为“{}”的列入决定", removal.basis_doc_no),
        ));
    };
    let facts = ListingFacts::from_codes(&status, listed_on, due, record_status.as_deref());
    if facts.state_on(removal.today) != ListingState::Listed {
        return Err(row_error(
            row,
            "basis_doc_no",
            "not_listed",
            "该条目已不在名单上，无需移出".to_string(),
        ));
    }
    if removal.removed_on < listed_on {
        return Err(row_error(
            row,
            "removed_on",
            "before_listing",
            format!("移出日期不得早于列入日期 {listed_on}"),
        ));
    }
    if removal_pending {
        return Err(row_error(
            row,
            "basis_doc_no",
            "removal_pending",
            "该条目已有待审核的移出".to_string(),
        ));
    }
    Ok((id, record_id, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_returned_decision_is_corrected_and_a_held_one_is_a_repeat() {
        assert_eq!(
            decision_placement(3, Decision::Penalty, "罚〔2026〕1号", false, None),
            Ok(Placement::New)
        );
        assert_eq!(
            decision_placement(3, Decision::Licence, "许〔2026〕1号", false, Some(9)),
            Ok(Placement::Resubmission(9))
        );
        let repeat = decision_placement(3, Decision::Penalty, "罚〔2026〕1号", true, None)
            .expect_err("a repeat");
        assert_eq!((repeat.row, repeat.code.as_str()), (3, "duplicate"));
        assert_eq!(repeat.field.as_deref(), Some("cf_wsh"));
    }

    #[test]
    fn only_returned_records_and_listings_are_superseded() {
        let returned = [(4, "returned".to_string()), (5, "returned".to_string())];
        assert_eq!(record_placement(1, &returned), Ok(vec![4, 5]));
        assert_eq!(listing_placement(1, "X", &[]), Ok(vec![]));
        let held = [(4, "returned".to_string()), (6, "effective".to_string())];
        assert!(record_placement(1, &held).is_err());
        assert!(listing_placement(1, "X", &held).is_err());
    }

    #[test]
    fn a_fulfilment_needs_the_departments_commitment_in_effect() {
        let found = |accepting: i64, review: &str| {
            Some((accepting, review.to_string(), "某公司".to_string()))
        };
        assert_eq!(
            fulfilment_target(2, 7, 1, found(1, "effective")),
            Ok("某公司".to_string())
        );
        let pending = fulfilment_target(2, 7, 1, found(1, "pending")).expect_err("pending");
        assert_eq!(pending.code, "not_in_effect");
        let other = fulfilment_target(2, 7, 1, found(8, "effective")).expect_err("other");
        assert_eq!(other.code, "not_your_commitment");
        assert!(fulfilment_target(2, 7, 1, None).is_err());
    }
}
