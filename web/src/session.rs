//! The sign-in session. The access token lives in memory only; the refresh token in this
//! browser's local storage, so a reload or a new tab stays signed in. Refreshing is single-flight:
//! the server rotates refresh tokens and treats a reused one as theft, so several requests that
//! find the access token expired must share one refresh.

use chengxin_types::{RefreshRequest, TokenPair};
use futures_util::FutureExt;
use futures_util::future::{LocalBoxFuture, Shared};
use gloo_net::http::Request;
use leptos::prelude::*;
use std::cell::RefCell;

const REFRESH_KEY: &str = "cx.refresh";
/// Refresh this many milliseconds before the access token expires.
const EARLY_MS: f64 = 30_000.0;

type Refreshing = Shared<LocalBoxFuture<'static, Option<String>>>;

thread_local! {
    static SIGNED_IN: RefCell<Option<RwSignal<bool>>> = const { RefCell::new(None) };
    static ACCESS: RefCell<Option<(String, f64)>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<Refreshing>> = const { RefCell::new(None) };
}

/// Whether someone is signed in in this browser, as a signal the header and pages follow.
/// Kept here rather than in a context because it changes from async tasks, which have no owner.
pub fn signed_in() -> RwSignal<bool> {
    SIGNED_IN.with(|s| {
        *s.borrow_mut()
            .get_or_insert_with(|| RwSignal::new(has_session()))
    })
}

pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn stored_refresh_token() -> Option<String> {
    storage()?.get_item(REFRESH_KEY).ok()?
}

pub fn has_session() -> bool {
    stored_refresh_token().is_some()
}

pub(crate) fn keep(pair: &TokenPair) {
    let expires = js_sys::Date::now() + pair.expires_in as f64 * 1000.0;
    ACCESS.with(|a| *a.borrow_mut() = Some((pair.access_token.clone(), expires)));
    if let Some(storage) = storage() {
        let _ = storage.set_item(REFRESH_KEY, &pair.refresh_token);
    }
}

/// Whether a change of local storage under `key` is a change of the sign-in (another tab signed
/// in or out).
pub fn is_session_key(key: &str) -> bool {
    key == REFRESH_KEY
}

/// Forgets the sign-in in this browser without telling the server (which has ended it already).
pub(crate) fn forget() {
    ACCESS.with(|a| *a.borrow_mut() = None);
    if let Some(storage) = storage() {
        let _ = storage.remove_item(REFRESH_KEY);
    }
    signed_in().set(false);
}

/// A valid access token: the one in memory, or a fresh one from the refresh token.
pub async fn token() -> Option<String> {
    let current = ACCESS.with(|a| a.borrow().clone());
    match current {
        Some((token, expires)) if expires - EARLY_MS > js_sys::Date::now() => Some(token),
        _ if has_session() => refresh().await,
        _ => None,
    }
}

/// Exchanges the refresh token for a new pair, once for everyone who asks meanwhile.
pub async fn refresh() -> Option<String> {
    let pending = REFRESHING.with(|r| r.borrow().clone());
    let shared = match pending {
        Some(shared) => shared,
        None => {
            let shared = refresh_now().boxed_local().shared();
            REFRESHING.with(|r| *r.borrow_mut() = Some(shared.clone()));
            shared
        }
    };
    let token = shared.await;
    REFRESHING.with(|r| *r.borrow_mut() = None);
    token
}

async fn refresh_now() -> Option<String> {
    let refresh_token = stored_refresh_token()?;
    let request = Request::post("/api/v1/auth/refresh")
        .header("Content-Type", "application/json")
        .body(crate::json::encode(&RefreshRequest { refresh_token }).ok()?)
        .ok()?;
    let response = request.send().await.ok()?;
    if !response.ok() {
        // Expired, revoked or reused: this browser is signed out.
        forget();
        return None;
    }
    let pair: TokenPair = crate::json::decode(&response.text().await.ok()?).ok()?;
    keep(&pair);
    Some(pair.access_token)
}

/// Signs out here and on the server (its tokens stop working at once).
pub async fn sign_out() {
    if let Some(token) = token().await {
        let _ = Request::post("/api/v1/auth/logout")
            .header("Authorization", &format!("Bearer {token}"))
            .send()
            .await;
    }
    forget();
}
