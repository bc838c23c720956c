//! The public pages: serious-breach lists, commitments, penalties, licences, a body's integrity
//! profile and the credit check. Everything here is what the public API returns, unchanged.

use super::home::{licence_card, listing_card, looks_like_uscc, penalty_card, verdict_text};
use crate::api::{self, ApiResult};
use crate::components::{
    DisputedBadge, ErrorBox, Field, Loading, day, maybe_day, paged_list, path_param, query_param,
    shown, subject_line,
};
use crate::i18n::{Key, label, t, working_days_after_decision};
use chengxin_types::{
    CaseFigures, CheckVerdict, CommitmentView, CreditCheck, IntegrityProfile, LicenceView,
    ListingDetail, OrgKind, PenaltyView, PublicationFigures, PublicationTimeliness,
    RectificationFigures,
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// Shows a loaded value, a loading line, or the error.
pub fn loaded<T, V>(
    resource: LocalResource<ApiResult<T>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let render = render.clone();
                resource.get().map(move |result| shown(result, render))
            }}
        </Suspense>
    }
}

fn object_link(record_id: Option<i64>) -> impl IntoView {
    record_id.map(|id| {
        view! { <a class="button secondary" href=format!("/objection?record={id}")>{t(Key::ThisIsWrong)}</a> }
    })
}

#[component]
pub fn BreachList() -> impl IntoView {
    let q = RwSignal::new(query_param("q").get_untracked());
    let typed = RwSignal::new(q.get_untracked());
    // Only entries on the list are public, so there is no status to choose.
    let path =
        Signal::derive(move || api::with_query("/api/v1/public/serious-breach", &[("q", q.get())]));
    view! {
        <h1>{t(Key::SeriousBreachList)}</h1>
        <form class="filters" role="search" on:submit=move |ev| { ev.prevent_default(); q.set(typed.get_untracked()); }>
            <label for="breach-q" class="visually-hidden">{t(Key::SearchLabel)}</label>
            <input id="breach-q" type="search" placeholder=t(Key::SearchPlaceholder)
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            <button type="submit">{t(Key::Search)}</button>
        </form>
        {paged_list(path, listing_card)}
    }
}

#[component]
pub fn BreachDetail() -> impl IntoView {
    let id = path_param("id");
    let entry = LocalResource::new(move || {
        let id = id.get();
        async move { api::get::<ListingDetail>(&format!("/api/v1/public/serious-breach/{id}")).await }
    });
    loaded(entry, |e: ListingDetail| {
        let s = &e.summary;
        view! {
            <h1>{s.subject.name.clone()}</h1>
            <p><span class="badge">{label(s.list_kind)}</span> " " <span class="badge">{label(s.status)}</span>
               " " <DisputedBadge disputed=s.disputed/></p>
            <dl class="fields">
                <Field name=Key::Uscc value=s.subject.uscc.clone().unwrap_or_default()/>
                <Field name=Key::IdNumber value=s.subject.id_number_masked.clone().unwrap_or_default()/>
                <Field name=Key::DecidingDepartment value=s.deciding_department.name.clone()/>
                <Field name=Key::BasisDoc value=s.basis_doc_no.clone()/>
                <Field name=Key::ListedOn value=day(s.listed_on)/>
                <Field name=Key::RemovalDue value=maybe_day(s.removal_due_on)/>
                <Field name=Key::RemovedOn value=maybe_day(s.removed_on)/>
                <Field name=Key::Reason value=e.reason.clone()/>
                <Field name=Key::LegalBasis value=e.legal_basis.clone()/>
                <Field name=Key::RemovalConditions value=e.removal_conditions.clone()/>
                <Field name=Key::SourceUnit value=e.source_unit.name.clone()/>
            </dl>
            {e.court_case.clone().map(|c| view! {
                <h2>{t(Key::CourtCase)}</h2>
                <dl class="fields">
                    <Field name=Key::CaseNo value=c.case_no/>
                    <Field name=Key::Court value=c.court/>
                    <Field name=Key::Duty value=c.duty/>
                    <Field name=Key::Performed value=c.performed_part/>
                    <Field name=Key::Unperformed value=c.unperformed_part/>
                </dl>
            })}
            <div class="actions">
                {object_link(s.record_id)}
                {s.record_id.map(|id| view! { <a class="button secondary" href=format!("/repair?record={id}")>{t(Key::ApplyRepair)}</a> })}
            </div>
        }
    })
}

pub fn commitment_card(c: CommitmentView) -> impl IntoView {
    view! {
        <li><a class="card link" href=format!("/commitments/{}", c.id)>
            <strong>{c.subject.name.clone()}</strong>
            <span>{label(c.kind)} " · " {label(c.status)}</span>
            <span class="muted small clamp">{c.content.clone()}</span>
        </a></li>
    }
}

#[component]
pub fn CommitmentList() -> impl IntoView {
    let status = RwSignal::new(query_param("status").get_untracked());
    let path = Signal::derive(move || {
        api::with_query("/api/v1/public/commitments", &[("status", status.get())])
    });
    view! {
        <h1>{t(Key::CommitmentsTitle)}</h1>
        <div class="filters">
            <label for="commitment-status">{t(Key::Status)}</label>
            <select id="commitment-status" on:change=move |ev| status.set(event_target_value(&ev))>
                <option value="">{t(Key::AllStatuses)}</option>
                {chengxin_types::FulfilmentStatus::ALL.iter().map(|s| view! {
                    <option value=s.code() selected=move || status.get() == s.code()>{label(*s)}</option>
                }).collect_view()}
            </select>
        </div>
        {paged_list(path, commitment_card)}
    }
}

#[component]
pub fn CommitmentDetail() -> impl IntoView {
    let id = path_param("id");
    let commitment = LocalResource::new(move || {
        let id = id.get();
        async move { api::get::<CommitmentView>(&format!("/api/v1/public/commitments/{id}")).await }
    });
    loaded(commitment, |c: CommitmentView| {
        view! {
            <h1>{c.subject.name.clone()}</h1>
            <p><span class="badge">{label(c.kind)}</span> " " <span class="badge">{label(c.status)}</span></p>
            <p class="lead">{c.content.clone()}</p>
            <dl class="fields">
                <Field name=Key::Uscc value=c.subject.uscc.clone().unwrap_or_default()/>
                <Field name=Key::MadeOn value=day(c.made_on)/>
                <Field name=Key::AcceptingUnit value=c.accepting_unit.name.clone()/>
                <Field name=Key::DueOn value=maybe_day(c.due_on)/>
                <Field name=Key::SourceUnit value=c.source_unit.name.clone()/>
            </dl>
            <h2>{t(Key::Fulfilment)}</h2>
            <ol class="timeline">
                {c.fulfilment.iter().map(|step| view! {
                    <li><strong>{label(step.status)}</strong> " · " {day(step.recorded_on)}<br/>{step.note.clone()}</li>
                }).collect_view()}
            </ol>
        }
    })
}

#[component]
pub fn PenaltyList() -> impl IntoView {
    decision_list(
        Key::PenaltiesTitle,
        "/api/v1/public/penalties",
        penalty_card,
    )
}

#[component]
pub fn LicenceList() -> impl IntoView {
    decision_list(Key::LicencesTitle, "/api/v1/public/licences", licence_card)
}

fn decision_list<T, V>(title: Key, api_path: &'static str, card: fn(T) -> V) -> impl IntoView
where
    T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let q = RwSignal::new(query_param("q").get_untracked());
    let typed = RwSignal::new(q.get_untracked());
    let path = Signal::derive(move || api::with_query(api_path, &[("q", q.get())]));
    view! {
        <h1>{t(title)}</h1>
        <form class="filters" role="search" on:submit=move |ev| { ev.prevent_default(); q.set(typed.get_untracked()); }>
            <label for="decision-q" class="visually-hidden">{t(Key::SearchLabel)}</label>
            <input id="decision-q" type="search" placeholder=t(Key::SearchPlaceholder)
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            <button type="submit">{t(Key::Search)}</button>
        </form>
        {paged_list(path, card)}
    }
}

#[component]
pub fn PenaltyDetail() -> impl IntoView {
    let id = path_param("id");
    let penalty = LocalResource::new(move || {
        let id = id.get();
        async move { api::get::<PenaltyView>(&format!("/api/v1/public/penalties/{id}")).await }
    });
    loaded(penalty, |p: PenaltyView| {
        view! {
            <h1>{p.subject.name.clone()}</h1>
            <p><span class="badge">{label(p.category)}</span> " " <DisputedBadge disputed=p.disputed/></p>
            <dl class="fields">
                <Field name=Key::Party value=subject_line(&p.subject)/>
                <Field name=Key::DecisionNo value=p.decision_no.clone()/>
                <Field name=Key::ViolationType value=p.violation_type.clone()/>
                <Field name=Key::Facts value=p.facts.clone()/>
                <Field name=Key::LegalBasis value=p.legal_basis.clone()/>
                <Field name=Key::PenaltyContent value=p.content.clone()/>
                <Field name=Key::Fine value=p.fine_10k_yuan.map(|f| f.to_string()).unwrap_or_default()/>
                <Field name=Key::DecidedOn value=day(p.decided_on)/>
                <Field name=Key::PublishedOnField value=format!("{} · {}", day(p.published_on), working_days_after_decision(p.publication_working_days))/>
                <Field name=Key::PublicityUntil value=day(p.publicity_until)/>
                <Field name=Key::DecidingBody value=format!("{} · {}", p.deciding_body.name, p.deciding_body.uscc)/>
                <Field name=Key::SourceUnit value=p.source_unit.name.clone()/>
            </dl>
            <div class="actions">
                {object_link(p.record_id)}
                {p.record_id.map(|id| view! { <a class="button secondary" href=format!("/repair?record={id}")>{t(Key::ApplyRepair)}</a> })}
            </div>
        }
    })
}

#[component]
pub fn LicenceDetail() -> impl IntoView {
    let id = path_param("id");
    let licence = LocalResource::new(move || {
        let id = id.get();
        async move { api::get::<LicenceView>(&format!("/api/v1/public/licences/{id}")).await }
    });
    loaded(licence, |l: LicenceView| {
        view! {
            <h1>{l.subject.name.clone()}</h1>
            <p><span class="badge">{label(l.category)}</span></p>
            <dl class="fields">
                <Field name=Key::Party value=subject_line(&l.subject)/>
                <Field name=Key::DecisionNo value=l.decision_no.clone()/>
                <Field name=Key::DocumentName value=l.document_name.clone()/>
                <Field name=Key::Certificate value=format!("{} {}", l.certificate_name.clone().unwrap_or_default(), l.certificate_no.clone().unwrap_or_default())/>
                <Field name=Key::LicenceContent value=l.content.clone()/>
                <Field name=Key::DecidedOn value=day(l.decided_on)/>
                <Field name=Key::PublishedOnField value=format!("{} · {}", day(l.published_on), working_days_after_decision(l.publication_working_days))/>
                <Field name=Key::ValidFrom value=day(l.valid_from)/>
                <Field name=Key::ValidTo value=maybe_day(l.valid_to)/>
                <Field name=Key::LicensingBody value=format!("{} · {}", l.licensing_body.name, l.licensing_body.uscc)/>
                <Field name=Key::SourceUnit value=l.source_unit.name.clone()/>
            </dl>
        }
    })
}

fn verdict_class(verdict: CheckVerdict) -> &'static str {
    match verdict {
        CheckVerdict::Clear => "verdict ok",
        CheckVerdict::Caution => "verdict warn",
        CheckVerdict::Serious => "verdict bad",
    }
}

fn case_figures(title: Key, figures: CaseFigures) -> impl IntoView {
    let rows = [
        (Key::Received, figures.received),
        (Key::OpenCases, figures.open),
        (Key::OverdueCases, figures.overdue),
        (Key::ClosedOnTime, figures.closed_on_time),
        (Key::Substantiated, figures.substantiated),
    ];
    view! {
        <h2>{t(title)}</h2>
        <ul class="figures">
            {rows.into_iter().map(|(name, value)| view! {
                <li><span class="value">{value}</span><span class="label">{t(name)}</span></li>
            }).collect_view()}
        </ul>
    }
}

/// How promptly the body published the penalties and licences it decided; shown when it decided any.
fn publication_figures(figures: &PublicationFigures) -> impl IntoView + use<> {
    let rows = |f: &PublicationTimeliness| {
        [
            (Key::PublishedCount, f.published.to_string()),
            (Key::OnTimeCount, f.on_time.to_string()),
            (Key::LateCount, f.late.to_string()),
            (Key::UnpublishedOverdue, f.unpublished_overdue.to_string()),
            (
                Key::AverageWorkingDays,
                f.average_working_days
                    .map_or_else(|| "–".to_string(), |d| d.to_string()),
            ),
        ]
    };
    let kinds = [
        (Key::PenaltiesPublished, &figures.penalties),
        (Key::LicencesPublished, &figures.licences),
    ]
    .into_iter()
    .filter(|(_, f)| f.published + f.unpublished_overdue > 0)
    .map(|(kind, f)| (kind, rows(f)))
    .collect::<Vec<_>>();
    (!kinds.is_empty()).then(|| {
        view! {
            <h2>{t(Key::PublicationTitle)}</h2>
            {kinds.into_iter().map(|(kind, rows)| view! {
                <h3>{t(kind)}</h3>
                <ul class="figures">
                    {rows.into_iter().map(|(name, value)| view! {
                        <li><span class="value">{value}</span><span class="label">{t(name)}</span></li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        }
    })
}

/// The rectification of the body's breaches of trust: the rate, the cases still open, and the
/// consequences that are public; shown once the body has had a case.
fn rectification_figures(r: &RectificationFigures) -> impl IntoView + use<> {
    let rate = &r.rate;
    let any = rate.due + rate.open > 0 || !r.consequences.is_empty();
    any.then(|| {
        let share = rate.rate.map_or_else(
            || t(Key::NoRectificationDue).to_string(),
            |r| format!("{:.0}%", r * 100.0),
        );
        let rows = [
            (Key::DueRectifications, rate.due),
            (Key::RectifiedOnTime, rate.rectified_on_time),
            (Key::RectifiedLate, rate.rectified_late),
            (Key::OpenCases, rate.open),
        ];
        let open: Vec<_> = r
            .open
            .iter()
            .map(|c| {
                let due = c
                    .report_due
                    .map(|d| format!(" · {} {}", t(Key::RectifyBy), day(d)));
                view! {
                    <li><strong>{c.breach.clone()}</strong> " · " {label(c.status)}<br/>
                        <span class="small muted">{t(Key::OpenedOn)} " " {day(c.opened_on)} {due}</span></li>
                }
            })
            .collect();
        let consequences: Vec<_> = r
            .consequences
            .iter()
            .map(|c| {
                let until = c
                    .effective_until
                    .map(|d| format!(" {} {}", t(Key::UntilDay), day(d)));
                view! {
                    <li><strong>{label(c.kind)}</strong> " · " {c.document_no.clone()}
                        <span class="small muted">" " {day(c.effective_from)} {until}</span></li>
                }
            })
            .collect();
        view! {
            <h2>{t(Key::RectificationTitle)}</h2>
            <p>{t(Key::RectificationRate)} " " <strong data-testid="rectification-rate">{share}</strong></p>
            <ul class="figures">
                {rows.into_iter().map(|(name, value)| view! {
                    <li><span class="value">{value}</span><span class="label">{t(name)}</span></li>
                }).collect_view()}
            </ul>
            {(!open.is_empty()).then(|| view! {
                <h3>{t(Key::OpenRectifications)}</h3>
                <ul class="plain" data-testid="open-rectifications">{open}</ul>
            })}
            {(!consequences.is_empty()).then(|| view! {
                <h3>{t(Key::ConsequencesTitle)}</h3>
                <ul class="plain">{consequences}</ul>
            })}
        }
    })
}

/// A body's integrity profile with the credit check verdict on top.
#[component]
pub fn Profile() -> impl IntoView {
    let uscc = path_param("uscc");
    let data = LocalResource::new(move || {
        let uscc = uscc.get();
        async move {
            let check = api::get::<CreditCheck>(&api::with_query(
                "/api/v1/public/credit-check",
                &[("uscc", uscc.clone())],
            ))
            .await?;
            let profile = api::get::<IntegrityProfile>(&format!(
                "/api/v1/public/organisations/{uscc}/profile"
            ))
            .await?;
            Ok((check, profile))
        }
    });
    loaded(data, |(check, profile): (CreditCheck, IntegrityProfile)| {
        let org = &profile.organisation;
        let c = &profile.commitments;
        let rate = c
            .fulfilment_rate
            .map(|r| format!("{:.0}%", r * 100.0))
            .unwrap_or_else(|| t(Key::NoneDueYet).to_string());
        let commitment_rows = [
            (Key::Total, c.total),
            (Key::InProgressCount, c.in_progress),
            (Key::FulfilledCount, c.fulfilled),
            (Key::BreachedCount, c.breached),
        ];
        let r = &profile.records;
        let record_rows = [
            (chengxin_types::Category::Positive, r.positive),
            (chengxin_types::Category::GeneralBreach, r.general_breach),
            (chengxin_types::Category::SeriousBreach, r.serious_breach),
            (chengxin_types::Category::RiskWarning, r.risk_warning),
        ];
        view! {
            <h1>{org.name.clone()}</h1>
            <p class="muted">{t(Key::Uscc)} " " {org.uscc.clone()} " · " {label(org.kind)}</p>
            <section class=verdict_class(check.verdict) aria-labelledby="verdict">
                <h2 id="verdict">{t(Key::Verdict)}</h2>
                <p data-testid="verdict"><strong>{verdict_text(check.verdict)}</strong></p>
                <p class="small">{t(Key::CheckedOn)} " " {day(check.checked_on)} " · "
                   {t(Key::PublishedPenalties)} " " {check.published_penalties}</p>
            </section>
            <h2>{t(Key::CommitmentFiguresTitle)}</h2>
            <p>{t(Key::FulfilmentRate)} " " <strong>{rate}</strong></p>
            <ul class="figures">
                {commitment_rows.into_iter().map(|(name, value)| view! {
                    <li><span class="value">{value}</span><span class="label">{t(name)}</span></li>
                }).collect_view()}
            </ul>
            <h2>{t(Key::RecordsTitle)}</h2>
            <ul class="figures">
                {record_rows.into_iter().map(|(category, value)| view! {
                    <li><span class="value">{value}</span><span class="label">{label(category)}</span></li>
                }).collect_view()}
            </ul>
            {(!profile.listings.is_empty()).then(|| view! {
                <h2>{t(Key::SeriousBreachList)}</h2>
                <ul class="cards">{profile.listings.clone().into_iter().map(listing_card).collect_view()}</ul>
            })}
            {(!profile.penalties.is_empty()).then(|| view! {
                <h2>{t(Key::PenaltiesTitle)}</h2>
                <ul class="cards">{profile.penalties.clone().into_iter().map(penalty_card).collect_view()}</ul>
            })}
            {publication_figures(&profile.publication)}
            {case_figures(Key::ObjectionHandling, profile.objection_handling)}
            {case_figures(Key::ComplaintsTitle, profile.complaints)}
            {rectification_figures(&profile.rectification)}
            {profile.evaluation.as_ref().map(|e| {
                let line = t(Key::EvaluationResult)
                    .replace("{year}", &e.year.to_string())
                    .replace("{total}", &e.result.total.to_string())
                    .replace("{grade}", e.result.grade.as_deref().unwrap_or("–"))
                    .replace("{rank}", &e.result.rank.to_string())
                    .replace("{bodies}", &e.bodies.to_string());
                view! {
                    <h2>{t(Key::EvaluationTitle)}</h2>
                    <p data-testid="evaluation-result">{line}</p>
                    <ul class="plain small">{e.result.indicators.iter().map(|i| view! {
                        <li>{i.name.clone()} " " <strong>{i.points.map(|p| p.to_string()).unwrap_or_default()}</strong> " / " {i.weight}</li>
                    }).collect_view()}</ul>
                }
            })}
            {matches!(org.kind, OrgKind::GovernmentBody | OrgKind::PublicInstitution).then(|| view! {
                <p><a class="button secondary" href=format!("/complaint?body={}", org.uscc)>{t(Key::ComplainAboutBody)}</a></p>
            })}
        }
    })
}

/// The credit check form: a USCC opens the profile; a full name is looked up first.
#[component]
pub fn CheckPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = text.get_untracked().trim().to_string();
        if query.is_empty() {
            return;
        }
        let navigate = navigate.clone();
        if looks_like_uscc(&query.to_ascii_uppercase()) {
            navigate(
                &format!("/org/{}", query.to_ascii_uppercase()),
                NavigateOptions::default(),
            );
            return;
        }
        leptos::task::spawn_local(async move {
            let found = api::get::<CreditCheck>(&api::with_query(
                "/api/v1/public/credit-check",
                &[("name", query)],
            ))
            .await;
            match found {
                Ok(check) => navigate(
                    &format!("/org/{}", check.subject.uscc),
                    NavigateOptions::default(),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{t(Key::CreditCheckTitle)}</h1>
        <p class="muted">{t(Key::CreditCheckHint)}</p>
        <form class="stack" on:submit=submit>
            <label for="check-q">{t(Key::CheckByUscc)}</label>
            <input id="check-q" type="search" autocomplete="off"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit">{t(Key::Search)}</button>
        </form>
        {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
    }
}
