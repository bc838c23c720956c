//! 双公示 timeliness for the credit office: every deciding body's figures, and the trend by
//! month. The figures come from the same decision dates and rules as the public profile's.

use super::me::private;
use super::public::params::Fields;
use crate::domain::timeliness::by_month;
use crate::error::{ApiResult, FieldError, Text};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chengxin_types::{Problem, PublicationMonth};
use serde::Deserialize;
use utoipa::IntoParams;

/// The longest trend asked for: three years.
const MAX_MONTHS: u32 = 36;

/// 双公示 timeliness of every deciding body, for the credit office.
#[utoipa::path(
    tag = "intake",
    summary = "双公示时效 / Timeliness of 双公示 by department",
    description = "信用办查看各部门行政处罚、行政许可自作出决定到公示的工作日数：按时（不超过 7 个工作日，可配置）、逾期、尚未公示且已超期的件数，平均工作日数。各机关的数字也见于其公开的政务诚信档案。\n\nThe credit office sees, per deciding body, the working days from decision to publication of penalties and licences: on time (within 7 working days, configurable), late, unpublished and already overdue, and the average. Each body's figures are also in its public integrity profile.",
    security(("bearer_token" = ["auditor", "admin"])),
    responses(
        (status = 200, description = "各部门 / by department", body = Vec<chengxin_types::DepartmentPublication>),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/publication-timeliness")]
#[tracing::instrument(skip_all)]
pub async fn publication_timeliness(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let all = super::public::profile::publication_figures(&state, None).await?;
    Ok(private(HttpResponse::Ok()).json(all))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthlyQuery {
    /// 月数（含本月），1–36，默认 12 / How many months, this one included, 1–36, default 12.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 36)]
    pub months: Option<String>,
    /// 只看此决定机关（统一社会信用代码）/ Only this deciding body (its USCC).
    pub department: Option<String>,
}

/// 双公示 decisions by the month they were decided, and how promptly they were published.
#[utoipa::path(
    tag = "intake",
    summary = "双公示时效（按月）/ Timeliness of 双公示 by month",
    description = "最近若干个月（含本月）作出的行政处罚和行政许可，按决定月份统计：按时公示、逾期公示、超期未公示、尚在期限内未公示的件数。可只看一个决定机关。\n\nPenalties and licences decided in the last months (this one included), by month of decision: published on time, published late, unpublished past the limit, unpublished within it. Optionally one deciding body only.",
    security(("bearer_token" = ["auditor", "admin"])),
    params(MonthlyQuery),
    responses(
        (status = 200, description = "各月，早的在前 / the months, oldest first", body = Vec<PublicationMonth>),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "参数有误 / invalid parameter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/publication-timeliness/monthly")]
#[tracing::instrument(skip_all)]
pub async fn publication_by_month(
    state: web::Data<AppState>,
    query: web::Query<MonthlyQuery>,
) -> ApiResult<HttpResponse> {
    let mut fields = Fields::default();
    let department = fields.uscc("department", query.department.as_deref());
    let months = match query.months.as_deref().map(str::trim) {
        None | Some("") => 12,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=MAX_MONTHS).contains(&n) => n,
            _ => {
                fields.push(FieldError::new(
                    "months",
                    "out_of_range",
                    Text::new(
                        format!("月数应为 1 至 {MAX_MONTHS} 的整数"),
                        format!("must be a whole number from 1 to {MAX_MONTHS}"),
                    ),
                ));
                12
            }
        },
    };
    fields.finish()?;
    let dates = crate::integrity::decision_dates(&state.store, department.as_deref(), None).await?;
    let series = by_month(
        dates.into_iter().flat_map(|(_, (_, dates))| dates),
        &state.calendar.current(),
        state.config.intake.publication_limit_working_days,
        state.today(),
        months,
    );
    Ok(private(HttpResponse::Ok()).json(series))
}
