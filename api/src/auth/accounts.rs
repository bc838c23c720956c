//! Creating accounts: the checks shared by the command line and the demo data.

use super::password;
use crate::domain::IdNumber;
use crate::pii::PiiCipher;
use crate::store::{NewAccount, Store, StoreError};
use chengxin_types::Role;

/// What an administrator supplies for a new account.
#[derive(Debug, Clone)]
pub struct AccountRequest {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
    /// Links a civil servant's account to their archive.
    pub id_number: Option<String>,
    /// The department of a staff account.
    pub organisation_uscc: Option<String>,
}

/// Roles that act for a department and so need one.
const DEPARTMENT_ROLES: &[Role] = &[Role::Reporter, Role::Reviewer, Role::Handler];

fn valid_username(name: &str) -> bool {
    (3..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// Checks and stores a new account; the error says what is wrong in both languages.
pub async fn create_account(
    store: &Store,
    cipher: &PiiCipher,
    request: &AccountRequest,
    actor: &str,
) -> anyhow::Result<i64> {
    let username = request.username.trim().to_string();
    anyhow::ensure!(
        valid_username(&username),
        "账号名应为 3–64 个小写字母、数字或 . _ - / the account name must be 3–64 lowercase letters, digits or . _ -"
    );
    if let Some(problem) = password::weakness(&request.password, &username) {
        anyhow::bail!(
            "密码不符合要求（{problem}）：至少 {} 个字符且不同于账号名 / the password is too weak ({problem}): at least {} characters, not the account name",
            password::MIN_LENGTH,
            password::MIN_LENGTH
        );
    }
    anyhow::ensure!(
        !request.roles.is_empty(),
        "至少需要一个角色 / at least one role is needed"
    );
    let person_id = match request.id_number.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            let id = IdNumber::parse(text)
                .map_err(|e| anyhow::anyhow!("身份证号码无效 / invalid ID number: {e}"))?;
            let person = store.person_by_lookup(&cipher.lookup(&id)).await?.ok_or_else(|| {
                anyhow::anyhow!("档案中没有此身份证号码的人员 / no person with this ID number in the archive")
            })?;
            Some(person.id)
        }
        _ => None,
    };
    anyhow::ensure!(
        !request.roles.contains(&Role::CivilServant) || person_id.is_some(),
        "公职人员账号需要关联身份证号码 / a civil-servant account needs the person's ID number"
    );
    let organisation_id = match request.organisation_uscc.as_deref().map(str::trim) {
        Some(uscc) if !uscc.is_empty() => Some(
            store
                .organisation_by_uscc(uscc)
                .await?
                .ok_or_else(|| {
                    anyhow::anyhow!("档案中没有此单位 / no organisation {uscc} in the archive")
                })?
                .0,
        ),
        _ => None,
    };
    anyhow::ensure!(
        !request.roles.iter().any(|r| DEPARTMENT_ROLES.contains(r)) || organisation_id.is_some(),
        "报送、审核和经办账号需要所属单位 / reporter, reviewer and handler accounts need their department"
    );
    let plain = request.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&plain)).await??;
    let account = NewAccount {
        username: username.clone(),
        display_name: request.display_name.trim().to_string(),
        password_hash,
        roles: request.roles.clone(),
        person_id,
        organisation_id,
    };
    match store.insert_account(&account, actor).await {
        Ok(id) => Ok(id),
        Err(StoreError::Duplicate) => {
            anyhow::bail!("账号名 {username} 已存在 / the account name {username} is taken")
        }
        Err(other) => Err(other.into()),
    }
}
