//! The web app in a real browser (Chromium at a phone's size) against the real server and the
//! demo district: search → detail; sign in → my score and its explanation; file an objection with
//! a photo → track it; switch the language.

use chengxin_tests::TestApp;
use chengxin_tests::browser::{Phone, web_dist};
use serde_json::Value;

async fn app() -> TestApp {
    TestApp::with_demo_and_config(|c| c.web_dir = web_dist()).await
}

#[tokio::test]
async fn a_citizen_searches_by_name_and_opens_a_listing() {
    let app = app().await;
    let phone = Phone::open(&app).await;
    phone.goto("/").await;
    phone.wait_for_text(".entries", "严重失信主体名单").await;
    phone.screenshot("home").await;
    // The home page needs the first download only.
    let wasm = phone.fetched_wasm().await;
    assert_eq!(wasm, ["chengxin_web_bg.wasm"], "{wasm:?}");
    phone.type_into("#q", "房地产").await;
    phone.click("form.search button[type=submit]").await;
    let first = phone.find("a.card[href^='/serious-breach/']").await;
    assert!(
        phone.path().await.starts_with("/search?q="),
        "{}",
        phone.path().await
    );
    let name = first
        .find(fantoccini::Locator::Css("strong"))
        .await
        .expect("name")
        .text()
        .await
        .expect("text");
    assert!(name.contains("房地产"), "{name}");
    phone.screenshot("search").await;
    first.click().await.expect("open");
    phone.wait_for_text("h1", &name).await;
    phone.wait_for_text("dl.fields", "认定部门").await;
    assert!(phone.path().await.starts_with("/serious-breach/"));
    phone.screenshot("listing").await;
    // The search and the registers came as their own chunks (with code they share with other
    // pages); the sign-in, signed-in and objection chunks were never fetched.
    let wasm = phone.fetched_wasm().await;
    let mut pages: Vec<&str> = wasm
        .iter()
        .map(String::as_str)
        .filter(|file| file.starts_with("split_"))
        .collect();
    pages.sort_unstable();
    assert_eq!(
        pages,
        ["split_registers.wasm", "split_search.wasm"],
        "{wasm:?}"
    );
    // And it came as the build compressed it with brotli, not as the raw module.
    let brotli_copy = std::fs::read_dir(web_dist().join("assets"))
        .expect("assets")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("chengxin_web_bg.wasm.br"))
        .find(|p| p.is_file())
        .expect("the build's brotli copy of the app");
    assert_eq!(
        phone.downloaded_bytes("chengxin_web_bg.wasm").await,
        std::fs::metadata(brotli_copy).expect("size").len()
    );
}

#[tokio::test]
async fn a_civil_servant_signs_in_and_sees_the_score_explained() {
    let app = app().await;
    let token = app.demo_token("demo-servant").await;
    let score: Value = app
        .get_as("/api/v1/me/score", &token)
        .await
        .json()
        .await
        .expect("score");
    let phone = Phone::open(&app).await;
    phone.goto("/me").await;
    // Not signed in: sent to the sign-in page.
    phone.type_into("#username", "demo-servant").await;
    assert_eq!(phone.path().await, "/login");
    phone.type_into("#password", "Chengxin-Demo-2026").await;
    phone.click("form button[type=submit]").await;
    let shown = phone
        .wait_for_text("[data-testid=score]", &score["score"].to_string())
        .await;
    assert_eq!(shown.trim(), score["score"].to_string());
    let lines = phone
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=counting] li"))
        .await
        .expect("lines");
    assert_eq!(
        lines.len(),
        score["counting"].as_array().map(Vec::len).unwrap_or(0),
        "every counting item is explained"
    );
    phone.find("[data-testid=history-chart]").await;
    phone.screenshot("my-credit").await;
    // The sign-in page and the signed-in pages came as chunks of their own, fetched when first
    // opened.
    let wasm = phone.fetched_wasm().await;
    assert!(wasm.iter().any(|w| w == "split_login.wasm"), "{wasm:?}");
    assert!(wasm.iter().any(|w| w == "split_me.wasm"), "{wasm:?}");
    assert!(!wasm.iter().any(|w| w == "split_cases.wasm"), "{wasm:?}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let layout = layout_problems(&phone).await;
    assert_eq!(
        layout["small"],
        serde_json::json!([]),
        "my credit: {layout}"
    );
    assert_eq!(layout["sideways"], false);

    // Still signed in after a reload (the refresh token is kept; the access token is renewed).
    phone.client.refresh().await.expect("reload");
    phone
        .wait_for_text("[data-testid=score]", &score["score"].to_string())
        .await;

    // Object to one of my own records: signed in, no name or phone is asked for.
    phone.click("a[href^='/objection'][href$='mine=1']").await;
    phone
        .type_into("#reason", "该处分已于上月撤销，附撤销决定")
        .await;
    assert!(
        phone
            .client
            .find(fantoccini::Locator::Css("#filer-phone"))
            .await
            .is_err(),
        "the account is the filer"
    );
    phone.click("form.stack button[type=submit]").await;
    let ticket = phone
        .find("[data-testid=ticket]")
        .await
        .text()
        .await
        .expect("ticket");
    phone.goto("/me").await;
    phone.wait_for_text("[data-testid=my-cases]", &ticket).await;
}

#[tokio::test]
async fn an_objection_with_a_photo_is_filed_from_a_penalty_and_tracked() {
    let app = app().await;
    let page: Value = app.get_json("/api/v1/public/penalties?limit=20", 200).await;
    let penalty = page["items"]
        .as_array()
        .and_then(|items| items.iter().find(|p| p["record_id"].is_i64()))
        .expect("a published penalty with its record")
        .clone();
    let phone = Phone::open(&app).await;
    phone.goto(&format!("/penalties/{}", penalty["id"])).await;
    phone
        .wait_for_text("dl.fields", penalty["decision_no"].as_str().unwrap_or("?"))
        .await;
    // When it was published, in working days after the decision (双公示时效).
    phone
        .wait_for_text(
            "dl.fields",
            &format!("决定后 {} 个工作日", penalty["publication_working_days"]),
        )
        .await;
    phone.click("a[href^='/objection']").await;

    phone.type_into("#proposed-0", "更正后的标题").await;
    phone
        .type_into("#reason", "处罚决定书文号与原件不符，附原件照片")
        .await;
    phone.type_into("#filer-name", "王小明").await;
    phone.type_into("#filer-phone", "13800138000").await;
    let photo = web_dist()
        .join("icons/icon-192.png")
        .canonicalize()
        .expect("a PNG file");
    phone
        .type_into("#evidence", &photo.display().to_string())
        .await;
    phone.screenshot("objection").await;
    phone.click("form.stack button[type=submit]").await;

    let ticket = phone
        .find("[data-testid=ticket]")
        .await
        .text()
        .await
        .expect("ticket");
    let code = phone
        .find("[data-testid=query-code]")
        .await
        .text()
        .await
        .expect("code");
    assert!(ticket.starts_with("YY"), "{ticket}");
    assert_eq!(code.len(), 8, "{code}");
    phone.screenshot("receipt").await;
    let evidence = app
        .store
        .dump_text(&format!(
            "SELECT e.media_type FROM case_evidence e JOIN objections o ON o.id = e.case_id
             WHERE e.case_kind = 'objection' AND o.ticket_no = '{ticket}'"
        ))
        .await
        .expect("evidence");
    assert_eq!(evidence, vec!["image/png".to_string()], "the photo is kept");

    phone.click("a.button[href^='/track']").await;
    phone
        .wait_for_text("[data-testid=case-status]", "已提交")
        .await;
    phone.screenshot("track").await;

    // The penalty now shows as disputed to everyone.
    phone.goto(&format!("/penalties/{}", penalty["id"])).await;
    phone.wait_for_text(".badge.warn", "异议处理中").await;
}

/// A camera-sized picture: 3,000 × 2,000 pixels of a gradient with sensor-like noise, which PNG
/// cannot compress well (over the server's 5 MB limit as it is).
fn camera_photo(path: &std::path::Path) {
    let (w, h) = (3000u32, 2000u32);
    let mut seed: u32 = 2026;
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = (seed >> 27) as u8;
            pixels.push(((x * 255 / w) as u8).saturating_add(noise));
            pixels.push(((y * 255 / h) as u8).saturating_add(noise));
            pixels.push(128u8.saturating_add(noise));
        }
    }
    let file = std::fs::File::create(path).expect("photo file");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&pixels).expect("pixels");
}

#[tokio::test]
async fn a_large_phone_photo_is_shrunk_in_the_browser_before_upload() {
    let app = app().await;
    let folder = tempfile::tempdir().expect("folder");
    let photo = folder.path().join("IMG_20261122_093000.png");
    camera_photo(&photo);
    let original = std::fs::metadata(&photo).expect("size").len();
    assert!(
        original > 5 * 1024 * 1024,
        "the photo is over the limit as it is: {original}"
    );
    let page: Value = app.get_json("/api/v1/public/penalties?limit=20", 200).await;
    let record = page["items"]
        .as_array()
        .and_then(|items| items.iter().find_map(|p| p["record_id"].as_i64()))
        .expect("a published penalty with its record");

    let phone = Phone::open(&app).await;
    phone.goto(&format!("/objection?record={record}")).await;
    phone.type_into("#reason", "照片为处罚决定书原件").await;
    phone.type_into("#filer-name", "王小明").await;
    phone.type_into("#filer-phone", "13800138000").await;
    phone
        .type_into("#evidence", &photo.display().to_string())
        .await;
    phone.click("form.stack button[type=submit]").await;
    let ticket = phone
        .find("[data-testid=ticket]")
        .await
        .text()
        .await
        .expect("ticket");

    let stored = app
        .store
        .dump_text(&format!(
            "SELECT e.media_type || ' ' || e.file_name || ' ' || CAST(e.size_bytes AS TEXT)
             FROM case_evidence e JOIN objections o ON o.id = e.case_id
             WHERE e.case_kind = 'objection' AND o.ticket_no = '{ticket}'"
        ))
        .await
        .expect("evidence");
    assert_eq!(stored.len(), 1, "{stored:?}");
    let parts: Vec<&str> = stored[0].split(' ').collect();
    assert_eq!(parts[0], "image/jpeg", "{stored:?}");
    assert_eq!(parts[1], "IMG_20261122_093000.jpg");
    let size: u64 = parts[2].parse().expect("size");
    assert!(
        size < original / 3,
        "shrunk from {original} to {size} bytes"
    );
}

#[tokio::test]
async fn the_language_switches_to_english_and_stays() {
    let app = app().await;
    let phone = Phone::open(&app).await;
    phone.goto("/").await;
    phone.wait_for_text(".entries", "严重失信主体名单").await;
    phone.click("[data-testid=language]").await;
    phone.wait_for_text(".brand-name", "Chengxin").await;
    phone
        .wait_for_text(".entries", "Serious-breach lists")
        .await;
    let lang = phone
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("lang");
    assert_eq!(lang, "en");
    phone.client.refresh().await.expect("reload");
    phone.wait_for_text(".brand-name", "Chengxin").await;
    phone.click("[data-testid=language]").await;
    phone.wait_for_text(".brand-name", "诚信").await;
}

/// Touch targets smaller than 44 × 44 px, and whether the page scrolls sideways, on the page now
/// shown. Hidden elements (the skip link, visually hidden labels) do not count.
async fn layout_problems(phone: &Phone) -> Value {
    phone
        .client
        .execute(
            r#"
            const small = [];
            for (const el of document.querySelectorAll('a, button, input, select, textarea, summary')) {
                const r = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
                if (el.classList.contains('skip') || r.left < -100) continue;
                if (el.type === 'checkbox') continue;
                if (r.height < 43.5 || r.width < 43.5) small.push(el.outerHTML.slice(0, 80) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
            }
            return {
                small,
                sideways: document.documentElement.scrollWidth > window.innerWidth + 1,
            };
            "#,
            vec![],
        )
        .await
        .expect("measured")
}

#[tokio::test]
async fn pages_keep_44_pixel_targets_and_fit_the_phone_even_at_double_text_size() {
    let app = app().await;
    let page: Value = app.get_json("/api/v1/public/penalties?limit=1", 200).await;
    let penalty = page["items"][0]["id"].clone();
    let phone = Phone::open(&app).await;
    for path in [
        "/".to_string(),
        "/serious-breach".to_string(),
        format!("/penalties/{penalty}"),
        "/objection?record=1".to_string(),
    ] {
        phone.goto(&path).await;
        phone.find("main h1, main .hero").await;
        // Let the page's data arrive before measuring.
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        let normal = layout_problems(&phone).await;
        assert_eq!(normal["small"], serde_json::json!([]), "{path}: {normal}");
        assert_eq!(normal["sideways"], false, "{path} scrolls sideways");
        // 200 % text: what a phone's largest font setting or the large-text mode does.
        phone
            .client
            .execute("document.documentElement.style.fontSize = '34px'", vec![])
            .await
            .expect("bigger text");
        let large = layout_problems(&phone).await;
        assert_eq!(
            large["sideways"], false,
            "{path} scrolls sideways at 200 %: {large}"
        );
    }
}

#[tokio::test]
async fn a_departments_profile_shows_how_promptly_it_publishes() {
    let app = app().await;
    let (name, uscc) = app.organisation_of_account("demo-reporter").await;
    let profile: Value = app
        .get_json(&format!("/api/v1/public/organisations/{uscc}/profile"), 200)
        .await;
    let published = profile["publication"]["penalties"]["published"].clone();
    let phone = Phone::open(&app).await;
    phone.goto(&format!("/org/{uscc}")).await;
    phone.wait_for_text("h1", &name).await;
    phone.wait_for_text("main", "双公示时效").await;
    phone.wait_for_text("main", &published.to_string()).await;
}

#[tokio::test]
async fn a_list_opened_directly_uses_the_page_and_the_code_it_asked_for_while_loading() {
    let app = app().await;
    let first: Value = app.get_json("/api/v1/public/penalties", 200).await;
    let name = first["items"][0]["subject"]["name"]
        .as_str()
        .expect("a penalty")
        .to_string();
    let phone = Phone::open(&app).await;
    phone.goto("/penalties").await;
    phone.wait_for_text("main", &name).await;
    // The boot script's request was taken by the app, not left behind and asked again.
    let left = phone
        .client
        .execute(
            "return [window.cxPrefetch === undefined, window.cxPrefetchUsed || null]",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(left, serde_json::json!([true, "/api/v1/public/penalties"]));
    // The list's chunk was fetched once, by the boot script's preload beside the main module,
    // and the app's chunk loader used that download.
    let fetched = phone
        .client
        .execute(
            "return performance.getEntriesByType('resource')\
             .filter(e => e.name.endsWith('/split_registers.wasm')).map(e => e.initiatorType)",
            vec![],
        )
        .await
        .expect("resource timing");
    assert_eq!(fetched, serde_json::json!(["link"]));
}

/// Copies the built app without the chunk of the sign-in page, as a phone that went offline
/// before ever opening it would find it.
fn app_without_sign_in_chunk() -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("folder");
        for entry in std::fs::read_dir(from).expect("web/dist") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else if entry.file_name() != "split_login.wasm" {
                std::fs::copy(entry.path(), target).expect("copied");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    copy(&web_dist(), dir.path());
    dir
}

#[tokio::test]
async fn a_page_whose_code_cannot_be_fetched_says_so_and_the_app_keeps_working() {
    let dist = app_without_sign_in_chunk();
    let app = TestApp::with_demo_and_config(|c| c.web_dir = dist.path().to_path_buf()).await;
    let phone = Phone::open(&app).await;
    phone.goto("/").await;
    phone.wait_for_text(".entries", "严重失信主体名单").await;
    phone.click("a[href='/login']").await;
    phone.wait_for_text("main", "页面暂时打不开").await;
    // The rest of the app still works: back home and on to a public list.
    phone.click("main a[href='/']").await;
    phone.wait_for_text(".entries", "严重失信主体名单").await;
    phone.goto("/penalties").await;
    phone.find("a.card[href^='/penalties/']").await;
}

/// Whether the page shows an error box (an answer that failed or could not be read).
async fn shows_an_error(phone: &Phone) -> Option<String> {
    let errors = phone
        .client
        .find_all(fantoccini::Locator::Css(".error"))
        .await
        .expect("query");
    match errors.first() {
        Some(error) => Some(error.text().await.unwrap_or_default()),
        None => None,
    }
}

#[tokio::test]
async fn every_register_shows_its_list_and_an_entry_and_the_credit_check_finds_a_body() {
    let app = app().await;
    let phone = Phone::open(&app).await;
    for register in ["serious-breach", "commitments", "penalties", "licences"] {
        let first: Value = app
            .get_json(&format!("/api/v1/public/{register}"), 200)
            .await;
        let entry = &first["items"][0];
        let id = entry["id"].as_i64().expect("an id");
        let name = entry["subject"]["name"].as_str().expect("a subject");
        phone.goto(&format!("/{register}")).await;
        phone.wait_for_text("main", name).await;
        phone
            .click(&format!("a.card[href='/{register}/{id}']"))
            .await;
        phone.wait_for_text("h1", name).await;
        phone.find("dl.fields").await;
        assert_eq!(shows_an_error(&phone).await, None, "{register}/{id}");
    }
    // A commitment's page shows how it is being kept.
    let commitment: Value = app.get_json("/api/v1/public/commitments", 200).await;
    let id = commitment["items"][0]["id"].as_i64().expect("an id");
    phone.goto(&format!("/commitments/{id}")).await;
    phone.find("ol.timeline").await;

    // The credit check by name leads to the body's integrity profile.
    let listed: Value = app.get_json("/api/v1/public/serious-breach", 200).await;
    let subject = &listed["items"][0]["subject"];
    let name = subject["name"].as_str().expect("a name");
    phone.goto("/check").await;
    phone.type_into("#check-q", name).await;
    phone.click("form button[type=submit]").await;
    phone.wait_for_text("h1", name).await;
    assert!(
        phone.path().await.starts_with("/org/"),
        "{}",
        phone.path().await
    );
    assert_eq!(shows_an_error(&phone).await, None);
}

#[tokio::test]
async fn an_entry_that_reaches_its_removal_date_leaves_the_web_app_the_same_day() {
    // No answer cache, so the lapse is seen by the next request, as by every replica's.
    let app = TestApp::with_demo_and_config(|c| {
        c.web_dir = web_dist();
        c.response_cache.max_megabytes = 0;
    })
    .await;
    let listed: Value = app
        .get_json("/api/v1/public/serious-breach?limit=100", 200)
        .await;
    let entry = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["subject"]["kind"] == "organisation")
        .expect("a listed firm")
        .clone();
    let id = entry["id"].as_i64().expect("id");
    let name = entry["subject"]["name"].as_str().expect("name").to_string();
    let phone = Phone::open(&app).await;
    phone.goto(&format!("/serious-breach/{id}")).await;
    phone.wait_for_text("h1", &name).await;

    let today = chengxin_tests::server_today();
    app.store
        .execute_admin(&format!(
            "UPDATE serious_breach_entries SET removal_due_on = '{today}' WHERE id = {id}"
        ))
        .await
        .expect("the test's own change");
    phone.goto(&format!("/serious-breach/{id}")).await;
    let notice = phone.wait_for_text(".notice", "不再公示").await;
    assert!(
        !notice.contains(&name),
        "nothing about the subject: {notice}"
    );
    assert_eq!(
        shows_an_error(&phone).await,
        None,
        "a notice, not a failure"
    );
    phone.screenshot("listing-no-longer-published").await;
    // The search by the firm's name, once its three lists have loaded, has no link to the entry.
    phone.goto("/").await;
    phone.type_into("#q", &name).await;
    phone.click("form.search button[type=submit]").await;
    let mut loaded = 0;
    for _ in 0..100 {
        loaded = phone
            .client
            .find_all(fantoccini::Locator::Css("ul.cards[aria-busy='false']"))
            .await
            .expect("lists")
            .len();
        if loaded == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(loaded, 3, "the search's lists loaded");
    let links = phone
        .client
        .find_all(fantoccini::Locator::Css(&format!(
            "a[href='/serious-breach/{id}']"
        )))
        .await
        .expect("links");
    assert!(links.is_empty(), "the search no longer finds it");
}

#[tokio::test]
async fn a_civil_servant_grants_an_app_access_and_revokes_it() {
    let app = app().await;
    let phone = Phone::open(&app).await;
    phone.goto("/login").await;
    phone.type_into("#username", "demo-servant").await;
    phone.type_into("#password", "Chengxin-Demo-2026").await;
    phone.click("form button[type=submit]").await;
    phone.find("[data-testid=score]").await;
    phone.goto("/me/grants").await;
    phone.find("[data-testid=consent]").await;
    phone.find("#grantee option").await;
    phone.type_into("#purpose", "申请个人经营贷款").await;
    // A date field takes keys in the browser's own order; set it as a date picker would.
    phone
        .client
        .execute(
            "const field = document.querySelector('#until'); field.value = '2027-06-30';\
             field.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("date");
    phone.click("form.stack button[type=submit]").await;
    let mine = "//ul[@class='cards']/li[contains(., '申请个人经营贷款')]";
    let granted = wait_for_xpath(&phone, mine).await;
    let text = granted.text().await.expect("text");
    assert!(text.contains("2027-06-30"), "{text}");
    assert_eq!(shows_an_error(&phone).await, None);
    granted
        .find(fantoccini::Locator::Css("button"))
        .await
        .expect("a revoke button")
        .click()
        .await
        .expect("revoke");
    // Revoked: the grant stays listed, without its revoke button.
    let revoked = format!("{mine}[not(.//button)]");
    wait_for_xpath(&phone, &revoked).await;
    assert_eq!(shows_an_error(&phone).await, None);
}

/// Waits (up to 15 s) for an element an XPath names.
async fn wait_for_xpath(phone: &Phone, xpath: &str) -> fantoccini::elements::Element {
    phone
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(15))
        .for_element(fantoccini::Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("no element {xpath}: {e}"))
}

/// Every answer carries the security headers — the web app, the API and Swagger UI — and both
/// pages still work under their Content-Security-Policy, which allows no inline script.
#[tokio::test]
async fn the_app_the_api_and_the_docs_send_security_headers_and_work_under_them() {
    let app = app().await;
    for path in [
        "/",
        "/serious-breach",
        "/api/v1/public/serious-breach",
        "/api/v1/nowhere",
        "/api/docs/",
        "/api/openapi.json",
        "/healthz",
    ] {
        let response = app.get(path).await;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let policy = header("content-security-policy");
        let scripts = policy
            .split(';')
            .map(str::trim)
            .find(|directive| directive.starts_with("script-src"))
            .unwrap_or_default();
        assert!(
            scripts.starts_with("script-src 'self'") && !scripts.contains("unsafe-inline"),
            "{path}: {policy}"
        );
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("object-src 'none'"), "{path}: {policy}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert!(!header("referrer-policy").is_empty(), "{path}");
    }
    // The index holds no inline script for the policy to refuse.
    let index = app.get("/").await.text().await.expect("index");
    for script in index.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(tag.contains("src="), "an inline script: <script{tag}>");
    }
    let phone = Phone::open(&app).await;
    phone.goto("/serious-breach").await;
    phone.wait_for_text("main", "严重失信主体名单").await;
    phone.goto("/api/docs/").await;
    phone.wait_for_text(".swagger-ui .info", "Chengxin").await;
}

/// A member of staff signs in and lands on the workspace, with what waits for each role and the
/// nearest deadline in working days.
#[tokio::test]
async fn a_handler_signs_in_and_lands_on_the_workspace() {
    let app = app().await;
    // An objection waits for the handler's department.
    let record = app
        .store
        .dump_text(
            "SELECT CAST(r.id AS TEXT) FROM credit_records r
             WHERE r.route = 'public' AND r.status = 'effective'
               AND COALESCE(r.deciding_org_id, r.reporting_org_id) = (SELECT organisation_id FROM accounts WHERE username = 'demo-handler')
             ORDER BY r.id DESC LIMIT 1",
        )
        .await
        .expect("record")[0]
        .parse::<i64>()
        .expect("id");
    let filed = app
        .send(
            reqwest::Method::POST,
            "/api/v1/objections",
            None,
            Some(serde_json::json!({
                "record_id": record,
                "filer": { "name": "工作台", "phone": "13800138000", "capacity": "agent" },
                "reason": "工作台浏览器测试的异议",
            })),
        )
        .await;
    assert_eq!(filed.status().as_u16(), 201);
    let phone = Phone::open(&app).await;
    phone.goto("/login").await;
    phone.type_into("#username", "demo-handler").await;
    phone.type_into("#password", "Chengxin-Demo-2026").await;
    phone.click("form button[type=submit]").await;
    phone.wait_for_text("h1", "工作台").await;
    assert_eq!(phone.path().await, "/work");
    let row = phone
        .wait_for_text("li[data-kind=objections_open]", "办理中的异议")
        .await;
    assert!(
        row.contains("个工作日") || row.contains("今天到期"),
        "{row}"
    );
    phone
        .wait_for_text("li[data-kind=repairs_open]", "信用修复")
        .await;
    phone.screenshot("workspace").await;
}

/// The review panel works its queue in the web app: from the workspace to the queue, a return
/// without a comment is refused in place, one submission is returned with a comment and another
/// approved; the server has them so.
#[tokio::test]
async fn a_reviewer_approves_one_submission_and_returns_another() {
    let app = app().await;
    let reporter = app.demo_token("demo-reporter").await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let yesterday = (chengxin_tests::server_today() - chrono::Duration::days(1)).to_string();
    let mut ids = Vec::new();
    for serial in [7101, 7102] {
        let row = chengxin_tests::intake::firm_penalty(&uscc, &department, serial, &yesterday);
        let object = chengxin_tests::intake::penalty_object(row);
        let created: Value = app
            .send(
                reqwest::Method::POST,
                "/api/v1/intake/submissions?format=penalties",
                Some(&reporter),
                Some(object),
            )
            .await
            .json()
            .await
            .expect("submission");
        ids.push(created["id"].as_i64().expect("id"));
    }
    let phone = Phone::open(&app).await;
    phone.goto("/login").await;
    phone.type_into("#username", "demo-reviewer").await;
    phone.type_into("#password", "Chengxin-Demo-2026").await;
    phone.click("form button[type=submit]").await;
    phone
        .wait_for_text("li[data-kind=submissions_pending]", "待审核的报送")
        .await;
    phone.click("li[data-kind=submissions_pending] a").await;
    phone.wait_for_text("h1", "待审核的报送").await;
    assert_eq!(phone.path().await, "/work/review");
    let (first, second) = (ids[0], ids[1]);
    // Before deciding, the reviewer unfolds what will be published and what was sent.
    phone
        .click(&format!(
            "li[data-submission='{first}'] details.submission-detail summary"
        ))
        .await;
    phone
        .wait_for_text(
            &format!("li[data-submission='{first}'] [data-testid=as-published]"),
            "测试罚决字〔2026〕7101号",
        )
        .await;
    phone
        .wait_for_text(
            &format!("li[data-submission='{first}'] [data-testid=sent-fields]"),
            "未按规定公示年度报告",
        )
        .await;
    // Returning needs a comment: the server's refusal shows in place.
    phone
        .click(&format!(
            "li[data-submission='{second}'] button[data-action=return]"
        ))
        .await;
    phone
        .wait_for_text(&format!("li[data-submission='{second}'] [role=alert]"), "")
        .await;
    phone
        .type_into(
            &format!("#comment-{second}"),
            "处罚依据条款有误，请核对后重新报送",
        )
        .await;
    phone
        .click(&format!(
            "li[data-submission='{second}'] button[data-action=return]"
        ))
        .await;
    phone
        .wait_for_text(&format!("li[data-submission='{second}']"), "已退回报送人")
        .await;
    phone
        .click(&format!(
            "li[data-submission='{first}'] button[data-action=approve]"
        ))
        .await;
    phone
        .wait_for_text(&format!("li[data-submission='{first}']"), "已通过")
        .await;
    phone.screenshot("review-queue").await;
    for (id, status) in [(first, "approved"), (second, "returned")] {
        let submission: Value = app
            .get_as(&format!("/api/v1/intake/submissions/{id}"), &reporter)
            .await
            .json()
            .await
            .expect("submission");
        assert_eq!(submission["status"], status, "{submission}");
    }
}

/// Signs in on the login page as a demo account.
async fn sign_in_as(phone: &Phone, username: &str) {
    phone.goto("/login").await;
    phone.type_into("#username", username).await;
    phone.type_into("#password", "Chengxin-Demo-2026").await;
    phone.click("form button[type=submit]").await;
    phone.wait_for_text("h1", "工作台").await;
}

/// The credit office, at a desk screen, creates an account (a weak password is refused at its
/// field first) and an API key, which works until the office revokes it in the web app.
#[tokio::test]
async fn the_credit_office_creates_an_account_and_an_api_key_and_revokes_the_key() {
    let app = app().await;
    let (_, uscc) = app.organisation_of_account("demo-reporter").await;
    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("a[href='/work/accounts']").await;
    desk.wait_for_text("h1", "账号管理").await;
    desk.wait_for_text("li[data-account=demo-reporter]", "王报送")
        .await;
    desk.type_into("#new-username", "qian.baosong").await;
    desk.type_into("#new-display-name", "钱报送").await;
    desk.type_into("#new-password", "short").await;
    desk.click("input[type=checkbox][value=reporter]").await;
    desk.type_into("#new-organisation", &uscc).await;
    desk.click("[data-form=new-account] button[type=submit]")
        .await;
    desk.wait_for_text("#new-password-error", "").await;
    desk.retype("#new-password", "Qian-Baosong-2026").await;
    desk.click("[data-form=new-account] button[type=submit]")
        .await;
    desk.wait_for_text("[data-form=new-account] [role=status]", "qian.baosong")
        .await;
    desk.wait_for_text("li[data-account='qian.baosong']", "从未登录")
        .await;
    desk.screenshot("accounts").await;
    let tokens = app.login("qian.baosong", "Qian-Baosong-2026").await;
    let me: Value = app
        .get_as("/api/v1/me", &tokens.access_token)
        .await
        .json()
        .await
        .expect("me");
    assert_eq!(
        me["account"]["roles"],
        serde_json::json!(["reporter"]),
        "{me}"
    );

    desk.goto("/work/keys").await;
    desk.wait_for_text("h1", "API 密钥").await;
    desk.type_into("#key-name", "企业信用筛查系统").await;
    desk.type_into("#key-owner", "某某数据科技有限公司 李工 13900139000")
        .await;
    desk.click("[data-form=new-key] button[type=submit]").await;
    let key = desk.wait_for_text("[data-testid=issued-key]", "cx_").await;
    let key = key.trim().to_string();
    let prefix = key
        .split('_')
        .nth(1)
        .expect("cx_<prefix>_<secret>")
        .to_string();
    let with_key = |key: String| {
        let url = app.url("/api/v1/public/penalties?limit=1");
        async move {
            reqwest::Client::new()
                .get(url)
                .header("X-Api-Key", key)
                .send()
                .await
                .expect("answer")
                .status()
                .as_u16()
        }
    };
    assert_eq!(with_key(key.clone()).await, 200, "the new key works");
    let revoke = format!("li[data-key='{prefix}'] button[data-action=revoke]");
    desk.click(&revoke).await;
    desk.wait_for_text(&revoke, "确认吊销").await;
    desk.screenshot("api-keys").await;
    desk.click(&revoke).await;
    desk.wait_for_text(&format!("li[data-key='{prefix}']"), "已吊销")
        .await;
    assert_eq!(with_key(key).await, 401, "a revoked key is refused");
}

/// An objection filed from the public pages is accepted and upheld by the department's handler
/// in the workspace, and the filer's tracking page shows the result.
#[tokio::test]
async fn a_handler_accepts_and_upholds_an_objection_filed_from_the_public_pages() {
    let app = app().await;
    let (_, uscc) = app.organisation_of_account("demo-handler").await;
    let page: Value = app
        .get_json("/api/v1/public/penalties?limit=100", 200)
        .await;
    let penalty = page["items"]
        .as_array()
        .and_then(|items| {
            items.iter().find(|p| {
                p["record_id"].is_i64()
                    && p["disputed"] == false
                    && p["deciding_body"]["uscc"] == uscc.as_str()
            })
        })
        .expect("a published penalty of the handler's department")
        .clone();
    let phone = Phone::open(&app).await;
    phone.goto(&format!("/penalties/{}", penalty["id"])).await;
    phone.click("a[href^='/objection']").await;
    phone.type_into("#proposed-0", "更正后的处罚标题").await;
    phone
        .type_into("#reason", "处罚决定书的标题与原件不符")
        .await;
    phone.type_into("#filer-name", "王小明").await;
    phone.type_into("#filer-phone", "13800138000").await;
    phone.click("form.stack button[type=submit]").await;
    let ticket = phone
        .find("[data-testid=ticket]")
        .await
        .text()
        .await
        .expect("ticket");
    let code = phone
        .find("[data-testid=query-code]")
        .await
        .text()
        .await
        .expect("code");

    let handler = Phone::open(&app).await;
    sign_in_as(&handler, "demo-handler").await;
    handler.click("li[data-kind=objections_open] a").await;
    handler.wait_for_text("h1", "异议办理").await;
    let card = format!("li[data-ticket='{ticket}']");
    let row = handler
        .wait_for_text(&card, "处罚决定书的标题与原件不符")
        .await;
    assert!(
        row.contains("更正后的处罚标题"),
        "the proposal is shown: {row}"
    );
    handler
        .wait_for_text(&format!("{card} [data-testid=deadline]"), "工作日")
        .await;
    handler
        .click(&format!("{card} button[data-action=accept]"))
        .await;
    handler
        .wait_for_text(&format!("{card} [data-testid=case-status]"), "已受理")
        .await;
    // A decision needs its reason: the server's refusal shows at the field.
    handler
        .click(&format!("{card} button[data-action=uphold]"))
        .await;
    handler
        .wait_for_text(&format!("#reason-{ticket}-error"), "")
        .await;
    handler
        .type_into(
            &format!("#reason-{ticket}"),
            "经核对原件，标题录入有误，予以更正",
        )
        .await;
    handler.screenshot("objection-handling").await;
    handler
        .click(&format!("{card} button[data-action=uphold]"))
        .await;
    handler
        .wait_for_text(&format!("{card} [data-testid=case-status]"), "异议成立")
        .await;

    phone
        .goto(&format!("/track?ticket={ticket}&code={code}"))
        .await;
    phone
        .wait_for_text("[data-testid=case-status]", "异议成立")
        .await;
    phone
        .wait_for_text(".case", "经核对原件，标题录入有误，予以更正")
        .await;
}

/// A citizen complains about a government body from its profile, with a photo, and tracks the
/// complaint; the credit office finds it true in the workspace and the tracking page says so.
#[tokio::test]
async fn a_citizen_files_a_complaint_with_a_photo_and_the_credit_office_finds_it_true() {
    let app = app().await;
    let (body, uscc) = app.organisation_of_account("demo-handler").await;
    let phone = Phone::open(&app).await;
    phone.goto(&format!("/org/{uscc}")).await;
    phone.wait_for_text("h1", &body).await;
    phone.click("a[href^='/complaint']").await;
    phone.wait_for_text("h1", "政务失信投诉").await;
    let prefilled = phone
        .find("#body-uscc")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(
        prefilled.as_deref(),
        Some(uscc.as_str()),
        "the body comes from its profile"
    );
    phone
        .type_into(
            "#complaint-description",
            "2025 年承接的办公楼维修工程，验收合格后工程款 12 万元至今未付",
        )
        .await;
    phone.type_into("#complaint-amount", "120000").await;
    phone.type_into("#complainant-name", "刘建国").await;
    phone.type_into("#complainant-phone", "13900139000").await;
    let photo = web_dist()
        .join("icons/icon-192.png")
        .canonicalize()
        .expect("a PNG file");
    phone
        .type_into("#complaint-evidence", &photo.display().to_string())
        .await;
    phone.screenshot("complaint").await;
    phone.click("form.stack button[type=submit]").await;
    let ticket = phone
        .find("[data-testid=ticket]")
        .await
        .text()
        .await
        .expect("ticket");
    let code = phone
        .find("[data-testid=query-code]")
        .await
        .text()
        .await
        .expect("code");
    assert!(ticket.starts_with("TS"), "{ticket}");
    phone.click("a.button[href^='/track']").await;
    phone
        .wait_for_text("[data-testid=case-status]", "已提交")
        .await;

    let office = Phone::open(&app).await;
    sign_in_as(&office, "demo-admin").await;
    office.click("li[data-kind=complaints_open] a").await;
    office.wait_for_text("h1", "政务失信投诉办理").await;
    let card = format!("li[data-ticket='{ticket}']");
    let shown = office.wait_for_text(&card, "工程款 12 万元").await;
    assert!(
        shown.contains("icon-192.png"),
        "the photo is listed: {shown}"
    );
    // The photo is viewed in the page.
    office
        .click(&format!("{card} button[data-action=show-evidence]"))
        .await;
    let mut width = Value::Null;
    for _ in 0..50 {
        width = office
            .client
            .execute(
                "const img = document.querySelector(arguments[0]); \
                 return img && img.complete ? img.naturalWidth : null;",
                vec![serde_json::json!(format!("{card} img.evidence"))],
            )
            .await
            .expect("script");
        if !width.is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(width, serde_json::json!(192), "the photo itself is shown");
    office
        .click(&format!("{card} button[data-action=accept]"))
        .await;
    office
        .wait_for_text(&format!("{card} [data-testid=case-status]"), "已受理")
        .await;
    office
        .type_into(
            &format!("#reason-{ticket}"),
            "经核实，该工程已于 2025 年验收，款项确未支付",
        )
        .await;
    office
        .click(&format!("{card} button[data-action=substantiate]"))
        .await;
    office
        .wait_for_text(&format!("{card} [data-testid=case-status]"), "认定属实")
        .await;

    phone
        .goto(&format!("/track?ticket={ticket}&code={code}"))
        .await;
    phone
        .wait_for_text("[data-testid=case-status]", "认定属实")
        .await;
    phone.wait_for_text(".case", "款项确未支付").await;
}

/// A reporter uploads a GB18030 file in which one row is wrong: the report names the row and
/// its column, the rows with errors download as a CSV with their reasons, and that file,
/// corrected, is accepted; both rows then wait for review.
#[tokio::test]
async fn a_reporter_uploads_a_gb18030_file_with_a_bad_row_and_resends_it_corrected() {
    use chengxin_tests::intake::{PENALTY_HEADER, csv, firm_penalty};
    let app = app().await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let yesterday = (chengxin_tests::server_today() - chrono::Duration::days(1)).to_string();
    let good = firm_penalty(&uscc, &department, 7301, &yesterday);
    let mut bad = firm_penalty(&uscc, &department, 7302, &yesterday);
    let right_code = bad[13].clone();
    let wrong_check = if right_code.ends_with('0') { '1' } else { '0' };
    let wrong_code = format!("{}{wrong_check}", &right_code[..17]);
    bad[13] = wrong_code.clone();
    let text = csv(PENALTY_HEADER, &[good, bad]);
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let folder = tempfile::tempdir().expect("folder");
    let first = folder.path().join("行政处罚.csv");
    std::fs::write(&first, &bytes).expect("file");

    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-reporter").await;
    phone.click("a[href='/work/upload']").await;
    phone.wait_for_text("h1", "上传报送文件").await;
    phone
        .type_into("#upload-file", &first.display().to_string())
        .await;
    phone.click("[data-form=upload] button[type=submit]").await;
    let report = phone
        .wait_for_text("[data-testid=import-report]", "1 行有误")
        .await;
    assert!(report.contains("GB18030"), "{report}");
    let table = phone
        .wait_for_text("table.row-errors", "cf_xdr_shxym")
        .await;
    assert!(table.contains('2'), "row 2 is named: {table}");
    phone.screenshot("upload-report").await;
    let rejected = String::from_utf8(phone.download("[data-testid=rejected-rows]").await)
        .expect("the rejected rows are UTF-8");
    assert!(rejected.starts_with('\u{FEFF}'), "with the BOM Excel needs");
    assert!(
        rejected.contains("cf_wsh,cf_wfxw"),
        "the header: {rejected}"
    );
    assert!(rejected.contains("错误原因"), "{rejected}");
    assert!(rejected.contains("测试罚决字〔2026〕7302号"), "{rejected}");
    assert!(!rejected.contains("测试罚决字〔2026〕7301号"), "{rejected}");

    // Corrected as one would in a spreadsheet, and sent again as it is.
    let corrected = folder.path().join("行政处罚-改正.csv");
    std::fs::write(&corrected, rejected.replace(&wrong_code, &right_code)).expect("file");
    phone
        .type_into("#upload-file", &corrected.display().to_string())
        .await;
    phone.click("[data-form=upload] button[type=submit]").await;
    phone
        .wait_for_text("[data-testid=import-report]", "全部导入")
        .await;

    let reporter = app.demo_token("demo-reporter").await;
    let pending: Value = app
        .get_as(
            "/api/v1/intake/submissions?status=pending&limit=100",
            &reporter,
        )
        .await
        .json()
        .await
        .expect("page");
    let summaries = pending["items"].to_string();
    for serial in [7301, 7302] {
        assert!(
            summaries.contains(&format!("测试罚决字〔2026〕{serial}号")),
            "{serial} waits for review: {summaries}"
        );
    }
    phone.goto("/work/submissions?status=pending").await;
    phone
        .wait_for_text("ul.cards", "测试罚决字〔2026〕7302号")
        .await;
}

/// A reporter submits one penalty by the form built from the format's columns: a wrong code is
/// refused at its field, corrected, and the item waits for review.
#[tokio::test]
async fn a_reporter_submits_one_penalty_by_form_and_corrects_the_field_the_server_refused() {
    use chengxin_tests::intake::{PENALTY_HEADER, firm_penalty};
    let app = app().await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let yesterday = (chengxin_tests::server_today() - chrono::Duration::days(1)).to_string();
    let row = firm_penalty(&uscc, &department, 7401, &yesterday);
    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-reporter").await;
    phone.click("a[href='/work/submit']").await;
    phone.wait_for_text("h1", "报送一条信息").await;
    phone.find("#item-cf_wsh").await;
    let party = PENALTY_HEADER
        .iter()
        .position(|c| *c == "cf_xdr_shxym")
        .expect("column");
    for (code, value) in PENALTY_HEADER.iter().zip(&row) {
        if value.is_empty() {
            continue;
        }
        let typed = if *code == "cf_xdr_shxym" {
            "91330100MA00000001"
        } else {
            value.as_str()
        };
        phone.type_into(&format!("#item-{code}"), typed).await;
    }
    phone.click("[data-form=item] button[type=submit]").await;
    phone.wait_for_text("#item-cf_xdr_shxym-error", "").await;
    phone.screenshot("submit-form").await;
    phone.retype("#item-cf_xdr_shxym", &row[party]).await;
    phone.click("[data-form=item] button[type=submit]").await;
    phone
        .wait_for_text("[data-form=item] [role=status]", "测试罚决字〔2026〕7401号")
        .await;
}

/// A returned penalty opens in its form filled in with what was sent; the reporter changes the
/// field the reviewer named and sends it again, and it takes the returned one's place.
#[tokio::test]
async fn a_reporter_corrects_a_returned_penalty_in_its_prefilled_form() {
    let app = app().await;
    let reporter = app.demo_token("demo-reporter").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let yesterday = (chengxin_tests::server_today() - chrono::Duration::days(1)).to_string();
    let row = chengxin_tests::intake::firm_penalty(&uscc, &department, 7402, &yesterday);
    let created: Value = app
        .send(
            reqwest::Method::POST,
            "/api/v1/intake/submissions?format=penalties",
            Some(&reporter),
            Some(chengxin_tests::intake::penalty_object(row)),
        )
        .await
        .json()
        .await
        .expect("submission");
    let id = created["id"].as_i64().expect("id");
    let returned = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/intake/submissions/{id}/review"),
            Some(&reviewer),
            Some(serde_json::json!({ "action": "return", "comment": "罚款金额与决定书不符" })),
        )
        .await;
    assert_eq!(returned.status().as_u16(), 200);

    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-reporter").await;
    phone.goto("/work/submissions?status=returned").await;
    phone
        .click(&format!(
            "li[data-submission='{id}'] a[data-action=correct]"
        ))
        .await;
    phone
        .wait_for_text("[data-testid=correcting]", &id.to_string())
        .await;
    phone.wait_for_text("main", "罚款金额与决定书不符").await;
    let before = phone
        .find("#item-cf_nr")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(before.as_deref(), Some("罚款人民币五千元"));
    phone.retype("#item-cf_nr", "罚款人民币三千元").await;
    phone.retype("#item-cf_nr_fk", "0.3").await;
    phone.screenshot("correct-returned").await;
    phone.click("[data-form=item] button[type=submit]").await;
    phone
        .wait_for_text("[data-form=item] [role=status]", "测试罚决字〔2026〕7402号")
        .await;
    let old: Value = app
        .get_as(&format!("/api/v1/intake/submissions/{id}"), &reporter)
        .await
        .json()
        .await
        .expect("old");
    assert_eq!(old["status"], "superseded", "{old}");
    let page: Value = app
        .get_as(
            "/api/v1/intake/submissions?status=pending&limit=100",
            &reporter,
        )
        .await
        .json()
        .await
        .expect("pending");
    let resent = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|s| s["item_id"] == created["item_id"])
        .unwrap_or_else(|| panic!("the correction waits for review: {page}"));
    let detail: Value = app
        .get_as(
            &format!("/api/v1/intake/submissions/{}/detail", resent["id"]),
            &reviewer,
        )
        .await
        .json()
        .await
        .expect("detail");
    assert_eq!(
        detail["published"]["penalty"]["content"],
        "罚款人民币三千元"
    );
}

/// The handler accepts and approves a repair application on a phone, opens the decision document
/// the applicant receives, and finds the case again among the closed ones.
#[tokio::test]
async fn a_handler_approves_a_repair_and_opens_its_decision_document() {
    let app = app().await;
    let (record, uscc) = app.repairable_records().await.swap_remove(0);
    let receipt: Value = app
        .send(
            reqwest::Method::POST,
            "/api/v1/repairs",
            None,
            Some(serde_json::json!({
                "record_id": record,
                "applicant": { "name": "刘经理", "phone": "13800138000", "uscc": uscc },
                "correction": "已按要求补报年度报告并缴清罚款",
                "commitment": "今后按时如实报送年度报告",
            })),
        )
        .await
        .json()
        .await
        .expect("receipt");
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    let card = format!("li[data-ticket='{ticket}']");
    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-handler").await;
    phone.goto("/work/repairs").await;
    // Before each step, the words the applicant will receive.
    phone
        .click(&format!("{card} [data-testid=filer-notices] summary"))
        .await;
    phone
        .wait_for_text(
            &format!("{card} [data-testid=filer-notices]"),
            "您关注的信用修复申请已受理，正在核查",
        )
        .await;
    phone
        .click(&format!("{card} button[data-action=accept]"))
        .await;
    phone
        .wait_for_text(&format!("{card} [data-testid=case-status]"), "已受理")
        .await;
    // The fold keeps the state the handler left it in; open it if it is closed.
    let notices = phone
        .find(&format!("{card} [data-testid=filer-notices]"))
        .await;
    if notices.attr("open").await.expect("attribute").is_none() {
        phone
            .click(&format!("{card} [data-testid=filer-notices] summary"))
            .await;
    }
    phone
        .wait_for_text(
            &format!("{card} [data-testid=filer-notices]"),
            "您关注的信用修复申请准予修复",
        )
        .await;
    phone
        .type_into(&format!("#reason-{ticket}"), "已纠正失信行为并作出信用承诺")
        .await;
    phone
        .click(&format!("{card} button[data-action=approve]"))
        .await;
    phone
        .click(&format!("{card} button[data-action=decision-document]"))
        .await;
    let text = phone
        .wait_for_text(&format!("{card} .decision-doc"), "信用修复决定书")
        .await;
    assert!(text.contains(&ticket) && text.contains("刘经理"), "{text}");
    phone
        .find(&format!("{card} button[data-action=print]"))
        .await;
    phone.screenshot("repair-decision").await;
    // Closed, it is listed under 已办结 (newest first), its document still there.
    phone
        .click("[data-testid=case-state] a[href='/work/repairs?state=closed']")
        .await;
    phone
        .click(&format!("{card} button[data-action=decision-document]"))
        .await;
    phone
        .wait_for_text(&format!("{card} .decision-doc"), &ticket)
        .await;
}

/// The auditor, on a phone, narrows everyone's access log to one person, exports that selection
/// as CSV (a bad filter is shown at its field), and verifies the audit chain.
#[tokio::test]
async fn the_auditor_filters_the_access_log_exports_it_and_verifies_the_chain() {
    let app = app().await;
    let id_number = app.id_number_of_account("demo-servant").await;
    let reviewer = app.demo_token("demo-reviewer").await;
    let shared: Value = app
        .send(
            reqwest::Method::POST,
            "/api/v1/sharing/person-records",
            Some(&reviewer),
            Some(serde_json::json!({ "id_number": id_number, "purpose": "干部选拔任用考察" })),
        )
        .await
        .json()
        .await
        .expect("shared");
    let subject = shared["subject"]["name"]
        .as_str()
        .expect("name")
        .to_string();

    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-auditor").await;
    phone.click("a[href='/work/audit']").await;
    phone.wait_for_text("h1", "查询记录审计").await;
    phone.type_into("#audit-person", &subject).await;
    phone
        .click("[data-form=audit-filters] button[type=submit]")
        .await;
    let list = phone.wait_for_text("ul.cards", "干部选拔任用考察").await;
    assert!(list.contains(&subject), "{list}");
    phone.screenshot("audit").await;
    assert!(
        !list.contains(&id_number),
        "no full ID number on the screen"
    );
    assert!(
        phone.path().await.contains("person="),
        "the filter is in the address"
    );
    let csv =
        String::from_utf8(phone.download("[data-testid=export-access-log]").await).expect("UTF-8");
    assert!(
        csv.starts_with('\u{FEFF}'),
        "with the BOM spreadsheets need"
    );
    assert!(csv.contains("时间,渠道,被查询人"), "{csv}");
    assert!(
        csv.contains(&subject) && csv.contains("干部选拔任用考察"),
        "{csv}"
    );
    assert!(!csv.contains(&id_number), "{csv}");

    // Back to the unfiltered log, the form follows the address; forward again, it is refilled.
    let person_field = |phone: &Phone| {
        let phone_client = phone.client.clone();
        async move {
            phone_client
                .find(fantoccini::Locator::Css("#audit-person"))
                .await
                .expect("field")
                .prop("value")
                .await
                .expect("value")
                .unwrap_or_default()
        }
    };
    for (step, wanted) in [("back", String::new()), ("forward", subject.clone())] {
        if step == "back" {
            phone.client.back().await.expect("back");
        } else {
            phone.client.forward().await.expect("forward");
        }
        let mut value = String::new();
        for _ in 0..50 {
            value = person_field(&phone).await;
            if value == wanted {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(value, wanted, "after {step}");
    }

    phone.click("[data-testid=audit-filters-toggle]").await;
    phone.type_into("#audit-id-tail", "12345").await;
    phone
        .click("[data-form=audit-filters] button[type=submit]")
        .await;
    phone
        .wait_for_text("#audit-id-tail-error", "末 1 至 4 位")
        .await;

    phone.click("[data-testid=audit-chain] button").await;
    phone
        .wait_for_text("[data-testid=audit-chain] [data-intact=true]", "审计链完整")
        .await;
}

/// The credit office's dashboard at a desk screen: an objection past its deadline is listed,
/// and the 双公示 figures by month and by department are drawn from the server's.
#[tokio::test]
async fn the_credit_office_dashboard_shows_overdue_cases_and_publication_timeliness() {
    let app = app().await;
    let record = app.public_record_of_department_of("demo-handler").await;
    let receipt: Value = app
        .send(
            reqwest::Method::POST,
            "/api/v1/objections",
            None,
            Some(serde_json::json!({
                "record_id": record,
                "filer": { "name": "赵先生", "phone": "13800138000", "capacity": "agent" },
                "reason": "处罚决定已被复议机关撤销",
            })),
        )
        .await
        .json()
        .await
        .expect("receipt");
    let ticket = receipt["ticket_no"].as_str().expect("ticket").to_string();
    app.store
        .execute_admin(&format!(
            "UPDATE objections SET accept_due = '2026-01-05' WHERE ticket_no = '{ticket}'"
        ))
        .await
        .expect("backdated");

    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("li[data-kind=objections_overdue] a").await;
    desk.wait_for_text("h1", "监督看板").await;
    let case = desk
        .wait_for_text(&format!("li[data-ticket='{ticket}']"), "已逾期")
        .await;
    assert!(case.contains("工作日"), "{case}");
    let this_month = chengxin_tests::server_today().format("%Y-%m").to_string();
    desk.wait_for_text("[data-testid=timeliness-by-month]", &this_month)
        .await;
    let departments = desk
        .wait_for_text("[data-testid=timeliness-by-department]", "按时率")
        .await;
    assert!(departments.contains("件"), "{departments}");
    desk.wait_for_text("[data-testid=archive-figures]", "行政处罚")
        .await;
    desk.client
        .execute(
            "document.getElementById('by-month').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scrolled");
    desk.screenshot("oversight").await;
}

/// A reviewer at a desk screen samples an upload's rows, approves the whole upload in one
/// decision, and exempts (容错免责) a civil servant's admonishment with the reason; an exemption
/// without a reason is refused in place.
#[tokio::test]
async fn a_reviewer_samples_and_approves_an_upload_and_exempts_a_record() {
    use chengxin_tests::intake::{PENALTY_HEADER, csv, firm_penalty};
    let app = app().await;
    let reporter = app.demo_token("demo-reporter").await;
    let (department, uscc) = app.organisation_of_account("demo-reporter").await;
    let yesterday = (chengxin_tests::server_today() - chrono::Duration::days(1)).to_string();
    let rows: Vec<Vec<String>> = [7401, 7402]
        .into_iter()
        .map(|serial| firm_penalty(&uscc, &department, serial, &yesterday))
        .collect();
    let report: Value = app
        .client
        .post(app.url("/api/v1/intake/imports?format=penalties"))
        .bearer_auth(&reporter)
        .header("content-type", "text/csv")
        .body(csv(PENALTY_HEADER, &rows))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("report");
    let batch = report["batch_id"].as_i64().expect("a batch");
    let servant = app.demo_token("demo-servant").await;
    let me: Value = app
        .get_as("/api/v1/me", &servant)
        .await
        .json()
        .await
        .expect("me");
    let record: Value = app
        .send(
            reqwest::Method::POST,
            "/api/v1/intake/submissions?format=records",
            Some(&reporter),
            Some(serde_json::json!({
                "kind_code": "admonishment",
                "subject_type": "自然人",
                "subject_name": me["person"]["name"],
                "subject_id_number": app.id_number_of_account("demo-servant").await,
                "content": "防汛抢险中先行处置，程序上存在瑕疵",
                "decision_no": "诫勉〔2026〕74号",
                "decided_on": yesterday,
            })),
        )
        .await
        .json()
        .await
        .expect("submission");
    let admonishment = record["id"].as_i64().expect("id");

    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-reviewer").await;
    desk.goto("/work/review").await;
    let card = format!("li[data-batch='{batch}']");
    desk.wait_for_text(&card, "2 条待审核").await;
    desk.click(&format!("{card} a")).await;
    desk.wait_for_text("[data-testid=batch-sample]", &batch.to_string())
        .await;
    let sample = desk
        .wait_for_text("ul.cards", "测试罚决字〔2026〕7401号")
        .await;
    assert!(sample.contains("测试罚决字〔2026〕7402号"), "{sample}");
    assert!(
        !sample.contains("诫勉〔2026〕74号"),
        "only the batch: {sample}"
    );
    desk.click("[data-testid=batch-sample] a").await;
    desk.click(&format!("{card} button[data-action=approve-batch]"))
        .await;
    desk.wait_for_text(&card, "已整批通过 2 条").await;
    // The queue is asked for again: the upload's rows have left it, the record stays.
    let mut queue = String::new();
    for _ in 0..50 {
        queue = desk.wait_for_text("main", "防汛抢险中先行处置").await;
        if !queue.contains("测试罚决字〔2026〕7401号") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!queue.contains("测试罚决字〔2026〕7401号"), "{queue}");

    let item = format!("li[data-submission='{admonishment}']");
    desk.click(&format!("{item} button[data-action=exempt]"))
        .await;
    desk.wait_for_text(&format!("{item} [role=alert]"), "")
        .await;
    desk.type_into(
        &format!("#comment-{admonishment}"),
        "抢险救灾中为避免更大损失先行处置，符合容错免责情形",
    )
    .await;
    desk.click(&format!("{item} button[data-action=exempt]"))
        .await;
    desk.wait_for_text(&item, "已容错免责").await;
    desk.screenshot("review-batch").await;

    let batches: Value = app
        .get_as("/api/v1/intake/batches", &reporter)
        .await
        .json()
        .await
        .expect("batches");
    let ours = batches["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|b| b["id"] == batch)
        .cloned()
        .expect("the batch");
    assert_eq!(ours["pending"], 0, "{ours}");
    let waiting: Value = app
        .get_as("/api/v1/intake/batches?pending=true", &reporter)
        .await
        .json()
        .await
        .expect("pending batches");
    assert!(
        waiting["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|b| b["id"] != batch && b["pending"].as_u64() > Some(0)),
        "only uploads still waiting: {waiting}"
    );
    let exempted: Value = app
        .get_as(
            &format!("/api/v1/intake/submissions/{admonishment}"),
            &reporter,
        )
        .await
        .json()
        .await
        .expect("submission");
    assert_eq!(exempted["status"], "exempt", "{exempted}");
}

/// The credit office, on a phone, imports next year's holiday arrangement: a file with a bad
/// line is refused with the line named at the file field, the corrected one is listed at once.
#[tokio::test]
async fn the_credit_office_imports_next_years_holidays() {
    let app = app().await;
    let next_year: i32 = chengxin_tests::server_today()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .expect("year")
        + 1;
    let folder = tempfile::tempdir().expect("folder");
    let bad = folder.path().join("节假日-有误.csv");
    std::fs::write(
        &bad,
        format!(
            "date,kind,name\n{next_year}-10-09,workday,国庆节\n{next_year}-10-32,holiday,国庆节\n"
        ),
    )
    .expect("file");
    let good = folder.path().join("节假日.csv");
    std::fs::write(
        &good,
        format!("date,kind,name\n{next_year}-10-09,workday,国庆节\n"),
    )
    .expect("file");

    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-admin").await;
    phone.click("a[href='/work/calendar']").await;
    phone.wait_for_text("h1", "节假日安排").await;
    phone
        .wait_for_text("[data-testid=calendar-summary]", "个工作日")
        .await;
    phone.click("button[data-action=next-year]").await;
    phone
        .wait_for_text("[data-testid=calendar-summary]", &format!("{next_year} 年"))
        .await;
    phone
        .type_into("#calendar-file", &bad.display().to_string())
        .await;
    phone
        .click("[data-form=calendar-import] button[type=submit]")
        .await;
    phone.wait_for_text("#calendar-file-error", "第 3 行").await;
    phone
        .type_into("#calendar-file", &good.display().to_string())
        .await;
    phone
        .click("[data-form=calendar-import] button[type=submit]")
        .await;
    phone
        .wait_for_text("[data-form=calendar-import] [role=status]", "已导入 1 天")
        .await;
    let row = phone
        .wait_for_text(
            &format!("[data-testid=calendar-days] tr[data-day='{next_year}-10-09']"),
            "信用办导入",
        )
        .await;
    assert!(row.contains("调休上班"), "{row}");
    phone.screenshot("calendar").await;
}

/// A reporter's open workspace page signs itself out within seconds of the credit office
/// disabling the account, and says why.
#[tokio::test]
async fn a_disabled_account_is_signed_out_of_its_open_page_at_once() {
    let app = app().await;
    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-reporter").await;
    phone.goto("/work/submissions").await;
    phone.wait_for_text("h1", "本单位的报送").await;
    let admin = app.demo_token("demo-admin").await;
    let disabled = app
        .send(
            reqwest::Method::POST,
            "/api/v1/admin/accounts/demo-reporter/disable",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(disabled.status().as_u16(), 200);
    // The person comes back to the tab (it asks every 30 seconds too).
    phone
        .client
        .execute(
            "document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))",
            vec![],
        )
        .await
        .expect("script");
    phone
        .wait_for_text("[data-testid=session-ended]", "账号被停用")
        .await;
    assert!(phone.path().await.starts_with("/login"));
    let stored: Value = phone
        .client
        .execute("return localStorage.getItem('cx.refresh')", vec![])
        .await
        .expect("script");
    assert_eq!(stored, Value::Null, "nothing of the sign-in is kept");
}

/// The credit office at a desk screen adds a record kind its local rules name (a bad code is
/// refused at its field) and retires it again.
#[tokio::test]
async fn the_credit_office_adds_a_record_kind_and_retires_it() {
    let app = app().await;
    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("a[href='/work/catalogue']").await;
    desk.wait_for_text("h1", "记录种类目录").await;
    desk.wait_for_text("[data-testid=record-kinds]", "诫勉")
        .await;
    desk.type_into("#kind-code", "Integrity Record").await;
    desk.type_into("#kind-name", "廉政记录").await;
    desk.type_into("#kind-source", "discipline").await;
    desk.click("[data-form=new-kind] button[type=submit]").await;
    desk.wait_for_text("#kind-code-error", "小写字母").await;
    desk.retype("#kind-code", "integrity_record").await;
    desk.click("[data-form=new-kind] button[type=submit]").await;
    desk.wait_for_text("[data-form=new-kind] [role=status]", "integrity_record")
        .await;
    let card = "li[data-kind-code=integrity_record]";
    let shown = desk.wait_for_text(card, "廉政记录").await;
    assert!(
        shown.contains("一般失信信息") && shown.contains("自然人"),
        "{shown}"
    );
    desk.screenshot("catalogue").await;
    desk.click(&format!("{card} button[data-action=retire]"))
        .await;
    desk.wait_for_text(&format!("{card} button[data-action=retire]"), "确认停用")
        .await;
    desk.click(&format!("{card} button[data-action=retire]"))
        .await;
    desk.wait_for_text(card, "已停用").await;

    let admin = app.demo_token("demo-admin").await;
    let kinds: Value = app
        .get_as("/api/v1/admin/record-kinds", &admin)
        .await
        .json()
        .await
        .expect("kinds");
    let ours = kinds
        .as_array()
        .expect("list")
        .iter()
        .find(|k| k["code"] == "integrity_record")
        .cloned()
        .expect("added");
    assert_eq!(ours["subjects"], "person");
    assert_eq!(ours["category"], "general_breach");
    assert!(ours["retired_on"].is_string(), "{ours}");
}

/// Sets a date field as a person picking a day would (typing into a date field depends on the
/// browser's locale).
async fn pick_date(phone: &Phone, css: &str, date: chrono::NaiveDate) {
    phone
        .client
        .execute(
            "const field = document.querySelector(arguments[0]); field.value = arguments[1]; \
             field.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(css), serde_json::json!(date.to_string())],
        )
        .await
        .expect("date set");
}

/// The credit office publishes the next version of the civil-servant rulebook from the draft the
/// screen offers; a date in the past is refused first.
#[tokio::test]
async fn the_credit_office_publishes_a_new_rulebook_version() {
    let app = app().await;
    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("a[href='/work/rulebooks']").await;
    desk.wait_for_text("h1", "评分规则").await;
    desk.click("a[href='/work/rulebooks?code=weihai-civil-servant']")
        .await;
    let versions = desk
        .wait_for_text("[data-testid=rulebook-versions]", "现行")
        .await;
    let admin = app.demo_token("demo-admin").await;
    let before: Value = app
        .get_as(
            "/api/v1/admin/rulebooks/weihai-civil-servant/versions",
            &admin,
        )
        .await
        .json()
        .await
        .expect("versions");
    let latest = before[0]["version"].as_u64().expect("version");
    assert!(versions.contains(&format!("v{latest}")), "{versions}");

    let today = chengxin_tests::server_today();
    pick_date(&desk, "#rulebook-from", today - chrono::Duration::days(1)).await;
    desk.click("[data-form=publish-rulebook] button[type=submit]")
        .await;
    desk.wait_for_text("#rulebook-from-error", "今天").await;
    pick_date(&desk, "#rulebook-from", today + chrono::Duration::days(1)).await;
    desk.click("[data-form=publish-rulebook] button[type=submit]")
        .await;
    desk.wait_for_text(
        &format!(
            "[data-testid=rulebook-versions] li[data-version='{}']",
            latest + 1
        ),
        "v",
    )
    .await;
    desk.screenshot("rulebooks").await;
    let after: Value = app
        .get_as(
            "/api/v1/admin/rulebooks/weihai-civil-servant/versions",
            &admin,
        )
        .await
        .json()
        .await
        .expect("versions");
    assert_eq!(after[0]["version"].as_u64(), Some(latest + 1));
    assert_eq!(
        after[0]["effective_from"],
        (today + chrono::Duration::days(1)).to_string()
    );
    assert_eq!(after[0]["in_effect"], false, "it applies from tomorrow");
}

/// An account with two roles narrows its workspace to one of them and back.
#[tokio::test]
async fn an_account_with_two_roles_switches_between_them() {
    let app = app().await;
    let (_, uscc) = app.organisation_of_account("demo-reporter").await;
    let admin = app.demo_token("demo-admin").await;
    let created = app
        .send(
            reqwest::Method::POST,
            "/api/v1/admin/accounts",
            Some(&admin),
            Some(serde_json::json!({
                "username": "zhou.jianren",
                "display_name": "周兼任",
                "password": "Zhou-Jianren-2026",
                "roles": ["reporter", "reviewer"],
                "organisation_uscc": uscc,
            })),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let phone = Phone::open(&app).await;
    phone.goto("/login").await;
    phone.type_into("#username", "zhou.jianren").await;
    phone.type_into("#password", "Zhou-Jianren-2026").await;
    phone.click("form button[type=submit]").await;
    phone
        .wait_for_text("[data-testid=role-switch]", "评议审核员")
        .await;
    phone.wait_for_text("#role-reporter", "信息报送员").await;
    phone.wait_for_text("#role-reviewer", "评议审核员").await;
    phone
        .click("[data-testid=role-switch] a[href='/work?role=reviewer']")
        .await;
    phone
        .wait_for_text(
            "[data-testid=role-switch] a[aria-current=page]",
            "评议审核员",
        )
        .await;
    assert_eq!(phone.path().await, "/work?role=reviewer");
    let reporter_sections = phone
        .client
        .find_all(fantoccini::Locator::Css("#role-reporter"))
        .await
        .expect("query");
    assert!(
        reporter_sections.is_empty(),
        "only the reviewer's work shows"
    );
    phone.wait_for_text("#role-reviewer", "评议审核员").await;
    phone
        .click("[data-testid=role-switch] a[href='/work']")
        .await;
    phone.wait_for_text("#role-reporter", "信息报送员").await;
}

/// A government breach put right in the workspace: the credit office, at a desk, sets the
/// deadline; the body's handler, on a phone, sends the explanation and report with a PDF; the
/// office accepts it (on time) and records the loss of eligibility for honours.
#[tokio::test]
async fn the_credit_office_and_the_body_rectify_a_government_breach_in_the_workspace() {
    let app = app().await;
    let ticket = app.rectification_case(false).await;
    let card = format!("li[data-ticket='{ticket}']");

    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("li[data-kind=rectifications_to_handle] a").await;
    desk.wait_for_text("h1", "政务失信整改").await;
    desk.wait_for_text("[data-testid=district-rate]", "全区按期整改率")
        .await;
    desk.wait_for_text(&card, "未按承诺时限兑现企业奖补资金")
        .await;
    desk.retype(&format!("#days-{ticket}"), "10").await;
    desk.click(&format!("{card} button[data-action=set-deadline]"))
        .await;
    desk.wait_for_text(&format!("{card} [data-testid=case-status]"), "整改中")
        .await;

    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-handler").await;
    phone
        .click("li[data-kind=rectifications_to_report] a")
        .await;
    phone.wait_for_text("h1", "本单位的政务失信整改").await;
    phone
        .type_into(
            &format!("#explanation-{ticket}"),
            "奖补资金因预算调整未能按承诺时限拨付",
        )
        .await;
    phone
        .type_into(
            &format!("#report-{ticket}"),
            "资金已于本周全额拨付，并建立承诺事项台账按月核对",
        )
        .await;
    let folder = tempfile::tempdir().expect("folder");
    let pdf = folder.path().join("拨付凭证.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% rectification evidence\n").expect("pdf");
    phone
        .type_into(&format!("#files-{ticket}"), &pdf.display().to_string())
        .await;
    phone.screenshot("rectification-report").await;
    phone
        .click(&format!("{card} button[data-action=submit-report]"))
        .await;
    phone
        .wait_for_text(
            &format!("{card} [data-testid=case-status]"),
            "已提交整改报告",
        )
        .await;

    desk.goto("/work/rectification").await;
    let shown = desk.wait_for_text(&card, "拨付凭证.pdf").await;
    assert!(shown.contains("预算调整"), "{shown}");
    desk.click(&format!("{card} button[data-action=accept-report]"))
        .await;
    desk.wait_for_text(&card, "按期整改").await;
    desk.click(&format!("{card} details.consequence-form summary"))
        .await;
    desk.type_into(&format!("#document-no-{ticket}"), "信用办〔2026〕9号")
        .await;
    desk.type_into(
        &format!("#consequence-note-{ticket}"),
        "取消本年度评优评先资格",
    )
    .await;
    desk.click(&format!("{card} button[data-action=add-consequence]"))
        .await;
    desk.wait_for_text(
        &format!("{card} [data-testid=consequences]"),
        "取消荣誉评选资格",
    )
    .await;
    desk.screenshot("rectification-office").await;

    // Anyone sees the outcome on the body's profile: its rate and the loss of honours.
    let (body, uscc) = app.organisation_of_account("demo-handler").await;
    let citizen = Phone::open(&app).await;
    citizen.goto(&format!("/org/{uscc}")).await;
    citizen.wait_for_text("h1", &body).await;
    citizen
        .wait_for_text("[data-testid=rectification-rate]", "%")
        .await;
    citizen.wait_for_text("main", "取消荣誉评选资格").await;
}

/// The credit office monitors a quarter, opens last year's evaluation, enters a manual score
/// and is told what is still missing before it can publish; the warnings list opens; a
/// handler sees the department's own evaluation.
#[tokio::test]
async fn the_credit_office_monitors_and_scores_the_integrity_evaluation_in_the_workspace() {
    use chrono::Datelike;
    let app = app().await;
    app.without_demo_evaluation().await;
    let ticket = app.rectification_case(true).await;
    app.store
        .execute_admin(&format!(
            "UPDATE rectifications SET report_due = '{}' WHERE ticket_no = '{ticket}'",
            chengxin_tests::server_today()
        ))
        .await
        .expect("due today");
    let last_year = chengxin_tests::server_today().year() - 1;
    let (_, uscc) = app.organisation_of_account("demo-handler").await;

    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("a[href='/work/evaluation']").await;
    desk.wait_for_text("h1", "政务诚信考核评价").await;
    desk.wait_for_text("[data-testid=monitoring]", "第 1 名")
        .await;
    desk.wait_for_text("[data-testid=trend]", "全区平均").await;
    desk.click("button[data-action=evaluation-report]").await;
    desk.wait_for_text("article.decision-doc", "政务诚信建设情况通报")
        .await;
    desk.type_into("#period", &format!("{last_year}Q2")).await;
    desk.click("form.stack button[type=submit]").await;
    desk.wait_for_text("[data-testid=monitoring-period]", &format!("{last_year}Q2"))
        .await;
    desk.type_into("#evaluation-year", &last_year.to_string())
        .await;
    desk.click("button[data-action=open-evaluation]").await;
    desk.wait_for_text("[data-testid=evaluation-status]", "草稿")
        .await;
    let field = format!("{uscc}-openness");
    let total_of = format!("[data-testid=evaluation] li[data-body='{uscc}'] [data-testid=total]");
    let before: f64 = desk
        .find(&total_of)
        .await
        .text()
        .await
        .expect("total")
        .parse()
        .expect("a number");
    desk.type_into(&format!("#points-{field}"), "4").await;
    desk.type_into(&format!("#evidence-{field}"), "政务公开专项检查通报")
        .await;
    desk.click(&format!(
        "fieldset[data-score='{field}'] button[data-action=save-score]"
    ))
    .await;
    // The total rises by the 4 points, as the server rounds it.
    let mut after = before;
    for _ in 0..100 {
        after = desk
            .find(&total_of)
            .await
            .text()
            .await
            .unwrap_or_default()
            .parse()
            .unwrap_or(before);
        if (after - before - 4.0).abs() < 0.005 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!((after - before - 4.0).abs() < 0.005, "{before} → {after}");
    desk.click("button[data-action=publish-evaluation]").await;
    desk.wait_for_text("[data-testid=evaluation] .error", "人工评分未录入")
        .await;
    desk.screenshot("evaluation").await;

    desk.goto("/work/warnings").await;
    desk.wait_for_text("h1", "政务失信预警").await;
    desk.wait_for_text(&format!("li[data-body='{uscc}']"), &ticket)
        .await;

    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-handler").await;
    phone.click("a[href='/work/our-evaluation']").await;
    phone.wait_for_text("h1", "本单位的政务诚信考核评价").await;
    phone.wait_for_text("main", "本季度监测").await;
    phone.goto("/work/our-warnings").await;
    phone.wait_for_text("[data-testid=warnings]", &ticket).await;
}

/// The credit office drafts the next version of the evaluation scheme in a form: a weight that
/// breaks the sum is shown as typed and refused by the server with the reason, a new manual
/// indicator balances it, and the version is published from tomorrow. The dashboard draws the
/// trend and ranks the bodies by one indicator.
#[tokio::test]
async fn the_credit_office_edits_the_evaluation_scheme_and_reads_the_dashboard() {
    let app = app().await;
    let desk = Phone::open_desk(&app).await;
    sign_in_as(&desk, "demo-admin").await;
    desk.click("a[href='/work/evaluation']").await;
    desk.find("[data-testid=monitoring] li").await;
    // The trend as a chart (the district's line) beside its table.
    desk.find("figure.chart svg polyline.district").await;
    desk.click("#rank-by option[value=publication_timeliness]")
        .await;
    desk.wait_for_text(
        "[data-testid=monitoring] li:first-child [data-testid=ranked-by]",
        "双公示",
    )
    .await;

    // The same dashboard on a phone.
    let phone = Phone::open(&app).await;
    sign_in_as(&phone, "demo-admin").await;
    phone.goto("/work/evaluation").await;
    phone.find("figure.chart svg polyline.district").await;
    phone
        .client
        .execute(
            "document.querySelector('figure.chart').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scrolled to the chart");
    phone.screenshot("evaluation-dashboard").await;

    desk.click("a[href='/work/evaluation-scheme']").await;
    desk.wait_for_text("h1", "考核评价方案").await;
    desk.wait_for_text("[data-testid=scheme-versions]", "v1")
        .await;
    desk.wait_for_text("[data-testid=weight-sum]", "合计 100")
        .await;
    desk.retype("#indicator-0-weight", "25").await;
    let sum = desk.wait_for_text("[data-testid=weight-sum]", "合计").await;
    assert!(!sum.contains("合计 100"), "{sum}");
    let tomorrow = chengxin_tests::server_today() + chrono::Duration::days(1);
    pick_date(&desk, "#scheme-from", tomorrow).await;
    desk.click("[data-form=publish-scheme] button[type=submit]")
        .await;
    desk.wait_for_text("[data-form=publish-scheme] .field-error", "应等于总分")
        .await;
    // Put the weight back, add a manual indicator worth 5 and raise the total by as much.
    desk.retype("#indicator-0-weight", "15").await;
    desk.click("button[data-action=add-indicator]").await;
    let last = desk
        .client
        .find_all(fantoccini::Locator::Css("fieldset.scheme-indicator"))
        .await
        .expect("indicators")
        .len()
        - 1;
    desk.type_into(&format!("#indicator-{last}-name"), "营商环境评价")
        .await;
    desk.type_into(&format!("#indicator-{last}-code"), "business_environment")
        .await;
    desk.type_into(&format!("#indicator-{last}-weight"), "5")
        .await;
    desk.retype("#scheme-total", "105").await;
    desk.wait_for_text("[data-testid=weight-sum]", "合计 105")
        .await;
    desk.click("[data-form=publish-scheme] button[type=submit]")
        .await;
    desk.wait_for_text("[data-testid=scheme-versions] li[data-version='2']", "v2")
        .await;
    desk.wait_for_text("p.verdict.ok[role=status]", "已发布")
        .await;
    desk.screenshot("evaluation-scheme").await;

    let admin = app.demo_token("demo-admin").await;
    let versions: Value = app
        .get_as("/api/v1/oversight/evaluation/schemes", &admin)
        .await
        .json()
        .await
        .expect("versions");
    let newest = &versions[1];
    assert_eq!(newest["effective_from"], tomorrow.to_string());
    assert_eq!(newest["scheme"]["total"], 105.0);
    let added = newest["scheme"]["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == "business_environment")
        .cloned()
        .expect("the new indicator");
    assert_eq!(added["source"]["kind"], "manual");
    assert_eq!(added["weight"], 5.0);
}
