//! One module per area of the app; each page is a component the router mounts.
//!
//! Only the home page is in the main WebAssembly module. Every other page is split off into a
//! chunk with the pages of its area, fetched the first time one of them opens (`cargo xtask web`
//! does the splitting): `search` (search results, a body's profile, the credit check),
//! `registers` (the public lists and their entries), `login`, `me` (the signed-in pages),
//! `work` (the staff workspace), `cases` (objections, repairs, tracking) and `complaint` (a
//! complaint about a government body). Someone looking up a
//! company never downloads the signed-in code, and a civil servant checking a score never downloads
//! the registers. Fewer,
//! larger chunks compress better than many small ones: a chunk per register made the pages'
//! downloads larger (measured in bench/results.md).

mod audit;
mod calendar;
pub mod cases;
mod catalogue;
mod evaluation;
mod evaluation_scheme;
mod handling;
pub mod home;
pub mod me;
mod me_answers;
mod office;
mod oversight;
pub mod public;
mod rectification;
mod review;
mod rulebooks;
mod submission_preview;
mod submissions;
mod submit_form;
mod trend_chart;
mod upload;
pub mod work;
mod work_form;
mod work_texts;

use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Declares `$route`, a lazy route whose view is the component `$component`, with its code in
/// the chunk `$chunk` (`$loader` fetches the chunk if need be and builds the view).
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $loader:ident, $($component:ident)::+) => {
        pub struct $route;

        #[cfg(not(test))]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $loader() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$($component)::+/> }.into_any())
        }

        // The unit tests run the module unsplit, where no chunk loader exists.
        #[cfg(test)]
        async fn $loader() -> Result<AnyView, SplitLoaderError> {
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
pub(super) fn unavailable() -> AnyView {
    view! {
        <h1>{t(Key::PageUnavailableTitle)}</h1>
        <p role="status">{t(Key::PageUnavailable)}</p>
        <p><a href="/">{t(Key::BackHome)}</a></p>
    }
    .into_any()
}

lazy_page!(LoginPage, login, login_view, me::Login);
lazy_page!(WorkPage, work, work_view, work::WorkArea);
lazy_page!(MyCreditPage, me, my_credit_view, me::MyCredit);
lazy_page!(GrantsPage, me, grants_view, me::Grants);
lazy_page!(ObjectionPage, cases, objection_view, cases::ObjectionForm);
lazy_page!(RepairPage, cases, repair_view, cases::RepairForm);
lazy_page!(TrackPage, cases, track_view, cases::Track);
lazy_page!(
    ComplaintPage,
    complaint,
    complaint_view,
    cases::ComplaintForm
);
lazy_page!(
    SearchResultsPage,
    search,
    search_results_view,
    home::SearchResults
);
lazy_page!(
    BreachListPage,
    registers,
    breach_list_view,
    public::BreachList
);
lazy_page!(
    BreachDetailPage,
    registers,
    breach_detail_view,
    public::BreachDetail
);
lazy_page!(
    CommitmentListPage,
    registers,
    commitment_list_view,
    public::CommitmentList
);
lazy_page!(
    CommitmentDetailPage,
    registers,
    commitment_detail_view,
    public::CommitmentDetail
);
lazy_page!(
    PenaltyListPage,
    registers,
    penalty_list_view,
    public::PenaltyList
);
lazy_page!(
    PenaltyDetailPage,
    registers,
    penalty_detail_view,
    public::PenaltyDetail
);
lazy_page!(
    LicenceListPage,
    registers,
    licence_list_view,
    public::LicenceList
);
lazy_page!(
    LicenceDetailPage,
    registers,
    licence_detail_view,
    public::LicenceDetail
);
lazy_page!(ProfilePage, search, profile_view, public::Profile);
lazy_page!(
    CreditCheckPage,
    search,
    credit_check_view,
    public::CheckPage
);
