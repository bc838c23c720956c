//! One submission with what its readers need beside it: the reviewer sees the item as the public
//! will once it is approved, and the subject's other records; the reporter gets back the row as
//! sent, to correct a returned item in its form.

use super::access::{log_submission_reads, log_submission_reads_with};
use super::intake::{own_submission, submission_view};
use super::me::private;
use super::public::views;
use crate::auth::Principal;
use crate::domain::PublicityWindow;
use crate::domain::disclosure::{
    Audience, DisclosureSettings, OnceApproved, RecordFacts, Register, visible_to,
};
use crate::error::ApiResult;
use crate::intake;
use crate::state::AppState;
use crate::store::{SentRow, SubmissionRow};
use actix_web::{HttpResponse, get, web};
use chengxin_types::{
    CommitmentView, ImportFormat, Problem, PublishedPreview, RecordPreview, SUBJECT_RECORDS_SHOWN,
    SubjectRecord, SubmissionDetail, SubmissionItemKind, SubmissionStatus, SubmittedField,
};
use serde::Deserialize;
use utoipa::IntoParams;

/// The row as sent, in the format's column order. A value the format no longer has a column for
/// is left out; a personal ID number is marked and never given back.
fn sent_fields(format: ImportFormat, sent: Option<&str>) -> Vec<SubmittedField> {
    let Some(values) = sent
        .and_then(|s| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s).ok())
    else {
        return Vec::new();
    };
    intake::columns(format)
        .iter()
        .map(|column| SubmittedField {
            code: column.code.to_string(),
            label: column.label.to_string(),
            value: (!column.personal_id)
                .then(|| values.get(column.code).and_then(|v| v.as_str()))
                .flatten()
                .map(str::to_string),
            personal_id: column.personal_id,
        })
        .collect()
}

/// Commitment `id` as the public answers show it.
async fn commitment(state: &AppState, id: i64) -> ApiResult<Option<CommitmentView>> {
    let Some(found) = state.store.commitment_preview(id).await? else {
        return Ok(None);
    };
    let fulfilment = state.store.commitment_fulfilment(found.id).await?;
    Ok(Some(views::commitment(
        &found,
        &fulfilment,
        state.config.masking.name,
    )))
}

/// What the item will look like once approved, through the public answers' own view builders.
async fn published(state: &AppState, row: &SubmissionRow) -> ApiResult<Option<PublishedPreview>> {
    let store = &state.store;
    let mask = state.config.masking.name;
    let today = state.today();
    Ok(match row.item_kind {
        SubmissionItemKind::Penalty => {
            let calendar = state.calendar.current();
            store
                .penalty_preview(row.item_id, today)
                .await?
                .map(|p| PublishedPreview::Penalty {
                    penalty: views::penalty(&p, mask, &calendar),
                })
        }
        SubmissionItemKind::Licence => {
            let calendar = state.calendar.current();
            store
                .licence_preview(row.item_id, today)
                .await?
                .map(|l| PublishedPreview::Licence {
                    licence: views::licence(&l, &calendar),
                })
        }
        SubmissionItemKind::Listing => {
            store
                .listing_preview(row.item_id)
                .await?
                .map(|e| PublishedPreview::Listing {
                    entry: views::listing_detail(&e, mask),
                })
        }
        SubmissionItemKind::Removal => match store.entry_of_removal(row.item_id).await? {
            Some(entry) => store
                .listing_preview(entry)
                .await?
                .map(|e| PublishedPreview::Removal {
                    entry: views::listing_detail(&e, mask),
                }),
            None => None,
        },
        SubmissionItemKind::Commitment => commitment(state, row.item_id)
            .await?
            .map(|commitment| PublishedPreview::Commitment { commitment }),
        SubmissionItemKind::Fulfilment => {
            match store.commitment_of_fulfilment(row.item_id).await? {
                Some(id) => commitment(state, id)
                    .await?
                    .map(|commitment| PublishedPreview::Fulfilment { commitment }),
                None => None,
            }
        }
        SubmissionItemKind::Record => match row.record_id {
            Some(id) => store
                .record_preview(id)
                .await?
                .map(|r| PublishedPreview::Record {
                    record: RecordPreview {
                        title: r.title,
                        category: r.category,
                        route: r.route,
                        publish_from: r.publish_from,
                        publish_until: r.publish_until,
                    },
                }),
            None => None,
        },
    })
}

/// One submission, as sent, as it will be published, beside the subject's other records.
#[utoipa::path(
    tag = "intake",
    summary = "报送详情：原始内容、公示效果、主体已有记录 / A submission in full",
    description = "本单位的信息报送员和评议审核员查看一条报送：报送时的各项内容（证件号码只加密保存，不返回），审核通过后公开或共享时的样子（与公开查询使用同一套规则，公示日期按今天计），以及该主体在档案中已有的其他记录（最近 20 条；其他单位的记录仅限正在共享的）。`public` 说明按公开规则审核通过后是否会公开。查看个人的信息记入其查询记录。被退回的报送可据此修改后重新报送（`sent_only=true` 只返回报送内容）。\n\nA reporter or reviewer of the department reads one submission: the row as sent (personal ID numbers are kept only sealed and are not returned), the item as it will be published or shared once approved (built by the public answers' own rules, published today), and the subject's other records in the archive (the newest 20; another department's only while shared). `public` says whether the public rule will show it once approved. Reading a person's records is in their access log. A returned item is corrected from this and sent again (`sent_only=true` returns the row as sent alone).",
    security(("bearer_token" = ["reporter", "reviewer"])),
    params(("id" = i64, Path, description = "报送编号 / submission id"), DetailQuery),
    responses(
        (status = 200, description = "报送详情 / the submission in full", body = SubmissionDetail),
        (status = 400, description = "参数有误 / malformed parameter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "无权查看 / not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "本单位没有此报送 / no such submission in your department", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/intake/submissions/{id}/detail")]
#[tracing::instrument(skip_all)]
pub async fn submission_detail(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<i64>,
    query: web::Query<DetailQuery>,
) -> ApiResult<HttpResponse> {
    let row = own_submission(&state, &me, path.into_inner()).await?;
    let sent = state.store.sent_row(row.id).await?.unwrap_or(SentRow {
        submitted_fields: None,
        format: None,
    });
    let format = sent
        .format
        .unwrap_or_else(|| ImportFormat::of_item(row.item_kind));
    let fields = sent_fields(format, sent.submitted_fields.as_deref());
    if query.sent_only.unwrap_or(false) {
        log_submission_reads(
            &state,
            &me,
            [&row],
            &format!("信息报送与评议（报送 {}）", row.id),
        )
        .await?;
        let detail = SubmissionDetail {
            fields,
            format,
            published: None,
            public: None,
            subject_records: Vec::new(),
            submission: submission_view(row),
        };
        return Ok(private(HttpResponse::Ok()).json(detail));
    }
    // A superseded submission's item now holds the correction that replaced it.
    let current = row.status != SubmissionStatus::Superseded;
    let (published, public) = if current {
        (
            published(&state, &row).await?,
            public_once_approved(&state, &row).await?,
        )
    } else {
        (None, None)
    };
    let subject_records = match row.record_id {
        Some(record) => records_beside(&state, &me, record).await?,
        None => Vec::new(),
    };
    log_submission_reads_with(
        &state,
        &me,
        [&row],
        subject_records.iter().map(|r| r.id),
        &format!("信息报送与评议（报送 {} 详情及主体已有记录）", row.id),
    )
    .await?;
    let detail = SubmissionDetail {
        fields,
        format,
        published,
        public,
        subject_records,
        submission: submission_view(row),
    };
    Ok(private(HttpResponse::Ok()).json(detail))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DetailQuery {
    /// 只返回报送内容（修改被退回的报送时用） / Only the row as sent (to correct a returned item).
    pub sent_only: Option<bool>,
}

/// The register an item is published in and its entry there; `None` for a change to another
/// entry (a fulfilment, a removal).
fn register_entry(row: &SubmissionRow) -> Option<(Register, i64)> {
    match row.item_kind {
        SubmissionItemKind::Penalty => Some((Register::Penalties, row.item_id)),
        SubmissionItemKind::Licence => Some((Register::Licences, row.item_id)),
        SubmissionItemKind::Listing => Some((Register::Listings, row.item_id)),
        SubmissionItemKind::Commitment => Some((Register::Commitments, row.item_id)),
        SubmissionItemKind::Record => row.record_id.map(|id| (Register::Records, id)),
        SubmissionItemKind::Fulfilment | SubmissionItemKind::Removal => None,
    }
}

/// Whether the public will see the item once approved, by its register's public rule.
async fn public_once_approved(state: &AppState, row: &SubmissionRow) -> ApiResult<Option<bool>> {
    let Some((register, id)) = register_entry(row) else {
        return Ok(None);
    };
    let Some(facts) = state.store.entry_facts(register, id).await? else {
        return Ok(None);
    };
    let today = state.today();
    let settings = DisclosureSettings {
        publish_minor_penalties: state.config.publicity.minor.published_by_default,
    };
    let approved = OnceApproved {
        register,
        entry: &facts,
        today,
    };
    Ok(Some(
        register.public_rule().holds(&approved, today, settings),
    ))
}

/// The subject's other records the reader may see: all of their own department's (the unit that
/// keeps a record sees it in every state), another department's only while shared.
async fn records_beside(
    state: &AppState,
    me: &Principal,
    record_id: i64,
) -> ApiResult<Vec<SubjectRecord>> {
    let today = state.today();
    Ok(state
        .store
        .subject_records(record_id)
        .await?
        .into_iter()
        .filter(|r| {
            let audience = if me.organisation_id == Some(r.reporting_org_id) {
                Audience::Internal
            } else {
                Audience::GovernmentSharing
            };
            let window = match (r.publish_from, r.publish_until) {
                (Some(from), Some(until)) => Some(PublicityWindow {
                    from,
                    repairable_from: from,
                    until,
                }),
                _ => None,
            };
            let facts = RecordFacts {
                route: r.route,
                status: r.status,
                window,
            };
            visible_to(audience, &facts, today)
        })
        .take(SUBJECT_RECORDS_SHOWN)
        .map(|r| SubjectRecord {
            id: r.id,
            title: r.title,
            category: r.category,
            status: r.status,
            decided_on: r.decided_on,
            reported_by: r.reported_by,
        })
        .collect())
}
