//! Rectification of government breaches of trust (政务失信整改). The plans: a body with a breach
//! record "书面说明原因并限期加以整改", loses its eligibility for honours and is criticised in
//! public; bodies at risk get "提醒、警示、约谈"; the target is a rectification rate of 100 %.
//!
//! Which records are government breaches, the case's state machine, the order of escalation, what
//! counts as rectified on time, and the rate: pure rules, tested here.

use super::WorkCalendar;
use chengxin_types::{Escalation, RectificationStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// *configurable*
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RectificationRules {
    /// Working days the credit office has to set the deadline of a newly opened case.
    pub assign_days: u32,
    /// The longest deadline the office may set, in working days (a deadline is at least one).
    pub max_deadline_days: u32,
    /// The longest period a body may be barred from honours, in months.
    pub max_honours_months: u32,
    /// The record kinds that are government breaches of trust when their subject is a government
    /// body: each opens a rectification case once in effect.
    pub breach_kinds: Vec<String>,
}

impl Default for RectificationRules {
    fn default() -> Self {
        RectificationRules {
            assign_days: 5,
            max_deadline_days: 60,
            max_honours_months: 60,
            breach_kinds: [
                GOV_BREACH_REPORTED,
                COMPLAINT_SUBSTANTIATED,
                COMMITMENT_BREACHED,
                "gov_contract_breach",
                "judgment_debtor_org",
                "arrears_to_private_firms",
            ]
            .map(str::to_string)
            .to_vec(),
        }
    }
}

/// The kind a department reports a government breach under (政务失信记录).
pub const GOV_BREACH_REPORTED: &str = "gov_breach";
/// The kind of the record a complaint found true leaves on the body.
pub const COMPLAINT_SUBSTANTIATED: &str = "gov_complaint_substantiated";
/// The kind of the record a breached commitment leaves on its subject.
pub const COMMITMENT_BREACHED: &str = "commitment_breach";

impl RectificationRules {
    /// Whether a record of `kind_code` about an organisation of `org_kind` is a government breach
    /// of trust, to be rectified.
    pub fn is_government_breach(&self, kind_code: &str, org_kind: &str) -> bool {
        org_kind == "government_body" && self.breach_kinds.iter().any(|k| k == kind_code)
    }

    /// The day by which the office is to set the deadline of a case opened `today`.
    pub fn assign_due(&self, calendar: &WorkCalendar, today: NaiveDate) -> NaiveDate {
        calendar.add_working_days(today, self.assign_days)
    }

    /// The deadline `working_days` from `today`, if the office may set it.
    pub fn deadline(
        &self,
        calendar: &WorkCalendar,
        today: NaiveDate,
        working_days: u32,
    ) -> Result<NaiveDate, RectificationError> {
        if working_days == 0 || working_days > self.max_deadline_days {
            return Err(RectificationError::DeadlineOutOfRange(
                self.max_deadline_days,
            ));
        }
        Ok(calendar.add_working_days(today, working_days))
    }
}

/// What the credit office or the body does to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RectificationAction {
    SetDeadline,
    SubmitReport,
    Accept,
    Return,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RectificationError {
    #[error("整改已完成，不能再办理")]
    Closed,
    #[error("当前状态（{0}）不允许此操作")]
    NotNow(&'static str),
    #[error("整改期限应为 1 至 {0} 个工作日")]
    DeadlineOutOfRange(u32),
    #[error("只有逾期未提交整改报告的案件才能督办")]
    NotOverdue,
    #[error("督办应逐级进行：下一步为“{0}”")]
    OutOfOrder(&'static str),
    #[error("督办日期不能早于整改期限届满之后，也不能晚于今天")]
    EscalationDate,
}

impl RectificationError {
    /// The English message, for callers who asked for English.
    pub fn english(&self) -> String {
        match self {
            RectificationError::Closed => "The case is rectified and closed".into(),
            RectificationError::NotNow(status) => {
                format!("Not allowed while the case is {status}")
            }
            RectificationError::DeadlineOutOfRange(max) => {
                format!("The deadline must be 1 to {max} working days")
            }
            RectificationError::NotOverdue => {
                "Only a case overdue for its report can be escalated".into()
            }
            RectificationError::OutOfOrder(next) => {
                format!("Escalation goes one level at a time: next is {next}")
            }
            RectificationError::EscalationDate => {
                "The escalation date must be after the deadline and not after today".into()
            }
        }
    }
}

pub fn is_open(status: RectificationStatus) -> bool {
    !matches!(
        status,
        RectificationStatus::Rectified | RectificationStatus::Withdrawn
    )
}

pub fn next_status(
    status: RectificationStatus,
    action: RectificationAction,
) -> Result<RectificationStatus, RectificationError> {
    use RectificationAction as A;
    use RectificationStatus as S;
    match (status, action) {
        (S::Rectified | S::Withdrawn, _) => Err(RectificationError::Closed),
        (S::Opened, A::SetDeadline) => Ok(S::AwaitingReport),
        (S::AwaitingReport, A::SubmitReport) => Ok(S::ReportSubmitted),
        (S::ReportSubmitted, A::Accept) => Ok(S::Rectified),
        (S::ReportSubmitted, A::Return) => Ok(S::AwaitingReport),
        (other, _) => Err(RectificationError::NotNow(other.label_zh())),
    }
}

/// Checks an escalation to `level` on `on` of a case awaiting its report by `report_due`: only an
/// overdue case, one level at a time, dated after the deadline and not in the future.
pub fn check_escalation(
    status: RectificationStatus,
    report_due: Option<NaiveDate>,
    current: Escalation,
    level: Escalation,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), RectificationError> {
    if !is_open(status) {
        return Err(RectificationError::Closed);
    }
    let Some(due) =
        report_due.filter(|due| status == RectificationStatus::AwaitingReport && today > *due)
    else {
        return Err(RectificationError::NotOverdue);
    };
    match current.next() {
        Some(next) if next == level => {}
        Some(next) => return Err(RectificationError::OutOfOrder(next.label_zh())),
        None => return Err(RectificationError::OutOfOrder(current.label_zh())),
    }
    if on <= due || on > today {
        return Err(RectificationError::EscalationDate);
    }
    Ok(())
}

/// The name of the case step an escalation records.
pub fn escalation_action(level: Escalation) -> &'static str {
    match level {
        Escalation::None => "escalated",
        Escalation::Reminder => "reminded",
        Escalation::Warning => "warned",
        Escalation::Interview => "interviewed",
    }
}

/// Whether a case whose accepted report came on `submitted_on` was rectified on time: against
/// the first deadline set, so a report sent back and redone late counts as late.
pub fn on_time(first_due: Option<NaiveDate>, submitted_on: Option<NaiveDate>) -> bool {
    matches!((first_due, submitted_on), (Some(due), Some(on)) if on <= due)
}

/// Rectified on time against cases due, where some are due.
pub fn rate(rectified_on_time: i64, due: i64) -> Option<f64> {
    (due > 0).then(|| rectified_on_time as f64 / due as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RectificationStatus as S;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_case_goes_from_deadline_to_report_to_acceptance_and_back_only_from_review() {
        use RectificationAction as A;
        assert_eq!(
            next_status(S::Opened, A::SetDeadline),
            Ok(S::AwaitingReport)
        );
        assert_eq!(
            next_status(S::AwaitingReport, A::SubmitReport),
            Ok(S::ReportSubmitted)
        );
        assert_eq!(next_status(S::ReportSubmitted, A::Accept), Ok(S::Rectified));
        assert_eq!(
            next_status(S::ReportSubmitted, A::Return),
            Ok(S::AwaitingReport)
        );
        assert_eq!(
            next_status(S::Opened, A::SubmitReport),
            Err(RectificationError::NotNow("待定整改期限"))
        );
        assert_eq!(
            next_status(S::AwaitingReport, A::Accept),
            Err(RectificationError::NotNow("整改中，待提交整改报告"))
        );
        assert_eq!(
            next_status(S::Rectified, A::Return),
            Err(RectificationError::Closed)
        );
        assert!(!is_open(S::Rectified) && is_open(S::ReportSubmitted));
    }

    #[test]
    fn escalation_needs_an_overdue_case_and_goes_one_level_at_a_time() {
        let due = Some(day("2026-03-10"));
        let today = day("2026-03-20");
        let check = |current, level, on| {
            check_escalation(S::AwaitingReport, due, current, level, day(on), today)
        };
        assert_eq!(
            check(Escalation::None, Escalation::Reminder, "2026-03-11"),
            Ok(())
        );
        assert_eq!(
            check(Escalation::None, Escalation::Warning, "2026-03-11"),
            Err(RectificationError::OutOfOrder("已提醒"))
        );
        assert_eq!(
            check(Escalation::Reminder, Escalation::Warning, "2026-03-20"),
            Ok(())
        );
        assert_eq!(
            check(Escalation::Interview, Escalation::Interview, "2026-03-12"),
            Err(RectificationError::OutOfOrder("已约谈"))
        );
        // On the deadline day itself the body is still in time; nor can the office date the
        // escalation in the future.
        assert_eq!(
            check(Escalation::None, Escalation::Reminder, "2026-03-10"),
            Err(RectificationError::EscalationDate)
        );
        assert_eq!(
            check(Escalation::None, Escalation::Reminder, "2026-03-21"),
            Err(RectificationError::EscalationDate)
        );
        assert_eq!(
            check_escalation(
                S::AwaitingReport,
                due,
                Escalation::None,
                Escalation::Reminder,
                day("2026-03-10"),
                day("2026-03-10")
            ),
            Err(RectificationError::NotOverdue)
        );
        // A report in hand is not overdue, whatever the date.
        assert_eq!(
            check_escalation(
                S::ReportSubmitted,
                due,
                Escalation::None,
                Escalation::Reminder,
                day("2026-03-11"),
                today
            ),
            Err(RectificationError::NotOverdue)
        );
    }

    #[test]
    fn on_time_is_judged_against_the_first_deadline() {
        let first = Some(day("2026-03-10"));
        assert!(on_time(first, Some(day("2026-03-10"))));
        assert!(!on_time(first, Some(day("2026-03-11"))));
        assert!(!on_time(None, Some(day("2026-03-01"))));
        assert_eq!(rate(3, 4), Some(0.75));
        assert_eq!(rate(0, 0), None);
    }

    #[test]
    fn only_listed_kinds_about_government_bodies_are_government_breaches() {
        let rules = RectificationRules::default();
        assert!(rules.is_government_breach(COMPLAINT_SUBSTANTIATED, "government_body"));
        assert!(rules.is_government_breach("judgment_debtor_org", "government_body"));
        assert!(!rules.is_government_breach("judgment_debtor_org", "enterprise"));
        assert!(!rules.is_government_breach("org_commendation", "government_body"));
    }

    #[test]
    fn a_deadline_is_one_to_the_configured_number_of_working_days() {
        let rules = RectificationRules::default();
        let calendar = WorkCalendar::default();
        // Friday 2026-03-06 + 1 working day is Monday.
        assert_eq!(
            rules.deadline(&calendar, day("2026-03-06"), 1),
            Ok(day("2026-03-09"))
        );
        assert_eq!(
            rules.deadline(&calendar, day("2026-03-06"), 0),
            Err(RectificationError::DeadlineOutOfRange(60))
        );
        assert_eq!(
            rules.deadline(&calendar, day("2026-03-06"), 61),
            Err(RectificationError::DeadlineOutOfRange(60))
        );
    }
}
