//! Queries of the public API. Every query here selects only what the public may see; the rules are
//! those of `domain::disclosure`, and `tests/` checks the two agree on a real database.

use super::query::{Arg, Sql, like_pattern};
use super::{Store, StoreResult, on_pool};
use crate::domain::disclosure::{DisclosureSettings, Register};
use chengxin_types::{
    CommitmentKind, FulfilmentStatus, LicenceCategory, ListKind, ListingStatus, PenaltyCategory,
};
use chrono::NaiveDate;

/// Newest first (the default) or oldest first, by the list's date, then by id for a stable order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// Where the previous page ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyset {
    pub date: NaiveDate,
    pub id: i64,
}

/// Which page: sort, position and size. The store returns up to `limit + 1` rows so the caller
/// knows whether another page follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageQuery {
    pub sort: SortOrder,
    pub after: Option<Keyset>,
    pub limit: u32,
}

/// The id of the organisation with this USCC, so filters compare ids and walk the (org, date, id)
/// indexes. An unknown code maps to an id no row has, which correctly matches nothing.
async fn org_id_of(store: &Store, uscc: Option<&str>) -> StoreResult<Option<i64>> {
    let Some(uscc) = uscc else { return Ok(None) };
    let id: Option<(i64,)> = on_pool!(store, |pool| sqlx::query_as(
        "SELECT id FROM organisations WHERE uscc = $1"
    )
    .bind(uscc)
    .fetch_optional(pool)
    .await)?;
    Ok(Some(id.map_or(-1, |(id,)| id)))
}

impl PageQuery {
    /// The first `limit` rows, newest first (detail lookups use `first(1)`).
    pub fn first(limit: u32) -> Self {
        PageQuery {
            sort: SortOrder::NewestFirst,
            after: None,
            limit,
        }
    }
}

/// Appends the keyset condition, the order and the limit for a `(date, id)` ordering.
/// Puts rows in the page's order by their keyset (date, id).
fn in_page_order<R>(rows: &mut [R], page: &PageQuery, key: impl Fn(&R) -> (NaiveDate, i64)) {
    match page.sort {
        SortOrder::NewestFirst => rows.sort_by_key(|r| std::cmp::Reverse(key(r))),
        SortOrder::OldestFirst => rows.sort_by_key(|r| key(r)),
    }
}

pub(super) const LISTING_FIELDS: &[&str] = &[
    "id",
    "subject_kind",
    "subject_name",
    "subject_uscc",
    "subject_id_masked",
    "list_kind",
    "dept_name",
    "dept_uscc",
    "basis_doc_no",
    "listed_on",
    "removal_due_on",
    "removed_on",
    "status",
    "reason",
    "legal_basis",
    "removal_conditions",
    "src_name",
    "src_uscc",
    "case_no",
    "court",
    "duty",
    "performed_part",
    "unperformed_part",
    "disputed",
    "record_id",
];

/// The columns of a listing answer, before its conditions. The preview of a submission
/// (`store::preview`) reads a pending entry through the same text.
pub(super) const LISTING_SELECT: &str = "SELECT e.id, e.subject_kind, e.subject_name, e.subject_uscc, e.subject_id_masked, e.list_kind,
        d.name AS dept_name, d.uscc AS dept_uscc, e.basis_doc_no, e.listed_on, e.removal_due_on, e.removed_on,
        e.status, e.reason, e.legal_basis, e.removal_conditions, s.name AS src_name, s.uscc AS src_uscc,
        e.case_no, e.court, e.duty, e.performed_part, e.unperformed_part,
        EXISTS (SELECT 1 FROM objections o WHERE o.record_id = e.record_id AND o.status IN ('submitted', 'accepted')) AS disputed,
        e.record_id
     FROM serious_breach_entries e
     JOIN organisations d ON d.id = e.deciding_org_id
     JOIN organisations s ON s.id = e.source_org_id
     WHERE ";

/// A penalty answer: the head, then the day of publication (a pending penalty has none yet, so
/// its preview puts in today), then the tail.
pub(super) const PENALTY_SELECT_HEAD: &str = "SELECT p.id, p.cf_wsh, p.cf_wfxw, p.cf_sy, p.cf_yj, p.cf_cflb, p.cf_nr, p.fine_cents, p.cf_jdrq, p.cf_gsjzq,
        p.cf_cfjg, p.cf_cfjgdm, p.cf_sjly, p.cf_sjlydm, p.cf_xdr_mc, p.cf_xdr_shxym, p.xdr_id_masked, p.person_id, p.tier, ";
pub(super) const PENALTY_SELECT_TAIL: &str = " AS published_on,
        EXISTS (SELECT 1 FROM objections o WHERE o.record_id = p.record_id AND o.status IN ('submitted', 'accepted')) AS disputed,
        p.record_id
     FROM penalties p
     WHERE ";

/// A licence answer, in two parts as a penalty's.
pub(super) const LICENCE_SELECT_HEAD: &str = "SELECT l.id, l.xk_wsh, l.xk_xkws, l.xk_xklb, l.xk_xkzs, l.xk_xkbh, l.xk_nr, l.xk_jdrq, l.xk_yxqz, l.xk_yxqzi,
        l.xk_xkjg, l.xk_xkjgdm, l.xk_sjly, l.xk_sjlydm, l.xk_xdr_mc, l.xk_xdr_shxym, ";
pub(super) const LICENCE_SELECT_TAIL: &str = " AS published_on
     FROM licences l
     WHERE ";

pub(super) const COMMITMENT_SELECT: &str = "SELECT c.id, c.kind, c.subject_kind, c.subject_name, o.uscc AS subject_uscc, c.content, c.made_on,
        a.name AS acc_name, a.uscc AS acc_uscc, c.due_on, c.status, s.name AS src_name, s.uscc AS src_uscc
     FROM commitments c
     LEFT JOIN organisations o ON o.id = c.organisation_id
     JOIN organisations a ON a.id = c.accepting_org_id
     JOIN organisations s ON s.id = c.source_org_id
     WHERE ";

pub(super) const PENALTY_FIELDS: &[&str] = &[
    "id",
    "cf_wsh",
    "cf_wfxw",
    "cf_sy",
    "cf_yj",
    "cf_cflb",
    "cf_nr",
    "fine_cents",
    "cf_jdrq",
    "cf_gsjzq",
    "cf_cfjg",
    "cf_cfjgdm",
    "cf_sjly",
    "cf_sjlydm",
    "cf_xdr_mc",
    "cf_xdr_shxym",
    "xdr_id_masked",
    "person_id",
    "tier",
    "published_on",
    "disputed",
    "record_id",
];

pub(super) const LICENCE_FIELDS: &[&str] = &[
    "id",
    "xk_wsh",
    "xk_xkws",
    "xk_xklb",
    "xk_xkzs",
    "xk_xkbh",
    "xk_nr",
    "xk_jdrq",
    "xk_yxqz",
    "xk_yxqzi",
    "xk_xkjg",
    "xk_xkjgdm",
    "xk_sjly",
    "xk_sjlydm",
    "xk_xdr_mc",
    "xk_xdr_shxym",
    "published_on",
];

pub(super) const COMMITMENT_FIELDS: &[&str] = &[
    "id",
    "kind",
    "subject_kind",
    "subject_name",
    "subject_uscc",
    "content",
    "made_on",
    "acc_name",
    "acc_uscc",
    "due_on",
    "status",
    "src_name",
    "src_uscc",
];

fn paginate(sql: &mut Sql, date: &str, id: &str, page: &PageQuery) {
    let (cmp, dir) = match page.sort {
        SortOrder::NewestFirst => ("<", "DESC"),
        SortOrder::OldestFirst => (">", "ASC"),
    };
    if let Some(after) = page.after {
        // A row-value comparison, which both backends turn into an index range; the equivalent
        // `a < x OR (a = x AND id < y)` makes SQLite walk from the top of the index.
        sql.push(&format!(" AND ({date}, {id}) {cmp} ("))
            .bind(Arg::Date(after.date));
        sql.push(", ").bind(Arg::Int(after.id)).push(")");
    }
    sql.push(&format!(" ORDER BY {date} {dir}, {id} {dir} LIMIT "))
        .bind(Arg::Int(i64::from(page.limit) + 1));
}

/// A name search over a subject-name column. Persons' names are searched only when the deployment
/// publishes them in full: otherwise a search for 张伟 would reveal who 张* is.
fn name_filter(
    sql: &mut Sql,
    name: Option<&str>,
    name_column: &str,
    kind_column: &str,
    match_person_names: bool,
) {
    if let Some(name) = name {
        if !match_person_names {
            sql.push(&format!(" AND {kind_column} = 'organisation'"));
        }
        sql.and_bind(
            &format!("{name_column} LIKE "),
            Some(Arg::Text(like_pattern(name))),
            " ESCAPE '\\'",
        );
    }
}

#[derive(Debug, Clone, Default)]
pub struct ListingFilter {
    pub name: Option<String>,
    pub match_person_names: bool,
    pub uscc: Option<String>,
    /// The visible last characters of a person's masked ID number.
    pub id_tail: Option<String>,
    pub list_kind: Option<ListKind>,
    pub department_uscc: Option<String>,
    pub listed_from: Option<NaiveDate>,
    pub listed_to: Option<NaiveDate>,
    pub status: Option<ListingStatus>,
    pub organisation_id: Option<i64>,
    pub id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct ListingRow {
    pub id: i64,
    pub subject_kind: String,
    pub subject_name: String,
    pub subject_uscc: Option<String>,
    pub subject_id_masked: Option<String>,
    pub list_kind: String,
    pub dept_name: String,
    pub dept_uscc: String,
    pub basis_doc_no: String,
    pub listed_on: NaiveDate,
    pub removal_due_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub status: chengxin_types::ListingStatus,
    pub reason: String,
    pub legal_basis: String,
    pub removal_conditions: String,
    pub src_name: String,
    pub src_uscc: String,
    pub case_no: Option<String>,
    pub court: Option<String>,
    pub duty: Option<String>,
    pub performed_part: Option<String>,
    pub unperformed_part: Option<String>,
    /// An objection to the underlying record is open (异议处理中).
    #[serde(deserialize_with = "super::query::bool_from_json")]
    pub disputed: bool,
    pub record_id: Option<i64>,
}

/// An entry of a department's own list, in any state.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DepartmentListingRow {
    pub id: i64,
    pub subject_kind: String,
    pub subject_name: String,
    pub subject_uscc: Option<String>,
    pub subject_id_masked: Option<String>,
    pub list_kind: String,
    pub basis_doc_no: String,
    pub listed_on: NaiveDate,
    pub removal_due_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub status: String,
    pub record_id: Option<i64>,
    pub record_status: Option<String>,
}

impl DepartmentListingRow {
    pub fn facts(&self) -> crate::domain::listing::ListingFacts {
        crate::domain::listing::ListingFacts::from_codes(
            &self.status,
            self.listed_on,
            self.removal_due_on,
            self.record_status.as_deref(),
        )
    }
}

/// What decides whether an entry is public, for any entry (public or not).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListingFactsRow {
    pub status: String,
    pub listed_on: NaiveDate,
    pub removal_due_on: Option<NaiveDate>,
    pub record_status: Option<String>,
}

impl ListingFactsRow {
    pub fn facts(&self) -> crate::domain::listing::ListingFacts {
        crate::domain::listing::ListingFacts::from_codes(
            &self.status,
            self.listed_on,
            self.removal_due_on,
            self.record_status.as_deref(),
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct PenaltyFilter {
    pub name: Option<String>,
    pub match_person_names: bool,
    pub uscc: Option<String>,
    pub department_uscc: Option<String>,
    pub category: Option<PenaltyCategory>,
    pub decided_from: Option<NaiveDate>,
    pub decided_to: Option<NaiveDate>,
    /// Whether minor penalties are published (a deployment setting).
    pub include_minor: bool,
    pub organisation_id: Option<i64>,
    pub id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct PenaltyRow {
    pub id: i64,
    pub cf_wsh: String,
    pub cf_wfxw: String,
    pub cf_sy: String,
    pub cf_yj: String,
    pub cf_cflb: chengxin_types::PenaltyCategory,
    pub cf_nr: String,
    pub fine_cents: Option<i64>,
    pub cf_jdrq: NaiveDate,
    pub cf_gsjzq: NaiveDate,
    pub cf_cfjg: String,
    pub cf_cfjgdm: String,
    pub cf_sjly: String,
    pub cf_sjlydm: String,
    pub cf_xdr_mc: String,
    pub cf_xdr_shxym: Option<String>,
    pub xdr_id_masked: Option<String>,
    pub person_id: Option<i64>,
    pub tier: chengxin_types::PublicityTier,
    /// Public rows are published, so this is always set.
    pub published_on: NaiveDate,
    /// An objection to the underlying record is open (异议处理中).
    #[serde(deserialize_with = "super::query::bool_from_json")]
    pub disputed: bool,
    pub record_id: Option<i64>,
}

/// What the public may see of penalties (in effect, published, inside the publicity window, minor
/// ones only if the deployment publishes them), then the caller's filters.
fn penalty_conditions(sql: &mut Sql, f: &PenaltyFilter, today: NaiveDate) {
    sql.push_public_rule(
        Register::Penalties,
        today,
        DisclosureSettings {
            publish_minor_penalties: f.include_minor,
        },
    );
    if let Some(name) = f.name.as_deref() {
        if !f.match_person_names {
            sql.push(" AND p.person_id IS NULL");
        }
        sql.and_bind(
            "p.cf_xdr_mc LIKE ",
            Some(Arg::Text(like_pattern(name))),
            " ESCAPE '\\'",
        );
    }
    sql.and_bind("p.cf_xdr_shxym = ", f.uscc.clone().map(Arg::Text), "");
    sql.and_bind(
        "p.cf_cfjgdm = ",
        f.department_uscc.clone().map(Arg::Text),
        "",
    );
    sql.and_bind(
        "p.cf_cflb = ",
        f.category.map(|c| Arg::Text(c.code().into())),
        "",
    );
    sql.and_bind("p.cf_jdrq >= ", f.decided_from.map(Arg::Date), "");
    sql.and_bind("p.cf_jdrq <= ", f.decided_to.map(Arg::Date), "");
    sql.and_bind("p.organisation_id = ", f.organisation_id.map(Arg::Int), "");
    sql.and_bind("p.id = ", f.id.map(Arg::Int), "");
}

#[derive(Debug, Clone, Copy, sqlx::FromRow)]
struct CountRow {
    n: i64,
}

#[derive(Debug, Clone, Default)]
pub struct LicenceFilter {
    pub name: Option<String>,
    pub uscc: Option<String>,
    pub department_uscc: Option<String>,
    pub category: Option<LicenceCategory>,
    pub decided_from: Option<NaiveDate>,
    pub decided_to: Option<NaiveDate>,
    pub id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct LicenceRow {
    pub id: i64,
    pub xk_wsh: String,
    pub xk_xkws: String,
    pub xk_xklb: String,
    pub xk_xkzs: Option<String>,
    pub xk_xkbh: Option<String>,
    pub xk_nr: String,
    pub xk_jdrq: NaiveDate,
    pub xk_yxqz: NaiveDate,
    pub xk_yxqzi: Option<NaiveDate>,
    pub xk_xkjg: String,
    pub xk_xkjgdm: String,
    pub xk_sjly: String,
    pub xk_sjlydm: String,
    pub xk_xdr_mc: String,
    pub xk_xdr_shxym: Option<String>,
    pub published_on: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct CommitmentFilter {
    pub subject_uscc: Option<String>,
    pub kind: Option<CommitmentKind>,
    pub status: Option<FulfilmentStatus>,
    pub accepting_uscc: Option<String>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    pub match_person_names: bool,
    pub id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct CommitmentRow {
    pub id: i64,
    pub kind: chengxin_types::CommitmentKind,
    pub subject_kind: String,
    pub subject_name: String,
    pub subject_uscc: Option<String>,
    pub content: String,
    pub made_on: NaiveDate,
    pub acc_name: String,
    pub acc_uscc: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
    pub src_name: String,
    pub src_uscc: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FulfilmentRow {
    pub status: String,
    pub note: String,
    pub recorded_on: NaiveDate,
}

/// How an organisation is looked up: by its code, or by its exact full name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKey<'a> {
    Uscc(&'a str),
    Name(&'a str),
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub uscc: String,
    pub kind: chengxin_types::OrgKind,
    pub parent_name: Option<String>,
    pub parent_uscc: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct CountsRow {
    pub a: i64,
    pub b: i64,
    pub c: i64,
    pub d: i64,
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn public_listings(
        &self,
        f: &ListingFilter,
        page: &PageQuery,
        today: NaiveDate,
    ) -> StoreResult<Vec<ListingRow>> {
        let mut sql = Sql::new(LISTING_SELECT);
        sql.push_public_rule(Register::Listings, today, DisclosureSettings::default());
        name_filter(
            &mut sql,
            f.name.as_deref(),
            "e.subject_name",
            "e.subject_kind",
            f.match_person_names,
        );
        // A rare piece of the name narrows the candidates through the bigram index.
        if let Some(name) = f.name.as_deref()
            && let Some(piece) = self.selective_bigram(super::bigrams::LISTING, name).await?
        {
            sql.and_bind(
                "e.id IN (SELECT entity_id FROM name_bigrams WHERE entity = 'listing' AND bigram = ",
                Some(Arg::Text(piece)),
                ")",
            );
        }
        sql.and_bind("e.subject_uscc = ", f.uscc.clone().map(Arg::Text), "");
        sql.and_bind(
            "e.subject_id_masked LIKE ",
            f.id_tail.as_deref().map(|t| Arg::Text(format!("%{t}"))),
            "",
        );
        sql.and_bind(
            "e.list_kind = ",
            f.list_kind.map(|k| Arg::Text(k.code().into())),
            "",
        );
        sql.and_bind(
            "e.deciding_org_id = ",
            org_id_of(self, f.department_uscc.as_deref())
                .await?
                .map(Arg::Int),
            "",
        );
        sql.and_bind("e.listed_on >= ", f.listed_from.map(Arg::Date), "");
        sql.and_bind("e.listed_on <= ", f.listed_to.map(Arg::Date), "");
        sql.and_bind(
            "e.status = ",
            f.status.map(|s| Arg::Text(s.code().into())),
            "",
        );
        sql.and_bind("e.organisation_id = ", f.organisation_id.map(Arg::Int), "");
        sql.and_bind("e.id = ", f.id.map(Arg::Int), "");
        paginate(&mut sql, "e.listed_on", "e.id", page);
        let mut rows = self
            .fetch_json_of::<ListingRow>(&sql, LISTING_FIELDS)
            .await?;
        in_page_order(&mut rows, page, |r| (r.listed_on, r.id));
        Ok(rows)
    }

    /// The entries a department decided, in every state, newest first, before entry `before`;
    /// `limit + 1` rows so the caller knows whether more follow.
    #[tracing::instrument(skip_all)]
    pub async fn department_listings(
        &self,
        department_org_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<DepartmentListingRow>> {
        let keyset = before
            .map(|id| format!(" AND e.id < {id}"))
            .unwrap_or_default();
        let sql = format!(
            "SELECT e.id, e.subject_kind, e.subject_name, e.subject_uscc, e.subject_id_masked, e.list_kind,
                    e.basis_doc_no, e.listed_on, e.removal_due_on, e.removed_on, e.status, e.record_id,
                    r.status AS record_status
             FROM serious_breach_entries e LEFT JOIN credit_records r ON r.id = e.record_id
             WHERE e.deciding_org_id = $1{keyset} ORDER BY e.id DESC LIMIT {}",
            u64::from(limit) + 1
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(department_org_id)
        .fetch_all(pool)
        .await)?)
    }

    /// What decides whether entry `id` is public, whatever its state; `None` if there is no such
    /// entry. Used to tell a link to an entry no longer published (410) from one that never was.
    #[tracing::instrument(skip_all)]
    pub async fn listing_facts(&self, id: i64) -> StoreResult<Option<ListingFactsRow>> {
        Ok(on_pool!(self, |pool| sqlx::query_as(
            "SELECT e.status, e.listed_on, e.removal_due_on, r.status AS record_status
             FROM serious_breach_entries e LEFT JOIN credit_records r ON r.id = e.record_id
             WHERE e.id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await)?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn public_penalties(
        &self,
        f: &PenaltyFilter,
        page: &PageQuery,
        today: NaiveDate,
    ) -> StoreResult<Vec<PenaltyRow>> {
        let mut sql = Sql::new(PENALTY_SELECT_HEAD);
        sql.push("p.published_on").push(PENALTY_SELECT_TAIL);
        penalty_conditions(&mut sql, f, today);
        paginate(&mut sql, "p.cf_jdrq", "p.id", page);
        let mut rows = self
            .fetch_json_of::<PenaltyRow>(&sql, PENALTY_FIELDS)
            .await?;
        in_page_order(&mut rows, page, |r| (r.cf_jdrq, r.id));
        Ok(rows)
    }

    /// How many penalties match, with the same rules as [`Store::public_penalties`].
    #[tracing::instrument(skip_all)]
    pub async fn public_penalty_count(
        &self,
        f: &PenaltyFilter,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        let mut sql = Sql::new("SELECT COUNT(*) AS n FROM penalties p WHERE ");
        penalty_conditions(&mut sql, f, today);
        Ok(self
            .fetch_all_of::<CountRow>(&sql)
            .await?
            .first()
            .map_or(0, |row| row.n))
    }

    #[tracing::instrument(skip_all)]
    pub async fn public_licences(
        &self,
        f: &LicenceFilter,
        page: &PageQuery,
        today: NaiveDate,
    ) -> StoreResult<Vec<LicenceRow>> {
        let mut sql = Sql::new(LICENCE_SELECT_HEAD);
        sql.push("l.published_on").push(LICENCE_SELECT_TAIL);
        sql.push_public_rule(Register::Licences, today, DisclosureSettings::default());
        sql.and_bind(
            "l.xk_xdr_mc LIKE ",
            f.name.as_deref().map(|n| Arg::Text(like_pattern(n))),
            " ESCAPE '\\'",
        );
        sql.and_bind("l.xk_xdr_shxym = ", f.uscc.clone().map(Arg::Text), "");
        sql.and_bind(
            "l.xk_xkjgdm = ",
            f.department_uscc.clone().map(Arg::Text),
            "",
        );
        sql.and_bind(
            "l.xk_xklb = ",
            f.category.map(|c| Arg::Text(c.national_code().into())),
            "",
        );
        sql.and_bind("l.xk_jdrq >= ", f.decided_from.map(Arg::Date), "");
        sql.and_bind("l.xk_jdrq <= ", f.decided_to.map(Arg::Date), "");
        sql.and_bind("l.id = ", f.id.map(Arg::Int), "");
        paginate(&mut sql, "l.xk_jdrq", "l.id", page);
        let mut rows = self
            .fetch_json_of::<LicenceRow>(&sql, LICENCE_FIELDS)
            .await?;
        in_page_order(&mut rows, page, |r| (r.xk_jdrq, r.id));
        Ok(rows)
    }

    #[tracing::instrument(skip_all)]
    pub async fn public_commitments(
        &self,
        f: &CommitmentFilter,
        page: &PageQuery,
        today: NaiveDate,
    ) -> StoreResult<Vec<CommitmentRow>> {
        let mut sql = Sql::new(COMMITMENT_SELECT);
        sql.push_public_rule(Register::Commitments, today, DisclosureSettings::default());
        sql.and_bind(
            "c.organisation_id = ",
            org_id_of(self, f.subject_uscc.as_deref())
                .await?
                .map(Arg::Int),
            "",
        );
        sql.and_bind("c.kind = ", f.kind.map(|k| Arg::Text(k.code().into())), "");
        sql.and_bind(
            "c.status = ",
            f.status.map(|s| Arg::Text(s.code().into())),
            "",
        );
        sql.and_bind(
            "c.accepting_org_id = ",
            org_id_of(self, f.accepting_uscc.as_deref())
                .await?
                .map(Arg::Int),
            "",
        );
        sql.and_bind("c.due_on >= ", f.due_from.map(Arg::Date), "");
        sql.and_bind("c.due_on <= ", f.due_to.map(Arg::Date), "");
        sql.and_bind("c.id = ", f.id.map(Arg::Int), "");
        paginate(&mut sql, "c.made_on", "c.id", page);
        let mut rows = self
            .fetch_json_of::<CommitmentRow>(&sql, COMMITMENT_FIELDS)
            .await?;
        in_page_order(&mut rows, page, |r| (r.made_on, r.id));
        Ok(rows)
    }

    #[tracing::instrument(skip_all)]
    pub async fn commitment_fulfilment(
        &self,
        commitment_id: i64,
    ) -> StoreResult<Vec<FulfilmentRow>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT status, note, recorded_on FROM commitment_fulfilments WHERE commitment_id = $1 AND review_status = 'effective' ORDER BY recorded_on, id"
        )
        .bind(commitment_id)
        .fetch_all(pool)
        .await
        })?)
    }

    /// An organisation by USCC, or by its exact name.
    /// The organisation a key names. A key is required, so an unfiltered lookup cannot be written.
    #[tracing::instrument(skip_all)]
    pub async fn organisation(&self, key: OrgKey<'_>) -> StoreResult<Option<OrganisationRow>> {
        let mut sql = Sql::new(
            "SELECT o.id, o.name, o.uscc, o.kind, p.name AS parent_name, p.uscc AS parent_uscc
             FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id WHERE ",
        );
        match key {
            OrgKey::Uscc(uscc) => sql.push("o.uscc = ").bind(Arg::Text(uscc.to_string())),
            OrgKey::Name(name) => sql.push("o.name = ").bind(Arg::Text(name.to_string())),
        };
        sql.push(" ORDER BY o.id LIMIT 1");
        Ok(self
            .fetch_all_of::<OrganisationRow>(&sql)
            .await?
            .into_iter()
            .next())
    }

    /// Public commitments made by an organisation: total, in progress, fulfilled, breached (as
    /// `a`, `b`, `c`, `d`) and lawfully changed.
    #[tracing::instrument(skip_all)]
    pub async fn commitment_figures(
        &self,
        organisation_id: i64,
        today: NaiveDate,
    ) -> StoreResult<(CountsRow, i64)> {
        let mut sql = Sql::new(
            "SELECT COUNT(*) AS a,
                    COALESCE(SUM(CASE WHEN c.status = 'in_progress' THEN 1 ELSE 0 END), 0) AS b,
                    COALESCE(SUM(CASE WHEN c.status = 'fulfilled' THEN 1 ELSE 0 END), 0) AS c,
                    COALESCE(SUM(CASE WHEN c.status = 'breached' THEN 1 ELSE 0 END), 0) AS d,
                    COALESCE(SUM(CASE WHEN c.status = 'lawfully_changed' THEN 1 ELSE 0 END), 0) AS n
             FROM commitments c WHERE ",
        );
        sql.push_public_rule(Register::Commitments, today, DisclosureSettings::default());
        sql.push(" AND c.subject_kind = 'organisation'");
        sql.and_bind("c.organisation_id = ", Some(Arg::Int(organisation_id)), "");
        let row = self
            .fetch_all_of::<FiguresRow>(&sql)
            .await?
            .into_iter()
            .next()
            .unwrap_or_default();
        Ok((
            CountsRow {
                a: row.a,
                b: row.b,
                c: row.c,
                d: row.d,
            },
            row.n,
        ))
    }

    /// Published records about an organisation by category: positive, general breach, serious
    /// breach, risk warning (as `a`, `b`, `c`, `d`).
    #[tracing::instrument(skip_all)]
    pub async fn public_record_figures(
        &self,
        organisation_id: i64,
        today: NaiveDate,
    ) -> StoreResult<CountsRow> {
        let mut sql = Sql::new(
            "SELECT COALESCE(SUM(CASE WHEN r.category = 'positive' THEN 1 ELSE 0 END), 0) AS a,
                    COALESCE(SUM(CASE WHEN r.category = 'general_breach' THEN 1 ELSE 0 END), 0) AS b,
                    COALESCE(SUM(CASE WHEN r.category = 'serious_breach' THEN 1 ELSE 0 END), 0) AS c,
                    COALESCE(SUM(CASE WHEN r.category = 'risk_warning' THEN 1 ELSE 0 END), 0) AS d
             FROM credit_records r WHERE ",
        );
        sql.push_public_rule(Register::Records, today, DisclosureSettings::default());
        sql.and_bind("r.organisation_id = ", Some(Arg::Int(organisation_id)), "");
        Ok(self
            .fetch_all_of::<CountsRow>(&sql)
            .await?
            .into_iter()
            .next()
            .unwrap_or_default())
    }
}

/// The commitment figures of an organisation, as counted.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
struct FiguresRow {
    a: i64,
    b: i64,
    c: i64,
    d: i64,
    n: i64,
}
