//! The workspace (工作台) a member of staff lands on after signing in: for each of their roles,
//! what waits for them — how many, the nearest deadline in working days, or how long the queue has
//! waited. Counts only: opening the work itself is logged where it is read.

use super::me::private;
use crate::auth::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::Waiting;
use actix_web::{HttpResponse, get, web};
use chengxin_types::{AccountView, Role, SubmissionStatus, WorkItem, WorkKind, Workspace};

/// What waits for one member of staff.
#[utoipa::path(
    operation_id = "my_workspace",
    tag = "me",
    summary = "我的工作台 / My workspace",
    description = "登录后的工作台：按本人的每个角色列出待办事项的件数、最近的办理期限（按工作日计，已逾期为负数）或最早一件的日期。信息报送员：被退回待修改的、待审核的报送；评议审核员：待本人审核的报送；异议与修复经办人：本单位办理中的异议和信用修复申请、本单位待整改的政务失信事项；信用办：逾期的异议、办理中的政务失信投诉和待办理的政务失信整改。只含件数和日期，不含任何人的信息。\n\nWhat waits for each of the signed-in account's roles: how many, the nearest deadline in working days (negative once passed), or the oldest item's date. Reporters: returned submissions and those waiting for review; reviewers: submissions waiting for them; handlers: the department's open objections and repair applications and its breaches to rectify; the credit office: overdue objections, open complaints and rectification cases to handle. Counts and dates only.",
    security(("bearer_token" = [])),
    responses(
        (status = 200, description = "工作台 / the workspace", body = Workspace)
    )
)]
#[get("/me/workspace")]
#[tracing::instrument(skip_all)]
pub async fn workspace(state: web::Data<AppState>, me: Principal) -> ApiResult<HttpResponse> {
    let today = state.today();
    let item = |role: Role, kind: WorkKind, waiting: Waiting| WorkItem {
        role,
        kind,
        count: waiting.n,
        nearest_due: waiting.nearest,
        working_days_left: waiting
            .nearest
            .map(|due| state.calendar.current().working_days_left(today, due)),
        oldest_since: waiting
            .oldest
            .map(|at| at.with_timezone(&state.tz).date_naive()),
    };
    let store = &state.store;
    let mut work = Vec::new();
    if let Some(department) = me.organisation_id {
        if me.has(Role::Reporter) {
            let returned = store
                .waiting_submissions(department, SubmissionStatus::Returned, None)
                .await?;
            let pending = store
                .waiting_submissions(department, SubmissionStatus::Pending, None)
                .await?;
            work.push(item(
                Role::Reporter,
                WorkKind::SubmissionsReturned,
                returned,
            ));
            work.push(item(Role::Reporter, WorkKind::SubmissionsPending, pending));
        }
        if me.has(Role::Reviewer) {
            // Nobody reviews their own submission: those are not waiting for this reviewer.
            let queue = store
                .waiting_submissions(department, SubmissionStatus::Pending, Some(me.account_id))
                .await?;
            work.push(item(Role::Reviewer, WorkKind::SubmissionsPending, queue));
        }
        if me.has(Role::Handler) {
            let (objections, repairs) = store.waiting_cases(department).await?;
            work.push(item(Role::Handler, WorkKind::ObjectionsOpen, objections));
            work.push(item(Role::Handler, WorkKind::RepairsOpen, repairs));
            let own = store
                .waiting_rectifications(Some(department), today)
                .await?;
            work.push(item(Role::Handler, WorkKind::RectificationsToReport, own));
        }
    }
    if me.has(Role::Admin) {
        let overdue = store.overdue_objections(today).await?;
        let overdue = Waiting {
            n: i64::try_from(overdue.len()).unwrap_or(i64::MAX),
            nearest: overdue
                .iter()
                .map(|row| row.reply_due.unwrap_or(row.accept_due))
                .min(),
            oldest: None,
        };
        work.push(item(Role::Admin, WorkKind::ObjectionsOverdue, overdue));
        let complaints = store.waiting_complaints().await?;
        work.push(item(Role::Admin, WorkKind::ComplaintsOpen, complaints));
        let rectifications = store.waiting_rectifications(None, today).await?;
        work.push(item(
            Role::Admin,
            WorkKind::RectificationsToHandle,
            rectifications,
        ));
    }
    Ok(private(HttpResponse::Ok()).json(Workspace {
        account: AccountView {
            username: me.username.clone(),
            display_name: me.display_name.clone(),
            roles: me.roles.clone(),
            organisation: me.organisation.clone(),
        },
        work,
    }))
}
