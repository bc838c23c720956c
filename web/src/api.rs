//! The typed client of the Chengxin API: one place for paths, the language header, the bearer
//! token (refreshed quietly once when it has expired) and turning problems into messages.

use crate::i18n::lang;
use crate::session;
use chengxin_types::Problem;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A failed call, fit to show: the problem's message and the fields at fault.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// (field, message) for each field the server named.
    pub fields: Vec<(String, String)>,
}

impl ApiError {
    /// A refusal the page finds itself before sending (no file chosen, a number that is not
    /// one), shown at `field` the way the server's are.
    pub fn at_field(code: &str, field: impl Into<String>, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError {
            status: 0,
            code: code.into(),
            message: message.clone(),
            fields: vec![(field.into(), message)],
        }
    }

    fn network(error: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: 0,
            code: "network".into(),
            message: error.to_string(),
            fields: Vec::new(),
        }
    }

    /// An answer that arrived but is not what the app expects (a proxy's error page, a server of
    /// another version). Not a network error: sending again would not help.
    fn unreadable(error: impl std::fmt::Display) -> ApiError {
        ApiError {
            code: "unreadable".into(),
            ..ApiError::network(error)
        }
    }

    /// A request the app could not write as JSON. Not a network error either: it would fail
    /// the same way every time it was sent again.
    fn unsendable(error: impl std::fmt::Display) -> ApiError {
        ApiError {
            code: "unsendable".into(),
            ..ApiError::network(error)
        }
    }

    /// Whether the request never reached the server (offline, connection refused).
    pub fn is_network(&self) -> bool {
        self.code == "network"
    }

    /// One line: the message and the fields at fault.
    pub fn text(&self) -> String {
        if self.fields.is_empty() {
            return self.message.clone();
        }
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect();
        format!("{}（{}）", self.message, fields.join("；"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

async fn problem_of(response: Response) -> ApiError {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    problem_in(status, &text)
}

/// The error an unsuccessful answer of `status` carries in its body `text` (a problem+json
/// document, or anything else from a proxy).
pub fn problem_in(status: u16, text: &str) -> ApiError {
    match decode::<Problem>(text) {
        Ok(problem) => ApiError {
            status,
            code: problem.code,
            message: problem.detail.unwrap_or(problem.title),
            fields: problem
                .errors
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect(),
        },
        Err(_) => ApiError {
            status,
            code: "http".into(),
            message: format!("HTTP {status}"),
            fields: Vec::new(),
        },
    }
}

/// The body of a successful answer, or the problem it carries. Not generic: the requests and
/// their futures are compiled once, and only [`decode`] is made for each answer type.
async fn body_of(response: Response) -> ApiResult<String> {
    if response.ok() {
        response.text().await.map_err(ApiError::network)
    } else {
        Err(problem_of(response).await)
    }
}

/// Reads an answer of type `T` from JSON ([`crate::json::decode`]).
pub fn decode<T: DeserializeOwned>(json: &str) -> ApiResult<T> {
    crate::json::decode(json).map_err(ApiError::unreadable)
}

/// Writes a value as JSON (request bodies, drafts kept in the browser).
pub fn encode<T: Serialize + ?Sized>(value: &T) -> ApiResult<String> {
    crate::json::encode(value).map_err(ApiError::unsendable)
}

/// Every call names the language, and revalidates instead of trusting the browser's cache: the
/// public API allows a minute of caching, but someone who just filed an objection must see the
/// record as disputed at once (an unchanged answer costs only a 304).
fn with_language(builder: RequestBuilder) -> RequestBuilder {
    builder
        .header("Accept-Language", lang().code())
        .cache(web_sys::RequestCache::NoCache)
}

/// GET a public resource.
pub async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    decode(&get_text(path).await?)
}

async fn get_text(path: &str) -> ApiResult<String> {
    use wasm_bindgen::JsCast;
    let response = match prefetched(path) {
        Some(started) => {
            let raw = wasm_bindgen_futures::JsFuture::from(started)
                .await
                .map_err(|e| ApiError::network(format!("{e:?}")))?;
            gloo_net::http::Response::from(raw.unchecked_into::<web_sys::Response>())
        }
        None => with_language(Request::get(path))
            .send()
            .await
            .map_err(ApiError::network)?,
    };
    body_of(response).await
}

/// The response to `path` if the page's boot script already asked for it while the WebAssembly
/// was downloading (public lists opened directly); it is taken once.
fn prefetched(path: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("cxPrefetch");
    let slot = js_sys::Reflect::get(&window, &key).ok()?;
    if slot.is_undefined() || slot.is_null() {
        return None;
    }
    let url = js_sys::Reflect::get(&slot, &"url".into())
        .ok()?
        .as_string()?;
    if url != path {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(window.as_ref(), &key);
    // Left for the browser tests to see that the early answer was used.
    let _ = js_sys::Reflect::set(&window, &"cxPrefetchUsed".into(), &url.into());
    js_sys::Reflect::get(&slot, &"response".into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// What an authenticated request sends.
#[derive(Clone)]
pub enum Body {
    None,
    Json(String),
    Form(web_sys::FormData),
    /// A file sent as it is, as CSV.
    Csv(web_sys::Blob),
}

fn build(method: &str, path: &str, token: Option<&str>, body: &Body) -> ApiResult<Request> {
    let mut builder = with_language(match method {
        "POST" => Request::post(path),
        "PUT" => Request::put(path),
        _ => Request::get(path),
    });
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Body::None => builder.build(),
        Body::Json(json) => builder
            .header("Content-Type", "application/json")
            .body(json.clone()),
        Body::Form(form) => builder.body(form.clone()),
        Body::Csv(file) => builder
            .header("Content-Type", "text/csv")
            .body(file.clone()),
    };
    request.map_err(ApiError::network)
}

/// Sends a request with the signed-in user's token (when there is one); on 401 refreshes the
/// token once and tries again.
pub async fn send<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Body,
    extra_header: Option<(&str, &str)>,
) -> ApiResult<T> {
    decode(&send_text(method, path, body, extra_header).await?)
}

async fn send_text(
    method: &str,
    path: &str,
    body: Body,
    extra_header: Option<(&str, &str)>,
) -> ApiResult<String> {
    body_of(send_signed_in(method, path, body, extra_header).await?).await
}

/// The answer to a request with the signed-in user's token (when there is one); on 401 the
/// token is refreshed once and the request sent again.
async fn send_signed_in(
    method: &str,
    path: &str,
    body: Body,
    extra_header: Option<(&str, &str)>,
) -> ApiResult<Response> {
    let mut token = session::token().await;
    for attempt in 0..2 {
        let request = build(method, path, token.as_deref(), &body)?;
        if let Some((name, value)) = extra_header {
            request.headers().set(name, value);
        }
        let response = request.send().await.map_err(ApiError::network)?;
        if response.status() == 401 && attempt == 0 && token.is_some() {
            token = session::refresh().await;
            if token.is_some() {
                continue;
            }
        }
        return Ok(response);
    }
    Err(ApiError::network("unreachable"))
}

/// GET a file (an evidence photo) with the signed-in user's token: its bytes and media type.
pub async fn get_signed_in_file(path: &str) -> ApiResult<(Vec<u8>, String)> {
    let response = send_signed_in("GET", path, Body::None, None).await?;
    if !response.ok() {
        return Err(problem_of(response).await);
    }
    let media_type = response.headers().get("content-type").unwrap_or_default();
    let bytes = response.binary().await.map_err(ApiError::network)?;
    Ok((bytes, media_type))
}

/// GET a non-JSON answer (an export) with the signed-in user's token.
pub async fn get_signed_in_text(path: &str) -> ApiResult<String> {
    send_text("GET", path, Body::None, None).await
}

pub async fn get_signed_in<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    send("GET", path, Body::None, None).await
}

pub async fn post_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let json = encode(body)?;
    send("POST", path, Body::Json(json), None).await
}

pub async fn put_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let json = encode(body)?;
    send("PUT", path, Body::Json(json), None).await
}

/// A path with query parameters; empty values are left out.
pub fn with_query(path: &str, params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| {
            format!(
                "{name}={}",
                js_sys::encode_uri_component(value.trim())
                    .as_string()
                    .unwrap_or_default()
            )
        })
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Signs in; the error is the server's message.
pub async fn sign_in(username: String, password: String) -> ApiResult<()> {
    let pair: chengxin_types::TokenPair = post_json(
        "/api/v1/auth/login",
        &chengxin_types::LoginRequest { username, password },
    )
    .await?;
    session::keep(&pair);
    leptos::prelude::Set::set(&session::signed_in(), true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};
    use chengxin_types::{Consent, Page, Problem};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn an_answer_that_cannot_be_read_is_not_taken_for_being_offline() {
        for text in ["<html>502 Bad Gateway</html>", r#"{"title": 3}"#] {
            let error = decode::<Problem>(text).expect_err(text);
            assert_eq!(error.code, "unreadable", "{text}");
            assert!(!error.is_network(), "{text}");
        }
    }

    #[wasm_bindgen_test]
    fn answers_are_read_with_their_dates_missing_options_and_extra_fields() {
        let problem: Problem = decode(
            r#"{"type": "about:blank", "title": "输入有误", "status": 422, "code": "invalid",
                "errors": [{"field": "reason", "code": "required", "message": "必填"}], "new_field": [1, 2]}"#,
        )
        .expect("a problem");
        assert_eq!(problem.code, "invalid");
        assert_eq!(problem.detail, None);
        assert_eq!(problem.errors[0].field, "reason");
        let page: Page<chrono::NaiveDate> =
            decode(r#"{"items": ["2026-11-30"], "next_cursor": null, "limit": 20}"#)
                .expect("a page");
        assert_eq!(page.items[0].to_string(), "2026-11-30");
        assert_eq!(page.next_cursor, None);
    }

    #[wasm_bindgen_test]
    fn what_is_sent_is_plain_json() {
        let json = encode(&Consent {
            scoring_consent: true,
        })
        .expect("JSON");
        assert_eq!(json, r#"{"scoring_consent":true}"#);
        let none: Option<String> = None;
        assert_eq!(encode(&none).expect("JSON"), "null");
        // Beyond what a JavaScript number holds exactly: refused, and not taken for being offline
        // (an objection queued with it would be resent for ever).
        let error = encode(&u64::MAX).expect_err("too large");
        assert_eq!(error.code, "unsendable");
        assert!(!error.is_network());
    }
}
