//! Who may call which endpoint: one table, used by the handlers (through the role lists) and by
//! the generated authorisation-matrix test, which calls every row as every role.

use chengxin_types::Role;

/// Who an endpoint admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No credentials needed.
    Anyone,
    /// Any signed-in account.
    SignedIn,
    /// A signed-in account holding one of these roles.
    Roles(&'static [Role]),
    /// The grantee of a grant: an app by its API key, or staff of the granted organisation.
    Grantee,
}

/// The owner of a personal archive reads and manages it under `/me`.
pub const OWN_ARCHIVE: &[Role] = &[Role::CivilServant];
/// Staff who may read through government sharing.
pub const SHARING: &[Role] = &[Role::Reviewer, Role::Handler, Role::Admin];
/// Who may read every access log.
pub const OVERSIGHT: &[Role] = &[Role::Auditor, Role::Admin];

/// Handlers of the department that produced a record (谁认定、谁修复).
pub const HANDLING: &[Role] = &[Role::Handler];
/// The credit office watches deadlines.
pub const OVERDUE_LIST: &[Role] = &[Role::Admin];

/// Department reporters submit records (信息报送).
pub const REPORTING: &[Role] = &[Role::Reporter];
/// The department's review panel (评议小组) approves, returns or exempts them.
pub const REVIEWING: &[Role] = &[Role::Reviewer];
/// Both see the department's submissions and batches.
pub const INTAKE: &[Role] = &[Role::Reporter, Role::Reviewer];

/// The credit office edits the scoring rulebook (as new versions).
pub const RULEBOOK_ADMIN: &[Role] = &[Role::Admin];

/// The credit office handles complaints about government bodies.
pub const COMPLAINT_HANDLING: &[Role] = &[Role::Admin];

/// One endpoint and who it admits. Paths as in the OpenAPI document, without `/api/v1`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn rule(method: &'static str, path: &'static str, access: Access) -> Rule {
    Rule {
        method,
        path,
        access,
    }
}

/// Every endpoint outside the public queries.
pub const RULES: &[Rule] = &[
    rule("POST", "/auth/login", Access::Anyone),
    rule("POST", "/auth/refresh", Access::Anyone),
    rule("POST", "/auth/logout", Access::SignedIn),
    rule("GET", "/me", Access::SignedIn),
    rule("GET", "/me/records", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/me/score", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/me/score/history", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/me/access-log", Access::Roles(OWN_ARCHIVE)),
    // Posted for all staff (张榜公示).
    rule("GET", "/me/scoring-standard", Access::SignedIn),
    rule("PUT", "/me/consent", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/me/grants", Access::Roles(OWN_ARCHIVE)),
    rule("POST", "/me/grants", Access::Roles(OWN_ARCHIVE)),
    rule("POST", "/me/grants/{id}/revoke", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/me/grantees", Access::SignedIn),
    rule("GET", "/authorised/grants/{id}/records", Access::Grantee),
    rule("POST", "/sharing/person-records", Access::Roles(SHARING)),
    rule("GET", "/oversight/access-log", Access::Roles(OVERSIGHT)),
    rule("POST", "/objections", Access::Anyone),
    rule("POST", "/objections/track", Access::Anyone),
    rule("POST", "/objections/withdraw", Access::Anyone),
    rule("GET", "/me/objections", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/handling/objections", Access::Roles(HANDLING)),
    rule(
        "POST",
        "/handling/objections/{ticket_no}/steps",
        Access::Roles(HANDLING),
    ),
    rule(
        "GET",
        "/oversight/objections/overdue",
        Access::Roles(OVERDUE_LIST),
    ),
    rule("POST", "/repairs", Access::Anyone),
    rule("POST", "/repairs/track", Access::Anyone),
    rule("POST", "/repairs/withdraw", Access::Anyone),
    rule("GET", "/repairs/{ticket_no}/decision", Access::Anyone),
    rule("GET", "/me/repairs", Access::Roles(OWN_ARCHIVE)),
    rule("GET", "/handling/repairs", Access::Roles(HANDLING)),
    rule(
        "POST",
        "/handling/repairs/{ticket_no}/steps",
        Access::Roles(HANDLING),
    ),
    rule("POST", "/complaints", Access::Anyone),
    rule("POST", "/complaints/track", Access::Anyone),
    rule(
        "GET",
        "/oversight/complaints",
        Access::Roles(COMPLAINT_HANDLING),
    ),
    rule(
        "POST",
        "/oversight/complaints/{ticket_no}/steps",
        Access::Roles(COMPLAINT_HANDLING),
    ),
    rule("POST", "/intake/imports", Access::Roles(REPORTING)),
    rule("POST", "/intake/submissions", Access::Roles(REPORTING)),
    rule("GET", "/intake/submissions", Access::Roles(INTAKE)),
    rule("GET", "/intake/submissions/{id}", Access::Roles(INTAKE)),
    rule(
        "POST",
        "/intake/submissions/{id}/review",
        Access::Roles(REVIEWING),
    ),
    rule("GET", "/intake/batches", Access::Roles(INTAKE)),
    rule("GET", "/intake/listings", Access::Roles(INTAKE)),
    rule(
        "POST",
        "/intake/batches/{id}/review",
        Access::Roles(REVIEWING),
    ),
    rule(
        "GET",
        "/oversight/publication-timeliness",
        Access::Roles(OVERSIGHT),
    ),
    rule(
        "GET",
        "/admin/rulebooks/{code}/versions",
        Access::Roles(RULEBOOK_ADMIN),
    ),
    rule("GET", "/admin/record-kinds", Access::Roles(RULEBOOK_ADMIN)),
    rule("POST", "/admin/record-kinds", Access::Roles(RULEBOOK_ADMIN)),
    rule(
        "PUT",
        "/admin/record-kinds/{code}",
        Access::Roles(RULEBOOK_ADMIN),
    ),
    rule(
        "POST",
        "/admin/record-kinds/{code}/retire",
        Access::Roles(RULEBOOK_ADMIN),
    ),
    rule(
        "POST",
        "/admin/rulebooks/{code}/versions",
        Access::Roles(RULEBOOK_ADMIN),
    ),
];

impl Access {
    /// Whether a signed-in account with `roles` is admitted (grantee checks need the grant).
    pub fn admits(self, roles: &[Role]) -> bool {
        match self {
            Access::Anyone | Access::SignedIn => true,
            Access::Roles(allowed) => roles.iter().any(|r| allowed.contains(r)),
            Access::Grantee => false,
        }
    }
}
