//! Closed vocabularies of the domain, spelled in snake_case on the wire and in the database.

use serde::{Deserialize, Serialize};

/// Declares a wire enum together with its stable code (the serde name, also stored in the database)
/// and its Chinese label, so the three can never drift apart.
macro_rules! wire_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+
        }

        // The schema is written from the same codes serde uses: a derive would not see the
        // per-variant names through the macro and would publish other spellings.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some(concat!($($doc),*).trim()))
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used on the wire and in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The Chinese label shown to people.
            pub fn label_zh(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses a stable code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

wire_enum! {
    /// The five categories of public credit information.
    Category {
        Basic => "basic", "基础信息";
        Positive => "positive", "增信信息";
        GeneralBreach => "general_breach", "一般失信信息";
        SeriousBreach => "serious_breach", "严重失信信息";
        RiskWarning => "risk_warning", "风险提示信息";
    }
}

wire_enum! {
    /// Who may see a record: the three legal routes plus internal use.
    DisclosureRoute {
        Public => "public", "信息公开";
        GovernmentSharing => "government_sharing", "政务共享";
        AuthorisedQuery => "authorised_query", "授权查询";
        Internal => "internal", "内部管理";
    }
}

wire_enum! {
    /// Publicity tier of penalty-like information, which sets its minimum and maximum publicity period.
    PublicityTier {
        Minor => "minor", "轻微";
        General => "general", "一般";
        Serious => "serious", "严重";
    }
}

wire_enum! {
    /// Life-cycle state of a credit record. Nothing is deleted: every end is a state.
    RecordStatus {
        /// Submitted by a reporter, waiting for the review panel.
        Pending => "pending", "待审核";
        /// Returned by the review panel to the reporter.
        Returned => "returned", "已退回";
        /// In effect: shown by its route and counted in scores.
        Effective => "effective", "有效";
        /// Kept, but meets the exemption criteria (容错免责): never counts as a breach.
        Exempt => "exempt", "容错免责";
        /// Ended early by credit repair.
        Repaired => "repaired", "已修复";
        /// Withdrawn, e.g. after an upheld objection.
        Revoked => "revoked", "已撤销";
    }
}

wire_enum! {
    /// Whether a subject is a natural person or an organisation.
    SubjectKind {
        Person => "person", "自然人";
        Organisation => "organisation", "组织";
    }
}

wire_enum! {
    /// Kinds of organisation.
    OrgKind {
        GovernmentBody => "government_body", "机关";
        PublicInstitution => "public_institution", "事业单位";
        Enterprise => "enterprise", "企业";
        SocialOrganisation => "social_organisation", "社会组织";
    }
}

wire_enum! {
    /// Administrative level of a government body.
    OrgLevel {
        City => "city", "市级";
        District => "district", "区县级";
        Township => "township", "乡镇街道";
    }
}

wire_enum! {
    /// Credit grade of a scored subject, best first.
    Grade {
        Aaa => "AAA", "AAA";
        Aa => "AA", "AA";
        A => "A", "A";
        B => "B", "B";
        C => "C", "C";
        D => "D", "D";
    }
}

wire_enum! {
    /// State of a serious-breach list entry.
    ListingStatus {
        /// Notice given, objection window running; not yet in effect.
        Noticed => "noticed", "已告知";
        Listed => "listed", "在列";
        Removed => "removed", "已移出";
    }
}

wire_enum! {
    /// Kind of serious-breach list.
    ListKind {
        /// 失信被执行人 (court judgment debtors).
        JudgmentDebtor => "judgment_debtor", "失信被执行人名单";
        /// Serious breach determined by an administrative department.
        AdministrativeSeriousBreach => "administrative_serious_breach", "严重失信主体名单";
        /// Serious breach in government procurement.
        GovernmentProcurement => "government_procurement", "政府采购严重违法失信名单";
        /// Serious breach in taxation (重大税收违法失信主体).
        MajorTaxViolation => "major_tax_violation", "重大税收违法失信主体名单";
    }
}

wire_enum! {
    /// Kind of commitment.
    CommitmentKind {
        InvestmentPolicy => "investment_policy", "招商引资政策承诺";
        GovernmentContract => "government_contract", "政府合同";
        Ppp => "ppp", "政府和社会资本合作协议";
        PublicService => "public_service", "公共服务承诺";
        CivilServantPledge => "civil_servant_pledge", "公职人员政务承诺";
        ApplicantNotification => "applicant_notification", "告知承诺";
    }
}

wire_enum! {
    /// Fulfilment state of a commitment.
    FulfilmentStatus {
        InProgress => "in_progress", "履行中";
        Fulfilled => "fulfilled", "已履行";
        Breached => "breached", "未履行（失信）";
        LawfullyChanged => "lawfully_changed", "依法变更";
    }
}

wire_enum! {
    /// Penalty categories of the Administrative Penalty Law, art. 9.
    PenaltyCategory {
        Warning => "warning", "警告";
        CirculatedCriticism => "circulated_criticism", "通报批评";
        Fine => "fine", "罚款";
        ConfiscateGains => "confiscate_gains", "没收违法所得";
        ConfiscateProperty => "confiscate_property", "没收非法财物";
        SuspendLicence => "suspend_licence", "暂扣许可证件";
        LowerQualification => "lower_qualification", "降低资质等级";
        RevokeLicence => "revoke_licence", "吊销许可证件";
        RestrictBusiness => "restrict_business", "限制开展生产经营活动";
        OrderSuspension => "order_suspension", "责令停产停业";
        OrderClosure => "order_closure", "责令关闭";
        RestrictPractice => "restrict_practice", "限制从业";
        Detention => "detention", "行政拘留";
        Other => "other", "其他";
    }
}

wire_enum! {
    /// Licence categories of the national 双公示 exchange format (`xk_xklb` codes 01–06).
    LicenceCategory {
        Ordinary => "ordinary", "普通";
        Special => "special", "特许";
        Accreditation => "accreditation", "认可";
        Verification => "verification", "核准";
        Registration => "registration", "登记";
        Other => "other", "其他";
    }
}

impl LicenceCategory {
    /// The two-digit code of the national exchange format.
    pub fn national_code(self) -> &'static str {
        match self {
            LicenceCategory::Ordinary => "01",
            LicenceCategory::Special => "02",
            LicenceCategory::Accreditation => "03",
            LicenceCategory::Verification => "04",
            LicenceCategory::Registration => "05",
            LicenceCategory::Other => "06",
        }
    }
}

wire_enum! {
    /// What an account may do. One account may hold several roles.
    Role {
        /// A civil servant (公职人员) linked to a person in the archive: sees their own records.
        CivilServant => "civil_servant", "公职人员";
        /// Submits records for their department.
        Reporter => "reporter", "信息报送员";
        /// Approves or returns their department's submissions (评议小组).
        Reviewer => "reviewer", "评议审核员";
        /// Handles objections and repair applications for their department's records.
        Handler => "handler", "异议与修复经办人";
        /// The credit office: rulebook, catalogue, accounts, keys.
        Admin => "admin", "信用办管理员";
        /// Reads the audit trail and every access log; changes nothing.
        Auditor => "auditor", "审计员";
    }
}

wire_enum! {
    /// The route through which someone read a person's non-public records.
    AccessChannel {
        GovernmentSharing => "government_sharing", "政务共享";
        AuthorisedQuery => "authorised_query", "授权查询";
        Internal => "internal", "内部管理";
    }
}

wire_enum! {
    /// Who receives an authorised-query grant.
    GranteeKind {
        /// A third-party app, identified by its API key.
        App => "app", "第三方应用";
        /// An organisation, whose staff query through their accounts.
        Organisation => "organisation", "单位";
    }
}

wire_enum! {
    /// Whether a grant can be used now.
    GrantState {
        Active => "active", "有效";
        Expired => "expired", "已过期";
        Revoked => "revoked", "已撤回";
    }
}

wire_enum! {
    /// Where an objection stands.
    ObjectionStatus {
        Submitted => "submitted", "已提交，待受理";
        Accepted => "accepted", "已受理，核查中";
        Refused => "refused", "不予受理";
        Upheld => "upheld", "异议成立";
        PartlyUpheld => "partly_upheld", "异议部分成立";
        Rejected => "rejected", "异议不成立";
        Withdrawn => "withdrawn", "已撤回";
    }
}

wire_enum! {
    /// What a complaint about a government body is about.
    ComplaintKind {
        Arrears => "arrears", "拖欠企业账款";
        BrokenPromise => "broken_promise", "招商引资等承诺不兑现";
        OldDebts => "old_debts", "新官不理旧账";
        ContractBreach => "contract_breach", "政府合同违约";
        Other => "other", "其他政务失信行为";
    }
}

wire_enum! {
    /// Where a complaint stands.
    ComplaintStatus {
        Submitted => "submitted", "已提交，待受理";
        Accepted => "accepted", "已受理，核查中";
        Refused => "refused", "不予受理";
        Substantiated => "substantiated", "认定属实";
        Dismissed => "dismissed", "认定不属实";
    }
}

wire_enum! {
    /// Where a credit repair application stands.
    RepairStatus {
        Submitted => "submitted", "已提交，待受理";
        Accepted => "accepted", "已受理，审核中";
        Refused => "refused", "不予受理";
        Approved => "approved", "准予修复";
        Denied => "denied", "不予修复";
        Withdrawn => "withdrawn", "已撤回";
    }
}

wire_enum! {
    /// In what capacity someone files an objection.
    FilerCapacity {
        Subject => "subject", "信息主体本人";
        Agent => "agent", "受托代理人";
        InterestedParty => "interested_party", "利害关系人";
    }
}

wire_enum! {
    /// A field of a record that an objection says is wrong.
    RecordField {
        Title => "title", "标题";
        Content => "content", "内容";
        DecisionNo => "decision_no", "决定文书号";
        DecidedOn => "decided_on", "决定日期";
        OccurredOn => "occurred_on", "行为发生日期";
        DecidingOrg => "deciding_org", "认定单位";
        Publicity => "publicity", "公示期限";
        Category => "category", "信息类别";
    }
}

impl Grade {
    /// Position from best (0, AAA) to worst (5, D); a larger rank is a worse grade.
    pub fn rank(self) -> usize {
        Grade::ALL
            .iter()
            .position(|g| *g == self)
            .unwrap_or(Grade::ALL.len())
    }

    /// The worse of two grades.
    pub fn worse(self, other: Grade) -> Grade {
        if self.rank() >= other.rank() {
            self
        } else {
            other
        }
    }
}

impl Category {
    /// Breach categories are the ones that may lower a score or be repaired.
    pub fn is_breach(self) -> bool {
        matches!(self, Category::GeneralBreach | Category::SeriousBreach)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_for_every_enum() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(*c));
        }
        for p in PenaltyCategory::ALL {
            assert_eq!(PenaltyCategory::from_code(p.code()), Some(*p));
        }
        assert_eq!(Grade::from_code("AAA"), Some(Grade::Aaa));
        assert_eq!(Grade::from_code("aaa"), None);
    }

    #[test]
    fn serde_uses_the_stable_code() {
        let json = serde_json::to_string(&Category::SeriousBreach).expect("serialise");
        assert_eq!(json, "\"serious_breach\"");
        let grade: Grade = serde_json::from_str("\"AA\"").expect("parse");
        assert_eq!(grade, Grade::Aa);
    }

    #[test]
    fn worse_grade_is_the_lower_one() {
        assert_eq!(Grade::A.worse(Grade::B), Grade::B);
        assert_eq!(Grade::D.worse(Grade::Aaa), Grade::D);
        assert_eq!(Grade::Aa.worse(Grade::Aa), Grade::Aa);
    }
}
