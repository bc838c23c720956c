//! What the browser tests need on the machine: Debian's Chromium, its chromedriver, and a font
//! with Chinese glyphs (without one, screenshots show empty boxes). Installed with apt when
//! missing, skipped when present.

use crate::{banner, cmd_env, output};

const PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];

fn present() -> bool {
    let browser = output("chromium", &["--version"]).is_some();
    let driver = output("chromedriver", &["--version"]).is_some();
    let font = output("fc-list", &[":lang=zh"]).is_some_and(|fonts| !fonts.trim().is_empty());
    browser && driver && font
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
