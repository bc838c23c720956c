//! The workspace (工作台) a member of staff lands on after signing in: for each of their roles, what
//! waits — how many, and the nearest deadline as a traffic light in working days (green: time
//! enough; amber: two working days or less; red: passed) — and the screens to do it.
//!
//! Every page under `/work/` is one route of the app shell ([`WorkArea`]); the sub-pages are
//! chosen here, in the `work` chunk, so the public pages' code carries a single route for them.
//! Each group of screens is a chunk of its own, fetched from here when first opened: `review`,
//! `handling` (objections, repairs, complaints, rectification of government breaches), `intake` (the reporter's), `office` (accounts
//! API keys, the catalogue of record kinds, the rulebooks and the holiday calendar) and `oversight` (the dashboard, the integrity evaluation, the warnings and the auditor's screen). A page downloads the
//! workspace's shared code and its own screens, not every role's.

use super::me::require_sign_in;
use super::public::loaded;
use super::work_texts::{self as texts, days_left_text, oldest_text};
use crate::api;
use crate::components::{Loading, day};
use crate::i18n::{Key, label, t};
use chengxin_types::{Role, WorkItem, WorkKind, Workspace};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// Declares `$loader`, which fetches the chunk `$chunk` if need be and builds `$component`.
macro_rules! work_screen {
    ($loader:ident, $chunk:ident, $($component:ident)::+) => {
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
    };
}

work_screen!(review_view, review, super::review::ReviewQueue);
work_screen!(objections_view, handling, super::handling::ObjectionCases);
work_screen!(repairs_view, handling, super::handling::RepairCases);
work_screen!(complaints_view, handling, super::handling::ComplaintCases);
work_screen!(
    rectification_view,
    handling,
    super::rectification::OfficeRectifications
);
work_screen!(
    own_rectification_view,
    handling,
    super::rectification::OwnRectifications
);
work_screen!(upload_view, intake, super::upload::Upload);
work_screen!(submissions_view, intake, super::submissions::Submissions);
work_screen!(submit_view, intake, super::submit_form::SubmitItem);
work_screen!(accounts_view, office, super::office::Accounts);
work_screen!(keys_view, office, super::office::ApiKeys);
work_screen!(calendar_view, office, super::calendar::Calendar);
work_screen!(catalogue_view, office, super::catalogue::Catalogue);
work_screen!(rulebooks_view, office, super::rulebooks::Rulebooks);
work_screen!(audit_view, oversight, super::audit::AuditLog);
work_screen!(oversight_view, oversight, super::oversight::Oversight);
work_screen!(
    evaluation_view,
    oversight,
    super::evaluation::OfficeEvaluation
);
work_screen!(
    own_evaluation_view,
    oversight,
    super::evaluation::OwnEvaluation
);
work_screen!(
    evaluation_scheme_view,
    oversight,
    super::evaluation_scheme::EvaluationScheme
);
work_screen!(warnings_view, oversight, super::evaluation::Warnings);
work_screen!(own_warnings_view, oversight, super::evaluation::OwnWarnings);

/// A screen whose chunk may still have to be fetched.
fn screen(
    load: impl std::future::Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
) -> AnyView {
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {Suspend::new(async move { load.await.unwrap_or_else(|_| super::unavailable()) })}
        </Suspense>
    }
    .into_any()
}

/// How often an open workspace page asks whether its sign-in still holds.
const SESSION_CHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// Signs this page out as soon as its sign-in ends elsewhere: the credit office disabled the
/// account or set a new password, or another tab signed out. The page then shows the sign-in
/// form with the reason, not data it may no longer see.
fn watch_session() {
    let navigate = use_navigate();
    let ended = move || {
        crate::session::forget();
        navigate(
            "/login?ended=1",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };
    let check = {
        let ended = ended.clone();
        move || {
            let ended = ended.clone();
            leptos::task::spawn_local(async move {
                // Offline or a server error says nothing about the sign-in; only a 401 does.
                if let Err(e) = api::get_signed_in_text("/api/v1/auth/session").await
                    && e.status == 401
                {
                    ended();
                }
            });
        }
    };
    let hidden = || {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden())
    };
    // A hidden tab does not ask; it asks at once when it is shown again.
    let timer = {
        let check = check.clone();
        set_interval_with_handle(
            move || {
                if !hidden() {
                    check();
                }
            },
            SESSION_CHECK,
        )
        .ok()
    };
    let shown_again = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if !hidden() {
            check();
        }
    });
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        let signed_out = ev.key().is_some_and(|k| crate::session::is_session_key(&k))
            && ev.new_value().is_none();
        if signed_out {
            ended();
        }
    });
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
        other_tab.remove();
        shown_again.remove();
    });
}

/// The page at `/work/{section}`.
#[component]
pub fn WorkArea() -> impl IntoView {
    watch_session();
    let section = crate::components::path_param("section");
    move || match section.get().trim_end_matches('/') {
        "" => view! { <Work/> }.into_any(),
        "review" => screen(review_view()),
        "objections" => screen(objections_view()),
        "repairs" => screen(repairs_view()),
        "complaints" => screen(complaints_view()),
        "rectification" => screen(rectification_view()),
        "our-rectifications" => screen(own_rectification_view()),
        "upload" => screen(upload_view()),
        "submissions" => screen(submissions_view()),
        "submit" => screen(submit_view()),
        "accounts" => screen(accounts_view()),
        "keys" => screen(keys_view()),
        "calendar" => screen(calendar_view()),
        "catalogue" => screen(catalogue_view()),
        "rulebooks" => screen(rulebooks_view()),
        "audit" => screen(audit_view()),
        "oversight" => screen(oversight_view()),
        "evaluation" => screen(evaluation_view()),
        "our-evaluation" => screen(own_evaluation_view()),
        "evaluation-scheme" => screen(evaluation_scheme_view()),
        "warnings" => screen(warnings_view()),
        "our-warnings" => screen(own_warnings_view()),
        _ => view! {
            <h1>{t(Key::NotFoundTitle)}</h1>
            <p><a href="/work">{texts::t(texts::Key::WorkspaceTitle)}</a></p>
        }
        .into_any(),
    }
}

/// The screen where the work of `kind` for `role` is done, where there is one.
fn screen_of(role: Role, kind: WorkKind) -> Option<&'static str> {
    match (role, kind) {
        (Role::Reviewer, WorkKind::SubmissionsPending) => Some("/work/review"),
        (Role::Handler, WorkKind::ObjectionsOpen) => Some("/work/objections"),
        (Role::Handler, WorkKind::RepairsOpen) => Some("/work/repairs"),
        (Role::Admin, WorkKind::ComplaintsOpen) => Some("/work/complaints"),
        (Role::Admin, WorkKind::ObjectionsOverdue) => Some("/work/oversight"),
        (Role::Admin, WorkKind::RectificationsToHandle) => Some("/work/rectification"),
        (Role::Handler, WorkKind::RectificationsToReport) => Some("/work/our-rectifications"),
        (Role::Reporter, WorkKind::SubmissionsReturned) => {
            Some("/work/submissions?status=returned")
        }
        (Role::Reporter, WorkKind::SubmissionsPending) => Some("/work/submissions?status=pending"),
        _ => None,
    }
}

/// The traffic light of a deadline `days` working days away.
pub fn light(days: i64) -> &'static str {
    match days {
        d if d < 0 => "late",
        0..=2 => "soon",
        _ => "ok",
    }
}

fn work_item(item: WorkItem) -> impl IntoView {
    let (class, when) = match (item.count, item.working_days_left, item.nearest_due) {
        (0, _, _) => (
            "work idle".to_string(),
            texts::t(texts::Key::NothingWaiting).to_string(),
        ),
        (_, Some(days), Some(due)) => (
            format!("work {}", light(days)),
            format!("{} · {}", days_left_text(days), day(due)),
        ),
        (_, _, _) => (
            "work ok".to_string(),
            item.oldest_since
                .map(|since| oldest_text(&day(since)))
                .unwrap_or_default(),
        ),
    };
    let screen = screen_of(item.role, item.kind);
    view! {
        <li class=class data-kind=item.kind.code()>
            <strong>{match screen {
                Some(href) => view! { <a href=href>{label(item.kind)}</a> }.into_any(),
                None => label(item.kind).into_any(),
            }}</strong>
            <span class="count"><span class="visually-hidden">{texts::t(texts::Key::HowMany)}</span>{item.count}</span>
            <span class="when">{when}</span>
        </li>
    }
}

/// The screens of a role that are not a queue of waiting work.
fn tools_of(role: Role) -> Vec<(&'static str, texts::Key)> {
    match role {
        Role::Reporter => vec![
            ("/work/submit", texts::Key::SubmitTitle),
            ("/work/upload", texts::Key::UploadTitle),
            ("/work/submissions", texts::Key::SubmissionsTitle),
        ],
        Role::Admin => vec![
            ("/work/oversight", texts::Key::OversightTitle),
            ("/work/rectification", texts::Key::RectificationTitle),
            ("/work/evaluation", texts::Key::EvaluationTitle),
            ("/work/warnings", texts::Key::WarningsTitle),
            ("/work/accounts", texts::Key::AccountsTitle),
            ("/work/keys", texts::Key::KeysTitle),
            ("/work/catalogue", texts::Key::CatalogueTitle),
            ("/work/rulebooks", texts::Key::RulebooksTitle),
            ("/work/calendar", texts::Key::CalendarTitle),
            ("/work/audit", texts::Key::AuditTitle),
        ],
        Role::Auditor => vec![("/work/audit", texts::Key::AuditTitle)],
        Role::Handler => vec![
            ("/work/our-warnings", texts::Key::OwnWarningsTitle),
            ("/work/our-evaluation", texts::Key::OwnEvaluationTitle),
        ],
        _ => Vec::new(),
    }
}

fn role_section(role: Role, items: Vec<WorkItem>) -> impl IntoView {
    let heading = format!("role-{}", role.code());
    let labelled_by = heading.clone();
    let tools = tools_of(role);
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading>{label(role)}</h2>
            {(!items.is_empty()).then(|| view! {
                <ul class="work-list">{items.into_iter().map(work_item).collect_view()}</ul>
            })}
            {(!tools.is_empty()).then(|| view! {
                <ul class="tool-list">
                    {tools.into_iter().map(|(href, name)| view! {
                        <li><a class="button secondary" href=href>{texts::t(name)}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// For an account with several roles, one chip per role (and one for all of them) that narrows
/// the workspace to that role's work; the choice is in the address (`/work?role=reviewer`).
fn role_switch(roles: &[Role], chosen: Option<Role>) -> impl IntoView + use<> {
    let chip = |href: String, name: &'static str, current: bool| {
        view! {
            <li><a class=if current { "button" } else { "button secondary" } href=href
                aria-current=current.then_some("page")>{name}</a></li>
        }
    };
    (roles.len() > 1).then(|| {
        view! {
            <nav aria-label=texts::t(texts::Key::SwitchRole)>
                <ul class="tool-list" data-testid="role-switch">
                    {chip("/work".to_string(), texts::t(texts::Key::AllRoles), chosen.is_none())}
                    {roles.iter().map(|role| chip(
                        format!("/work?role={}", role.code()),
                        label(*role),
                        chosen == Some(*role),
                    )).collect_view()}
                </ul>
            </nav>
        }
    })
}

fn workspace_view(workspace: Workspace, chosen: Option<Role>) -> impl IntoView {
    let account = workspace.account;
    // A role the account does not have (an old link) shows everything.
    let chosen = chosen.filter(|role| account.roles.contains(role));
    let subtitle = match &account.organisation {
        Some(org) => format!("{} · {}", account.display_name, org.name),
        None => account.display_name.clone(),
    };
    let sections: Vec<_> = account
        .roles
        .iter()
        .filter(|role| chosen.is_none_or(|c| c == **role))
        .filter_map(|role| {
            let items: Vec<WorkItem> = workspace
                .work
                .iter()
                .filter(|item| item.role == *role)
                .cloned()
                .collect();
            (!items.is_empty() || !tools_of(*role).is_empty()).then(|| role_section(*role, items))
        })
        .collect();
    let own_archive = account.roles.contains(&Role::CivilServant);
    view! {
        <p class="muted">{subtitle}</p>
        {role_switch(&account.roles, chosen)}
        {sections}
        {own_archive.then(|| view! { <p><a class="button secondary" href="/me">{t(Key::MyCreditTitle)}</a></p> })}
    }
}

#[component]
fn Work() -> impl IntoView {
    require_sign_in();
    let data = LocalResource::new(|| api::get_signed_in::<Workspace>("/api/v1/me/workspace"));
    let role = crate::components::query_param("role");
    view! {
        <h1>{texts::t(texts::Key::WorkspaceTitle)}</h1>
        {move || {
            let chosen = Role::from_code(&role.get());
            loaded(data, move |workspace| workspace_view(workspace, chosen))
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::light;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn deadlines_turn_amber_two_working_days_ahead_and_red_once_passed() {
        assert_eq!(light(5), "ok");
        assert_eq!(light(3), "ok");
        assert_eq!(light(2), "soon");
        assert_eq!(light(0), "soon");
        assert_eq!(light(-1), "late");
    }
}
