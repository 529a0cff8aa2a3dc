//! `diff`: exit statuses, the headline pledge case, filters, the JSON
//! contract, word diffs, determinism, moves, standard input, color,
//! context, closed pipes and provenance labels.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

use crate::common::{diff_json, fixture, history, pledgediff, squash, stderr_of, stdout_of};
use pledgediff::render::json::DiffView;

const OLD_2017: &str = "history/us-japan-scc/2017-08-17.md";
const NEW_2019: &str = "history/us-japan-scc/2019-04-19.md";
const GOLD_SPLIT: &str = "tests/fixtures/gold/alliance-weakened-and-split";

fn run(args: &[&str]) -> std::process::Output {
    pledgediff().args(args).output().expect("runs")
}

fn json_of(args: &[&str]) -> (Option<i32>, DiffView) {
    let out = run(args);
    let view = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not pledgediff.diff/2 JSON ({e}): {}",
            stderr_of(&out)
        )
    });
    (out.status.code(), view)
}

// ---------------------------------------------------------------- exit status

#[test]
fn diff_of_a_file_with_itself_exits_0_with_nothing_changed() {
    for f in ["2017-08-17.md", "2019-04-19.md"] {
        let p = format!("history/us-japan-scc/{f}");
        let (code, view) = json_of(&["diff", "--format", "json", &p, &p]);
        assert_eq!(code, Some(0), "{f}");
        assert!(view.pledges.is_empty(), "{f}: {:?}", view.pledges);
        assert!(!view.paragraphs.is_empty());
        for para in &view.paragraphs {
            assert_eq!(para.change, "unchanged", "{f}: {para:?}");
            assert!(!para.moved);
            assert_eq!(para.old, para.new);
            assert!(para.words.iter().all(|w| w.op == "equal"));
        }
        assert_eq!(view.summary["unchanged"], view.paragraphs.len());
        assert_eq!(view.summary["moved"], 0);
    }
}

#[test]
fn diff_of_a_file_with_itself_text_says_no_pledge_changes() {
    let out = run(&["diff", NEW_2019, NEW_2019]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout_of(&out);
    assert!(text.contains("Pledges: no pledge changes"), "{text}");
    assert!(text.contains("13 unchanged"), "{text}");
}

#[test]
fn history_2017_to_2019_exits_1() {
    let out = run(&["diff", OLD_2017, NEW_2019]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
}

#[test]
fn every_format_gives_the_same_exit_status() {
    for format in ["text", "markdown", "json"] {
        let out = run(&["diff", "--format", format, OLD_2017, NEW_2019]);
        assert_eq!(out.status.code(), Some(1), "--format {format}");
        let out = run(&["diff", "--format", format, NEW_2019, NEW_2019]);
        assert_eq!(out.status.code(), Some(0), "--format {format}");
    }
}

// ---------------------------------------------------------------- headline

#[test]
fn cyber_attack_article_v_pledge_is_reported_added_2017_to_2019() {
    let view = diff_json(&history("2017-08-17.md"), &history("2019-04-19.md"));
    let hit = view.pledges.iter().find(|p| {
        p.change == "added"
            && p.new
                .as_ref()
                .is_some_and(|n| n.text.contains("cyber attack could"))
    });
    let hit = hit.unwrap_or_else(|| {
        panic!(
            "no added pledge containing \"cyber attack could\"; pledges: {:#?}",
            view.pledges
                .iter()
                .map(|p| (&p.change, p.new.as_ref().map(|n| &n.text)))
                .collect::<Vec<_>>()
        )
    });
    assert!(hit.old.is_none(), "an added pledge has no old side");
    assert!(hit.topics.iter().any(|t| t == "cyber"), "{:?}", hit.topics);
    assert!(
        hit.topics.iter().any(|t| t == "article-v"),
        "{:?}",
        hit.topics
    );
    assert!(!hit.reasons.is_empty());
}

#[test]
fn cyber_attack_pledge_is_in_the_text_report() {
    let out = run(&["diff", "--color", "never", OLD_2017, NEW_2019]);
    let text = stdout_of(&out);
    let line = text
        .lines()
        .position(|l| l.contains("cyber attack could"))
        .expect("pledge text in report");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[line - 1].contains("added") && lines[line - 1].contains("article-v"),
        "header line before the pledge: {:?}",
        lines[line - 1]
    );
}

// ---------------------------------------------------------------- filters

#[test]
fn topic_cyber_keeps_only_cyber_pledges() {
    let (_, all) = json_of(&["diff", "--format", "json", OLD_2017, NEW_2019]);
    let (code, cyber) = json_of(&[
        "diff", "--format", "json", "--topic", "cyber", OLD_2017, NEW_2019,
    ]);
    assert_eq!(code, Some(1));
    assert!(!cyber.pledges.is_empty());
    for p in &cyber.pledges {
        assert!(p.topics.iter().any(|t| t == "cyber"), "{p:?}");
    }
    let expected: Vec<_> = all
        .pledges
        .iter()
        .filter(|p| p.topics.iter().any(|t| t == "cyber"))
        .collect();
    assert_eq!(cyber.pledges.len(), expected.len());
    assert!(cyber.pledges.len() < all.pledges.len());
    // The filter is on paragraphs too: only those that hold a cyber
    // pledge change, each one of the unfiltered diff's.
    assert!(!cyber.paragraphs.is_empty());
    assert!(cyber.paragraphs.len() < all.paragraphs.len());
    for p in &cyber.paragraphs {
        assert!(all.paragraphs.contains(p), "{p:?}");
        let holds = cyber.pledges.iter().any(|ch| {
            ch.old
                .as_ref()
                .is_some_and(|o| p.old.contains(&o.paragraph))
                || ch
                    .new
                    .as_ref()
                    .is_some_and(|n| p.new.contains(&n.paragraph))
        });
        assert!(holds, "paragraph without a cyber pledge change: {p:?}");
    }
    let n: usize = ["added", "dropped", "strengthened", "weakened", "modified"]
        .iter()
        .map(|k| cyber.summary[&format!("pledges_{k}")])
        .sum();
    assert_eq!(n, cyber.pledges.len(), "summary counts the shown pledges");
}

#[test]
fn topic_filter_applies_to_text_output() {
    let out = run(&["diff", "--topic", "cyber", OLD_2017, NEW_2019]);
    let text = stdout_of(&out);
    for line in text.lines() {
        let t = line.trim_start();
        let is_pledge_head = [
            "+ added",
            "- dropped",
            "↑ strengthened",
            "↓ weakened",
            "~ modified",
        ]
        .iter()
        .any(|h| t.starts_with(h));
        if is_pledge_head {
            assert!(line.contains("cyber"), "non-cyber pledge shown: {line}");
        }
    }
}

#[test]
fn technology_ai_topic_is_not_matched_by_air_or_aimed() {
    // The file says nothing about technology or AI; "Air Station" and
    // "aimed at" must not tag pledges `technology-ai`.
    let out = run(&[
        "pledges",
        "--format",
        "json",
        "--topic",
        "technology-ai",
        "tests/fixtures/gold/alliance-cyber-article-v-added/new.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let view: pledgediff::render::json::PledgesView = serde_json::from_slice(&out.stdout).unwrap();
    let texts: Vec<&str> = view.pledges.iter().map(|p| p.text.as_str()).collect();
    assert!(texts.is_empty(), "tagged technology-ai: {texts:#?}");
}

#[test]
fn min_change_removes_modified_pledges() {
    let (_, all) = json_of(&["diff", "--format", "json", OLD_2017, NEW_2019]);
    let (code, min) = json_of(&[
        "diff",
        "--format",
        "json",
        "--min-change",
        OLD_2017,
        NEW_2019,
    ]);
    assert_eq!(code, Some(1));
    assert!(
        all.pledges.iter().any(|p| p.change == "modified"),
        "the pair should have modified pledges for this test to mean anything"
    );
    assert!(min.pledges.iter().all(|p| p.change != "modified"));
    let kept = all
        .pledges
        .iter()
        .filter(|p| p.change != "modified")
        .count();
    assert_eq!(min.pledges.len(), kept);
    assert_eq!(min.summary["pledges_modified"], 0);
}

// ---------------------------------------------------------------- JSON contract

const PARAGRAPH_KINDS: [&str; 7] = [
    "unchanged",
    "reworded",
    "modified",
    "added",
    "dropped",
    "split",
    "merged",
];
const PLEDGE_KINDS: [&str; 5] = ["added", "dropped", "strengthened", "weakened", "modified"];

fn raw_json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        stderr_of(&out)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn is_opt_string(v: &Value) -> bool {
    v.is_null() || v.is_string()
}

fn check_statement(v: &Value, what: &str) {
    let o = v
        .as_object()
        .unwrap_or_else(|| panic!("{what} is an object"));
    assert!(o["path"].is_string(), "{what}.path");
    for k in ["date", "title", "provenance"] {
        assert!(o.contains_key(k), "{what}.{k} missing");
        assert!(is_opt_string(&o[k]), "{what}.{k} is string or null");
    }
}

fn check_side(v: &Value, what: &str) {
    if v.is_null() {
        return;
    }
    for k in ["text", "actor", "verb"] {
        assert!(v[k].is_string(), "{what}.{k}");
    }
    assert!(v["paragraph"].is_u64(), "{what}.paragraph");
    assert!(v["strength"].is_i64(), "{what}.strength");
}

fn check_diff_contract(v: &Value) {
    assert_eq!(v["schema"], "pledgediff.diff/2");
    check_statement(&v["old"], "old");
    check_statement(&v["new"], "new");
    let paras = v["paragraphs"].as_array().expect("paragraphs array");
    assert!(!paras.is_empty());
    for (i, p) in paras.iter().enumerate() {
        let o = p.as_object().expect("paragraph object");
        for k in [
            "change",
            "moved",
            "old",
            "new",
            "similarity",
            "old_text",
            "new_text",
            "words",
        ] {
            assert!(o.contains_key(k), "paragraphs[{i}].{k} missing: {p}");
        }
        let change = o["change"].as_str().expect("change is a string");
        assert!(
            PARAGRAPH_KINDS.contains(&change),
            "paragraphs[{i}].change = {change}"
        );
        assert!(o["moved"].is_boolean());
        for side in ["old", "new"] {
            let idx = o[side].as_array().expect("index list");
            assert!(idx.iter().all(Value::is_u64));
        }
        assert!(o["similarity"].is_null() || o["similarity"].is_f64() || o["similarity"].is_u64());
        assert!(is_opt_string(&o["old_text"]) && is_opt_string(&o["new_text"]));
        assert_eq!(
            o["old_text"].is_null(),
            o["old"].as_array().unwrap().is_empty()
        );
        assert_eq!(
            o["new_text"].is_null(),
            o["new"].as_array().unwrap().is_empty()
        );
        for w in o["words"].as_array().expect("words array") {
            let op = w["op"].as_str().expect("op string");
            assert!(["equal", "insert", "delete"].contains(&op), "op {op}");
            assert!(w["text"].is_string());
            if let Some(old_text) = w.get("old_text") {
                assert!(old_text.is_string(), "words[].old_text is a string: {w}");
                assert_eq!(op, "equal", "only equal runs carry old_text: {w}");
            }
        }
    }
    for (i, p) in v["pledges"]
        .as_array()
        .expect("pledges array")
        .iter()
        .enumerate()
    {
        let o = p.as_object().expect("pledge object");
        for k in ["change", "old", "new", "topics", "reasons"] {
            assert!(o.contains_key(k), "pledges[{i}].{k} missing: {p}");
        }
        let change = o["change"].as_str().unwrap();
        assert!(
            PLEDGE_KINDS.contains(&change),
            "pledges[{i}].change = {change}"
        );
        check_side(&o["old"], "old");
        check_side(&o["new"], "new");
        assert!(!(o["old"].is_null() && o["new"].is_null()));
        assert_eq!(o["old"].is_null(), change == "added", "pledges[{i}]");
        assert_eq!(o["new"].is_null(), change == "dropped", "pledges[{i}]");
        assert!(o["topics"].as_array().unwrap().iter().all(Value::is_string));
        assert!(o["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string));
    }
    let summary = v["summary"].as_object().expect("summary object");
    for k in PARAGRAPH_KINDS {
        assert!(summary[k].is_u64(), "summary.{k}");
        let n = paras.iter().filter(|p| p["change"] == k).count() as u64;
        assert_eq!(summary[k].as_u64(), Some(n), "summary.{k}");
    }
    let moved = paras.iter().filter(|p| p["moved"] == true).count() as u64;
    assert_eq!(summary["moved"].as_u64(), Some(moved), "summary.moved");
    for k in PLEDGE_KINDS {
        let key = format!("pledges_{k}");
        assert!(summary[&key].is_u64(), "summary.{key}");
        let n = v["pledges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["change"] == k)
            .count() as u64;
        assert_eq!(summary[&key].as_u64(), Some(n), "summary.{key}");
    }
}

#[test]
fn diff_json_has_every_contract_field_history_pair() {
    let v = raw_json(&["diff", "--format", "json", OLD_2017, NEW_2019]);
    check_diff_contract(&v);
    assert_eq!(v["old"]["path"], OLD_2017);
    assert_eq!(v["old"]["date"], "2017-08-17");
    assert_eq!(v["old"]["provenance"], "illustrative");
    assert_eq!(v["new"]["date"], "2019-04-19");
    assert_eq!(v["new"]["provenance"], "published");
    assert_eq!(
        v["new"]["title"],
        "Joint Statement of the Security Consultative Committee"
    );
    // The typed view accepts the same bytes.
    let _: DiffView = serde_json::from_value(v).expect("typed view");
}

#[test]
fn diff_json_has_every_contract_field_on_every_gold_pair() {
    let gold = fixture("gold");
    let mut n = 0;
    for entry in fs::read_dir(&gold).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("old.md").exists() {
            continue;
        }
        let old = dir.join("old.md");
        let new = dir.join("new.md");
        let v = raw_json(&[
            "diff",
            "--format",
            "json",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ]);
        check_diff_contract(&v);
        n += 1;
    }
    assert!(n >= 8, "gold pairs found: {n}");
}

#[test]
fn diff_json_has_every_contract_field_when_there_is_no_change() {
    let v = raw_json(&["diff", "--format", "json", NEW_2019, NEW_2019]);
    check_diff_contract(&v);
    assert_eq!(v["pledges"].as_array().unwrap().len(), 0);
}

// ---------------------------------------------------------------- word diffs

/// Rebuilds old (equal + delete) and new (equal + insert) text from each
/// entry's word runs and compares them, after `fold`, with `old_text` and
/// `new_text`. Returns one line per mismatch.
fn words_rebuild_problems(
    view: &DiffView,
    what: &str,
    fold: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, p) in view.paragraphs.iter().enumerate() {
        if p.bounded {
            continue;
        }
        // Equal runs carry the new side's wording in `text` and, where the
        // old wording differs (quote style, spacing), the old in `old_text`.
        let old: String = p
            .words
            .iter()
            .filter(|w| w.op != "insert")
            .map(|w| w.old_text.as_deref().unwrap_or(&w.text))
            .collect();
        let new: String = p
            .words
            .iter()
            .filter(|w| w.op != "delete")
            .map(|w| w.text.as_str())
            .collect();
        for (side, rebuilt, text) in [("old", old, &p.old_text), ("new", new, &p.new_text)] {
            let (rebuilt, text) = (fold(&rebuilt), fold(text.as_deref().unwrap_or("")));
            if rebuilt != text {
                let at = rebuilt
                    .chars()
                    .zip(text.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let near = |s: &str| {
                    s.chars()
                        .skip(at.saturating_sub(20))
                        .take(50)
                        .collect::<String>()
                };
                problems.push(format!(
                    "{what}: entry {i} ({}) {side}: rebuilt {:?} vs {side}_text {:?}",
                    p.change,
                    near(&rebuilt),
                    near(&text)
                ));
            }
        }
    }
    problems
}

/// Every history pair in date order and every gold pair.
fn all_pairs() -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let files = [
        "2015-04-27.md",
        "2017-08-17.md",
        "2019-04-19.md",
        "2021-03-16.md",
        "2023-01-11.md",
    ];
    let mut pairs: Vec<_> = files
        .windows(2)
        .map(|w| (history(w[0]), history(w[1])))
        .collect();
    let mut gold: Vec<_> = fs::read_dir(fixture("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|d| d.join("old.md").exists())
        .collect();
    gold.sort();
    pairs.extend(
        gold.into_iter()
            .map(|d| (d.join("old.md"), d.join("new.md"))),
    );
    pairs
}

fn rebuild_problems_over_all_pairs(fold: &dyn Fn(&str) -> String) -> Vec<String> {
    all_pairs()
        .iter()
        .flat_map(|(a, b)| {
            let what = format!(
                "{} -> {}",
                a.strip_prefix(crate::common::root()).unwrap_or(a).display(),
                b.file_name().unwrap().to_string_lossy()
            );
            words_rebuild_problems(&diff_json(a, b), &what, fold)
        })
        .collect()
}

#[test]
fn word_diffs_rebuild_old_and_new_text_exactly() {
    // Whitespace collapsed, nothing else folded: the word runs are the
    // only redline a JSON consumer gets, so each side must come back as written.
    let problems = rebuild_problems_over_all_pairs(&squash);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn word_diffs_rebuild_old_and_new_text_up_to_quote_style() {
    // Folding quotes and dashes as the comparison does: no word may be lost,
    // duplicated or reordered.
    let fold = |s: &str| squash(&pledgediff::normalize::canonical(s));
    let problems = rebuild_problems_over_all_pairs(&fold);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------- determinism

#[test]
fn same_input_twice_gives_byte_identical_output() {
    for format in ["text", "markdown", "json"] {
        let a = run(&["diff", "--format", format, "--all", OLD_2017, NEW_2019]);
        let b = run(&["diff", "--format", format, "--all", OLD_2017, NEW_2019]);
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "--format {format} differs between runs");
        assert_eq!(a.status.code(), b.status.code());
    }
}

// ---------------------------------------------------------------- moves

const FRONT: &str = "---\ndate: 2020-01-01\ntitle: Move test\nprovenance: illustrative\n---\n\n";

fn move_pair_paragraphs() -> Vec<&'static str> {
    vec![
        "The Ministers met in Tokyo to review the state of the Alliance and its readiness for the years ahead.",
        "The Ministers committed to expand joint exercises in the East China Sea with additional naval assets.",
        "The Ministers welcomed progress on the relocation of Marine Corps units from Okinawa to Guam.",
        "The Ministers reaffirmed that Article V of the Treaty applies to the Senkaku Islands.",
        "The Ministers decided to establish a working group on space situational awareness.",
        "The Ministers agreed to meet again in Washington at the earliest possible date.",
    ]
}

#[test]
fn moved_paragraph_appears_once_with_moved_true() {
    let dir = tempfile::tempdir().unwrap();
    let paras = move_pair_paragraphs();
    let old_body = paras.join("\n\n");
    // Paragraph 1 moves to just before the last one.
    let mut moved = paras.clone();
    let p = moved.remove(1);
    moved.insert(4, p);
    let new_body = moved.join("\n\n");
    let old = dir.path().join("old.md");
    let new = dir.path().join("new.md");
    fs::write(&old, format!("{FRONT}{old_body}\n")).unwrap();
    fs::write(&new, format!("{FRONT}{new_body}\n")).unwrap();

    let out = pledgediff()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let view: DiffView = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        view.paragraphs.len(),
        6,
        "one entry per paragraph: {:#?}",
        view.paragraphs
    );
    let moved_entries: Vec<_> = view.paragraphs.iter().filter(|p| p.moved).collect();
    assert_eq!(moved_entries.len(), 1, "{:#?}", view.paragraphs);
    let m = moved_entries[0];
    assert_eq!(m.old, vec![1]);
    assert_eq!(m.new, vec![4]);
    assert_eq!(m.change, "unchanged");
    assert_eq!(m.old_text.as_deref(), Some(paras[1]));
    // The moved text appears in exactly one entry, not as dropped + added.
    let mentions = view
        .paragraphs
        .iter()
        .filter(|p| {
            p.old_text.as_deref() == Some(paras[1]) || p.new_text.as_deref() == Some(paras[1])
        })
        .count();
    assert_eq!(mentions, 1);
    assert!(view
        .paragraphs
        .iter()
        .all(|p| p.change != "added" && p.change != "dropped"));
    assert!(view.pledges.is_empty(), "{:?}", view.pledges);
    assert_eq!(view.summary["moved"], 1);
}

#[test]
fn moved_paragraph_is_shown_in_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let paras = move_pair_paragraphs();
    let mut moved = paras.clone();
    let p = moved.remove(1);
    moved.insert(4, p);
    let old = dir.path().join("old.md");
    let new = dir.path().join("new.md");
    fs::write(&old, format!("{FRONT}{}\n", paras.join("\n\n"))).unwrap();
    fs::write(&new, format!("{FRONT}{}\n", moved.join("\n\n"))).unwrap();
    let out = pledgediff()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    // The second paragraph (index 1) moved: cited 1-based, as ¶2.
    assert!(text.contains("moved from \u{b6}2"), "{text}");
    assert!(text.contains("1 moved"), "{text}");
}

// ---------------------------------------------------------------- stdin

#[test]
fn dash_reads_old_side_from_stdin() {
    let old_text = fs::read(history("2017-08-17.md")).unwrap();
    let out = pledgediff()
        .args(["diff", "--format", "json", "-", NEW_2019])
        .write_stdin(old_text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let from_stdin: DiffView = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_stdin.old.path, "<stdin>");
    assert_eq!(from_stdin.old.date.as_deref(), Some("2017-08-17"));
    let (_, from_file) = json_of(&["diff", "--format", "json", OLD_2017, NEW_2019]);
    assert_eq!(from_stdin.paragraphs, from_file.paragraphs);
    assert_eq!(from_stdin.pledges, from_file.pledges);
}

#[test]
fn dash_reads_new_side_from_stdin() {
    let text = fs::read(history("2019-04-19.md")).unwrap();
    let out = pledgediff()
        .args(["diff", "--format", "json", NEW_2019, "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let view: DiffView = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view.new.path, "<stdin>");
    assert!(view.pledges.is_empty());
}

#[test]
fn both_sides_dash_is_a_usage_error() {
    let out = pledgediff()
        .args(["diff", "-", "-"])
        .write_stdin("Some text.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.starts_with("pledgediff: error: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
}

// ---------------------------------------------------------------- color

const ESC: &str = "\u{1b}[";

#[test]
fn color_always_emits_ansi_escapes() {
    let out = pledgediff()
        .env_remove("NO_COLOR")
        .args(["diff", "--color", "always", OLD_2017, NEW_2019])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout_of(&out).contains(ESC));
}

#[test]
fn color_never_emits_no_ansi_escapes() {
    let out = pledgediff()
        .env_remove("NO_COLOR")
        .args(["diff", "--color", "never", "--all", OLD_2017, NEW_2019])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    assert!(!text.contains('\u{1b}'), "escape in --color never output");
    // wdiff-style markers stand in for colors.
    assert!(text.contains("[-") && text.contains("{+"), "{text}");
}

#[test]
fn no_color_env_emits_no_ansi_escapes() {
    let out = pledgediff()
        .env("NO_COLOR", "1")
        .args(["diff", "--all", OLD_2017, NEW_2019])
        .output()
        .unwrap();
    assert!(!stdout_of(&out).contains('\u{1b}'));
    let out = pledgediff()
        .env("NO_COLOR", "1")
        .args(["diff", "--color", "auto", OLD_2017, NEW_2019])
        .output()
        .unwrap();
    assert!(!stdout_of(&out).contains('\u{1b}'));
}

#[test]
fn markdown_and_json_never_contain_ansi_escapes() {
    for format in ["markdown", "json"] {
        let out = pledgediff()
            .env_remove("NO_COLOR")
            .args([
                "diff", "--color", "always", "--format", format, OLD_2017, NEW_2019,
            ])
            .output()
            .unwrap();
        assert!(
            !stdout_of(&out).contains('\u{1b}'),
            "--format {format} --color always printed escapes"
        );
    }
}

// ---------------------------------------------------------------- context

#[test]
fn unchanged_paragraphs_are_collapsed_by_default() {
    let gold = format!("{GOLD_SPLIT}/old.md");
    let gold_new = format!("{GOLD_SPLIT}/new.md");
    let (_, view) = json_of(&["diff", "--format", "json", &gold, &gold_new]);
    let unchanged: Vec<_> = view
        .paragraphs
        .iter()
        .filter(|p| p.change == "unchanged" && !p.moved)
        .collect();
    assert!(!unchanged.is_empty(), "pair needs unchanged paragraphs");
    let text = stdout_of(&run(&["diff", &gold, &gold_new]));
    assert!(text.contains("unchanged paragraph(s)"), "{text}");
    for p in &unchanged {
        let t = p.new_text.as_deref().unwrap();
        assert!(
            !text.contains(t),
            "unchanged paragraph shown by default: {t}"
        );
    }
    assert!(!text.contains(" unchanged @@"), "{text}");

    let all = stdout_of(&run(&["diff", "--all", &gold, &gold_new]));
    assert!(!all.contains("unchanged paragraph(s)"), "{all}");
    for p in &unchanged {
        let t = p.new_text.as_deref().unwrap();
        assert!(all.contains(t), "--all hides an unchanged paragraph: {t}");
    }
    let entries = all.lines().filter(|l| l.starts_with("@@ ")).count();
    assert_eq!(entries, view.paragraphs.len(), "--all shows every entry");
}

#[test]
fn unchanged_paragraphs_are_collapsed_in_markdown_and_shown_with_all() {
    let old = format!("{GOLD_SPLIT}/old.md");
    let new = format!("{GOLD_SPLIT}/new.md");
    let short = stdout_of(&run(&["diff", "--format", "markdown", &old, &new]));
    let all = stdout_of(&run(&["diff", "--format", "markdown", "--all", &old, &new]));
    let heads = |s: &str| s.lines().filter(|l| l.starts_with("### ")).count();
    assert!(heads(&all) > heads(&short), "short:\n{short}\nall:\n{all}");
    assert!(all.contains("The Ministers decided to meet again in person"));
    assert!(!short.contains("The Ministers decided to meet again in person"));
}

#[test]
fn context_n_shows_neighbours_of_changes() {
    let old = format!("{GOLD_SPLIT}/old.md");
    let new = format!("{GOLD_SPLIT}/new.md");
    let heads = |args: &[&str]| {
        stdout_of(&run(args))
            .lines()
            .filter(|l| l.starts_with("@@ "))
            .count()
    };
    let c0 = heads(&["diff", &old, &new]);
    let c1 = heads(&["diff", "-C", "1", &old, &new]);
    let all = heads(&["diff", "--all", &old, &new]);
    assert!(c0 < c1 && c1 <= all, "C0 {c0}, C1 {c1}, all {all}");
}

#[test]
fn context_and_all_conflict() {
    let out = run(&["diff", "-C", "2", "--all", OLD_2017, NEW_2019]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------- pipes

/// A statement large enough that its `--all` report overflows any pipe buffer.
fn large_pair(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut old = String::from(FRONT);
    let mut new = String::from(FRONT);
    for i in 0..1500 {
        let p = format!(
            "Paragraph {i}: the Ministers reviewed item number {i} of the work plan and noted the progress made on it since the last meeting of the Committee."
        );
        old.push_str(&p);
        old.push_str("\n\n");
        if i % 100 == 0 {
            new.push_str(&p.replace("noted", "welcomed"));
        } else {
            new.push_str(&p);
        }
        new.push_str("\n\n");
    }
    let (a, b) = (dir.join("old.md"), dir.join("new.md"));
    fs::write(&a, old).unwrap();
    fs::write(&b, new).unwrap();
    (a, b)
}

/// Runs pledgediff with `args` (files from `large_pair`), reads one line
/// of its output and closes the pipe, like `| head -1`. Checks no error is
/// printed and the status is 0 or 1.
fn assert_closed_pipe_is_quiet(args: &[&std::ffi::OsStr]) -> Option<i32> {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pledgediff"))
        .current_dir(crate::common::root())
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "{args:?}: no output");
    drop(reader); // closes our end of the pipe
    let out = child.wait_with_output().unwrap();
    let err = stderr_of(&out);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: status {:?}, stderr {err:?}",
        out.status
    );
    assert!(err.is_empty(), "{args:?}: stderr {err:?}");
    out.status.code()
}

/// Regression: `pledgediff diff OLD NEW | head -1` exited 0, so under
/// `set -o pipefail` a changed pair read as unchanged. A closed pipe keeps
/// the status the run would have had.
#[test]
fn a_closed_pipe_keeps_the_status_of_a_changed_pair() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = large_pair(dir.path());
    let status = assert_closed_pipe_is_quiet(&[
        "diff".as_ref(),
        "--all".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
    ]);
    assert_eq!(status, Some(1));
}

fn closed_pipe_diff(format: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = large_pair(dir.path());
    assert_closed_pipe_is_quiet(&[
        "diff".as_ref(),
        "--all".as_ref(),
        "--format".as_ref(),
        format.as_ref(),
        old.as_os_str(),
        new.as_os_str(),
    ]);
}

#[test]
fn closed_output_pipe_is_not_an_error_text() {
    closed_pipe_diff("text");
}

#[test]
fn closed_output_pipe_is_not_an_error_markdown() {
    closed_pipe_diff("markdown");
}

#[test]
fn closed_output_pipe_is_not_an_error_json() {
    closed_pipe_diff("json");
}

#[test]
fn closed_output_pipe_is_not_an_error_normalize_json() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = large_pair(dir.path());
    assert_closed_pipe_is_quiet(&[
        "normalize".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        old.as_os_str(),
    ]);
}

// ---------------------------------------------------------------- provenance

#[test]
fn illustrative_statement_is_labelled_in_text() {
    let text = stdout_of(&run(&["diff", OLD_2017, NEW_2019]));
    assert!(
        text.contains(&format!("note: {OLD_2017} is an illustrative text")),
        "{text}"
    );
    assert!(
        !text.contains(&format!("note: {NEW_2019} is an illustrative")),
        "the published 2019 statement is labelled illustrative"
    );
    let header = text.lines().next().unwrap();
    assert!(header.contains("illustrative"), "{header}");
    let second = text.lines().nth(1).unwrap();
    assert!(second.contains("published"), "{second}");
}

#[test]
fn illustrative_statement_is_labelled_in_markdown() {
    let md = stdout_of(&run(&["diff", "--format", "markdown", OLD_2017, NEW_2019]));
    let row = md
        .lines()
        .find(|l| l.starts_with("| Provenance"))
        .expect("provenance row");
    assert!(row.contains("illustrative"), "{row}");
    assert!(row.contains("published"), "{row}");
    assert_eq!(row.matches("illustrative").count(), 1, "{row}");
}

#[test]
fn illustrative_label_in_pledges_and_normalize_text() {
    let p = stdout_of(&run(&["pledges", OLD_2017]));
    assert!(p.lines().next().unwrap().contains("illustrative"), "{p}");
    let n = stdout_of(&run(&["normalize", OLD_2017]));
    assert!(n.lines().next().unwrap().contains("illustrative"), "{n}");
}

// ------------------------------------------- splits, merges and tables

/// Regression (unseen resolution and pledging-conference pairs): a
/// mandate paragraph split in two read as a pledge added beside one with
/// a narrower scope, and a donor table was one paragraph of pipes whose
/// header "Pledge" read as a pledge.
#[test]
fn a_split_mandate_and_a_donor_table_diff_as_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.md");
    let new = dir.path().join("new.md");
    let table = |ostmark: u32| {
        format!(
            "| Donor | Pledge (USD million) |\n|---|---:|\n| Norland | 220 |\n| Ostmark | {ostmark} |\n"
        )
    };
    let intro = "The Council met in New York to review the situation in the region.";
    let close = "The Committee may publish summaries of its assessments.";
    let whole = "Decides that the mandate of the Mission shall include the protection of \
                 civilians in the eastern provinces and support to the national electoral \
                 commission in its preparations for the general elections.";
    let halves = "Decides that the mandate of the Mission shall include the protection of \
                  civilians in the eastern provinces.\n\nDecides further that the mandate of \
                  the Mission shall include support to the national electoral commission in \
                  its preparations for the general elections.";
    fs::write(
        &old,
        format!("{FRONT}{intro}\n\n{whole}\n\n{}\n{close}\n", table(160)),
    )
    .unwrap();
    fs::write(
        &new,
        format!(
            "{FRONT}{intro}\n\n{halves}\n\n{}\n{}\n",
            table(170),
            close.replace("may", "shall")
        ),
    )
    .unwrap();
    let view = diff_json(&old, &new);
    let changes: Vec<(&str, &[String])> = view
        .pledges
        .iter()
        .map(|c| (c.change.as_str(), c.reasons.as_slice()))
        .collect();
    assert_eq!(
        changes,
        [("strengthened", &["modal: may -> shall".to_string()][..])],
        "{:#?}",
        view.pledges
    );
    let row = view
        .paragraphs
        .iter()
        .find(|p| p.new_text.as_deref() == Some("Ostmark: 170"))
        .expect("the table row is a paragraph");
    assert_eq!(row.change, "modified");
    assert_eq!(row.old_text.as_deref(), Some("Ostmark: 160"));
    assert!(view.paragraphs.iter().any(|p| p.change == "split"));
}

/// Regression: on the README's pair the 2017 pledge to democracy, the rule
/// of law and open markets was paired with the 2019 "free and open
/// Indo-Pacific" pledge (they share "commitment") and called strengthened.
/// The 2019 statement makes no pledge on democracy or the rule of law: the
/// old pledge is dropped, and the Indo-Pacific one is new.
#[test]
fn the_democracy_pledge_is_not_paired_with_the_indo_pacific_vision() {
    let view = diff_json(
        &crate::common::root().join("history/us-japan-scc/2017-08-17.md"),
        &crate::common::root().join("history/us-japan-scc/2019-04-19.md"),
    );
    let side = |s: &Option<pledgediff::render::json::PledgeSideView>, needle: &str| {
        s.as_ref().is_some_and(|p| p.text.contains(needle))
    };
    let democracy: Vec<_> = view
        .pledges
        .iter()
        .filter(|p| side(&p.old, "shared commitment to democracy"))
        .collect();
    assert_eq!(democracy.len(), 1, "{democracy:#?}");
    assert_eq!(democracy[0].change, "dropped", "{democracy:#?}");
    let vision: Vec<_> = view
        .pledges
        .iter()
        .filter(|p| side(&p.new, "free and open Indo-Pacific"))
        .collect();
    assert!(!vision.is_empty());
    assert!(
        vision.iter().all(|p| !side(&p.old, "democracy")),
        "{vision:#?}"
    );
    let meeting = vision
        .iter()
        .find(|p| side(&p.new, "affirmed their strong commitment to realize"))
        .expect("the 2019 vision pledge");
    assert_eq!(meeting.change, "added", "{meeting:#?}");
}

/// `diff --explain` of two texts written as old.md and new.md in a
/// fresh folder (kept alive by the returned guard).
fn explain_of(old: &str, new: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = (dir.path().join("old.md"), dir.path().join("new.md"));
    fs::write(&o, old).unwrap();
    fs::write(&n, new).unwrap();
    let out = pledgediff()
        .args(["diff", "--explain", "--color", "never"])
        .arg(&o)
        .arg(&n)
        .output()
        .unwrap();
    (dir, String::from_utf8(out.stdout).unwrap())
}

#[test]
fn explain_shows_candidates_similarities_and_the_strength_sum() {
    let (dir, text) = explain_of(
        "The Ministers will consider joint patrols in the northern straits.\n\n\
         The Ministers welcomed the opening of the new maritime training centre.\n",
        "The Ministers welcomed the opening of the maritime training centre in the port.\n\n\
         The Ministers will conduct joint patrols in the northern straits.\n",
    );
    let old = dir.path().join("old.md");
    // "consider" is a hedge (-2): 58 -> 60, and the pair is found though
    // the paragraphs swapped places.
    assert!(text.contains("strengthened"), "{text}");
    assert!(text.contains("paired at similarity"), "{text}");
    assert!(text.contains("strength 58 \u{2192} 60 (hedge +2"), "{text}");
    let out = pledgediff()
        .args(["pledges", "--explain", "--color", "never"])
        .arg(&old)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("why a pledge: verb form \"will\" of will (position 6)"),
        "{text}"
    );
    assert!(
        text.contains(
            "strength 58 = verb will (position 6) +60, modal will +0, hedge consider \u{2212}2"
        ),
        "{text}"
    );
}

/// Regression: CLICOLOR_FORCE was ignored, so `pledgediff diff | less -R`
/// had no color; NO_COLOR still wins over it.
#[test]
fn clicolor_force_colors_a_pipe_and_no_color_wins() {
    let run = |force: &str, no_color: Option<&str>| {
        let mut cmd = pledgediff();
        cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", force);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd
            .args(["diff"])
            .arg(history("2017-08-17.md"))
            .arg(history("2019-04-19.md"))
            .output()
            .unwrap();
        stdout_of(&out).contains('\u{1b}')
    };
    assert!(run("1", None));
    assert!(!run("0", None));
    assert!(!run("1", Some("1")));
}

#[test]
fn explain_says_an_added_framing_participle_is_no_new_pledge() {
    let (_dir, text) = explain_of(
        "The two towns will fund the new ferry pier together.\n",
        "Recognizing the growth in river traffic, the two towns shall fund the new ferry pier together.\n",
    );
    // One change: "will" -> "shall" (+3); the participle is not added.
    assert!(
        text.contains("Pledges: \u{2191} 1 strengthened\n"),
        "{text}"
    );
    assert!(!text.contains("+ added"), "{text}");
    assert!(
        text.contains(
            "framing: new \u{b6}1 \u{201c}Recognizing the growth in river traffic\u{201d}"
        ),
        "{text}"
    );
}
