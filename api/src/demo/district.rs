//! The fixed shape of the demo district: its government bodies and public institutions.

/// The demo district and its place name, used in organisation names and region codes.
pub const CITY: &str = "云溪市";
pub const DISTRICT: &str = "临江区";
/// A region code outside the national table, so demo data cannot be mistaken for a real place.
pub const REGION_CODE: &str = "379901";

/// A government body: full name, the short form used in document numbers, and what it typically
/// decides (used to pick plausible penalties and listings).
pub struct Body {
    pub name: &'static str,
    pub abbr: &'static str,
    pub role: Role,
    pub township: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    General,
    Court,
    Discipline,
    MarketRegulation,
    Environment,
    Construction,
    Transport,
    Enforcement,
    Emergency,
    Health,
    Approval,
    Finance,
    Tax,
    HumanResources,
}

const fn body(name: &'static str, abbr: &'static str, role: Role) -> Body {
    Body {
        name,
        abbr,
        role,
        township: false,
    }
}

const fn township(name: &'static str, abbr: &'static str) -> Body {
    Body {
        name,
        abbr,
        role: Role::General,
        township: true,
    }
}

/// The district government comes first: every other body is its child.
pub const BODIES: &[Body] = &[
    body("临江区人民政府", "临政", Role::General),
    body("临江区人民政府办公室", "临政办", Role::General),
    body("临江区发展和改革局", "临发改", Role::General),
    body("临江区教育和体育局", "临教体", Role::General),
    body("临江区科学技术和工业信息化局", "临科工信", Role::General),
    body("云溪市公安局临江分局", "临公", Role::General),
    body("临江区民政局", "临民", Role::General),
    body("临江区司法局", "临司", Role::General),
    body("临江区财政局", "临财", Role::Finance),
    body("临江区人力资源和社会保障局", "临人社", Role::HumanResources),
    body("云溪市自然资源和规划局临江分局", "临自规", Role::General),
    body("临江区住房和城乡建设局", "临住建", Role::Construction),
    body("临江区交通运输局", "临交", Role::Transport),
    body("临江区水利局", "临水", Role::General),
    body("临江区农业农村局", "临农", Role::General),
    body("临江区商务局", "临商", Role::General),
    body("临江区文化和旅游局", "临文旅", Role::General),
    body("临江区卫生健康局", "临卫健", Role::Health),
    body("临江区退役军人事务局", "临退役", Role::General),
    body("临江区应急管理局", "临应急", Role::Emergency),
    body("临江区审计局", "临审", Role::General),
    body("临江区市场监督管理局", "临市监", Role::MarketRegulation),
    body("临江区统计局", "临统", Role::General),
    body("临江区医疗保障局", "临医保", Role::General),
    body("临江区综合行政执法局", "临综执", Role::Enforcement),
    body("临江区行政审批服务局", "临审批", Role::Approval),
    body("临江区信访局", "临信访", Role::General),
    body("临江区政务服务和大数据管理局", "临数据", Role::General),
    body("云溪市生态环境局临江分局", "临环", Role::Environment),
    body("国家税务总局云溪市临江区税务局", "临税", Role::Tax),
    body("临江区监察委员会", "临监", Role::Discipline),
    body("临江区人民法院", "临法", Role::Court),
    township("临江区临江街道办事处", "临江街"),
    township("临江区东湖街道办事处", "东湖街"),
    township("临江区西城街道办事处", "西城街"),
    township("临江区青石镇人民政府", "青石镇"),
];

pub const INSTITUTIONS: &[&str] = &[
    "临江区人民医院",
    "临江区第一中学",
    "临江区实验小学",
    "临江区疾病预防控制中心",
    "临江区公共资源交易中心",
    "临江区融媒体中心",
];

pub const SOCIAL_ORGANISATIONS: &[&str] = &[
    "临江区个体劳动者协会",
    "临江区慈善总会",
    "临江区志愿者协会",
    "临江区餐饮行业协会",
];

pub const POSITIONS: &[(&str, &str)] = &[
    ("科员", "一级科员"),
    ("科员", "二级科员"),
    ("科员", "四级主任科员"),
    ("副科长", "三级主任科员"),
    ("科长", "二级主任科员"),
    ("科长", "一级主任科员"),
    ("副局长", "四级调研员"),
    ("局长", "三级调研员"),
];

/// Violations a regulator of each role typically penalises: (violation type, facts, legal basis).
pub fn violations(role: Role) -> &'static [(&'static str, &'static str, &'static str)] {
    match role {
        Role::MarketRegulation => &[
            (
                "销售不符合食品安全标准的食品",
                "经抽检，当事人销售的散装大米镉含量超过食品安全标准限量",
                "《中华人民共和国食品安全法》第一百二十四条第一款",
            ),
            (
                "未取得食品经营许可从事食品经营",
                "当事人未取得食品经营许可证，在经营场所销售预包装食品",
                "《中华人民共和国食品安全法》第一百二十二条第一款",
            ),
            (
                "虚假宣传",
                "当事人在店招及宣传单页中对商品功效作虚假宣传，欺骗、误导消费者",
                "《中华人民共和国反不正当竞争法》第二十条第一款",
            ),
            (
                "价格违法行为",
                "当事人在销售商品时未按规定明码标价",
                "《价格违法行为行政处罚规定》第十三条",
            ),
        ],
        Role::Environment => &[
            (
                "超标排放大气污染物",
                "经监测，当事人锅炉废气中氮氧化物排放浓度超过排放标准",
                "《中华人民共和国大气污染防治法》第九十九条第二项",
            ),
            (
                "未依法取得排污许可证排放污染物",
                "当事人未取得排污许可证，擅自向外环境排放生产废水",
                "《排污许可管理条例》第三十三条第一项",
            ),
        ],
        Role::Construction => &[
            (
                "未取得施工许可证擅自施工",
                "当事人建设的厂房项目未取得施工许可证即开工建设",
                "《建筑工程施工许可管理办法》第十二条",
            ),
            (
                "违反工程建设强制性标准",
                "当事人在施工中使用不合格钢筋，违反工程建设强制性标准",
                "《建设工程质量管理条例》第六十四条",
            ),
        ],
        Role::Transport => &[(
            "未取得道路运输经营许可擅自从事道路运输经营",
            "当事人使用未取得道路运输证的车辆从事货物运输经营",
            "《中华人民共和国道路运输条例》第六十三条",
        )],
        Role::Enforcement => &[
            (
                "擅自占用城市道路",
                "当事人未经批准，擅自占用人行道堆放建筑材料",
                "《城市道路管理条例》第四十二条",
            ),
            (
                "未按规定设置户外广告",
                "当事人未经批准在建筑物外立面设置大型户外广告牌",
                "《城市市容和环境卫生管理条例》第三十六条",
            ),
        ],
        Role::Emergency => &[(
            "未按规定对从业人员进行安全生产教育和培训",
            "当事人未对新入职员工进行岗前安全生产教育和培训",
            "《中华人民共和国安全生产法》第九十七条第三项",
        )],
        Role::Health => &[(
            "公共场所未取得卫生许可证经营",
            "当事人经营的足浴店未取得公共场所卫生许可证即营业",
            "《公共场所卫生管理条例实施细则》第三十五条",
        )],
        Role::Tax => &[(
            "逃避缴纳税款",
            "当事人通过虚假申报少缴增值税及附加税费",
            "《中华人民共和国税收征收管理法》第六十三条第一款",
        )],
        Role::HumanResources => &[(
            "拖欠劳动者工资",
            "当事人拖欠 23 名劳动者工资共计 41.6 万元，经责令限期支付逾期仍未支付",
            "《保障农民工工资支付条例》第五十四条",
        )],
        _ => &[],
    }
}
