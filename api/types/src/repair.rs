//! Credit repair (信用修复): applying, tracking, handling.

use crate::enums::RepairStatus;
use crate::objection::{EvidenceView, ObjectionStep};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Who applies, when not signed in: the subject's contact and the identifier that proves it is
/// the subject (the organisation's USCC, or the person's ID number).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    #[cfg_attr(feature = "openapi", schema(example = "李经理", max_length = 50))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "13800138000", max_length = 20))]
    pub phone: String,
    /// For an organisation's record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 18))]
    pub uscc: Option<String>,
    /// For a person's record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 18))]
    pub id_number: Option<String>,
}

/// `POST /repairs`: apply for credit repair of a breach record. JSON, or the `application` part of a
/// multipart form whose `evidence` parts are the files.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRepair {
    pub record_id: i64,
    /// Required without sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<Applicant>,
    /// How the conduct was corrected and the obligations performed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "罚款已于 2026 年 3 月 1 日缴清，违法行为已整改完毕",
            max_length = 2000
        )
    )]
    pub correction: String,
    /// The text of the credit commitment (信用承诺).
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "本单位承诺今后严格遵守相关法律法规，如有违反愿承担相应责任",
            max_length = 2000
        )
    )]
    pub commitment: String,
}

/// The answer to an application: keep both to track it without an account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairReceipt {
    #[cfg_attr(feature = "openapi", schema(example = "XF20261122483920"))]
    pub ticket_no: String,
    #[cfg_attr(feature = "openapi", schema(example = "K7M3Q9PX"))]
    pub query_code: String,
    pub status: RepairStatus,
    pub accept_due: NaiveDate,
    pub result_due: NaiveDate,
}

/// An application as its applicant and handlers see it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairView {
    pub ticket_no: String,
    pub record_id: i64,
    pub record_title: String,
    pub department: String,
    pub status: RepairStatus,
    pub correction: String,
    pub commitment: String,
    pub filed_at: DateTime<Utc>,
    /// `department`, or `none` once decided.
    pub next_actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    /// Working days until the next step's deadline, negative once it has passed (the traffic
    /// light of the handlers' lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_reason: Option<String>,
    /// The decision document can be downloaded (once approved or denied).
    pub decision_available: bool,
    pub steps: Vec<ObjectionStep>,
    pub evidence: Vec<EvidenceView>,
}

/// A handler's step on an application.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum RepairStep {
    /// Accept the application (受理).
    Accept { note: Option<String> },
    /// Refuse to accept, with the reason (不予受理).
    Refuse { reason: String },
    /// Extend the result deadline by working days, with the reason.
    Extend { days: u32, reason: String },
    /// Approve: publication, sharing and scoring of the record end at once.
    Approve { reason: String },
    /// Deny, with the reasons; `false_materials` bars new applications for a while.
    Deny {
        reason: String,
        #[serde(default)]
        false_materials: bool,
    },
}
