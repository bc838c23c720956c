//! Fuzzes the live server from its own OpenAPI document with schemathesis (PyPI): no 5xx, and every
//! response conforms to the spec (status codes, content types, headers, bodies).
//!
//! The input-strictness checks (`positive_data_acceptance`, `negative_data_rejection`) are left out
//! on purpose: a USCC's check character and an opaque cursor cannot be expressed in JSON Schema, so
//! schema-valid inputs are rightly refused, and blank query parameters are read as absent.

use crate::public_bench::{self, Running};
use crate::{banner, cmd, output};
use anyhow::Context;
use std::process::{Command, Stdio};

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
    let port = public_bench::free_port()?;
    let dir = std::env::temp_dir().join(format!("chengxin-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let server = Running(
        Command::new(std::fs::canonicalize(
            crate::target_dir().join("debug/chengxin"),
        )?)
        .current_dir(&dir)
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .env("CHENGXIN_DATA_DIR", &dir)
        .env("CHENGXIN_WEB_DIR", dir.join("no-web"))
        .env("CHENGXIN_RATE_LIMITS__ANONYMOUS_PER_MINUTE", "100000000")
        // The fuzzer's many failed sign-ins must not lock the address the later passes sign in from.
        .env("CHENGXIN_AUTH__ADDRESS_FAILURES_BEFORE_LOCK", "1000000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start the server")?,
    );
    let base = format!("http://127.0.0.1:{port}");
    public_bench::wait_until_answers(&format!("{base}/readyz"))?;
    let spec = format!("{base}/api/openapi.json");
    let fuzz = |extra: &[&str]| {
        let mut args = vec![
            "run",
            spec.as_str(),
            "--max-examples",
            "40",
            "--generation-deterministic",
            "--checks",
            CHECKS,
            "--request-timeout",
            "10",
        ];
        args.extend_from_slice(extra);
        cmd("schemathesis", &args)
    };
    // Everything without credentials, then the signed-in endpoints as the roles that may call
    // them. Sign-out is left out of the signed-in passes: it would end the session mid-run.
    let result = fuzz(&[]).and_then(|()| {
        let servant = bearer(&base, "demo-servant")?;
        fuzz(&["-H", &servant, "--include-path-regex", "^/api/v1/me"])?;
        let admin = bearer(&base, "demo-admin")?;
        fuzz(&[
            "-H",
            &admin,
            "--include-path-regex",
            "^/api/v1/(sharing|oversight|me$)",
        ])
    });
    drop(server);
    std::fs::remove_dir_all(&dir).ok();
    result
}

/// `Authorization: Bearer …` for a demo account of the fuzzed server.
fn bearer(base: &str, username: &str) -> anyhow::Result<String> {
    let token = crate::public_bench::demo_token(base, username)?;
    Ok(format!("Authorization: Bearer {token}"))
}
