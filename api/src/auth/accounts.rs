//! Creating accounts and setting their passwords: the checks shared by the credit office's
//! endpoints, the command line and the demo data.

use super::password;
use crate::domain::IdNumber;
use crate::error::{ApiError, FieldError, Text};
use crate::pii::PiiCipher;
use crate::store::{NewAccount, Store, StoreError};
use chengxin_types::Role;

/// Why an account cannot be created or its password set.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// A field is wrong; the error names it.
    #[error("{} / {}", .0.message.zh, .0.message.en)]
    Invalid(FieldError),
    #[error("账号名 {0} 已存在 / the account name {0} is taken")]
    Taken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Invalid(field) => ApiError::Validation(vec![field]),
            AccountError::Taken(username) => ApiError::Conflict {
                code: "username_taken",
                message: Text::new(
                    format!("账号名 {username} 已被使用"),
                    format!("The account name {username} is taken"),
                ),
            },
            AccountError::Store(error) => error.into(),
            AccountError::Internal(error) => ApiError::Internal(error),
        }
    }
}

fn invalid(
    field: &str,
    code: &'static str,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> AccountError {
    AccountError::Invalid(FieldError::new(field, code, Text::new(zh, en)))
}

/// The password's hash, if the password may be used for this account.
pub async fn hashed_password(password: &str, username: &str) -> Result<String, AccountError> {
    if let Some(problem) = password::weakness(password, username) {
        return Err(invalid(
            "password",
            "weak_password",
            format!(
                "密码不符合要求（{problem}）：至少 {} 个字符且不同于账号名",
                password::MIN_LENGTH
            ),
            format!(
                "The password is too weak ({problem}): at least {} characters, not the account name",
                password::MIN_LENGTH
            ),
        ));
    }
    let plain = password.to_string();
    let hash = tokio::task::spawn_blocking(move || password::hash(&plain))
        .await
        .map_err(anyhow::Error::from)??;
    Ok(hash)
}

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

/// Checks and stores a new account; the error names the field at fault, in both languages.
pub async fn create_account(
    store: &Store,
    cipher: &PiiCipher,
    request: &AccountRequest,
    actor: &str,
) -> Result<i64, AccountError> {
    let username = request.username.trim().to_string();
    if !valid_username(&username) {
        return Err(invalid(
            "username",
            "invalid_username",
            "账号名应为 3–64 个小写字母、数字或 . _ -",
            "The account name must be 3–64 lowercase letters, digits or . _ -",
        ));
    }
    let display_name = request.display_name.trim().to_string();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err(invalid(
            "display_name",
            "invalid_display_name",
            "请填写姓名（不超过 100 个字）",
            "Give the person's name (at most 100 characters)",
        ));
    }
    if request.roles.is_empty() {
        return Err(invalid(
            "roles",
            "no_role",
            "至少需要一个角色",
            "At least one role is needed",
        ));
    }
    let person_id = match request.id_number.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            let id = IdNumber::parse(text).map_err(|e| {
                invalid(
                    "id_number",
                    "invalid_id_number",
                    format!("身份证号码无效：{e}"),
                    format!("Not a valid ID number: {e}"),
                )
            })?;
            let person = store
                .person_by_lookup(&cipher.lookup(&id))
                .await?
                .ok_or_else(|| {
                    invalid(
                        "id_number",
                        "unknown_person",
                        "档案中没有此身份证号码的人员",
                        "No person with this ID number in the archive",
                    )
                })?;
            Some(person.id)
        }
        _ => None,
    };
    if request.roles.contains(&Role::CivilServant) && person_id.is_none() {
        return Err(invalid(
            "id_number",
            "id_number_required",
            "公职人员账号需要关联身份证号码",
            "A civil-servant account needs the person's ID number",
        ));
    }
    let organisation_id = match request.organisation_uscc.as_deref().map(str::trim) {
        Some(uscc) if !uscc.is_empty() => Some(
            store
                .organisation_by_uscc(uscc)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "organisation_uscc",
                        "unknown_organisation",
                        format!("档案中没有此单位：{uscc}"),
                        format!("No organisation {uscc} in the archive"),
                    )
                })?
                .0,
        ),
        _ => None,
    };
    if request.roles.iter().any(|r| DEPARTMENT_ROLES.contains(r)) && organisation_id.is_none() {
        return Err(invalid(
            "organisation_uscc",
            "department_required",
            "报送、审核和经办账号需要所属单位",
            "Reporter, reviewer and handler accounts need their department",
        ));
    }
    let password_hash = hashed_password(&request.password, &username).await?;
    let account = NewAccount {
        username: username.clone(),
        display_name,
        password_hash,
        roles: request.roles.clone(),
        person_id,
        organisation_id,
    };
    match store.insert_account(&account, actor).await {
        Ok(id) => Ok(id),
        Err(StoreError::Duplicate) => Err(AccountError::Taken(username)),
        Err(other) => Err(other.into()),
    }
}
