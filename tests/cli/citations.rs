//! Citable paragraph numbers, checked on a short UN-resolution-style
//! text written for this test: the expected numbers, labels and lines
//! below were read off the text (line numbers count the front matter),
//! not copied from a run.

use std::path::Path;

use serde_json::Value;

use crate::common::{pledgediff, stdout_of};

/// Preamble (three unnumbered paragraphs), then operative paragraphs
/// "1." to "3.", the second with sub-paragraphs "(a)" and "(b)".
const OLD: &str = "---
date: 2030-06-01
title: Safeguarding coastal wetlands
provenance: illustrative
---

# Safeguarding coastal wetlands

The Assembly of the Parties,

Recalling its earlier decisions on the conservation of coastal wetlands,

Alarmed by the loss of mangrove forests over the past decade,

1. Calls upon all Parties to halt the drainage of coastal wetlands by 2035;

2. Requests the secretariat:

(a) To prepare a global inventory of tidal marshes and mangrove forests;

(b) To report on the progress made to the Assembly at its next session;

3. Decides to remain seized of the matter.
";

/// The next year's text: a new operative paragraph "2." (hard-wrapped
/// over two lines) renumbers the later ones, "(b)" is reworded, and "4."
/// follows "(b)" with no blank line between them.
const NEW: &str = "---
date: 2031-06-01
title: Safeguarding coastal wetlands
provenance: illustrative
---

# Safeguarding coastal wetlands

The Assembly of the Parties,

Recalling its earlier decisions on the conservation of coastal wetlands,

Alarmed by the loss of mangrove forests over the past decade,

1. Calls upon all Parties to halt the drainage of coastal wetlands by 2035;

2. Urges all Parties to restore at least a fifth of their degraded coastal
wetlands by 2040;

3. Requests the secretariat:

(a) To prepare a global inventory of tidal marshes and mangrove forests;

(b) To report on the progress made to the Assembly at each of its sessions;
4. Decides to remain seized of the matter.
";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn json(args: &[&std::ffi::OsStr]) -> Value {
    let out = pledgediff().args(args).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (number, label, line) of each paragraph of `normalize --format json`.
fn citations(doc: &Value) -> Vec<(u64, Option<String>, u64)> {
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["number"].as_u64().unwrap(),
                p["label"].as_str().map(str::to_string),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn cite(number: u64, label: Option<&str>, line: u64) -> (u64, Option<String>, u64) {
    (number, label.map(str::to_string), line)
}

#[test]
fn operative_paragraphs_keep_their_own_numbers_beside_ours() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.md", OLD);
    let new = write(dir.path(), "new.md", NEW);
    let doc = json(&[
        "normalize".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        old.as_ref(),
    ]);
    assert_eq!(
        citations(&doc),
        [
            cite(1, None, 9),
            cite(2, None, 11),
            cite(3, None, 13),
            cite(4, Some("1."), 15),
            cite(5, Some("2."), 17),
            cite(6, Some("(a)"), 19),
            cite(7, Some("(b)"), 21),
            cite(8, Some("3."), 23),
        ]
    );
    // The 0-based index stays beside the number.
    assert_eq!(doc["paragraphs"][3]["index"], 3);
    let doc = json(&[
        "normalize".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        new.as_ref(),
    ]);
    assert_eq!(
        citations(&doc),
        [
            cite(1, None, 9),
            cite(2, None, 11),
            cite(3, None, 13),
            cite(4, Some("1."), 15),
            cite(5, Some("2."), 17),
            cite(6, Some("3."), 20),
            cite(7, Some("(a)"), 22),
            cite(8, Some("(b)"), 24),
            cite(9, Some("4."), 25),
        ]
    );
}

#[test]
fn normalize_text_numbers_paragraphs_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.md", OLD);
    let out = pledgediff().arg("normalize").arg(&old).output().unwrap();
    let text = stdout_of(&out);
    assert!(
        text.contains("\n\u{b6}1, line 9\nThe Assembly of the Parties,\n"),
        "{text}"
    );
    assert!(
        text.contains("\n\u{b6}6 \"(a)\", line 19\nTo prepare"),
        "{text}"
    );
    assert!(!text.contains("\u{b6}0"), "{text}");
}

#[test]
fn a_renumbered_resolution_is_cited_by_both_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.md", OLD);
    let new = write(dir.path(), "new.md", NEW);
    let out = pledgediff()
        .args(["diff", "--color", "never"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    // The new "2. Urges …" is an added pledge, cited where it stands.
    assert!(
        text.contains("+ added (new \u{b6}5 \"2.\", line 17)"),
        "{text}"
    );
    // "(b)" is the seventh paragraph before and the eighth after.
    assert!(
        text.contains("@@ \u{b6}7 \"(b)\", line 21 \u{2192} \u{b6}8 \"(b)\", line 24 modified"),
        "{text}"
    );

    let doc = json(&[
        "diff".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        old.as_ref(),
        new.as_ref(),
    ]);
    let added = doc["pledges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["change"] == "added")
        .expect("the new operative paragraph 2 adds a pledge");
    assert_eq!(added["new"]["paragraph"], 4);
    assert_eq!(added["new"]["number"], 5);
    assert_eq!(added["new"]["label"], "2.");
    assert_eq!(added["new"]["line"], 17);
    // Old "2. Requests" is new "3. Requests": renumbering is no change,
    // and each side keeps its own label.
    let requests = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["old"] == serde_json::json!([4]))
        .unwrap();
    assert_eq!(requests["change"], "unchanged");
    assert_eq!(requests["old_paragraphs"][0]["label"], "2.");
    assert_eq!(requests["new_paragraphs"][0]["label"], "3.");
    assert_eq!(requests["new_paragraphs"][0]["number"], 6);
    assert_eq!(requests["new_paragraphs"][0]["line"], 20);
    // An unlabelled preamble paragraph has a null label, not a missing one.
    assert_eq!(
        doc["paragraphs"][0]["old_paragraphs"][0]["label"],
        Value::Null
    );
}

#[test]
fn pledges_are_cited_by_number_label_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let new = write(dir.path(), "new.md", NEW);
    let doc = json(&[
        "pledges".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        new.as_ref(),
    ]);
    let urges = doc["pledges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lemma"] == "urge")
        .expect("operative paragraph 2 urges");
    assert_eq!(
        (&urges["number"], &urges["label"], &urges["line"]),
        (&Value::from(5), &Value::from("2."), &Value::from(17))
    );
    let out = pledgediff()
        .args(["pledges", "--color", "never"])
        .arg(&new)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("\u{b6}5 \"2.\", line 17 strength"), "{text}");
}

#[test]
fn bullets_are_list_marks_not_citable_labels() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bullets.md",
        "The Leaders agreed to the following steps.\n\n\
         - We will share data on coastal erosion.\n\n\
         iv. We will meet again next year.\n\n\
         3.1 The Parties will report every year.\n",
    );
    let doc = json(&[
        "diff".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        f.as_ref(),
        f.as_ref(),
    ]);
    let labels: Vec<&Value> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["new_paragraphs"][0]["label"])
        .collect();
    assert_eq!(
        labels,
        [
            &Value::Null,
            &Value::Null,
            &Value::from("iv."),
            &Value::from("3.1")
        ]
    );
    // normalize keeps showing the marker as written, bullet included.
    let doc = json(&[
        "normalize".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        f.as_ref(),
    ]);
    assert_eq!(doc["paragraphs"][1]["label"], "-");
    assert_eq!(doc["paragraphs"][1]["number"], 2);
}
