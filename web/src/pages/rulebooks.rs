//! The scoring rulebooks (`/work/rulebooks?code=…`) for the credit office: each family's versions,
//! newest first, the one in effect marked, with its base score and items; and a new version
//! published from a draft of the latest (version and effective date filled in). The server
//! checks the draft (the next version, from today on, consistent bands, every item in use kept)
//! and names what is wrong.

use super::me::require_sign_in;
use super::public::loaded;
use super::work_form::{failure_line, message_for};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError, Body};
use crate::components::{day, minute, query_param};
use crate::i18n::label;
use chengxin_types::{Grade, RulebookFamily};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::Deserialize;

/// What this screen shows of a stored version (the API's `RulebookVersionView`).
#[derive(Debug, Clone, Deserialize)]
struct Version {
    version: u32,
    effective_from: NaiveDate,
    in_effect: bool,
    created_by: String,
    created_at: DateTime<Utc>,
    rulebook: Summary,
}

#[derive(Debug, Clone, Deserialize)]
struct Summary {
    name: String,
    base: i32,
    items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
struct Item {
    code: String,
    name: String,
    effect: Effect,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Effect {
    Points(i32),
    DirectGrade(Grade),
}

fn effect_text(effect: &Effect) -> String {
    match effect {
        Effect::Points(points) if *points > 0 => format!("+{points}"),
        Effect::Points(points) => points.to_string(),
        Effect::DirectGrade(grade) => format!("{} {}", texts::t(K::DirectGrade), label(*grade)),
    }
}

fn version_card(v: Version) -> impl IntoView {
    let items: Vec<_> = v
        .rulebook
        .items
        .iter()
        .map(|item| {
            view! {
                <tr><td class="code small">{item.code.clone()}</td><td>{item.name.clone()}</td><td>{effect_text(&item.effect)}</td></tr>
            }
        })
        .collect();
    view! {
        <li class="card" data-version=v.version>
            <strong>{v.rulebook.name.clone()} " · v" {v.version}
                {v.in_effect.then(|| view! { " " <span class="badge">{texts::t(K::InEffect)}</span> })}</strong>
            <span class="small">{texts::effective_text(&day(v.effective_from), v.rulebook.base)}</span>
            <span class="muted small">{v.created_by.clone()} " · " {minute(v.created_at)}</span>
            <details>
                <summary>{texts::items_text(v.rulebook.items.len())}</summary>
                <div class="table-wrap"><table>
                    <thead><tr><th scope="col">{texts::t(K::ItemCode)}</th><th scope="col">{texts::t(K::ScoreItem)}</th><th scope="col">{texts::t(K::Effect)}</th></tr></thead>
                    <tbody>{items}</tbody>
                </table></div>
            </details>
        </li>
    }
}

/// The latest version of `raw` (the versions as the API answers, newest first) as a draft of the
/// next one: pretty JSON with the version number raised.
fn draft_of(raw: &str) -> Option<String> {
    let all = js_sys::JSON::parse(raw).ok()?;
    let latest = js_sys::Reflect::get(&all, &0.into()).ok()?;
    let rulebook = js_sys::Reflect::get(&latest, &"rulebook".into()).ok()?;
    let version = js_sys::Reflect::get(&rulebook, &"version".into())
        .ok()?
        .as_f64()?;
    js_sys::Reflect::set(&rulebook, &"version".into(), &(version + 1.0).into()).ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(
        &rulebook,
        &wasm_bindgen::JsValue::NULL,
        &2.into(),
    )
    .ok()
    .map(String::from)
}

#[component]
fn Publish(code: String, raw: String, published: RwSignal<u32>) -> impl IntoView {
    let draft = RwSignal::new(draft_of(&raw).unwrap_or_default());
    let from = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let from_message = message_for(error, "effective_from");
    // What the server found in the draft, each with the place in the rulebook it points at.
    let draft_messages = move || {
        error.with(|e| {
            e.as_ref()
                .map(|e| {
                    e.fields
                        .iter()
                        .filter(|(field, _)| field.starts_with("rulebook"))
                        .map(|(field, message)| format!("{field}：{message}"))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        // Only checked to be JSON here, so the request is well formed; the rules are the server's.
        if js_sys::JSON::parse(&text).is_err() {
            error.set(Some(ApiError::at_field(
                "not_json",
                "rulebook",
                texts::t(K::NotJson),
            )));
            return;
        }
        let date = crate::json::encode(&from.get_untracked()).unwrap_or_default();
        let body = format!(r#"{{"effective_from":{date},"rulebook":{text}}}"#);
        let path = versions_path(&code);
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::send::<serde::de::IgnoredAny>("POST", &path, Body::Json(body), None).await {
                Ok(_) => {
                    done.set(true);
                    published.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="stack" data-form="publish-rulebook" on:submit=submit>
            <h2>{texts::t(K::PublishVersion)}</h2>
            <p class="muted small">{texts::t(K::PublishHint)}</p>
            <label for="rulebook-from">{texts::t(K::EffectiveFrom)}</label>
            <input id="rulebook-from" type="date" prop:value=move || from.get()
                aria-invalid=move || from_message.with(Option::is_some).to_string()
                aria-describedby="rulebook-from-error"
                on:input=move |ev| from.set(event_target_value(&ev))/>
            {move || from_message.get().map(|m| view! { <p class="field-error" id="rulebook-from-error">{m}</p> })}
            <label for="rulebook-draft">{texts::t(K::Draft)}</label>
            <textarea id="rulebook-draft" class="code" rows="16" spellcheck="false" prop:value=move || draft.get()
                aria-describedby="rulebook-draft-errors"
                on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
            <ul class="field-error" id="rulebook-draft-errors">
                {move || draft_messages().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <button type="submit" disabled=move || busy.get()>{texts::t(K::PublishButton)}</button>
            {move || done.get().then(|| view! { <p class="verdict ok" role="status">{texts::t(K::Published)}</p> })}
            {failure_line(error)}
        </form>
    }
}

/// The versions of the family `code` (from the address, so encoded).
fn versions_path(code: &str) -> String {
    let code = js_sys::encode_uri_component(code);
    format!("/api/v1/admin/rulebooks/{}/versions", String::from(code))
}

fn families_view(families: Vec<RulebookFamily>) -> impl IntoView {
    view! {
        <ul class="tool-list">
            {families.into_iter().map(|f| view! {
                <li><a class="button secondary" href=format!("/work/rulebooks?code={}", f.code)>
                    {f.name} " · v" {f.latest_version}</a></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn Rulebooks() -> impl IntoView {
    require_sign_in();
    let code = query_param("code");
    let published = RwSignal::new(0u32);
    // Asked for again after a publication: a family's latest version and count change with it.
    let families = LocalResource::new(move || {
        published.track();
        api::get_signed_in::<Vec<RulebookFamily>>("/api/v1/admin/rulebooks")
    });
    let versions = LocalResource::new(move || {
        published.track();
        let code = code.get();
        async move {
            if code.is_empty() {
                return Ok(None);
            }
            let path = versions_path(&code);
            let raw = api::get_signed_in_text(&path).await?;
            let parsed: Vec<Version> = api::decode(&raw)?;
            Ok(Some((code, raw, parsed)))
        }
    });
    view! {
        <h1>{texts::t(K::RulebooksTitle)}</h1>
        <p class="muted">{texts::t(K::RulebooksHint)}</p>
        {loaded(families, families_view)}
        {loaded(versions, move |chosen| chosen.map(|(code, raw, all)| view! {
            <ul class="cards" data-testid="rulebook-versions">{all.into_iter().map(version_card).collect_view()}</ul>
            <Publish code=code raw=raw published=published/>
        }))}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
