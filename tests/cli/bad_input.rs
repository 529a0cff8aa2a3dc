//! A catalogue of bad inputs. Each must end with exit status 2 and one
//! line on standard error, `pledgediff: error: FILE[:LINE[:COL]]: ...`,
//! never a panic. Huge-but-valid inputs must finish with 0 or 1.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tempfile::TempDir;

use crate::common::{pledgediff, stderr_of, stdout_of};

pub(crate) const GOOD: &str = "history/us-japan-scc/2019-04-19.md";

/// Writes `bytes` to `name` in a fresh temporary directory.
pub(crate) fn input(name: &str, bytes: &[u8]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Checks the shape every error shares and returns the message.
pub(crate) fn assert_error(out: &std::process::Output, what: &str) -> String {
    let err = stderr_of(out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: expected exit 2, got {:?}; stderr {err:?}",
        out.status
    );
    assert!(
        err.starts_with("pledgediff: error: "),
        "{what}: stderr {err:?}"
    );
    assert_eq!(err.lines().count(), 1, "{what}: not one line: {err:?}");
    assert!(err.ends_with('\n'), "{what}: {err:?}");
    assert!(!err.contains("panicked"), "{what}: {err:?}");
    assert!(!err.contains("RUST_BACKTRACE"), "{what}: {err:?}");
    err
}

/// Runs `normalize FILE`, `pledges FILE` and `diff GOOD FILE` on a bad file
/// and checks each names `FILE` followed by `loc` (e.g. `:3:1`, or empty).
pub(crate) fn assert_rejected(path: &Path, loc: &str) -> String {
    let name = path.display().to_string();
    let mut first = String::new();
    let runs: [Vec<&std::ffi::OsStr>; 4] = [
        vec!["normalize".as_ref(), path.as_os_str()],
        vec!["pledges".as_ref(), path.as_os_str()],
        vec!["diff".as_ref(), GOOD.as_ref(), path.as_os_str()],
        vec!["diff".as_ref(), path.as_os_str(), GOOD.as_ref()],
    ];
    for args in runs {
        // A safety net, not a measurement: a regression that blocks on a
        // FIFO fails here instead of hanging the suite.
        let out = pledgediff()
            .args(&args)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .expect("runs");
        let what = format!("{args:?}");
        let err = assert_error(&out, &what);
        let prefix = format!("pledgediff: error: {name}{loc}: ");
        assert!(
            err.starts_with(&prefix),
            "{what}: expected to start with {prefix:?}, got {err:?}"
        );
        assert!(out.stdout.is_empty(), "{what}: wrote to stdout on error");
        if first.is_empty() {
            first = err;
        }
    }
    first
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-statement.md");
    let err = assert_rejected(&path, "");
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn directory_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = assert_rejected(dir.path(), "");
    assert!(err.contains("directory"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = input("locked.md", b"The Ministers met.\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("unreadable_file: skipped, this user (root?) can read mode 000 files");
        return;
    }
    let err = assert_rejected(&path, "");
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn non_utf8_bytes_point_at_the_first_bad_byte() {
    // Line 3, after "They said caf" (13 characters): column 14.
    let (_dir, path) = input(
        "latin1.md",
        b"The Ministers met in Tokyo.\n\nThey said caf\xe9 things, and na\xefve ones.\n",
    );
    let err = assert_rejected(&path, ":3:14");
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn non_utf8_column_counts_characters_not_bytes() {
    // "Ministers’ " has a 3-byte quote: the bad byte is character 12.
    let bytes = ["Ministers’ ".as_bytes(), b"\x80 x\n"].concat();
    let (_dir, path) = input("mixed.md", &bytes);
    let err = assert_rejected(&path, ":1:12");
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn utf16_with_bom() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "The Ministers met.\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let (_dir, path) = input("utf16.md", &bytes);
    let err = assert_rejected(&path, "");
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn utf16_big_endian_with_bom() {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in "The Ministers met.\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    let (_dir, path) = input("utf16be.md", &bytes);
    let err = assert_rejected(&path, "");
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn binary_file_with_nul() {
    let (_dir, path) = input("blob.md", b"PK\x03\x04\nab\x00cd\xff\xfe");
    let err = assert_rejected(&path, ":2:3");
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn html_page_of_only_menus_and_scripts() {
    let (_dir, path) = input(
        "page.html",
        b"<!DOCTYPE html><html><head><script>var a = 1;</script></head>\
          <body><nav><a>Home</a> <a>News</a></nav><footer>(c) 2024</footer></body></html>",
    );
    let err = assert_rejected(&path, "");
    assert!(err.contains("the page has no text"), "{err}");
}

#[test]
fn empty_file() {
    let (_dir, path) = input("empty.md", b"");
    let err = assert_rejected(&path, "");
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn whitespace_only_file() {
    let (_dir, path) = input("blank.md", b"  \n\t\n\r\n   \n");
    let err = assert_rejected(&path, "");
    assert!(err.contains("whitespace"), "{err}");
}

#[test]
fn front_matter_not_closed() {
    let (_dir, path) = input(
        "unclosed.md",
        b"---\ndate: 2019-04-19\ntitle: T\n\nThe Ministers met.\n",
    );
    let err = assert_rejected(&path, ":1:1");
    assert!(err.contains("never closed"), "{err}");
}

#[test]
fn front_matter_that_is_a_list() {
    let (_dir, path) = input(
        "list.md",
        b"---\n- date\n- title\n---\n\nThe Ministers met.\n",
    );
    let err = assert_rejected(&path, ":2:1");
    assert!(err.contains("not a mapping"), "{err}");
}

#[test]
fn front_matter_wrong_type_participants_number() {
    let (_dir, path) = input(
        "types.md",
        b"---\ndate: 2019-04-19\ntitle: T\nparticipants: 3\n---\n\nThe Ministers met.\n",
    );
    let err = assert_rejected(&path, ":4:1");
    assert!(err.contains("participants"), "{err}");
}

#[test]
fn invalid_date_points_at_its_line() {
    let (_dir, path) = input(
        "date.md",
        b"---\ntitle: T\nseries: us-japan-scc\ndate: 2019-02-30\n---\n\nThe Ministers met.\n",
    );
    let err = assert_rejected(&path, ":4:1");
    assert!(err.contains("2019-02-30"), "{err}");
}

#[test]
fn front_matter_without_body() {
    let (_dir, path) = input("nobody.md", b"---\ndate: 2019-04-19\ntitle: T\n---\n\n  \n");
    let err = assert_rejected(&path, "");
    assert!(err.contains("no text"), "{err}");
}

#[test]
fn malformed_yaml_in_front_matter_points_at_the_line() {
    // Line 3 of the file puts a mapping where a scalar value already is.
    let (_dir, path) = input(
        "yaml.md",
        b"---\ntitle: T\n  bad: indent: here\ndate: 2019-04-19\n---\n\nThe Ministers met.\n",
    );
    let err = assert_rejected(&path, ":3:6");
    assert!(err.contains("front matter"), "{err}");
}

#[test]
fn malformed_yaml_unterminated_quote() {
    let (_dir, path) = input(
        "quote.md",
        b"---\ndate: 2019-04-19\ntitle: \"Joint Statement\n---\n\nThe Ministers met.\n",
    );
    let out = pledgediff().arg("normalize").arg(&path).output().unwrap();
    let err = assert_error(&out, "unterminated quote");
    assert!(
        err.starts_with(&format!("pledgediff: error: {}:", path.display())),
        "{err}"
    );
}

// ---------------------------------------------------------------- lexicon

const BAD_LEXICON: &str =
    "verbs:\n  - lemma: hail\n    family: position\n    force: 9\n    forms: [hail]\n";

/// Extracts the line number from `pledgediff: error: FILE:LINE...`.
fn error_line(err: &str, file: &Path) -> Option<usize> {
    let rest = err.strip_prefix(&format!("pledgediff: error: {}:", file.display()))?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[test]
fn lexicon_bad_entry_names_the_lexicon_file_and_line() {
    let (_dir, lex) = input("mine.yaml", BAD_LEXICON.as_bytes());
    for args in [
        vec!["normalize", GOOD],
        vec!["pledges", GOOD],
        vec!["diff", GOOD, GOOD],
    ] {
        let out = pledgediff()
            .args(&args)
            .arg("--lexicon")
            .arg(&lex)
            .output()
            .unwrap();
        let err = assert_error(&out, &format!("{args:?} --lexicon"));
        let line = error_line(&err, &lex);
        // The entry spans lines 2 (`- lemma: hail`) to 4 (`force: 9`).
        assert!(
            matches!(line, Some(2..=4)),
            "{args:?}: expected {}:2..4, got {err:?}",
            lex.display()
        );
        assert!(err.contains("force"), "{err}");
    }
}

#[test]
fn lexicon_bad_second_entry_line_is_that_entry_not_an_earlier_match() {
    // The bad verb `affirm` is at line 6; its name also occurs inside
    // `reaffirm` on line 2, which must not be blamed.
    let text = "verbs:\n  - lemma: reaffirm\n    family: position\n    force: 4\n    forms: [reaffirm]\n  - lemma: affirm\n    family: position\n    force: 9\n    forms: [affirm]\n";
    let (_dir, lex) = input("mine.yaml", text.as_bytes());
    let out = pledgediff()
        .args(["normalize", GOOD, "--lexicon"])
        .arg(&lex)
        .output()
        .unwrap();
    let err = assert_error(&out, "second entry bad");
    let line = error_line(&err, &lex);
    assert!(
        matches!(line, Some(6..=8)),
        "expected {}:6..8 (the `affirm` entry), got {err:?}",
        lex.display()
    );
}

#[test]
fn lexicon_unknown_field_names_the_lexicon_file() {
    let (_dir, lex) = input("mine.yaml", b"verbs:\n  - lemma: hail\n    colour: red\n");
    let out = pledgediff()
        .args(["normalize", GOOD, "--lexicon"])
        .arg(&lex)
        .output()
        .unwrap();
    let err = assert_error(&out, "unknown lexicon field");
    assert!(
        err.starts_with(&format!("pledgediff: error: {}:", lex.display())),
        "{err}"
    );
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn lexicon_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("nope.yaml");
    let out = pledgediff()
        .args(["diff", GOOD, GOOD, "--lexicon"])
        .arg(&lex)
        .output()
        .unwrap();
    let err = assert_error(&out, "missing lexicon");
    assert!(
        err.starts_with(&format!("pledgediff: error: {}: ", lex.display())),
        "{err}"
    );
    assert!(err.contains("cannot read"), "{err}");
}

// ---------------------------------------------------------------- usage

#[test]
fn unknown_topic_is_a_usage_error() {
    for args in [
        vec!["diff", GOOD, GOOD, "--topic", "no-such-topic"],
        vec!["pledges", GOOD, "--topic", "no-such-topic"],
    ] {
        let out = pledgediff().args(&args).output().unwrap();
        let err = assert_error(&out, &format!("{args:?}"));
        assert!(err.contains("no-such-topic"), "{err}");
        assert!(err.contains("cyber"), "should list known topics: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn topic_that_is_not_an_id_is_a_usage_error() {
    let out = pledgediff()
        .args(["diff", GOOD, GOOD, "--topic", "cyber attack!"])
        .output()
        .unwrap();
    assert_error(&out, "--topic with spaces");
    let out = pledgediff()
        .args(["diff", GOOD, GOOD, "--topic", " "])
        .output()
        .unwrap();
    assert_error(&out, "--topic blank");
}

#[test]
fn normalize_format_markdown_is_a_usage_error() {
    let out = pledgediff()
        .args(["normalize", "--format", "markdown", GOOD])
        .output()
        .unwrap();
    // Refused while the arguments are parsed (issue 19: `--format` offers
    // only what the command supports), with the values it takes.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("invalid value 'markdown'"), "{err}");
    assert!(err.contains("[possible values: text, json]"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn each_command_offers_only_the_formats_it_supports() {
    for (cmd, listed) in [
        ("normalize", "[possible values: text, json]"),
        ("pledges", "[possible values: text, markdown, json]"),
        ("log", "[possible values: text, json]"),
        ("report", "[possible values: markdown, html, json]"),
        ("check", "[possible values: text, github, json]"),
        (
            "diff",
            "[possible values: text, markdown, html, json, github]",
        ),
    ] {
        let out = pledgediff().args([cmd, "-h"]).output().unwrap();
        // Help wraps at the terminal width: compare with spaces collapsed.
        let help = stdout_of(&out)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(help.contains(listed), "{cmd}: {help}");
    }
}

#[test]
fn unknown_format_value_exits_2_without_panic() {
    let out = pledgediff()
        .args(["diff", "--format", "pdf", GOOD, GOOD])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(!err.contains("panicked"), "{err}");
}

// ---------------------------------------------------------------- huge inputs

fn assert_finishes(args: &[&std::ffi::OsStr], what: &str) {
    let start = Instant::now();
    let out = pledgediff().args(args).output().expect("runs");
    let err = stderr_of(&out);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{what}: status {:?}, stderr {err:?}",
        out.status
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    eprintln!("{what}: {:?}", start.elapsed());
}

const WORDS: &[&str] = &[
    "the",
    "ministers",
    "committed",
    "to",
    "strengthen",
    "cooperation",
    "on",
    "maritime",
    "security",
    "and",
    "reaffirmed",
    "their",
    "alliance",
    "region",
    "peace",
];

#[test]
fn ten_megabyte_single_paragraph_is_refused_with_a_hint() {
    // A paragraph this long is a file without paragraph breaks: it is
    // refused before the costly stages, naming the file and line.
    let dir = tempfile::tempdir().unwrap();
    let mut words: Vec<&str> = (0..1_450_000)
        .map(|i| WORDS[(i * 7 + i / 3) % WORDS.len()])
        .collect();
    let old = words.join(" ") + ".\n";
    assert!(old.len() >= 10 * 1024 * 1024 - 100_000, "{}", old.len());
    words[1000] = "changed";
    words[600_000] = "different";
    let new = words.join(" ") + ".\n";
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    fs::write(&a, old).unwrap();
    fs::write(&b, new).unwrap();
    let start = Instant::now();
    let out = pledgediff()
        .args(["diff", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("old.md:1:"), "{err}");
    assert!(
        err.contains("paragraph of") && err.contains("blank lines"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
    eprintln!("10 MB paragraph refused in {:?}", start.elapsed());
}

#[test]
fn hundred_thousand_one_word_paragraphs_finish() {
    let dir = tempfile::tempdir().unwrap();
    let old: Vec<String> = (0..100_000).map(|i| format!("word{i}")).collect();
    let new: Vec<String> = (0..100_000)
        .map(|i| {
            if i % 1000 == 0 {
                format!("changed{i}")
            } else {
                format!("word{i}")
            }
        })
        .collect();
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    fs::write(&a, old.join("\n\n") + "\n").unwrap();
    fs::write(&b, new.join("\n\n") + "\n").unwrap();
    assert_finishes(
        &[
            "diff".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            a.as_os_str(),
            b.as_os_str(),
        ],
        "100,000 paragraphs",
    );
}

#[test]
fn one_megabyte_word_without_spaces_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    let word = "a".repeat(1024 * 1024);
    fs::write(&a, format!("{word}\n")).unwrap();
    fs::write(&b, format!("{}b\n", &word[1..])).unwrap();
    assert_finishes(
        &["diff".as_ref(), a.as_os_str(), b.as_os_str()],
        "1 MB word diff",
    );
    assert_finishes(
        &["normalize".as_ref(), a.as_os_str()],
        "1 MB word normalize",
    );
    assert_finishes(&["pledges".as_ref(), a.as_os_str()], "1 MB word pledges");
}

#[test]
fn thousands_of_near_identical_paragraphs_finish() {
    let dir = tempfile::tempdir().unwrap();
    let para = |i: usize| {
        format!(
            "The Ministers noted cooperation on item {} in the region.",
            i % 7
        )
    };
    let old: Vec<String> = (0..3000).map(para).collect();
    let new: Vec<String> = (0..3000).map(|i| para(i * 3)).collect();
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    fs::write(&a, old.join("\n\n")).unwrap();
    fs::write(&b, new.join("\n\n")).unwrap();
    assert_finishes(
        &[
            "diff".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            a.as_os_str(),
            b.as_os_str(),
        ],
        "3,000 near-identical paragraphs",
    );
}

#[test]
fn long_run_of_one_repeated_word_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let old = vec!["the"; 100_000].join(" ") + " end.\n";
    let mut words = vec!["the"; 100_000];
    words[50_000] = "a";
    let new = words.join(" ") + " stop.\n";
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    fs::write(&a, old).unwrap();
    fs::write(&b, new).unwrap();
    assert_finishes(
        &[
            "diff".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            a.as_os_str(),
            b.as_os_str(),
        ],
        "100,000 repeated words",
    );
}
