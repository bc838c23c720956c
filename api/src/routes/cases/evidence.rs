//! The evidence files of a case for those who handle it: the department's handlers for
//! objections and repairs (the credit office too, which oversees them), the credit office for
//! complaints. The file is sent as it was filed, to be viewed in the page.

use super::{CaseType, for_handler, not_your_department};
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::routes::access::log_staff_reads;
use crate::routes::complaints::Complaints;
use crate::routes::objections::Objections;
use crate::routes::rectifications::Rectifications;
use crate::routes::repairs::Repairs;
use crate::state::AppState;
use crate::store::CaseKind;
use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, Charset, ContentDisposition, DispositionParam,
    DispositionType, ExtendedValue,
};
use actix_web::{HttpResponse, get, web};
use chengxin_types::{Problem, Role};

/// One evidence file of a case, to view in the page.
#[utoipa::path(
    tag = "handling",
    summary = "查看证明材料 / An evidence file of a case",
    description = "办理人员查看案件的证明材料（图片或 PDF），按文件内容的 SHA-256（见案件的 `evidence`）取得，原样返回以便在页面中查看。异议和修复由产生记录的单位的经办人查看（信用办也可查看以便督办），政务失信投诉由信用办查看，政务失信整改由失信单位的经办人和信用办查看。涉及公职人员记录的，每次查看记入本人的查询记录。\n\nThe file (an image or a PDF) by its SHA-256 as the case's `evidence` lists it, sent as filed to view in the page. Objections and repairs: the handlers of the department that produced the record (and the credit office, which oversees them); complaints: the credit office; rectification: the body's handlers and the credit office. Where the record is a civil servant's, each view is in their access log.",
    security(("bearer_token" = ["handler", "admin"])),
    params(
        ("case_kind" = String, Path, description = "`objection`、`repair`、`complaint` 或 `rectification`"),
        ("ticket_no" = String, Path, description = "受理编号 / ticket number"),
        ("sha256" = String, Path, description = "文件的 SHA-256 / the file's SHA-256")
    ),
    responses(
        (status = 200, description = "文件 / the file", content_type = "application/octet-stream"),
        (status = 403, description = "不是办理单位 / not the handling department", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此案件或文件 / no such case or file", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/handling/evidence/{case_kind}/{ticket_no}/{sha256}")]
#[tracing::instrument(skip_all)]
pub async fn evidence(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<(String, String, String)>,
) -> ApiResult<HttpResponse> {
    let (kind, ticket_no, sha256) = path.into_inner();
    match kind.as_str() {
        "objection" => evidence_file::<Objections>(&state, &me, &ticket_no, &sha256).await,
        "repair" => evidence_file::<Repairs>(&state, &me, &ticket_no, &sha256).await,
        "complaint" => evidence_file::<Complaints>(&state, &me, &ticket_no, &sha256).await,
        "rectification" => evidence_file::<Rectifications>(&state, &me, &ticket_no, &sha256).await,
        _ => Err(ApiError::not_found()),
    }
}

/// The file of the case `ticket_no` whose content hash is `sha256`.
pub(crate) async fn evidence_file<C: CaseType>(
    state: &AppState,
    me: &Principal,
    ticket_no: &str,
    sha256: &str,
) -> ApiResult<HttpResponse> {
    // Complaints are the credit office's; a department's cases are its handlers' (and the
    // credit office's, which oversees them).
    let row = if me.has(Role::Admin) {
        super::by_ticket::<C>(state, ticket_no).await?
    } else if C::KIND == CaseKind::Complaint {
        return Err(not_your_department::<C>());
    } else {
        for_handler::<C>(state, me, ticket_no).await?
    };
    let (file_name, media_type, stored_path) = state
        .store
        .evidence_file(C::KIND, C::id(&row), sha256.trim())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let bytes = tokio::fs::read(state.config.data_dir.join(&stored_path))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("evidence {stored_path}: {e}")))?;
    if let Some(record) = C::record_id(&row) {
        let (noun, _) = C::NOUN;
        log_staff_reads(
            state,
            me,
            [record],
            &format!("查看{noun}证明材料 {ticket_no}"),
        )
        .await?;
    }
    let disposition = ContentDisposition {
        disposition: DispositionType::Inline,
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue {
            charset: Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: file_name.into_bytes(),
        })],
    };
    Ok(HttpResponse::Ok()
        .content_type(media_type)
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .insert_header((CONTENT_DISPOSITION, disposition))
        .body(bytes))
}
