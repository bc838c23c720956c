//! The workspace (工作台) a member of staff lands on after signing in: for each of their roles, what
//! waits — how many, and the nearest deadline as a traffic light in working days (green: time
//! enough; amber: two working days or less; red: passed).

use super::me::require_sign_in;
use super::public::loaded;
use super::work_texts::{self as texts, days_left_text, oldest_text};
use crate::api;
use crate::components::day;
use crate::i18n::{Key, label, t};
use chengxin_types::{Role, WorkItem, WorkKind, Workspace};
use leptos::prelude::*;

/// The traffic light of a deadline `days` working days away.
fn light(days: i64) -> &'static str {
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
    // The screens to act on: the review queue so far (the others follow).
    let screen = (item.role == Role::Reviewer && item.kind == WorkKind::SubmissionsPending)
        .then_some("/work/review");
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

fn role_section(role: Role, items: Vec<WorkItem>) -> impl IntoView {
    let heading = format!("role-{}", role.code());
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading>{label(role)}</h2>
            <ul class="work-list">{items.into_iter().map(work_item).collect_view()}</ul>
        </section>
    }
}

fn workspace_view(workspace: Workspace) -> impl IntoView {
    let account = workspace.account;
    let subtitle = match &account.organisation {
        Some(org) => format!("{} · {}", account.display_name, org.name),
        None => account.display_name.clone(),
    };
    let sections: Vec<_> = account
        .roles
        .iter()
        .filter_map(|role| {
            let items: Vec<WorkItem> = workspace
                .work
                .iter()
                .filter(|item| item.role == *role)
                .cloned()
                .collect();
            (!items.is_empty()).then(|| role_section(*role, items))
        })
        .collect();
    let own_archive = account.roles.contains(&Role::CivilServant);
    view! {
        <p class="muted">{subtitle}</p>
        {sections}
        {own_archive.then(|| view! { <p><a class="button secondary" href="/me">{t(Key::MyCreditTitle)}</a></p> })}
    }
}

#[component]
pub fn Work() -> impl IntoView {
    require_sign_in();
    let data = LocalResource::new(|| api::get_signed_in::<Workspace>("/api/v1/me/workspace"));
    view! {
        <h1>{texts::t(texts::Key::WorkspaceTitle)}</h1>
        {loaded(data, workspace_view)}
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
