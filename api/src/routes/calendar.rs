//! The working-day calendar for the credit office: one year's listed days (holidays on weekdays,
//! weekend make-up workdays) and the import of the State Council's arrangement for a new year.
//! Every legal deadline counts working days by this calendar, so an import takes effect at once
//! on this instance and within a minute on the others (see [`crate::state::LiveCalendar`]).

use super::me::private;
use crate::auth::Principal;
use crate::domain::calendar::{DayKind, SpecialDay, parse_csv};
use crate::error::{ApiError, ApiResult, Text};
use crate::state::AppState;
use crate::store::AuditEvent;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chengxin_types::{
    CalendarDay, CalendarDayInput, CalendarDayKind, CalendarImport, CalendarYear, Problem,
};
use chrono::{Datelike, NaiveDate};

/// The years a calendar may be asked for or imported: far enough either way for any deadline.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn year_out_of_range(field: &str) -> ApiError {
    ApiError::field(
        field.to_string(),
        "year_out_of_range",
        Text::new(
            format!("年份应在 {} 至 {} 之间", YEARS.start(), YEARS.end()),
            format!("the year must be from {} to {}", YEARS.start(), YEARS.end()),
        ),
    )
}

/// One year of the calendar.
#[utoipa::path(
    tag = "admin",
    summary = "节假日安排（某一年）/ The holiday calendar of a year",
    description = "某一年列出的日子：工作日放假的节假日和周末调休上班日，以及全年工作日数。未列出的周一至周五为工作日，周六周日休息。\n\nThe listed days of a year: holidays on weekdays and weekend make-up workdays, and the year's working days. Unlisted Mondays to Fridays are working days, weekends days off.",
    security(("bearer_token" = ["admin"])),
    params(("year" = i32, Path, description = "年份 / year", minimum = 2000, maximum = 2100)),
    responses(
        (status = 200, description = "该年的日历 / the year", body = CalendarYear),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "年份有误 / invalid year", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/admin/calendar/{year}")]
#[tracing::instrument(skip_all)]
pub async fn year(state: web::Data<AppState>, path: web::Path<String>) -> ApiResult<HttpResponse> {
    let year = path
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| year_out_of_range("year"))?;
    let (Some(first), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Err(year_out_of_range("year"));
    };
    let rows = state.store.calendar_days_between(first, next).await?;
    let days = rows
        .into_iter()
        .filter_map(|(day, kind, name, source)| {
            CalendarDayKind::from_code(&kind).map(|kind| CalendarDay {
                day,
                kind,
                name,
                source,
            })
        })
        .collect();
    let calendar = state.calendar.current();
    let working_days = first
        .iter_days()
        .take_while(|d| *d < next)
        .filter(|d| calendar.is_working_day(*d))
        .count();
    Ok(private(HttpResponse::Ok()).json(CalendarYear {
        year,
        days,
        working_days: u32::try_from(working_days).unwrap_or(u32::MAX),
    }))
}

/// Imports holidays and make-up workdays.
#[utoipa::path(
    tag = "admin",
    summary = "导入节假日安排 / Import holiday data",
    description = "导入国务院办公厅公布的节假日安排：CSV（`date,kind,name`，首行可为表头，`#` 开头为注释）或同样内容的 JSON 数组，kind 为 `holiday`（放假）或 `workday`（调休上班）。已有的日子按新数据替换。导入即时生效，所有法定期限按新日历计算；每次导入记入审计日志。\n\nImports the State Council's holiday arrangement: CSV (`date,kind,name`, an optional header line, `#` comments) or the same as a JSON array, kind `holiday` or `workday`. Days already listed are replaced. It takes effect at once: every legal deadline counts by the new calendar. Every import is an audit event.",
    security(("bearer_token" = ["admin"])),
    request_body(
        description = "CSV（date,kind,name）或 JSON 数组 / CSV (date,kind,name) or a JSON array",
        content(
            (String = "text/csv"),
            (Vec<CalendarDayInput> = "application/json")
        )
    ),
    responses(
        (status = 200, description = "导入了什么 / what was imported", body = CalendarImport),
        (status = 403, description = "无权导入 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "不是 CSV / not CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "数据有误（指出行号）/ invalid data (with the line)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/admin/calendar")]
#[tracing::instrument(skip_all)]
pub async fn import(
    state: web::Data<AppState>,
    me: Principal,
    req: HttpRequest,
    body: String,
) -> ApiResult<HttpResponse> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    let days = match content_type.as_deref() {
        Some("text/csv" | "text/plain") => csv_days(&body)?,
        Some("application/json") => json_days(&body)?,
        _ => {
            return Err(ApiError::UnsupportedMediaType(Text::new(
                "请以 text/csv 或 application/json 上传节假日数据",
                "Send the holiday data as text/csv or application/json",
            )));
        }
    };
    if days.is_empty() {
        return Err(ApiError::field(
            "file",
            "no_days",
            Text::new("文件中没有任何日期", "The file lists no days"),
        ));
    }
    if days.iter().any(|d| !YEARS.contains(&d.date.year())) {
        return Err(year_out_of_range("file"));
    }
    let mut years: Vec<i32> = days.iter().map(|d| d.date.year()).collect();
    years.sort_unstable();
    years.dedup();
    let event = AuditEvent {
        actor: me.actor(),
        action: "calendar.imported".into(),
        entity: "calendar".into(),
        entity_id: years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(","),
        detail: serde_json::json!({ "days": days.len(), "years": years }).to_string(),
    };
    state
        .store
        .upsert_calendar_days_audited(&days, "import", Some(&event))
        .await?;
    // The import is stored: if this instance cannot read the calendar back now, its minute
    // reload will, and the answer still says what was imported.
    if let Err(error) = state
        .calendar
        .reload(crate::startup::load_calendar(&state.store, &state.config))
        .await
    {
        tracing::error!(
            error = format!("{error:#}"),
            "imported holidays not reloaded yet"
        );
    }
    Ok(private(HttpResponse::Ok()).json(CalendarImport {
        imported: days.len(),
        years,
    }))
}

/// The days of calendar CSV, or the line at fault.
fn csv_days(body: &str) -> ApiResult<Vec<SpecialDay>> {
    parse_csv(body).map_err(|error| {
        ApiError::field(
            "file",
            "invalid_calendar_line",
            Text::new(
                error.to_string(),
                format!(
                    "line {}: expected date,kind,name with a YYYY-MM-DD date and kind holiday or workday",
                    error.line
                ),
            ),
        )
    })
}

/// The days of a JSON array of [`CalendarDayInput`].
fn json_days(body: &str) -> ApiResult<Vec<SpecialDay>> {
    let input: Vec<CalendarDayInput> = serde_json::from_str(body).map_err(|error| {
        ApiError::field(
            "file",
            "invalid_calendar_json",
            Text::new(
                format!("JSON 应为由 date、kind、name 组成的数组（{error}）"),
                format!("expected an array of date, kind, name ({error})"),
            ),
        )
    })?;
    Ok(input
        .into_iter()
        .map(|day| SpecialDay {
            date: day.date,
            kind: match day.kind {
                CalendarDayKind::Holiday => DayKind::Holiday,
                CalendarDayKind::Workday => DayKind::Workday,
            },
            name: day.name.trim().to_string(),
        })
        .collect())
}
