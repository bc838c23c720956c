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
