//! The demo district: about 36 government bodies, 500 civil servants, records in all five
//! categories, serious-breach entries, commitments, licences and penalties.

use super::district::{self, BODIES, INSTITUTIONS, POSITIONS, Role, SOCIAL_ORGANISATIONS};
use super::names::{self, TRADES, pick};
use super::{IdNumbers, doc_no, uscc_for};
use crate::domain::catalogue::{self, RecordKind};
use crate::domain::{PublicityRules, Uscc};
use crate::pii::PiiCipher;
use crate::store::{
    AuditEvent, BodyRef, CourtCase, DecisionSubject, NewAppointment, NewCommitment,
    NewCreditRecord, NewFulfilment, NewLicence, NewListing, NewOrganisation, NewPenalty, NewPerson,
    Store, SubjectRef,
};
use anyhow::Context;
use chengxin_types::{
    CommitmentKind, FulfilmentStatus, LicenceCategory, ListKind, ListingStatus, OrgKind, OrgLevel,
    PenaltyCategory, PublicityTier, RecordStatus,
};
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const CIVIL_SERVANTS: usize = 500;
const CITIZENS: usize = 120;
const ENTERPRISES: usize = 160;

/// Seeds the demo district as of today in Asia/Shanghai.
pub async fn seed_demo(store: &Store, cipher: &PiiCipher, seed: u64) -> anyhow::Result<()> {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    seed_demo_at(store, cipher, seed, today).await
}

/// An organisation as the generator keeps it.
#[derive(Clone)]
struct Org {
    id: i64,
    name: String,
    uscc: Uscc,
    abbr: &'static str,
    role: Role,
    trade: usize,
}

impl Org {
    fn body_ref(&self) -> BodyRef {
        BodyRef {
            name: self.name.clone(),
            uscc: self.uscc.to_string(),
        }
    }
}

struct Person {
    id: i64,
    name: String,
    sealed: crate::pii::SealedId,
    employer: Option<usize>,
}

struct Gen {
    rng: ChaCha8Rng,
    anchor: NaiveDate,
    rules: PublicityRules,
    serial: u64,
}

impl Gen {
    /// A day between `min_days` and `max_days` before the anchor.
    fn days_ago(&mut self, min_days: i64, max_days: i64) -> NaiveDate {
        self.anchor - Duration::days(self.rng.random_range(min_days..max_days.max(min_days + 1)))
    }

    fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn record(
        &mut self,
        kind: &RecordKind,
        subject: SubjectRef,
        content: String,
        deciding: &Org,
        reporting: &Org,
        decided_on: NaiveDate,
    ) -> NewCreditRecord {
        let window = kind
            .default_tier
            .and_then(|tier| self.rules.window(tier, decided_on, None).ok());
        let occurred_on = decided_on - Duration::days(self.rng.random_range(5..60));
        let decision_no = Some(doc_no(
            deciding.abbr,
            "发",
            decided_on,
            self.next_serial() % 400 + 1,
        ));
        NewCreditRecord {
            subject,
            category: kind.category,
            kind_code: kind.code.to_string(),
            title: kind.name.to_string(),
            content,
            decision_no,
            deciding_org_id: Some(deciding.id),
            reporting_org_id: reporting.id,
            decided_on,
            occurred_on,
            conduct_ended_on: None,
            route: kind.default_route,
            tier: kind.default_tier,
            window,
            status: RecordStatus::Effective,
            score_item: kind.score_item.map(str::to_string),
            act_key: None,
        }
    }
}

/// The government body with a role in the district (there is one of each the generator needs).
fn body_with(bodies: &[Org], role: Role) -> anyhow::Result<Org> {
    bodies
        .iter()
        .find(|b| b.role == role)
        .cloned()
        .context("the demo district lacks a body with this role")
}

/// The government body with a short name, such as 临商 for the commerce bureau.
fn body_abbr(bodies: &[Org], abbr: &str) -> anyhow::Result<Org> {
    bodies
        .iter()
        .find(|b| b.abbr == abbr)
        .cloned()
        .with_context(|| format!("the demo district lacks body {abbr}"))
}

fn kind(code: &str) -> anyhow::Result<&'static RecordKind> {
    catalogue::find(code).with_context(|| format!("record kind {code} missing from the catalogue"))
}

/// Seeds the demo district as of `anchor`. The same seed and anchor always give the same data.
pub async fn seed_demo_at(
    store: &Store,
    cipher: &PiiCipher,
    seed: u64,
    anchor: NaiveDate,
) -> anyhow::Result<()> {
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(seed),
        anchor,
        rules: PublicityRules::default(),
        serial: 0,
    };
    let (bodies, others) = seed_organisations(store, &mut g).await?;
    let enterprises: Vec<Org> = others
        .iter()
        .filter(|o| o.abbr.is_empty())
        .cloned()
        .collect();
    let (servants, citizens) = seed_persons(store, cipher, &mut g, &bodies, &others).await?;
    seed_person_records(store, &mut g, &bodies, &servants).await?;
    seed_organisation_records(store, &mut g, &bodies, &others).await?;
    seed_penalties(store, &mut g, &bodies, &enterprises, &citizens).await?;
    seed_licences(store, &mut g, &bodies, &enterprises).await?;
    seed_listings(store, &mut g, &bodies, &enterprises, &citizens).await?;
    seed_commitments(store, &mut g, &bodies, &enterprises, &servants).await?;
    super::rectifications::seed_rectifications(store, seed, anchor).await?;
    super::evaluation::seed_evaluation(store, seed, anchor).await?;
    super::accounts::seed_accounts(store, anchor).await?;
    store
        .audit(&AuditEvent {
            actor: "system".to_string(),
            action: "demo.seeded".to_string(),
            entity: "archive".to_string(),
            entity_id: "demo".to_string(),
            detail: serde_json::json!({ "seed": seed, "anchor": anchor.to_string() }).to_string(),
        })
        .await?;
    Ok(())
}

async fn seed_organisations(store: &Store, g: &mut Gen) -> anyhow::Result<(Vec<Org>, Vec<Org>)> {
    let region = Some(district::REGION_CODE.to_string());
    let new_org = |uscc: &Uscc,
                   name: &str,
                   kind: OrgKind,
                   level: Option<OrgLevel>,
                   parent_id: Option<i64>| NewOrganisation {
        uscc: uscc.clone(),
        name: name.to_string(),
        kind,
        level,
        parent_id,
        region_code: region.clone(),
        address: Some(format!("{}{}", district::CITY, district::DISTRICT)),
    };
    // The district government first: every other body is its child.
    let code_of = |serial: u64, prefix: &str| {
        uscc_for(prefix, district::REGION_CODE, serial).context("demo USCC")
    };
    let government = code_of(1, "11")?;
    let government_id = store
        .insert_organisations(&[new_org(
            &government,
            BODIES[0].name,
            OrgKind::GovernmentBody,
            Some(OrgLevel::District),
            None,
        )])
        .await?[0];
    let mut rows = Vec::new();
    let mut codes = Vec::new();
    for (i, b) in BODIES.iter().enumerate().skip(1) {
        let uscc = code_of(i as u64 + 1, "11")?;
        let level = if b.township {
            OrgLevel::Township
        } else {
            OrgLevel::District
        };
        rows.push(new_org(
            &uscc,
            b.name,
            OrgKind::GovernmentBody,
            Some(level),
            Some(government_id),
        ));
        codes.push(uscc);
    }
    let ids = store.insert_organisations(&rows).await?;
    let mut bodies = vec![Org {
        id: government_id,
        name: BODIES[0].name.to_string(),
        uscc: government,
        abbr: BODIES[0].abbr,
        role: Role::General,
        trade: 0,
    }];
    for ((b, id), uscc) in BODIES.iter().skip(1).zip(ids).zip(codes) {
        bodies.push(Org {
            id,
            name: b.name.to_string(),
            uscc,
            abbr: b.abbr,
            role: b.role,
            trade: 0,
        });
    }

    let mut rows = Vec::new();
    let mut shapes = Vec::new();
    for (i, name) in INSTITUTIONS.iter().enumerate() {
        let uscc = code_of(100 + i as u64, "12")?;
        rows.push(new_org(
            &uscc,
            name,
            OrgKind::PublicInstitution,
            Some(OrgLevel::District),
            Some(government_id),
        ));
        shapes.push((name.to_string(), uscc, "事业", 0));
    }
    for (i, name) in SOCIAL_ORGANISATIONS.iter().enumerate() {
        let uscc = code_of(200 + i as u64, "51")?;
        rows.push(new_org(
            &uscc,
            name,
            OrgKind::SocialOrganisation,
            None,
            None,
        ));
        shapes.push((name.to_string(), uscc, "社团", 0));
    }
    let mut taken = std::collections::HashSet::new();
    let mut serial = 1000;
    while taken.len() < ENTERPRISES {
        let (name, trade) = names::enterprise_name(&mut g.rng, district::DISTRICT);
        if taken.insert(name.clone()) {
            serial += 1;
            let uscc = code_of(serial, "91")?;
            rows.push(new_org(&uscc, &name, OrgKind::Enterprise, None, None));
            shapes.push((name, uscc, "", trade));
        }
    }
    let ids = store.insert_organisations(&rows).await?;
    let others = shapes
        .into_iter()
        .zip(ids)
        .map(|((name, uscc, abbr, trade), id)| Org {
            id,
            name,
            uscc,
            abbr,
            role: Role::General,
            trade,
        })
        .collect();
    Ok((bodies, others))
}

async fn seed_persons(
    store: &Store,
    cipher: &PiiCipher,
    g: &mut Gen,
    bodies: &[Org],
    others: &[Org],
) -> anyhow::Result<(Vec<Person>, Vec<Person>)> {
    let mut ids = IdNumbers::new();
    let born_from = NaiveDate::from_ymd_opt(1962, 1, 1).context("date")?;
    let mut rows = Vec::new();
    let mut employers = Vec::new();
    let institutions: Vec<usize> = (0..INSTITUTIONS.len()).collect();
    for i in 0..CIVIL_SERVANTS + CITIZENS {
        let (name, male) = names::person_name(&mut g.rng);
        let id = ids.draw(&mut g.rng, born_from, 365 * 38, male);
        let sealed = cipher.seal(&id);
        let employer = if i >= CIVIL_SERVANTS {
            None
        } else if g.chance(0.1) {
            Some(bodies.len() + *pick(&mut g.rng, &institutions))
        } else {
            Some(g.rng.random_range(1..bodies.len()))
        };
        employers.push(employer);
        rows.push(NewPerson {
            name,
            id: sealed,
            gender: Some(if male { "male" } else { "female" }),
            scoring_consent: employer.is_some() && g.chance(0.85),
        });
    }
    let person_ids = store.insert_persons(&rows).await?;
    let mut appointments = Vec::new();
    let mut servants = Vec::new();
    let mut citizens = Vec::new();
    for ((row, id), employer) in rows.into_iter().zip(person_ids).zip(employers) {
        if let Some(index) = employer {
            let org = if index < bodies.len() {
                &bodies[index]
            } else {
                &others[index - bodies.len()]
            };
            let (position, rank) = *pick(&mut g.rng, POSITIONS);
            appointments.push(NewAppointment {
                person_id: id,
                organisation_id: org.id,
                position: position.to_string(),
                rank: Some(rank.to_string()),
                started_on: g.days_ago(200, 365 * 15),
                ended_on: None,
            });
        }
        let person = Person {
            id,
            name: row.name,
            sealed: row.id,
            employer,
        };
        if employer.is_some() {
            servants.push(person)
        } else {
            citizens.push(person)
        }
    }
    store.insert_appointments(&appointments).await?;
    Ok((servants, citizens))
}

/// What a civil servant's records say: (kind code, likelihood per person, a sentence about it).
const PERSON_RECORD_MIX: &[(&str, f64, &str)] = &[
    ("appraisal_excellent", 0.18, "年度考核确定为优秀等次"),
    (
        "appraisal_basically_competent",
        0.03,
        "年度考核确定为基本称职等次",
    ),
    ("appraisal_incompetent", 0.006, "年度考核确定为不称职等次"),
    (
        "commendation",
        0.12,
        "在防汛抢险和安全生产专项整治工作中表现突出，给予嘉奖",
    ),
    (
        "second_class_merit",
        0.02,
        "在优化营商环境攻坚行动中成绩显著，记二等功",
    ),
    (
        "first_class_merit",
        0.005,
        "在重大突发事件处置中作出突出贡献，记一等功",
    ),
    ("volunteer_10h", 0.3, "参加社区志愿服务累计满 10 小时"),
    (
        "volunteer_300h",
        0.03,
        "参加“文明实践”志愿服务累计满 300 小时",
    ),
    (
        "talk_reminder",
        0.08,
        "办理 12345 热线工单推诿拖延，被群众投诉，予以谈话提醒",
    ),
    (
        "written_self_criticism",
        0.05,
        "值班期间擅自离岗，责令作出书面检查",
    ),
    (
        "circulated_criticism_unit",
        0.03,
        "公文处理出现重大差错，在本单位通报批评",
    ),
    (
        "circulated_criticism_district",
        0.01,
        "落实营商环境“好差评”整改不力，在全区通报批评",
    ),
    ("admonishment", 0.02, "违规收受管理服务对象礼品，予以诫勉"),
    (
        "party_warning",
        0.01,
        "违规使用公务用车办理私事，给予党内警告处分",
    ),
    (
        "gov_warning",
        0.01,
        "在行政审批中超时办结、刁难申请人，给予政务警告处分",
    ),
    (
        "gov_demerit",
        0.005,
        "执法检查走过场，造成不良影响，给予政务记过处分",
    ),
    (
        "gov_major_demerit",
        0.003,
        "违规发放补贴资金，给予政务记大过处分",
    ),
    (
        "gov_demotion",
        0.002,
        "滥用职权造成集体资金损失，给予政务降级处分",
    ),
    ("gov_dismissal", 0.002, "严重失职失责，给予政务撤职处分"),
    (
        "credit_info_not_reported",
        0.02,
        "未按规定时限报送本人信用信息",
    ),
    (
        "judgment_debtor_person",
        0.006,
        "有履行能力而拒不履行生效法律文书确定的给付义务，被人民法院纳入失信被执行人名单",
    ),
    (
        "civil_servant_pledge",
        0.6,
        "签署公职人员政务承诺书，承诺依法履职、廉洁从政、守信践诺",
    ),
];

async fn seed_person_records(
    store: &Store,
    g: &mut Gen,
    bodies: &[Org],
    servants: &[Person],
) -> anyhow::Result<()> {
    let discipline = body_with(bodies, Role::Discipline)?;
    let court = body_with(bodies, Role::Court)?;
    let mut records = Vec::new();
    for person in servants {
        let employer = &bodies[person.employer.unwrap_or(1).min(bodies.len() - 1)];
        let subject = SubjectRef::Person(person.id);
        let registration = kind("civil_servant_registration")?;
        let since = g.days_ago(400, 365 * 12);
        records.push(g.record(
            registration,
            subject,
            format!("{}，{}工作人员，依法登记", person.name, employer.name),
            employer,
            employer,
            since,
        ));
        for (code, likelihood, sentence) in PERSON_RECORD_MIX {
            if !g.chance(*likelihood) {
                continue;
            }
            let k = kind(code)?;
            let decided = g.days_ago(10, 365 * 3);
            let decider = match k.source {
                "disciplinary_sanction" => &discipline,
                "judicial_judgment" => &court,
                _ => employer,
            };
            let mut record = g.record(
                k,
                subject,
                format!("{}：{sentence}。", person.name),
                decider,
                employer,
                decided,
            );
            // A few records show the other states the archive keeps.
            if k.category.is_breach() && g.chance(0.06) {
                record.status = RecordStatus::Exempt;
                record
                    .content
                    .push_str("经评议小组认定符合容错免责情形，不作失信计分。");
            } else if g.chance(0.02) {
                record.status = RecordStatus::Pending;
            }
            records.push(record);
        }
        // One act, several items: a Party and a government sanction for the same conduct.
        if g.chance(0.01) {
            let decided = g.days_ago(30, 500);
            let act = format!("act-{}-{}", person.id, decided);
            for code in ["party_warning", "gov_warning"] {
                let mut record = g.record(
                    kind(code)?,
                    subject,
                    format!(
                        "{}：违规参与经营性活动，同一违纪行为分别给予党纪和政务处分。",
                        person.name
                    ),
                    &discipline,
                    employer,
                    decided,
                );
                record.act_key = Some(act.clone());
                records.push(record);
            }
        }
    }
    store.insert_credit_records(&records).await?;
    Ok(())
}

async fn seed_organisation_records(
    store: &Store,
    g: &mut Gen,
    bodies: &[Org],
    others: &[Org],
) -> anyhow::Result<()> {
    let market = body_with(bodies, Role::MarketRegulation)?;
    let data_office = body_abbr(bodies, "临数据")?;
    let mut records = Vec::new();
    for org in bodies.iter().chain(others) {
        let since = g.days_ago(365, 365 * 20);
        records.push(g.record(
            kind("org_registration")?,
            SubjectRef::Organisation(org.id),
            format!("{}，统一社会信用代码 {}", org.name, org.uscc),
            org,
            org,
            since,
        ));
    }
    for body in bodies.iter().skip(1) {
        let subject = SubjectRef::Organisation(body.id);
        if g.chance(0.3) {
            let on = g.days_ago(30, 700);
            records.push(g.record(
                kind("org_commendation")?,
                subject,
                format!("{}被评为全市“人民满意的公务员集体”", body.name),
                &bodies[0],
                body,
                on,
            ));
        }
        if g.chance(0.5) {
            let on = g.days_ago(30, 365);
            records.push(g.record(
                kind("proposals_handled")?,
                subject,
                "承办的人大代表建议、政协提案全部按时办结，满意率 100%".to_string(),
                &bodies[0],
                body,
                on,
            ));
        }
        if g.chance(0.12) {
            let on = g.days_ago(20, 500);
            let amount = g.rng.random_range(30..900);
            let content = format!(
                "{}拖欠本区民营企业工程款 {amount} 万元，逾期未支付",
                body.name
            );
            records.push(g.record(
                kind("arrears_to_private_firms")?,
                subject,
                content,
                &bodies[0],
                &data_office,
                on,
            ));
        }
        if g.chance(0.1) {
            let on = g.days_ago(20, 500);
            records.push(g.record(
                kind("hotline_12345_poor")?,
                subject,
                "季度 12345 热线工单满意率低于全区平均水平".to_string(),
                &data_office,
                &data_office,
                on,
            ));
        }
        if g.chance(0.05) {
            let on = g.days_ago(20, 500);
            let content = "因机构负责人调整，未按合同约定兑现对企业的厂房租金补贴（“新官不理旧账”），经督查认定为政府违约".to_string();
            records.push(g.record(
                kind("gov_contract_breach")?,
                subject,
                content,
                &bodies[0],
                &data_office,
                on,
            ));
        }
    }
    for firm in others.iter().filter(|o| o.abbr.is_empty()) {
        if g.chance(0.06) {
            let on = g.days_ago(10, 600);
            records.push(g.record(
                kind("abnormal_operation")?,
                SubjectRef::Organisation(firm.id),
                "通过登记的住所或者经营场所无法联系，列入经营异常名录".to_string(),
                &market,
                &market,
                on,
            ));
        }
    }
    store.insert_credit_records(&records).await?;
    Ok(())
}

async fn seed_penalties(
    store: &Store,
    g: &mut Gen,
    bodies: &[Org],
    firms: &[Org],
    citizens: &[Person],
) -> anyhow::Result<()> {
    let regulators: Vec<&Org> = bodies
        .iter()
        .filter(|b| !district::violations(b.role).is_empty())
        .collect();
    let mut penalties = Vec::new();
    let mut linked_records = Vec::new();
    for _ in 0..400 {
        let regulator = *pick(&mut g.rng, &regulators);
        let (violation, facts, basis) = *pick(&mut g.rng, district::violations(regulator.role));
        let decided = g.days_ago(3, 365 * 3);
        let tier = match g.rng.random_range(0..100) {
            0..15 => PublicityTier::Minor,
            15..85 => PublicityTier::General,
            _ => PublicityTier::Serious,
        };
        let window = g.rules.window(tier, decided, None)?;
        let (category, content, fine_cents) = match g.rng.random_range(0..10) {
            0 => (PenaltyCategory::Warning, "警告".to_string(), None),
            1 => (
                PenaltyCategory::ConfiscateGains,
                "没收违法所得并处罚款".to_string(),
                Some(g.rng.random_range(5..300) * 100_000),
            ),
            2 if tier == PublicityTier::Serious => (
                PenaltyCategory::OrderSuspension,
                "责令停产停业整顿 30 日".to_string(),
                None,
            ),
            _ => {
                let yuan = g.rng.random_range(2..200) * 1000;
                (
                    PenaltyCategory::Fine,
                    format!("罚款人民币 {yuan} 元"),
                    Some(yuan * 100),
                )
            }
        };
        let (subject, record_subject) = if g.chance(0.8) {
            let firm = pick(&mut g.rng, firms);
            (
                DecisionSubject {
                    name: firm.name.clone(),
                    category: "法人及非法人组织".to_string(),
                    uscc: Some(firm.uscc.to_string()),
                    organisation_id: Some(firm.id),
                    person_id: None,
                    document: None,
                },
                SubjectRef::Organisation(firm.id),
            )
        } else {
            let person = pick(&mut g.rng, citizens);
            (
                DecisionSubject {
                    name: person.name.clone(),
                    category: "自然人".to_string(),
                    uscc: None,
                    organisation_id: None,
                    person_id: Some(person.id),
                    document: Some(("身份证".to_string(), person.sealed.clone())),
                },
                SubjectRef::Person(person.id),
            )
        };
        // Most are published within the legal 7 working days; some late, for the timeliness figures.
        let published_on = decided
            + Duration::days(if g.chance(0.9) {
                g.rng.random_range(1..9)
            } else {
                g.rng.random_range(12..30)
            });
        let serial = g.next_serial();
        let record_kind = match tier {
            PublicityTier::Minor => kind("admin_penalty_minor")?,
            PublicityTier::General => kind("admin_penalty_general")?,
            PublicityTier::Serious => kind("admin_penalty_serious")?,
        };
        let mut record = g.record(
            record_kind,
            record_subject,
            format!("{}：{facts}。{content}", subject.name),
            regulator,
            regulator,
            decided,
        );
        record.decision_no = Some(doc_no(regulator.abbr, "罚决字", decided, serial));
        linked_records.push(record);
        penalties.push(NewPenalty {
            doc_no: doc_no(regulator.abbr, "罚决字", decided, serial),
            violation_type: violation.to_string(),
            facts: facts.to_string(),
            legal_basis: basis.to_string(),
            category,
            content,
            fine_cents,
            decided_on: decided,
            publish_until: window.until,
            deciding_body: regulator.body_ref(),
            source_unit: regulator.body_ref(),
            subject,
            tier,
            published_on: (published_on <= g.anchor).then_some(published_on),
            status: RecordStatus::Effective,
            record_id: None,
        });
    }
    let record_ids = store.insert_credit_records(&linked_records).await?;
    for (penalty, id) in penalties.iter_mut().zip(record_ids) {
        penalty.record_id = Some(id);
    }
    store.insert_penalties(&penalties).await?;
    Ok(())
}

async fn seed_licences(
    store: &Store,
    g: &mut Gen,
    bodies: &[Org],
    firms: &[Org],
) -> anyhow::Result<()> {
    let approval = body_with(bodies, Role::Approval)?;
    let mut licences = Vec::new();
    for _ in 0..600 {
        let firm = pick(&mut g.rng, firms);
        let licence_name = TRADES[firm.trade % TRADES.len()].1;
        let decided = g.days_ago(1, 365 * 4);
        let serial = g.next_serial();
        let published_on = decided + Duration::days(g.rng.random_range(1..8));
        licences.push(NewLicence {
            doc_no: doc_no(approval.abbr, "许准字", decided, serial),
            doc_name: format!("{licence_name}决定书"),
            category: if g.chance(0.9) {
                LicenceCategory::Ordinary
            } else {
                LicenceCategory::Verification
            },
            certificate_name: Some(licence_name.replace("许可", "许可证")),
            certificate_no: Some(format!("LJ{}{:06}", decided.year(), serial)),
            content: format!("准予{}取得{licence_name}", firm.name),
            decided_on: decided,
            valid_from: decided,
            valid_to: Some(decided + Duration::days(365 * 5)),
            licensing_body: approval.body_ref(),
            source_unit: approval.body_ref(),
            subject: DecisionSubject {
                name: firm.name.clone(),
                category: "法人及非法人组织".to_string(),
                uscc: Some(firm.uscc.to_string()),
                organisation_id: Some(firm.id),
                person_id: None,
                document: None,
            },
            published_on: (published_on <= g.anchor).then_some(published_on),
            status: RecordStatus::Effective,
        });
    }
    store.insert_licences(&licences).await?;
    Ok(())
}

async fn seed_listings(
    store: &Store,
    g: &mut Gen,
    bodies: &[Org],
    firms: &[Org],
    citizens: &[Person],
) -> anyhow::Result<()> {
    let court = body_with(bodies, Role::Court)?;
    let listers: Vec<(Org, ListKind, &str)> = vec![
        (
            body_with(bodies, Role::HumanResources)?,
            ListKind::AdministrativeSeriousBreach,
            "拖欠农民工工资情节严重，经责令限期支付逾期仍未支付",
        ),
        (
            body_with(bodies, Role::MarketRegulation)?,
            ListKind::AdministrativeSeriousBreach,
            "生产销售不符合食品安全标准的食品，造成严重不良社会影响",
        ),
        (
            body_with(bodies, Role::Environment)?,
            ListKind::AdministrativeSeriousBreach,
            "通过暗管偷排含重金属废水，严重危害群众身体健康",
        ),
        (
            body_with(bodies, Role::Finance)?,
            ListKind::GovernmentProcurement,
            "在政府采购活动中提供虚假材料谋取中标",
        ),
        (
            body_with(bodies, Role::Tax)?,
            ListKind::MajorTaxViolation,
            "虚开增值税专用发票，偷税数额较大",
        ),
    ];
    let mut listings = Vec::new();
    let mut records = Vec::new();
    for i in 0..48 {
        let listed_on = g.days_ago(5, 365 * 3);
        let removed = g.chance(0.2);
        let is_court = i % 2 == 0;
        let person = if is_court && g.chance(0.5) {
            Some(pick(&mut g.rng, citizens))
        } else {
            None
        };
        let firm = pick(&mut g.rng, firms);
        let (subject, name, uscc, masked) = match person {
            Some(p) => (
                SubjectRef::Person(p.id),
                p.name.clone(),
                None,
                Some(p.sealed.masked.clone()),
            ),
            None => (
                SubjectRef::Organisation(firm.id),
                firm.name.clone(),
                Some(firm.uscc.to_string()),
                None,
            ),
        };
        let serial = g.next_serial();
        let (decider, list_kind, reason, court_case, record_kind) = if is_court {
            let amount = g.rng.random_range(3..300);
            let case = CourtCase {
                case_no: format!("（{}）临江法执字第{serial}号", listed_on.year()),
                court: court.name.clone(),
                duty: format!("向申请执行人支付货款及利息共计人民币 {amount} 万元"),
                performed_part: if g.chance(0.3) {
                    format!("已履行 {} 万元", amount / 3)
                } else {
                    "无".to_string()
                },
                unperformed_part: "其余款项全部未履行".to_string(),
            };
            let kind_code = if person.is_some() {
                "judgment_debtor_person"
            } else {
                "judgment_debtor_org"
            };
            (
                &court,
                ListKind::JudgmentDebtor,
                "有履行能力而拒不履行生效法律文书确定义务",
                Some(case),
                kind(kind_code)?,
            )
        } else {
            let (org, list_kind, reason) = pick(&mut g.rng, &listers);
            (
                org,
                *list_kind,
                *reason,
                None,
                kind("serious_breach_listing")?,
            )
        };
        let mut record = g.record(
            record_kind,
            subject,
            format!("{name}：{reason}"),
            decider,
            decider,
            listed_on,
        );
        if removed {
            record.status = RecordStatus::Repaired;
        }
        records.push(record);
        listings.push(NewListing {
            subject,
            subject_name: name,
            subject_uscc: uscc,
            subject_id_masked: masked,
            list_kind,
            deciding_org_id: decider.id,
            basis_doc_no: doc_no(decider.abbr, "失信决字", listed_on, serial),
            reason: reason.to_string(),
            legal_basis: if is_court {
                "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条"
            } else {
                "《失信行为纠正后的信用信息修复管理办法（试行）》及相关领域严重失信主体名单管理规定"
            }
            .to_string(),
            listed_on,
            removal_conditions: if is_court {
                "全部履行生效法律文书确定的义务，或与申请执行人达成执行和解并履行完毕".to_string()
            } else {
                "纠正失信行为、履行相关义务并作出信用承诺，且自列入之日起满一年".to_string()
            },
            removal_due_on: Some(listed_on + Duration::days(365 * 3)),
            removed_on: removed
                .then(|| listed_on + Duration::days(g.rng.random_range(100..300)))
                .filter(|d| *d <= g.anchor),
            status: if removed {
                ListingStatus::Removed
            } else {
                ListingStatus::Listed
            },
            source_org_id: decider.id,
            record_id: None,
            court_case,
        });
    }
    let record_ids = store.insert_credit_records(&records).await?;
    for (listing, id) in listings.iter_mut().zip(record_ids) {
        listing.record_id = Some(id);
        if listing.status == ListingStatus::Removed && listing.removed_on.is_none() {
            listing.status = ListingStatus::Listed;
        }
    }
    store.insert_listings(&listings).await?;
    Ok(())
}

async fn seed_commitments(
    store: &Store,
    g: &mut Gen,
    bodies: &[Org],
    firms: &[Org],
    servants: &[Person],
) -> anyhow::Result<()> {
    let approval = body_with(bodies, Role::Approval)?;
    let commerce = body_abbr(bodies, "临商")?;
    let mut commitments = Vec::new();
    for i in 0..130 {
        let made_on = g.days_ago(30, 365 * 4);
        let due_on = made_on + Duration::days(g.rng.random_range(90..900));
        let (kind, subject, subject_name, content, acceptor) = match i % 6 {
            0 => {
                let firm = pick(&mut g.rng, firms);
                let amount = g.rng.random_range(100..5000);
                (
                    CommitmentKind::InvestmentPolicy,
                    SubjectRef::Organisation(bodies[0].id),
                    bodies[0].name.clone(),
                    format!(
                        "对{}新建生产线项目按实际投资额给予 {amount} 万元奖补，分三年兑现",
                        firm.name
                    ),
                    commerce.clone(),
                )
            }
            1 => {
                let body = pick(&mut g.rng, &bodies[1..]);
                let firm = pick(&mut g.rng, firms);
                (
                    CommitmentKind::GovernmentContract,
                    SubjectRef::Organisation(body.id),
                    body.name.clone(),
                    format!(
                        "与{}签订的政府采购合同约定，验收合格后 30 日内支付合同价款",
                        firm.name
                    ),
                    body.clone(),
                )
            }
            2 => (
                CommitmentKind::Ppp,
                SubjectRef::Organisation(bodies[0].id),
                bodies[0].name.clone(),
                "临江污水处理厂提标改造 PPP 项目，按约定支付可行性缺口补助".to_string(),
                bodies[0].clone(),
            ),
            3 => {
                let body = pick(&mut g.rng, &bodies[1..]);
                (
                    CommitmentKind::PublicService,
                    SubjectRef::Organisation(body.id),
                    body.name.clone(),
                    "企业开办一个工作日办结，不动产登记五个工作日办结，超时默认".to_string(),
                    body.clone(),
                )
            }
            4 => {
                let person = pick(&mut g.rng, servants);
                (
                    CommitmentKind::CivilServantPledge,
                    SubjectRef::Person(person.id),
                    person.name.clone(),
                    "依法履职、廉洁从政、守信践诺，不推诿、不拖延、不刁难".to_string(),
                    bodies[0].clone(),
                )
            }
            _ => {
                let firm = pick(&mut g.rng, firms);
                (
                    CommitmentKind::ApplicantNotification,
                    SubjectRef::Organisation(firm.id),
                    firm.name.clone(),
                    "以告知承诺方式申请许可，承诺六十日内补齐消防验收材料".to_string(),
                    approval.clone(),
                )
            }
        };
        let status = match g.rng.random_range(0..100) {
            0..40 if due_on > g.anchor => FulfilmentStatus::InProgress,
            0..85 => FulfilmentStatus::Fulfilled,
            85..95 => FulfilmentStatus::Breached,
            _ => FulfilmentStatus::LawfullyChanged,
        };
        let mut fulfilments = vec![NewFulfilment {
            status: FulfilmentStatus::InProgress,
            note: "承诺作出，进入履行期".to_string(),
            recorded_on: made_on,
        }];
        let closing_note = match status {
            FulfilmentStatus::InProgress => None,
            FulfilmentStatus::Fulfilled => Some("经核查已按期全部履行"),
            FulfilmentStatus::Breached => Some("履行期届满未履行，经核实认定为违背承诺"),
            FulfilmentStatus::LawfullyChanged => {
                Some("因规划调整依法变更，已履行法定程序并补偿相关损失")
            }
        };
        if let Some(note) = closing_note {
            let recorded_on = due_on.min(g.anchor);
            fulfilments.push(NewFulfilment {
                status,
                note: note.to_string(),
                recorded_on,
            });
        }
        commitments.push(NewCommitment {
            kind,
            subject,
            subject_name,
            content,
            made_on,
            accepting_org_id: acceptor.id,
            due_on: Some(due_on),
            status,
            route: chengxin_types::DisclosureRoute::Public,
            source_org_id: acceptor.id,
            fulfilments,
        });
    }
    store.insert_commitments(&commitments).await?;
    Ok(())
}
