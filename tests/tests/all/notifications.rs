//! Notifications by e-mail: with `notifications.smtp` configured, the dispatcher mails every case
//! step to a real SMTP server (a small one the test runs): the department's handlers, the filer
//! through the e-mail-to-SMS gateway, the credit office's admins. An address the server refuses
//! for good, or a recipient without an address, is marked failed at once instead of retried.

use chengxin::config::SmtpConfig;
use chengxin_tests::TestApp;
use chengxin_tests::smtp_sink::{ReceivedMail, SmtpSink};
use reqwest::Method;
use serde_json::{Value, json};

async fn mailing_app(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    TestApp::with_demo_and_config(move |config| {
        config.notifications.interval_seconds = 1;
        config.notifications.smtp = Some(SmtpConfig {
            url,
            from: "诚信平台 <noreply@credit.test>".to_string(),
            credit_office: None,
            sms_gateway: Some("{phone}@sms.test".to_string()),
            timeout_seconds: 5,
        });
    })
    .await
}

async fn file_objection(app: &TestApp, phone: &str) -> String {
    let record = app.public_record_of_department_of("demo-handler").await;
    let response = app
        .send(
            Method::POST,
            "/api/v1/objections",
            None,
            Some(json!({
                "record_id": record,
                "filer": { "name": "王小明", "phone": phone, "capacity": "interested_party" },
                "reason": "记录中的金额有误",
            })),
        )
        .await;
    assert_eq!(response.status().as_u16(), 201);
    let receipt: Value = response.json().await.expect("json");
    receipt["ticket_no"].as_str().expect("ticket").to_string()
}

fn subject_and_body(mail: &ReceivedMail) -> (String, String) {
    let parsed = mailparse::parse_mail(&mail.data).expect("a well-formed message");
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("subject"))
        .map(|h| h.get_value())
        .expect("a subject");
    (subject, parsed.get_body().expect("a body"))
}

fn mail_to<'a>(mails: &'a [ReceivedMail], address: &str) -> &'a ReceivedMail {
    mails
        .iter()
        .find(|m| m.to.iter().any(|to| to == address))
        .unwrap_or_else(|| panic!("no mail to {address} among {mails:?}"))
}

#[tokio::test]
async fn each_case_step_is_mailed_to_the_handlers_and_to_the_filer_through_the_sms_gateway() {
    let sink = SmtpSink::start().await;
    let app = mailing_app(&sink).await;
    for (account, address) in [
        ("demo-handler", "handler@market.test"),
        ("demo-admin", "office@credit.test"),
    ] {
        assert!(
            app.store
                .set_account_email(account, Some(address), "test")
                .await
                .expect("stored")
        );
    }

    let ticket = file_objection(&app, "13800138000").await;
    let mails = sink.wait_for(2, 15).await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    for mail in &mails {
        assert_eq!(mail.from, "noreply@credit.test");
        let (subject, body) = subject_and_body(mail);
        assert_eq!(subject, format!("【诚信】异议 {ticket}"));
        assert!(body.contains("已登记，等待受理"), "{body}");
    }
    mail_to(&mails, "13800138000@sms.test");
    mail_to(&mails, "handler@market.test");

    let handler = app.demo_token("demo-handler").await;
    let accepted = app
        .send(
            Method::POST,
            &format!("/api/v1/handling/objections/{ticket}/steps"),
            Some(&handler),
            Some(json!({ "action": "accept" })),
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 200);
    let mails = sink.wait_for(4, 15).await;
    assert_eq!(mails.len(), 4, "{mails:?}");
    let (_, body) = subject_and_body(&mails[3]);
    assert!(body.contains("已受理"), "{body}");

    // A complaint goes to the credit office: the admins' addresses.
    let uscc = app.store.government_bodies().await.expect("bodies")[1]
        .2
        .clone();
    let filed = app
        .send(
            Method::POST,
            "/api/v1/complaints",
            None,
            Some(json!({
                "body_uscc": uscc,
                "kind": "arrears",
                "description": "2024 年承接的道路养护工程款 86 万元至今未付",
                "complainant_name": "王总",
                "complainant_phone": "13900139000",
            })),
        )
        .await;
    assert_eq!(filed.status().as_u16(), 201);
    let mails = sink.wait_for(6, 15).await;
    let (subject, _) = subject_and_body(mail_to(&mails, "office@credit.test"));
    assert!(subject.starts_with("【诚信】政务失信投诉 TS"), "{subject}");
    mail_to(&mails, "13900139000@sms.test");
}

#[tokio::test]
async fn a_refused_address_or_a_missing_one_fails_at_once_instead_of_being_retried() {
    let sink = SmtpSink::start().await;
    sink.refuse_domain("sms.test");
    let app = mailing_app(&sink).await;
    // No handler of the department has an e-mail address.
    file_objection(&app, "13800138000").await;

    let mut outcome = Vec::new();
    for _ in 0..150 {
        outcome = app
            .store
            .dump_text(
                "SELECT channel || ' ' || status || ' ' || CAST(attempts AS TEXT) || ' ' || COALESCE(last_error, '')
                 FROM outbox ORDER BY id",
            )
            .await
            .expect("outbox");
        if outcome.iter().all(|row| !row.contains(" pending ")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(outcome.len(), 2, "{outcome:?}");
    assert!(
        outcome[0].starts_with("sms failed 8 SMTP server refused"),
        "{outcome:?}"
    );
    assert!(outcome[0].contains("550"), "{outcome:?}");
    assert!(
        outcome[1].starts_with("department failed 8 no e-mail address for org:"),
        "{outcome:?}"
    );
    assert!(sink.mails().is_empty());
}

#[tokio::test]
async fn a_bad_smtp_setting_is_refused_at_start_naming_the_key() {
    let mut config = chengxin::config::Config::default();
    config.notifications.smtp = Some(SmtpConfig {
        url: "smtp://127.0.0.1:25".to_string(),
        from: "not an address".to_string(),
        credit_office: None,
        sms_gateway: None,
        timeout_seconds: 5,
    });
    let error = config.check().expect_err("refused").to_string();
    assert!(error.contains("notifications.smtp.from"), "{error}");
    if let Some(smtp) = config.notifications.smtp.as_mut() {
        smtp.from = "noreply@credit.test".to_string();
        smtp.sms_gateway = Some("sms.test".to_string());
    }
    let error = config.check().expect_err("refused").to_string();
    assert!(error.contains("notifications.smtp.sms_gateway"), "{error}");
}
