//! The typed client of the Chengxin API: one place for paths and error handling.

use chengxin_types::{ArchiveStats, Health, Problem};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

/// A failed call, as a message fit to show: the problem's detail when the server sent one.
pub type ApiResult<T> = Result<T, String>;

async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let response = Request::get(path).send().await.map_err(|e| e.to_string())?;
    if response.ok() {
        return response.json::<T>().await.map_err(|e| e.to_string());
    }
    let status = response.status();
    match response.json::<Problem>().await {
        Ok(problem) => Err(problem.detail.unwrap_or(problem.title)),
        Err(_) => Err(format!("HTTP {status}")),
    }
}

pub async fn readiness() -> ApiResult<Health> {
    get("/readyz").await
}

pub async fn stats() -> ApiResult<ArchiveStats> {
    get("/api/v1/stats").await
}
