//! The `chengxin` binary as an operator meets it: it starts, serves, stops cleanly on SIGTERM, and
//! refuses bad configuration with one clear line and a non-zero exit, never a panic.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_chengxin");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The command with a clean environment: no inherited Chengxin settings or database URL.
fn chengxin(data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        .current_dir(data_dir)
        .env_remove("DATABASE_URL")
        .env("CHENGXIN_DATA_DIR", data_dir)
        .env("CHENGXIN_WEB_DIR", data_dir.join("no-web"))
        .env("CHENGXIN_LOG_FORMAT", "json");
    command
}

fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    let status = reply.get(9..12)?.parse().ok()?;
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

fn wait_ready(child: &mut Child, port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some((200, _)) = http_get(port, "/readyz") {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited early: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("the server did not become ready");
}

fn wait_exit(child: &mut Child, within: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not stop in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_demo_data_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let mut child = chengxin(dir.path())
        .arg("serve")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    wait_ready(&mut child, port);
    let (status, body) = http_get(port, "/api/v1/stats").expect("stats");
    assert_eq!(status, 200);
    assert!(
        body.contains("\"persons\":620"),
        "the demo district was seeded: {body}"
    );
    assert!(
        dir.path().join("chengxin.db").exists(),
        "the embedded database lives in the data folder"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = wait_exit(&mut child, Duration::from_secs(20));
    assert!(status.success(), "a clean exit on SIGTERM, got {status}");
}

fn run_failing(mut command: Command) -> (Output, String) {
    let output = command.output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "must fail: {stderr}");
    assert!(
        !stderr.contains("panicked"),
        "a message, not a panic: {stderr}"
    );
    (output, stderr)
}

#[test]
fn an_unreachable_database_is_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = chengxin(dir.path());
    command.arg("migrate").env(
        "DATABASE_URL",
        "postgres://postgres:secret@127.0.0.1:1/chengxin",
    );
    let (_, stderr) = run_failing(command);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot connect to PostgreSQL") && stderr.contains("refused"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("secret"),
        "no password in messages: {stderr}"
    );
}

#[test]
fn a_malformed_database_url_names_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = chengxin(dir.path());
    command
        .arg("migrate")
        .env("DATABASE_URL", "localhost/chengxin");
    let (_, stderr) = run_failing(command);
    assert!(stderr.contains("database_url"), "{stderr}");
}

#[test]
fn a_bad_configuration_value_names_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = chengxin(dir.path());
    command
        .arg("migrate")
        .env("CHENGXIN_MAX_CONNECTIONS", "many");
    let (_, stderr) = run_failing(command);
    assert!(stderr.contains("max_connections"), "{stderr}");

    let mut command = chengxin(dir.path());
    command.arg("migrate").env("CHENGXIN_MASKING__ID", "loose");
    let (_, stderr) = run_failing(command);
    assert!(stderr.contains("masking.id"), "{stderr}");
}

#[test]
fn a_taken_port_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let mut command = chengxin(dir.path());
    command
        .arg("serve")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .env("CHENGXIN_SEED_DEMO", "false");
    let (_, stderr) = run_failing(command);
    assert!(
        stderr.contains("bind") && stderr.contains(&port.to_string()),
        "{stderr}"
    );
}

fn http_post_json(port: u16, path: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    let status = reply.get(9..12)?.parse().ok()?;
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// A ticket answered with 201 is on disk: the server is killed with SIGKILL the instant after the
/// answer, and the ticket is read back from the database file.
#[test]
fn an_acknowledged_objection_survives_kill_9() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let mut child = chengxin(dir.path())
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    wait_ready(&mut child, port);
    let db = format!("sqlite://{}", dir.path().join("chengxin.db").display());
    let read = |sql: &'static str| {
        let db = db.clone();
        tokio::runtime::Runtime::new()
            .expect("runtime")
            .block_on(async move {
                let store = chengxin::store::Store::connect(&db, 1)
                    .await
                    .expect("database");
                let rows = store.dump_text(sql).await.expect("query");
                store.close().await;
                rows
            })
    };
    let record = read(
        "SELECT CAST(id AS TEXT) FROM credit_records WHERE route = 'public' AND status = 'effective' AND publish_until IS NULL ORDER BY id LIMIT 1",
    )[0]
        .clone();
    let mut tickets = Vec::new();
    for i in 0..20 {
        let body = format!(
            r#"{{"record_id": {record}, "reason": "断电测试第 {i} 份异议", "filer": {{"name": "测试", "phone": "13800138000", "capacity": "agent"}}}}"#
        );
        let (status, answer) = http_post_json(port, "/api/v1/objections", &body).expect("answer");
        assert_eq!(status, 201, "{answer}");
        let ticket = answer
            .split("\"ticket_no\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("ticket")
            .to_string();
        tickets.push(ticket);
    }
    // SIGKILL: no shutdown, no flush, no checkpoint.
    child.kill().expect("killed");
    let _ = child.wait();
    let stored = read("SELECT ticket_no FROM objections ORDER BY id");
    assert_eq!(
        stored, tickets,
        "every acknowledged ticket is in the database file"
    );
}

/// The README's account command, as written: the password from `CHENGXIN_NEW_PASSWORD`, which is
/// not a setting and must not stop the configuration from loading; the account then signs in.
#[test]
fn user_create_takes_its_password_from_the_environment_as_documented() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut migrate = chengxin(dir.path());
    migrate.arg("migrate");
    let output = migrate.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut create = chengxin(dir.path());
    create
        .args([
            "user",
            "create",
            "--username",
            "li.na",
            "--display-name",
            "李娜",
            "--roles",
            "auditor",
        ])
        .env("CHENGXIN_NEW_PASSWORD", "Li-Na-Password-2026");
    let output = create.output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "user create: {stderr}");
    let mut list = chengxin(dir.path());
    list.args(["user", "list"]);
    let output = list.output().expect("runs");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("li.na"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
