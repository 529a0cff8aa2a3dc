//! Every pledge text pledgediff quotes is a span of its statement as
//! normalized: never a carried-over actor or lead-in glued onto a clause,
//! never words from elsewhere. Checked for `pledges --format json` on
//! every statement (Markdown, plain text or a saved HTML page) of the
//! bundled history, of every fixture, and of the development set in
//! `../shared/devset` when it is there, and for both sides of every
//! change `diff --format json` reports between consecutive statements of
//! a series (a fixture's `old` and `new`, or dated files of one series).
//! A text must stand inside the paragraph it cites, the one `normalize
//! --format json` lists under the same `index` (and `number`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{pledgediff, root, stdout_of};
use pledgediff::render::json::{DiffView, NormalizeView, PledgesView};

/// Files among the fixtures that are no statement: notes and the record
/// of a scoring run.
const NOT_STATEMENTS: [&str; 2] = ["README.md", "first-run.txt"];

/// The statement files under `dir`, at any depth, in path order.
fn statements_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            statements_under(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "md" || x == "txt" || x == "html")
            && p.file_name()
                .is_none_or(|n| !NOT_STATEMENTS.iter().any(|s| n == *s))
        {
            out.push(p);
        }
    }
}

/// The series a file belongs to and its place in it: `old` and `new` of
/// a fixture folder are one series, and so are dated files with the same
/// name before the date (`cri-2021-10-14.md`, `cri-2022-11-01.md`).
/// Other files stand alone.
fn series_of(file: &Path) -> Option<(PathBuf, String, String)> {
    let dir = file.parent()?.to_path_buf();
    let stem = file.file_stem()?.to_str()?;
    match stem {
        "old" => return Some((dir, String::new(), "0".into())),
        "new" => return Some((dir, String::new(), "1".into())),
        _ => {}
    }
    let cut = stem.len().checked_sub(10)?;
    let (name, date) = (stem.get(..cut)?, stem.get(cut..)?);
    let is_date = date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    is_date.then(|| {
        (
            dir,
            name.trim_end_matches('-').to_string(),
            date.to_string(),
        )
    })
}

/// Consecutive pairs of every series among `files`.
fn consecutive_pairs(files: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut series: BTreeMap<(PathBuf, String), Vec<(String, PathBuf)>> = BTreeMap::new();
    for f in files {
        if let Some((dir, name, place)) = series_of(f) {
            series
                .entry((dir, name))
                .or_default()
                .push((place, f.clone()));
        }
    }
    let mut pairs = Vec::new();
    for members in series.values_mut() {
        members.sort();
        for w in members.windows(2) {
            pairs.push((w[0].1.clone(), w[1].1.clone()));
        }
    }
    pairs
}

/// Runs `pledgediff ARGS --format json`; its output when it succeeds (a
/// `diff` that finds changes exits 1).
fn json_of(args: &[&Path], cmd: &str) -> Option<String> {
    let out = pledgediff()
        .arg(cmd)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    matches!(out.status.code(), Some(0) | Some(1)).then(|| stdout_of(&out))
}

/// `normalize` of each file, run once.
#[derive(Default)]
struct Normalized(BTreeMap<PathBuf, Option<NormalizeView>>);

impl Normalized {
    fn of(&mut self, file: &Path) -> Option<&NormalizeView> {
        self.0
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                json_of(&[file], "normalize").map(|s| serde_json::from_str(&s).unwrap())
            })
            .as_ref()
    }
}

/// Why `text`, cited at paragraph `index` (number `number`) of `file`, is
/// not a span of that paragraph; `None` when it is.
fn not_a_span(
    norm: &NormalizeView,
    file: &Path,
    index: usize,
    number: usize,
    text: &str,
    what: &str,
) -> Option<String> {
    let place = format!("{} ({what}): ¶{index} {text:?}", file.display());
    match norm.paragraphs.iter().find(|q| q.index == index) {
        None => Some(format!("{place}: no such paragraph")),
        Some(q) if q.number != number => Some(format!(
            "{place}: cites number {number}, the paragraph is number {}",
            q.number
        )),
        Some(q) if text.is_empty() || !q.text.contains(text) => {
            Some(format!("{place}: not in {:?}", q.text))
        }
        Some(_) => None,
    }
}

/// The pledge texts of `file` that are not inside their paragraph.
fn pledges_not_spans(file: &Path, norms: &mut Normalized) -> Vec<String> {
    let Some(pledges) = json_of(&[file], "pledges") else {
        return Vec::new(); // a statement the reader refuses has no pledges
    };
    let pledges: PledgesView = serde_json::from_str(&pledges).unwrap();
    let norm = norms
        .of(file)
        .unwrap_or_else(|| panic!("{}: pledges read it, normalize did not", file.display()));
    pledges
        .pledges
        .iter()
        .filter_map(|p| not_a_span(norm, file, p.paragraph, p.number, &p.text, "pledges"))
        .collect()
}

/// The texts of both sides of the changes `diff old new` reports that are
/// not inside the paragraph they cite.
fn changes_not_spans(old: &Path, new: &Path, norms: &mut Normalized) -> Vec<String> {
    let Some(diff) = json_of(&[old, new], "diff") else {
        return Vec::new();
    };
    let diff: DiffView = serde_json::from_str(&diff).unwrap();
    let mut bad = Vec::new();
    for ch in &diff.pledges {
        for (file, side) in [(old, &ch.old), (new, &ch.new)] {
            let Some(side) = side else { continue };
            let norm = norms.of(file).expect("diff read it, so normalize does");
            bad.extend(not_a_span(
                norm,
                file,
                side.paragraph,
                side.number,
                &side.text,
                &format!("diff, {} change", ch.change),
            ));
        }
    }
    bad
}

#[test]
fn every_pledge_text_is_a_span_of_its_statement() {
    let mut files = Vec::new();
    statements_under(&root().join("history"), &mut files);
    statements_under(&root().join("tests/fixtures"), &mut files);
    let devset = root().join("../shared/devset");
    if devset.is_dir() {
        statements_under(&devset, &mut files);
    } else {
        println!("skipping the development set: ../shared/devset is not here");
    }
    assert!(files.len() >= 40, "found only {} statements", files.len());
    for kind in ["md", "txt", "html"] {
        assert!(
            files
                .iter()
                .any(|f| f.extension().is_some_and(|x| x == kind)),
            "no .{kind} statement found"
        );
    }
    let pairs = consecutive_pairs(&files);
    assert!(pairs.len() >= 20, "found only {} pairs", pairs.len());
    let mut norms = Normalized::default();
    let mut bad: Vec<String> = Vec::new();
    for f in &files {
        bad.extend(pledges_not_spans(f, &mut norms));
    }
    for (old, new) in &pairs {
        bad.extend(changes_not_spans(old, new, &mut norms));
    }
    println!(
        "checked {} statements and {} consecutive pairs",
        files.len(),
        pairs.len()
    );
    assert!(
        bad.is_empty(),
        "{} pledge texts are not spans of their paragraphs:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn series_pair_old_with_new_and_dated_files_in_date_order() {
    let files: Vec<PathBuf> = [
        "a/new.md",
        "a/old.md",
        "d/cri-2022-11-01.md",
        "d/cri-2021-10-14.md",
        "d/un-2021-07-14.md",
        "d/key.md",
        "h/2019-04-19.md",
        "h/2015-04-27.md",
        "h/2017-08-17.md",
        "p/page.txt",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let pairs: Vec<(String, String)> = consecutive_pairs(&files)
        .into_iter()
        .map(|(a, b)| (a.display().to_string(), b.display().to_string()))
        .collect();
    let want = [
        ("a/old.md", "a/new.md"),
        ("d/cri-2021-10-14.md", "d/cri-2022-11-01.md"),
        ("h/2015-04-27.md", "h/2017-08-17.md"),
        ("h/2017-08-17.md", "h/2019-04-19.md"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(pairs, want);
}
