//! Storing what department reporters submit, and its review (评议).
//!
//! An import runs in one transaction: rows arrive in chunks from the reader (so a file is never held
//! whole), each valid row becomes a pending item with a submission, and an all-or-nothing import
//! with any bad row is rolled back. Review decisions are set-based, so approving a batch of 100,000
//! rows is a handful of statements.

use super::exec::Conn;
use super::query::Sql;
use super::writes::{
    insert_commitment, insert_credit_record, insert_licence, insert_listing, insert_penalty,
};
use super::{AuditEvent, NewCreditRecord, NewLicence, NewPenalty, Store, StoreResult, SubjectRef};
use crate::intake::repeats::{
    Decision, EntryToRemove, Placement, decision_placement, entry_to_remove, fulfilment_target,
    listing_placement, record_placement, row_error,
};
use crate::intake::{Item, RowError, SubjectSpec, org_kind_of};
use chengxin_types::{ImportFormat, ImportMode, SubmissionItemKind};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use tokio::sync::mpsc;

/// At most this many row errors are reported back; the counts are always complete.
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// The batch an import creates.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub department_org_id: i64,
    pub department_uscc: String,
    pub uploaded_by: i64,
    pub actor: String,
    pub format: ImportFormat,
    pub file_name: Option<String>,
    pub encoding: &'static str,
    pub mode: ImportMode,
}

/// One checked row: its number and the item, or why it was rejected.
pub type CheckedRow = (u64, Result<Checked, Vec<RowError>>);

/// A row that passed the checks: the item to store and the row as sent (a JSON object by
/// column code, personal ID numbers left out), kept with the submission.
#[derive(Debug, Clone)]
pub struct Checked {
    pub item: Item,
    pub submitted_fields: String,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportTally {
    pub batch_id: Option<i64>,
    pub rows_total: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    pub errors: Vec<RowError>,
    pub errors_truncated: bool,
    pub committed: bool,
}

impl ImportTally {
    fn reject(&mut self, row: u64, errors: Vec<RowError>) {
        if row > 0 {
            self.rows_rejected += 1;
        }
        for e in errors {
            if self.errors.len() < MAX_REPORTED_ERRORS {
                self.errors.push(e);
            } else {
                self.errors_truncated = true;
            }
        }
    }
}

/// What one import has learnt so far: subjects matched (a file naming the same firm 1,000 times
/// looks it up once), codes known not to exist yet, and the decisions known to exist (looked up a
/// chunk at a time, and added to as rows are stored, so repeats within the file are caught too).
#[derive(Default)]
struct Subjects {
    organisations: HashMap<String, i64>,
    absent_organisations: std::collections::HashSet<String>,
    persons: HashMap<String, (i64, String)>,
    /// (deciding body code, document number) of penalties and of licences that exist.
    penalties: std::collections::HashSet<(String, String)>,
    licences: std::collections::HashSet<(String, String)>,
    /// Those among them that were returned to the reporter: sending one again corrects it.
    returned: HashMap<(String, String), i64>,
}

/// Placeholders `$from, $from+1, …` for `n` values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Document numbers by the code of the body that decided them.
type NumbersByBody = HashMap<String, Vec<String>>;

/// The organisation codes and decision keys a chunk names that the import has not looked up yet.
fn chunk_keys(
    chunk: &[CheckedRow],
    subjects: &Subjects,
) -> (Vec<String>, NumbersByBody, NumbersByBody) {
    let mut codes = Vec::new();
    let mut penalties = NumbersByBody::new();
    let mut licences = NumbersByBody::new();
    for item in chunk
        .iter()
        .filter_map(|(_, checked)| checked.as_ref().ok().map(|c| &c.item))
    {
        if let Some(SubjectSpec::Organisation { uscc, .. }) = item.subject() {
            let code = uscc.as_str();
            if !subjects.organisations.contains_key(code)
                && !subjects.absent_organisations.contains(code)
            {
                codes.push(code.to_string());
            }
        }
        match item {
            Item::Penalty { penalty, .. } => penalties
                .entry(penalty.deciding_body.uscc.clone())
                .or_default()
                .push(penalty.doc_no.clone()),
            Item::Licence { licence, .. } => licences
                .entry(licence.licensing_body.uscc.clone())
                .or_default()
                .push(licence.doc_no.clone()),
            _ => {}
        }
    }
    codes.sort();
    codes.dedup();
    (codes, penalties, licences)
}

/// Looks up, in a few statements, what the rows of a chunk need to know from the database.
async fn prefetch_chunk(
    conn: &mut Conn<'_>,
    subjects: &mut Subjects,
    chunk: &[CheckedRow],
) -> StoreResult<()> {
    let (codes, penalties, licences) = chunk_keys(chunk, subjects);
    if !codes.is_empty() {
        let sql = format!(
            "SELECT uscc, id FROM organisations WHERE uscc IN ({})",
            placeholders(1, codes.len())
        );
        let mut query = Sql::new(&sql);
        for code in &codes {
            query = query.with(code);
        }
        for (code, id) in query.fetch_all::<(String, i64)>(conn).await? {
            subjects.organisations.insert(code, id);
        }
        for code in codes {
            if !subjects.organisations.contains_key(&code) {
                subjects.absent_organisations.insert(code);
            }
        }
    }
    for (table, code_column, no_column, keys, known) in [
        (
            "penalties",
            "cf_cfjgdm",
            "cf_wsh",
            penalties,
            &mut subjects.penalties,
        ),
        (
            "licences",
            "xk_xkjgdm",
            "xk_wsh",
            licences,
            &mut subjects.licences,
        ),
    ] {
        for (body, numbers) in keys {
            let sql = format!(
                "SELECT {no_column}, id, status FROM {table} WHERE {code_column} = $1 AND {no_column} IN ({})",
                placeholders(2, numbers.len())
            );
            let mut query = Sql::new(&sql).with(&body);
            for number in &numbers {
                query = query.with(number);
            }
            for (number, id, status) in query.fetch_all::<(String, i64, String)>(conn).await? {
                let key = (body.clone(), number);
                if status == "returned" {
                    subjects.returned.insert(key, id);
                } else {
                    known.insert(key);
                }
            }
        }
    }
    Ok(())
}

/// Where a row's subject name sits in each format.
fn name_field(item: &Item) -> &'static str {
    match item {
        Item::Penalty { .. } => "cf_xdr_mc",
        Item::Licence { .. } => "xk_xdr_mc",
        Item::Record { .. } | Item::Listing { .. } | Item::Commitment { .. } => "subject_name",
        Item::Fulfilment { .. } => "commitment_id",
        Item::Removal(_) => "basis_doc_no",
    }
}

/// Finds the organisation or person a row is about, creating it when the archive does not know it
/// yet. A known ID number under another name is an error of the row, not a silent merge.
async fn match_subject(
    conn: &mut Conn<'_>,
    subjects: &mut Subjects,
    spec: &SubjectSpec,
    at: DateTime<Utc>,
) -> StoreResult<Result<SubjectRef, String>> {
    Ok(match spec {
        SubjectSpec::Organisation { uscc, name } => {
            let key = uscc.as_str();
            let id = match subjects.organisations.get(key) {
                Some(id) => *id,
                None => {
                    let found: Option<(i64,)> = if subjects.absent_organisations.remove(key) {
                        None
                    } else {
                        Sql::new("SELECT id FROM organisations WHERE uscc = $1")
                            .with(key)
                            .fetch_optional(conn)
                            .await?
                    };
                    let id = match found {
                            Some((id,)) => id,
                            None => {
                                Sql::new(
                                    "INSERT INTO organisations (uscc, name, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                                )
                                .with(key)
                                .with(name.as_str())
                                .with(org_kind_of(uscc).code())
                                .with(at)
                                .fetch_one::<(i64,)>(conn)
                                .await?
                                .0
                            }
                        };
                    subjects.organisations.insert(key.to_string(), id);
                    id
                }
            };
            Ok(SubjectRef::Organisation(id))
        }
        SubjectSpec::Person { name, id: sealed } => {
            let cached = subjects.persons.get(&sealed.lookup).cloned();
            let (id, known_name) = match cached {
                Some(found) => found,
                None => {
                    let found: Option<(i64, String)> =
                        Sql::new("SELECT id, name FROM persons WHERE id_lookup = $1")
                            .with(&sealed.lookup)
                            .fetch_optional(conn)
                            .await?;
                    let found = match found {
                        Some(found) => found,
                        None => {
                            let (id,): (i64,) = Sql::new(
                                    "INSERT INTO persons (name, id_cipher, id_lookup, id_masked, scoring_consent, created_at)
                                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                )
                                .with(name.as_str())
                                .with(&sealed.cipher)
                                .with(&sealed.lookup)
                                .with(&sealed.masked)
                                .with(false)
                                .with(at)
                                .fetch_one(conn)
                                .await?;
                            (id, name.clone())
                        }
                    };
                    subjects
                        .persons
                        .insert(sealed.lookup.clone(), found.clone());
                    found
                }
            };
            if known_name == *name {
                Ok(SubjectRef::Person(id))
            } else {
                Err(format!(
                    "身份证号码 {} 在档案中登记的姓名与“{name}”不符",
                    sealed.masked
                ))
            }
        }
    })
}

/// Replaces a returned penalty (and its credit record) with the corrected row and sends it for
/// review again; the returned submission is kept, marked superseded. Evaluates to the record id.
async fn resubmit_penalty(
    conn: &mut Conn<'_>,
    id: i64,
    p: &NewPenalty,
    r: &NewCreditRecord,
    at: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    let document = p.subject.document.as_ref();
    let (record_id,): (Option<i64>,) = Sql::new(
            "UPDATE penalties SET cf_wfxw = $1, cf_sy = $2, cf_yj = $3, cf_cflb = $4, cf_nr = $5, fine_cents = $6, cf_jdrq = $7,
                cf_gsjzq = $8, cf_cfjg = $9, cf_sjly = $10, cf_xdr_mc = $11, cf_xdr_lb = $12, cf_xdr_shxym = $13, cf_xdr_zjlx = $14,
                xdr_id_masked = $15, xdr_id_cipher = $16, person_id = $17, organisation_id = $18, tier = $19, status = 'pending'
             WHERE id = $20 RETURNING record_id",
        )
        .with(&p.violation_type)
        .with(&p.facts)
        .with(&p.legal_basis)
        .with(p.category.code())
        .with(&p.content)
        .with(p.fine_cents)
        .with(p.decided_on)
        .with(p.publish_until)
        .with(&p.deciding_body.name)
        .with(&p.source_unit.name)
        .with(&p.subject.name)
        .with(&p.subject.category)
        .with(&p.subject.uscc)
        .with(document.map(|(kind, _)| kind.as_str()))
        .with(document.map(|(_, sealed)| sealed.masked.as_str()))
        .with(document.map(|(_, sealed)| sealed.cipher.as_slice()))
        .with(p.subject.person_id)
        .with(p.subject.organisation_id)
        .with(p.tier.code())
        .with(id)
        .fetch_one(conn)
        .await?;
    Sql::new(
            "UPDATE credit_records SET subject_kind = $1, person_id = $2, organisation_id = $3, category = $4, kind_code = $5,
                title = $6, content = $7, decided_on = $8, occurred_on = $9, tier = $10, publish_from = $11, repairable_from = $12,
                publish_until = $13, score_item = $14, status = 'pending', updated_at = $15
             WHERE id = $16",
        )
        .with(r.subject.kind_code())
        .with(r.subject.person_id())
        .with(r.subject.organisation_id())
        .with(r.category.code())
        .with(&r.kind_code)
        .with(&r.title)
        .with(&r.content)
        .with(r.decided_on)
        .with(r.occurred_on)
        .with(r.tier.map(|t| t.code()))
        .with(r.window.map(|w| w.from))
        .with(r.window.map(|w| w.repairable_from))
        .with(r.window.map(|w| w.until))
        .with(&r.score_item)
        .with(at)
        .with(record_id)
        .execute(conn)
        .await?;
    supersede_returned(conn, "penalty", id).await?;
    Ok(record_id)
}

/// As [`resubmit_penalty!`] for a licence.
async fn resubmit_licence(conn: &mut Conn<'_>, id: i64, l: &NewLicence) -> StoreResult<()> {
    Sql::new(
            "UPDATE licences SET xk_xkws = $1, xk_xklb = $2, xk_xkzs = $3, xk_xkbh = $4, xk_nr = $5, xk_jdrq = $6, xk_yxqz = $7,
                xk_yxqzi = $8, xk_xkjg = $9, xk_sjly = $10, xk_xdr_mc = $11, xk_xdr_lb = $12, xk_xdr_shxym = $13,
                organisation_id = $14, status = 'pending'
             WHERE id = $15",
        )
        .with(&l.doc_name)
        .with(l.category.national_code())
        .with(&l.certificate_name)
        .with(&l.certificate_no)
        .with(&l.content)
        .with(l.decided_on)
        .with(l.valid_from)
        .with(l.valid_to)
        .with(&l.licensing_body.name)
        .with(&l.source_unit.name)
        .with(&l.subject.name)
        .with(&l.subject.category)
        .with(&l.subject.uscc)
        .with(l.subject.organisation_id)
        .with(id)
        .execute(conn)
        .await?;
    supersede_returned(conn, "licence", id).await?;
    Ok(())
}

/// Marks the returned submission of an item superseded by the one sent again.
async fn supersede_returned(conn: &mut Conn<'_>, kind: &str, id: i64) -> StoreResult<()> {
    Sql::new(
        "UPDATE submissions SET status = 'superseded' WHERE item_kind = $1 AND item_id = $2 AND status = 'returned'",
    )
    .with(kind)
    .with(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores one checked item as a pending submission. Evaluates to `Ok(())` or the row's error.
async fn store_item(
    conn: &mut Conn<'_>,
    subjects: &mut Subjects,
    batch: &NewBatch,
    row: u64,
    checked: Checked,
    at: DateTime<Utc>,
) -> StoreResult<Result<PendingSubmission, RowError>> {
    let Checked {
        mut item,
        submitted_fields,
    } = checked;
    let field = name_field(&item);
    let subject = match item.subject() {
        Some(spec) => match match_subject(conn, subjects, spec, at).await? {
            Ok(subject) => subject,
            Err(message) => return Ok(Err(row_error(row, field, "name_mismatch", message))),
        },
        // A fulfilment entry is about its commitment's subject, already matched.
        None => SubjectRef::Organisation(0),
    };
    let stored: Result<(SubmissionItemKind, i64, Option<i64>, String), RowError> = match &mut item {
        Item::Penalty {
            penalty, record, ..
        } => {
            record.subject = subject;
            penalty.subject.organisation_id = subject.organisation_id();
            penalty.subject.person_id = subject.person_id();
            if penalty.deciding_body.uscc != batch.department_uscc {
                let code = penalty.deciding_body.uscc.clone();
                let known = subjects.organisations.get(&code).copied();
                let found = match known {
                    Some(id) => Some(id),
                    None => {
                        let found: Option<(i64,)> =
                            Sql::new("SELECT id FROM organisations WHERE uscc = $1")
                                .with(&code)
                                .fetch_optional(conn)
                                .await?;
                        if let Some((id,)) = found {
                            subjects.organisations.insert(code, id);
                        }
                        found.map(|(id,)| id)
                    }
                };
                if let Some(id) = found {
                    record.deciding_org_id = Some(id);
                }
            }
            // Looked up for the whole chunk before its rows are stored.
            let key = (penalty.deciding_body.uscc.clone(), penalty.doc_no.clone());
            let held = subjects.penalties.contains(&key);
            let summary = format!(
                "{} {} {}",
                penalty.doc_no,
                penalty.subject.name,
                penalty.category.label_zh()
            );
            let returned = subjects.returned.remove(&key);
            match decision_placement(row, Decision::Penalty, &penalty.doc_no, held, returned) {
                Ok(Placement::Resubmission(id)) => {
                    // Corrected after it was returned: the same penalty, sent again.
                    let record_id = resubmit_penalty(conn, id, penalty, record, at).await?;
                    subjects.penalties.insert(key);
                    Ok((SubmissionItemKind::Penalty, id, record_id, summary))
                }
                Ok(Placement::New) => {
                    let record_id = insert_credit_record(conn, record, at).await?;
                    penalty.record_id = Some(record_id);
                    let id = insert_penalty(conn, penalty, at).await?;
                    subjects.penalties.insert(key);
                    Ok((SubmissionItemKind::Penalty, id, Some(record_id), summary))
                }
                Err(refused) => Err(refused),
            }
        }
        Item::Licence { licence, .. } => {
            licence.subject.organisation_id = subject.organisation_id();
            let key = (licence.licensing_body.uscc.clone(), licence.doc_no.clone());
            let held = subjects.licences.contains(&key);
            let summary = format!(
                "{} {} {}",
                licence.doc_no, licence.subject.name, licence.doc_name
            );
            let returned = subjects.returned.remove(&key);
            match decision_placement(row, Decision::Licence, &licence.doc_no, held, returned) {
                Ok(Placement::Resubmission(id)) => {
                    resubmit_licence(conn, id, licence).await?;
                    subjects.licences.insert(key);
                    Ok((SubmissionItemKind::Licence, id, None, summary))
                }
                Ok(Placement::New) => {
                    let id = insert_licence(conn, licence, at).await?;
                    subjects.licences.insert(key);
                    Ok((SubmissionItemKind::Licence, id, None, summary))
                }
                Err(refused) => Err(refused),
            }
        }
        Item::Record { record, .. } => {
            record.subject = subject;
            // Without a document number there is nothing to tell a repeat by.
            let matching: Vec<(i64, String)> = match &record.decision_no {
                    Some(no) => Sql::new(
                        "SELECT id, status FROM credit_records WHERE reporting_org_id = $1 AND kind_code = $2 AND decision_no = $3
                           AND COALESCE(person_id, -1) = $4 AND COALESCE(organisation_id, -1) = $5",
                    )
                    .with(record.reporting_org_id)
                    .with(&record.kind_code)
                    .with(no)
                    .with(subject.person_id().unwrap_or(-1))
                    .with(subject.organisation_id().unwrap_or(-1))
                    .fetch_all(conn)
                    .await?,
                    None => Vec::new(),
                };
            let summary = format!("{} · {}", record.title, item_subject_name(&record.content));
            match record_placement(row, &matching) {
                Err(refused) => Err(refused),
                Ok(superseded) => {
                    // The same record sent again after it was returned supersedes it.
                    for returned in superseded {
                        supersede_returned(conn, "record", returned).await?;
                    }
                    let id = insert_credit_record(conn, record, at).await?;
                    Ok((SubmissionItemKind::Record, id, Some(id), summary))
                }
            }
        }
        Item::Listing {
            listing,
            notice,
            record,
            subject: spec,
        } => {
            record.subject = subject;
            listing.subject = subject;
            match spec {
                SubjectSpec::Organisation { uscc, .. } => {
                    listing.subject_uscc = Some(uscc.as_str().to_string())
                }
                SubjectSpec::Person { id, .. } => {
                    listing.subject_id_masked = Some(id.masked.clone())
                }
            }
            let earlier: Vec<(i64, String)> = Sql::new(
                    "SELECT e.id, r.status FROM serious_breach_entries e JOIN credit_records r ON r.id = e.record_id
                     WHERE e.deciding_org_id = $1 AND e.basis_doc_no = $2",
                )
                .with(listing.deciding_org_id)
                .with(&listing.basis_doc_no)
                .fetch_all(conn)
                .await?;
            let summary = format!(
                "{} · {} · {}",
                listing.list_kind.label_zh(),
                listing.subject_name,
                listing.basis_doc_no
            );
            match listing_placement(row, &listing.basis_doc_no, &earlier) {
                Ok(superseded) => {
                    for returned in superseded {
                        supersede_returned(conn, "listing", returned).await?;
                    }
                    let record_id = insert_credit_record(conn, record, at).await?;
                    listing.record_id = Some(record_id);
                    let id = insert_listing(conn, listing, at).await?;
                    Sql::new(
                            "UPDATE serious_breach_entries SET notice_delivered_on = $1, notice_rights = $2, objection_window_ends = $3 WHERE id = $4",
                        )
                        .with(notice.delivered_on)
                        .with(&notice.rights)
                        .with(notice.window_ends)
                        .with(id)
                        .execute(conn)
                        .await?;
                    Ok((SubmissionItemKind::Listing, id, Some(record_id), summary))
                }
                Err(refused) => Err(refused),
            }
        }
        Item::Commitment { commitment, .. } => {
            commitment.subject = subject;
            let id = insert_commitment(conn, commitment, at).await?;
            Sql::new("UPDATE commitments SET review_status = 'pending' WHERE id = $1")
                .with(id)
                .execute(conn)
                .await?;
            Sql::new("UPDATE commitment_fulfilments SET review_status = 'pending' WHERE commitment_id = $1")
                    .with(id)
                    .execute(conn)
                    .await?;
            let summary = format!(
                "{} · {} · {}",
                commitment.kind.label_zh(),
                commitment.subject_name,
                commitment.content
            );
            Ok((SubmissionItemKind::Commitment, id, None, summary))
        }
        Item::Fulfilment {
            commitment_id,
            department_id,
            fulfilment,
        } => {
            let found: Option<(i64, String, String)> = Sql::new(
                    "SELECT accepting_org_id, review_status, subject_name FROM commitments WHERE id = $1",
                )
                .with(*commitment_id)
                .fetch_optional(conn)
                .await?;
            match fulfilment_target(row, *commitment_id, *department_id, found) {
                Ok(name) => {
                    let (id,): (i64,) = Sql::new(
                            "INSERT INTO commitment_fulfilments (commitment_id, status, note, recorded_on, created_at, review_status)
                             VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING id",
                        )
                        .with(*commitment_id)
                        .with(fulfilment.status.code())
                        .with(&fulfilment.note)
                        .with(fulfilment.recorded_on)
                        .with(at)
                        .fetch_one(conn)
                        .await?;
                    let summary = format!(
                        "{name} · {} · {}",
                        fulfilment.status.label_zh(),
                        fulfilment.note
                    );
                    Ok((SubmissionItemKind::Fulfilment, id, None, summary))
                }
                Err(refused) => Err(refused),
            }
        }
        Item::Removal(removal) => {
            let entry: Option<EntryToRemove> = Sql::new(
                    "SELECT e.id, e.record_id, e.subject_name, e.status, e.listed_on, e.removal_due_on, r.status
                     FROM serious_breach_entries e LEFT JOIN credit_records r ON r.id = e.record_id
                     WHERE e.deciding_org_id = $1 AND e.basis_doc_no = $2 ORDER BY e.id DESC LIMIT 1",
                )
                .with(removal.department_id)
                .with(&removal.basis_doc_no)
                .fetch_optional(conn)
                .await?;
            let pending: Option<(i64,)> = match &entry {
                Some((entry_id, ..)) => Sql::new(
                    "SELECT id FROM listing_removals WHERE entry_id = $1 AND status = 'pending'",
                )
                .with(*entry_id)
                .fetch_optional(conn)
                .await?,
                None => None,
            };
            match entry_to_remove(row, removal, entry, pending.is_some()) {
                Err(refused) => Err(refused),
                Ok((entry_id, record_id, name)) => {
                    {
                        let (id,): (i64,) = Sql::new(
                                "INSERT INTO listing_removals (entry_id, department_org_id, doc_no, reason, removed_on, status, created_at)
                                 VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING id",
                            )
                            .with(entry_id)
                            .with(removal.department_id)
                            .with(&removal.doc_no)
                            .with(&removal.reason)
                            .with(removal.removed_on)
                            .with(at)
                            .fetch_one(conn)
                            .await?;
                        // A removal sent again after one was returned replaces it in the
                        // reporter's list of returned items.
                        Sql::new(
                                "UPDATE submissions SET status = 'superseded'
                                 WHERE item_kind = 'removal' AND status = 'returned'
                                   AND item_id IN (SELECT id FROM listing_removals WHERE entry_id = $1 AND status = 'returned')",
                            )
                            .with(entry_id)
                            .execute(conn)
                            .await?;
                        let summary = format!("移出 · {name} · {}", removal.reason);
                        Ok((SubmissionItemKind::Removal, id, record_id, summary))
                    }
                }
            }
        }
    };
    Ok(
        stored.map(|(kind, item_id, record_id, summary)| PendingSubmission {
            kind,
            item_id,
            record_id,
            row,
            summary: summary.chars().take(300).collect(),
            submitted_fields,
        }),
    )
}

/// A stored item whose submission row is written with the rest of its chunk.
struct PendingSubmission {
    kind: SubmissionItemKind,
    item_id: i64,
    record_id: Option<i64>,
    row: u64,
    summary: String,
    submitted_fields: String,
}

/// Writes the submissions of a chunk in one statement.
async fn insert_submissions(
    conn: &mut Conn<'_>,
    batch: &NewBatch,
    batch_id: i64,
    pending: &[PendingSubmission],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    if !pending.is_empty() {
        let values = (0..pending.len())
            .map(|i| {
                let p = 5 + i * 6;
                format!(
                    "($1, ${p}, ${}, ${}, $2, ${}, ${}, 'pending', $3, $4, ${})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
                "INSERT INTO submissions (department_org_id, item_kind, item_id, record_id, batch_id, batch_row, summary, status,
                    submitted_by, submitted_at, submitted_fields) VALUES {values}"
            );
        let mut query = Sql::new(&sql)
            .with(batch.department_org_id)
            .with(batch_id)
            .with(batch.uploaded_by)
            .with(at);
        for p in pending {
            query = query
                .with(p.kind.code())
                .with(p.item_id)
                .with(p.record_id)
                .with(i64::try_from(p.row).unwrap_or(i64::MAX))
                .with(p.summary.as_str())
                .with(p.submitted_fields.as_str());
        }
        query.execute(conn).await?;
    }
    Ok(())
}

/// The subject name at the front of a record's content (`名称：…`), for the one-line summary.
fn item_subject_name(content: &str) -> &str {
    content.split_once('：').map_or(content, |(name, _)| name)
}

impl Store {
    /// Runs an import from the checked rows the reader sends, in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn import(
        &self,
        batch: &NewBatch,
        mut rows: mpsc::Receiver<Vec<CheckedRow>>,
    ) -> StoreResult<ImportTally> {
        let at: DateTime<Utc> = Utc::now();
        let mut tx = self.begin().await?;
        let conn = &mut tx.conn();
        let (batch_id,): (i64,) = Sql::new(
            "INSERT INTO import_batches (department_org_id, uploaded_by, format, file_name, encoding, mode,
                rows_total, rows_accepted, rows_rejected, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7) RETURNING id",
        )
        .with(batch.department_org_id)
        .with(batch.uploaded_by)
        .with(batch.format.code())
        .with(&batch.file_name)
        .with(batch.encoding)
        .with(batch.mode.code())
        .with(at)
        .fetch_one(conn)
        .await?;
        let mut tally = ImportTally::default();
        let mut subjects = Subjects::default();
        while let Some(chunk) = rows.recv().await {
            prefetch_chunk(conn, &mut subjects, &chunk).await?;
            let mut pending: Vec<PendingSubmission> = Vec::with_capacity(chunk.len());
            for (row, checked) in chunk {
                // Row 0 is the file itself (a missing column, an unreadable file): not a row.
                if row > 0 {
                    tally.rows_total += 1;
                }
                let checked = match checked {
                    Ok(checked) => checked,
                    Err(errors) => {
                        tally.reject(row, errors);
                        continue;
                    }
                };
                match store_item(conn, &mut subjects, batch, row, checked, at).await? {
                    Ok(submission) => {
                        tally.rows_accepted += 1;
                        pending.push(submission);
                    }
                    Err(e) => tally.reject(row, vec![e]),
                }
            }
            insert_submissions(conn, batch, batch_id, &pending, at).await?;
        }
        let keep = tally.rows_accepted > 0
            && (batch.mode == ImportMode::PerRow || tally.rows_rejected == 0);
        // Not kept: nothing of the file is imported.
        if !keep {
            tx.rollback().await?;
            return Ok(tally);
        }
        Sql::new(
            "UPDATE import_batches SET rows_total = $1, rows_accepted = $2, rows_rejected = $3 WHERE id = $4",
        )
        .with(i64::try_from(tally.rows_total).unwrap_or(i64::MAX))
        .with(i64::try_from(tally.rows_accepted).unwrap_or(i64::MAX))
        .with(i64::try_from(tally.rows_rejected).unwrap_or(i64::MAX))
        .with(batch_id)
        .execute(conn)
        .await?;
        let event = AuditEvent {
            actor: batch.actor.clone(),
            action: "intake.imported".to_string(),
            entity: "import_batch".to_string(),
            entity_id: batch_id.to_string(),
            detail: serde_json::json!({
                "format": batch.format.code(),
                "mode": batch.mode.code(),
                "file_name": batch.file_name,
                "rows_accepted": tally.rows_accepted,
                "rows_rejected": tally.rows_rejected,
            })
            .to_string(),
        };
        super::audit::append_audit(conn, &event).await?;
        tx.commit().await?;
        tally.batch_id = Some(batch_id);
        tally.committed = true;
        Ok(tally)
    }
}
