//! Genre profiles: a statement's `genre:` (or `--genre`) changes who is
//! read as its speaker and which paragraphs open lists; an unknown genre
//! is refused with the file, the line and the genres there are.

use std::path::{Path, PathBuf};

use crate::common::{diff_json, pledgediff, stderr_of, stdout_of};

/// An alliance's ministers first undertake a rotation, then only allow
/// for one. "The Allies may …" from a speaker who pledges nothing else is
/// read as weighing a possibility, unless the alliance profile says the
/// Allies are the ones speaking.
const OLD: &str =
    "The Allies will rotate air defence units through the eastern flank every six months.\n";
const NEW: &str =
    "The Allies may rotate air defence units through the eastern flank every six months.\n";

/// Writes `body` to `dir/name`, with front matter naming `genre` when
/// given.
fn statement(dir: &Path, name: &str, genre: Option<&str>, body: &str) -> PathBuf {
    let path = dir.join(name);
    let front = genre.map_or(String::new(), |g| {
        format!("---\ntitle: Air defence rotation\ngenre: {g}\n---\n")
    });
    std::fs::write(&path, format!("{front}{body}")).expect("statement written");
    path
}

/// (change kind, old pledge text, new pledge text) of each pledge change.
fn changes(old: &Path, new: &Path) -> Vec<(String, Option<String>, Option<String>)> {
    diff_json(old, new)
        .pledges
        .into_iter()
        .map(|c| (c.change, c.old.map(|s| s.text), c.new.map(|s| s.text)))
        .collect()
}

#[test]
fn in_the_alliance_genre_will_to_may_is_a_weakened_pledge_not_a_dropped_one() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let old = statement(dir.path(), "old.md", Some("alliance"), OLD);
    let new = statement(dir.path(), "new.md", Some("alliance"), NEW);
    let text = |s: &str| Some(s.trim_end().to_string());
    assert_eq!(
        changes(&old, &new),
        [("weakened".to_string(), text(OLD), text(NEW))]
    );
    // Without the profile the new "may" is nobody's pledge: the
    // undertaking reads as dropped.
    let old = statement(dir.path(), "old-plain.md", None, OLD);
    let new = statement(dir.path(), "new-plain.md", None, NEW);
    assert_eq!(
        changes(&old, &new),
        [("dropped".to_string(), text(OLD), None)]
    );
}

#[test]
fn the_genre_flag_applies_a_profile_to_statements_without_one() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let old = statement(dir.path(), "old.md", None, OLD);
    let new = statement(dir.path(), "new.md", None, NEW);
    let out = pledgediff()
        .args(["diff", "--format", "json", "--genre", "alliance"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&out)).expect("JSON");
    assert_eq!(json["pledges"][0]["change"], "weakened", "{json}");
}

#[test]
fn explain_names_the_genre_profile_in_one_line() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let new = statement(dir.path(), "new.md", Some("alliance"), NEW);
    let out = pledgediff()
        .args(["pledges", "--explain"])
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("genre profile: alliance"))
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
}

#[test]
fn an_unknown_genre_in_front_matter_names_the_file_line_and_known_genres() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let old = statement(dir.path(), "old.md", Some("aliance"), OLD);
    let new = statement(dir.path(), "new.md", None, NEW);
    let out = pledgediff()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    // The opening `---` is line 1, `title:` line 2, `genre:` line 3.
    assert!(
        err.contains("old.md:3:1: front matter: unknown genre `aliance`"),
        "{err}"
    );
    assert!(
        err.contains("alliance, communique, eu-council, leaders, un-resolution"),
        "{err}"
    );
}

#[test]
fn an_unknown_genre_flag_is_refused_with_the_known_genres() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let new = statement(dir.path(), "new.md", None, NEW);
    let out = pledgediff()
        .args(["pledges", "--genre", "treaty"])
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("unknown genre `treaty`"), "{err}");
    assert!(err.contains("un-resolution"), "{err}");
}

#[test]
fn a_lexicon_file_adds_a_genre_that_front_matter_may_name() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let lexicon = dir.path().join("mine.yaml");
    std::fs::write(
        &lexicon,
        "genres:\n  agency:\n    actors: [the Board of Governors]\n",
    )
    .expect("lexicon written");
    let file = statement(
        dir.path(),
        "board.md",
        Some("agency"),
        "The Board of Governors may publish an annual review of the safeguards.\n",
    );
    let out = pledgediff()
        .args(["pledges", "--format", "json", "--lexicon"])
        .arg(&lexicon)
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&out)).expect("JSON");
    assert_eq!(
        json["pledges"][0]["actor"], "The Board of Governors",
        "{json}"
    );
    assert_eq!(json["pledges"][0]["verb"], "may", "{json}");
}
