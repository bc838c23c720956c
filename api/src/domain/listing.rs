//! Serious-breach list entries (严重失信主体名单): when an entry is public, and its term.
//!
//! An entry is public from the day it is listed (the day review approves it, after the notice and
//! its objection window) until its removal date, and not a day longer: at the removal date it
//! leaves every public view by itself, computed at query time like the end of a penalty's
//! publicity. The removal date is the one the deciding department gave, but never later than the
//! maximum publicity of the listing's record kind counted from the listing date. An entry removed
//! early (by repair, by an upheld objection, or by a removal decision of the department) is not
//! public either; its subject and the deciding department still see it with its history.
//!
//! The public queries filter by [`super::disclosure::PUBLIC_LISTINGS`], which must agree with
//! [`ListingFacts::state_on`]; a test below checks the two on every combination of facts.

use super::publicity::{PublicityError, PublicityRules, PublicityWindow};
use chengxin_types::{ListingStatus, PublicityTier, RecordStatus};
use chrono::NaiveDate;

/// What the publication of an entry depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingFacts {
    pub status: ListingStatus,
    pub listed_on: NaiveDate,
    pub removal_due_on: Option<NaiveDate>,
    /// The status of the credit record behind the entry, if it has one.
    pub record_status: Option<RecordStatus>,
}

/// Where an entry stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingState {
    /// Notice given; the subject may still object, nothing is public.
    UnderNotice,
    /// On the list and public.
    Listed,
    /// Taken off the list before its removal date (repair, upheld objection, removal decision).
    Removed,
    /// The removal date has come: off the list by itself.
    Lapsed,
}

impl ListingState {
    pub fn is_public(self) -> bool {
        self == ListingState::Listed
    }

    /// Whether the entry was public once and is no longer: a direct link then says so (410)
    /// instead of pretending it never existed.
    pub fn was_published(self) -> bool {
        matches!(self, ListingState::Removed | ListingState::Lapsed)
    }
}

impl ListingFacts {
    /// The facts from stored codes. A code not in the vocabulary (the columns' CHECK constraints
    /// allow none) reads as removed and revoked: an entry nobody can read is not published.
    pub fn from_codes(
        status: &str,
        listed_on: NaiveDate,
        removal_due_on: Option<NaiveDate>,
        record_status: Option<&str>,
    ) -> ListingFacts {
        ListingFacts {
            status: ListingStatus::from_code(status).unwrap_or(ListingStatus::Removed),
            listed_on,
            removal_due_on,
            record_status: record_status
                .map(|s| RecordStatus::from_code(s).unwrap_or(RecordStatus::Revoked)),
        }
    }

    pub fn state_on(&self, today: NaiveDate) -> ListingState {
        let record_in_effect = self
            .record_status
            .is_none_or(|s| s == RecordStatus::Effective);
        match self.status {
            ListingStatus::Noticed => ListingState::UnderNotice,
            ListingStatus::Removed => ListingState::Removed,
            // A record repaired, revoked after an objection or exempted takes its entry off.
            ListingStatus::Listed if !record_in_effect => ListingState::Removed,
            ListingStatus::Listed if self.listed_on > today => ListingState::UnderNotice,
            ListingStatus::Listed if self.removal_due_on.is_some_and(|due| due <= today) => {
                ListingState::Lapsed
            }
            ListingStatus::Listed => ListingState::Listed,
        }
    }
}

impl super::disclosure::Facts for ListingFacts {
    fn code(&self, fact: super::disclosure::Fact) -> Option<&str> {
        use super::disclosure::Fact;
        match fact {
            Fact::Status => Some(self.status.code()),
            Fact::RecordStatus => self.record_status.map(RecordStatus::code),
            _ => None,
        }
    }

    fn date(&self, fact: super::disclosure::Fact) -> Option<NaiveDate> {
        use super::disclosure::Fact;
        match fact {
            Fact::ListedOn => Some(self.listed_on),
            Fact::RemovalDueOn => self.removal_due_on,
            _ => None,
        }
    }
}

impl ListingFacts {
    /// When the record behind the entry may be repaired: while the entry is on the list, from the
    /// record's earliest repair date, whatever the record's own publicity window says (repair is
    /// how a listed subject gets off the list before the removal date).
    pub fn repair_window(&self, repairable_from: Option<NaiveDate>) -> Option<PublicityWindow> {
        (self.status == ListingStatus::Listed).then(|| PublicityWindow {
            from: self.listed_on,
            repairable_from: repairable_from.unwrap_or(self.listed_on),
            until: self.removal_due_on.unwrap_or(NaiveDate::MAX),
        })
    }
}

/// The term of an entry, fixed on the day it is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingTerm {
    pub listed_on: NaiveDate,
    /// First day on which credit repair may take the entry off (the minimum period).
    pub repairable_from: NaiveDate,
    /// First day the entry is no longer on the list.
    pub removal_due_on: NaiveDate,
}

impl ListingTerm {
    /// The term of an entry listed on `listed_on`: the record kind's minimum and maximum
    /// publicity count from the listing date (not from the notice), and a removal date the
    /// department gave is kept when it falls inside the maximum.
    pub fn on_listing(
        rules: &PublicityRules,
        kind: &str,
        tier: PublicityTier,
        listed_on: NaiveDate,
        requested_removal: Option<NaiveDate>,
    ) -> Result<ListingTerm, PublicityError> {
        let longest = rules.window_of(Some(kind), tier, listed_on, None)?;
        let removal_due_on = requested_removal.map_or(longest.until, |due| due.min(longest.until));
        Ok(ListingTerm {
            listed_on,
            repairable_from: longest.repairable_from,
            removal_due_on,
        })
    }

    /// The term as the publicity window of the record behind the entry.
    pub fn window(&self) -> PublicityWindow {
        PublicityWindow {
            from: self.listed_on,
            repairable_from: self.repairable_from.min(self.removal_due_on),
            until: self.removal_due_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn listed(due: Option<NaiveDate>) -> ListingFacts {
        ListingFacts {
            status: ListingStatus::Listed,
            listed_on: d(2026, 3, 1),
            removal_due_on: due,
            record_status: Some(RecordStatus::Effective),
        }
    }

    #[test]
    fn an_entry_is_public_from_listing_until_its_removal_date() {
        let entry = listed(Some(d(2027, 3, 1)));
        assert_eq!(entry.state_on(d(2026, 2, 28)), ListingState::UnderNotice);
        assert_eq!(entry.state_on(d(2026, 3, 1)), ListingState::Listed);
        assert_eq!(entry.state_on(d(2027, 2, 28)), ListingState::Listed);
        assert_eq!(entry.state_on(d(2027, 3, 1)), ListingState::Lapsed);
        assert!(!entry.state_on(d(2027, 3, 1)).is_public());
        assert!(entry.state_on(d(2027, 3, 1)).was_published());
        assert_eq!(listed(None).state_on(d(2040, 1, 1)), ListingState::Listed);
    }

    #[test]
    fn removed_entries_and_entries_whose_record_left_effect_are_not_public() {
        let removed = ListingFacts {
            status: ListingStatus::Removed,
            ..listed(Some(d(2027, 3, 1)))
        };
        assert_eq!(removed.state_on(d(2026, 6, 1)), ListingState::Removed);
        for status in [
            RecordStatus::Repaired,
            RecordStatus::Revoked,
            RecordStatus::Exempt,
        ] {
            let entry = ListingFacts {
                record_status: Some(status),
                ..listed(Some(d(2027, 3, 1)))
            };
            assert_eq!(entry.state_on(d(2026, 6, 1)), ListingState::Removed);
        }
        let noticed = ListingFacts {
            status: ListingStatus::Noticed,
            ..listed(None)
        };
        assert!(!noticed.state_on(d(2026, 6, 1)).was_published());
    }

    #[test]
    fn a_listed_entry_can_be_repaired_until_its_removal_date_whatever_the_record_window() {
        let entry = listed(Some(d(2029, 3, 1)));
        let window = entry
            .repair_window(Some(d(2027, 3, 1)))
            .expect("listed entries can be repaired");
        assert!(window.is_published_on(d(2028, 6, 1)) && window.is_repairable_on(d(2028, 6, 1)));
        assert!(!window.is_repairable_on(d(2027, 2, 28)));
        assert!(!window.is_published_on(d(2029, 3, 1)));
        let removed = ListingFacts {
            status: ListingStatus::Removed,
            ..entry
        };
        assert_eq!(removed.repair_window(Some(d(2027, 3, 1))), None);
    }

    #[test]
    fn the_term_counts_from_the_listing_date_and_never_exceeds_the_maximum() {
        let rules = PublicityRules::default();
        let kind = "serious_breach_listing";
        let term =
            ListingTerm::on_listing(&rules, kind, PublicityTier::Serious, d(2026, 5, 10), None)
                .expect("term");
        assert_eq!(term.repairable_from, d(2027, 5, 10));
        assert_eq!(term.removal_due_on, d(2029, 5, 10));
        let early = ListingTerm::on_listing(
            &rules,
            kind,
            PublicityTier::Serious,
            d(2026, 5, 10),
            Some(d(2028, 1, 1)),
        )
        .expect("term");
        assert_eq!(early.removal_due_on, d(2028, 1, 1));
        let late = ListingTerm::on_listing(
            &rules,
            kind,
            PublicityTier::Serious,
            d(2026, 5, 10),
            Some(d(2035, 1, 1)),
        )
        .expect("term");
        assert_eq!(late.removal_due_on, d(2029, 5, 10));
        let window = early.window();
        assert!(window.is_published_on(d(2026, 5, 10)) && !window.is_published_on(d(2028, 1, 1)));
    }

    /// The public rule of the lists and the state of an entry agree on every combination.
    #[test]
    fn the_public_rule_agrees_with_the_state_of_an_entry() {
        use crate::domain::disclosure::{DisclosureSettings, PUBLIC_LISTINGS};
        let today = d(2026, 6, 1);
        let days = [None, Some(d(2026, 5, 31)), Some(today), Some(d(2026, 6, 2))];
        for status in ListingStatus::ALL {
            for listed_on in days.iter().flatten() {
                for removal_due_on in days {
                    for record_status in
                        std::iter::once(None).chain(RecordStatus::ALL.iter().copied().map(Some))
                    {
                        let facts = ListingFacts {
                            status: *status,
                            listed_on: *listed_on,
                            removal_due_on,
                            record_status,
                        };
                        assert_eq!(
                            PUBLIC_LISTINGS.holds(&facts, today, DisclosureSettings::default()),
                            facts.state_on(today).is_public(),
                            "{facts:?}"
                        );
                    }
                }
            }
        }
    }
}
