//! Objections (异议): the states a case moves through, who acts next, and the deadlines in working
//! days. Pure rules; the store keeps the cases and their events.
//!
//! Filed → accepted (受理) by the department that produced the record within `accept_days`, or
//! refused (不予受理) with a reason → decided within `reply_days` of acceptance (extendable once per
//! recorded reason): upheld, partly upheld or rejected. The filer may withdraw while the case is open.

use super::WorkCalendar;
use super::extension::{ExtensionRefused, check_extension};
use chengxin_types::ObjectionStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Working-day limits (Guangzhou practice and the Jinan seed). *configurable*
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionDeadlines {
    /// From filing to acceptance or refusal.
    pub accept_days: u32,
    /// From acceptance to the decision.
    pub reply_days: u32,
    /// Working days all extensions of one case's decision deadline add up to at most (the outer
    /// bound of 20 days of credit-reporting law, less the 10 working days of the reply).
    pub max_extension_days: u32,
}

impl Default for ObjectionDeadlines {
    fn default() -> Self {
        ObjectionDeadlines {
            accept_days: 2,
            reply_days: 10,
            max_extension_days: 10,
        }
    }
}

/// What a handler or the filer does to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectionAction {
    Accept,
    Refuse,
    /// `used`: the working days the case has been extended already.
    Extend {
        days: u32,
        used: u32,
    },
    Decide(Decision),
    Withdraw,
}

/// The outcome of a decided objection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Upheld,
    PartlyUpheld,
    Rejected,
}

/// Why an action is not possible now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("案件已结束（{0}），不能再办理")]
    Closed(ObjectionStatus),
    #[error("案件尚未受理，不能作出决定或延期")]
    NotAccepted,
    #[error("案件已受理，不能再受理或不予受理")]
    AlreadyAccepted,
    #[error("{0}")]
    Extension(#[from] ExtensionRefused),
}

pub fn is_open(status: ObjectionStatus) -> bool {
    matches!(
        status,
        ObjectionStatus::Submitted | ObjectionStatus::Accepted
    )
}

/// The state after `action`, or why the action is refused.
pub fn next_status(
    status: ObjectionStatus,
    action: &ObjectionAction,
    deadlines: &ObjectionDeadlines,
) -> Result<ObjectionStatus, TransitionError> {
    if !is_open(status) {
        return Err(TransitionError::Closed(status));
    }
    match (status, action) {
        (_, ObjectionAction::Withdraw) => Ok(ObjectionStatus::Withdrawn),
        (ObjectionStatus::Submitted, ObjectionAction::Accept) => Ok(ObjectionStatus::Accepted),
        (ObjectionStatus::Submitted, ObjectionAction::Refuse) => Ok(ObjectionStatus::Refused),
        (ObjectionStatus::Accepted, ObjectionAction::Accept | ObjectionAction::Refuse) => {
            Err(TransitionError::AlreadyAccepted)
        }
        (
            ObjectionStatus::Submitted,
            ObjectionAction::Extend { .. } | ObjectionAction::Decide(_),
        ) => Err(TransitionError::NotAccepted),
        (ObjectionStatus::Accepted, ObjectionAction::Extend { days, used }) => {
            check_extension(*days, *used, deadlines.max_extension_days)?;
            Ok(ObjectionStatus::Accepted)
        }
        (ObjectionStatus::Accepted, ObjectionAction::Decide(decision)) => Ok(match decision {
            Decision::Upheld => ObjectionStatus::Upheld,
            Decision::PartlyUpheld => ObjectionStatus::PartlyUpheld,
            Decision::Rejected => ObjectionStatus::Rejected,
        }),
        (closed, _) => Err(TransitionError::Closed(closed)),
    }
}

/// Last working day for acceptance of a case filed on `filed_on`.
pub fn accept_due(
    calendar: &WorkCalendar,
    deadlines: &ObjectionDeadlines,
    filed_on: NaiveDate,
) -> NaiveDate {
    calendar.add_working_days(filed_on, deadlines.accept_days)
}

/// Last working day for the decision of a case accepted on `accepted_on`.
pub fn reply_due(
    calendar: &WorkCalendar,
    deadlines: &ObjectionDeadlines,
    accepted_on: NaiveDate,
) -> NaiveDate {
    calendar.add_working_days(accepted_on, deadlines.reply_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn deadlines_skip_the_national_day_holiday_and_count_the_make_up_saturday() {
        let calendar = WorkCalendar::shipped().expect("calendar");
        let deadlines = ObjectionDeadlines::default();
        // Filed the day before the Golden Week: Oct 1–7 are holidays.
        assert_eq!(
            accept_due(&calendar, &deadlines, d(2026, 9, 30)),
            d(2026, 10, 9)
        );
        // Accepted on Friday Oct 9; Saturday Oct 10 is a make-up workday and counts.
        assert_eq!(
            reply_due(&calendar, &deadlines, d(2026, 10, 9)),
            d(2026, 10, 22)
        );
    }

    #[test]
    fn the_state_machine_allows_only_the_legal_steps() {
        let deadlines = ObjectionDeadlines::default();
        let step = |s, a: ObjectionAction| next_status(s, &a, &deadlines);
        use ObjectionStatus as S;
        assert_eq!(step(S::Submitted, ObjectionAction::Accept), Ok(S::Accepted));
        assert_eq!(step(S::Submitted, ObjectionAction::Refuse), Ok(S::Refused));
        assert_eq!(
            step(S::Submitted, ObjectionAction::Decide(Decision::Upheld)),
            Err(TransitionError::NotAccepted)
        );
        assert_eq!(
            step(S::Accepted, ObjectionAction::Extend { days: 5, used: 0 }),
            Ok(S::Accepted)
        );
        assert_eq!(
            step(S::Accepted, ObjectionAction::Extend { days: 11, used: 0 }),
            Err(TransitionError::Extension(ExtensionRefused::OutOfRange {
                remaining: 10,
                max: 10
            }))
        );
        assert_eq!(
            step(S::Accepted, ObjectionAction::Extend { days: 1, used: 10 }),
            Err(TransitionError::Extension(ExtensionRefused::Exhausted {
                max: 10,
                used: 10
            }))
        );
        assert_eq!(
            step(S::Accepted, ObjectionAction::Decide(Decision::PartlyUpheld)),
            Ok(S::PartlyUpheld)
        );
        assert_eq!(
            step(S::Accepted, ObjectionAction::Withdraw),
            Ok(S::Withdrawn)
        );
        for closed in [
            S::Refused,
            S::Upheld,
            S::PartlyUpheld,
            S::Rejected,
            S::Withdrawn,
        ] {
            assert!(!is_open(closed));
            for action in [
                ObjectionAction::Accept,
                ObjectionAction::Withdraw,
                ObjectionAction::Decide(Decision::Rejected),
            ] {
                assert_eq!(step(closed, action), Err(TransitionError::Closed(closed)));
            }
        }
    }
}
