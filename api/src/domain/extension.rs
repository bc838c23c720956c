//! Extensions of a case's deadline (延期): the extensions of one case add up to at most a
//! configured number of working days, so a deadline cannot be pushed back again and again.

use super::WorkCalendar;
use chrono::NaiveDate;

/// Why an extension is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionRefused {
    #[error("延期合计不得超过 {max} 个工作日，本案已延期 {used} 个工作日，不能再延期")]
    Exhausted { max: u32, used: u32 },
    #[error("延期天数应为 1 至 {remaining} 个工作日（合计不得超过 {max} 个工作日）")]
    OutOfRange { remaining: u32, max: u32 },
}

impl ExtensionRefused {
    pub fn english(&self) -> String {
        match self {
            ExtensionRefused::Exhausted { max, used } => format!(
                "Extensions of one case add up to at most {max} working days; this case has had {used}"
            ),
            ExtensionRefused::OutOfRange { remaining, max } => {
                format!("An extension is 1 to {remaining} working days (at most {max} in all)")
            }
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ExtensionRefused::Exhausted { .. } => "extension_limit_reached",
            ExtensionRefused::OutOfRange { .. } => "invalid_extension",
        }
    }
}

/// Whether a case already extended by `used` working days may be extended by `days` more.
pub fn check_extension(days: u32, used: u32, max_total: u32) -> Result<(), ExtensionRefused> {
    let remaining = max_total.saturating_sub(used);
    if remaining == 0 {
        return Err(ExtensionRefused::Exhausted {
            max: max_total,
            used,
        });
    }
    if !(1..=remaining).contains(&days) {
        return Err(ExtensionRefused::OutOfRange {
            remaining,
            max: max_total,
        });
    }
    Ok(())
}

/// How many working days a deadline first set to `original` has been extended to reach `current`.
pub fn extended_so_far(calendar: &WorkCalendar, original: NaiveDate, current: NaiveDate) -> u32 {
    calendar.working_days_between(original, current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_add_up_to_the_limit_and_no_further() {
        assert_eq!(check_extension(10, 0, 10), Ok(()));
        assert_eq!(check_extension(4, 6, 10), Ok(()));
        assert_eq!(
            check_extension(5, 6, 10),
            Err(ExtensionRefused::OutOfRange {
                remaining: 4,
                max: 10
            })
        );
        assert_eq!(
            check_extension(1, 10, 10),
            Err(ExtensionRefused::Exhausted { max: 10, used: 10 })
        );
        assert_eq!(
            check_extension(0, 0, 10),
            Err(ExtensionRefused::OutOfRange {
                remaining: 10,
                max: 10
            })
        );
    }

    #[test]
    fn the_extension_used_is_counted_in_working_days() {
        let calendar = WorkCalendar::shipped().expect("calendar");
        let original = NaiveDate::from_ymd_opt(2026, 9, 30).expect("date");
        let extended = calendar.add_working_days(original, 3);
        assert_eq!(extended_so_far(&calendar, original, extended), 3);
        assert_eq!(extended_so_far(&calendar, original, original), 0);
    }
}
