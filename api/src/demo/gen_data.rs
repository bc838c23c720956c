//! Benchmark-size data: `chengxin gen-data --records N` adds N rows of credit information, split
//! like a real archive — half credit records, a fifth penalties, 15 % licences, 10 % serious-breach
//! entries, 5 % commitments — over N/50 enterprises and N/40 persons. Identifiers are unique by
//! construction, so the command can run again on the same database to add more.

use super::district::{self, BODIES};
use super::names::{self, pick};
use super::{doc_no, uscc_for};
use crate::domain::catalogue;
use crate::domain::{IdNumber, PublicityRules};
use crate::pii::PiiCipher;
use crate::store::{
    BodyRef, DecisionSubject, NewCommitment, NewCreditRecord, NewFulfilment, NewLicence,
    NewListing, NewOrganisation, NewPenalty, NewPerson, Store, StoreResult, SubjectRef,
};
use anyhow::Context;
use chengxin_types::{
    CommitmentKind, DisclosureRoute, FulfilmentStatus, LicenceCategory, ListKind, ListingStatus,
    OrgKind, PenaltyCategory, PublicityTier, RecordStatus,
};
use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Rows are written in transactions of this many.
const BATCH: usize = 20_000;
/// A region code of its own, so generated people never collide with the demo district's.
const GEN_REGION: &str = "379902";

/// What `generate` wrote and how long it took.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GenSummary {
    pub organisations: usize,
    pub persons: usize,
    pub credit_records: usize,
    pub penalties: usize,
    pub licences: usize,
    pub listings: usize,
    pub commitments: usize,
    pub seconds: f64,
}

struct Subjects {
    orgs: Vec<(i64, String, String)>,
    persons: Vec<(i64, String, String)>,
    bodies: Vec<(i64, String, String)>,
}

/// Adds `records` rows of benchmark data. Deterministic for a given seed and database state.
pub async fn generate(
    store: &Store,
    cipher: &PiiCipher,
    records: usize,
    seed: u64,
    anchor: NaiveDate,
) -> anyhow::Result<GenSummary> {
    let started = Instant::now();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let before = store.stats().await?;
    let subjects = generate_subjects(
        store,
        cipher,
        &mut rng,
        records,
        before.organisations as u64,
        before.persons as u64,
    )
    .await?;
    let rules = PublicityRules::default();
    let shares = [records / 2, records / 5, records * 15 / 100, records / 10];
    let commitments = records - shares.iter().sum::<usize>();

    in_batches(
        shares[0],
        || credit_record(&mut rng, &subjects, &rules, anchor),
        async |rows| store.insert_credit_records(&rows).await.map(drop),
    )
    .await?;
    let mut serial = before.penalties as u64
        + before.licences as u64
        + before.serious_breach_entries as u64
        + 1_000_000;
    let mut next_serial = || {
        serial += 1;
        serial
    };
    in_batches(
        shares[1],
        || penalty(&mut rng, &subjects, &rules, anchor, next_serial()),
        async |rows| store.insert_penalties(&rows).await,
    )
    .await?;
    in_batches(
        shares[2],
        || licence(&mut rng, &subjects, anchor, next_serial()),
        async |rows| store.insert_licences(&rows).await,
    )
    .await?;
    in_batches(
        shares[3],
        || listing(&mut rng, &subjects, anchor, next_serial()),
        async |rows| store.insert_listings(&rows).await,
    )
    .await?;
    in_batches(
        commitments,
        || commitment(&mut rng, &subjects, anchor),
        async |rows| store.insert_commitments(&rows).await,
    )
    .await?;
    store.analyze().await?;
    Ok(GenSummary {
        organisations: subjects.orgs.len(),
        persons: subjects.persons.len(),
        credit_records: shares[0],
        penalties: shares[1],
        licences: shares[2],
        listings: shares[3],
        commitments,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Makes `total` rows and writes them `BATCH` at a time, so memory stays bounded at any size.
async fn in_batches<T>(
    total: usize,
    mut make: impl FnMut() -> T,
    write: impl AsyncFn(Vec<T>) -> StoreResult<()>,
) -> anyhow::Result<()> {
    for batch in 0..total.div_ceil(BATCH) {
        let size = BATCH.min(total - batch * BATCH);
        write((0..size).map(|_| make()).collect()).await?;
    }
    Ok(())
}

async fn generate_subjects(
    store: &Store,
    cipher: &PiiCipher,
    rng: &mut ChaCha8Rng,
    records: usize,
    org_offset: u64,
    person_offset: u64,
) -> anyhow::Result<Subjects> {
    let org_count = (records / 50).max(100);
    let person_count = (records / 40).max(100);
    let mut orgs = Vec::with_capacity(org_count);
    for chunk_start in (0..org_count).step_by(BATCH) {
        let rows: Vec<NewOrganisation> = (chunk_start..org_count.min(chunk_start + BATCH))
            .map(|i| {
                let (name, _) = names::enterprise_name(rng, district::DISTRICT);
                let serial = 1_000_000 + org_offset + i as u64;
                let uscc =
                    uscc_for("91", district::REGION_CODE, serial).context("generated USCC")?;
                // Trade names repeat across thousands of firms; the serial keeps names distinct as real ones are.
                Ok(NewOrganisation {
                    uscc,
                    name: format!("{}（{}分公司）", name, serial % 100_000),
                    kind: OrgKind::Enterprise,
                    level: None,
                    parent_id: None,
                    region_code: Some(district::REGION_CODE.into()),
                    address: None,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let ids = store.insert_organisations(&rows).await?;
        orgs.extend(
            rows.into_iter()
                .zip(ids)
                .map(|(o, id)| (id, o.name, o.uscc.to_string())),
        );
    }
    let mut persons = Vec::with_capacity(person_count);
    let born_from = NaiveDate::from_ymd_opt(1950, 1, 1).context("date")?;
    for chunk_start in (0..person_count).step_by(BATCH) {
        let rows: Vec<NewPerson> = (chunk_start..person_count.min(chunk_start + BATCH))
            .map(|i| {
                let (name, male) = names::person_name(rng);
                // Birth day and sequence number from the counter: unique for up to 18 million people.
                let n = person_offset + i as u64;
                let birth = born_from + Duration::days((n % 18_250) as i64);
                let seq = (n / 18_250) % 500 * 2 + u64::from(male);
                let id = IdNumber::with_check_char(&format!(
                    "{GEN_REGION}{}{seq:03}",
                    birth.format("%Y%m%d")
                ))
                .context("generated ID number")?;
                Ok(NewPerson {
                    name,
                    id: cipher.seal(&id),
                    gender: Some(if male { "male" } else { "female" }),
                    scoring_consent: true,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let ids = store.insert_persons(&rows).await?;
        persons.extend(
            rows.into_iter()
                .zip(ids)
                .map(|(p, id)| (id, p.name, p.id.masked)),
        );
    }
    let bodies = body_refs(store).await?;
    Ok(Subjects {
        orgs,
        persons,
        bodies,
    })
}

/// The government bodies to attribute decisions to: the demo district's if seeded, else new ones.
async fn body_refs(store: &Store) -> anyhow::Result<Vec<(i64, String, String)>> {
    let existing = store.government_bodies().await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    let rows: Vec<NewOrganisation> = BODIES
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Ok(NewOrganisation {
                uscc: uscc_for("11", district::REGION_CODE, 900_000 + i as u64)
                    .context("generated USCC")?,
                name: b.name.to_string(),
                kind: OrgKind::GovernmentBody,
                level: None,
                parent_id: None,
                region_code: Some(district::REGION_CODE.into()),
                address: None,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let ids = store.insert_organisations(&rows).await?;
    Ok(rows
        .into_iter()
        .zip(ids)
        .map(|(o, id)| (id, o.name, o.uscc.to_string()))
        .collect())
}

fn day_before(rng: &mut ChaCha8Rng, anchor: NaiveDate, max_days: i64) -> NaiveDate {
    anchor - Duration::days(rng.random_range(1..max_days))
}

fn credit_record(
    rng: &mut ChaCha8Rng,
    s: &Subjects,
    rules: &PublicityRules,
    anchor: NaiveDate,
) -> NewCreditRecord {
    let person = rng.random_bool(0.6);
    let kinds = if person {
        catalogue::PERSON_KINDS
    } else {
        catalogue::ORGANISATION_KINDS
    };
    let kind = pick(rng, kinds);
    let subject = if person {
        SubjectRef::Person(pick(rng, &s.persons).0)
    } else {
        SubjectRef::Organisation(pick(rng, &s.orgs).0)
    };
    let body = pick(rng, &s.bodies);
    let decided_on = day_before(rng, anchor, 365 * 4);
    NewCreditRecord {
        subject,
        category: kind.category,
        kind_code: kind.code.to_string(),
        title: kind.name.to_string(),
        content: format!("{}（基准测试数据）", kind.name),
        decision_no: Some(doc_no("临", "发", decided_on, rng.random_range(1..100_000))),
        deciding_org_id: Some(body.0),
        reporting_org_id: body.0,
        decided_on,
        occurred_on: decided_on - Duration::days(10),
        conduct_ended_on: None,
        route: kind.default_route,
        tier: kind.default_tier,
        window: kind
            .default_tier
            .and_then(|t| rules.window(t, decided_on, None).ok()),
        status: RecordStatus::Effective,
        score_item: kind.score_item.map(str::to_string),
        act_key: None,
    }
}

fn body_ref(body: &(i64, String, String)) -> BodyRef {
    BodyRef {
        name: body.1.clone(),
        uscc: body.2.clone(),
    }
}

fn org_subject(org: &(i64, String, String)) -> DecisionSubject {
    DecisionSubject {
        name: org.1.clone(),
        category: "法人及非法人组织".into(),
        uscc: Some(org.2.clone()),
        organisation_id: Some(org.0),
        person_id: None,
        document: None,
    }
}

fn penalty(
    rng: &mut ChaCha8Rng,
    s: &Subjects,
    rules: &PublicityRules,
    anchor: NaiveDate,
    serial: u64,
) -> NewPenalty {
    let body = pick(rng, &s.bodies);
    let org = pick(rng, &s.orgs);
    let decided_on = day_before(rng, anchor, 365 * 3);
    let tier = *pick(
        rng,
        &[
            PublicityTier::Minor,
            PublicityTier::General,
            PublicityTier::General,
            PublicityTier::General,
            PublicityTier::Serious,
        ],
    );
    let until = rules
        .window(tier, decided_on, None)
        .map(|w| w.until)
        .unwrap_or(decided_on);
    let yuan = rng.random_range(1..100) * 1000;
    NewPenalty {
        doc_no: doc_no("临", "罚决字", decided_on, serial),
        violation_type: "未按规定履行法定义务".into(),
        facts: "经检查，当事人存在违法行为（基准测试数据）".into(),
        legal_basis: "《中华人民共和国行政处罚法》".into(),
        category: PenaltyCategory::Fine,
        content: format!("罚款人民币 {yuan} 元"),
        fine_cents: Some(yuan * 100),
        decided_on,
        publish_until: until,
        deciding_body: body_ref(body),
        source_unit: body_ref(body),
        subject: org_subject(org),
        tier,
        published_on: Some(decided_on + Duration::days(3)),
        status: RecordStatus::Effective,
        record_id: None,
    }
}

fn licence(rng: &mut ChaCha8Rng, s: &Subjects, anchor: NaiveDate, serial: u64) -> NewLicence {
    let body = pick(rng, &s.bodies);
    let org = pick(rng, &s.orgs);
    let decided_on = day_before(rng, anchor, 365 * 4);
    NewLicence {
        doc_no: doc_no("临", "许准字", decided_on, serial),
        doc_name: "行政许可决定书".into(),
        category: LicenceCategory::Ordinary,
        certificate_name: Some("许可证".into()),
        certificate_no: Some(format!("LJ{serial}")),
        content: "准予行政许可（基准测试数据）".into(),
        decided_on,
        valid_from: decided_on,
        valid_to: Some(decided_on + Duration::days(365 * 5)),
        licensing_body: body_ref(body),
        source_unit: body_ref(body),
        subject: org_subject(org),
        published_on: Some(decided_on + Duration::days(2)),
        status: RecordStatus::Effective,
    }
}

fn listing(rng: &mut ChaCha8Rng, s: &Subjects, anchor: NaiveDate, serial: u64) -> NewListing {
    let body = pick(rng, &s.bodies);
    let listed_on = day_before(rng, anchor, 365 * 3);
    let (subject, name, uscc, masked) = if rng.random_bool(0.4) {
        let p = pick(rng, &s.persons);
        (
            SubjectRef::Person(p.0),
            p.1.clone(),
            None,
            Some(p.2.clone()),
        )
    } else {
        let o = pick(rng, &s.orgs);
        (
            SubjectRef::Organisation(o.0),
            o.1.clone(),
            Some(o.2.clone()),
            None,
        )
    };
    NewListing {
        subject,
        subject_name: name,
        subject_uscc: uscc,
        subject_id_masked: masked,
        list_kind: ListKind::AdministrativeSeriousBreach,
        deciding_org_id: body.0,
        basis_doc_no: doc_no("临", "失信决字", listed_on, serial),
        reason: "严重失信行为（基准测试数据）".into(),
        legal_basis: "相关领域严重失信主体名单管理规定".into(),
        listed_on,
        removal_conditions: "纠正失信行为并履行相关义务".into(),
        removal_due_on: Some(listed_on + Duration::days(365 * 3)),
        removed_on: None,
        status: ListingStatus::Listed,
        source_org_id: body.0,
        record_id: None,
        court_case: None,
    }
}

fn commitment(rng: &mut ChaCha8Rng, s: &Subjects, anchor: NaiveDate) -> NewCommitment {
    let body = pick(rng, &s.bodies);
    let made_on = day_before(rng, anchor, 365 * 3);
    NewCommitment {
        kind: CommitmentKind::PublicService,
        subject: SubjectRef::Organisation(body.0),
        subject_name: body.1.clone(),
        content: "按时办结政务服务事项（基准测试数据）".into(),
        made_on,
        accepting_org_id: body.0,
        due_on: Some(made_on + Duration::days(365)),
        status: FulfilmentStatus::InProgress,
        route: DisclosureRoute::Public,
        source_org_id: body.0,
        fulfilments: vec![NewFulfilment {
            status: FulfilmentStatus::InProgress,
            note: "承诺作出".into(),
            recorded_on: made_on,
        }],
    }
}
