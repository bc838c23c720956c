//! Credit repair (信用修复): who may apply for which record and when, the states an application
//! moves through, and its deadlines in working days.
//!
//! A breach record may be repaired once its minimum publicity period has passed and while it is
//! still published; the department that produced it accepts or refuses within `accept_days` and
//! decides within `result_days` of filing (extendable with a recorded reason). Approval ends
//! publication, sharing and scoring at once. A finding of false materials bars new applications for
//! the subject for `false_materials_bar_days`.

use super::WorkCalendar;
use super::disclosure::RecordFacts;
use super::extension::{ExtensionRefused, check_extension};
use chengxin_types::{Category, RecordStatus, RepairStatus};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Deadlines and the bar after false materials. *configurable*
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepairRules {
    /// Working days from filing to acceptance or refusal.
    pub accept_days: u32,
    /// Working days from filing to the result.
    pub result_days: u32,
    /// Working days all extensions of one application's result deadline add up to at most.
    pub max_extension_days: u32,
    /// Calendar days a finding of false materials bars new applications.
    pub false_materials_bar_days: u32,
}

impl Default for RepairRules {
    fn default() -> Self {
        RepairRules {
            accept_days: 3,
            result_days: 10,
            max_extension_days: 10,
            false_materials_bar_days: 365,
        }
    }
}

/// Why a record cannot be repaired now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Ineligible {
    #[error("只有失信信息（一般或严重失信）可以申请信用修复")]
    NotABreach,
    #[error("该记录不在有效公示状态，无需修复")]
    NotInEffect,
    #[error("最短公示期尚未届满，{0} 起可以申请信用修复")]
    TooEarly(NaiveDate),
    #[error("该记录已停止公示，无需修复")]
    PublicationEnded,
    #[error("该记录已有正在办理的修复申请")]
    AlreadyApplied,
    #[error("因提供虚假材料，{0} 前不得再次申请信用修复")]
    Barred(NaiveDate),
}

impl Ineligible {
    pub fn code(&self) -> &'static str {
        match self {
            Ineligible::NotABreach => "not_a_breach",
            Ineligible::NotInEffect => "not_in_effect",
            Ineligible::TooEarly(_) => "not_yet_repairable",
            Ineligible::PublicationEnded => "publication_ended",
            Ineligible::AlreadyApplied => "already_applied",
            Ineligible::Barred(_) => "barred_after_false_materials",
        }
    }

    pub fn english(&self) -> String {
        match self {
            Ineligible::NotABreach => "Only breach records can be repaired".into(),
            Ineligible::NotInEffect => "The record is not in effect; nothing to repair".into(),
            Ineligible::TooEarly(day) => {
                format!("The minimum publicity period has not passed; apply from {day}")
            }
            Ineligible::PublicationEnded => "The record is no longer published".into(),
            Ineligible::AlreadyApplied => "An application for this record is open".into(),
            Ineligible::Barred(day) => {
                format!("False materials were found; no new application before {day}")
            }
        }
    }
}

/// What the eligibility check needs beyond the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicantHistory {
    pub open_application: bool,
    /// The latest day a false-materials finding for this subject was closed, if any.
    pub last_false_materials_on: Option<NaiveDate>,
}

/// Whether the record may be repaired on `today`.
pub fn eligibility(
    category: Category,
    facts: &RecordFacts,
    history: ApplicantHistory,
    rules: &RepairRules,
    today: NaiveDate,
) -> Result<(), Ineligible> {
    if !matches!(category, Category::GeneralBreach | Category::SeriousBreach) {
        return Err(Ineligible::NotABreach);
    }
    if facts.status != RecordStatus::Effective {
        return Err(Ineligible::NotInEffect);
    }
    if let Some(closed_on) = history.last_false_materials_on {
        let until = closed_on + Days::new(u64::from(rules.false_materials_bar_days));
        if today < until {
            return Err(Ineligible::Barred(until));
        }
    }
    let Some(window) = facts.window else {
        return Err(Ineligible::PublicationEnded);
    };
    if !window.is_published_on(today) {
        return Err(Ineligible::PublicationEnded);
    }
    if !window.is_repairable_on(today) {
        return Err(Ineligible::TooEarly(window.repairable_from));
    }
    if history.open_application {
        return Err(Ineligible::AlreadyApplied);
    }
    Ok(())
}

/// A handler's or the applicant's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairAction {
    Accept,
    Refuse,
    /// `used`: the working days the application has been extended already.
    Extend {
        days: u32,
        used: u32,
    },
    Approve,
    Deny,
    Withdraw,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepairTransitionError {
    #[error("申请已办结（{0}），不能再办理")]
    Closed(RepairStatus),
    #[error("申请尚未受理，不能作出决定或延期")]
    NotAccepted,
    #[error("申请已受理，不能再受理或不予受理")]
    AlreadyAccepted,
    #[error("{0}")]
    Extension(#[from] ExtensionRefused),
}

pub fn is_open(status: RepairStatus) -> bool {
    matches!(status, RepairStatus::Submitted | RepairStatus::Accepted)
}

pub fn next_status(
    status: RepairStatus,
    action: RepairAction,
    rules: &RepairRules,
) -> Result<RepairStatus, RepairTransitionError> {
    use RepairStatus as S;
    if !is_open(status) {
        return Err(RepairTransitionError::Closed(status));
    }
    match (status, action) {
        (_, RepairAction::Withdraw) => Ok(S::Withdrawn),
        (S::Submitted, RepairAction::Accept) => Ok(S::Accepted),
        (S::Submitted, RepairAction::Refuse) => Ok(S::Refused),
        (S::Accepted, RepairAction::Accept | RepairAction::Refuse) => {
            Err(RepairTransitionError::AlreadyAccepted)
        }
        (S::Submitted, _) => Err(RepairTransitionError::NotAccepted),
        (S::Accepted, RepairAction::Extend { days, used }) => {
            check_extension(days, used, rules.max_extension_days)?;
            Ok(S::Accepted)
        }
        (S::Accepted, RepairAction::Approve) => Ok(S::Approved),
        (S::Accepted, RepairAction::Deny) => Ok(S::Denied),
        (closed, _) => Err(RepairTransitionError::Closed(closed)),
    }
}

pub fn accept_due(calendar: &WorkCalendar, rules: &RepairRules, filed_on: NaiveDate) -> NaiveDate {
    calendar.add_working_days(filed_on, rules.accept_days)
}

pub fn result_due(calendar: &WorkCalendar, rules: &RepairRules, filed_on: NaiveDate) -> NaiveDate {
    calendar.add_working_days(filed_on, rules.result_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PublicityRules;
    use chengxin_types::{DisclosureRoute, PublicityTier};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn general_penalty(decided: NaiveDate) -> RecordFacts {
        RecordFacts {
            route: DisclosureRoute::Public,
            status: RecordStatus::Effective,
            window: PublicityRules::default()
                .window(PublicityTier::General, decided, None)
                .ok(),
        }
    }

    const CLEAN: ApplicantHistory = ApplicantHistory {
        open_application: false,
        last_false_materials_on: None,
    };

    #[test]
    fn repair_is_possible_only_between_the_minimum_period_and_the_end_of_publication() {
        let rules = RepairRules::default();
        let facts = general_penalty(d(2026, 6, 1));
        let too_early = eligibility(
            Category::GeneralBreach,
            &facts,
            CLEAN,
            &rules,
            d(2026, 7, 1),
        );
        assert_eq!(too_early, Err(Ineligible::TooEarly(d(2026, 9, 1))));
        assert_eq!(
            eligibility(
                Category::GeneralBreach,
                &facts,
                CLEAN,
                &rules,
                d(2026, 9, 1)
            ),
            Ok(())
        );
        assert_eq!(
            eligibility(
                Category::GeneralBreach,
                &facts,
                CLEAN,
                &rules,
                d(2027, 6, 1)
            ),
            Err(Ineligible::PublicationEnded)
        );
        assert_eq!(
            eligibility(Category::Positive, &facts, CLEAN, &rules, d(2026, 9, 1)),
            Err(Ineligible::NotABreach)
        );
        let open = ApplicantHistory {
            open_application: true,
            ..CLEAN
        };
        assert_eq!(
            eligibility(Category::GeneralBreach, &facts, open, &rules, d(2026, 9, 1)),
            Err(Ineligible::AlreadyApplied)
        );
    }

    #[test]
    fn false_materials_bar_new_applications_for_the_configured_time() {
        let rules = RepairRules::default();
        let facts = general_penalty(d(2026, 1, 10));
        let barred = ApplicantHistory {
            open_application: false,
            last_false_materials_on: Some(d(2026, 5, 1)),
        };
        assert_eq!(
            eligibility(
                Category::GeneralBreach,
                &facts,
                barred,
                &rules,
                d(2026, 6, 1)
            ),
            Err(Ineligible::Barred(d(2027, 5, 1)))
        );
    }

    #[test]
    fn deadlines_count_working_days_across_the_national_day() {
        let calendar = WorkCalendar::shipped().expect("calendar");
        let rules = RepairRules::default();
        // Filed on Wednesday Sep 30: Oct 1–7 are holidays, Saturday Oct 10 is a make-up workday.
        assert_eq!(
            accept_due(&calendar, &rules, d(2026, 9, 30)),
            d(2026, 10, 10)
        );
        assert_eq!(
            result_due(&calendar, &rules, d(2026, 9, 30)),
            d(2026, 10, 20)
        );
    }

    #[test]
    fn only_legal_steps() {
        let rules = RepairRules::default();
        use RepairStatus as S;
        assert_eq!(
            next_status(S::Submitted, RepairAction::Approve, &rules),
            Err(RepairTransitionError::NotAccepted)
        );
        assert_eq!(
            next_status(S::Accepted, RepairAction::Approve, &rules),
            Ok(S::Approved)
        );
        assert_eq!(
            next_status(S::Approved, RepairAction::Withdraw, &rules),
            Err(RepairTransitionError::Closed(S::Approved))
        );
        assert_eq!(
            next_status(
                S::Accepted,
                RepairAction::Extend { days: 0, used: 0 },
                &rules
            ),
            Err(RepairTransitionError::Extension(
                ExtensionRefused::OutOfRange {
                    remaining: 10,
                    max: 10
                }
            ))
        );
        assert_eq!(
            next_status(
                S::Accepted,
                RepairAction::Extend { days: 3, used: 8 },
                &rules
            ),
            Err(RepairTransitionError::Extension(
                ExtensionRefused::OutOfRange {
                    remaining: 2,
                    max: 10
                }
            ))
        );
    }
}
