//! What a filer is told of each step on their case (by text message or e-mail, through the
//! outbox). One table, read by the server when it queues a notice and by the workspace, which
//! shows a handler the words the filer will receive before the step is taken.

/// The kinds of case a filer follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeCase {
    Objection,
    Repair,
    Complaint,
    /// Rectification of a government breach: the notices go to the body's staff, not a filer.
    Rectification,
}

impl NoticeCase {
    /// What one case is called in the notice.
    pub fn noun(self) -> &'static str {
        match self {
            NoticeCase::Objection => "异议",
            NoticeCase::Repair => "信用修复申请",
            NoticeCase::Complaint => "政务失信投诉",
            NoticeCase::Rectification => "政务失信整改事项",
        }
    }
}

/// The subject line's opening (the ticket number follows) and the text of the notice of step
/// `action` (as the case history records it: `accepted`, `refused`, `extended`, `decided`, …).
pub fn filer_notice(case: NoticeCase, action: &str) -> (String, String) {
    let what = case.noun();
    if case == NoticeCase::Rectification {
        return (
            format!("【诚信】{what} "),
            format!(
                "贵单位的{what}{}。请登录诚信工作台查看详情。",
                rectification_step(action)
            ),
        );
    }
    let step = match action {
        "filed" => "已登记，等待受理",
        "accepted" => "已受理，正在核查",
        "refused" => "不予受理",
        "extended" => "办理期限已延长",
        "decided" => "已作出处理决定",
        "approved" => "准予修复",
        "denied" => "不予修复",
        "substantiated" => "经核查认定属实",
        "dismissed" => "经核查认定不属实",
        "withdrawn" => "已撤回",
        _ => "有新的办理进展",
    };
    (
        format!("【诚信】{what} "),
        format!("您关注的{what}{step}。可凭受理编号和查询码查看详情。"),
    )
}

/// What the body is told of a step on its rectification case.
fn rectification_step(action: &str) -> &'static str {
    match action {
        "opened" => "已立案，待信用办确定整改期限",
        "deadline_set" => "已确定整改期限，请在期限内提交书面说明和整改报告",
        "report_submitted" => "的整改报告已提交，待信用办审核",
        "accepted" => "的整改报告已通过，整改完成",
        "returned" => "的整改报告被退回，请按意见补充后在新期限内重新提交",
        "reminded" => "已逾期，信用办予以提醒",
        "warned" => "已逾期，信用办予以警示",
        "interviewed" => "已逾期，信用办予以约谈",
        "consequence" => "已由信用办作出失信约束措施",
        "record_revoked" => "因失信记录经异议撤销而终止",
        _ => "有新的办理进展",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_has_its_own_words_and_an_unknown_one_a_general_line() {
        let (subject, text) = filer_notice(NoticeCase::Repair, "approved");
        assert_eq!(subject, "【诚信】信用修复申请 ");
        assert_eq!(
            text,
            "您关注的信用修复申请准予修复。可凭受理编号和查询码查看详情。"
        );
        let (_, body) = filer_notice(NoticeCase::Rectification, "returned");
        assert_eq!(
            body,
            "贵单位的政务失信整改事项的整改报告被退回，请按意见补充后在新期限内重新提交。请登录诚信工作台查看详情。"
        );
        let (_, other) = filer_notice(NoticeCase::Objection, "something_new");
        assert!(other.contains("有新的办理进展"));
    }
}
