//! Demo accounts, a demo app key and a grant, so every part of the product can be tried at once.
//! The password and the key are published in the README: demo data only.

use crate::auth::{api_keys, password};
use crate::store::{NewAccess, NewAccount, NewGrant, Store};
use anyhow::Context;
use chengxin_types::{AccessChannel, Category, GranteeKind, Role};
use chrono::{Days, NaiveDate};

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "Chengxin-Demo-2026";
/// Prefix and secret of the demo app's API key (`cx_demoapp1_…`).
pub const DEMO_KEY_PREFIX: &str = "demoapp1";
pub const DEMO_KEY_SECRET: &str = "Chengxin2026DemoKeyTryItOut00001";

/// The full demo API key.
pub fn demo_api_key() -> String {
    format!("cx_{DEMO_KEY_PREFIX}_{DEMO_KEY_SECRET}")
}

pub async fn seed_accounts(store: &Store, anchor: NaiveDate) -> anyhow::Result<()> {
    let servant = store
        .person_with_most_scoring_records()
        .await?
        .context("the demo district has no civil servant with scoring records")?;
    let bodies = store.government_bodies().await?;
    let (government_id, _, _) = *bodies.first().context("no government body")?;
    // The market regulator has the most records to review in the demo district.
    let (department_id, department, _) = bodies
        .iter()
        .find(|(_, name, _)| name.contains("市场监督管理局"))
        .or(bodies.get(1))
        .cloned()
        .context("no department")?;
    let hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD)).await??;
    let servant_name = store
        .person(servant)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let accounts = [
        (
            "demo-servant",
            servant_name.as_str(),
            Role::CivilServant,
            Some(servant),
            None,
        ),
        (
            "demo-reporter",
            "王报送",
            Role::Reporter,
            None,
            Some(department_id),
        ),
        (
            "demo-reviewer",
            "李评议",
            Role::Reviewer,
            None,
            Some(department_id),
        ),
        (
            "demo-handler",
            "赵经办",
            Role::Handler,
            None,
            Some(department_id),
        ),
        (
            "demo-admin",
            "陈管理",
            Role::Admin,
            None,
            Some(government_id),
        ),
        (
            "demo-auditor",
            "周审计",
            Role::Auditor,
            None,
            Some(government_id),
        ),
    ];
    let mut reviewer = 0;
    for (username, display_name, role, person_id, organisation_id) in accounts {
        let id = store
            .insert_account(
                &NewAccount {
                    username: username.to_string(),
                    display_name: display_name.to_string(),
                    password_hash: hash.clone(),
                    roles: vec![role],
                    person_id,
                    organisation_id,
                },
                "system",
            )
            .await?;
        if role == Role::Reviewer {
            reviewer = id;
        }
    }
    let key_id = store
        .insert_api_key(
            DEMO_KEY_PREFIX,
            &api_keys::hash_secret(DEMO_KEY_SECRET),
            "诚信示例应用",
            "临江区信用办（演示）",
            "demo",
        )
        .await?;
    store
        .insert_grant(
            &NewGrant {
                person_id: servant,
                grantee_kind: GranteeKind::App,
                grantee_api_key_id: Some(key_id),
                grantee_org_id: None,
                grantee_name: "诚信示例应用（临江区信用办（演示））".to_string(),
                purpose: "演示：申请个人消费贷款前的信用核验".to_string(),
                categories: vec![Category::Positive, Category::GeneralBreach],
                valid_until: anchor + Days::new(180),
            },
            "system",
        )
        .await?;
    // As if the reviewer had read the records through government sharing.
    let shared = store
        .records_of_person(servant)
        .await?
        .iter()
        .filter(|r| {
            r.route != chengxin_types::DisclosureRoute::Internal
                && r.status == chengxin_types::RecordStatus::Effective
        })
        .count();
    store
        .log_access(&NewAccess {
            person_id: servant,
            channel: AccessChannel::GovernmentSharing,
            accessor_account_id: Some(reviewer),
            accessor_org_id: Some(department_id),
            api_key_id: None,
            grant_id: None,
            accessor_name: format!("{department} · 李评议"),
            purpose: "干部选拔任用考察".to_string(),
            categories: Category::ALL.to_vec(),
            record_count: i64::try_from(shared).unwrap_or(0),
        })
        .await?;
    Ok(())
}
