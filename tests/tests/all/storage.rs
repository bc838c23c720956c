//! Storage on the backend of this run: migrations, demo data, privacy at rest, the audit chain.

use chengxin::config::Config;
use chengxin::domain::masking::find_unmasked_id;
use chengxin::domain::score::Rulebook;
use chengxin::pii::PiiCipher;
use chengxin::startup::{Application, prepare_store};
use chengxin::store::{AuditEvent, ChainCheck, DatabaseKind, Store};
use chengxin_tests::{TestApp, demo_anchor, fresh_database_url, test_config};

async fn fresh_config() -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(dir.path()).await.expect("database");
    let config = test_config(dir.path(), url);
    (dir, config)
}

#[tokio::test]
async fn migrations_and_defaults_are_idempotent() {
    let (_dir, config) = fresh_config().await;
    let store = prepare_store(&config).await.expect("first");
    let again = prepare_store(&config).await.expect("second run is a no-op");
    assert_eq!(
        again.stats().await.expect("stats"),
        store.stats().await.expect("stats")
    );
    let rulebook = store
        .rulebook_in_effect("wendeng-civil-servant", demo_anchor())
        .await
        .expect("preset stored");
    assert_eq!(rulebook, Rulebook::wendeng_civil_servant());
    let calendar = store.work_calendar().await.expect("calendar");
    assert!(
        calendar.is_working_day(chrono::NaiveDate::from_ymd_opt(2026, 10, 10).expect("date")),
        "make-up workday loaded"
    );
}

#[tokio::test]
async fn a_newer_preset_never_goes_over_the_offices_own_rulebook() {
    let (_dir, mut config) = fresh_config().await;
    config.scoring.rulebook = "wendeng-civil-servant".to_string();
    let store = Store::connect(&config.effective_database_url(), 2)
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    // An office that published its own version 2 (a heavier talk reminder) before this release.
    let mut own = Rulebook::wendeng_civil_servant();
    own.version = 2;
    own.items.retain(|i| i.code != "volunteer_50h");
    if let Some(item) = own.items.iter_mut().find(|i| i.code == "talk_reminder") {
        item.effect = chengxin::domain::score::ItemEffect::Points(-4);
    }
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    store
        .insert_rulebook(&own, day, "credit-office")
        .await
        .expect("own version");
    let store = prepare_store(&config).await.expect("start");
    let in_effect = store
        .rulebook_in_effect("wendeng-civil-servant", demo_anchor())
        .await
        .expect("rulebook");
    assert_eq!(in_effect, own, "the office's version stays in effect");
    // The built-in kind for an item the office's rulebook lacks waits for it; the others are there.
    let catalogue = store.catalogue().await.expect("catalogue");
    assert!(catalogue.get("volunteer_50h").is_none());
    assert!(catalogue.get("volunteer_100h").is_some());
    // Where the office has no version of its own, the newest preset is installed.
    let weihai = store
        .rulebook_in_effect("weihai-civil-servant", demo_anchor())
        .await
        .expect("rulebook");
    assert_eq!(weihai, Rulebook::weihai_civil_servant());
}

#[tokio::test]
async fn a_second_start_adds_no_duplicate_demo_data() {
    // Auto-seeding applies to the embedded database only.
    let (dir, mut config) = fresh_config().await;
    if DatabaseKind::of_url(&config.database_url) != Ok(DatabaseKind::Sqlite) {
        return;
    }
    config.seed_demo = true;
    let first = Application::build(config.clone())
        .await
        .expect("first start");
    let seeded = first.store().stats().await.expect("stats");
    assert!(seeded.persons >= 500);
    first.store().close().await;
    drop(first);
    let second = Application::build(config).await.expect("second start");
    assert_eq!(second.store().stats().await.expect("stats"), seeded);
    drop(dir);
}

#[tokio::test]
async fn the_demo_district_is_deterministic() {
    let a = TestApp::with_demo().await;
    let b = TestApp::with_demo().await;
    assert_eq!(
        a.store.stats().await.expect("stats"),
        b.store.stats().await.expect("stats")
    );
    assert_eq!(
        a.store.government_bodies().await.expect("bodies"),
        b.store.government_bodies().await.expect("bodies")
    );
    for (_, _, uscc) in a.store.government_bodies().await.expect("bodies") {
        assert!(chengxin::domain::Uscc::parse(&uscc).is_ok(), "{uscc}");
    }
}

#[tokio::test]
async fn no_full_id_number_is_readable_from_the_database() {
    let app = TestApp::with_demo().await;
    // The real numbers, recovered with the key as only government sharing may.
    let cipher = PiiCipher::load_or_create(&app.data_dir.path().join("keys")).expect("keys");
    let real_ids: Vec<String> = app
        .store
        .person_ciphers()
        .await
        .expect("persons")
        .iter()
        .map(|sealed| {
            cipher
                .open(sealed)
                .expect("opens with the key")
                .expose()
                .to_string()
        })
        .collect();
    assert!(real_ids.len() >= 500);
    // Every text column that describes people, as a dump would show them.
    let readable = dump(&app, &[
        "SELECT name || '|' || id_masked FROM persons",
        "SELECT cf_xdr_mc || '|' || COALESCE(xdr_id_masked, '') || '|' || cf_sy || '|' || cf_nr FROM penalties",
        "SELECT subject_name || '|' || COALESCE(subject_id_masked, '') || '|' || reason FROM serious_breach_entries",
        "SELECT title || '|' || content FROM credit_records",
    ])
    .await;
    let hashes = dump(&app, &["SELECT id_lookup FROM persons"]).await;
    assert_eq!(
        find_unmasked_id(&readable),
        None,
        "something shaped like a full ID number is stored in clear"
    );
    for id in &real_ids {
        assert!(
            !readable.contains(id.as_str()) && !hashes.contains(id.as_str()),
            "a real ID number is stored in clear"
        );
    }
}

async fn dump(app: &TestApp, queries: &[&str]) -> String {
    let mut dump = String::new();
    for query in queries {
        for row in app.store.dump_text(query).await.expect("query") {
            dump.push_str(&row);
            dump.push('\n');
        }
    }
    dump
}

#[tokio::test]
async fn the_audit_chain_holds_and_tampering_is_detected() {
    let app = TestApp::empty().await;
    for i in 0..5 {
        let event = AuditEvent {
            actor: "cli".into(),
            action: "test.event".into(),
            entity: "test".into(),
            entity_id: i.to_string(),
            detail: format!("{{\"n\":{i}}}"),
        };
        app.store.audit(&event).await.expect("appended");
    }
    assert_eq!(
        app.store.verify_audit_chain().await.expect("check"),
        ChainCheck::Intact { events: 5 }
    );

    // The database itself refuses to change or delete audit rows.
    assert!(
        app.store
            .execute_admin("UPDATE audit_log SET detail = '{}' WHERE seq = 3")
            .await
            .is_err()
    );
    assert!(
        app.store
            .execute_admin("DELETE FROM audit_log WHERE seq = 3")
            .await
            .is_err()
    );

    // Someone with DDL rights removes the guard and edits a row: the chain shows where.
    app.tamper_with_audit_event(3, r#"{"n":99}"#).await;
    assert_eq!(
        app.store.verify_audit_chain().await.expect("check"),
        ChainCheck::BrokenAt { seq: 3 }
    );
}

#[tokio::test]
async fn concurrent_audit_appends_keep_one_chain() {
    let app = TestApp::empty().await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store: Store = app.store.clone();
        tasks.push(tokio::spawn(async move {
            let event = AuditEvent {
                actor: "cli".into(),
                action: "test.concurrent".into(),
                entity: "test".into(),
                entity_id: i.to_string(),
                detail: "{}".into(),
            };
            store.audit(&event).await
        }));
    }
    for task in tasks {
        task.await.expect("joined").expect("appended");
    }
    assert_eq!(
        app.store.verify_audit_chain().await.expect("check"),
        ChainCheck::Intact { events: 40 }
    );
}

#[tokio::test]
async fn bad_database_urls_fail_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(dir.path(), "mysql://root:secret@localhost/x".to_string());
    let message = format!(
        "{:#}",
        Application::build(config.clone())
            .await
            .err()
            .expect("refused")
    );
    assert!(
        message.contains("sqlite://") && !message.contains("secret"),
        "{message}"
    );
    config.database_url = "postgres://postgres@127.0.0.1:1/none".to_string();
    let message = format!(
        "{:#}",
        Application::build(config).await.err().expect("refused")
    );
    assert!(
        message.contains("cannot connect to PostgreSQL") && message.contains("refused"),
        "{message}"
    );
}

/// The name index as the code keeps it, and as migration 0007 builds it for entries that were
/// there before: the same pieces for every entry.
#[tokio::test]
async fn the_name_index_the_code_keeps_matches_what_the_migration_builds() {
    let app = TestApp::with_demo().await;
    let pieces = "SELECT CAST(entity_id AS TEXT) || ' ' || bigram FROM name_bigrams ORDER BY 1";
    let kept = app.store.dump_text(pieces).await.expect("pieces");
    assert!(
        kept.len() > 48,
        "every listed name has pieces: {}",
        kept.len()
    );

    let migration = match app.backend() {
        DatabaseKind::Sqlite => include_str!("../../../migrations/sqlite/0007_name_bigrams.sql"),
        DatabaseKind::Postgres => {
            include_str!("../../../migrations/postgres/0007_name_bigrams.sql")
        }
    };
    let backfill = migration
        .split_once(");\n")
        .map(|(_, rest)| rest)
        .expect("the statement after CREATE TABLE");
    app.store
        .execute_admin("DELETE FROM name_bigrams")
        .await
        .expect("emptied");
    app.store.execute_admin(backfill).await.expect("backfilled");
    let built = app.store.dump_text(pieces).await.expect("pieces");
    assert_eq!(kept, built);

    // And a two-character search finds exactly what a scan finds.
    let name: String = app
        .store
        .dump_text("SELECT subject_name FROM serious_breach_entries WHERE subject_kind = 'organisation' ORDER BY id LIMIT 1")
        .await
        .expect("a name")[0]
        .clone();
    let two: String = name.chars().skip(1).take(2).collect();
    let found = app
        .get_json(
            &format!(
                "/api/v1/public/serious-breach?limit=100&q={}",
                urlencode(&two)
            ),
            200,
        )
        .await;
    let expected = app
        .store
        .dump_text(&format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM serious_breach_entries
             WHERE subject_kind = 'organisation' AND subject_name LIKE '%{two}%' AND status <> 'noticed'"
        ))
        .await
        .expect("count")[0]
        .parse::<usize>()
        .expect("number");
    let got = found["items"].as_array().map(Vec::len).unwrap_or(0);
    assert!(got >= 1 && got <= expected, "{two}: {got} of {expected}");
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Migration 0010 rebuilds SQLite's intake tables (to widen their vocabularies): the rows that
/// were there before, and the foreign keys between them, come through. Run on a database migrated
/// only to 0009 and holding a batch and its submission.
#[tokio::test]
async fn the_intake_tables_keep_their_rows_through_the_removals_migration() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(dir.path()).await.expect("database");
    let backend = if url.starts_with("sqlite") {
        "sqlite"
    } else {
        "postgres"
    };
    let up_to_0009 = dir.path().join("migrations");
    std::fs::create_dir_all(&up_to_0009).expect("folder");
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(backend);
    for entry in std::fs::read_dir(&source).expect("migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.as_str() < "0010" {
            std::fs::copy(&path, up_to_0009.join(&name)).expect("copy");
        }
    }
    let old = sqlx::migrate::Migrator::new(up_to_0009.as_path())
        .await
        .expect("migrator");
    let rows = [
        "INSERT INTO organisations (id, uscc, name, kind, created_at) VALUES (1, '11379901000000001C', '某局', 'government_body', '2026-01-01T00:00:00Z')",
        "INSERT INTO accounts (id, username, display_name, password_hash, roles, organisation_id, created_at) VALUES (1, 'r', '报送员', 'x', 'reporter', 1, '2026-01-01T00:00:00Z')",
        "INSERT INTO import_batches (id, department_org_id, uploaded_by, format, encoding, mode, rows_total, rows_accepted, rows_rejected, created_at) VALUES (7, 1, 1, 'listings', 'UTF-8', 'per_row', 1, 1, 0, '2026-01-01T00:00:00Z')",
        "INSERT INTO submissions (id, department_org_id, item_kind, item_id, batch_id, batch_row, summary, status, submitted_by, submitted_at) VALUES (9, 1, 'listing', 3, 7, 1, '某公司：列入', 'pending', 1, '2026-01-01T00:00:00Z')",
    ];
    if backend == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&url).await.expect("pool");
        old.run(&pool).await.expect("up to 0009");
        for row in rows {
            sqlx::query(row).execute(&pool).await.expect("row");
        }
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(&url).await.expect("pool");
        old.run(&pool).await.expect("up to 0009");
        for row in rows {
            sqlx::query(row).execute(&pool).await.expect("row");
        }
        pool.close().await;
    }
    let store = Store::connect(&url, 2).await.expect("store");
    store.migrate().await.expect("0010 and later");
    let kept = store
        .dump_text(
            "SELECT s.summary || ' ' || b.format FROM submissions s JOIN import_batches b ON b.id = s.batch_id WHERE s.id = 9",
        )
        .await
        .expect("rows");
    assert_eq!(kept, vec!["某公司：列入 listings".to_string()]);
    store
        .execute_admin(
            "INSERT INTO import_batches (id, department_org_id, uploaded_by, format, encoding, mode, rows_total, rows_accepted, rows_rejected, created_at) VALUES (8, 1, 1, 'removals', 'UTF-8', 'per_row', 1, 1, 0, '2026-01-02T00:00:00Z')",
        )
        .await
        .expect("the new format is allowed");
    let refused = store
        .execute_admin(
            "INSERT INTO submissions (department_org_id, item_kind, item_id, batch_id, summary, status, submitted_by, submitted_at) VALUES (1, 'removal', 1, 99, 'x', 'pending', 1, '2026-01-02T00:00:00Z')",
        )
        .await;
    assert!(
        refused.is_err(),
        "foreign keys still hold after the rebuild"
    );
}
