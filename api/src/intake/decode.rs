//! Character encodings of uploaded files. Excel saves CSV in the system code page as often as in
//! UTF-8, so a file without a byte-order mark is read as UTF-8 when its opening bytes are valid
//! UTF-8 and as GB18030 (a superset of GBK and GB2312) otherwise. The caller may also say which.

use encoding_rs::{Encoding, GB18030, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;
use std::io::Read;

/// How many opening bytes decide the encoding of a file without a byte-order mark.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The encodings we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Gb18030,
}

impl Charset {
    /// Parses a `charset` the caller names (`utf-8`, `gbk`, `gb2312`, `gb18030`, any case).
    pub fn from_label(label: &str) -> Option<Charset> {
        match Encoding::for_label(label.trim().as_bytes()) {
            Some(e) if e == UTF_8 => Some(Charset::Utf8),
            Some(e) if e == GB18030 || e == encoding_rs::GBK => Some(Charset::Gb18030),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Gb18030 => "GB18030",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Utf8 => UTF_8,
            Charset::Gb18030 => GB18030,
        }
    }
}

/// Decides the encoding from a file's opening bytes.
pub fn sniff(prefix: &[u8]) -> Charset {
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Charset::Utf8;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => Charset::Utf8,
        // The prefix may end inside a character: only a complete bad sequence rules UTF-8 out.
        Err(e) if e.error_len().is_none() => Charset::Utf8,
        Err(_) => Charset::Gb18030,
    }
}

/// A reader that yields UTF-8, without any byte-order mark. Bytes that are not valid in the
/// charset become U+FFFD, which the row checks then report as an encoding error of that row.
pub fn utf8_reader<R: Read>(input: R, charset: Charset) -> impl Read {
    DecodeReaderBytesBuilder::new()
        .encoding(Some(charset.encoding()))
        .bom_override(true)
        .build(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], charset: Charset) -> String {
        let mut out = String::new();
        utf8_reader(bytes, charset)
            .read_to_string(&mut out)
            .expect("decodes");
        out
    }

    #[test]
    fn utf8_with_and_without_bom_and_gbk_are_told_apart() {
        let text = "当事人名称,罚款\n张三,1\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(sniff(text.as_bytes()), Charset::Utf8);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(text.as_bytes());
        assert_eq!(sniff(&with_bom), Charset::Utf8);
        assert_eq!(sniff(&gbk), Charset::Gb18030);
        assert_eq!(decode(&with_bom, Charset::Utf8), text);
        assert_eq!(decode(&gbk, Charset::Gb18030), text);
    }

    #[test]
    fn a_prefix_cut_inside_a_character_is_still_utf8() {
        let text = "行政处罚".as_bytes();
        assert_eq!(sniff(&text[..4]), Charset::Utf8);
    }

    #[test]
    fn labels_people_use_are_understood() {
        assert_eq!(Charset::from_label("GBK"), Some(Charset::Gb18030));
        assert_eq!(Charset::from_label("gb2312"), Some(Charset::Gb18030));
        assert_eq!(Charset::from_label("utf-8"), Some(Charset::Utf8));
        assert_eq!(Charset::from_label("latin1"), None);
    }
}
