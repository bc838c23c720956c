//! Form pieces the workspace's screens share: a labelled field bound to a signal with the server's
//! message for that field under it, and the line that says why a step was not done. The checks
//! themselves are the server's: the app only shows where its answer points.

use super::work_texts::{self as texts};
use crate::api::ApiError;
use leptos::prelude::*;

/// What the server said about `field` in the last failed answer, if anything.
pub fn message_for(
    error: RwSignal<Option<ApiError>>,
    field: impl Into<String>,
) -> Signal<Option<String>> {
    let field: String = field.into();
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref().and_then(|e| {
                e.fields
                    .iter()
                    .find(|(name, _)| *name == field)
                    .map(|(_, message)| message.clone())
            })
        })
    })
}

/// A labelled input (or textarea with `rows`) for `value`; the server's message for `field`
/// appears under it and is announced with it.
#[component]
pub fn TextField(
    id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    #[prop(into)] field: String,
    #[prop(optional)] kind: &'static str,
    #[prop(optional)] rows: u32,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    let message = message_for(error, field);
    let message_id = format!("{id}-error");
    let described_by = message_id.clone();
    let hint_id = format!("{id}-hint");
    let has_hint = !hint.is_empty();
    let hint_view =
        has_hint.then(|| view! { <p class="muted small" id=hint_id.clone()>{hint}</p> });
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if message.with(Option::is_some) {
            ids.push(described_by.clone());
        }
        ids.join(" ")
    };
    let input = if rows > 0 {
        view! {
            <textarea id=id.clone() rows=rows aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=described prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=if kind.is_empty() { "text" } else { kind }
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=described prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <label for=id>{label}</label>
        {hint_view}
        {input}
        {move || message.get().map(|m| view! { <p class="field-error" id=message_id.clone()>{m}</p> })}
    }
}

/// Why the last step was not done, in the server's words (the fields at fault are shown at
/// their fields).
pub fn failure_line(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let text = if e.fields.is_empty() {
                e.text()
            } else {
                e.message.clone()
            };
            view! { <p class="error" role="alert">{texts::t(texts::Key::ActionFailed)} {text}</p> }
        })
    }
}

/// The value of `text` trimmed, or `None` when empty.
pub fn optional(text: &RwSignal<String>) -> Option<String> {
    let value = text.get_untracked().trim().to_string();
    (!value.is_empty()).then_some(value)
}
