//! The integrity evaluation of government bodies (政务诚信考核评价): a scheme of weighted
//! indicators, each computed from the archive or scored by the evaluators, and bands for the
//! result. The plans ask for quarterly monitoring and an annual evaluation whose results feed
//! performance appraisal (乌海: 政务诚信季度监测和年度评估; 东丽: 分年度对各部门政务诚信情况进行考核).
//!
//! The scheme is data, versioned like the scoring rulebook; this module checks a scheme, turns a
//! body's facts for a period into points by indicator with the reason for each, and grades the
//! total.

pub use chengxin_types::{Band, Indicator, IndicatorScore, Measure, Scheme, Source};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a scheme is refused: the field at fault and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct SchemeError {
    pub field: String,
    pub message: String,
}

fn refused(field: impl Into<String>, message: impl Into<String>) -> SchemeError {
    SchemeError {
        field: field.into(),
        message: message.into(),
    }
}

/// The scheme family the district evaluates by (its versions are the credit office's).
pub const SCHEME_CODE: &str = "government-integrity";

const EPSILON: f64 = 1e-6;

/// Checks a scheme: codes unique, every indicator with a source and a positive weight, the
/// weights adding up to the total, points off per item for counts, bands from the top down to 0.
pub fn check(scheme: &Scheme) -> Result<(), SchemeError> {
    if scheme.code.trim().is_empty() || scheme.name.trim().is_empty() {
        return Err(refused("name", "方案须有代码和名称"));
    }
    if !(scheme.total > 0.0 && scheme.total <= 1000.0) {
        return Err(refused("total", "总分应大于 0、不超过 1000"));
    }
    if scheme.indicators.is_empty() {
        return Err(refused("indicators", "方案至少要有一项指标"));
    }
    let mut codes = std::collections::HashSet::new();
    let mut sum = 0.0;
    for (i, indicator) in scheme.indicators.iter().enumerate() {
        let at = |field: &str| format!("indicators[{i}].{field}");
        let code_ok = !indicator.code.is_empty()
            && indicator
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            return Err(refused(at("code"), "指标代码应为小写字母、数字或下划线"));
        }
        if !codes.insert(indicator.code.as_str()) {
            return Err(refused(
                at("code"),
                format!("指标代码“{}”重复", indicator.code),
            ));
        }
        if indicator.name.trim().is_empty() {
            return Err(refused(at("name"), "指标须有名称"));
        }
        if !(indicator.weight > 0.0 && indicator.weight.is_finite()) {
            return Err(refused(at("weight"), "指标分值应大于 0"));
        }
        match &indicator.source {
            None => return Err(refused(at("source"), "指标须注明来源：系统计算或人工评分")),
            Some(Source::Computed { measure, per_item }) => {
                let per_item_ok = per_item.is_some_and(|p| p > 0.0 && p <= indicator.weight);
                if !measure.is_share() && !per_item_ok {
                    return Err(refused(
                        at("source.per_item"),
                        "按件扣分的指标须写明每件扣分（大于 0、不超过指标分值）",
                    ));
                }
            }
            Some(Source::Manual) => {}
        }
        sum += indicator.weight;
    }
    if (sum - scheme.total).abs() > EPSILON {
        return Err(refused(
            "indicators",
            format!("各项指标分值之和为 {sum}，应等于总分 {}", scheme.total),
        ));
    }
    if scheme.bands.is_empty() {
        return Err(refused("bands", "须设定结果等次"));
    }
    for (i, pair) in scheme.bands.windows(2).enumerate() {
        if pair[1].min >= pair[0].min {
            return Err(refused(
                format!("bands[{}].min", i + 1),
                "等次应从高到低排列，分数线逐级降低",
            ));
        }
    }
    for (i, band) in scheme.bands.iter().enumerate() {
        if band.grade.trim().is_empty() || !(0.0..=scheme.total).contains(&band.min) {
            return Err(refused(
                format!("bands[{i}]"),
                "等次须有名称，分数线在 0 与总分之间",
            ));
        }
    }
    if scheme.bands.last().is_some_and(|b| b.min > EPSILON) {
        return Err(refused(
            format!("bands[{}].min", scheme.bands.len() - 1),
            "最低一档的分数线应为 0",
        ));
    }
    Ok(())
}

/// What the archive holds of one body for one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// (published on time, decisions due: published or overdue unpublished).
    pub publication: (i64, i64),
    /// (kept, decided: kept or broken) of commitments due in the period.
    pub commitments: (i64, i64),
    /// (closed in time, closed) of objections and repair applications.
    pub cases: (i64, i64),
    pub complaints_substantiated: i64,
    pub breach_records: i64,
    /// (rectified by the first deadline, due).
    pub rectification: (i64, i64),
    pub judgment_debtor: i64,
    pub arrears: i64,
    pub hotline: i64,
}

impl Facts {
    fn share(&self, measure: Measure) -> (i64, i64) {
        match measure {
            Measure::PublicationTimeliness => self.publication,
            Measure::CommitmentsKept => self.commitments,
            Measure::CasesInTime => self.cases,
            Measure::RectificationRate => self.rectification,
            _ => (0, 0),
        }
    }

    fn count(&self, measure: Measure) -> i64 {
        match measure {
            Measure::ComplaintsSubstantiated => self.complaints_substantiated,
            Measure::BreachRecords => self.breach_records,
            Measure::JudgmentDebtor => self.judgment_debtor,
            Measure::Arrears => self.arrears,
            Measure::Hotline => self.hotline,
            _ => 0,
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A manual score as the evaluators entered it.
#[derive(Debug, Clone, PartialEq)]
pub struct ManualScore {
    pub points: f64,
    pub evidence: String,
}

/// The points of every indicator of `scheme` for a body with `facts` and the evaluators'
/// `manual` scores (by indicator code).
pub fn score(
    scheme: &Scheme,
    facts: &Facts,
    manual: &std::collections::HashMap<String, ManualScore>,
) -> Vec<IndicatorScore> {
    scheme
        .indicators
        .iter()
        .map(|indicator| {
            let (points, source, measure, explanation) = match &indicator.source {
                Some(Source::Computed { measure, per_item }) if measure.is_share() => {
                    let (good, due) = facts.share(*measure);
                    if due == 0 {
                        (
                            Some(indicator.weight),
                            "computed",
                            Some(*measure),
                            "本期无应计事项，得满分".to_string(),
                        )
                    } else {
                        let _ = per_item;
                        let points = round2(indicator.weight * good as f64 / due as f64);
                        (
                            Some(points),
                            "computed",
                            Some(*measure),
                            format!(
                                "{good}/{due}（{:.1}%）× {} 分",
                                100.0 * good as f64 / due as f64,
                                indicator.weight
                            ),
                        )
                    }
                }
                Some(Source::Computed { measure, per_item }) => {
                    let n = facts.count(*measure);
                    let per_item = per_item.unwrap_or(indicator.weight);
                    let points = round2((indicator.weight - per_item * n as f64).max(0.0));
                    let explanation = if n == 0 {
                        "本期无此类情形，得满分".to_string()
                    } else {
                        format!("{n} 件，每件扣 {per_item} 分")
                    };
                    (Some(points), "computed", Some(*measure), explanation)
                }
                Some(Source::Manual) | None => match manual.get(&indicator.code) {
                    Some(m) => (Some(m.points), "manual", None, m.evidence.clone()),
                    None => (None, "manual", None, "待评分".to_string()),
                },
            };
            IndicatorScore {
                code: indicator.code.clone(),
                name: indicator.name.clone(),
                weight: indicator.weight,
                points,
                source: source.to_string(),
                measure,
                explanation,
            }
        })
        .collect()
}

/// The total of the points scored so far.
pub fn total(scores: &[IndicatorScore]) -> f64 {
    round2(scores.iter().filter_map(|s| s.points).sum())
}

/// The grade of `total`: the first band from the top whose line it reaches.
pub fn grade(scheme: &Scheme, total: f64) -> String {
    scheme
        .bands
        .iter()
        .find(|b| total + EPSILON >= b.min)
        .or(scheme.bands.last())
        .map(|b| b.grade.clone())
        .unwrap_or_default()
}

/// Checks a manual score against its indicator: only a manual indicator, 0 to its weight.
pub fn check_manual(scheme: &Scheme, code: &str, points: f64) -> Result<(), SchemeError> {
    let Some(indicator) = scheme.indicators.iter().find(|i| i.code == code) else {
        return Err(refused("indicator", format!("方案中没有指标“{code}”")));
    };
    if indicator.source != Some(Source::Manual) {
        return Err(refused("indicator", "该指标由系统计算，不能人工评分"));
    }
    if !(0.0..=indicator.weight).contains(&points) || !points.is_finite() {
        return Err(refused(
            "points",
            format!("得分应在 0 至 {} 分之间", indicator.weight),
        ));
    }
    Ok(())
}

/// The default scheme, drawn from the plans' indicators: 双公示, 守信践诺, objections and repairs
/// in time (信用修复), complaints, breach records, rectification (整改率 100%), judgment debtors
/// (失信被执行人"零增长"), arrears to private firms (清欠), the 12345 hotline, and what the
/// evaluators assess: a third party's evaluation, lawful administration, openness (政务公开).
pub fn default_scheme() -> Scheme {
    let computed =
        |code: &str, name: &str, weight: f64, measure: Measure, per_item: Option<f64>| Indicator {
            code: code.into(),
            name: name.into(),
            weight,
            source: Some(Source::Computed { measure, per_item }),
        };
    let manual = |code: &str, name: &str, weight: f64| Indicator {
        code: code.into(),
        name: name.into(),
        weight,
        source: Some(Source::Manual),
    };
    Scheme {
        code: SCHEME_CODE.into(),
        version: 1,
        name: "政务诚信考核评价指标".into(),
        total: 100.0,
        indicators: vec![
            computed(
                "publication_timeliness",
                "双公示信息按时公示",
                15.0,
                Measure::PublicationTimeliness,
                None,
            ),
            computed(
                "commitments_kept",
                "政务承诺按期履行",
                15.0,
                Measure::CommitmentsKept,
                None,
            ),
            computed(
                "cases_in_time",
                "异议和信用修复按时办结",
                10.0,
                Measure::CasesInTime,
                None,
            ),
            computed(
                "complaints_substantiated",
                "政务失信投诉经查属实",
                10.0,
                Measure::ComplaintsSubstantiated,
                Some(5.0),
            ),
            computed(
                "breach_records",
                "政务失信记录",
                10.0,
                Measure::BreachRecords,
                Some(5.0),
            ),
            computed(
                "rectification_rate",
                "政务失信整改按期完成",
                10.0,
                Measure::RectificationRate,
                None,
            ),
            computed(
                "judgment_debtor",
                "被列为失信被执行人",
                5.0,
                Measure::JudgmentDebtor,
                Some(5.0),
            ),
            computed(
                "arrears",
                "拖欠民营企业、中小企业账款",
                5.0,
                Measure::Arrears,
                Some(2.5),
            ),
            computed(
                "hotline",
                "12345 热线办理",
                5.0,
                Measure::Hotline,
                Some(2.5),
            ),
            manual("third_party", "第三方评估", 5.0),
            manual("lawful_administration", "依法行政", 5.0),
            manual("openness", "政务公开", 5.0),
        ],
        bands: vec![
            Band {
                grade: "优秀".into(),
                min: 90.0,
            },
            Band {
                grade: "良好".into(),
                min: 80.0,
            },
            Band {
                grade: "合格".into(),
                min: 60.0,
            },
            Band {
                grade: "不合格".into(),
                min: 0.0,
            },
        ],
    }
}

/// The days of a period: `2026Q3` (a quarter) or `2026` (a year).
pub fn period_days(period: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (year, quarter) = match period.split_once('Q') {
        Some((year, q)) => (year.parse::<i32>().ok()?, Some(q.parse::<u32>().ok()?)),
        None => (period.parse::<i32>().ok()?, None),
    };
    if !(2000..=2100).contains(&year) {
        return None;
    }
    let (first_month, last_month) = match quarter {
        Some(q @ 1..=4) => (3 * q - 2, 3 * q),
        Some(_) => return None,
        None => (1, 12),
    };
    let from = NaiveDate::from_ymd_opt(year, first_month, 1)?;
    let next = if last_month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, last_month + 1, 1)?
    };
    Some((from, next.pred_opt()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_default_scheme_passes_its_own_checks() {
        assert_eq!(check(&default_scheme()), Ok(()));
    }

    #[test]
    fn a_scheme_is_refused_with_the_field_at_fault() {
        let mut s = default_scheme();
        s.indicators[0].weight = 20.0;
        assert_eq!(check(&s).map_err(|e| e.field), Err("indicators".into()));
        let mut s = default_scheme();
        s.indicators[2].source = None;
        assert_eq!(
            check(&s).map_err(|e| e.field),
            Err("indicators[2].source".into())
        );
        let mut s = default_scheme();
        s.indicators[3].source = Some(Source::Computed {
            measure: Measure::ComplaintsSubstantiated,
            per_item: None,
        });
        assert_eq!(
            check(&s).map_err(|e| e.field),
            Err("indicators[3].source.per_item".into())
        );
        let mut s = default_scheme();
        s.bands.swap(0, 1);
        assert_eq!(check(&s).map_err(|e| e.field), Err("bands[1].min".into()));
        let mut s = default_scheme();
        s.indicators[1].code = s.indicators[0].code.clone();
        assert_eq!(
            check(&s).map_err(|e| e.field),
            Err("indicators[1].code".into())
        );
    }

    #[test]
    fn shares_give_points_in_proportion_and_counts_take_points_off_down_to_zero() {
        let scheme = default_scheme();
        let facts = Facts {
            publication: (9, 10),
            commitments: (0, 0),
            complaints_substantiated: 1,
            breach_records: 3,
            ..Facts::default()
        };
        let mut manual = HashMap::new();
        manual.insert(
            "third_party".to_string(),
            ManualScore {
                points: 4.0,
                evidence: "第三方评估报告（2026）".into(),
            },
        );
        let scores = score(&scheme, &facts, &manual);
        let by = |code: &str| scores.iter().find(|s| s.code == code).expect(code).clone();
        assert_eq!(by("publication_timeliness").points, Some(13.5));
        assert_eq!(by("commitments_kept").points, Some(15.0), "nothing due");
        assert_eq!(by("complaints_substantiated").points, Some(5.0));
        assert_eq!(by("breach_records").points, Some(0.0), "not below zero");
        assert_eq!(by("third_party").points, Some(4.0));
        assert_eq!(by("openness").points, None, "not scored yet");
        assert!(by("publication_timeliness").explanation.contains("9/10"));
        // 13.5 + 15 + 10 + 5 + 0 + 10 + 5 + 5 + 5 + 4 = 72.5
        assert_eq!(total(&scores), 72.5);
        assert_eq!(grade(&scheme, 72.5), "合格");
        assert_eq!(grade(&scheme, 90.0), "优秀");
        assert_eq!(grade(&scheme, 0.0), "不合格");
    }

    #[test]
    fn a_manual_score_must_be_for_a_manual_indicator_and_within_its_weight() {
        let scheme = default_scheme();
        assert_eq!(check_manual(&scheme, "openness", 5.0), Ok(()));
        assert_eq!(
            check_manual(&scheme, "openness", 5.5).map_err(|e| e.field),
            Err("points".into())
        );
        assert_eq!(
            check_manual(&scheme, "arrears", 1.0).map_err(|e| e.field),
            Err("indicator".into())
        );
        assert_eq!(
            check_manual(&scheme, "nothing", 1.0).map_err(|e| e.field),
            Err("indicator".into())
        );
    }
}
