//! The `chengxin` command: serve, migrate, seed the demo district, generate benchmark data, print
//! the OpenAPI document, import holiday data, verify the audit chain.

use anyhow::Context;
use chengxin::config::Config;
use chengxin::pii::PiiCipher;
use chengxin::startup::{Application, prepare_store};
use chengxin::store::ChainCheck;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "chengxin",
    version,
    about = "诚信 — 公共信用信息与政务诚信平台 / public credit information platform"
)]
struct Cli {
    /// Configuration file (TOML); defaults to ./chengxin.toml when present.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (the default).
    Serve,
    /// Apply pending database migrations and install missing defaults, then exit.
    Migrate,
    /// Fill an empty database with the demo district.
    SeedDemo {
        /// Seed of the generator; the same seed gives the same district.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Add benchmark-size data.
    GenData {
        /// How many rows of credit information to add.
        #[arg(long)]
        records: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// API keys of third-party apps.
    ApiKey {
        #[command(subcommand)]
        action: ApiKeyAction,
    },
    /// Holiday calendar data.
    Calendar {
        #[command(subcommand)]
        action: CalendarAction,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
}

#[derive(Subcommand)]
enum ApiKeyAction {
    /// Create a key; it is printed once and only its hash is kept.
    Create {
        /// What the app is, e.g. "信用查询小程序".
        #[arg(long)]
        name: String,
        /// Who answers for it, e.g. the company and a contact.
        #[arg(long)]
        owner: String,
    },
    /// List keys (never the secrets).
    List,
    /// Revoke a key at once, by its prefix (the part after `cx_`).
    Revoke { prefix: String },
}

#[derive(Subcommand)]
enum CalendarAction {
    /// Import holidays and make-up workdays from a CSV file (date,kind,name).
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Recompute the hash chain and report the first broken event, if any.
    Verify,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(&anyhow::Error::new(error)),
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => fail(&error),
    }
}

/// One clear line naming the problem, and a non-zero exit.
fn fail(error: &anyhow::Error) -> ExitCode {
    eprintln!("chengxin: 错误 / error: {error:#}");
    ExitCode::FAILURE
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = Config::load(cli.config.as_deref())?;
    chengxin::telemetry::init(config.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(config.clone()).await?;
            tracing::info!(address = %config.bind, port = app.port(), database = app.store().kind().name(), "诚信 Chengxin is serving");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            prepare_store(&config).await?;
            println!("数据库已是最新 / database is up to date");
        }
        Command::SeedDemo { seed } => {
            let store = prepare_store(&config).await?;
            if !store.is_empty().await? {
                println!(
                    "数据库已有数据，未重复生成演示数据 / the database holds data already; demo data not added again"
                );
                return Ok(ExitCode::SUCCESS);
            }
            let cipher = PiiCipher::load_or_create(&config.data_dir.join("keys"))?
                .with_mask(config.masking.id);
            chengxin::demo::seed_demo(&store, &cipher, seed.unwrap_or(config.demo_seed)).await?;
            println!("{}", serde_json::to_string_pretty(&store.stats().await?)?);
        }
        Command::GenData { records, seed } => {
            let store = prepare_store(&config).await?;
            let cipher = PiiCipher::load_or_create(&config.data_dir.join("keys"))?
                .with_mask(config.masking.id);
            let today = chrono::Utc::now().with_timezone(&config.tz()?).date_naive();
            let summary = chengxin::demo::generate(&store, &cipher, records, seed, today).await?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
        }
        Command::Openapi => print!("{}", chengxin::openapi::document_json()),
        Command::ApiKey { action } => return api_key(&config, action).await,
        Command::Calendar {
            action: CalendarAction::Import { file },
        } => {
            let store = prepare_store(&config).await?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let days = chengxin::domain::calendar::parse_csv(&text)?;
            store.upsert_calendar_days(&days, "import").await?;
            println!("已导入 {} 天 / imported {} days", days.len(), days.len());
        }
        Command::Audit {
            action: AuditAction::Verify,
        } => {
            let store = prepare_store(&config).await?;
            match store.verify_audit_chain().await? {
                ChainCheck::Intact { events } => {
                    println!("审计链完整，共 {events} 条 / audit chain intact: {events} events")
                }
                ChainCheck::BrokenAt { seq } => {
                    eprintln!("审计链在第 {seq} 条断裂 / audit chain broken at event {seq}");
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn api_key(config: &Config, action: ApiKeyAction) -> anyhow::Result<ExitCode> {
    let store = prepare_store(config).await?;
    let audit =
        |action: &str, entity_id: &str, detail: serde_json::Value| chengxin::store::AuditEvent {
            actor: "cli".to_string(),
            action: action.to_string(),
            entity: "api_key".to_string(),
            entity_id: entity_id.to_string(),
            detail: detail.to_string(),
        };
    match action {
        ApiKeyAction::Create { name, owner } => {
            let key = chengxin::auth::api_keys::generate();
            store
                .insert_api_key(&key.prefix, &key.secret_hash, name.trim(), owner.trim())
                .await?;
            store
                .audit(&audit(
                    "api_key.created",
                    &key.prefix,
                    serde_json::json!({ "name": name, "owner": owner }),
                ))
                .await?;
            println!("{}", key.full);
            eprintln!("请妥善保存：密钥只显示这一次 / keep it safe: the key is shown only once");
        }
        ApiKeyAction::List => {
            println!(
                "{:<10} {:<8} {:<26} {:<24} owner",
                "prefix", "state", "created", "name"
            );
            for key in store.api_keys().await? {
                let state = if key.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:<10} {:<8} {:<26} {:<24} {}",
                    key.prefix,
                    state,
                    key.created_at.format("%Y-%m-%d %H:%M UTC"),
                    key.name,
                    key.owner
                );
            }
        }
        ApiKeyAction::Revoke { prefix } => {
            if !store.revoke_api_key(prefix.trim()).await? {
                eprintln!("没有该前缀的有效密钥 / no active key has prefix {prefix}");
                return Ok(ExitCode::FAILURE);
            }
            store
                .audit(&audit("api_key.revoked", &prefix, serde_json::json!({})))
                .await?;
            println!("已吊销 / revoked {prefix}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
