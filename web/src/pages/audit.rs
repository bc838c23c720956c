//! The auditor's screen (`/work/audit`): the access log of everyone, filtered on the server by
//! whose records, the reading department, purpose, channel and days, exported as CSV under the
//! same filters, and the audit chain verified on demand. The filters live in the address, so a
//! selection can be reloaded, bookmarked and sent to a colleague.

use super::me::require_sign_in;
use super::upload::csv_download_url;
use super::work_form::{TextField, failure_line};
use super::work_texts::{self as texts, Key as K, chain_text};
use crate::api::{self, ApiError};
use crate::components::{minute, query_param, staff_paged_list_reporting};
use crate::i18n::label;
use chengxin_types::{AccessChannel, AuditChainCheck, AuditedAccess};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// The query parameters of the filter, as the API names them.
const FILTERS: [&str; 7] = [
    "person",
    "id_tail",
    "department",
    "purpose",
    "channel",
    "from",
    "to",
];

fn access_card(entry: AuditedAccess) -> impl IntoView {
    let categories: Vec<String> = entry
        .categories
        .iter()
        .map(|c| label(*c).to_string())
        .collect();
    let department = entry
        .accessor_department
        .clone()
        .filter(|d| !entry.accessor.contains(d.as_str()))
        .map(|d| format!(" · {d}"));
    view! {
        <li class="card" data-access=entry.id>
            <span class="muted small">{minute(entry.accessed_at)} " · " <span class="badge">{label(entry.channel)}</span></span>
            <strong>{entry.subject.name.clone()} " " <span class="muted">{entry.subject.id_masked.clone()}</span></strong>
            <span>{texts::t(K::Reader)} "：" {entry.accessor.clone()} {department}</span>
            <span>{entry.purpose.clone()}</span>
            <span class="muted small">{categories.join("、")} " · " {entry.record_count} " " {texts::t(K::RecordsRead)}</span>
        </li>
    }
}

/// The verification of the audit chain, run when asked (it reads every event).
#[component]
fn ChainCheck() -> impl IntoView {
    let result: RwSignal<Option<AuditChainCheck>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let verify = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::get_signed_in::<AuditChainCheck>("/api/v1/oversight/audit-chain").await {
                Ok(check) => {
                    result.set(Some(check));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="chain-title" data-testid="audit-chain">
            <h2 id="chain-title">{texts::t(K::ChainTitle)}</h2>
            <p class="muted small">{texts::t(K::ChainHint)}</p>
            <button class="secondary" disabled=move || busy.get() on:click=verify>
                {move || texts::t(if busy.get() { K::Verifying } else { K::VerifyChain })}
            </button>
            {move || result.get().map(|check| {
                let (class, heading) = if check.intact {
                    ("verdict ok", K::ChainIntact)
                } else {
                    ("verdict bad", K::ChainBroken)
                };
                let role = if check.intact { "status" } else { "alert" };
                view! {
                    <div class=class role=role data-intact=check.intact.to_string()>
                        <strong>{texts::t(heading)}</strong>
                        <p>{chain_text(check.intact, check.events, check.broken_at, &minute(check.checked_at))}</p>
                    </div>
                }
            })}
            {failure_line(error)}
        </section>
    }
}

/// Fetches the export of `query` and hands it to the browser as a file.
async fn export(query: String, error: RwSignal<Option<ApiError>>) {
    let path = format!("/api/v1/oversight/access-log/export{query}");
    match api::get_signed_in_text(&path).await {
        Ok(text) => {
            error.set(None);
            let name = format!("{}-{}.csv", texts::t(K::AccessLogFile), today());
            if let Some(url) = csv_download_url(text.trim_start_matches('\u{FEFF}')) {
                save_as(&url, &name);
            }
        }
        Err(e) => error.set(Some(e)),
    }
}

/// The browser's date, for the file's name (the system clock, read through JavaScript: the
/// standard library has none on this target).
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Starts the browser's download of `url` under `name`.
fn save_as(url: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    link.set_href(url);
    link.set_download(name);
    // Attached while clicked: a link outside the document downloads nothing in some browsers.
    let Some(body) = document.body() else {
        return;
    };
    if body.append_child(&link).is_ok() {
        link.click();
        link.remove();
    }
}

#[component]
pub fn AuditLog() -> impl IntoView {
    require_sign_in();
    let current: Vec<(&'static str, Signal<String>)> = FILTERS
        .iter()
        .map(|name| (*name, query_param(name)))
        .collect();
    let query = {
        let current = current.clone();
        Signal::derive(move || {
            let params: Vec<(&str, String)> = current
                .iter()
                .map(|(name, value)| (*name, value.get()))
                .collect();
            api::with_query("", &params)
        })
    };
    let path = Signal::derive(move || format!("/api/v1/oversight/access-log{}", query.get()));
    // The form's fields, filled from the address.
    let fields: Vec<RwSignal<String>> = current
        .iter()
        .map(|(_, value)| RwSignal::new(value.get_untracked()))
        .collect();
    // Back and forward change the address, not what was typed: the fields follow the address.
    for ((_, value), field) in current.iter().zip(&fields) {
        let (value, field) = (*value, *field);
        Effect::new(move |_| field.set(value.get()));
    }
    let field = |name: &str| fields[FILTERS.iter().position(|f| *f == name).unwrap_or(0)];
    let (person, id_tail, department, purpose, channel, from, to) = (
        field("person"),
        field("id_tail"),
        field("department"),
        field("purpose"),
        field("channel"),
        field("from"),
        field("to"),
    );
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let exporting = RwSignal::new(false);
    let navigate = use_navigate();
    let apply = {
        let navigate = navigate.clone();
        let fields = fields.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            error.set(None);
            let params: Vec<(&str, String)> = FILTERS
                .iter()
                .zip(&fields)
                .map(|(name, value)| (*name, value.get_untracked()))
                .collect();
            navigate(
                &format!("/work/audit{}", api::with_query("", &params)),
                NavigateOptions::default(),
            );
        }
    };
    let clear = move |_| {
        for value in &fields {
            value.set(String::new());
        }
        error.set(None);
        navigate("/work/audit", NavigateOptions::default());
    };
    let start_export = move |_| {
        exporting.set(true);
        let query = query.get_untracked();
        leptos::task::spawn_local(async move {
            export(query, error).await;
            exporting.set(false);
        });
    };
    view! {
        <h1>{texts::t(K::AuditTitle)}</h1>
        <p class="muted">{texts::t(K::AuditHint)}</p>
        // Folded once a filter is applied, so on a phone the entries come first.
        <details class="notice" open=move || query.get().is_empty() || error.with(Option::is_some)>
            <summary data-testid="audit-filters-toggle">{texts::t(K::Filters)}</summary>
        <form class="stack" data-form="audit-filters" on:submit=apply>
                <TextField id="audit-person".into() label=texts::t(K::PersonName) value=person error=error field="person"/>
                <TextField id="audit-id-tail".into() label=texts::t(K::IdTail) value=id_tail error=error field="id_tail"/>
                <TextField id="audit-department".into() label=texts::t(K::ReadingDepartment) value=department error=error field="department"/>
                <TextField id="audit-purpose".into() label=texts::t(K::PurposeContains) value=purpose error=error field="purpose"/>
                <label for="audit-channel">{texts::t(K::Channel)}</label>
                <select id="audit-channel" prop:value=move || channel.get() on:change=move |ev| channel.set(event_target_value(&ev))>
                    <option value="" selected=move || channel.get().is_empty()>{texts::t(K::AnyChannel)}</option>
                    {AccessChannel::ALL.iter().map(|c| view! {
                        <option value=c.code() selected=move || channel.get() == c.code()>{label(*c)}</option>
                    }).collect_view()}
                </select>
                <TextField id="audit-from".into() label=texts::t(K::FromDay) value=from error=error field="from" kind="date"/>
                <TextField id="audit-to".into() label=texts::t(K::ToDay) value=to error=error field="to" kind="date"/>
                <div class="actions">
                    <button type="submit">{texts::t(K::ApplyFilters)}</button>
                    <button type="button" class="secondary" on:click=clear>{texts::t(K::ClearFilters)}</button>
                </div>
            </form>
        </details>
        <p>
            <button type="button" class="secondary" data-testid="export-access-log"
                disabled=move || exporting.get() on:click=start_export>
                {move || texts::t(if exporting.get() { K::Exporting } else { K::ExportCsv })}
            </button>
        </p>
        {failure_line(error)}
        {staff_paged_list_reporting(path, access_card, error)}
        <ChainCheck/>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
