//! The scoring rulebook: base, grade bands, items, validity rules. Pure data with a validity check.

use chengxin_types::Grade;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A versioned scoring rulebook. A new version never rewrites history: each score states the
/// version it was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Rulebook {
    /// Stable code of the rulebook family, e.g. `weihai-civil-servant`.
    pub code: String,
    pub version: u32,
    pub name: String,
    /// Score of a subject with no counting items.
    pub base: i32,
    /// Grade bands, best first; each band starts at `min` (inclusive); the last has no minimum.
    pub bands: Vec<GradeBand>,
    /// Newer rules (Rongcheng) score a person only with consent; without it, records are kept
    /// but no score is shown or used.
    pub requires_consent: bool,
    pub validity: ValidityRules,
    /// Factor for a breach of the same kind repeated within the validity of an earlier one.
    pub repeat_multiplier: i32,
    pub items: Vec<ScoreItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GradeBand {
    pub grade: Grade,
    pub min: Option<i32>,
}

/// How long items count, from the day the conduct occurred (or ended, for continuing conduct).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ValidityRules {
    /// Deductions of at most this many points are "small".
    pub small_deduction_max_points: i32,
    pub small_deduction_years: u32,
    pub large_deduction_years: u32,
    /// Years a bonus counts when its item names none.
    pub default_bonus_years: u32,
    pub direct_grade_years: Vec<DirectGradeValidity>,
    /// Years a direct grade counts when its grade is not listed above.
    pub default_direct_grade_years: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DirectGradeValidity {
    pub grade: Grade,
    pub years: u32,
}

/// One scoring item of the rulebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ScoreItem {
    pub code: String,
    pub name: String,
    pub effect: ItemEffect,
    /// Overrides the validity rules for this item (bonuses by award level, for example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_years: Option<u32>,
}

/// What an item does: add (or deduct) points, or set the grade directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemEffect {
    Points(i32),
    DirectGrade(Grade),
}

/// Why a rulebook cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulebookError {
    #[error("等级区间不能为空")]
    NoBands,
    #[error("等级区间须从高到低排列、下限严格递减，且只有最后一档没有下限（第 {0} 档有误）")]
    BandOrder(usize),
    #[error("评分项目代码“{0}”重复")]
    DuplicateItem(String),
    #[error("评分项目“{0}”的有效期须为 1 至 10 年")]
    ItemValidity(String),
    #[error("重复失信的加倍系数须为 1 至 10")]
    RepeatMultiplier,
}

impl Rulebook {
    /// Checks the rules a rulebook must satisfy before it is stored or used.
    pub fn validate(&self) -> Result<(), RulebookError> {
        if self.bands.is_empty() {
            return Err(RulebookError::NoBands);
        }
        let last = self.bands.len() - 1;
        let mut previous_min = i32::MAX;
        let mut previous_rank = None;
        for (i, band) in self.bands.iter().enumerate() {
            let ordered = previous_rank.is_none_or(|rank| band.grade.rank() > rank);
            let min_ok = match band.min {
                Some(min) => i < last && min < previous_min,
                None => i == last,
            };
            if !ordered || !min_ok {
                return Err(RulebookError::BandOrder(i + 1));
            }
            previous_min = band.min.unwrap_or(i32::MIN);
            previous_rank = Some(band.grade.rank());
        }
        let mut seen = HashSet::new();
        for item in &self.items {
            if !seen.insert(item.code.as_str()) {
                return Err(RulebookError::DuplicateItem(item.code.clone()));
            }
            if item.validity_years.is_some_and(|y| !(1..=10).contains(&y)) {
                return Err(RulebookError::ItemValidity(item.code.clone()));
            }
        }
        if !(1..=10).contains(&self.repeat_multiplier) {
            return Err(RulebookError::RepeatMultiplier);
        }
        Ok(())
    }

    pub fn item(&self, code: &str) -> Option<&ScoreItem> {
        self.items.iter().find(|i| i.code == code)
    }

    /// The grade a score falls into by the bands alone.
    pub fn band_grade(&self, score: i32) -> Grade {
        self.bands
            .iter()
            .find(|b| b.min.is_none_or(|min| score >= min))
            .map(|b| b.grade)
            .unwrap_or(Grade::D)
    }

    /// Years an item counts.
    /// Years a record filed under `item` counts; a record without a scoring item (or with one
    /// this version lacks) takes the validity of a small deduction, the shortest for a breach.
    pub fn validity_of_item(&self, item: Option<&str>) -> u32 {
        item.and_then(|code| self.item(code))
            .map_or(self.validity.small_deduction_years, |i| {
                self.validity_years(i)
            })
    }

    pub fn validity_years(&self, item: &ScoreItem) -> u32 {
        if let Some(years) = item.validity_years {
            return years;
        }
        let v = &self.validity;
        match item.effect {
            ItemEffect::Points(p) if p < 0 && -p <= v.small_deduction_max_points => {
                v.small_deduction_years
            }
            ItemEffect::Points(p) if p < 0 => v.large_deduction_years,
            ItemEffect::Points(_) => v.default_bonus_years,
            ItemEffect::DirectGrade(grade) => v
                .direct_grade_years
                .iter()
                .find(|d| d.grade == grade)
                .map(|d| d.years)
                .unwrap_or(v.default_direct_grade_years),
        }
    }
}
