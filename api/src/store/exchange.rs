//! The publication log an upper-level platform pulls 双公示 changes from, in sequence order.

use super::disclosure::public_predicate;
use super::exec::Conn;
use super::query::Sql;
use super::{Store, StoreResult, on_pool};
use crate::domain::disclosure::{DisclosureSettings, Register};
use chrono::{DateTime, NaiveDate, Utc};

/// Records in `publication_log` that the published penalties of a credit record were withdrawn
/// (repaired or revoked) — on the connection of the transaction that withdrew them.
pub(crate) async fn log_penalty_withdrawal(
    conn: &mut Conn<'_>,
    record_id: i64,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.execute(
        Sql::new(
            "INSERT INTO publication_log (item_kind, item_id, change, changed_at)
             SELECT 'penalty', id, 'withdrawn', $1 FROM penalties WHERE record_id = $2 AND published_on IS NOT NULL ORDER BY id",
        )
        .with(at)
        .with(record_id),
    )
    .await?;
    Ok(())
}

/// One change of a penalty, with the penalty as it is now. `public` says whether its content may
/// be shown: a change to something no longer published carries only its identifying items.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PenaltyChange {
    pub seq: i64,
    pub change: String,
    pub changed_at: DateTime<Utc>,
    pub item_id: i64,
    pub public: bool,
    pub cf_wsh: String,
    pub cf_wfxw: String,
    pub cf_sy: String,
    pub cf_yj: String,
    pub cf_cflb: String,
    pub cf_nr: String,
    pub fine_cents: Option<i64>,
    pub cf_jdrq: NaiveDate,
    pub cf_gsjzq: NaiveDate,
    pub cf_cfjg: String,
    pub cf_cfjgdm: String,
    pub cf_sjly: String,
    pub cf_sjlydm: String,
    pub cf_xdr_mc: String,
    pub cf_xdr_lb: String,
    pub cf_xdr_shxym: Option<String>,
    pub cf_xdr_zjlx: Option<String>,
    pub xdr_id_masked: Option<String>,
    pub published_on: Option<NaiveDate>,
}

/// One change of a licence, as [`PenaltyChange`].
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LicenceChange {
    pub seq: i64,
    pub change: String,
    pub changed_at: DateTime<Utc>,
    pub item_id: i64,
    pub public: bool,
    pub xk_wsh: String,
    pub xk_xkws: String,
    pub xk_xklb: String,
    pub xk_xkzs: Option<String>,
    pub xk_xkbh: Option<String>,
    pub xk_nr: String,
    pub xk_jdrq: NaiveDate,
    pub xk_yxqz: NaiveDate,
    pub xk_yxqzi: Option<NaiveDate>,
    pub xk_xkjg: String,
    pub xk_xkjgdm: String,
    pub xk_sjly: String,
    pub xk_sjlydm: String,
    pub xk_xdr_mc: String,
    pub xk_xdr_lb: String,
    pub xk_xdr_shxym: Option<String>,
    pub published_on: Option<NaiveDate>,
}

/// One change of a serious-breach entry, with the entry as it is now; `public` as for penalties.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListingChange {
    pub seq: i64,
    pub change: String,
    pub changed_at: DateTime<Utc>,
    pub item_id: i64,
    pub public: bool,
    pub subject_kind: String,
    pub subject_name: String,
    pub subject_uscc: Option<String>,
    pub subject_id_masked: Option<String>,
    pub list_kind: String,
    pub dept_name: String,
    pub dept_uscc: String,
    pub basis_doc_no: String,
    pub reason: String,
    pub legal_basis: String,
    pub listed_on: NaiveDate,
    pub removal_conditions: String,
    pub removal_due_on: Option<NaiveDate>,
    pub src_name: String,
    pub src_uscc: String,
}

/// The public-listing rule over entry `e`, as the public list applies it.
fn public_listing(today_param: &str) -> String {
    public_predicate(
        Register::Listings,
        today_param,
        DisclosureSettings::default(),
    )
}

impl Store {
    /// Brings the listing feed up to date with what is public on `today`: entries now on the list
    /// that were never logged are `published`, logged entries no longer on it are `withdrawn`,
    /// each once. A read-only check comes first, so a feed polled with nothing new writes nothing.
    /// Several servers may catch up at once: on PostgreSQL they take turns (a transaction lock),
    /// so sequence numbers are committed in order and a reader never skips one; the unique index
    /// keeps each change once.
    async fn catch_up_listing_feed(&self, today: NaiveDate, now: DateTime<Utc>) -> StoreResult<()> {
        let rule = public_listing("$1");
        let unlogged = format!(
            "FROM serious_breach_entries e
             WHERE {rule}
               AND NOT EXISTS (SELECT 1 FROM listing_publication_log g WHERE g.entry_id = e.id AND g.change = 'published')"
        );
        let withdrawn_unlogged = format!(
            "FROM serious_breach_entries e
             WHERE NOT ({rule})
               AND EXISTS (SELECT 1 FROM listing_publication_log g WHERE g.entry_id = e.id AND g.change = 'published')
               AND NOT EXISTS (SELECT 1 FROM listing_publication_log g WHERE g.entry_id = e.id AND g.change = 'withdrawn')"
        );
        let pending = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT e.id {unlogged} UNION ALL SELECT e.id {withdrawn_unlogged}) x"
        );
        let (missing,): (i64,) = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            pending.as_str()
        ))
        .bind(today)
        .fetch_one(pool)
        .await)?;
        if missing == 0 {
            return Ok(());
        }
        let statements = [
            format!(
                "INSERT INTO listing_publication_log (entry_id, change, changed_at)
                 SELECT e.id, 'withdrawn', $2 {withdrawn_unlogged} ORDER BY e.id ON CONFLICT DO NOTHING"
            ),
            format!(
                "INSERT INTO listing_publication_log (entry_id, change, changed_at)
                 SELECT e.id, 'published', $2 {unlogged} ORDER BY e.listed_on, e.id ON CONFLICT DO NOTHING"
            ),
        ];
        let postgres = self.kind() == super::DatabaseKind::Postgres;
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            if postgres {
                sqlx::query("SELECT pg_advisory_xact_lock(7730001)")
                    .execute(&mut *tx)
                    .await?;
            }
            for sql in &statements {
                sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(today)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Serious-breach list changes after `since`, `limit + 1` of them, after bringing the feed
    /// up to date with `today`.
    #[tracing::instrument(skip_all)]
    pub async fn listing_changes(
        &self,
        since: i64,
        limit: u32,
        today: NaiveDate,
    ) -> StoreResult<Vec<ListingChange>> {
        self.catch_up_listing_feed(today, super::audit::truncated_now())
            .await?;
        let rule = public_listing("$2");
        let sql = format!(
            "SELECT g.seq, g.change, g.changed_at, g.entry_id AS item_id,
                    COALESCE(({rule}), 1 = 0) AS public,
                    e.subject_kind, e.subject_name, e.subject_uscc, e.subject_id_masked, e.list_kind,
                    d.name AS dept_name, d.uscc AS dept_uscc, e.basis_doc_no, e.reason, e.legal_basis, e.listed_on,
                    e.removal_conditions, e.removal_due_on, s.name AS src_name, s.uscc AS src_uscc
             FROM listing_publication_log g
             JOIN serious_breach_entries e ON e.id = g.entry_id
             JOIN organisations d ON d.id = e.deciding_org_id
             JOIN organisations s ON s.id = e.source_org_id
             WHERE g.seq > $1 ORDER BY g.seq LIMIT {}",
            u64::from(limit) + 1
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(since)
        .bind(today)
        .fetch_all(pool)
        .await)?)
    }

    /// Penalty changes after `since`, `limit + 1` of them. `include_minor` follows the deployment's
    /// rule for minor penalties.
    #[tracing::instrument(skip_all)]
    pub async fn penalty_changes(
        &self,
        since: i64,
        limit: u32,
        today: NaiveDate,
        include_minor: bool,
    ) -> StoreResult<Vec<PenaltyChange>> {
        let rule = public_predicate(
            Register::Penalties,
            "$2",
            DisclosureSettings {
                publish_minor_penalties: include_minor,
            },
        );
        let sql = format!(
            "SELECT g.seq, g.change, g.changed_at, g.item_id,
                    COALESCE(({rule}), 1 = 0) AS public,
                    p.cf_wsh, p.cf_wfxw, p.cf_sy, p.cf_yj, p.cf_cflb, p.cf_nr, p.fine_cents, p.cf_jdrq, p.cf_gsjzq, p.cf_cfjg,
                    p.cf_cfjgdm, p.cf_sjly, p.cf_sjlydm, p.cf_xdr_mc, p.cf_xdr_lb, p.cf_xdr_shxym, p.cf_xdr_zjlx, p.xdr_id_masked,
                    p.published_on
             FROM publication_log g JOIN penalties p ON p.id = g.item_id
             WHERE g.item_kind = 'penalty' AND g.seq > $1 ORDER BY g.seq LIMIT {}",
            u64::from(limit) + 1
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(since)
        .bind(today)
        .fetch_all(pool)
        .await)?)
    }

    /// Licence changes after `since`, `limit + 1` of them.
    #[tracing::instrument(skip_all)]
    pub async fn licence_changes(
        &self,
        since: i64,
        limit: u32,
        today: NaiveDate,
    ) -> StoreResult<Vec<LicenceChange>> {
        let rule = public_predicate(Register::Licences, "$2", DisclosureSettings::default());
        let sql = format!(
            "SELECT g.seq, g.change, g.changed_at, g.item_id,
                    COALESCE(({rule}), 1 = 0) AS public,
                    l.xk_wsh, l.xk_xkws, l.xk_xklb, l.xk_xkzs, l.xk_xkbh, l.xk_nr, l.xk_jdrq, l.xk_yxqz, l.xk_yxqzi, l.xk_xkjg,
                    l.xk_xkjgdm, l.xk_sjly, l.xk_sjlydm, l.xk_xdr_mc, l.xk_xdr_lb, l.xk_xdr_shxym, l.published_on
             FROM publication_log g JOIN licences l ON l.id = g.item_id
             WHERE g.item_kind = 'licence' AND g.seq > $1 ORDER BY g.seq LIMIT {}",
            u64::from(limit) + 1
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(since)
        .bind(today)
        .fetch_all(pool)
        .await)?)
    }
}
