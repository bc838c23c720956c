//! Authorised-query grants (授权查询) and the access log of non-public reads.

use super::exec::Conn;
use super::query::Sql;
use super::{AuditEvent, Store, StoreResult, on_pool};
use chengxin_types::{AccessChannel, Category, GranteeKind, SubmissionItemKind};
use chrono::{DateTime, NaiveDate, Utc};

/// A grant to store; the grantee already resolved to an id and a display name.
#[derive(Debug, Clone)]
pub struct NewGrant {
    pub person_id: i64,
    pub grantee_kind: GranteeKind,
    pub grantee_api_key_id: Option<i64>,
    pub grantee_org_id: Option<i64>,
    pub grantee_name: String,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub valid_until: NaiveDate,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrantRow {
    pub id: i64,
    pub person_id: i64,
    pub grantee_kind: chengxin_types::GranteeKind,
    pub grantee_api_key_id: Option<i64>,
    pub grantee_org_id: Option<i64>,
    pub grantee_name: String,
    pub purpose: String,
    pub categories: String,
    pub valid_until: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub uses: i64,
}

impl GrantRow {
    pub fn categories(&self) -> Vec<Category> {
        parse_categories(&self.categories)
    }
}

pub fn parse_categories(text: &str) -> Vec<Category> {
    text.split(',')
        .filter_map(|c| Category::from_code(c.trim()))
        .collect()
}

pub fn categories_text(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// One read of a person's non-public records.
#[derive(Debug, Clone)]
pub struct NewAccess {
    pub person_id: i64,
    pub channel: AccessChannel,
    pub accessor_account_id: Option<i64>,
    pub accessor_org_id: Option<i64>,
    pub api_key_id: Option<i64>,
    pub grant_id: Option<i64>,
    pub accessor_name: String,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub record_count: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccessRow {
    pub id: i64,
    pub accessed_at: DateTime<Utc>,
    pub channel: chengxin_types::AccessChannel,
    pub accessor_name: String,
    pub purpose: String,
    pub categories: String,
    pub record_count: i64,
}

const GRANT_COLUMNS: &str = "g.id, g.person_id, g.grantee_kind, g.grantee_api_key_id, g.grantee_org_id, g.grantee_name, \
     g.purpose, g.categories, g.valid_until, g.created_at, g.revoked_at, \
     (SELECT COUNT(*) FROM access_log l WHERE l.grant_id = g.id) AS uses";

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn insert_grant(&self, grant: &NewGrant, actor: &str) -> StoreResult<i64> {
        let categories = categories_text(&grant.categories);
        let id = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO grants (person_id, grantee_kind, grantee_api_key_id, grantee_org_id, grantee_name, purpose, categories, valid_until, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(grant.person_id)
            .bind(grant.grantee_kind.code())
            .bind(grant.grantee_api_key_id)
            .bind(grant.grantee_org_id)
            .bind(&grant.grantee_name)
            .bind(&grant.purpose)
            .bind(&categories)
            .bind(grant.valid_until)
            .bind(Utc::now())
            .fetch_one(&mut *tx)
            .await?;
            let event = AuditEvent {
                actor: actor.to_string(),
                action: "grant.created".into(),
                entity: "grant".into(),
                entity_id: id.to_string(),
                detail: serde_json::json!({
                    "grantee": grant.grantee_name,
                    "categories": categories,
                    "valid_until": grant.valid_until,
                })
                .to_string(),
            };
            super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn grants_of_person(&self, person_id: i64) -> StoreResult<Vec<GrantRow>> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM grants g WHERE g.person_id = $1 ORDER BY g.id DESC"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(person_id)
        .fetch_all(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn grant(&self, id: i64) -> StoreResult<Option<GrantRow>> {
        let sql = format!("SELECT {GRANT_COLUMNS} FROM grants g WHERE g.id = $1");
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(id)
        .fetch_optional(pool)
        .await)?)
    }

    /// Revokes one of a person's grants at once; `false` if it is not theirs or already revoked.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_grant(&self, person_id: i64, id: i64, actor: &str) -> StoreResult<bool> {
        let event = AuditEvent {
            actor: actor.to_string(),
            action: "grant.revoked".into(),
            entity: "grant".into(),
            entity_id: id.to_string(),
            detail: "{}".into(),
        };
        let changed = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(
                "UPDATE grants SET revoked_at = $1 WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL",
            )
            .bind(Utc::now())
            .bind(id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if rows > 0 {
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            rows > 0
        });
        Ok(changed)
    }

    /// Writes an access-log entry. Callers write it before they answer, so no read goes unlogged.
    #[tracing::instrument(skip_all)]
    pub async fn log_access(&self, access: &NewAccess) -> StoreResult<()> {
        self.log_accesses(std::slice::from_ref(access)).await
    }

    /// The persons whose records these are, with each record's category (records about
    /// organisations are left out): whose access log a read of them goes into.
    #[tracing::instrument(skip_all)]
    pub async fn persons_behind_records(
        &self,
        record_ids: &[i64],
    ) -> StoreResult<Vec<(i64, i64, String)>> {
        if record_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, person_id, category FROM credit_records WHERE person_id IS NOT NULL AND id IN ({})",
            super::cases::id_list(record_ids)
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .fetch_all(pool)
        .await)?)
    }

    /// The persons who made these commitments (or whose commitments these fulfilments record),
    /// with each one's status: whose access log a read of a submission of them goes into.
    #[tracing::instrument(skip_all)]
    pub async fn persons_behind_commitments(
        &self,
        items: &[(SubmissionItemKind, i64)],
    ) -> StoreResult<Vec<(i64, String)>> {
        let mut rows = Vec::new();
        for (kind, query) in [
            (
                SubmissionItemKind::Commitment,
                "SELECT person_id, status FROM commitments WHERE person_id IS NOT NULL AND id IN",
            ),
            (
                SubmissionItemKind::Fulfilment,
                "SELECT c.person_id, f.status FROM commitment_fulfilments f JOIN commitments c ON c.id = f.commitment_id
                 WHERE c.person_id IS NOT NULL AND f.id IN",
            ),
        ] {
            let ids: Vec<i64> = items
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect();
            if !ids.is_empty() {
                let sql = Sql::new(&format!("{query} ({})", super::cases::id_list(&ids)));
                rows.extend(self.fetch_all_of::<(i64, String)>(&sql).await?);
            }
        }
        Ok(rows)
    }

    /// Several reads at once, in one transaction (a page listing several persons' cases).
    #[tracing::instrument(skip_all)]
    pub async fn log_accesses(&self, accesses: &[NewAccess]) -> StoreResult<()> {
        if accesses.is_empty() {
            return Ok(());
        }
        let now = Utc::now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for access in accesses {
                sqlx::query(
                    "INSERT INTO access_log (person_id, accessed_at, channel, accessor_account_id, accessor_org_id, api_key_id, grant_id, accessor_name, purpose, categories, record_count)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(access.person_id)
                .bind(now)
                .bind(access.channel.code())
                .bind(access.accessor_account_id)
                .bind(access.accessor_org_id)
                .bind(access.api_key_id)
                .bind(access.grant_id)
                .bind(&access.accessor_name)
                .bind(&access.purpose)
                .bind(categories_text(&access.categories))
                .bind(access.record_count)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// A page of the reads of a person's records, newest first, before the entry `before` if given.
    #[tracing::instrument(skip_all)]
    pub async fn access_log_of_person(
        &self,
        person_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<AccessRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, accessed_at, channel, accessor_name, purpose, categories, CAST(record_count AS BIGINT) AS record_count FROM access_log
             WHERE person_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
        )
        .bind(person_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        })?)
    }

    /// Organisation id and name by USCC.
    #[tracing::instrument(skip_all)]
    pub async fn organisation_by_uscc(&self, uscc: &str) -> StoreResult<Option<(i64, String)>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, name FROM organisations WHERE uscc = $1"
        )
        .bind(uscc)
        .fetch_optional(pool)
        .await)?)
    }
}
