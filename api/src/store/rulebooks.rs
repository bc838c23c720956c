//! Scoring rulebooks as versioned JSON.

use super::{Store, StoreError, StoreResult, on_pool};
use crate::domain::score::{Rulebook, RulebookVersion};
use anyhow::Context;
use chrono::{NaiveDate, Utc};

/// Who stored the built-in preset versions.
const PRESET_AUTHOR: &str = "system";

impl Store {
    /// Stores a rulebook version; a version that exists already is refused, never overwritten.
    #[tracing::instrument(skip_all)]
    pub async fn insert_rulebook(
        &self,
        rulebook: &Rulebook,
        effective_from: NaiveDate,
        created_by: &str,
    ) -> StoreResult<()> {
        let body = serde_json::to_string(rulebook).context("cannot serialise the rulebook")?;
        on_pool!(self, |pool| {
            sqlx::query(
            "INSERT INTO rulebooks (code, version, name, body, effective_from, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(&rulebook.code)
        .bind(i32::try_from(rulebook.version).unwrap_or(i32::MAX))
        .bind(&rulebook.name)
        .bind(&body)
        .bind(effective_from)
        .bind(created_by)
        .bind(Utc::now())
        .execute(pool)
        .await
        .map(|_| ())
        })?;
        Ok(())
    }

    /// The newest version of a rulebook family in effect on `day`.
    #[tracing::instrument(skip_all)]
    pub async fn rulebook_in_effect(&self, code: &str, day: NaiveDate) -> StoreResult<Rulebook> {
        let (body,): (String,) = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT body FROM rulebooks WHERE code = $1 AND effective_from <= $2 ORDER BY version DESC LIMIT 1"
        )
        .bind(code)
        .bind(day)
        .fetch_one(pool)
        .await
        })?;
        serde_json::from_str(&body)
            .context("a stored rulebook cannot be read")
            .map_err(StoreError::Other)
    }
}

impl Store {
    /// Every version of a rulebook family with the day it takes effect, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn rulebook_versions(&self, code: &str) -> StoreResult<Vec<RulebookVersion>> {
        let rows: Vec<(NaiveDate, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT effective_from, body FROM rulebooks WHERE code = $1 ORDER BY effective_from, version",
            )
            .bind(code)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(effective_from, body)| {
                serde_json::from_str(&body)
                    .map(|rulebook| RulebookVersion {
                        effective_from,
                        rulebook,
                    })
                    .context("a stored rulebook cannot be read")
                    .map_err(StoreError::Other)
            })
            .collect()
    }

    /// Stores a built-in preset version unless that version exists already. A preset never goes
    /// over the office's own versions: once the office has published one, a newer preset is only
    /// reported, for the office to adopt as its own version if it wants it.
    #[tracing::instrument(skip_all)]
    pub async fn ensure_rulebook(
        &self,
        rulebook: &Rulebook,
        effective_from: NaiveDate,
    ) -> StoreResult<()> {
        // What is stored, without reading the bodies: the newest version, and whether the office
        // has published any version of its own.
        let (newest, own): (Option<i64>, i64) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT MAX(CAST(version AS BIGINT)), COALESCE(SUM(CASE WHEN created_by <> $2 THEN 1 ELSE 0 END), 0)
                 FROM rulebooks WHERE code = $1",
            )
            .bind(&rulebook.code)
            .bind(PRESET_AUTHOR)
            .fetch_one(pool)
            .await
        })?;
        if newest.is_some_and(|v| v >= i64::from(rulebook.version)) {
            return Ok(());
        }
        if own > 0 {
            tracing::warn!(
                code = %rulebook.code,
                preset_version = rulebook.version,
                "a newer built-in rulebook is not installed over the office's own version"
            );
            return Ok(());
        }
        match self
            .insert_rulebook(rulebook, effective_from, PRESET_AUTHOR)
            .await
        {
            Err(StoreError::Duplicate) => Ok(()),
            other => other,
        }
    }
}

/// A stored rulebook version with who stored it and when.
#[derive(Debug, Clone)]
pub struct RulebookRow {
    pub effective_from: NaiveDate,
    pub created_by: String,
    pub created_at: chrono::DateTime<Utc>,
    pub rulebook: Rulebook,
}

impl Store {
    /// Every rulebook family: code, the latest version's name, that version.
    #[tracing::instrument(skip_all)]
    pub async fn rulebook_families(&self) -> StoreResult<Vec<(String, String, i64)>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.code, r.name, CAST(r.version AS BIGINT) FROM rulebooks r
             WHERE r.version = (SELECT MAX(x.version) FROM rulebooks x WHERE x.code = r.code)
             ORDER BY r.code"
        )
        .fetch_all(pool)
        .await)?)
    }

    /// Every stored version of a rulebook family, newest first, with who stored it.
    #[tracing::instrument(skip_all)]
    pub async fn rulebook_rows(&self, code: &str) -> StoreResult<Vec<RulebookRow>> {
        let rows: Vec<(NaiveDate, String, chrono::DateTime<Utc>, String)> = on_pool!(
            self,
            |pool| {
                sqlx::query_as(
                "SELECT effective_from, created_by, created_at, body FROM rulebooks WHERE code = $1 ORDER BY version DESC",
            )
            .bind(code)
            .fetch_all(pool)
            .await
            }
        )?;
        rows.into_iter()
            .map(|(effective_from, created_by, created_at, body)| {
                serde_json::from_str(&body)
                    .map(|rulebook| RulebookRow {
                        effective_from,
                        created_by,
                        created_at,
                        rulebook,
                    })
                    .context("a stored rulebook cannot be read")
                    .map_err(StoreError::Other)
            })
            .collect()
    }
}
