//! Review of submitted items (评议) and the department's view of its submissions and batches.
//!
//! A decision reads the facts of the submissions it applies to, lets the review rule
//! ([`crate::domain::review::may_decide`]) pick those that may be decided, claims them (only while
//! still pending), and then changes their items by id lists, a thousand at a time, so one
//! statement pattern serves one item and a whole batch.

use super::cases::id_list;
use super::exec::Conn;
use super::rectifications::{FulfilmentsOf, breach_records_of_fulfilments, open_rectifications};
use super::{AuditEvent, Store, StoreResult, on_pool};
use crate::domain::PublicityRules;
use crate::domain::listing::{ListingFacts, ListingTerm};
use crate::domain::rectification::RectificationRules;
use crate::domain::review::{SubmissionFacts, Verdict, may_decide};
use chengxin_types::{ListingStatus, PublicityTier, SubmissionItemKind, SubmissionStatus};
use chrono::{DateTime, NaiveDate, Utc};

/// A submission with the names of who submitted and who reviewed it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubmissionRow {
    pub id: i64,
    pub department_org_id: i64,
    pub item_kind: chengxin_types::SubmissionItemKind,
    pub item_id: i64,
    pub record_id: Option<i64>,
    pub batch_id: Option<i64>,
    pub batch_row: Option<i64>,
    pub summary: String,
    pub status: chengxin_types::SubmissionStatus,
    pub submitted_by: i64,
    pub submitter_name: String,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_by: Option<i64>,
    pub reviewer_name: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    pub objection_window_ends: Option<NaiveDate>,
}

/// An import batch with its uploader's name and how many of its rows still wait for review.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BatchRow {
    pub id: i64,
    pub department_org_id: i64,
    pub uploaded_by: i64,
    pub uploader_name: String,
    pub format: chengxin_types::ImportFormat,
    pub file_name: Option<String>,
    pub encoding: String,
    pub mode: chengxin_types::ImportMode,
    pub rows_total: i64,
    pub rows_accepted: i64,
    pub rows_rejected: i64,
    pub pending: i64,
    pub created_at: DateTime<Utc>,
}

/// Which submissions of a department to list: oldest first, after the cursor.
#[derive(Debug, Clone)]
pub struct SubmissionFilter {
    pub department_org_id: i64,
    pub status: Option<&'static str>,
    pub batch_id: Option<i64>,
    pub after: Option<i64>,
    pub limit: u32,
}

/// A reviewer's decision and what applying it needs.
#[derive(Debug, Clone, Copy)]
pub struct Decision<'a> {
    pub verdict: Verdict,
    pub reviewer: i64,
    pub actor: &'a str,
    pub comment: Option<&'a str>,
    pub today: NaiveDate,
    /// The publicity periods, for the term of a listing approved today.
    pub publicity: &'a PublicityRules,
    /// Which approved records are government breaches, each opening a rectification case, and
    /// the day by which the credit office is to set the case's deadline.
    pub rectification: &'a RectificationRules,
    pub assign_due: NaiveDate,
}

/// The entry and record behind a listing whose term is fixed.
#[derive(Debug, sqlx::FromRow)]
struct ListingToList {
    id: i64,
    listed_on: NaiveDate,
    removal_due_on: Option<NaiveDate>,
    record_id: Option<i64>,
    kind_code: Option<String>,
    tier: Option<String>,
    publish_from: Option<NaiveDate>,
    repairable_from: Option<NaiveDate>,
    publish_until: Option<NaiveDate>,
}

/// Fixes the term of listed entries from their listing date: the removal date within the record
/// kind's maximum from that date, and the record's publicity window to match, as
/// [`ListingTerm::on_listing`] decides. Run on approval (the listing date is then today) and at
/// start for entries listed before this rule (their window counted from the notice, their removal
/// date unbounded); rows already right are left alone.
async fn bound_listing_terms<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    ids: &[i64],
    publicity: &PublicityRules,
) -> Result<u64, sqlx::Error>
where
    DB: sqlx::Database,
    for<'e> &'e mut DB::Connection: sqlx::Executor<'e, Database = DB>,
    <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'r> ListingToList: sqlx::FromRow<'r, DB::Row>,
    for<'q> NaiveDate: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<NaiveDate>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let mut fixed = 0;
    for chunk in ids.chunks(1000) {
        let rows: Vec<ListingToList> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT e.id, e.listed_on, e.removal_due_on, e.record_id, r.kind_code, r.tier,
                    r.publish_from, r.repairable_from, r.publish_until
             FROM serious_breach_entries e LEFT JOIN credit_records r ON r.id = e.record_id
             WHERE e.id IN ({})",
            id_list(chunk)
        )))
        .fetch_all(&mut **tx)
        .await?;
        for row in rows {
            // A listing's record has a kind and, by the catalogue, the serious tier; should
            // either be missing, the serious tier's periods still bound the term.
            let tier = row
                .tier
                .as_deref()
                .and_then(PublicityTier::from_code)
                .unwrap_or(PublicityTier::Serious);
            let kind = row.kind_code.as_deref().unwrap_or("serious_breach_listing");
            let Ok(term) =
                ListingTerm::on_listing(publicity, kind, tier, row.listed_on, row.removal_due_on)
            else {
                // Only a date beyond the calendar's range fails; the entry keeps its own date.
                continue;
            };
            let window = term.window();
            let record_window = (row.publish_from, row.repairable_from, row.publish_until);
            let wanted = (
                Some(window.from),
                Some(window.repairable_from),
                Some(window.until),
            );
            let record_right = row.record_id.is_none() || record_window == wanted;
            if row.removal_due_on == Some(term.removal_due_on) && record_right {
                continue;
            }
            sqlx::query("UPDATE serious_breach_entries SET removal_due_on = $1 WHERE id = $2")
                .bind(term.removal_due_on)
                .bind(row.id)
                .execute(&mut **tx)
                .await?;
            sqlx::query(
                "UPDATE credit_records SET publish_from = $1, repairable_from = $2, publish_until = $3 WHERE id = $4",
            )
            .bind(window.from)
            .bind(window.repairable_from)
            .bind(window.until)
            .bind(row.record_id)
            .execute(&mut **tx)
            .await?;
            fixed += 1;
        }
    }
    Ok(fixed)
}

impl Store {
    /// Bounds the term of every entry on the list by the rule in force (see
    /// [`bound_listing_terms`]); returns how many entries changed.
    #[tracing::instrument(skip_all)]
    pub async fn bound_listed_terms(&self, publicity: &PublicityRules) -> StoreResult<u64> {
        let fixed = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let ids: Vec<(i64,)> = sqlx::query_as(
                "SELECT id FROM serious_breach_entries WHERE status = 'listed' ORDER BY id",
            )
            .fetch_all(&mut *tx)
            .await?;
            let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
            let fixed = bound_listing_terms(&mut tx, &ids, publicity).await?;
            tx.commit().await?;
            fixed
        });
        Ok(fixed)
    }
}

/// What a review decision applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewScope {
    One(i64),
    Batch(i64),
}

/// The submission status a verdict leaves.
fn status_after(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Approve => "approved",
        Verdict::Return => "returned",
        Verdict::Exempt => "exempt",
    }
}

/// The facts [`may_decide`] needs of each submission in a scope: the listing's objection window
/// and open objections, the entry a removal names.
const FACTS_SELECT: &str = "SELECT s.id, s.submitted_by, s.status, s.item_kind, e.objection_window_ends,
        EXISTS (SELECT 1 FROM objections o WHERE o.record_id = s.record_id AND o.status IN ('submitted', 'accepted')) AS objection_open,
        x.status AS entry_status, x.listed_on AS entry_listed_on, x.removal_due_on AS entry_removal_due_on
     FROM submissions s
     LEFT JOIN serious_breach_entries e ON s.item_kind = 'listing' AND e.id = s.item_id
     LEFT JOIN listing_removals m ON s.item_kind = 'removal' AND m.id = s.item_id
     LEFT JOIN serious_breach_entries x ON x.id = m.entry_id
     WHERE ";

#[derive(Debug, Clone, sqlx::FromRow)]
struct FactsRow {
    id: i64,
    submitted_by: i64,
    status: SubmissionStatus,
    item_kind: SubmissionItemKind,
    objection_window_ends: Option<NaiveDate>,
    objection_open: bool,
    entry_status: Option<ListingStatus>,
    entry_listed_on: Option<NaiveDate>,
    entry_removal_due_on: Option<NaiveDate>,
}

impl FactsRow {
    fn facts(&self) -> SubmissionFacts {
        SubmissionFacts {
            submitted_by: self.submitted_by,
            status: self.status,
            item_kind: self.item_kind,
            objection_window_ends: self.objection_window_ends,
            objection_open: self.objection_open,
            removal_entry: match (self.entry_status, self.entry_listed_on) {
                (Some(status), Some(listed_on)) => Some(ListingFacts {
                    status,
                    listed_on,
                    removal_due_on: self.entry_removal_due_on,
                    record_status: None,
                }),
                _ => None,
            },
        }
    }
}

fn scope_sql(scope: ReviewScope) -> String {
    match scope {
        ReviewScope::One(id) => format!("s.id = {id}"),
        ReviewScope::Batch(id) => format!("s.batch_id = {id}"),
    }
}

const SUBMISSION_SELECT: &str = "SELECT s.id, s.department_org_id, s.item_kind, s.item_id, s.record_id, s.batch_id, s.batch_row,
        s.summary, s.status, s.submitted_by, a.display_name AS submitter_name, s.submitted_at, s.reviewed_by,
        r.display_name AS reviewer_name, s.reviewed_at, s.review_comment, e.objection_window_ends
     FROM submissions s
     JOIN accounts a ON a.id = s.submitted_by
     LEFT JOIN accounts r ON r.id = s.reviewed_by
     LEFT JOIN serious_breach_entries e ON s.item_kind = 'listing' AND e.id = s.item_id";

const BATCH_SELECT: &str = "SELECT b.id, b.department_org_id, b.uploaded_by, a.display_name AS uploader_name, b.format,
        b.file_name, b.encoding, b.mode, b.rows_total, b.rows_accepted, b.rows_rejected,
        (SELECT CAST(COUNT(*) AS BIGINT) FROM submissions s WHERE s.batch_id = b.id AND s.status = 'pending') AS pending,
        b.created_at
     FROM import_batches b JOIN accounts a ON a.id = b.uploaded_by";

/// What `$1` (and `$2`) of a review statement are.
#[derive(Debug, Clone, Copy)]
enum Param {
    Nothing,
    Today,
    Now,
    CommentAndNow,
}

/// One statement of a decision: the kind of item whose ids fill `{ids}` (`record` for the credit
/// records behind the items), the SQL, and what it binds.
type Statement = (&'static str, &'static str, Param);

const APPROVE: &[Statement] = &[
    (
        "penalty",
        "UPDATE penalties SET status = 'effective', published_on = $1 WHERE id IN ({ids})",
        Param::Today,
    ),
    (
        "penalty",
        "INSERT INTO publication_log (item_kind, item_id, change, changed_at)
        SELECT 'penalty', id, 'published', $1 FROM penalties WHERE id IN ({ids}) ORDER BY id",
        Param::Now,
    ),
    (
        "licence",
        "UPDATE licences SET status = 'effective', published_on = $1 WHERE id IN ({ids})",
        Param::Today,
    ),
    (
        "licence",
        "INSERT INTO publication_log (item_kind, item_id, change, changed_at)
        SELECT 'licence', id, 'published', $1 FROM licences WHERE id IN ({ids}) ORDER BY id",
        Param::Now,
    ),
    (
        "listing",
        "UPDATE serious_breach_entries SET status = 'listed', listed_on = $1 WHERE id IN ({ids})",
        Param::Today,
    ),
    (
        "record",
        "UPDATE credit_records SET status = 'effective', updated_at = $1 WHERE id IN ({ids})",
        Param::Now,
    ),
    // A removal takes its entry off the list on its date, and the listing's record stops being
    // published then (the record behind a removal is the listing's, so `record` above left it as
    // it was: in effect).
    (
        "removal",
        "UPDATE serious_breach_entries SET status = 'removed', updated_at = $1,
            removed_on = (SELECT m.removed_on FROM listing_removals m WHERE m.entry_id = serious_breach_entries.id AND m.id IN ({ids}))
         WHERE status = 'listed' AND id IN (SELECT entry_id FROM listing_removals WHERE id IN ({ids}))",
        Param::Now,
    ),
    (
        "removal",
        "UPDATE credit_records SET updated_at = $1,
            publish_until = (SELECT m.removed_on FROM listing_removals m JOIN serious_breach_entries e ON e.id = m.entry_id
                             WHERE e.record_id = credit_records.id AND m.id IN ({ids}))
         WHERE id IN (SELECT e.record_id FROM listing_removals m JOIN serious_breach_entries e ON e.id = m.entry_id WHERE m.id IN ({ids}))",
        Param::Now,
    ),
    (
        "removal",
        "UPDATE listing_removals SET status = 'effective' WHERE id IN ({ids})",
        Param::Nothing,
    ),
    (
        "commitment",
        "UPDATE commitments SET review_status = 'effective', updated_at = $1 WHERE id IN ({ids})",
        Param::Now,
    ),
    (
        "commitment",
        "UPDATE commitment_fulfilments SET review_status = 'effective' WHERE commitment_id IN ({ids})",
        Param::Nothing,
    ),
    (
        "fulfilment",
        "UPDATE commitment_fulfilments SET review_status = 'effective' WHERE id IN ({ids})",
        Param::Nothing,
    ),
    // The commitment's status is that of its latest fulfilment entry in effect.
    (
        "fulfilment",
        "UPDATE commitments SET updated_at = $1, status = (
            SELECT f.status FROM commitment_fulfilments f
            WHERE f.commitment_id = commitments.id AND f.review_status = 'effective'
            ORDER BY f.recorded_on DESC, f.id DESC LIMIT 1)
        WHERE id IN (SELECT commitment_id FROM commitment_fulfilments WHERE id IN ({ids}))",
        Param::Now,
    ),
];

const RETURN: &[Statement] = &[
    (
        "penalty",
        "UPDATE penalties SET status = 'returned' WHERE id IN ({ids})",
        Param::Nothing,
    ),
    (
        "licence",
        "UPDATE licences SET status = 'returned' WHERE id IN ({ids})",
        Param::Nothing,
    ),
    (
        "record",
        "UPDATE credit_records SET status = 'returned', updated_at = $1 WHERE id IN ({ids})",
        Param::Now,
    ),
    (
        "removal",
        "UPDATE listing_removals SET status = 'returned' WHERE id IN ({ids})",
        Param::Nothing,
    ),
    (
        "commitment",
        "UPDATE commitments SET review_status = 'returned', updated_at = $1 WHERE id IN ({ids})",
        Param::Now,
    ),
    (
        "commitment",
        "UPDATE commitment_fulfilments SET review_status = 'returned' WHERE commitment_id IN ({ids})",
        Param::Nothing,
    ),
    (
        "fulfilment",
        "UPDATE commitment_fulfilments SET review_status = 'returned' WHERE id IN ({ids})",
        Param::Nothing,
    ),
];

const EXEMPT: &[Statement] = &[
    (
        "penalty",
        "UPDATE penalties SET status = 'exempt' WHERE id IN ({ids})",
        Param::Nothing,
    ),
    (
        "record",
        "UPDATE credit_records SET status = 'exempt', exemption_reason = $1, updated_at = $2 WHERE id IN ({ids})",
        Param::CommentAndNow,
    ),
];

/// What a verdict changes.
fn statements_of(verdict: Verdict) -> &'static [Statement] {
    match verdict {
        Verdict::Approve => APPROVE,
        Verdict::Return => RETURN,
        Verdict::Exempt => EXEMPT,
    }
}

impl Store {
    /// A department's submissions, oldest first, `limit + 1` rows so the caller knows whether more follow.
    #[tracing::instrument(skip_all)]
    pub async fn submissions(&self, f: &SubmissionFilter) -> StoreResult<Vec<SubmissionRow>> {
        let mut sql = format!("{SUBMISSION_SELECT} WHERE s.department_org_id = $1");
        if let Some(status) = f.status {
            // A code from a closed list, never caller text.
            sql.push_str(&format!(" AND s.status = '{status}'"));
        }
        if let Some(batch) = f.batch_id {
            sql.push_str(&format!(" AND s.batch_id = {batch}"));
        }
        if let Some(after) = f.after {
            sql.push_str(&format!(" AND s.id > {after}"));
        }
        sql.push_str(&format!(" ORDER BY s.id LIMIT {}", u64::from(f.limit) + 1));
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(f.department_org_id)
        .fetch_all(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn submission(&self, id: i64) -> StoreResult<Option<SubmissionRow>> {
        let sql = format!("{SUBMISSION_SELECT} WHERE s.id = $1");
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(id)
        .fetch_optional(pool)
        .await)?)
    }

    /// A department's import batches, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn batches(
        &self,
        department_org_id: i64,
        pending_only: bool,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<BatchRow>> {
        let keyset = before
            .map(|id| format!(" AND b.id < {id}"))
            .unwrap_or_default();
        let pending = if pending_only {
            " AND EXISTS (SELECT 1 FROM submissions s WHERE s.batch_id = b.id AND s.status = 'pending')"
        } else {
            ""
        };
        let sql = format!(
            "{BATCH_SELECT} WHERE b.department_org_id = $1{pending}{keyset} ORDER BY b.id DESC LIMIT {}",
            u64::from(limit) + 1
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(department_org_id)
        .fetch_all(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn batch(&self, id: i64) -> StoreResult<Option<BatchRow>> {
        let sql = format!("{BATCH_SELECT} WHERE b.id = $1");
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(id)
        .fetch_optional(pool)
        .await)?)
    }

    /// The facts the review rule decides on, for every submission in `scope`.
    #[tracing::instrument(skip_all)]
    pub async fn review_facts(
        &self,
        scope: ReviewScope,
    ) -> StoreResult<Vec<(i64, SubmissionFacts)>> {
        let sql = format!("{FACTS_SELECT}{} ORDER BY s.id", scope_sql(scope));
        let rows: Vec<FactsRow> = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .fetch_all(pool)
        .await)?;
        Ok(rows.iter().map(|row| (row.id, row.facts())).collect())
    }

    /// Applies a reviewer's decision; returns how many submissions it decided. Those the review
    /// rule refuses (no longer pending, the reviewer's own, for approval a listing still in its
    /// objection window or under objection, a removal whose entry is off the list) stay as they are.
    #[tracing::instrument(skip_all)]
    pub async fn review(&self, scope: ReviewScope, d: &Decision<'_>) -> StoreResult<u64> {
        let Decision {
            verdict,
            reviewer,
            actor,
            comment,
            today,
            publicity,
            rectification,
            assign_due,
        } = *d;
        let now = super::audit::truncated_now();
        let chosen: Vec<i64> = self
            .review_facts(scope)
            .await?
            .into_iter()
            .filter(|(_, facts)| may_decide(facts, verdict, reviewer, today).is_ok())
            .map(|(id, _)| id)
            .collect();
        if chosen.is_empty() {
            return Ok(0);
        }
        // Claiming is the decision on the submissions themselves: an UPDATE that only takes rows
        // still pending, so two reviewers (on two servers) cannot both decide one submission.
        let claims: Vec<String> = chosen
            .chunks(1000)
            .map(|ids| {
                format!(
                    "UPDATE submissions SET status = $1, reviewed_by = $2, reviewed_at = $3, review_comment = $4
                     WHERE status = 'pending' AND id IN ({})
                     RETURNING id, item_kind, item_id, record_id",
                    id_list(ids)
                )
            })
            .collect();
        let decided = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut claimed: Vec<(i64, String, i64, Option<i64>)> = Vec::new();
            for claim in &claims {
                let rows: Vec<(i64, String, i64, Option<i64>)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(claim.as_str()))
                        .bind(status_after(verdict))
                        .bind(reviewer)
                        .bind(now)
                        .bind(comment)
                        .fetch_all(&mut *tx)
                        .await?;
                claimed.extend(rows);
            }
            claimed.sort_by_key(|c| c.0);
            for chunk in claimed.chunks(1000) {
                // The items of one kind in this chunk; `record` means the credit records behind them.
                let ids_of = |kind: &str| -> Vec<i64> {
                    chunk
                        .iter()
                        .filter_map(|c| match kind {
                            // A removal's record is the listing's, already in effect: a decision
                            // on the removal must not return or approve it again.
                            "record" if c.1 == "removal" => None,
                            "record" => c.3,
                            _ => (c.1 == kind).then_some(c.2),
                        })
                        .collect()
                };
                for (kind, sql, param) in statements_of(verdict) {
                    let ids = ids_of(kind);
                    if ids.is_empty() {
                        continue;
                    }
                    let sql = sql.replace("{ids}", &id_list(&ids));
                    let query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    let query = match param {
                        Param::Nothing => query,
                        Param::Today => query.bind(today),
                        Param::Now => query.bind(now),
                        Param::CommentAndNow => query.bind(comment).bind(now),
                    };
                    query.execute(&mut *tx).await?;
                }
                if verdict == Verdict::Approve {
                    let listings = ids_of("listing");
                    bound_listing_terms(&mut tx, &listings, publicity).await?;
                    // A government body's breach in effect is to be put right: its record (or
                    // the record a breached commitment leaves) opens a rectification case.
                    let mut breaches = ids_of("record");
                    for (of, ids) in [
                        (FulfilmentsOf::Entries, ids_of("fulfilment")),
                        (FulfilmentsOf::Commitments, ids_of("commitment")),
                    ] {
                        breaches.extend(
                            breach_records_of_fulfilments(
                                &mut Conn::from(&mut *tx),
                                of,
                                &ids,
                                rectification,
                                publicity,
                                now,
                            )
                            .await?,
                        );
                    }
                    open_rectifications(
                        &mut Conn::from(&mut *tx),
                        &breaches,
                        rectification,
                        today,
                        assign_due,
                        now,
                    )
                    .await?;
                }
            }
            if !claimed.is_empty() {
                let (entity, entity_id) = match scope {
                    ReviewScope::One(id) => ("submission", id),
                    ReviewScope::Batch(id) => ("import_batch", id),
                };
                let event = AuditEvent {
                    actor: actor.to_string(),
                    action: format!("intake.{}", status_after(verdict)),
                    entity: entity.to_string(),
                    entity_id: entity_id.to_string(),
                    detail: serde_json::json!({ "decided": claimed.len(), "comment": comment })
                        .to_string(),
                };
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            claimed.len() as u64
        });
        Ok(decided)
    }
}

/// What deciding on an exemption needs to know of the record behind a submission.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExemptionFactsRow {
    pub category: chengxin_types::Category,
    /// The organisation's kind, for an organisation's record.
    pub org_kind: Option<String>,
    /// Whether the person holds or held an appointment in a government body or public institution
    /// (a civil servant or public staff), for a person's record.
    pub appointed: bool,
}

impl ExemptionFactsRow {
    pub fn subject(&self) -> crate::domain::exemption::ExemptionSubject {
        use crate::domain::exemption::ExemptionSubject;
        match self.org_kind.as_deref() {
            Some("government_body") => ExemptionSubject::GovernmentBody,
            Some(_) => ExemptionSubject::Other,
            None if self.appointed => ExemptionSubject::CivilServant,
            None => ExemptionSubject::Other,
        }
    }
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn exemption_facts(&self, record_id: i64) -> StoreResult<Option<ExemptionFactsRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.category, o.kind AS org_kind,
                    EXISTS (SELECT 1 FROM appointments a JOIN organisations w ON w.id = a.organisation_id
                            WHERE a.person_id = r.person_id AND w.kind IN ('government_body', 'public_institution')) AS appointed
             FROM credit_records r LEFT JOIN organisations o ON o.id = r.organisation_id
             WHERE r.id = $1"
        )
        .bind(record_id)
        .fetch_optional(pool)
        .await
        })?)
    }

    /// Whether the record is behind a serious listing whose subject may still object to the notice.
    #[tracing::instrument(skip_all)]
    pub async fn listing_under_notice(
        &self,
        record_id: i64,
        today: NaiveDate,
    ) -> StoreResult<bool> {
        let found: Option<(i64,)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id FROM serious_breach_entries WHERE record_id = $1 AND status = 'noticed' AND objection_window_ends >= $2"
        )
        .bind(record_id)
        .bind(today)
        .fetch_optional(pool)
        .await
        })?;
        Ok(found.is_some())
    }
}
