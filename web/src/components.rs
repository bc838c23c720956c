//! Pieces every page uses: loading and error states, a field list, badges, a subject line and
//! the "load more" pager over the API's cursors.

use crate::api::{self, ApiError, ApiResult};
use crate::i18n::{Key, t};
use chengxin_types::{Page, PublicSubject};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted" role="status">{t(Key::Loading)}</p> }
}

/// A loaded value as `render` shows it, or the reason it could not be loaded.
pub fn shown<T, V: IntoView + 'static>(
    result: ApiResult<T>,
    render: impl FnOnce(T) -> V,
) -> AnyView {
    match result {
        Ok(value) => render(value).into_any(),
        Err(error) => view! { <ErrorBox error=error/> }.into_any(),
    }
}

#[component]
pub fn ErrorBox(error: ApiError) -> impl IntoView {
    // 410: the page was published and no longer is (a lapsed or removed listing). That is the
    // law working, not a failure, so it is said as a notice, in the server's words.
    if error.status == 410 {
        return view! {
            <div class="notice" role="status">
                <p><strong>{t(Key::NoLongerPublished)}</strong></p>
                <p>{error.text()}</p>
            </div>
        }
        .into_any();
    }
    view! { <p class="error" role="alert">{t(Key::LoadFailed)} {error.text()}</p> }.into_any()
}

/// A label and its value, for the `<dl>` of a detail page; nothing when the value is empty.
#[component]
pub fn Field(name: Key, #[prop(into)] value: String) -> impl IntoView {
    (!value.trim().is_empty()).then(|| {
        view! {
            <div class="field">
                <dt>{t(name)}</dt>
                <dd>{value}</dd>
            </div>
        }
    })
}

#[component]
pub fn DisputedBadge(disputed: bool) -> impl IntoView {
    disputed.then(|| view! { <span class="badge warn">{t(Key::Disputed)}</span> })
}

/// Name, and the USCC or masked ID number, of a published subject.
pub fn subject_line(subject: &PublicSubject) -> String {
    let code = subject
        .uscc
        .clone()
        .or_else(|| subject.id_number_masked.clone())
        .unwrap_or_default();
    if code.is_empty() {
        subject.name.clone()
    } else {
        format!("{} · {code}", subject.name)
    }
}

/// A list over cursor pages: shows the first page of `path` (which carries the filters), and a
/// "load more" button while the API says more follow. `item` renders one entry.
pub fn paged_list<T, V, F>(path: Signal<String>, item: F) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    pages_of(path, item, false, None)
}

/// [`paged_list`] of a list only staff may read, asked for with the signed-in account's token.
pub fn staff_paged_list<T, V, F>(path: Signal<String>, item: F) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    pages_of(path, item, true, None)
}

/// [`staff_paged_list`] whose refusals go to `error` (for the form that set the filters to show
/// at its fields) instead of a box under the list.
pub fn staff_paged_list_reporting<T, V, F>(
    path: Signal<String>,
    item: F,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    pages_of(path, item, true, Some(error))
}

fn pages_of<T, V, F>(
    path: Signal<String>,
    item: F,
    signed_in: bool,
    reported: Option<RwSignal<Option<ApiError>>>,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let items: RwSignal<Vec<T>> = RwSignal::new(Vec::new());
    let next: RwSignal<Option<String>> = RwSignal::new(None);
    let own_error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let error = reported.unwrap_or(own_error);
    let loading = RwSignal::new(true);
    // Each first page starts a new list: its rows are told apart from the old list's (which the
    // list would otherwise keep on screen at the same positions), and an answer that arrives
    // after a newer filter was chosen is dropped.
    let generation = RwSignal::new(0u64);
    let shown_generation = RwSignal::new(0u64);
    let fetch = move |cursor: Option<String>| {
        if cursor.is_none() {
            generation.update(|g| *g += 1);
        }
        let asked_in = generation.get_untracked();
        let base = path.get_untracked();
        let url = match &cursor {
            Some(cursor) => format!(
                "{base}{}cursor={cursor}",
                if base.contains('?') { "&" } else { "?" }
            ),
            None => base,
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let page: ApiResult<Page<T>> = if signed_in {
                api::get_signed_in(&url).await
            } else {
                api::get(&url).await
            };
            if generation.get_untracked() != asked_in {
                return;
            }
            match page {
                Ok(page) => {
                    if cursor.is_none() {
                        shown_generation.set(asked_in);
                        items.set(page.items);
                    } else {
                        items.update(|all| all.extend(page.items));
                    }
                    next.set(page.next_cursor);
                    error.set(None);
                }
                Err(e) => {
                    // A refused filter shows no list rather than the previous filter's.
                    if cursor.is_none() {
                        items.set(Vec::new());
                        next.set(None);
                    }
                    error.set(Some(e));
                }
            }
            loading.set(false);
        });
    };
    // A new filter starts from the first page.
    Effect::new(move |_| {
        path.track();
        fetch(None);
    });
    view! {
        <ul class="cards" aria-busy=move || loading.get().to_string()>
            <For
                each=move || {
                    let list = shown_generation.get();
                    items.get().into_iter().enumerate().map(move |(i, entry)| ((list, i), entry))
                }
                key=|(key, _)| *key
                let:entry
            >
                {(item.clone())(entry.1)}
            </For>
        </ul>
        {move || own_error.get().map(|e| view! { <ErrorBox error=e/> })}
        {move || (loading.get()).then(|| view! { <Loading/> })}
        {move || (!loading.get() && error.get().is_none() && items.with(Vec::is_empty))
            .then(|| view! { <p class="muted">{t(Key::NothingFound)}</p> })}
        {move || next.get().map(|cursor| view! {
            <button class="secondary wide" on:click=move |_| fetch(Some(cursor.clone()))>
                {t(Key::LoadMore)}
            </button>
        })}
    }
}

/// The value of a query parameter of the current URL.
pub fn query_param(name: &str) -> Signal<String> {
    let query = leptos_router::hooks::use_query_map();
    let name = name.to_string();
    Signal::derive(move || query.with(|q| q.get(&name).unwrap_or_default()))
}

/// The value of a path parameter of the current route.
pub fn path_param(name: &str) -> Signal<String> {
    let params = leptos_router::hooks::use_params_map();
    let name = name.to_string();
    Signal::derive(move || params.with(|p| p.get(&name).unwrap_or_default()))
}

/// A dated value as shown: ISO dates are what Chinese forms use too. (`Display` writes that
/// form directly; `format("%Y-%m-%d")` would pull chrono's format-string parser into the app.)
pub fn day(date: chrono::NaiveDate) -> String {
    date.to_string()
}

/// A moment as shown: date and minute in China's time (UTC+8 all year, as the server counts
/// days), e.g. `2026-11-30 09:05`.
pub fn minute(at: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Timelike;
    let local = beijing(at);
    format!(
        "{} {:02}:{:02}",
        local.date_naive(),
        local.hour(),
        local.minute()
    )
}

/// The day a moment falls on in China.
pub fn local_day(at: chrono::DateTime<chrono::Utc>) -> String {
    day(beijing(at).date_naive())
}

fn beijing(at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::Offset;
    let offset = chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix());
    at.with_timezone(&offset)
}

pub fn maybe_day(date: Option<chrono::NaiveDate>) -> String {
    date.map(day).unwrap_or_default()
}
