//! `cargo xtask bench [RECORDS]`: builds the release server and measures, on this machine,
//! generating RECORDS rows of benchmark data on SQLite (and a tenth of that on PostgreSQL when one
//! is available), the start-up time on that data until `/readyz` answers, and the idle memory.
//! Prints a markdown table and writes it to `target/bench-latest.md`; the curated figures live in
//! `bench/results.md`.

use crate::public_bench::{self, Measured};
use crate::{banner, cmd, postgres};
use anyhow::{Context, bail};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Row {
    what: String,
    value: String,
}

pub fn run(records: usize) -> anyhow::Result<()> {
    banner("release build");
    cmd("cargo", &["build", "--release", "-p", "chengxin"])?;
    let binary = std::fs::canonicalize(crate::target_dir().join("release/chengxin"))
        .context("release binary")?;
    let mut rows = Vec::new();

    banner(&format!("gen-data {records} on SQLite"));
    let dir = std::env::temp_dir().join(format!("chengxin-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let seconds = gen_data(&binary, &dir, records, None)?;
    rows.push(Row {
        what: format!("`gen-data --records {records}`, SQLite"),
        value: format!("{seconds:.1} s"),
    });
    let db_size = std::fs::metadata(dir.join("data/chengxin.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    rows.push(Row {
        what: "SQLite file after gen-data".into(),
        value: format!("{} MB", db_size / 1_000_000),
    });

    banner("start-up on that data");
    let (startup, idle_rss_kb) = startup(&binary, &dir)?;
    rows.push(Row {
        what: format!("start-up until `/readyz` answers ({records} records, SQLite)"),
        value: format!("{:.0} ms", startup.as_secs_f64() * 1000.0),
    });
    rows.push(Row {
        what: "server memory at idle after start (RSS)".into(),
        value: format!("{} MB", idle_rss_kb / 1024),
    });

    banner("bulk import");
    let import_rows = crate::import_bench::run(&binary, 100_000)?;

    banner("public queries: Chengxin and datasette on the same SQLite file");
    public_bench::ensure_tools()?;
    let db = dir.join("data/chengxin.db");
    let fixtures = public_bench::fixtures(&db)?;
    let mut comparison = Vec::new();
    let mut cached_c32 = Vec::new();
    let rss_after_load;
    {
        // The queries themselves: the server's memory of recent answers is off, so every
        // request runs its query.
        let port = public_bench::free_port()?;
        let server = public_bench::start_server(&binary, &dir, port, None, &[NO_RESPONSE_CACHE])?;
        let ds_port = public_bench::free_port()?;
        let _datasette = public_bench::start_datasette(&db, ds_port)?;
        for scenario in public_bench::scenarios(&fixtures, true) {
            println!("· {}", scenario.name);
            let ours = public_bench::measure(
                scenario.name,
                &format!("http://127.0.0.1:{port}{}", scenario.chengxin),
            )?;
            let theirs = match &scenario.datasette {
                Some(path) => Some(public_bench::measure(
                    scenario.name,
                    &format!("http://127.0.0.1:{ds_port}{path}"),
                )?),
                None => None,
            };
            comparison.push((ours, theirs));
        }
        drop(server);
        // As deployed: the same requests again with the cache on (the default).
        let port = public_bench::free_port()?;
        let server = public_bench::start_server(&binary, &dir, port, None, &[])?;
        for scenario in public_bench::scenarios(&fixtures, false) {
            println!("· {} (cache on)", scenario.name);
            cached_c32.push(public_bench::throughput_c32(&format!(
                "http://127.0.0.1:{port}{}",
                scenario.chengxin
            ))?);
        }
        rss_after_load = rss_kb(server.0.id());
    }
    rows.push(Row {
        what: "server memory after the public-query load (RSS)".into(),
        value: format!("{} MB", rss_after_load / 1024),
    });

    banner("access tokens: sign and verify");
    let tokens = crate::output(
        "cargo",
        &["bench", "-q", "-p", "chengxin", "--bench", "tokens"],
    )
    .context("the token benchmark failed")?;
    for line in tokens.lines().filter(|l| l.starts_with("token ")) {
        if let Some((what, value)) = line.split_once(": ") {
            rows.push(Row {
                what: format!("{what} (EdDSA, one core)"),
                value: value.to_string(),
            });
        }
    }

    banner("/me/score for a civil servant with 200 records");
    let me_dir = std::env::temp_dir().join(format!("chengxin-bench-me-{}", std::process::id()));
    let (me_records, me_score, me_profile, filing) = crate::me_bench::run(&binary, &me_dir)?;
    std::fs::remove_dir_all(&me_dir).ok();

    let mut postgres_rows = Vec::new();
    if let Ok(url) = postgres::ensure_running() {
        let smaller = records / 10;
        banner(&format!("gen-data {smaller} on PostgreSQL"));
        let name = format!("chengxin_bench_{}", std::process::id());
        let _ = Command::new("psql")
            .args([&url, "-qc", &format!("DROP DATABASE IF EXISTS {name}")])
            .status();
        cmd("psql", &[&url, "-qc", &format!("CREATE DATABASE {name}")])?;
        let server = url
            .rsplit_once('/')
            .map_or(url.as_str(), |(server, _database)| server);
        let db_url = format!("{server}/{name}");
        let seconds = gen_data(&binary, &dir, smaller, Some(&db_url))?;
        rows.push(Row {
            what: format!("`gen-data --records {smaller}`, PostgreSQL"),
            value: format!("{seconds:.1} s"),
        });
        let port = public_bench::free_port()?;
        let server = public_bench::start_server(&binary, &dir, port, Some(&db_url), &[])?;
        // A department and an entry that exist in this database, found through the API itself.
        let first_penalty = crate::output(
            "curl",
            &[
                "-s",
                &format!("http://127.0.0.1:{port}/api/v1/public/penalties?limit=1"),
            ],
        )
        .unwrap_or_default();
        let department = first_penalty
            .split("\"deciding_body\":")
            .nth(1)
            .and_then(|rest| rest.split("\"uscc\":\"").nth(1))
            .map(|rest| rest.chars().take(18).collect::<String>())
            .unwrap_or_default();
        let pg_fixtures = public_bench::Fixtures {
            department,
            mid_date: String::new(),
            mid_id: 0,
            entry_id: 1,
        };
        for scenario in public_bench::scenarios(&pg_fixtures, false)
            .into_iter()
            .filter(|s| !s.name.starts_with("deep"))
        {
            println!("· {} (PostgreSQL)", scenario.name);
            postgres_rows.push(public_bench::measure(
                scenario.name,
                &format!("http://127.0.0.1:{port}{}", scenario.chengxin),
            )?);
        }
        drop(server);
        let _ = Command::new("psql")
            .args([&url, "-qc", &format!("DROP DATABASE IF EXISTS {name}")])
            .status();
    }
    std::fs::remove_dir_all(&dir).ok();

    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mut table = format!("| measure ({cores} cores) | value |\n|---|---|\n");
    for row in rows {
        table.push_str(&format!("| {} | {} |\n", row.what, row.value));
    }
    table.push_str(&import_rows);
    table.push_str(&format!(
        "\n**Public queries on {records} rows, SQLite** (wrk; latency at concurrency 1, throughput at 32; \
         Chengxin with its memory of recent answers off, so every request runs its query, and then on, \
         as deployed):\n\n\
         | scenario | Chengxin p50 / p99 | Chengxin req/s c1 / c32 | Chengxin req/s c32, cache on | datasette p50 / p99 | datasette req/s c1 / c32 | ratio at c32 (no cache) |\n|---|---|---|---|---|---|---|\n"
    ));
    for ((ours, theirs), cached) in comparison.iter().zip(&cached_c32) {
        let (theirs_latency, theirs_rps, ratio) = match theirs {
            Some(t) => (
                latency(t),
                throughput(t),
                format!("{:.1}×", ours.rps_c32 / t.rps_c32),
            ),
            None => ("–".into(), "–".into(), "–".into()),
        };
        table.push_str(&format!(
            "| {} | {} | {} | {cached:.0} | {theirs_latency} | {theirs_rps} | {ratio} |\n",
            ours.name,
            latency(ours),
            throughput(ours)
        ));
    }
    table.push_str(&format!(
        "\n**Signed-in reads and objection filing, SQLite** (the demo servant with {me_records} records; wrk with the access token):\n\n| scenario | p50 / p99 | req/s c1 / c32 |\n|---|---|---|\n"
    ));
    for m in [&me_score, &me_profile, &filing] {
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            m.name,
            latency(m),
            throughput(m)
        ));
    }
    if !postgres_rows.is_empty() {
        table.push_str(&format!("\n**Public queries on {} rows, PostgreSQL:**\n\n| scenario | p50 / p99 | req/s c1 / c32 |\n|---|---|---|\n", records / 10));
        for m in &postgres_rows {
            table.push_str(&format!(
                "| {} | {} | {} |\n",
                m.name,
                latency(m),
                throughput(m)
            ));
        }
    }
    banner("the web app");
    table.push_str("\n**The web app** (the build's brotli and gzip copies, as the server sends them; Lighthouse mobile, simulated slow 4G):\n\n");
    table.push_str(&crate::web_bench::run()?);
    banner("results");
    println!("{table}");
    std::fs::write(crate::target_dir().join("bench-latest.md"), &table)
        .context("cannot write target/bench-latest.md")?;
    Ok(())
}

fn latency(m: &Measured) -> String {
    format!("{:.2} / {:.2} ms", m.p50_ms, m.p99_ms)
}

fn throughput(m: &Measured) -> String {
    format!("{:.0} / {:.0}", m.rps_c1, m.rps_c32)
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Turns off the server's memory of recent public answers.
pub(crate) const NO_RESPONSE_CACHE: (&str, &str) = ("CHENGXIN_RESPONSE_CACHE__MAX_MEGABYTES", "0");

fn gen_data(
    binary: &std::path::Path,
    dir: &std::path::Path,
    records: usize,
    database_url: Option<&str>,
) -> anyhow::Result<f64> {
    let mut command = Command::new(binary);
    command
        .current_dir(dir)
        .args(["gen-data", "--records", &records.to_string()])
        .env("CHENGXIN_SEED_DEMO", "false");
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    let started = Instant::now();
    let status = command.status().context("cannot run gen-data")?;
    if !status.success() {
        bail!("gen-data failed ({status})");
    }
    Ok(started.elapsed().as_secs_f64())
}

/// Starts the server on the data in `dir`, waits for `/readyz`, reads its memory, stops it.
fn startup(binary: &std::path::Path, dir: &std::path::Path) -> anyhow::Result<(Duration, u64)> {
    const PORT: u16 = 18_080;
    let started = Instant::now();
    let mut child = Command::new(binary)
        .current_dir(dir)
        .arg("serve")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{PORT}"))
        .env("CHENGXIN_SEED_DEMO", "false")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start the server")?;
    let deadline = started + Duration::from_secs(60);
    let ready = loop {
        if ready_on(PORT) {
            break started.elapsed();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!("the server did not become ready within 60 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    std::thread::sleep(Duration::from_millis(500));
    let rss = rss_kb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Ok((ready, rss))
}

fn ready_on(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply.starts_with("HTTP/1.1 200")
}
