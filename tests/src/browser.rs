//! Browser tests: Debian's Chromium, driven through chromedriver (WebDriver) at a phone's size,
//! against the real server serving the built web app (`cargo xtask web` builds `web/dist`).

use crate::TestApp;
use fantoccini::{Client, ClientBuilder, Locator};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The built web app; the browser tests need it.
pub fn web_dist() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/dist")
}

/// A phone-sized Chromium session; chromedriver is stopped when this is dropped.
pub struct Phone {
    pub client: Client,
    pub base: String,
    driver: Child,
    profile: tempfile::TempDir,
}

impl Drop for Phone {
    fn drop(&mut self) {
        // chromedriver runs in a process group of its own, with the Chromium it started; killing
        // only chromedriver would leave the browser and its renderers running after every test.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The screen a browser test runs on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Phone,
    Desk,
}

impl Phone {
    /// Opens Chromium at 390 × 844 (a common phone) on the test server.
    pub async fn open(app: &TestApp) -> Phone {
        Phone::open_as(app, Screen::Phone).await
    }

    /// Opens Chromium as a desk screen of 1280 × 800 (a credit office's computer).
    pub async fn open_desk(app: &TestApp) -> Phone {
        Phone::open_as(app, Screen::Desk).await
    }

    async fn open_as(app: &TestApp, screen: Screen) -> Phone {
        assert!(
            web_dist().join("index.html").is_file(),
            "the web app is not built: run `cargo xtask web` (cargo xtask test does)"
        );
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver; cargo xtask test installs it)");
        let profile = tempfile::tempdir().expect("profile folder");
        let mut capabilities = serde_json::Map::new();
        let mut options = serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=zh-CN",
                format!("--user-data-dir={}", profile.path().display()),
                "--window-size=1280,800",
            ],
            // Files the page downloads land in the profile's folder (see `downloaded`).
            "prefs": {
                "download.default_directory": profile.path().join("downloads").display().to_string(),
                "download.prompt_for_download": false,
            },
        });
        if screen == Screen::Phone {
            options["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true },
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"
            });
        }
        capabilities.insert("goog:chromeOptions".to_string(), options);
        let mut last_error = String::new();
        for _ in 0..50 {
            let mut builder =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            builder.capabilities(capabilities.clone());
            match builder.connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => {
                    return Phone {
                        client,
                        base: app.address.clone(),
                        driver,
                        profile,
                    };
                }
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not start a session: {last_error}");
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("navigates");
    }

    /// Waits (up to 15 s) for an element and returns it.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Types into the element `css` names (once it is there).
    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// Clicks the link `css` names and waits (up to 15 s) for the file it downloads; its bytes.
    pub async fn download(&self, css: &str) -> Vec<u8> {
        let folder = self.profile.path().join("downloads");
        self.click(css).await;
        for _ in 0..150 {
            let finished = std::fs::read_dir(&folder).ok().and_then(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|ext| ext != "crdownload"))
            });
            if let Some(path) = finished {
                tokio::time::sleep(Duration::from_millis(100)).await;
                return std::fs::read(&path).expect("downloaded file");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} downloaded nothing into {}", folder.display());
    }

    /// Empties the field `css` names and types `text` into it.
    pub async fn retype(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("cannot clear {css}: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// Clicks the element `css` names (once it is there).
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Waits until an element's text contains `text`; returns the whole text.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> String {
        let mut last = String::new();
        for _ in 0..150 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(text) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed “{text}”; last: “{last}”");
    }

    /// The WebAssembly files this page has fetched (file names), to check which chunks of the
    /// app a page needed.
    pub async fn fetched_wasm(&self) -> Vec<String> {
        let names = self
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)\
                 .filter(p => p.endsWith('.wasm')).map(p => p.split('/').pop())",
                vec![],
            )
            .await
            .expect("resource timing");
        serde_json::from_value(names).expect("a list of names")
    }

    /// The bytes the network carried for the resource whose path ends with `name` (its body as
    /// sent, compressed or not), from resource timing.
    pub async fn downloaded_bytes(&self, name: &str) -> u64 {
        let size = self
            .client
            .execute(
                "return performance.getEntriesByType('resource')\
                 .filter(e => new URL(e.name).pathname.endsWith('/' + arguments[0]))\
                 .map(e => e.encodedBodySize)[0] ?? null",
                vec![serde_json::json!(name)],
            )
            .await
            .expect("resource timing");
        size.as_u64()
            .unwrap_or_else(|| panic!("{name} was not fetched"))
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Keeps a screenshot of the page for the README when `CHENGXIN_UPDATE_SCREENSHOTS` is set.
    pub async fn screenshot(&self, name: &str) {
        if std::env::var_os("CHENGXIN_UPDATE_SCREENSHOTS").is_none() {
            return;
        }
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshots folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }
}
