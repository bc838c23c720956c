//! The web app's budgets: compressed size of what a phone downloads, and Lighthouse (mobile) on
//! the home, list and my-credit pages against the release server with the demo district.

use crate::{banner, cmd};
use anyhow::Context;
use std::path::Path;
use std::process::{Command, Stdio};

/// Where the Node tools for this bench are installed (outside the repository's tracked files).
fn tools_dir() -> std::path::PathBuf {
    crate::target_dir().join("bench-tools")
}

fn ensure_lighthouse() -> anyhow::Result<()> {
    let dir = tools_dir();
    if dir.join("node_modules/lighthouse").is_dir()
        && dir.join("node_modules/puppeteer-core").is_dir()
    {
        return Ok(());
    }
    std::fs::create_dir_all(&dir)?;
    let prefix = dir.to_string_lossy().to_string();
    cmd(
        "npm",
        &[
            "install",
            "--prefix",
            &prefix,
            "--no-save",
            "lighthouse",
            "puppeteer-core",
        ],
    )
}

/// Each chunk of the web app and the pages in it (see web/src/pages/mod.rs).
const PAGES_OF_CHUNK: [(&str, &str); 12] = [
    ("search", "search results, a body's profile, credit check"),
    ("registers", "the public lists and their entries"),
    ("login", "sign-in"),
    ("me", "my credit, grants and consent"),
    ("cases", "objection, repair, tracking"),
    ("complaint", "complaint about a government body"),
    ("work", "the staff workspace's home (after a staff sign-in)"),
    ("review", "the review queue"),
    ("handling", "objections, repairs and complaints to handle"),
    ("intake", "the reporter's form, upload and submissions"),
    ("office", "accounts and API keys"),
    (
        "oversight",
        "the credit office's dashboard and the auditor's screen",
    ),
];

/// Markdown rows of the web app's figures.
pub fn run() -> anyhow::Result<String> {
    let app = crate::web::build()?;
    // A chunk added to the app without a row here would escape the budget.
    if let Some(chunk) = app
        .chunks
        .keys()
        .find(|chunk| !PAGES_OF_CHUNK.iter().any(|(known, _)| known == chunk))
    {
        anyhow::bail!(
            "the web app's chunk `{chunk}` is not in PAGES_OF_CHUNK (xtask/src/web_bench.rs)"
        );
    }
    crate::browser::ensure_installed()?;
    let dist = Path::new("web/dist");
    let mut table = String::from(
        "| download (wasm + JS) | raw | brotli 11 (HTTPS, localhost) | gzip -9 (plain HTTP) | budget |\n\
         |---|---|---|---|---|\n",
    );
    // Every page's download has the budget; the whole app has none, no page fetches all of it.
    let mut downloads = vec![(
        "home (the first download)".to_string(),
        app.first_download(),
        "250 KB",
    )];
    for (chunk, pages) in PAGES_OF_CHUNK {
        downloads.push((
            format!("{pages} (with the `{chunk}` chunk)"),
            app.page_download(chunk)?,
            "250 KB",
        ));
    }
    downloads.push(("every file of the app".to_string(), app.urls(), "—"));
    for (what, urls, budget) in downloads {
        let sizes = crate::precompress::transfer_sizes(dist, &urls)?;
        table.push_str(&format!(
            "| {what} | {} KB | {} KB | {} KB | {budget} |\n",
            sizes.raw / 1024,
            sizes.brotli / 1024,
            sizes.gzip / 1024
        ));
    }

    banner("Lighthouse (mobile) on the release server with the demo district");
    ensure_lighthouse()?;
    cmd("cargo", &["build", "--release", "-p", "chengxin"])?;
    let binary = std::fs::canonicalize(crate::target_dir().join("release/chengxin"))?;
    let dir = std::env::temp_dir().join(format!("chengxin-web-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let port = 18090;
    let web_dir = std::fs::canonicalize(dist)?;
    let mut server = Command::new(&binary)
        .current_dir(&dir)
        .arg("serve")
        .env("CHENGXIN_BIND", format!("127.0.0.1:{port}"))
        .env("CHENGXIN_WEB_DIR", &web_dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start the server")?;
    crate::public_bench::wait_until_answers(&format!("http://127.0.0.1:{port}/readyz"))?;
    // ES modules resolve packages from the script's folder, so it runs beside the tools.
    let script = std::fs::canonicalize(tools_dir())?.join("measure.mjs");
    std::fs::copy("xtask/lighthouse/measure.mjs", &script)
        .context("cannot copy xtask/lighthouse/measure.mjs")?;
    let measured = Command::new("node")
        .arg(&script)
        .arg(format!("http://127.0.0.1:{port}"))
        .env("CHROME_PATH", "/usr/bin/chromium")
        .current_dir(tools_dir())
        .output();
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let measured = measured.context("cannot run node")?;
    if !measured.status.success() {
        anyhow::bail!(
            "Lighthouse failed: {}",
            String::from_utf8_lossy(&measured.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&measured.stdout);
    let line = stdout.lines().last().unwrap_or("[]");
    let pages: Vec<serde_json::Value> = serde_json::from_str(line).context("Lighthouse output")?;
    table.push_str("\n| page (Lighthouse, mobile) | performance | accessibility | first contentful paint | largest contentful paint | total blocking time | layout shift | speed index |\n|---|---|---|---|---|---|---|---|\n");
    for page in pages {
        table.push_str(&format!(
            "| {} | {} | {} | {:.2} s | {:.2} s | {} ms | {} | {:.2} s |\n",
            page["page"].as_str().unwrap_or("?"),
            page["performance"],
            page["accessibility"],
            page["fcp_ms"].as_f64().unwrap_or(0.0) / 1000.0,
            page["lcp_ms"].as_f64().unwrap_or(0.0) / 1000.0,
            page["tbt_ms"],
            page["cls"],
            page["si_ms"].as_f64().unwrap_or(0.0) / 1000.0,
        ));
    }
    Ok(table)
}
