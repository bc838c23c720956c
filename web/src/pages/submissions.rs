//! The department's submissions by status (`/work/submissions?status=…`), for its reporters and
//! reviewers: what waits for review, what was returned and the reviewer's comment on it (send the
//! corrected row again, in its form filled in with what was sent or by upload, and it takes the
//! returned one's place), what was approved.

use super::me::require_sign_in;
use super::work_texts::{self as texts, Key as K};
use crate::components::{local_day, query_param, staff_paged_list};
use crate::i18n::label;
use chengxin_types::{ImportFormat, SubmissionStatus, SubmissionView};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

fn submission_card(item: SubmissionView) -> impl IntoView {
    let comment = item.review_comment.clone().map(|c| {
        view! { <p class="notice"><strong>{texts::t(K::ReviewersComment)}</strong> " " {c}</p> }
    });
    let batch = item.batch_id.map(|batch| {
        let row = item
            .batch_row
            .map(|r| format!(" · {} {r}", texts::t(K::RowNo)));
        view! { <span class="muted small">{texts::t(K::BatchNo)} " " {batch} {row}</span> }
    });
    let correct = (item.status == SubmissionStatus::Returned).then(|| {
        let href = format!(
            "/work/submit?format={}&from={}",
            ImportFormat::of_item(item.item_kind).code(),
            item.id
        );
        view! { <a class="button secondary" href=href data-action="correct">{texts::t(K::CorrectAndResend)}</a> }
    });
    view! {
        <li class="card" data-submission=item.id>
            <span class="muted small">{label(item.item_kind)} " · " {item.submitted_by.clone()} " · " {local_day(item.submitted_at)}</span>
            <strong>{item.summary.clone()}</strong>
            <span><span class="badge" data-testid="submission-status">{label(item.status)}</span></span>
            {batch}
            {comment}
            {correct}
        </li>
    }
}

/// `/work/submissions`: one status at a time, oldest first, page after page.
#[component]
pub fn Submissions() -> impl IntoView {
    require_sign_in();
    let status = query_param("status");
    let path = Signal::derive(move || {
        let chosen =
            SubmissionStatus::from_code(&status.get()).unwrap_or(SubmissionStatus::Pending);
        format!("/api/v1/intake/submissions?status={}", chosen.code())
    });
    let navigate = use_navigate();
    let choose = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        navigate(
            &format!("/work/submissions?status={code}"),
            NavigateOptions::default(),
        );
    };
    view! {
        <h1>{texts::t(K::SubmissionsTitle)}</h1>
        <p class="muted">{texts::t(K::SubmissionsHint)}</p>
        <div class="filters">
            <label for="submission-status">{texts::t(K::Status)}</label>
            <select id="submission-status" on:change=choose>
                {SubmissionStatus::ALL.iter().map(|s| view! {
                    <option value=s.code() selected=move || {
                        SubmissionStatus::from_code(&status.get()).unwrap_or(SubmissionStatus::Pending) == *s
                    }>{label(*s)}</option>
                }).collect_view()}
            </select>
        </div>
        {staff_paged_list(path, submission_card)}
        <p><a href="/work/upload">{texts::t(K::UploadTitle)}</a></p>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
