//! Splits the web app's WebAssembly at its lazy routes into a main module and one chunk per page,
//! with the crate cargo-leptos uses for the same job. The app must be linked with
//! `--emit-relocs` (see `.cargo/config.toml`).

use anyhow::Context;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What the split wrote into its folder.
pub struct Split {
    /// The main module, still to be processed by wasm-bindgen.
    pub main: PathBuf,
    /// For each chunk (the name given in `#[wasm_split(name, …)]`), the files it needs: its own
    /// and those holding code it shares with other chunks.
    pub chunks: BTreeMap<String, Vec<String>>,
}

/// The JavaScript module that loads chunks; the main module imports it under this name and it
/// imports `initSync` from the wasm-bindgen module, so all of them must sit in one folder.
pub const LINK_MODULE: &str = "__wasm_split.js";

/// Code that three or more chunks need stays in the main module. Left to itself, the splitter
/// puts the code each set of chunks shares into a chunk file of its own; a page then downloads a
/// dozen small files, and because each is compressed on its own, about 20 KB more (brotli) than
/// the same code in one file. Measured with the five chunks of session 7: with 3, the largest page
/// download is 226 KB and the home page 168 KB; with 2, 236 and 188 KB; with 4, 238 and 153 KB;
/// with none kept, 248 and 143 KB (bench/results.md).
const MAIN_KEEPS_CODE_SHARED_BY: usize = 3;

/// Chunks only staff open, whose needs that rule does not count: the workspace shares much of
/// its code with the public pages, and counted it would move that code into the main module,
/// which every visitor downloads (4 KB brotli with the first workspace pages, 7 KB with the
/// next). Uncounted, what it shares with one or two public chunks goes to a shared chunk file.
///
/// The workspace's screens are chunks of their own, opened from the `work` chunk (see
/// [`WORK_SECTIONS`]). Code they share with public chunks is filed as if they were one chunk,
/// so the public pages download exactly what they would with a single workspace chunk.
const STAFF_CHUNKS: [&str; 6] = [
    "work",
    "review",
    "handling",
    "intake",
    "office",
    "oversight",
];

/// The chunks opened from inside the `work` chunk's page (`/work/{section}`): a page of one of
/// them downloads the `work` chunk too.
pub const WORK_SECTIONS: [&str; 5] = ["review", "handling", "intake", "office", "oversight"];

/// Splits `input` into `dir`; `bindgen_module` is the file name wasm-bindgen will give its
/// JavaScript module.
pub fn split(input: &Path, dir: &Path, bindgen_module: &str) -> anyhow::Result<Split> {
    let wasm = fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
    let main = dir.join("main.wasm");
    let main_module = format!("./{bindgen_module}");
    let link_name = format!("./{LINK_MODULE}");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = &link_name;
    options.main_keeps_code_shared_by = MAIN_KEEPS_CODE_SHARED_BY;
    options.main_ignores_needs_of = STAFF_CHUNKS.iter().map(|c| c.to_string()).collect();
    options.ignored_modules_share_files = true;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("splitting the web app failed: {e:?}"))?;
    // wasm-bindgen drops the debugging names of the main module; the chunks need the same.
    for chunk in &split.split_modules {
        strip_debugging_sections(chunk)?;
    }
    let chunks = split
        .prefetch_map
        .into_iter()
        .map(|(chunk, files)| (chunk, files.into_iter().map(|f| f + ".wasm").collect()))
        .collect();
    Ok(Split { main, chunks })
}

/// Rewrites a wasm file without its `name`, `producers` and DWARF sections: they only help a
/// debugger and would otherwise be most of a chunk's download.
fn strip_debugging_sections(path: &Path) -> anyhow::Result<()> {
    use wasmparser::{Parser, Payload};
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut module = wasm_encoder::Module::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        let payload = payload.with_context(|| format!("cannot parse {}", path.display()))?;
        if let Payload::CustomSection(section) = &payload {
            let name = section.name();
            if name == "name" || name == "producers" || name.starts_with(".debug") {
                continue;
            }
        }
        if let Some((id, range)) = payload.as_section() {
            let range = usize::try_from(range.start)?..usize::try_from(range.end)?;
            module.section(&wasm_encoder::RawSection {
                id,
                data: &bytes[range],
            });
        }
    }
    fs::write(path, module.finish()).with_context(|| format!("cannot write {}", path.display()))
}
