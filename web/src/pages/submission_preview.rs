//! A submission in full, folded under its card until asked for: the item as the public will see
//! it once approved (the public answer's own fields, under the public pages' labels), the
//! subject's other records in the archive, and the row as it was sent. The reviewer decides with it.

use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError};
use crate::components::{Loading, day};
use crate::i18n::{Key, label, t};
use chengxin_types::{
    Category, CommitmentKind, DisclosureRoute, FulfilmentStatus, ListKind, ListingStatus,
    PenaltyCategory, SUBJECT_RECORDS_SHOWN, SubjectRecord, SubmittedField,
};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Label and value pairs as one list; empty values are left out, as on the public pages.
fn field_list(rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <dl class="fields">
            {rows.into_iter().filter(|(_, v)| !v.trim().is_empty()).map(|(name, value)| view! {
                <div class="field"><dt>{name}</dt><dd>{value}</dd></div>
            }).collect_view()}
        </dl>
    }
}

/// How a value of the public answer is shown.
#[derive(Clone, Copy)]
enum Shown {
    /// As it comes (text, a number, a date as `YYYY-MM-DD`).
    Text,
    /// A code, shown by its name in the chosen language.
    Code(fn(&str) -> Option<&'static str>),
}

/// A label from the public pages' texts or the workspace's own.
#[derive(Clone, Copy)]
enum Label {
    Public(Key),
    Work(K),
}
use Label::{Public, Work};

impl Label {
    fn text(self) -> &'static str {
        match self {
            Public(key) => t(key),
            Work(key) => texts::t(key),
        }
    }
}

/// A field of a public answer, by its path (`deciding_body.name`), under a page's label.
type Item = (&'static str, Label, Shown);

const PENALTY: &[Item] = &[
    ("subject.name", Public(Key::Party), Shown::Text),
    ("subject.uscc", Public(Key::Uscc), Shown::Text),
    (
        "subject.id_number_masked",
        Public(Key::IdNumber),
        Shown::Text,
    ),
    (
        "category",
        Work(K::PenaltyCategoryLabel),
        Shown::Code(|c| PenaltyCategory::from_code(c).map(label)),
    ),
    ("decision_no", Public(Key::DecisionNo), Shown::Text),
    ("violation_type", Public(Key::ViolationType), Shown::Text),
    ("facts", Public(Key::Facts), Shown::Text),
    ("legal_basis", Public(Key::LegalBasis), Shown::Text),
    ("content", Public(Key::PenaltyContent), Shown::Text),
    ("fine_10k_yuan", Public(Key::Fine), Shown::Text),
    ("decided_on", Public(Key::DecidedOn), Shown::Text),
    ("published_on", Public(Key::PublishedOnField), Shown::Text),
    ("publicity_until", Public(Key::PublicityUntil), Shown::Text),
    ("deciding_body.name", Public(Key::DecidingBody), Shown::Text),
    ("source_unit.name", Public(Key::SourceUnit), Shown::Text),
];

const LICENCE: &[Item] = &[
    ("subject.name", Public(Key::Party), Shown::Text),
    ("subject.uscc", Public(Key::Uscc), Shown::Text),
    ("decision_no", Public(Key::DecisionNo), Shown::Text),
    ("document_name", Public(Key::DocumentName), Shown::Text),
    ("certificate_name", Public(Key::Certificate), Shown::Text),
    ("certificate_no", Work(K::CertificateNo), Shown::Text),
    ("content", Public(Key::LicenceContent), Shown::Text),
    ("decided_on", Public(Key::DecidedOn), Shown::Text),
    ("published_on", Public(Key::PublishedOnField), Shown::Text),
    ("valid_from", Public(Key::ValidFrom), Shown::Text),
    ("valid_to", Public(Key::ValidTo), Shown::Text),
    (
        "licensing_body.name",
        Public(Key::LicensingBody),
        Shown::Text,
    ),
    ("source_unit.name", Public(Key::SourceUnit), Shown::Text),
];

const LISTING: &[Item] = &[
    ("subject.name", Public(Key::Party), Shown::Text),
    ("subject.uscc", Public(Key::Uscc), Shown::Text),
    (
        "subject.id_number_masked",
        Public(Key::IdNumber),
        Shown::Text,
    ),
    (
        "list_kind",
        Public(Key::SeriousBreachList),
        Shown::Code(|c| ListKind::from_code(c).map(label)),
    ),
    (
        "status",
        Public(Key::Status),
        Shown::Code(|c| ListingStatus::from_code(c).map(label)),
    ),
    (
        "deciding_department.name",
        Public(Key::DecidingDepartment),
        Shown::Text,
    ),
    ("basis_doc_no", Public(Key::BasisDoc), Shown::Text),
    ("listed_on", Public(Key::ListedOn), Shown::Text),
    ("removal_due_on", Public(Key::RemovalDue), Shown::Text),
    ("removed_on", Public(Key::RemovedOn), Shown::Text),
    ("reason", Public(Key::Reason), Shown::Text),
    ("legal_basis", Public(Key::LegalBasis), Shown::Text),
    (
        "removal_conditions",
        Public(Key::RemovalConditions),
        Shown::Text,
    ),
    ("source_unit.name", Public(Key::SourceUnit), Shown::Text),
    ("court_case.case_no", Public(Key::CaseNo), Shown::Text),
    ("court_case.court", Public(Key::Court), Shown::Text),
    ("court_case.duty", Public(Key::Duty), Shown::Text),
    (
        "court_case.performed_part",
        Public(Key::Performed),
        Shown::Text,
    ),
    (
        "court_case.unperformed_part",
        Public(Key::Unperformed),
        Shown::Text,
    ),
];

const COMMITMENT: &[Item] = &[
    ("subject.name", Public(Key::Party), Shown::Text),
    ("subject.uscc", Public(Key::Uscc), Shown::Text),
    (
        "kind",
        Work(K::CommitmentKindLabel),
        Shown::Code(|c| CommitmentKind::from_code(c).map(label)),
    ),
    (
        "status",
        Public(Key::Status),
        Shown::Code(|c| FulfilmentStatus::from_code(c).map(label)),
    ),
    ("content", Work(K::CommitmentContent), Shown::Text),
    ("made_on", Public(Key::MadeOn), Shown::Text),
    (
        "accepting_unit.name",
        Public(Key::AcceptingUnit),
        Shown::Text,
    ),
    ("due_on", Public(Key::DueOn), Shown::Text),
    ("source_unit.name", Public(Key::SourceUnit), Shown::Text),
];

const RECORD: &[Item] = &[
    ("title", Work(K::RecordTitle), Shown::Text),
    (
        "category",
        Work(K::RecordCategory),
        Shown::Code(|c| Category::from_code(c).map(label)),
    ),
    (
        "route",
        Work(K::DisclosedTo),
        Shown::Code(|c| DisclosureRoute::from_code(c).map(label)),
    ),
    ("publish_from", Work(K::PublishFrom), Shown::Text),
    ("publish_until", Work(K::PublishUntil), Shown::Text),
];

/// The value at `path` in a JSON tree, as text; `None` when absent or empty.
fn text_at(tree: &JsValue, path: &str) -> Option<String> {
    let mut at = tree.clone();
    for key in path.split('.') {
        if !at.is_object() {
            return None;
        }
        at = js_sys::Reflect::get(&at, &JsValue::from_str(key)).ok()?;
    }
    at.as_string()
        .or_else(|| at.as_f64().map(|n| n.to_string()))
        .filter(|s| !s.trim().is_empty())
}

/// The rows of `items` found in `tree`.
fn rows_of(tree: &JsValue, items: &[Item]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|(path, name, shown)| {
            let value = text_at(tree, path)?;
            let value = match shown {
                Shown::Text => value,
                Shown::Code(name_of) => name_of(&value).map_or(value, str::to_string),
            };
            Some((name.text().to_string(), value))
        })
        .collect()
}

/// The preview the server built (`PublishedPreview`), read from its JSON tree: decoding the public
/// answer types here would put their readers in every workspace page's download.
fn published_view(published: &JsValue) -> AnyView {
    let kind = text_at(published, "kind").unwrap_or_default();
    let (lead, inner, items): (Option<K>, &str, &[Item]) = match kind.as_str() {
        "penalty" => (None, "penalty", PENALTY),
        "licence" => (None, "licence", LICENCE),
        "listing" => (None, "entry", LISTING),
        "removal" => (Some(K::RemovalPreview), "entry", LISTING),
        "commitment" => (None, "commitment", COMMITMENT),
        "fulfilment" => (Some(K::FulfilmentPreview), "commitment", COMMITMENT),
        "record" => (Some(K::RecordHasNoPage), "record", RECORD),
        _ => (Some(K::PreviewGone), "", &[]),
    };
    let tree = js_sys::Reflect::get(published, &JsValue::from_str(inner)).unwrap_or_default();
    view! {
        {lead.map(|key| view! { <p class="muted">{texts::t(key)}</p> })}
        {field_list(rows_of(&tree, items))}
    }
    .into_any()
}

fn subject_records_view(records: Vec<SubjectRecord>) -> AnyView {
    if records.is_empty() {
        return view! { <p class="muted">{texts::t(K::NoSubjectRecords)}</p> }.into_any();
    }
    view! {
        <ul class="plain" data-testid="subject-records">
            {records.into_iter().map(|r| view! {
                <li>
                    <strong>{r.title}</strong> " "
                    <span class="badge">{label(r.category)}</span> " "
                    <span class="badge">{label(r.status)}</span>
                    <br/><span class="muted small">{day(r.decided_on)} " · " {r.reported_by}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn sent_view(fields: Vec<SubmittedField>) -> AnyView {
    if fields.is_empty() {
        return view! { <p class="muted">{texts::t(K::NoSentFields)}</p> }.into_any();
    }
    let rows = fields
        .into_iter()
        .map(|f| {
            let value = if f.personal_id {
                texts::t(K::PersonalIdWithheld).to_string()
            } else {
                f.value.unwrap_or_default()
            };
            (f.label, value)
        })
        .collect();
    view! { <div data-testid="sent-fields">{field_list(rows)}</div> }.into_any()
}

/// `SubmissionDetail` as the review queue reads it: the preview kept as its JSON tree.
#[derive(Clone, serde::Deserialize)]
struct DetailAnswer {
    fields: Vec<SubmittedField>,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    published: JsValue,
    #[serde(default)]
    public: Option<bool>,
    subject_records: Vec<SubjectRecord>,
}

fn detail_view(detail: DetailAnswer) -> impl IntoView {
    let count = detail.subject_records.len();
    view! {
        <section class="preview" data-testid="as-published">
            <h3>{texts::t(K::AsPublished)}</h3>
            <p class="muted small">{texts::t(K::AsPublishedHint)}</p>
            {if detail.public == Some(false) {
                view! { <p class="notice" data-testid="not-public">{texts::t(K::NotPublicOnceApproved)}</p> }.into_any()
            } else {
                published_view(&detail.published)
            }}
        </section>
        <section>
            <h3>{texts::subject_records_title(count, SUBJECT_RECORDS_SHOWN)}</h3>
            {subject_records_view(detail.subject_records)}
        </section>
        <section>
            <h3>{texts::t(K::AsSent)}</h3>
            {sent_view(detail.fields)}
        </section>
    }
}

/// The submission's detail under a fold; fetched the first time it is opened.
#[component]
pub fn SubmissionPreview(id: i64) -> impl IntoView {
    let detail: RwSignal<Option<Result<DetailAnswer, ApiError>>, LocalStorage> =
        RwSignal::new_local(None);
    let asked = RwSignal::new(false);
    let toggled = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        if open && !asked.get_untracked() {
            asked.set(true);
            leptos::task::spawn_local(async move {
                let path = format!("/api/v1/intake/submissions/{id}/detail");
                let answer = api::get_signed_in::<DetailAnswer>(&path).await;
                // A failed fetch is tried again the next time the fold is opened.
                if answer.is_err() {
                    asked.set(false);
                }
                detail.set(Some(answer));
            });
        }
    };
    view! {
        <details class="submission-detail" on:toggle=toggled>
            <summary>{texts::t(K::ShowSubmissionDetail)}</summary>
            {move || match detail.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Ok(d)) => detail_view(d).into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.text()}</p> }.into_any(),
            }}
        </details>
    }
}
