//! One module per area of the app; each page is a component the router mounts.
//!
//! The public pages are in the main WebAssembly module. The sign-in page, the pages of a
//! signed-in civil servant and the objection and repair pages are split off into chunks of their
//! own (`login`, `me` and `cases`), fetched the first time one of their pages opens (`cargo xtask
//! web` does the splitting): someone looking up a company never downloads them, and someone
//! signing in does not wait for the code of the pages behind it.

pub mod cases;
pub mod home;
pub mod me;
pub mod public;

use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

/// Declares `$route`, a lazy route whose view is the component `$component`, with its code in
/// the chunk `$chunk` (`$loader` fetches the chunk if need be and builds the view).
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $loader:ident, $($component:ident)::+) => {
        pub struct $route;

        #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $loader() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$($component)::+/> }.into_any())
        }

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $loader().await.unwrap_or_else(|_| unavailable())
            }
        }
    };
}

/// Shown when a page's code could not be fetched (offline before the page was ever opened).
fn unavailable() -> AnyView {
    view! {
        <h1>{t(Key::PageUnavailableTitle)}</h1>
        <p role="status">{t(Key::PageUnavailable)}</p>
        <p><a href="/">{t(Key::BackHome)}</a></p>
    }
    .into_any()
}

lazy_page!(LoginPage, login, login_view, me::Login);
lazy_page!(MyCreditPage, me, my_credit_view, me::MyCredit);
lazy_page!(GrantsPage, me, grants_view, me::Grants);
lazy_page!(ObjectionPage, cases, objection_view, cases::ObjectionForm);
lazy_page!(RepairPage, cases, repair_view, cases::RepairForm);
lazy_page!(TrackPage, cases, track_view, cases::Track);
