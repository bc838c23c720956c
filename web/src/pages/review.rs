//! The review panel's queue (评议审核): the department's pending submissions, oldest first, each
//! approved or returned with a comment in place. The rules (nobody reviews their own submission, a
//! listing waits for its objection window) are the server's: a refusal is shown as it answers.

use super::me::require_sign_in;
use super::public::loaded;
use super::work_texts::{self as texts, objection_window_text};
use crate::api::{self, ApiError};
use crate::components::{day, local_day};
use crate::i18n::label;
use chengxin_types::{Page, ReviewDecision, SubmissionView};
use leptos::prelude::*;
use serde::de::IgnoredAny;

/// Where one submission stands on this page.
#[derive(Clone, PartialEq)]
enum Outcome {
    Open,
    Approved,
    Returned,
}

#[component]
fn QueueItem(item: SubmissionView) -> impl IntoView {
    let id = item.id;
    let comment = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let outcome = RwSignal::new(Outcome::Open);
    let busy = RwSignal::new(false);
    let decide = move |decision: ReviewDecision, done: Outcome| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let path = format!("/api/v1/intake/submissions/{id}/review");
            match api::post_json::<_, IgnoredAny>(&path, &decision).await {
                Ok(_) => outcome.set(done),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let approve = move |_| {
        let text = comment.get_untracked().trim().to_string();
        decide(
            ReviewDecision::Approve {
                comment: (!text.is_empty()).then_some(text),
            },
            Outcome::Approved,
        );
    };
    let send_back = move |_| {
        let text = comment.get_untracked().trim().to_string();
        decide(ReviewDecision::Return { comment: text }, Outcome::Returned);
    };
    let comment_id = format!("comment-{id}");
    let window = item.objection_window_ends.map(|ends| {
        view! { <span class="badge warn">{objection_window_text(&day(ends))}</span> }
    });
    view! {
        <li class="card review-item" data-submission=id>
            <span class="muted">{label(item.item_kind)} " · " {item.submitted_by.clone()} " · " {local_day(item.submitted_at)}</span>
            <strong>{item.summary.clone()}</strong>
            {window}
            {move || match outcome.get() {
                Outcome::Approved => view! { <p class="done" role="status">{texts::t(texts::Key::ReviewApproved)}</p> }.into_any(),
                Outcome::Returned => view! { <p class="done" role="status">{texts::t(texts::Key::ReviewReturned)}</p> }.into_any(),
                Outcome::Open => {
                    let comment_id = comment_id.clone();
                    view! {
                        <label for=comment_id.clone()>{texts::t(texts::Key::ReviewComment)}</label>
                        <textarea id=comment_id rows="2" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                        <div class="actions">
                            <button type="button" data-action="approve" disabled=move || busy.get() on:click=approve>{texts::t(texts::Key::Approve)}</button>
                            <button type="button" class="secondary" data-action="return" disabled=move || busy.get() on:click=send_back>{texts::t(texts::Key::SendBack)}</button>
                        </div>
                    }.into_any()
                }
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{texts::t(texts::Key::ActionFailed)} {e.text()}</p> })}
        </li>
    }
}

fn queue_view(page: Page<SubmissionView>) -> impl IntoView {
    if page.items.is_empty() {
        return view! { <p class="muted">{texts::t(texts::Key::NothingWaiting)}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {page.items.into_iter().map(|item| view! { <QueueItem item=item/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn ReviewQueue() -> impl IntoView {
    require_sign_in();
    let data = LocalResource::new(|| {
        api::get_signed_in::<Page<SubmissionView>>(
            "/api/v1/intake/submissions?status=pending&limit=50",
        )
    });
    view! {
        <h1>{texts::t(texts::Key::ReviewQueueTitle)}</h1>
        <p class="muted">{texts::t(texts::Key::ReviewQueueHint)}</p>
        {loaded(data, queue_view)}
        <p><a href="/work">{texts::t(texts::Key::WorkspaceTitle)}</a></p>
    }
}
