//! Records intake: reading what department reporters submit — uploaded CSV (UTF-8 with or without a
//! byte-order mark, or GB18030/GBK) or JSON, or one item through the API — into validated items,
//! with every problem reported by row and column. Storing and reviewing them is the store's job.

mod checks;
mod commitment;
pub mod decode;
pub mod fields;
mod licence;
mod listing;
mod penalty;
mod record;
pub mod removal;
pub mod repeats;

pub use checks::org_kind_of;
pub use chengxin_types::RowError;
pub use fields::{Column, Row};

use crate::domain::catalogue::{Catalogue, CatalogueKind};
use crate::domain::{PublicityRules, PublicityWindow, Uscc, WorkCalendar};
use crate::pii::{PiiCipher, SealedId};
use crate::store::{
    NewCommitment, NewCreditRecord, NewFulfilment, NewLicence, NewListing, NewPenalty, SubjectRef,
};
use chengxin_types::{ImportFormat, RecordStatus};
use chrono::NaiveDate;

/// The department a reporter submits for.
#[derive(Debug, Clone)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub uscc: Uscc,
}

/// What the checks need besides the row.
#[derive(Clone)]
pub struct Context {
    /// The catalogue of record kinds in force.
    pub catalogue: Catalogue,
    pub today: NaiveDate,
    pub department: Department,
    pub rules: PublicityRules,
    pub cipher: PiiCipher,
    pub calendar: std::sync::Arc<WorkCalendar>,
    /// Working days a subject has to object to a serious listing after the notice.
    pub listing_objection_working_days: u32,
}

/// Whom a row is about, before it is matched to (or creates) an organisation or a person.
#[derive(Debug, Clone)]
pub enum SubjectSpec {
    Organisation { uscc: Uscc, name: String },
    Person { name: String, id: SealedId },
}

impl SubjectSpec {
    pub fn name(&self) -> &str {
        match self {
            SubjectSpec::Organisation { name, .. } | SubjectSpec::Person { name, .. } => name,
        }
    }
}

/// The prior notice of a serious listing.
#[derive(Debug, Clone)]
pub struct Notice {
    pub delivered_on: NaiveDate,
    pub rights: String,
    /// The last working day of the objection window.
    pub window_ends: NaiveDate,
}

/// A valid row, ready to be stored as a pending submission. Subject references inside are
/// placeholders until the store has matched the subject.
#[derive(Debug, Clone)]
pub enum Item {
    Penalty {
        penalty: NewPenalty,
        record: NewCreditRecord,
        subject: SubjectSpec,
    },
    Licence {
        licence: NewLicence,
        subject: SubjectSpec,
    },
    Record {
        record: NewCreditRecord,
        subject: SubjectSpec,
    },
    Listing {
        listing: NewListing,
        notice: Notice,
        record: NewCreditRecord,
        subject: SubjectSpec,
    },
    Commitment {
        commitment: NewCommitment,
        subject: SubjectSpec,
    },
    /// A change of fulfilment of a commitment the department accepted.
    Fulfilment {
        commitment_id: i64,
        department_id: i64,
        fulfilment: NewFulfilment,
    },
    /// The early removal of an entry the department listed.
    Removal(removal::NewRemoval),
}

impl Item {
    /// Whom the item is about; a fulfilment entry refers to its commitment instead.
    pub fn subject(&self) -> Option<&SubjectSpec> {
        match self {
            Item::Penalty { subject, .. }
            | Item::Licence { subject, .. }
            | Item::Record { subject, .. }
            | Item::Listing { subject, .. }
            | Item::Commitment { subject, .. } => Some(subject),
            Item::Fulfilment { .. } | Item::Removal(_) => None,
        }
    }
}

/// The columns a format takes, in documentation order.
pub fn columns(format: ImportFormat) -> &'static [Column] {
    match format {
        ImportFormat::Penalties => penalty::COLUMNS,
        ImportFormat::Licences => licence::COLUMNS,
        ImportFormat::Records => record::COLUMNS,
        ImportFormat::Listings => listing::COLUMNS,
        ImportFormat::Commitments => commitment::COLUMNS,
        ImportFormat::Fulfilments => commitment::FULFILMENT_COLUMNS,
        ImportFormat::Removals => removal::COLUMNS,
    }
}

/// Checks one row of a format.
pub fn validate(format: ImportFormat, row: &Row, ctx: &Context) -> Result<Item, Vec<RowError>> {
    match format {
        ImportFormat::Penalties => penalty::validate(row, ctx),
        ImportFormat::Licences => licence::validate(row, ctx),
        ImportFormat::Records => record::validate(row, ctx),
        ImportFormat::Listings => listing::validate(row, ctx),
        ImportFormat::Commitments => commitment::validate(row, ctx),
        ImportFormat::Fulfilments => commitment::validate_fulfilment(row, ctx),
        ImportFormat::Removals => removal::validate(row, ctx),
    }
}

/// The credit record behind a reported item, pending review, reported by the department.
fn record_for(
    ctx: &Context,
    kind: &CatalogueKind,
    subject: &SubjectSpec,
    content: String,
    decided_on: NaiveDate,
    window: Option<PublicityWindow>,
) -> NewCreditRecord {
    NewCreditRecord {
        // Replaced by the matched subject when stored.
        subject: match subject {
            SubjectSpec::Organisation { .. } => SubjectRef::Organisation(0),
            SubjectSpec::Person { .. } => SubjectRef::Person(0),
        },
        category: kind.category,
        kind_code: kind.code.clone(),
        title: kind.name.clone(),
        content,
        decision_no: None,
        deciding_org_id: Some(ctx.department.id),
        reporting_org_id: ctx.department.id,
        decided_on,
        occurred_on: decided_on,
        conduct_ended_on: None,
        route: kind.default_route,
        tier: kind.default_tier,
        window,
        status: RecordStatus::Pending,
        score_item: kind.score_item.clone(),
        act_key: None,
    }
}

/// Every stable code a row error can carry, with its English wording (the checks word their
/// messages in Chinese; a caller who asked for English gets these).
const ROW_CODES: &[(&str, &str)] = &[
    ("required", "a value is required"),
    ("too_long", "the value is too long"),
    (
        "control_characters",
        "the value contains control characters",
    ),
    ("invalid_date", "not a valid date (write YYYY-MM-DD)"),
    ("future_date", "the date is after today"),
    (
        "invalid_uscc",
        "not a valid unified social credit code (check character or length)",
    ),
    ("invalid_id_number", "not a valid resident ID number"),
    ("unknown_code", "not one of the allowed codes"),
    (
        "invalid_publicity_period",
        "the end of publicity is outside the tier's minimum and maximum",
    ),
    (
        "other_department",
        "you may report only for your own department",
    ),
    (
        "invalid_amount",
        "the fine must be a number of 10,000 yuan between 0 and 1,000,000",
    ),
    (
        "unsupported_document",
        "only resident ID numbers are accepted",
    ),
    (
        "unsupported_subject",
        "licences of natural persons are not published",
    ),
    ("invalid_period", "the dates are in the wrong order"),
    (
        "own_format",
        "this kind has its own format (penalties or listings)",
    ),
    (
        "kind_subject_mismatch",
        "this kind does not apply to this type of subject",
    ),
    ("not_applicable", "this kind has no publicity tier"),
    (
        "bad_encoding",
        "characters that cannot be decoded: check the file's encoding",
    ),
    (
        "duplicate",
        "already reported (same decision document number)",
    ),
    (
        "name_mismatch",
        "the ID number is registered under another name",
    ),
    ("invalid_id", "not a valid id"),
    ("not_in_effect", "the commitment is not approved yet"),
    (
        "not_your_commitment",
        "your department has no commitment with this id",
    ),
    (
        "not_your_listing",
        "your department made no listing decision with this document number",
    ),
    ("not_listed", "the entry is no longer on the list"),
    (
        "before_listing",
        "the removal date is before the listing date",
    ),
    (
        "removal_pending",
        "a removal of this entry is waiting for review",
    ),
    ("missing_columns", "required columns are missing"),
    (
        "unreadable_file",
        "the file cannot be read as CSV or as a JSON array",
    ),
    ("unreadable_row", "the row cannot be read as CSV"),
];

/// A row error's code as a `'static` one (for a field error), `invalid_value` if it is unknown.
pub fn stable_code(code: &str) -> &'static str {
    ROW_CODES
        .iter()
        .find(|(known, _)| *known == code)
        .map_or("invalid_value", |(known, _)| known)
}

/// The English message of a row error, from its stable code and column.
pub fn english_message(code: &str, field: Option<&str>) -> String {
    let column = field.map_or_else(String::new, |f| format!("{f}: "));
    let what = ROW_CODES
        .iter()
        .find(|(known, _)| *known == code)
        .map_or("the value is not accepted", |(_, english)| english);
    format!("{column}{what}")
}
