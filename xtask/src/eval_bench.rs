//! `cargo xtask bench-evaluation [RECORDS]`: the credit office's quarterly monitoring of every
//! government body, computed on demand. The demo district is seeded, then RECORDS rows of
//! benchmark data are attributed to its bodies (gen-data), then the office signs in and asks for
//! a quarter, a year and the four-quarter trend, each several times with the answer cache off.

use crate::public_bench;
use anyhow::Context;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Requests per scenario: the first warms the page cache, the rest are timed.
const RUNS: usize = 6;

pub fn run(binary: &Path, records: usize) -> anyhow::Result<String> {
    let dir = std::env::temp_dir().join(format!("chengxin-eval-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for args in [
        vec!["seed-demo".to_string()],
        vec![
            "gen-data".to_string(),
            "--records".to_string(),
            records.to_string(),
        ],
    ] {
        let status = Command::new(binary)
            .current_dir(&dir)
            .args(&args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", args[0]))?;
        anyhow::ensure!(status.success(), "{} failed", args[0]);
    }
    let port = public_bench::free_port()?;
    let _server =
        public_bench::start_server(binary, &dir, port, None, &[crate::bench::NO_RESPONSE_CACHE])?;
    let token = public_bench::demo_token(&format!("http://127.0.0.1:{port}"), "demo-admin")?;
    let today = today_by_date()?;
    let year = &today[..4];
    let quarter = format!("{year}Q{}", (today[5..7].parse::<u32>()? - 1) / 3 + 1);
    let mut table = String::from("| computed for all bodies | median | slowest |\n|---|---|---|\n");
    for (what, path) in [
        (
            format!("monitoring of a quarter ({quarter})"),
            format!("/api/v1/oversight/evaluation/monitoring?period={quarter}"),
        ),
        (
            format!("monitoring of a year ({year})"),
            format!("/api/v1/oversight/evaluation/monitoring?period={year}"),
        ),
        (
            "trend of the last four quarters".to_string(),
            "/api/v1/oversight/evaluation/trend?quarters=4".to_string(),
        ),
    ] {
        let mut times = Vec::with_capacity(RUNS);
        for run in 0..RUNS {
            let seconds = timed_get(port, &path, &token)?;
            if run > 0 {
                times.push(seconds);
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let slowest = times[times.len() - 1];
        println!("· {what}: median {median:.3} s, slowest {slowest:.3} s");
        table.push_str(&format!("| {what} | {median:.3} s | {slowest:.3} s |\n"));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(table)
}

/// Seconds for one GET that must answer 200.
fn timed_get(port: u16, path: &str, token: &str) -> anyhow::Result<f64> {
    let started = Instant::now();
    let status = crate::output(
        "curl",
        &[
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-H",
            &format!("Authorization: Bearer {token}"),
            &format!("http://127.0.0.1:{port}{path}"),
        ],
    )
    .context("curl failed")?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(status == "200", "{path} answered {status}");
    Ok(seconds)
}

/// Today as `YYYY-MM-DD` from `date`, so xtask needs no date crate.
fn today_by_date() -> anyhow::Result<String> {
    let today = crate::output("date", &["+%F"]).context("date")?;
    Ok(today.trim().to_string())
}
