//! Government bodies' integrity results, computed from the archive for a period under an
//! evaluation scheme: the one computation behind the quarterly monitoring, the trend, an annual
//! evaluation's draft and what its publication freezes (and the demo district's published year).
//! The rules of the points are `domain::evaluation`'s; this module gathers the facts they need.

use crate::domain::WorkCalendar;
use crate::domain::evaluation::{self, Facts, Scheme};
use crate::domain::rectification::RectificationRules;
use crate::domain::timeliness::{self, DecisionDates};
use crate::store::{ManualScores, Store, StoreResult};
use chengxin_types::BodyEvaluation;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Every deciding body's 双公示 decision dates, by its code (USCC), with its name: read once per
/// request, however many periods the request computes.
pub type DecisionsByBody = BTreeMap<String, (String, Vec<DecisionDates>)>;

/// What a computation reads besides the archive: the working days, the district's limits, today.
pub struct Inputs<'a> {
    pub store: &'a Store,
    pub calendar: Arc<WorkCalendar>,
    /// 双公示: working days from a decision to its publication.
    pub publication_limit: u32,
    pub rectification: &'a RectificationRules,
    pub today: NaiveDate,
}

/// The decision and publication dates of each deciding body, or of the one `body_code` names;
/// of the decisions made in `decided` (first and last day) when it is given.
pub async fn decision_dates(
    store: &Store,
    body_code: Option<&str>,
    decided: Option<(NaiveDate, NaiveDate)>,
) -> StoreResult<DecisionsByBody> {
    let mut by_body = DecisionsByBody::new();
    for g in store.publication_groups(body_code, decided).await? {
        let entry = by_body
            .entry(g.body_code)
            .or_insert_with(|| (g.body_name.clone(), Vec::new()));
        entry.1.push(DecisionDates {
            is_penalty: g.kind == "penalty",
            decided_on: g.decided_on,
            published_on: g.published_on,
            count: g.n,
        });
    }
    Ok(by_body)
}

/// Every government body's result for the days `from` to `to` under `scheme`, with the
/// evaluators' `manual` scores (none for monitoring) and the decisions `decisions`, highest total
/// first, each with its place (equal totals share one).
pub async fn results(
    inputs: &Inputs<'_>,
    scheme: &Scheme,
    (from, to): (NaiveDate, NaiveDate),
    manual: &ManualScores,
    decisions: &DecisionsByBody,
) -> StoreResult<Vec<(i64, BodyEvaluation)>> {
    let today = inputs.today;
    let mut facts = inputs
        .store
        .evaluation_facts(from, to, today, inputs.rectification)
        .await?;
    let bodies = inputs.store.government_bodies().await?;
    // 双公示 is counted by the deciding body's code, for decisions made in the period.
    for (id, _, uscc) in &bodies {
        if let Some((_, dates)) = decisions.get(uscc) {
            let figures = timeliness::figures(
                dates
                    .iter()
                    .copied()
                    .filter(|d| d.decided_on >= from && d.decided_on <= to),
                &inputs.calendar,
                inputs.publication_limit,
                today,
            );
            let (p, l) = (figures.penalties, figures.licences);
            facts.entry(*id).or_default().publication = (
                p.on_time + l.on_time,
                p.published + p.unpublished_overdue + l.published + l.unpublished_overdue,
            );
        }
    }
    let none = HashMap::new();
    let mut results: Vec<(i64, BodyEvaluation)> = bodies
        .into_iter()
        .map(|(id, name, uscc)| {
            let facts = facts.get(&id).copied().unwrap_or_else(Facts::default);
            let indicators = evaluation::score(scheme, &facts, manual.get(&id).unwrap_or(&none));
            let total = evaluation::total(&indicators);
            let complete = indicators.iter().all(|i| i.points.is_some());
            (
                id,
                BodyEvaluation {
                    body: name,
                    body_uscc: uscc,
                    total,
                    grade: complete.then(|| evaluation::grade(scheme, total)),
                    rank: 0,
                    indicators,
                },
            )
        })
        .collect();
    results.sort_by(|a, b| {
        b.1.total
            .total_cmp(&a.1.total)
            .then(a.1.body.cmp(&b.1.body))
    });
    let mut rank = 0;
    let mut last = f64::NAN;
    for (i, (_, r)) in results.iter_mut().enumerate() {
        if r.total != last {
            rank = u32::try_from(i).unwrap_or(u32::MAX) + 1;
            last = r.total;
        }
        r.rank = rank;
    }
    Ok(results)
}
