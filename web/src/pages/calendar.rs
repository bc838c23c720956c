//! The holiday calendar (`/work/calendar?year=…`) for the credit office: a year's holidays on
//! weekdays and weekend make-up workdays, its working days, and the import of a new year's
//! arrangement as the State Council publishes it (CSV `date,kind,name`). Every legal deadline
//! counts by this calendar; the server checks the file and names the line at fault.

use super::me::require_sign_in;
use super::public::loaded;
use super::work_form::{failure_line, message_for};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError, Body};
use crate::components::{day, query_param};
use crate::i18n::label;
use chengxin_types::{CalendarImport, CalendarYear};
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// The year the browser's clock is in.
fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

fn weekday(date: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = date.weekday().num_days_from_monday() as usize;
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => ZH[i],
        crate::i18n::Lang::En => EN[i],
    }
}

fn year_view(year: CalendarYear) -> impl IntoView {
    let holidays = year
        .days
        .iter()
        .filter(|d| d.kind == chengxin_types::CalendarDayKind::Holiday)
        .count();
    let summary = texts::calendar_summary_text(
        year.year,
        year.working_days,
        holidays,
        year.days.len() - holidays,
    );
    let rows: Vec<_> = year
        .days
        .into_iter()
        .map(|d| {
            let source = if d.source == "shipped" {
                texts::t(K::SourceShipped)
            } else {
                texts::t(K::SourceImported)
            };
            view! {
                <tr data-day=d.day.to_string()>
                    <th scope="row">{day(d.day)} " " {weekday(d.day)}</th>
                    <td><span class="badge">{label(d.kind)}</span></td>
                    <td>{d.name}</td>
                    <td class="small muted">{source}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <p data-testid="calendar-summary">{summary}</p>
        <div class="table-wrap">
            <table data-testid="calendar-days">
                <caption class="visually-hidden">{texts::t(K::CalendarTitle)}</caption>
                <thead><tr>
                    <th scope="col">{texts::t(K::Date)}</th>
                    <th scope="col">{texts::t(K::DayKind)}</th>
                    <th scope="col">{texts::t(K::HolidayName)}</th>
                    <th scope="col">{texts::t(K::Source)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The import form: the file goes to the server as it is.
#[component]
fn ImportForm(on_done: Callback<CalendarImport>) -> impl IntoView {
    let file_input: NodeRef<Input> = NodeRef::new();
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let done: RwSignal<Option<CalendarImport>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let file_message = message_for(error, "file");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = file_input
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            error.set(Some(ApiError::at_field(
                "no_file",
                "file",
                texts::t(K::ChooseFile),
            )));
            return;
        };
        busy.set(true);
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let blob: web_sys::Blob = file.into();
            match api::send::<CalendarImport>(
                "POST",
                "/api/v1/admin/calendar",
                Body::Csv(blob),
                None,
            )
            .await
            {
                Ok(imported) => {
                    done.set(Some(imported.clone()));
                    on_done.run(imported);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="stack" data-form="calendar-import" on:submit=submit>
            <h2>{texts::t(K::ImportCalendar)}</h2>
            <p class="muted small">{texts::t(K::ImportCalendarHint)}</p>
            <label for="calendar-file">{texts::t(K::File)}</label>
            <input id="calendar-file" type="file" node_ref=file_input accept=".csv,text/csv"
                aria-invalid=move || file_message.with(Option::is_some).to_string()
                aria-describedby="calendar-file-error"/>
            {move || file_message.get().map(|m| view! { <p class="field-error" id="calendar-file-error">{m}</p> })}
            <button type="submit" disabled=move || busy.get()>{texts::t(K::ImportButton)}</button>
            {move || done.get().map(|d| view! {
                <p class="verdict ok" role="status">{texts::calendar_imported_text(d.imported, &d.years)}</p>
            })}
            {failure_line(error)}
        </form>
    }
}

#[component]
pub fn Calendar() -> impl IntoView {
    require_sign_in();
    let year_param = query_param("year");
    let year = Signal::derive(move || {
        year_param
            .get()
            .parse::<i32>()
            .unwrap_or_else(|_| this_year())
    });
    let reloads = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reloads.track();
        let path = format!("/api/v1/admin/calendar/{}", year.get());
        async move { api::get_signed_in::<CalendarYear>(&path).await }
    });
    let navigate = use_navigate();
    let go = move |to: i32| {
        navigate(
            &format!("/work/calendar?year={to}"),
            NavigateOptions::default(),
        );
    };
    let (back, forward) = (go.clone(), go);
    let on_done = Callback::new(move |_imported: CalendarImport| reloads.update(|n| *n += 1));
    view! {
        <h1>{texts::t(K::CalendarTitle)}</h1>
        <p class="muted">{texts::t(K::CalendarHint)}</p>
        <div class="actions">
            <button type="button" class="secondary" data-action="previous-year"
                on:click=move |_| back(year.get_untracked() - 1)>{move || texts::year_text(year.get() - 1)}</button>
            <button type="button" class="secondary" data-action="next-year"
                on:click=move |_| forward(year.get_untracked() + 1)>{move || texts::year_text(year.get() + 1)}</button>
        </div>
        <h2>{move || texts::year_text(year.get())}</h2>
        {loaded(data, year_view)}
        <ImportForm on_done=on_done/>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
