//! The credit office's oversight dashboard (`/work/oversight`, 监督看板): how promptly each
//! department publishes its 双公示 decisions and the trend by month, the objections and repair
//! applications past their deadline, and what the archive holds. Every figure is the server's;
//! the charts only draw them (SVG, no script of their own, no inline styles).

use super::handling::deadline_badge;
use super::me::require_sign_in;
use super::public::loaded;
use super::work_texts::{self as texts, Key as K, on_time_text};
use crate::api;
use crate::i18n::label;
use chengxin_types::{
    ArchiveStats, DepartmentPublication, ObjectionView, PublicationMonth, RepairView,
};
use leptos::prelude::*;

/// The colours of the four outcomes, the same in every chart and legend (contrast ≥ 3:1 on white).
const ON_TIME: &str = "#2e7d32";
const LATE: &str = "#b26a00";
const OVERDUE: &str = "#b3261e";
const PENDING: &str = "#9e9aa2";

fn swatch(colour: &'static str, name: K) -> impl IntoView {
    view! {
        <li>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" rx="3" fill=colour/></svg>
            " " {texts::t(name)}
        </li>
    }
}

fn legend(with_pending: bool) -> impl IntoView {
    view! {
        <ul class="tool-list small">
            {swatch(ON_TIME, K::OnTime)}
            {swatch(LATE, K::PublishedLate)}
            {swatch(OVERDUE, K::UnpublishedOverdue)}
            {with_pending.then(|| swatch(PENDING, K::PendingPublication))}
        </ul>
    }
}

/// One horizontal bar of `parts` (count, colour), their widths in proportion.
fn stacked_bar(parts: &[(i64, &'static str)]) -> impl IntoView + use<> {
    let total: i64 = parts.iter().map(|(n, _)| *n).sum();
    let mut x = 0.0;
    let rects: Vec<_> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, colour)| {
            let width = *n as f64 * 100.0 / total as f64;
            let rect = view! { <rect x=format!("{x:.2}") y="0" width=format!("{width:.2}") height="10" fill=*colour/> };
            x += width;
            rect
        })
        .collect();
    view! {
        <svg class="bar-chart" width="100%" height="14" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect width="100" height="10" fill="#eee8ed"/>
            {rects}
        </svg>
    }
}

/// Departments with the most late and overdue publications first.
fn departments_view(mut all: Vec<DepartmentPublication>) -> impl IntoView {
    let problems = |d: &DepartmentPublication| {
        let (p, l) = (&d.figures.penalties, &d.figures.licences);
        p.late + p.unpublished_overdue + l.late + l.unpublished_overdue
    };
    all.sort_by_key(|d| std::cmp::Reverse(problems(d)));
    let limit = all
        .first()
        .map(|d| d.figures.limit_working_days)
        .unwrap_or(7);
    let rows: Vec<_> = all
        .into_iter()
        .map(|d| {
            let (p, l) = (&d.figures.penalties, &d.figures.licences);
            let on_time = p.on_time + l.on_time;
            let late = p.late + l.late;
            let overdue = p.unpublished_overdue + l.unpublished_overdue;
            let published = p.published + l.published;
            let summary = on_time_text(on_time, late, overdue, published);
            view! {
                <li class="card" data-department=d.department.uscc.clone()>
                    <strong>{d.department.name.clone()}</strong>
                    {stacked_bar(&[(on_time, ON_TIME), (late, LATE), (overdue, OVERDUE)])}
                    <span class="small">{summary}</span>
                </li>
            }
        })
        .collect();
    view! {
        <p class="muted small">{texts::limit_text(limit)}</p>
        {legend(false)}
        <ul class="cards" data-testid="timeliness-by-department">{rows}</ul>
    }
}

/// The months as columns of stacked outcomes, and the same figures as a table.
fn months_view(months: Vec<PublicationMonth>) -> impl IntoView {
    let tallest = months
        .iter()
        .map(|m| m.on_time + m.late + m.unpublished_overdue + m.pending)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let width = months.len().max(1) * 10;
    let columns: Vec<_> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let x = i * 10 + 2;
            let mut top = 100.0;
            let parts = [
                (m.on_time, ON_TIME),
                (m.late, LATE),
                (m.unpublished_overdue, OVERDUE),
                (m.pending, PENDING),
            ];
            let rects: Vec<_> = parts
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, colour)| {
                    let height = n as f64 * 100.0 / tallest;
                    top -= height;
                    view! { <rect x=x.to_string() y=format!("{top:.2}") width="6" height=format!("{height:.2}") fill=colour/> }
                })
                .collect();
            rects
        })
        .collect();
    let rows: Vec<_> = months
        .into_iter()
        .map(|m| {
            view! {
                <tr data-month=m.month.clone()>
                    <th scope="row">{m.month.clone()}</th>
                    <td>{m.on_time}</td><td>{m.late}</td><td>{m.unpublished_overdue}</td><td>{m.pending}</td>
                </tr>
            }
        })
        .collect();
    view! {
        {legend(true)}
        <svg class="month-chart" width="100%" height="160" viewBox=format!("0 0 {width} 100")
            preserveAspectRatio="none" aria-hidden="true">
            <line x1="0" y1="100" x2=width.to_string() y2="100" stroke="#8a8390" stroke-width="0.5"/>
            {columns}
        </svg>
        <div class="table-wrap">
            <table data-testid="timeliness-by-month">
                <caption class="visually-hidden">{texts::t(K::MonthlyTitle)}</caption>
                <thead><tr>
                    <th scope="col">{texts::t(K::Month)}</th>
                    <th scope="col">{texts::t(K::OnTime)}</th>
                    <th scope="col">{texts::t(K::PublishedLate)}</th>
                    <th scope="col">{texts::t(K::UnpublishedOverdue)}</th>
                    <th scope="col">{texts::t(K::PendingPublication)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// What the dashboard shows of an overdue case, whichever its kind.
struct OverdueCase {
    ticket: String,
    title: String,
    department: String,
    status: &'static str,
    due: Option<chrono::NaiveDate>,
    days_left: Option<i64>,
}

impl From<ObjectionView> for OverdueCase {
    fn from(c: ObjectionView) -> Self {
        OverdueCase {
            ticket: c.ticket_no,
            title: c.record_title,
            department: c.department,
            status: label(c.status),
            due: c.due,
            days_left: c.working_days_left,
        }
    }
}

impl From<RepairView> for OverdueCase {
    fn from(c: RepairView) -> Self {
        OverdueCase {
            ticket: c.ticket_no,
            title: c.record_title,
            department: c.department,
            status: label(c.status),
            due: c.due,
            days_left: c.working_days_left,
        }
    }
}

/// One overdue case: which, whose, since when.
fn overdue_card(case: OverdueCase) -> impl IntoView {
    let shown = case.ticket.clone();
    view! {
        <li class="card" data-ticket=case.ticket>
            <span class="muted small">{shown} " · " {case.department}</span>
            <strong>{case.title}</strong>
            <span><span class="badge">{case.status}</span> " " {deadline_badge(case.due, case.days_left)}</span>
        </li>
    }
}

/// The overdue cases of one kind, or that there are none.
fn overdue_list<T: Into<OverdueCase>>(cases: Vec<T>) -> impl IntoView {
    if cases.is_empty() {
        view! { <p class="muted">{texts::t(K::NoneOverdue)}</p> }.into_any()
    } else {
        let cards: Vec<_> = cases.into_iter().map(|c| overdue_card(c.into())).collect();
        view! { <ul class="cards">{cards}</ul> }.into_any()
    }
}

fn archive_view(stats: ArchiveStats) -> impl IntoView {
    let figures = [
        (K::FigureOrganisations, stats.organisations),
        (K::FigureGovernmentBodies, stats.government_bodies),
        (K::FigurePersons, stats.persons),
        (K::FigureRecords, stats.credit_records),
        (K::FigureSeriousBreach, stats.serious_breach_entries),
        (K::FigureCommitments, stats.commitments),
        (K::FigurePenalties, stats.penalties),
        (K::FigureLicences, stats.licences),
    ];
    view! {
        <ul class="work-list" data-testid="archive-figures">
            {figures.into_iter().map(|(name, n)| view! {
                <li class="work idle"><strong>{texts::t(name)}</strong><span class="count">{n}</span></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn Oversight() -> impl IntoView {
    require_sign_in();
    let departments = LocalResource::new(|| {
        api::get_signed_in::<Vec<DepartmentPublication>>("/api/v1/oversight/publication-timeliness")
    });
    let months = LocalResource::new(|| {
        api::get_signed_in::<Vec<PublicationMonth>>(
            "/api/v1/oversight/publication-timeliness/monthly?months=12",
        )
    });
    let objections = LocalResource::new(|| {
        api::get_signed_in::<Vec<ObjectionView>>("/api/v1/oversight/objections/overdue")
    });
    let repairs = LocalResource::new(|| {
        api::get_signed_in::<Vec<RepairView>>("/api/v1/oversight/repairs/overdue")
    });
    let stats = LocalResource::new(|| api::get_signed_in::<ArchiveStats>("/api/v1/stats"));
    view! {
        <h1>{texts::t(K::OversightTitle)}</h1>
        <p class="muted">{texts::t(K::OversightHint)}</p>
        <section aria-labelledby="overdue-objections">
            <h2 id="overdue-objections">{texts::t(K::OverdueObjections)}</h2>
            {loaded(objections, overdue_list::<ObjectionView>)}
        </section>
        <section aria-labelledby="overdue-repairs">
            <h2 id="overdue-repairs">{texts::t(K::OverdueRepairs)}</h2>
            {loaded(repairs, overdue_list::<RepairView>)}
        </section>
        <p><a href="/work/complaints">{texts::t(K::ComplaintsTitle)}</a></p>
        <section aria-labelledby="by-month">
            <h2 id="by-month">{texts::t(K::MonthlyTitle)}</h2>
            {loaded(months, months_view)}
        </section>
        <section aria-labelledby="by-department">
            <h2 id="by-department">{texts::t(K::TimelinessTitle)}</h2>
            {loaded(departments, departments_view)}
        </section>
        <section aria-labelledby="archive">
            <h2 id="archive">{texts::t(K::ArchiveTitle)}</h2>
            {loaded(stats, archive_view)}
        </section>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
