//! Government sharing (政务共享): staff read a person's records for a stated purpose.

use super::grants::purpose_text;
use super::me::{field_error, private};
use super::person_records::{shared_record, visible};
use crate::auth::Principal;
use crate::domain::IdNumber;
use crate::domain::disclosure::Audience;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::NewAccess;
use actix_web::{HttpResponse, post, web};
use chengxin_types::{
    AccessChannel, Category, Problem, SharedRecords, SharingRequest, SubjectPerson,
};

/// Reads a person's records for a stated purpose.
#[utoipa::path(
    tag = "sharing",
    summary = "政务共享查询 / Government sharing",
    description = "有权限的工作人员（评议审核员、异议与修复经办人、信用办管理员）为所述用途（如干部选拔任用考察）查询某人的信用记录：除内部管理信息外的有效记录。身份证号码放在请求体中；用途必填；每次查询记入本人的查询记录。\n\nStaff with the right role (reviewer, handler, credit office) read a person's effective records, except internal-only ones, for a stated purpose such as cadre vetting. The ID number goes in the body; the purpose is required; every read is logged for the person.",
    security(("bearer_token" = ["reviewer", "handler", "admin"])),
    request_body = SharingRequest,
    responses(
        (status = 200, description = "记录 / the records", body = SharedRecords),
        (status = 403, description = "角色无权共享查询 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "档案中没有此人 / no such person", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "字段有误 / invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/sharing/person-records")]
#[tracing::instrument(skip_all)]
pub async fn person_records(
    state: web::Data<AppState>,
    me: Principal,
    body: web::Json<SharingRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let id = IdNumber::parse(body.id_number.trim()).ok();
    if id.is_none() {
        errors.push(field_error(
            "id_number",
            "invalid_id_number",
            "身份证号码无效（位数、出生日期或校验码不符）",
            "not a valid resident ID number (length, birth date or check character)",
        ));
    }
    let purpose = purpose_text(&body.purpose);
    if purpose.is_none() {
        errors.push(field_error(
            "purpose",
            "invalid_purpose",
            "请说明查询用途（2 至 200 个字符）",
            "state the purpose (2 to 200 characters)",
        ));
    }
    let (Some(id), Some(purpose)) = (id, purpose) else {
        return Err(ApiError::Validation(errors));
    };
    let mut categories = body.categories.unwrap_or_else(|| Category::ALL.to_vec());
    categories.sort();
    categories.dedup();
    let person = state
        .store
        .person_by_lookup(&state.cipher.lookup(&id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let rows = state.store.records_of_person(person.id).await?;
    let records: Vec<_> = visible(
        &rows,
        Audience::GovernmentSharing,
        state.today(),
        Some(&categories),
    )
    .into_iter()
    .map(shared_record)
    .collect();
    state
        .store
        .log_access(&NewAccess {
            person_id: person.id,
            channel: AccessChannel::GovernmentSharing,
            accessor_account_id: Some(me.account_id),
            accessor_org_id: me.organisation_id,
            api_key_id: None,
            grant_id: None,
            accessor_name: me.accessor_name(),
            purpose: purpose.clone(),
            categories,
            record_count: records.len() as i64,
        })
        .await?;
    Ok(private(HttpResponse::Ok()).json(SharedRecords {
        subject: SubjectPerson {
            name: person.name,
            id_masked: person.id_masked,
        },
        purpose,
        records,
    }))
}
