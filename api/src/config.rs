//! Configuration: built-in defaults, then an optional TOML file, then `CHENGXIN_*` environment
//! variables (nested keys with `__`, e.g. `CHENGXIN_MASKING__ID=court`). `DATABASE_URL` is honoured
//! too, as most deployment tools set it.

use crate::auth::rate_limit::RateLimitConfig;
use crate::domain::{IdMask, NameMask, PublicityRules};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address and port the server listens on.
    pub bind: String,
    /// `sqlite://path` or `postgres://…`; empty means the embedded SQLite file under `data_dir`.
    pub database_url: String,
    /// Where the embedded database, signing keys and uploaded files live.
    pub data_dir: PathBuf,
    /// Fill an empty embedded database with the demo district on start.
    pub seed_demo: bool,
    /// Seed of the demo data generator; the same seed gives the same district.
    pub demo_seed: u64,
    /// Built web app served at `/`.
    pub web_dir: PathBuf,
    /// `pretty` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// Time zone of civil dates and deadlines.
    pub time_zone: String,
    /// Largest number of database connections.
    pub max_connections: u32,
    pub masking: Masking,
    pub publicity: PublicityRules,
    /// Extra holiday data (CSV: date,kind,name) merged over the shipped calendar at start.
    pub calendar_file: Option<PathBuf>,
    /// Seconds to let in-flight requests finish on shutdown.
    pub shutdown_grace_seconds: u64,
    /// Requests per minute per API key, per signed-in account and per anonymous client address.
    pub rate_limits: RateLimitConfig,
    /// Addresses of our own reverse proxies; only their `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Sign-in, tokens and lockout.
    pub auth: AuthConfig,
    /// Which scoring rulebook applies to civil servants.
    pub scoring: ScoringConfig,
    /// Objection deadlines (working days) and evidence limits.
    pub objections: ObjectionConfig,
    /// Credit repair deadlines (working days) and the bar after false materials.
    pub repairs: crate::domain::repair::RepairRules,
    /// Complaint deadlines (working days).
    pub complaints: crate::domain::complaint::ComplaintRules,
    /// Rectification of government breaches: deadlines, limits, and which record kinds open a case.
    pub rectification: crate::domain::rectification::RectificationRules,
    /// Warnings before a breach: how far ahead commitments and deadlines are warned of.
    pub warnings: crate::domain::warnings::WarningRules,
    /// How case notifications are delivered.
    pub notifications: NotificationConfig,
    /// Records intake: imports and the notice before a serious listing.
    pub intake: IntakeConfig,
    /// The server's memory of recent public answers.
    pub response_cache: crate::answer_cache::ResponseCacheConfig,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeConfig {
    /// Working days the subject of a serious listing has to object after the notice was delivered.
    pub listing_objection_working_days: u32,
    /// Largest upload, in megabytes.
    pub max_upload_megabytes: u64,
    /// 双公示: working days from a decision within which it must be published.
    pub publication_limit_working_days: u32,
}

impl Default for IntakeConfig {
    fn default() -> Self {
        IntakeConfig {
            listing_objection_working_days: 5,
            max_upload_megabytes: 200,
            publication_limit_working_days: 7,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationConfig {
    /// Seconds between runs of the dispatcher that empties the outbox.
    pub interval_seconds: u64,
    /// Send by e-mail through this SMTP server; without it every notification is written to the log.
    pub smtp: Option<SmtpConfig>,
}

impl Default for NotificationConfig {
    fn default() -> Self {
        NotificationConfig {
            interval_seconds: 2,
            smtp: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// `smtps://user:password@host:465`, `smtp://host:587?tls=required` (STARTTLS), or
    /// `smtp://host:25` (no TLS: only for a relay on the same host or network).
    pub url: String,
    /// Sender, e.g. `诚信平台 <noreply@credit.example.gov.cn>`.
    pub from: String,
    /// The credit office's mailbox (complaints); without it, the e-mail addresses of admin accounts.
    pub credit_office: Option<String>,
    /// Address pattern of an e-mail-to-SMS gateway, e.g. `{phone}@sms.example.gov.cn`; without it,
    /// messages to a phone number are written to the log.
    pub sms_gateway: Option<String>,
    /// Seconds to wait for the SMTP server.
    pub timeout_seconds: u64,
}

impl SmtpConfig {
    /// Checks that the server can send with these settings: a transport URL lettre accepts,
    /// mailboxes that parse, an SMS gateway with its `{phone}` placeholder, a timeout.
    pub fn check(&self) -> Result<(), String> {
        use lettre::message::Mailbox;
        use lettre::{AsyncSmtpTransport, Tokio1Executor};
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.url)
            .map_err(|e| format!("key `notifications.smtp.url`: {e}"))?;
        self.from
            .parse::<Mailbox>()
            .map_err(|e| format!("key `notifications.smtp.from`: {e}"))?;
        if let Some(office) = &self.credit_office {
            office
                .parse::<Mailbox>()
                .map_err(|e| format!("key `notifications.smtp.credit_office`: {e}"))?;
        }
        if let Some(gateway) = &self.sms_gateway {
            if !gateway.contains("{phone}") {
                return Err(
                    "key `notifications.smtp.sms_gateway`: must contain {phone}".to_string()
                );
            }
            gateway
                .replace("{phone}", "13800000000")
                .parse::<Mailbox>()
                .map_err(|e| format!("key `notifications.smtp.sms_gateway`: {e}"))?;
        }
        if self.timeout_seconds == 0 {
            return Err("key `notifications.smtp.timeout_seconds`: must be at least 1".to_string());
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionConfig {
    /// Working days from filing to acceptance or refusal.
    pub accept_days: u32,
    /// Working days from acceptance to the decision.
    pub reply_days: u32,
    /// Longest single extension, in working days.
    pub max_extension_days: u32,
    /// Evidence files per objection.
    pub max_evidence_files: usize,
    /// Bytes per evidence file.
    pub max_evidence_bytes: usize,
}

impl Default for ObjectionConfig {
    fn default() -> Self {
        let deadlines = crate::domain::objection::ObjectionDeadlines::default();
        ObjectionConfig {
            accept_days: deadlines.accept_days,
            reply_days: deadlines.reply_days,
            max_extension_days: deadlines.max_extension_days,
            max_evidence_files: 5,
            max_evidence_bytes: 5 * 1024 * 1024,
        }
    }
}

impl ObjectionConfig {
    pub fn deadlines(&self) -> crate::domain::objection::ObjectionDeadlines {
        crate::domain::objection::ObjectionDeadlines {
            accept_days: self.accept_days,
            reply_days: self.reply_days,
            max_extension_days: self.max_extension_days,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// `iss` of the access tokens this server issues and accepts.
    pub issuer: String,
    /// `aud` of the access tokens.
    pub audience: String,
    /// Lifetime of an access token in seconds (at most 900).
    pub access_token_seconds: u64,
    /// Lifetime of a refresh token in days; each use returns a new one.
    pub refresh_token_days: u32,
    /// Failed sign-ins on one account name before it is locked.
    pub account_failures_before_lock: u32,
    /// Failed sign-ins from one address before it is locked.
    pub address_failures_before_lock: u32,
    /// First lock in seconds; each further failure while over the limit doubles it (at most a day).
    pub lock_seconds: u64,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            issuer: "chengxin".to_string(),
            audience: "chengxin-api".to_string(),
            access_token_seconds: 900,
            refresh_token_days: 30,
            account_failures_before_lock: 5,
            address_failures_before_lock: 50,
            lock_seconds: 300,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringConfig {
    /// Code of the rulebook family scoring civil servants (the version in effect on a day applies).
    pub rulebook: String,
}

impl Default for ScoringConfig {
    fn default() -> Self {
        ScoringConfig {
            rulebook: "weihai-civil-servant".to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Masking {
    /// `strict` (first 6 and last 4) or `court` (hide birth month and day).
    pub id: IdMask,
    /// `keep_first`, `keep_first_and_last` or `full`.
    pub name: NameMask,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".to_string(),
            database_url: String::new(),
            data_dir: PathBuf::from("data"),
            seed_demo: true,
            demo_seed: 2026,
            web_dir: PathBuf::from("web/dist"),
            log_format: LogFormat::Pretty,
            time_zone: "Asia/Shanghai".to_string(),
            max_connections: 16,
            masking: Masking::default(),
            publicity: PublicityRules::default(),
            calendar_file: None,
            shutdown_grace_seconds: 10,
            rate_limits: RateLimitConfig::default(),
            trusted_proxies: Vec::new(),
            auth: AuthConfig::default(),
            scoring: ScoringConfig::default(),
            objections: ObjectionConfig::default(),
            intake: IntakeConfig::default(),
            repairs: crate::domain::repair::RepairRules::default(),
            complaints: crate::domain::complaint::ComplaintRules::default(),
            rectification: crate::domain::rectification::RectificationRules::default(),
            warnings: crate::domain::warnings::WarningRules::default(),
            notifications: NotificationConfig::default(),
            response_cache: Default::default(),
        }
    }
}

/// A configuration that cannot be used; the message names the key.
#[derive(Debug, thiserror::Error)]
#[error("配置错误 / configuration error: {0}")]
pub struct ConfigError(String);

/// Variables with our prefix that are not settings: the password `chengxin user create` reads,
/// and those of the test and screenshot tools. Without this list the loader would refuse them
/// as unknown keys (keys are matched after the prefix, case-insensitively).
const NOT_SETTINGS: &[&str] = &["NEW_PASSWORD", "TEST_POSTGRES_URL", "UPDATE_SCREENSHOTS"];

impl Config {
    /// Loads the configuration from defaults, `file` (or `chengxin.toml` if present) and the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) if !path.exists() => {
                return Err(ConfigError(format!(
                    "file {} does not exist",
                    path.display()
                )));
            }
            Some(path) => figment = figment.merge(Toml::file(path)),
            None => figment = figment.merge(Toml::file("chengxin.toml")),
        }
        figment = figment.merge(
            Env::raw()
                .only(&["DATABASE_URL"])
                .map(|_| "database_url".into()),
        );
        figment = figment.merge(Env::prefixed("CHENGXIN_").ignore(NOT_SETTINGS).split("__"));
        let config: Config = figment.extract().map_err(|e| ConfigError(describe(&e)))?;
        config.check()?;
        Ok(config)
    }

    /// Checks that every record kind the settings name (`publicity.kinds`,
    /// `repairs.minimum_months`) is in the catalogue: a misspelt code would silently change
    /// nothing, so it stops the start.
    pub fn check_kinds(
        &self,
        catalogue: &crate::domain::catalogue::Catalogue,
    ) -> Result<(), ConfigError> {
        let is_kind = |kind: &str| catalogue.get(kind).is_some();
        self.publicity.check(is_kind).map_err(ConfigError)?;
        self.repairs.check(is_kind).map_err(ConfigError)
    }

    /// Checks values serde cannot: the time zone, the address, the database scheme.
    pub fn check(&self) -> Result<(), ConfigError> {
        self.tz()?;
        if self.bind.parse::<std::net::SocketAddr>().is_err() && !self.bind.contains(':') {
            return Err(ConfigError(format!(
                "key `bind`: “{}” is not host:port",
                self.bind
            )));
        }
        if self.rate_limits.anonymous_per_minute == 0
            || self.rate_limits.key_per_minute == 0
            || self.rate_limits.signed_in_per_minute == 0
        {
            return Err(ConfigError(
                "key `rate_limits`: quotas must be at least 1 per minute".to_string(),
            ));
        }
        if !(60..=900).contains(&self.auth.access_token_seconds) {
            return Err(ConfigError(
                "key `auth.access_token_seconds`: must be between 60 and 900".to_string(),
            ));
        }
        if self.auth.refresh_token_days == 0
            || self.auth.account_failures_before_lock == 0
            || self.auth.address_failures_before_lock == 0
            || self.auth.lock_seconds == 0
        {
            return Err(ConfigError(
                "key `auth`: lifetimes, failure limits and lock time must be at least 1"
                    .to_string(),
            ));
        }
        // Every kind must at least be known to the catalogue's seed or be added by the credit
        // office: the codes are checked against the database's catalogue at start
        // ([`Config::check_kinds`]); here only the periods themselves.
        self.publicity.check(|_| true).map_err(ConfigError)?;
        self.response_cache.check().map_err(ConfigError)?;
        if self.max_connections == 0 {
            return Err(ConfigError(
                "key `max_connections`: must be at least 1".to_string(),
            ));
        }
        if let Some(smtp) = &self.notifications.smtp {
            smtp.check().map_err(ConfigError)?;
        }
        crate::store::DatabaseKind::of_url(&self.effective_database_url())
            .map_err(|e| ConfigError(format!("key `database_url`: {e}")))?;
        Ok(())
    }

    pub fn tz(&self) -> Result<chrono_tz::Tz, ConfigError> {
        self.time_zone.parse().map_err(|_| {
            ConfigError(format!(
                "key `time_zone`: unknown time zone “{}”",
                self.time_zone
            ))
        })
    }

    /// The database to use: the configured URL, or the embedded file under `data_dir`.
    pub fn effective_database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("chengxin.db").display()
            )
        } else {
            self.database_url.trim().to_string()
        }
    }
}

/// One line per problem, each naming its key, so a bad value is easy to find.
fn describe(error: &figment::Error) -> String {
    error
        .clone()
        .into_iter()
        .map(|e| {
            let key = if e.path.is_empty() {
                "(top level)".to_string()
            } else {
                e.path.join(".")
            };
            format!("key `{key}`: {}", e.kind)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(Config::default().check().is_ok());
        assert!(
            Config::default()
                .effective_database_url()
                .starts_with("sqlite://data/chengxin.db")
        );
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API fixes the closure's error type
    fn file_and_environment_override_defaults_and_errors_name_the_key() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "c.toml",
                "bind = \"0.0.0.0:9000\"\n[masking]\nid = \"court\"\n",
            )?;
            jail.set_env("CHENGXIN_SEED_DEMO", "false");
            jail.set_env("DATABASE_URL", "postgres://localhost/x");
            let config = Config::load(Some(Path::new("c.toml"))).expect("loads");
            assert_eq!(config.bind, "0.0.0.0:9000");
            assert_eq!(config.masking.id, IdMask::Court);
            assert!(!config.seed_demo);
            assert_eq!(config.database_url, "postgres://localhost/x");

            // `chengxin user create` reads its password from the environment, as the README says.
            jail.set_env("CHENGXIN_NEW_PASSWORD", "Chengxin-Demo-2026");
            assert!(Config::load(Some(Path::new("c.toml"))).is_ok());

            jail.set_env("CHENGXIN_MAX_CONNECTIONS", "many");
            let error = Config::load(Some(Path::new("c.toml")))
                .expect_err("bad value")
                .to_string();
            assert!(error.contains("max_connections"), "{error}");

            jail.set_env("CHENGXIN_MAX_CONNECTIONS", "4");
            jail.set_env("CHENGXIN_TIME_ZONE", "Mars/Olympus");
            let error = Config::load(Some(Path::new("c.toml")))
                .expect_err("bad zone")
                .to_string();
            assert!(error.contains("time_zone"), "{error}");
            Ok(())
        });
    }
}
