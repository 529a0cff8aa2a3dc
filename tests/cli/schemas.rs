//! Every versioned JSON output validates against its JSON Schema in
//! `docs/schemas/`, on real runs of the CLI over the bundled archive and
//! the fixtures; and the schemas are strict enough that a renamed or
//! missing field fails them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{fixture, pledgediff, root, stderr_of};

/// The report schema refers to the diff schema by this id.
const DIFF_ID: &str = "urn:pledgediff:schema:diff:2";

fn schema(name: &str) -> Value {
    let path = root()
        .join("docs/schemas")
        .join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Errors of `doc` against schema `name`, one line each (empty: valid).
fn errors(name: &str, doc: &Value) -> Vec<String> {
    let registry = jsonschema::Registry::new()
        .add(DIFF_ID, schema("diff"))
        .expect("the diff schema's id is a URI")
        .prepare()
        .expect("the registry builds offline");
    let validator = jsonschema::options()
        .offline()
        .with_registry(&registry)
        .build(&schema(name))
        .unwrap_or_else(|e| panic!("{name}.schema.json does not compile: {e}"));
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Runs pledgediff with `args` (expecting exit 0 or 1) and parses its
/// standard output as JSON.
fn run_json(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Value {
    run_json_exiting(args, &[0, 1])
}

/// [`run_json`] accepting the exit codes `codes`: an archive command that
/// left a file out still writes its whole document, then exits 2.
fn run_json_exiting(args: &[&dyn AsRef<std::ffi::OsStr>], codes: &[i32]) -> Value {
    let mut cmd = pledgediff();
    for a in args {
        cmd.arg(a);
    }
    let out = cmd.output().expect("runs");
    assert!(
        out.status.code().is_some_and(|c| codes.contains(&c)),
        "{:?}: {}",
        args.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
        stderr_of(&out)
    );
    serde_json::from_slice(&out.stdout).expect("standard output is JSON")
}

fn assert_valid(name: &str, doc: &Value, what: &str) {
    let errs = errors(name, doc);
    assert!(
        errs.is_empty(),
        "{what} fails {name}.schema.json:\n{}",
        errs.join("\n")
    );
}

/// The bundled statements in date order.
fn history_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("history/us-japan-scc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

/// The old/new pairs of the gold and rewritten fixtures.
fn fixture_pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    for set in ["gold", "rewritten"] {
        for e in std::fs::read_dir(fixture(set)).unwrap() {
            let dir = e.unwrap().path();
            if dir.join("old.md").is_file() {
                pairs.push((dir.join("old.md"), dir.join("new.md")));
            }
        }
    }
    pairs.sort();
    pairs
}

#[test]
fn diff_outputs_match_their_schema() {
    let history = history_files();
    let mut pairs: Vec<(PathBuf, PathBuf)> = history
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect();
    pairs.extend(fixture_pairs());
    assert!(pairs.len() >= 10, "found {} pairs", pairs.len());
    for (old, new) in &pairs {
        let doc = run_json(&[&"diff", &"--format", &"json", old, new]);
        assert_valid("diff", &doc, &format!("diff {old:?} {new:?}"));
    }
    // --explain adds a field to each pledge change.
    let (old, new) = &pairs[2];
    let doc = run_json(&[&"diff", &"--format", &"json", &"--explain", old, new]);
    assert!(doc["pledges"][0]["explain"].is_array());
    assert_valid("diff", &doc, "diff --explain");
}

#[test]
fn normalize_and_pledges_outputs_match_their_schemas() {
    let mut files = history_files();
    for (old, new) in fixture_pairs() {
        files.push(old);
        files.push(new);
    }
    // Saved pages: chrome removed, headings, labels.
    for e in std::fs::read_dir(fixture("pages")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "html" || x == "txt") {
            files.push(p);
        }
    }
    for f in &files {
        let doc = run_json(&[&"normalize", &"--format", &"json", f]);
        assert_valid("normalize", &doc, &format!("normalize {f:?}"));
        let doc = run_json(&[&"pledges", &"--format", &"json", f]);
        assert_valid("pledges", &doc, &format!("pledges {f:?}"));
    }
    let doc = run_json(&[&"pledges", &"--format", &"json", &"--explain", &files[0]]);
    assert!(doc["pledges"][0]["explain"].is_array());
    assert_valid("pledges", &doc, "pledges --explain");
}

/// A scratch archive of one series made of the UN-resolution gold pair,
/// plus one statement that cannot be read (for `problems`).
fn scratch_archive(dir: &Path) -> PathBuf {
    let archive = dir.join("archive");
    let series = archive.join("unga-drought-resilience");
    std::fs::create_dir_all(&series).unwrap();
    let pair = fixture("gold/un-resolution-annual-update");
    std::fs::copy(pair.join("old.md"), series.join("2023-12-19.md")).unwrap();
    std::fs::copy(pair.join("new.md"), series.join("2024-12-19.md")).unwrap();
    std::fs::write(
        series.join("2025-12-19.md"),
        "---\ndate: 2025-13-40\n---\n\nThe General Assembly,\n",
    )
    .unwrap();
    archive
}

#[test]
fn archive_outputs_match_their_schemas() {
    let history = root().join("history");
    let tmp = tempfile::tempdir().unwrap();
    let scratch = scratch_archive(tmp.path());
    for (archive, codes) in [(&history, &[0, 1][..]), (&scratch, &[2][..])] {
        for (command, name) in [("log", "log"), ("report", "report"), ("check", "check")] {
            // `check` counts the unreadable file as a failed check (1).
            let codes = if command == "check" && codes == [2] {
                &[1][..]
            } else {
                codes
            };
            let doc = run_json_exiting(&[&command, &"--format", &"json", archive], codes);
            assert_valid(name, &doc, &format!("{command} {archive:?}"));
        }
    }
    let doc = run_json(&[&"log", &"--format", &"json", &"--topic", &"cyber", &history]);
    assert_valid("log", &doc, "log --topic cyber");
    // The scratch archive's unreadable statement is a problem with a line.
    let doc = run_json_exiting(&[&"check", &"--format", &"json", &scratch], &[1]);
    assert_eq!(doc["problems"][0]["line"], 2, "{doc}");
    let doc = run_json_exiting(&[&"report", &"--format", &"json", &scratch], &[2]);
    assert_eq!(doc["problems"][0]["severity"], "error", "{doc}");
}

#[test]
fn the_schemas_are_valid_draft_2020_12_schemas() {
    for name in ["diff", "normalize", "pledges", "log", "report", "check"] {
        let s = schema(name);
        assert_eq!(
            s["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert!(jsonschema::meta::is_valid(&s), "{name}.schema.json");
    }
}

/// The value at JSON pointer `at` of `doc`, as an object.
fn object_at<'a>(doc: &'a mut Value, at: &str) -> &'a mut serde_json::Map<String, Value> {
    doc.pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {at}"))
}

#[test]
fn a_renamed_missing_or_unknown_field_fails_the_schema() {
    let h = history_files();
    let good = run_json(&[&"diff", &"--format", &"json", &h[2], &h[3]]);
    assert_valid("diff", &good, "the unchanged document");
    // Each object checked, with the fields the writer may leave out.
    let places: [(&str, &[&str]); 8] = [
        ("", &[]),
        ("/old", &[]),
        ("/paragraphs/0", &["bounded"]),
        ("/paragraphs/0/new_paragraphs/0", &[]),
        ("/paragraphs/0/words/0", &["old_text"]),
        ("/pledges/0", &["similarity", "explain"]),
        ("/pledges/0/new", &[]),
        ("/summary", &[]),
    ];
    for (at, optional) in places {
        let fields: Vec<String> = object_at(&mut good.clone(), at).keys().cloned().collect();
        assert!(!fields.is_empty(), "{at}");
        for field in fields {
            let mut doc = good.clone();
            let o = object_at(&mut doc, at);
            let v = o.remove(&field).unwrap();
            o.insert(format!("{field}_renamed"), v);
            assert!(
                !errors("diff", &doc).is_empty(),
                "{at}/{field} renamed passes"
            );
            if !optional.contains(&field.as_str()) {
                let mut doc = good.clone();
                object_at(&mut doc, at).remove(&field);
                assert!(
                    !errors("diff", &doc).is_empty(),
                    "{at}/{field} missing passes"
                );
            }
        }
    }
    // The citation fields in the other documents.
    let mut pledges = run_json(&[&"pledges", &"--format", &"json", &h[2]]);
    assert_valid("pledges", &pledges, "pledges");
    object_at(&mut pledges, "/pledges/0").remove("number");
    assert!(!errors("pledges", &pledges).is_empty());
    let mut log = run_json(&[&"log", &"--format", &"json", &root().join("history")]);
    object_at(&mut log, "/series/0/lineages/0").remove("first_label");
    assert!(!errors("log", &log).is_empty());
    // A report's steps are held to the diff schema.
    let mut report = run_json(&[&"report", &"--format", &"json", &root().join("history")]);
    assert_valid("report", &report, "report");
    object_at(
        &mut report,
        "/series/0/steps/0/paragraphs/0/old_paragraphs/0",
    )
    .remove("line");
    assert!(!errors("report", &report).is_empty());
}
