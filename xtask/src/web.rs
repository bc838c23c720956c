//! Builds the web app without trunk: cargo for wasm32, then wasm-bindgen, into `web/dist`.

use crate::precompress::transfer_sizes;
use crate::{banner, cmd, output};
use anyhow::{Context, bail};
use std::collections::{BTreeMap, BTreeSet};
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

pub fn build() -> anyhow::Result<AppFiles> {
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
    let wasm_file = target.join("wasm32-unknown-unknown/wasm-release/chengxin_web.wasm");
    let work = target.join("web-bindgen");
    if work.exists() {
        fs::remove_dir_all(&work).context("cannot clear target/web-bindgen")?;
    }
    fs::create_dir_all(&work).context("cannot create target/web-bindgen")?;
    let split = crate::wasm_split::split(&wasm_file, &work, &format!("{APP}.js"))?;
    cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            // The chunks call into the main module through the linker's exports.
            "--keep-lld-exports",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-name",
            APP,
            "--out-dir",
            &work.to_string_lossy(),
            &split.main.to_string_lossy(),
        ],
    )?;
    fs::remove_file(&split.main).context("cannot remove the unprocessed main module")?;

    let dist = Path::new("web/dist");
    if dist.exists() {
        fs::remove_dir_all(dist).context("cannot clear web/dist")?;
    }
    fs::create_dir_all(dist.join("icons")).context("cannot create web/dist/icons")?;
    // The modules find each other by relative paths, so they share one folder, named by a hash
    // of all of them: the server lets browsers keep /assets/ for a year.
    let app = AppFiles::copy(&work, &dist.join("assets"), split.chunks)?;
    let js = app.url(&format!("{APP}.js"));
    let wasm = app.url(&format!("{APP}_bg.wasm"));
    let css = hashed_asset(dist, "style", "css", Path::new("web/style.css"))?;
    let boot_script = fs::read_to_string("web/boot.js")
        .context("cannot read web/boot.js")?
        .replace("{{js}}", &js)
        .replace("{{wasm}}", &wasm)
        .replace("{{chunks}}", &app.chunk_urls_json()?);
    let boot = hashed_file(dist, "boot", "js", boot_script.as_bytes())?;
    let index = fs::read_to_string("web/index.html")
        .context("cannot read web/index.html")?
        .replace("{{js}}", &js)
        .replace("{{wasm}}", &wasm)
        .replace("{{css}}", &css)
        .replace("{{boot}}", &boot);
    fs::write(dist.join("index.html"), index).context("cannot write index.html")?;
    fs::copy(
        "web/manifest.webmanifest",
        dist.join("manifest.webmanifest"),
    )
    .context("cannot copy web/manifest.webmanifest")?;
    crate::icons::write_icons(&dist.join("icons"))?;

    // Every page's chunk is in the shell too: a page first opened offline still has its code.
    let mut shell = vec![
        "/".to_string(),
        css.clone(),
        boot.clone(),
        "/manifest.webmanifest".into(),
        "/icons/icon-192.png".into(),
    ];
    shell.extend(app.urls());
    let version = short_hash(format!("{}{css}{boot}", app.folder).as_bytes());
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

    crate::precompress::write_compressed_copies(&dist.join("assets"))?;
    let first = transfer_sizes(dist, &app.first_download())?;
    let all = transfer_sizes(dist, &app.urls())?;
    println!(
        "web app built: web/dist (first download {} KB of wasm + JS, {} KB as brotli, {} KB as \
         gzip; with the {} chunks {} KB, {} KB brotli)",
        first.raw / 1024,
        first.brotli / 1024,
        first.gzip / 1024,
        app.chunks.len(),
        all.raw / 1024,
        all.brotli / 1024
    );
    for chunk in app.chunks.keys() {
        let page = transfer_sizes(dist, &app.page_download(chunk)?)?;
        println!(
            "  a page in chunk `{chunk}` downloads {} KB as brotli, {} KB as gzip",
            page.brotli / 1024,
            page.gzip / 1024
        );
    }
    Ok(app)
}

/// The file name (without extension) wasm-bindgen gives the app's modules.
const APP: &str = "chengxin_web";

/// The app's JavaScript and WebAssembly files in their folder under `/assets/`.
pub struct AppFiles {
    /// URL path of the folder, e.g. `/assets/app-0123456789`.
    pub folder: String,
    /// The files every page loads: wasm-bindgen's module, the main wasm, the chunk loader.
    pub main: Vec<String>,
    /// The files of each chunk of lazy routes (see `wasm_split::Split`).
    pub chunks: BTreeMap<String, Vec<String>>,
}

impl AppFiles {
    /// Copies the app's files from `work` into `assets/app-{hash}/`.
    fn copy(
        work: &Path,
        assets: &Path,
        chunks: BTreeMap<String, Vec<String>>,
    ) -> anyhow::Result<AppFiles> {
        let mut names: Vec<String> = fs::read_dir(work)
            .context("cannot list target/web-bindgen")?
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| name.ends_with(".js") || name.ends_with(".wasm"))
            .collect();
        names.sort();
        let mut hasher_input = Vec::new();
        for name in &names {
            hasher_input.extend_from_slice(name.as_bytes());
            hasher_input
                .extend(fs::read(work.join(name)).with_context(|| format!("cannot read {name}"))?);
        }
        let folder = format!("app-{}", short_hash(&hasher_input));
        let target = assets.join(&folder);
        fs::create_dir_all(&target)
            .with_context(|| format!("cannot create {}", target.display()))?;
        for name in &names {
            fs::copy(work.join(name), target.join(name))
                .with_context(|| format!("cannot copy {name}"))?;
        }
        let main = vec![
            format!("{APP}.js"),
            format!("{APP}_bg.wasm"),
            crate::wasm_split::LINK_MODULE.to_string(),
        ];
        Ok(AppFiles {
            folder: format!("/assets/{folder}"),
            main,
            chunks,
        })
    }

    pub fn url(&self, name: &str) -> String {
        format!("{}/{name}", self.folder)
    }

    pub fn first_download(&self) -> Vec<String> {
        self.main.iter().map(|n| self.url(n)).collect()
    }

    /// All files: the first download and every chunk's.
    pub fn urls(&self) -> Vec<String> {
        let chunk_files: BTreeSet<&String> = self.chunks.values().flatten().collect();
        self.main
            .iter()
            .chain(chunk_files)
            .map(|n| self.url(n))
            .collect()
    }

    /// `{"chunk": ["/assets/…/split_chunk.wasm", …], …}`: the files of each chunk, for the page
    /// to start fetching its chunk at once when it is opened directly.
    fn chunk_urls_json(&self) -> anyhow::Result<String> {
        let chunks: BTreeMap<&String, Vec<String>> = self
            .chunks
            .iter()
            .map(|(chunk, files)| (chunk, files.iter().map(|f| self.url(f)).collect()))
            .collect();
        serde_json::to_string(&chunks).context("cannot write the chunk list")
    }

    /// What a page in `chunk` downloads: the first download and that chunk's files. An unknown
    /// chunk is an error, not the first download alone: a renamed chunk must not pass a budget.
    /// A workspace screen's page also downloads the `work` chunk it is opened from.
    pub fn page_download(&self, chunk: &str) -> anyhow::Result<Vec<String>> {
        let files_of = |chunk: &str| {
            self.chunks
                .get(chunk)
                .with_context(|| format!("the web app has no chunk named `{chunk}`"))
        };
        let mut files: Vec<&String> = self.main.iter().chain(files_of(chunk)?).collect();
        if crate::wasm_split::WORK_SECTIONS.contains(&chunk) {
            for file in files_of("work")? {
                if !files.contains(&file) {
                    files.push(file);
                }
            }
        }
        Ok(files.into_iter().map(|n| self.url(n)).collect())
    }
}

fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))[..10].to_string()
}

/// Copies `source` to `dist/assets/{stem}-{hash}.{ext}`; returns its URL path.
fn hashed_asset(dist: &Path, stem: &str, ext: &str, source: &Path) -> anyhow::Result<String> {
    let bytes = fs::read(source).with_context(|| format!("cannot read {}", source.display()))?;
    hashed_file(dist, stem, ext, &bytes)
}

/// Writes `bytes` under `/assets/` with a hash of them in the name; the URL path.
fn hashed_file(dist: &Path, stem: &str, ext: &str, bytes: &[u8]) -> anyhow::Result<String> {
    let name = format!("{stem}-{}.{ext}", short_hash(bytes));
    fs::write(dist.join("assets").join(&name), bytes)
        .with_context(|| format!("cannot write {name}"))?;
    Ok(format!("/assets/{name}"))
}
