//! Applies a rulebook to a subject's records on a given day and explains every point.

use super::rulebook::{ItemEffect, Rulebook};
use chengxin_types::{Grade, RecordStatus};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// A record as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoredRecord {
    pub record_id: i64,
    /// The rulebook item this record falls under.
    pub item_code: String,
    pub occurred_on: NaiveDate,
    /// For continuing conduct, validity runs from the day it ended.
    pub conduct_ended_on: Option<NaiveDate>,
    /// Records that arise from one act share a key; the act counts once, at its heaviest item.
    pub act: Option<String>,
    pub status: RecordStatus,
    /// For a repaired record, the day the repair was approved: before it the record was in effect
    /// (the score history replays that; today's score only needs the status).
    pub repaired_on: Option<NaiveDate>,
}

/// The result of scoring: a sheet, or the reason there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ScoreOutcome {
    Scored(ScoreSheet),
    NotScored {
        reason: NotScoredReason,
        lines: Vec<ScoreLine>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotScoredReason {
    /// The rulebook needs consent and the person has not given it.
    NoConsent,
}

/// A score with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreSheet {
    pub rulebook_code: String,
    pub rulebook_version: u32,
    pub as_of: NaiveDate,
    pub base: i32,
    pub score: i32,
    /// The grade the score alone falls into.
    pub band_grade: Grade,
    /// The worst direct grade in force, if any, and the record that set it.
    pub direct_grade: Option<DirectGradeInForce>,
    /// The grade that applies: the worse of the band grade and any direct grade, so bonus points
    /// never lift a directly set grade.
    pub grade: Grade,
    pub lines: Vec<ScoreLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DirectGradeInForce {
    pub grade: Grade,
    pub record_id: i64,
    pub until: NaiveDate,
}

/// One record's part in the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreLine {
    pub record_id: i64,
    pub item_code: String,
    pub item_name: String,
    /// The item's points by the rulebook (none for a direct grade).
    pub rule_points: Option<i32>,
    /// 1, or the repeat multiplier when this is a repeated breach.
    pub multiplier: i32,
    /// Points this line adds to the score now (0 when it does not count).
    pub points: i32,
    pub direct_grade: Option<Grade>,
    pub valid_from: NaiveDate,
    /// First day on which the item no longer counts.
    pub valid_until: NaiveDate,
    pub counts: bool,
    pub reason: LineReason,
}

/// Why a line counts, or why it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineReason {
    Counts,
    /// The same kind of breach within the validity of an earlier one: counts multiplied.
    Repeated {
        previous_record_id: i64,
    },
    Expired,
    NotYetValid,
    /// Another item of the same act is heavier and counts instead.
    SameActHeavier {
        counted_record_id: i64,
    },
    Exempt,
    Repaired,
    Revoked,
    /// Not (yet) in effect: pending review or returned.
    NotEffective,
    /// The record names an item this rulebook does not have.
    UnknownItem,
}

impl LineReason {
    /// A stable code for the wire.
    pub fn code(&self) -> &'static str {
        match self {
            LineReason::Counts => "counts",
            LineReason::Repeated { .. } => "repeated",
            LineReason::Expired => "expired",
            LineReason::NotYetValid => "not_yet_valid",
            LineReason::SameActHeavier { .. } => "same_act_heavier",
            LineReason::Exempt => "exempt",
            LineReason::Repaired => "repaired",
            LineReason::Revoked => "revoked",
            LineReason::NotEffective => "not_effective",
            LineReason::UnknownItem => "unknown_item",
        }
    }

    /// A sentence for people, in English.
    pub fn explain_en(&self) -> String {
        match self {
            LineReason::Counts => "Within its validity: counts in the score".to_string(),
            LineReason::Repeated { previous_record_id } => format!(
                "The same kind of breach again within the validity of record {previous_record_id}: counts double"
            ),
            LineReason::Expired => {
                "Validity has ended: kept in the archive, no longer counts".to_string()
            }
            LineReason::NotYetValid => {
                "The conduct is dated after the scoring day: does not count yet".to_string()
            }
            LineReason::SameActHeavier { counted_record_id } => format!(
                "Same act as record {counted_record_id}, which is heavier and counts instead"
            ),
            LineReason::Exempt => {
                "Meets the exemption criteria: never counts as a breach".to_string()
            }
            LineReason::Repaired => "Credit repaired: no longer counts".to_string(),
            LineReason::Revoked => "The record was revoked: does not count".to_string(),
            LineReason::NotEffective => {
                "Not in effect (pending review or returned): does not count".to_string()
            }
            LineReason::UnknownItem => {
                "This rulebook version has no such item: does not count".to_string()
            }
        }
    }

    /// A sentence for people, in Chinese.
    pub fn explain_zh(&self) -> String {
        match self {
            LineReason::Counts => "在有效期内，计入积分".to_string(),
            LineReason::Repeated { previous_record_id } => {
                format!("在第 {previous_record_id} 号记录的有效期内再次发生同类失信行为，加倍计分")
            }
            LineReason::Expired => "已过有效期，保留在档案中但不再计分".to_string(),
            LineReason::NotYetValid => "行为日期晚于计分日，尚未计分".to_string(),
            LineReason::SameActHeavier { counted_record_id } => {
                format!("与第 {counted_record_id} 号记录属同一行为，按最重一项计分，本项不重复计分")
            }
            LineReason::Exempt => "符合容错免责情形，不作为失信计分".to_string(),
            LineReason::Repaired => "已完成信用修复，不再计分".to_string(),
            LineReason::Revoked => "记录已撤销，不计分".to_string(),
            LineReason::NotEffective => "记录尚未生效（待审核或已退回），不计分".to_string(),
            LineReason::UnknownItem => "本规则版本中没有对应的评分项目，不计分".to_string(),
        }
    }
}

/// Scores a subject on `today` with `rulebook`. `consented` matters only when the rulebook
/// requires consent.
pub fn evaluate(
    rulebook: &Rulebook,
    records: &[ScoredRecord],
    today: NaiveDate,
    consented: bool,
) -> ScoreOutcome {
    let mut lines: Vec<ScoreLine> = records
        .iter()
        .map(|r| first_pass(rulebook, r, today))
        .collect();
    count_each_act_once(&mut lines, records, rulebook);
    double_repeats(&mut lines, rulebook);
    lines.sort_by(|a, b| {
        b.valid_from
            .cmp(&a.valid_from)
            .then(a.record_id.cmp(&b.record_id))
    });

    if rulebook.requires_consent && !consented {
        for line in &mut lines {
            line.points = 0;
        }
        return ScoreOutcome::NotScored {
            reason: NotScoredReason::NoConsent,
            lines,
        };
    }

    let score = rulebook
        .base
        .saturating_add(lines.iter().map(|l| l.points).sum::<i32>());
    let band_grade = rulebook.band_grade(score);
    let direct_grade = lines
        .iter()
        .filter(|l| l.counts)
        .filter_map(|l| {
            l.direct_grade.map(|grade| DirectGradeInForce {
                grade,
                record_id: l.record_id,
                until: l.valid_until,
            })
        })
        .max_by(|a, b| {
            a.grade
                .rank()
                .cmp(&b.grade.rank())
                .then(a.until.cmp(&b.until))
        });
    let grade = direct_grade.map_or(band_grade, |d| band_grade.worse(d.grade));
    ScoreOutcome::Scored(ScoreSheet {
        rulebook_code: rulebook.code.clone(),
        rulebook_version: rulebook.version,
        as_of: today,
        base: rulebook.base,
        score,
        band_grade,
        direct_grade,
        grade,
        lines,
    })
}

/// Status, item and validity of one record, before the rules that look at other records.
fn first_pass(rulebook: &Rulebook, record: &ScoredRecord, today: NaiveDate) -> ScoreLine {
    let valid_from = record.conduct_ended_on.unwrap_or(record.occurred_on);
    let item = rulebook.item(&record.item_code);
    let years = item.map_or(0, |i| rulebook.validity_years(i));
    let valid_until = valid_from
        .checked_add_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MAX);
    let (rule_points, direct_grade) = match item.map(|i| i.effect) {
        Some(ItemEffect::Points(p)) => (Some(p), None),
        Some(ItemEffect::DirectGrade(g)) => (None, Some(g)),
        None => (None, None),
    };
    let reason = match (item, record.status) {
        (None, _) => LineReason::UnknownItem,
        (_, RecordStatus::Exempt) => LineReason::Exempt,
        (_, RecordStatus::Repaired) => LineReason::Repaired,
        (_, RecordStatus::Revoked) => LineReason::Revoked,
        (_, RecordStatus::Pending | RecordStatus::Returned) => LineReason::NotEffective,
        (Some(_), RecordStatus::Effective) if today < valid_from => LineReason::NotYetValid,
        (Some(_), RecordStatus::Effective) if today >= valid_until => LineReason::Expired,
        (Some(_), RecordStatus::Effective) => LineReason::Counts,
    };
    let counts = reason == LineReason::Counts;
    ScoreLine {
        record_id: record.record_id,
        item_code: record.item_code.clone(),
        item_name: item.map_or_else(|| record.item_code.clone(), |i| i.name.clone()),
        rule_points,
        multiplier: 1,
        points: if counts { rule_points.unwrap_or(0) } else { 0 },
        direct_grade,
        valid_from,
        valid_until,
        counts,
        reason,
    }
}

/// How heavy an item is: a direct grade outweighs points, a worse grade a better one, then the
/// size of the deduction. Bonuses are never "heavy".
fn severity(line: &ScoreLine) -> (usize, i32) {
    (
        line.direct_grade.map_or(0, |g| g.rank() + 1),
        line.rule_points.map_or(0, |p| -p),
    )
}

/// One act, several items: only the heaviest counting item of each act counts.
fn count_each_act_once(lines: &mut [ScoreLine], records: &[ScoredRecord], _rulebook: &Rulebook) {
    let mut acts: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        if let Some(act) = record.act.as_deref()
            && lines[index].counts
        {
            acts.entry(act).or_default().push(index);
        }
    }
    for members in acts.values().filter(|m| m.len() > 1) {
        let Some(&heaviest) = members.iter().max_by(|a, b| {
            severity(&lines[**a])
                .cmp(&severity(&lines[**b]))
                .then(lines[**b].record_id.cmp(&lines[**a].record_id))
        }) else {
            continue;
        };
        let counted_record_id = lines[heaviest].record_id;
        for &index in members.iter().filter(|i| **i != heaviest) {
            let line = &mut lines[index];
            line.counts = false;
            line.points = 0;
            line.reason = LineReason::SameActHeavier { counted_record_id };
        }
    }
}

/// A breach of the same item repeated within the validity of an earlier counting one counts
/// multiplied. Earlier expired items still make a later one a repeat if their windows overlap.
fn double_repeats(lines: &mut [ScoreLine], rulebook: &Rulebook) {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|a, b| {
        lines[*a]
            .valid_from
            .cmp(&lines[*b].valid_from)
            .then(lines[*a].record_id.cmp(&lines[*b].record_id))
    });
    for (position, &index) in order.iter().enumerate() {
        let is_deduction = lines[index].rule_points.is_some_and(|p| p < 0);
        if !lines[index].counts || !is_deduction {
            continue;
        }
        let previous = order[..position]
            .iter()
            .rev()
            .map(|i| &lines[*i])
            .find(|earlier| {
                earlier.item_code == lines[index].item_code
                    && matches!(
                        earlier.reason,
                        LineReason::Counts | LineReason::Repeated { .. } | LineReason::Expired
                    )
                    && earlier.valid_from <= lines[index].valid_from
                    && lines[index].valid_from < earlier.valid_until
            });
        if let Some(previous_record_id) = previous.map(|p| p.record_id) {
            let line = &mut lines[index];
            line.multiplier = rulebook.repeat_multiplier;
            line.points = line
                .rule_points
                .unwrap_or(0)
                .saturating_mul(rulebook.repeat_multiplier);
            line.reason = LineReason::Repeated { previous_record_id };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn rec(id: i64, item: &str, on: NaiveDate) -> ScoredRecord {
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

    fn sheet(outcome: ScoreOutcome) -> ScoreSheet {
        match outcome {
            ScoreOutcome::Scored(sheet) => sheet,
            ScoreOutcome::NotScored { .. } => panic!("expected a score"),
        }
    }

    fn line(sheet: &ScoreSheet, id: i64) -> &ScoreLine {
        sheet
            .lines
            .iter()
            .find(|l| l.record_id == id)
            .expect("line present")
    }

    const TODAY: fn() -> NaiveDate = || d(2026, 11, 22);

    #[test]
    fn no_records_is_the_base_score() {
        let weihai = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &[],
            TODAY(),
            true,
        ));
        assert_eq!((weihai.score, weihai.grade), (1000, Grade::A));
        let wendeng = sheet(evaluate(
            &Rulebook::wendeng_civil_servant(),
            &[],
            TODAY(),
            true,
        ));
        assert_eq!((wendeng.score, wendeng.grade), (1000, Grade::A));
    }

    #[test]
    fn deductions_and_bonuses_add_up_with_reasons() {
        let records = [
            rec(1, "admonishment", d(2026, 3, 1)),
            rec(2, "commendation", d(2026, 1, 10)),
            rec(3, "talk_reminder", d(2026, 6, 1)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(s.score, 1000 - 30 + 20 - 3);
        assert_eq!(s.grade, Grade::B);
        assert!(
            s.lines
                .iter()
                .all(|l| l.counts && l.reason == LineReason::Counts)
        );
        assert_eq!(
            line(&s, 1).valid_until,
            d(2027, 3, 1),
            "30 points counts one year"
        );
    }

    #[test]
    fn expired_items_stay_listed_but_do_not_count() {
        let records = [
            rec(1, "party_warning", d(2024, 11, 21)),
            rec(2, "party_warning", d(2024, 11, 23)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(
            line(&s, 1).reason,
            LineReason::Expired,
            "50 points counts two years: ended 2026-11-21"
        );
        assert_eq!(line(&s, 1).points, 0);
        assert!(line(&s, 2).counts);
    }

    #[test]
    fn validity_runs_from_the_end_of_continuing_conduct() {
        let mut r = rec(1, "admonishment", d(2025, 1, 1));
        r.conduct_ended_on = Some(d(2026, 1, 1));
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &[r],
            TODAY(),
            true,
        ));
        assert!(line(&s, 1).counts);
        assert_eq!(line(&s, 1).valid_until, d(2027, 1, 1));
    }

    #[test]
    fn a_repeat_within_validity_counts_double() {
        let records = [
            rec(1, "written_self_criticism", d(2026, 2, 1)),
            rec(2, "written_self_criticism", d(2026, 8, 1)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(line(&s, 2).points, -10);
        assert_eq!(line(&s, 2).multiplier, 2);
        assert_eq!(
            line(&s, 2).reason,
            LineReason::Repeated {
                previous_record_id: 1
            }
        );
        assert_eq!(line(&s, 1).points, -5);
        assert_eq!(s.score, 985);
    }

    #[test]
    fn a_repeat_after_validity_counts_single() {
        let records = [
            rec(1, "written_self_criticism", d(2025, 1, 1)),
            rec(2, "written_self_criticism", d(2026, 8, 1)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(line(&s, 2).points, -5);
        assert_eq!(line(&s, 2).reason, LineReason::Counts);
    }

    #[test]
    fn bonuses_are_never_doubled() {
        let records = [
            rec(1, "commendation", d(2026, 2, 1)),
            rec(2, "commendation", d(2026, 8, 1)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(s.score, 1040);
    }

    #[test]
    fn one_act_counts_once_at_its_heaviest() {
        let mut a = rec(1, "party_warning", d(2026, 5, 1));
        let mut b = rec(2, "gov_demerit", d(2026, 5, 1));
        let mut c = rec(3, "circulated_criticism_unit", d(2026, 5, 1));
        for r in [&mut a, &mut b, &mut c] {
            r.act = Some("case-17".to_string());
        }
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &[a, b, c],
            TODAY(),
            true,
        ));
        assert_eq!(s.score, 940);
        assert!(line(&s, 2).counts);
        assert_eq!(
            line(&s, 1).reason,
            LineReason::SameActHeavier {
                counted_record_id: 2
            }
        );
        assert_eq!(line(&s, 3).points, 0);
    }

    #[test]
    fn a_direct_grade_holds_even_with_bonuses() {
        let records = [
            rec(1, "appraisal_incompetent", d(2026, 1, 15)),
            rec(2, "first_class_merit", d(2026, 4, 1)),
            rec(3, "second_class_merit", d(2026, 5, 1)),
            rec(4, "first_class_merit", d(2026, 6, 1)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(s.score, 1160, "bonuses are recorded in the score");
        assert_eq!(s.band_grade, Grade::Aaa);
        assert_eq!(s.grade, Grade::B, "but do not lift a direct grade");
        assert_eq!(
            s.direct_grade.map(|g| (g.record_id, g.until)),
            Some((1, d(2028, 1, 15)))
        );
    }

    #[test]
    fn the_worst_direct_grade_wins_and_lapses_in_time() {
        let records = [
            rec(1, "appraisal_incompetent", d(2026, 1, 15)),
            rec(2, "judgment_debtor", d(2021, 12, 1)),
        ];
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(s.grade, Grade::D);
        let later = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            d(2026, 12, 1),
            true,
        ));
        assert_eq!(later.grade, Grade::B, "the D lasted five years");
    }

    #[test]
    fn statuses_that_never_count() {
        let mut records = vec![];
        for (id, status) in [
            (1, RecordStatus::Exempt),
            (2, RecordStatus::Repaired),
            (3, RecordStatus::Revoked),
            (4, RecordStatus::Pending),
            (5, RecordStatus::Returned),
        ] {
            let mut r = rec(id, "gov_demotion", d(2026, 6, 1));
            r.status = status;
            records.push(r);
        }
        records.push(rec(6, "no_such_item", d(2026, 6, 1)));
        records.push(rec(7, "gov_demotion", d(2027, 1, 1)));
        let s = sheet(evaluate(
            &Rulebook::weihai_civil_servant(),
            &records,
            TODAY(),
            true,
        ));
        assert_eq!(s.score, 1000);
        let reasons: Vec<_> = (1..=7).map(|id| line(&s, id).reason.clone()).collect();
        assert_eq!(
            reasons,
            vec![
                LineReason::Exempt,
                LineReason::Repaired,
                LineReason::Revoked,
                LineReason::NotEffective,
                LineReason::NotEffective,
                LineReason::UnknownItem,
                LineReason::NotYetValid
            ]
        );
        assert!(s.lines.iter().all(|l| !l.reason.explain_zh().is_empty()));
    }

    #[test]
    fn without_consent_a_consent_rulebook_gives_no_score() {
        let mut rulebook = Rulebook::weihai_civil_servant();
        rulebook.requires_consent = true;
        let records = [rec(1, "admonishment", d(2026, 3, 1))];
        match evaluate(&rulebook, &records, TODAY(), false) {
            ScoreOutcome::NotScored { reason, lines } => {
                assert_eq!(reason, NotScoredReason::NoConsent);
                assert_eq!(lines.len(), 1, "records are kept");
                assert_eq!(lines[0].points, 0);
            }
            ScoreOutcome::Scored(_) => panic!("must not score without consent"),
        }
        assert_eq!(
            sheet(evaluate(&rulebook, &records, TODAY(), true)).score,
            970
        );
    }

    proptest! {
        #[test]
        fn the_score_is_the_base_plus_the_counting_lines(
            picks in proptest::collection::vec((0usize..25, 0i64..1500, 0usize..4, 0usize..6), 0..40)
        ) {
            let rulebook = Rulebook::weihai_civil_servant();
            let records: Vec<ScoredRecord> = picks.iter().enumerate().map(|(i, (item, day, act, status))| ScoredRecord {
                record_id: i as i64 + 1,
                item_code: rulebook.items[*item].code.clone(),
                occurred_on: d(2022, 1, 1) + chrono::Duration::days(*day),
                conduct_ended_on: None,
                act: (*act > 0).then(|| format!("act-{act}")),
                status: RecordStatus::ALL[*status],
                repaired_on: None,
            }).collect();
            let s = sheet(evaluate(&rulebook, &records, TODAY(), true));
            prop_assert_eq!(s.lines.len(), records.len());
            let sum: i32 = s.lines.iter().map(|l| l.points).sum();
            prop_assert_eq!(s.score, 1000 + sum);
            for l in &s.lines {
                prop_assert_eq!(l.counts || l.points != 0, l.counts);
                let counting_reason = matches!(l.reason, LineReason::Counts | LineReason::Repeated { .. });
                prop_assert_eq!(l.counts, counting_reason);
            }
            prop_assert!(s.grade.rank() >= s.band_grade.rank());
        }
    }
}
