//! `cargo xtask bench-import [ROWS]`: the bulk import on SQLite. Seeds the demo district, writes a
//! GBK CSV of ROWS penalties (one in a thousand with a mistake), uploads it as the demo reporter in
//! per-row mode, then approves the batch as the demo reviewer; reports the times and the server's
//! peak memory, which stays flat because the file is streamed, never read whole.

use crate::public_bench::{self, Running};
use anyhow::{Context, bail};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn chengxin(binary: &Path, dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new(binary)
        .current_dir(dir)
        .args(args)
        .env("CHENGXIN_SEED_DEMO", "false")
        .stdout(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run chengxin {}", args.join(" ")))?;
    if !status.success() {
        bail!("chengxin {} failed ({status})", args.join(" "));
    }
    Ok(())
}

fn token(port: u16, username: &str) -> anyhow::Result<String> {
    crate::public_bench::demo_token(&format!("http://127.0.0.1:{port}"), username)
}

/// A number field of a JSON answer.
fn number(json: &str, field: &str) -> Option<u64> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    value[field].as_u64()
}

/// Runs the import benchmark with `binary` and returns the markdown rows of its results.
pub fn run(binary: &Path, rows: usize) -> anyhow::Result<String> {
    let dir = std::env::temp_dir().join(format!("chengxin-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    chengxin(binary, &dir, &["seed-demo"])?;
    let file = dir.join("penalties-gbk.csv");
    let file_arg = file.to_string_lossy().to_string();
    chengxin(
        binary,
        &dir,
        &[
            "sample-import",
            "--rows",
            &rows.to_string(),
            "--bad-every",
            "1000",
            "--out",
            &file_arg,
        ],
    )?;
    let size_mb = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;

    let port = public_bench::free_port()?;
    let server: Running = public_bench::start_server(binary, &dir, port, None, &[])?;
    let pid = server.0.id();
    let rss_before = peak_rss_kb(pid);
    let reporter = token(port, "demo-reporter")?;
    let started = Instant::now();
    let report = crate::output(
        "curl",
        &[
            "-s",
            "-H",
            &format!("Authorization: Bearer {reporter}"),
            "-H",
            "content-type: text/csv",
            "--data-binary",
            &format!("@{file_arg}"),
            &format!("http://127.0.0.1:{port}/api/v1/intake/imports?format=penalties&mode=per_row&file_name=penalties-gbk.csv"),
        ],
    )
    .context("the upload failed")?;
    let import_seconds = started.elapsed().as_secs_f64();
    let rss_after = peak_rss_kb(pid);
    let accepted = number(&report, "rows_accepted").context("no import report")?;
    let rejected = number(&report, "rows_rejected").unwrap_or(0);
    let batch = number(&report, "batch_id").context("nothing was imported")?;

    let reviewer = token(port, "demo-reviewer")?;
    let started = Instant::now();
    let outcome = crate::output(
        "curl",
        &[
            "-s",
            "-X",
            "POST",
            "-H",
            &format!("Authorization: Bearer {reviewer}"),
            "-H",
            "content-type: application/json",
            "-d",
            r#"{"action":"approve"}"#,
            &format!("http://127.0.0.1:{port}/api/v1/intake/batches/{batch}/review"),
        ],
    )
    .context("the batch approval failed")?;
    let approve_seconds = started.elapsed().as_secs_f64();
    let decided = number(&outcome, "decided").unwrap_or(0);
    drop(server);
    std::fs::remove_dir_all(&dir).ok();

    Ok(format!(
        "| bulk import of {rows} penalty rows, GBK CSV ({size_mb:.0} MB), per row, SQLite | {import_seconds:.1} s ({accepted} stored, {rejected} rejected with row errors) |\n\
         | server peak memory before → after the import (VmHWM) | {} MB → {} MB |\n\
         | approving that batch in one decision | {approve_seconds:.1} s ({decided} items published) |\n",
        rss_before / 1024,
        rss_after / 1024
    ))
}
