//! Accounts, sign-in sessions with their refresh-token families, and failed sign-in counters.

use super::exec::Conn;
use super::query::{Arg, Sql};
use super::{AuditEvent, Store, StoreResult, on_pool};
use chengxin_types::Role;
use chrono::{DateTime, Duration, Utc};

/// An account to create. The password arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: Vec<Role>,
    pub person_id: Option<i64>,
    pub organisation_id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: String,
    pub person_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub organisation_uscc: Option<String>,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

impl AccountRow {
    /// The roles this account holds; unknown codes (from a newer version) are ignored.
    pub fn roles(&self) -> Vec<Role> {
        parse_roles(&self.roles)
    }
}

pub fn parse_roles(text: &str) -> Vec<Role> {
    text.split(',')
        .filter_map(|code| Role::from_code(code.trim()))
        .collect()
}

fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

const ACCOUNT_COLUMNS: &str = "a.id, a.username, a.display_name, a.password_hash, a.roles, a.person_id, \
     a.organisation_id, o.name AS organisation_name, o.uscc AS organisation_uscc, a.created_at, a.disabled_at";

/// A refresh token with its session and account: session id, expiry, spent, account id, session
/// revoked, account disabled.
type RefreshRow = (
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// The outcome of presenting a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// The token was live: it is now spent and the new one stored.
    Rotated { account_id: i64, session_id: String },
    /// The token had been used before: the whole session was revoked.
    Reused,
    /// Unknown, expired, or its session was revoked (logout, reuse, disabled account).
    Refused,
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn insert_account(&self, account: &NewAccount, actor: &str) -> StoreResult<i64> {
        let event = AuditEvent {
            actor: actor.to_string(),
            action: "account.created".into(),
            entity: "account".into(),
            entity_id: account.username.clone(),
            detail: serde_json::json!({
                "roles": roles_text(&account.roles),
                "person_id": account.person_id,
                "organisation_id": account.organisation_id,
            })
            .to_string(),
        };
        let id = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO accounts (username, display_name, password_hash, roles, person_id, organisation_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&account.username)
            .bind(&account.display_name)
            .bind(&account.password_hash)
            .bind(roles_text(&account.roles))
            .bind(account.person_id)
            .bind(account.organisation_id)
            .bind(Utc::now())
            .fetch_one(&mut *tx)
            .await?;
            super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn account_by_username(&self, username: &str) -> StoreResult<Option<AccountRow>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.username = $1"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(username)
        .fetch_optional(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn accounts(&self) -> StoreResult<Vec<AccountRow>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id ORDER BY a.id"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .fetch_all(pool)
        .await)?)
    }

    /// The account behind a token, if the account is enabled and the token's session is live.
    /// One query on every authenticated request, so disabling an account or logging out takes
    /// effect at once rather than when the access token expires.
    #[tracing::instrument(skip_all)]
    pub async fn signed_in_account(
        &self,
        account_id: i64,
        session_id: &str,
    ) -> StoreResult<Option<AccountRow>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a
             JOIN sessions s ON s.account_id = a.id AND s.id = $2 AND s.revoked_at IS NULL
             LEFT JOIN organisations o ON o.id = a.organisation_id
             WHERE a.id = $1 AND a.disabled_at IS NULL"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(account_id)
        .bind(session_id)
        .fetch_optional(pool)
        .await)?)
    }

    /// Disables or re-enables an account; disabling also ends all its sessions.
    /// `false` if there is no such account or it is already in that state.
    #[tracing::instrument(skip_all)]
    pub async fn set_account_disabled(
        &self,
        username: &str,
        disabled: bool,
        actor: &str,
    ) -> StoreResult<bool> {
        let now = Utc::now();
        let event = AuditEvent {
            actor: actor.to_string(),
            action: if disabled {
                "account.disabled"
            } else {
                "account.enabled"
            }
            .into(),
            entity: "account".into(),
            entity_id: username.to_string(),
            detail: "{}".into(),
        };
        let changed = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = if disabled {
                sqlx::query("UPDATE accounts SET disabled_at = $1 WHERE username = $2 AND disabled_at IS NULL")
                    .bind(now)
                    .bind(username)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            } else {
                sqlx::query("UPDATE accounts SET disabled_at = NULL WHERE username = $1 AND disabled_at IS NOT NULL")
                    .bind(username)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            };
            if rows > 0 {
                if disabled {
                    end_sessions(&mut Conn::from(&mut *tx), username, "account_disabled", now)
                        .await?;
                }
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            rows > 0
        });
        Ok(changed)
    }

    /// Sets a new password (already hashed) and ends the account's sessions, so a leaked one stops
    /// working at once; `false` if there is no such account.
    #[tracing::instrument(skip_all)]
    pub async fn set_account_password(
        &self,
        username: &str,
        password_hash: &str,
        actor: &str,
    ) -> StoreResult<bool> {
        let now = Utc::now();
        let event = AuditEvent {
            actor: actor.to_string(),
            action: "account.password_reset".into(),
            entity: "account".into(),
            entity_id: username.to_string(),
            detail: "{}".into(),
        };
        let changed = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE username = $2")
                .bind(password_hash)
                .bind(username)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if rows > 0 {
                end_sessions(&mut Conn::from(&mut *tx), username, "password_reset", now).await?;
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            rows > 0
        });
        Ok(changed)
    }

    /// When each account last signed in (accounts that never did are absent).
    #[tracing::instrument(skip_all)]
    pub async fn last_sign_ins(&self) -> StoreResult<Vec<(i64, DateTime<Utc>)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT s.account_id, s.created_at FROM sessions s
             WHERE s.created_at = (SELECT MAX(t.created_at) FROM sessions t WHERE t.account_id = s.account_id)"
        )
        .fetch_all(pool)
        .await
        })?)
    }

    /// When one account last signed in, if it ever did.
    #[tracing::instrument(skip_all)]
    pub async fn last_sign_in(&self, account_id: i64) -> StoreResult<Option<DateTime<Utc>>> {
        let row: Option<(DateTime<Utc>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT created_at FROM sessions WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1"
        )
        .bind(account_id)
        .fetch_optional(pool)
        .await
        })?;
        Ok(row.map(|(at,)| at))
    }

    /// Sets or clears where an account's notifications are mailed; `false` if there is no such account.
    #[tracing::instrument(skip_all)]
    pub async fn set_account_email(
        &self,
        username: &str,
        email: Option<&str>,
        actor: &str,
    ) -> StoreResult<bool> {
        let event = AuditEvent {
            actor: actor.to_string(),
            action: "account.email_changed".into(),
            entity: "account".into(),
            entity_id: username.to_string(),
            detail: serde_json::json!({ "email": email }).to_string(),
        };
        let changed = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query("UPDATE accounts SET email = $1 WHERE username = $2")
                .bind(email)
                .bind(username)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if rows > 0 {
                super::audit::append_audit(&mut Conn::from(&mut *tx), &event).await?;
            }
            tx.commit().await?;
            rows > 0
        });
        Ok(changed)
    }

    /// Starts a session with its first refresh token; returns the session id.
    #[tracing::instrument(skip_all)]
    pub async fn create_session(
        &self,
        account_id: i64,
        refresh_hash: &str,
        refresh_expires_at: DateTime<Utc>,
    ) -> StoreResult<String> {
        let session_id = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query("INSERT INTO sessions (id, account_id, created_at) VALUES ($1, $2, $3)")
                .bind(&session_id)
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(refresh_hash)
            .bind(&session_id)
            .bind(now)
            .bind(refresh_expires_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(session_id)
    }

    /// Spends a refresh token and stores its successor, in one transaction. Presenting a spent
    /// token revokes its session (the family): someone else may hold a copy.
    #[tracing::instrument(skip_all)]
    pub async fn rotate_refresh_token(
        &self,
        presented_hash: &str,
        next_hash: &str,
        next_expires_at: DateTime<Utc>,
    ) -> StoreResult<RefreshOutcome> {
        let now = Utc::now();
        let outcome = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let found: Option<RefreshRow> =
                sqlx::query_as(
                    "SELECT t.session_id, t.expires_at, t.spent_at, s.account_id, s.revoked_at, a.disabled_at
                     FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN accounts a ON a.id = s.account_id
                     WHERE t.token_hash = $1",
                )
                .bind(presented_hash)
                .fetch_optional(&mut *tx)
                .await?;
            let outcome = match found {
                None => RefreshOutcome::Refused,
                Some((session_id, _, Some(_), _, revoked, _)) => {
                    if revoked.is_none() {
                        sqlx::query("UPDATE sessions SET revoked_at = $1, revoked_reason = 'refresh_token_reused' WHERE id = $2")
                            .bind(now)
                            .bind(&session_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    RefreshOutcome::Reused
                }
                Some((_, expires_at, None, _, revoked, disabled))
                    if expires_at <= now || revoked.is_some() || disabled.is_some() =>
                {
                    RefreshOutcome::Refused
                }
                Some((session_id, _, None, account_id, None, None)) => {
                    // Only one of two concurrent refreshes with the same token can spend it.
                    let spent = sqlx::query("UPDATE refresh_tokens SET spent_at = $1 WHERE token_hash = $2 AND spent_at IS NULL")
                        .bind(now)
                        .bind(presented_hash)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if spent == 0 {
                        RefreshOutcome::Refused
                    } else {
                        sqlx::query(
                            "INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(next_hash)
                        .bind(&session_id)
                        .bind(now)
                        .bind(next_expires_at)
                        .execute(&mut *tx)
                        .await?;
                        RefreshOutcome::Rotated {
                            account_id,
                            session_id,
                        }
                    }
                }
                Some(_) => RefreshOutcome::Refused,
            };
            tx.commit().await?;
            outcome
        });
        Ok(outcome)
    }

    /// Ends a session: its access tokens stop working and its refresh tokens cannot be used.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_session(&self, session_id: &str, reason: &str) -> StoreResult<bool> {
        let rows = on_pool!(self, |pool| {
            sqlx::query(
            "UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE id = $3 AND revoked_at IS NULL"
        )
        .bind(Utc::now())
        .bind(reason)
        .bind(session_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
        })?;
        Ok(rows > 0)
    }

    /// The latest lock among the given throttle keys, if one is still running.
    #[tracing::instrument(skip_all)]
    pub async fn login_locked_until(&self, keys: &[String]) -> StoreResult<Option<DateTime<Utc>>> {
        let now = Utc::now();
        let mut latest = None;
        for key in keys {
            let row: Option<(Option<DateTime<Utc>>,)> = on_pool!(self, |pool| sqlx::query_as(
                "SELECT locked_until FROM login_failures WHERE key = $1"
            )
            .bind(key)
            .fetch_optional(pool)
            .await)?;
            if let Some((Some(until),)) = row
                && until > now
            {
                latest = latest.max(Some(until));
            }
        }
        Ok(latest)
    }

    /// Counts a failed sign-in against `key`. Once `threshold` failures are reached the key is
    /// locked for `lock` and the lock doubles with each further failure (at most a day). A key with
    /// no failure for a day starts again from zero. Returns the lock, if any.
    #[tracing::instrument(skip_all)]
    pub async fn record_login_failure(
        &self,
        key: &str,
        threshold: u32,
        lock: Duration,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        let now = Utc::now();
        let quiet_since = now - Duration::days(1);
        let (failures,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
            "INSERT INTO login_failures (key, failures, last_failure) VALUES ($1, 1, $2)
             ON CONFLICT (key) DO UPDATE SET
                 failures = CASE WHEN login_failures.last_failure < $3 THEN 1 ELSE login_failures.failures + 1 END,
                 last_failure = $2
             RETURNING CAST(failures AS BIGINT)"
        )
        .bind(key)
        .bind(now)
        .bind(quiet_since)
        .fetch_one(pool)
        .await
        })?;
        let over = failures - i64::from(threshold);
        if over < 0 {
            return Ok(None);
        }
        let factor = 1i64 << over.min(16);
        let until = now + (lock * i32::try_from(factor).unwrap_or(i32::MAX)).min(Duration::days(1));
        on_pool!(self, |pool| sqlx::query(
            "UPDATE login_failures SET locked_until = $1 WHERE key = $2"
        )
        .bind(until)
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(Some(until))
    }

    /// Forgets the failures of a key after a successful sign-in.
    #[tracing::instrument(skip_all)]
    pub async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM login_failures WHERE key = $1"
        )
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(())
    }
}

/// Ends every open session of the account: disabling it or setting its password signs it out of
/// every page at once, since each request checks its session.
async fn end_sessions(
    conn: &mut Conn<'_>,
    username: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    Sql::new(
        "UPDATE sessions SET revoked_at = $1, revoked_reason = $2
         WHERE revoked_at IS NULL AND account_id = (SELECT id FROM accounts WHERE username = $3)",
    )
    .with(Arg::Time(now))
    .with(Arg::Text(reason.to_string()))
    .with(Arg::Text(username.to_string()))
    .execute(conn)
    .await
}
