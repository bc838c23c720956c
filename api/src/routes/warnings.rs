//! Warnings before a breach (预警) over HTTP: the credit office's list of every government body,
//! and a department's own.

use super::me::private;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chengxin_types::{BodyWarnings, Problem, WarningItem, WarningKind};

/// The warnings of government bodies (of `body`, or of all), nearest deadline first within a
/// body, the bodies with the most pressing one first.
pub(crate) async fn warnings(state: &AppState, body: Option<i64>) -> ApiResult<Vec<BodyWarnings>> {
    let rules = state.config.warnings;
    let calendar = state.calendar.current();
    let today = state.today();
    let limit = state.config.intake.publication_limit_working_days;
    let horizon = today + chrono::Duration::days(i64::from(rules.commitment_days.max(30)));
    // A decision still unpublished after this long is overdue whatever the calendar says.
    let decided_since = today - chrono::Duration::days(366);
    let mut bodies: Vec<(i64, BodyWarnings)> = Vec::new();
    for row in state
        .store
        .warning_candidates(body, horizon, decided_since)
        .await?
    {
        let Some(kind) = WarningKind::from_code(&row.kind) else {
            continue;
        };
        let due = match (row.due, row.decided_on) {
            (Some(due), _) => due,
            (None, Some(decided)) => calendar.add_working_days(decided, limit),
            (None, None) => continue,
        };
        let warned = match kind {
            WarningKind::CommitmentDue => rules.warns_commitment(due, today),
            _ => rules.warns_deadline(&calendar, due, today),
        };
        if !warned {
            continue;
        }
        let item = WarningItem {
            kind,
            reference: row.reference,
            title: row.title.chars().take(80).collect(),
            due,
            working_days_left: calendar.working_days_left(today, due),
        };
        match bodies.iter_mut().find(|(id, _)| *id == row.body_id) {
            Some((_, b)) => b.items.push(item),
            None => bodies.push((
                row.body_id,
                BodyWarnings {
                    body: row.body_name,
                    body_uscc: row.body_uscc,
                    items: vec![item],
                },
            )),
        }
    }
    let mut bodies: Vec<BodyWarnings> = bodies.into_iter().map(|(_, b)| b).collect();
    for b in &mut bodies {
        b.items
            .sort_by(|a, b| (a.due, a.kind, &a.reference).cmp(&(b.due, b.kind, &b.reference)));
    }
    bodies.sort_by_key(|b| b.items.first().map(|i| i.due));
    Ok(bodies)
}

/// Every government body with something about to be breached.
#[utoipa::path(
    operation_id = "all_warnings",
    tag = "rectification",
    summary = "政务失信预警（信用办）/ Warnings before a breach (credit office)",
    description = "即将构成政务失信的事项：`warnings.commitment_days`（30）天内到期或已到期仍在履行中的政府承诺；`warnings.deadline_working_days`（2）个工作日内到期或已逾期的异议和信用修复办理、未公示的行政处罚和许可（双公示期限）、整改报告。按单位分组，最紧迫的在前。\n\nWhat is about to become a government breach: commitments due within 30 days (or past due, still in progress), and objections, repairs, unpublished decisions (the 双公示 limit) and rectification reports due within 2 working days or overdue; by body, the most pressing first.",
    security(("bearer_token" = ["admin"])),
    responses(
        (status = 200, description = "预警 / the warnings", body = Vec<BodyWarnings>),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/warnings")]
#[tracing::instrument(skip_all)]
pub async fn all(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    Ok(private(HttpResponse::Ok()).json(warnings(&state, None).await?))
}

/// The caller's own department's warnings.
#[utoipa::path(
    operation_id = "own_warnings",
    tag = "rectification",
    summary = "本单位的政务失信预警 / My department's warnings",
    description = "与信用办看到的预警相同，只含本单位。\n\nThe same warnings the credit office sees, for the caller's department only.",
    security(("bearer_token" = ["reporter", "reviewer", "handler"])),
    responses(
        (status = 200, description = "本单位的预警（无则为空）/ the warnings, empty when none", body = Vec<WarningItem>),
        (status = 403, description = "角色不符或未设所属单位 / role not allowed or no department", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/work/warnings")]
#[tracing::instrument(skip_all)]
pub async fn own(state: web::Data<AppState>, me: Principal) -> ApiResult<HttpResponse> {
    let Some(department) = me.organisation_id else {
        return Err(ApiError::Forbidden {
            code: "no_department",
            message: Text::new("该账号未设所属单位", "This account has no department"),
        });
    };
    let items: Vec<WarningItem> = warnings(&state, Some(department))
        .await?
        .into_iter()
        .flat_map(|b| b.items)
        .collect();
    Ok(private(HttpResponse::Ok()).json(items))
}
