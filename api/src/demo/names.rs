//! Natural Chinese names and texts for demo data, drawn from a seeded generator.

use rand::Rng;
use rand::seq::IndexedRandom;

/// Surnames roughly in order of frequency; earlier ones are drawn more often.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
    "欧阳", "司马",
];

const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "建国", "志强", "海涛", "晓东", "文博",
    "子轩", "浩然", "国栋", "振华", "立新", "建华", "永刚", "德明", "家豪", "宏伟", "俊杰", "天宇",
    "学军",
];

const GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "颖", "琳", "洁",
    "倩", "萍", "红", "梅", "莉", "蕾", "欣", "悦", "薇", "秀英", "桂英", "秀兰", "玉兰", "晓红",
    "丽娟", "海燕", "雅琴", "思雨", "梦瑶", "欣怡", "婉清", "春梅", "静怡", "佳琪", "雨萱", "淑芬",
    "美玲",
];

/// Trade names of enterprises (字号).
const TRADE_NAMES: &[&str] = &[
    "鑫源", "恒通", "华信", "宏达", "金泰", "瑞丰", "永盛", "天成", "安泰", "兴业", "博远", "富民",
    "佳禾", "嘉诚", "锦程", "新航", "海川", "润泽", "德胜", "长青", "盛世", "聚力", "同创", "明辉",
    "联众", "顺达", "众鑫", "广源", "泰和", "东升", "银河", "百川", "晟丰", "诚远", "景润", "云帆",
];

/// Lines of business, with the kind of licence a firm of that line typically holds.
pub const TRADES: &[(&str, &str)] = &[
    ("商贸", "食品经营许可"),
    ("建筑工程", "建筑工程施工许可"),
    ("餐饮管理", "食品经营许可"),
    ("物流", "道路货物运输经营许可"),
    ("食品", "食品生产许可"),
    ("环保科技", "排污许可"),
    ("房地产开发", "商品房预售许可"),
    ("医药连锁", "药品经营许可"),
    ("建材", "建设工程规划许可"),
    ("物业服务", "城镇污水排入排水管网许可"),
    ("农业开发", "取水许可"),
    ("机械制造", "特种设备生产许可"),
    ("汽车销售", "户外广告设置许可"),
    ("酒店管理", "公共场所卫生许可"),
    ("印刷", "印刷经营许可"),
    ("教育咨询", "民办学校办学许可"),
];

/// Draws an index with earlier items more likely (a rough Zipf curve), as with real surnames.
fn skewed_index<R: Rng>(rng: &mut R, len: usize) -> usize {
    let u: f64 = rng.random();
    ((u * u) * len as f64) as usize % len
}

/// A person's name and whether the person is male.
pub fn person_name<R: Rng>(rng: &mut R) -> (String, bool) {
    let male = rng.random_bool(0.55);
    let surname = SURNAMES[skewed_index(rng, SURNAMES.len())];
    let pool = if male { GIVEN_MALE } else { GIVEN_FEMALE };
    let given = pool.choose(rng).copied().unwrap_or("明");
    (format!("{surname}{given}"), male)
}

/// An enterprise name in the district, with its line of business.
pub fn enterprise_name<R: Rng>(rng: &mut R, place: &str) -> (String, usize) {
    let trade = rng.random_range(0..TRADES.len());
    let trade_name = TRADE_NAMES.choose(rng).copied().unwrap_or("鑫源");
    let form = if rng.random_bool(0.8) {
        "有限公司"
    } else {
        "有限责任公司"
    };
    (
        format!("{place}{trade_name}{}{form}", TRADES[trade].0),
        trade,
    )
}

/// Picks one of the given items.
pub fn pick<'a, R: Rng, T>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn names_are_deterministic_and_natural() {
        let mut a = ChaCha8Rng::seed_from_u64(1);
        let mut b = ChaCha8Rng::seed_from_u64(1);
        let names: Vec<String> = (0..200).map(|_| person_name(&mut a).0).collect();
        assert_eq!(
            names,
            (0..200).map(|_| person_name(&mut b).0).collect::<Vec<_>>()
        );
        assert!(names.iter().all(|n| (2..=4).contains(&n.chars().count())));
        assert!(
            names
                .iter()
                .filter(|n| n.starts_with('王') || n.starts_with('李') || n.starts_with('张'))
                .count()
                > 20
        );
        let (company, _) = enterprise_name(&mut a, "临江区");
        assert!(company.starts_with("临江区") && company.ends_with("公司"));
    }
}
