//! Reads of persons' non-public data by staff go into those persons' access logs.
//!
//! A handler opening an objection or a repair application about a person's record, a reviewer
//! opening a submission about a person, the credit office listing overdue cases: each reads that
//! person's data, so each read is logged for the person to see (who, which department, for what,
//! when), as government sharing and authorised queries are. The person reading their own data is
//! not logged.

use crate::auth::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::{NewAccess, SubmissionRow};
use chengxin_types::{AccessChannel, Category, FulfilmentStatus, SubmissionItemKind};
use std::collections::BTreeMap;

/// Logs that `me` read the records `record_ids` (any that are about persons) for `purpose`: one
/// entry per person, with the categories and the number of records read.
pub async fn log_staff_reads(
    state: &AppState,
    me: &Principal,
    record_ids: impl IntoIterator<Item = i64>,
    purpose: &str,
) -> ApiResult<()> {
    let reads = persons_behind_records(state, record_ids).await?;
    log_reads(state, me, reads, purpose).await
}

/// Logs that `me` read these submissions for `purpose`: the records behind them and, for
/// commitments and fulfilments (which have no record), the person who made the commitment.
pub async fn log_submission_reads<'a>(
    state: &AppState,
    me: &Principal,
    rows: impl IntoIterator<Item = &'a SubmissionRow>,
    purpose: &str,
) -> ApiResult<()> {
    log_submission_reads_with(state, me, rows, [], purpose).await
}

/// [`log_submission_reads`] of submissions read together with other records (`also`), in one
/// entry per person that counts and names the categories of all of them.
pub async fn log_submission_reads_with<'a>(
    state: &AppState,
    me: &Principal,
    rows: impl IntoIterator<Item = &'a SubmissionRow>,
    also: impl IntoIterator<Item = i64>,
    purpose: &str,
) -> ApiResult<()> {
    let rows: Vec<&SubmissionRow> = rows.into_iter().collect();
    let records = rows.iter().filter_map(|r| r.record_id).chain(also);
    let mut reads = persons_behind_records(state, records).await?;
    let commitments: Vec<(SubmissionItemKind, i64)> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.item_kind,
                SubmissionItemKind::Commitment | SubmissionItemKind::Fulfilment
            )
        })
        .map(|r| (r.item_kind, r.item_id))
        .collect();
    for (person_id, status) in state.store.persons_behind_commitments(&commitments).await? {
        // A commitment is good credit unless it was broken.
        let category = if status == FulfilmentStatus::Breached.code() {
            Category::GeneralBreach
        } else {
            Category::Positive
        };
        reads.push((person_id, Some(category)));
    }
    log_reads(state, me, reads, purpose).await
}

/// (person, category) of each record about a person among `record_ids`.
async fn persons_behind_records(
    state: &AppState,
    record_ids: impl IntoIterator<Item = i64>,
) -> ApiResult<Vec<(i64, Option<Category>)>> {
    let mut ids: Vec<i64> = record_ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(state
        .store
        .persons_behind_records(&ids)
        .await?
        .into_iter()
        .map(|(_, person_id, category)| (person_id, Category::from_code(&category)))
        .collect())
}

/// One access-log entry per person read (other than `me`), with the categories and how many
/// items were read.
async fn log_reads(
    state: &AppState,
    me: &Principal,
    reads: Vec<(i64, Option<Category>)>,
    purpose: &str,
) -> ApiResult<()> {
    let mut by_person: BTreeMap<i64, (Vec<Category>, i64)> = BTreeMap::new();
    for (person_id, category) in reads {
        if me.person_id == Some(person_id) {
            continue;
        }
        let entry = by_person.entry(person_id).or_default();
        if let Some(category) = category
            && !entry.0.contains(&category)
        {
            entry.0.push(category);
        }
        entry.1 += 1;
    }
    let accesses: Vec<NewAccess> = by_person
        .into_iter()
        .map(|(person_id, (mut categories, count))| {
            categories.sort();
            NewAccess {
                person_id,
                channel: AccessChannel::Internal,
                accessor_account_id: Some(me.account_id),
                accessor_org_id: me.organisation_id,
                api_key_id: None,
                grant_id: None,
                accessor_name: me.accessor_name(),
                purpose: purpose.to_string(),
                categories,
                record_count: count,
            }
        })
        .collect();
    state.store.log_accesses(&accesses).await?;
    Ok(())
}
