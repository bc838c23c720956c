//! The reporter's form for one item (`/work/submit?format=…`): the fields are the format's
//! columns as the server lists them (`GET /intake/formats`), so the form and a file's headings
//! never differ; the server checks the item and its message for a field appears at that field.

use super::me::require_sign_in;
use super::work_form::{TextField, failure_line};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError};
use crate::components::{ErrorBox, Loading, query_param};
use crate::i18n::label;
use chengxin_types::{FormatColumn, ImportFormat, IntakeFormat, SubmissionView, SubmittedField};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// What the form needs of a returned submission's detail (`SubmissionDetail`): the submission
/// and the row as sent. The rest of the answer is not read here, so its readers stay in the
/// review queue's download.
#[derive(Clone, serde::Deserialize)]
struct SentSubmission {
    submission: SubmissionView,
    format: ImportFormat,
    fields: Vec<SubmittedField>,
}

/// The form of one format: a field per column, required ones first as the server lists them.
/// A returned submission being corrected fills it with what was sent.
#[component]
fn ItemForm(
    format: ImportFormat,
    columns: Vec<FormatColumn>,
    correcting: Option<SentSubmission>,
) -> impl IntoView {
    let sent = |code: &str| -> Option<&SubmittedField> {
        correcting
            .as_ref()
            .and_then(|d| d.fields.iter().find(|f| f.code == code))
    };
    let fields: Vec<(FormatColumn, RwSignal<String>, bool)> = columns
        .into_iter()
        .map(|column| {
            let before = sent(&column.code);
            let value = before.and_then(|f| f.value.clone()).unwrap_or_default();
            let reenter = before.is_some_and(|f| f.personal_id);
            (column, RwSignal::new(value), reenter)
        })
        .collect();
    let heading = correcting.map(|d| {
        let comment = d.submission.review_comment.map(|c| {
            view! { <p class="notice"><strong>{texts::t(K::ReviewersComment)}</strong> " " {c}</p> }
        });
        let unknown = d
            .fields
            .is_empty()
            .then(|| view! { <p class="notice">{texts::t(K::NoSentFields)}</p> });
        view! {
            <p class="notice" data-testid="correcting">{texts::correcting_text(d.submission.id)}</p>
            {comment}
            {unknown}
        }
    });
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let submitted: RwSignal<Option<SubmissionView>> = RwSignal::new(None);
    let values = fields.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let item: std::collections::BTreeMap<String, String> = values
            .iter()
            .filter_map(|(column, value, _)| {
                let text = value.get_untracked().trim().to_string();
                (!text.is_empty()).then(|| (column.code.clone(), text))
            })
            .collect();
        let path = format!("/api/v1/intake/submissions?format={}", format.code());
        let clear: Vec<RwSignal<String>> = values.iter().map(|(_, v, _)| *v).collect();
        busy.set(true);
        error.set(None);
        submitted.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, SubmissionView>(&path, &item).await {
                Ok(view) => {
                    submitted.set(Some(view));
                    for value in clear {
                        value.set(String::new());
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let inputs = fields
        .into_iter()
        .map(|(column, value, reenter)| {
            let hint = if reenter {
                texts::t(K::ReenterPersonalId).to_string()
            } else {
                String::new()
            };
            let name = if column.required {
                format!("{}（{}）*", column.label, column.code)
            } else {
                format!("{}（{}）", column.label, column.code)
            };
            view! {
                <TextField id=format!("item-{}", column.code) label=name value=value error=error
                    field=column.code.clone() hint=hint/>
            }
        })
        .collect_view();
    view! {
        {heading}
        <form class="stack" on:submit=submit data-form="item">
            <p class="muted small">{texts::t(K::RequiredMarked)}</p>
            {inputs}
            <button type="submit" disabled=move || busy.get()>{texts::t(K::SubmitItem)}</button>
            {failure_line(error)}
            {move || submitted.get().map(|s| view! {
                <p class="done" role="status" data-submission=s.id>{texts::t(K::ItemSubmitted)} " " {s.summary}</p>
            })}
        </form>
    }
}

/// `/work/submit`: choose the format, fill in its form.
#[component]
pub fn SubmitItem() -> impl IntoView {
    require_sign_in();
    let chosen = query_param("format");
    let from = query_param("from");
    // The returned submission being corrected, when the page was opened from one.
    let correcting = LocalResource::new(move || {
        let from = from.get();
        async move {
            match from.trim().parse::<i64>() {
                Ok(id) => Some(
                    api::get_signed_in::<SentSubmission>(&format!(
                        "/api/v1/intake/submissions/{id}/detail?sent_only=true"
                    ))
                    .await,
                ),
                Err(_) => None,
            }
        }
    });
    let formats =
        LocalResource::new(|| api::get_signed_in::<Vec<IntakeFormat>>("/api/v1/intake/formats"));
    let navigate = use_navigate();
    let choose = move |ev: leptos::ev::Event| {
        navigate(
            &format!("/work/submit?format={}", event_target_value(&ev)),
            NavigateOptions::default(),
        );
    };
    let format = move || ImportFormat::from_code(&chosen.get()).unwrap_or(ImportFormat::Penalties);
    view! {
        <h1>{texts::t(K::SubmitTitle)}</h1>
        <p class="muted">{texts::t(K::SubmitHint)}</p>
        <label for="item-format">{texts::t(K::Format)}</label>
        <select id="item-format" on:change=choose>
            {ImportFormat::ALL.iter().map(|f| view! {
                <option value=f.code() selected=move || format() == *f>{label(*f)}</option>
            }).collect_view()}
        </select>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let correcting = match correcting.get()? {
                    None => None,
                    Some(Ok(detail)) => Some(detail),
                    Some(Err(e)) => return Some(view! { <ErrorBox error=e/> }.into_any()),
                };
                formats.get().map(|answer| match answer {
                    Ok(all) => {
                        let wanted = format();
                        // A correction is sent in the format of what it corrects.
                        let correcting = correcting.filter(|d| d.format == wanted);
                        all.into_iter()
                            .find(|f| f.format == wanted)
                            .map(|f| view! { <ItemForm format=f.format columns=f.columns correcting=correcting/> }.into_any())
                            .unwrap_or_else(|| ().into_any())
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                })
            }}
        </Suspense>
        <p><a href="/work/upload">{texts::t(K::UploadTitle)}</a></p>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
