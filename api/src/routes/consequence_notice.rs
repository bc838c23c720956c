//! A consequence of a government breach as the printable document the credit office signs and
//! sends: the decision on honours, the notice of criticism, the letter to the supervising
//! department, and the referrals to audit and to discipline inspection (纪检监察). The outbox
//! carries the same notice to its recipient; this is the paper the office keeps and delivers.

use super::document::{escape, page};
use super::rectifications::Rectifications;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{ConsequenceRow, RectificationRow};
use actix_web::{HttpResponse, get, web};
use chengxin_types::{ConsequenceKind, Problem};
use chrono::NaiveDate;

const STYLE: &str = r#"body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:40em;margin:3em auto;line-height:1.9;padding:0 1em}
h1{text-align:center;letter-spacing:.1em;font-size:1.5em}.no{text-align:center}.to{margin-top:2em}.sign{text-align:right;margin-top:3em}
p{text-indent:2em}p.no,p.to,p.sign,p.cc{text-indent:0}@media print{body{margin:0}}"#;

fn chinese_day(day: NaiveDate) -> String {
    day.format("%Y年%-m月%-d日").to_string()
}

/// The document's title, whom it is addressed to, and what it decides or asks.
fn wording(case: &RectificationRow, c: &ConsequenceRow) -> (&'static str, Option<String>, String) {
    let body = escape(&case.body_name);
    let breach = format!(
        "{}（{}认定，整改编号 {}）",
        escape(&case.title),
        chinese_day(case.decided_on),
        escape(&case.ticket_no)
    );
    let recipient = c.recipient.as_deref().map(escape);
    match c.kind {
        ConsequenceKind::HonoursIneligible => (
            "关于取消荣誉评选资格的决定",
            Some(body.clone()),
            format!(
                "你单位存在政务失信行为：{breach}。依据本区政务诚信建设有关规定，决定自{}起至{}止，取消你单位参加各类荣誉评选的资格。在此期间，各有关单位不得推荐你单位参加评优评先。",
                chinese_day(c.effective_from),
                c.effective_until.map(chinese_day).unwrap_or_default()
            ),
        ),
        ConsequenceKind::PublicCriticism => (
            "关于政务失信行为的通报",
            None,
            format!(
                "经核查，{body}存在政务失信行为：{breach}。为严肃政务诚信纪律，现予以通报批评。各单位要引以为戒，严格履行依法作出的政策承诺和签订的各类合同。"
            ),
        ),
        ConsequenceKind::NoticeSupervisor => (
            "政务失信情况告知函",
            recipient,
            format!(
                "你单位主管的{body}存在政务失信行为：{breach}。现将有关情况告知你单位，请督促其限期整改，并将整改情况反馈本办。"
            ),
        ),
        ConsequenceKind::NoticeAudit => (
            "政务失信问题移送函",
            recipient,
            format!(
                "{body}存在政务失信行为：{breach}。按照政务失信问题移送的有关规定，现将该问题移送你机关，请依法依规处理。"
            ),
        ),
        ConsequenceKind::NoticeDiscipline => (
            "政务失信问题线索移送函",
            recipient,
            format!(
                "{body}存在政务失信行为：{breach}，经督办仍未按期整改。现将问题线索移送你机关，请依规依纪依法调查处理，并将结果反馈本办。"
            ),
        ),
    }
}

/// The document of consequence `c` on `case`, signed by `office`.
fn document(case: &RectificationRow, c: &ConsequenceRow, office: &str) -> HttpResponse {
    let (title, to, text) = wording(case, c);
    let to = to
        .map(|to| format!("<p class=\"to\">{to}：</p>"))
        .unwrap_or_default();
    // A referral to audit or to discipline inspection is not copied to the body it concerns; a
    // notice of criticism and a letter to its supervisor are.
    let copied = matches!(
        c.kind,
        ConsequenceKind::PublicCriticism | ConsequenceKind::NoticeSupervisor
    );
    let cc = if copied {
        format!(
            "<p class=\"cc\"><small>抄送：{}</small></p>",
            escape(&case.body_name)
        )
    } else {
        String::new()
    };
    let body = format!(
        "<h1>{title}</h1><p class=\"no\">{no}</p>{to}<p>{text}</p><p>{note}</p>\
         <p class=\"sign\">{office}<br>{on}</p>{cc}",
        no = escape(&c.document_no),
        note = escape(&c.note),
        office = escape(office),
        on = chinese_day(c.effective_from),
    );
    page(&format!("{title} {}", c.document_no), STYLE, &body)
}

/// A consequence's document, as a printable page.
#[utoipa::path(
    operation_id = "consequence_document",
    tag = "rectification",
    summary = "失信约束措施文书 / Consequence document",
    description = "信用办打印或送达的失信约束措施文书：取消荣誉评选资格的决定、通报、告知主管部门函、移送审计机关函、移送纪检监察机关函，文号、措施内容和落款为信用办。\n\nThe document of a consequence the credit office prints or sends: the decision on honours, the notice of criticism, the letters to the supervising department, audit and discipline inspection.",
    security(("bearer_token" = ["admin"])),
    params(
        ("ticket_no" = String, Path, description = "整改编号 / the case's ticket"),
        ("id" = i64, Path, description = "措施编号 / the consequence's id")
    ),
    responses(
        (status = 200, description = "文书 / the document", content_type = "text/html"),
        (status = 403, description = "角色不符 / role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "没有此措施 / no such consequence", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/oversight/rectifications/{ticket_no}/consequences/{id}/document")]
#[tracing::instrument(skip_all)]
pub async fn consequence_document(
    state: web::Data<AppState>,
    me: Principal,
    path: web::Path<(String, i64)>,
) -> ApiResult<HttpResponse> {
    let (ticket, id) = path.into_inner();
    let case = super::cases::by_ticket::<Rectifications>(&state, &ticket).await?;
    let consequence = state
        .store
        .consequences(None, Some(&[case.id]))
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(ApiError::not_found)?;
    let office = me
        .organisation
        .as_ref()
        .map_or("信用办", |o| o.name.as_str())
        .to_string();
    Ok(document(&case, &consequence, &office))
}
