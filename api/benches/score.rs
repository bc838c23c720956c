//! The score engine on a person with 200 records (`cargo bench -p chengxin --bench score`).

use chengxin::domain::score::{Rulebook, RulebookVersion, ScoredRecord, evaluate, score_history};
use chengxin_types::RecordStatus;
use chrono::{Days, NaiveDate};
use std::time::Instant;

fn main() {
    let rulebook = Rulebook::weihai_civil_servant();
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let records: Vec<ScoredRecord> = (0..200)
        .map(|i| ScoredRecord {
            record_id: i,
            item_code: rulebook.items[(i as usize) % rulebook.items.len()]
                .code
                .clone(),
            occurred_on: start + Days::new((i as u64) * 11),
            conduct_ended_on: None,
            act: (i % 7 == 0).then(|| format!("act-{}", i / 14)),
            status: RecordStatus::Effective,
            repaired_on: None,
        })
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let rounds = 2_000u32;
    let started = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(evaluate(&rulebook, &records, today, true));
    }
    println!(
        "score evaluate (200 records): {:.1} µs",
        started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
    );
    let versions = [RulebookVersion {
        effective_from: start,
        rulebook,
    }];
    let started = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(score_history(&versions, &records, today));
    }
    println!(
        "score history (200 records): {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3 / 20.0
    );
}
