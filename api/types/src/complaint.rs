//! Complaints about government breach of trust (政务失信投诉).

use crate::enums::{ComplaintKind, ComplaintStatus};
use crate::objection::{EvidenceView, ObjectionStep};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// `POST /complaints`: anyone reports a government body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComplaint {
    /// USCC of the government body complained about.
    #[cfg_attr(feature = "openapi", schema(max_length = 18))]
    pub body_uscc: String,
    pub kind: ComplaintKind,
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "2024 年承接的道路养护工程款 86 万元至今未付",
            max_length = 2000
        )
    )]
    pub description: String,
    /// Amount at stake in yuan, if any (e.g. unpaid arrears).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(example = "王总", max_length = 50))]
    pub complainant_name: String,
    #[cfg_attr(feature = "openapi", schema(example = "13800138000", max_length = 20))]
    pub complainant_phone: String,
    /// The complaining firm, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub company: Option<String>,
}

/// The answer to a complaint.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplaintReceipt {
    pub ticket_no: String,
    pub query_code: String,
    pub status: ComplaintStatus,
    pub accept_due: NaiveDate,
    pub result_due: NaiveDate,
}

/// A complaint as its complainant and the credit office see it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplaintView {
    pub ticket_no: String,
    pub body: String,
    pub body_uscc: String,
    pub kind: ComplaintKind,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<f64>,
    pub status: ComplaintStatus,
    pub filed_at: DateTime<Utc>,
    /// `credit_office`, or `none` once closed.
    pub next_actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    /// Working days until the next step's deadline, negative once it has passed (the traffic
    /// light of the handlers' lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    pub steps: Vec<ObjectionStep>,
    pub evidence: Vec<EvidenceView>,
}

/// The credit office's step on a complaint.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum ComplaintStep {
    Accept {
        note: Option<String>,
    },
    Refuse {
        reason: String,
    },
    /// The body did break its word: the finding feeds its integrity profile.
    Substantiate {
        finding: String,
    },
    Dismiss {
        finding: String,
    },
}
