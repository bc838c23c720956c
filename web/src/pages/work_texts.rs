//! The staff workspace's own texts, in Chinese and English: a catalogue beside the app's
//! (`crate::i18n`), used only by the `work` chunk, so the public pages never download them.

use crate::i18n::{Lang, lang};

crate::i18n::catalogue! {
    WorkspaceTitle => "工作台", "Workspace";
    ReviewQueueTitle => "待审核的报送", "Submissions to review";
    ReviewQueueHint => "按报送先后排列。通过后信息生效并按其公开方式公开；退回请写明需修改之处。不能审核自己报送的信息。", "Oldest first. Approved items take effect and are published as their route allows; say what to correct when returning one. Nobody reviews their own submission.";
    ReviewComment => "审核意见（退回时必填）", "Comment (required to return)";
    Approve => "通过", "Approve";
    SendBack => "退回", "Return";
    ReviewApproved => "已通过", "Approved";
    ActionFailed => "未能完成：", "Not done: ";
    ReviewReturned => "已退回报送人", "Returned to the reporter";
    NothingWaiting => "暂无待办", "Nothing waiting";
    HowMany => "件数", "How many";
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
    FindingHint => "写明核查的事实和依据，投诉人和被投诉单位都会看到。", "State the facts found and their basis; the complainant and the body both read it.";
    Substantiate => "认定属实", "Found true";
    Dismiss => "认定不属实", "Found untrue";
    Amount => "涉及金额（元）：", "Amount (yuan):";
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
