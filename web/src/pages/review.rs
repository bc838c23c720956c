//! The review panel's queue (评议审核): the department's pending submissions, oldest first, each
//! approved, returned with a comment or exempted (容错免责) with the reason, in place; above them
//! the uploads with rows still pending, each to sample (the queue of that batch alone) and then
//! approve or return in one decision. The rules (nobody reviews their own submission, a listing
//! waits for its objection window, exemption only for government integrity and one by one) are
//! the server's: a refusal is shown as it answers.

use super::me::require_sign_in;
use super::public::loaded;
use super::submission_preview::SubmissionPreview;
use super::work_texts::{self as texts, objection_window_text};
use crate::api::{self, ApiError};
use crate::components::{day, local_day, query_param, staff_paged_list};
use crate::i18n::label;
use chengxin_types::{BatchReviewOutcome, BatchView, Page, ReviewDecision, SubmissionView};
use leptos::prelude::*;
use serde::de::IgnoredAny;

/// Where one submission stands on this page.
#[derive(Clone, PartialEq)]
enum Outcome {
    Open,
    Approved,
    Returned,
    Exempted,
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
    let exempt = move |_| {
        let reason = comment.get_untracked().trim().to_string();
        decide(ReviewDecision::Exempt { reason }, Outcome::Exempted);
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
            <SubmissionPreview id=id/>
            {move || match outcome.get() {
                Outcome::Approved => view! { <p class="done" role="status">{texts::t(texts::Key::ReviewApproved)}</p> }.into_any(),
                Outcome::Returned => view! { <p class="done" role="status">{texts::t(texts::Key::ReviewReturned)}</p> }.into_any(),
                Outcome::Exempted => view! { <p class="done" role="status">{texts::t(texts::Key::ReviewExempted)}</p> }.into_any(),
                Outcome::Open => {
                    let comment_id = comment_id.clone();
                    view! {
                        <label for=comment_id.clone()>{texts::t(texts::Key::ReviewComment)}</label>
                        <textarea id=comment_id rows="2" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                        <div class="actions">
                            <button type="button" data-action="approve" disabled=move || busy.get() on:click=approve>{texts::t(texts::Key::Approve)}</button>
                            <button type="button" class="secondary" data-action="return" disabled=move || busy.get() on:click=send_back>{texts::t(texts::Key::SendBack)}</button>
                            <button type="button" class="secondary" data-action="exempt" disabled=move || busy.get() on:click=exempt>{texts::t(texts::Key::Exempt)}</button>
                        </div>
                    }.into_any()
                }
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{texts::t(texts::Key::ActionFailed)} {e.text()}</p> })}
        </li>
    }
}

/// One upload with rows still pending: sample them, then decide on all of them at once.
#[component]
fn BatchItem(batch: BatchView, decided_one: RwSignal<u32>) -> impl IntoView {
    let id = batch.id;
    let comment = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let decided: RwSignal<Option<(bool, u64)>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let decide = move |approve: bool| {
        let text = comment.get_untracked().trim().to_string();
        let decision = if approve {
            ReviewDecision::Approve {
                comment: (!text.is_empty()).then_some(text),
            }
        } else {
            ReviewDecision::Return { comment: text }
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let path = format!("/api/v1/intake/batches/{id}/review");
            match api::post_json::<_, BatchReviewOutcome>(&path, &decision).await {
                Ok(outcome) => {
                    decided.set(Some((approve, outcome.decided)));
                    // The queue below lists what this decision took out of it.
                    decided_one.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let comment_id = format!("batch-comment-{id}");
    let name = batch
        .file_name
        .clone()
        .unwrap_or_else(|| format!("{} {id}", texts::t(texts::Key::BatchNo)));
    view! {
        <li class="card" data-batch=id>
            <span class="muted small">{label(batch.format)} " · " {batch.uploaded_by.clone()} " · " {local_day(batch.created_at)}</span>
            <strong>{name}</strong>
            <span>{texts::batch_pending_text(batch.pending, batch.rows_accepted)}</span>
            <p><a href=format!("/work/review?batch={id}")>{texts::t(texts::Key::SampleBatch)}</a></p>
            {move || match decided.get() {
                Some((approve, n)) => view! {
                    <p class="done" role="status">{texts::batch_decided_text(approve, n)}</p>
                }.into_any(),
                None => {
                    let comment_id = comment_id.clone();
                    view! {
                        <label for=comment_id.clone()>{texts::t(texts::Key::ReviewComment)}</label>
                        <textarea id=comment_id rows="2" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                        <div class="actions">
                            <button type="button" data-action="approve-batch" disabled=move || busy.get() on:click=move |_| decide(true)>{texts::t(texts::Key::ApproveBatch)}</button>
                            <button type="button" class="secondary" data-action="return-batch" disabled=move || busy.get() on:click=move |_| decide(false)>{texts::t(texts::Key::ReturnBatch)}</button>
                        </div>
                    }.into_any()
                }
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{texts::t(texts::Key::ActionFailed)} {e.text()}</p> })}
        </li>
    }
}

fn batches_view(page: Page<BatchView>, decided_one: RwSignal<u32>) -> impl IntoView {
    let waiting: Vec<BatchView> = page.items.into_iter().filter(|b| b.pending > 0).collect();
    (!waiting.is_empty()).then(|| {
        view! {
            <section aria-labelledby="batches-title">
                <h2 id="batches-title">{texts::t(texts::Key::BatchesTitle)}</h2>
                <p class="muted small">{texts::t(texts::Key::BatchesHint)}</p>
                <ul class="cards">
                    {waiting.into_iter().map(|batch| view! { <BatchItem batch=batch decided_one=decided_one/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn ReviewQueue() -> impl IntoView {
    require_sign_in();
    let batch = query_param("batch");
    // Bumped by each whole-upload decision, so the queue is asked for again.
    let decided_one = RwSignal::new(0u32);
    let queue = Signal::derive(move || {
        decided_one.track();
        api::with_query(
            "/api/v1/intake/submissions",
            &[
                ("status", "pending".to_string()),
                ("batch_id", batch.get()),
                ("limit", "50".to_string()),
            ],
        )
    });
    let batches = LocalResource::new(|| {
        api::get_signed_in::<Page<BatchView>>("/api/v1/intake/batches?pending=true&limit=20")
    });
    view! {
        <h1>{texts::t(texts::Key::ReviewQueueTitle)}</h1>
        <p class="muted">{texts::t(texts::Key::ReviewQueueHint)}</p>
        {move || {
            let batch = batch.get();
            if batch.is_empty() {
                view! { {loaded(batches, move |page| batches_view(page, decided_one))} }.into_any()
            } else {
                view! {
                    <p class="notice" data-testid="batch-sample">{texts::batch_sample_text(&batch)} " "
                        <a href="/work/review">{texts::t(texts::Key::WholeQueue)}</a></p>
                }
                .into_any()
            }
        }}
        {staff_paged_list(queue, |item: SubmissionView| view! { <QueueItem item=item/> })}
        <p><a href="/work">{texts::t(texts::Key::WorkspaceTitle)}</a></p>
    }
}
