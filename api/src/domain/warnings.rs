//! Warnings before a breach (预警): what a government body must do soon or has let slip — a
//! commitment near its due date, an objection or repair near its deadline, a decision not yet
//! published near the 双公示 limit, a rectification report near its deadline. The plans: "开展政府
//! 失信认定前的及时预警工作" (乌海), and "对存在政务失信隐患的部门…建立提醒、警示、约谈等处置机制".

use super::WorkCalendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// *configurable*
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WarningRules {
    /// Calendar days before a commitment's due date it is warned of.
    pub commitment_days: u32,
    /// Working days before a case's, a publication's or a report's deadline it is warned of.
    pub deadline_working_days: u32,
}

impl Default for WarningRules {
    fn default() -> Self {
        WarningRules {
            commitment_days: 30,
            deadline_working_days: 2,
        }
    }
}

impl WarningRules {
    /// Whether a commitment due on `due` and still in progress is warned of on `today`
    /// (overdue ones too: they are about to be found broken).
    pub fn warns_commitment(&self, due: NaiveDate, today: NaiveDate) -> bool {
        due <= today + chrono::Duration::days(i64::from(self.commitment_days))
    }

    /// Whether a deadline `due` is warned of on `today`: within the working days set, or passed.
    pub fn warns_deadline(
        &self,
        calendar: &WorkCalendar,
        due: NaiveDate,
        today: NaiveDate,
    ) -> bool {
        calendar.working_days_left(today, due) <= i64::from(self.deadline_working_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn deadlines_are_warned_of_two_working_days_ahead_and_once_passed() {
        let rules = WarningRules::default();
        let calendar = WorkCalendar::default();
        // Thursday 2026-03-05: Monday is two working days away, Tuesday three.
        let today = day("2026-03-05");
        assert!(rules.warns_deadline(&calendar, day("2026-03-09"), today));
        assert!(!rules.warns_deadline(&calendar, day("2026-03-10"), today));
        assert!(rules.warns_deadline(&calendar, day("2026-03-01"), today));
        assert!(rules.warns_commitment(day("2026-04-04"), today));
        assert!(!rules.warns_commitment(day("2026-04-05"), today));
    }
}
