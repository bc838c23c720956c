//! The parts of the signed-in answers that my-credit and grants show, read from the wire types'
//! JSON (`chengxin_types::account`, and the objection and repair views); every other field is
//! skipped.
//!
//! Why not decode the wire types themselves: the code that reads an answer grows with each field
//! it reads, and the wire types carry everything an API client may want (versions, rule codes,
//! publicity periods…). Reading only what the page shows keeps the signed-in pages within their
//! download budget. The field names are the wire types'; the browser tests read every one of
//! these answers from the real server.

use chengxin_types::{AccessChannel, Category, Grade, ScoreState};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// `MyProfile`: the name shown and, for a civil servant, the masked ID and consent.
#[derive(Clone, Deserialize)]
pub struct Profile {
    pub account: ProfileAccount,
    #[serde(default)]
    pub person: Option<ProfilePerson>,
}

#[derive(Clone, Deserialize)]
pub struct ProfileAccount {
    pub display_name: String,
}

#[derive(Clone, Deserialize)]
pub struct ProfilePerson {
    pub id_masked: String,
    pub scoring_consent: bool,
}

/// `MyScore`.
#[derive(Clone, Deserialize)]
pub struct Score {
    pub state: ScoreState,
    #[serde(default)]
    pub not_scored_reason: Option<String>,
    pub rulebook: Rulebook,
    pub base: i32,
    #[serde(default)]
    pub score: Option<i32>,
    #[serde(default)]
    pub grade: Option<Grade>,
    pub counting: Vec<ScoreLine>,
    pub not_counting: Vec<ScoreLine>,
}

#[derive(Clone, Deserialize)]
pub struct Rulebook {
    pub version: u32,
    pub name: String,
}

/// `ScoreLineView`: one record's line in the explanation.
#[derive(Clone, Deserialize)]
pub struct ScoreLine {
    pub title: String,
    pub item_name: String,
    pub points: i32,
    pub valid_until: NaiveDate,
    pub explanation: String,
}

/// `ScoreHistory`: the score on each day it changed, and why.
#[derive(Clone, Deserialize)]
pub struct History {
    pub points: Vec<HistoryPoint>,
}

#[derive(Clone, Deserialize)]
pub struct HistoryPoint {
    pub on: NaiveDate,
    pub score: i32,
    pub causes: Vec<HistoryCause>,
}

#[derive(Clone, Deserialize)]
pub struct HistoryCause {
    pub description: String,
}

/// `MyRecord`, as its card shows it.
#[derive(Clone, Deserialize)]
pub struct Record {
    pub id: i64,
    pub category: Category,
    pub kind_name: String,
    pub title: String,
    pub reporting_org: OrgName,
    pub decided_on: NaiveDate,
    pub version: i32,
    pub disputed: bool,
    pub repair_eligible: bool,
    #[serde(default)]
    pub score: Option<RecordScore>,
}

#[derive(Clone, Deserialize)]
pub struct OrgName {
    pub name: String,
}

/// `RecordScoreView`: what a record does to the score.
#[derive(Clone, Deserialize)]
pub struct RecordScore {
    pub points: i32,
    pub explanation: String,
}

/// `AccessLogEntry`: who looked at my records, when and why.
#[derive(Clone, Deserialize)]
pub struct Access {
    pub accessed_at: DateTime<Utc>,
    pub channel: AccessChannel,
    pub accessor: String,
    pub purpose: String,
    pub record_count: i64,
}

/// `ObjectionView` or `RepairView` (by `Status`), as the list of my cases shows it.
#[derive(Deserialize)]
pub struct CaseSummary<Status> {
    pub ticket_no: String,
    pub record_title: String,
    pub status: Status,
    pub filed_at: DateTime<Utc>,
    pub steps: Vec<StepSummary>,
}

/// A step of a case: when, and what happened.
#[derive(Deserialize)]
pub struct StepSummary {
    pub at: DateTime<Utc>,
    pub description: String,
}
