//! A PostgreSQL server for the second test run: the machine's own on 127.0.0.1:5432 if it answers
//! (or can be started), otherwise a throwaway cluster under the system temp folder on port 5433.

use crate::cmd;
use anyhow::{Context, bail};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn answers(port: u16) -> bool {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok()
}

fn url(port: u16) -> String {
    format!("postgres://postgres@127.0.0.1:{port}/postgres")
}

/// The URL of a running server that accepts the `postgres` user without a password.
pub fn ensure_running() -> anyhow::Result<String> {
    if let Ok(explicit) = std::env::var("CHENGXIN_TEST_POSTGRES_URL") {
        return Ok(explicit);
    }
    if answers(5432) {
        return Ok(url(5432));
    }
    // Debian's packaged cluster, when installed but stopped.
    if let Some(version) = std::fs::read_dir("/etc/postgresql")
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
    {
        let version = version.file_name().to_string_lossy().into_owned();
        let _ = Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &version, "main", "start"])
            .status();
        if answers(5432) {
            return Ok(url(5432));
        }
    }
    start_throwaway_cluster()
}

fn start_throwaway_cluster() -> anyhow::Result<String> {
    const PORT: u16 = 5433;
    if answers(PORT) {
        return Ok(url(PORT));
    }
    let bin = std::fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL is not installed: apt-get install postgresql")?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .find(|p| p.join("initdb").exists())
        .context("no initdb found under /usr/lib/postgresql")?;
    let data = std::env::temp_dir().join("chengxin-pgdata");
    let as_postgres = |command: String| cmd("su", &["postgres", "-c", &command]);
    if !data.join("PG_VERSION").exists() {
        std::fs::create_dir_all(&data).context("cannot create the cluster folder")?;
        cmd("chown", &["postgres", &data.to_string_lossy()])?;
        as_postgres(format!(
            "{} -D {} -A trust -U postgres",
            bin.join("initdb").display(),
            data.display()
        ))?;
    }
    let socket_dir = std::env::temp_dir();
    as_postgres(format!(
        "{} -D {} -o '-p {PORT} -k {} -c listen_addresses=127.0.0.1 -c fsync=off' -l {} start -w",
        bin.join("pg_ctl").display(),
        data.display(),
        socket_dir.display(),
        Path::new(&data).join("log").display()
    ))?;
    if !answers(PORT) {
        bail!(
            "the throwaway PostgreSQL cluster did not start; see {}/log",
            data.display()
        );
    }
    Ok(url(PORT))
}
