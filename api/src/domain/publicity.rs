//! Publicity windows: how long penalty-like information is published, by tier.
//!
//! National rules from 2026-04-01: minor — not published by default, at most 3 months if it is;
//! general — 3 months to 1 year; serious — 1 to 3 years. Periods run from the decision date and
//! publication stops by itself at the maximum. All numbers are configurable, per tier and, where a
//! kind of record has its own periods in law or local rules, per record kind.

use chengxin_types::{PenaltyCategory, PublicityTier};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Minimum and maximum publicity of one tier, in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierRule {
    /// Repair may end publication only after this period (0 for no minimum).
    pub min_months: u32,
    /// Publication stops automatically at this period.
    pub max_months: u32,
    /// Whether records of this tier are published unless the decision says otherwise.
    pub published_by_default: bool,
}

/// A minimum and maximum publicity, in months: a tier's, or a record kind's own in place of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicityPeriod {
    pub min_months: u32,
    pub max_months: u32,
}

/// Publicity rules for the three tiers, the record kinds that have periods of their own
/// (keyed by the kind's code in the catalogue, e.g. `admin_penalty_serious`), and the tier a
/// penalty takes when its decision does not state one (keyed by penalty category code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicityRules {
    pub minor: TierRule,
    pub general: TierRule,
    pub serious: TierRule,
    #[serde(default)]
    pub kinds: BTreeMap<String, PublicityPeriod>,
    /// Tier by penalty category where not 一般: under the 2026 national rules 警告 and 通报批评
    /// are 轻微. A category not named here is 一般; 严重 only when the decision says so.
    #[serde(default = "default_penalty_tiers")]
    pub penalty_tiers: BTreeMap<String, PublicityTier>,
}

fn default_penalty_tiers() -> BTreeMap<String, PublicityTier> {
    BTreeMap::from([
        (
            PenaltyCategory::Warning.code().to_string(),
            PublicityTier::Minor,
        ),
        (
            PenaltyCategory::CirculatedCriticism.code().to_string(),
            PublicityTier::Minor,
        ),
    ])
}

impl Default for PublicityRules {
    fn default() -> Self {
        PublicityRules {
            minor: TierRule {
                min_months: 0,
                max_months: 3,
                published_by_default: false,
            },
            general: TierRule {
                min_months: 3,
                max_months: 12,
                published_by_default: true,
            },
            serious: TierRule {
                min_months: 12,
                max_months: 36,
                published_by_default: true,
            },
            kinds: BTreeMap::new(),
            penalty_tiers: default_penalty_tiers(),
        }
    }
}

/// The publicity of one record: from its decision date to its end, with the earliest repair date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicityWindow {
    /// First day of publication: the decision date.
    pub from: NaiveDate,
    /// First day on which credit repair may end publication.
    pub repairable_from: NaiveDate,
    /// First day on which the record is no longer published (exclusive end).
    pub until: NaiveDate,
}

/// Why a requested publicity period is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicityError {
    #[error("公示截止日期不得早于最短公示期届满日 {0}")]
    ShorterThanMinimum(NaiveDate),
    #[error("公示截止日期不得晚于最长公示期届满日 {0}")]
    LongerThanMaximum(NaiveDate),
    #[error("日期超出可计算范围")]
    OutOfRange,
}

impl PublicityRules {
    pub fn rule(&self, tier: PublicityTier) -> TierRule {
        match tier {
            PublicityTier::Minor => self.minor,
            PublicityTier::General => self.general,
            PublicityTier::Serious => self.serious,
        }
    }

    /// The tier of a penalty decision of these categories that states none: the heaviest of
    /// theirs (a warning with a fine is general).
    pub fn penalty_tier(&self, categories: &[PenaltyCategory]) -> PublicityTier {
        let weight = |t: &PublicityTier| PublicityTier::ALL.iter().position(|x| x == t);
        categories
            .iter()
            .map(|c| {
                self.penalty_tiers
                    .get(c.code())
                    .copied()
                    .unwrap_or(PublicityTier::General)
            })
            .max_by_key(weight)
            .unwrap_or(PublicityTier::General)
    }

    /// Checks what serde cannot: every minimum is at most its maximum, and every kind given
    /// periods of its own is one `is_kind` knows (a misspelt code would silently change nothing),
    /// as is every penalty category given a tier.
    pub fn check(&self, is_kind: impl Fn(&str) -> bool) -> Result<(), String> {
        if let Some(unknown) = self
            .penalty_tiers
            .keys()
            .find(|code| PenaltyCategory::from_code(code).is_none())
        {
            return Err(format!(
                "key `publicity.penalty_tiers.{unknown}`: no penalty category has this code"
            ));
        }
        for (tier, rule) in [
            ("minor", self.minor),
            ("general", self.general),
            ("serious", self.serious),
        ] {
            if rule.min_months > rule.max_months {
                return Err(format!(
                    "key `publicity.{tier}`: min_months is more than max_months"
                ));
            }
        }
        for (kind, period) in &self.kinds {
            if !is_kind(kind) {
                return Err(format!(
                    "key `publicity.kinds.{kind}`: no record kind has this code"
                ));
            }
            if period.min_months > period.max_months {
                return Err(format!(
                    "key `publicity.kinds.{kind}`: min_months is more than max_months"
                ));
            }
        }
        Ok(())
    }

    /// The minimum and maximum publicity of records of `kind` in `tier`, in months: the kind's
    /// own when it has them, else the tier's.
    pub fn period(&self, kind: Option<&str>, tier: PublicityTier) -> PublicityPeriod {
        match kind.and_then(|k| self.kinds.get(k)) {
            Some(own) => *own,
            None => {
                let rule = self.rule(tier);
                PublicityPeriod {
                    min_months: rule.min_months,
                    max_months: rule.max_months,
                }
            }
        }
    }

    /// The window of a record decided on `decided_on`, by its tier's periods.
    pub fn window(
        &self,
        tier: PublicityTier,
        decided_on: NaiveDate,
        requested_until: Option<NaiveDate>,
    ) -> Result<PublicityWindow, PublicityError> {
        self.window_of(None, tier, decided_on, requested_until)
    }

    /// The window of a record of `kind` decided on `decided_on`. Without an explicit end,
    /// publication runs to the maximum; an explicit end must lie between the minimum and the
    /// maximum. The periods are the kind's own when it has them, else its tier's.
    pub fn window_of(
        &self,
        kind: Option<&str>,
        tier: PublicityTier,
        decided_on: NaiveDate,
        requested_until: Option<NaiveDate>,
    ) -> Result<PublicityWindow, PublicityError> {
        let period = self.period(kind, tier);
        let add = |months: u32| {
            decided_on
                .checked_add_months(Months::new(months))
                .ok_or(PublicityError::OutOfRange)
        };
        let repairable_from = add(period.min_months)?;
        let max_until = add(period.max_months)?;
        let until = match requested_until {
            None => max_until,
            Some(end) if end < repairable_from => {
                return Err(PublicityError::ShorterThanMinimum(repairable_from));
            }
            Some(end) if end > max_until => {
                return Err(PublicityError::LongerThanMaximum(max_until));
            }
            Some(end) => end,
        };
        Ok(PublicityWindow {
            from: decided_on,
            repairable_from,
            until,
        })
    }
}

impl PublicityWindow {
    /// Whether the record is published on `day`: computed at query time, so expiry needs no job.
    pub fn is_published_on(&self, day: NaiveDate) -> bool {
        self.from <= day && day < self.until
    }

    /// Whether credit repair may be applied for on `day`.
    pub fn is_repairable_on(&self, day: NaiveDate) -> bool {
        day >= self.repairable_from
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn default_windows_follow_the_national_rules() {
        let rules = PublicityRules::default();
        let general = rules
            .window(PublicityTier::General, d(2026, 4, 10), None)
            .expect("window");
        assert_eq!(general.repairable_from, d(2026, 7, 10));
        assert_eq!(general.until, d(2027, 4, 10));
        let serious = rules
            .window(PublicityTier::Serious, d(2026, 4, 10), None)
            .expect("window");
        assert_eq!(serious.repairable_from, d(2027, 4, 10));
        assert_eq!(serious.until, d(2029, 4, 10));
        assert!(!rules.rule(PublicityTier::Minor).published_by_default);
        assert_eq!(
            rules
                .window(PublicityTier::Minor, d(2026, 4, 10), None)
                .map(|w| w.until),
            Ok(d(2026, 7, 10))
        );
    }

    #[test]
    fn a_kind_with_periods_of_its_own_uses_them_and_others_keep_the_tiers() {
        let mut rules = PublicityRules::default();
        rules.kinds.insert(
            "admin_penalty_serious".to_string(),
            PublicityPeriod {
                min_months: 6,
                max_months: 60,
            },
        );
        let decided = d(2026, 4, 10);
        let own = rules
            .window_of(
                Some("admin_penalty_serious"),
                PublicityTier::Serious,
                decided,
                None,
            )
            .expect("window");
        assert_eq!(own.repairable_from, d(2026, 10, 10));
        assert_eq!(own.until, d(2031, 4, 10));
        let other = rules
            .window_of(
                Some("serious_breach_listing"),
                PublicityTier::Serious,
                decided,
                None,
            )
            .expect("window");
        assert_eq!(other.until, d(2029, 4, 10));
        assert_eq!(
            rules.window_of(
                Some("admin_penalty_serious"),
                PublicityTier::Serious,
                decided,
                Some(d(2031, 4, 11))
            ),
            Err(PublicityError::LongerThanMaximum(d(2031, 4, 10)))
        );
    }

    #[test]
    fn warnings_and_circulated_criticism_are_minor_by_default_and_the_rest_general() {
        let rules = PublicityRules::default();
        assert_eq!(
            rules.penalty_tier(&[PenaltyCategory::Warning]),
            PublicityTier::Minor
        );
        assert_eq!(
            rules.penalty_tier(&[PenaltyCategory::CirculatedCriticism]),
            PublicityTier::Minor
        );
        assert_eq!(
            rules.penalty_tier(&[PenaltyCategory::Warning, PenaltyCategory::Fine]),
            PublicityTier::General
        );
        for category in PenaltyCategory::ALL.iter().filter(|c| {
            !matches!(
                c,
                PenaltyCategory::Warning | PenaltyCategory::CirculatedCriticism
            )
        }) {
            assert_eq!(rules.penalty_tier(&[*category]), PublicityTier::General);
        }
        let mut misspelt = PublicityRules::default();
        misspelt
            .penalty_tiers
            .insert("warnings".to_string(), PublicityTier::Minor);
        assert!(misspelt.check(|_| true).is_err());
    }

    #[test]
    fn rules_that_cannot_be_applied_are_refused() {
        let known = |kind: &str| kind == "admin_penalty_serious";
        assert_eq!(PublicityRules::default().check(known), Ok(()));
        let mut backwards = PublicityRules::default();
        backwards.general.min_months = 13;
        assert!(backwards.check(known).is_err());
        let mut misspelt = PublicityRules::default();
        misspelt.kinds.insert(
            "admin_penalty_serius".to_string(),
            PublicityPeriod {
                min_months: 12,
                max_months: 36,
            },
        );
        let error = misspelt.check(known).expect_err("unknown kind");
        assert!(error.contains("admin_penalty_serius"), "{error}");
    }

    #[test]
    fn publication_stops_by_itself_at_the_end() {
        let w = PublicityRules::default()
            .window(PublicityTier::General, d(2026, 1, 31), None)
            .expect("window");
        assert!(!w.is_published_on(d(2026, 1, 30)));
        assert!(w.is_published_on(d(2026, 1, 31)));
        assert!(w.is_published_on(d(2027, 1, 30)));
        assert!(!w.is_published_on(d(2027, 1, 31)));
    }

    #[test]
    fn month_ends_clamp() {
        let w = PublicityRules::default()
            .window(PublicityTier::General, d(2026, 11, 30), None)
            .expect("window");
        assert_eq!(w.repairable_from, d(2027, 2, 28));
    }

    #[test]
    fn requested_end_must_lie_between_minimum_and_maximum() {
        let rules = PublicityRules::default();
        let decided = d(2026, 5, 1);
        assert_eq!(
            rules.window(PublicityTier::Serious, decided, Some(d(2026, 12, 1))),
            Err(PublicityError::ShorterThanMinimum(d(2027, 5, 1)))
        );
        assert_eq!(
            rules.window(PublicityTier::Serious, decided, Some(d(2029, 5, 2))),
            Err(PublicityError::LongerThanMaximum(d(2029, 5, 1)))
        );
        assert_eq!(
            rules
                .window(PublicityTier::Serious, decided, Some(d(2028, 1, 1)))
                .map(|w| w.until),
            Ok(d(2028, 1, 1))
        );
    }

    #[test]
    fn repair_only_after_the_minimum() {
        let w = PublicityRules::default()
            .window(PublicityTier::General, d(2026, 4, 1), None)
            .expect("window");
        assert!(!w.is_repairable_on(d(2026, 6, 30)));
        assert!(w.is_repairable_on(d(2026, 7, 1)));
    }

    proptest! {
        #[test]
        fn windows_are_ordered(days in 0i64..20000, tier in 0usize..3) {
            let decided = d(2000, 1, 1) + chrono::Duration::days(days);
            let tier = PublicityTier::ALL[tier];
            let w = PublicityRules::default().window(tier, decided, None).expect("window");
            prop_assert!(w.from <= w.repairable_from && w.repairable_from <= w.until);
            prop_assert!(w.is_published_on(decided) || w.until == decided);
        }
    }
}
