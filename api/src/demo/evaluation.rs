//! The demo district's integrity evaluation of last year, published the way the credit office
//! publishes one (manual indicators scored with their evidence, the results computed and frozen),
//! so the dashboard, each department's own page and each body's public profile show a published
//! result on first start. The current year stays open: it is not over yet.

use crate::config::IntakeConfig;
use crate::domain::evaluation::{SCHEME_CODE, Source, period_days};
use crate::domain::rectification::RectificationRules;
use crate::integrity::{self, Inputs};
use crate::store::{Publication, Store};
use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::Arc;

const ENTERED_BY: &str = "demo";

/// What the evaluators wrote as the basis of their points, by the indicator's code.
fn evidence_of(code: &str) -> &'static str {
    match code {
        "third_party" => "第三方机构年度政务诚信评估报告（抽样评估，含群众满意度调查）",
        "lawful_administration" => "区司法局年度依法行政考核结果通报",
        "openness" => "区政务公开办年度政务公开工作考评结果",
        _ => "评议小组年度集中评议记录",
    }
}

/// Opens, scores and publishes the evaluation of the year before `anchor`'s.
pub async fn seed_evaluation(store: &Store, seed: u64, anchor: NaiveDate) -> anyhow::Result<()> {
    let year = anchor.year() - 1;
    let days = period_days(&year.to_string()).context("the year before the anchor")?;
    let scheme = store
        .evaluation_scheme_in_effect(SCHEME_CODE, days.1)
        .await?;
    let id = store
        .insert_evaluation(year, &scheme, None, ENTERED_BY)
        .await?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5a48);
    for (body, _, _) in store.government_bodies().await? {
        for indicator in &scheme.indicators {
            if indicator.source != Some(Source::Manual) {
                continue;
            }
            // Most bodies do well, a few less so; points in half-point steps.
            let share: f64 = rng.random_range(0.7..=1.0);
            let points = (indicator.weight * share * 2.0).round() / 2.0;
            store
                .put_evaluation_score(
                    id,
                    body,
                    &indicator.code,
                    points,
                    evidence_of(&indicator.code),
                    ENTERED_BY,
                )
                .await?;
        }
    }
    let rules = RectificationRules::default();
    let inputs = Inputs {
        store,
        calendar: Arc::new(store.work_calendar().await?),
        publication_limit: IntakeConfig::default().publication_limit_working_days,
        rectification: &rules,
        today: anchor,
    };
    let manual = store.evaluation_scores(id).await?;
    let decisions = integrity::decision_dates(store, None, Some(days)).await?;
    let results: Vec<_> = integrity::results(&inputs, &scheme, days, &manual, &decisions)
        .await?
        .into_iter()
        .map(|(_, result)| result)
        .collect();
    let frozen = serde_json::to_string(&results)?;
    let scores = store.evaluation_scores_version(id).await?;
    match store
        .publish_evaluation(id, year, &frozen, &scores, ENTERED_BY)
        .await?
    {
        Publication::Published => Ok(()),
        other => anyhow::bail!("the demo evaluation was not published: {other:?}"),
    }
}
