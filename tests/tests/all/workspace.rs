//! The workspace (工作台) each member of staff lands on: what waits for each of their roles, counted
//! from the same archive the lists read, with the nearest deadline in working days.

use chengxin_tests::{TestApp, json_of};
use chengxin_types::{Role, WorkKind, Workspace};
use reqwest::Method;
use serde_json::{Value, json};

async fn workspace_of(app: &TestApp, username: &str) -> Workspace {
    let token = app.demo_token(username).await;
    serde_json::from_value(
        json_of(
            app.get_as("/api/v1/me/workspace", &token).await,
            200,
            "workspace",
        )
        .await,
    )
    .expect("workspace")
}

fn count(workspace: &Workspace, role: Role, kind: WorkKind) -> i64 {
    workspace
        .work
        .iter()
        .find(|item| item.role == role && item.kind == kind)
        .map(|item| item.count)
        .unwrap_or_else(|| panic!("no {kind:?} for {role:?}: {workspace:?}"))
}

#[tokio::test]
async fn each_role_sees_what_waits_for_it_and_a_new_objection_counts_at_once() {
    let app = TestApp::with_demo().await;
    assert_eq!(app.get("/api/v1/me/workspace").await.status().as_u16(), 401);
    // A civil servant has no staff work.
    let servant = workspace_of(&app, "demo-servant").await;
    assert!(servant.work.is_empty(), "{servant:?}");

    // The reviewer's queue is the department's pending submissions the reviewer did not send.
    let reviewer = app.demo_token("demo-reviewer").await;
    let queue = json_of(
        app.get_as(
            "/api/v1/intake/submissions?status=pending&limit=100",
            &reviewer,
        )
        .await,
        200,
        "queue",
    )
    .await;
    let pending = queue["items"].as_array().map_or(0, Vec::len) as i64;
    let workspace = workspace_of(&app, "demo-reviewer").await;
    assert_eq!(
        count(&workspace, Role::Reviewer, WorkKind::SubmissionsPending),
        pending
    );

    // The handler's open objections; one more filed on a record of the department counts at once,
    // with its acceptance deadline as the nearest one at most.
    let handler = workspace_of(&app, "demo-handler").await;
    let before = count(&handler, Role::Handler, WorkKind::ObjectionsOpen);
    count(&handler, Role::Handler, WorkKind::RepairsOpen);
    let record: i64 = app
        .store
        .dump_text(
            "SELECT CAST(r.id AS TEXT) FROM credit_records r
             WHERE r.route = 'public' AND r.status = 'effective'
               AND COALESCE(r.deciding_org_id, r.reporting_org_id) = (SELECT organisation_id FROM accounts WHERE username = 'demo-handler')
               AND (r.publish_until IS NULL OR r.publish_until > CURRENT_DATE)
               AND NOT EXISTS (SELECT 1 FROM objections o WHERE o.record_id = r.id AND o.status IN ('submitted', 'accepted'))
             ORDER BY r.id LIMIT 1",
        )
        .await
        .expect("record")[0]
        .parse()
        .expect("id");
    let receipt: Value = json_of(
        app.send(
            Method::POST,
            "/api/v1/objections",
            None,
            Some(json!({
                "record_id": record,
                "filer": { "name": "工作台", "phone": "13800138000", "capacity": "agent" },
                "reason": "工作台测试的异议",
            })),
        )
        .await,
        201,
        "objection",
    )
    .await;
    let handler = workspace_of(&app, "demo-handler").await;
    assert_eq!(
        count(&handler, Role::Handler, WorkKind::ObjectionsOpen),
        before + 1
    );
    let item = handler
        .work
        .iter()
        .find(|item| item.kind == WorkKind::ObjectionsOpen)
        .expect("objections");
    let accept_due: chrono::NaiveDate =
        serde_json::from_value(receipt["accept_due"].clone()).expect("due");
    assert!(
        item.nearest_due.is_some_and(|due| due <= accept_due),
        "{item:?}"
    );
    assert!(item.working_days_left.is_some(), "{item:?}");

    // The credit office sees overdue objections and open complaints.
    let office = workspace_of(&app, "demo-admin").await;
    count(&office, Role::Admin, WorkKind::ObjectionsOverdue);
    count(&office, Role::Admin, WorkKind::ComplaintsOpen);
    // A reporter sees returned and pending submissions of the department.
    let reporter = workspace_of(&app, "demo-reporter").await;
    assert_eq!(
        count(&reporter, Role::Reporter, WorkKind::SubmissionsPending),
        pending,
        "the demo queue was sent by the demo reporter"
    );
    count(&reporter, Role::Reporter, WorkKind::SubmissionsReturned);
}
