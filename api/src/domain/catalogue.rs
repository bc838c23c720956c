//! The default catalogue of record kinds: what each kind of credit information is, which of the
//! five categories it belongs to, who may see it by default, and which scoring item it falls under.
//! A deployment edits the catalogue as data; this is where it starts.

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
    fn all_five_categories_are_covered() {
        let categories: HashSet<Category> = default_kinds().map(|k| k.category).collect();
        assert_eq!(categories.len(), Category::ALL.len());
        assert_eq!(
            find("judgment_debtor_person").map(|k| k.default_route),
            Some(Public)
        );
    }
}
