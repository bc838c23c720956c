//! Records intake: imports, submissions and their review (评议), and the exchange export.

use crate::enums::{
    Category, DisclosureRoute, ImportFormat, ImportMode, RecordStatus, SubmissionItemKind,
    SubmissionStatus,
};
use crate::public::{CommitmentView, LicenceView, ListingDetail, PenaltyView};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One problem with one row of an import (row 1 is the first data row; 0 is the file itself).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// Data row number, counting from 1 after the header; 0 for a problem with the whole file.
    pub row: u64,
    /// The column (national item code or our field name) at fault, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A stable code: `required`, `invalid_uscc`, `invalid_id_number`, `future_date`, `duplicate`, …
    pub code: String,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// The batch the imported rows belong to; absent when nothing was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<i64>,
    pub format: ImportFormat,
    /// The mode that was applied.
    pub mode: ImportMode,
    /// The character encoding the file was read in (`UTF-8` or `GB18030`).
    pub encoding: String,
    pub rows_total: u64,
    /// Rows stored as submissions waiting for review.
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    /// Whether anything was stored. An all-or-nothing import with errors stores nothing.
    pub committed: bool,
    /// The problems found, in row order (at most 1,000; see `errors_truncated`).
    pub errors: Vec<RowError>,
    pub errors_truncated: bool,
}

/// A submitted item and its review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionView {
    pub id: i64,
    pub item_kind: SubmissionItemKind,
    /// The penalty, licence, record or listing entry.
    pub item_id: i64,
    /// The credit record behind the item, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
    /// One line saying what it is (document number, subject, title).
    pub summary: String,
    pub status: SubmissionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_row: Option<u64>,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The reviewer's comment: why it was returned, or the exemption reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_comment: Option<String>,
    /// For a serious listing: the last day of the subject's objection window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection_window_ends: Option<NaiveDate>,
}

/// A reviewer's decision on a submission (or on every pending submission of a batch).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReviewDecision {
    /// Approve: the item takes effect (published, shared, scored as its route allows).
    Approve { comment: Option<String> },
    /// Return to the reporter, saying what to correct.
    Return { comment: String },
    /// 容错免责: keep the item, never count it as a breach; the reason is recorded.
    Exempt { reason: String },
}

/// What a batch decision did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchReviewOutcome {
    pub batch_id: i64,
    /// Submissions the decision applied to (those still pending).
    pub decided: u64,
    pub status: SubmissionStatus,
}

/// An import batch as the department sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchView {
    pub id: i64,
    pub format: ImportFormat,
    pub mode: ImportMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    pub encoding: String,
    pub uploaded_by: String,
    pub rows_total: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    /// Accepted rows still waiting for review.
    pub pending: u64,
    pub created_at: DateTime<Utc>,
}

/// One change an upper-level platform pulls: an item published, or withdrawn (repaired, revoked).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeChange {
    /// Sequence number; pass the last one seen as `since` next time.
    pub seq: i64,
    /// `published` or `withdrawn`.
    pub change: String,
    pub changed_at: DateTime<Utc>,
    /// The national exchange items (`cf_*` or `xk_*`), as text. An item that is no longer published
    /// carries only its identifying items (document number and deciding body code).
    #[cfg_attr(feature = "openapi", schema(value_type = Object, example = json!({"cf_wsh": "临市监罚决字〔2026〕118号", "cf_cfjgdm": "11331000MB1234567X"})))]
    pub items: std::collections::BTreeMap<String, String>,
}

/// A page of changes since a sequence number.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangePage {
    pub changes: Vec<ExchangeChange>,
    /// Pass as `since` to continue (the last sequence number here, or the one you sent).
    pub next_since: i64,
    /// Whether more changes follow right away.
    pub more: bool,
}

/// A serious-breach entry as its deciding department sees it, in whatever state: the public no
/// longer sees a removed or lapsed entry, the department still does.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentListing {
    pub id: i64,
    pub subject: crate::PublicSubject,
    pub list_kind: crate::ListKind,
    pub basis_doc_no: String,
    pub listed_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal_due_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_on: Option<NaiveDate>,
    pub standing: crate::ListingStanding,
    /// The credit record behind the entry, whose history (versions, objections, repair) the
    /// department's other views show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
}

/// `GET /intake/formats`: the columns each format takes, as a form or a spreadsheet template
/// needs them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntakeFormat {
    pub format: ImportFormat,
    pub columns: Vec<FormatColumn>,
}

/// One column of a format.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormatColumn {
    /// The key of a single submission and the CSV heading (national item code or our field name).
    #[cfg_attr(feature = "openapi", schema(example = "cf_wsh"))]
    pub code: String,
    /// What it holds (the national item's name).
    #[cfg_attr(feature = "openapi", schema(example = "行政处罚决定书文号"))]
    pub label: String,
    pub required: bool,
    /// Other headings accepted for it in a CSV (the Chinese names Excel templates use).
    pub aliases: Vec<String>,
}

/// One field of a submission as the reporter sent it, in the format's column order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmittedField {
    /// The column code (national item code or our field name).
    pub code: String,
    pub label: String,
    /// The value sent; absent when the column was left empty, or for a personal ID number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A personal ID number: the archive keeps it only sealed, so it is never shown back; a
    /// correction must give it again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal_id: bool,
}

/// How a credit record will be disclosed once approved (records have no public page of their own).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordPreview {
    pub title: String,
    pub category: Category,
    /// Who may see it: the public, government departments sharing records, an authorised query.
    pub route: DisclosureRoute,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_until: Option<NaiveDate>,
}

/// What will be published when the item is approved, built by the same code as the public
/// answers (with today as the day of publication), so the reviewer sees what the public will.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PublishedPreview {
    Penalty {
        penalty: PenaltyView,
    },
    Licence {
        licence: LicenceView,
    },
    Listing {
        entry: ListingDetail,
    },
    Commitment {
        commitment: CommitmentView,
    },
    /// A fulfilment entry: the commitment it belongs to, as published now.
    Fulfilment {
        commitment: CommitmentView,
    },
    /// An early removal: the entry it takes off the list, as published now.
    Removal {
        entry: ListingDetail,
    },
    Record {
        record: RecordPreview,
    },
}

/// At most this many of the subject's other records are listed beside a submission (the server
/// lists them, the workspace says when the list is full).
pub const SUBJECT_RECORDS_SHOWN: usize = 20;

/// A record the archive already holds on the same subject, beside a submission under review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectRecord {
    pub id: i64,
    pub title: String,
    pub category: Category,
    pub status: RecordStatus,
    pub decided_on: NaiveDate,
    /// The department that reported it.
    pub reported_by: String,
}

/// A submission with what a reviewer needs to decide on it and a reporter to correct it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionDetail {
    pub submission: SubmissionView,
    /// The format it was sent in: a correction is sent in the same one.
    pub format: ImportFormat,
    /// The row as sent; empty for submissions made before rows were kept.
    pub fields: Vec<SubmittedField>,
    /// What the public or the sharing departments will see once it is approved; absent for a
    /// superseded submission (its item now holds the correction that replaced it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedPreview>,
    /// Whether the public will see it once approved, by its register's public rule (a minor
    /// penalty where those are not published, a licence to a natural person, a record not on the
    /// public route: no); absent for a change to another entry and for a superseded submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
    /// The subject's other records in the archive the reader may see, newest first (at most 20):
    /// their own department's, and another's only while it is shared.
    pub subject_records: Vec<SubjectRecord>,
}
