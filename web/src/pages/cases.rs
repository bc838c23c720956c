//! Objections, repair applications and complaints about a government body from the phone, and
//! tracking a ticket.
//!
//! A form's text is kept as a draft in this browser while it is typed, with the idempotency key it
//! will be sent with; a submission that finds no network waits for it and is sent again with the
//! same key, so the server never files it twice.

use crate::api::{self, ApiError, Body};
use crate::components::{ErrorBox, day, minute, query_param, shown};
use crate::i18n::{Key, label, t};
use crate::session;
use chengxin_types::{
    Applicant, ComplaintKind, ComplaintStatus, FieldProposal, Filer, FilerCapacity, NewComplaint,
    NewObjection, NewRepair, ObjectionStatus, ObjectionStep, RecordField, RepairStatus,
    TrackRequest,
};
use leptos::html::Input;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the filer has typed so far, kept in local storage.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
struct Draft {
    idempotency_key: String,
    name: String,
    phone: String,
    capacity: String,
    id_code: String,
    reason: String,
    second_text: String,
    proposals: Vec<(String, String)>,
    /// A complaint's kind (a `ComplaintKind` code) and the amount at stake, as typed.
    #[serde(default)]
    complaint_kind: String,
    #[serde(default)]
    amount: String,
}

fn draft_key(kind: &str, record: &str) -> String {
    format!("cx.draft.{kind}.{record}")
}

fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}", js_sys::Date::now()))
}

fn load_draft(key: &str) -> Draft {
    let stored = session::storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|text| api::decode::<Draft>(&text).ok());
    stored.unwrap_or_else(|| Draft {
        idempotency_key: new_idempotency_key(),
        capacity: FilerCapacity::Subject.code().to_string(),
        ..Draft::default()
    })
}

fn save_draft(key: &str, draft: &Draft) {
    if let (Some(storage), Ok(text)) = (session::storage(), api::encode(draft)) {
        let _ = storage.set_item(key, &text);
    }
}

fn drop_draft(key: &str) {
    if let Some(storage) = session::storage() {
        let _ = storage.remove_item(key);
    }
}

/// A receipt as the server returns it for objections and repairs.
#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Receipt {
    ticket_no: String,
    query_code: String,
    accept_due: chrono::NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
enum Sending {
    Idle,
    Busy,
    /// Offline: sent again when the network returns.
    Queued,
    Failed(ApiError),
    Done(Receipt),
}

/// The body: JSON, or multipart with the case as `part` and the files as `evidence`.
fn case_body(part: &str, json: String, files: &[web_sys::File]) -> Body {
    if files.is_empty() {
        return Body::Json(json);
    }
    let Ok(form) = web_sys::FormData::new() else {
        return Body::Json(json);
    };
    let blob = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    if let Ok(json_blob) = web_sys::Blob::new_with_str_sequence_and_options(&blob, &options) {
        let _ = form.append_with_blob(part, &json_blob);
    }
    for file in files {
        let _ = form.append_with_blob_and_filename("evidence", file, &file.name());
    }
    Body::Form(form)
}

/// An input handler that writes the field `apply` names into the draft.
fn setter(
    draft: RwSignal<Draft>,
    apply: fn(&mut Draft, String),
) -> impl Fn(leptos::ev::Event) + Clone + 'static {
    move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        draft.update(|d| apply(d, value));
    }
}

/// What both case forms share: the record, whether the signed-in account files it, the draft
/// (saved as it is typed), the file input and the state of sending.
#[derive(Clone)]
struct CaseForm {
    /// `objection` or `repair`: the multipart part's name and the draft's key.
    kind: &'static str,
    path: &'static str,
    record: String,
    record_id: i64,
    /// From one's own archive (signed in) the account is the filer; otherwise name and phone.
    mine: bool,
    storage_key: String,
    draft: RwSignal<Draft>,
    files: NodeRef<Input>,
    sending: RwSignal<Sending>,
    pending: PendingSlot,
}

impl CaseForm {
    fn new(kind: &'static str, path: &'static str) -> CaseForm {
        let record = query_param("record").get_untracked();
        let storage_key = draft_key(kind, &record);
        let draft = RwSignal::new(load_draft(&storage_key));
        let saved_to = storage_key.clone();
        Effect::new(move |_| draft.with(|d| save_draft(&saved_to, d)));
        let sending = RwSignal::new(Sending::Idle);
        CaseForm {
            kind,
            path,
            record_id: record.parse().unwrap_or(0),
            record,
            mine: query_param("mine").get_untracked() == "1" && session::has_session(),
            storage_key,
            draft,
            files: NodeRef::new(),
            sending,
            pending: retry_when_online(sending),
        }
    }

    /// Shrinks the chosen photos, then sends the case with the draft's idempotency key.
    fn send(&self, json: String) {
        let chosen = self.files.get().and_then(|input| input.files());
        let (path, part, pending, sending) = (self.path, self.kind, self.pending, self.sending);
        let key = self.draft.with_untracked(|d| d.idempotency_key.clone());
        let draft_storage_key = self.storage_key.clone();
        sending.set(Sending::Busy);
        leptos::task::spawn_local(async move {
            let files = match chosen {
                Some(list) => crate::photos::prepare(&list).await,
                None => Vec::new(),
            };
            let case = Pending {
                path,
                body: case_body(part, json, &files),
                key,
                draft_storage_key,
            };
            submit_case(case, pending, sending);
        });
    }
}

/// A submission waiting for the network, with the key it was first sent with.
#[derive(Clone)]
struct Pending {
    path: &'static str,
    body: Body,
    key: String,
    draft_storage_key: String,
}

type PendingSlot = StoredValue<Option<Pending>, LocalStorage>;

/// Sends a case; without a network it is kept in `pending` until the network returns.
fn submit_case(case: Pending, pending: PendingSlot, sending: RwSignal<Sending>) {
    sending.set(Sending::Busy);
    leptos::task::spawn_local(async move {
        let result: Result<Receipt, ApiError> = api::send(
            "POST",
            case.path,
            case.body.clone(),
            Some(("Idempotency-Key", &case.key)),
        )
        .await;
        match result {
            Ok(receipt) => {
                drop_draft(&case.draft_storage_key);
                pending.set_value(None);
                sending.set(Sending::Done(receipt));
            }
            Err(error) if error.is_network() => {
                pending.set_value(Some(case));
                sending.set(Sending::Queued);
            }
            Err(error) => {
                pending.set_value(None);
                sending.set(Sending::Failed(error));
            }
        }
    });
}

/// The slot for a waiting submission, sent again (same key) when the browser is back online.
fn retry_when_online(sending: RwSignal<Sending>) -> PendingSlot {
    let pending: PendingSlot = StoredValue::new_local(None);
    let handle = window_event_listener(leptos::ev::online, move |_| {
        if let Some(case) = pending.get_value() {
            submit_case(case, pending, sending);
        }
    });
    on_cleanup(move || handle.remove());
    pending
}

fn copy_to_clipboard(text: String) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(&text);
    }
}

#[component]
fn ReceiptView(receipt: Receipt) -> impl IntoView {
    let copied = RwSignal::new(false);
    let both = format!(
        "{} {} {} {}",
        t(Key::TicketNo),
        receipt.ticket_no,
        t(Key::QueryCode),
        receipt.query_code
    );
    let track = api::with_query(
        "/track",
        &[
            ("ticket", receipt.ticket_no.clone()),
            ("code", receipt.query_code.clone()),
        ],
    );
    view! {
        <section class="receipt" role="status" aria-live="polite">
            <h2>{t(Key::Submitted)}</h2>
            <dl class="fields">
                <div class="field"><dt>{t(Key::TicketNo)}</dt><dd data-testid="ticket" class="code">{receipt.ticket_no.clone()}</dd></div>
                <div class="field"><dt>{t(Key::QueryCode)}</dt><dd data-testid="query-code" class="code">{receipt.query_code.clone()}</dd></div>
                <div class="field"><dt>{t(Key::AcceptDue)}</dt><dd>{day(receipt.accept_due)}</dd></div>
            </dl>
            <p class="small">{t(Key::KeepCode)}</p>
            <div class="actions">
                <button class="secondary" on:click=move |_| { copy_to_clipboard(both.clone()); copied.set(true); }>
                    {move || if copied.get() { t(Key::Copied) } else { t(Key::Copy) }}
                </button>
                <a class="button" href=track>{t(Key::TrackNow)}</a>
            </div>
        </section>
    }
}

fn sending_view(sending: RwSignal<Sending>) -> impl IntoView {
    move || match sending.get() {
        Sending::Idle | Sending::Busy => None,
        Sending::Queued => Some(
            view! { <p class="verdict warn" role="status">{t(Key::DraftQueued)}</p> }.into_any(),
        ),
        Sending::Failed(error) => Some(view! { <ErrorBox error=error/> }.into_any()),
        Sending::Done(receipt) => Some(view! { <ReceiptView receipt=receipt/> }.into_any()),
    }
}

/// The fields an objection may propose new text for (others: revoke and report again).
const PROPOSABLE: [RecordField; 5] = [
    RecordField::Title,
    RecordField::Content,
    RecordField::DecisionNo,
    RecordField::DecidedOn,
    RecordField::OccurredOn,
];

fn proposal_indexes(draft: RwSignal<Draft>) -> Vec<usize> {
    (0..draft.with(|d| d.proposals.len())).collect()
}

#[component]
pub fn ObjectionForm() -> impl IntoView {
    let form = CaseForm::new("objection", "/api/v1/objections");
    let CaseForm {
        record,
        record_id,
        mine,
        draft,
        files,
        sending,
        ..
    } = form.clone();
    if draft.with_untracked(|d| d.proposals.is_empty()) {
        draft.update(|d| {
            d.proposals
                .push((RecordField::Title.code().into(), String::new()))
        });
    }
    let sender = form.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let proposals = d
            .proposals
            .iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .filter_map(|(field, value)| {
                RecordField::from_code(field).map(|field| FieldProposal {
                    field,
                    proposed: value.trim().to_string(),
                })
            })
            .collect();
        let objection = NewObjection {
            record_id,
            filer: (!mine).then(|| Filer {
                name: d.name.trim().to_string(),
                phone: d.phone.trim().to_string(),
                capacity: FilerCapacity::from_code(&d.capacity).unwrap_or(FilerCapacity::Subject),
                proof: None,
            }),
            reason: d.reason.trim().to_string(),
            proposals,
        };
        let json = api::encode(&objection).unwrap_or_default();
        sender.send(json);
    };
    let set = move |apply: fn(&mut Draft, String)| setter(draft, apply);
    view! {
        <h1>{t(Key::ObjectionTitle)}</h1>
        <p class="muted">{t(Key::ObjectionIntro)}</p>
        <Show when=move || !matches!(sending.get(), Sending::Done(_))>
        <form class="stack" on:submit=submit.clone()>
            <p class="small">{t(Key::RecordLabel)} " #" {record.clone()}</p>
            <fieldset>
                <legend>{t(Key::WrongField)}</legend>
                <For each=move || proposal_indexes(draft) key=|i| *i let:i>
                    <div class="proposal">
                        <label for=format!("field-{i}")>{t(Key::WrongField)}</label>
                        <select id=format!("field-{i}") on:change=move |ev| {
                            let value = event_target_value(&ev);
                            draft.update(|d| if let Some(p) = d.proposals.get_mut(i) { p.0 = value; });
                        }>
                            {PROPOSABLE.iter().map(|f| view! {
                                <option value=f.code() selected=move || draft.with(|d| d.proposals.get(i).map(|p| p.0.as_str()) == Some(f.code()))>{label(*f)}</option>
                            }).collect_view()}
                        </select>
                        <label for=format!("proposed-{i}")>{t(Key::ProposedValue)}</label>
                        <input id=format!("proposed-{i}") prop:value=move || draft.with(|d| d.proposals.get(i).map(|p| p.1.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                draft.update(|d| if let Some(p) = d.proposals.get_mut(i) { p.1 = value; });
                            }/>
                    </div>
                </For>
                <button type="button" class="secondary" on:click=move |_| draft.update(|d| d.proposals.push((RecordField::Content.code().into(), String::new())))>
                    {t(Key::AddProposal)}
                </button>
            </fieldset>
            <label for="reason">{t(Key::ObjectionReason)}</label>
            <textarea id="reason" rows="5" required placeholder=t(Key::ObjectionReasonHint)
                prop:value=move || draft.with(|d| d.reason.clone()) on:input=set(|d, v| d.reason = v)></textarea>
            {(!mine).then(|| view! {
                <label for="filer-name">{t(Key::YourName)}</label>
                <input id="filer-name" autocomplete="name" required prop:value=move || draft.with(|d| d.name.clone()) on:input=set(|d, v| d.name = v)/>
                <label for="filer-phone">{t(Key::YourPhone)}</label>
                <input id="filer-phone" type="tel" inputmode="numeric" autocomplete="tel" required
                    prop:value=move || draft.with(|d| d.phone.clone()) on:input=set(|d, v| d.phone = v)/>
                <label for="capacity">{t(Key::Capacity)}</label>
                <select id="capacity" on:change=set(|d, v| d.capacity = v)>
                    {FilerCapacity::ALL.iter().map(|c| view! {
                        <option value=c.code() selected=move || draft.with(|d| d.capacity == c.code())>{label(*c)}</option>
                    }).collect_view()}
                </select>
            })}
            <label for="evidence">{t(Key::Evidence)}</label>
            <input id="evidence" node_ref=files type="file" multiple accept="image/jpeg,image/png,application/pdf"/>
            <p class="small muted" role="status">{t(Key::DraftSaved)}</p>
            <button type="submit" disabled=move || sending.get() == Sending::Busy>
                {move || if sending.get() == Sending::Busy { t(Key::Submitting) } else { t(Key::Submit) }}
            </button>
        </form>
        </Show>
        {sending_view(sending)}
    }
}

#[component]
pub fn RepairForm() -> impl IntoView {
    let form = CaseForm::new("repair", "/api/v1/repairs");
    let CaseForm {
        record,
        record_id,
        mine,
        draft,
        files,
        sending,
        ..
    } = form.clone();
    if draft.with_untracked(|d| d.second_text.is_empty()) {
        draft.update(|d| d.second_text = t(Key::CommitmentText).to_string());
    }
    let sender = form.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let code = d.id_code.trim().to_ascii_uppercase();
        let is_uscc = code.len() == 18
            && code
                .chars()
                .nth(17)
                .is_some_and(|c| c.is_ascii_alphabetic() || c.is_ascii_digit())
            && !code.chars().take(17).all(|c| c.is_ascii_digit());
        let repair = NewRepair {
            record_id,
            applicant: (!mine).then(|| Applicant {
                name: d.name.trim().to_string(),
                phone: d.phone.trim().to_string(),
                uscc: is_uscc.then(|| code.clone()),
                id_number: (!is_uscc && !code.is_empty()).then(|| code.clone()),
            }),
            correction: d.reason.trim().to_string(),
            commitment: d.second_text.trim().to_string(),
        };
        let json = api::encode(&repair).unwrap_or_default();
        sender.send(json);
    };
    let set = move |apply: fn(&mut Draft, String)| setter(draft, apply);
    view! {
        <h1>{t(Key::RepairTitle)}</h1>
        <p class="muted">{t(Key::RepairIntro)}</p>
        <Show when=move || !matches!(sending.get(), Sending::Done(_))>
        <form class="stack" on:submit=submit.clone()>
            <p class="small">{t(Key::RecordLabel)} " #" {record.clone()}</p>
            <label for="correction">{t(Key::Correction)}</label>
            <textarea id="correction" rows="4" required prop:value=move || draft.with(|d| d.reason.clone()) on:input=set(|d, v| d.reason = v)></textarea>
            <label for="commitment">{t(Key::Commitment)}</label>
            <textarea id="commitment" rows="4" required prop:value=move || draft.with(|d| d.second_text.clone()) on:input=set(|d, v| d.second_text = v)></textarea>
            {(!mine).then(|| view! {
                <label for="applicant-name">{t(Key::YourName)}</label>
                <input id="applicant-name" autocomplete="name" required prop:value=move || draft.with(|d| d.name.clone()) on:input=set(|d, v| d.name = v)/>
                <label for="applicant-phone">{t(Key::YourPhone)}</label>
                <input id="applicant-phone" type="tel" inputmode="numeric" autocomplete="tel" required prop:value=move || draft.with(|d| d.phone.clone()) on:input=set(|d, v| d.phone = v)/>
                <label for="applicant-code">{t(Key::SubjectProof)}</label>
                <input id="applicant-code" autocomplete="off" required prop:value=move || draft.with(|d| d.id_code.clone()) on:input=set(|d, v| d.id_code = v)/>
            })}
            <label for="repair-evidence">{t(Key::Evidence)}</label>
            <input id="repair-evidence" node_ref=files type="file" multiple accept="image/jpeg,image/png,application/pdf"/>
            <button type="submit" disabled=move || sending.get() == Sending::Busy>
                {move || if sending.get() == Sending::Busy { t(Key::Submitting) } else { t(Key::Submit) }}
            </button>
        </form>
        </Show>
        {sending_view(sending)}
    }
}

/// What tracking shows of an objection, a repair application or a complaint (whose subject is
/// the body complained about and whose outcome is the credit office's finding).
#[derive(Clone, Debug, Deserialize, PartialEq)]
struct CaseProgress {
    #[serde(alias = "body")]
    record_title: String,
    status: String,
    due: Option<chrono::NaiveDate>,
    overdue: bool,
    #[serde(alias = "finding")]
    outcome_reason: Option<String>,
    steps: Vec<ObjectionStep>,
}

fn status_label(code: &str) -> &'static str {
    ObjectionStatus::from_code(code)
        .map(label)
        .or_else(|| RepairStatus::from_code(code).map(label))
        .or_else(|| ComplaintStatus::from_code(code).map(label))
        .unwrap_or("")
}

/// The kind of case a ticket number names, by its prefix: its tracking and withdrawal paths
/// (a complaint cannot be withdrawn).
fn case_paths(ticket: &str) -> (&'static str, Option<&'static str>) {
    if ticket.starts_with("XF") {
        ("/api/v1/repairs/track", Some("/api/v1/repairs/withdraw"))
    } else if ticket.starts_with("TS") {
        ("/api/v1/complaints/track", None)
    } else {
        (
            "/api/v1/objections/track",
            Some("/api/v1/objections/withdraw"),
        )
    }
}

#[component]
pub fn Track() -> impl IntoView {
    let ticket = RwSignal::new(query_param("ticket").get_untracked());
    let code = RwSignal::new(query_param("code").get_untracked());
    let result: RwSignal<Option<Result<CaseProgress, ApiError>>> = RwSignal::new(None);
    let lookup = move || {
        let request = TrackRequest {
            ticket_no: ticket.get_untracked().trim().to_string(),
            query_code: code.get_untracked().trim().to_string(),
        };
        if request.ticket_no.is_empty() || request.query_code.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let (path, _) = case_paths(&request.ticket_no);
            result.set(Some(api::post_json(path, &request).await));
        });
    };
    let withdraw = move || {
        let request = TrackRequest {
            ticket_no: ticket.get_untracked().trim().to_string(),
            query_code: code.get_untracked().trim().to_string(),
        };
        leptos::task::spawn_local(async move {
            if let (_, Some(path)) = case_paths(&request.ticket_no) {
                result.set(Some(api::post_json(path, &request).await));
            }
        });
    };
    // Opened from a receipt: look it up at once.
    if !ticket.get_untracked().is_empty() && !code.get_untracked().is_empty() {
        lookup();
    }
    view! {
        <h1>{t(Key::TrackTitle)}</h1>
        <form class="stack" on:submit=move |ev| { ev.prevent_default(); lookup(); }>
            <label for="ticket">{t(Key::TicketNo)}</label>
            <input id="ticket" autocomplete="off" required prop:value=move || ticket.get() on:input=move |ev| ticket.set(event_target_value(&ev))/>
            <label for="code">{t(Key::QueryCode)}</label>
            <input id="code" autocomplete="off" required prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            <button type="submit">{t(Key::Track)}</button>
        </form>
        {move || result.get().map(|r| shown(r, |case| view! {
                <section class="case" aria-live="polite">
                    <h2>{case.record_title.clone()}</h2>
                    <p><span class="badge" data-testid="case-status">{status_label(&case.status)}</span>
                        {case.due.map(|due| format!(" · {} {}", t(Key::Due), day(due)))}
                        {case.overdue.then(|| format!(" · {}", t(Key::Overdue)))}</p>
                    {case.outcome_reason.clone().map(|o| view! { <p><strong>{t(Key::Outcome)}</strong> " " {o}</p> })}
                    {(matches!(case.status.as_str(), "submitted" | "accepted")
                        && case_paths(&ticket.get_untracked()).1.is_some()).then(|| view! {
                        <button class="secondary" on:click=move |_| withdraw()>{t(Key::Withdraw)}</button>
                    })}
                    <h3>{t(Key::Steps)}</h3>
                    <ol class="timeline">
                        {case.steps.iter().map(|s| view! {
                            <li><strong>{s.description.clone()}</strong> " · " {minute(s.at)}
                                {(!s.note.is_empty()).then(|| view! { <br/><span class="small">{s.note.clone()}</span> })}</li>
                        }).collect_view()}
                    </ol>
                </section>
            }))}
    }
}

/// A complaint about a government body's breach of trust (政务失信投诉), from anyone: opened from
/// the body's profile (`/complaint?body=USCC`) or with the code typed in.
#[component]
pub fn ComplaintForm() -> impl IntoView {
    let body = query_param("body").get_untracked();
    let form = CaseForm::new("complaint", "/api/v1/complaints");
    let CaseForm {
        draft,
        files,
        sending,
        ..
    } = form.clone();
    draft.update(|d| {
        if !body.is_empty() {
            d.id_code = body.clone();
        }
        if ComplaintKind::from_code(&d.complaint_kind).is_none() {
            d.complaint_kind = ComplaintKind::Arrears.code().to_string();
        }
    });
    let sender = form.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let company = d.second_text.trim().to_string();
        let complaint = NewComplaint {
            body_uscc: d.id_code.trim().to_ascii_uppercase(),
            kind: ComplaintKind::from_code(&d.complaint_kind).unwrap_or(ComplaintKind::Other),
            description: d.reason.trim().to_string(),
            amount_yuan: d.amount.trim().parse().ok(),
            complainant_name: d.name.trim().to_string(),
            complainant_phone: d.phone.trim().to_string(),
            company: (!company.is_empty()).then_some(company),
        };
        let json = api::encode(&complaint).unwrap_or_default();
        sender.send(json);
    };
    let set = move |apply: fn(&mut Draft, String)| setter(draft, apply);
    view! {
        <h1>{t(Key::ComplaintFormTitle)}</h1>
        <p class="muted">{t(Key::ComplaintIntro)}</p>
        <Show when=move || !matches!(sending.get(), Sending::Done(_))>
        <form class="stack" on:submit=submit.clone()>
            <label for="body-uscc">{t(Key::ComplaintBody)}</label>
            <input id="body-uscc" autocomplete="off" required prop:value=move || draft.with(|d| d.id_code.clone()) on:input=set(|d, v| d.id_code = v)/>
            <label for="complaint-kind">{t(Key::ComplaintKindLabel)}</label>
            <select id="complaint-kind" on:change=set(|d, v| d.complaint_kind = v)>
                {ComplaintKind::ALL.iter().map(|k| view! {
                    <option value=k.code() selected=move || draft.with(|d| d.complaint_kind == k.code())>{label(*k)}</option>
                }).collect_view()}
            </select>
            <label for="complaint-description">{t(Key::ComplaintDescription)}</label>
            <textarea id="complaint-description" rows="5" required prop:value=move || draft.with(|d| d.reason.clone()) on:input=set(|d, v| d.reason = v)></textarea>
            <label for="complaint-amount">{t(Key::ComplaintAmount)}</label>
            <input id="complaint-amount" type="number" inputmode="decimal" min="0" step="0.01" prop:value=move || draft.with(|d| d.amount.clone()) on:input=set(|d, v| d.amount = v)/>
            <label for="complainant-name">{t(Key::YourName)}</label>
            <input id="complainant-name" autocomplete="name" required prop:value=move || draft.with(|d| d.name.clone()) on:input=set(|d, v| d.name = v)/>
            <label for="complainant-phone">{t(Key::YourPhone)}</label>
            <input id="complainant-phone" type="tel" inputmode="numeric" autocomplete="tel" required prop:value=move || draft.with(|d| d.phone.clone()) on:input=set(|d, v| d.phone = v)/>
            <label for="complainant-company">{t(Key::ComplaintCompany)}</label>
            <input id="complainant-company" autocomplete="organization" prop:value=move || draft.with(|d| d.second_text.clone()) on:input=set(|d, v| d.second_text = v)/>
            <label for="complaint-evidence">{t(Key::Evidence)}</label>
            <input id="complaint-evidence" node_ref=files type="file" multiple accept="image/jpeg,image/png,application/pdf"/>
            <p class="small muted" role="status">{t(Key::DraftSaved)}</p>
            <button type="submit" disabled=move || sending.get() == Sending::Busy>
                {move || if sending.get() == Sending::Busy { t(Key::Submitting) } else { t(Key::Submit) }}
            </button>
        </form>
        </Show>
        {sending_view(sending)}
    }
}
