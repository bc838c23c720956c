//! Complaints about government breach of trust (政务失信投诉): the credit office accepts or refuses
//! within `accept_days` and gives its finding within `result_days` of filing (working days).

use super::WorkCalendar;
use chengxin_types::ComplaintStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// *configurable*
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintRules {
    pub accept_days: u32,
    pub result_days: u32,
}

impl Default for ComplaintRules {
    fn default() -> Self {
        ComplaintRules {
            accept_days: 3,
            result_days: 20,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintAction {
    Accept,
    Refuse,
    Substantiate,
    Dismiss,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplaintTransitionError {
    #[error("投诉已办结（{0}），不能再办理")]
    Closed(ComplaintStatus),
    #[error("投诉尚未受理，不能作出认定")]
    NotAccepted,
    #[error("投诉已受理，不能再受理或不予受理")]
    AlreadyAccepted,
}

pub fn is_open(status: ComplaintStatus) -> bool {
    matches!(
        status,
        ComplaintStatus::Submitted | ComplaintStatus::Accepted
    )
}

pub fn next_status(
    status: ComplaintStatus,
    action: ComplaintAction,
) -> Result<ComplaintStatus, ComplaintTransitionError> {
    use ComplaintStatus as S;
    match (status, action) {
        (S::Submitted, ComplaintAction::Accept) => Ok(S::Accepted),
        (S::Submitted, ComplaintAction::Refuse) => Ok(S::Refused),
        (S::Submitted, _) => Err(ComplaintTransitionError::NotAccepted),
        (S::Accepted, ComplaintAction::Accept | ComplaintAction::Refuse) => {
            Err(ComplaintTransitionError::AlreadyAccepted)
        }
        (S::Accepted, ComplaintAction::Substantiate) => Ok(S::Substantiated),
        (S::Accepted, ComplaintAction::Dismiss) => Ok(S::Dismissed),
        (closed, _) => Err(ComplaintTransitionError::Closed(closed)),
    }
}

pub fn accept_due(
    calendar: &WorkCalendar,
    rules: &ComplaintRules,
    filed_on: NaiveDate,
) -> NaiveDate {
    calendar.add_working_days(filed_on, rules.accept_days)
}

pub fn result_due(
    calendar: &WorkCalendar,
    rules: &ComplaintRules,
    filed_on: NaiveDate,
) -> NaiveDate {
    calendar.add_working_days(filed_on, rules.result_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_needs_acceptance_and_closes_the_case() {
        use ComplaintStatus as S;
        assert_eq!(
            next_status(S::Submitted, ComplaintAction::Substantiate),
            Err(ComplaintTransitionError::NotAccepted)
        );
        assert_eq!(
            next_status(S::Accepted, ComplaintAction::Substantiate),
            Ok(S::Substantiated)
        );
        assert_eq!(
            next_status(S::Substantiated, ComplaintAction::Dismiss),
            Err(ComplaintTransitionError::Closed(S::Substantiated))
        );
        assert!(!is_open(S::Dismissed));
    }
}
