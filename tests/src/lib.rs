//! Test harness: the real Chengxin server on port 0 with a fresh database per test.
//!
//! The backend is SQLite (a temporary file) unless `TEST_DATABASE_URL` names a PostgreSQL server,
//! in which case each test gets its own uniquely named database on it. Set `TEST_LOG=1` to see the
//! server's logs.

use anyhow::Context;
use chengxin::config::Config;
use chengxin::pii::PiiCipher;
use chengxin::startup::Application;
use chengxin::store::{DatabaseKind, Store};
use chrono::NaiveDate;
use std::path::PathBuf;
use tempfile::TempDir;

pub mod browser;
pub mod intake;
pub mod smtp_sink;

/// The JSON body of an answer that must have `status`; the assertion names `what` and shows the
/// body when it has another.
pub async fn json_of(response: reqwest::Response, status: u16, what: &str) -> serde_json::Value {
    let code = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or(serde_json::Value::Null);
    assert_eq!(code, status, "{what}: {body}");
    body
}

/// The server's day `n` days ago, as the API writes dates.
pub fn days_ago(n: i64) -> String {
    (server_today() - chrono::Duration::days(n)).to_string()
}

/// The fixed "today" of seeded demo data in tests, so expectations do not drift with the calendar.
/// Today as the server counts civil dates: in the deployment's time zone, which may be a day ahead
/// of UTC. Tests that compare dates with the server's use this, never the UTC date.
pub fn server_today() -> NaiveDate {
    let zone: chrono_tz::Tz = Config::default()
        .time_zone
        .parse()
        .expect("the default time zone parses");
    chrono::Utc::now().with_timezone(&zone).date_naive()
}

pub fn demo_anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default()
}

pub const DEMO_SEED: u64 = 2026;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub config: Config,
    pub database_url: String,
    /// Keeps the data directory (and the SQLite file) alive for the test.
    pub data_dir: TempDir,
}

/// A fresh, empty database for one test: its URL, on the backend the run is for.
pub async fn fresh_database_url(data_dir: &std::path::Path) -> anyhow::Result<String> {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        None => Ok(format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("test.db").display()
        )),
        Some(admin_url) => {
            let name = format!("chengxin_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Store::connect(&admin_url, 1)
                .await
                .context("TEST_DATABASE_URL cannot be reached")?;
            admin
                .execute_admin(&format!("CREATE DATABASE {name}"))
                .await?;
            admin.close().await;
            let mut url = url::Url::parse(&admin_url).context("TEST_DATABASE_URL is not a URL")?;
            url.set_path(&name);
            Ok(url.to_string())
        }
    }
}

/// The configuration a test server starts with: port 0, its own data folder, no auto-seeding.
pub fn test_config(data_dir: &std::path::Path, database_url: String) -> Config {
    Config {
        bind: "127.0.0.1:0".to_string(),
        database_url,
        data_dir: data_dir.to_path_buf(),
        seed_demo: false,
        web_dir: PathBuf::from("/nonexistent/web"),
        max_connections: 4,
        // Tests that walk every page make thousands of calls; the rate-limit tests set their own.
        rate_limits: chengxin::auth::rate_limit::RateLimitConfig {
            anonymous_per_minute: 1_000_000,
            key_per_minute: 1_000_000,
            signed_in_per_minute: 1_000_000,
        },
        ..Config::default()
    }
}

impl TestApp {
    /// A server on an empty archive (migrated, with the shipped defaults).
    pub async fn empty() -> TestApp {
        Self::spawn(false).await
    }

    /// A server on the demo district, seeded as of [`demo_anchor`].
    pub async fn with_demo() -> TestApp {
        Self::spawn(true).await
    }

    /// A server on an empty archive with a changed configuration.
    pub async fn with_config(change: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_with(false, change).await
    }

    /// A server on the demo district with a changed configuration.
    pub async fn with_demo_and_config(change: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_with(true, change).await
    }

    async fn spawn(demo: bool) -> TestApp {
        Self::spawn_with(demo, |_| {}).await
    }

    async fn spawn_with(demo: bool, change: impl FnOnce(&mut Config)) -> TestApp {
        if std::env::var("TEST_LOG").is_ok() {
            chengxin::telemetry::init(chengxin::config::LogFormat::Pretty);
        }
        let data_dir = tempfile::tempdir().expect("temporary data folder");
        let database_url = fresh_database_url(data_dir.path())
            .await
            .expect("test database");
        let mut config = test_config(data_dir.path(), database_url.clone());
        change(&mut config);
        let app = Application::build(config.clone())
            .await
            .expect("the server builds");
        let store = app.store().clone();
        if demo {
            let cipher = PiiCipher::load_or_create(&data_dir.path().join("keys")).expect("keys");
            chengxin::demo::seed_demo_at(&store, &cipher, DEMO_SEED, demo_anchor())
                .await
                .expect("demo data");
        }
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            client: reqwest::Client::new(),
            store,
            config,
            database_url,
            data_dir,
        }
    }

    /// A record the public sees today that the department of `username`'s account produced.
    pub async fn public_record_of_department_of(&self, username: &str) -> i64 {
        let today = server_today();
        let rows = self
            .store
            .dump_text(&format!(
                "SELECT CAST(id AS TEXT) FROM credit_records
                 WHERE route = 'public' AND status = 'effective'
                   AND (publish_from IS NULL OR publish_from <= '{today}')
                   AND (publish_until IS NULL OR publish_until > '{today}')
                   AND COALESCE(deciding_org_id, reporting_org_id) =
                       (SELECT organisation_id FROM accounts WHERE username = '{username}')
                 ORDER BY id LIMIT 1"
            ))
            .await
            .expect("query");
        rows.first()
            .expect("the department has a public record")
            .parse()
            .expect("id")
    }

    /// The full ID number of the person an account belongs to (decrypted with the server's key).
    pub async fn id_number_of_account(&self, username: &str) -> String {
        let person_id = self
            .store
            .account_by_username(username)
            .await
            .expect("account")
            .and_then(|a| a.person_id)
            .expect("linked to a person");
        let cipher = PiiCipher::load_or_create(&self.data_dir.path().join("keys")).expect("keys");
        let sql = match self.backend() {
            DatabaseKind::Sqlite => {
                format!("SELECT hex(id_cipher) FROM persons WHERE id = {person_id}")
            }
            DatabaseKind::Postgres => {
                format!("SELECT encode(id_cipher, 'hex') FROM persons WHERE id = {person_id}")
            }
        };
        let rows = self.store.dump_text(&sql).await.expect("cipher");
        let bytes: Vec<u8> = (0..rows[0].len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&rows[0][i..i + 2], 16).ok())
            .collect();
        cipher.open(&bytes).expect("opens").expose().to_string()
    }

    /// The name and USCC of the organisation an account belongs to.
    pub async fn organisation_of_account(&self, username: &str) -> (String, String) {
        let rows = self
            .store
            .dump_text(&format!(
                "SELECT o.name || '|' || o.uscc FROM organisations o JOIN accounts a ON a.organisation_id = o.id
                 WHERE a.username = '{username}'"
            ))
            .await
            .expect("organisation");
        let (name, uscc) = rows[0].split_once('|').expect("pair");
        (name.to_string(), uscc.to_string())
    }

    /// The organisation records the demo handler's department decided that may be repaired today
    /// (breach records in effect, published, past their minimum publicity): (record id, USCC).
    pub async fn repairable_records(&self) -> Vec<(i64, String)> {
        let today = server_today();
        self.store
            .dump_text(&format!(
                "SELECT CAST(r.id AS TEXT) || ':' || o.uscc FROM credit_records r JOIN organisations o ON o.id = r.organisation_id
                 WHERE r.category IN ('general_breach', 'serious_breach') AND r.status = 'effective'
                   AND r.repairable_from <= '{today}' AND r.publish_until > '{today}'
                   AND COALESCE(r.deciding_org_id, r.reporting_org_id) = (SELECT organisation_id FROM accounts WHERE username = 'demo-handler')
                 ORDER BY r.id"
            ))
            .await
            .expect("records")
            .iter()
            .map(|row| {
                let (id, uscc) = row.split_once(':').expect("pair");
                (id.parse().expect("id"), uscc.to_string())
            })
            .collect()
    }

    /// Removes the demo district's published evaluation of last year, for a test that runs that
    /// year's evaluation itself from the start.
    pub async fn without_demo_evaluation(&self) {
        self.store
            .execute_admin("DELETE FROM evaluation_scores; DELETE FROM evaluations;")
            .await
            .expect("the demo evaluation removed");
    }

    /// A fresh rectification case of the demo handler's department (a government body), on a new
    /// 政务失信 record in effect: opened today, or with its deadline set today to 10 working days
    /// on when `awaiting_report`. Its ticket number.
    pub async fn rectification_case(&self, awaiting_report: bool) -> String {
        use chengxin::store::{NewCreditRecord, RectificationHistory, SubjectRef};
        use chengxin_types::{Category, DisclosureRoute, PublicityTier, RecordStatus};
        let body: i64 = self
            .store
            .dump_text(
                "SELECT CAST(organisation_id AS TEXT) FROM accounts WHERE username = 'demo-handler'",
            )
            .await
            .expect("department")[0]
            .parse()
            .expect("id");
        let today = server_today();
        let ids = self
            .store
            .insert_credit_records(&[NewCreditRecord {
                subject: SubjectRef::Organisation(body),
                category: Category::GeneralBreach,
                kind_code: "gov_breach".into(),
                title: "政务失信行为".into(),
                content: "未按承诺时限兑现企业奖补资金".into(),
                decision_no: None,
                deciding_org_id: Some(body),
                reporting_org_id: body,
                decided_on: today,
                occurred_on: today,
                conduct_ended_on: None,
                route: DisclosureRoute::Public,
                tier: Some(PublicityTier::General),
                window: None,
                status: RecordStatus::Effective,
                score_item: None,
                act_key: None,
            }])
            .await
            .expect("record");
        let later = today + chrono::Duration::days(14);
        self.store
            .insert_rectification_history(&RectificationHistory {
                record_id: ids[0],
                body_org_id: body,
                opened_on: today,
                assign_due: later,
                deadline: awaiting_report.then_some((today, later)),
                escalations: Vec::new(),
                report: None,
                accepted_on: None,
            })
            .await
            .expect("case")
    }

    /// Edits the detail of audit event `seq` as someone with DDL rights would: drops the guard
    /// that refuses changes to audit rows, then changes the row.
    pub async fn tamper_with_audit_event(&self, seq: i64, detail: &str) {
        let drop_guard = match self.backend() {
            DatabaseKind::Sqlite => "DROP TRIGGER audit_log_no_update",
            DatabaseKind::Postgres => "DROP TRIGGER audit_log_no_change ON audit_log",
        };
        self.store
            .execute_admin(drop_guard)
            .await
            .expect("guard dropped");
        self.store
            .execute_admin(&format!(
                "UPDATE audit_log SET detail = '{detail}' WHERE seq = {seq}"
            ))
            .await
            .expect("tampered");
    }

    pub fn backend(&self) -> DatabaseKind {
        self.store.kind()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GET a path and return the response.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// GET a path and parse the JSON body, asserting the status.
    pub async fn get_json(&self, path: &str, status: u16) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path}");
        response.json().await.expect("JSON body")
    }

    /// Signs in and returns the token pair, asserting success.
    pub async fn login(&self, username: &str, password: &str) -> chengxin_types::TokenPair {
        let response = self
            .client
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .expect("request sent");
        assert_eq!(response.status().as_u16(), 200, "sign-in of {username}");
        response.json().await.expect("token pair")
    }

    /// Signs in a demo account with the demo password and returns its access token.
    pub async fn demo_token(&self, username: &str) -> String {
        self.login(username, chengxin::demo::accounts::DEMO_PASSWORD)
            .await
            .access_token
    }

    /// GET with a bearer token.
    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }

    /// A request with an optional bearer token and an optional JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request sent")
    }
}
