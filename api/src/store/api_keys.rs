//! API keys of third-party apps.

use super::exec::Conn;
use super::{AuditEvent, Store, StoreResult, on_pool};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKeyRow {
    pub id: i64,
    pub prefix: String,
    pub secret_hash: String,
    pub name: String,
    pub owner: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const KEY_SELECT: &str =
    "SELECT id, prefix, secret_hash, name, owner, created_at, revoked_at FROM api_keys";

impl Store {
    /// Stores a new key (its hash) and the audit event, in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn insert_api_key(
        &self,
        prefix: &str,
        secret_hash: &str,
        name: &str,
        owner: &str,
        actor: &str,
    ) -> StoreResult<i64> {
        let event = AuditEvent {
            actor: actor.to_string(),
            action: "api_key.created".into(),
            entity: "api_key".into(),
            entity_id: prefix.to_string(),
            detail: serde_json::json!({ "name": name, "owner": owner }).to_string(),
        };
        let id = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO api_keys (prefix, secret_hash, name, owner, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(prefix)
            .bind(secret_hash)
            .bind(name)
            .bind(owner)
            .bind(Utc::now())
            .fetch_one(&mut *tx)
            .await?;
            super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn api_keys(&self) -> StoreResult<Vec<ApiKeyRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{KEY_SELECT} ORDER BY id")))
                .fetch_all(pool)
                .await
        })?)
    }

    /// The key with this prefix unless it was revoked.
    #[tracing::instrument(skip_all)]
    pub async fn active_api_key(&self, prefix: &str) -> StoreResult<Option<ApiKeyRow>> {
        Ok(self
            .api_key(prefix)
            .await?
            .filter(|key| key.revoked_at.is_none()))
    }

    /// Revokes a key at once; `false` if no active key has this prefix.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_api_key(&self, prefix: &str, actor: &str) -> StoreResult<bool> {
        let event = AuditEvent {
            actor: actor.to_string(),
            action: "api_key.revoked".into(),
            entity: "api_key".into(),
            entity_id: prefix.to_string(),
            detail: "{}".into(),
        };
        let revoked = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(
                "UPDATE api_keys SET revoked_at = $1 WHERE prefix = $2 AND revoked_at IS NULL",
            )
            .bind(Utc::now())
            .bind(prefix)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if rows > 0 {
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            rows > 0
        });
        Ok(revoked)
    }

    /// The key with this prefix, revoked or not.
    #[tracing::instrument(skip_all)]
    pub async fn api_key(&self, prefix: &str) -> StoreResult<Option<ApiKeyRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{KEY_SELECT} WHERE prefix = $1"
            )))
            .bind(prefix)
            .fetch_optional(pool)
            .await
        })?)
    }
}
