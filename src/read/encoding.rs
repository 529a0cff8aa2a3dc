//! Telling which encoding a non-UTF-8 input is in, so that `add` can
//! convert it and every other command can name it in its hint.
//!
//! UTF-16 without a byte order mark was called binary (its ASCII letters
//! alternate with NUL bytes), UTF-32 was called UTF-16 (its mark starts
//! with UTF-16's), and a page declaring `shift_jis` was told to use
//! `iconv -f WINDOWS-1252`. Here: byte order marks first (UTF-32's before
//! UTF-16's), then the NUL pattern of unmarked UTF-16 and UTF-32, then the
//! charset a page declares in a `<meta>` tag; for anything else,
//! chardetng's guess names the encoding in the hint (a guess is never
//! used to convert). encoding_rs decodes UTF-16 and declared charsets;
//! it has no UTF-32 (the Web does not use it), which is decoded here.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// An encoding other than UTF-8 that an input was found to be in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// UTF-16, with or without a byte order mark.
    Utf16 {
        /// Big-endian.
        big_endian: bool,
        /// Starts with a byte order mark.
        bom: bool,
    },
    /// UTF-32, with or without a byte order mark.
    Utf32 {
        /// Big-endian.
        big_endian: bool,
        /// Starts with a byte order mark.
        bom: bool,
    },
    /// The charset a page declares, as written, and its encoding when
    /// encoding_rs knows the label.
    Declared {
        /// The label as the page writes it.
        label: String,
        /// What the label stands for.
        encoding: Option<&'static Encoding>,
    },
}

impl Found {
    /// The encoding's name as `iconv -f` takes it: `UTF-16LE`,
    /// `SHIFT_JIS`, `WINDOWS-1252`.
    pub fn iconv_name(&self) -> String {
        let endian = |be: bool| if be { "BE" } else { "LE" };
        match self {
            Found::Utf16 { big_endian, .. } => format!("UTF-16{}", endian(*big_endian)),
            Found::Utf32 { big_endian, .. } => format!("UTF-32{}", endian(*big_endian)),
            Found::Declared {
                encoding: Some(e), ..
            } => e.name().to_ascii_uppercase(),
            Found::Declared { label, .. } => label.to_ascii_uppercase(),
        }
    }

    /// How the input was recognized, for messages: "UTF-16LE (no byte
    /// order mark)", "Shift_JIS (declared by the page as `shift_jis`)".
    pub fn describe(&self) -> String {
        let mark = |bom: bool| if bom { "" } else { " (no byte order mark)" };
        match self {
            Found::Utf16 { bom, .. } | Found::Utf32 { bom, .. } => {
                format!("{}{}", self.iconv_name(), mark(*bom))
            }
            Found::Declared {
                label,
                encoding: Some(e),
            } => format!("{} (declared by the page as `{label}`)", e.name()),
            Found::Declared { label, .. } => format!("`{label}` (declared by the page)"),
        }
    }

    /// The text, when the bytes are well-formed in this encoding; `None`
    /// for malformed data or a label encoding_rs does not know.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
        match *self {
            Found::Utf16 { big_endian, bom } => {
                let body = if bom { &bytes[2..] } else { bytes };
                let e = if big_endian {
                    encoding_rs::UTF_16BE
                } else {
                    encoding_rs::UTF_16LE
                };
                e.decode_without_bom_handling_and_without_replacement(body)
            }
            Found::Utf32 { big_endian, bom } => {
                let body = if bom { &bytes[4..] } else { bytes };
                decode_utf32(body, big_endian).map(Cow::Owned)
            }
            Found::Declared { encoding, .. } => {
                encoding?.decode_without_bom_handling_and_without_replacement(bytes)
            }
        }
    }
}

/// UTF-32 (without its mark) to text; `None` when malformed.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Option<String> {
    if bytes.len() % 4 != 0 {
        return None;
    }
    bytes
        .chunks_exact(4)
        .map(|u| {
            let u = [u[0], u[1], u[2], u[3]];
            char::from_u32(if big_endian {
                u32::from_be_bytes(u)
            } else {
                u32::from_le_bytes(u)
            })
        })
        .collect()
}

/// How much of an input the NUL-pattern checks look at.
const SAMPLE: usize = 4096;

/// UTF-16 or UTF-32 by byte order mark or by NUL pattern.
pub fn unicode(bytes: &[u8]) -> Option<Found> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some(Found::Utf32 {
            big_endian: false,
            bom: true,
        });
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some(Found::Utf32 {
            big_endian: true,
            bom: true,
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(Found::Utf16 {
            big_endian: bytes[0] == 0xFE,
            bom: true,
        });
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if let Some(big_endian) = unmarked_utf32(sample) {
        return Some(Found::Utf32 {
            big_endian,
            bom: false,
        });
    }
    unmarked_utf16(sample).map(|big_endian| Found::Utf16 {
        big_endian,
        bom: false,
    })
}

/// UTF-32 without a mark: every 4-byte unit is a code point (its high
/// byte zero, the next at most 0x10), and most are in the Basic
/// Multilingual Plane (two zero bytes). Returns whether big-endian.
fn unmarked_utf32(sample: &[u8]) -> Option<bool> {
    let units: Vec<&[u8]> = sample.chunks_exact(4).collect();
    if units.len() < 2 {
        return None;
    }
    let fits = |big: bool| {
        let (hi, next) = if big { (0, 1) } else { (3, 2) };
        let all = units.iter().all(|u| u[hi] == 0 && u[next] <= 0x10);
        let bmp = units.iter().filter(|u| u[next] == 0).count();
        let nonzero = units.iter().filter(|u| u.iter().any(|&b| b != 0)).count();
        all && bmp * 10 >= units.len() * 9 && nonzero * 10 >= units.len() * 9
    };
    if fits(false) {
        Some(false)
    } else if fits(true) {
        Some(true)
    } else {
        None
    }
}

/// UTF-16 without a mark: many NUL bytes at odd positions and almost none
/// at even ones (little-endian Latin text), or the other way round.
/// Returns whether big-endian.
fn unmarked_utf16(sample: &[u8]) -> Option<bool> {
    let units = sample.len() / 2;
    // A few bytes with a NUL are binary, not text in another encoding.
    if units < 4 {
        return None;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .take(units)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let many = |n: usize| n >= 4 && n * 10 >= units * 3;
    let few = |n: usize| n * 20 <= units;
    if many(odd) && few(even) {
        Some(false)
    } else if many(even) && few(odd) {
        Some(true)
    } else {
        None
    }
}

/// The charset a page declares in a `<meta>` tag within its first 1024
/// bytes (where the HTML standard looks): `<meta charset="shift_jis">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
/// UTF-8 (and UTF-16, which a byte-oriented declaration cannot mean) is
/// no declaration here.
pub fn declared(bytes: &[u8]) -> Option<Found> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = find(&lower[from..], b"<meta") {
        let start = from + k;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        from = end;
        let Some(c) = find(tag, b"charset") else {
            continue;
        };
        let rest = &tag[c + 7..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
            .count();
        if len == 0 {
            continue;
        }
        // The label as written (original case), for messages.
        let at = start + (tag.len() - rest.len());
        let label = String::from_utf8_lossy(&head[at..at + len]).into_owned();
        let encoding = Encoding::for_label(label.as_bytes());
        if encoding
            .is_some_and(|e| e == encoding_rs::UTF_8 || e.output_encoding() == encoding_rs::UTF_8)
        {
            return None;
        }
        return Some(Found::Declared { label, encoding });
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// chardetng's guess at an undeclared legacy encoding, named as `iconv -f`
/// takes it (`WINDOWS-1252`, `SHIFT_JIS`, `GBK`).
pub fn guess(bytes: &[u8]) -> String {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Deny)
        .name()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The Ministers met in Tōkyō. 日米同盟 🌏\n";

    fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for u in (if bom { "\u{FEFF}" } else { "" })
            .encode_utf16()
            .chain(text.encode_utf16())
        {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    fn utf32(text: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for c in (if bom { "\u{FEFF}" } else { "" })
            .chars()
            .chain(text.chars())
        {
            let u = c as u32;
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf16_and_utf32_are_told_apart_with_or_without_a_mark_and_decoded() {
        for be in [false, true] {
            for bom in [true, false] {
                let f = unicode(&utf16(TEXT, be, bom)).expect("utf-16 found");
                assert_eq!(
                    f,
                    Found::Utf16 {
                        big_endian: be,
                        bom
                    }
                );
                assert_eq!(f.decode(&utf16(TEXT, be, bom)).unwrap(), TEXT);
                let f = unicode(&utf32(TEXT, be, bom)).expect("utf-32 found");
                assert_eq!(
                    f,
                    Found::Utf32 {
                        big_endian: be,
                        bom
                    }
                );
                assert_eq!(f.decode(&utf32(TEXT, be, bom)).unwrap(), TEXT);
            }
        }
        assert_eq!(
            Found::Utf32 {
                big_endian: false,
                bom: true
            }
            .iconv_name(),
            "UTF-32LE"
        );
    }

    proptest::proptest! {
        #[test]
        // Not starting with NUL: UTF-16LE's mark and a NUL are UTF-32LE's
        // mark, for every reader; no text starts so.
        fn any_text_with_a_mark_comes_back_whole(text in "(?s)([^\\x00].{0,79})?") {
            for be in [false, true] {
                let b16 = utf16(&text, be, true);
                let f = unicode(&b16).unwrap();
                proptest::prop_assert_eq!(f.decode(&b16).unwrap(), text.as_str());
                let b32 = utf32(&text, be, true);
                let f = unicode(&b32).unwrap();
                proptest::prop_assert_eq!(f.decode(&b32).unwrap(), text.as_str());
            }
        }

        #[test]
        fn utf8_text_is_never_taken_for_utf16_or_utf32(text in "[^\\x00]{0,200}") {
            proptest::prop_assert_eq!(unicode(text.as_bytes()), None);
        }
    }

    #[test]
    fn utf8_and_binary_are_not_taken_for_utf16() {
        assert_eq!(unicode(TEXT.as_bytes()), None);
        assert_eq!(unicode(b"PK\x03\x04\nab\x00cd\xff\xfe"), None);
        assert_eq!(unicode(b"ab\0c"), None);
    }

    #[test]
    fn malformed_utf16_and_utf32_do_not_decode() {
        let odd = [b'a', 0, b'b'];
        assert!(Found::Utf16 {
            big_endian: false,
            bom: false
        }
        .decode(&odd)
        .is_none());
        let beyond = 0x11_0000u32.to_le_bytes();
        assert!(Found::Utf32 {
            big_endian: false,
            bom: false
        }
        .decode(&beyond)
        .is_none());
    }

    #[test]
    fn a_page_declared_charset_is_found_in_either_meta_form() {
        for (page, label, name) in [
            (
                "<html><head><meta charset=shift_jis>",
                "shift_jis",
                "SHIFT_JIS",
            ),
            (
                "<HTML><HEAD><META CHARSET=\"Shift_JIS\">",
                "Shift_JIS",
                "SHIFT_JIS",
            ),
            (
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
                "iso-8859-1",
                "WINDOWS-1252",
            ),
            ("<meta charset='euc-kr'>", "euc-kr", "EUC-KR"),
            (
                "<meta charset=x-unknown-thing>",
                "x-unknown-thing",
                "X-UNKNOWN-THING",
            ),
        ] {
            let f = declared(page.as_bytes()).unwrap_or_else(|| panic!("{page}"));
            assert!(
                matches!(&f, Found::Declared { label: l, .. } if l == label),
                "{page}: {f:?}"
            );
            assert_eq!(f.iconv_name(), name, "{page}");
        }
        assert_eq!(declared(b"<meta charset=utf-8><p>x"), None);
        assert_eq!(
            declared(b"<meta name=viewport content=x><p>charset=gbk"),
            None
        );
    }

    #[test]
    fn a_declared_charset_decodes_the_page() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=shift_jis><p>日米安全保障協議委員会</p>");
        let f = declared(&bytes).unwrap();
        assert_eq!(
            f.decode(&bytes).unwrap(),
            "<meta charset=shift_jis><p>日米安全保障協議委員会</p>"
        );
    }

    #[test]
    fn an_undeclared_legacy_encoding_is_guessed_for_the_hint() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("日米安全保障協議委員会の共同発表。両国は同盟を強化する。");
        assert_eq!(guess(&sjis), "SHIFT_JIS");
        assert_eq!(
            guess(b"They said caf\xe9 things, and na\xefve ones."),
            "WINDOWS-1252"
        );
    }
}
