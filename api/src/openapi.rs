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
    ),
    components(schemas(chengxin_types::Problem, chengxin_types::FieldProblem)),
    tags(
        (name = "public", description = "公开查询：严重失信主体名单、承诺、双公示、政务诚信档案，无需登录 / Public queries, no account needed"),
        (name = "system", description = "运行状态 / Operations")
    )
)]
pub struct ApiDoc;

/// The document with the `/api/v1` prefix on versioned paths, as served.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let paths = std::mem::take(&mut doc.paths.paths);
    for (path, item) in paths {
        let served = if path.starts_with("/healthz") || path.starts_with("/readyz") {
            path
        } else {
            format!("/api/v1{path}")
        };
        doc.paths.paths.insert(served, item);
    }
    doc
}

/// The document as pretty JSON with a trailing newline, exactly as committed.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
