//! The `chengxin` command: serve, migrate, seed the demo district, generate benchmark data, print
//! the OpenAPI document, import holiday data, verify the audit chain.

use anyhow::Context;
use chengxin::config::Config;
use chengxin::pii::PiiCipher;
use chengxin::startup::{Application, open_cipher, prepare_store};
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
    /// Write a sample CSV of penalties for the intake (national format), as a department exports it.
    SampleImport {
        /// How many rows.
        #[arg(long, default_value_t = 1000)]
        rows: usize,
        /// Make every N-th row wrong in one field (0: none).
        #[arg(long, default_value_t = 0)]
        bad_every: usize,
        /// `gbk` (as Excel saves it) or `utf-8`.
        #[arg(long, default_value = "gbk")]
        encoding: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Reporting department's USCC; by default the demo reporter's department.
        #[arg(long)]
        department: Option<String>,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// API keys of third-party apps.
    ApiKey {
        #[command(subcommand)]
        action: ApiKeyAction,
    },
    /// Accounts of people who sign in.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Keys that sign access tokens.
    SigningKey {
        #[command(subcommand)]
        action: SigningKeyAction,
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
enum UserAction {
    /// Create an account. The password is read from CHENGXIN_NEW_PASSWORD or asked for on stdin.
    Create {
        #[arg(long)]
        username: String,
        /// The name shown in the app and in access logs.
        #[arg(long)]
        display_name: String,
        /// Comma-separated: civil_servant, reporter, reviewer, handler, admin, auditor.
        #[arg(long, value_delimiter = ',')]
        roles: Vec<String>,
        /// For a civil servant: their resident ID number, to link the archive.
        #[arg(long)]
        id_number: Option<String>,
        /// For department staff: the USCC of their department.
        #[arg(long)]
        organisation: Option<String>,
    },
    /// List accounts.
    List,
    /// Disable an account; its sessions end at once.
    Disable { username: String },
    /// Enable a disabled account again.
    Enable { username: String },
    /// Set where the account's notifications are mailed; without an address, stop mailing it.
    Email {
        username: String,
        address: Option<String>,
    },
}

#[derive(Subcommand)]
enum SigningKeyAction {
    /// Create a new signing key; running servers sign with it within a minute, older keys keep verifying.
    Rotate,
    /// List key ids, oldest first (the last one signs).
    List,
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
            let cipher = open_cipher(&store, &config).await?;
            chengxin::demo::seed_demo(&store, &cipher, seed.unwrap_or(config.demo_seed)).await?;
            println!("{}", serde_json::to_string_pretty(&store.stats().await?)?);
        }
        Command::GenData { records, seed } => {
            let store = prepare_store(&config).await?;
            let cipher = open_cipher(&store, &config).await?;
            let today = chrono::Utc::now().with_timezone(&config.tz()?).date_naive();
            let summary = chengxin::demo::generate(&store, &cipher, records, seed, today).await?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
        }
        Command::SampleImport {
            rows,
            bad_every,
            encoding,
            out,
            department,
        } => {
            let charset =
                chengxin::intake::decode::Charset::from_label(&encoding).ok_or_else(|| {
                    anyhow::anyhow!("编码应为 gbk 或 utf-8 / the encoding must be gbk or utf-8")
                })?;
            let store = prepare_store(&config).await?;
            let uscc = match department {
                Some(uscc) => uscc,
                None => {
                    let account = store
                        .account_by_username("demo-reporter")
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("没有演示报送员账号，请用 --department 指定单位 / no demo reporter: pass --department"))?;
                    account
                        .organisation_uscc
                        .ok_or_else(|| anyhow::anyhow!("the demo reporter has no department"))?
                }
            };
            let org = store
                .organisation(chengxin::store::public::OrgKey::Uscc(&uscc))
                .await?
                .ok_or_else(|| {
                    anyhow::anyhow!("没有统一社会信用代码为 {uscc} 的单位 / no such organisation")
                })?;
            let department = chengxin::demo::sample_import::SampleDepartment {
                name: org.name,
                uscc,
            };
            let today = chrono::Utc::now().with_timezone(&config.tz()?).date_naive();
            let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
            chengxin::demo::sample_import::write_penalties(
                &mut file,
                &department,
                rows,
                bad_every,
                charset,
                today,
            )?;
            println!("{}", out.display());
        }
        Command::Openapi => print!("{}", chengxin::openapi::document_json()),
        Command::ApiKey { action } => return api_key(&config, action).await,
        Command::User { action } => return user(&config, action).await,
        Command::SigningKey { action } => match action {
            SigningKeyAction::Rotate => {
                let kid = chengxin::auth::tokens::create_key(&config.data_dir)?;
                println!("{kid}");
                eprintln!(
                    "新密钥在服务重启后用于签发；旧密钥继续用于验证 / the new key signs after a restart; older keys keep verifying"
                );
            }
            SigningKeyAction::List => {
                for kid in chengxin::auth::tokens::key_ids(&config.data_dir)? {
                    println!("{kid}");
                }
            }
        },
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

fn read_new_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("CHENGXIN_NEW_PASSWORD") {
        return Ok(password);
    }
    eprint!("新密码 / new password: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn user(config: &Config, action: UserAction) -> anyhow::Result<ExitCode> {
    let store = prepare_store(config).await?;
    match action {
        UserAction::Create {
            username,
            display_name,
            roles,
            id_number,
            organisation,
        } => {
            let roles = roles
                .iter()
                .map(|code| {
                    chengxin_types::Role::from_code(code.trim()).with_context(|| {
                        format!("未知角色 / unknown role “{code}” (civil_servant, reporter, reviewer, handler, admin, auditor)")
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let cipher = PiiCipher::load_or_create(&config.data_dir.join("keys"))?
                .with_mask(config.masking.id);
            let request = chengxin::auth::accounts::AccountRequest {
                username,
                display_name,
                password: read_new_password()?,
                roles,
                id_number,
                organisation_uscc: organisation,
            };
            let id =
                chengxin::auth::accounts::create_account(&store, &cipher, &request, "cli").await?;
            println!("已创建账号 / account created: {} (#{id})", request.username);
        }
        UserAction::List => {
            println!(
                "{:<20} {:<9} {:<36} display name",
                "username", "state", "roles"
            );
            for account in store.accounts().await? {
                let state = if account.disabled_at.is_some() {
                    "disabled"
                } else {
                    "active"
                };
                println!(
                    "{:<20} {:<9} {:<36} {}",
                    account.username, state, account.roles, account.display_name
                );
            }
        }
        UserAction::Disable { username } | UserAction::Enable { username }
            if username.trim().is_empty() =>
        {
            eprintln!("请给出账号名 / give an account name");
            return Ok(ExitCode::FAILURE);
        }
        UserAction::Disable { username } => {
            if !store
                .set_account_disabled(username.trim(), true, "cli")
                .await?
            {
                eprintln!("没有该账号或已停用 / no such account, or already disabled: {username}");
                return Ok(ExitCode::FAILURE);
            }
            println!("已停用 / disabled {username}");
        }
        UserAction::Enable { username } => {
            if !store
                .set_account_disabled(username.trim(), false, "cli")
                .await?
            {
                eprintln!("没有该账号或未停用 / no such account, or not disabled: {username}");
                return Ok(ExitCode::FAILURE);
            }
            println!("已启用 / enabled {username}");
        }
        UserAction::Email { username, address } => {
            let address = address
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty());
            if let Some(Err(error)) = address.as_deref().map(str::parse::<lettre::Address>) {
                eprintln!("邮箱地址无效 / not an e-mail address ({error})");
                return Ok(ExitCode::FAILURE);
            }
            if !store
                .set_account_email(username.trim(), address.as_deref(), "cli")
                .await?
            {
                eprintln!("没有该账号 / no such account: {username}");
                return Ok(ExitCode::FAILURE);
            }
            match address {
                Some(address) => {
                    println!("{username} 的通知将发往 / notifications go to {address}")
                }
                None => println!("{username} 不再接收邮件通知 / no longer mailed"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn api_key(config: &Config, action: ApiKeyAction) -> anyhow::Result<ExitCode> {
    let store = prepare_store(config).await?;
    match action {
        ApiKeyAction::Create { name, owner } => {
            let key = chengxin::auth::api_keys::generate();
            store
                .insert_api_key(
                    &key.prefix,
                    &key.secret_hash,
                    name.trim(),
                    owner.trim(),
                    "cli",
                )
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
            if !store.revoke_api_key(prefix.trim(), "cli").await? {
                eprintln!("没有该前缀的有效密钥 / no active key has prefix {prefix}");
                return Ok(ExitCode::FAILURE);
            }
            println!("已吊销 / revoked {prefix}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
