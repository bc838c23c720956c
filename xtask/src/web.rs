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
    let target = crate::target_dir();
    let bindgen_dir = target.join("web-bindgen");
    let bindgen = bindgen_dir.as_path();
    let wasm_file = target.join("wasm32-unknown-unknown/wasm-release/chengxin_web.wasm");
    if bindgen.exists() {
        fs::remove_dir_all(bindgen).context("cannot clear target/web-bindgen")?;
    }
    cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-dir",
            &bindgen.to_string_lossy(),
            &wasm_file.to_string_lossy(),
        ],
    )?;
    let dist = Path::new("web/dist");
    if dist.exists() {
        fs::remove_dir_all(dist).context("cannot clear web/dist")?;
    }
    fs::create_dir_all(dist.join("assets")).context("cannot create web/dist/assets")?;
    fs::create_dir_all(dist.join("icons")).context("cannot create web/dist/icons")?;

    // Content-hashed names: the server lets browsers keep /assets/ for a year.
    let js = hashed_asset(dist, "chengxin_web", "js", &bindgen.join("chengxin_web.js"))?;
    let wasm = hashed_asset(
        dist,
        "chengxin_web_bg",
        "wasm",
        &bindgen.join("chengxin_web_bg.wasm"),
    )?;
    let css = hashed_asset(dist, "style", "css", Path::new("web/style.css"))?;
    let index = fs::read_to_string("web/index.html")
        .context("cannot read web/index.html")?
        .replace("{{js}}", &js)
        .replace("{{wasm}}", &wasm)
        .replace("{{css}}", &css);
    fs::write(dist.join("index.html"), index).context("cannot write index.html")?;
    fs::copy(
        "web/manifest.webmanifest",
        dist.join("manifest.webmanifest"),
    )
    .context("cannot copy web/manifest.webmanifest")?;
    crate::icons::write_icons(&dist.join("icons"))?;

    let shell = [
        "/",
        js.as_str(),
        wasm.as_str(),
        css.as_str(),
        "/manifest.webmanifest",
        "/icons/icon-192.png",
    ];
    let version = short_hash(format!("{js}{wasm}{css}").as_bytes());
    let shell_json = format!(
        "[{}]",
        shell
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let worker = fs::read_to_string("web/sw.js")
        .context("cannot read web/sw.js")?
        .replace("{{version}}", &version)
        .replace("{{shell}}", &shell_json);
    fs::write(dist.join("sw.js"), worker).context("cannot write sw.js")?;

    let sizes = transfer_sizes(dist, &[&js, &wasm])?;
    println!(
        "web app built: web/dist ({} KB of wasm + JS, {} KB gzip-compressed)",
        sizes.0 / 1024,
        sizes.1 / 1024
    );
    Ok(())
}

fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))[..10].to_string()
}

/// Copies `source` to `dist/assets/{stem}-{hash}.{ext}`; returns its URL path.
fn hashed_asset(dist: &Path, stem: &str, ext: &str, source: &Path) -> anyhow::Result<String> {
    let bytes = fs::read(source).with_context(|| format!("cannot read {}", source.display()))?;
    let name = format!("{stem}-{}.{ext}", short_hash(&bytes));
    fs::write(dist.join("assets").join(&name), bytes)
        .with_context(|| format!("cannot write {name}"))?;
    Ok(format!("/assets/{name}"))
}

/// Raw and gzip-compressed bytes of the given assets (URL paths under `dist`).
pub fn transfer_sizes(dist: &Path, assets: &[&str]) -> anyhow::Result<(u64, u64)> {
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;
    let (mut raw, mut compressed) = (0u64, 0u64);
    for asset in assets {
        let bytes = fs::read(dist.join(asset.trim_start_matches('/')))
            .with_context(|| format!("cannot read {asset}"))?;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&bytes)?;
        raw += bytes.len() as u64;
        compressed += encoder.finish()?.len() as u64;
    }
    Ok((raw, compressed))
}
