//! The public-query benchmark: the same queries against Chengxin and against datasette (PyPI)
//! serving the same SQLite file, with wrk at concurrency 1 (latency) and 32 (throughput).
//! Datasette gets its fastest settings (`_nocount`, `_nofacet`, `_nosuggest`) and applies no
//! disclosure rules, so the comparison flatters it.

use crate::{cmd, output};
use anyhow::{Context, bail};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One measured scenario.
pub struct Measured {
    pub name: String,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub rps_c1: f64,
    pub rps_c32: f64,
}

/// A query in both dialects; `None` where datasette has no equivalent.
pub struct Scenario {
    pub name: &'static str,
    pub chengxin: String,
    pub datasette: Option<String>,
}

pub fn ensure_tools() -> anyhow::Result<()> {
    if output("wrk", &["--version"]).is_none() && Command::new("wrk").arg("-v").output().is_err() {
        cmd("apt-get", &["install", "-y", "-qq", "wrk"])?;
    }
    if output("sqlite3", &["--version"]).is_none() {
        cmd("apt-get", &["install", "-y", "-qq", "sqlite3"])?;
    }
    if output("datasette", &["--version"]).is_none() {
        cmd(
            "python3",
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "datasette",
            ],
        )?;
    }
    Ok(())
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Runs a server until dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn wait_until_answers(url: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    while output("curl", &["-sf", "-o", "/dev/null", url]).is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            bail!("{url} did not answer within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

pub fn start_datasette(db: &Path, port: u16) -> anyhow::Result<Running> {
    let child = Command::new("datasette")
        .args([
            "serve",
            &db.to_string_lossy(),
            "-p",
            &port.to_string(),
            "--setting",
            "sql_time_limit_ms",
            "20000",
            "--setting",
            "default_page_size",
            "20",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start datasette")?;
    let running = Running(child);
    wait_until_answers(&format!("http://127.0.0.1:{port}/-/versions.json"))?;
    Ok(running)
}

/// Values from the database that the scenarios need: a common two-character trade name, a
/// department with many penalties, the keyset halfway down the serious-breach list, an entry id.
pub struct Fixtures {
    pub department: String,
    pub mid_date: String,
    pub mid_id: i64,
    pub entry_id: i64,
}

pub fn fixtures(db: &Path) -> anyhow::Result<Fixtures> {
    let script = format!(
        "import sqlite3; c=sqlite3.connect('file:{}?mode=ro', uri=True)\n\
         d=c.execute('SELECT cf_cfjgdm FROM penalties GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1').fetchone()[0]\n\
         n=c.execute('SELECT COUNT(*) FROM serious_breach_entries').fetchone()[0]\n\
         m=c.execute('SELECT listed_on, id FROM serious_breach_entries ORDER BY listed_on DESC, id DESC LIMIT 1 OFFSET ?', (n//2,)).fetchone()\n\
         print(d, m[0], m[1], n//3)",
        db.display()
    );
    let out = output("python3", &["-c", &script]).context("cannot read fixtures with python3")?;
    let parts: Vec<&str> = out.split_whitespace().collect();
    if parts.len() != 4 {
        bail!("unexpected fixture output: {out}");
    }
    Ok(Fixtures {
        department: parts[0].into(),
        mid_date: parts[1].into(),
        mid_id: parts[2].parse()?,
        entry_id: parts[3].parse()?,
    })
}

/// The public API's opaque cursor for "after this (date, id)", newest first.
fn cursor(date: &str, id: i64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let text = format!("1n{}:{id}", date.replace('-', ""));
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

pub fn scenarios(f: &Fixtures, datasette: bool) -> Vec<Scenario> {
    const XINYUAN: &str = "%E9%91%AB%E6%BA%90"; // 鑫源, a trade name many firms share
    const ZHANGWEI: &str = "%E5%BC%A0%E4%BC%9F"; // 张伟: matches no organisation, the worst case
    let ds = |path: String| {
        datasette.then(|| format!("{path}&_nocount=1&_nofacet=1&_nosuggest=1&_size=20"))
    };
    vec![
        Scenario {
            name: "serious-breach list, first page",
            chengxin: "/api/v1/public/serious-breach".into(),
            datasette: ds("/chengxin/serious_breach_entries.json?_sort_desc=listed_on".into()),
        },
        Scenario {
            name: "name search, 2 characters (鑫源)",
            chengxin: format!("/api/v1/public/serious-breach?q={XINYUAN}"),
            datasette: ds(format!(
                "/chengxin/serious_breach_entries.json?subject_name__contains={XINYUAN}&_sort_desc=listed_on"
            )),
        },
        Scenario {
            name: "name search, 2 characters, no match (张伟)",
            chengxin: format!("/api/v1/public/serious-breach?q={ZHANGWEI}"),
            datasette: ds(format!(
                "/chengxin/serious_breach_entries.json?subject_name__contains={ZHANGWEI}&_sort_desc=listed_on"
            )),
        },
        Scenario {
            name: "penalties of one department",
            chengxin: format!("/api/v1/public/penalties?department={}", f.department),
            datasette: ds(format!(
                "/chengxin/penalties.json?cf_cfjgdm={}&_sort_desc=cf_jdrq",
                f.department
            )),
        },
        Scenario {
            name: "deep page (halfway down the list)",
            chengxin: format!(
                "/api/v1/public/serious-breach?cursor={}",
                cursor(&f.mid_date, f.mid_id)
            ),
            datasette: ds(format!(
                "/chengxin/serious_breach_entries.json?_sort_desc=listed_on&_next={}%2C{}",
                f.mid_date, f.mid_id
            )),
        },
        Scenario {
            name: "detail of one entry",
            chengxin: format!("/api/v1/public/serious-breach/{}", f.entry_id),
            datasette: datasette
                .then(|| format!("/chengxin/serious_breach_entries/{}.json", f.entry_id)),
        },
    ]
}

/// wrk at concurrency 1 for latency and 32 for throughput.
pub fn measure(name: &str, url: &str) -> anyhow::Result<Measured> {
    measure_with(name, url, &[])
}

/// The same measurement with a request header (e.g. an access token).
pub fn measure_with_header(name: &str, url: &str, header: &str) -> anyhow::Result<Measured> {
    measure_with(name, url, &["-H", header])
}

/// A POST of a JSON body (through a wrk script), e.g. filing objections.
pub fn measure_post(name: &str, url: &str, body: &str, dir: &Path) -> anyhow::Result<Measured> {
    let script = dir.join("post.lua");
    let escaped = body.replace('\\', "\\\\").replace('"', "\\\"");
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.body = \"{escaped}\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
        ),
    )?;
    let script = script.to_string_lossy().into_owned();
    measure_with(name, url, &["-s", &script])
}

fn measure_with(name: &str, url: &str, extra: &[&str]) -> anyhow::Result<Measured> {
    let mut c1_args = vec!["-t1", "-c1", "-d5s", "--latency"];
    c1_args.extend_from_slice(extra);
    c1_args.push(url);
    let mut c32_args = vec!["-t2", "-c32", "-d5s"];
    c32_args.extend_from_slice(extra);
    c32_args.push(url);
    let c1 = output("wrk", &c1_args).with_context(|| format!("wrk failed on {url}"))?;
    let c32 = output("wrk", &c32_args).with_context(|| format!("wrk failed on {url}"))?;
    Ok(Measured {
        name: name.into(),
        p50_ms: percentile(&c1, "50%"),
        p99_ms: percentile(&c1, "99%"),
        rps_c1: rps(&c1),
        rps_c32: rps(&c32),
    })
}

/// Requests per second at concurrency 32 only.
pub fn throughput_c32(url: &str) -> anyhow::Result<f64> {
    let c32 = output("wrk", &["-t2", "-c32", "-d5s", url])
        .with_context(|| format!("wrk failed on {url}"))?;
    Ok(rps(&c32))
}

fn percentile(wrk: &str, label: &str) -> f64 {
    wrk.lines()
        .find(|l| l.trim_start().starts_with(label))
        .and_then(|l| l.split_whitespace().nth(1))
        .map(to_ms)
        .unwrap_or(f64::NAN)
}

fn to_ms(value: &str) -> f64 {
    let (number, factor) = if let Some(v) = value.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = value.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = value.strip_suffix('s') {
        (v, 1000.0)
    } else {
        (value, 1.0)
    };
    number
        .parse::<f64>()
        .map(|n| n * factor)
        .unwrap_or(f64::NAN)
}

fn rps(wrk: &str) -> f64 {
    wrk.lines()
        .find(|l| l.starts_with("Requests/sec:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// An access token of a demo account (the demo password) from the server at `base`.
pub fn demo_token(base: &str, username: &str) -> anyhow::Result<String> {
    let body = format!(r#"{{"username":"{username}","password":"Chengxin-Demo-2026"}}"#);
    let answer = crate::output(
        "curl",
        &[
            "-sf",
            "-X",
            "POST",
            "-H",
            "content-type: application/json",
            "-d",
            &body,
            &format!("{base}/api/v1/auth/login"),
        ],
    )
    .with_context(|| format!("cannot sign in as {username}"))?;
    answer
        .split("\"access_token\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string)
        .context("no access token in the sign-in answer")
}

/// The release server on the data in `dir` (or on `database_url`), with quotas out of the way.
pub(crate) fn start_server(
    binary: &std::path::Path,
    dir: &std::path::Path,
    port: u16,
    database_url: Option<&str>,
    env: &[(&str, &str)],
) -> anyhow::Result<Running> {
    let mut command = Command::new(binary);
    command.envs(env.iter().copied());
    command
        .current_dir(dir)
        .arg("serve")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .env("CHENGXIN_SEED_DEMO", "false")
        .env("CHENGXIN_RATE_LIMITS__ANONYMOUS_PER_MINUTE", "1000000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    let server = Running(command.spawn().context("cannot start the server")?);
    wait_until_answers(&format!("http://127.0.0.1:{port}/readyz"))?;
    Ok(server)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_match_the_server_encoding() {
        // base64url without padding of "1n20260309:4711", as the server encodes it.
        assert_eq!(cursor("2026-03-09", 4711), "MW4yMDI2MDMwOTo0NzEx");
    }

    #[test]
    fn wrk_output_is_read() {
        let sample = "  Latency Distribution\n     50%  411.00us\n     99%    1.36ms\nRequests/sec:   2385.98\n";
        assert!((percentile(sample, "50%") - 0.411).abs() < 1e-9);
        assert!((percentile(sample, "99%") - 1.36).abs() < 1e-9);
        assert_eq!(rps(sample), 2385.98);
    }
}
