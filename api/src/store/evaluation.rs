//! The integrity evaluation of government bodies: scheme versions, the facts the archive holds of
//! each body for a period, and annual evaluations with their manual scores and frozen results.

use super::query::Sql;
use super::{AuditEvent, Store, StoreError, StoreResult, on_pool};
use crate::domain::evaluation::{Facts, ManualScore, Scheme};
use crate::domain::rectification::RectificationRules;
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// Who installed the built-in scheme.
const PRESET_AUTHOR: &str = "system";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EvaluationRow {
    pub id: i64,
    pub year: i64,
    pub version: i64,
    pub scheme_code: String,
    pub scheme_version: i64,
    pub status: String,
    pub reason: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// The results as published (JSON), for a published or superseded evaluation.
    pub results: Option<String>,
}

const EVALUATION_COLUMNS: &str = "SELECT id, year, version, scheme_code, scheme_version, status, reason, published_at, results FROM evaluations";

/// Manual scores by body and indicator code.
pub type ManualScores = HashMap<i64, HashMap<String, ManualScore>>;

/// What became of a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    Published,
    NotADraft,
    /// A score came in after the results were computed: compute them again.
    ScoresChanged,
}

/// A fingerprint of score rows, in their order.
fn scores_version(rows: &[(i64, String, f64, String)]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for (body, code, points, evidence) in rows {
        hasher.update(format!(
            "{body}\u{1f}{code}\u{1f}{points}\u{1f}{evidence}\u{1e}"
        ));
    }
    hex::encode(hasher.finalize())
}

impl Store {
    /// Stores a scheme version; an existing version is refused (409), never overwritten.
    #[tracing::instrument(skip_all)]
    pub async fn insert_evaluation_scheme(
        &self,
        scheme: &Scheme,
        effective_from: NaiveDate,
        created_by: &str,
    ) -> StoreResult<()> {
        let body = serde_json::to_string(scheme).context("cannot serialise the scheme")?;
        let event = AuditEvent {
            actor: created_by.to_string(),
            action: "evaluation_scheme.published".into(),
            entity: "evaluation_scheme".into(),
            entity_id: format!("{}@{}", scheme.code, scheme.version),
            detail: serde_json::json!({ "effective_from": effective_from }).to_string(),
        };
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        conn.execute(
            Sql::new(
                "INSERT INTO evaluation_schemes (code, version, name, body, effective_from, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .with(scheme.code.as_str())
            .with(i64::from(scheme.version))
            .with(scheme.name.as_str())
            .with(body)
            .with(effective_from)
            .with(created_by)
            .with(Utc::now()),
        )
        .await?;
        // The built-in scheme is installed like the built-in rulebooks: no event of its own.
        if created_by != PRESET_AUTHOR {
            super::audit::append_audit(&mut conn, &event).await?;
        }
        tx.commit().await
    }

    /// Installs the built-in scheme when no version of its family is stored.
    #[tracing::instrument(skip_all)]
    pub async fn ensure_evaluation_scheme(
        &self,
        scheme: &Scheme,
        effective_from: NaiveDate,
    ) -> StoreResult<()> {
        let (stored,): (i64,) = on_pool!(self, |pool| sqlx::query_as(
            "SELECT COUNT(*) FROM evaluation_schemes WHERE code = $1"
        )
        .bind(&scheme.code)
        .fetch_one(pool)
        .await)?;
        if stored > 0 {
            return Ok(());
        }
        match self
            .insert_evaluation_scheme(scheme, effective_from, PRESET_AUTHOR)
            .await
        {
            // Another instance installed it at the same moment.
            Err(StoreError::Duplicate) => Ok(()),
            other => other,
        }
    }

    /// Every version of a scheme family with the day it takes effect, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn evaluation_schemes(&self, code: &str) -> StoreResult<Vec<(NaiveDate, Scheme)>> {
        let rows: Vec<(NaiveDate, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT effective_from, body FROM evaluation_schemes WHERE code = $1 ORDER BY version"
        )
        .bind(code)
        .fetch_all(pool)
        .await
        })?;
        rows.into_iter()
            .map(|(day, body)| {
                serde_json::from_str(&body)
                    .map(|scheme| (day, scheme))
                    .context("a stored scheme cannot be read")
                    .map_err(StoreError::Other)
            })
            .collect()
    }

    /// The newest version of a family in effect on `day`.
    #[tracing::instrument(skip_all)]
    pub async fn evaluation_scheme_in_effect(
        &self,
        code: &str,
        day: NaiveDate,
    ) -> StoreResult<Scheme> {
        self.evaluation_schemes(code)
            .await?
            .into_iter()
            .rfind(|(from, _)| *from <= day)
            .map(|(_, scheme)| scheme)
            .ok_or(StoreError::NotFound)
    }

    /// One version of a family.
    #[tracing::instrument(skip_all)]
    pub async fn evaluation_scheme(&self, code: &str, version: i64) -> StoreResult<Scheme> {
        self.evaluation_schemes(code)
            .await?
            .into_iter()
            .map(|(_, scheme)| scheme)
            .find(|scheme| i64::from(scheme.version) == version)
            .ok_or(StoreError::NotFound)
    }

    /// What the archive holds of each government body for the days `from` to `to` (inclusive),
    /// except 双公示 timeliness, which is counted by the deciding body's code
    /// ([`Store::publication_groups`]). Records and commitments are read by the bodies' own
    /// subject index: a city's archive is mostly about enterprises and persons.
    #[tracing::instrument(skip_all)]
    pub async fn evaluation_facts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        rules: &RectificationRules,
    ) -> StoreResult<HashMap<i64, Facts>> {
        let mut facts: HashMap<i64, Facts> = HashMap::new();
        let pairs = |sql: &'static str| async move {
            let rows: Vec<(i64, i64, i64)> = on_pool!(self, |pool| sqlx::query_as(sql)
                .bind(from)
                .bind(to)
                .bind(today)
                .fetch_all(pool)
                .await)?;
            StoreResult::Ok(rows)
        };
        // Commitments due in the period, kept or broken.
        for (org, kept, decided) in pairs(
            "SELECT organisation_id,
                    COALESCE(SUM(CASE WHEN status = 'fulfilled' THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN status IN ('fulfilled', 'breached') THEN 1 ELSE 0 END), 0)
             FROM commitments
             WHERE subject_kind = 'organisation' AND review_status = 'effective'
               AND due_on >= $1 AND due_on <= $2 AND $3 = $3
               AND organisation_id IN (SELECT id FROM organisations WHERE kind = 'government_body')
             GROUP BY organisation_id",
        )
        .await?
        {
            facts.entry(org).or_default().commitments = (kept, decided);
        }
        // Objections and repairs the body closed in the period, and whether in time.
        for (org, in_time, closed) in pairs(
            "SELECT department_org_id, COALESCE(SUM(in_time), 0), COUNT(*) FROM (
                 SELECT department_org_id, CASE WHEN closed_on <= COALESCE(reply_due, accept_due) THEN 1 ELSE 0 END AS in_time
                 FROM objections WHERE closed_on >= $1 AND closed_on <= $2 AND $3 = $3
                 UNION ALL
                 SELECT department_org_id, CASE WHEN closed_on <= result_due THEN 1 ELSE 0 END
                 FROM repairs WHERE closed_on >= $1 AND closed_on <= $2
             ) closed_cases GROUP BY department_org_id",
        )
        .await?
        {
            facts.entry(org).or_default().cases = (in_time, closed);
        }
        // Complaints found true in the period.
        for (org, found, _) in pairs(
            "SELECT body_org_id, COUNT(*), CAST(0 AS BIGINT) FROM complaints
             WHERE status = 'substantiated' AND closed_on >= $1 AND closed_on <= $2 AND $3 = $3
             GROUP BY body_org_id",
        )
        .await?
        {
            facts.entry(org).or_default().complaints_substantiated = found;
        }
        // Rectifications whose first deadline fell in the period: due once it has passed.
        for (org, on_time, due) in pairs(
            "SELECT body_org_id,
                    COALESCE(SUM(CASE WHEN status = 'rectified' AND on_time THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN status = 'rectified' OR COALESCE(first_due, assign_due) < $3 THEN 1 ELSE 0 END), 0)
             FROM rectifications WHERE status <> 'withdrawn' AND COALESCE(first_due, assign_due) >= $1 AND COALESCE(first_due, assign_due) <= $2
             GROUP BY body_org_id",
        )
        .await?
        {
            facts.entry(org).or_default().rectification = (on_time, due);
        }
        // Records in effect decided in the period, by kind.
        let records: Vec<(i64, String, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT organisation_id, kind_code, COUNT(*) FROM credit_records
             WHERE subject_kind = 'organisation' AND status = 'effective'
               AND decided_on >= $1 AND decided_on <= $2
               AND organisation_id IN (SELECT id FROM organisations WHERE kind = 'government_body')
             GROUP BY organisation_id, kind_code"
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)?;
        for (org, kind, n) in records {
            let f = facts.entry(org).or_default();
            match kind.as_str() {
                "judgment_debtor_org" => f.judgment_debtor += n,
                "arrears_to_private_firms" => f.arrears += n,
                "hotline_12345_poor" => f.hotline += n,
                // A complaint found true and a broken commitment have indicators of their own.
                crate::domain::rectification::COMPLAINT_SUBSTANTIATED
                | crate::domain::rectification::COMMITMENT_BREACHED => {}
                other if rules.breach_kinds.iter().any(|k| k == other) => f.breach_records += n,
                _ => {}
            }
        }
        Ok(facts)
    }

    /// Opens an evaluation of `year` (version 1, or the next for a correction).
    #[tracing::instrument(skip_all)]
    /// A correction (`(from, reason)`) starts from the manual scores of evaluation `from`,
    /// copied in the same transaction.
    pub async fn insert_evaluation(
        &self,
        year: i32,
        scheme: &Scheme,
        correction: Option<(i64, &str)>,
        created_by: &str,
    ) -> StoreResult<i64> {
        let reason = correction.map(|(_, reason)| reason);
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let (newest,): (Option<i64>,) = conn
            .fetch_one(
                Sql::new("SELECT MAX(version) FROM evaluations WHERE year = $1")
                    .with(i64::from(year)),
            )
            .await?;
        let (id,): (i64,) = conn
            .fetch_one(
                Sql::new(
                    "INSERT INTO evaluations (year, version, scheme_code, scheme_version, status, reason, created_by, created_at)
                     VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7) RETURNING id",
                )
                .with(i64::from(year))
                .with(newest.unwrap_or(0) + 1)
                .with(scheme.code.as_str())
                .with(i64::from(scheme.version))
                .with(reason)
                .with(created_by)
                .with(now),
            )
            .await?;
        if let Some((from, _)) = correction {
            conn.execute(
                Sql::new(
                    "INSERT INTO evaluation_scores (evaluation_id, body_org_id, indicator_code, points, evidence, entered_by, entered_at)
                     SELECT $1, body_org_id, indicator_code, points, evidence, entered_by, entered_at
                     FROM evaluation_scores WHERE evaluation_id = $2",
                )
                .with(id)
                .with(from),
            )
            .await?;
        }
        super::audit::append_audit(
            &mut conn,
            &AuditEvent {
                actor: created_by.to_string(),
                action: "evaluation.opened".into(),
                entity: "evaluation".into(),
                entity_id: id.to_string(),
                detail: serde_json::json!({ "year": year, "reason": reason }).to_string(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn evaluation(&self, id: i64) -> StoreResult<Option<EvaluationRow>> {
        let sql = Sql::new(&format!("{EVALUATION_COLUMNS} WHERE id = $1")).with(id);
        Ok(self.fetch_all_of(&sql).await?.into_iter().next())
    }

    /// The evaluations of every year, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn evaluations(&self) -> StoreResult<Vec<EvaluationRow>> {
        let sql = Sql::new(&format!(
            "{EVALUATION_COLUMNS} ORDER BY year DESC, version DESC"
        ));
        self.fetch_all_of(&sql).await
    }

    /// Records (or replaces) a manual score while the evaluation is a draft; false if it is not.
    #[allow(clippy::too_many_arguments)] // one score's columns, named at the call
    #[tracing::instrument(skip_all)]
    pub async fn put_evaluation_score(
        &self,
        evaluation_id: i64,
        body_org_id: i64,
        indicator: &str,
        points: f64,
        evidence: &str,
        entered_by: &str,
    ) -> StoreResult<bool> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        // Writing the evaluation's row first holds it until this score is in: a publication
        // either waits for it or has already taken the row (and this score is refused).
        let draft = conn
            .execute(
                Sql::new(
                    "UPDATE evaluations SET status = status WHERE id = $1 AND status = 'draft'",
                )
                .with(evaluation_id),
            )
            .await?;
        if draft == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        conn.execute(
            Sql::new(
                "DELETE FROM evaluation_scores WHERE evaluation_id = $1 AND body_org_id = $2 AND indicator_code = $3",
            )
            .with(evaluation_id)
            .with(body_org_id)
            .with(indicator),
        )
        .await?;
        conn.execute(
            Sql::new(
                "INSERT INTO evaluation_scores (evaluation_id, body_org_id, indicator_code, points, evidence, entered_by, entered_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .with(evaluation_id)
            .with(body_org_id)
            .with(indicator)
            .with(points)
            .with(evidence)
            .with(entered_by)
            .with(now),
        )
        .await?;
        super::audit::append_audit(
            &mut conn,
            &AuditEvent {
                actor: entered_by.to_string(),
                action: "evaluation.scored".into(),
                entity: "evaluation".into(),
                entity_id: evaluation_id.to_string(),
                detail: serde_json::json!({
                    "body_org_id": body_org_id, "indicator": indicator, "points": points, "evidence": evidence,
                })
                .to_string(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// What the manual scores of an evaluation are at this moment, to tell whether they changed.
    #[tracing::instrument(skip_all)]
    pub async fn evaluation_scores_version(&self, evaluation_id: i64) -> StoreResult<String> {
        let rows: Vec<(i64, String, f64, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT body_org_id, indicator_code, points, evidence FROM evaluation_scores
             WHERE evaluation_id = $1 ORDER BY body_org_id, indicator_code"
        )
        .bind(evaluation_id)
        .fetch_all(pool)
        .await)?;
        Ok(scores_version(&rows))
    }

    /// The manual scores of an evaluation.
    #[tracing::instrument(skip_all)]
    pub async fn evaluation_scores(&self, evaluation_id: i64) -> StoreResult<ManualScores> {
        let rows: Vec<(i64, String, f64, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT body_org_id, indicator_code, points, evidence FROM evaluation_scores WHERE evaluation_id = $1"
        )
        .bind(evaluation_id)
        .fetch_all(pool)
        .await
        })?;
        let mut scores: ManualScores = HashMap::new();
        for (body, code, points, evidence) in rows {
            scores
                .entry(body)
                .or_default()
                .insert(code, ManualScore { points, evidence });
        }
        Ok(scores)
    }

    /// Publishes a draft with `results`, computed from the scores at `computed_from`; an earlier
    /// published version of the same year is superseded in the same transaction. Nothing is
    /// written if it is no longer a draft or a score changed since the results were computed.
    #[tracing::instrument(skip_all)]
    pub async fn publish_evaluation(
        &self,
        id: i64,
        year: i32,
        results: &str,
        computed_from: &str,
        published_by: &str,
    ) -> StoreResult<Publication> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let published = conn
            .execute(
                Sql::new(
                    "UPDATE evaluations SET status = 'published', results = $1, published_by = $2, published_at = $3
                     WHERE id = $4 AND status = 'draft'",
                )
                .with(results)
                .with(published_by)
                .with(now)
                .with(id),
            )
            .await?;
        if published == 0 {
            tx.rollback().await?;
            return Ok(Publication::NotADraft);
        }
        // The row is held now: no score can come in; one that came in meanwhile shows here.
        let rows: Vec<(i64, String, f64, String)> = conn
            .fetch_all(
                Sql::new(
                    "SELECT body_org_id, indicator_code, points, evidence FROM evaluation_scores
                     WHERE evaluation_id = $1 ORDER BY body_org_id, indicator_code",
                )
                .with(id),
            )
            .await?;
        if scores_version(&rows) != computed_from {
            tx.rollback().await?;
            return Ok(Publication::ScoresChanged);
        }
        conn.execute(
            Sql::new(
                "UPDATE evaluations SET status = 'superseded' WHERE year = $1 AND status = 'published' AND id <> $2",
            )
            .with(i64::from(year))
            .with(id),
        )
        .await?;
        super::audit::append_audit(
            &mut conn,
            &AuditEvent {
                actor: published_by.to_string(),
                action: "evaluation.published".into(),
                entity: "evaluation".into(),
                entity_id: id.to_string(),
                detail: serde_json::json!({ "year": year }).to_string(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Publication::Published)
    }

    /// The newest published evaluation (of the latest year that has one).
    #[tracing::instrument(skip_all)]
    pub async fn latest_published_evaluation(&self) -> StoreResult<Option<EvaluationRow>> {
        let sql = Sql::new(&format!(
            "{EVALUATION_COLUMNS} WHERE status = 'published' ORDER BY year DESC, version DESC LIMIT 1"
        ));
        Ok(self.fetch_all_of(&sql).await?.into_iter().next())
    }
}
