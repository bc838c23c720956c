//! Credit repair (信用修复): who may apply for which record and when, the states an application
//! moves through, and its deadlines in working days.
//!
//! A published breach record may be repaired once its minimum publicity period has passed and
//! while it is still published; a listed entry while it is on the list. A breach record that is not
//! published (shared between departments or kept internally, as most of a civil servant's are) may
//! be repaired once a minimum period from the conduct has passed — configured per record kind,
//! by default half the validity of its scoring item — and while it still counts. The department
//! that produced it accepts or refuses within `accept_days` and decides within `result_days` of
//! filing (extendable with a recorded reason, all extensions together at most
//! `max_extension_days`). Approval ends publication, sharing and scoring at once. A finding of
//! false materials bars new applications for the subject for `false_materials_bar_days`.

use super::WorkCalendar;
use super::disclosure::RecordFacts;
use super::extension::{ExtensionRefused, check_extension};
use super::listing::ListingFacts;
use super::publicity::PublicityWindow;
use chengxin_types::{Category, RecordStatus, RepairStatus};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Deadlines, minimum periods and the bar after false materials. *configurable*
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Months from the conduct before a record that is not published may be repaired, by record
    /// kind code; a kind not named waits half the validity of its scoring item.
    #[serde(default)]
    pub minimum_months: BTreeMap<String, u32>,
}

impl Default for RepairRules {
    fn default() -> Self {
        RepairRules {
            accept_days: 3,
            result_days: 10,
            max_extension_days: 10,
            false_materials_bar_days: 365,
            minimum_months: BTreeMap::new(),
        }
    }
}

/// Why a record cannot be repaired now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Ineligible {
    #[error("只有失信信息（一般或严重失信）可以申请信用修复")]
    NotABreach,
    #[error("该记录目前不产生影响（尚未生效、已修复、已撤销或已容错免责），无需修复")]
    NotInEffect,
    #[error("最短公示期尚未届满，{0} 起可以申请信用修复")]
    TooEarly(NaiveDate),
    #[error("自失信行为发生（或结束）之日起须满最短期限，{0} 起可以申请信用修复")]
    TooEarlyUnpublished(NaiveDate),
    #[error("该记录公示期已届满，已停止公示，无需修复")]
    PublicationEnded,
    #[error("该严重失信名单条目已不在名单上，无需修复")]
    NotListed,
    #[error("该记录已于 {0} 超过有效期，不再计分，无需修复")]
    NoLongerCounts(NaiveDate),
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
            Ineligible::TooEarly(_) | Ineligible::TooEarlyUnpublished(_) => "not_yet_repairable",
            Ineligible::PublicationEnded => "publication_ended",
            Ineligible::NotListed => "not_listed",
            Ineligible::NoLongerCounts(_) => "no_longer_counts",
            Ineligible::AlreadyApplied => "already_applied",
            Ineligible::Barred(_) => "barred_after_false_materials",
        }
    }

    pub fn english(&self) -> String {
        match self {
            Ineligible::NotABreach => "Only breach records can be repaired".into(),
            Ineligible::NotInEffect => {
                "The record has no effect now (not yet in effect, repaired, revoked or exempted)"
                    .into()
            }
            Ineligible::TooEarly(day) => {
                format!("The minimum publicity period has not passed; apply from {day}")
            }
            Ineligible::TooEarlyUnpublished(day) => {
                format!("The minimum period since the conduct has not passed; apply from {day}")
            }
            Ineligible::PublicationEnded => {
                "The publicity period is over and the record is no longer published".into()
            }
            Ineligible::NotListed => "The entry is no longer on the list".into(),
            Ineligible::NoLongerCounts(day) => {
                format!("The record's validity ended on {day}; it no longer counts")
            }
            Ineligible::AlreadyApplied => "An application for this record is open".into(),
            Ineligible::Barred(day) => {
                format!("False materials were found; no new application before {day}")
            }
        }
    }
}

/// A record as the repair rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepairCandidate<'a> {
    pub category: Category,
    pub kind: &'a str,
    pub facts: RecordFacts,
    /// The day the conduct occurred, or ended for continuing conduct: validity runs from it.
    pub conduct_on: NaiveDate,
    /// Years the record counts: its scoring item's validity in the rulebook in effect.
    pub validity_years: u32,
    /// The serious-breach entry behind the record, for a listing's record.
    pub listing: Option<ListingFacts>,
}

/// What a repair would end, and from when it may be applied for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairTerm {
    /// A published record (or a listed entry): repair ends publication within its window.
    Published(PublicityWindow),
    /// A listing's entry that is no longer on the list.
    NotListed,
    /// A record that is not published: repair ends its counting in the score and its sharing.
    Unpublished {
        repairable_from: NaiveDate,
        counts_until: NaiveDate,
    },
}

impl RepairRules {
    /// Checks what serde cannot: every kind given a minimum period of its own is one `is_kind`
    /// knows (a misspelt code would silently change nothing).
    pub fn check(&self, is_kind: impl Fn(&str) -> bool) -> Result<(), String> {
        match self.minimum_months.keys().find(|kind| !is_kind(kind)) {
            Some(kind) => Err(format!(
                "key `repairs.minimum_months.{kind}`: no record kind has this code"
            )),
            None => Ok(()),
        }
    }

    /// Months from the conduct before a record of `kind` that is not published may be repaired.
    pub fn minimum_months_of(&self, kind: &str, validity_years: u32) -> u32 {
        self.minimum_months
            .get(kind)
            .copied()
            .unwrap_or(validity_years * 6)
    }

    /// What repairing `record` would end: a listing's entry by its place on the list (whatever
    /// the record's own window says), a published record by its window, any other by the minimum
    /// period and validity counted from the conduct.
    pub fn term(&self, record: &RepairCandidate<'_>) -> RepairTerm {
        if let Some(listing) = record.listing {
            return listing
                .repair_window(record.facts.window.map(|w| w.repairable_from))
                .map_or(RepairTerm::NotListed, RepairTerm::Published);
        }
        if let Some(window) = record.facts.window {
            return RepairTerm::Published(window);
        }
        let after = |months: u32| {
            record
                .conduct_on
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX)
        };
        RepairTerm::Unpublished {
            repairable_from: after(self.minimum_months_of(record.kind, record.validity_years)),
            counts_until: after(record.validity_years * 12),
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
    record: &RepairCandidate<'_>,
    history: ApplicantHistory,
    rules: &RepairRules,
    today: NaiveDate,
) -> Result<(), Ineligible> {
    if !matches!(
        record.category,
        Category::GeneralBreach | Category::SeriousBreach
    ) {
        return Err(Ineligible::NotABreach);
    }
    if record.facts.status != RecordStatus::Effective {
        return Err(Ineligible::NotInEffect);
    }
    if let Some(closed_on) = history.last_false_materials_on {
        let until = closed_on + Days::new(u64::from(rules.false_materials_bar_days));
        if today < until {
            return Err(Ineligible::Barred(until));
        }
    }
    match rules.term(record) {
        RepairTerm::NotListed => return Err(Ineligible::NotListed),
        RepairTerm::Published(window) => {
            if !window.is_published_on(today) {
                return Err(Ineligible::PublicationEnded);
            }
            if !window.is_repairable_on(today) {
                return Err(Ineligible::TooEarly(window.repairable_from));
            }
        }
        RepairTerm::Unpublished {
            repairable_from,
            counts_until,
        } => {
            if today >= counts_until {
                return Err(Ineligible::NoLongerCounts(counts_until));
            }
            if today < repairable_from {
                return Err(Ineligible::TooEarlyUnpublished(repairable_from));
            }
        }
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

    fn general_penalty(decided: NaiveDate) -> RepairCandidate<'static> {
        RepairCandidate {
            category: Category::GeneralBreach,
            kind: "admin_penalty_general",
            facts: RecordFacts {
                route: DisclosureRoute::Public,
                status: RecordStatus::Effective,
                window: PublicityRules::default()
                    .window(PublicityTier::General, decided, None)
                    .ok(),
            },
            conduct_on: decided,
            validity_years: 1,
            listing: None,
        }
    }

    const CLEAN: ApplicantHistory = ApplicantHistory {
        open_application: false,
        last_false_materials_on: None,
    };

    #[test]
    fn repair_is_possible_only_between_the_minimum_period_and_the_end_of_publication() {
        let rules = RepairRules::default();
        let record = general_penalty(d(2026, 6, 1));
        let at = |day: NaiveDate| eligibility(&record, CLEAN, &rules, day);
        assert_eq!(at(d(2026, 7, 1)), Err(Ineligible::TooEarly(d(2026, 9, 1))));
        assert_eq!(at(d(2026, 9, 1)), Ok(()));
        assert_eq!(at(d(2027, 6, 1)), Err(Ineligible::PublicationEnded));
        let positive = RepairCandidate {
            category: Category::Positive,
            ..record
        };
        assert_eq!(
            eligibility(&positive, CLEAN, &rules, d(2026, 9, 1)),
            Err(Ineligible::NotABreach)
        );
        let open = ApplicantHistory {
            open_application: true,
            ..CLEAN
        };
        assert_eq!(
            eligibility(&record, open, &rules, d(2026, 9, 1)),
            Err(Ineligible::AlreadyApplied)
        );
    }

    /// A civil servant's sanction is shared, never published: repair ends its counting, after half
    /// its validity by default or the period configured for its kind, and not once it has expired.
    #[test]
    fn a_record_that_is_not_published_can_be_repaired_after_its_minimum_period() {
        let mut rules = RepairRules::default();
        let sanction = RepairCandidate {
            category: Category::GeneralBreach,
            kind: "gov_demerit",
            facts: RecordFacts {
                route: DisclosureRoute::GovernmentSharing,
                status: RecordStatus::Effective,
                window: None,
            },
            conduct_on: d(2026, 1, 15),
            validity_years: 2,
            listing: None,
        };
        let at = |rules: &RepairRules, day| eligibility(&sanction, CLEAN, rules, day);
        assert_eq!(
            at(&rules, d(2026, 6, 1)),
            Err(Ineligible::TooEarlyUnpublished(d(2027, 1, 15)))
        );
        assert_eq!(at(&rules, d(2027, 1, 15)), Ok(()));
        assert_eq!(
            at(&rules, d(2028, 1, 15)),
            Err(Ineligible::NoLongerCounts(d(2028, 1, 15)))
        );
        rules.minimum_months.insert("gov_demerit".to_string(), 3);
        assert_eq!(at(&rules, d(2026, 4, 15)), Ok(()));
        assert!(
            !Ineligible::TooEarlyUnpublished(d(2027, 1, 15))
                .to_string()
                .contains("公示"),
            "the refusal does not speak of a publication that never was"
        );
    }

    #[test]
    fn false_materials_bar_new_applications_for_the_configured_time() {
        let rules = RepairRules::default();
        let record = general_penalty(d(2026, 1, 10));
        let barred = ApplicantHistory {
            open_application: false,
            last_false_materials_on: Some(d(2026, 5, 1)),
        };
        assert_eq!(
            eligibility(&record, barred, &rules, d(2026, 6, 1)),
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
