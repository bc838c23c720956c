//! Compressed copies of the web app's assets, made once at build time with the strongest settings
//! (`app.wasm.br` at brotli quality 11, `app.wasm.gz` at gzip level 9). The server sends them to
//! browsers that accept them; compressing on every request would have to use fast settings, and
//! the wasm would arrive a quarter larger.

use anyhow::Context;
use std::fs;
use std::io::Write;
use std::path::Path;

/// The kinds of file worth compressing (icons are PNG, already compressed).
const COMPRESSIBLE: [&str; 3] = ["js", "wasm", "css"];

/// Writes `.br` and `.gz` beside every compressible file under `folder`, recursively.
pub fn write_compressed_copies(folder: &Path) -> anyhow::Result<()> {
    let entries =
        fs::read_dir(folder).with_context(|| format!("cannot list {}", folder.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            write_compressed_copies(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        fs::write(with_suffix(&path, "br"), brotli(&bytes)?)?;
        fs::write(with_suffix(&path, "gz"), gzip(&bytes)?)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

fn brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Bytes a browser downloads for some assets: uncompressed, as gzip, as brotli.
#[derive(Clone, Copy, Default)]
pub struct TransferSizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The sizes of the given assets (URL paths under `dist`), read from the compressed copies the
/// server sends.
pub fn transfer_sizes(dist: &Path, assets: &[String]) -> anyhow::Result<TransferSizes> {
    let size_of = |path: &Path| -> anyhow::Result<u64> {
        Ok(fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .len())
    };
    let mut sizes = TransferSizes::default();
    for asset in assets {
        let path = dist.join(asset.trim_start_matches('/'));
        sizes.raw += size_of(&path)?;
        sizes.gzip += size_of(&with_suffix(&path, "gz"))?;
        sizes.brotli += size_of(&with_suffix(&path, "br"))?;
    }
    Ok(sizes)
}
