//! Field checks shared by every import format: each failed check adds one error naming the row and
//! the column, and the row is rejected when any check failed.

use super::{Context, Row, RowError, SubjectSpec};
use crate::domain::{IdNumber, PublicityRules, PublicityWindow, Uscc};
use crate::pii::PiiCipher;
use chengxin_types::{OrgKind, PublicityTier};
use chrono::NaiveDate;

/// Collects the errors of one row while reading its fields.
pub struct Checker<'r> {
    pub row: &'r Row,
    pub errors: Vec<RowError>,
}

impl<'r> Checker<'r> {
    pub fn new(row: &'r Row) -> Self {
        let mut errors = Vec::new();
        if let Some(column) = row.undecodable_column() {
            errors.push(RowError {
                row: row.number,
                field: Some(column.to_string()),
                code: "bad_encoding".to_string(),
                message: "该列含有无法识别的字符：请确认文件编码（UTF-8 或 GBK/GB18030）"
                    .to_string(),
            });
        }
        Checker { row, errors }
    }

    pub fn fail(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(RowError {
            row: self.row.number,
            field: Some(field.to_string()),
            code: code.to_string(),
            message: message.into(),
        });
    }

    /// A required text of at most `max` characters.
    pub fn text(&mut self, field: &str, label: &str, max: usize) -> Option<String> {
        match self.row.get(field) {
            None => {
                self.fail(field, "required", format!("{label}不能为空"));
                None
            }
            Some(v) => self.bounded(field, label, v, max),
        }
    }

    /// An optional text of at most `max` characters.
    pub fn optional_text(&mut self, field: &str, label: &str, max: usize) -> Option<String> {
        let v = self.row.get(field)?;
        self.bounded(field, label, v, max)
    }

    fn bounded(&mut self, field: &str, label: &str, v: &str, max: usize) -> Option<String> {
        if v.chars().count() > max {
            self.fail(field, "too_long", format!("{label}不得超过 {max} 个字符"));
            return None;
        }
        if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.fail(field, "control_characters", format!("{label}含有控制字符"));
            return None;
        }
        Some(v.to_string())
    }

    /// A date as Excel writes it (`2026-03-05`, `2026/3/5`, `20260305`), not after today.
    pub fn past_date(&mut self, field: &str, label: &str, today: NaiveDate) -> Option<NaiveDate> {
        let Some(v) = self.row.get(field) else {
            self.fail(field, "required", format!("{label}不能为空"));
            return None;
        };
        let day = self.parse_date(field, label, v)?;
        if day > today {
            self.fail(
                field,
                "future_date",
                format!("{label}不能晚于今天（{today}）"),
            );
            return None;
        }
        Some(day)
    }

    /// An optional date, any day.
    pub fn optional_date(&mut self, field: &str, label: &str) -> Option<NaiveDate> {
        let v = self.row.get(field)?;
        self.parse_date(field, label, v)
    }

    fn parse_date(&mut self, field: &str, label: &str, v: &str) -> Option<NaiveDate> {
        let parsed = ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(v, f).ok());
        if parsed.is_none() {
            self.fail(
                field,
                "invalid_date",
                format!("{label}“{v}”不是有效日期（应为 YYYY-MM-DD）"),
            );
        }
        parsed
    }

    /// A unified social credit code with a valid check character.
    pub fn uscc(&mut self, field: &str, label: &str, required: bool) -> Option<Uscc> {
        let Some(v) = self.row.get(field) else {
            if required {
                self.fail(field, "required", format!("{label}不能为空"));
            }
            return None;
        };
        match Uscc::parse(v) {
            Ok(u) => Some(u),
            Err(e) => {
                // The checksum message names the code already; a column's own label adds whose.
                let message = if label == "统一社会信用代码" {
                    e.to_string()
                } else {
                    format!("{label}：{e}")
                };
                self.fail(field, "invalid_uscc", message);
                None
            }
        }
    }

    /// A resident ID number with a valid check character, sealed at once.
    pub fn id_number(&mut self, field: &str, cipher: &PiiCipher) -> Option<crate::pii::SealedId> {
        let Some(v) = self.row.get(field) else {
            self.fail(field, "required", "自然人的身份证号码不能为空");
            return None;
        };
        match IdNumber::parse(v) {
            Ok(id) => Some(cipher.seal(&id)),
            Err(e) => {
                self.fail(field, "invalid_id_number", e.to_string());
                None
            }
        }
    }

    /// The publicity tier (`轻微`/`一般`/`严重` or the code), `default` when blank.
    pub fn tier(&mut self, field: &str, default: PublicityTier) -> Option<PublicityTier> {
        let Some(v) = self.row.get(field) else {
            return Some(default);
        };
        let tier = PublicityTier::ALL
            .iter()
            .copied()
            .find(|t| t.code() == v || t.label_zh() == v || v.starts_with(t.label_zh()));
        if tier.is_none() {
            self.fail(
                field,
                "unknown_code",
                format!("信息分级“{v}”应为 轻微、一般 或 严重"),
            );
        }
        tier
    }

    /// The publicity window of a record of `kind`; an explicit end must lie between the minimum
    /// and the maximum (the kind's own periods, else its tier's).
    pub fn window(
        &mut self,
        field: &str,
        rules: &PublicityRules,
        kind: Option<&str>,
        tier: PublicityTier,
        decided_on: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Option<PublicityWindow> {
        match rules.window_of(kind, tier, decided_on, until) {
            Ok(w) => Some(w),
            Err(e) => {
                self.fail(field, "invalid_publicity_period", e.to_string());
                None
            }
        }
    }

    /// The row's source unit must be the reporter's department when the row names one.
    pub fn own_department(&mut self, field: &str, ctx: &Context) {
        if let Some(v) = self.row.get(field)
            && !v.eq_ignore_ascii_case(ctx.department.uscc.as_str())
        {
            self.fail(
                field,
                "other_department",
                format!(
                    "只能报送本单位（{}，{}）的信息",
                    ctx.department.name,
                    ctx.department.uscc.as_str()
                ),
            );
        }
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<RowError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// The kind of an organisation a code registers (GB 32100: the registering authority and type).
pub fn org_kind_of(uscc: &Uscc) -> OrgKind {
    let code = uscc.as_str();
    match (&code[..1], &code[1..2]) {
        ("1", "1") => OrgKind::GovernmentBody,
        ("1", _) => OrgKind::PublicInstitution,
        ("5", _) => OrgKind::SocialOrganisation,
        _ => OrgKind::Enterprise,
    }
}

/// The subject of a row by its category: organisations by code, persons by ID number.
pub fn subject(
    c: &mut Checker,
    ctx: &Context,
    kind_field: &str,
    name: Option<String>,
    uscc_field: &str,
    id_field: &str,
) -> Option<SubjectSpec> {
    let is_person = match c.row.get(kind_field) {
        Some("自然人" | "person") => true,
        Some("法人及非法人组织" | "个体工商户" | "法人" | "organisation") => false,
        Some(other) => {
            c.fail(
                kind_field,
                "unknown_code",
                format!("类别“{other}”应为 法人及非法人组织、个体工商户 或 自然人"),
            );
            return None;
        }
        None => {
            c.fail(kind_field, "required", "相对人类别不能为空");
            return None;
        }
    };
    let name = name?;
    if is_person {
        let sealed = c.id_number(id_field, &ctx.cipher)?;
        Some(SubjectSpec::Person { name, id: sealed })
    } else {
        let uscc = c.uscc(uscc_field, "统一社会信用代码", true)?;
        Some(SubjectSpec::Organisation { uscc, name })
    }
}
