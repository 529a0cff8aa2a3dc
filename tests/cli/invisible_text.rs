//! Text that looks the same must compare the same: invisible formatting
//! characters (soft hyphen, zero-width space/joiner/non-joiner, word
//! joiner, BOM inside text) are removed inside words, in text, Markdown and
//! HTML alike, and CR-only line endings are line breaks.

use std::fs;
use std::path::{Path, PathBuf};

use pledgediff::render::json::NormalizeView;

use crate::bad_input::GOOD;
use crate::common::{add_to_fresh_archive, pledgediff, root};

/// The invisible characters, each with the HTML entity that makes it.
const INVISIBLE: [(char, &str); 6] = [
    ('\u{00AD}', "&shy;"),
    ('\u{200B}', "&#8203;"),
    ('\u{200C}', "&zwnj;"),
    ('\u{200D}', "&zwj;"),
    ('\u{2060}', "&#x2060;"),
    ('\u{FEFF}', "&#xFEFF;"),
];

fn good_text() -> String {
    fs::read_to_string(root().join(GOOD)).unwrap()
}

/// Front matter (with its closing fence and newline) and body of `text`.
fn split(text: &str) -> (&str, &str) {
    let end = text[3..].find("\n---\n").unwrap() + 3 + 5;
    text.split_at(end)
}

/// `body` with `mark` inside every word of six letters or more.
fn mark_words(body: &str, mark: &str) -> String {
    body.split(' ')
        .map(|w| {
            if w.chars().count() >= 6 && w.chars().all(char::is_alphabetic) {
                let cut = w.char_indices().nth(3).unwrap().0;
                format!("{}{mark}{}", &w[..cut], &w[cut..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

/// The statement's paragraphs (text and line) and date, as `normalize`
/// reports them.
fn normalized(path: &Path) -> (Vec<(String, usize)>, Option<String>) {
    let out = pledgediff()
        .args(["normalize", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let view: NormalizeView = serde_json::from_slice(&out.stdout).unwrap();
    (
        view.paragraphs
            .into_iter()
            .map(|p| (p.text, p.line))
            .collect(),
        view.statement.date,
    )
}

/// `diff OLD NEW` finds nothing substantive (exit 0).
fn assert_same(old: &Path, new: &Path, what: &str) {
    let out = pledgediff().arg("diff").arg(old).arg(new).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn invisible_characters_inside_words_do_not_split_them_in_text() {
    let dir = tempfile::tempdir().unwrap();
    let good = root().join(GOOD);
    let text = good_text();
    let (front, body) = split(&text);
    for (c, entity) in INVISIBLE {
        for (mark, how) in [(c.to_string(), "character"), (entity.to_string(), "entity")] {
            let what = format!("{c:?} as {how}");
            let path = write(
                dir.path(),
                "marked.md",
                &(front.to_string() + &mark_words(body, &mark)),
            );
            assert_same(&good, &path, &what);
            assert_eq!(normalized(&path), normalized(&good), "{what}");
        }
    }
}

#[test]
fn invisible_characters_inside_words_do_not_split_them_in_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text();
    let body = split(&text).1;
    let page = |body: &str| {
        let paras: String = body
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>\n", p.trim()))
            .collect();
        format!("<!DOCTYPE html>\n<html><head><title>Joint Statement</title></head>\n<body>\n{paras}</body></html>\n")
    };
    let plain = write(dir.path(), "plain.html", &page(body));
    for (c, entity) in INVISIBLE {
        for (mark, how) in [(c.to_string(), "character"), (entity.to_string(), "entity")] {
            let what = format!("{c:?} as {how}");
            let path = write(dir.path(), "marked.html", &page(&mark_words(body, &mark)));
            assert_same(&plain, &path, &what);
            // Texts only: a page's lines are found by searching its
            // markup for the words, which the marks break up.
            let texts =
                |p: &Path| -> Vec<String> { normalized(p).0.into_iter().map(|(t, _)| t).collect() };
            assert_eq!(texts(&path), texts(&plain), "{what}");
        }
    }
}

#[test]
fn cr_only_line_endings_keep_front_matter_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let good = root().join(GOOD);
    let mac = write(dir.path(), "mac.md", &good_text().replace('\n', "\r"));
    let (paras, date) = normalized(&mac);
    assert_eq!(date.as_deref(), Some("2019-04-19"), "front matter read");
    assert!(paras.len() > 5, "paragraphs split: {}", paras.len());
    assert!(paras.iter().all(|(t, _)| !t.contains('\r')));
    assert_eq!((paras, date), normalized(&good));
    assert_same(&good, &mac, "CR-only");
}

/// What `add` stores for `file` in a fresh archive.
fn added(file: &Path) -> Vec<u8> {
    let (out, stored) = add_to_fresh_archive(file, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    stored.expect("statement filed").into_bytes()
}

#[test]
fn add_stores_cr_only_and_invisible_character_text_as_the_clean_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text();
    let clean = added(&root().join(GOOD));
    let mac = write(dir.path(), "mac.md", &text.replace('\n', "\r"));
    let stored = added(&mac);
    assert!(!stored.contains(&b'\r'), "raw CRs stored");
    assert_eq!(
        String::from_utf8(stored).unwrap(),
        String::from_utf8(clean.clone()).unwrap()
    );
    let (front, body) = split(&text);
    let shy = write(
        dir.path(),
        "shy.md",
        &(front.to_string() + &mark_words(body, "\u{00AD}")),
    );
    assert_eq!(
        String::from_utf8(added(&shy)).unwrap(),
        String::from_utf8(clean).unwrap()
    );
}
