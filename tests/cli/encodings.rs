//! Inputs in encodings other than UTF-8: UTF-16 and UTF-32 with or without
//! a byte order mark, and pages that declare their charset. `diff`,
//! `normalize` and `pledges` refuse them naming the encoding found, with
//! the `iconv` line that converts it; `add` converts them and stores the
//! same file as for the UTF-8 text.

use std::fs;
use std::path::Path;

use crate::bad_input::{assert_rejected, input, GOOD};
use crate::common::{add_to_fresh_archive, root};

/// A paragraph with Japanese words, kept as statement text.
const JAPANESE: &str = "The Ministers of the 日米安全保障協議委員会 met in Tokyo and agreed to strengthen the Alliance.";

fn good_text() -> String {
    fs::read_to_string(root().join(GOOD)).unwrap()
}

/// `text` in each Unicode encoding pledgediff recognizes, with the name
/// the messages must give it.
fn unicode_encodings(text: &str) -> Vec<(Vec<u8>, &'static str)> {
    let u16s = |bom: bool| {
        (if bom { "\u{FEFF}" } else { "" })
            .encode_utf16()
            .chain(text.encode_utf16())
            .collect::<Vec<u16>>()
    };
    let u32s = |bom: bool| {
        (if bom { "\u{FEFF}" } else { "" })
            .chars()
            .chain(text.chars())
            .map(|c| c as u32)
            .collect::<Vec<u32>>()
    };
    let mut out = Vec::new();
    for bom in [true, false] {
        out.push((
            u16s(bom).into_iter().flat_map(u16::to_le_bytes).collect(),
            "UTF-16LE",
        ));
        out.push((
            u16s(bom).into_iter().flat_map(u16::to_be_bytes).collect(),
            "UTF-16BE",
        ));
        out.push((
            u32s(bom).into_iter().flat_map(u32::to_le_bytes).collect(),
            "UTF-32LE",
        ));
        out.push((
            u32s(bom).into_iter().flat_map(u32::to_be_bytes).collect(),
            "UTF-32BE",
        ));
    }
    out
}

/// A page of GOOD's paragraphs declaring `charset`, encoded in `enc`.
fn page(charset: &str, enc: &'static encoding_rs::Encoding, extra: &str) -> Vec<u8> {
    // Punctuation every legacy charset has (Shift_JIS has no en dash).
    let text = good_text()
        .replace('\u{2019}', "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace('\u{2013}', "-");
    let body = &text[text[3..].find("\n---\n").unwrap() + 8..];
    let paras: String = body
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>\n", p.trim()))
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>Joint Statement</title></head>\n\
         <body>\n<p>{extra}</p>\n{paras}</body></html>\n"
    );
    let (bytes, _, unmappable) = enc.encode(&html);
    assert!(!unmappable, "{charset}: text fits the encoding");
    bytes.into_owned()
}

/// Adds `file` dated 2019-04-19: (exit code, stored file, stderr).
fn add(file: &Path) -> (Option<i32>, Option<String>, String) {
    let (out, stored) = add_to_fresh_archive(file, &["--date", "2019-04-19"]);
    (
        out.status.code(),
        stored,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes `bytes` as `name`, checks every reading command refuses it at
/// `loc` with the `iconv -f ICONV` hint, and returns the message.
fn rejected_with_hint(name: &str, bytes: &[u8], loc: &str, iconv: &str) -> String {
    let (_dir, path) = input(name, bytes);
    let err = assert_rejected(&path, loc);
    assert!(
        err.contains(&format!("iconv -f {iconv} -t UTF-8")),
        "{name} as {iconv}: {err}"
    );
    err
}

#[test]
fn utf16_and_utf32_with_or_without_a_mark_are_named_right_not_binary() {
    for (bytes, name) in unicode_encodings(&good_text()) {
        let err = rejected_with_hint("statement.md", &bytes, "", name);
        assert!(err.contains(&format!("is {name}")), "{name}: {err}");
        assert!(!err.contains("binary"), "{name}: {err}");
        if name.starts_with("UTF-32") {
            assert!(!err.contains("UTF-16"), "{name}: {err}");
        }
    }
}

#[test]
fn add_converts_utf16_and_utf32_to_the_same_file_as_utf8() {
    let (code, want, err) = add(&root().join(GOOD));
    assert_eq!(code, Some(0), "{err}");
    for (bytes, name) in unicode_encodings(&good_text()) {
        let (_dir, path) = input("statement.md", &bytes);
        let (code, stored, err) = add(&path);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(stored, want, "{name}");
    }
}

#[test]
fn a_page_declaring_its_charset_is_named_by_it_not_windows_1252() {
    for (charset, enc, iconv) in [
        ("shift_jis", encoding_rs::SHIFT_JIS, "SHIFT_JIS"),
        ("euc-jp", encoding_rs::EUC_JP, "EUC-JP"),
        ("gbk", encoding_rs::GBK, "GBK"),
        ("euc-kr", encoding_rs::EUC_KR, "EUC-KR"),
    ] {
        let bytes = page(charset, enc, "日本語");
        let err = rejected_with_hint("page.html", &bytes, "", iconv);
        assert!(err.contains(&format!("`{charset}`")), "{charset}: {err}");
        assert!(!err.contains("WINDOWS-1252"), "{charset}: {err}");
    }
}

#[test]
fn add_converts_a_page_in_its_declared_charset() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("utf8.html");
    fs::write(&utf8, page("utf-8", encoding_rs::UTF_8, JAPANESE)).unwrap();
    let (code, want, err) = add(&utf8);
    assert_eq!(code, Some(0), "{err}");
    assert!(want.as_deref().unwrap().contains("日米安全保障協議委員会"));
    for (charset, enc) in [
        ("shift_jis", encoding_rs::SHIFT_JIS),
        ("Shift_JIS", encoding_rs::SHIFT_JIS),
        ("euc-jp", encoding_rs::EUC_JP),
    ] {
        let path = dir.path().join("page.html");
        fs::write(&path, page(charset, enc, JAPANESE)).unwrap();
        let (code, stored, err) = add(&path);
        assert_eq!(code, Some(0), "{charset}: {err}");
        assert_eq!(stored, want, "{charset}");
    }
}

#[test]
fn a_page_declaring_a_charset_nobody_knows_is_refused_naming_it() {
    let mut bytes = page("x-klingon", encoding_rs::UTF_8, "x");
    bytes.extend_from_slice(b"<p>\xff\xfe\xfd</p>");
    let (_dir, path) = input("page.html", &bytes);
    let err = assert_rejected(&path, "");
    assert!(err.contains("x-klingon"), "{err}");
    let (code, stored, err) = add(&path);
    assert_eq!((code, stored), (Some(2), None), "{err}");
    assert!(err.contains("iconv -f X-KLINGON -t UTF-8"), "{err}");
}

#[test]
fn an_undeclared_legacy_encoding_is_named_by_its_likely_encoding() {
    let text = "日米安全保障協議委員会の共同発表。両国は同盟の抑止力と対処力を一層強化することを確認した。\n";
    for (enc, iconv) in [
        (encoding_rs::SHIFT_JIS, "SHIFT_JIS"),
        (encoding_rs::EUC_KR, "EUC-KR"),
    ] {
        let text = if iconv == "EUC-KR" {
            "한미 안보협의회의 공동성명. 양국은 동맹의 억제력과 대응능력을 더욱 강화하기로 하였다.\n"
        } else {
            text
        };
        let (bytes, _, _) = enc.encode(text);
        let err = rejected_with_hint("legacy.md", &bytes, ":1:1", iconv);
        assert!(err.contains("invalid UTF-8"), "{err}");
    }
}

#[test]
fn a_lexicon_or_rules_file_in_utf16_is_named_without_pointing_at_add() {
    let lexicon: Vec<u8> = "\u{FEFF}hedges: [arguably]\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let (_dir, path) = input("mine.yaml", &lexicon);
    for args in [
        vec![
            "normalize".as_ref(),
            GOOD.as_ref(),
            "--lexicon".as_ref(),
            path.as_os_str(),
        ],
        vec![
            "check".as_ref(),
            "history".as_ref(),
            "--rules".as_ref(),
            path.as_os_str(),
        ],
    ] {
        let out = crate::common::pledgediff().args(&args).output().unwrap();
        let err = crate::bad_input::assert_error(&out, &format!("{args:?}"));
        assert!(err.contains("is UTF-16LE"), "{err}");
        assert!(err.contains("iconv -f UTF-16LE -t UTF-8"), "{err}");
        assert!(!err.contains("pledgediff add"), "{err}");
    }
}
