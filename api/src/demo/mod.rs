//! Demo and benchmark data: a believable district built from a seed.
//!
//! `seed_demo` builds the demo district (government bodies with valid USCCs, civil servants, records
//! in all five categories, serious-breach entries, commitments, licences and penalties); the same
//! seed and anchor date always give the same district. `gen_data` writes benchmark-size data.

pub mod accounts;
pub mod district;
mod evaluation;
mod gen_data;
pub mod names;
mod rectifications;
pub mod sample_import;
mod seed;

pub use gen_data::{GenSummary, generate};
pub use seed::{seed_demo, seed_demo_at};

use crate::domain::{IdNumber, Uscc};
use chrono::NaiveDate;
use rand::Rng;
use std::collections::HashSet;

const USCC_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid USCC that is unique by construction: the organisation code part encodes `serial`.
/// `prefix` is the registering authority and type, e.g. `11` for a government body, `91` for a firm.
pub fn uscc_for(prefix: &str, region: &str, serial: u64) -> Option<Uscc> {
    let mut code = [b'0'; 9];
    let mut n = serial;
    for slot in code.iter_mut().rev() {
        *slot = USCC_CHARSET[(n % 31) as usize];
        n /= 31;
    }
    let body = format!("{prefix}{region}{}", String::from_utf8_lossy(&code));
    Uscc::with_check_char(&body)
}

/// Draws valid, never repeated resident ID numbers in the demo region.
pub struct IdNumbers {
    seen: HashSet<String>,
}

impl IdNumbers {
    pub fn new() -> Self {
        IdNumbers {
            seen: HashSet::new(),
        }
    }

    /// A number for someone born between `born_from` and `born_from + span_days`, male or female
    /// (the 17th digit is odd for men).
    pub fn draw<R: Rng>(
        &mut self,
        rng: &mut R,
        born_from: NaiveDate,
        span_days: i64,
        male: bool,
    ) -> IdNumber {
        loop {
            let birth = born_from + chrono::Duration::days(rng.random_range(0..span_days.max(1)));
            let seq = rng.random_range(0..500u32) * 2 + u32::from(male);
            let first17 = format!(
                "{}{}{seq:03}",
                district::REGION_CODE,
                birth.format("%Y%m%d")
            );
            if let Some(id) = IdNumber::with_check_char(&first17)
                && self.seen.insert(first17)
            {
                return id;
            }
        }
    }
}

impl Default for IdNumbers {
    fn default() -> Self {
        Self::new()
    }
}

/// A document number in the common form 临市监罚〔2026〕123号.
pub fn doc_no(abbr: &str, kind: &str, on: NaiveDate, serial: u64) -> String {
    use chrono::Datelike;
    format!("{abbr}{kind}〔{}〕{serial}号", on.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_usccs_are_valid_and_distinct() {
        let codes: HashSet<String> = (0..5000)
            .filter_map(|i| uscc_for("91", district::REGION_CODE, i))
            .map(|u| u.to_string())
            .collect();
        assert_eq!(codes.len(), 5000);
        assert!(codes.iter().all(|c| Uscc::parse(c).is_ok()));
    }

    #[test]
    fn generated_ids_are_valid_and_distinct() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut ids = IdNumbers::new();
        let from = NaiveDate::from_ymd_opt(1970, 1, 1).expect("date");
        let drawn: Vec<IdNumber> = (0..2000)
            .map(|i| ids.draw(&mut rng, from, 365, i % 2 == 0))
            .collect();
        let distinct: HashSet<&str> = drawn.iter().map(|i| i.expose()).collect();
        assert_eq!(distinct.len(), 2000);
        assert!(
            drawn
                .iter()
                .enumerate()
                .all(|(i, id)| (id.expose().as_bytes()[16] - b'0') % 2 == u8::from(i % 2 == 0))
        );
    }
}
