//! Unified social credit code (统一社会信用代码, GB 32100-2015).

use std::fmt;

/// The 31 characters a USCC may use: digits and capitals without I, O, Z, S, V.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code whose check character is right. The only way in is [`Uscc::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uscc(String);

/// Why a string is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("统一社会信用代码应为 18 位，实际为 {0} 位")]
    Length(usize),
    #[error("统一社会信用代码第 {position} 位“{found}”不是允许的字符")]
    Character { position: usize, found: char },
    #[error("统一社会信用代码校验位不符：应为“{expected}”")]
    Checksum { expected: char },
}

impl Uscc {
    /// Parses a code, accepting lower case and surrounding spaces as people type them.
    pub fn parse(input: &str) -> Result<Self, UsccError> {
        let code: String = input.trim().to_ascii_uppercase();
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(UsccError::Length(chars.len()));
        }
        let mut values = [0u32; 18];
        for (i, c) in chars.iter().enumerate() {
            values[i] = char_value(*c).ok_or(UsccError::Character {
                position: i + 1,
                found: *c,
            })?;
        }
        let expected = check_char(&values[..17]);
        if chars[17] != expected {
            return Err(UsccError::Checksum { expected });
        }
        Ok(Uscc(code))
    }

    /// Builds a valid code from its first 17 characters by computing the check character.
    /// Used to generate demo data; `None` when a character is outside the charset.
    pub fn with_check_char(first17: &str) -> Option<Self> {
        let values: Vec<u32> = first17.chars().map(char_value).collect::<Option<_>>()?;
        if values.len() != 17 {
            return None;
        }
        Some(Uscc(format!("{first17}{}", check_char(&values))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn char_value(c: char) -> Option<u32> {
    CHARSET
        .iter()
        .position(|b| char::from(*b) == c)
        .and_then(|p| u32::try_from(p).ok())
}

fn check_char(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let index = (31 - sum % 31) % 31;
    char::from(CHARSET[index as usize])
}

impl AsRef<str> for Uscc {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const REAL: [&str; 4] = [
        "91310114MA1GTPB26F",
        "91320105780688132K",
        "914101086905876455",
        "91230500MA1B3N1N2M",
    ];

    #[test]
    fn real_codes_pass() {
        for code in REAL {
            assert_eq!(
                Uscc::parse(code).map(|u| u.to_string()),
                Ok(code.to_string())
            );
        }
    }

    #[test]
    fn every_single_character_change_of_a_real_code_fails() {
        for code in REAL {
            let original: Vec<char> = code.chars().collect();
            for position in 0..18 {
                for replacement in CHARSET
                    .iter()
                    .map(|b| char::from(*b))
                    .chain("IOZSV*a".chars())
                {
                    if replacement == original[position]
                        || replacement.to_ascii_uppercase() == original[position]
                    {
                        continue;
                    }
                    let mut changed = original.clone();
                    changed[position] = replacement;
                    let changed: String = changed.into_iter().collect();
                    assert!(Uscc::parse(&changed).is_err(), "{changed} should fail");
                }
            }
        }
    }

    #[test]
    fn lower_case_and_spaces_are_normalised() {
        assert_eq!(
            Uscc::parse(" 91310114ma1gtpb26f ").map(|u| u.to_string()),
            Ok(REAL[0].to_string())
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Uscc::parse("123"), Err(UsccError::Length(3)));
        assert_eq!(
            Uscc::parse("91310114MA1GTPB2OF"),
            Err(UsccError::Character {
                position: 17,
                found: 'O'
            })
        );
        assert_eq!(
            Uscc::parse("91310114MA1GTPB26G"),
            Err(UsccError::Checksum { expected: 'F' })
        );
    }

    proptest! {
        #[test]
        fn generated_codes_always_parse(body in "[0-9A-HJ-NP-RTUW-Y]{17}") {
            let uscc = Uscc::with_check_char(&body).expect("charset only");
            prop_assert_eq!(Uscc::parse(uscc.as_str()), Ok(uscc.clone()));
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,30}") {
            let _ = Uscc::parse(&s);
        }
    }
}
