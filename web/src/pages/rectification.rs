//! Rectification of government breaches (政务失信整改): the credit office's screen — set the
//! deadline, review the report, escalate an overdue case, record consequences, the district's
//! rate — and the body's own screen, where its staff send the explanation and the report with
//! evidence. Which steps a case allows and every check are the server's; a refusal is shown in
//! place.

use super::handling::{PrintableDocument, deadline_badge, evidence_list, history, send_step};
use super::me::require_sign_in;
use super::work_form::{TextField, failure_line, optional};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError, Body};
use crate::components::{day, minute};
use crate::i18n::label;
use chengxin_types::{
    ConsequenceKind, ConsequenceView, Escalation, NewConsequence, RectificationRates,
    RectificationReceipt, RectificationReport, RectificationStatus, RectificationStep,
    RectificationView,
};
use leptos::prelude::*;

/// What both screens show of a case: the body, the breach record, the state and its deadline,
/// the body's explanation and report, the evidence, the consequences and the history.
/// `office`: the credit office's screen, where each consequence's document can be printed.
fn case_facts(c: &RectificationView, office: bool) -> impl IntoView + use<> {
    let outcome = c.on_time.map(|on_time| {
        texts::t(if on_time {
            K::RectifiedOnTime
        } else {
            K::RectifiedLate
        })
    });
    let escalated = (c.escalation != Escalation::None).then(|| label(c.escalation));
    let consequences: Vec<_> = c
        .consequences
        .iter()
        .map(|q| consequence_line(q, office))
        .collect();
    view! {
        <span class="muted small"><span class="code">{c.ticket_no.clone()}</span> " · " {minute(c.opened_at)}</span>
        <strong>{c.body.clone()}</strong>
        <span>
            <span class="badge" data-testid="case-status">{label(c.status)}</span> " "
            {escalated.map(|e| view! { <span class="badge late" data-testid="escalation">{e}</span> " " })}
            {outcome.map(|o| view! { <span class="badge">{o}</span> " " })}
            {deadline_badge(c.due, c.working_days_left)}
        </span>
        <h3>{texts::t(K::BreachRecord)}</h3>
        <p><strong>{c.record.kind_name.clone()}</strong> " · " {day(c.record.decided_on)}</p>
        <p>{c.record.content.clone()}</p>
        <p class="muted small">{texts::t(K::ReportedBy)} "：" {c.record.reported_by.clone()}</p>
        {c.first_due.map(|d| view! { <p class="small">{texts::t(K::FirstDue)} "：" {day(d)}</p> })}
        {c.explanation.clone().map(|e| view! { <h3>{texts::t(K::Explanation)}</h3><p>{e}</p> })}
        {c.report.clone().map(|r| view! { <h3>{texts::t(K::RectificationReport)}</h3><p>{r}</p> })}
        {evidence_list(&c.evidence, "rectification", &c.ticket_no)}
        {(!consequences.is_empty()).then(|| view! {
            <h3>{texts::t(K::Consequences)}</h3>
            <ul class="plain" data-testid="consequences">{consequences}</ul>
        })}
        {history(&c.steps)}
    }
}

fn consequence_line(c: &ConsequenceView, office: bool) -> impl IntoView + use<> {
    let until = c
        .effective_until
        .map(|d| format!(" {} {}", texts::t(K::Until), day(d)));
    let document = office.then(|| {
        view! {
            <PrintableDocument path=format!("/api/v1/oversight/rectifications/{}/consequences/{}/document", c.ticket_no, c.id)
                open_label=K::ShowConsequenceDocument action="consequence-document"/>
        }
    });
    view! {
        <li data-consequence=c.id><strong>{label(c.kind)}</strong> " · " {c.document_no.clone()} {until}<br/>
            <span class="small">{c.note.clone()}</span>
            {document}</li>
    }
}

fn days_of(text: RwSignal<String>) -> u32 {
    text.get_untracked().trim().parse().unwrap_or(0)
}

/// A case as the credit office handles it.
#[component]
fn OfficeCard(case: RectificationView) -> impl IntoView {
    let ticket = case.ticket_no.clone();
    let path = format!("/api/v1/oversight/rectifications/{ticket}/steps");
    let case = RwSignal::new(case);
    let note = RwSignal::new(String::new());
    let days = RwSignal::new("15".to_string());
    let on = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let step = move |step: RectificationStep| send_step(path.clone(), step, case, busy, error);
    let said = move || note.get_untracked().trim().to_string();
    let (note_id, days_id, on_id) = (
        format!("note-{ticket}"),
        format!("days-{ticket}"),
        format!("on-{ticket}"),
    );
    let actions = move || {
        let step = step.clone();
        let (note_id, days_id, on_id) = (note_id.clone(), days_id.clone(), on_id.clone());
        let (status, overdue, escalation) = case.with(|c| (c.status, c.overdue, c.escalation));
        match status {
            RectificationStatus::Opened => view! {
                <TextField id=days_id label=texts::t(K::WorkingDays) value=days error=error field="working_days" kind="number"/>
                <TextField id=note_id label=texts::t(K::StepNote) value=note error=error field="note" rows=2/>
                <div class="actions">
                    <button type="button" data-action="set-deadline" disabled=move || busy.get()
                        on:click=move |_| step(RectificationStep::SetDeadline { working_days: days_of(days), note: optional(&note) })>
                        {texts::t(K::SetDeadline)}</button>
                </div>
            }
            .into_any(),
            RectificationStatus::ReportSubmitted => {
                let (accept, send_back) = (step.clone(), step);
                view! {
                    <TextField id=note_id label=texts::t(K::StepReason) value=note error=error field="reason" rows=2
                        hint=texts::t(K::ReturnReasonHint)/>
                    <TextField id=days_id label=texts::t(K::WorkingDays) value=days error=error field="working_days" kind="number"/>
                    <div class="actions">
                        <button type="button" data-action="accept-report" disabled=move || busy.get()
                            on:click=move |_| accept(RectificationStep::Accept { note: optional(&note) })>{texts::t(K::AcceptReport)}</button>
                        <button type="button" class="secondary" data-action="return-report" disabled=move || busy.get()
                            on:click=move |_| send_back(RectificationStep::Return { reason: said(), working_days: days_of(days) })>
                            {texts::t(K::ReturnReport)}</button>
                    </div>
                }
                .into_any()
            }
            RectificationStatus::AwaitingReport if overdue => match escalation.next() {
                Some(level) => view! {
                    <TextField id=note_id label=texts::t(K::EscalateNote) value=note error=error field="note" rows=2/>
                    <TextField id=on_id label=texts::t(K::EscalateOn) value=on error=error field="on" kind="date"/>
                    <div class="actions">
                        <button type="button" data-action="escalate" data-level=level.code() disabled=move || busy.get()
                            on:click=move |_| step(RectificationStep::Escalate {
                                level,
                                note: said(),
                                on: on.get_untracked().trim().parse().ok(),
                            })>{label(level)}</button>
                    </div>
                }
                .into_any(),
                None => ().into_any(),
            },
            _ => ().into_any(),
        }
    };
    let form_ticket = ticket.clone();
    view! {
        <li class="card case-card" data-ticket=ticket>
            {move || case.with(|c| case_facts(c, true))}
            {actions}
            {failure_line(error)}
            <ConsequenceForm ticket=form_ticket case=case/>
        </li>
    }
}

/// The office's form for a consequence on the body; the consequence joins the case's list.
#[component]
fn ConsequenceForm(ticket: String, case: RwSignal<RectificationView>) -> impl IntoView {
    let kind = RwSignal::new(ConsequenceKind::HonoursIneligible);
    let document_no = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let months = RwSignal::new("12".to_string());
    let busy = RwSignal::new(false);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let path = format!("/api/v1/oversight/rectifications/{ticket}/consequences");
    let kind_id = format!("consequence-kind-{ticket}");
    let send = move |_| {
        let path = path.clone();
        let body = NewConsequence {
            kind: kind.get_untracked(),
            document_no: document_no.get_untracked().trim().to_string(),
            note: note.get_untracked().trim().to_string(),
            months: (kind.get_untracked() == ConsequenceKind::HonoursIneligible)
                .then(|| days_of(months)),
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, ConsequenceView>(&path, &body).await {
                Ok(added) => case.update(|c| c.consequences.insert(0, added)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <details class="consequence-form">
            <summary>{texts::t(K::AddConsequence)}</summary>
            <label for=kind_id.clone()>{texts::t(K::ConsequenceKindLabel)}</label>
            <select id=kind_id data-field="kind" on:change=move |ev| {
                if let Some(k) = ConsequenceKind::from_code(&event_target_value(&ev)) {
                    kind.set(k);
                }
            }>
                {ConsequenceKind::ALL.iter().map(|k| view! {
                    <option value=k.code() selected=*k == ConsequenceKind::HonoursIneligible>{label(*k)}</option>
                }).collect_view()}
            </select>
            <TextField id=format!("document-no-{ticket}") label=texts::t(K::DocumentNo) value=document_no error=error field="document_no"/>
            <TextField id=format!("consequence-note-{ticket}") label=texts::t(K::ConsequenceNote) value=note error=error field="note" rows=2/>
            {move || (kind.get() == ConsequenceKind::HonoursIneligible).then(|| view! {
                <TextField id=format!("months-{}", case.with_untracked(|c| c.ticket_no.clone())) label=texts::t(K::Months)
                    value=months error=error field="months" kind="number"/>
            })}
            <div class="actions">
                <button type="button" class="secondary" data-action="add-consequence" disabled=move || busy.get() on:click=send>
                    {texts::t(K::AddConsequence)}</button>
            </div>
            {failure_line(error)}
        </details>
    }
}

/// The district's rate, above the office's list.
fn district_rate() -> impl IntoView {
    let rates = LocalResource::new(|| {
        api::get_signed_in::<RectificationRates>("/api/v1/oversight/rectification-rates")
    });
    move || {
        rates.get().and_then(|r| r.ok()).map(|r| {
            let rate = r.district;
            let figures = texts::t(K::RateFigures)
                .replace("{due}", &rate.due.to_string())
                .replace("{on_time}", &rate.rectified_on_time.to_string())
                .replace("{late}", &rate.rectified_late.to_string())
                .replace("{open}", &rate.open.to_string());
            let share = rate.rate.map_or_else(
                || texts::t(K::NoRateYet).to_string(),
                |r| format!("{:.0}%", r * 100.0),
            );
            view! {
                <p data-testid="district-rate"><strong>{texts::t(K::DistrictRate)} "：" {share}</strong><br/>
                    <span class="muted small">{figures}</span></p>
            }
        })
    }
}

/// The open and closed lists of a screen.
fn lists<C: IntoView + 'static>(
    page: &'static str,
    path: &'static str,
    card: impl Fn(RectificationView) -> C + Clone + Send + Sync + 'static,
) -> impl IntoView {
    super::handling::case_lists(page, path, card)
}

/// `/work/rectification`: the credit office's rectification cases.
#[component]
pub fn OfficeRectifications() -> impl IntoView {
    require_sign_in();
    view! {
        <h1>{texts::t(K::RectificationTitle)}</h1>
        <p class="muted">{texts::t(K::RectificationHint)}</p>
        {district_rate()}
        {lists("/work/rectification", "/api/v1/oversight/rectifications", |case| view! { <OfficeCard case=case/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

/// A case as the body's staff see it, with the report form while one is awaited.
#[component]
fn BodyCard(case: RectificationView) -> impl IntoView {
    let ticket = case.ticket_no.clone();
    let case = RwSignal::new(case);
    let explanation = RwSignal::new(String::new());
    let report = RwSignal::new(String::new());
    let files: RwSignal<Vec<web_sys::File>, LocalStorage> = RwSignal::new_local(Vec::new());
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    // One key per card: a retry after a lost answer is recognised, not filed twice.
    let key = new_key();
    let files_id = format!("files-{ticket}");
    let send = {
        let ticket = ticket.clone();
        move |_| {
            let path = format!("/api/v1/work/rectifications/{ticket}/report");
            let again = format!("/api/v1/work/rectifications/{ticket}");
            let key = key.clone();
            let body = RectificationReport {
                explanation: explanation.get_untracked().trim().to_string(),
                report: report.get_untracked().trim().to_string(),
            };
            let json = match api::encode(&body) {
                Ok(json) => json,
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            };
            let body = with_files(json, &files.get_untracked());
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let answer: Result<RectificationReceipt, ApiError> =
                    api::send("POST", &path, body, Some(("Idempotency-Key", &key))).await;
                match answer {
                    Ok(_) => {
                        sent.set(true);
                        if let Ok(now) = api::get_signed_in::<RectificationView>(&again).await {
                            case.set(now);
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };
    let form = move || {
        let send = send.clone();
        let files_id = files_id.clone();
        let ticket = case.with_untracked(|c| c.ticket_no.clone());
        (case.with(|c| c.status) == RectificationStatus::AwaitingReport).then(|| view! {
            <TextField id=format!("explanation-{ticket}") label=texts::t(K::Explanation) value=explanation error=error field="explanation" rows=4/>
            <TextField id=format!("report-{ticket}") label=texts::t(K::RectificationReport) value=report error=error field="report" rows=5/>
            <label for=files_id.clone()>{texts::t(K::EvidenceFiles)}</label>
            <input id=files_id type="file" multiple accept="image/*,application/pdf" on:change=move |ev| {
                use wasm_bindgen::JsCast;
                let chosen = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .and_then(|input| input.files())
                    .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                    .unwrap_or_default();
                files.set(chosen);
            }/>
            <div class="actions">
                <button type="button" data-action="submit-report" disabled=move || busy.get() on:click=send>
                    {texts::t(K::SubmitReport)}</button>
            </div>
        })
    };
    view! {
        <li class="card case-card" data-ticket=ticket>
            {move || case.with(|c| case_facts(c, false))}
            {form}
            {move || sent.get().then(|| view! { <p class="done" role="status">{texts::t(K::ReportSent)}</p> })}
            {failure_line(error)}
        </li>
    }
}

/// The report as JSON, or as a form with the report as its `report` part and the files.
fn with_files(json: String, files: &[web_sys::File]) -> Body {
    if files.is_empty() {
        return Body::Json(json);
    }
    let Ok(form) = web_sys::FormData::new() else {
        return Body::Json(json);
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        let _ = form.append_with_blob("report", &blob);
    }
    for file in files {
        let _ = form.append_with_blob_and_filename("evidence", file, &file.name());
    }
    Body::Form(form)
}

fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}", js_sys::Date::now()))
}

/// `/work/our-rectifications`: the body's own breaches to rectify.
#[component]
pub fn OwnRectifications() -> impl IntoView {
    require_sign_in();
    view! {
        <h1>{texts::t(K::OwnRectificationTitle)}</h1>
        <p class="muted">{texts::t(K::OwnRectificationHint)}</p>
        {lists("/work/our-rectifications", "/api/v1/work/rectifications", |case| view! { <BodyCard case=case/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
