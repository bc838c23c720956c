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
use crate::store::NewAccess;
use chengxin_types::{AccessChannel, Category};
use std::collections::BTreeMap;

/// Logs that `me` read the records `record_ids` (any that are about persons) for `purpose`: one
/// entry per person, with the categories and the number of records read.
pub async fn log_staff_reads(
    state: &AppState,
    me: &Principal,
    record_ids: impl IntoIterator<Item = i64>,
    purpose: &str,
) -> ApiResult<()> {
    let mut ids: Vec<i64> = record_ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut by_person: BTreeMap<i64, (Vec<Category>, i64)> = BTreeMap::new();
    for (_, person_id, category) in state.store.persons_behind_records(&ids).await? {
        if me.person_id == Some(person_id) {
            continue;
        }
        let entry = by_person.entry(person_id).or_default();
        if let Some(category) = Category::from_code(&category)
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
