//! Printable documents the server writes as HTML (decision documents, periodic reports): each
//! carries its own stylesheet, allowed by its hash under a policy that runs no script at all.

use super::me::private;
use actix_web::HttpResponse;
use actix_web::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Text made safe to put into HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The Content-Security-Policy of a document whose only style is `style`.
pub fn policy(style: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

/// A whole document: `title`, `style` and the `body` markup (already escaped where it holds
/// data), sent privately with its policy.
pub fn page(title: &str, style: &str, body: &str) -> HttpResponse {
    let html = format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>{style}</style></head>\n<body>{body}</body></html>",
        escape(title)
    );
    private(HttpResponse::Ok())
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((CONTENT_SECURITY_POLICY, policy(style)))
        .body(html)
}
