//! The message catalogue. Components name messages by key; no UI text is written in a component.
//! Simplified Chinese is the default; English follows when the language switch lands.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    AppName,
    Tagline,
    ServiceStatus,
    ServiceUp,
    ServiceDown,
    Database,
    Loading,
    LoadFailed,
    ArchiveTitle,
    GovernmentBodies,
    Persons,
    CreditRecords,
    SeriousBreach,
    Commitments,
    Penalties,
    Licences,
    ForDevelopers,
    ApiDocs,
}

/// The Simplified Chinese text of a message.
pub fn t(key: Key) -> &'static str {
    match key {
        Key::AppName => "诚信",
        Key::Tagline => "公共信用信息与政务诚信平台",
        Key::ServiceStatus => "服务状态",
        Key::ServiceUp => "服务正常",
        Key::ServiceDown => "服务暂时不可用，请稍后再试",
        Key::Database => "数据库",
        Key::Loading => "正在加载…",
        Key::LoadFailed => "加载失败：",
        Key::ArchiveTitle => "信用档案概况",
        Key::GovernmentBodies => "政府机构（家）",
        Key::Persons => "自然人（人）",
        Key::CreditRecords => "信用记录（条）",
        Key::SeriousBreach => "严重失信主体名单（条）",
        Key::Commitments => "承诺（项）",
        Key::Penalties => "行政处罚（条）",
        Key::Licences => "行政许可（条）",
        Key::ForDevelopers => "开发者",
        Key::ApiDocs => "开放接口文档（OpenAPI）",
    }
}
