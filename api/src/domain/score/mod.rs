//! The score engine of the Weihai 海贝分 family: an additive ledger over a base score.
//!
//! A [`Rulebook`] is data (stored as versioned JSON); [`evaluate`] applies one to a subject's
//! records on a given day and explains every point.

mod engine;
mod history;
mod presets;
mod rulebook;

pub use engine::{
    LineReason, NotScoredReason, ScoreLine, ScoreOutcome, ScoreSheet, ScoredRecord, evaluate,
};
pub use history::{Change, ChangeKind, HistoryPoint, RulebookVersion, score_history};
pub use rulebook::{
    DirectGradeValidity, GradeBand, ItemEffect, Rulebook, RulebookError, ScoreItem, ValidityRules,
};
