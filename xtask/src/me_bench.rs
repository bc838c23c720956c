//! `/me/score` for a civil servant with 200 records: the demo district, the demo servant's records
//! copied up to 200, one sign-in, then wrk with the access token (latency at c1, throughput at c32).

use crate::public_bench::{self, Measured};
use anyhow::Context;
use std::path::Path;
use std::process::{Command, Stdio};

const RECORDS: usize = 200;

pub fn run(binary: &Path, dir: &Path) -> anyhow::Result<(usize, Measured, Measured, Measured)> {
    std::fs::create_dir_all(dir)?;
    let status = Command::new(binary)
        .current_dir(dir)
        .arg("seed-demo")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .context("cannot seed the demo district")?;
    anyhow::ensure!(status.success(), "seed-demo failed");
    let db = dir.join("data/chengxin.db");
    let person = sqlite(
        &db,
        "SELECT person_id FROM accounts WHERE username = 'demo-servant'",
    )?;
    // Copy the person's records (new ids, same person) until there are 200.
    for _ in 0..20 {
        let count: usize = sqlite(
            &db,
            &format!("SELECT COUNT(*) FROM credit_records WHERE person_id = {person}"),
        )?
        .parse()
        .context("count")?;
        if count >= RECORDS {
            break;
        }
        sqlite(
            &db,
            &format!(
                "INSERT INTO credit_records (subject_kind, person_id, organisation_id, category, kind_code, title, content, decision_no, deciding_org_id, reporting_org_id, decided_on, occurred_on, conduct_ended_on, route, tier, publish_from, repairable_from, publish_until, status, score_item, act_key, version, created_at, updated_at)
                 SELECT subject_kind, person_id, organisation_id, category, kind_code, title, content, decision_no, deciding_org_id, reporting_org_id, decided_on, occurred_on, conduct_ended_on, route, tier, publish_from, repairable_from, publish_until, status, score_item, act_key, version, created_at, updated_at
                 FROM credit_records WHERE person_id = {person} LIMIT {}",
                RECORDS - count
            ),
        )?;
    }
    let records: usize = sqlite(
        &db,
        &format!("SELECT COUNT(*) FROM credit_records WHERE person_id = {person}"),
    )?
    .parse()
    .context("count")?;
    let port = public_bench::free_port()?;
    let _server = public_bench::start_server(binary, dir, port, None, &[])?;
    let token = public_bench::demo_token(&format!("http://127.0.0.1:{port}"), "demo-servant")?;
    let header = format!("Authorization: Bearer {token}");
    let url = format!("http://127.0.0.1:{port}/api/v1/me/score");
    let score = public_bench::measure_with_header("/me/score (200 records)", &url, &header)?;
    let me = public_bench::measure_with_header(
        "/me (token check + one account query)",
        &format!("http://127.0.0.1:{port}/api/v1/me"),
        &header,
    )?;
    let record = sqlite(
        &db,
        "SELECT id FROM credit_records WHERE route = 'public' AND status = 'effective' AND publish_until IS NULL ORDER BY id LIMIT 1",
    )?;
    let body = format!(
        r#"{{"record_id": {record}, "reason": "压测：记录内容有误", "filer": {{"name": "压测", "phone": "13800138000", "capacity": "agent"}}}}"#
    );
    let filing = public_bench::measure_post(
        "filing an objection (no files; each a new case on disk)",
        &format!("http://127.0.0.1:{port}/api/v1/objections"),
        &body,
        dir,
    )?;
    Ok((records, score, me, filing))
}

fn sqlite(db: &Path, sql: &str) -> anyhow::Result<String> {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .context("sqlite3 is needed for this benchmark (apt-get install sqlite3)")?;
    anyhow::ensure!(
        out.status.success(),
        "sqlite3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}
