//! Whether a reviewer (评议审核员) may decide a submission now: one rule for a single decision and
//! for a whole batch. The route explains a refusal of one submission; the store decides a batch by
//! the same rule, leaving what it refuses pending.
//!
//! Whether an item may be exempted (容错免责) is [`super::exemption::exemption_applies`].

use super::listing::ListingFacts;
use chengxin_types::{ListingStatus, SubmissionItemKind, SubmissionStatus};
use chrono::NaiveDate;

/// What the decision on one submission depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubmissionFacts {
    pub submitted_by: i64,
    pub status: SubmissionStatus,
    pub item_kind: SubmissionItemKind,
    /// A serious listing: the last day the subject may object to the notice.
    pub objection_window_ends: Option<NaiveDate>,
    /// A serious listing: an objection the subject filed against it is being handled.
    pub objection_open: bool,
    /// A removal: the entry it takes off the list.
    pub removal_entry: Option<ListingFacts>,
}

/// A reviewer's decision: approve (the item takes effect), return (to be corrected), or exempt
/// (容错免责: kept, never counted as a breach).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    Return,
    Exempt,
}

/// Why a submission cannot be decided now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody reviews their own submission.
    OwnSubmission,
    /// Decided already.
    NotPending,
    /// A listing's objection window has not ended (its last day, if known).
    ObjectionWindowOpen(Option<NaiveDate>),
    /// The subject's objection to a listing is being handled.
    ObjectionOpen,
    /// The entry a removal names is no longer on the list.
    EntryNotListed,
}

/// Whether `reviewer` may decide the submission with `verdict` on `today`.
pub fn may_decide(
    facts: &SubmissionFacts,
    verdict: Verdict,
    reviewer: i64,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if facts.submitted_by == reviewer {
        return Err(Refusal::OwnSubmission);
    }
    if facts.status != SubmissionStatus::Pending {
        return Err(Refusal::NotPending);
    }
    if verdict != Verdict::Approve {
        return Ok(());
    }
    match facts.item_kind {
        // The notice gives the subject its window to object; only after it, and after any
        // objection filed in it is decided, may the entry be listed. A window that cannot be read
        // is not over.
        SubmissionItemKind::Listing => match facts.objection_window_ends {
            Some(ends) if ends < today => {
                if facts.objection_open {
                    Err(Refusal::ObjectionOpen)
                } else {
                    Ok(())
                }
            }
            ends => Err(Refusal::ObjectionWindowOpen(ends)),
        },
        SubmissionItemKind::Removal => {
            if facts
                .removal_entry
                .is_some_and(|entry| on_the_list(&entry, today))
            {
                Ok(())
            } else {
                Err(Refusal::EntryNotListed)
            }
        }
        _ => Ok(()),
    }
}

/// Whether an entry is still on the list, so that a removal decision has something to remove:
/// listed, and its removal date not yet come.
pub fn on_the_list(entry: &ListingFacts, today: NaiveDate) -> bool {
    entry.status == ListingStatus::Listed && entry.removal_due_on.is_none_or(|due| due > today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).expect("date")
    }

    fn pending(kind: SubmissionItemKind) -> SubmissionFacts {
        SubmissionFacts {
            submitted_by: 1,
            status: SubmissionStatus::Pending,
            item_kind: kind,
            objection_window_ends: None,
            objection_open: false,
            removal_entry: None,
        }
    }

    #[test]
    fn nobody_decides_their_own_or_a_decided_submission() {
        let facts = pending(SubmissionItemKind::Penalty);
        for verdict in [Verdict::Approve, Verdict::Return, Verdict::Exempt] {
            assert_eq!(
                may_decide(&facts, verdict, 1, d(10)),
                Err(Refusal::OwnSubmission)
            );
            assert_eq!(may_decide(&facts, verdict, 2, d(10)), Ok(()));
            for status in [SubmissionStatus::Approved, SubmissionStatus::Returned] {
                let decided = SubmissionFacts { status, ..facts };
                assert_eq!(
                    may_decide(&decided, verdict, 2, d(10)),
                    Err(Refusal::NotPending)
                );
            }
        }
    }

    #[test]
    fn a_listing_is_approved_only_after_its_window_and_any_objection() {
        let listing = pending(SubmissionItemKind::Listing);
        let open = SubmissionFacts {
            objection_window_ends: Some(d(10)),
            ..listing
        };
        assert_eq!(
            may_decide(&open, Verdict::Approve, 2, d(10)),
            Err(Refusal::ObjectionWindowOpen(Some(d(10))))
        );
        // Returning it is always possible.
        assert_eq!(may_decide(&open, Verdict::Return, 2, d(10)), Ok(()));
        assert_eq!(may_decide(&open, Verdict::Approve, 2, d(11)), Ok(()));
        let objected = SubmissionFacts {
            objection_open: true,
            ..open
        };
        assert_eq!(
            may_decide(&objected, Verdict::Approve, 2, d(11)),
            Err(Refusal::ObjectionOpen)
        );
        assert_eq!(
            may_decide(&listing, Verdict::Approve, 2, d(11)),
            Err(Refusal::ObjectionWindowOpen(None))
        );
    }

    #[test]
    fn a_removal_is_approved_only_while_its_entry_is_on_the_list() {
        let entry = ListingFacts {
            status: ListingStatus::Listed,
            listed_on: d(1),
            removal_due_on: Some(d(20)),
            record_status: None,
        };
        let removal = SubmissionFacts {
            removal_entry: Some(entry),
            ..pending(SubmissionItemKind::Removal)
        };
        assert_eq!(may_decide(&removal, Verdict::Approve, 2, d(19)), Ok(()));
        assert_eq!(
            may_decide(&removal, Verdict::Approve, 2, d(20)),
            Err(Refusal::EntryNotListed)
        );
        let removed = SubmissionFacts {
            removal_entry: Some(ListingFacts {
                status: ListingStatus::Removed,
                ..entry
            }),
            ..removal
        };
        assert_eq!(
            may_decide(&removed, Verdict::Approve, 2, d(10)),
            Err(Refusal::EntryNotListed)
        );
        assert_eq!(may_decide(&removed, Verdict::Return, 2, d(10)), Ok(()));
    }
}
