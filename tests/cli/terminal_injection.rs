//! Escape sequences, control characters and bidi overrides in a
//! statement's text, a series folder's name or a file's name never reach
//! the terminal raw: every human output (text and Markdown, GitHub
//! annotations, messages on standard error) shows them as `<U+XXXX>`,
//! with or without colors; JSON escapes what JSON must and keeps the text.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::bad_input::GOOD;
use crate::common::{pledgediff, root};

/// What a hostile text slips in: a window-title OSC, a screen clear, a
/// concealing SGR, BEL, backspace, DEL, a C1 CSI, and bidi overrides and
/// isolates.
const PAYLOAD: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[8m\u{8}\u{7f}\u{9b}31m\u{202E}\u{202A}\u{2066}\u{2069}";

/// True when `text` shows the payload: Markdown escapes some of its
/// punctuation, so the characters are looked for, not the whole string.
fn shows_payload(text: &str) -> bool {
    [
        "<U+001B>",
        "pwned<U+0007>",
        "<U+0008><U+007F><U+009B>31m",
        "<U+202E><U+202A><U+2066><U+2069>",
    ]
    .iter()
    .all(|s| text.contains(s))
}

/// A one-line name with the payload (no `/`, so it can name a file).
fn hostile_name(prefix: &str) -> String {
    format!("{prefix}{PAYLOAD}")
}

/// Fails when `bytes` (one output) holds anything that drives a terminal:
/// an ESC that does not start a plain SGR color sequence (only allowed
/// with `colors`), or any other control or bidi character.
fn assert_inert(bytes: &[u8], colors: bool, what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let mut rest: &str = &text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            let sgr = rest.strip_prefix("\u{1b}[").and_then(|r| {
                let n = r
                    .bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b';')
                    .count();
                (r.as_bytes().get(n) == Some(&b'm')).then_some(&r[..n])
            });
            match sgr {
                // `8` (conceal) is the payload's, never the renderer's.
                Some(params) if colors && !params.split(';').any(|p| p == "8") => {
                    rest = &rest[2 + params.len() + 1..];
                    continue;
                }
                _ => panic!(
                    "{what}: raw escape sequence in output at {:?}",
                    &rest[..rest.len().min(20)]
                ),
            }
        }
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(!bad, "{what}: raw {c:?} in output: {text:?}");
        rest = &rest[c.len_utf8()..];
    }
}

/// Runs each command line: each finishes (0 or 1, or 2 for `log` and
/// `report`, which leave out the archive's empty statement), shows the
/// payload, and sends nothing raw on either stream (colors only with
/// `always`).
fn assert_shown_not_sent(runs: Vec<Vec<OsString>>) {
    for args in runs {
        let args: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
        let out = run(&args);
        let what = format!("{args:?}");
        assert!(matches!(out.status.code(), Some(0..=2)), "{what}: {out:?}");
        assert_inert(&out.stdout, args.contains(&OsStr::new("always")), &what);
        assert_inert(&out.stderr, false, &what);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(shows_payload(&text), "{what}: shown: {text}");
    }
}

fn run(args: &[&OsStr]) -> Output {
    pledgediff().args(args).output().expect("runs")
}

/// GOOD with the payload inside a pledge.
fn hostile_statement(dir: &Path, name: &str) -> PathBuf {
    let text = fs::read_to_string(root().join(GOOD)).unwrap();
    let text = text.replace(
        "the Ministers committed to enhance cooperation",
        &format!("the Ministers committed to enhance {PAYLOAD} cooperation"),
    );
    assert!(text.contains(PAYLOAD), "payload placed");
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// A command line whose `@` stands for `path`.
fn line(args: &[&str], path: &Path) -> Vec<OsString> {
    args.iter()
        .map(|a| match *a {
            "@" => path.as_os_str().to_owned(),
            a => OsString::from(a),
        })
        .collect()
}

/// Every human output of the single-statement commands on `file`, with
/// colors and without.
fn human_runs(file: &Path) -> Vec<Vec<OsString>> {
    let mut runs = vec![
        line(&["normalize", "@"], file),
        line(&["pledges", "@", "-f", "markdown"], file),
    ];
    for color in ["always", "never"] {
        runs.push(line(&["pledges", "@", "--color", color], file));
        for fmt in ["text", "markdown"] {
            runs.push(line(
                &["diff", GOOD, "@", "--color", color, "-f", fmt],
                file,
            ));
            runs.push(line(
                &["diff", "@", GOOD, "--color", color, "-f", fmt, "--all"],
                file,
            ));
        }
    }
    runs
}

#[test]
fn escape_sequences_in_statement_text_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_statement(dir.path(), "s.md");
    assert_shown_not_sent(human_runs(&file));
}

#[test]
fn escape_sequences_in_a_file_name_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_statement(dir.path(), &hostile_name("s"));
    assert_shown_not_sent(human_runs(&file));
}

#[test]
fn escape_sequences_in_an_error_message_are_shown_and_it_stays_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // Missing, then empty: the name is quoted in the message either way.
    let name = hostile_name("gone\nsecond line");
    let missing = dir.path().join(&name);
    let empty = dir.path().join(hostile_name("empty"));
    fs::write(&empty, "").unwrap();
    let bad_date = dir.path().join("date.md");
    // YAML's own escapes: raw controls are not allowed in YAML.
    fs::write(
        &bad_date,
        "---\ndate: \"2019-\\e]0;pwned\\a\"\n---\nText.\n",
    )
    .unwrap();
    for path in [&missing, &empty, &bad_date] {
        for cmd in ["normalize", "pledges"] {
            let out = run(&[OsStr::new(cmd), path.as_os_str()]);
            assert_eq!(out.status.code(), Some(2), "{out:?}");
            assert_inert(&out.stderr, false, cmd);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.lines().count(), 1, "{err:?}");
            assert!(err.contains("<U+001B>]0;pwned<U+0007>"), "{err}");
        }
    }
}

/// An archive whose series folder and one file name carry the payload,
/// with the hostile statement in it.
fn hostile_archive() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("history");
    let series = archive.join(hostile_name("series"));
    fs::create_dir_all(&series).unwrap();
    fs::copy(
        root().join("history/us-japan-scc/2017-08-17.md"),
        series.join("2017-08-17.md"),
    )
    .unwrap();
    let s = hostile_statement(&series, "2019-04-19.md");
    let text = fs::read_to_string(&s).unwrap();
    // A file misnamed (a warning names it) and one that cannot be read
    // as a statement (an error names it).
    fs::write(series.join(format!("{}.md", hostile_name("2020"))), &text).unwrap();
    fs::write(series.join("2021-01-01.md"), "").unwrap();
    (tmp, archive)
}

#[test]
fn escape_sequences_in_series_and_file_names_are_shown_by_log_and_check() {
    let (_tmp, archive) = hostile_archive();
    let mut runs = vec![
        line(&["check", "@", "-f", "github"], &archive),
        line(&["report", "@"], &archive),
    ];
    for color in ["always", "never"] {
        runs.push(line(&["log", "@", "--color", color], &archive));
        runs.push(line(
            &["log", "@", "--color", color, "--grep", "cooperation"],
            &archive,
        ));
        runs.push(line(&["check", "@", "--color", color], &archive));
    }
    assert_shown_not_sent(runs);
}

#[test]
fn json_escapes_control_characters_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_statement(dir.path(), &hostile_name("s"));
    let args = line(&["normalize", "@", "-f", "json"], &file);
    let out = pledgediff().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_inert(&out.stdout, false, "normalize -f json");
    let view: pledgediff::render::json::NormalizeView =
        serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        view.paragraphs.iter().any(|p| p.text.contains(PAYLOAD)),
        "text kept exactly"
    );
    assert!(view.statement.path.contains(PAYLOAD), "name kept exactly");
}

#[test]
fn json_of_every_command_escapes_bidi_and_c1_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_statement(dir.path(), &hostile_name("s"));
    let (_tmp, archive) = hostile_archive();
    let mut runs = vec![
        line(&["pledges", "@", "-f", "json"], &file),
        line(&["diff", GOOD, "@", "-f", "json"], &file),
    ];
    for cmd in ["log", "check", "report"] {
        runs.push(line(&[cmd, "@", "-f", "json"], &archive));
    }
    for args in runs {
        let out = pledgediff().args(&args).output().unwrap();
        let what = format!("{args:?}");
        // 2: log and report leave out the archive's empty statement.
        assert!(matches!(out.status.code(), Some(0..=2)), "{what}: {out:?}");
        assert_inert(&out.stdout, false, &what);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        // Parsed back, the text is the statement's, payload and all.
        assert!(v.to_string().contains('\u{202E}'), "{what}: text kept");
    }
}

#[test]
fn add_dry_run_shows_escape_sequences_and_check_output_stays_inert() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_statement(dir.path(), "s.md");
    let archive = dir.path().join("history");
    fs::create_dir(&archive).unwrap();
    let out = pledgediff()
        .arg("add")
        .arg(&file)
        .arg("--archive")
        .arg(&archive)
        .args(["--series", "s", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_inert(&out.stdout, false, "add --dry-run");
    assert_inert(&out.stderr, false, "add --dry-run");
}
