//! Operational responses: health, readiness and the figures of the landing page.

use serde::{Deserialize, Serialize};

/// Answer of `/healthz` and `/readyz`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the check passed.
    pub status: String,
    /// Server version.
    pub version: String,
    /// Database backend: `sqlite` or `postgres` (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
}

/// How much the archive holds, for the landing page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArchiveStats {
    pub organisations: i64,
    pub government_bodies: i64,
    pub persons: i64,
    pub credit_records: i64,
    pub serious_breach_entries: i64,
    pub commitments: i64,
    pub penalties: i64,
    pub licences: i64,
}
