//! Masking of personal identifiers for public views.
//!
//! Public responses never carry a full ID number. Two common forms exist: court lists hide the
//! birth month and day; a stricter form keeps only the area code and the last four characters.

use serde::{Deserialize, Serialize};

/// How an ID number is shown publicly. Strict by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdMask {
    /// Keep the first 6 and last 4: `410105********2012`.
    #[default]
    Strict,
    /// Hide the birth month and day, positions 11–14: `4101051977****2012`.
    Court,
}

impl IdMask {
    /// Masks an identifier of any length character by character, so it never panics on odd input.
    /// Anything too short to mask meaningfully is hidden entirely.
    pub fn apply(self, id: &str) -> String {
        let chars: Vec<char> = id.chars().collect();
        if chars.len() < 12 {
            return "*".repeat(chars.len());
        }
        let hidden = |i: usize| match self {
            IdMask::Strict => i >= 6 && i < chars.len() - 4,
            IdMask::Court => (10..14).contains(&i),
        };
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if hidden(i) { '*' } else { *c })
            .collect()
    }
}

/// How a natural person's name is shown publicly. Organisation names are never masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMask {
    /// Keep the first character (the surname in most names): 张伟 → 张*, 王小明 → 王**.
    #[default]
    KeepFirst,
    /// Keep the first and the last character of names of three or more: 王小明 → 王*明, 张伟 → 张*.
    KeepFirstAndLast,
    /// Show the full name, for lists the law requires to be published by name.
    Full,
}

impl NameMask {
    pub fn apply(self, name: &str) -> String {
        let chars: Vec<char> = name.trim().chars().collect();
        let keep_last = matches!(self, NameMask::KeepFirstAndLast) && chars.len() >= 3;
        match (self, chars.len()) {
            (NameMask::Full, _) | (_, 0) => chars.into_iter().collect(),
            (_, 1) => "*".to_string(),
            (_, n) => chars
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 || (keep_last && i == n - 1) {
                        *c
                    } else {
                        '*'
                    }
                })
                .collect(),
        }
    }
}

/// Finds a full resident ID number in a text: 17 digits and a digit or X, not part of a longer run,
/// with a valid birth date and check character (so an all-digit USCC or a serial number is not
/// mistaken for one). Used by tests and by the public-response guard.
pub fn find_unmasked_id(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let is_id_char = |b: u8| b.is_ascii_digit() || b == b'X' || b == b'x';
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() || (start > 0 && is_id_char(bytes[start - 1])) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let digits = end - start;
        let with_x =
            digits == 17 && end < bytes.len() && (bytes[end] == b'X' || bytes[end] == b'x');
        let followed_by_id_char = |at: usize| at < bytes.len() && is_id_char(bytes[at]);
        if (digits == 18 && !followed_by_id_char(end)) || (with_x && !followed_by_id_char(end + 1))
        {
            let stop = if with_x { end + 1 } else { end };
            if let Some(candidate) = text
                .get(start..stop)
                .filter(|c| super::IdNumber::parse(c).is_ok())
            {
                return Some(candidate);
            }
        }
        start = end.max(start + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid number built from the court example 4101051977****2012.
    const ID: &str = "410105197703152015";

    #[test]
    fn strict_keeps_area_and_last_four() {
        assert_eq!(IdMask::Strict.apply(ID), "410105********2015");
    }

    #[test]
    fn court_form_hides_birth_month_and_day() {
        assert_eq!(IdMask::Court.apply(ID), "4101051977****2015");
    }

    #[test]
    fn short_or_odd_input_is_hidden_not_panicking() {
        assert_eq!(IdMask::Strict.apply("123"), "***");
        assert_eq!(IdMask::Court.apply(""), "");
        assert_eq!(
            IdMask::Strict.apply("身份证号码测试一二三四五六七八九十"),
            "身份证号码测*******七八九十"
        );
    }

    #[test]
    fn names_are_masked_by_the_chosen_rule() {
        assert_eq!(NameMask::KeepFirst.apply("张伟"), "张*");
        assert_eq!(NameMask::KeepFirst.apply("王小明"), "王**");
        assert_eq!(NameMask::KeepFirstAndLast.apply("王小明"), "王*明");
        assert_eq!(NameMask::KeepFirstAndLast.apply("张伟"), "张*");
        assert_eq!(NameMask::Full.apply("欧阳娜娜"), "欧阳娜娜");
        assert_eq!(NameMask::KeepFirst.apply("李"), "*");
    }

    #[test]
    fn finds_full_ids_but_not_masked_ones() {
        assert_eq!(find_unmasked_id(&format!("{{\"id\":\"{ID}\"}}")), Some(ID));
        assert_eq!(
            find_unmasked_id("11010519491231002X,"),
            Some("11010519491231002X")
        );
        assert_eq!(
            find_unmasked_id("410105********2012 4101051977****2012"),
            None
        );
        // A longer number (e.g. a 19-digit serial) is not an ID number.
        assert_eq!(find_unmasked_id(&format!("{ID}1")), None);
    }

    proptest! {
        #[test]
        fn masked_output_is_never_a_full_id(digits in "[0-9]{17}[0-9X]") {
            for mask in [IdMask::Strict, IdMask::Court] {
                let masked = mask.apply(&digits);
                prop_assert_eq!(find_unmasked_id(&masked), None);
                prop_assert_eq!(masked.chars().count(), 18);
            }
        }
    }
}
