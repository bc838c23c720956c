//! Objections (异议): filing, the ticket, tracking, and handling.

use crate::enums::{FilerCapacity, ObjectionStatus, RecordField};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a field should read instead.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldProposal {
    pub field: RecordField,
    /// What the field should read.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub proposed: String,
}

/// Who files, when not signed in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Filer {
    #[cfg_attr(feature = "openapi", schema(example = "张伟", max_length = 50))]
    pub name: String,
    /// Mobile (11 digits) or landline with area code.
    #[cfg_attr(feature = "openapi", schema(example = "13800138000", max_length = 20))]
    pub phone: String,
    pub capacity: FilerCapacity,
    /// The subject's USCC (or a person's ID number), to object to a serious listing you were
    /// notified of: it is not public yet, and this shows the record is about you.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "91310114MA1GTPB26F", max_length = 18)
    )]
    pub proof: Option<String>,
}

/// `POST /objections`: an objection to a record. Sent as JSON, or as the `objection` part of a
/// multipart form whose `evidence` parts are the files.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewObjection {
    pub record_id: i64,
    /// Required without sign-in; ignored for a signed-in person objecting to their own record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filer: Option<Filer>,
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "处罚决定书文号有误，应为临市监罚〔2026〕15号",
            max_length = 2000
        )
    )]
    pub reason: String,
    #[serde(default)]
    pub proposals: Vec<FieldProposal>,
}

/// The answer to a filed objection: keep both to track it without an account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionReceipt {
    #[cfg_attr(feature = "openapi", schema(example = "YY20261122-483920"))]
    pub ticket_no: String,
    #[cfg_attr(feature = "openapi", schema(example = "K7M3Q9PX"))]
    pub query_code: String,
    pub status: ObjectionStatus,
    /// The department must accept or refuse by this day.
    pub accept_due: NaiveDate,
}

/// One step of a case.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionStep {
    pub at: DateTime<Utc>,
    /// `filed`, `accepted`, `refused`, `extended`, `decided`, `withdrawn`.
    pub action: String,
    pub description: String,
    pub note: String,
    /// The case's status after this step (an objection or repair status code).
    pub status_after: String,
}

/// An evidence file, as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceView {
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// A case as its filer and its handlers see it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionView {
    pub ticket_no: String,
    pub record_id: i64,
    pub record_title: String,
    pub department: String,
    pub status: ObjectionStatus,
    pub reason: String,
    pub proposals: Vec<FieldProposal>,
    pub filed_at: DateTime<Utc>,
    /// Who acts next: `department` or nobody (`none`) once closed.
    pub next_actor: String,
    /// The deadline of the next step, if the case is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Whether the next step is late.
    pub overdue: bool,
    /// Working days until the next step's deadline, negative once it has passed (the traffic
    /// light of the handlers' lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_reason: Option<String>,
    pub steps: Vec<ObjectionStep>,
    pub evidence: Vec<EvidenceView>,
}

/// A handler's step on a case.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum HandlingStep {
    /// Accept the case (受理).
    Accept { note: Option<String> },
    /// Refuse to accept, with the reason (不予受理).
    Refuse { reason: String },
    /// Extend the decision deadline by working days, with the reason.
    Extend { days: u32, reason: String },
    /// Uphold: correct the record (new version) or revoke it.
    Uphold {
        reason: String,
        /// Corrections to apply; empty with `revoke` true.
        #[serde(default)]
        corrections: Vec<FieldProposal>,
        #[serde(default)]
        revoke: bool,
    },
    /// Partly uphold: apply some corrections.
    PartlyUphold {
        reason: String,
        corrections: Vec<FieldProposal>,
    },
    /// Reject, with the reasons.
    Reject { reason: String },
}

/// Track without an account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrackRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub ticket_no: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub query_code: String,
}
