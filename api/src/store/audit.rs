//! The append-only, hash-chained audit log.
//!
//! Each event's hash is SHA-256 over the previous hash and the event's fields, so deleting, inserting
//! or changing any row breaks every hash after it. The database also refuses UPDATE and DELETE on
//! the table (triggers), so tampering needs deliberate DDL and is still detected by [`Store::verify_audit_chain`].

use super::exec::Conn;
use super::query::Sql;
use super::{Store, StoreResult, on_pool};
use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// Something that happened, by whom, to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// `system`, `user:<id>`, `api-key:<id>`, `cli`.
    pub actor: String,
    /// A stable verb such as `record.created`.
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// JSON text with the details.
    pub detail: String,
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// All `events` events link up.
    Intact { events: i64 },
    /// The first event whose hash does not match.
    BrokenAt { seq: i64 },
}

/// Checks one page of events that should start at `expected_seq` and follow the hash `prev`:
/// the first broken event, if any, and the hash the next page must follow.
fn check_page(
    expected_seq: i64,
    mut prev: String,
    rows: &[AuditRow],
) -> (Option<ChainCheck>, String) {
    for (expected, row) in (expected_seq..).zip(rows) {
        let event = AuditEvent {
            actor: row.actor.clone(),
            action: row.action.clone(),
            entity: row.entity.clone(),
            entity_id: row.entity_id.clone(),
            detail: row.detail.clone(),
        };
        if row.seq != expected
            || row.prev_hash != prev
            || chain_hash(&prev, row.seq, &row.occurred_at, &event) != row.hash
        {
            return (Some(ChainCheck::BrokenAt { seq: row.seq }), prev);
        }
        prev = row.hash.clone();
    }
    (None, prev)
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    seq: i64,
    occurred_at: DateTime<Utc>,
    actor: String,
    action: String,
    entity: String,
    entity_id: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

fn chain_hash(prev_hash: &str, seq: i64, at: &DateTime<Utc>, e: &AuditEvent) -> String {
    let mut hasher = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        &at.to_rfc3339_opts(SecondsFormat::Micros, true),
        &e.actor,
        &e.action,
        &e.entity,
        &e.entity_id,
        &e.detail,
    ] {
        hasher.update(part.as_bytes());
        // A separator that cannot occur in the fields keeps ("ab","c") and ("a","bc") apart.
        hasher.update([0u8]);
    }
    hex::encode(hasher.finalize())
}

/// Appends `event` on `conn` (a transaction's), so the audit entry commits with the change it
/// records or not at all. Claiming the head row first serialises concurrent writers on both
/// backends. Returns the event's sequence number.
pub(crate) async fn append_audit(conn: &mut Conn<'_>, event: &AuditEvent) -> StoreResult<i64> {
    let (seq, prev): (i64, String) = conn
        .fetch_one(Sql::new(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash",
        ))
        .await?;
    let at = truncated_now();
    let hash = chain_hash(&prev, seq, &at, event);
    conn.execute(
        Sql::new(
            "INSERT INTO audit_log (seq, occurred_at, actor, action, entity, entity_id, detail, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .with(seq)
        .with(at)
        .with(&event.actor)
        .with(&event.action)
        .with(&event.entity)
        .with(&event.entity_id)
        .with(&event.detail)
        .with(&prev)
        .with(&hash),
    )
    .await?;
    conn.execute(Sql::new("UPDATE audit_head SET last_hash = $1 WHERE id = 1").with(&hash))
        .await?;
    Ok(seq)
}

/// Now, at the microsecond precision both backends store, so the hash can be recomputed.
pub(crate) fn truncated_now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}

impl Store {
    /// Records an event on its own (for changes that have no transaction of their own, such as a
    /// command-line action). Returns its sequence number.
    #[tracing::instrument(skip_all)]
    pub async fn audit(&self, event: &AuditEvent) -> StoreResult<i64> {
        let seq = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let seq = append_audit(&mut Conn::from(&mut *tx), event).await?;
            tx.commit().await?;
            seq
        });
        Ok(seq)
    }

    /// Recomputes the chain from the first event, a page of events at a time: memory stays
    /// bounded however long the log, and the hashing runs off the async workers.
    #[tracing::instrument(skip_all)]
    pub async fn verify_audit_chain(&self) -> StoreResult<ChainCheck> {
        const PAGE: i64 = 5_000;
        let mut prev = "0".repeat(64);
        // The first page has no lower bound, so an event slipped in with a number below 1 is
        // read (and found out of place) too.
        let mut after = i64::MIN;
        let mut expected: i64 = 1;
        loop {
            let rows: Vec<AuditRow> = on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT seq, occurred_at, actor, action, entity, entity_id, detail, prev_hash, hash
                     FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(after)
                .bind(PAGE)
                .fetch_all(pool)
                .await
            })?;
            let Some(last) = rows.last().map(|row| row.seq) else {
                return Ok(ChainCheck::Intact {
                    events: expected - 1,
                });
            };
            let from = expected;
            let (outcome, next) =
                tokio::task::spawn_blocking(move || check_page(from, prev, &rows))
                    .await
                    .map_err(|e| {
                        super::StoreError::Other(anyhow::anyhow!("audit chain check: {e}"))
                    })?;
            if let Some(broken) = outcome {
                return Ok(broken);
            }
            prev = next;
            after = last;
            expected = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(detail: &str) -> AuditEvent {
        AuditEvent {
            actor: "cli".into(),
            action: "x".into(),
            entity: "e".into(),
            entity_id: "1".into(),
            detail: detail.into(),
        }
    }

    /// Events 1..=n chained as the log stores them.
    fn chain(n: i64) -> Vec<AuditRow> {
        let at = truncated_now();
        let mut prev = "0".repeat(64);
        (1..=n)
            .map(|seq| {
                let e = event(&seq.to_string());
                let hash = chain_hash(&prev, seq, &at, &e);
                let row = AuditRow {
                    seq,
                    occurred_at: at,
                    actor: e.actor,
                    action: e.action,
                    entity: e.entity,
                    entity_id: e.entity_id,
                    detail: e.detail,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                row
            })
            .collect()
    }

    #[test]
    fn the_chain_is_followed_across_pages_and_a_gap_between_them_is_found() {
        let rows = chain(5);
        let (broken, next) = check_page(1, "0".repeat(64), &rows[..3]);
        assert!(broken.is_none());
        let (broken, _) = check_page(4, next.clone(), &rows[3..]);
        assert!(broken.is_none(), "the second page follows the first");
        // Event 4 deleted: the next page starts at 5 where 4 was due.
        let (broken, _) = check_page(4, next, &rows[4..]);
        assert!(matches!(broken, Some(ChainCheck::BrokenAt { seq: 5 })));
    }

    #[test]
    fn hashes_depend_on_every_field_and_the_previous_hash() {
        let at = truncated_now();
        let base = chain_hash("0", 1, &at, &event("{}"));
        assert_ne!(base, chain_hash("1", 1, &at, &event("{}")));
        assert_ne!(base, chain_hash("0", 2, &at, &event("{}")));
        assert_ne!(base, chain_hash("0", 1, &at, &event("{ }")));
        assert_eq!(base, chain_hash("0", 1, &at, &event("{}")));
    }
}
