//! The catalogue of record kinds (`/work/catalogue`) for the credit office: every kind with its
//! category, subjects, default route and tier, scoring item and version; adding the kinds the
//! local rules name, and retiring one (its records stay as they are). The checks (codes never
//! reused, the scoring item in the rulebook in force) are the server's, shown at their fields.

use super::me::require_sign_in;
use super::office::replace;
use super::work_form::{TextField, failure_line, optional};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError, Body};
use crate::components::{Loading, day};
use crate::i18n::label;
use chengxin_types::{
    CatalogueKind, Category, DisclosureRoute, KindSubjects, PublicityTier, RecordKindInput,
};
use leptos::prelude::*;

const SUBJECTS: [KindSubjects; 3] = [
    KindSubjects::Person,
    KindSubjects::Organisation,
    KindSubjects::Any,
];

fn subjects_label(subjects: KindSubjects) -> &'static str {
    texts::t(match subjects {
        KindSubjects::Person => K::SubjectsPerson,
        KindSubjects::Organisation => K::SubjectsOrganisation,
        KindSubjects::Any => K::SubjectsAny,
    })
}

fn subjects_code(subjects: KindSubjects) -> &'static str {
    match subjects {
        KindSubjects::Person => "person",
        KindSubjects::Organisation => "organisation",
        KindSubjects::Any => "any",
    }
}

#[component]
fn KindCard(kind: CatalogueKind, kinds: RwSignal<Option<Vec<CatalogueKind>>>) -> impl IntoView {
    let code = kind.code.clone();
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // Retiring cannot be undone: the first press asks, the second retires.
    let confirming = RwSignal::new(false);
    let retire = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let path = format!("/api/v1/admin/record-kinds/{code}/retire");
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::send::<CatalogueKind>("POST", &path, Body::None, None).await {
                Ok(changed) => {
                    let changed_code = changed.code.clone();
                    replace(kinds, changed, |k| k.code == changed_code);
                }
                Err(e) => error.set(Some(e)),
            }
            confirming.set(false);
            busy.set(false);
        });
    };
    let tier = kind.default_tier.map(|t| format!(" · {}", label(t)));
    let score = kind
        .score_item
        .clone()
        .map(|item| format!(" · {} {item}", texts::t(K::ScoreItem)));
    let state = match kind.retired_on {
        Some(on) => view! { <span class="badge warn">{texts::t(K::Retired)} " " {day(on)}</span> }.into_any(),
        None => view! {
            <div class="actions">
                <button type="button" class="secondary" data-action="retire" disabled=move || busy.get() on:click=retire>
                    {move || if confirming.get() { texts::t(K::ConfirmRetire) } else { texts::t(K::Retire) }}
                </button>
            </div>
        }
        .into_any(),
    };
    view! {
        <li class="card" data-kind-code=kind.code.clone()>
            <strong>{kind.name.clone()}</strong>
            <span class="code small">{kind.code.clone()} " · v" {kind.version}</span>
            <span>{label(kind.category)} " · " {subjects_label(kind.subjects)}</span>
            <span class="muted small">{label(kind.default_route)} {tier} {score}</span>
            {state}
            {failure_line(error)}
        </li>
    }
}

/// A select of a closed set, bound to the code of the chosen value.
fn choice<T: Copy + Send + Sync + 'static>(
    id: &'static str,
    name: K,
    options: Vec<(T, &'static str, &'static str)>,
    chosen: RwSignal<String>,
    blank: Option<K>,
) -> impl IntoView {
    view! {
        <label for=id>{texts::t(name)}</label>
        <select id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
            {blank.map(|b| view! { <option value="" selected=move || chosen.get().is_empty()>{texts::t(b)}</option> })}
            {options.into_iter().map(|(_, code, shown)| view! {
                <option value=code selected=move || chosen.get() == code>{shown}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn NewKind(kinds: RwSignal<Option<Vec<CatalogueKind>>>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let category = RwSignal::new(Category::GeneralBreach.code().to_string());
    let source = RwSignal::new(String::new());
    let route = RwSignal::new(DisclosureRoute::GovernmentSharing.code().to_string());
    let tier = RwSignal::new(String::new());
    let score_item = RwSignal::new(String::new());
    let subjects = RwSignal::new("person".to_string());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let added: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = RecordKindInput {
            code: optional(&code),
            name: name.get_untracked().trim().to_string(),
            category: Category::from_code(&category.get_untracked())
                .unwrap_or(Category::GeneralBreach),
            source: source.get_untracked().trim().to_string(),
            default_route: DisclosureRoute::from_code(&route.get_untracked())
                .unwrap_or(DisclosureRoute::GovernmentSharing),
            default_tier: PublicityTier::from_code(&tier.get_untracked()),
            score_item: optional(&score_item),
            subjects: SUBJECTS
                .into_iter()
                .find(|s| subjects_code(*s) == subjects.get_untracked())
                .unwrap_or(KindSubjects::Any),
        };
        busy.set(true);
        error.set(None);
        added.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, CatalogueKind>("/api/v1/admin/record-kinds", &input).await {
                Ok(kind) => {
                    added.set(Some(format!("{}（{}）", kind.name, kind.code)));
                    kinds.update(|all| {
                        if let Some(all) = all {
                            all.insert(0, kind);
                        }
                    });
                    for field in [code, name, source, score_item] {
                        field.set(String::new());
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="stack" data-form="new-kind" on:submit=submit>
            <h2>{texts::t(K::NewKind)}</h2>
            <TextField id="kind-code".into() label=texts::t(K::KindCode) value=code error=error field="code" hint=texts::t(K::KindCodeHint)/>
            <TextField id="kind-name".into() label=texts::t(K::KindName) value=name error=error field="name"/>
            {choice("kind-category", K::CategoryField,
                Category::ALL.iter().map(|c| (*c, c.code(), label(*c))).collect(), category, None)}
            {choice("kind-subjects", K::Subjects,
                SUBJECTS.iter().map(|s| (*s, subjects_code(*s), subjects_label(*s))).collect(), subjects, None)}
            <TextField id="kind-source".into() label=texts::t(K::KindSource) value=source error=error field="source" hint=texts::t(K::KindSourceHint)/>
            {choice("kind-route", K::DefaultRoute,
                DisclosureRoute::ALL.iter().map(|r| (*r, r.code(), label(*r))).collect(), route, None)}
            {choice("kind-tier", K::DefaultTier,
                PublicityTier::ALL.iter().map(|t| (*t, t.code(), label(*t))).collect(), tier, Some(K::NoTier))}
            <TextField id="kind-score-item".into() label=texts::t(K::ScoreItem) value=score_item error=error field="score_item" hint=texts::t(K::ScoreItemHint)/>
            <button type="submit" disabled=move || busy.get()>{texts::t(K::AddKind)}</button>
            {move || added.get().map(|what| view! { <p class="verdict ok" role="status">{texts::t(K::KindAdded)} " " {what}</p> })}
            {failure_line(error)}
        </form>
    }
}

#[component]
pub fn Catalogue() -> impl IntoView {
    require_sign_in();
    let kinds: RwSignal<Option<Vec<CatalogueKind>>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        match api::get_signed_in::<Vec<CatalogueKind>>("/api/v1/admin/record-kinds").await {
            Ok(mut all) => {
                // Kinds in use first, then the retired ones; each group by name.
                all.sort_by(|a, b| {
                    (a.retired_on.is_some(), &a.name).cmp(&(b.retired_on.is_some(), &b.name))
                });
                kinds.set(Some(all));
            }
            Err(e) => error.set(Some(e)),
        }
    });
    view! {
        <h1>{texts::t(K::CatalogueTitle)}</h1>
        <p class="muted">{texts::t(K::CatalogueHint)}</p>
        <NewKind kinds=kinds/>
        <h2>{texts::t(K::AllKinds)}</h2>
        {move || match kinds.get() {
            None => view! { <Loading/> }.into_any(),
            Some(all) => view! {
                <ul class="cards" data-testid="record-kinds">
                    {all.into_iter().map(|kind| view! { <KindCard kind=kind kinds=kinds/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        {failure_line(error)}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
