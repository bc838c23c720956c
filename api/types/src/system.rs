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

/// A day the working-day calendar lists: a holiday on a weekday, or a weekend make-up workday.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarDay {
    pub day: chrono::NaiveDate,
    pub kind: crate::CalendarDayKind,
    /// The holiday it belongs to, e.g. 春节.
    pub name: String,
    /// Where it came from: `shipped` (with this release) or `import` (the credit office).
    pub source: String,
}

/// One year of the working-day calendar.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarYear {
    pub year: i32,
    /// The listed days, in order; every other weekday is a working day, every weekend day off.
    pub days: Vec<CalendarDay>,
    /// Working days in the year under this calendar.
    pub working_days: u32,
}

/// What an import of holiday data changed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarImport {
    /// Days added or replaced.
    pub imported: usize,
    /// The years those days fall in.
    pub years: Vec<i32>,
}

/// One day to import, as JSON (the same as a CSV line `date,kind,name`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarDayInput {
    pub date: chrono::NaiveDate,
    pub kind: crate::CalendarDayKind,
    #[serde(default)]
    pub name: String,
}
