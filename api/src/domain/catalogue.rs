//! The catalogue of record kinds: what each kind of credit information is, which of the five
//! categories it belongs to, whom it can be about, who may see it by default, and which scoring
//! item it falls under.
//!
//! The catalogue is data in the database, which the credit office edits ([`Catalogue`]); the
//! compiled lists below are only its seed, installed at the first start. Intake and the rulebook
//! read the database's catalogue, so a district can add the kinds its own rules name.

use chengxin_types::{Category, DisclosureRoute, PublicityTier};

/// An entry of the catalogue of record kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordKind {
    pub code: &'static str,
    pub name: &'static str,
    pub category: Category,
    /// Where records of this kind come from (judgment, sanction, appraisal, …).
    pub source: &'static str,
    pub default_route: DisclosureRoute,
    pub default_tier: Option<PublicityTier>,
    /// The rulebook item records of this kind fall under, if they score.
    pub score_item: Option<&'static str>,
}

const fn kind(
    code: &'static str,
    name: &'static str,
    category: Category,
    source: &'static str,
    default_route: DisclosureRoute,
    default_tier: Option<PublicityTier>,
    score_item: Option<&'static str>,
) -> RecordKind {
    RecordKind {
        code,
        name,
        category,
        source,
        default_route,
        default_tier,
        score_item,
    }
}

use Category::{Basic, GeneralBreach, Positive, RiskWarning, SeriousBreach};
use DisclosureRoute::{GovernmentSharing, Internal, Public};
use PublicityTier::{General, Minor, Serious};

/// Kinds about civil servants and staff of public institutions.
pub const PERSON_KINDS: &[RecordKind] = &[
    kind(
        "civil_servant_registration",
        "公务员登记信息",
        Basic,
        "registration",
        GovernmentSharing,
        None,
        None,
    ),
    kind(
        "appraisal_excellent",
        "年度考核优秀",
        Positive,
        "appraisal",
        GovernmentSharing,
        None,
        None,
    ),
    kind(
        "appraisal_basically_competent",
        "年度考核基本称职",
        GeneralBreach,
        "appraisal",
        GovernmentSharing,
        None,
        Some("appraisal_basically_competent"),
    ),
    kind(
        "appraisal_incompetent",
        "年度考核不称职",
        GeneralBreach,
        "appraisal",
        GovernmentSharing,
        None,
        Some("appraisal_incompetent"),
    ),
    kind(
        "commendation",
        "嘉奖、记三等功",
        Positive,
        "commendation",
        Public,
        None,
        Some("commendation"),
    ),
    kind(
        "second_class_merit",
        "记二等功",
        Positive,
        "commendation",
        Public,
        None,
        Some("second_class_merit"),
    ),
    kind(
        "first_class_merit",
        "记一等功",
        Positive,
        "commendation",
        Public,
        None,
        Some("first_class_merit"),
    ),
    kind(
        "volunteer_10h",
        "志愿服务满 10 小时",
        Positive,
        "volunteer_service",
        Public,
        None,
        Some("volunteer_10h"),
    ),
    kind(
        "institution_appraisal_excellent",
        "事业单位年度考核优秀",
        Positive,
        "appraisal",
        GovernmentSharing,
        None,
        Some("institution_appraisal_excellent"),
    ),
    kind(
        "volunteer_50h",
        "志愿服务满 50 小时",
        Positive,
        "volunteer_service",
        Public,
        None,
        Some("volunteer_50h"),
    ),
    kind(
        "volunteer_100h",
        "志愿服务满 100 小时",
        Positive,
        "volunteer_service",
        Public,
        None,
        Some("volunteer_100h"),
    ),
    kind(
        "volunteer_200h",
        "志愿服务满 200 小时",
        Positive,
        "volunteer_service",
        Public,
        None,
        Some("volunteer_200h"),
    ),
    kind(
        "volunteer_300h",
        "志愿服务满 300 小时",
        Positive,
        "volunteer_service",
        Public,
        None,
        Some("volunteer_300h"),
    ),
    kind(
        "talk_reminder",
        "谈话提醒",
        GeneralBreach,
        "accountability",
        Internal,
        None,
        Some("talk_reminder"),
    ),
    kind(
        "written_self_criticism",
        "责令书面检查",
        GeneralBreach,
        "accountability",
        Internal,
        None,
        Some("written_self_criticism"),
    ),
    kind(
        "circulated_criticism_unit",
        "通报批评（本单位）",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("circulated_criticism_unit"),
    ),
    kind(
        "circulated_criticism_district",
        "通报批评（区级）",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("circulated_criticism_district"),
    ),
    kind(
        "circulated_criticism_city",
        "通报批评（市级）",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("circulated_criticism_city"),
    ),
    kind(
        "circulated_criticism_province",
        "通报批评（省级及以上）",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("circulated_criticism_province"),
    ),
    kind(
        "admonishment",
        "诫勉",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("admonishment"),
    ),
    kind(
        "party_warning",
        "党内警告处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("party_warning"),
    ),
    kind(
        "party_serious_warning",
        "党内严重警告处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("party_serious_warning"),
    ),
    kind(
        "party_post_removal",
        "撤销党内职务处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("party_post_removal"),
    ),
    kind(
        "party_probation",
        "留党察看处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("party_probation"),
    ),
    kind(
        "gov_warning",
        "政务警告处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("gov_warning"),
    ),
    kind(
        "gov_demerit",
        "政务记过处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("gov_demerit"),
    ),
    kind(
        "gov_major_demerit",
        "政务记大过处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("gov_major_demerit"),
    ),
    kind(
        "gov_demotion",
        "政务降级处分",
        GeneralBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("gov_demotion"),
    ),
    kind(
        "gov_dismissal",
        "政务撤职处分",
        SeriousBreach,
        "disciplinary_sanction",
        GovernmentSharing,
        None,
        Some("gov_dismissal"),
    ),
    kind(
        "credit_info_not_reported",
        "未按规定报送信用信息",
        GeneralBreach,
        "accountability",
        Internal,
        None,
        Some("credit_info_not_reported"),
    ),
    kind(
        "suspension_or_post_adjustment",
        "停职检查、调整职务",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("suspension_or_post_adjustment"),
    ),
    kind(
        "ordered_resignation_demotion_or_removal",
        "责令辞职、降职、免职",
        GeneralBreach,
        "accountability",
        GovernmentSharing,
        None,
        Some("ordered_resignation_demotion_or_removal"),
    ),
    kind(
        "late_or_early_leave",
        "迟到早退",
        GeneralBreach,
        "work_discipline",
        Internal,
        None,
        Some("late_or_early_leave"),
    ),
    kind(
        "official_car_or_alcohol_ban",
        "公车私用、违反工作日禁酒令",
        GeneralBreach,
        "work_discipline",
        Internal,
        None,
        Some("official_car_or_alcohol_ban"),
    ),
    kind(
        "illicit_business",
        "违规经商办企业",
        GeneralBreach,
        "integrity_inspection",
        GovernmentSharing,
        None,
        Some("illicit_business"),
    ),
    kind(
        "bribery_judgment",
        "受贿罪刑事判决",
        SeriousBreach,
        "judicial_judgment",
        GovernmentSharing,
        Some(Serious),
        Some("bribery"),
    ),
    kind(
        "judgment_debtor_person",
        "失信被执行人（个人）",
        SeriousBreach,
        "judicial_judgment",
        Public,
        Some(Serious),
        Some("judgment_debtor"),
    ),
    kind(
        "civil_servant_pledge",
        "公职人员政务承诺",
        Positive,
        "commitment",
        Public,
        None,
        None,
    ),
];

/// Kinds about government bodies, public institutions and enterprises.
pub const ORGANISATION_KINDS: &[RecordKind] = &[
    kind(
        "org_registration",
        "登记注册信息",
        Basic,
        "registration",
        Public,
        None,
        None,
    ),
    kind(
        "org_commendation",
        "集体表彰",
        Positive,
        "commendation",
        Public,
        None,
        None,
    ),
    kind(
        "kept_commitment",
        "信用承诺按期履行",
        Positive,
        "commitment",
        Public,
        None,
        None,
    ),
    kind(
        "proposals_handled",
        "人大代表建议、政协提案按时办结",
        Positive,
        "proposal_handling",
        GovernmentSharing,
        None,
        None,
    ),
    kind(
        "admin_penalty_minor",
        "行政处罚（轻微）",
        GeneralBreach,
        "administrative_penalty",
        Public,
        Some(Minor),
        None,
    ),
    kind(
        "admin_penalty_general",
        "行政处罚（一般）",
        GeneralBreach,
        "administrative_penalty",
        Public,
        Some(General),
        None,
    ),
    kind(
        "admin_penalty_serious",
        "行政处罚（严重）",
        GeneralBreach,
        "administrative_penalty",
        Public,
        Some(Serious),
        None,
    ),
    kind(
        "commitment_breach",
        "违背信用承诺",
        GeneralBreach,
        "commitment",
        Public,
        Some(General),
        None,
    ),
    kind(
        "gov_breach",
        "政务失信行为",
        GeneralBreach,
        "government_integrity",
        Public,
        Some(General),
        None,
    ),
    kind(
        "gov_complaint_substantiated",
        "政务失信投诉经查属实",
        GeneralBreach,
        "complaint",
        Public,
        Some(General),
        None,
    ),
    kind(
        "gov_contract_breach",
        "政府机构违约（不履行合同义务）",
        GeneralBreach,
        "commitment",
        Public,
        Some(General),
        None,
    ),
    kind(
        "serious_breach_listing",
        "列入严重失信主体名单",
        SeriousBreach,
        "listing",
        Public,
        Some(Serious),
        None,
    ),
    kind(
        "judgment_debtor_org",
        "失信被执行人（单位）",
        SeriousBreach,
        "judicial_judgment",
        Public,
        Some(Serious),
        None,
    ),
    kind(
        "arrears_to_private_firms",
        "拖欠民营企业、中小企业账款",
        RiskWarning,
        "arrears",
        Public,
        Some(General),
        None,
    ),
    kind(
        "abnormal_operation",
        "列入经营异常名录",
        RiskWarning,
        "market_regulation",
        Public,
        Some(General),
        None,
    ),
    kind(
        "hotline_12345_poor",
        "12345 热线工单办理满意率偏低",
        RiskWarning,
        "hotline",
        GovernmentSharing,
        None,
        None,
    ),
];

pub use chengxin_types::{CatalogueKind, KindSubjects};

/// A kind of the compiled seed as the catalogue holds it, as version 1.
pub fn seed_kind(kind: &RecordKind) -> CatalogueKind {
    let person = PERSON_KINDS.iter().any(|k| k.code == kind.code);
    let organisation = ORGANISATION_KINDS.iter().any(|k| k.code == kind.code);
    CatalogueKind {
        code: kind.code.to_string(),
        name: kind.name.to_string(),
        category: kind.category,
        source: kind.source.to_string(),
        default_route: kind.default_route,
        default_tier: kind.default_tier,
        score_item: kind.score_item.map(str::to_string),
        subjects: match (person, organisation) {
            (true, false) => KindSubjects::Person,
            (false, true) => KindSubjects::Organisation,
            _ => KindSubjects::Any,
        },
        version: 1,
        retired_on: None,
    }
}

/// Why a change to the catalogue is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("记录种类代码应为 3 至 64 位小写字母、数字或下划线，以字母开头")]
    InvalidCode,
    #[error("记录种类名称应为 1 至 100 个字符")]
    InvalidName,
    #[error("已有代码为“{0}”的记录种类")]
    Exists(String),
    #[error("记录种类“{0}”已有记录，不能改变其信用信息类别")]
    CategoryInUse(String),
    #[error("记录种类“{0}”已停用")]
    Retired(String),
}

/// The catalogue in force: every kind, retired ones included (their records stay readable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    kinds: Vec<CatalogueKind>,
}

impl Catalogue {
    pub fn new(kinds: Vec<CatalogueKind>) -> Self {
        Catalogue { kinds }
    }

    /// The compiled seed, for tests and tools without a database.
    pub fn seed() -> Self {
        Catalogue::new(default_kinds().map(seed_kind).collect())
    }

    /// A kind that may be reported (known and not retired).
    pub fn find(&self, code: &str) -> Option<&CatalogueKind> {
        self.kinds
            .iter()
            .find(|k| k.code == code && k.retired_on.is_none())
    }

    /// Any kind, retired ones included.
    pub fn get(&self, code: &str) -> Option<&CatalogueKind> {
        self.kinds.iter().find(|k| k.code == code)
    }

    pub fn kinds(&self) -> &[CatalogueKind] {
        &self.kinds
    }
}

/// Checks a kind the credit office adds or changes: a code of our form and a name.
pub fn check_kind(kind: &CatalogueKind) -> Result<(), CatalogueError> {
    let code_ok = (3..=64).contains(&kind.code.len())
        && kind.code.starts_with(|c: char| c.is_ascii_lowercase())
        && kind
            .code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        return Err(CatalogueError::InvalidCode);
    }
    let name = kind.name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(CatalogueError::InvalidName);
    }
    Ok(())
}

/// The whole default catalogue.
pub fn default_kinds() -> impl Iterator<Item = &'static RecordKind> {
    PERSON_KINDS.iter().chain(ORGANISATION_KINDS)
}

/// Looks a kind up by code.
pub fn find(code: &str) -> Option<&'static RecordKind> {
    default_kinds().find(|k| k.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::score::Rulebook;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        assert!(default_kinds().all(|k| seen.insert(k.code)));
    }

    #[test]
    fn every_scoring_item_exists_in_both_presets() {
        for rulebook in [
            Rulebook::weihai_civil_servant(),
            Rulebook::wendeng_civil_servant(),
        ] {
            for kind in default_kinds() {
                if let Some(item) = kind.score_item {
                    assert!(
                        rulebook.item(item).is_some(),
                        "{} names missing item {item}",
                        kind.code
                    );
                }
            }
        }
    }

    #[test]
    fn the_seed_says_whom_each_kind_is_about_and_retired_kinds_cannot_be_reported() {
        let catalogue = Catalogue::seed();
        assert_eq!(
            catalogue.find("admonishment").map(|k| k.subjects),
            Some(KindSubjects::Person)
        );
        let mut kinds = catalogue.kinds().to_vec();
        let retired = kinds
            .iter_mut()
            .find(|k| k.code == "admonishment")
            .expect("kind");
        retired.retired_on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1);
        let catalogue = Catalogue::new(kinds);
        assert!(catalogue.find("admonishment").is_none());
        assert!(catalogue.get("admonishment").is_some());
        let mut bad = seed_kind(find("admonishment").expect("kind"));
        bad.code = "Bad-Code".into();
        assert_eq!(check_kind(&bad), Err(CatalogueError::InvalidCode));
    }

    #[test]
    fn all_five_categories_are_covered() {
        let categories: HashSet<Category> = default_kinds().map(|k| k.category).collect();
        assert_eq!(categories.len(), Category::ALL.len());
        assert_eq!(
            find("judgment_debtor_person").map(|k| k.default_route),
            Some(Public)
        );
    }
}
