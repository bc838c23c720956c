//! Rectification of government breaches of trust (政务失信整改): every breach record of a
//! government body opens a case the credit office follows until the body has put it right.

use crate::enums::{Category, ConsequenceKind, Escalation, RectificationStatus};
use crate::objection::{EvidenceView, ObjectionStep};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

impl Escalation {
    /// The level an overdue case is escalated to next (提醒 → 警示 → 约谈), if there is one.
    pub fn next(self) -> Option<Self> {
        match self {
            Escalation::None => Some(Escalation::Reminder),
            Escalation::Reminder => Some(Escalation::Warning),
            Escalation::Warning => Some(Escalation::Interview),
            Escalation::Interview => None,
        }
    }
}

/// The breach record a case is about, as the case shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreachRecord {
    pub record_id: i64,
    pub kind_code: String,
    pub kind_name: String,
    pub category: Category,
    pub title: String,
    pub content: String,
    pub decided_on: NaiveDate,
    pub reported_by: String,
    /// Where the record came from: `complaint` (its ticket number in `source_ref`), `commitment`
    /// (its id), `listing` or `report` (reported by a department).
    pub source_kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
}

/// A rectification case as the credit office and the body see it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationView {
    pub ticket_no: String,
    pub body: String,
    pub body_uscc: String,
    pub record: BreachRecord,
    pub status: RectificationStatus,
    pub opened_at: DateTime<Utc>,
    /// The deadline first set: whether the body rectified on time is judged against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_due: Option<NaiveDate>,
    /// The deadline of the report in force (later than `first_due` after a report was sent back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_due: Option<NaiveDate>,
    pub escalation: Escalation,
    /// `credit_office` (set the deadline, review the report, escalate), `body` (explain and
    /// report), or `none` once rectified.
    pub next_actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    /// The body's written explanation (书面说明) and rectification report, once submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_submitted_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// Once rectified: whether the accepted report came by the first deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_time: Option<bool>,
    pub consequences: Vec<ConsequenceView>,
    pub steps: Vec<ObjectionStep>,
    pub evidence: Vec<EvidenceView>,
}

/// The credit office's step on a rectification case.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum RectificationStep {
    /// Set the deadline for the explanation and report, in working days from today (限期整改).
    SetDeadline {
        working_days: u32,
        note: Option<String>,
    },
    /// Accept the report: the breach is rectified.
    Accept { note: Option<String> },
    /// Send the report back, saying what is missing, with a new deadline in working days.
    Return { reason: String, working_days: u32 },
    /// Escalate an overdue case one level (提醒 → 警示 → 约谈), with the day it happened.
    Escalate {
        level: Escalation,
        note: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
    },
}

/// `POST /work/rectifications/{ticket_no}/report`: the body's written explanation and
/// rectification report (JSON, or a `report` part with `evidence` files).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RectificationReport {
    /// 书面说明: why the breach happened.
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub explanation: String,
    /// 整改报告: what was done to put it right.
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub report: String,
}

/// The answer to a report (and to its retry with the same Idempotency-Key).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationReceipt {
    pub ticket_no: String,
    pub status: RectificationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_submitted_on: Option<NaiveDate>,
}

/// `POST /oversight/rectifications/{ticket_no}/consequences`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewConsequence {
    pub kind: ConsequenceKind,
    /// The number of the office's decision or notice (文号).
    #[cfg_attr(
        feature = "openapi",
        schema(example = "信用办〔2026〕12号", max_length = 64)
    )]
    pub document_no: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: String,
    /// For `honours_ineligible`: how many months the body may not take part (1 to 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
}

/// A consequence recorded on a body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsequenceView {
    pub id: i64,
    pub ticket_no: String,
    pub kind: ConsequenceKind,
    pub document_no: String,
    pub note: String,
    /// Who a notice went to (the supervising department, the audit office, discipline inspection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    pub effective_from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// Rectified on time against rectifications due, for a body or the district.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationRate {
    /// Cases whose first deadline has passed, or that are rectified.
    pub due: i64,
    pub rectified_on_time: i64,
    pub rectified_late: i64,
    /// Open cases, whether due yet or not.
    pub open: i64,
    /// `rectified_on_time / due`, absent while nothing is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
}

/// What a body's public profile shows of the rectification of its breaches.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationFigures {
    pub rate: RectificationRate,
    /// Cases still open whose breach record is public now, oldest first.
    pub open: Vec<OpenRectification>,
    /// Public criticism, and the loss of eligibility for honours while it lasts.
    pub consequences: Vec<PublicConsequence>,
}

/// An open rectification case as the public sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenRectification {
    pub ticket_no: String,
    /// The kind of breach (the record kind's name).
    pub breach: String,
    pub opened_on: NaiveDate,
    pub status: RectificationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_due: Option<NaiveDate>,
}

/// A consequence as the public sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicConsequence {
    pub kind: ConsequenceKind,
    pub document_no: String,
    pub effective_from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<NaiveDate>,
}

/// The rectification rates of the district and of each body with a case.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationRates {
    pub district: RectificationRate,
    /// Bodies with the most cases first.
    pub bodies: Vec<BodyRectificationRate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyRectificationRate {
    pub body: String,
    pub body_uscc: String,
    pub rate: RectificationRate,
}

/// One warning before a breach.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningItem {
    pub kind: crate::enums::WarningKind,
    /// The ticket number, the decision document number or the commitment's id.
    pub reference: String,
    pub title: String,
    pub due: NaiveDate,
    /// Working days until `due`, negative once passed.
    pub working_days_left: i64,
}

/// A government body's warnings, nearest deadline first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyWarnings {
    pub body: String,
    pub body_uscc: String,
    pub items: Vec<WarningItem>,
}
