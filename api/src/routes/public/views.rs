//! Store rows → public wire types. Persons' names are masked here by the deployment's rule; ID
//! numbers were masked when they were stored and are never read in full on a public path.

use crate::domain::NameMask;
use crate::domain::WorkCalendar;
use crate::store::public::{CommitmentRow, FulfilmentRow, LicenceRow, ListingRow, PenaltyRow};
use chengxin_types::{
    CommitmentView, CourtCaseView, FulfilmentStatus, FulfilmentStep, LicenceCategory, LicenceView,
    ListKind, ListingDetail, ListingSummary, OrgRef, PenaltyView, PublicSubject, SubjectKind,
};

fn org(name: &str, uscc: &str) -> OrgRef {
    OrgRef {
        name: name.to_string(),
        uscc: uscc.to_string(),
    }
}

/// A subject as the public sees it.
pub fn subject(
    kind: SubjectKind,
    name: &str,
    uscc: Option<&str>,
    id_masked: Option<&str>,
    mask: NameMask,
) -> PublicSubject {
    match kind {
        SubjectKind::Organisation => PublicSubject {
            kind,
            name: name.to_string(),
            uscc: uscc.map(str::to_string),
            id_number_masked: None,
        },
        SubjectKind::Person => PublicSubject {
            kind,
            name: mask.apply(name),
            uscc: None,
            id_number_masked: id_masked.map(str::to_string),
        },
    }
}

fn subject_kind(code: &str) -> SubjectKind {
    SubjectKind::from_code(code).unwrap_or(SubjectKind::Organisation)
}

pub fn listing_summary(row: &ListingRow, mask: NameMask) -> ListingSummary {
    ListingSummary {
        id: row.id,
        subject: subject(
            subject_kind(&row.subject_kind),
            &row.subject_name,
            row.subject_uscc.as_deref(),
            row.subject_id_masked.as_deref(),
            mask,
        ),
        list_kind: ListKind::from_code(&row.list_kind)
            .unwrap_or(ListKind::AdministrativeSeriousBreach),
        deciding_department: org(&row.dept_name, &row.dept_uscc),
        basis_doc_no: row.basis_doc_no.clone(),
        listed_on: row.listed_on,
        removal_due_on: row.removal_due_on,
        removed_on: row.removed_on,
        status: row.status,
        disputed: row.disputed,
        record_id: row.record_id,
    }
}

pub fn listing_detail(row: &ListingRow, mask: NameMask) -> ListingDetail {
    let court_case = row.case_no.as_ref().map(|case_no| CourtCaseView {
        case_no: case_no.clone(),
        court: row.court.clone().unwrap_or_default(),
        duty: row.duty.clone().unwrap_or_default(),
        performed_part: row.performed_part.clone().unwrap_or_default(),
        unperformed_part: row.unperformed_part.clone().unwrap_or_default(),
    });
    ListingDetail {
        summary: listing_summary(row, mask),
        reason: row.reason.clone(),
        legal_basis: row.legal_basis.clone(),
        removal_conditions: row.removal_conditions.clone(),
        source_unit: org(&row.src_name, &row.src_uscc),
        court_case,
    }
}

pub fn penalty(row: &PenaltyRow, mask: NameMask, calendar: &WorkCalendar) -> PenaltyView {
    let kind = if row.person_id.is_some() {
        SubjectKind::Person
    } else {
        SubjectKind::Organisation
    };
    PenaltyView {
        id: row.id,
        record_id: row.record_id,
        disputed: row.disputed,
        decision_no: row.cf_wsh.clone(),
        violation_type: row.cf_wfxw.clone(),
        facts: row.cf_sy.clone(),
        legal_basis: row.cf_yj.clone(),
        category: row.cf_cflb,
        content: row.cf_nr.clone(),
        // cf_nr_fk is stated in 10,000 yuan; cents / 1,000,000.
        fine_10k_yuan: row.fine_cents.map(|cents| cents as f64 / 1_000_000.0),
        decided_on: row.cf_jdrq,
        publicity_until: row.cf_gsjzq,
        deciding_body: org(&row.cf_cfjg, &row.cf_cfjgdm),
        source_unit: org(&row.cf_sjly, &row.cf_sjlydm),
        subject: subject(
            kind,
            &row.cf_xdr_mc,
            row.cf_xdr_shxym.as_deref(),
            row.xdr_id_masked.as_deref(),
            mask,
        ),
        tier: row.tier,
        published_on: row.published_on,
        publication_working_days: calendar.working_days_between(row.cf_jdrq, row.published_on),
    }
}

pub fn licence(row: &LicenceRow, calendar: &WorkCalendar) -> LicenceView {
    let category = LicenceCategory::ALL
        .iter()
        .copied()
        .find(|c| c.national_code() == row.xk_xklb)
        .unwrap_or(LicenceCategory::Other);
    LicenceView {
        id: row.id,
        decision_no: row.xk_wsh.clone(),
        document_name: row.xk_xkws.clone(),
        category,
        certificate_name: row.xk_xkzs.clone(),
        certificate_no: row.xk_xkbh.clone(),
        content: row.xk_nr.clone(),
        decided_on: row.xk_jdrq,
        valid_from: row.xk_yxqz,
        valid_to: row.xk_yxqzi,
        licensing_body: org(&row.xk_xkjg, &row.xk_xkjgdm),
        source_unit: org(&row.xk_sjly, &row.xk_sjlydm),
        subject: subject(
            SubjectKind::Organisation,
            &row.xk_xdr_mc,
            row.xk_xdr_shxym.as_deref(),
            None,
            NameMask::Full,
        ),
        published_on: row.published_on,
        publication_working_days: calendar.working_days_between(row.xk_jdrq, row.published_on),
    }
}

pub fn commitment(
    row: &CommitmentRow,
    fulfilment: &[FulfilmentRow],
    mask: NameMask,
) -> CommitmentView {
    CommitmentView {
        id: row.id,
        kind: row.kind,
        subject: subject(
            subject_kind(&row.subject_kind),
            &row.subject_name,
            row.subject_uscc.as_deref(),
            None,
            mask,
        ),
        content: row.content.clone(),
        made_on: row.made_on,
        accepting_unit: org(&row.acc_name, &row.acc_uscc),
        due_on: row.due_on,
        status: fulfilment_status(&row.status),
        source_unit: org(&row.src_name, &row.src_uscc),
        fulfilment: fulfilment
            .iter()
            .map(|f| FulfilmentStep {
                status: fulfilment_status(&f.status),
                note: f.note.clone(),
                recorded_on: f.recorded_on,
            })
            .collect(),
    }
}

fn fulfilment_status(code: &str) -> FulfilmentStatus {
    FulfilmentStatus::from_code(code).unwrap_or(FulfilmentStatus::InProgress)
}
