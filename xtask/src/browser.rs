//! What the web app's tests need on the machine: Debian's Chromium, its chromedriver, and a font
//! with Chinese glyphs (without one, screenshots show empty boxes) for the browser tests; Node for
//! the app's unit tests, which run as WebAssembly. Installed with apt when missing, skipped when
//! present.

use crate::{banner, cmd_env, output};

const PACKAGES: [&str; 4] = ["chromium", "chromium-driver", "fonts-noto-cjk", "nodejs"];

fn present() -> bool {
    let browser = output("chromium", &["--version"]).is_some();
    let driver = output("chromedriver", &["--version"]).is_some();
    let font = output("fc-list", &[":lang=zh"]).is_some_and(|fonts| !fonts.trim().is_empty());
    let node = output("node", &["--version"]).is_some();
    browser && driver && font && node
}

pub fn ensure_installed() -> anyhow::Result<()> {
    if present() {
        return Ok(());
    }
    banner("browser for the web app's tests (apt)");
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(PACKAGES);
    let quiet = [("DEBIAN_FRONTEND", "noninteractive")];
    if cmd_env("apt-get", &install, &quiet).is_err() {
        // A fresh machine may not have package lists yet.
        cmd_env("apt-get", &["update"], &quiet)?;
        cmd_env("apt-get", &install, &quiet)?;
    }
    Ok(())
}
