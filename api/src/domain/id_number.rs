//! Resident identity card number (公民身份号码, GB 11643).

use chrono::NaiveDate;
use std::fmt;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// An 18-character resident ID number with a valid birth date and check character.
///
/// Deliberately has no `Display`: a full ID number must never reach a log line or a public
/// response by accident. Use [`IdNumber::expose`] where the law allows the full value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

/// Why a string is not a resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("身份证号码应为 18 位，实际为 {0} 位")]
    Length(usize),
    #[error("身份证号码第 {0} 位不是数字")]
    NotDigit(usize),
    #[error("身份证号码中的出生日期无效")]
    BirthDate,
    #[error("身份证号码校验位不符")]
    Checksum,
}

impl IdNumber {
    pub fn parse(input: &str) -> Result<Self, IdNumberError> {
        let code = input.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        if code.chars().count() != 18 || bytes.len() != 18 {
            return Err(IdNumberError::Length(code.chars().count()));
        }
        let mut sum = 0u32;
        for (i, b) in bytes[..17].iter().enumerate() {
            if !b.is_ascii_digit() {
                return Err(IdNumberError::NotDigit(i + 1));
            }
            sum += u32::from(b - b'0') * WEIGHTS[i];
        }
        parse_birth_date(&code[6..14]).ok_or(IdNumberError::BirthDate)?;
        if bytes[17] != CHECK[(sum % 11) as usize] {
            return Err(IdNumberError::Checksum);
        }
        Ok(IdNumber(code))
    }

    /// Builds a valid number from its first 17 digits (demo data). `None` if they are not digits
    /// or hold no valid birth date.
    pub fn with_check_char(first17: &str) -> Option<Self> {
        if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let sum: u32 = first17
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let full = format!("{first17}{}", char::from(CHECK[(sum % 11) as usize]));
        IdNumber::parse(&full).ok()
    }

    pub fn birth_date(&self) -> NaiveDate {
        // Checked in `parse`; the fallback is unreachable but keeps this function total.
        parse_birth_date(&self.0[6..14]).unwrap_or_default()
    }

    /// The full number. Call sites are the places where the law allows it: encryption at rest,
    /// government sharing, and the keyed hash for exact lookup.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn parse_birth_date(digits: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(digits, "%Y%m%d")
        .ok()
        .filter(|d| *d >= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default())
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "IdNumber({})",
            super::masking::IdMask::Strict.apply(&self.0)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Built from the documented court example 4101051977****2012 with a valid birth day.
    fn sample() -> IdNumber {
        IdNumber::with_check_char("41010519770315201").expect("valid sample")
    }

    #[test]
    fn a_valid_number_parses_and_knows_its_birth_date() {
        let id = sample();
        assert_eq!(IdNumber::parse(id.expose()), Ok(id.clone()));
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1977, 3, 15).expect("date")
        );
    }

    #[test]
    fn the_published_standard_example_passes() {
        // GB 11643 example number.
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("11010519491231002x").is_ok());
    }

    #[test]
    fn every_single_digit_change_fails() {
        let original: Vec<char> = sample().expose().chars().collect();
        for position in 0..18 {
            for replacement in "0123456789X".chars() {
                if replacement == original[position] {
                    continue;
                }
                let mut changed = original.clone();
                changed[position] = replacement;
                let changed: String = changed.into_iter().collect();
                assert!(IdNumber::parse(&changed).is_err(), "{changed} should fail");
            }
        }
    }

    #[test]
    fn impossible_birth_dates_fail() {
        assert!(IdNumber::with_check_char("41010519770230201").is_none());
        assert_eq!(
            IdNumber::parse("4101051977023020"),
            Err(IdNumberError::Length(16))
        );
    }

    #[test]
    fn debug_output_never_shows_the_full_number() {
        let shown = format!("{:?}", sample());
        assert!(!shown.contains(sample().expose()));
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,24}") {
            let _ = IdNumber::parse(&s);
        }

        #[test]
        fn generated_numbers_parse(area in 110000u32..660000, days in 0i64..36500, seq in 0u32..1000) {
            let birth = NaiveDate::from_ymd_opt(1930, 1, 1).expect("date") + chrono::Duration::days(days);
            let first17 = format!("{area:06}{}{seq:03}", birth.format("%Y%m%d"));
            let id = IdNumber::with_check_char(&first17).expect("valid");
            prop_assert_eq!(id.birth_date(), birth);
        }
    }
}
