//! The integrity evaluation of government bodies (政务诚信考核评价): the scheme of weighted
//! indicators as the credit office publishes it, and the points a body scored. The rules that
//! check a scheme and compute the points are the server's (`domain::evaluation`).

pub use crate::enums::Measure;
use serde::{Deserialize, Serialize};

impl Measure {
    /// Whether the measure is a share (points in proportion) rather than a count (points off).
    pub fn is_share(self) -> bool {
        matches!(
            self,
            Measure::PublicationTimeliness
                | Measure::CommitmentsKept
                | Measure::CasesInTime
                | Measure::RectificationRate
        )
    }
}

/// Where an indicator's points come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// Computed from the archive.
    Computed {
        measure: Measure,
        /// For a count: points off per item (the indicator cannot go below zero).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_item: Option<f64>,
    },
    /// Scored by the evaluators, with evidence (第三方评估, 依法行政, 政务公开 …).
    Manual,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    /// The indicator's full points.
    pub weight: f64,
    /// Required; optional here only so that a scheme without one is refused by [`check`] with
    /// the field, not by the JSON reader.
    #[serde(default)]
    pub source: Option<Source>,
}

/// A result band: totals at or above `min` get `grade` (bands are tried from the highest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub grade: String,
    pub min: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub code: String,
    pub version: u32,
    pub name: String,
    /// What the weights add up to.
    pub total: f64,
    pub indicators: Vec<Indicator>,
    pub bands: Vec<Band>,
}

/// An indicator's points and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorScore {
    pub code: String,
    pub name: String,
    pub weight: f64,
    /// Absent for a manual indicator not scored yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// `computed` or `manual`.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// What was counted, or the evaluators' evidence.
    pub explanation: String,
}

/// One body's result for a period: the points by indicator, the total, the grade once every
/// indicator is scored, and its place among the bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyEvaluation {
    pub body: String,
    pub body_uscc: String,
    pub total: f64,
    /// Set once every indicator has its points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// 1 for the highest total.
    pub rank: u32,
    pub indicators: Vec<IndicatorScore>,
}

/// Quarterly (or any period's) monitoring: the computed indicators of every government body,
/// as the archive stands now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Monitoring {
    /// `2026Q3`, or `2026` for a year.
    pub period: String,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub scheme_code: String,
    pub scheme_version: u32,
    pub bodies: Vec<BodyEvaluation>,
}

/// An annual evaluation: a draft computed live, or a published one as it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluationView {
    pub id: i64,
    pub year: i32,
    /// 1, then 2, 3 … for each correction.
    pub version: u32,
    /// `draft`, `published` or `superseded` (a later correction was published).
    pub status: String,
    pub scheme_code: String,
    pub scheme_version: u32,
    /// Why a correction was opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub bodies: Vec<BodyEvaluation>,
}

/// `POST /oversight/evaluations`: open the annual evaluation of a year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEvaluation {
    #[cfg_attr(feature = "openapi", schema(example = 2026))]
    pub year: i32,
}

/// `PUT /oversight/evaluations/{id}/scores`: the evaluators' points for one manual indicator of
/// one body, with the evidence.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualScoreEntry {
    pub body_uscc: String,
    #[cfg_attr(feature = "openapi", schema(example = "third_party"))]
    pub indicator: String,
    pub points: f64,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "第三方评估报告（2026 年度）第 12 页", max_length = 2000)
    )]
    pub evidence: String,
}

/// `POST /oversight/evaluations/{id}/correction`: a published evaluation is never edited; a
/// correction is a new version, with its reason, published in its turn.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationCorrection {
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub reason: String,
}

/// A scheme version and the day it takes effect.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchemeVersion {
    pub effective_from: chrono::NaiveDate,
    pub scheme: Scheme,
}

/// A body's latest published annual result, as its public profile shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedEvaluation {
    pub year: i32,
    pub version: u32,
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// How many bodies were evaluated.
    pub bodies: u32,
    pub result: BodyEvaluation,
}

/// Each body's computed total over the last quarters, for the trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluationTrend {
    /// The quarters, oldest first (`2026Q1` …).
    pub quarters: Vec<String>,
    /// The district's average computed total of each quarter.
    pub district: Vec<f64>,
    pub bodies: Vec<BodyTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyTrend {
    pub body: String,
    pub body_uscc: String,
    /// The computed total of each quarter, in the order of `quarters`.
    pub totals: Vec<f64>,
}
