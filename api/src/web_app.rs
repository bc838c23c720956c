//! Serving the phone web app from `web_dir`: hashed assets kept by browsers for a year and sent as
//! the build compressed them, the index and client routes checked on every use.

use crate::state::AppState;
use actix_files::NamedFile;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    self, AcceptEncoding, ContentEncoding, Encoding, Header, HeaderValue,
};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, mime, web};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The compressed copies the build wrote beside the app's assets (`x.wasm.br`, `x.wasm.gz`), by
/// URL path. Only files found here at start-up are ever sent this way, so a request path is never
/// turned into a file path.
#[derive(Default)]
pub struct PrecompressedAssets {
    by_url: HashMap<String, Variants>,
}

/// One asset's compressed copies, and the type of the original they are sent as.
struct Variants {
    content_type: mime::Mime,
    brotli: Option<PathBuf>,
    gzip: Option<PathBuf>,
}

impl PrecompressedAssets {
    /// Looks for compressed copies under `web_dir/assets`.
    pub fn scan(web_dir: &Path) -> PrecompressedAssets {
        let mut assets = PrecompressedAssets::default();
        assets.scan_folder(web_dir, &web_dir.join("assets"));
        if !assets.by_url.is_empty() {
            tracing::info!(files = assets.by_url.len(), "web app assets precompressed");
        }
        assets
    }

    fn scan_folder(&mut self, web_dir: &Path, folder: &Path) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.is_dir() {
                self.scan_folder(web_dir, &path);
                continue;
            }
            let Some((original, encoding)) = original_of(&path) else {
                continue;
            };
            let Some(url) = url_of(web_dir, &original) else {
                continue;
            };
            let variants = self.by_url.entry(url).or_insert_with(|| {
                let extension = original.extension().and_then(|e| e.to_str());
                Variants {
                    content_type: actix_files::file_extension_to_mime(
                        extension.unwrap_or_default(),
                    ),
                    brotli: None,
                    gzip: None,
                }
            });
            match encoding {
                ContentEncoding::Brotli => variants.brotli = Some(path),
                _ => variants.gzip = Some(path),
            }
        }
    }
}

impl Variants {
    /// The copy to send given the request's `Accept-Encoding` (brotli before gzip when both are
    /// equally welcome), or `None` to send the file as it is.
    fn pick(&self, accept: &AcceptEncoding) -> Option<(ContentEncoding, &Path)> {
        let mut supported = vec![Encoding::identity()];
        if self.brotli.is_some() {
            supported.push(Encoding::brotli());
        }
        if self.gzip.is_some() {
            supported.push(Encoding::gzip());
        }
        match accept.negotiate(supported.iter())? {
            Encoding::Known(ContentEncoding::Brotli) => {
                Some((ContentEncoding::Brotli, self.brotli.as_deref()?))
            }
            Encoding::Known(ContentEncoding::Gzip) => {
                Some((ContentEncoding::Gzip, self.gzip.as_deref()?))
            }
            _ => None,
        }
    }

    /// The chosen copy, opened and typed as the original; `None` when the browser wants the file
    /// as it is, or the copy has gone since start-up (the app rebuilt under a running server).
    async fn open(&self, req: &ServiceRequest) -> Option<NamedFile> {
        if !matches!(req.method(), &Method::GET | &Method::HEAD) {
            return None;
        }
        let accept = AcceptEncoding::parse(req).ok()?;
        let (encoding, file) = self.pick(&accept)?;
        let named = NamedFile::open_async(file).await.ok()?;
        Some(
            named
                .set_content_type(self.content_type.clone())
                .set_content_encoding(encoding)
                .disable_content_disposition(),
        )
    }
}

/// `x.wasm.br` → (`x.wasm`, brotli) when `x.wasm` exists.
fn original_of(path: &Path) -> Option<(PathBuf, ContentEncoding)> {
    let encoding = match path.extension()?.to_str()? {
        "br" => ContentEncoding::Brotli,
        "gz" => ContentEncoding::Gzip,
        _ => return None,
    };
    let original = path.with_extension("");
    original.is_file().then_some((original, encoding))
}

fn url_of(web_dir: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(web_dir).ok()?;
    let parts: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    Some(format!("/{}", parts.join("/")))
}

/// Sends an asset's compressed copy when the browser takes it; `Vary` tells caches that the
/// answer for such an asset depends on `Accept-Encoding`.
pub async fn send_precompressed(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let assets = req.app_data::<web::Data<PrecompressedAssets>>().cloned();
    let Some(variants) = assets.as_ref().and_then(|a| a.by_url.get(req.path())) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let mut response = match variants.open(&req).await {
        Some(copy) => {
            let (http_req, _) = req.into_parts();
            let response = copy.into_response(&http_req);
            ServiceResponse::new(http_req, response).map_into_right_body()
        }
        None => next.call(req).await?.map_into_left_body(),
    };
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(response)
}

/// How long browsers keep the web app's files: assets under `/assets/` carry a hash of their
/// content in their name, so they never change and are kept a year; everything else (the index,
/// the service worker, the manifest) is checked on every use, so a new version shows at once.
pub async fn cache_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let immutable = req.path().starts_with("/assets/");
    let mut response = next.call(req).await?;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = if immutable {
            HeaderValue::from_static("public, max-age=31536000, immutable")
        } else {
            HeaderValue::from_static("no-cache")
        };
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    Ok(response)
}

/// Client-side routes of the web app get its index page; unknown API paths get a 404 problem.
pub async fn client_route(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> actix_web::Result<HttpResponse> {
    let path = req.path();
    if path.starts_with("/api/") || path.contains('.') {
        return Ok(crate::error::unknown_address().await?);
    }
    let index: PathBuf = state.config.web_dir.join("index.html");
    let file = NamedFile::open_async(index).await?;
    let mut response = file.into_response(&req);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
