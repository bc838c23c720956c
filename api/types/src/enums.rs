//! Closed vocabularies of the domain, spelled in snake_case on the wire and in the database.

use serde::{Deserialize, Serialize};

/// A closed vocabulary shown to people in Chinese or English.
pub trait Label: Copy {
    fn label_zh(self) -> &'static str;
    fn label_en(self) -> &'static str;
}

/// Declares a wire enum together with its stable code (the serde name, also stored in the database)
/// and its Chinese label, so the three can never drift apart.
macro_rules! wire_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $label:literal, $label_en:literal;)+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        // Written by hand rather than derived: on the wire the value is its code, a plain string.
        // serde's derive goes through its enum machinery for every vocabulary, which cost the web
        // app about 15 KB of WebAssembly.
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = String::deserialize(deserializer)?;
                $name::from_code(&code).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&code, &[$($code),+])
                })
            }
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

            /// The English label shown to people who chose English.
            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $label_en,)+ }
            }

            /// Parses a stable code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl Label for $name {
            fn label_zh(self) -> &'static str {
                $name::label_zh(self)
            }
            fn label_en(self) -> &'static str {
                $name::label_en(self)
            }
        }

        // Stored as its code in a text column; a code the vocabulary does not know is an error
        // of the row, never a default.
        #[cfg(feature = "sqlx")]
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            &'r str: sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let code = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
                $name::from_code(code).ok_or_else(|| {
                    format!("“{code}” is not a code of {}", stringify!($name)).into()
                })
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
        Basic => "basic", "基础信息", "Basic information";
        Positive => "positive", "增信信息", "Positive information";
        GeneralBreach => "general_breach", "一般失信信息", "General breach of trust";
        SeriousBreach => "serious_breach", "严重失信信息", "Serious breach of trust";
        RiskWarning => "risk_warning", "风险提示信息", "Risk warning";
    }
}

wire_enum! {
    /// Who may see a record: the three legal routes plus internal use.
    DisclosureRoute {
        Public => "public", "信息公开", "Public disclosure";
        GovernmentSharing => "government_sharing", "政务共享", "Government data sharing";
        AuthorisedQuery => "authorised_query", "授权查询", "Authorised query";
        Internal => "internal", "内部管理", "Internal use";
    }
}

wire_enum! {
    /// Publicity tier of penalty-like information, which sets its minimum and maximum publicity period.
    PublicityTier {
        Minor => "minor", "轻微", "Minor";
        General => "general", "一般", "General";
        Serious => "serious", "严重", "Serious";
    }
}

wire_enum! {
    /// Life-cycle state of a credit record. Nothing is deleted: every end is a state.
    RecordStatus {
        /// Submitted by a reporter, waiting for the review panel.
        Pending => "pending", "待审核", "Pending review";
        /// Returned by the review panel to the reporter.
        Returned => "returned", "已退回", "Returned";
        /// In effect: shown by its route and counted in scores.
        Effective => "effective", "有效", "In effect";
        /// Kept, but meets the exemption criteria (容错免责): never counts as a breach.
        Exempt => "exempt", "容错免责", "Exempted (fault tolerance)";
        /// Ended early by credit repair.
        Repaired => "repaired", "已修复", "Repaired";
        /// Withdrawn, e.g. after an upheld objection.
        Revoked => "revoked", "已撤销", "Revoked";
    }
}

wire_enum! {
    /// Whether a subject is a natural person or an organisation.
    SubjectKind {
        Person => "person", "自然人", "Person";
        Organisation => "organisation", "组织", "Organisation";
    }
}

wire_enum! {
    /// Kinds of organisation.
    OrgKind {
        GovernmentBody => "government_body", "机关", "Government body";
        PublicInstitution => "public_institution", "事业单位", "Public institution";
        Enterprise => "enterprise", "企业", "Enterprise";
        SocialOrganisation => "social_organisation", "社会组织", "Social organisation";
    }
}

wire_enum! {
    /// Administrative level of a government body.
    OrgLevel {
        City => "city", "市级", "City";
        District => "district", "区县级", "District / county";
        Township => "township", "乡镇街道", "Township / subdistrict";
    }
}

wire_enum! {
    /// Credit grade of a scored subject, best first.
    Grade {
        Aaa => "AAA", "AAA", "AAA";
        Aa => "AA", "AA", "AA";
        A => "A", "A", "A";
        B => "B", "B", "B";
        C => "C", "C", "C";
        D => "D", "D", "D";
    }
}

wire_enum! {
    /// State of a serious-breach list entry.
    ListingStatus {
        /// Notice given, objection window running; not yet in effect.
        Noticed => "noticed", "已告知", "Noticed";
        Listed => "listed", "在列", "Listed";
        Removed => "removed", "已移出", "Removed";
    }
}

wire_enum! {
    /// Where a serious-breach entry stands today, as its deciding department sees it.
    ListingStanding {
        /// Notice given; the subject may still object; not public.
        UnderNotice => "under_notice", "告知期内", "Under notice";
        /// On the list and public.
        Listed => "listed", "在列", "Listed";
        /// Taken off early (repair, upheld objection, removal); no longer public.
        Removed => "removed", "已移出", "Removed";
        /// Past its removal date; no longer public.
        Lapsed => "lapsed", "已到移出日期", "Past its removal date";
    }
}

wire_enum! {
    /// Kind of serious-breach list.
    ListKind {
        /// 失信被执行人 (court judgment debtors).
        JudgmentDebtor => "judgment_debtor", "失信被执行人名单", "Judgment defaulters";
        /// Serious breach determined by an administrative department.
        AdministrativeSeriousBreach => "administrative_serious_breach", "严重失信主体名单", "Serious breach of trust";
        /// Serious breach in government procurement.
        GovernmentProcurement => "government_procurement", "政府采购严重违法失信名单", "Serious violations in government procurement";
        /// Serious breach in taxation (重大税收违法失信主体).
        MajorTaxViolation => "major_tax_violation", "重大税收违法失信主体名单", "Major tax violations";
    }
}

wire_enum! {
    /// Kind of commitment.
    CommitmentKind {
        InvestmentPolicy => "investment_policy", "招商引资政策承诺", "Investment policy promise";
        GovernmentContract => "government_contract", "政府合同", "Government contract";
        Ppp => "ppp", "政府和社会资本合作协议", "Public–private partnership agreement";
        PublicService => "public_service", "公共服务承诺", "Public service";
        CivilServantPledge => "civil_servant_pledge", "公职人员政务承诺", "Civil servant's pledge";
        ApplicantNotification => "applicant_notification", "告知承诺", "Notification-and-commitment";
    }
}

wire_enum! {
    /// Fulfilment state of a commitment.
    FulfilmentStatus {
        InProgress => "in_progress", "履行中", "In progress";
        Fulfilled => "fulfilled", "已履行", "Fulfilled";
        Breached => "breached", "未履行（失信）", "Breached";
        LawfullyChanged => "lawfully_changed", "依法变更", "Lawfully changed";
    }
}

wire_enum! {
    /// Penalty categories of the Administrative Penalty Law, art. 9.
    PenaltyCategory {
        Warning => "warning", "警告", "Warning";
        CirculatedCriticism => "circulated_criticism", "通报批评", "Circulated criticism";
        Fine => "fine", "罚款", "Fine";
        ConfiscateGains => "confiscate_gains", "没收违法所得", "Confiscation of illegal gains";
        ConfiscateProperty => "confiscate_property", "没收非法财物", "Confiscation of illegal property";
        SuspendLicence => "suspend_licence", "暂扣许可证件", "Licence suspended";
        LowerQualification => "lower_qualification", "降低资质等级", "Qualification lowered";
        RevokeLicence => "revoke_licence", "吊销许可证件", "Licence revoked";
        RestrictBusiness => "restrict_business", "限制开展生产经营活动", "Business restricted";
        OrderSuspension => "order_suspension", "责令停产停业", "Ordered to suspend operations";
        OrderClosure => "order_closure", "责令关闭", "Ordered to close";
        RestrictPractice => "restrict_practice", "限制从业", "Barred from practice";
        Detention => "detention", "行政拘留", "Administrative detention";
        Other => "other", "其他", "Other";
    }
}

wire_enum! {
    /// Licence categories of the national 双公示 exchange format (`xk_xklb` codes 01–06).
    LicenceCategory {
        Ordinary => "ordinary", "普通", "Ordinary";
        Special => "special", "特许", "Special";
        Accreditation => "accreditation", "认可", "Accreditation";
        Verification => "verification", "核准", "Approval";
        Registration => "registration", "登记", "Registration";
        Other => "other", "其他", "Other";
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
    /// What an import file (or a single submission) holds.
    ImportFormat {
        /// Administrative penalties in the national 双公示 format (`cf_*` items).
        Penalties => "penalties", "行政处罚", "Administrative penalties";
        /// Administrative licences in the national 双公示 format (`xk_*` items).
        Licences => "licences", "行政许可", "Administrative licences";
        /// Other credit records (appraisals, commendations, sanctions, judgments…) in our format.
        Records => "records", "其他信用记录", "Other credit records";
        /// Serious-breach listings with their prior notice, in our format.
        Listings => "listings", "严重失信主体名单", "Serious-breach listings";
        /// Commitments (承诺) with their initial fulfilment status, in our format.
        Commitments => "commitments", "承诺", "Commitments";
        /// Changes of a commitment's fulfilment status, in our format.
        Fulfilments => "fulfilments", "承诺履行情况", "Commitment fulfilment";
        /// Early removals of serious-breach entries (移出) the department decided, in our format.
        Removals => "removals", "移出严重失信名单", "Removals from serious-breach lists";
    }
}

wire_enum! {
    /// Whether an import with bad rows keeps its good rows.
    ImportMode {
        /// Nothing is imported unless every row is valid.
        AllOrNothing => "all_or_nothing", "全部无误才导入", "All or nothing";
        /// Valid rows are imported; bad rows are reported and left out.
        PerRow => "per_row", "逐行导入，跳过错误行", "Row by row";
    }
}

wire_enum! {
    /// Where a submitted item stands in review (评议).
    SubmissionStatus {
        /// Waiting for a reviewer of the department.
        Pending => "pending", "待审核", "Pending review";
        /// Sent back to the reporter with comments.
        Returned => "returned", "已退回", "Returned";
        /// Approved: the item has taken effect.
        Approved => "approved", "已通过", "Approved";
        /// Kept but exempt (容错免责): never counts as a breach.
        Exempt => "exempt", "容错免责", "Exempt";
        /// A returned item that was corrected and submitted again.
        Superseded => "superseded", "已重新报送", "Resubmitted";
    }
}

wire_enum! {
    /// The kind of item a submission carries.
    SubmissionItemKind {
        Penalty => "penalty", "行政处罚", "Administrative penalty";
        Licence => "licence", "行政许可", "Administrative licence";
        Record => "record", "信用记录", "Credit record";
        Listing => "listing", "严重失信名单", "Serious-breach listing";
        Commitment => "commitment", "承诺", "Commitment";
        Fulfilment => "fulfilment", "承诺履行情况", "Commitment fulfilment";
        /// Early removal of a serious-breach entry (移出).
        Removal => "removal", "移出严重失信名单", "Removal from a serious-breach list";
    }
}

wire_enum! {
    /// What an account may do. One account may hold several roles.
    Role {
        /// A civil servant (公职人员) linked to a person in the archive: sees their own records.
        CivilServant => "civil_servant", "公职人员", "Civil servant";
        /// Submits records for their department.
        Reporter => "reporter", "信息报送员", "Reporter";
        /// Approves or returns their department's submissions (评议小组).
        Reviewer => "reviewer", "评议审核员", "Reviewer";
        /// Handles objections and repair applications for their department's records.
        Handler => "handler", "异议与修复经办人", "Case handler";
        /// The credit office: rulebook, catalogue, accounts, keys.
        Admin => "admin", "信用办管理员", "Credit office administrator";
        /// Reads the audit trail and every access log; changes nothing.
        Auditor => "auditor", "审计员", "Auditor";
    }
}

wire_enum! {
    /// The route through which someone read a person's non-public records.
    AccessChannel {
        GovernmentSharing => "government_sharing", "政务共享", "Government data sharing";
        AuthorisedQuery => "authorised_query", "授权查询", "Authorised query";
        Internal => "internal", "内部管理", "Internal use";
    }
}

wire_enum! {
    /// Who receives an authorised-query grant.
    GranteeKind {
        /// A third-party app, identified by its API key.
        App => "app", "第三方应用", "Third-party app";
        /// An organisation, whose staff query through their accounts.
        Organisation => "organisation", "单位", "Organisation";
    }
}

wire_enum! {
    /// Whether a grant can be used now.
    GrantState {
        Active => "active", "有效", "Active";
        Expired => "expired", "已过期", "Expired";
        Revoked => "revoked", "已撤回", "Revoked";
    }
}

wire_enum! {
    /// Where an objection stands.
    ObjectionStatus {
        Submitted => "submitted", "已提交，待受理", "Submitted, awaiting acceptance";
        Accepted => "accepted", "已受理，核查中", "Accepted, under review";
        Refused => "refused", "不予受理", "Not accepted";
        Upheld => "upheld", "异议成立", "Upheld";
        PartlyUpheld => "partly_upheld", "异议部分成立", "Partly upheld";
        Rejected => "rejected", "异议不成立", "Rejected";
        Withdrawn => "withdrawn", "已撤回", "Withdrawn";
    }
}

wire_enum! {
    /// What a complaint about a government body is about.
    ComplaintKind {
        Arrears => "arrears", "拖欠企业账款", "Unpaid arrears to a firm";
        BrokenPromise => "broken_promise", "招商引资等承诺不兑现", "Investment promise not kept";
        OldDebts => "old_debts", "新官不理旧账", "New officials ignoring old commitments";
        ContractBreach => "contract_breach", "政府合同违约", "Breach of a government contract";
        Other => "other", "其他政务失信行为", "Other";
    }
}

wire_enum! {
    /// Where a complaint stands.
    ComplaintStatus {
        Submitted => "submitted", "已提交，待受理", "Submitted, awaiting acceptance";
        Accepted => "accepted", "已受理，核查中", "Accepted, under review";
        Refused => "refused", "不予受理", "Not accepted";
        Substantiated => "substantiated", "认定属实", "Found true";
        Dismissed => "dismissed", "认定不属实", "Found untrue";
    }
}

wire_enum! {
    /// Where a credit repair application stands.
    RepairStatus {
        Submitted => "submitted", "已提交，待受理", "Submitted, awaiting acceptance";
        Accepted => "accepted", "已受理，审核中", "Accepted, under review";
        Refused => "refused", "不予受理", "Not accepted";
        Approved => "approved", "准予修复", "Repair approved";
        Denied => "denied", "不予修复", "Repair denied";
        Withdrawn => "withdrawn", "已撤回", "Withdrawn";
    }
}

wire_enum! {
    /// In what capacity someone files an objection.
    FilerCapacity {
        Subject => "subject", "信息主体本人", "The subject";
        Agent => "agent", "受托代理人", "Authorised agent";
        InterestedParty => "interested_party", "利害关系人", "Interested party";
    }
}

wire_enum! {
    /// A field of a record that an objection says is wrong.
    RecordField {
        Title => "title", "标题", "Title";
        Content => "content", "内容", "Content";
        DecisionNo => "decision_no", "决定文书号", "Decision document number";
        DecidedOn => "decided_on", "决定日期", "Decision date";
        OccurredOn => "occurred_on", "行为发生日期", "Date of the conduct";
        DecidingOrg => "deciding_org", "认定单位", "Deciding department";
        Publicity => "publicity", "公示期限", "Publicity period";
        Category => "category", "信息类别", "Category";
    }
}

impl ImportFormat {
    /// The format an item of this kind is sent in (a correction is sent in the same one).
    pub fn of_item(kind: SubmissionItemKind) -> ImportFormat {
        match kind {
            SubmissionItemKind::Penalty => ImportFormat::Penalties,
            SubmissionItemKind::Licence => ImportFormat::Licences,
            SubmissionItemKind::Record => ImportFormat::Records,
            SubmissionItemKind::Listing => ImportFormat::Listings,
            SubmissionItemKind::Commitment => ImportFormat::Commitments,
            SubmissionItemKind::Fulfilment => ImportFormat::Fulfilments,
            SubmissionItemKind::Removal => ImportFormat::Removals,
        }
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

wire_enum! {
    /// What waits for a member of staff on their workspace (工作台).
    WorkKind {
        /// Submissions the review panel returned, to correct and send again (reporter).
        SubmissionsReturned => "submissions_returned", "被退回待修改的报送", "Returned submissions to correct";
        /// The department's submissions waiting for review (reporter: sent; reviewer: to decide).
        SubmissionsPending => "submissions_pending", "待审核的报送", "Submissions waiting for review";
        /// The department's objections being handled (handler).
        ObjectionsOpen => "objections_open", "办理中的异议", "Objections to handle";
        /// The department's repair applications being handled (handler).
        RepairsOpen => "repairs_open", "办理中的信用修复申请", "Repair applications to handle";
        /// Objections past a deadline anywhere in the district (credit office).
        ObjectionsOverdue => "objections_overdue", "逾期的异议", "Overdue objections";
        /// Complaints about government bodies being handled (credit office).
        ComplaintsOpen => "complaints_open", "办理中的政务失信投诉", "Complaints to handle";
        /// Rectification cases waiting for the credit office: a deadline to set, a report to
        /// review, an overdue case to escalate (credit office).
        RectificationsToHandle => "rectifications_to_handle", "待办理的政务失信整改", "Rectification cases to handle";
        /// The department's own breaches awaiting its explanation and report (handler).
        RectificationsToReport => "rectifications_to_report", "本单位待整改的政务失信事项", "Our breaches to rectify";
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

wire_enum! {
    /// What a listed day of the working-day calendar is.
    CalendarDayKind {
        Holiday => "holiday", "放假", "Holiday";
        Workday => "workday", "调休上班", "Make-up workday";
    }
}

wire_enum! {
    /// Where a rectification case stands.
    RectificationStatus {
        Opened => "opened", "待定整改期限", "Opened, awaiting a deadline";
        AwaitingReport => "awaiting_report", "整改中，待提交整改报告", "Rectifying, report awaited";
        ReportSubmitted => "report_submitted", "已提交整改报告，待审核", "Report submitted, under review";
        Rectified => "rectified", "已整改", "Rectified";
        /// The breach record was revoked (an objection upheld): nothing is left to put right.
        Withdrawn => "withdrawn", "已终止（失信记录已撤销）", "Ended: the breach record was revoked";
    }
}

wire_enum! {
    /// How far an overdue case has been escalated (提醒 → 警示 → 约谈).
    Escalation {
        None => "none", "未督办", "Not escalated";
        Reminder => "reminder", "已提醒", "Reminded";
        Warning => "warning", "已警示", "Warned";
        Interview => "interview", "已约谈", "Interviewed";
    }
}

wire_enum! {
    /// What a breach costs the body.
    ConsequenceKind {
        HonoursIneligible => "honours_ineligible", "取消荣誉评选资格", "Not eligible for honours";
        PublicCriticism => "public_criticism", "通报批评", "Public criticism";
        NoticeSupervisor => "notice_supervisor", "通报主管部门", "Notice to the supervising department";
        NoticeAudit => "notice_audit", "移送审计机关", "Referred to the audit office";
        NoticeDiscipline => "notice_discipline", "移送纪检监察机关", "Referred to discipline inspection";
    }
}

wire_enum! {
    /// What a warning before a breach (预警) is about.
    WarningKind {
        CommitmentDue => "commitment_due", "承诺即将到期", "Commitment falling due";
        ObjectionDue => "objection_due", "异议办理即将到期", "Objection deadline near";
        RepairDue => "repair_due", "信用修复办理即将到期", "Repair deadline near";
        PublicationDue => "publication_due", "双公示即将超期", "Publication limit near";
        RectificationDue => "rectification_due", "整改报告即将到期", "Rectification report due";
    }
}

wire_enum! {
    /// What the archive can measure of a body over a period, for an evaluation indicator.
    Measure {
        /// 双公示: decisions published within the limit, of those due.
        PublicationTimeliness => "publication_timeliness", "双公示按时公示率", "双公示 on time";
        /// Commitments due in the period that were kept, of those decided.
        CommitmentsKept => "commitments_kept", "承诺按期履行率", "Commitments kept";
        /// Objections and repair applications closed in time, of those closed.
        CasesInTime => "cases_in_time", "异议和修复按时办结率", "Objections and repairs in time";
        /// Complaints found true (points off for each).
        ComplaintsSubstantiated => "complaints_substantiated", "投诉经查属实件数", "Complaints found true";
        /// Government breach records taking effect (points off for each).
        BreachRecords => "breach_records", "政务失信记录件数", "Breach records";
        /// Rectification cases put right by the first deadline, of those due.
        RectificationRate => "rectification_rate", "按期整改率", "Rectified on time";
        /// Entries on a judgment-debtor list (points off for each).
        JudgmentDebtor => "judgment_debtor", "失信被执行人记录件数", "Judgment-debtor entries";
        /// Arrears findings (points off for each).
        Arrears => "arrears", "拖欠账款记录件数", "Arrears findings";
        /// Poor 12345 hotline performance reports (points off for each).
        Hotline => "hotline", "12345 热线办理不佳件数", "Poor 12345 hotline reports";
    }
}
