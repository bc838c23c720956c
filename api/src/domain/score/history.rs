//! The score over time: the engine replayed on every day something could change (an item starts
//! or stops counting, a rulebook version takes effect), keeping the days on which it did.
//!
//! The replay reads the records as the archive holds them today, except that a repaired record
//! counts until the day its repair was approved. A revoked record (found wrong on objection) is
//! absent from the whole history: it should never have counted.

use super::engine::{ScoreOutcome, ScoreSheet, ScoredRecord, evaluate};
use super::rulebook::Rulebook;
use chengxin_types::{Grade, RecordStatus};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// A rulebook version and the first day it applies.
#[derive(Debug, Clone)]
pub struct RulebookVersion {
    pub effective_from: NaiveDate,
    pub rulebook: Rulebook,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    StartedCounting,
    StoppedCounting,
    /// Still counting, with other points (e.g. doubled as a repeat, or a new rulebook value).
    PointsChanged,
    RulebookChanged,
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::StartedCounting => "started_counting",
            ChangeKind::StoppedCounting => "stopped_counting",
            ChangeKind::PointsChanged => "points_changed",
            ChangeKind::RulebookChanged => "rulebook_changed",
        }
    }
}

/// One cause of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub record_id: Option<i64>,
    pub item_name: Option<String>,
    /// What this cause did to the score.
    pub points: i32,
}

/// The score from `on` until the next point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryPoint {
    pub on: NaiveDate,
    pub score: i32,
    pub grade: Grade,
    pub rulebook_version: u32,
    pub changes: Vec<Change>,
}

/// The version in effect on `day`: the latest start on or before it (the highest version wins a tie).
fn version_on(versions: &[RulebookVersion], day: NaiveDate) -> Option<&RulebookVersion> {
    versions
        .iter()
        .filter(|v| v.effective_from <= day)
        .max_by_key(|v| (v.effective_from, v.rulebook.version))
}

/// Every change of score or grade up to `today`, oldest first. The first point is the day the
/// first item started counting (or the day the rulebook first applied, if later).
pub fn score_history(
    versions: &[RulebookVersion],
    records: &[ScoredRecord],
    today: NaiveDate,
) -> Vec<HistoryPoint> {
    let mut days = BTreeSet::new();
    for version in versions {
        days.insert(version.effective_from);
        if let ScoreOutcome::Scored(sheet) = evaluate(&version.rulebook, records, today, true) {
            for line in sheet.lines {
                days.insert(line.valid_from);
                days.insert(line.valid_until);
            }
        }
    }
    for record in records {
        if let Some(repaired) = record.repaired_on {
            days.insert(repaired);
        }
    }
    let mut points: Vec<HistoryPoint> = Vec::new();
    let mut previous: Option<ScoreSheet> = None;
    for day in days.into_iter().filter(|d| *d <= today) {
        let as_of_day = as_they_stood(records, day);
        let Some(version) = version_on(versions, day) else {
            continue;
        };
        let ScoreOutcome::Scored(sheet) = evaluate(&version.rulebook, &as_of_day, day, true) else {
            continue;
        };
        let changes = match &previous {
            None => sheet
                .lines
                .iter()
                .filter(|l| l.counts && l.points != 0)
                .map(|l| Change {
                    kind: ChangeKind::StartedCounting,
                    record_id: Some(l.record_id),
                    item_name: Some(l.item_name.clone()),
                    points: l.points,
                })
                .collect(),
            Some(before) => differences(before, &sheet),
        };
        let moved = previous.as_ref().is_none_or(|before| {
            before.score != sheet.score
                || before.grade != sheet.grade
                || before.rulebook_version != sheet.rulebook_version
        });
        let first_with_items = previous.is_none() && !changes.is_empty();
        if (previous.is_some() && moved) || first_with_items {
            points.push(HistoryPoint {
                on: day,
                score: sheet.score,
                grade: sheet.grade,
                rulebook_version: sheet.rulebook_version,
                changes,
            });
        }
        if previous.is_some() || first_with_items {
            previous = Some(sheet);
        }
    }
    points
}

/// The records as they stood on `day`: a record repaired later was still in effect then.
fn as_they_stood(records: &[ScoredRecord], day: NaiveDate) -> Vec<ScoredRecord> {
    records
        .iter()
        .map(|r| match r.repaired_on {
            Some(repaired) if day < repaired && r.status == RecordStatus::Repaired => {
                ScoredRecord {
                    status: RecordStatus::Effective,
                    ..r.clone()
                }
            }
            _ => r.clone(),
        })
        .collect()
}

fn differences(before: &ScoreSheet, after: &ScoreSheet) -> Vec<Change> {
    let earlier: HashMap<i64, (bool, i32)> = before
        .lines
        .iter()
        .map(|l| (l.record_id, (l.counts, l.points)))
        .collect();
    let mut changes = Vec::new();
    if before.rulebook_version != after.rulebook_version {
        changes.push(Change {
            kind: ChangeKind::RulebookChanged,
            record_id: None,
            item_name: None,
            points: after.base - before.base,
        });
    }
    for line in &after.lines {
        let (counted, points_before) = earlier.get(&line.record_id).copied().unwrap_or((false, 0));
        let kind = match (counted, line.counts) {
            (false, true) => ChangeKind::StartedCounting,
            (true, false) => ChangeKind::StoppedCounting,
            (true, true) if points_before != line.points => ChangeKind::PointsChanged,
            _ => continue,
        };
        // A direct grade that starts or ends changes the grade, not the points; keep it too.
        if line.points == points_before && line.direct_grade.is_none() {
            continue;
        }
        changes.push(Change {
            kind,
            record_id: Some(line.record_id),
            item_name: Some(line.item_name.clone()),
            points: line.points - points_before,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn record(id: i64, item: &str, on: NaiveDate) -> ScoredRecord {
        ScoredRecord {
            record_id: id,
            item_code: item.to_string(),
            occurred_on: on,
            conduct_ended_on: None,
            act: None,
            status: RecordStatus::Effective,
            repaired_on: None,
        }
    }

    fn first_item(rulebook: &Rulebook, bonus: bool) -> String {
        rulebook
            .items
            .iter()
            .find(|i| match i.effect {
                super::super::ItemEffect::Points(p) => (p > 0) == bonus && p.abs() <= 40,
                super::super::ItemEffect::DirectGrade(_) => false,
            })
            .map(|i| i.code.clone())
            .expect("an item")
    }

    #[test]
    fn each_start_and_end_of_an_item_is_a_point_with_its_cause() {
        let rulebook = Rulebook::weihai_civil_servant();
        let deduction = first_item(&rulebook, false);
        let versions = [RulebookVersion {
            effective_from: d(2020, 1, 1),
            rulebook: rulebook.clone(),
        }];
        let records = [record(1, &deduction, d(2024, 3, 1))];
        let history = score_history(&versions, &records, d(2026, 11, 22));
        assert_eq!(history.len(), 2, "{history:?}");
        assert_eq!(history[0].on, d(2024, 3, 1));
        assert!(history[0].score < rulebook.base);
        assert_eq!(history[0].changes[0].kind, ChangeKind::StartedCounting);
        assert_eq!(
            history[1].on,
            d(2025, 3, 1),
            "a small deduction counts one year"
        );
        assert_eq!(history[1].score, rulebook.base);
        assert_eq!(history[1].changes[0].kind, ChangeKind::StoppedCounting);
    }

    #[test]
    fn a_repaired_record_counted_until_its_repair_day() {
        let rulebook = Rulebook::weihai_civil_servant();
        let deduction = first_item(&rulebook, false);
        let versions = [RulebookVersion {
            effective_from: d(2020, 1, 1),
            rulebook: rulebook.clone(),
        }];
        let mut repaired = record(1, &deduction, d(2026, 3, 1));
        repaired.status = RecordStatus::Repaired;
        repaired.repaired_on = Some(d(2026, 9, 1));
        let history = score_history(&versions, &[repaired], d(2026, 11, 22));
        assert_eq!(history.len(), 2, "{history:?}");
        assert_eq!(history[0].on, d(2026, 3, 1));
        assert!(history[0].score < rulebook.base);
        assert_eq!(history[1].on, d(2026, 9, 1));
        assert_eq!(history[1].score, rulebook.base);
        assert_eq!(history[1].changes[0].kind, ChangeKind::StoppedCounting);
    }

    #[test]
    fn a_new_rulebook_version_is_a_cause() {
        let rulebook = Rulebook::weihai_civil_servant();
        let bonus = first_item(&rulebook, true);
        let mut next = rulebook.clone();
        next.version += 1;
        next.base += 10;
        let versions = [
            RulebookVersion {
                effective_from: d(2020, 1, 1),
                rulebook,
            },
            RulebookVersion {
                effective_from: d(2026, 1, 1),
                rulebook: next,
            },
        ];
        let records = [record(1, &bonus, d(2025, 6, 1))];
        let history = score_history(&versions, &records, d(2026, 11, 22));
        let change = history
            .iter()
            .find(|p| p.on == d(2026, 1, 1))
            .expect("a point when the new version applies");
        assert_eq!(change.changes[0].kind, ChangeKind::RulebookChanged);
        assert_eq!(change.changes[0].points, 10);
    }
}
