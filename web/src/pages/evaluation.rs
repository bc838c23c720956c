//! The integrity evaluation of government bodies in the workspace: the credit office's quarterly
//! monitoring and annual evaluation (scored, published, corrected), a department's own result,
//! and the warnings before a breach. Every figure and every check is the server's.

use super::handling::{PrintableDocument, deadline_badge};
use super::me::require_sign_in;
use super::public::loaded;
use super::trend_chart::{sparkline, trend_chart};
use super::work_form::{TextField, failure_line};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError};
use crate::components::{day, query_param};
use crate::i18n::label;
use chengxin_types::{
    BodyEvaluation, BodyWarnings, EvaluationCorrection, EvaluationTrend, EvaluationView,
    IndicatorScore, ManualScoreEntry, Monitoring, NewEvaluation, PublishedEvaluation, WarningItem,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde::Deserialize;

fn points_text(points: Option<f64>) -> String {
    points.map_or_else(|| texts::t(K::Unscored).to_string(), |p| format!("{p}"))
}

fn indicator_line(i: &IndicatorScore) -> impl IntoView + use<> {
    view! {
        <li data-indicator=i.code.clone()><strong>{i.name.clone()}</strong> " "
            <span class="value">{points_text(i.points)}</span> " / " {i.weight}<br/>
            <span class="small muted">{i.explanation.clone()}</span></li>
    }
}

/// One body's result: its place, total and grade, the indicators folded; the points of the
/// indicator `ranked_by` first when the list is ranked by one, and `inside` at the end.
fn body_card<V: IntoView>(
    r: &BodyEvaluation,
    ranked_by: &str,
    inside: V,
) -> impl IntoView + use<V> {
    // The place is by total: shown only where the list is in that order.
    let rank = ranked_by
        .is_empty()
        .then(|| texts::t(K::Rank).replace("{n}", &r.rank.to_string()));
    let indicators: Vec<_> = r.indicators.iter().map(indicator_line).collect();
    let chosen = r.indicators.iter().find(|i| i.code == ranked_by).map(|i| view! {
        <span data-testid="ranked-by">{i.name.clone()} "：" <span class="value">{points_text(i.points)}</span> " / " {i.weight}</span>
    });
    view! {
        <li class="card" data-body=r.body_uscc.clone()>
            {chosen}
            {rank.map(|rank| view! { <span class="muted small">{rank}</span> })}
            <strong>{r.body.clone()}</strong>
            <span><span class="value" data-testid="total">{r.total}</span> " "
                {r.grade.clone().map(|g| view! { <span class="badge" data-testid="grade">{g}</span> })}</span>
            <details>
                <summary>{texts::t(K::Indicators)}</summary>
                <ul class="plain">{indicators}</ul>
            </details>
            {inside}
        </li>
    }
}

/// `/work/evaluation`: monitoring of a period, and the annual evaluations.
#[component]
pub fn OfficeEvaluation() -> impl IntoView {
    require_sign_in();
    let period = query_param("period");
    let typed = RwSignal::new(period.get_untracked());
    let error = RwSignal::new(None);
    let navigate = use_navigate();
    let monitoring = LocalResource::new(move || {
        let period = period.get();
        async move {
            api::get_signed_in::<Monitoring>(&api::with_query(
                "/api/v1/oversight/evaluation/monitoring",
                &[("period", period)],
            ))
            .await
        }
    });
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = typed.get_untracked().trim().to_string();
        navigate(
            &api::with_query("/work/evaluation", &[("period", wanted)]),
            Default::default(),
        );
    };
    view! {
        <h1>{texts::t(K::EvaluationTitle)}</h1>
        <p class="muted">{texts::t(K::EvaluationHint)}</p>
        <p><a class="button secondary" href="/work/evaluation-scheme">{texts::t(K::SchemeTitle)}</a></p>
        <h2>{texts::t(K::MonitoringTitle)}</h2>
        <form class="stack" on:submit=show>
            <TextField id="period".to_string() label=texts::t(K::Period) value=typed error=error field="period"/>
            <div class="actions"><button type="submit">{texts::t(K::ShowPeriod)}</button></div>
        </form>
        {move || loaded(monitoring, move |m: Monitoring| view! {
            <p class="muted small" data-testid="monitoring-period">{m.period.clone()} " · " {day(m.from)} " – " {day(m.to)}</p>
            <Ranking bodies=m.bodies/>
        })}
        {move || view! {
            <PrintableDocument path=api::with_query("/api/v1/oversight/evaluation/report", &[("period", period.get())])
                open_label=K::ShowReport action="evaluation-report"/>
        }}
        <Trend/>
        <Annual/>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

/// The bodies ranked by their total (the server's order) or by one indicator's points, highest
/// first; bodies without points for it come last.
#[component]
fn Ranking(bodies: Vec<BodyEvaluation>) -> impl IntoView {
    let by = RwSignal::new(String::new());
    let indicators: Vec<(String, String)> = bodies
        .first()
        .map(|b| {
            b.indicators
                .iter()
                .map(|i| (i.code.clone(), i.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let options = std::iter::once((String::new(), texts::t(K::ByTotal).to_string()))
        .chain(indicators)
        .map(|(code, name)| view! { <option value=code>{name}</option> })
        .collect_view();
    let ordered = move || {
        let code = by.get();
        let mut ordered = bodies.clone();
        if !code.is_empty() {
            let points = |b: &BodyEvaluation| {
                b.indicators
                    .iter()
                    .find(|i| i.code == code)
                    .and_then(|i| i.points)
                    .unwrap_or(f64::NEG_INFINITY)
            };
            ordered.sort_by(|a, b| points(b).total_cmp(&points(a)));
        }
        (code, ordered)
    };
    view! {
        <label for="rank-by">{texts::t(K::RankBy)}</label>
        <select id="rank-by" on:change=move |ev| by.set(event_target_value(&ev))>{options}</select>
        {move || {
            let (code, ordered) = ordered();
            view! {
                <ol class="cards" data-testid="monitoring">
                    {ordered.iter().map(|b| body_card(b, &code, ())).collect_view()}
                </ol>
            }
        }}
    }
}

/// Each body's computed total over the last four quarters: a chart, and the table it draws.
#[component]
fn Trend() -> impl IntoView {
    let data = LocalResource::new(|| {
        api::get_signed_in::<EvaluationTrend>("/api/v1/oversight/evaluation/trend?quarters=4")
    });
    view! {
        <h2>{texts::t(K::TrendTitle)}</h2>
        {move || loaded(data, |trend: EvaluationTrend| view! {
            {trend_chart(
                &trend.quarters,
                &trend.district,
                &trend.bodies.iter().map(|b| (b.body.clone(), b.totals.clone())).collect::<Vec<_>>(),
                texts::t(K::TrendChartCaption).to_string(),
            )}
            <div class="table-wrap">
                <table class="trend-table" data-testid="trend">
                    <thead><tr><th scope="col"></th>{trend.quarters.iter().map(|q| view! { <th scope="col">{q.clone()}</th> }).collect_view()}
                        <th scope="col"><span class="visually-hidden">{texts::t(K::TrendTitle)}</span></th></tr></thead>
                    <tbody>
                        <tr><th scope="row">{texts::t(K::DistrictAverage)}</th>{trend.district.iter().map(|t| view! { <td>{*t}</td> }).collect_view()}
                            <td>{sparkline(&trend.district)}</td></tr>
                        {trend.bodies.iter().map(|b| view! {
                            <tr><th scope="row">{b.body.clone()}</th>{b.totals.iter().map(|t| view! { <td>{*t}</td> }).collect_view()}
                                <td>{sparkline(&b.totals)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// The annual evaluations: open one, and the one chosen (`?evaluation=ID`) with its scoring.
#[component]
fn Annual() -> impl IntoView {
    let chosen = query_param("evaluation");
    let year = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let list = LocalResource::new(|| {
        api::get_signed_in::<Vec<EvaluationView>>("/api/v1/oversight/evaluations")
    });
    let navigate = use_navigate();
    let open = move |_| {
        let Ok(year) = year.get_untracked().trim().parse::<i32>() else {
            return;
        };
        let navigate = navigate.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, EvaluationView>(
                "/api/v1/oversight/evaluations",
                &NewEvaluation { year },
            )
            .await
            {
                Ok(opened) => navigate(
                    &format!("/work/evaluation?evaluation={}", opened.id),
                    Default::default(),
                ),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h2>{texts::t(K::AnnualTitle)}</h2>
        {move || loaded(list, |all: Vec<EvaluationView>| view! {
            <ul class="plain" data-testid="evaluations">{all.into_iter().map(|e| view! {
                <li><a href=format!("/work/evaluation?evaluation={}", e.id)>{e.year} " · v" {e.version}</a> " "
                    <span class="badge">{status_text(&e.status)}</span></li>
            }).collect_view()}</ul>
        })}
        <TextField id="evaluation-year".to_string() label=texts::t(K::Year) value=year error=error field="year" kind="number"/>
        <div class="actions">
            <button type="button" data-action="open-evaluation" disabled=move || busy.get() on:click=open>{texts::t(K::OpenEvaluation)}</button>
        </div>
        {failure_line(error)}
        {move || chosen.get().parse::<i64>().ok().map(|id| view! { <EvaluationDetail id=id/> })}
    }
}

fn status_text(status: &str) -> &'static str {
    texts::t(match status {
        "draft" => K::EvaluationDraft,
        "published" => K::EvaluationPublished,
        _ => K::EvaluationSuperseded,
    })
}

/// One annual evaluation: each body's result, and while a draft, the manual scores to enter.
#[component]
fn EvaluationDetail(id: i64) -> impl IntoView {
    let path = format!("/api/v1/oversight/evaluations/{id}");
    let evaluation: RwSignal<Option<EvaluationView>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let reload = {
        let path = path.clone();
        move || {
            let path = path.clone();
            leptos::task::spawn_local(async move {
                match api::get_signed_in::<EvaluationView>(&path).await {
                    Ok(e) => evaluation.set(Some(e)),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    reload();
    let publish = {
        let path = format!("{path}/publish");
        move |_| {
            let path = path.clone();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match api::send::<EvaluationView>("POST", &path, api::Body::None, None).await {
                    Ok(e) => evaluation.set(Some(e)),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };
    let navigate = use_navigate();
    let correct = {
        let path = format!("{path}/correction");
        move |_| {
            let path = path.clone();
            let navigate = navigate.clone();
            let body = EvaluationCorrection {
                reason: reason.get_untracked().trim().to_string(),
            };
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match api::post_json::<_, EvaluationView>(&path, &body).await {
                    Ok(e) => navigate(
                        &format!("/work/evaluation?evaluation={}", e.id),
                        Default::default(),
                    ),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };
    view! {
        <section data-testid="evaluation" aria-live="polite">
            {move || evaluation.get().map(|e| {
                let draft = e.status == "draft";
                let cards: Vec<_> = e.bodies.iter().map(|b| {
                    let scoring = draft.then(|| view! { <ManualScores id=id result=b.clone() evaluation=evaluation/> });
                    body_card(b, "", scoring)
                }).collect();
                view! {
                    <h3>{e.year} " · v" {e.version} " " <span class="badge" data-testid="evaluation-status">{status_text(&e.status)}</span></h3>
                    {e.reason.clone().map(|r| view! { <p class="small">{texts::t(K::CorrectionReason)} "：" {r}</p> })}
                    <ol class="cards">{cards}</ol>
                }
            })}
            {move || evaluation.with(|e| e.as_ref().map(|e| e.status.clone())).map(|status| match status.as_str() {
                "draft" => view! {
                    <div class="actions"><button type="button" data-action="publish-evaluation" disabled=move || busy.get()
                        on:click=publish.clone()>{texts::t(K::PublishEvaluation)}</button></div>
                }.into_any(),
                "published" => view! {
                    <TextField id="correction-reason".to_string() label=texts::t(K::CorrectionReason) value=reason error=error field="reason" rows=2/>
                    <div class="actions"><button type="button" class="secondary" data-action="correct-evaluation" disabled=move || busy.get()
                        on:click=correct.clone()>{texts::t(K::OpenCorrection)}</button></div>
                }.into_any(),
                _ => ().into_any(),
            })}
            {failure_line(error)}
        </section>
    }
}

/// The manual indicators of one body in a draft, each with its points and evidence.
#[component]
fn ManualScores(
    id: i64,
    result: BodyEvaluation,
    evaluation: RwSignal<Option<EvaluationView>>,
) -> impl IntoView {
    let uscc = result.body_uscc.clone();
    result
        .indicators
        .iter()
        .filter(|i| i.source == "manual")
        .map(|i| {
            let points = RwSignal::new(i.points.map(|p| p.to_string()).unwrap_or_default());
            let evidence = RwSignal::new(String::new());
            let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
            let busy = RwSignal::new(false);
            let (code, uscc) = (i.code.clone(), uscc.clone());
            let save = {
                let (code, uscc) = (code.clone(), uscc.clone());
                move |_| {
                    let entry = ManualScoreEntry {
                        body_uscc: uscc.clone(),
                        indicator: code.clone(),
                        points: points.get_untracked().trim().parse().unwrap_or(-1.0),
                        evidence: evidence.get_untracked().trim().to_string(),
                    };
                    busy.set(true);
                    error.set(None);
                    leptos::task::spawn_local(async move {
                        let path = format!("/api/v1/oversight/evaluations/{id}/scores");
                        match api::put_json::<_, BodyEvaluation>(&path, &entry).await {
                            Ok(now) => evaluation.update(|e| {
                                if let Some(e) = e
                                    && let Some(b) =
                                        e.bodies.iter_mut().find(|b| b.body_uscc == now.body_uscc)
                                {
                                    *b = now;
                                }
                            }),
                            Err(e) => error.set(Some(e)),
                        }
                        busy.set(false);
                    });
                }
            };
            let field = format!("{uscc}-{code}");
            view! {
                <fieldset class="manual-score" data-score=field.clone()>
                    <legend>{i.name.clone()} " (0–" {i.weight} ")"</legend>
                    <TextField id=format!("points-{field}") label=texts::t(K::PointsOf) value=points error=error field="points" kind="number"/>
                    <TextField id=format!("evidence-{field}") label=texts::t(K::ManualEvidence) value=evidence error=error field="evidence"/>
                    <div class="actions"><button type="button" class="secondary" data-action="save-score" disabled=move || busy.get() on:click=save>
                        {texts::t(K::SaveScore)}</button></div>
                    {failure_line(error)}
                </fieldset>
            }
        })
        .collect_view()
}

/// What `/api/v1/work/evaluation` answers.
#[derive(Clone, Deserialize)]
struct OwnEvaluationView {
    monitoring: BodyEvaluation,
    period: String,
    #[serde(default)]
    draft: Option<BodyEvaluation>,
    #[serde(default)]
    published: Option<PublishedEvaluation>,
}

/// `/work/our-evaluation`: the department's own quarter, draft and published result.
#[component]
pub fn OwnEvaluation() -> impl IntoView {
    require_sign_in();
    let data =
        LocalResource::new(|| api::get_signed_in::<OwnEvaluationView>("/api/v1/work/evaluation"));
    view! {
        <h1>{texts::t(K::OwnEvaluationTitle)}</h1>
        {move || loaded(data, |own: OwnEvaluationView| view! {
            <h2>{texts::t(K::ThisQuarter)} " · " {own.period.clone()}</h2>
            <ul class="cards">{body_card(&own.monitoring, "", ())}</ul>
            {own.draft.as_ref().map(|d| view! { <h2>{texts::t(K::DraftComputed)}</h2><ul class="cards">{body_card(d, "", ())}</ul> })}
            {own.published.as_ref().map(|p| view! {
                <h2>{texts::t(K::LatestPublished)} " · " {p.year}</h2>
                <ul class="cards">{body_card(&p.result, "", ())}</ul>
            })}
        })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

fn warning_line(w: &WarningItem) -> impl IntoView + use<> {
    view! {
        <li data-warning=w.reference.clone()><strong>{label(w.kind)}</strong> " · " {w.title.clone()} " "
            {deadline_badge(Some(w.due), Some(w.working_days_left))}</li>
    }
}

/// `/work/warnings`: every government body's warnings, for the credit office.
#[component]
pub fn Warnings() -> impl IntoView {
    require_sign_in();
    let data = LocalResource::new(|| {
        api::get_signed_in::<Vec<BodyWarnings>>("/api/v1/oversight/warnings")
    });
    view! {
        <h1>{texts::t(K::WarningsTitle)}</h1>
        <p class="muted">{texts::t(K::WarningsHint)}</p>
        {move || loaded(data, |bodies: Vec<BodyWarnings>| if bodies.is_empty() {
            view! { <p role="status">{texts::t(K::NoWarnings)}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">{bodies.iter().map(|b| view! {
                    <li class="card" data-body=b.body_uscc.clone()><strong>{b.body.clone()}</strong>
                        <ul class="plain">{b.items.iter().map(warning_line).collect_view()}</ul></li>
                }).collect_view()}</ul>
            }.into_any()
        })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

/// `/work/our-warnings`: the department's own warnings.
#[component]
pub fn OwnWarnings() -> impl IntoView {
    require_sign_in();
    let data =
        LocalResource::new(|| api::get_signed_in::<Vec<WarningItem>>("/api/v1/work/warnings"));
    view! {
        <h1>{texts::t(K::OwnWarningsTitle)}</h1>
        <p class="muted">{texts::t(K::WarningsHint)}</p>
        {move || loaded(data, |items: Vec<WarningItem>| if items.is_empty() {
            view! { <p role="status">{texts::t(K::NoWarnings)}</p> }.into_any()
        } else {
            view! { <ul class="plain" data-testid="warnings">{items.iter().map(warning_line).collect_view()}</ul> }.into_any()
        })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
