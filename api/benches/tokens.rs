//! Access-token signing and verification, per operation, on this machine
//! (`cargo bench -p chengxin --bench tokens`; `cargo xtask bench` runs it too).

use chengxin::auth::tokens::{TokenKeys, TokenSettings};
use std::time::Instant;

const ROUNDS: u32 = 20_000;

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let keys = TokenKeys::load_or_create(
        dir.path(),
        TokenSettings {
            issuer: "chengxin".into(),
            audience: "chengxin-api".into(),
            lifetime_secs: 900,
        },
    )?;
    let started = Instant::now();
    let mut token = String::new();
    for i in 0..ROUNDS {
        token = keys.issue(i64::from(i), "session")?.0;
    }
    let issue = started.elapsed() / ROUNDS;
    let started = Instant::now();
    for _ in 0..ROUNDS {
        keys.verify(std::hint::black_box(&token))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let verify = started.elapsed() / ROUNDS;
    println!("token issue: {} µs", issue.as_secs_f64() * 1e6);
    println!("token verify: {} µs", verify.as_secs_f64() * 1e6);
    Ok(())
}
