//! The staff workspace's own texts, in Chinese and English: a catalogue beside the app's
//! (`crate::i18n`), used only by the `work` chunk, so the public pages never download them.

use crate::i18n::{Lang, lang};

crate::i18n::catalogue! {
    WorkspaceTitle => "工作台", "Workspace";
    ReviewQueueTitle => "待审核的报送", "Submissions to review";
    ShowSubmissionDetail => "查看报送内容、公开效果和主体已有记录", "What was sent, how it will be published, the subject's records";
    AsPublished => "审核通过后的公开内容", "As it will be published";
    AsPublishedHint => "与公开查询页面显示的内容一致；公示日期按今天计算。", "What the public pages will show; published as of today.";
    PreviewGone => "该报送的内容已由新的报送取代。", "This submission was replaced by a newer one.";
    RemovalPreview => "审核通过后，下列条目将移出名单：", "Once approved, this entry leaves the list:";
    FulfilmentPreview => "审核通过后，履行情况将记入下列承诺：", "Once approved, the fulfilment is added to this commitment:";
    NotPublicOnceApproved => "按公开规则，该项审核通过后不在公开页面显示（如未设定公开的轻微处罚、对自然人的行政许可、非公开方式的记录），仅按其方式共享或内部使用。报送内容见下。", "By the publication rules this item is not shown on the public pages once approved (a minor penalty where those are not published, a licence to a natural person, a record not on the public route); it is only shared or used internally as its route allows. What was sent is below.";
    PenaltyCategoryLabel => "处罚类别", "Penalty type";
    CertificateNo => "许可编号", "Licence number";
    CommitmentKindLabel => "承诺类型", "Kind of commitment";
    RecordHasNoPage => "信用记录没有单独的公开页面，按下列公开方式提供：", "Credit records have no public page of their own; they are disclosed as follows:";
    CommitmentContent => "承诺内容", "Commitment";
    RecordTitle => "记录名称", "Record";
    RecordCategory => "信息类别", "Category";
    DisclosedTo => "公开方式", "Disclosure route";
    PublishFrom => "公示起始日", "Published from";
    PublishUntil => "公示截止日", "Published until";
    NoSubjectRecords => "档案中暂无该主体的其他记录。", "The archive holds no other record of this subject.";
    AsSent => "报送内容", "As sent";
    NoSentFields => "该报送提交时系统尚未保存原始内容，无法显示。", "What was sent was not kept when this was submitted.";
    PersonalIdWithheld => "仅加密保存，不显示", "kept sealed, not shown";
    CorrectAndResend => "修改后重新报送", "Correct and send again";
    ReenterPersonalId => "证件号码不保存原文，请重新填写。", "ID numbers are not kept as sent: enter it again.";
    ReviewQueueHint => "按报送先后排列。通过后信息生效并按其公开方式公开；退回请写明需修改之处。不能审核自己报送的信息。", "Oldest first. Approved items take effect and are published as their route allows; say what to correct when returning one. Nobody reviews their own submission.";
    ReviewComment => "审核意见（退回时必填；容错免责时写明理由）", "Comment (required to return; the reason to exempt)";
    Exempt => "容错免责", "Exempt";
    ReviewExempted => "已容错免责：信息保留，不作为失信记录", "Exempted: kept, never counted as a breach";
    BatchesTitle => "待审核的上传批次", "Uploads to review";
    BatchesHint => "可先抽查一个批次中的若干条，再对其中仍待审核的全部报送一并作出决定。容错免责须逐条决定；异议期未满的严重失信名单仍留待审核。", "Sample some rows of an upload first, then decide on all its pending rows at once. Exemption is decided one by one; serious listings still in their objection window stay pending.";
    SampleBatch => "抽查本批次", "Sample this upload";
    ApproveBatch => "整批通过", "Approve the whole upload";
    ReturnBatch => "整批退回", "Return the whole upload";
    WholeQueue => "查看全部待审核", "See the whole queue";
    Approve => "通过", "Approve";
    SendBack => "退回", "Return";
    ReviewApproved => "已通过", "Approved";
    ActionFailed => "未能完成：", "Not done: ";
    ReviewReturned => "已退回报送人", "Returned to the reporter";
    NothingWaiting => "暂无待办", "Nothing waiting";
    HowMany => "件数", "How many";
    SwitchRole => "切换角色", "Switch role";
    AllRoles => "全部角色", "All roles";
    // The credit office: accounts.
    AccountsTitle => "账号管理", "Accounts";
    AccountsHint => "新建账号后，请把账号名和初始密码当面或通过单位内部渠道交给本人，并提醒其登录后尽快修改。停用或重设密码后，该账号已登录的页面立即失效。", "After creating an account, give the name and first password to the person in person or through the office's own channels, and ask them to change it soon. Disabling an account or setting a new password ends its open sessions at once.";
    NewAccount => "新建账号", "New account";
    Username => "账号名", "Account name";
    UsernameHint => "3–64 位小写字母、数字或 . _ -，例如 zhang.wei", "3–64 lowercase letters, digits or . _ -, e.g. zhang.wei";
    DisplayName => "姓名", "Name";
    FirstPassword => "初始密码", "First password";
    PasswordHint => "至少 10 位，不能与账号名相同", "At least 10 characters, not the account name";
    Roles => "角色（可多选）", "Roles (one or more)";
    DepartmentUscc => "所在单位的统一社会信用代码", "USCC of the department";
    DepartmentUsccHint => "信息报送员、评议审核员和经办人必填", "Required for reporters, reviewers and handlers";
    IdNumber => "公民身份号码", "Resident ID number";
    IdNumberHint => "仅公职人员账号填写，用于关联本人信用档案", "Civil servants only: links the account to their archive";
    CreateAccount => "新建账号", "Create the account";
    AccountCreated => "已新建账号", "Account created:";
    AllAccounts => "全部账号", "All accounts";
    LastSignIn => "最近登录", "Last signed in";
    NeverSignedIn => "从未登录", "Never signed in";
    Disabled => "已停用", "Disabled";
    Disable => "停用", "Disable";
    Enable => "启用", "Enable";
    AccountDisabled => "已停用，该账号已退出所有页面", "Disabled; its sessions have ended";
    AccountEnabled => "已启用", "Enabled";
    NewPassword => "新密码", "New password";
    SetPassword => "重设密码", "Set the password";
    PasswordSet => "密码已重设，该账号需用新密码重新登录", "Password set; the account signs in again with it";
    // The credit office: API keys.
    KeysTitle => "API 密钥", "API keys";
    KeysHint => "第三方应用凭密钥调用公开查询接口。密钥只在新建时显示一次，本系统只保存其摘要；吊销后立即失效。", "Third-party apps call the public API with a key. A key is shown once, when created; only its hash is kept. A revoked key stops working at once.";
    IssueFormTitle => "新建密钥", "New key";
    AppNameField => "应用名称", "App name";
    AppOwner => "责任单位和联系人", "Company and contact";
    AppOwnerHint => "例如：某某科技有限公司 王工 13800138000", "e.g. Example Tech Co., Ltd., Mr Wang, 13800138000";
    IssueButton => "生成密钥", "Create the key";
    ShownOnce => "请立即复制并妥善交给应用方：关闭本页后无法再次查看。", "Copy it now and hand it to the app's owner safely: it cannot be shown again.";
    Copy => "复制", "Copy";
    AllApiKeys => "全部密钥", "All keys";
    CreatedAt => "创建于", "Created";
    Revoke => "吊销", "Revoke";
    ConfirmRevoke => "确认吊销（不可恢复）", "Confirm: revoke for good";
    Revoked => "已吊销", "Revoked";
    // Handlers: objections and repairs.
    ObjectionsTitle => "异议办理", "Objections";
    ObjectionsHint => "本单位认定的信息被提出的异议，最早提出的在前。期限按工作日计算；受理、延期和处理结果会通知申请人。", "Objections to records your department decided, oldest first. Deadlines count working days; the filer is told of each step.";
    RepairsTitle => "信用修复办理", "Repair applications";
    RepairsHint => "本单位认定的信息的修复申请，最早提出的在前。准予修复后，该信息立即停止公示、共享和计分。", "Repair applications for records your department decided, oldest first. Once approved, the record stops being published, shared and scored at once.";
    FilersReason => "异议理由", "The filer's reasons";
    Proposals => "申请更正的内容", "Corrections asked for";
    RepairCorrection => "整改情况", "What was put right";
    RepairCommitment => "信用承诺", "Commitment";
    Evidence => "证明材料", "Evidence";
    ShowEvidence => "查看", "View";
    OpenPdf => "打开 PDF", "Open the PDF";
    CaseState => "办理状态", "Case state";
    CasesOpen => "办理中", "In progress";
    CasesClosed => "已办结", "Closed";
    FilerNotices => "申请人将收到的通知", "What the filer will be told";
    ComplainantNotices => "投诉人将收到的通知", "What the complainant will be told";
    FilerNoticesHint => "通知以短信或邮件发送；您填写的理由、认定意见同时在对方的查询页显示。", "Sent by text message or e-mail; the reason or finding you write is shown on their tracking page.";
    DecideObjection => "作出处理决定（更正、部分更正或维持）", "Decide (correct, partly correct or keep)";
    ShowDecisionDocument => "查看决定书", "Show the decision document";
    PrintDocument => "打印决定书", "Print the decision document";
    History => "办理过程", "History";
    Outcome => "处理结果：", "Outcome:";
    StepReason => "说明或理由", "Note or reason";
    StepReasonHint => "受理时可写说明；不予受理必须写明理由，理由会告知申请人。", "Optional when accepting; required to refuse. The filer reads it.";
    DecisionReasonHint => "作出决定或延期都必须写明理由，理由会告知申请人。", "Every decision and extension needs a reason; the filer reads it.";
    Accept => "受理", "Accept";
    Refuse => "不予受理", "Refuse";
    Corrections => "更正内容（异议成立或部分成立时适用）", "Corrections (when upheld in whole or in part)";
    TakeCorrection => "采纳", "Take";
    RevokeRecord => "撤销该信息（不再更正）", "Revoke the record instead of correcting it";
    Uphold => "异议成立", "Uphold";
    PartlyUphold => "部分成立", "Partly uphold";
    Reject => "异议不成立", "Reject";
    ExtendDays => "延长的工作日数", "Working days to extend by";
    Extend => "延期", "Extend";
    FalseMaterials => "申请材料虚假（一定期限内不再受理其修复申请）", "False materials (no new application for a while)";
    ApproveRepair => "准予修复", "Approve";
    DenyRepair => "不予修复", "Deny";
    CaseClosed => "已办结，结果已通知申请人", "Closed; the filer has been told";
    // The credit office: complaints about government bodies.
    ComplaintsTitle => "政务失信投诉办理", "Complaints about government bodies";
    ComplaintsHint => "群众和企业对政府机关、事业单位失信行为的投诉，最早提出的在前。认定属实的，计入被投诉单位的政务诚信档案。", "Complaints from citizens and firms about government bodies, oldest first. A complaint found true goes into the body's integrity record.";
    Finding => "核查结论", "Finding";
    FindingHint => "写明核查的事实和依据，投诉人和被投诉单位都会看到；认定属实的，结论将作为政务失信记录的内容，经审核后公示，请勿写入个人信息。", "State the facts found and their basis; the complainant and the body both read it. If the complaint is found true, the finding becomes the content of a government breach record, published after review: leave out personal details.";
    Substantiate => "认定属实", "Found true";
    Dismiss => "认定不属实", "Found untrue";
    Amount => "涉及金额（元）：", "Amount (yuan):";
    // Rectification of government breaches.
    RectificationTitle => "政务失信整改", "Rectification of government breaches";
    RectificationHint => "政务失信记录经审核生效后自动立案。信用办确定整改期限，审核失信单位提交的书面说明和整改报告；逾期未提交的逐级提醒、警示、约谈。是否按期整改以首次确定的期限为准。", "A case opens when a government breach record takes effect after review. The credit office sets the deadline and reviews the body's explanation and report; an overdue case is reminded, warned, then called to an interview. On time is judged against the first deadline.";
    OwnRectificationTitle => "本单位的政务失信整改", "Our breaches to rectify";
    OwnRectificationHint => "本单位的政务失信记录须在信用办确定的期限内书面说明原因并提交整改报告，可附证明材料。逾期将被提醒、警示、约谈，并可能被取消荣誉评选资格、通报批评。", "Each government breach of ours needs a written explanation and a rectification report by the deadline the credit office sets, with evidence if any. Overdue cases are reminded, warned and called to an interview, and may lose eligibility for honours or be criticised in public.";
    DistrictRate => "全区按期整改率", "District rectification rate";
    RateFigures => "应整改 {due} 件，按期整改 {on_time} 件，逾期整改 {late} 件，未办结 {open} 件", "{due} due, {on_time} rectified on time, {late} late, {open} open";
    NoRateYet => "尚无到期的整改事项", "Nothing due yet";
    BreachRecord => "失信记录", "Breach record";
    ReportedBy => "报送单位", "Reported by";
    FirstDue => "首次整改期限", "First deadline";
    WorkingDays => "期限（工作日）", "Deadline (working days)";
    SetDeadline => "确定整改期限", "Set the deadline";
    StepNote => "说明（可不填）", "Note (optional)";
    AcceptReport => "整改报告通过", "Accept the report";
    ReturnReport => "退回补充", "Send back";
    ReturnReasonHint => "退回时写明需补充之处，并另定期限。", "Say what is missing and set a new deadline when sending back.";
    EscalateNote => "督办说明", "What was done";
    EscalateOn => "督办日期（不填为今天）", "Date (today if empty)";
    Explanation => "书面说明（失信原因）", "Written explanation (why it happened)";
    RectificationReport => "整改报告（整改措施和结果）", "Rectification report (what was done)";
    EvidenceFiles => "证明材料（图片或 PDF，可多选）", "Evidence (images or PDFs)";
    SubmitReport => "提交书面说明和整改报告", "Submit the explanation and report";
    ReportSent => "已提交，等待信用办审核", "Sent; the credit office will review it";
    RectifiedOnTime => "按期整改", "On time";
    RectifiedLate => "逾期整改", "Late";
    Consequences => "失信约束措施", "Consequences";
    AddConsequence => "作出失信约束措施", "Record a consequence";
    ConsequenceKindLabel => "措施", "Measure";
    DocumentNo => "文号", "Document number";
    ConsequenceNote => "措施内容", "What is decided";
    Months => "取消荣誉评选资格的期限（月）", "Months without honours";
    Until => "至", "until";
    // Integrity evaluation and warnings.
    EvaluationTitle => "政务诚信考核评价", "Integrity evaluation";
    EvaluationHint => "季度监测按现行方案随时计算各政府机关的系统计算类指标；年度考核评价在录入人工评分后发布，发布后结果固定，并在各单位的公开诚信档案中公布。", "Quarterly monitoring computes every government body's computed indicators at any time; the annual evaluation is published once the manual scores are in, then fixed and shown on each body's public profile.";
    MonitoringTitle => "季度监测", "Quarterly monitoring";
    Period => "期间（如 2026Q3 或 2026）", "Period (2026Q3 or 2026)";
    ShowPeriod => "查看", "Show";
    Rank => "第 {n} 名", "No. {n}";
    PointsOf => "得分", "Points";
    Indicators => "各项指标", "Indicators";
    Unscored => "待评分", "not scored";
    AnnualTitle => "年度考核评价", "Annual evaluation";
    Year => "年度", "Year";
    OpenEvaluation => "开展年度考核评价", "Open the annual evaluation";
    EvaluationDraft => "草稿", "Draft";
    EvaluationPublished => "已发布", "Published";
    EvaluationSuperseded => "已被更正版本取代", "Superseded by a correction";
    ManualEvidence => "评分依据", "Evidence";
    SaveScore => "保存评分", "Save";
    PublishEvaluation => "发布考核评价结果", "Publish the results";
    CorrectionReason => "更正理由", "Reason for the correction";
    OpenCorrection => "更正（新建版本）", "Correct (a new version)";
    OwnEvaluationTitle => "本单位的政务诚信考核评价", "Our integrity evaluation";
    ThisQuarter => "本季度监测", "This quarter";
    DraftComputed => "年度考核评价草稿（系统计算部分）", "This year's draft (computed part)";
    LatestPublished => "最近发布的考核评价结果", "Latest published result";
    TrendTitle => "近四个季度监测得分", "The last four quarters";
    TrendChartCaption => "粗线为全区平均，细线为各单位（将鼠标移到细线上可查看单位名称）", "The thick line is the district average, the thin lines the bodies (point at one for its name)";
    RankBy => "排序依据", "Rank by";
    ByTotal => "总分", "Total";
    ShowConsequenceDocument => "查看文书", "Show the document";
    SchemeTitle => "考核评价方案", "Evaluation scheme";
    SchemeHint => "方案按版本发布：已发布的版本不再改动，新版本自生效日起用于监测和年度评价。", "The scheme is published in versions: a published version never changes; a new one applies to monitoring and annual evaluations from the day it takes effect.";
    SchemeSummary => "{n} 项指标，总分 {total}", "{n} indicators, {total} points in all";
    NextSchemeVersion => "起草第 {n} 版", "Draft of version {n}";
    SchemeEditHint => "以最新版本为底稿。各项分值之和须等于总分；按件扣分的指标须写明每件扣分；等次从高到低排列，最低一档为 0 分。", "Drafted from the latest version. The weights must add up to the total; indicators that count items need the points off per item; bands go from the highest down to one at 0.";
    SchemeName => "方案名称", "Scheme name";
    SchemeTotal => "总分", "Total points";
    IndicatorN => "指标 {n}", "Indicator {n}";
    IndicatorName => "指标名称", "Name";
    IndicatorCode => "指标代码", "Code";
    IndicatorCodeHint => "小写字母、数字或下划线，发布后不宜再改", "Lower-case letters, digits or underscores; best kept once published";
    IndicatorWeight => "分值", "Points";
    IndicatorSource => "来源", "Source";
    ManualSource => "人工评分（附依据）", "Scored by the evaluators (with evidence)";
    PickSource => "请选择指标来源", "Choose where the points come from";
    PerItem => "每件扣分", "Points off per item";
    RemoveIndicator => "删除此项", "Remove";
    AddIndicator => "增加指标", "Add an indicator";
    WeightSum => "各项分值合计 {sum}，总分 {total}", "The weights add up to {sum}; the total is {total}";
    Bands => "结果等次", "Result bands";
    BandN => "等次 {n}", "Band {n}";
    BandGrade => "等次名称", "Grade";
    BandMin => "最低分", "Lowest total";
    NotANumber => "请填写数字", "Enter a number";
    PickDate => "请选择日期", "Choose a date";
    DistrictAverage => "全区平均", "District average";
    ShowReport => "生成政务诚信建设情况通报", "Show the periodic report";
    WarningsTitle => "政务失信预警", "Warnings before a breach";
    WarningsHint => "即将到期的政府承诺，以及两个工作日内到期或已逾期的异议和修复办理、未公示的双公示信息、整改报告。", "Commitments falling due, and objections, repairs, unpublished decisions and rectification reports due within two working days or overdue.";
    OwnWarningsTitle => "本单位的政务失信预警", "Our warnings";
    NoWarnings => "目前没有预警事项", "Nothing to warn of";
    // Reporters: upload and submissions.
    UploadTitle => "上传报送文件", "Upload a file";
    UploadHint => "选择信息类别，上传 CSV（UTF-8 或 GB18030 编码，Excel 另存为的 CSV 即可）或 JSON 文件。系统逐行校验，通过的行登记为待审核，有误的行附行号、列名和原因。", "Choose what the file holds and upload a CSV (UTF-8 or GB18030, as Excel saves it) or a JSON file. Every row is checked; valid rows wait for review, and each bad row is reported with its number, column and reason.";
    Format => "信息类别", "What the file holds";
    Mode => "有误的行", "Rows with errors";
    File => "文件", "File";
    ChooseFile => "请先选择要上传的文件", "Choose a file first";
    UploadButton => "上传并校验", "Upload and check";
    Uploading => "正在上传", "Uploading";
    Checking => "已上传，正在逐行校验…", "Uploaded; checking each row…";
    UploadFailed => "上传未完成，请检查网络后重试", "The upload did not finish; check the network and try again";
    SignInAgain => "登录已过期，请重新登录", "Your session has ended; sign in again";
    AllImported => "全部导入，待审核", "All rows submitted for review";
    PartlyImported => "部分导入：有误的行未导入", "Partly imported: rows with errors were left out";
    NothingImported => "未导入：请改正有误的行后重新上传", "Nothing imported: correct the rows with errors and upload again";
    BatchNo => "批次", "Batch";
    RowErrors => "有误的行", "Rows with errors";
    RowNo => "行号", "Row";
    Column => "列", "Column";
    Reason => "原因", "Reason";
    WholeFile => "整个文件", "the file";
    ErrorsTruncated => "只列出前 1000 个问题。", "Only the first 1,000 problems are listed.";
    DownloadRejected => "下载有误的行（CSV）", "Download the rows with errors (CSV)";
    RejectedRowsFile => "有误的行", "rows-with-errors";
    ErrorReasons => "错误原因", "Reasons";
    FixAndResend => "文件最后一列是错误原因。改正后直接上传即可（错误原因列会被忽略）；被退回的信息重新报送后取代原报送。", "The last column gives the reasons. Correct the rows and upload the file as it is (that column is ignored); a returned item sent again replaces the returned one.";
    SubmissionsTitle => "本单位的报送", "Our submissions";
    SubmissionsHint => "按报送先后排列。被退回的信息请按审核意见改正后重新报送。", "Oldest first. Correct a returned item as the reviewer says and send it again.";
    Status => "状态", "Status";
    SubmitTitle => "报送一条信息", "Submit one item";
    SubmitHint => "选择信息类别后逐项填写，与上传文件的列相同。提交后系统即时校验，有误之处标在对应栏目下；通过的登记为待审核。", "Choose what to submit and fill in its fields, the same as a file's columns. It is checked at once and any error is shown at its field; a valid item waits for review.";
    RequiredMarked => "带 * 的为必填项。日期写作 2026-03-01。", "Fields marked * are required. Dates as 2026-03-01.";
    SubmitItem => "提交审核", "Submit for review";
    ItemSubmitted => "已登记，待审核：", "Submitted for review:";
    ReviewersComment => "审核意见：", "Reviewer's comment:";
    // The credit office: the oversight dashboard.
    OversightTitle => "监督看板", "Oversight";
    OversightHint => "各部门双公示是否按时、异议和修复是否逾期，以及档案概况。数字均以今天为准，点开工作台的待办可直接办理。", "Whether each department publishes its 双公示 decisions on time, which objections and repairs are past their deadline, and what the archive holds, as of today.";
    OverdueObjections => "逾期未办结的异议", "Objections past their deadline";
    OverdueRepairs => "逾期未办结的修复申请", "Repair applications past their deadline";
    NoneOverdue => "没有逾期案件", "Nothing overdue";
    MonthlyTitle => "双公示时效：近 12 个月（按决定月份）", "双公示 timeliness: the last 12 months (by month of decision)";
    TimelinessTitle => "双公示时效：各部门", "双公示 timeliness by department";
    Month => "月份", "Month";
    OnTime => "按时公示", "On time";
    PublishedLate => "逾期公示", "Published late";
    UnpublishedOverdue => "超期未公示", "Overdue, unpublished";
    PendingPublication => "期限内待公示", "Within the limit";
    ArchiveTitle => "档案概况", "The archive";
    FigureOrganisations => "法人和其他组织", "Organisations";
    FigureGovernmentBodies => "政府机关和事业单位", "Government bodies";
    FigurePersons => "自然人", "Persons";
    FigureRecords => "信用记录", "Credit records";
    FigureSeriousBreach => "严重失信主体名单", "Serious-breach entries";
    FigureCommitments => "信用承诺", "Commitments";
    FigurePenalties => "行政处罚", "Penalties";
    FigureLicences => "行政许可", "Licences";
    // The credit office: the catalogue of record kinds.
    CatalogueTitle => "记录种类目录", "Catalogue of record kinds";
    CatalogueHint => "各部门报送的信用记录都须属于目录中的一个种类：它决定记录的类别、适用主体、默认公开方式和计分项目。按本地制度新增种类；不再报送的种类可以停用，已有记录不受影响。代码一经使用不得重复。", "Every record a department reports belongs to a kind of this catalogue, which sets its category, subjects, default route and scoring item. Add the kinds your local rules name; retire one no longer reported (its records stay). A code is never reused.";
    NewKind => "新增种类", "New kind";
    KindCode => "种类代码", "Code";
    KindCodeHint => "3–64 位小写字母、数字或下划线，以字母开头，例如 integrity_record", "3–64 lower-case letters, digits or underscores, starting with a letter, e.g. integrity_record";
    KindName => "种类名称", "Name";
    CategoryField => "信用信息类别", "Category";
    Subjects => "适用主体", "About";
    SubjectsPerson => "自然人", "Persons";
    SubjectsOrganisation => "法人和其他组织", "Organisations";
    SubjectsAny => "均可", "Either";
    KindSource => "信息来源", "Source";
    KindSourceHint => "例如 discipline（纪律处分）、appraisal（考核）、audit（审计）", "e.g. discipline, appraisal, audit";
    DefaultRoute => "默认公开方式", "Default route";
    DefaultTier => "默认公示分级", "Default tier";
    NoTier => "不分级", "None";
    ScoreItem => "计分项目", "Scoring item";
    ScoreItemHint => "须为现行评分规则中的项目代码；不计分的留空", "A scoring item of the rulebook in force; leave empty if it does not count";
    AddKind => "新增", "Add";
    KindAdded => "已新增：", "Added:";
    AllKinds => "全部种类", "All kinds";
    Retired => "已停用", "Retired";
    Retire => "停用", "Retire";
    ConfirmRetire => "确认停用（不可恢复）", "Confirm: retire for good";
    // The credit office: scoring rulebooks.
    RulebooksTitle => "评分规则", "Scoring rulebooks";
    RulebooksHint => "公职人员信用积分按评分规则计算。修改评分项目、等级区间或有效期，都以新版本发布，自生效日期起适用；旧版本原样保留，积分历史注明每一时期适用的版本。", "Civil servants' scores are counted by a rulebook. Items, grade bands and validity change by publishing a new version, which applies from its effective date; old versions stay as they are, and the score history names the version of each period.";
    InEffect => "现行", "In effect";
    ItemCode => "项目代码", "Item code";
    DirectGrade => "直接定为", "Grade set to";
    Effect => "分值", "Effect";
    PublishVersion => "发布新版本", "Publish a new version";
    PublishHint => "下面是最新版本的副本，版本号已加一。修改后填写生效日期（不早于今天）并发布；规则有误时会指出出错的位置。", "Below is a copy of the latest version with the next version number. Edit it, give the effective date (today or later) and publish; anything wrong is pointed out.";
    EffectiveFrom => "生效日期", "Effective from";
    Draft => "规则内容（JSON）", "The rulebook (JSON)";
    NotJson => "规则内容不是有效的 JSON，请检查括号、引号和逗号", "The rulebook is not valid JSON: check brackets, quotes and commas";
    PublishButton => "发布", "Publish";
    Published => "已发布，自生效日期起适用", "Published; it applies from its effective date";
    // The credit office: the holiday calendar.
    CalendarTitle => "节假日安排", "Holiday calendar";
    CalendarHint => "所有法定期限（受理、答复、公示）都按工作日计算：周一至周五为工作日，周六、周日休息，下表列出的放假日和调休上班日除外。", "Every legal deadline (acceptance, reply, publication) counts working days: Monday to Friday, except the holidays and make-up workdays listed here.";
    Date => "日期", "Date";
    DayKind => "安排", "Arrangement";
    HolidayName => "节日", "Holiday";
    Source => "来源", "Source";
    SourceShipped => "随系统提供", "Shipped";
    SourceImported => "信用办导入", "Imported";
    ImportCalendar => "导入节假日安排", "Import an arrangement";
    ImportCalendarHint => "国务院办公厅公布新一年的节假日安排后，按 date,kind,name（日期,安排,节日）逐行整理为 CSV（UTF-8），首行可写表头 date,kind,name，安排写 holiday（放假）或 workday（调休上班），例如：2027-10-01,holiday,国庆节。已有的日子按新数据替换，导入后立即生效。", "When the State Council publishes a new year's arrangement, write it as CSV (UTF-8), one day per line as date,kind,name with kind holiday or workday, e.g. 2027-10-01,holiday,National Day. Listed days are replaced; it takes effect at once.";
    ImportButton => "导入", "Import";
    // The auditor: the access log of everyone and the audit chain.
    AuditTitle => "查询记录审计", "Access log audit";
    AuditHint => "所有对非公开信用信息的查询，新的在前。可按被查询人、查询部门、用途、渠道和日期筛选，并按同样的条件导出 CSV；每次导出都记入审计日志。", "Every read of non-public credit information, newest first. Filter by whose records, the reading department, purpose, channel and days, and export the same selection as CSV; every export is itself an audit event.";
    PersonName => "被查询人姓名", "Person's name";
    IdTail => "身份证号码末几位（1–4 位）", "Last 1–4 characters of the ID number";
    ReadingDepartment => "查询部门的统一社会信用代码", "USCC of the reading department";
    PurposeContains => "用途包含", "Purpose contains";
    Channel => "渠道", "Channel";
    AnyChannel => "全部渠道", "All channels";
    FromDay => "起始日期", "From";
    ToDay => "截止日期", "To";
    ApplyFilters => "筛选", "Filter";
    Filters => "筛选条件", "Filters";
    ClearFilters => "清除条件", "Clear";
    ExportCsv => "按当前条件导出 CSV", "Export this selection as CSV";
    Exporting => "正在导出…", "Exporting…";
    AccessLogFile => "查询记录", "access-log";
    Reader => "查询方", "Read by";
    RecordsRead => "条记录", "records";
    ChainTitle => "审计链校验", "Audit chain";
    ChainHint => "每条审计事件都带有前一条事件的哈希。从第一条起重新计算，可以发现任何被改动或删除的事件。", "Each audit event carries the hash of the one before it. Recomputing from the first event finds any event that was changed or deleted.";
    VerifyChain => "立即校验", "Verify now";
    Verifying => "正在校验…", "Verifying…";
    ChainIntact => "审计链完整", "The audit chain is intact";
    ChainBroken => "审计链断裂", "The audit chain is broken";
}

/// How far a deadline is, in working days: "还剩 3 个工作日", "今天到期", "已逾期 2 个工作日".
pub fn days_left_text(days: i64) -> String {
    match (lang(), days) {
        (Lang::Zh, 0) => "今天到期".to_string(),
        (Lang::Zh, d) if d > 0 => format!("还剩 {d} 个工作日"),
        (Lang::Zh, d) => format!("已逾期 {} 个工作日", -d),
        (Lang::En, 0) => "due today".to_string(),
        (Lang::En, 1) => "1 working day left".to_string(),
        (Lang::En, d) if d > 0 => format!("{d} working days left"),
        (Lang::En, -1) => "1 working day overdue".to_string(),
        (Lang::En, d) => format!("{} working days overdue", -d),
    }
}

/// A listing's objection window, as its badge says.
pub fn objection_window_text(date: &str) -> String {
    match lang() {
        Lang::Zh => format!("异议期至 {date}"),
        Lang::En => format!("objections until {date}"),
    }
}

/// Since when the oldest item of a queue has waited.
pub fn oldest_text(date: &str) -> String {
    match lang() {
        Lang::Zh => format!("最早一件：{date}"),
        Lang::En => format!("oldest from {date}"),
    }
}

/// What the last verification of the audit chain found.
pub fn chain_text(intact: bool, events: i64, broken_at: Option<i64>, at: &str) -> String {
    match (lang(), intact) {
        (Lang::Zh, true) => format!("共 {events} 条事件，逐条相符（校验于 {at}）"),
        (Lang::Zh, false) => format!(
            "第 {} 条事件与记录不符，此前 {events} 条完好（校验于 {at}）。请立即报告并保全数据库。",
            broken_at.unwrap_or_default()
        ),
        (Lang::En, true) => format!("all {events} events match (checked {at})"),
        (Lang::En, false) => format!(
            "event {} does not match; the {events} before it are sound (checked {at}). Report it and secure the database now.",
            broken_at.unwrap_or_default()
        ),
    }
}

/// The 双公示 limit the figures use.
pub fn limit_text(days: u32) -> String {
    match lang() {
        Lang::Zh => format!(
            "自作出决定起 {days} 个工作日内公示为按时。逾期公示和超期未公示最多的部门排在前面。"
        ),
        Lang::En => format!(
            "Published within {days} working days of the decision is on time. Departments with the most late and overdue publications come first."
        ),
    }
}

/// One department's 双公示 figures in a line.
pub fn on_time_text(on_time: i64, late: i64, overdue: i64, published: i64) -> String {
    let rate = (published > 0).then(|| on_time * 100 / published);
    match (lang(), rate) {
        (Lang::Zh, Some(rate)) => format!(
            "按时率 {rate}%：按时 {on_time} 件，逾期公示 {late} 件，超期未公示 {overdue} 件"
        ),
        (Lang::Zh, None) => format!("尚无公示；超期未公示 {overdue} 件"),
        (Lang::En, Some(rate)) => format!(
            "{rate}% on time: {on_time} on time, {late} late, {overdue} overdue and unpublished"
        ),
        (Lang::En, None) => format!("nothing published yet; {overdue} overdue and unpublished"),
    }
}

/// How much of an upload still waits for review.
pub fn batch_pending_text(pending: u64, accepted: u64) -> String {
    match lang() {
        Lang::Zh => format!("导入 {accepted} 条，其中 {pending} 条待审核"),
        Lang::En => format!("{pending} of {accepted} imported rows wait for review"),
    }
}

/// What a decision on a whole upload did.
pub fn batch_decided_text(approved: bool, n: u64) -> String {
    match (lang(), approved) {
        (Lang::Zh, true) => format!("已整批通过 {n} 条"),
        (Lang::Zh, false) => format!("已整批退回 {n} 条"),
        (Lang::En, true) => format!("{n} approved"),
        (Lang::En, false) => format!("{n} returned"),
    }
}

/// The queue narrowed to one upload.
pub fn batch_sample_text(batch: &str) -> String {
    match lang() {
        Lang::Zh => format!("正在抽查批次 {batch} 中待审核的报送。"),
        Lang::En => format!("Sampling the pending rows of upload {batch}."),
    }
}

/// A year, as a heading or a button.
pub fn year_text(year: i32) -> String {
    match lang() {
        Lang::Zh => format!("{year} 年"),
        Lang::En => year.to_string(),
    }
}

/// A year of the calendar in a line.
pub fn calendar_summary_text(
    year: i32,
    working_days: u32,
    holidays: usize,
    workdays: usize,
) -> String {
    match lang() {
        Lang::Zh => format!(
            "{year} 年共有 {working_days} 个工作日；列出放假 {holidays} 天、调休上班 {workdays} 天。"
        ),
        Lang::En => format!(
            "{year} has {working_days} working days; {holidays} holidays and {workdays} make-up workdays are listed."
        ),
    }
}

/// What an import of holiday data did.
pub fn calendar_imported_text(days: usize, years: &[i32]) -> String {
    let years: Vec<String> = years.iter().map(i32::to_string).collect();
    match lang() {
        Lang::Zh => format!(
            "已导入 {days} 天（{} 年），期限即时按新安排计算",
            years.join("、")
        ),
        Lang::En => format!(
            "{days} days imported ({}); deadlines count them at once",
            years.join(", ")
        ),
    }
}

/// When a version applies and its base score.
pub fn effective_text(date: &str, base: i32) -> String {
    match lang() {
        Lang::Zh => format!("自 {date} 起适用 · 基础分 {base}"),
        Lang::En => format!("applies from {date} · base score {base}"),
    }
}

/// How many scoring items a version has.
pub fn items_text(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("{n} 个评分项目"),
        Lang::En => format!("{n} scoring items"),
    }
}

/// The heading over a subject's other records.
/// `shown_at_most`: the most the server lists; a full list says it shows the latest ones.
pub fn subject_records_title(n: usize, shown_at_most: usize) -> String {
    match (lang(), n) {
        (Lang::Zh, 0) => "该主体已有记录".to_string(),
        (Lang::Zh, n) if n >= shown_at_most => format!("该主体已有记录（最近 {n} 条）"),
        (Lang::Zh, n) => format!("该主体已有记录（共 {n} 条）"),
        (Lang::En, 0) => "The subject's records".to_string(),
        (Lang::En, n) if n >= shown_at_most => format!("The subject's records (latest {n})"),
        (Lang::En, n) => format!("The subject's records ({n})"),
    }
}

/// Above the form of a returned submission being corrected.
pub fn correcting_text(id: i64) -> String {
    match lang() {
        Lang::Zh => format!(
            "正在修改被退回的报送 {id}。已填入原报送内容；修改后提交，新报送将取代被退回的那条。"
        ),
        Lang::En => format!(
            "Correcting returned submission {id}. The form holds what was sent; once sent, the new submission takes its place."
        ),
    }
}
