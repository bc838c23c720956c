//! `cargo xtask run | test | bench`: the few commands a newcomer needs. Each installs what it
//! needs on a fresh machine (the wasm32 target, a wasm-bindgen CLI matching the pinned crate, a
//! throwaway PostgreSQL cluster when none is running) and skips what is already there.

mod bench;
mod browser;
mod eval_bench;
mod icons;
mod import_bench;
mod me_bench;
mod postgres;
mod precompress;
mod public_bench;
mod schemathesis;
mod web_bench;

/// Where cargo puts builds: `CARGO_TARGET_DIR` when set, else `target`.
pub fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("target"))
}
mod wasm_split;
mod web;

use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::Command;

/// The commands a newcomer needs; each installs what it needs and skips what is already there.
#[derive(clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about)]
enum Xtask {
    /// Build the web app and the server, start both on SQLite with demo data at
    /// http://127.0.0.1:8080.
    Run,
    /// Everything CI runs: fmt, clippy, web build, all tests on SQLite and on PostgreSQL,
    /// schemathesis against the live server.
    Test,
    /// Measure gen-data, start-up and the other figures of bench/results.md.
    Bench {
        /// How many records to generate.
        #[arg(default_value_t = 1_000_000)]
        records: usize,
    },
    /// The credit office's monitoring of every government body (a quarter, a year, the trend)
    /// on the demo district plus RECORDS rows of benchmark data, on SQLite.
    BenchEvaluation {
        #[arg(default_value_t = 1_000_000)]
        records: usize,
    },
    /// Build the web app into web/dist only.
    Web,
    /// Bulk import of ROWS penalty rows (GBK CSV) and approval of the batch, on SQLite.
    BenchImport {
        #[arg(default_value_t = 100_000)]
        rows: usize,
        /// Another build of the server (an earlier commit's release binary) to measure in the
        /// same run, first, so the two figures can be compared on a noisy machine.
        #[arg(long)]
        baseline: Option<PathBuf>,
    },
    /// The web app's budgets: compressed size and Lighthouse (mobile) on its main pages.
    BenchWeb,
    /// Make sure a PostgreSQL server runs for the tests and print its URL.
    Postgres,
}

fn main() {
    if let Err(error) = run(clap::Parser::parse()) {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn run(command: Xtask) -> anyhow::Result<()> {
    let root = workspace_root()?;
    std::env::set_current_dir(&root).context("cannot enter the workspace")?;
    match command {
        Xtask::Run => run_product(),
        Xtask::Test => test_everything(),
        Xtask::Bench { records } => bench::run(records),
        Xtask::Web => web::build().map(drop),
        Xtask::BenchEvaluation { records } => {
            cmd("cargo", &["build", "--release", "-p", "chengxin"])?;
            let binary = std::fs::canonicalize(target_dir().join("release/chengxin"))
                .context("release binary")?;
            let table = eval_bench::run(&binary, records)?;
            banner("results");
            println!("{table}");
            Ok(())
        }
        Xtask::BenchImport { rows, baseline } => {
            cmd("cargo", &["build", "--release", "-p", "chengxin"])?;
            let binary = std::fs::canonicalize(target_dir().join("release/chengxin"))
                .context("release binary")?;
            // The bench runs the binaries from a scratch folder: a relative path must be made whole.
            let before = baseline
                .map(|other| {
                    let other = std::fs::canonicalize(&other)
                        .with_context(|| format!("no baseline binary at {}", other.display()))?;
                    import_bench::run(&other, rows)
                })
                .transpose()?;
            let table = import_bench::run(&binary, rows)?;
            banner("results");
            if let Some(before) = before {
                println!("baseline build:\n| measure | value |\n|---|---|\n{before}\nthis build:");
            }
            println!("| measure | value |\n|---|---|\n{table}");
            Ok(())
        }
        Xtask::BenchWeb => {
            let table = web_bench::run()?;
            banner("results");
            println!("{table}");
            std::fs::write(target_dir().join("bench-web-latest.md"), &table)
                .context("cannot write target/bench-web-latest.md")?;
            Ok(())
        }
        Xtask::Postgres => {
            println!("{}", postgres::ensure_running()?);
            Ok(())
        }
    }
}

fn workspace_root() -> anyhow::Result<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    Ok(manifest
        .parent()
        .context("xtask lives inside the workspace")?
        .to_path_buf())
}

/// Runs a command, echoing it, and fails with its name if it fails.
pub fn cmd(program: &str, args: &[&str]) -> anyhow::Result<()> {
    cmd_env(program, args, &[])
}

pub fn cmd_env(program: &str, args: &[&str], env: &[(&str, &str)]) -> anyhow::Result<()> {
    println!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .with_context(|| format!("cannot start {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Output of a command, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn banner(title: &str) {
    println!("\n==================== {title} ====================");
}

fn run_product() -> anyhow::Result<()> {
    web::build()?;
    banner("server");
    cmd("cargo", &["build", "--release", "-p", "chengxin"])?;
    println!(
        "\n诚信 Chengxin: http://127.0.0.1:8080  (API docs: http://127.0.0.1:8080/api/docs/)  Ctrl-C to stop\n"
    );
    let binary = target_dir().join("release/chengxin");
    let status = Command::new(binary)
        .arg("serve")
        .status()
        .context("cannot start the server")?;
    if !status.success() {
        bail!("the server stopped with {status}");
    }
    Ok(())
}

fn test_everything() -> anyhow::Result<()> {
    banner("format");
    cmd("cargo", &["fmt", "--all", "--", "--check"])?;
    banner("clippy (server, tests, tools)");
    cmd(
        "cargo",
        &["clippy", "--all-targets", "--", "-D", "warnings"],
    )?;
    web::ensure_wasm_target()?;
    banner("clippy (web app, wasm32)");
    cmd(
        "cargo",
        &[
            "clippy",
            "-p",
            "chengxin-web",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    web::build()?;
    browser::ensure_installed()?;
    banner("web app unit tests (wasm32, in Node)");
    cmd_env(
        "cargo",
        &[
            "test",
            "-p",
            "chengxin-web",
            "--target",
            "wasm32-unknown-unknown",
        ],
        // wasm-bindgen-test-runner comes with the wasm-bindgen CLI that `web::build` installed.
        &[(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )],
    )?;
    banner("tests on SQLite");
    cmd_env(
        "cargo",
        &["test", "--no-fail-fast"],
        &[("TEST_DATABASE_URL", "")],
    )?;
    schemathesis::run()?;
    banner("tests on PostgreSQL");
    let url = postgres::ensure_running()?;
    println!("PostgreSQL: {url}");
    cmd_env(
        "cargo",
        &["test", "--no-fail-fast"],
        &[("TEST_DATABASE_URL", url.as_str())],
    )?;
    banner("all checks passed on SQLite and PostgreSQL");
    Ok(())
}
