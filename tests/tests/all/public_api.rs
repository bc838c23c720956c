//! The public query API over HTTP on the demo district: disclosure, masking, filters, pagination,
//! caching, CORS and bad input. Runs on SQLite and on PostgreSQL.

use chengxin::domain::disclosure::{
    Audience, DisclosureSettings, Fact, Facts, PUBLIC_RECORDS, RecordFacts, Register, visible_to,
};
use chengxin::domain::masking::find_unmasked_id;
use chengxin::domain::{NameMask, PublicityWindow};
use chengxin_tests::TestApp;
use chengxin_types::{DisclosureRoute, RecordStatus};
use chrono::NaiveDate;
use serde_json::Value;

fn today() -> NaiveDate {
    chengxin_tests::server_today()
}

fn date(value: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(value.as_str().expect("a date string"), "%Y-%m-%d").expect("ISO date")
}

/// Every item of a list, following the cursors.
async fn all_pages(app: &TestApp, path: &str, limit: u32) -> Vec<Value> {
    let mut items = Vec::new();
    let separator = if path.contains('?') { '&' } else { '?' };
    let mut url = format!("{path}{separator}limit={limit}");
    loop {
        let page = app.get_json(&url, 200).await;
        items.extend(page["items"].as_array().expect("items").iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => url = format!("{path}{separator}limit={limit}&cursor={cursor}"),
            None => return items,
        }
    }
}

fn ids(items: &[Value]) -> Vec<i64> {
    items
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn pagination_is_stable_and_complete() {
    let app = TestApp::with_demo().await;
    for list in [
        "/api/v1/public/serious-breach",
        "/api/v1/public/penalties",
        "/api/v1/public/licences",
        "/api/v1/public/commitments",
    ] {
        let small = all_pages(&app, list, 7).await;
        let large = all_pages(&app, list, 100).await;
        assert!(!small.is_empty(), "{list} is empty");
        assert_eq!(
            ids(&small),
            ids(&large),
            "{list}: pages of 7 and of 100 list the same items in the same order"
        );
        let mut unique = ids(&small);
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), small.len(), "{list}: no item twice");
        let oldest = all_pages(&app, &format!("{list}?sort=oldest"), 9).await;
        let mut reversed = ids(&large);
        reversed.reverse();
        assert_eq!(
            ids(&oldest),
            reversed,
            "{list}: oldest first is the exact reverse"
        );
    }
}

#[tokio::test]
async fn listings_show_only_public_states_and_filter_correctly() {
    let app = TestApp::with_demo().await;
    let all = all_pages(&app, "/api/v1/public/serious-breach", 100).await;
    // Only entries on the list are public: removed ones (the demo has some) are not, nor can they
    // be asked for.
    assert!(all.iter().all(|e| e["status"] == "listed"));
    assert_eq!(
        app.get("/api/v1/public/serious-breach?status=removed")
            .await
            .status()
            .as_u16(),
        422
    );
    let courts = all_pages(
        &app,
        "/api/v1/public/serious-breach?list_kind=judgment_debtor",
        100,
    )
    .await;
    assert!(!courts.is_empty() && courts.iter().all(|e| e["list_kind"] == "judgment_debtor"));
    let court_uscc = courts[0]["deciding_department"]["uscc"]
        .as_str()
        .expect("uscc")
        .to_string();
    let by_court = all_pages(
        &app,
        &format!("/api/v1/public/serious-breach?department={court_uscc}"),
        100,
    )
    .await;
    assert_eq!(
        ids(&by_court),
        ids(&courts),
        "the court decides exactly the judgment-debtor entries"
    );

    let firm = all
        .iter()
        .find(|e| e["subject"]["kind"] == "organisation")
        .expect("a listed firm");
    let uscc = firm["subject"]["uscc"].as_str().expect("uscc");
    let by_uscc = all_pages(
        &app,
        &format!("/api/v1/public/serious-breach?uscc={uscc}"),
        100,
    )
    .await;
    assert!(
        by_uscc.iter().all(|e| e["subject"]["uscc"] == uscc)
            && by_uscc.iter().any(|e| e["id"] == firm["id"])
    );

    let from = date(&all[all.len() / 2]["listed_on"]);
    let since = all_pages(
        &app,
        &format!("/api/v1/public/serious-breach?listed_from={from}"),
        100,
    )
    .await;
    assert!(!since.is_empty() && since.iter().all(|e| date(&e["listed_on"]) >= from));
    assert_eq!(
        since.len(),
        all.iter().filter(|e| date(&e["listed_on"]) >= from).count()
    );

    // A court entry's detail carries the case.
    let detail = app
        .get_json(
            &format!("/api/v1/public/serious-breach/{}", courts[0]["id"]),
            200,
        )
        .await;
    assert!(
        detail["court_case"]["case_no"].is_string()
            && detail["reason"].is_string()
            && detail["removal_conditions"].is_string()
    );
    app.get_json("/api/v1/public/serious-breach/999999", 404)
        .await;
}

#[tokio::test]
async fn organisation_names_are_searched_by_substring() {
    let app = TestApp::with_demo().await;
    let all = all_pages(&app, "/api/v1/public/serious-breach", 100).await;
    let firm_name = all
        .iter()
        .find(|e| e["subject"]["kind"] == "organisation")
        .and_then(|e| e["subject"]["name"].as_str())
        .expect("a firm");
    // Two characters from the middle of the name, e.g. the trade name.
    let part: String = firm_name.chars().skip(3).take(2).collect();
    let found = all_pages(
        &app,
        &format!("/api/v1/public/serious-breach?q={}", urlencode(&part)),
        100,
    )
    .await;
    assert!(
        found.iter().any(|e| e["subject"]["name"] == firm_name),
        "searching {part} finds {firm_name}"
    );
    assert!(
        found
            .iter()
            .all(|e| e["subject"]["name"].as_str().expect("name").contains(&part))
    );
    let none = app
        .get_json(
            &format!(
                "/api/v1/public/serious-breach?q={}",
                urlencode("不存在的名称")
            ),
            200,
        )
        .await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
    // Wildcards in the search text are matched literally.
    let percent = app
        .get_json("/api/v1/public/serious-breach?q=%25", 200)
        .await;
    assert_eq!(percent["items"].as_array().map(Vec::len), Some(0));
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn persons_are_masked_and_not_searchable_by_name_unless_published_in_full() {
    let app = TestApp::with_demo().await;
    let people = all_pages(&app, "/api/v1/public/serious-breach", 100).await;
    let person = people
        .iter()
        .find(|e| e["subject"]["kind"] == "person")
        .expect("a listed person")
        .clone();
    let shown = person["subject"]["name"].as_str().expect("name");
    assert!(
        shown.chars().skip(1).all(|c| c == '*'),
        "masked as 张*: {shown}"
    );
    let masked_id = person["subject"]["id_number_masked"]
        .as_str()
        .expect("masked id");
    assert!(masked_id.contains("********"), "{masked_id}");
    // The real name, from the database: searching it reveals nothing.
    let real = app
        .store
        .dump_text(&format!(
            "SELECT subject_name FROM serious_breach_entries WHERE id = {}",
            person["id"]
        ))
        .await
        .expect("name")
        .remove(0);
    let found = app
        .get_json(
            &format!("/api/v1/public/serious-breach?q={}", urlencode(&real)),
            200,
        )
        .await;
    assert!(
        found["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|e| e["subject"]["kind"] == "organisation"),
        "{found}"
    );
    // The visible end of the masked ID number finds the person.
    let tail = &masked_id[masked_id.len() - 4..];
    let by_tail = all_pages(
        &app,
        &format!("/api/v1/public/serious-breach?id_tail={tail}"),
        100,
    )
    .await;
    assert!(by_tail.iter().any(|e| e["id"] == person["id"]));

    // Where the law has names published in full, a two-character name search finds the person.
    let full = TestApp::with_config(|c| c.masking.name = NameMask::Full).await;
    let cipher =
        chengxin::pii::PiiCipher::load_or_create(&full.data_dir.path().join("keys")).expect("keys");
    chengxin::demo::seed_demo_at(
        &full.store,
        &cipher,
        chengxin_tests::DEMO_SEED,
        chengxin_tests::demo_anchor(),
    )
    .await
    .expect("seed");
    let found = all_pages(
        &full,
        &format!("/api/v1/public/serious-breach?q={}", urlencode(&real)),
        100,
    )
    .await;
    assert!(
        found
            .iter()
            .any(|e| e["id"] == person["id"] && e["subject"]["name"] == real.as_str()),
        "{real} is found by name"
    );
}

#[tokio::test]
async fn penalties_are_public_only_within_their_window_and_minor_ones_not_by_default() {
    let app = TestApp::with_demo().await;
    let penalties = all_pages(&app, "/api/v1/public/penalties", 100).await;
    assert!(penalties.len() > 100);
    let today = today();
    for p in &penalties {
        assert!(
            date(&p["decided_on"]) <= today && today < date(&p["publicity_until"]),
            "{p}"
        );
        assert_ne!(p["tier"], "minor");
    }
    // Every penalty not listed is outside its window or minor: compare with the table itself.
    let mut expected: Vec<String> = app
        .store
        .dump_text(&format!(
            "SELECT CAST(id AS TEXT) FROM penalties WHERE tier <> 'minor' AND published_on <= '{today}' AND cf_jdrq <= '{today}' AND cf_gsjzq > '{today}' ORDER BY id"
        ))
        .await
        .expect("ids");
    // Numeric order on both sides: on PostgreSQL `ORDER BY id` binds to the text column.
    expected.sort_by_key(|id| id.parse::<i64>().unwrap_or_default());
    let mut listed: Vec<String> = penalties.iter().map(|p| p["id"].to_string()).collect();
    listed.sort_by_key(|id| id.parse::<i64>().unwrap_or_default());
    assert_eq!(listed, expected);
    let minor = app
        .store
        .dump_text(
            "SELECT CAST(id AS TEXT) FROM penalties WHERE tier = 'minor' ORDER BY id LIMIT 1",
        )
        .await
        .expect("minor");
    app.get_json(&format!("/api/v1/public/penalties/{}", minor[0]), 404)
        .await;
    let first = app
        .get_json(
            &format!("/api/v1/public/penalties/{}", penalties[0]["id"]),
            200,
        )
        .await;
    assert_eq!(first["decision_no"], penalties[0]["decision_no"]);
}

/// Every register's public filter in SQL agrees with its rule in the domain, on a real database,
/// with the demo data changed so that every status, route and missing date occurs, on days before,
/// inside and after the publicity periods, with and without minor penalties published.
#[tokio::test]
async fn every_registers_sql_filter_agrees_with_its_disclosure_rule() {
    let app = TestApp::with_demo().await;
    for change in [
        "UPDATE credit_records SET status = 'revoked' WHERE id % 17 = 0",
        "UPDATE credit_records SET status = 'repaired' WHERE id % 19 = 0",
        "UPDATE credit_records SET route = 'internal' WHERE id % 23 = 0",
        "UPDATE penalties SET status = 'revoked' WHERE id % 7 = 0",
        "UPDATE penalties SET published_on = NULL WHERE id % 11 = 0",
        "UPDATE penalties SET tier = 'minor' WHERE id % 13 = 0",
        "UPDATE licences SET status = 'revoked' WHERE id % 7 = 0",
        "UPDATE licences SET published_on = NULL WHERE id % 5 = 0",
        "UPDATE licences SET xk_xdr_shxym = NULL WHERE id % 3 = 0",
        "UPDATE serious_breach_entries SET status = 'removed' WHERE id % 5 = 0",
        "UPDATE serious_breach_entries SET status = 'noticed' WHERE id % 7 = 0",
        "UPDATE serious_breach_entries SET removal_due_on = NULL WHERE id % 4 = 0",
        "UPDATE commitments SET review_status = 'pending' WHERE id % 5 = 0",
        "UPDATE commitments SET route = 'internal' WHERE id % 3 = 0",
    ] {
        app.store.execute_admin(change).await.expect(change);
    }
    let settings = [
        DisclosureSettings::default(),
        DisclosureSettings {
            publish_minor_penalties: true,
        },
    ];
    for register in Register::ALL {
        let entries = app.store.disclosure_facts(register).await.expect("facts");
        for day in [
            today(),
            NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
            NaiveDate::from_ymd_opt(2028, 6, 1).expect("date"),
        ] {
            for settings in settings {
                let by_rule: Vec<i64> = entries
                    .iter()
                    .filter(|(_, facts)| register.public_rule().holds(facts, day, settings))
                    .map(|(id, _)| *id)
                    .collect();
                let by_sql = app
                    .store
                    .public_ids(register, day, settings)
                    .await
                    .expect("ids");
                assert_eq!(by_sql, by_rule, "{register:?} on {day}, {settings:?}");
                if day == today() {
                    // Both sides of the rule occur, or the comparison proves nothing.
                    assert!(!by_sql.is_empty(), "{register:?}: nothing public");
                    assert!(by_sql.len() < entries.len(), "{register:?}: all public");
                }
            }
        }
    }
    // The public answer for records is the one the other audiences are decided beside.
    let records = app
        .store
        .disclosure_facts(Register::Records)
        .await
        .expect("facts");
    let today = today();
    for (id, facts) in &records {
        let record = RecordFacts {
            route: facts
                .code(Fact::Route)
                .and_then(DisclosureRoute::from_code)
                .expect("route"),
            status: facts
                .code(Fact::Status)
                .and_then(RecordStatus::from_code)
                .expect("status"),
            window: match (
                facts.date(Fact::PublishFrom),
                facts.date(Fact::PublishUntil),
            ) {
                (Some(from), Some(until)) => Some(PublicityWindow {
                    from,
                    repairable_from: from,
                    until,
                }),
                _ => None,
            },
        };
        assert_eq!(
            visible_to(Audience::Public, &record, today),
            PUBLIC_RECORDS.holds(facts, today, DisclosureSettings::default()),
            "record {id}"
        );
    }
}

#[tokio::test]
async fn no_public_response_carries_a_full_id_number() {
    let app = TestApp::with_demo().await;
    let mut bodies = Vec::new();
    for list in [
        "/api/v1/public/serious-breach",
        "/api/v1/public/penalties",
        "/api/v1/public/licences",
        "/api/v1/public/commitments",
    ] {
        for item in all_pages(&app, list, 100).await {
            bodies.push(item.to_string());
            bodies.push(
                app.get(&format!("{list}/{}", item["id"]))
                    .await
                    .text()
                    .await
                    .expect("detail"),
            );
        }
    }
    for (_, _, uscc) in app.store.government_bodies().await.expect("bodies") {
        bodies.push(
            app.get(&format!("/api/v1/public/organisations/{uscc}/profile"))
                .await
                .text()
                .await
                .expect("profile"),
        );
        bodies.push(
            app.get(&format!("/api/v1/public/credit-check?uscc={uscc}"))
                .await
                .text()
                .await
                .expect("check"),
        );
    }
    assert!(bodies.len() > 1000, "{} responses", bodies.len());
    for body in &bodies {
        assert_eq!(
            find_unmasked_id(body),
            None,
            "a full ID number in a public response: {body}"
        );
    }
}

#[tokio::test]
async fn profiles_and_credit_checks() {
    let app = TestApp::with_demo().await;
    let government = app.store.government_bodies().await.expect("bodies")[0].clone();
    let profile = app
        .get_json(
            &format!("/api/v1/public/organisations/{}/profile", government.2),
            200,
        )
        .await;
    assert_eq!(profile["organisation"]["name"], government.1.as_str());
    let commitments = &profile["commitments"];
    let total = commitments["total"].as_i64().expect("total");
    assert!(total > 0, "the district government made public commitments");
    let parts: i64 = ["in_progress", "fulfilled", "breached", "lawfully_changed"]
        .iter()
        .map(|k| commitments[*k].as_i64().expect("count"))
        .sum();
    assert_eq!(parts, total);
    if let Some(rate) = commitments["fulfilment_rate"].as_f64() {
        assert!((0.0..=1.0).contains(&rate));
    }

    let listed = all_pages(&app, "/api/v1/public/serious-breach?status=listed", 100).await;
    let firm = listed
        .iter()
        .find(|e| e["subject"]["kind"] == "organisation")
        .expect("a listed firm");
    let check = app
        .get_json(
            &format!(
                "/api/v1/public/credit-check?uscc={}",
                firm["subject"]["uscc"].as_str().expect("uscc")
            ),
            200,
        )
        .await;
    assert_eq!(check["verdict"], "serious");
    let firm_uscc = firm["subject"]["uscc"].as_str().expect("uscc");
    let listed_penalties = all_pages(
        &app,
        &format!("/api/v1/public/penalties?uscc={firm_uscc}"),
        100,
    )
    .await
    .len() as i64;
    assert_eq!(
        check["published_penalties"].as_i64(),
        Some(listed_penalties),
        "the check counts what the list shows"
    );
    assert_eq!(check["on_serious_breach_list"], true);
    let by_name = app
        .get_json(
            &format!(
                "/api/v1/public/credit-check?name={}",
                urlencode(firm["subject"]["name"].as_str().expect("name"))
            ),
            200,
        )
        .await;
    assert_eq!(by_name["subject"], check["subject"]);

    let unknown = chengxin::demo::uscc_for("91", "379909", 5).expect("valid");
    app.get_json(
        &format!("/api/v1/public/organisations/{unknown}/profile"),
        404,
    )
    .await;
    app.get_json(&format!("/api/v1/public/credit-check?uscc={unknown}"), 404)
        .await;
    for path in [
        "/api/v1/public/credit-check",
        "/api/v1/public/credit-check?uscc=",
        "/api/v1/public/credit-check?uscc=%20&name=",
    ] {
        let missing = app.get_json(path, 422).await;
        assert_eq!(
            missing["errors"][0]["code"], "required",
            "{path}: a blank key is no key"
        );
    }
    app.get_json("/api/v1/public/organisations/%20/profile", 404)
        .await;
    let bad = app
        .get_json(
            "/api/v1/public/organisations/91310114MA1GTPB26G/profile",
            422,
        )
        .await;
    assert_eq!(bad["errors"][0]["code"], "invalid_uscc");
}

#[tokio::test]
async fn etags_caching_and_cors() {
    let app = TestApp::with_demo().await;
    let first = app.get("/api/v1/public/serious-breach?limit=5").await;
    assert_eq!(first.headers()["cache-control"], "public, max-age=60");
    let etag = first.headers()["etag"].to_str().expect("ascii").to_string();
    let again = app
        .client
        .get(app.url("/api/v1/public/serious-breach?limit=5"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("sent");
    assert_eq!(again.status().as_u16(), 304);
    assert!(again.bytes().await.expect("body").is_empty());
    let other = app
        .client
        .get(app.url("/api/v1/public/serious-breach?limit=6"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        other.status().as_u16(),
        200,
        "a different answer has a different tag"
    );

    let preflight = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            app.url("/api/v1/public/penalties"),
        )
        .header("Origin", "https://apps.example.cn")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .expect("sent");
    assert!(preflight.status().is_success());
    assert!(
        preflight
            .headers()
            .contains_key("access-control-allow-origin")
    );
    let compressed = app
        .client
        .get(app.url("/api/v1/public/licences?limit=100"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .expect("sent");
    assert_eq!(
        compressed
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("gzip")
    );
}

#[tokio::test]
async fn bad_input_is_a_clear_client_error() {
    let app = TestApp::with_demo().await;
    let invalid = app.get_json("/api/v1/public/serious-breach?uscc=91310114MA1GTPB26G&limit=101&listed_from=2026-13-01", 422).await;
    let fields: Vec<&str> = invalid["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, vec!["uscc", "listed_from", "limit"]);
    let cursor = app
        .get_json("/api/v1/public/penalties?cursor=not-a-cursor", 400)
        .await;
    assert_eq!(cursor["code"], "malformed_cursor");
    let newest = app.get_json("/api/v1/public/penalties?limit=1", 200).await;
    let token = newest["next_cursor"].as_str().expect("cursor");
    app.get_json(
        &format!("/api/v1/public/penalties?limit=1&sort=oldest&cursor={token}"),
        400,
    )
    .await;
    let en = app
        .client
        .get(app.url("/api/v1/public/licences?category=nonsense"))
        .header("Accept-Language", "en")
        .send()
        .await
        .expect("sent");
    assert_eq!(en.status().as_u16(), 422);
    let en: Value = en.json().await.expect("json");
    assert!(
        en["errors"][0]["message"]
            .as_str()
            .expect("message")
            .starts_with("must be one of")
    );

    let long = "长".repeat(5000);
    // Inputs that cannot be right: always a 4xx with a problem body.
    let invalid = [
        "/api/v1/public/serious-breach?q=%00%01",
        "/api/v1/public/serious-breach?q=%ZZ",
        "/api/v1/public/serious-breach?q=%E4%BD",
        "/api/v1/public/penalties?decided_from=0000-00-00",
        "/api/v1/public/commitments?limit=-1",
        "/api/v1/public/commitments?limit=1e3",
        "/api/v1/public/penalties/not-a-number",
        "/api/v1/public/penalties/99999999999999999999",
        "/api/v1/public/organisations/%00/profile",
    ];
    for path in invalid.iter().map(|p| p.to_string()).chain([format!(
        "/api/v1/public/serious-breach?q={}",
        urlencode(&long)
    )]) {
        let response = app.get(&path).await;
        let status = response.status().as_u16();
        assert!((400..500).contains(&status), "{path} gave {status}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    let injection = app
        .get_json("/api/v1/public/serious-breach?q=%27%20OR%201%3D1%20--", 200)
        .await;
    assert_eq!(
        injection["items"].as_array().map(Vec::len),
        Some(0),
        "SQL in the search text is only text"
    );
}
