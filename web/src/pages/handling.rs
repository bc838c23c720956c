//! The handler's (异议与修复经办人) screens — the department's open objections and repair
//! applications — and the credit office's complaints about government bodies: oldest first, each with its deadline as a traffic light in working days, what
//! the filer asks (the proposals field by field, the correction and commitment), the evidence, the
//! history, the steps its state allows, and a decided repair's decision document. Which steps are allowed, the reasons required and the
//! new version of a corrected record are the server's: a refusal is shown in place.

use super::me::require_sign_in;
use super::work::light;
use super::work_form::{TextField, failure_line, optional};
use super::work_texts::{self as texts, Key as K, days_left_text};
use crate::api::{self, ApiError};
use crate::components::{day, minute, query_param, staff_paged_list};
use crate::i18n::label;
use chengxin_types::{
    ComplaintStatus, ComplaintStep, ComplaintView, EvidenceView, FieldProposal, HandlingStep,
    NoticeCase, ObjectionStatus, ObjectionStep, ObjectionView, RepairStatus, RepairStep,
    RepairView, filer_notice,
};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The deadline of a case's next step: the date, how many working days are left, its light.
pub(super) fn deadline_badge(
    due: Option<chrono::NaiveDate>,
    days_left: Option<i64>,
) -> impl IntoView {
    due.map(|due| {
        let (class, text) = match days_left {
            Some(days) => (
                format!("deadline {}", light(days)),
                format!("{} · {}", days_left_text(days), day(due)),
            ),
            None => ("deadline ok".to_string(), day(due)),
        };
        view! { <span class=class data-testid="deadline">{text}</span> }
    })
}

pub(super) fn history(steps: &[ObjectionStep]) -> impl IntoView + use<> {
    let steps: Vec<_> = steps
        .iter()
        .map(|s| {
            let note = (!s.note.is_empty()).then(|| s.note.clone());
            view! {
                <li><strong>{s.description.clone()}</strong> " · " {minute(s.at)}
                    {note.map(|n| view! { <br/><span class="small">{n}</span> })}</li>
            }
        })
        .collect();
    view! {
        <h3>{texts::t(K::History)}</h3>
        <ol class="timeline">{steps}</ol>
    }
}

/// The case's evidence files, each shown in the page when asked: a photo as an image, a PDF as
/// a link that opens it (the files need the sign-in, so they are fetched and handed over as
/// blob addresses).
pub(super) fn evidence_list(
    evidence: &[EvidenceView],
    case_kind: &'static str,
    ticket_no: &str,
) -> impl IntoView + use<> {
    (!evidence.is_empty()).then(|| {
        let files: Vec<_> = evidence
            .iter()
            .map(|file| {
                let path = format!(
                    "/api/v1/handling/evidence/{case_kind}/{ticket_no}/{}",
                    file.sha256
                );
                view! { <EvidenceFile file=file.clone() path=path/> }
            })
            .collect();
        view! {
            <h3>{texts::t(K::Evidence)}</h3>
            <ul class="files">{files}</ul>
        }
    })
}

#[component]
fn EvidenceFile(file: EvidenceView, path: String) -> impl IntoView {
    let shown: RwSignal<Option<(String, bool)>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let size = format!("{} KB", (file.size_bytes + 1023) / 1024);
    let name = file.file_name.clone();
    let show = move |_| {
        let path = path.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::get_signed_in_file(&path).await {
                Ok((bytes, media_type)) => {
                    let url = blob_url(&bytes, &media_type);
                    shown.set(url.map(|u| (u, media_type.starts_with("image/"))));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let alt = name.clone();
    view! {
        <li data-evidence=file.sha256.clone()>
            {name.clone()} " · " <span class="muted small">{file.media_type.clone()} " · " {size}</span>
            {move || match shown.get() {
                None => view! {
                    <button type="button" class="secondary" data-action="show-evidence" disabled=move || busy.get() on:click=show.clone()>
                        {texts::t(K::ShowEvidence)}
                    </button>
                }.into_any(),
                Some((url, true)) => view! { <img class="evidence" src=url alt=alt.clone()/> }.into_any(),
                Some((url, false)) => view! {
                    <a class="button secondary" href=url target="_blank" rel="noopener">{texts::t(K::OpenPdf)}</a>
                }.into_any(),
            }}
            {failure_line(error)}
        </li>
    }
}

/// The decision document of a decided repair application, shown in the page as the applicant
/// receives it, and printed alone.
#[component]
fn DecisionDocument(ticket: String) -> impl IntoView {
    view! {
        <PrintableDocument path=format!("/api/v1/handling/repairs/{ticket}/decision")
            open_label=K::ShowDecisionDocument action="decision-document"/>
    }
}

/// A document the server writes (a decision, a periodic report), shown in the page when asked
/// and printed alone.
#[component]
pub(super) fn PrintableDocument(
    path: String,
    open_label: K,
    action: &'static str,
) -> impl IntoView {
    let document: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let open = move |_| {
        let path = path.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::get_signed_in_text(&path).await {
                Ok(html) => {
                    // The page's body: its head (title, styles) belongs to the page opened alone.
                    let body = html
                        .split_once("<body>")
                        .and_then(|(_, rest)| rest.split_once("</body>"))
                        .map_or(html.as_str(), |(body, _)| body)
                        .to_string();
                    document.set(Some(body));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let print = move |_| {
        use wasm_bindgen::JsCast;
        // Printing shows the document alone (see `printing-document` in the stylesheet) until
        // printing ends, which some browsers report only after `print()` has returned.
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(body) = window.document().and_then(|d| d.body()) else {
            return;
        };
        let _ = body.class_list().add_1("printing-document");
        let printed = body.clone();
        let done = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = printed.class_list().remove_1("printing-document");
        });
        window.set_onafterprint(Some(done.unchecked_ref()));
        let _ = window.print();
    };
    view! {
        {move || match document.get() {
            None => view! {
                <button type="button" class="secondary" data-action=action disabled=move || busy.get() on:click=open.clone()>
                    {texts::t(open_label)}
                </button>
            }
            .into_any(),
            Some(html) => view! {
                <article class="decision-doc" inner_html=html></article>
                <button type="button" class="secondary" data-action="print" on:click=print>{texts::t(K::PrintDocument)}</button>
            }
            .into_any(),
        }}
        {failure_line(error)}
    }
}

/// A blob address for `bytes` of `media_type`, valid while the page is open.
fn blob_url(bytes: &[u8], media_type: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// The cases of one kind on page `page`: those in progress, oldest first, or (`?state=closed`)
/// those closed, newest first (a decided repair's document is found there); one page after
/// another, each rendered by `card`.
pub(super) fn case_lists<V, C>(
    page: &'static str,
    path: &'static str,
    card: impl Fn(V) -> C + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    V: DeserializeOwned + Clone + Send + Sync + 'static,
    C: IntoView + 'static,
{
    let state = query_param("state");
    let closed = move || state.with(|s| s == "closed");
    let list = Signal::derive(move || {
        format!("{path}?state={}", if closed() { "closed" } else { "open" })
    });
    let chip = move |href: String, name: &'static str, wanted: bool| {
        view! {
            <li><a class=move || if closed() == wanted { "button" } else { "button secondary" } href=href
                aria-current=move || (closed() == wanted).then_some("page")>{name}</a></li>
        }
    };
    view! {
        <nav aria-label=texts::t(K::CaseState)>
            <ul class="tool-list" data-testid="case-state">
                {chip(page.to_string(), texts::t(K::CasesOpen), false)}
                {chip(format!("{page}?state=closed"), texts::t(K::CasesClosed), true)}
            </ul>
        </nav>
        {staff_paged_list(list, card)}
    }
}

/// Sends one step; the case as it stands after it replaces the card's, or the refusal is kept.
pub(super) fn send_step<B, V>(
    path: String,
    step: B,
    case: RwSignal<V>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
) where
    B: Serialize + 'static,
    V: DeserializeOwned + Send + Sync + 'static,
{
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        match api::post_json::<_, V>(&path, &step).await {
            Ok(after) => case.set(after),
            Err(e) => error.set(Some(e)),
        }
        busy.set(false);
    });
}

/// The notices of the first steps (accept, refuse), the same for every kind of case.
const OPENING_NOTICES: &[(K, &str)] = &[(K::Accept, "accepted"), (K::Refuse, "refused")];

/// What the filer will be told of each step open now: the notice they receive (from the table
/// the server sends them from), beside the step's name; the reason or finding written here is
/// shown to them on their tracking page.
fn notices_view(case: NoticeCase, steps: &'static [(K, &'static str)]) -> impl IntoView + use<> {
    (!steps.is_empty()).then(|| {
        view! {
            <details class="notices" data-testid="filer-notices">
                <summary>{texts::t(if case == NoticeCase::Complaint { K::ComplainantNotices } else { K::FilerNotices })}</summary>
                <ul class="plain">
                    {steps.iter().map(|(step, action)| view! {
                        <li><strong>{texts::t(*step)}</strong> "：" {filer_notice(case, action).1}</li>
                    }).collect_view()}
                </ul>
                <p class="muted small">{texts::t(K::FilerNoticesHint)}</p>
            </details>
        }
    })
}

/// A case's first step: accept it (a note optional) or refuse it (with the reason the filer
/// reads).
fn opening_steps(
    id: String,
    reason: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
    accept: impl Fn() + 'static,
    refuse: impl Fn() + 'static,
) -> AnyView {
    view! {
        <TextField id=id label=texts::t(K::StepReason) value=reason error=error field="reason" rows=2
            hint=texts::t(K::StepReasonHint)/>
        <div class="actions">
            <button type="button" data-action="accept" disabled=move || busy.get()
                on:click=move |_| accept()>{texts::t(K::Accept)}</button>
            <button type="button" class="secondary" data-action="refuse" disabled=move || busy.get()
                on:click=move |_| refuse()>{texts::t(K::Refuse)}</button>
        </div>
    }
    .into_any()
}

/// The fields a handler puts right when upholding: each proposal, taken or not, its text as the
/// filer proposed it and editable.
struct Correction {
    proposal: FieldProposal,
    taken: RwSignal<bool>,
    text: RwSignal<String>,
}

impl Correction {
    fn chosen(corrections: &[Correction]) -> Vec<FieldProposal> {
        corrections
            .iter()
            .filter(|c| c.taken.get_untracked())
            .map(|c| FieldProposal {
                field: c.proposal.field,
                proposed: c.text.get_untracked(),
            })
            .collect()
    }
}

// `FieldProposal` holds a String, so `Correction` cannot be `Copy`; it is cloned instead.
impl Clone for Correction {
    fn clone(&self) -> Self {
        Correction {
            proposal: self.proposal.clone(),
            taken: self.taken,
            text: self.text,
        }
    }
}

#[component]
fn ObjectionCard(case: ObjectionView) -> impl IntoView {
    let ticket = case.ticket_no.clone();
    let path = format!("/api/v1/handling/objections/{ticket}/steps");
    let corrections: Vec<Correction> = case
        .proposals
        .iter()
        .map(|p| Correction {
            proposal: p.clone(),
            taken: RwSignal::new(true),
            text: RwSignal::new(p.proposed.clone()),
        })
        .collect();
    let case = RwSignal::new(case);
    // The state alone: the notices fold is drawn again when the state changes, not on every update.
    let status = Memo::new(move |_| case.with(|c| c.status));
    let reason = RwSignal::new(String::new());
    let days = RwSignal::new("5".to_string());
    let revoke = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let step = move |step: HandlingStep| send_step(path.clone(), step, case, busy, error);
    let text = move || reason.get_untracked().trim().to_string();
    let reason_id = format!("reason-{ticket}");
    let days_id = format!("days-{ticket}");
    let card_ticket = ticket.clone();
    let actions = move || {
        let step = step.clone();
        let corrections = corrections.clone();
        let reason_id = reason_id.clone();
        let days_id = days_id.clone();
        match case.with(|c| c.status) {
            ObjectionStatus::Submitted => {
                let (accept, refuse) = (step.clone(), step);
                opening_steps(
                    reason_id,
                    reason,
                    error,
                    busy,
                    move || {
                        accept(HandlingStep::Accept {
                            note: optional(&reason),
                        })
                    },
                    move || refuse(HandlingStep::Refuse { reason: text() }),
                )
            }
            ObjectionStatus::Accepted => {
                let (extend, uphold, partly, reject) =
                    (step.clone(), step.clone(), step.clone(), step);
                let (all, some) = (corrections.clone(), corrections.clone());
                let editors = corrections
                    .into_iter()
                    .map(|c| {
                        let field_id = format!("correction-{}-{}", c.proposal.field.code(), ticket);
                        view! {
                            <div class="proposal">
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || c.taken.get()
                                        on:change=move |ev| c.taken.set(event_target_checked(&ev))/>
                                    {texts::t(K::TakeCorrection)} " " {label(c.proposal.field)}
                                </label>
                                <label for=field_id.clone() class="visually-hidden">{label(c.proposal.field)}</label>
                                <input id=field_id data-field=c.proposal.field.code() prop:value=move || c.text.get()
                                    on:input=move |ev| c.text.set(event_target_value(&ev))/>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset>
                        <legend>{texts::t(K::Corrections)}</legend>
                        {editors}
                        <label class="check">
                            <input type="checkbox" data-action="revoke-record" prop:checked=move || revoke.get()
                                on:change=move |ev| revoke.set(event_target_checked(&ev))/>
                            {texts::t(K::RevokeRecord)}
                        </label>
                    </fieldset>
                    <TextField id=reason_id label=texts::t(K::StepReason) value=reason error=error field="reason" rows=3
                        hint=texts::t(K::DecisionReasonHint)/>
                    <div class="actions">
                        <button type="button" data-action="uphold" disabled=move || busy.get()
                            on:click=move |_| uphold(HandlingStep::Uphold {
                                reason: text(),
                                corrections: if revoke.get_untracked() { Vec::new() } else { Correction::chosen(&all) },
                                revoke: revoke.get_untracked(),
                            })>{texts::t(K::Uphold)}</button>
                        <button type="button" class="secondary" data-action="partly-uphold" disabled=move || busy.get()
                            on:click=move |_| partly(HandlingStep::PartlyUphold { reason: text(), corrections: Correction::chosen(&some) })>
                            {texts::t(K::PartlyUphold)}</button>
                        <button type="button" class="secondary" data-action="reject" disabled=move || busy.get()
                            on:click=move |_| reject(HandlingStep::Reject { reason: text() })>{texts::t(K::Reject)}</button>
                    </div>
                    <div class="actions extend">
                        <TextField id=days_id label=texts::t(K::ExtendDays) value=days error=error field="days" kind="number"/>
                        <button type="button" class="secondary" data-action="extend" disabled=move || busy.get()
                            on:click=move |_| extend(HandlingStep::Extend {
                                days: days.get_untracked().trim().parse().unwrap_or(0),
                                reason: text(),
                            })>{texts::t(K::Extend)}</button>
                    </div>
                }
                .into_any()
            }
            _ => view! { <p class="done" role="status">{texts::t(K::CaseClosed)}</p> }.into_any(),
        }
    };
    view! {
        <li class="card case-card" data-ticket=card_ticket>
            {move || case.with(|c| {
                let proposals: Vec<_> = c.proposals.iter().map(|p| view! {
                    <div class="field"><dt>{label(p.field)}</dt><dd>{p.proposed.clone()}</dd></div>
                }).collect();
                view! {
                    <span class="muted small"><span class="code">{c.ticket_no.clone()}</span> " · " {minute(c.filed_at)}</span>
                    <strong>{c.record_title.clone()}</strong>
                    <span><span class="badge" data-testid="case-status">{label(c.status)}</span> " " {deadline_badge(c.due, c.working_days_left)}</span>
                    <h3>{texts::t(K::FilersReason)}</h3>
                    <p>{c.reason.clone()}</p>
                    {(!proposals.is_empty()).then(|| view! {
                        <h3>{texts::t(K::Proposals)}</h3>
                        <dl class="fields">{proposals}</dl>
                    })}
                    {c.outcome_reason.clone().map(|o| view! { <p><strong>{texts::t(K::Outcome)}</strong> " " {o}</p> })}
                    {evidence_list(&c.evidence, "objection", &c.ticket_no)}
                    {history(&c.steps)}
                }
            })}
            {actions}
            {move || notices_view(NoticeCase::Objection, match status.get() {
                ObjectionStatus::Submitted => OPENING_NOTICES,
                ObjectionStatus::Accepted => &[(K::Extend, "extended"), (K::DecideObjection, "decided")],
                _ => &[],
            })}
            {failure_line(error)}
        </li>
    }
}

#[component]
fn RepairCard(case: RepairView) -> impl IntoView {
    let ticket = case.ticket_no.clone();
    let path = format!("/api/v1/handling/repairs/{ticket}/steps");
    let case = RwSignal::new(case);
    // The state alone: the notices fold is drawn again when the state changes, not on every update.
    let status = Memo::new(move |_| case.with(|c| c.status));
    let reason = RwSignal::new(String::new());
    let days = RwSignal::new("5".to_string());
    let false_materials = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let step = move |step: RepairStep| send_step(path.clone(), step, case, busy, error);
    let text = move || reason.get_untracked().trim().to_string();
    let reason_id = format!("reason-{ticket}");
    let days_id = format!("days-{ticket}");
    let actions = move || {
        let step = step.clone();
        let reason_id = reason_id.clone();
        let days_id = days_id.clone();
        match case.with(|c| c.status) {
            RepairStatus::Submitted => {
                let (accept, refuse) = (step.clone(), step);
                opening_steps(
                    reason_id,
                    reason,
                    error,
                    busy,
                    move || {
                        accept(RepairStep::Accept {
                            note: optional(&reason),
                        })
                    },
                    move || refuse(RepairStep::Refuse { reason: text() }),
                )
            }
            RepairStatus::Accepted => {
                let (extend, approve, deny) = (step.clone(), step.clone(), step);
                view! {
                    <TextField id=reason_id label=texts::t(K::StepReason) value=reason error=error field="reason" rows=3
                        hint=texts::t(K::DecisionReasonHint)/>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || false_materials.get()
                            on:change=move |ev| false_materials.set(event_target_checked(&ev))/>
                        {texts::t(K::FalseMaterials)}
                    </label>
                    <div class="actions">
                        <button type="button" data-action="approve" disabled=move || busy.get()
                            on:click=move |_| approve(RepairStep::Approve { reason: text() })>{texts::t(K::ApproveRepair)}</button>
                        <button type="button" class="secondary" data-action="deny" disabled=move || busy.get()
                            on:click=move |_| deny(RepairStep::Deny { reason: text(), false_materials: false_materials.get_untracked() })>
                            {texts::t(K::DenyRepair)}</button>
                    </div>
                    <div class="actions extend">
                        <TextField id=days_id label=texts::t(K::ExtendDays) value=days error=error field="days" kind="number"/>
                        <button type="button" class="secondary" data-action="extend" disabled=move || busy.get()
                            on:click=move |_| extend(RepairStep::Extend {
                                days: days.get_untracked().trim().parse().unwrap_or(0),
                                reason: text(),
                            })>{texts::t(K::Extend)}</button>
                    </div>
                }
                .into_any()
            }
            RepairStatus::Approved | RepairStatus::Denied => view! {
                <p class="done" role="status">{texts::t(K::CaseClosed)}</p>
                <DecisionDocument ticket=case.with_untracked(|c| c.ticket_no.clone())/>
            }
            .into_any(),
            _ => view! { <p class="done" role="status">{texts::t(K::CaseClosed)}</p> }.into_any(),
        }
    };
    view! {
        <li class="card case-card" data-ticket=ticket>
            {move || case.with(|c| view! {
                <span class="muted small"><span class="code">{c.ticket_no.clone()}</span> " · " {minute(c.filed_at)}</span>
                <strong>{c.record_title.clone()}</strong>
                <span><span class="badge" data-testid="case-status">{label(c.status)}</span> " " {deadline_badge(c.due, c.working_days_left)}</span>
                <h3>{texts::t(K::RepairCorrection)}</h3>
                <p>{c.correction.clone()}</p>
                <h3>{texts::t(K::RepairCommitment)}</h3>
                <p>{c.commitment.clone()}</p>
                {c.outcome_reason.clone().map(|o| view! { <p><strong>{texts::t(K::Outcome)}</strong> " " {o}</p> })}
                {evidence_list(&c.evidence, "repair", &c.ticket_no)}
                {history(&c.steps)}
            })}
            {actions}
            {move || notices_view(NoticeCase::Repair, match status.get() {
                RepairStatus::Submitted => OPENING_NOTICES,
                RepairStatus::Accepted => &[(K::Extend, "extended"), (K::ApproveRepair, "approved"), (K::DenyRepair, "denied")],
                _ => &[],
            })}
            {failure_line(error)}
        </li>
    }
}

/// `/work/objections`: the department's objections being handled.
#[component]
pub fn ObjectionCases() -> impl IntoView {
    require_sign_in();
    view! {
        <h1>{texts::t(K::ObjectionsTitle)}</h1>
        <p class="muted">{texts::t(K::ObjectionsHint)}</p>
        {case_lists("/work/objections", "/api/v1/handling/objections", |case: ObjectionView| view! { <ObjectionCard case=case/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

/// `/work/repairs`: the department's repair applications being handled.
#[component]
pub fn RepairCases() -> impl IntoView {
    require_sign_in();
    view! {
        <h1>{texts::t(K::RepairsTitle)}</h1>
        <p class="muted">{texts::t(K::RepairsHint)}</p>
        {case_lists("/work/repairs", "/api/v1/handling/repairs", |case: RepairView| view! { <RepairCard case=case/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

#[component]
fn ComplaintCard(case: ComplaintView) -> impl IntoView {
    let ticket = case.ticket_no.clone();
    let path = format!("/api/v1/oversight/complaints/{ticket}/steps");
    let case = RwSignal::new(case);
    // The state alone: the notices fold is drawn again when the state changes, not on every update.
    let status = Memo::new(move |_| case.with(|c| c.status));
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let step = move |step: ComplaintStep| send_step(path.clone(), step, case, busy, error);
    let said = move || text.get_untracked().trim().to_string();
    let text_id = format!("reason-{ticket}");
    let actions = move || {
        let step = step.clone();
        let text_id = text_id.clone();
        match case.with(|c| c.status) {
            ComplaintStatus::Submitted => {
                let (accept, refuse) = (step.clone(), step);
                opening_steps(
                    text_id,
                    text,
                    error,
                    busy,
                    move || {
                        accept(ComplaintStep::Accept {
                            note: optional(&text),
                        })
                    },
                    move || refuse(ComplaintStep::Refuse { reason: said() }),
                )
            }
            ComplaintStatus::Accepted => {
                let (substantiate, dismiss) = (step.clone(), step);
                view! {
                    <TextField id=text_id label=texts::t(K::Finding) value=text error=error field="finding" rows=3
                        hint=texts::t(K::FindingHint)/>
                    <div class="actions">
                        <button type="button" data-action="substantiate" disabled=move || busy.get()
                            on:click=move |_| substantiate(ComplaintStep::Substantiate { finding: said() })>{texts::t(K::Substantiate)}</button>
                        <button type="button" class="secondary" data-action="dismiss" disabled=move || busy.get()
                            on:click=move |_| dismiss(ComplaintStep::Dismiss { finding: said() })>{texts::t(K::Dismiss)}</button>
                    </div>
                }
                .into_any()
            }
            _ => view! { <p class="done" role="status">{texts::t(K::CaseClosed)}</p> }.into_any(),
        }
    };
    view! {
        <li class="card case-card" data-ticket=ticket>
            {move || case.with(|c| view! {
                <span class="muted small"><span class="code">{c.ticket_no.clone()}</span> " · " {minute(c.filed_at)}</span>
                <strong>{c.body.clone()}</strong>
                <span class="muted small">{c.body_uscc.clone()}</span>
                <span><span class="badge" data-testid="case-status">{label(c.status)}</span> " " {deadline_badge(c.due, c.working_days_left)}</span>
                <h3>{label(c.kind)}</h3>
                <p>{c.description.clone()}</p>
                {c.amount_yuan.map(|yuan| view! { <p>{texts::t(K::Amount)} " " {format!("{yuan:.2}")}</p> })}
                {c.finding.clone().map(|o| view! { <p><strong>{texts::t(K::Outcome)}</strong> " " {o}</p> })}
                {evidence_list(&c.evidence, "complaint", &c.ticket_no)}
                {history(&c.steps)}
            })}
            {actions}
            {move || notices_view(NoticeCase::Complaint, match status.get() {
                ComplaintStatus::Submitted => OPENING_NOTICES,
                ComplaintStatus::Accepted => &[(K::Substantiate, "substantiated"), (K::Dismiss, "dismissed")],
                _ => &[],
            })}
            {failure_line(error)}
        </li>
    }
}

/// `/work/complaints`: complaints about government bodies, for the credit office.
#[component]
pub fn ComplaintCases() -> impl IntoView {
    require_sign_in();
    view! {
        <h1>{texts::t(K::ComplaintsTitle)}</h1>
        <p class="muted">{texts::t(K::ComplaintsHint)}</p>
        {case_lists("/work/complaints", "/api/v1/oversight/complaints", |case: ComplaintView| view! { <ComplaintCard case=case/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
