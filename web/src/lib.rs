//! The Chengxin phone web app (Leptos, client-side rendered).
//!
//! This first page shows that the service is up and how much the archive holds; the public search,
//! the signed-in pages and objections build on it.

mod api;
mod i18n;

use chengxin_types::{ArchiveStats, Health};
use i18n::{Key, t};
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let health = LocalResource::new(api::readiness);
    let stats = LocalResource::new(api::stats);
    view! {
        <header class="bar">
            <h1>{t(Key::AppName)}</h1>
            <p class="tagline">{t(Key::Tagline)}</p>
        </header>
        <main>
            <section aria-labelledby="status-title">
                <h2 id="status-title">{t(Key::ServiceStatus)}</h2>
                <Suspense fallback=|| view! { <p class="muted">{t(Key::Loading)}</p> }>
                    {move || health.get().map(|result| match result {
                        Ok(health) => view! { <StatusLine health=health/> }.into_any(),
                        Err(_) => view! { <p class="error" role="alert">{t(Key::ServiceDown)}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="stats-title">
                <h2 id="stats-title">{t(Key::ArchiveTitle)}</h2>
                <Suspense fallback=|| view! { <p class="muted">{t(Key::Loading)}</p> }>
                    {move || stats.get().map(|result| match result {
                        Ok(stats) => view! { <StatsGrid stats=stats/> }.into_any(),
                        Err(message) => view! { <p class="error" role="alert">{t(Key::LoadFailed)} " " {message}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="dev-title">
                <h2 id="dev-title">{t(Key::ForDevelopers)}</h2>
                <p><a href="/api/docs/">{t(Key::ApiDocs)}</a></p>
            </section>
        </main>
    }
}

#[component]
fn StatusLine(health: Health) -> impl IntoView {
    let database = health.database.unwrap_or_default();
    view! {
        <p class="ok" data-testid="status">
            {t(Key::ServiceUp)} " · " {t(Key::Database)} " " {database} " · v" {health.version}
        </p>
    }
}

#[component]
fn StatsGrid(stats: ArchiveStats) -> impl IntoView {
    let figures = [
        (Key::GovernmentBodies, stats.government_bodies),
        (Key::Persons, stats.persons),
        (Key::CreditRecords, stats.credit_records),
        (Key::SeriousBreach, stats.serious_breach_entries),
        (Key::Commitments, stats.commitments),
        (Key::Penalties, stats.penalties),
        (Key::Licences, stats.licences),
    ];
    view! {
        <ul class="figures" data-testid="figures">
            {figures.into_iter().map(|(label, value)| view! {
                <li><span class="value">{value}</span><span class="label">{t(label)}</span></li>
            }).collect_view()}
        </ul>
    }
}
