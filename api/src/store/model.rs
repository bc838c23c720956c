//! What the store writes and reads: domain-typed inputs, so nothing unparsed reaches the database.

use crate::domain::{PublicityWindow, Uscc};
use crate::pii::SealedId;
use chengxin_types::{
    Category, CommitmentKind, DisclosureRoute, FulfilmentStatus, LicenceCategory, ListKind,
    ListingStatus, OrgKind, OrgLevel, PenaltyCategory, PublicityTier, RecordStatus,
};
use chrono::NaiveDate;

/// Whose record it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectRef {
    Person(i64),
    Organisation(i64),
}

impl SubjectRef {
    pub fn kind_code(self) -> &'static str {
        match self {
            SubjectRef::Person(_) => "person",
            SubjectRef::Organisation(_) => "organisation",
        }
    }

    pub fn person_id(self) -> Option<i64> {
        match self {
            SubjectRef::Person(id) => Some(id),
            SubjectRef::Organisation(_) => None,
        }
    }

    pub fn organisation_id(self) -> Option<i64> {
        match self {
            SubjectRef::Organisation(id) => Some(id),
            SubjectRef::Person(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub uscc: Uscc,
    pub name: String,
    pub kind: OrgKind,
    pub level: Option<OrgLevel>,
    pub parent_id: Option<i64>,
    pub region_code: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub name: String,
    pub id: SealedId,
    pub gender: Option<&'static str>,
    pub scoring_consent: bool,
}

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub person_id: i64,
    pub organisation_id: i64,
    pub position: String,
    pub rank: Option<String>,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

pub use crate::domain::catalogue::RecordKind;

#[derive(Debug, Clone)]
pub struct NewCreditRecord {
    pub subject: SubjectRef,
    pub category: Category,
    pub kind_code: String,
    pub title: String,
    pub content: String,
    pub decision_no: Option<String>,
    pub deciding_org_id: Option<i64>,
    pub reporting_org_id: i64,
    pub decided_on: NaiveDate,
    pub occurred_on: NaiveDate,
    pub conduct_ended_on: Option<NaiveDate>,
    pub route: DisclosureRoute,
    pub tier: Option<PublicityTier>,
    pub window: Option<PublicityWindow>,
    pub status: RecordStatus,
    pub score_item: Option<String>,
    pub act_key: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewListing {
    pub subject: SubjectRef,
    pub subject_name: String,
    pub subject_uscc: Option<String>,
    pub subject_id_masked: Option<String>,
    pub list_kind: ListKind,
    pub deciding_org_id: i64,
    pub basis_doc_no: String,
    pub reason: String,
    pub legal_basis: String,
    pub listed_on: NaiveDate,
    pub removal_conditions: String,
    pub removal_due_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub status: ListingStatus,
    pub source_org_id: i64,
    pub record_id: Option<i64>,
    pub court_case: Option<CourtCase>,
}

/// The extra items of a court judgment-debtor entry.
#[derive(Debug, Clone)]
pub struct CourtCase {
    pub case_no: String,
    pub court: String,
    pub duty: String,
    pub performed_part: String,
    pub unperformed_part: String,
}

#[derive(Debug, Clone)]
pub struct NewCommitment {
    pub kind: CommitmentKind,
    pub subject: SubjectRef,
    pub subject_name: String,
    pub content: String,
    pub made_on: NaiveDate,
    pub accepting_org_id: i64,
    pub due_on: Option<NaiveDate>,
    pub status: FulfilmentStatus,
    pub route: DisclosureRoute,
    pub source_org_id: i64,
    /// The fulfilment history, oldest first; the last entry is the current status.
    pub fulfilments: Vec<NewFulfilment>,
}

#[derive(Debug, Clone)]
pub struct NewFulfilment {
    pub status: FulfilmentStatus,
    pub note: String,
    pub recorded_on: NaiveDate,
}

/// The subject of a 双公示 decision as the national format names it.
#[derive(Debug, Clone)]
pub struct DecisionSubject {
    /// `*_xdr_mc`
    pub name: String,
    /// `*_xdr_lb`: 法人及非法人组织, 自然人, 个体工商户.
    pub category: String,
    /// `*_xdr_shxym`
    pub uscc: Option<String>,
    pub organisation_id: Option<i64>,
    pub person_id: Option<i64>,
    /// For a person: document type and the sealed number.
    pub document: Option<(String, SealedId)>,
}

/// The issuing or source body of a 双公示 decision (name and USCC).
#[derive(Debug, Clone)]
pub struct BodyRef {
    pub name: String,
    pub uscc: String,
}

#[derive(Debug, Clone)]
pub struct NewPenalty {
    pub doc_no: String,
    pub violation_type: String,
    pub facts: String,
    pub legal_basis: String,
    pub category: PenaltyCategory,
    pub content: String,
    pub fine_cents: Option<i64>,
    pub decided_on: NaiveDate,
    pub publish_until: NaiveDate,
    pub deciding_body: BodyRef,
    pub source_unit: BodyRef,
    pub subject: DecisionSubject,
    pub tier: PublicityTier,
    pub published_on: Option<NaiveDate>,
    pub status: RecordStatus,
    pub record_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewLicence {
    pub doc_no: String,
    pub doc_name: String,
    pub category: LicenceCategory,
    pub certificate_name: Option<String>,
    pub certificate_no: Option<String>,
    pub content: String,
    pub decided_on: NaiveDate,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub licensing_body: BodyRef,
    pub source_unit: BodyRef,
    pub subject: DecisionSubject,
    pub published_on: Option<NaiveDate>,
    pub status: RecordStatus,
}
