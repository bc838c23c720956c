//! The catalogue of record kinds as the API shows and takes it: the credit office's list of what
//! may be recorded, about whom, published how.

use crate::enums::{Category, DisclosureRoute, PublicityTier};
use serde::{Deserialize, Serialize};

/// Whom records of a kind can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KindSubjects {
    Person,
    Organisation,
    Any,
}

impl KindSubjects {
    pub fn code(self) -> &'static str {
        match self {
            KindSubjects::Person => "person",
            KindSubjects::Organisation => "organisation",
            KindSubjects::Any => "any",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "person" => Some(KindSubjects::Person),
            "organisation" => Some(KindSubjects::Organisation),
            "any" => Some(KindSubjects::Any),
            _ => None,
        }
    }

    pub fn fits_person(self) -> bool {
        self != KindSubjects::Organisation
    }

    pub fn fits_organisation(self) -> bool {
        self != KindSubjects::Person
    }
}

/// A kind as the catalogue in the database holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogueKind {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub source: String,
    pub default_route: DisclosureRoute,
    pub default_tier: Option<PublicityTier>,
    pub score_item: Option<String>,
    pub subjects: KindSubjects,
    pub version: u32,
    /// The day it stopped being reported, if it has; its records stay as they are.
    pub retired_on: Option<chrono::NaiveDate>,
}

/// A kind as the credit office writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordKindInput {
    /// 种类代码：小写字母、数字和下划线（新增时必填）/ The code: lower-case letters, digits and
    /// underscores (required when adding).
    #[cfg_attr(feature = "openapi", schema(example = "integrity_record"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "廉政记录"))]
    pub name: String,
    pub category: Category,
    /// 信息来源 / Where records of the kind come from (sanction, appraisal, audit…).
    #[cfg_attr(feature = "openapi", schema(example = "discipline"))]
    pub source: String,
    pub default_route: DisclosureRoute,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_tier: Option<PublicityTier>,
    /// 计分项目代码（须在现行评分规则中）/ The scoring item, which the rulebook in force must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_item: Option<String>,
    pub subjects: KindSubjects,
}

/// A family of scoring rulebooks (such as `weihai-civil-servant`) and its latest version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulebookFamily {
    pub code: String,
    /// The latest version's name.
    pub name: String,
    pub latest_version: u32,
}
