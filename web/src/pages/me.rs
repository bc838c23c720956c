//! The signed-in pages: sign-in, my credit (score dial, explanation, records, history chart,
//! access log), and consent and grants.

use super::me_answers::{Access, CaseSummary, History, Profile, Record, Score, ScoreLine};
use super::public::loaded;
use crate::api::{self, ApiError, ApiResult};
use crate::components::{DisputedBadge, ErrorBox, Loading, day, local_day, minute, shown};
use crate::i18n::{Key, label, t};
use crate::session;
use chengxin_types::{
    Category, Consent, GrantState, GrantView, GranteeOption, NewGrant, ObjectionStatus, Page,
    RepairStatus, ScoreState,
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use serde::de::IgnoredAny;

/// The empty JSON object a revocation sends.
#[derive(serde::Serialize)]
struct Empty {}

#[component]
pub fn Login() -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match crate::api::sign_in(username.get_untracked(), password.get_untracked()).await {
                Ok(()) => navigate(landing().await, NavigateOptions::default()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let ended = crate::components::query_param("ended");
    view! {
        <h1>{t(Key::SignInTitle)}</h1>
        {move || (ended.get() == "1").then(|| view! { <p class="notice" role="status" data-testid="session-ended">{t(Key::SessionEnded)}</p> })}
        <form class="stack" on:submit=submit>
            <label for="username">{t(Key::Username)}</label>
            <input id="username" name="username" autocomplete="username" required
                on:input=move |ev| username.set(event_target_value(&ev))/>
            <label for="password">{t(Key::Password)}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required
                on:input=move |ev| password.set(event_target_value(&ev))/>
            <button type="submit" disabled=move || busy.get()>
                {move || if busy.get() { t(Key::SigningIn) } else { t(Key::SignIn) }}
            </button>
        </form>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{t(Key::SignInFailed)} {e.text()}</p> })}
    }
}

/// The roles of the signed-in account, as `/api/v1/me` gives them.
#[derive(serde::Deserialize)]
struct SignedInRoles {
    account: RolesOf,
}

#[derive(serde::Deserialize)]
struct RolesOf {
    roles: Vec<chengxin_types::Role>,
}

/// Where an account lands after signing in: a civil servant on their own credit, staff on their
/// workspace (工作台), whatever else they may also be.
async fn landing() -> &'static str {
    match api::get_signed_in::<SignedInRoles>("/api/v1/me").await {
        Ok(me)
            if me
                .account
                .roles
                .iter()
                .any(|role| *role != chengxin_types::Role::CivilServant) =>
        {
            "/work"
        }
        _ => "/me",
    }
}

/// Sends a visitor who is not signed in to the sign-in page.
pub fn require_sign_in() {
    if !session::has_session() {
        let navigate = use_navigate();
        navigate(
            "/login",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    }
}

/// The score as a dial: the arc fills with the score's share of the scale.
fn score_dial(score: &Score) -> impl IntoView {
    let value = score.score.unwrap_or(0);
    // The scale runs to 120 % of the base score: room for commendations above it.
    let full = (score.base.max(1) as f64) * 1.2;
    let share = (value as f64 / full).clamp(0.0, 1.0);
    let circumference = 2.0 * std::f64::consts::PI * 52.0;
    let dash = format!("{:.1} {:.1}", circumference * share, circumference);
    let grade = score
        .grade
        .map(|g| g.code().to_string())
        .unwrap_or_default();
    let spoken = format!(
        "{} {} {} {}",
        t(Key::ScoreTitle),
        value,
        t(Key::Grade),
        grade
    );
    view! {
        <figure class="dial" role="img" aria-label=spoken>
            <svg viewBox="0 0 120 120" width="180" height="180" aria-hidden="true">
                <circle cx="60" cy="60" r="52" class="dial-track"/>
                <circle cx="60" cy="60" r="52" class="dial-fill" stroke-dasharray=dash transform="rotate(-90 60 60)"/>
                <text x="60" y="62" text-anchor="middle" class="dial-score" data-testid="score">{value}</text>
                <text x="60" y="84" text-anchor="middle" class="dial-grade">{grade.clone()}</text>
            </svg>
        </figure>
    }
}

fn line_item(line: ScoreLine) -> impl IntoView {
    let points = if line.points > 0 {
        format!("+{}", line.points)
    } else {
        line.points.to_string()
    };
    view! {
        <li class="line">
            <div class="line-head">
                <span class="line-title">{line.item_name.clone()}</span>
                <span class=if line.points < 0 { "points minus" } else { "points plus" }>{points}</span>
            </div>
            <div class="small">{line.title.clone()}</div>
            <div class="small muted">{line.explanation.clone()} " · " {t(Key::Until)} " " {day(line.valid_until)}</div>
        </li>
    }
}

/// The score over time as a step line, drawn as SVG from the history points.
fn history_chart(history: History) -> impl IntoView {
    let points = &history.points;
    if points.len() < 2 {
        return None;
    }
    let (w, h, pad) = (320.0_f64, 140.0_f64, 24.0_f64);
    let first = points[0].on;
    let last = points[points.len() - 1].on;
    let span = ((last - first).num_days().max(1)) as f64;
    let min = points.iter().map(|p| p.score).min().unwrap_or(0) as f64;
    let max = points.iter().map(|p| p.score).max().unwrap_or(0) as f64;
    let range = (max - min).max(1.0);
    let x = |d: chrono::NaiveDate| pad + (d - first).num_days() as f64 / span * (w - 2.0 * pad);
    let y = |s: i32| h - pad - (s as f64 - min) / range * (h - 2.0 * pad);
    let mut path = String::new();
    for (i, p) in points.iter().enumerate() {
        let (px, py) = (x(p.on), y(p.score));
        if i == 0 {
            path.push_str(&format!("M{px:.1},{py:.1}"));
        } else {
            path.push_str(&format!(" H{px:.1} V{py:.1}"));
        }
    }
    let rows: Vec<(String, i32, String)> = points
        .iter()
        .map(|p| {
            let causes: Vec<String> = p.causes.iter().map(|c| c.description.clone()).collect();
            (day(p.on), p.score, causes.join("；"))
        })
        .collect();
    Some(view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=t(Key::HistoryChartLabel) data-testid="history-chart">
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="axis"/>
                <text x=pad y=h - 6.0 class="tick">{day(first)}</text>
                <text x=w - pad y=h - 6.0 text-anchor="end" class="tick">{day(last)}</text>
                <text x=2 y=y(max as i32) + 4.0 class="tick">{max as i32}</text>
                <text x=2 y=y(min as i32) + 4.0 class="tick">{min as i32}</text>
                <path d=path class="history-line"/>
            </svg>
            <details>
                <summary>{t(Key::HistoryTitle)}</summary>
                <table class="small">
                    <tbody>
                        {rows.into_iter().map(|(on, score, causes)| view! {
                            <tr><td>{on}</td><td>{score}</td><td>{causes}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    })
}

fn record_card(record: Record) -> impl IntoView {
    let score_part = record.score.clone().map(|s| {
        let points = if s.points > 0 {
            format!("+{}", s.points)
        } else {
            s.points.to_string()
        };
        view! { <span class="small">{points} " " {t(Key::Points)} " · " {s.explanation}</span> }
    });
    view! {
        <li class="card">
            <strong>{record.title.clone()}</strong>
            <span>{label(record.category)} " · " {record.kind_name.clone()}</span>
            <span class="muted small">{day(record.decided_on)} " · " {record.reporting_org.name.clone()}
                {(record.version > 1).then(|| format!(" · {} {}", t(Key::Version), record.version))}</span>
            {score_part}
            <DisputedBadge disputed=record.disputed/>
            <div class="actions">
                {(!record.disputed).then(|| view! {
                    <a class="button secondary" href=format!("/objection?record={}&mine=1", record.id)>{t(Key::ThisIsWrong)}</a>
                })}
                {record.repair_eligible.then(|| view! {
                    <a class="button secondary" href=format!("/repair?record={}&mine=1", record.id)>{t(Key::ApplyRepair)}</a>
                })}
            </div>
        </li>
    }
}

/// One of my objections or repair applications, as the list shows it.
#[derive(Clone)]
struct MyCase {
    ticket_no: String,
    record_title: String,
    status_label: &'static str,
    /// The last step, e.g. "已受理 · 2026-11-20".
    latest: String,
}

impl<Status: chengxin_types::Label> CaseSummary<Status> {
    /// When it was filed, and the case as the list shows it.
    fn into_case(self) -> (chrono::DateTime<chrono::Utc>, MyCase) {
        let latest = self
            .steps
            .last()
            .map(|s| format!("{} · {}", s.description, local_day(s.at)))
            .unwrap_or_default();
        let case = MyCase {
            ticket_no: self.ticket_no,
            record_title: self.record_title,
            status_label: label(self.status),
            latest,
        };
        (self.filed_at, case)
    }
}

/// My objections and repair applications, newest first (the first page of each).
async fn my_cases() -> Result<Vec<MyCase>, ApiError> {
    let (objections, repairs) = futures_util::join!(
        api::get_signed_in::<Page<CaseSummary<ObjectionStatus>>>("/api/v1/me/objections?limit=10"),
        api::get_signed_in::<Page<CaseSummary<RepairStatus>>>("/api/v1/me/repairs?limit=10"),
    );
    let (objections, repairs) = (objections?, repairs?);
    let mut cases: Vec<(chrono::DateTime<chrono::Utc>, MyCase)> = objections
        .items
        .into_iter()
        .map(CaseSummary::into_case)
        .chain(repairs.items.into_iter().map(CaseSummary::into_case))
        .collect();
    cases.sort_by_key(|(filed_at, _)| std::cmp::Reverse(*filed_at));
    Ok(cases.into_iter().map(|(_, case)| case).collect())
}

/// Everything the my-credit page shows, fetched at once. The page appears when all of it has
/// arrived: sections filling in one after another would push the ones below down the screen while
/// the reader is looking at them. (One resource for the page also compiles to less WebAssembly
/// than one per section.)
#[derive(Clone)]
struct MyCreditData {
    profile: ApiResult<Profile>,
    score: ApiResult<Score>,
    history: ApiResult<History>,
    records: ApiResult<Vec<Record>>,
    access: ApiResult<Page<Access>>,
    cases: ApiResult<Vec<MyCase>>,
}

async fn my_credit_data() -> MyCreditData {
    let (profile, score, history, records, access, cases) = futures_util::join!(
        api::get_signed_in::<Profile>("/api/v1/me"),
        api::get_signed_in::<Score>("/api/v1/me/score"),
        api::get_signed_in::<History>("/api/v1/me/score/history"),
        api::get_signed_in::<Vec<Record>>("/api/v1/me/records"),
        api::get_signed_in::<Page<Access>>("/api/v1/me/access-log?limit=10"),
        my_cases(),
    );
    MyCreditData {
        profile,
        score,
        history,
        records,
        access,
        cases,
    }
}

#[component]
pub fn MyCredit() -> impl IntoView {
    require_sign_in();
    let data = LocalResource::new(my_credit_data);
    let category = RwSignal::new(String::new());
    let page = move |d: MyCreditData| {
        view! {
            {shown(d.profile, |p: Profile| view! {
                <h1>{t(Key::MyCreditTitle)}</h1>
                <p class="muted">{p.account.display_name.clone()}
                    {p.person.as_ref().map(|person| format!(" · {}", person.id_masked))}</p>
            })}
            <section aria-labelledby="score-title">
                <h2 id="score-title" class="visually-hidden">{t(Key::ScoreTitle)}</h2>
                {shown(d.score, |s: Score| {
                    let scored = s.state == ScoreState::Scored;
                    view! {
                        {if scored {
                            score_dial(&s).into_any()
                        } else {
                            view! { <p class="verdict warn">{t(Key::NotScored)} " " {s.not_scored_reason.clone().unwrap_or_default()}</p> }.into_any()
                        }}
                        <p class="small muted center">{t(Key::RulebookLabel)} " " {s.rulebook.name.clone()} " v" {s.rulebook.version}
                            " · " {t(Key::BaseScore)} " " {s.base}</p>
                        <h2>{t(Key::Explanation)}</h2>
                        <h3>{t(Key::Counting)}</h3>
                        <ul class="lines" data-testid="counting">{s.counting.clone().into_iter().map(line_item).collect_view()}</ul>
                        {(!s.not_counting.is_empty()).then(|| view! {
                            <details>
                                <summary>{t(Key::NotCounting)} " (" {s.not_counting.len()} ")"</summary>
                                <ul class="lines">{s.not_counting.clone().into_iter().map(line_item).collect_view()}</ul>
                            </details>
                        })}
                    }
                })}
            </section>
            <section aria-labelledby="history-title">
                <h2 id="history-title">{t(Key::HistoryTitle)}</h2>
                {shown(d.history, history_chart)}
            </section>
            <section aria-labelledby="records-title">
                <h2 id="records-title">{t(Key::MyRecordsTitle)}</h2>
                <div class="filters">
                    <label for="category">{t(Key::CategoryFilter)}</label>
                    <select id="category" on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{t(Key::AllCategories)}</option>
                        {Category::ALL.iter().map(|c| view! { <option value=c.code()>{label(*c)}</option> }).collect_view()}
                    </select>
                </div>
                {shown(d.records, move |all: Vec<Record>| view! {
                    <ul class="cards">
                        {move || {
                            let wanted = category.get();
                            all.iter()
                                .filter(|r| wanted.is_empty() || r.category.code() == wanted)
                                .cloned()
                                .map(record_card)
                                .collect_view()
                        }}
                    </ul>
                })}
            </section>
            <section aria-labelledby="access-title">
                <h2 id="access-title">{t(Key::AccessLogTitle)}</h2>
                {shown(d.access, |page: Page<Access>| {
                    if page.items.is_empty() {
                        return view! { <p class="muted">{t(Key::NoAccess)}</p> }.into_any();
                    }
                    view! {
                        <ul class="cards">
                            {page.items.into_iter().map(|entry| view! {
                                <li class="card">
                                    <strong>{entry.accessor.clone()}</strong>
                                    <span>{label(entry.channel)} " · " {minute(entry.accessed_at)}</span>
                                    <span class="small">{t(Key::Purpose)} " " {entry.purpose.clone()} " · " {t(Key::RecordCount)} " " {entry.record_count}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </section>
            <section aria-labelledby="cases-title">
                <h2 id="cases-title">{t(Key::MyCases)}</h2>
                {shown(d.cases, |list: Vec<MyCase>| {
                    if list.is_empty() {
                        return view! { <p class="muted">{t(Key::NoCases)}</p> }.into_any();
                    }
                    view! {
                        <ul class="cards" data-testid="my-cases">
                            {list.into_iter().map(|case| view! {
                                <li class="card">
                                    <strong>{case.record_title.clone()}</strong>
                                    <span>{case.ticket_no.clone()} " · " {case.status_label}</span>
                                    <span class="small muted">{case.latest.clone()}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </section>
            <p><a href="/me/grants">{t(Key::GrantsTitle)} " · " {t(Key::ConsentTitle)}</a></p>
        }
    };
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || data.get().map(page)}
        </Suspense>
    }
}

#[component]
pub fn Grants() -> impl IntoView {
    require_sign_in();
    let version = RwSignal::new(0u32);
    let profile = LocalResource::new(move || {
        version.track();
        api::get_signed_in::<Profile>("/api/v1/me")
    });
    let grants = LocalResource::new(move || {
        version.track();
        api::get_signed_in::<Vec<GrantView>>("/api/v1/me/grants")
    });
    let grantees =
        LocalResource::new(|| api::get_signed_in::<Vec<GranteeOption>>("/api/v1/me/grantees"));
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let set_consent = move |on: bool| {
        leptos::task::spawn_local(async move {
            let result: Result<IgnoredAny, _> = api::put_json(
                "/api/v1/me/consent",
                &Consent {
                    scoring_consent: on,
                },
            )
            .await;
            match result {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |id: i64| {
        leptos::task::spawn_local(async move {
            let result: Result<IgnoredAny, _> =
                api::post_json(&format!("/api/v1/me/grants/{id}/revoke"), &Empty {}).await;
            match result {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // The new grant form.
    let chosen = RwSignal::new(0usize);
    let purpose = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let categories: RwSignal<Vec<Category>> = RwSignal::new(vec![Category::Positive]);
    let create = move |options: Vec<GranteeOption>| {
        let Some(option) = options.get(chosen.get_untracked()).cloned() else {
            return;
        };
        let Ok(valid_until) = until.get_untracked().trim().parse::<chrono::NaiveDate>() else {
            error.set(Some(ApiError {
                status: 422,
                code: "invalid_date".into(),
                message: t(Key::ValidUntil).to_string(),
                fields: vec![("valid_until".into(), "YYYY-MM-DD".into())],
            }));
            return;
        };
        let grant = NewGrant {
            grantee: option.grantee,
            purpose: purpose.get_untracked(),
            categories: categories.get_untracked(),
            valid_until,
        };
        leptos::task::spawn_local(async move {
            let result: Result<IgnoredAny, _> = api::post_json("/api/v1/me/grants", &grant).await;
            match result {
                Ok(_) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{t(Key::GrantsTitle)}</h1>
        {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
        <section aria-labelledby="consent-title">
            <h2 id="consent-title">{t(Key::ConsentTitle)}</h2>
            {loaded(profile, move |p: Profile| {
                let on = p.person.map(|person| person.scoring_consent).unwrap_or(false);
                view! {
                    <p data-testid="consent">{if on { t(Key::ConsentOn) } else { t(Key::ConsentOff) }}</p>
                    <button class="secondary" on:click=move |_| set_consent(!on)>
                        {if on { t(Key::ConsentWithdraw) } else { t(Key::ConsentGive) }}
                    </button>
                }
            })}
        </section>
        <section aria-labelledby="grants-title">
            <h2 id="grants-title">{t(Key::GrantsTitle)}</h2>
            <p class="muted small">{t(Key::GrantsHint)}</p>
            {loaded(grants, move |list: Vec<GrantView>| {
                if list.is_empty() {
                    return view! { <p class="muted">{t(Key::NoGrants)}</p> }.into_any();
                }
                view! {
                    <ul class="cards">
                        {list.into_iter().map(|g| {
                            let id = g.id;
                            let active = g.state == GrantState::Active;
                            let cats: Vec<&str> = g.categories.iter().map(|c| label(*c)).collect();
                            view! {
                                <li class="card">
                                    <strong>{g.grantee_name.clone()}</strong>
                                    <span>{g.purpose.clone()}</span>
                                    <span class="small">{cats.join("、")} " · " {t(Key::ValidUntil)} " " {day(g.valid_until)} " · " {label(g.state)}</span>
                                    {active.then(|| view! { <button class="secondary" on:click=move |_| revoke(id)>{t(Key::Revoke)}</button> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <h3>{t(Key::NewGrant)}</h3>
            {loaded(grantees, move |options: Vec<GranteeOption>| {
                let names: Vec<String> = options.iter().map(|o| o.name.clone()).collect();
                let submit_options = options.clone();
                view! {
                    <form class="stack" on:submit=move |ev| { ev.prevent_default(); create(submit_options.clone()); }>
                        <label for="grantee">{t(Key::Grantee)}</label>
                        <select id="grantee" on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {names.into_iter().enumerate().map(|(i, name)| view! { <option value=i.to_string()>{name}</option> }).collect_view()}
                        </select>
                        <label for="purpose">{t(Key::Purpose)}</label>
                        <input id="purpose" required on:input=move |ev| purpose.set(event_target_value(&ev))/>
                        <fieldset>
                            <legend>{t(Key::Categories)}</legend>
                            {Category::ALL.iter().copied().map(|c| view! {
                                <label class="check">
                                    <input type="checkbox" checked=c == Category::Positive on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        categories.update(|list| {
                                            list.retain(|x| *x != c);
                                            if on { list.push(c); }
                                        });
                                    }/>
                                    {label(c)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <label for="until">{t(Key::ValidUntil)}</label>
                        <input id="until" type="date" required on:input=move |ev| until.set(event_target_value(&ev))/>
                        <button type="submit">{t(Key::Grant)}</button>
                    </form>
                }
            })}
        </section>
    }
}
