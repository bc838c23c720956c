//! Incremental export of 双公示 data in the national exchange format, for upper-level platforms:
//! every change after a sequence number, as JSON or CSV. Only what is public now carries content;
//! personal ID numbers are masked as everywhere in public. Besides the national items each row
//! carries `published_on`, the day it was published here (our addition, for timeliness).

use super::params::Fields;
use crate::domain::NameMask;
use crate::error::{ApiError, ApiResult};
use crate::routes::me::field_error;
use crate::state::AppState;
use crate::store::{LicenceChange, ListingChange, PenaltyChange};
use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use chengxin_types::{ExchangeChange, ExchangePage, LicenceCategory, PenaltyCategory, Problem};
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::IntoParams;

const DEFAULT_LIMIT: u32 = 500;
const MAX_LIMIT: u32 = 1000;

pub const PENALTY_ITEMS: &[&str] = &[
    "cf_wsh",
    "cf_wfxw",
    "cf_sy",
    "cf_yj",
    "cf_cflb",
    "cf_nr",
    "cf_nr_fk",
    "cf_jdrq",
    "cf_gsjzq",
    "cf_cfjg",
    "cf_cfjgdm",
    "cf_sjly",
    "cf_sjlydm",
    "cf_xdr_mc",
    "cf_xdr_lb",
    "cf_xdr_shxym",
    "cf_xdr_zjlx",
    "cf_xdr_zjhm",
    "published_on",
];

pub const LICENCE_ITEMS: &[&str] = &[
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
    "xk_xdr_lb",
    "xk_xdr_shxym",
    "published_on",
];

/// The items of a serious-breach entry (our names; there is no national code list for them).
pub const LISTING_ITEMS: &[&str] = &[
    "basis_doc_no",
    "deciding_department_uscc",
    "deciding_department",
    "list_kind",
    "subject_kind",
    "subject_name",
    "subject_uscc",
    "subject_id_number",
    "reason",
    "legal_basis",
    "listed_on",
    "removal_conditions",
    "removal_due_on",
    "source_unit",
    "source_unit_uscc",
];

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExchangeQuery {
    /// 上次取到的最后一个序号，首次为 0 / The last sequence number you have; 0 the first time.
    #[param(value_type = Option<i64>, minimum = 0)]
    pub since: Option<String>,
    /// 每次条数，1–1000，默认 500 / Changes per call, 1–1000, default 500.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// `json`（默认）或 `csv` / `json` (the default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)$")]
    pub format: Option<String>,
}

struct Request {
    since: i64,
    limit: u32,
    csv: bool,
}

fn read(query: &ExchangeQuery) -> ApiResult<Request> {
    let mut fields = Fields::default();
    let since = match query.since.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 0 => n,
            _ => {
                fields.push(field_error(
                    "since",
                    "invalid_since",
                    "since 应为非负整数",
                    "since must be a non-negative integer",
                ));
                0
            }
        },
    };
    let limit = match query.limit.as_deref().map(str::trim) {
        None | Some("") => DEFAULT_LIMIT,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                fields.push(field_error(
                    "limit",
                    "invalid_limit",
                    "limit 应为 1 至 1000",
                    "limit must be 1 to 1000",
                ));
                DEFAULT_LIMIT
            }
        },
    };
    let csv = match query.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            fields.push(field_error(
                "format",
                "invalid_format",
                "format 应为 json 或 csv",
                "format must be json or csv",
            ));
            false
        }
    };
    fields.finish()?;
    Ok(Request { since, limit, csv })
}

fn text(value: impl ToString) -> String {
    value.to_string()
}

fn penalty_items(c: &PenaltyChange, mask: NameMask) -> BTreeMap<String, String> {
    let mut items = BTreeMap::from([
        ("cf_wsh".to_string(), c.cf_wsh.clone()),
        ("cf_cfjgdm".to_string(), c.cf_cfjgdm.clone()),
    ]);
    if !c.public {
        return items;
    }
    let person = c.cf_xdr_shxym.is_none();
    let category =
        PenaltyCategory::from_code(&c.cf_cflb).map_or(c.cf_cflb.clone(), |p| text(p.label_zh()));
    let pairs = [
        ("cf_wfxw", c.cf_wfxw.clone()),
        ("cf_sy", c.cf_sy.clone()),
        ("cf_yj", c.cf_yj.clone()),
        ("cf_cflb", category),
        ("cf_nr", c.cf_nr.clone()),
        (
            "cf_nr_fk",
            c.fine_cents
                .map(|f| text(f as f64 / 1_000_000.0))
                .unwrap_or_default(),
        ),
        ("cf_jdrq", text(c.cf_jdrq)),
        ("cf_gsjzq", text(c.cf_gsjzq)),
        ("cf_cfjg", c.cf_cfjg.clone()),
        ("cf_sjly", c.cf_sjly.clone()),
        ("cf_sjlydm", c.cf_sjlydm.clone()),
        (
            "cf_xdr_mc",
            if person {
                mask.apply(&c.cf_xdr_mc)
            } else {
                c.cf_xdr_mc.clone()
            },
        ),
        ("cf_xdr_lb", c.cf_xdr_lb.clone()),
        ("cf_xdr_shxym", c.cf_xdr_shxym.clone().unwrap_or_default()),
        ("cf_xdr_zjlx", c.cf_xdr_zjlx.clone().unwrap_or_default()),
        ("cf_xdr_zjhm", c.xdr_id_masked.clone().unwrap_or_default()),
        ("published_on", c.published_on.map(text).unwrap_or_default()),
    ];
    items.extend(pairs.into_iter().map(|(k, v)| (k.to_string(), v)));
    items
}

fn licence_items(c: &LicenceChange) -> BTreeMap<String, String> {
    let mut items = BTreeMap::from([
        ("xk_wsh".to_string(), c.xk_wsh.clone()),
        ("xk_xkjgdm".to_string(), c.xk_xkjgdm.clone()),
    ]);
    if !c.public {
        return items;
    }
    let category = LicenceCategory::ALL
        .iter()
        .find(|l| l.national_code() == c.xk_xklb)
        .map_or(c.xk_xklb.clone(), |l| text(l.national_code()));
    let pairs = [
        ("xk_xkws", c.xk_xkws.clone()),
        ("xk_xklb", category),
        ("xk_xkzs", c.xk_xkzs.clone().unwrap_or_default()),
        ("xk_xkbh", c.xk_xkbh.clone().unwrap_or_default()),
        ("xk_nr", c.xk_nr.clone()),
        ("xk_jdrq", text(c.xk_jdrq)),
        ("xk_yxqz", text(c.xk_yxqz)),
        ("xk_yxqzi", c.xk_yxqzi.map(text).unwrap_or_default()),
        ("xk_xkjg", c.xk_xkjg.clone()),
        ("xk_sjly", c.xk_sjly.clone()),
        ("xk_sjlydm", c.xk_sjlydm.clone()),
        ("xk_xdr_mc", c.xk_xdr_mc.clone()),
        ("xk_xdr_lb", c.xk_xdr_lb.clone()),
        ("xk_xdr_shxym", c.xk_xdr_shxym.clone().unwrap_or_default()),
        ("published_on", c.published_on.map(text).unwrap_or_default()),
    ];
    items.extend(pairs.into_iter().map(|(k, v)| (k.to_string(), v)));
    items
}

fn listing_items(c: &ListingChange, mask: NameMask) -> BTreeMap<String, String> {
    let mut items = BTreeMap::from([
        ("basis_doc_no".to_string(), c.basis_doc_no.clone()),
        ("deciding_department_uscc".to_string(), c.dept_uscc.clone()),
    ]);
    if !c.public {
        return items;
    }
    let person = c.subject_kind == "person";
    let pairs = [
        ("deciding_department", c.dept_name.clone()),
        ("list_kind", c.list_kind.clone()),
        ("subject_kind", c.subject_kind.clone()),
        (
            "subject_name",
            if person {
                mask.apply(&c.subject_name)
            } else {
                c.subject_name.clone()
            },
        ),
        ("subject_uscc", c.subject_uscc.clone().unwrap_or_default()),
        (
            "subject_id_number",
            c.subject_id_masked.clone().unwrap_or_default(),
        ),
        ("reason", c.reason.clone()),
        ("legal_basis", c.legal_basis.clone()),
        ("listed_on", text(c.listed_on)),
        ("removal_conditions", c.removal_conditions.clone()),
        (
            "removal_due_on",
            c.removal_due_on.map(text).unwrap_or_default(),
        ),
        ("source_unit", c.src_name.clone()),
        ("source_unit_uscc", c.src_uscc.clone()),
    ];
    items.extend(pairs.into_iter().map(|(k, v)| (k.to_string(), v)));
    items
}

fn respond(
    request: &Request,
    mut changes: Vec<ExchangeChange>,
    columns: &[&str],
) -> ApiResult<HttpResponse> {
    let more = changes.len() > request.limit as usize;
    changes.truncate(request.limit as usize);
    let next_since = changes.last().map_or(request.since, |c| c.seq);
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("x-next-since", next_since.to_string()))
        .insert_header(("x-more", more.to_string()));
    if !request.csv {
        return Ok(response.json(ExchangePage {
            changes,
            next_since,
            more,
        }));
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = ["seq", "change", "changed_at"]
        .into_iter()
        .chain(columns.iter().copied())
        .collect();
    let failed = |e: csv::Error| ApiError::Internal(e.into());
    writer.write_record(&header).map_err(failed)?;
    for c in &changes {
        let mut record = vec![
            c.seq.to_string(),
            c.change.clone(),
            c.changed_at.to_rfc3339(),
        ];
        record.extend(
            columns
                .iter()
                .map(|k| c.items.get(*k).cloned().unwrap_or_default()),
        );
        writer.write_record(&record).map_err(failed)?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(response.content_type("text/csv; charset=utf-8").body(body))
}

/// Changes to published penalties since a sequence number.
#[utoipa::path(
    operation_id = "penalty_changes",
    tag = "public",
    summary = "行政处罚增量交换 / Penalty changes for upper-level platforms",
    description = "按国家“双公示”交换格式（cf_* 数据项）返回自某序号以来的变化：新公示（published）与撤下（withdrawn：信用修复、撤销）。上级平台保存最后的序号，下次以 `since` 传入即可增量获取。到期自动停止公示的不另行通知，请以 cf_gsjzq 为准。已不再公示的只含文号和机关代码；个人身份证号码一律脱敏。`format=csv` 返回 CSV。\n\nChanges since a sequence number in the national exchange format (cf_* items): published, or withdrawn (repaired, revoked). Keep the last sequence number and pass it as `since` next time. Expiry at the end of publicity is not a change: use cf_gsjzq. Items no longer published carry only their document number and body code; ID numbers are always masked. `format=csv` gives CSV.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(ExchangeQuery),
    responses(
        (status = 200, description = "变化：JSON，或 format=csv 时为 CSV / changes: JSON, or CSV with format=csv", content((ExchangePage = "application/json"), (String = "text/csv")), headers(("x-next-since" = i64, description = "下次的 since / next since"))),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/exchange/penalties")]
#[tracing::instrument(skip_all)]
pub async fn penalties(
    state: web::Data<AppState>,
    query: web::Query<ExchangeQuery>,
) -> ApiResult<HttpResponse> {
    let request = read(&query)?;
    let include_minor = state.config.publicity.minor.published_by_default;
    let rows = state
        .store
        .penalty_changes(request.since, request.limit, state.today(), include_minor)
        .await?;
    let mask = state.config.masking.name;
    let changes = rows
        .iter()
        .map(|c| ExchangeChange {
            seq: c.seq,
            change: c.change.clone(),
            changed_at: c.changed_at,
            items: penalty_items(c, mask),
        })
        .collect();
    respond(&request, changes, PENALTY_ITEMS)
}

/// Changes to published licences since a sequence number.
#[utoipa::path(
    operation_id = "licence_changes",
    tag = "public",
    summary = "行政许可增量交换 / Licence changes for upper-level platforms",
    description = "同行政处罚增量交换，数据项为 xk_*。\n\nAs for penalties, with the xk_* items.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(ExchangeQuery),
    responses(
        (status = 200, description = "变化：JSON，或 format=csv 时为 CSV / changes: JSON, or CSV with format=csv", content((ExchangePage = "application/json"), (String = "text/csv")), headers(("x-next-since" = i64, description = "下次的 since / next since"))),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/exchange/licences")]
#[tracing::instrument(skip_all)]
pub async fn licences(
    state: web::Data<AppState>,
    query: web::Query<ExchangeQuery>,
) -> ApiResult<HttpResponse> {
    let request = read(&query)?;
    let rows = state
        .store
        .licence_changes(request.since, request.limit, state.today())
        .await?;
    let changes = rows
        .iter()
        .map(|c| ExchangeChange {
            seq: c.seq,
            change: c.change.clone(),
            changed_at: c.changed_at,
            items: licence_items(c),
        })
        .collect();
    respond(&request, changes, LICENCE_ITEMS)
}

/// Changes to the serious-breach lists since a sequence number.
#[utoipa::path(
    operation_id = "listing_changes",
    tag = "public",
    summary = "严重失信主体名单增量交换 / Serious-breach list changes for upper-level platforms",
    description = "自某序号以来名单的变化：列入公示（published）与撤下（withdrawn：信用修复、移出、异议成立撤销、到达移出日期）。条目到达移出日期当天即出现撤下，与公开名单同日。已不再公示的只含列入决定文书号和认定部门代码；自然人身份证号码一律脱敏。`format=csv` 返回 CSV。\n\nChanges since a sequence number: an entry published, or withdrawn (repaired, removed, revoked after an objection, or at its removal date — on the same day it leaves the public list). Entries no longer published carry only the decision document number and the deciding department's code; ID numbers are always masked. `format=csv` gives CSV.",
    security((), ("api_key" = []), ("bearer_api_key" = [])),
    params(ExchangeQuery),
    responses(
        (status = 200, description = "变化：JSON，或 format=csv 时为 CSV / changes: JSON, or CSV with format=csv", content((ExchangePage = "application/json"), (String = "text/csv")), headers(("x-next-since" = i64, description = "下次的 since / next since"))),
        (status = 422, description = "参数有误 / invalid parameters", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/exchange/serious-breach")]
#[tracing::instrument(skip_all)]
pub async fn listings(
    state: web::Data<AppState>,
    query: web::Query<ExchangeQuery>,
) -> ApiResult<HttpResponse> {
    let request = read(&query)?;
    let rows = state
        .store
        .listing_changes(request.since, request.limit, state.today())
        .await?;
    let mask = state.config.masking.name;
    let changes = rows
        .iter()
        .map(|c| ExchangeChange {
            seq: c.seq,
            change: c.change.clone(),
            changed_at: c.changed_at,
            items: listing_items(c, mask),
        })
        .collect();
    respond(&request, changes, LISTING_ITEMS)
}
