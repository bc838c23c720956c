//! The catalogue of record kinds in the database: read by intake and the rulebook, edited by the
//! credit office. A change is a new version, the previous one kept in `record_kind_versions`;
//! a kind is retired, never deleted; a kind with records cannot change its category.

use super::exec::Conn;
use super::{AuditEvent, Store, StoreResult, on_pool};
use crate::domain::catalogue::{Catalogue, CatalogueError, CatalogueKind, KindSubjects};
use chengxin_types::{Category, DisclosureRoute, PublicityTier};
use chrono::NaiveDate;

#[derive(Debug, Clone, sqlx::FromRow)]
struct KindRow {
    code: String,
    name: String,
    category: String,
    source: String,
    default_route: String,
    default_tier: Option<String>,
    score_item: Option<String>,
    subjects: String,
    version: i32,
    retired_on: Option<NaiveDate>,
}

impl KindRow {
    /// The row as the domain's kind; the columns' CHECK constraints keep the codes known.
    fn kind(self) -> CatalogueKind {
        CatalogueKind {
            category: Category::from_code(&self.category).unwrap_or(Category::Basic),
            default_route: DisclosureRoute::from_code(&self.default_route)
                .unwrap_or(DisclosureRoute::Internal),
            default_tier: self
                .default_tier
                .as_deref()
                .and_then(PublicityTier::from_code),
            subjects: KindSubjects::from_code(&self.subjects).unwrap_or(KindSubjects::Any),
            version: u32::try_from(self.version).unwrap_or(1),
            code: self.code,
            name: self.name,
            source: self.source,
            score_item: self.score_item,
            retired_on: self.retired_on,
        }
    }
}

const KIND_COLUMNS: &str = "code, name, category, source, default_route, default_tier, score_item, subjects, version, retired_on";

/// What a change of the catalogue did, or why it was refused.
pub type CatalogueResult = Result<CatalogueKind, CatalogueError>;

fn audit(actor: &str, action: &str, kind: &CatalogueKind) -> AuditEvent {
    AuditEvent {
        actor: actor.to_string(),
        action: format!("catalogue.{action}"),
        entity: "record_kind".into(),
        entity_id: kind.code.clone(),
        detail: serde_json::to_string(kind).unwrap_or_default(),
    }
}

impl Store {
    /// The whole catalogue, retired kinds included.
    #[tracing::instrument(skip_all)]
    pub async fn catalogue(&self) -> StoreResult<Catalogue> {
        let sql = format!("SELECT {KIND_COLUMNS} FROM record_kinds ORDER BY code");
        let rows: Vec<KindRow> = on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .fetch_all(pool)
        .await)?;
        Ok(Catalogue::new(
            rows.into_iter().map(KindRow::kind).collect(),
        ))
    }

    /// Adds a kind (version 1); a code in use, even by a retired kind, is refused.
    #[tracing::instrument(skip_all)]
    pub async fn add_record_kind(
        &self,
        kind: &CatalogueKind,
        actor: &str,
    ) -> StoreResult<CatalogueResult> {
        let mut kind = kind.clone();
        kind.version = 1;
        kind.retired_on = None;
        let now = super::audit::truncated_now();
        let outcome = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let exists: Option<(String,)> =
                sqlx::query_as("SELECT code FROM record_kinds WHERE code = $1")
                    .bind(&kind.code)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_some() {
                Err(CatalogueError::Exists(kind.code.clone()))
            } else {
                sqlx::query(
                    "INSERT INTO record_kinds (code, name, category, source, default_route, default_tier, score_item, subjects, version, changed_by, changed_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)",
                )
                .bind(&kind.code)
                .bind(&kind.name)
                .bind(kind.category.code())
                .bind(&kind.source)
                .bind(kind.default_route.code())
                .bind(kind.default_tier.map(|t| t.code()))
                .bind(&kind.score_item)
                .bind(kind.subjects.code())
                .bind(actor)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                super::audit::append_audit(
                    &mut Conn::from(&mut *tx),
                    &audit(actor, "added", &kind),
                )
                .await?;
                tx.commit().await?;
                Ok(kind)
            }
        });
        Ok(outcome)
    }

    /// Replaces a kind by its next version, keeping the one it replaces. Its category cannot
    /// change once records of it exist; a retired kind is not changed.
    #[tracing::instrument(skip_all)]
    pub async fn change_record_kind(
        &self,
        kind: &CatalogueKind,
        actor: &str,
    ) -> StoreResult<Option<CatalogueResult>> {
        let now = super::audit::truncated_now();
        let select = format!("SELECT {KIND_COLUMNS} FROM record_kinds WHERE code = $1");
        let outcome = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let current: Option<KindRow> = sqlx::query_as(sqlx::AssertSqlSafe(select.as_str()))
                .bind(&kind.code)
                .fetch_optional(&mut *tx)
                .await?;
            match current.map(KindRow::kind) {
                None => None,
                Some(current) if current.retired_on.is_some() => {
                    Some(Err(CatalogueError::Retired(current.code)))
                }
                Some(current) => {
                    let used: Option<(i64,)> = sqlx::query_as(
                        "SELECT id FROM credit_records WHERE kind_code = $1 LIMIT 1",
                    )
                    .bind(&kind.code)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if current.category != kind.category && used.is_some() {
                        Some(Err(CatalogueError::CategoryInUse(current.code)))
                    } else {
                        let next = CatalogueKind {
                            version: current.version + 1,
                            retired_on: None,
                            ..kind.clone()
                        };
                        sqlx::query(
                            "INSERT INTO record_kind_versions (code, version, body, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(&current.code)
                        .bind(i32::try_from(current.version).unwrap_or(i32::MAX))
                        .bind(serde_json::to_string(&current).unwrap_or_default())
                        .bind(actor)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query(
                            "UPDATE record_kinds SET name = $1, category = $2, source = $3, default_route = $4, default_tier = $5,
                                score_item = $6, subjects = $7, version = $8, changed_by = $9, changed_at = $10
                             WHERE code = $11",
                        )
                        .bind(&next.name)
                        .bind(next.category.code())
                        .bind(&next.source)
                        .bind(next.default_route.code())
                        .bind(next.default_tier.map(|t| t.code()))
                        .bind(&next.score_item)
                        .bind(next.subjects.code())
                        .bind(i32::try_from(next.version).unwrap_or(i32::MAX))
                        .bind(actor)
                        .bind(now)
                        .bind(&next.code)
                        .execute(&mut *tx)
                        .await?;
                        super::audit::append_audit(
                            &mut Conn::from(&mut *tx),
                            &audit(actor, "changed", &next),
                        )
                        .await?;
                        tx.commit().await?;
                        Some(Ok(next))
                    }
                }
            }
        });
        Ok(outcome)
    }

    /// Retires a kind from `day`: no new records of it; those there are stay as they are.
    #[tracing::instrument(skip_all)]
    pub async fn retire_record_kind(
        &self,
        code: &str,
        day: NaiveDate,
        actor: &str,
    ) -> StoreResult<Option<CatalogueResult>> {
        let now = super::audit::truncated_now();
        let select = format!("SELECT {KIND_COLUMNS} FROM record_kinds WHERE code = $1");
        let outcome = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let current: Option<KindRow> = sqlx::query_as(sqlx::AssertSqlSafe(select.as_str()))
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?;
            match current.map(KindRow::kind) {
                None => None,
                Some(current) if current.retired_on.is_some() => {
                    Some(Err(CatalogueError::Retired(current.code)))
                }
                Some(mut current) => {
                    sqlx::query("UPDATE record_kinds SET retired_on = $1, changed_by = $2, changed_at = $3 WHERE code = $4")
                        .bind(day)
                        .bind(actor)
                        .bind(now)
                        .bind(code)
                        .execute(&mut *tx)
                        .await?;
                    current.retired_on = Some(day);
                    super::audit::append_audit(
                        &mut Conn::from(&mut *tx),
                        &audit(actor, "retired", &current),
                    )
                    .await?;
                    tx.commit().await?;
                    Some(Ok(current))
                }
            }
        });
        Ok(outcome)
    }
}
