//! The home page: one search box and the common entry points; and the search results page.

use crate::api;
use crate::components::{DisputedBadge, paged_list, query_param, subject_line};
use crate::i18n::{Key, label, t};
use chengxin_types::{CreditCheck, LicenceView, ListingSummary, PenaltyView};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// An 18-character code of digits and capitals: a USCC to look up directly.
pub fn looks_like_uscc(text: &str) -> bool {
    text.len() == 18
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

#[component]
pub fn SearchBox(#[prop(optional, into)] initial: String) -> impl IntoView {
    let text = RwSignal::new(initial);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Codes (USCC, ID numbers) are ASCII; `to_ascii_uppercase` keeps Unicode's case tables
        // (about 17 KB) out of the app.
        let query = text.get_untracked().trim().to_ascii_uppercase();
        if query.is_empty() {
            return;
        }
        let target = if looks_like_uscc(&query) {
            format!("/org/{query}")
        } else {
            api::with_query("/search", &[("q", text.get_untracked())])
        };
        navigate(&target, NavigateOptions::default());
    };
    view! {
        <form class="search" role="search" on:submit=submit>
            <label for="q" class="visually-hidden">{t(Key::SearchLabel)}</label>
            <input id="q" name="q" type="search" enterkeyhint="search" autocomplete="off"
                placeholder=t(Key::SearchPlaceholder)
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit">{t(Key::Search)}</button>
        </form>
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let entries = [
        (
            "/serious-breach",
            Key::SeriousBreachList,
            Key::SeriousBreachHint,
        ),
        ("/check", Key::CreditCheckTitle, Key::CreditCheckHint),
        ("/commitments", Key::CommitmentsTitle, Key::CommitmentsHint),
        ("/penalties", Key::PenaltiesTitle, Key::PenaltiesHint),
        ("/licences", Key::LicencesTitle, Key::LicencesHint),
        ("/track", Key::TrackTitle, Key::TrackHint),
        ("/me", Key::MyCreditTitle, Key::MyCreditHint),
    ];
    view! {
        <section class="hero">
            <SearchBox/>
            <p class="muted small">{t(Key::SearchHint)}</p>
        </section>
        <section aria-labelledby="entries">
            <h2 id="entries">{t(Key::EntryPoints)}</h2>
            <ul class="entries">
                {entries.into_iter().map(|(href, title, hint)| view! {
                    <li><a href=href class="entry">
                        <span class="entry-title">{t(title)}</span>
                        <span class="entry-hint">{t(hint)}</span>
                    </a></li>
                }).collect_view()}
            </ul>
        </section>
        <p class="small"><a href="/api/docs/">{t(Key::ForDevelopers)}</a></p>
    }
}

/// Everything public that matches a name: an exact organisation first, then list entries,
/// penalties and licences.
#[component]
pub fn SearchResults() -> impl IntoView {
    let q = query_param("q");
    let check = LocalResource::new(move || {
        let name = q.get();
        async move {
            if name.trim().chars().count() < 2 {
                return None;
            }
            api::get::<CreditCheck>(&api::with_query(
                "/api/v1/public/credit-check",
                &[("name", name)],
            ))
            .await
            .ok()
        }
    });
    let limited = |path: &'static str| {
        Signal::derive(move || api::with_query(path, &[("q", q.get()), ("limit", "5".into())]))
    };
    view! {
        <SearchBox initial=q.get_untracked()/>
        <Suspense fallback=|| ()>
            {move || check.get().flatten().map(|check| view! {
                <a class="card link" href=format!("/org/{}", check.subject.uscc)>
                    <strong>{check.subject.name.clone()}</strong>
                    <span class="muted">{t(Key::CreditCheckTitle)} " · " {verdict_text(check.verdict)}</span>
                </a>
            })}
        </Suspense>
        <h2>{t(Key::SeriousBreachList)}</h2>
        {paged_list(limited("/api/v1/public/serious-breach"), listing_card)}
        <h2>{t(Key::PenaltiesTitle)}</h2>
        {paged_list(limited("/api/v1/public/penalties"), penalty_card)}
        <h2>{t(Key::LicencesTitle)}</h2>
        {paged_list(limited("/api/v1/public/licences"), licence_card)}
    }
}

pub fn verdict_text(verdict: chengxin_types::CheckVerdict) -> &'static str {
    match verdict {
        chengxin_types::CheckVerdict::Clear => t(Key::VerdictClear),
        chengxin_types::CheckVerdict::Caution => t(Key::VerdictCaution),
        chengxin_types::CheckVerdict::Serious => t(Key::VerdictSerious),
    }
}

pub fn listing_card(entry: ListingSummary) -> impl IntoView {
    view! {
        <li><a class="card link" href=format!("/serious-breach/{}", entry.id)>
            <strong>{entry.subject.name.clone()}</strong>
            <span class="muted small">{subject_line(&entry.subject)}</span>
            <span>{label(entry.list_kind)} " · " {label(entry.status)} " · " {entry.listed_on.to_string()}</span>
            <DisputedBadge disputed=entry.disputed/>
        </a></li>
    }
}

pub fn penalty_card(penalty: PenaltyView) -> impl IntoView {
    view! {
        <li><a class="card link" href=format!("/penalties/{}", penalty.id)>
            <strong>{penalty.subject.name.clone()}</strong>
            <span>{label(penalty.category)} " · " {penalty.violation_type.clone()}</span>
            <span class="muted small">{penalty.decision_no.clone()} " · " {penalty.decided_on.to_string()}</span>
            <DisputedBadge disputed=penalty.disputed/>
        </a></li>
    }
}

pub fn licence_card(licence: LicenceView) -> impl IntoView {
    view! {
        <li><a class="card link" href=format!("/licences/{}", licence.id)>
            <strong>{licence.subject.name.clone()}</strong>
            <span>{licence.document_name.clone()}</span>
            <span class="muted small">{licence.decision_no.clone()} " · " {licence.decided_on.to_string()}</span>
        </a></li>
    }
}
