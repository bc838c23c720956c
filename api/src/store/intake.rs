//! Storing what department reporters submit, and its review (评议).
//!
//! An import runs in one transaction: rows arrive in chunks from the reader (so a file is never held
//! whole), each valid row becomes a pending item with a submission, and an all-or-nothing import
//! with any bad row is rolled back. Review decisions are set-based, so approving a batch of 100,000
//! rows is a handful of statements.

use super::exec::Conn;
use super::writes::{
    insert_commitment, insert_credit_record, insert_licence, insert_listing, insert_penalty,
};
use super::{AuditEvent, Store, StoreResult, SubjectRef, on_pool};
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
pub type CheckedRow = (u64, Result<Item, Vec<RowError>>);

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
        .filter_map(|(_, checked)| checked.as_ref().ok())
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
macro_rules! prefetch_chunk {
    ($tx:expr, $subjects:expr, $chunk:expr) => {{
        let (codes, penalties, licences) = chunk_keys($chunk, &$subjects);
        if !codes.is_empty() {
            let sql = format!(
                "SELECT uscc, id FROM organisations WHERE uscc IN ({})",
                placeholders(1, codes.len())
            );
            let mut query = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
            for code in &codes {
                query = query.bind(code);
            }
            for (code, id) in query.fetch_all(&mut *$tx).await? {
                $subjects.organisations.insert(code, id);
            }
            for code in codes {
                if !$subjects.organisations.contains_key(&code) {
                    $subjects.absent_organisations.insert(code);
                }
            }
        }
        for (table, code_column, no_column, keys, known) in [
            ("penalties", "cf_cfjgdm", "cf_wsh", penalties, &mut $subjects.penalties),
            ("licences", "xk_xkjgdm", "xk_wsh", licences, &mut $subjects.licences),
        ] {
            for (body, numbers) in keys {
                let sql = format!(
                    "SELECT {no_column}, id, status FROM {table} WHERE {code_column} = $1 AND {no_column} IN ({})",
                    placeholders(2, numbers.len())
                );
                let mut query =
                    sqlx::query_as::<_, (String, i64, String)>(sqlx::AssertSqlSafe(sql)).bind(&body);
                for number in &numbers {
                    query = query.bind(number);
                }
                for (number, id, status) in query.fetch_all(&mut *$tx).await? {
                    let key = (body.clone(), number);
                    if status == "returned" {
                        $subjects.returned.insert(key, id);
                    } else {
                        known.insert(key);
                    }
                }
            }
        }
    }};
}

fn row_error(row: u64, field: &str, code: &str, message: String) -> RowError {
    RowError {
        row,
        field: Some(field.to_string()),
        code: code.to_string(),
        message,
    }
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

/// The entry a removal names, with what decides whether it is on the list.
type EntryToRemove = (
    i64,
    Option<i64>,
    String,
    String,
    chrono::NaiveDate,
    Option<chrono::NaiveDate>,
    Option<String>,
);

/// The entry a removal names (id, record, subject name), or why it cannot be removed: it must be
/// the department's and on the list, and the removal date not before the listing date.
fn entry_to_remove(
    row: u64,
    removal: &crate::intake::removal::NewRemoval,
    entry: Option<EntryToRemove>,
) -> Result<(i64, Option<i64>, String), RowError> {
    use crate::domain::listing::{ListingFacts, ListingState};
    let Some((id, record_id, name, status, listed_on, due, record_status)) = entry else {
        return Err(row_error(
            row,
            "basis_doc_no",
            "not_your_listing",
            format!("本单位没有文书号为“{}”的列入决定", removal.basis_doc_no),
        ));
    };
    let facts = ListingFacts::from_codes(&status, listed_on, due, record_status.as_deref());
    if facts.state_on(removal.today) != ListingState::Listed {
        return Err(row_error(
            row,
            "basis_doc_no",
            "not_listed",
            "该条目已不在名单上，无需移出".to_string(),
        ));
    }
    if removal.removed_on < listed_on {
        return Err(row_error(
            row,
            "removed_on",
            "before_listing",
            format!("移出日期不得早于列入日期 {listed_on}"),
        ));
    }
    Ok((id, record_id, name))
}

/// Finds the organisation or person a row is about, creating it when the archive does not know it
/// yet. A known ID number under another name is an error of the row, not a silent merge.
macro_rules! match_subject {
    ($tx:expr, $subjects:expr, $spec:expr, $at:expr) => {{
        match $spec {
            SubjectSpec::Organisation { uscc, name } => {
                let key = uscc.as_str();
                let id = match $subjects.organisations.get(key) {
                    Some(id) => *id,
                    None => {
                        let found: Option<(i64,)> = if $subjects.absent_organisations.remove(key) {
                            None
                        } else {
                            sqlx::query_as("SELECT id FROM organisations WHERE uscc = $1")
                                .bind(key)
                                .fetch_optional(&mut *$tx)
                                .await?
                        };
                        let id = match found {
                            Some((id,)) => id,
                            None => {
                                sqlx::query_as::<_, (i64,)>(
                                    "INSERT INTO organisations (uscc, name, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                                )
                                .bind(key)
                                .bind(name.as_str())
                                .bind(org_kind_of(uscc).code())
                                .bind($at)
                                .fetch_one(&mut *$tx)
                                .await?
                                .0
                            }
                        };
                        $subjects.organisations.insert(key.to_string(), id);
                        id
                    }
                };
                Ok(SubjectRef::Organisation(id))
            }
            SubjectSpec::Person { name, id: sealed } => {
                let cached = $subjects.persons.get(&sealed.lookup).cloned();
                let (id, known_name) = match cached {
                    Some(found) => found,
                    None => {
                        let found: Option<(i64, String)> =
                            sqlx::query_as("SELECT id, name FROM persons WHERE id_lookup = $1")
                                .bind(&sealed.lookup)
                                .fetch_optional(&mut *$tx)
                                .await?;
                        let found = match found {
                            Some(found) => found,
                            None => {
                                let (id,): (i64,) = sqlx::query_as(
                                    "INSERT INTO persons (name, id_cipher, id_lookup, id_masked, scoring_consent, created_at)
                                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                )
                                .bind(name.as_str())
                                .bind(&sealed.cipher)
                                .bind(&sealed.lookup)
                                .bind(&sealed.masked)
                                .bind(false)
                                .bind($at)
                                .fetch_one(&mut *$tx)
                                .await?;
                                (id, name.clone())
                            }
                        };
                        $subjects.persons.insert(sealed.lookup.clone(), found.clone());
                        found
                    }
                };
                if known_name == *name {
                    Ok(SubjectRef::Person(id))
                } else {
                    Err(format!("身份证号码 {} 在档案中登记的姓名与“{name}”不符", sealed.masked))
                }
            }
        }
    }};
}

/// Replaces a returned penalty (and its credit record) with the corrected row and sends it for
/// review again; the returned submission is kept, marked superseded. Evaluates to the record id.
macro_rules! resubmit_penalty {
    ($tx:expr, $id:expr, $p:expr, $r:expr, $at:expr) => {{
        let document = $p.subject.document.as_ref();
        let (record_id,): (Option<i64>,) = sqlx::query_as(
            "UPDATE penalties SET cf_wfxw = $1, cf_sy = $2, cf_yj = $3, cf_cflb = $4, cf_nr = $5, fine_cents = $6, cf_jdrq = $7,
                cf_gsjzq = $8, cf_cfjg = $9, cf_sjly = $10, cf_xdr_mc = $11, cf_xdr_lb = $12, cf_xdr_shxym = $13, cf_xdr_zjlx = $14,
                xdr_id_masked = $15, xdr_id_cipher = $16, person_id = $17, organisation_id = $18, tier = $19, status = 'pending'
             WHERE id = $20 RETURNING record_id",
        )
        .bind(&$p.violation_type)
        .bind(&$p.facts)
        .bind(&$p.legal_basis)
        .bind($p.category.code())
        .bind(&$p.content)
        .bind($p.fine_cents)
        .bind($p.decided_on)
        .bind($p.publish_until)
        .bind(&$p.deciding_body.name)
        .bind(&$p.source_unit.name)
        .bind(&$p.subject.name)
        .bind(&$p.subject.category)
        .bind(&$p.subject.uscc)
        .bind(document.map(|(kind, _)| kind.as_str()))
        .bind(document.map(|(_, sealed)| sealed.masked.as_str()))
        .bind(document.map(|(_, sealed)| sealed.cipher.as_slice()))
        .bind($p.subject.person_id)
        .bind($p.subject.organisation_id)
        .bind($p.tier.code())
        .bind($id)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE credit_records SET subject_kind = $1, person_id = $2, organisation_id = $3, category = $4, kind_code = $5,
                title = $6, content = $7, decided_on = $8, occurred_on = $9, tier = $10, publish_from = $11, repairable_from = $12,
                publish_until = $13, score_item = $14, status = 'pending', updated_at = $15
             WHERE id = $16",
        )
        .bind($r.subject.kind_code())
        .bind($r.subject.person_id())
        .bind($r.subject.organisation_id())
        .bind($r.category.code())
        .bind(&$r.kind_code)
        .bind(&$r.title)
        .bind(&$r.content)
        .bind($r.decided_on)
        .bind($r.occurred_on)
        .bind($r.tier.map(|t| t.code()))
        .bind($r.window.map(|w| w.from))
        .bind($r.window.map(|w| w.repairable_from))
        .bind($r.window.map(|w| w.until))
        .bind(&$r.score_item)
        .bind($at)
        .bind(record_id)
        .execute(&mut *$tx)
        .await?;
        supersede_returned!($tx, "penalty", $id);
        record_id
    }};
}

/// As [`resubmit_penalty!`] for a licence.
macro_rules! resubmit_licence {
    ($tx:expr, $id:expr, $l:expr, $at:expr) => {{
        sqlx::query(
            "UPDATE licences SET xk_xkws = $1, xk_xklb = $2, xk_xkzs = $3, xk_xkbh = $4, xk_nr = $5, xk_jdrq = $6, xk_yxqz = $7,
                xk_yxqzi = $8, xk_xkjg = $9, xk_sjly = $10, xk_xdr_mc = $11, xk_xdr_lb = $12, xk_xdr_shxym = $13,
                organisation_id = $14, status = 'pending'
             WHERE id = $15",
        )
        .bind(&$l.doc_name)
        .bind($l.category.national_code())
        .bind(&$l.certificate_name)
        .bind(&$l.certificate_no)
        .bind(&$l.content)
        .bind($l.decided_on)
        .bind($l.valid_from)
        .bind($l.valid_to)
        .bind(&$l.licensing_body.name)
        .bind(&$l.source_unit.name)
        .bind(&$l.subject.name)
        .bind(&$l.subject.category)
        .bind(&$l.subject.uscc)
        .bind($l.subject.organisation_id)
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        supersede_returned!($tx, "licence", $id);
    }};
}

/// Marks the returned submission of an item superseded by the one sent again.
macro_rules! supersede_returned {
    ($tx:expr, $kind:expr, $id:expr) => {
        sqlx::query(
            "UPDATE submissions SET status = 'superseded' WHERE item_kind = $1 AND item_id = $2 AND status = 'returned'",
        )
        .bind($kind)
        .bind($id)
        .execute(&mut *$tx)
        .await?
    };
}

/// Stores one checked item as a pending submission. Evaluates to `Ok(())` or the row's error.
macro_rules! store_item {
    ($tx:expr, $subjects:expr, $batch:expr, $row:expr, $item:expr, $at:expr) => {'item: {
        let mut item: Item = $item;
        let row: u64 = $row;
        let field = name_field(&item);
        let subject = match item.subject() {
            Some(spec) => match match_subject!($tx, $subjects, spec, $at) {
                Ok(subject) => subject,
                Err(message) => break 'item Err(row_error(row, field, "name_mismatch", message)),
            },
            // A fulfilment entry is about its commitment's subject, already matched.
            None => SubjectRef::Organisation(0),
        };
        let stored: Result<(SubmissionItemKind, i64, Option<i64>, String), RowError> = match &mut item {
            Item::Penalty { penalty, record, .. } => {
                record.subject = subject;
                penalty.subject.organisation_id = subject.organisation_id();
                penalty.subject.person_id = subject.person_id();
                if penalty.deciding_body.uscc != $batch.department_uscc {
                    let code = penalty.deciding_body.uscc.clone();
                    let known = $subjects.organisations.get(&code).copied();
                    let found = match known {
                        Some(id) => Some(id),
                        None => {
                            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM organisations WHERE uscc = $1")
                                .bind(&code)
                                .fetch_optional(&mut *$tx)
                                .await?;
                            if let Some((id,)) = found {
                                $subjects.organisations.insert(code, id);
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
                let existing = $subjects.penalties.contains(&key).then_some(());
                let summary = format!("{} {} {}", penalty.doc_no, penalty.subject.name, penalty.category.label_zh());
                let returned = $subjects.returned.remove(&key);
                match (existing, returned) {
                    (None, Some(id)) => {
                        // Corrected after it was returned: the same penalty, sent again.
                        let record_id = resubmit_penalty!($tx, id, penalty, record, $at);
                        $subjects.penalties.insert(key);
                        Ok((SubmissionItemKind::Penalty, id, record_id, summary))
                    }
                    (None, None) => {
                        let record_id = insert_credit_record!($tx, record, $at);
                        penalty.record_id = Some(record_id);
                        let id = insert_penalty!($tx, penalty, $at);
                        $subjects.penalties.insert(key);
                        Ok((SubmissionItemKind::Penalty, id, Some(record_id), summary))
                    }
                    (Some(_), _) => Err(row_error(
                        row,
                        "cf_wsh",
                        "duplicate",
                        format!("处罚机关已报送过文号为“{}”的处罚决定", penalty.doc_no),
                    )),
                }
            }
            Item::Licence { licence, .. } => {
                licence.subject.organisation_id = subject.organisation_id();
                let key = (licence.licensing_body.uscc.clone(), licence.doc_no.clone());
                let existing = $subjects.licences.contains(&key).then_some(());
                let summary = format!("{} {} {}", licence.doc_no, licence.subject.name, licence.doc_name);
                let returned = $subjects.returned.remove(&key);
                match (existing, returned) {
                    (None, Some(id)) => {
                        resubmit_licence!($tx, id, licence, $at);
                        $subjects.licences.insert(key);
                        Ok((SubmissionItemKind::Licence, id, None, summary))
                    }
                    (None, None) => {
                        let id = insert_licence!($tx, licence, $at);
                        $subjects.licences.insert(key);
                        Ok((SubmissionItemKind::Licence, id, None, summary))
                    }
                    (Some(_), _) => Err(row_error(
                        row,
                        "xk_wsh",
                        "duplicate",
                        format!("许可机关已报送过文号为“{}”的许可决定", licence.doc_no),
                    )),
                }
            }
            Item::Record { record, .. } => {
                record.subject = subject;
                // Without a document number there is nothing to tell a repeat by.
                let matching: Vec<(i64, String)> = match &record.decision_no {
                    Some(no) => sqlx::query_as(
                        "SELECT id, status FROM credit_records WHERE reporting_org_id = $1 AND kind_code = $2 AND decision_no = $3
                           AND COALESCE(person_id, -1) = $4 AND COALESCE(organisation_id, -1) = $5",
                    )
                    .bind(record.reporting_org_id)
                    .bind(&record.kind_code)
                    .bind(no)
                    .bind(subject.person_id().unwrap_or(-1))
                    .bind(subject.organisation_id().unwrap_or(-1))
                    .fetch_all(&mut *$tx)
                    .await?,
                    None => Vec::new(),
                };
                let summary = format!("{} · {}", record.title, item_subject_name(&record.content));
                if matching.iter().any(|(_, status)| status != "returned") {
                    Err(row_error(
                        row,
                        "decision_no",
                        "duplicate",
                        "本单位已就该主体报送过同一文书号的同类记录".to_string(),
                    ))
                } else {
                    // The same record sent again after it was returned supersedes it.
                    for (returned, _) in &matching {
                        supersede_returned!($tx, "record", *returned);
                    }
                    let id = insert_credit_record!($tx, record, $at);
                    Ok((SubmissionItemKind::Record, id, Some(id), summary))
                }
            }
            Item::Listing { listing, notice, record, subject: spec } => {
                record.subject = subject;
                listing.subject = subject;
                match spec {
                    SubjectSpec::Organisation { uscc, .. } => listing.subject_uscc = Some(uscc.as_str().to_string()),
                    SubjectSpec::Person { id, .. } => listing.subject_id_masked = Some(id.masked.clone()),
                }
                let earlier: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT e.id, r.status FROM serious_breach_entries e JOIN credit_records r ON r.id = e.record_id
                     WHERE e.deciding_org_id = $1 AND e.basis_doc_no = $2",
                )
                .bind(listing.deciding_org_id)
                .bind(&listing.basis_doc_no)
                .fetch_all(&mut *$tx)
                .await?;
                let existing = earlier.iter().find(|(_, status)| status != "returned");
                let summary = format!("{} · {} · {}", listing.list_kind.label_zh(), listing.subject_name, listing.basis_doc_no);
                match existing {
                    None => {
                        // The same decision sent again after it was returned supersedes it (the
                        // returned entry stays, never listed, as the record of what was sent).
                        for (returned, _) in &earlier {
                            supersede_returned!($tx, "listing", *returned);
                        }
                        let record_id = insert_credit_record!($tx, record, $at);
                        listing.record_id = Some(record_id);
                        let id = insert_listing!($tx, listing, $at);
                        sqlx::query(
                            "UPDATE serious_breach_entries SET notice_delivered_on = $1, notice_rights = $2, objection_window_ends = $3 WHERE id = $4",
                        )
                        .bind(notice.delivered_on)
                        .bind(&notice.rights)
                        .bind(notice.window_ends)
                        .bind(id)
                        .execute(&mut *$tx)
                        .await?;
                        Ok((SubmissionItemKind::Listing, id, Some(record_id), summary))
                    }
                    Some(_) => Err(row_error(
                        row,
                        "basis_doc_no",
                        "duplicate",
                        format!("本单位已报送过文书号为“{}”的列入决定", listing.basis_doc_no),
                    )),
                }
            }
            Item::Commitment { commitment, .. } => {
                commitment.subject = subject;
                let id = insert_commitment!($tx, commitment, $at);
                sqlx::query("UPDATE commitments SET review_status = 'pending' WHERE id = $1")
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
                sqlx::query("UPDATE commitment_fulfilments SET review_status = 'pending' WHERE commitment_id = $1")
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
                let summary = format!("{} · {} · {}", commitment.kind.label_zh(), commitment.subject_name, commitment.content);
                Ok((SubmissionItemKind::Commitment, id, None, summary))
            }
            Item::Fulfilment { commitment_id, department_id, fulfilment } => {
                let found: Option<(i64, String, String)> = sqlx::query_as(
                    "SELECT accepting_org_id, review_status, subject_name FROM commitments WHERE id = $1",
                )
                .bind(*commitment_id)
                .fetch_optional(&mut *$tx)
                .await?;
                match found {
                    Some((accepting, review, name)) if accepting == *department_id && review == "effective" => {
                        let (id,): (i64,) = sqlx::query_as(
                            "INSERT INTO commitment_fulfilments (commitment_id, status, note, recorded_on, created_at, review_status)
                             VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING id",
                        )
                        .bind(*commitment_id)
                        .bind(fulfilment.status.code())
                        .bind(&fulfilment.note)
                        .bind(fulfilment.recorded_on)
                        .bind($at)
                        .fetch_one(&mut *$tx)
                        .await?;
                        let summary = format!("{name} · {} · {}", fulfilment.status.label_zh(), fulfilment.note);
                        Ok((SubmissionItemKind::Fulfilment, id, None, summary))
                    }
                    Some((accepting, _, _)) if accepting == *department_id => Err(row_error(
                        row,
                        "commitment_id",
                        "not_in_effect",
                        "该承诺尚未审核通过，不能登记履行情况".to_string(),
                    )),
                    _ => Err(row_error(
                        row,
                        "commitment_id",
                        "not_your_commitment",
                        format!("本单位没有编号为 {commitment_id} 的承诺"),
                    )),
                }
            }
            Item::Removal(removal) => {
                let entry: Option<EntryToRemove> = sqlx::query_as(
                    "SELECT e.id, e.record_id, e.subject_name, e.status, e.listed_on, e.removal_due_on, r.status
                     FROM serious_breach_entries e LEFT JOIN credit_records r ON r.id = e.record_id
                     WHERE e.deciding_org_id = $1 AND e.basis_doc_no = $2 ORDER BY e.id DESC LIMIT 1",
                )
                .bind(removal.department_id)
                .bind(&removal.basis_doc_no)
                .fetch_optional(&mut *$tx)
                .await?;
                match entry_to_remove(row, removal, entry) {
                    Err(refused) => Err(refused),
                    Ok((entry_id, record_id, name)) => {
                        let pending: Option<(i64,)> = sqlx::query_as(
                            "SELECT id FROM listing_removals WHERE entry_id = $1 AND status = 'pending'",
                        )
                        .bind(entry_id)
                        .fetch_optional(&mut *$tx)
                        .await?;
                        if pending.is_some() {
                            Err(row_error(
                                row,
                                "basis_doc_no",
                                "removal_pending",
                                "该条目已有待审核的移出".to_string(),
                            ))
                        } else {
                            let (id,): (i64,) = sqlx::query_as(
                                "INSERT INTO listing_removals (entry_id, department_org_id, doc_no, reason, removed_on, status, created_at)
                                 VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING id",
                            )
                            .bind(entry_id)
                            .bind(removal.department_id)
                            .bind(&removal.doc_no)
                            .bind(&removal.reason)
                            .bind(removal.removed_on)
                            .bind($at)
                            .fetch_one(&mut *$tx)
                            .await?;
                            // A removal sent again after one was returned replaces it in the
                            // reporter's list of returned items.
                            sqlx::query(
                                "UPDATE submissions SET status = 'superseded'
                                 WHERE item_kind = 'removal' AND status = 'returned'
                                   AND item_id IN (SELECT id FROM listing_removals WHERE entry_id = $1 AND status = 'returned')",
                            )
                            .bind(entry_id)
                            .execute(&mut *$tx)
                            .await?;
                            let summary = format!("移出 · {name} · {}", removal.reason);
                            Ok((SubmissionItemKind::Removal, id, record_id, summary))
                        }
                    }
                }
            }
        };
        stored.map(|(kind, item_id, record_id, summary)| PendingSubmission {
            kind,
            item_id,
            record_id,
            row,
            summary: summary.chars().take(300).collect(),
        })
    }};
}

/// A stored item whose submission row is written with the rest of its chunk.
struct PendingSubmission {
    kind: SubmissionItemKind,
    item_id: i64,
    record_id: Option<i64>,
    row: u64,
    summary: String,
}

/// Writes the submissions of a chunk in one statement.
macro_rules! insert_submissions {
    ($tx:expr, $batch:expr, $batch_id:expr, $pending:expr, $at:expr) => {{
        let pending: &[PendingSubmission] = $pending;
        if !pending.is_empty() {
            let values = (0..pending.len())
                .map(|i| {
                    let p = 5 + i * 5;
                    format!("($1, ${p}, ${}, ${}, $2, ${}, ${}, 'pending', $3, $4)", p + 1, p + 2, p + 3, p + 4)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO submissions (department_org_id, item_kind, item_id, record_id, batch_id, batch_row, summary, status,
                    submitted_by, submitted_at) VALUES {values}"
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind($batch.department_org_id)
                .bind($batch_id)
                .bind($batch.uploaded_by)
                .bind($at);
            for p in pending {
                query = query
                    .bind(p.kind.code())
                    .bind(p.item_id)
                    .bind(p.record_id)
                    .bind(i64::try_from(p.row).unwrap_or(i64::MAX))
                    .bind(p.summary.as_str());
            }
            query.execute(&mut *$tx).await?;
        }
    }};
}

/// The subject name at the front of a record's content (`名称：…`), for the one-line summary.
fn item_subject_name(content: &str) -> &str {
    content.split_once('：').map_or(content, |(name, _)| name)
}

impl Store {
    /// Runs an import from the checked rows the reader sends, in one transaction.
    pub async fn import(
        &self,
        batch: &NewBatch,
        mut rows: mpsc::Receiver<Vec<CheckedRow>>,
    ) -> StoreResult<ImportTally> {
        let at: DateTime<Utc> = Utc::now();
        let tally = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let (batch_id,): (i64,) = sqlx::query_as(
                "INSERT INTO import_batches (department_org_id, uploaded_by, format, file_name, encoding, mode,
                    rows_total, rows_accepted, rows_rejected, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7) RETURNING id",
            )
            .bind(batch.department_org_id)
            .bind(batch.uploaded_by)
            .bind(batch.format.code())
            .bind(&batch.file_name)
            .bind(batch.encoding)
            .bind(batch.mode.code())
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let mut tally = ImportTally::default();
            let mut subjects = Subjects::default();
            while let Some(chunk) = rows.recv().await {
                prefetch_chunk!(tx, subjects, &chunk);
                let mut pending: Vec<PendingSubmission> = Vec::with_capacity(chunk.len());
                for (row, checked) in chunk {
                    // Row 0 is the file itself (a missing column, an unreadable file): not a row.
                    if row > 0 {
                        tally.rows_total += 1;
                    }
                    let item = match checked {
                        Ok(item) => item,
                        Err(errors) => {
                            tally.reject(row, errors);
                            continue;
                        }
                    };
                    let stored: Result<PendingSubmission, RowError> =
                        store_item!(tx, subjects, batch, row, item, at);
                    match stored {
                        Ok(submission) => {
                            tally.rows_accepted += 1;
                            pending.push(submission);
                        }
                        Err(e) => tally.reject(row, vec![e]),
                    }
                }
                insert_submissions!(tx, batch, batch_id, &pending, at);
            }
            let keep = tally.rows_accepted > 0
                && (batch.mode == ImportMode::PerRow || tally.rows_rejected == 0);
            if keep {
                sqlx::query(
                    "UPDATE import_batches SET rows_total = $1, rows_accepted = $2, rows_rejected = $3 WHERE id = $4",
                )
                .bind(i64::try_from(tally.rows_total).unwrap_or(i64::MAX))
                .bind(i64::try_from(tally.rows_accepted).unwrap_or(i64::MAX))
                .bind(i64::try_from(tally.rows_rejected).unwrap_or(i64::MAX))
                .bind(batch_id)
                .execute(&mut *tx)
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
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
                tx.commit().await?;
                tally.batch_id = Some(batch_id);
                tally.committed = true;
            } else {
                tx.rollback().await?;
            }
            tally
        });
        Ok(tally)
    }
}
