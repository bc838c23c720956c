//! The published OpenAPI document. `openapi/openapi.json` in the repository is generated from it and
//! a test fails when the two differ.

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "诚信 Chengxin API",
        description = "公共信用信息与政务诚信平台的开放接口。\n\nPublic credit information and government integrity platform.",
        license(name = "Apache-2.0")
    ),
    paths(
        crate::routes::system::healthz,
        crate::routes::system::readyz,
        crate::routes::system::stats,
        crate::routes::auth::login,
        crate::routes::auth::refresh,
        crate::routes::auth::logout,
        crate::routes::auth::jwks,
        crate::routes::me::profile,
        crate::routes::me::records,
        crate::routes::me::score,
        crate::routes::me::history,
        crate::routes::me::access_log,
        crate::routes::me::consent,
        crate::routes::grants::list,
        crate::routes::grants::grantees,
        crate::routes::grants::create,
        crate::routes::grants::revoke,
        crate::routes::grants::authorised_records,
        crate::routes::sharing::person_records,
        crate::routes::sharing::all_access,
        crate::routes::objections::file_objection,
        crate::routes::objections::track,
        crate::routes::objections::withdraw,
        crate::routes::objections::mine,
        crate::routes::objections::department_cases,
        crate::routes::objections::handle,
        crate::routes::objections::overdue,
        crate::routes::repairs::apply,
        crate::routes::repairs::track,
        crate::routes::repairs::withdraw,
        crate::routes::repairs::decision,
        crate::routes::repairs::mine,
        crate::routes::repairs::department_cases,
        crate::routes::repairs::handle,
        crate::routes::complaints::file_complaint,
        crate::routes::complaints::track,
        crate::routes::complaints::all,
        crate::routes::complaints::handle,
        crate::routes::intake::upload,
        crate::routes::intake::submit,
        crate::routes::intake::submissions,
        crate::routes::intake::submission,
        crate::routes::intake::review,
        crate::routes::intake::batches,
    crate::routes::intake::department_listings,
        crate::routes::intake::review_batch,
        crate::routes::intake::publication_timeliness,
        crate::routes::catalogue::list,
        crate::routes::catalogue::add,
        crate::routes::catalogue::change,
        crate::routes::catalogue::retire,
        crate::routes::rulebooks::scoring_standard,
        crate::routes::rulebooks::versions,
        crate::routes::rulebooks::publish,
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
        (name = "intake", description = "信息报送与评议：逐条或批量报送、审核、容错免责 / Records intake: submit one or many, review, exempt"),
        (name = "admin", description = "信用办管理：评分规则版本 / Credit office administration: rulebook versions"),
        (name = "sharing", description = "政务共享与查询审计 / Government sharing and oversight"),
        (name = "system", description = "运行状态 / Operations")
    )
)]
pub struct ApiDoc;

/// The handlers mounted under `/api/v1/public` (actix scopes are invisible to the path macros).
#[derive(OpenApi)]
#[openapi(paths(
    crate::routes::public::listings::search,
    crate::routes::public::listings::detail,
    crate::routes::public::decisions::penalties,
    crate::routes::public::decisions::penalty,
    crate::routes::public::decisions::licences,
    crate::routes::public::decisions::licence,
    crate::routes::public::commitments::search,
    crate::routes::public::commitments::detail,
    crate::routes::public::profile::integrity_profile,
    crate::routes::public::profile::credit_check,
    crate::routes::public::exchange::penalties,
    crate::routes::public::exchange::licences,
    crate::routes::public::exchange::listings,
))]
struct PublicApiDoc;

/// The document as served: `/api/v1` on versioned paths, the API-key security schemes (optional on
/// public queries), and the 400, 401 and 429 answers every versioned operation can give.
pub fn document() -> utoipa::openapi::OpenApi {
    use utoipa::openapi::security::{
        ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
    };
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

    let mut doc = ApiDoc::openapi();
    let mut public = PublicApiDoc::openapi();
    let public_paths = std::mem::take(&mut public.paths.paths)
        .into_iter()
        .map(|(path, item)| (format!("/public{path}"), item));
    doc.paths.paths.extend(public_paths);
    if let (Some(components), Some(public_components)) =
        (doc.components.as_mut(), public.components)
    {
        components.schemas.extend(public_components.schemas);
    }
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
    let paths = std::mem::take(&mut doc.paths.paths);
    for (path, mut item) in paths {
        if !path.starts_with('/')
            || path.starts_with("/healthz")
            || path.starts_with("/readyz")
            || path.starts_with("/.well-known")
        {
            doc.paths.paths.insert(path, item);
            continue;
        }
        let is_public = path.starts_with("/public") || path == "/stats";
        for operation in [item.get.as_mut(), item.post.as_mut(), item.put.as_mut()]
            .into_iter()
            .flatten()
        {
            let responses = &mut operation.responses.responses;
            // Any versioned endpoint may refuse an unreadable request (a repeated or badly
            // encoded parameter, a body that is not JSON); handlers that document a more
            // specific 400 keep theirs.
            responses.entry("400".into()).or_insert_with(|| {
                problem("无法读取请求（参数重复、编码无效或请求体不是 JSON）/ unreadable request (repeated or badly encoded parameter, body not JSON)").into()
            });
            responses.entry("401".into()).or_insert_with(|| {
                problem("API 密钥无效或已吊销 / invalid or revoked API key").into()
            });
            responses.insert(
                "429".into(),
                problem("超出频率限制，见 Retry-After / over the rate limit, see Retry-After")
                    .into(),
            );
            if is_public {
                // Anonymous access is allowed; a key raises the quota.
                operation.security = Some(vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new("api_key", Vec::<String>::new()),
                    SecurityRequirement::new("bearer_api_key", Vec::<String>::new()),
                ]);
            }
        }
        doc.paths.paths.insert(format!("/api/v1{path}"), item);
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
