//! 双公示 timeliness: decisions must be published within a number of working days (7 nationally).
//!
//! The time runs from the decision date to the day the decision was first public, whatever
//! happened in between (returned to the reporter and sent again, exempted, withdrawn later); a
//! decision never published is overdue once the limit has passed.

use super::WorkCalendar;
use chengxin_types::{PublicationFigures, PublicationMonth, PublicationTimeliness};
use chrono::{Datelike, Months, NaiveDate};

/// Decisions decided on one day and published on one day (or not yet).
#[derive(Debug, Clone, Copy)]
pub struct DecisionDates {
    pub is_penalty: bool,
    pub decided_on: NaiveDate,
    pub published_on: Option<NaiveDate>,
    pub count: i64,
}

#[derive(Default)]
struct Tally {
    published: i64,
    on_time: i64,
    late: i64,
    unpublished_overdue: i64,
    working_days: i64,
}

impl Tally {
    fn add(&mut self, d: &DecisionDates, calendar: &WorkCalendar, limit: u32, today: NaiveDate) {
        match d.published_on {
            Some(published) => {
                let days = calendar.working_days_between(d.decided_on, published);
                self.published += d.count;
                self.working_days += i64::from(days) * d.count;
                if days <= limit {
                    self.on_time += d.count;
                } else {
                    self.late += d.count;
                }
            }
            None if calendar.is_overdue(d.decided_on, limit, today) => {
                self.unpublished_overdue += d.count;
            }
            None => {}
        }
    }

    fn view(self) -> PublicationTimeliness {
        let share = |n: i64| (self.published > 0).then(|| n as f64 / self.published as f64);
        PublicationTimeliness {
            published: self.published,
            on_time: self.on_time,
            late: self.late,
            unpublished_overdue: self.unpublished_overdue,
            average_working_days: share(self.working_days).map(|d| (d * 10.0).round() / 10.0),
            on_time_rate: share(self.on_time),
        }
    }
}

/// The figures of one body's decisions.
pub fn figures(
    dates: impl IntoIterator<Item = DecisionDates>,
    calendar: &WorkCalendar,
    limit: u32,
    today: NaiveDate,
) -> PublicationFigures {
    let (mut penalties, mut licences) = (Tally::default(), Tally::default());
    for d in dates {
        let tally = if d.is_penalty {
            &mut penalties
        } else {
            &mut licences
        };
        tally.add(&d, calendar, limit, today);
    }
    PublicationFigures {
        limit_working_days: limit,
        penalties: penalties.view(),
        licences: licences.view(),
    }
}

/// The last `months` calendar months up to `today`'s, oldest first, each with how its decisions
/// were published. Decisions outside those months are left out.
pub fn by_month(
    dates: impl IntoIterator<Item = DecisionDates>,
    calendar: &WorkCalendar,
    limit: u32,
    today: NaiveDate,
    months: u32,
) -> Vec<PublicationMonth> {
    let this_month = today.with_day(1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(months.saturating_sub(1)))
        .unwrap_or(this_month);
    let mut series: Vec<PublicationMonth> = (0..months)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|start| PublicationMonth {
            month: start.format("%Y-%m").to_string(),
            on_time: 0,
            late: 0,
            unpublished_overdue: 0,
            pending: 0,
        })
        .collect();
    for d in dates {
        if d.decided_on < first || d.decided_on > today {
            continue;
        }
        let index = (d.decided_on.year() - first.year()) * 12 + d.decided_on.month() as i32
            - first.month() as i32;
        let Some(month) = usize::try_from(index).ok().and_then(|i| series.get_mut(i)) else {
            continue;
        };
        let slot = match d.published_on {
            Some(published) if calendar.working_days_between(d.decided_on, published) <= limit => {
                &mut month.on_time
            }
            Some(_) => &mut month.late,
            None if calendar.is_overdue(d.decided_on, limit, today) => {
                &mut month.unpublished_overdue
            }
            None => &mut month.pending,
        };
        *slot += d.count;
    }
    series
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn seven_working_days_are_on_time_and_the_holiday_does_not_count() {
        let calendar = WorkCalendar::shipped().expect("calendar");
        // Decided Thursday 2025-09-25: across National Day, with the make-up Sunday 9-28 and
        // Saturday 10-11, the seventh working day is 10-11; 10-13 is the eighth.
        let decided = d(2025, 9, 25);
        let dates = [
            DecisionDates {
                is_penalty: true,
                decided_on: decided,
                published_on: Some(d(2025, 10, 11)),
                count: 3,
            },
            DecisionDates {
                is_penalty: true,
                decided_on: decided,
                published_on: Some(d(2025, 10, 13)),
                count: 1,
            },
            DecisionDates {
                is_penalty: true,
                decided_on: d(2025, 9, 1),
                published_on: None,
                count: 2,
            },
            DecisionDates {
                is_penalty: false,
                decided_on: decided,
                published_on: Some(d(2025, 9, 26)),
                count: 1,
            },
        ];
        let figures = figures(dates, &calendar, 7, d(2025, 11, 1));
        // The two unpublished decisions are overdue whether they wait for review, were returned
        // or were exempted: nothing in between stops the clock.
        assert_eq!(figures.penalties.published, 4);
        assert_eq!(figures.penalties.on_time, 3, "{figures:?}");
        assert_eq!(figures.penalties.late, 1);
        assert_eq!(figures.penalties.unpublished_overdue, 2);
        assert_eq!(figures.penalties.on_time_rate, Some(0.75));
        assert_eq!(figures.licences.average_working_days, Some(1.0));
    }

    #[test]
    fn the_months_count_each_decision_in_the_month_it_was_decided() {
        let calendar = WorkCalendar::shipped().expect("calendar");
        let at = |decided_on, published_on, count| DecisionDates {
            is_penalty: count % 2 == 0,
            decided_on,
            published_on,
            count,
        };
        let dates = [
            // Before the window: left out.
            at(d(2025, 7, 31), Some(d(2025, 8, 1)), 100),
            at(d(2025, 8, 4), Some(d(2025, 8, 5)), 2),
            at(d(2025, 8, 4), Some(d(2025, 9, 30)), 1),
            at(d(2025, 9, 1), None, 3),
            // Decided four working days ago: still within the limit.
            at(d(2025, 10, 27), None, 4),
        ];
        let months = by_month(dates, &calendar, 7, d(2025, 10, 31), 3);
        let months: Vec<_> = months
            .iter()
            .map(|m| {
                (
                    m.month.as_str(),
                    m.on_time,
                    m.late,
                    m.unpublished_overdue,
                    m.pending,
                )
            })
            .collect();
        assert_eq!(
            months,
            [
                ("2025-08", 2, 1, 0, 0),
                ("2025-09", 0, 0, 3, 0),
                ("2025-10", 0, 0, 0, 4),
            ]
        );
    }
}
