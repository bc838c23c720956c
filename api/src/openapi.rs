//! The published OpenAPI document. `openapi/openapi.json` in the repository is generated from it and
//! a test fails when the two differ.

use crate::auth::policy::{self, Access};
use std::collections::HashMap;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "诚信 Chengxin API",
        description = "公共信用信息与政务诚信平台的开放接口。\n\nPublic credit information and government integrity platform.",
        license(name = "Apache-2.0")
    ),
    components(schemas(chengxin_types::Problem, chengxin_types::FieldProblem)),
    tags(
        (name = "public", description = "公开查询：严重失信主体名单、承诺、双公示、政务诚信档案，无需登录 / Public queries, no account needed"),
        (name = "auth", description = "登录、刷新与退出；令牌验证公钥 / Sign-in, refresh, sign-out; token keys"),
        (name = "me", description = "本人的信用档案、积分、查询记录与授权（身份只取自令牌）/ My own archive, score, access log and grants (identity from the token only)"),
        (name = "authorised", description = "授权查询：被授权方按授权读取 / Authorised queries by grantees"),
        (name = "objections", description = "异议：提出、查询进度、撤回，无需账号 / Objections: file, track, withdraw, no account needed"),
        (name = "repairs", description = "信用修复：申请、查询进度、撤回、下载决定书，无需账号 / Credit repair: apply, track, withdraw, download the decision, no account needed"),
        (name = "complaints", description = "政务失信投诉：投诉政府机关失信行为、查询进度，无需账号 / Complaints about government breach of trust, no account needed"),
        (name = "handling", description = "异议办理（谁认定、谁修复）与逾期督办 / Handling objections and watching deadlines"),
        (name = "rectification", description = "政务失信整改：立案、限期整改、审核整改报告、逐级督办、失信约束措施、整改率 / Rectification of government breaches: deadlines, reports, escalation, consequences, rates"),
        (name = "evaluation", description = "政务诚信考核评价：评价方案及其版本、季度监测、年度考核评价的评分、发布和更正 / Integrity evaluation of government bodies: the scheme and its versions, quarterly monitoring, the annual evaluation scored, published and corrected"),
        (name = "intake", description = "信息报送与评议：逐条或批量报送、审核、容错免责 / Records intake: submit one or many, review, exempt"),
        (name = "admin", description = "信用办管理：账号、API 密钥、记录种类目录、评分规则版本 / Credit office administration: accounts, API keys, the catalogue of record kinds, rulebook versions"),
        (name = "sharing", description = "政务共享 / Government sharing"),
        (name = "audit", description = "审计：查询记录与审计链 / Audit: the access log and the audit chain"),
        (name = "system", description = "运行状态 / Operations")
    )
)]
pub struct ApiDoc;

/// The document as served: the operations as [`crate::routes::endpoints`] mounts them, the
/// security schemes their declarations name, and the 400, 401, 403 and 429 answers that follow
/// from every versioned operation's access rule.
pub fn document() -> utoipa::openapi::OpenApi {
    use utoipa::openapi::security::{
        ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
    };
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

    let (_, mut doc) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::endpoints)
        .split_for_parts();
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    let rules: HashMap<(String, String), Access> = policy::rules(&doc)
        .map(|rules| {
            rules
                .into_iter()
                .map(|rule| ((rule.method.to_lowercase(), rule.path), rule.access))
                .collect()
        })
        .unwrap_or_default();
    for (path, item) in doc.paths.paths.iter_mut() {
        if !path.starts_with("/api/v1/") {
            continue;
        }
        let operations = [
            ("get", item.get.as_mut()),
            ("post", item.post.as_mut()),
            ("put", item.put.as_mut()),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else {
                continue;
            };
            let responses = &mut operation.responses.responses;
            // Any versioned endpoint may refuse an unreadable request (a repeated or badly
            // encoded parameter, a body that is not JSON); handlers that document a more
            // specific 400 keep theirs.
            responses.entry("400".into()).or_insert_with(|| {
                problem("无法读取请求（参数重复、编码无效或请求体不是 JSON）/ unreadable request (repeated or badly encoded parameter, body not JSON)").into()
            });
            let access = rules.get(&(method.to_string(), path.clone()));
            let unauthorised = match access {
                Some(Access::SignedIn | Access::Roles(_)) => {
                    "未登录、令牌无效或 API 密钥无效 / not signed in, invalid token or invalid API key"
                }
                _ => "API 密钥无效或已吊销 / invalid or revoked API key",
            };
            responses
                .entry("401".into())
                .or_insert_with(|| problem(unauthorised).into());
            if let Some(Access::Roles(_)) = access {
                responses.entry("403".into()).or_insert_with(|| {
                    problem("账号没有所需角色 / the account lacks the role").into()
                });
            }
            responses.insert(
                "429".into(),
                problem("超出频率限制，见 Retry-After / over the rate limit, see Retry-After")
                    .into(),
            );
        }
    }
    if let Some(components) = doc.components.as_mut() {
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Api-Key",
                "第三方应用的 API 密钥（cx_…）/ API key of a third-party app",
            ))),
        );
        components.add_security_scheme(
            "bearer_api_key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("同一 API 密钥放在 Authorization: Bearer 中 / the same key as a bearer token")).build()),
        );
        components.add_security_scheme(
            "bearer_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("登录后获得的访问令牌（EdDSA 签名的 JWT，15 分钟内有效）/ the access token from sign-in (EdDSA-signed JWT, valid up to 15 minutes)"))
                    .build(),
            ),
        );
    }
    doc
}

/// The document as pretty JSON with a trailing newline, exactly as committed.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
