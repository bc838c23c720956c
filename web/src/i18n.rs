//! The message catalogue: every text the app shows, in Simplified Chinese (the default) and
//! English. Components name messages by key; no UI text is written in a component.
//!
//! The language lives in a signal; switching it re-renders the app (see `lib.rs`), so components
//! read it once, untracked.

use chengxin_types::Label;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

thread_local! {
    static LANGUAGE: std::cell::Cell<Option<RwSignal<Lang>>> = const { std::cell::Cell::new(None) };
}

/// The language chosen in this browser, as a signal. Kept here rather than in a context: routed
/// pages and async tasks read it too, and they do not always run under the app's owner.
pub fn language() -> RwSignal<Lang> {
    LANGUAGE.with(|cell| match cell.get() {
        Some(signal) => signal,
        None => {
            let signal = RwSignal::new(Lang::Zh);
            cell.set(Some(signal));
            signal
        }
    })
}

/// The language in effect.
pub fn lang() -> Lang {
    language().get_untracked()
}

/// "Published N working days after the decision", in the chosen language.
pub fn working_days_after_decision(days: u32) -> String {
    match lang() {
        Lang::Zh => format!("决定后 {days} 个工作日"),
        Lang::En => format!("{days} working days after the decision"),
    }
}

/// The label of a closed vocabulary value (a category, a status…) in the chosen language.
pub fn label(value: impl Label) -> &'static str {
    match lang() {
        Lang::Zh => value.label_zh(),
        Lang::En => value.label_en(),
    }
}

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key,)+ }

        /// The text of a message in the chosen language.
        pub fn t(key: Key) -> &'static str {
            match ($crate::i18n::lang(), key) {
                $(($crate::i18n::Lang::Zh, Key::$key) => $zh, ($crate::i18n::Lang::En, Key::$key) => $en,)+
            }
        }
    };
}

/// A chunk of the app with texts of its own keeps them in a catalogue of its own (see
/// `pages/work_texts.rs`), so pages that never open it never download them.
pub(crate) use catalogue;

catalogue! {
    AppName => "诚信", "Chengxin";
    Tagline => "公共信用信息与政务诚信平台", "Public credit information and government integrity";
    SkipToContent => "跳到正文", "Skip to content";
    SwitchLanguage => "English", "中文";
    SwitchLanguageLabel => "切换到英文", "Switch to Chinese";
    LargeText => "大字", "Large text";
    LargeTextLabel => "大字模式（适合老年人）", "Large text mode";
    Offline => "网络已断开。已看过的页面仍可查看，草稿会在联网后发送。", "You are offline. Pages you have seen still open; drafts are sent when the network returns.";
    Loading => "正在加载…", "Loading…";
    LoadFailed => "加载失败：", "Could not load: ";
    NoLongerPublished => "已不再公示", "No longer published";
    LoadMore => "加载更多", "Load more";
    NothingFound => "没有找到符合条件的信息", "Nothing matches";
    NotFoundTitle => "没有这个页面", "Page not found";
    BackHome => "返回首页", "Back to the home page";
    PageUnavailableTitle => "页面暂时打不开", "This page cannot open yet";
    PageUnavailable => "这个页面需要联网下载后才能使用。请连接网络后再试；已打开过的页面离线也能查看。", "This page has to be downloaded once before it works. Connect to the network and try again; pages you have opened before also work offline.";
    Search => "查询", "Search";
    SearchPlaceholder => "输入单位名称、姓名或统一社会信用代码", "Name of an organisation or person, or a USCC";
    SearchLabel => "查询信用信息", "Search credit information";
    SearchHint => "输入 18 位统一社会信用代码可直接查看信用核查结果。", "Enter an 18-character USCC to see its credit check at once.";
    EntryPoints => "常用查询", "Common queries";
    SeriousBreachList => "严重失信主体名单", "Serious-breach lists";
    SeriousBreachHint => "失信被执行人、严重失信主体等名单", "Judgment defaulters and other serious-breach lists";
    CommitmentsTitle => "政务承诺", "Commitments";
    CommitmentsHint => "承诺内容与履行情况", "What was promised and whether it was kept";
    PenaltiesTitle => "行政处罚", "Administrative penalties";
    PenaltiesHint => "双公示：处罚决定", "Published penalty decisions";
    LicencesTitle => "行政许可", "Administrative licences";
    LicencesHint => "双公示：许可决定", "Published licence decisions";
    CreditCheckTitle => "信用核查", "Credit check";
    CreditCheckHint => "办事先查信用", "Check before granting a licence or subsidy";
    MyCreditTitle => "我的信用", "My credit";
    MyCreditHint => "公职人员登录查看本人积分", "Civil servants: your own score";
    TrackTitle => "异议进度查询", "Track an objection";
    TrackHint => "凭受理编号和查询码", "With the ticket number and query code";
    Disputed => "异议处理中", "Under objection";
    Status => "状态", "Status";
    DecidingDepartment => "认定部门", "Deciding department";
    BasisDoc => "认定文书号", "Basis document";
    ListedOn => "列入日期", "Listed on";
    RemovalDue => "预计移出日期", "Removal due";
    RemovedOn => "移出日期", "Removed on";
    Reason => "列入原因", "Reason";
    LegalBasis => "法律依据", "Legal basis";
    RemovalConditions => "移出条件", "Conditions for removal";
    SourceUnit => "数据来源单位", "Source unit";
    CourtCase => "案件信息", "Court case";
    CaseNo => "案号", "Case number";
    Court => "执行法院", "Court";
    Duty => "生效法律文书确定的义务", "Duty set by the judgment";
    Performed => "已履行部分", "Performed";
    Unperformed => "未履行部分", "Not performed";
    Uscc => "统一社会信用代码", "USCC";
    IdNumber => "证件号码", "ID number";
    AllStatuses => "全部", "All";
    ThisIsWrong => "信息有误？提出异议", "Is this wrong? Object";
    ApplyRepair => "申请信用修复", "Apply for credit repair";
    MadeOn => "作出日期", "Made on";
    AcceptingUnit => "承诺受理单位", "Accepting unit";
    DueOn => "履行期限", "Due";
    Fulfilment => "履行记录", "Fulfilment";
    DecisionNo => "决定文书号", "Decision number";
    ViolationType => "违法行为类型", "Violation";
    Facts => "违法事实", "Facts";
    PenaltyContent => "处罚内容", "Content";
    Fine => "罚款金额（万元）", "Fine (10,000 yuan)";
    DecidedOn => "决定日期", "Decided on";
    PublicityUntil => "公示截止", "Published until";
    PublishedOnField => "公示日期", "Published on";
    PublicationTitle => "双公示时效（决定后 7 个工作日内公示）", "Timeliness of publication (within 7 working days)";
    PenaltiesPublished => "行政处罚", "Penalties";
    LicencesPublished => "行政许可", "Licences";
    PublishedCount => "已公示", "Published";
    OnTimeCount => "按时", "On time";
    LateCount => "逾期公示", "Late";
    UnpublishedOverdue => "超期未公示", "Overdue, unpublished";
    AverageWorkingDays => "平均工作日", "Average working days";
    DecidingBody => "处罚机关", "Deciding body";
    LicensingBody => "许可机关", "Licensing body";
    DocumentName => "许可文书名称", "Document";
    Certificate => "许可证书", "Certificate";
    LicenceContent => "许可内容", "Content";
    ValidFrom => "有效期自", "Valid from";
    ValidTo => "有效期至", "Valid until";
    Party => "行政相对人", "Party";
    Verdict => "核查结论", "Verdict";
    VerdictClear => "未发现失信信息", "No breach of trust found";
    VerdictCaution => "存在一般失信或风险提示信息，请审慎办理", "General breaches or risk warnings published: proceed with care";
    VerdictSerious => "列入严重失信主体名单", "On a serious-breach list";
    CheckedOn => "核查日期", "Checked on";
    PublishedPenalties => "公示中的行政处罚", "Published penalties";
    CommitmentFiguresTitle => "承诺履行", "Commitments kept";
    FulfilmentRate => "履约率", "Fulfilment rate";
    NoneDueYet => "尚无到期承诺", "none due yet";
    Total => "总数", "Total";
    InProgressCount => "履行中", "In progress";
    FulfilledCount => "已履行", "Kept";
    BreachedCount => "未履行", "Broken";
    RecordsTitle => "公开信用记录", "Published credit records";
    ObjectionHandling => "异议处理及时性", "Handling of objections";
    ComplaintsTitle => "政务失信投诉", "Complaints of breach of trust";
    Received => "收到", "Received";
    OpenCases => "办理中", "Open";
    OverdueCases => "逾期", "Overdue";
    ClosedOnTime => "按期办结", "Closed on time";
    Substantiated => "属实", "Substantiated";
    RectificationTitle => "政务失信整改", "Rectification of breaches of trust";
    RectificationRate => "按期整改率", "Rectified on time";
    NoRectificationDue => "尚无到期的整改事项", "nothing due yet";
    DueRectifications => "应整改", "Due";
    RectifiedOnTime => "按期整改", "On time";
    RectifiedLate => "逾期整改", "Late";
    OpenRectifications => "整改中的事项", "Being rectified";
    OpenedOn => "立案", "opened";
    RectifyBy => "整改期限", "due";
    ConsequencesTitle => "失信约束措施", "Consequences";
    UntilDay => "至", "until";
    EvaluationTitle => "政务诚信考核评价", "Integrity evaluation";
    EvaluationResult => "{year} 年度：{total} 分，{grade}，在 {bodies} 个单位中列第 {rank} 名", "{year}: {total} points, {grade}, ranked {rank} of {bodies}";
    CheckByUscc => "请输入 18 位统一社会信用代码或单位全称", "Enter an 18-character USCC or the full name";
    SignIn => "登录", "Sign in";
    SignOut => "退出登录", "Sign out";
    Username => "账号", "Account";
    Password => "密码", "Password";
    SignInTitle => "公职人员及工作人员登录", "Sign in (civil servants and staff)";
    SessionEnded => "登录已失效（可能账号被停用、密码被重设，或已在其他页面退出），请重新登录。", "You have been signed out: the account was disabled, its password set anew, or you signed out elsewhere. Sign in again to go on.";
    SignInFailed => "登录失败：", "Sign-in failed: ";
    SigningIn => "正在登录…", "Signing in…";
    ScoreTitle => "我的积分", "My score";
    Grade => "等级", "Grade";
    Points => "分", "points";
    NotScored => "未计分", "Not scored";
    Explanation => "积分明细", "How the score is made";
    Counting => "计入积分", "Counting";
    NotCounting => "不计入积分", "Not counting";
    Until => "计至", "until";
    RulebookLabel => "计分规则", "Rulebook";
    BaseScore => "基础分", "Base";
    HistoryTitle => "积分变化", "Score over time";
    HistoryChartLabel => "积分随时间变化的折线图", "Line chart of the score over time";
    MyRecordsTitle => "我的信用记录", "My records";
    AllCategories => "全部类别", "All categories";
    CategoryFilter => "按类别筛选", "Filter by category";
    Version => "版本", "Version";
    AccessLogTitle => "谁查看了我的信息", "Who looked at my records";
    NoAccess => "暂无他人查询记录", "Nobody has looked yet";
    Purpose => "用途", "Purpose";
    RecordCount => "条数", "Records";
    ConsentTitle => "信用积分授权", "Consent to scoring";
    ConsentOn => "已同意计分", "Scoring is on";
    ConsentOff => "未同意计分", "Scoring is off";
    ConsentGive => "同意计分", "Turn scoring on";
    ConsentWithdraw => "撤回同意", "Withdraw consent";
    GrantsTitle => "授权查询", "Authorised queries";
    GrantsHint => "授权应用或单位在期限内查询您的指定类别信用信息，可随时撤回。", "Let an app or a department read chosen categories of your records until a date; revoke at any time.";
    NewGrant => "新增授权", "New grant";
    Grantee => "被授权方", "Grantee";
    Categories => "信息类别", "Categories";
    ValidUntil => "有效期至", "Valid until";
    Grant => "授权", "Grant";
    Revoke => "撤回", "Revoke";
    NoGrants => "暂无授权", "No grants yet";
    ObjectionTitle => "提出异议", "Object to a record";
    ObjectionIntro => "如认为信息有误，请写明哪一项有误、应当如何更正，并附上证明材料。", "Say which item is wrong, what it should read, and add supporting documents.";
    RecordLabel => "异议的记录", "Record";
    WrongField => "有误的项目", "Wrong item";
    ProposedValue => "应更正为", "Should read";
    AddProposal => "再添加一项", "Add another item";
    ObjectionReason => "异议理由", "Reason";
    ObjectionReasonHint => "请说明事实和理由", "State the facts and your reasons";
    YourName => "姓名", "Your name";
    YourPhone => "手机号码", "Mobile number";
    Capacity => "您的身份", "You are";
    Evidence => "证明材料（照片或 PDF，最多 5 个，每个不超过 5 MB）", "Evidence (photos or PDF; up to 5 files of 5 MB each)";
    Submit => "提交", "Submit";
    Submitting => "正在提交…", "Submitting…";
    DraftSaved => "草稿已保存在本机", "Draft saved on this device";
    DraftQueued => "网络断开，已保存，联网后将自动提交。", "Offline: saved, and sent when the network returns.";
    Submitted => "已提交", "Submitted";
    TicketNo => "受理编号", "Ticket number";
    QueryCode => "查询码", "Query code";
    KeepCode => "请保存受理编号和查询码，凭此查询办理进度。查询码只显示这一次。", "Keep the ticket number and query code to track your case. The code is shown only this once.";
    Copy => "复制", "Copy";
    Copied => "已复制", "Copied";
    AcceptDue => "受理期限", "To be accepted by";
    TrackNow => "查看办理进度", "Track it now";
    Track => "查询", "Track";
    Steps => "办理过程", "Steps";
    Due => "期限", "Due";
    Overdue => "已逾期", "overdue";
    Outcome => "处理结果", "Outcome";
    Withdraw => "撤回异议", "Withdraw";
    ComplaintFormTitle => "政务失信投诉", "Complain about a government body";
    ComplaintIntro => "政府机关或事业单位拖欠企业账款、承诺不兑现、新官不理旧账、合同违约等，均可投诉。信用办受理后核查，认定属实的计入该单位的政务诚信档案。", "Report a government body that owes a firm money, broke a promise, ignored a predecessor's commitment or breached a contract. The credit office checks it; a finding that it is true goes into the body's integrity record.";
    ComplaintBody => "被投诉单位的统一社会信用代码", "USCC of the body";
    ComplaintKindLabel => "投诉事项", "What it is about";
    ComplaintDescription => "事实经过（时间、金额、承诺内容等）", "What happened (dates, amounts, what was promised)";
    ComplaintAmount => "涉及金额（元，可不填）", "Amount at stake in yuan (optional)";
    ComplaintCompany => "所在企业（可不填）", "Your company (optional)";
    ComplainAboutBody => "投诉该单位政务失信", "Complain about this body";
    MyCases => "我的异议与修复申请", "My objections and repair applications";
    NoCases => "暂无", "None yet";
    RepairTitle => "申请信用修复", "Apply for credit repair";
    RepairIntro => "失信行为已纠正的，可在最短公示期满后申请信用修复。", "Once the conduct is corrected and the minimum publicity period has passed, you may apply for repair.";
    Correction => "纠正失信行为的情况", "How the conduct was corrected";
    Commitment => "信用承诺书", "Credit commitment";
    CommitmentText => "本人（单位）承诺所提交材料真实有效，今后严格遵守法律法规，如有违反，愿意承担相应责任。", "I (we) declare the materials true and undertake to abide by the law; any breach is at my (our) own responsibility.";
    SubjectProof => "主体身份：统一社会信用代码或身份证号码", "Subject: USCC or ID number";
    ForDevelopers => "开发者：开放接口文档（OpenAPI）", "Developers: API documentation (OpenAPI)";
}
