//! The working-day calendar: weekends, public holidays and weekend make-up workdays (调休上班).
//!
//! Legal deadlines (3, 7, 10 working days) are counted here. The data comes from a CSV file
//! shipped with the server and from the database, so a new year is added by data, not by code.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// The national data shipped with this release (2025–2026 official, 2027 provisional).
pub const SHIPPED_CALENDAR_CSV: &str = include_str!("../../calendar/cn-holidays.csv");

/// What a listed day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A day off (放假), even if it falls on a weekday.
    Holiday,
    /// A working day (调休上班), even if it falls on a weekend.
    Workday,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// One listed day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// A line of calendar data that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("日历数据第 {line} 行有误：{message}")]
pub struct CalendarParseError {
    pub line: usize,
    pub message: String,
}

/// Working days over the Monday–Friday week, corrected by listed holidays and make-up workdays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    special: BTreeMap<NaiveDate, DayKind>,
}

impl WorkCalendar {
    /// The calendar of the shipped data alone.
    pub fn shipped() -> Result<Self, CalendarParseError> {
        Ok(Self::from_days(parse_csv(SHIPPED_CALENDAR_CSV)?))
    }

    pub fn from_days(days: impl IntoIterator<Item = SpecialDay>) -> Self {
        let mut calendar = WorkCalendar::default();
        calendar.extend(days);
        calendar
    }

    /// Adds or overrides days; a later entry for the same date wins.
    pub fn extend(&mut self, days: impl IntoIterator<Item = SpecialDay>) {
        self.special
            .extend(days.into_iter().map(|d| (d.date, d.kind)));
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.special.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The day on which a period of `n` working days that starts on `start` ends: the n-th working
    /// day after `start` (the start day itself does not count, as in administrative practice).
    /// With `n == 0` the start day itself.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Whether a duty of `n` working days from `start` is overdue on `today`: the deadline day still
    /// counts as in time.
    pub fn is_overdue(&self, start: NaiveDate, n: u32, today: NaiveDate) -> bool {
        today > self.add_working_days(start, n)
    }

    /// Working days from `today` to `due`: 0 when due today, negative once it has passed (the
    /// traffic light of a deadline in the workspace and on each open case).
    pub fn working_days_left(&self, today: NaiveDate, due: NaiveDate) -> i64 {
        if due >= today {
            i64::from(self.working_days_between(today, due))
        } else {
            -i64::from(self.working_days_between(due, today))
        }
    }

    /// Working days after `start` up to and including `end` (0 when `end <= start`), e.g. how long a
    /// penalty took to be published.
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        start
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= end)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }
}

/// Reads calendar CSV: `date,kind,name` with a header line; `#` starts a comment line.
pub fn parse_csv(text: &str) -> Result<Vec<SpecialDay>, CalendarParseError> {
    let mut days = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') || line.starts_with("date,") {
            continue;
        }
        let error = |message: String| CalendarParseError {
            line: index + 1,
            message,
        };
        let mut fields = line.splitn(3, ',');
        let (date, kind, name) = (
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
        );
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| error(format!("日期“{date}”应为 YYYY-MM-DD")))?;
        let kind = DayKind::from_code(kind.trim())
            .ok_or_else(|| error(format!("类型“{kind}”应为 holiday 或 workday")))?;
        days.push(SpecialDay {
            date,
            kind,
            name: name.trim().to_string(),
        });
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn days_left_count_working_days_and_go_negative_when_passed() {
        let calendar = WorkCalendar::shipped().expect("calendar");
        // Friday 2026-11-27 to Tuesday 2026-12-01: Monday and Tuesday.
        assert_eq!(
            calendar.working_days_left(d(2026, 11, 27), d(2026, 12, 1)),
            2
        );
        assert_eq!(
            calendar.working_days_left(d(2026, 12, 1), d(2026, 12, 1)),
            0
        );
        assert_eq!(
            calendar.working_days_left(d(2026, 12, 1), d(2026, 11, 27)),
            -2
        );
    }

    fn calendar() -> WorkCalendar {
        WorkCalendar::shipped().expect("shipped data parses")
    }

    #[test]
    fn shipped_data_covers_2025_to_2027() {
        let days = parse_csv(SHIPPED_CALENDAR_CSV).expect("parses");
        for year in [2025, 2026, 2027] {
            assert!(
                days.iter().any(|s| s.date.year() == year),
                "no data for {year}"
            );
        }
    }

    #[test]
    fn holidays_and_make_up_workdays() {
        let c = calendar();
        assert!(!c.is_working_day(d(2026, 10, 1)), "National Day is off");
        assert!(
            c.is_working_day(d(2026, 10, 10)),
            "Saturday make-up workday"
        );
        assert!(
            c.is_working_day(d(2026, 2, 14)),
            "Saturday before Spring Festival is a workday"
        );
        assert!(
            !c.is_working_day(d(2026, 2, 16)),
            "Spring Festival Monday is off"
        );
        assert!(!c.is_working_day(d(2026, 11, 21)), "an ordinary Saturday");
        assert!(c.is_working_day(d(2026, 11, 23)), "an ordinary Monday");
    }

    #[test]
    fn ten_working_days_across_national_day() {
        // Filed Wednesday 2026-09-30. Off 10-01..10-07, make-up workday Saturday 10-10.
        // Working days after: 10-08 (1), 10-09 (2), 10-10 (3), 10-12..16 (4–8), 10-19 (9), 10-20 (10).
        let c = calendar();
        assert_eq!(c.add_working_days(d(2026, 9, 30), 10), d(2026, 10, 20));
        assert!(!c.is_overdue(d(2026, 9, 30), 10, d(2026, 10, 20)));
        assert!(c.is_overdue(d(2026, 9, 30), 10, d(2026, 10, 21)));
    }

    #[test]
    fn three_working_days_across_spring_festival_2026() {
        // Filed Friday 2026-02-13; 02-14 is a make-up workday, 02-15..23 off.
        let c = calendar();
        assert_eq!(c.add_working_days(d(2026, 2, 13), 1), d(2026, 2, 14));
        assert_eq!(c.add_working_days(d(2026, 2, 13), 3), d(2026, 2, 25));
    }

    #[test]
    fn plain_weeks_without_data() {
        let c = WorkCalendar::default();
        assert_eq!(
            c.add_working_days(d(2030, 1, 4), 1),
            d(2030, 1, 7),
            "Friday + 1 is Monday"
        );
        assert_eq!(c.add_working_days(d(2030, 1, 4), 0), d(2030, 1, 4));
        assert_eq!(c.working_days_between(d(2030, 1, 4), d(2030, 1, 11)), 5);
        assert_eq!(c.working_days_between(d(2030, 1, 11), d(2030, 1, 4)), 0);
    }

    #[test]
    fn a_later_year_is_added_by_data() {
        let mut c = calendar();
        assert!(c.is_working_day(d(2028, 1, 3)));
        c.extend(parse_csv("date,kind,name\n2028-01-03,holiday,元旦\n").expect("parses"));
        assert!(!c.is_working_day(d(2028, 1, 3)));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let error = parse_csv("date,kind,name\n2026-13-01,holiday,x\n").expect_err("bad date");
        assert_eq!(error.line, 2);
        assert!(parse_csv("2026-01-01,vacation,x").is_err());
    }

    proptest! {
        #[test]
        fn counting_agrees_with_adding(start in 0i64..1500, n in 0u32..40) {
            let c = calendar();
            let start = d(2025, 1, 1) + chrono::Duration::days(start);
            let end = c.add_working_days(start, n);
            prop_assert_eq!(c.working_days_between(start, end), n);
            prop_assert!(n == 0 || c.is_working_day(end));
        }
    }
}
