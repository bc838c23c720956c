//! The demo district's rectification history: every government breach record of the demo opens
//! a case on its day, and the cases went as they do in a district — most rectified in time, some
//! late, some overdue and escalated, the newest still open — so the workspace and the figures
//! have something to show on first start.

use crate::domain::WorkCalendar;
use crate::domain::rectification::RectificationRules;
use crate::store::{RectificationHistory, Store};
use chengxin_types::Escalation;
use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Working days the demo's office gives a body to put a breach right.
const DEADLINE_DAYS: u32 = 15;

const EXPLANATION: &str =
    "经自查，失信原因是机构调整后合同履行责任未及时交接，相关款项未按约定时间支付。";
const REPORT: &str =
    "已召开专题会议研究整改，款项已全额支付，建立合同履约台账并明确责任人，每月核对一次。";

pub async fn seed_rectifications(
    store: &Store,
    seed: u64,
    anchor: NaiveDate,
) -> anyhow::Result<()> {
    let rules = RectificationRules::default();
    let calendar = store.work_calendar().await?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5a47);
    for record in store.records_without_rectification().await? {
        if !rules.is_government_breach(&record.kind_code, &record.org_kind) {
            continue;
        }
        let opened_on = calendar.add_working_days(record.decided_on, 1).min(anchor);
        let history = history_of(&mut rng, &calendar, &rules, anchor, opened_on);
        store
            .insert_rectification_history(&RectificationHistory {
                record_id: record.record_id,
                body_org_id: record.organisation_id,
                ..history
            })
            .await?;
    }
    Ok(())
}

/// How one case went, up to `anchor`.
fn history_of(
    rng: &mut ChaCha8Rng,
    calendar: &WorkCalendar,
    rules: &RectificationRules,
    anchor: NaiveDate,
    opened_on: NaiveDate,
) -> RectificationHistory {
    let mut history = RectificationHistory {
        record_id: 0,
        body_org_id: 0,
        opened_on,
        assign_due: rules.assign_due(calendar, opened_on),
        deadline: None,
        escalations: Vec::new(),
        report: None,
        accepted_on: None,
    };
    let set_on = calendar.add_working_days(opened_on, rng.random_range(1..=3));
    if set_on > anchor {
        return history;
    }
    let due = calendar.add_working_days(set_on, DEADLINE_DAYS);
    history.deadline = Some((set_on, due));
    let fate: f64 = rng.random();
    let report_on = if fate < 0.75 {
        // In time: a few days before the deadline.
        calendar.add_working_days(set_on, rng.random_range(5..=DEADLINE_DAYS))
    } else if fate < 0.9 {
        // Late, after a reminder.
        let reminded = calendar.add_working_days(due, 2);
        if reminded <= anchor {
            history.escalations.push((
                reminded,
                Escalation::Reminder,
                "电话提醒，要求五个工作日内提交整改报告".to_string(),
            ));
        }
        calendar.add_working_days(due, rng.random_range(4..=12))
    } else {
        // Still overdue: reminded, warned and, the longest overdue, called in for an interview.
        for (days, level, note) in [
            (
                2,
                Escalation::Reminder,
                "电话提醒，要求五个工作日内提交整改报告",
            ),
            (10, Escalation::Warning, "书面警示，逾期仍未整改"),
            (20, Escalation::Interview, "约谈主要负责人，督促限期整改"),
        ] {
            let on = calendar.add_working_days(due, days);
            if on <= anchor {
                history.escalations.push((on, level, note.to_string()));
            }
        }
        return history;
    };
    if report_on > anchor {
        return history;
    }
    history.report = Some((report_on, EXPLANATION.to_string(), REPORT.to_string()));
    let accepted_on = calendar.add_working_days(report_on, rng.random_range(1..=4));
    if accepted_on <= anchor {
        history.accepted_on = Some(accepted_on);
    }
    history
}
