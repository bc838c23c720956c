//! Sign-in, the signed-in person's own archive (`/me`), grants for authorised queries, and what
//! government sharing and authorised queries return.

use crate::enums::{
    AccessChannel, Category, DisclosureRoute, Grade, GrantState, GranteeKind, PublicityTier,
    RecordStatus, Role, WorkKind,
};
use crate::public::OrgRef;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Account name and password.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "demo-servant", max_length = 64))]
    pub username: String,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Chengxin-Demo-2026", max_length = 256)
    )]
    pub password: String,
}

/// A refresh token to exchange for a new pair.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub refresh_token: String,
}

/// A short-lived access token (JWT, EdDSA) and an opaque refresh token that rotates on each use.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenPair {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    pub refresh_token: String,
    /// Seconds until the refresh token expires (each use returns a new one).
    pub refresh_expires_in: u64,
}

/// The signed-in account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The department a staff account works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrgRef>,
}

/// A post a person holds or held.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentView {
    pub organisation: OrgRef,
    pub position: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    pub started_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<NaiveDate>,
}

/// The person an account belongs to, as the archive knows them. The ID number only masked.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonView {
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "379901********1234"))]
    pub id_masked: String,
    /// Whether the person lets the archive compute a score (without it: records kept, not scored).
    pub scoring_consent: bool,
    pub appointments: Vec<AppointmentView>,
}

/// `GET /me`: who is signed in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyProfile {
    pub account: AccountView,
    /// Absent for staff accounts that are not linked to a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonView>,
}

/// When a record is published.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicityView {
    pub from: NaiveDate,
    /// From this day credit repair may be applied for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repairable_from: Option<NaiveDate>,
    /// First day it is no longer published.
    pub until: NaiveDate,
    /// Whether the public sees it today.
    pub published_now: bool,
}

/// One version of a record: every correction keeps the earlier text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordVersionView {
    pub version: i32,
    pub reason: String,
    pub changed_at: DateTime<Utc>,
}

/// A record's part in the owner's score.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordScoreView {
    pub counts: bool,
    /// Points it adds now (negative for deductions, 0 when it does not count).
    pub points: i32,
    /// A stable code: `counts`, `repeated`, `expired`, `exempt`, `repaired`, …
    pub reason: String,
    pub explanation: String,
    /// First day it no longer counts.
    pub valid_until: NaiveDate,
}

/// One of the signed-in person's records, in any category and route.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRecord {
    pub id: i64,
    pub category: Category,
    pub kind_code: String,
    pub kind_name: String,
    pub title: String,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deciding_org: Option<OrgRef>,
    pub reporting_org: OrgRef,
    pub decided_on: NaiveDate,
    pub occurred_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conduct_ended_on: Option<NaiveDate>,
    pub route: DisclosureRoute,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<PublicityTier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity: Option<PublicityView>,
    pub status: RecordStatus,
    pub version: i32,
    /// Earlier versions, oldest first (empty when the record was never changed).
    pub versions: Vec<RecordVersionView>,
    /// An objection to this record is open (异议处理中).
    pub disputed: bool,
    /// Whether a credit repair application for this record would be taken today.
    pub repair_eligible: bool,
    /// Absent when the record is not a scoring item or the person is not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<RecordScoreView>,
}

/// The rulebook version a score was computed with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulebookRef {
    pub code: String,
    pub version: u32,
    pub name: String,
}

/// One record's line in the score explanation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreLineView {
    pub record_id: i64,
    pub title: String,
    pub item_code: String,
    pub item_name: String,
    /// The item's points by the rulebook (absent for a direct grade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_points: Option<i32>,
    /// 1, or the repeat multiplier for a repeated breach.
    pub multiplier: i32,
    pub points: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_grade: Option<Grade>,
    pub valid_from: NaiveDate,
    /// First day on which it no longer counts.
    pub valid_until: NaiveDate,
    pub counts: bool,
    pub reason: String,
    pub explanation: String,
}

/// A direct grade in force and the record that set it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectGradeView {
    pub grade: Grade,
    pub record_id: i64,
    pub until: NaiveDate,
}

/// Scored, or not scored (no consent).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoreState {
    Scored,
    NotScored,
}

/// `GET /me/score`: the score, the grade and every point explained.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyScore {
    pub state: ScoreState,
    /// Why there is no score (only when not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_scored_reason: Option<String>,
    pub rulebook: RulebookRef,
    pub as_of: NaiveDate,
    pub base: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i32>,
    /// The grade the points alone give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_grade: Option<Grade>,
    /// The grade that applies (the worse of the band grade and a direct grade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_grade: Option<DirectGradeView>,
    /// Items that count now.
    pub counting: Vec<ScoreLineView>,
    /// Items kept in the archive that do not count, each with the reason.
    pub not_counting: Vec<ScoreLineView>,
}

/// What changed the score on a day.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreChange {
    /// `started_counting`, `stopped_counting`, `points_changed` or `rulebook_changed`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
    pub description: String,
    /// The change in points this cause brought.
    pub points: i32,
}

/// The score from one day on, and why it changed that day.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreHistoryPoint {
    pub on: NaiveDate,
    pub score: i32,
    pub grade: Grade,
    pub rulebook_version: u32,
    pub causes: Vec<ScoreChange>,
}

/// `GET /me/score/history`: each change of the score over time.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreHistory {
    pub state: ScoreState,
    pub rulebook_code: String,
    /// Oldest first; empty when not scored.
    pub points: Vec<ScoreHistoryPoint>,
}

/// One read of the person's non-public records by someone else.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogEntry {
    pub id: i64,
    pub accessed_at: DateTime<Utc>,
    pub channel: AccessChannel,
    /// The department, person or app that looked.
    pub accessor: String,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub record_count: i64,
}

/// One read of someone's non-public records as the auditor sees it: whose records, who read
/// them, from which department and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditedAccess {
    pub id: i64,
    pub accessed_at: DateTime<Utc>,
    pub channel: AccessChannel,
    /// The person whose records were read (ID number masked).
    pub subject: SubjectPerson,
    /// The department, person or app that looked.
    pub accessor: String,
    /// The reader's department, where the reader belongs to one.
    pub accessor_department: Option<String>,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub record_count: i64,
}

/// The result of recomputing the audit chain from its first event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditChainCheck {
    /// Every event links to the one before it and its hash matches its content.
    pub intact: bool,
    /// How many events link up (all of them when intact, those before the break otherwise).
    pub events: i64,
    /// The sequence number of the first event that does not match, when broken.
    pub broken_at: Option<i64>,
    pub checked_at: DateTime<Utc>,
}

/// Scoring consent on or off.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub scoring_consent: bool,
}

/// Who may receive a grant: an app by its key prefix, or an organisation by its USCC.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GranteeRef {
    pub kind: GranteeKind,
    /// For an app: the public part of its API key (`cx_xxxxxxxx`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "cx_demoapp1", max_length = 32))]
    pub api_key_prefix: Option<String>,
    /// For an organisation: its unified social credit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 18))]
    pub uscc: Option<String>,
}

/// A grantee one may choose, with its name.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GranteeOption {
    pub name: String,
    pub grantee: GranteeRef,
}

/// `POST /me/grants`: let an app or organisation read chosen categories until a day.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGrant {
    pub grantee: GranteeRef,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "申请个人经营贷款", max_length = 200)
    )]
    pub purpose: String,
    pub categories: Vec<Category>,
    /// Last day the grant may be used.
    pub valid_until: NaiveDate,
}

/// A grant as its giver sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantView {
    pub id: i64,
    pub grantee_kind: GranteeKind,
    pub grantee_name: String,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub valid_until: NaiveDate,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
    pub state: GrantState,
    /// How often the grantee has used it.
    pub uses: i64,
}

/// A record as government sharing and authorised queries return it: no internal fields.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedRecord {
    pub id: i64,
    pub category: Category,
    pub kind_name: String,
    pub title: String,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deciding_org: Option<OrgRef>,
    pub decided_on: NaiveDate,
    pub occurred_on: NaiveDate,
    pub route: DisclosureRoute,
    pub status: RecordStatus,
}

/// The person a shared or authorised answer is about.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectPerson {
    pub name: String,
    pub id_masked: String,
}

/// `GET /authorised/grants/{id}/records`: exactly what the grant covers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorisedRecords {
    pub grant_id: i64,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub valid_until: NaiveDate,
    pub subject: SubjectPerson,
    pub records: Vec<SharedRecord>,
}

/// `POST /sharing/person-records`: a department reads a person's records for a stated purpose.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SharingRequest {
    /// The person's resident ID number (sent in the body so it never lands in URLs or logs).
    #[cfg_attr(feature = "openapi", schema(max_length = 18))]
    pub id_number: String,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "干部选拔任用考察", max_length = 200)
    )]
    pub purpose: String,
    /// Categories to read; all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<Category>>,
}

/// What government sharing returns.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedRecords {
    pub subject: SubjectPerson,
    pub purpose: String,
    pub records: Vec<SharedRecord>,
}

/// A staff or civil-servant account as the credit office manages it (never its password).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedAccount {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The department a staff account works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrgRef>,
    /// Whether the account is linked to a person's archive (a civil servant's own account).
    pub linked_to_archive: bool,
    pub created_at: DateTime<Utc>,
    /// Set while the account is disabled: it cannot sign in and its sessions have ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_at: Option<DateTime<Utc>>,
    /// The last sign-in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// A new account, created by the credit office.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAccountRequest {
    /// 3–64 lowercase letters, digits or `. _ -`.
    #[cfg_attr(feature = "openapi", schema(example = "zhang.wei", max_length = 64))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "张伟", max_length = 100))]
    pub display_name: String,
    /// The first password, to be given to the person (at least 10 characters, not the name).
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub password: String,
    pub roles: Vec<Role>,
    /// For a civil servant: their resident ID number, to link the archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// For department staff (reporter, reviewer, handler): the USCC of their department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_uscc: Option<String>,
}

/// A new password set by the credit office; the account's sessions end.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub password: String,
}

/// A third-party app's API key as listed (never its secret).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeySummary {
    /// The key's public part (after `cx_`), which names it.
    pub prefix: String,
    pub name: String,
    pub owner: String,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new API key for an app.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiKeyRequest {
    /// What the app is.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "信用查询小程序", max_length = 100)
    )]
    pub name: String,
    /// Who answers for it: the company and a contact.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "某某科技有限公司 王工 13800138000", max_length = 200)
    )]
    pub owner: String,
}

/// A key just created: the whole key is shown this once; only its hash is kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedApiKey {
    /// `cx_<prefix>_<secret>`: send it as `X-Api-Key`.
    pub key: String,
    #[serde(flatten)]
    pub summary: ApiKeySummary,
}

/// A signed-in member of staff's workspace (工作台): what waits for each of their roles.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workspace {
    pub account: AccountView,
    /// What waits, role by role, nearest deadline first within a role.
    pub work: Vec<WorkItem>,
}

/// One kind of work waiting for one role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkItem {
    pub role: Role,
    pub kind: WorkKind,
    pub count: i64,
    /// The nearest deadline among them, if they have deadlines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearest_due: Option<NaiveDate>,
    /// Working days from today to that deadline (0: due today); negative once it has passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days_left: Option<i64>,
    /// The oldest among them, for work without deadlines (how long the queue has waited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_since: Option<NaiveDate>,
}
