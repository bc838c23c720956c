//! The Chengxin phone web app (Leptos, client-side rendered): public queries, my credit,
//! objections and repairs, in Chinese or English.

mod api;
mod components;
mod i18n;
mod json;
mod pages;
mod photos;
mod session;

use i18n::{Key, Lang, t};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, path};
use pages::home;
use wasm_bindgen::prelude::wasm_bindgen;

const LANG_KEY: &str = "cx.lang";
const LARGE_TEXT_KEY: &str = "cx.large";

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // The static placeholder in index.html gives way to the app.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    register_service_worker();
    leptos::mount::mount_to_body(App);
}

/// The service worker caches the app shell and the last pages seen, for offline use.
fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("/sw.js");
    }
}

fn stored(key: &str) -> Option<String> {
    session::storage()?.get_item(key).ok()?
}

fn store(key: &str, value: &str) {
    if let Some(storage) = session::storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Chinese unless this browser chose English before: the platform is for Chinese readers first,
/// whatever language the phone itself is set to.
fn initial_language() -> Lang {
    stored(LANG_KEY)
        .map(|code| Lang::from_code(&code))
        .unwrap_or(Lang::Zh)
}

fn set_document_language(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn set_large_text(on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if on {
            root.class_list().add_1("large")
        } else {
            root.class_list().remove_1("large")
        };
    }
}

#[component]
fn App() -> impl IntoView {
    let language = i18n::language();
    language.set(initial_language());
    let large = RwSignal::new(stored(LARGE_TEXT_KEY).as_deref() == Some("1"));
    Effect::new(move |_| {
        set_large_text(large.get());
        store(LARGE_TEXT_KEY, if large.get() { "1" } else { "0" });
    });
    let online = RwSignal::new(
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true),
    );
    let _ = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    set_document_language(language.get_untracked());
    view! { <Shell large=large online=online/> }
}

#[component]
fn Shell(large: RwSignal<bool>, online: RwSignal<bool>) -> impl IntoView {
    let language = i18n::language();
    let signed_in = session::signed_in();
    let other_language = match language.get_untracked() {
        Lang::Zh => "en",
        Lang::En => "zh-CN",
    };
    let switch_language = move |_| {
        let next = match language.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        store(LANG_KEY, next.code());
        language.set(next);
        // Every text is read from the catalogue when a page renders: load the page again in the
        // new language (the app is cached, so this is quick; drafts are kept in storage).
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <Router>
            <a class="skip" href="#main">{t(Key::SkipToContent)}</a>
            <header class="bar">
                <a class="brand" href="/">
                    <span class="brand-name">{t(Key::AppName)}</span>
                    <span class="tagline">{t(Key::Tagline)}</span>
                </a>
                <nav class="tools">
                    // The button names the other language in that language; `lang` lets a screen
                    // reader pronounce it so, and its accessible name is its visible text.
                    <button class="chip" lang=other_language title=t(Key::SwitchLanguageLabel) on:click=switch_language data-testid="language">
                        {t(Key::SwitchLanguage)}
                    </button>
                    <button class="chip" title=t(Key::LargeTextLabel) aria-pressed=move || large.get().to_string()
                        on:click=move |_| large.update(|l| *l = !*l)>
                        {t(Key::LargeText)}
                    </button>
                    {move || if signed_in.get() {
                        view! {
                            <button class="chip" on:click=move |_| leptos::task::spawn_local(async {
                                session::sign_out().await;
                                if let Some(w) = web_sys::window() { let _ = w.location().set_href("/"); }
                            })>{t(Key::SignOut)}</button>
                        }.into_any()
                    } else {
                        view! { <a class="chip" href="/login">{t(Key::SignIn)}</a> }.into_any()
                    }}
                </nav>
            </header>
            {move || (!online.get()).then(|| view! { <p class="offline" role="status">{t(Key::Offline)}</p> })}
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! {
                    <h1>{t(Key::NotFoundTitle)}</h1>
                    <p><a href="/">{t(Key::BackHome)}</a></p>
                }>
                    <Route path=path!("/") view=home::Home/>
                    <Route path=path!("/search") view={Lazy::<pages::SearchResultsPage>::new()}/>
                    <Route path=path!("/serious-breach") view={Lazy::<pages::BreachListPage>::new()}/>
                    <Route path=path!("/serious-breach/:id") view={Lazy::<pages::BreachDetailPage>::new()}/>
                    <Route path=path!("/commitments") view={Lazy::<pages::CommitmentListPage>::new()}/>
                    <Route path=path!("/commitments/:id") view={Lazy::<pages::CommitmentDetailPage>::new()}/>
                    <Route path=path!("/penalties") view={Lazy::<pages::PenaltyListPage>::new()}/>
                    <Route path=path!("/penalties/:id") view={Lazy::<pages::PenaltyDetailPage>::new()}/>
                    <Route path=path!("/licences") view={Lazy::<pages::LicenceListPage>::new()}/>
                    <Route path=path!("/licences/:id") view={Lazy::<pages::LicenceDetailPage>::new()}/>
                    <Route path=path!("/org/:uscc") view={Lazy::<pages::ProfilePage>::new()}/>
                    <Route path=path!("/check") view={Lazy::<pages::CreditCheckPage>::new()}/>
                    <Route path=path!("/login") view={Lazy::<pages::LoginPage>::new()}/>
                    <Route path=path!("/me") view={Lazy::<pages::MyCreditPage>::new()}/>
                    // Every workspace page behind one route: its sub-pages are routed in the
                    // `work` chunk, so the main module carries one route for all of them.
                    <Route path=path!("/work/*section") view={Lazy::<pages::WorkPage>::new()}/>
                    <Route path=path!("/me/grants") view={Lazy::<pages::GrantsPage>::new()}/>
                    <Route path=path!("/objection") view={Lazy::<pages::ObjectionPage>::new()}/>
                    <Route path=path!("/repair") view={Lazy::<pages::RepairPage>::new()}/>
                    <Route path=path!("/track") view={Lazy::<pages::TrackPage>::new()}/>
                    <Route path=path!("/complaint") view={Lazy::<pages::ComplaintPage>::new()}/>
                </Routes>
            </main>
        </Router>
    }
}
