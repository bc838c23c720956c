//! Fuzzes the live server from its own OpenAPI document with schemathesis (PyPI): no 5xx, and every
//! response conforms to the spec (status codes, content types, headers, bodies).
//!
//! The input-strictness checks (`positive_data_acceptance`, `negative_data_rejection`) are left out
//! on purpose: a USCC's check character and an opaque cursor cannot be expressed in JSON Schema, so
//! schema-valid inputs are rightly refused, and blank query parameters are read as absent.

use crate::{banner, cmd, output};
use anyhow::{Context, bail};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const VERSION: &str = "4.32.5";
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance";

fn ensure_installed() -> anyhow::Result<()> {
    let present = output("schemathesis", &["--version"]).unwrap_or_default();
    if present.contains(VERSION) {
        return Ok(());
    }
    cmd(
        "python3",
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={VERSION}"),
        ],
    )
}

pub fn run() -> anyhow::Result<()> {
    banner("schemathesis against the live server (SQLite, demo data)");
    ensure_installed()?;
    cmd("cargo", &["build", "-p", "chengxin"])?;
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let dir = std::env::temp_dir().join(format!("chengxin-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut server = Command::new(std::fs::canonicalize("target/debug/chengxin")?)
        .current_dir(&dir)
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .env("CHENGXIN_DATA_DIR", &dir)
        .env("CHENGXIN_WEB_DIR", dir.join("no-web"))
        .env("CHENGXIN_RATE_LIMITS__ANONYMOUS_PER_MINUTE", "100000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start the server")?;
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while output("curl", &["-sf", &format!("{base}/readyz")]).is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = server.kill();
            bail!("the server did not become ready");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let spec = format!("{base}/api/openapi.json");
    let result = cmd(
        "schemathesis",
        &[
            "run",
            &spec,
            "--max-examples",
            "40",
            "--generation-deterministic",
            "--checks",
            CHECKS,
            "--request-timeout",
            "10",
        ],
    );
    let _ = server.kill();
    let _ = server.wait();
    std::fs::remove_dir_all(&dir).ok();
    result
}
