//! Built-in rulebooks from the Weihai (city) and Wendeng (district) civil-servant rules. They are the
//! first versions a deployment starts from; the credit office edits them as new versions.

use super::rulebook::{
    DirectGradeValidity, GradeBand, ItemEffect, Rulebook, ScoreItem, ValidityRules,
};
use chengxin_types::Grade;

/// Civil-servant items shared by both presets (Wendeng sample items).
fn civil_servant_items() -> Vec<ScoreItem> {
    use ItemEffect::{DirectGrade, Points};
    let item = |code: &str, name: &str, effect: ItemEffect, years: Option<u32>| ScoreItem {
        code: code.to_string(),
        name: name.to_string(),
        effect,
        validity_years: years,
    };
    vec![
        item("talk_reminder", "谈话提醒", Points(-3), None),
        item("written_self_criticism", "书面检查", Points(-5), None),
        item(
            "circulated_criticism_unit",
            "通报批评（本单位）",
            Points(-10),
            None,
        ),
        item(
            "circulated_criticism_district",
            "通报批评（区级）",
            Points(-20),
            None,
        ),
        item(
            "circulated_criticism_city",
            "通报批评（市级）",
            Points(-30),
            None,
        ),
        item(
            "circulated_criticism_province",
            "通报批评（省级及以上）",
            Points(-50),
            None,
        ),
        item("admonishment", "诫勉", Points(-30), None),
        item("party_warning", "党内警告", Points(-50), None),
        item("party_serious_warning", "党内严重警告", Points(-70), None),
        item("party_post_removal", "撤销党内职务", Points(-100), None),
        item("party_probation", "留党察看", Points(-150), None),
        item("gov_warning", "政务警告", Points(-50), None),
        item("gov_demerit", "记过", Points(-60), None),
        item("gov_major_demerit", "记大过", Points(-70), None),
        item("gov_demotion", "降级", Points(-100), None),
        item(
            "appraisal_basically_competent",
            "年度考核基本称职",
            Points(-40),
            None,
        ),
        item(
            "credit_info_not_reported",
            "未按规定报送信用信息",
            Points(-5),
            None,
        ),
        // The Wendeng items below carry no points in the summary of domain-facts; the points are
        // our defaults, placed on the Wendeng ladder beside the items of like weight (README,
        // "Rulebook versions"), and the credit office changes them as a new rulebook version.
        item(
            "suspension_or_post_adjustment",
            "停职检查、调整职务",
            Points(-50),
            None,
        ),
        item(
            "ordered_resignation_demotion_or_removal",
            "责令辞职、降职、免职",
            Points(-100),
            None,
        ),
        item("late_or_early_leave", "迟到早退", Points(-5), None),
        item(
            "official_car_or_alcohol_ban",
            "公车私用、违反工作日禁酒令",
            Points(-20),
            None,
        ),
        item("illicit_business", "违规经商办企业", Points(-50), None),
        item("gov_dismissal", "撤职", DirectGrade(Grade::B), None),
        item("bribery", "受贿", DirectGrade(Grade::B), None),
        item(
            "appraisal_incompetent",
            "年度考核不称职",
            DirectGrade(Grade::B),
            None,
        ),
        item(
            "judgment_debtor",
            "失信被执行人",
            DirectGrade(Grade::D),
            None,
        ),
        item("commendation", "嘉奖、记三等功", Points(20), Some(2)),
        item("second_class_merit", "记二等功", Points(40), Some(3)),
        item("first_class_merit", "记一等功", Points(60), Some(5)),
        item(
            "institution_appraisal_excellent",
            "事业单位年度考核优秀",
            Points(10),
            Some(1),
        ),
        // Volunteer hours are levels of one accumulating act: a reporter records each level
        // reached under the same `act_key`, so only the highest counts.
        item("volunteer_10h", "志愿服务满 10 小时", Points(2), Some(1)),
        item("volunteer_50h", "志愿服务满 50 小时", Points(5), Some(1)),
        item("volunteer_100h", "志愿服务满 100 小时", Points(10), Some(2)),
        item("volunteer_200h", "志愿服务满 200 小时", Points(20), Some(2)),
        item("volunteer_300h", "志愿服务满 300 小时", Points(50), Some(3)),
    ]
}

fn validity() -> ValidityRules {
    ValidityRules {
        small_deduction_max_points: 40,
        small_deduction_years: 1,
        large_deduction_years: 2,
        default_bonus_years: 1,
        direct_grade_years: vec![
            DirectGradeValidity {
                grade: Grade::B,
                years: 2,
            },
            DirectGradeValidity {
                grade: Grade::C,
                years: 3,
            },
            DirectGradeValidity {
                grade: Grade::D,
                years: 5,
            },
        ],
        default_direct_grade_years: 2,
    }
}

fn bands(mins: [i32; 5]) -> Vec<GradeBand> {
    let grades = [Grade::Aaa, Grade::Aa, Grade::A, Grade::B, Grade::C];
    let mut bands: Vec<GradeBand> = grades
        .iter()
        .zip(mins)
        .map(|(g, m)| GradeBand {
            grade: *g,
            min: Some(m),
        })
        .collect();
    bands.push(GradeBand {
        grade: Grade::D,
        min: None,
    });
    bands
}

impl Rulebook {
    /// Weihai city: base 1000; AAA ≥ 1150, AA ≥ 1050, A ≥ 1000, B ≥ 950, C ≥ 801, D below.
    pub fn weihai_civil_servant() -> Rulebook {
        Rulebook {
            code: "weihai-civil-servant".to_string(),
            // Version 2 corrects circulated criticism to the Wendeng table (district −20, city −30,
            // province −50; version 1 had district −30 and city −50); version 3 adds the Wendeng
            // items that were missing (organisational handling, work discipline, illicit business,
            // public-institution appraisal, volunteer levels). Each is installed over the versions
            // before it with the same start, so it applies to every record — unless the office has
            // published its own version, which a preset never overrides.
            version: 3,
            name: "威海市公职人员信用积分规则".to_string(),
            base: 1000,
            bands: bands([1150, 1050, 1000, 950, 801]),
            // Personal information law: a personal score is computed only with the person's
            // consent (the Rongcheng practice), and withdrawing it stops the score at once.
            requires_consent: true,
            validity: validity(),
            repeat_multiplier: 2,
            items: civil_servant_items(),
        }
    }

    /// Wendeng district: base 1000; AAA ≥ 1050, AA ≥ 1030, A ≥ 960 (the grade with no records),
    /// B ≥ 850, C ≥ 600, D below.
    pub fn wendeng_civil_servant() -> Rulebook {
        Rulebook {
            code: "wendeng-civil-servant".to_string(),
            name: "文登区公职人员信用积分规则".to_string(),
            bands: bands([1050, 1030, 960, 850, 600]),
            ..Rulebook::weihai_civil_servant()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid() {
        assert_eq!(Rulebook::weihai_civil_servant().validate(), Ok(()));
        assert_eq!(Rulebook::wendeng_civil_servant().validate(), Ok(()));
    }

    #[test]
    fn weihai_bands() {
        let r = Rulebook::weihai_civil_servant();
        let cases = [
            (1150, Grade::Aaa),
            (1149, Grade::Aa),
            (1050, Grade::Aa),
            (1049, Grade::A),
            (1000, Grade::A),
            (999, Grade::B),
            (950, Grade::B),
            (949, Grade::C),
            (801, Grade::C),
            (800, Grade::D),
            (-5, Grade::D),
        ];
        for (score, grade) in cases {
            assert_eq!(r.band_grade(score), grade, "score {score}");
        }
    }

    #[test]
    fn wendeng_bands() {
        let r = Rulebook::wendeng_civil_servant();
        let cases = [
            (1050, Grade::Aaa),
            (1049, Grade::Aa),
            (1030, Grade::Aa),
            (1029, Grade::A),
            (1000, Grade::A),
            (960, Grade::A),
            (959, Grade::B),
            (850, Grade::B),
            (849, Grade::C),
            (600, Grade::C),
            (599, Grade::D),
        ];
        for (score, grade) in cases {
            assert_eq!(r.band_grade(score), grade, "score {score}");
        }
    }

    #[test]
    fn validity_by_size_and_kind() {
        let r = Rulebook::weihai_civil_servant();
        let years = |code: &str| r.item(code).map(|i| r.validity_years(i));
        assert_eq!(
            years("appraisal_basically_competent"),
            Some(1),
            "40 points is small"
        );
        assert_eq!(years("party_warning"), Some(2), "over 40 points is large");
        assert_eq!(years("appraisal_incompetent"), Some(2), "direct B");
        assert_eq!(years("judgment_debtor"), Some(5), "direct D");
        assert_eq!(years("first_class_merit"), Some(5));
    }

    #[test]
    fn circulated_criticism_follows_the_wendeng_table() {
        for r in [
            Rulebook::weihai_civil_servant(),
            Rulebook::wendeng_civil_servant(),
        ] {
            let points = |code: &str| match r.item(code).map(|i| &i.effect) {
                Some(ItemEffect::Points(p)) => Some(*p),
                _ => None,
            };
            assert_eq!(points("circulated_criticism_unit"), Some(-10));
            assert_eq!(points("circulated_criticism_district"), Some(-20));
            assert_eq!(points("circulated_criticism_city"), Some(-30));
            assert_eq!(points("circulated_criticism_province"), Some(-50));
            let years = |code: &str| r.item(code).map(|i| r.validity_years(i));
            assert_eq!(
                years("circulated_criticism_city"),
                Some(1),
                "a city-level one lasts a year"
            );
            assert_eq!(years("circulated_criticism_province"), Some(2));
        }
    }

    #[test]
    fn the_wendeng_items_are_all_in_the_presets() {
        let r = Rulebook::wendeng_civil_servant();
        let points = |code: &str| match r.item(code).map(|i| &i.effect) {
            Some(ItemEffect::Points(p)) => Some(*p),
            _ => None,
        };
        for (code, expected) in [
            ("suspension_or_post_adjustment", -50),
            ("ordered_resignation_demotion_or_removal", -100),
            ("late_or_early_leave", -5),
            ("official_car_or_alcohol_ban", -20),
            ("illicit_business", -50),
            ("institution_appraisal_excellent", 10),
            ("volunteer_10h", 2),
            ("volunteer_50h", 5),
            ("volunteer_100h", 10),
            ("volunteer_200h", 20),
            ("volunteer_300h", 50),
        ] {
            assert_eq!(points(code), Some(expected), "{code}");
        }
        // Volunteer levels climb with the hours, so the highest level reached is the heaviest.
        let levels: Vec<i32> = ["10h", "50h", "100h", "200h", "300h"]
            .iter()
            .filter_map(|h| points(&format!("volunteer_{h}")))
            .collect();
        assert!(levels.windows(2).all(|w| w[0] < w[1]), "{levels:?}");
        let years = |code: &str| r.item(code).map(|i| r.validity_years(i));
        assert_eq!(years("ordered_resignation_demotion_or_removal"), Some(2));
        assert_eq!(years("late_or_early_leave"), Some(1));
    }

    #[test]
    fn broken_rulebooks_are_refused() {
        let mut r = Rulebook::weihai_civil_servant();
        r.bands.swap(0, 1);
        assert!(matches!(
            r.validate(),
            Err(crate::domain::score::RulebookError::BandOrder(_))
        ));
        let mut r = Rulebook::weihai_civil_servant();
        let copy = r.items[0].clone();
        r.items.push(copy);
        assert!(matches!(
            r.validate(),
            Err(crate::domain::score::RulebookError::DuplicateItem(_))
        ));
        let mut r = Rulebook::weihai_civil_servant();
        r.bands[5].min = Some(0);
        assert!(r.validate().is_err());
        let json = serde_json::to_string(&Rulebook::wendeng_civil_servant()).expect("serialise");
        let back: Rulebook = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, Rulebook::wendeng_civil_servant());
    }
}
