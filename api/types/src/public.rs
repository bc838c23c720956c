//! Responses of the public query API (`/api/v1/public`): what anyone may see without an account.
//! Personal ID numbers appear only masked; persons' names as the deployment's masking rule says.

use crate::enums::{
    CommitmentKind, FulfilmentStatus, LicenceCategory, ListKind, ListingStatus, OrgKind,
    PenaltyCategory, PublicityTier, SubjectKind,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One page of a list, with the cursor of the next page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// The page size that was applied.
    pub limit: u32,
}

/// A government body or other organisation, as referenced from a record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgRef {
    pub name: String,
    /// Unified social credit code.
    pub uscc: String,
}

/// The subject of a published item: an organisation by name and USCC, or a person by (masked)
/// name and masked ID number.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicSubject {
    pub kind: SubjectKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uscc: Option<String>,
    /// Only ever masked, e.g. `410105********2015`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number_masked: Option<String>,
}

/// An entry of a serious-breach list (严重失信主体名单), as listed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingSummary {
    pub id: i64,
    pub subject: PublicSubject,
    pub list_kind: ListKind,
    /// The deciding department (认定部门).
    pub deciding_department: OrgRef,
    /// The document the listing is based on (认定文书号).
    pub basis_doc_no: String,
    pub listed_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal_due_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_on: Option<NaiveDate>,
    pub status: ListingStatus,
    /// An objection to the entry's record is being handled (异议处理中).
    pub disputed: bool,
    /// The credit record behind the entry: what an objection (`POST /objections`) names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
}

/// The full public entry: the summary plus the facts, basis and removal conditions, and for court
/// judgment debtors the case, the duty and what was (not) performed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingDetail {
    #[serde(flatten)]
    pub summary: ListingSummary,
    /// Facts and reason of the listing (列入原因).
    pub reason: String,
    pub legal_basis: String,
    pub removal_conditions: String,
    /// The unit that supplied the information (数据来源单位).
    pub source_unit: OrgRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub court_case: Option<CourtCaseView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourtCaseView {
    pub case_no: String,
    pub court: String,
    /// The duty set by the judgment.
    pub duty: String,
    pub performed_part: String,
    pub unperformed_part: String,
}

/// An administrative penalty (双公示). Field descriptions name the national exchange items.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenaltyView {
    pub id: i64,
    /// The credit record behind the penalty: what an objection (`POST /objections`) names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
    /// An objection to the penalty's record is being handled (异议处理中).
    pub disputed: bool,
    /// Decision document number (`cf_wsh`).
    pub decision_no: String,
    /// Type of violation (`cf_wfxw`).
    pub violation_type: String,
    /// Facts (`cf_sy`).
    pub facts: String,
    /// Legal basis (`cf_yj`).
    pub legal_basis: String,
    /// Penalty category (`cf_cflb`).
    pub category: PenaltyCategory,
    /// Penalty content (`cf_nr`).
    pub content: String,
    /// Fine in 10,000 yuan (`cf_nr_fk`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fine_10k_yuan: Option<f64>,
    /// Decision date (`cf_jdrq`).
    pub decided_on: NaiveDate,
    /// End of publicity (`cf_gsjzq`).
    pub publicity_until: NaiveDate,
    /// Deciding body and its code (`cf_cfjg`, `cf_cfjgdm`).
    pub deciding_body: OrgRef,
    /// Source unit and its code (`cf_sjly`, `cf_sjlydm`).
    pub source_unit: OrgRef,
    /// The party (`cf_xdr_mc`, `cf_xdr_shxym`, masked `cf_xdr_zjhm`).
    pub subject: PublicSubject,
    pub tier: PublicityTier,
    /// The day it was published here.
    pub published_on: NaiveDate,
    /// Working days from the decision to publication; more than 7 is late (双公示时效).
    pub publication_working_days: u32,
}

/// An administrative licence (双公示).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceView {
    pub id: i64,
    /// Decision document number (`xk_wsh`).
    pub decision_no: String,
    /// Name of the decision document (`xk_xkws`).
    pub document_name: String,
    /// Licence category (`xk_xklb`).
    pub category: LicenceCategory,
    /// Certificate name and number (`xk_xkzs`, `xk_xkbh`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_no: Option<String>,
    /// Content of the licence (`xk_nr`).
    pub content: String,
    /// Decision date (`xk_jdrq`).
    pub decided_on: NaiveDate,
    /// Valid from / to (`xk_yxqz`, `xk_yxqzi`).
    pub valid_from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Licensing body and its code (`xk_xkjg`, `xk_xkjgdm`).
    pub licensing_body: OrgRef,
    /// Source unit and its code (`xk_sjly`, `xk_sjlydm`).
    pub source_unit: OrgRef,
    pub subject: PublicSubject,
    /// The day it was published here.
    pub published_on: NaiveDate,
    /// Working days from the decision to publication; more than 7 is late (双公示时效).
    pub publication_working_days: u32,
}

/// A commitment with its fulfilment history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentView {
    pub id: i64,
    pub kind: CommitmentKind,
    pub subject: PublicSubject,
    pub content: String,
    pub made_on: NaiveDate,
    pub accepting_unit: OrgRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    pub status: FulfilmentStatus,
    pub source_unit: OrgRef,
    /// Oldest first; present in details, empty in lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fulfilment: Vec<FulfilmentStep>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FulfilmentStep {
    pub status: FulfilmentStatus,
    pub note: String,
    pub recorded_on: NaiveDate,
}

/// A government body's (or any organisation's) public integrity profile.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrityProfile {
    pub organisation: OrganisationView,
    pub commitments: CommitmentFigures,
    /// Current entries on serious-breach lists (including judgment-debtor lists).
    pub listings: Vec<ListingSummary>,
    /// Penalties it received that are published now.
    pub penalties: Vec<PenaltyView>,
    /// Published credit records about it, by category.
    pub records: RecordFigures,
    /// How it handles objections to the records it produced (timeliness in working days).
    pub objection_handling: CaseFigures,
    /// Complaints about its breaches of trust (政务失信投诉) and the credit office's findings.
    pub complaints: CaseFigures,
    /// How promptly it published the penalties and licences it decided (双公示时效).
    pub publication: PublicationFigures,
    /// The rectification of its breaches of trust (政务失信整改): the rate, the open cases, and
    /// the consequences that are public.
    #[serde(default)]
    pub rectification: crate::RectificationFigures,
    /// Its latest published integrity evaluation (政务诚信考核评价), if it was evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<crate::PublishedEvaluation>,
}

/// How promptly decisions were published: 双公示 requires publication within 7 working days of
/// the decision (the limit is configurable).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicationTimeliness {
    /// Decisions published.
    pub published: i64,
    /// Published within the limit.
    pub on_time: i64,
    /// Published after the limit.
    pub late: i64,
    /// Not published yet and already past the limit.
    pub unpublished_overdue: i64,
    /// Average working days from decision to publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_working_days: Option<f64>,
    /// Share published within the limit (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_time_rate: Option<f64>,
}

/// Timeliness of a deciding body's penalties and licences.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicationFigures {
    /// The limit applied, in working days.
    pub limit_working_days: u32,
    pub penalties: PublicationTimeliness,
    pub licences: PublicationTimeliness,
}

/// The 双公示 decisions of one calendar month (by decision date, penalties and licences together)
/// and how promptly they were published, for the credit office's trend chart.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicationMonth {
    /// The month, `YYYY-MM`.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11"))]
    pub month: String,
    /// Published within the limit.
    pub on_time: i64,
    /// Published after the limit.
    pub late: i64,
    /// Not published and already past the limit.
    pub unpublished_overdue: i64,
    /// Not published, still within the limit.
    pub pending: i64,
}

/// One deciding body's 双公示 timeliness, for the credit office.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentPublication {
    pub department: OrgRef,
    pub figures: PublicationFigures,
}

/// Counts of cases and how timely they were handled.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseFigures {
    pub received: i64,
    pub open: i64,
    /// Open past their deadline.
    pub overdue: i64,
    pub closed: i64,
    /// Closed within their deadline.
    pub closed_on_time: i64,
    /// Upheld objections, or complaints found to be true.
    pub substantiated: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationView {
    pub name: String,
    pub uscc: String,
    pub kind: OrgKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<OrgRef>,
}

/// Public commitments made by the organisation and how they were kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentFigures {
    pub total: i64,
    pub in_progress: i64,
    pub fulfilled: i64,
    pub breached: i64,
    pub lawfully_changed: i64,
    /// Fulfilled ÷ (fulfilled + breached), absent while none has come due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilment_rate: Option<f64>,
}

/// Counts of published credit records about a subject by category.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordFigures {
    pub positive: i64,
    pub general_breach: i64,
    pub serious_breach: i64,
    pub risk_warning: i64,
}

/// The one-call check before granting a licence or subsidy (办事先查信用).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditCheck {
    pub subject: OrganisationView,
    /// `clear`, `caution` (general breaches or risk warnings published) or `serious` (listed).
    pub verdict: CheckVerdict,
    pub on_serious_breach_list: bool,
    pub listings: Vec<ListingSummary>,
    pub published_penalties: i64,
    pub records: RecordFigures,
    pub checked_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckVerdict {
    Clear,
    Caution,
    Serious,
}
