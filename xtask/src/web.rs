//! Builds the web app without trunk: cargo for wasm32, then wasm-bindgen, into `web/dist`.

use crate::{banner, cmd, output};
use anyhow::{Context, bail};
use std::fs;
use std::path::Path;

const TARGET: &str = "wasm32-unknown-unknown";

pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == TARGET) {
        cmd("rustup", &["target", "add", TARGET])?;
    }
    Ok(())
}

/// The `wasm-bindgen` crate version the lock file pins; the CLI must match it exactly.
fn pinned_wasm_bindgen() -> anyhow::Result<String> {
    let lock = fs::read_to_string("Cargo.lock").context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_string());
        }
    }
    bail!("Cargo.lock does not pin wasm-bindgen")
}

fn ensure_wasm_bindgen_cli() -> anyhow::Result<()> {
    let version = pinned_wasm_bindgen()?;
    let present = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if present.split_whitespace().nth(1) == Some(version.as_str()) {
        return Ok(());
    }
    // Without --locked: with it, a pinned dependency of the CLI is missing from the registry mirror.
    cmd(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &version],
    )
}

pub fn build() -> anyhow::Result<()> {
    banner("web app");
    ensure_wasm_target()?;
    ensure_wasm_bindgen_cli()?;
    cmd(
        "cargo",
        &[
            "build",
            "-p",
            "chengxin-web",
            "--target",
            TARGET,
            "--profile",
            "wasm-release",
        ],
    )?;
    let dist = Path::new("web/dist");
    if dist.exists() {
        fs::remove_dir_all(dist).context("cannot clear web/dist")?;
    }
    fs::create_dir_all(dist).context("cannot create web/dist")?;
    cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-dir",
            "web/dist",
            "target/wasm32-unknown-unknown/wasm-release/chengxin_web.wasm",
        ],
    )?;
    for file in ["index.html", "style.css"] {
        fs::copy(Path::new("web").join(file), dist.join(file))
            .with_context(|| format!("cannot copy web/{file}"))?;
    }
    let wasm = fs::metadata(dist.join("chengxin_web_bg.wasm"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "web app built: web/dist ({} KB of wasm before compression)",
        wasm / 1024
    );
    Ok(())
}
