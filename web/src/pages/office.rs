//! The credit office's (信用办) screens for who may use the system: staff and civil-servant
//! accounts (create, disable, enable, set a new password, last sign-in) and third-party apps' API
//! keys (create — the key shown once — and revoke). Everything goes through the admin endpoints;
//! the password rules, the department check and the audit trail are the server's.

use super::me::require_sign_in;
use super::work_form::{TextField, failure_line, optional};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError};
use crate::components::{ErrorBox, Loading, minute};
use crate::i18n::label;
use chengxin_types::{
    ApiKeySummary, IssuedApiKey, ManagedAccount, NewAccountRequest, NewApiKeyRequest,
    PasswordReset, Role,
};
use leptos::prelude::*;

/// A list the page loads once and then keeps up to date from the answers of its own steps.
fn load_list<T>(path: &'static str) -> (RwSignal<Option<Vec<T>>>, RwSignal<Option<ApiError>>)
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let list = RwSignal::new(None);
    let error = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        match api::get_signed_in::<Vec<T>>(path).await {
            Ok(items) => list.set(Some(items)),
            Err(e) => error.set(Some(e)),
        }
    });
    (list, error)
}

/// The list as loaded, its loading state or why it could not be loaded.
fn list_view<T, V>(
    list: RwSignal<Option<Vec<T>>>,
    error: RwSignal<Option<ApiError>>,
    item: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        if let Some(e) = error.get() {
            return view! { <ErrorBox error=e/> }.into_any();
        }
        match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(items) if items.is_empty() => {
                view! { <p class="muted">{texts::t(K::NothingWaiting)}</p> }.into_any()
            }
            Some(items) => {
                view! { <ul class="cards">{items.into_iter().map(item.clone()).collect_view()}</ul> }
                    .into_any()
            }
        }
    }
}

/// Replaces the entry `matches` picks with `new` (the server's answer after a step).
pub(super) fn replace<T: Clone + Send + Sync + 'static>(
    list: RwSignal<Option<Vec<T>>>,
    new: T,
    matches: impl Fn(&T) -> bool,
) {
    list.update(|items| {
        if let Some(entry) = items
            .as_mut()
            .and_then(|all| all.iter_mut().find(|e| matches(e)))
        {
            *entry = new;
        }
    });
}

/// The roles an account may be given, staff roles first.
const ROLES: [Role; 6] = [
    Role::Reporter,
    Role::Reviewer,
    Role::Handler,
    Role::Admin,
    Role::Auditor,
    Role::CivilServant,
];

#[component]
fn NewAccountForm(accounts: RwSignal<Option<Vec<ManagedAccount>>>) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let roles: RwSignal<Vec<Role>> = RwSignal::new(Vec::new());
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let created: RwSignal<Option<String>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewAccountRequest {
            username: username.get_untracked().trim().to_string(),
            display_name: display_name.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            roles: roles.get_untracked(),
            id_number: optional(&id_number),
            organisation_uscc: optional(&organisation),
        };
        busy.set(true);
        error.set(None);
        created.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, ManagedAccount>("/api/v1/admin/accounts", &request).await {
                Ok(account) => {
                    created.set(Some(account.username.clone()));
                    accounts.update(|all| all.get_or_insert_with(Vec::new).insert(0, account));
                    for field in [username, display_name, password, organisation, id_number] {
                        field.set(String::new());
                    }
                    roles.set(Vec::new());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let role_error = super::work_form::message_for(error, "roles");
    view! {
        <form class="stack card" on:submit=submit data-form="new-account">
            <h2>{texts::t(K::NewAccount)}</h2>
            <TextField id="new-username".into() label=texts::t(K::Username) value=username error=error field="username"
                hint=texts::t(K::UsernameHint)/>
            <TextField id="new-display-name".into() label=texts::t(K::DisplayName) value=display_name error=error field="display_name"/>
            <TextField id="new-password".into() label=texts::t(K::FirstPassword) value=password error=error field="password"
                kind="password" hint=texts::t(K::PasswordHint)/>
            <fieldset aria-invalid=move || role_error.with(Option::is_some).to_string()>
                <legend>{texts::t(K::Roles)}</legend>
                {ROLES.into_iter().map(|role| view! {
                    <label class="check">
                        <input type="checkbox" value=role.code()
                            prop:checked=move || roles.with(|r| r.contains(&role))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                roles.update(|r| {
                                    r.retain(|x| *x != role);
                                    if on { r.push(role); }
                                });
                            }/>
                        {label(role)}
                    </label>
                }).collect_view()}
                {move || role_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </fieldset>
            <TextField id="new-organisation".into() label=texts::t(K::DepartmentUscc) value=organisation error=error
                field="organisation_uscc" hint=texts::t(K::DepartmentUsccHint)/>
            <TextField id="new-id-number".into() label=texts::t(K::IdNumber) value=id_number error=error field="id_number"
                hint=texts::t(K::IdNumberHint)/>
            <button type="submit" disabled=move || busy.get()>{texts::t(K::CreateAccount)}</button>
            {failure_line(error)}
            {move || created.get().map(|name| view! {
                <p class="done" role="status">{texts::t(K::AccountCreated)} " " <span class="code">{name}</span></p>
            })}
        </form>
    }
}

#[component]
fn AccountCard(
    account: ManagedAccount,
    accounts: RwSignal<Option<Vec<ManagedAccount>>>,
) -> impl IntoView {
    let username = account.username.clone();
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let done: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let new_password = RwSignal::new(String::new());
    let step = move |action: &'static str, body: Option<PasswordReset>, said: &'static str| {
        let path = format!(
            "/api/v1/admin/accounts/{}/{action}",
            js_sys::encode_uri_component(&username)
                .as_string()
                .unwrap_or_default()
        );
        busy.set(true);
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let answer = match &body {
                Some(reset) => api::post_json::<_, ManagedAccount>(&path, reset).await,
                None => api::post_json::<_, ManagedAccount>(&path, &()).await,
            };
            match answer {
                Ok(changed) => {
                    let name = changed.username.clone();
                    replace(accounts, changed, |a| a.username == name);
                    new_password.set(String::new());
                    done.set(Some(said));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let disabled = account.disabled_at.is_some();
    let toggle_step = step.clone();
    let toggle = move |_| {
        if disabled {
            toggle_step("enable", None, texts::t(K::AccountEnabled));
        } else {
            toggle_step("disable", None, texts::t(K::AccountDisabled));
        }
    };
    let reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let password = new_password.get_untracked();
        step(
            "password",
            Some(PasswordReset { password }),
            texts::t(K::PasswordSet),
        );
    };
    let roles: Vec<&str> = account.roles.iter().map(|r| label(*r)).collect();
    let organisation = account.organisation.map(|o| o.name).unwrap_or_default();
    let last = account
        .last_sign_in_at
        .map(|at| format!("{} {}", texts::t(K::LastSignIn), minute(at)))
        .unwrap_or_else(|| texts::t(K::NeverSignedIn).to_string());
    let password_id = format!("password-{}", account.username);
    view! {
        <li class="card" data-account=account.username.clone()>
            <strong>{account.display_name.clone()} " · " <span class="code">{account.username.clone()}</span></strong>
            <span>{roles.join("、")}</span>
            {(!organisation.is_empty()).then(|| view! { <span class="muted">{organisation}</span> })}
            <span class="muted small">{last}</span>
            {disabled.then(|| view! { <span class="badge warn">{texts::t(K::Disabled)}</span> })}
            <div class="actions">
                <button type="button" class="secondary" data-action=if disabled { "enable" } else { "disable" }
                    disabled=move || busy.get() on:click=toggle>
                    {if disabled { texts::t(K::Enable) } else { texts::t(K::Disable) }}
                </button>
            </div>
            <form class="stack" on:submit=reset>
                <TextField id=password_id label=texts::t(K::NewPassword) value=new_password error=error field="password" kind="password"/>
                <button type="submit" class="secondary" disabled=move || busy.get()>{texts::t(K::SetPassword)}</button>
            </form>
            {failure_line(error)}
            {move || done.get().map(|said| view! { <p class="done" role="status">{said}</p> })}
        </li>
    }
}

/// `/work/accounts`: the credit office's accounts.
#[component]
pub fn Accounts() -> impl IntoView {
    require_sign_in();
    let (accounts, error) = load_list::<ManagedAccount>("/api/v1/admin/accounts");
    view! {
        <h1>{texts::t(K::AccountsTitle)}</h1>
        <p class="muted">{texts::t(K::AccountsHint)}</p>
        <NewAccountForm accounts=accounts/>
        <h2>{texts::t(K::AllAccounts)}</h2>
        {list_view(accounts, error, move |account| view! { <AccountCard account=account accounts=accounts/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

#[component]
fn NewKeyForm(keys: RwSignal<Option<Vec<ApiKeySummary>>>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let issued: RwSignal<Option<String>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewApiKeyRequest {
            name: name.get_untracked().trim().to_string(),
            owner: owner.get_untracked().trim().to_string(),
        };
        busy.set(true);
        error.set(None);
        issued.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, IssuedApiKey>("/api/v1/admin/api-keys", &request).await {
                Ok(new) => {
                    issued.set(Some(new.key));
                    keys.update(|all| all.get_or_insert_with(Vec::new).insert(0, new.summary));
                    name.set(String::new());
                    owner.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let copy = move |_| {
        if let (Some(key), Some(window)) = (issued.get_untracked(), web_sys::window()) {
            let _ = window.navigator().clipboard().write_text(&key);
        }
    };
    view! {
        <form class="stack card" on:submit=submit data-form="new-key">
            <h2>{texts::t(K::IssueFormTitle)}</h2>
            <TextField id="key-name".into() label=texts::t(K::AppNameField) value=name error=error field="name"/>
            <TextField id="key-owner".into() label=texts::t(K::AppOwner) value=owner error=error field="owner"
                hint=texts::t(K::AppOwnerHint)/>
            <button type="submit" disabled=move || busy.get()>{texts::t(K::IssueButton)}</button>
            {failure_line(error)}
            {move || issued.get().map(|key| view! {
                <div class="receipt" role="status">
                    <p><strong>{texts::t(K::ShownOnce)}</strong></p>
                    <p class="code issued-key" data-testid="issued-key">{key}</p>
                    <button type="button" class="secondary" on:click=copy>{texts::t(K::Copy)}</button>
                </div>
            })}
        </form>
    }
}

#[component]
fn KeyCard(key: ApiKeySummary, keys: RwSignal<Option<Vec<ApiKeySummary>>>) -> impl IntoView {
    let prefix = key.prefix.clone();
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // Revoking cannot be undone: the first press asks, the second revokes.
    let confirming = RwSignal::new(false);
    let revoke = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let path = format!("/api/v1/admin/api-keys/{prefix}/revoke");
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, ApiKeySummary>(&path, &()).await {
                Ok(changed) => {
                    let changed_prefix = changed.prefix.clone();
                    replace(keys, changed, |k| k.prefix == changed_prefix);
                }
                Err(e) => error.set(Some(e)),
            }
            confirming.set(false);
            busy.set(false);
        });
    };
    let state = match key.revoked_at {
        Some(at) => view! { <span class="badge warn">{texts::t(K::Revoked)} " " {minute(at)}</span> }.into_any(),
        None => view! {
            <div class="actions">
                <button type="button" class="secondary" data-action="revoke" disabled=move || busy.get() on:click=revoke>
                    {move || if confirming.get() { texts::t(K::ConfirmRevoke) } else { texts::t(K::Revoke) }}
                </button>
            </div>
        }
        .into_any(),
    };
    view! {
        <li class="card" data-key=key.prefix.clone()>
            <strong>{key.name.clone()}</strong>
            <span class="code">{format!("cx_{}_…", key.prefix)}</span>
            <span class="muted">{key.owner.clone()}</span>
            <span class="muted small">{texts::t(K::CreatedAt)} " " {minute(key.created_at)}</span>
            {state}
            {failure_line(error)}
        </li>
    }
}

/// `/work/keys`: third-party apps' API keys.
#[component]
pub fn ApiKeys() -> impl IntoView {
    require_sign_in();
    let (keys, error) = load_list::<ApiKeySummary>("/api/v1/admin/api-keys");
    view! {
        <h1>{texts::t(K::KeysTitle)}</h1>
        <p class="muted">{texts::t(K::KeysHint)}</p>
        <NewKeyForm keys=keys/>
        <h2>{texts::t(K::AllApiKeys)}</h2>
        {list_view(keys, error, move |key| view! { <KeyCard key=key keys=keys/> })}
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}
