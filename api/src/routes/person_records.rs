//! A person's records as each audience gets them: the owner (`/me`), government sharing and
//! authorised queries. Which records an audience sees is decided by
//! [`crate::domain::disclosure::visible_to`] and nowhere here.

use crate::domain::PublicityWindow;
use crate::domain::disclosure::{Audience, RecordFacts, visible_to};
use crate::domain::listing::ListingFacts;
use crate::domain::repair::RepairCandidate;
use crate::domain::score::ScoredRecord;
use crate::error::Lang;
use crate::store::{PersonRecordRow, RecordVersionRow, ScoringRow};
use chengxin_types::{
    Category, MyRecord, OrgRef, PublicityTier, PublicityView, RecordScoreView, RecordVersionView,
    SharedRecord,
};
use chrono::NaiveDate;
use std::collections::HashMap;

fn window_of(row: &PersonRecordRow) -> Option<PublicityWindow> {
    match (row.publish_from, row.publish_until) {
        (Some(from), Some(until)) => Some(PublicityWindow {
            from,
            repairable_from: row.repairable_from.unwrap_or(from),
            until,
        }),
        _ => None,
    }
}

/// The record as the repair rules see it, with `validity_years` of its scoring item.
pub fn repair_candidate(row: &PersonRecordRow, validity_years: u32) -> RepairCandidate<'_> {
    RepairCandidate {
        category: row.category,
        kind: &row.kind_code,
        facts: facts_of(row),
        conduct_on: row.conduct_ended_on.unwrap_or(row.occurred_on),
        validity_years,
        listing: row
            .listing_status
            .as_deref()
            .zip(row.listed_on)
            .map(|(status, listed_on)| {
                ListingFacts::from_codes(
                    status,
                    listed_on,
                    row.removal_due_on,
                    Some(row.status.code()),
                )
            }),
    }
}

pub fn facts_of(row: &PersonRecordRow) -> RecordFacts {
    RecordFacts {
        route: row.route,
        status: row.status,
        window: window_of(row),
    }
}

/// The records `audience` may see on `today` among `rows`, limited to `categories` if given.
pub fn visible<'a>(
    rows: &'a [PersonRecordRow],
    audience: Audience,
    today: NaiveDate,
    categories: Option<&[Category]>,
) -> Vec<&'a PersonRecordRow> {
    rows.iter()
        .filter(|row| visible_to(audience, &facts_of(row), today))
        .filter(|row| categories.is_none_or(|c| c.contains(&row.category)))
        .collect()
}

/// The records the score engine looks at: those filed under a scoring item.
pub fn scored_records(rows: &[PersonRecordRow]) -> Vec<ScoredRecord> {
    rows.iter()
        .filter_map(|row| {
            Some(ScoredRecord {
                record_id: row.id,
                item_code: row.score_item.clone()?,
                occurred_on: row.occurred_on,
                conduct_ended_on: row.conduct_ended_on,
                act: row.act_key.clone(),
                status: row.status,
                repaired_on: None,
            })
        })
        .collect()
}

/// The score engine's input from the narrow scoring rows.
pub fn scoring_input(rows: &[ScoringRow]) -> Vec<ScoredRecord> {
    rows.iter()
        .map(|row| ScoredRecord {
            record_id: row.id,
            item_code: row.score_item.clone(),
            occurred_on: row.occurred_on,
            conduct_ended_on: row.conduct_ended_on,
            act: row.act_key.clone(),
            status: row.status,
            repaired_on: row.repaired_on,
        })
        .collect()
}

fn org(name: &Option<String>, uscc: &Option<String>) -> Option<OrgRef> {
    Some(OrgRef {
        name: name.clone()?,
        uscc: uscc.clone()?,
    })
}

pub fn explanation(reason: &crate::domain::score::LineReason, lang: Lang) -> String {
    match lang {
        Lang::Zh => reason.explain_zh(),
        Lang::En => reason.explain_en(),
    }
}

/// The owner's view of a record, with its versions and its part in the score.
pub fn my_record(
    row: &PersonRecordRow,
    today: NaiveDate,
    versions: &HashMap<i64, Vec<&RecordVersionRow>>,
    score: Option<RecordScoreView>,
    disputed: bool,
    repair_eligible: bool,
) -> MyRecord {
    let facts = facts_of(row);
    MyRecord {
        id: row.id,
        category: row.category,
        kind_code: row.kind_code.clone(),
        kind_name: row.kind_name.clone(),
        title: row.title.clone(),
        content: row.content.clone(),
        decision_no: row.decision_no.clone(),
        deciding_org: org(&row.deciding_org_name, &row.deciding_org_uscc),
        reporting_org: OrgRef {
            name: row.reporting_org_name.clone(),
            uscc: row.reporting_org_uscc.clone(),
        },
        decided_on: row.decided_on,
        occurred_on: row.occurred_on,
        conduct_ended_on: row.conduct_ended_on,
        route: facts.route,
        tier: row.tier.as_deref().and_then(PublicityTier::from_code),
        publicity: facts.window.map(|w| PublicityView {
            from: w.from,
            repairable_from: row.repairable_from,
            until: w.until,
            published_now: visible_to(Audience::Public, &facts, today),
        }),
        status: facts.status,
        version: row.version,
        versions: versions
            .get(&row.id)
            .map(|vs| {
                vs.iter()
                    .map(|v| RecordVersionView {
                        version: v.version,
                        reason: v.reason.clone(),
                        changed_at: v.changed_at,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        disputed,
        repair_eligible,
        score,
    }
}

/// A record as government sharing and authorised queries return it.
pub fn shared_record(row: &PersonRecordRow) -> SharedRecord {
    SharedRecord {
        id: row.id,
        category: row.category,
        kind_name: row.kind_name.clone(),
        title: row.title.clone(),
        content: row.content.clone(),
        decision_no: row.decision_no.clone(),
        deciding_org: org(&row.deciding_org_name, &row.deciding_org_uscc),
        decided_on: row.decided_on,
        occurred_on: row.occurred_on,
        route: row.route,
        status: row.status,
    }
}
