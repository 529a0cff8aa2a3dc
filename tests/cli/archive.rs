//! Archive commands: `log`, `report`, `check`, `add`, `completions`, `man`
//! and the git external diff driver, run against the bundled archive
//! `history/` or a copy of it in a temporary folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use pledgediff::render::json::{CheckJson, LineageView, LogJson, ProblemView, ReportJson};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use tempfile::TempDir;

use crate::common::{fixture, history, pledgediff, root, squash, stderr_of, stdout_of};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The five statements of the bundled archive, in date order.
const DATES: [&str; 5] = [
    "2015-04-27",
    "2017-08-17",
    "2019-04-19",
    "2021-03-16",
    "2023-01-11",
];

/// The six statement paragraphs of `tests/fixtures/pages/alliance-statement.html`.
const PAGE_PARAGRAPHS: [&str; 6] = [
    "Foreign Minister Ilse Marov of the Republic of Estria and Foreign Minister Teodor Vance of the Kingdom of Valmora met in Port Halden today for the third Strategic Dialogue between the two allies. The Ministers reaffirmed that the alliance between Estria and Valmora remains the foundation of security and prosperity in the Northern Sea region.",
    "The Ministers committed to strengthen their joint maritime patrols in the Northern Sea and decided to establish a combined coordination center in Port Halden by the end of next year. They welcomed the progress made by their coast guards in sharing information on vessels that sail without transponders.",
    "Recognizing that undersea cables and pipelines are vital to both economies, the Ministers affirmed that a deliberate attack on this critical infrastructure would be treated as an attack on the alliance as a whole. They resolved to hold a joint exercise on infrastructure protection at least once a year.",
    "The Ministers expressed serious concern about the growing number of cyber attacks on public institutions in both countries. They agreed to deepen cooperation between their national cyber security agencies, to share threat information in real time, and to explore a joint response team where appropriate.",
    "The two governments reiterated their support for a rules-based international order and for the peaceful settlement of disputes in accordance with international law, including the United Nations Convention on the Law of the Sea. They called on all states in the region to refrain from coercion and from unilateral actions that raise tensions.",
    "The Ministers decided to hold the next Strategic Dialogue in Valmora and tasked their officials to report on the implementation of these commitments before that meeting.",
];

/// Page chrome of the fixture page that must never reach the statement body.
const PAGE_CHROME: &[&str] = &[
    "Skip to main content",
    "official website",
    "Here's how you know",
    "Ministry of Foreign Affairs",
    "Foreign Policy",
    "Travel Advice",
    "Home",
    "Press Room",
    "Joint Statements",
    "Deepen Their Alliance",
    "Office of the Spokesperson",
    "April 3, 2024",
    "Photo by",
    "Anja Lindqvist",
    "before the talks",
    "Share",
    "Facebook",
    "LinkedIn",
    "Copy link",
    "Tags",
    "Maritime Security",
    "Related",
    "Harbour Pilotage",
    "Cable Repair Ships",
    "Harbour Street",
    "Privacy Policy",
    "Accessibility",
    "All rights reserved",
    "cookies",
    "dataLayer",
    "gtag",
    "clipboard",
];

pub(crate) fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

/// Describes a finished command for assertion messages.
pub(crate) fn show(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        stderr_of(out)
    )
}

/// Asserts the command did not panic (a panic exits 101 and says so).
fn assert_no_panic(out: &Output) {
    let err = stderr_of(out);
    assert!(
        !err.contains("panicked") && code(out) != Some(101),
        "pledgediff panicked:\n{}",
        show(out)
    );
}

/// Runs pledgediff with the given arguments.
pub(crate) fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = pledgediff()
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("pledgediff runs");
    assert_no_panic(&out);
    out
}

/// Copies a folder tree (files, folders and symlinks).
fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).expect("create copy folder");
    for entry in fs::read_dir(src).expect("read source folder") {
        let entry = entry.expect("dir entry");
        let from = entry.path();
        let to = dst.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            copy_dir(&from, &to);
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(&from).unwrap(), &to).unwrap();
        } else {
            fs::copy(&from, &to).expect("copy file");
        }
    }
}

/// A temporary copy of `history/`: (guard, archive folder).
pub(crate) fn copy_history() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let archive = tmp.path().join("history");
    copy_dir(&root().join("history"), &archive);
    (tmp, archive)
}

/// Every entry under `dir` with its content (files), link target
/// (symlinks) or a folder marker, for before/after comparisons.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .expect("read folder")
            .map(|e| e.expect("dir entry"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let rel = p.strip_prefix(base).unwrap().to_path_buf();
            let meta = fs::symlink_metadata(&p).expect("metadata");
            if meta.file_type().is_symlink() {
                let target = fs::read_link(&p).unwrap();
                out.insert(rel, format!("symlink -> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                out.insert(rel, b"<dir>".to_vec());
                walk(&p, base, out);
            } else {
                out.insert(rel, fs::read(&p).expect("read file"));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Runs `check ARCHIVE --format json [extra...]` and parses the findings.
fn check_json(archive: &Path, extra: &[&str]) -> (Output, CheckJson) {
    let out = pledgediff()
        .arg("check")
        .arg(archive)
        .args(["--format", "json"])
        .args(extra)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("pledgediff runs");
    assert_no_panic(&out);
    let json: CheckJson = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json is not pledgediff.check/1: {e}\n{}",
            show(&out)
        )
    });
    assert_eq!(json.schema, "pledgediff.check/1");
    (out, json)
}

fn errors(json: &CheckJson) -> Vec<&ProblemView> {
    json.problems
        .iter()
        .filter(|p| p.severity == "error")
        .collect()
}

fn warnings(json: &CheckJson) -> Vec<&ProblemView> {
    json.problems
        .iter()
        .filter(|p| p.severity == "warning")
        .collect()
}

/// 1-based line of the first line of `path` that starts with `prefix`.
fn line_starting(path: &Path, prefix: &str) -> usize {
    fs::read_to_string(path)
        .expect("read statement")
        .lines()
        .position(|l| l.starts_with(prefix))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{} has no line starting with {prefix:?}", path.display()))
}

/// Inserts `line` into a statement's front matter, right after its first
/// line (the opening `---`); returns the new line's 1-based number.
fn insert_front_matter_line(path: &Path, line: &str) -> usize {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.starts_with("---\n"),
        "{} has front matter",
        path.display()
    );
    fs::write(path, format!("---\n{line}\n{}", &text[4..])).unwrap();
    2
}

/// Removes the paragraph of `path` that contains `needle`.
fn drop_paragraph(path: &Path, needle: &str) {
    let text = fs::read_to_string(path).unwrap();
    let parts: Vec<&str> = text.split("\n\n").collect();
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !p.contains(needle))
        .collect();
    assert_eq!(
        kept.len() + 1,
        parts.len(),
        "exactly one paragraph of {} contains {needle:?}",
        path.display()
    );
    fs::write(path, kept.join("\n\n")).unwrap();
}

/// The body (text after the front matter) of a statement file.
fn body_of(text: &str) -> &str {
    let rest = text
        .strip_prefix("---\n")
        .expect("statement starts with front matter");
    let end = rest.find("\n---\n").expect("front matter is closed");
    &rest[end + 5..]
}

/// The front matter (between the fences) of a statement file.
fn front_matter_of(text: &str) -> &str {
    let rest = text
        .strip_prefix("---\n")
        .expect("statement starts with front matter");
    let end = rest.find("\n---\n").expect("front matter is closed");
    &rest[..end]
}

/// Paragraphs of a body: blocks between blank lines, headings left out.
fn paragraphs_of(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(squash)
        .filter(|p| !p.is_empty() && !p.starts_with('#'))
        .collect()
}

// ---------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------

fn log_json(extra: &[&str]) -> LogJson {
    let out = run(["log", "history", "--format", "json"].iter().chain(extra));
    assert_eq!(
        code(&out),
        Some(0),
        "log --format json failed:\n{}",
        show(&out)
    );
    let log: LogJson = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("log JSON is not pledgediff.log/1: {e}"));
    assert_eq!(log.schema, "pledgediff.log/1");
    log
}

fn report_json_of(archive: &Path) -> ReportJson {
    let out = run([
        "report".as_ref(),
        archive.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(
        code(&out),
        Some(0),
        "report --format json failed:\n{}",
        show(&out)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("report JSON is not pledgediff.report/1: {e}"))
}

fn lineage_texts(l: &LineageView) -> impl Iterator<Item = &str> {
    std::iter::once(l.first_text.as_str()).chain(l.events.iter().map(|e| e.text.as_str()))
}

fn lineage_key(l: &LineageView) -> (String, String, usize) {
    (
        l.first_date.clone(),
        l.first_text.clone(),
        l.first_paragraph,
    )
}

#[test]
fn log_text_lists_the_four_steps_with_their_dates() {
    let out = run(["log", "history"]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    let text = stdout_of(&out);
    let timeline = text.split("Pledge lineages:").next().expect("some output");
    let step = Regex::new(r"^\s+(\d{4}-\d{2}-\d{2})\*? \u{2192} (\d{4}-\d{2}-\d{2})\*?\s").unwrap();
    let steps: Vec<(String, String)> = timeline
        .lines()
        .filter_map(|l| step.captures(l))
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let expected: Vec<(String, String)> = DATES
        .windows(2)
        .map(|w| (w[0].to_string(), w[1].to_string()))
        .collect();
    assert_eq!(steps, expected, "timeline:\n{timeline}");
    assert!(
        text.contains("Pledge lineages:"),
        "log text has a lineage section:\n{text}"
    );
}

#[test]
fn log_grep_shows_only_lineages_that_mention_the_pattern() {
    let log = log_json(&["--grep", "Article V"]);
    let re = Regex::new("(?i)article v").unwrap();
    let lineages: Vec<&LineageView> = log.series.iter().flat_map(|s| &s.lineages).collect();
    assert!(
        !lineages.is_empty(),
        "--grep \"Article V\" finds no lineage, but the archive mentions Article V"
    );
    for l in &lineages {
        assert!(
            lineage_texts(l).any(|t| re.is_match(t)),
            "lineage without Article V shown by --grep: {:?}",
            l.first_text
        );
    }
    // And none is missing: every lineage of the full report that mentions
    // Article V is listed.
    let report = report_json_of(Path::new("history"));
    let want: BTreeSet<_> = report
        .series
        .iter()
        .flat_map(|s| &s.lineages)
        .filter(|l| lineage_texts(l).any(|t| re.is_match(t)))
        .map(lineage_key)
        .collect();
    let got: BTreeSet<_> = lineages.iter().map(|l| lineage_key(l)).collect();
    assert_eq!(
        got, want,
        "--grep lineages differ from the report's matching ones"
    );
}

#[test]
fn log_topic_shows_only_lineages_on_that_topic() {
    let log = log_json(&["--topic", "cyber"]);
    let lineages: Vec<&LineageView> = log.series.iter().flat_map(|s| &s.lineages).collect();
    assert!(
        !lineages.is_empty(),
        "--topic cyber finds no lineage, but the archive has cyber pledges"
    );
    for l in &lineages {
        assert!(
            l.topics.iter().any(|t| t == "cyber"),
            "lineage not on cyber shown by --topic cyber: {:?} {:?}",
            l.first_text,
            l.topics
        );
    }
    let report = report_json_of(Path::new("history"));
    let want: BTreeSet<_> = report
        .series
        .iter()
        .flat_map(|s| &s.lineages)
        .filter(|l| l.topics.iter().any(|t| t == "cyber"))
        .map(lineage_key)
        .collect();
    let got: BTreeSet<_> = lineages.iter().map(|l| lineage_key(l)).collect();
    assert_eq!(
        got, want,
        "--topic lineages differ from the report's cyber ones"
    );
}

#[test]
fn log_unknown_series_is_a_usage_error() {
    let out = run(["log", "history", "--series", "nope"]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert!(out.stdout.is_empty(), "no output on error:\n{}", show(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("nope") && err.contains("us-japan-scc"),
        "the error names the series and the known ones:\n{err}"
    );
}

#[test]
fn log_json_deserializes_into_the_typed_view() {
    let log = log_json(&[]);
    assert_eq!(log.series.len(), 1);
    let s = &log.series[0];
    assert_eq!(s.name, "us-japan-scc");
    let dates: Vec<Option<&str>> = s
        .statements
        .iter()
        .map(|st| st.statement.date.as_deref())
        .collect();
    assert_eq!(dates, DATES.iter().map(|d| Some(*d)).collect::<Vec<_>>());
    let steps: Vec<(&str, &str)> = s
        .steps
        .iter()
        .map(|st| (st.from.as_str(), st.to.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = DATES.windows(2).map(|w| (w[0], w[1])).collect();
    assert_eq!(steps, expected);
    assert!(!s.lineages.is_empty(), "the archive has changed pledges");
    let same = log_json(&["--series", "us-japan-scc"]);
    assert_eq!(same, log, "--series with the only series changes nothing");
}

// ---------------------------------------------------------------------------
// report
// ---------------------------------------------------------------------------

fn report_markdown(extra: &[&str]) -> Vec<u8> {
    let out = run(["report", "history"].iter().chain(extra));
    assert_eq!(code(&out), Some(0), "report failed:\n{}", show(&out));
    assert!(!out.stdout.is_empty(), "report printed nothing");
    out.stdout
}

/// Cells of a raw GFM table row: unescaped pipes split cells; one leading
/// and one trailing pipe are optional.
fn raw_cells(row: &str) -> usize {
    let row = row.trim();
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (i, c) in row.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            pipes.push(i);
        }
    }
    let mut n = pipes.len() + 1;
    if pipes.first() == Some(&0) {
        n -= 1;
    }
    if !row.is_empty() && pipes.last() == Some(&(row.len() - 1)) && n > 0 {
        n -= 1;
    }
    n
}

/// Checks every table of a Markdown document: each body row has as many
/// cells as the header, in the source (GFM pads or cuts rows silently) and
/// in the parsed events. Returns (tables seen, problems).
fn table_problems(md: &str) -> (usize, Vec<String>) {
    let mut tables = 0;
    let mut problems = Vec::new();
    let mut header = 0;
    let mut in_row = false;
    let mut row_src = String::new();
    let mut cells = 0;
    for (ev, range) in Parser::new_ext(md, Options::ENABLE_TABLES).into_offset_iter() {
        match ev {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                in_row = true;
                cells = 0;
                row_src = md[range].lines().next().unwrap_or("").to_string();
            }
            Event::Start(Tag::TableCell) if in_row => cells += 1,
            Event::End(TagEnd::TableHead) => {
                in_row = false;
                header = raw_cells(&row_src);
                if cells != header {
                    problems.push(format!(
                        "table {tables}: header has {header} cells in the source but {cells} parsed: {row_src}"
                    ));
                }
            }
            Event::End(TagEnd::TableRow) => {
                in_row = false;
                let raw = raw_cells(&row_src);
                if raw != header || cells != header {
                    problems.push(format!(
                        "table {tables}: row has {raw} cells ({cells} parsed), header has {header}: {row_src}"
                    ));
                }
            }
            _ => {}
        }
    }
    (tables, problems)
}

/// Fenced code blocks of a Markdown document: (info string, text).
fn code_blocks(md: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                current = Some((info, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

#[test]
fn report_table_checker_catches_ragged_rows() {
    // The checker itself must be able to fail.
    let (n, bad) = table_problems("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n");
    assert_eq!(n, 1);
    assert_eq!(bad.len(), 2, "{bad:?}");
    let (_, ok) = table_problems("| a | b |\n|---|---:|\n| x \\| y | 2 |\n");
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn report_markdown_is_byte_identical_across_runs_and_job_counts() {
    let first = report_markdown(&[]);
    let second = report_markdown(&[]);
    assert!(first == second, "two runs of `report history` differ");
    let one = report_markdown(&["-j", "1"]);
    let two = report_markdown(&["-j", "2"]);
    assert!(one == two, "`report -j 1` and `report -j 2` differ");
    assert!(first == one, "`report` and `report -j 1` differ");
}

#[test]
fn report_markdown_tables_are_rectangular() {
    let md = String::from_utf8(report_markdown(&[])).expect("report is UTF-8");
    let (tables, problems) = table_problems(&md);
    // Pledge changes are lists (a table squeezes whole sentences into
    // narrow columns): the statements and the steps are the tables.
    assert!(
        tables >= 2,
        "expected the statements and the steps tables; found {tables} table(s)"
    );
    assert!(
        problems.is_empty(),
        "ragged table rows in the report:\n{}",
        problems.join("\n")
    );
}

#[test]
fn report_markdown_has_mermaid_xychart_blocks() {
    let md = String::from_utf8(report_markdown(&[])).expect("report is UTF-8");
    let blocks = code_blocks(&md);
    let charts: Vec<&String> = blocks
        .iter()
        .filter(|(info, _)| info.trim() == "mermaid")
        .map(|(_, text)| text)
        .collect();
    assert!(
        charts.iter().any(|t| t.contains("xychart-beta")),
        "no ```mermaid block with xychart-beta; code blocks: {:?}",
        blocks.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    // Each chart is self-consistent: one value per x-axis label, within the y range.
    let x_axis = Regex::new(r#"(?m)^\s*x-axis (?:"[^"]*" )?\[(.*)\]\s*$"#).unwrap();
    let y_axis = Regex::new(r#"(?m)^\s*y-axis "[^"]*" (-?[0-9.]+) --> (-?[0-9.]+)\s*$"#).unwrap();
    let line = Regex::new(r"(?m)^\s*(?:line|bar) \[(.*)\]\s*$").unwrap();
    for chart in charts {
        // After the `%%{init: …}%%` directive that sets the colors.
        let body = chart.trim_start();
        let body = match body.strip_prefix("%%{init:") {
            Some(rest) => rest.split_once("}%%\n").map_or("", |x| x.1),
            None => body,
        };
        assert!(
            body.starts_with("xychart-beta"),
            "mermaid block is not an xychart:\n{chart}"
        );
        let labels = x_axis
            .captures(chart)
            .unwrap_or_else(|| panic!("chart without x-axis labels:\n{chart}"))[1]
            .split(',')
            .count();
        let y = y_axis
            .captures(chart)
            .unwrap_or_else(|| panic!("chart without a numeric y-axis:\n{chart}"));
        let (lo, hi): (f64, f64) = (y[1].parse().unwrap(), y[2].parse().unwrap());
        let series: Vec<_> = line.captures_iter(chart).collect();
        assert!(!series.is_empty(), "chart without data:\n{chart}");
        for s in series {
            let values: Vec<f64> = s[1]
                .split(',')
                .map(|v| v.trim().parse().expect("numeric chart value"))
                .collect();
            assert_eq!(values.len(), labels, "values vs x-axis labels:\n{chart}");
            assert!(
                values.iter().all(|v| *v >= lo && *v <= hi),
                "value outside the y-axis range {lo}..{hi}:\n{chart}"
            );
        }
    }
}

#[test]
fn report_markdown_labels_illustrative_statements() {
    let md = String::from_utf8(report_markdown(&[])).expect("report is UTF-8");
    assert!(md.contains("illustrative"), "no illustrative label at all");
    // The overview row of every statement: illustrative ones say so, the
    // published 2019 statement does not.
    for date in DATES {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {date} |")))
            .unwrap_or_else(|| panic!("no overview row for {date}"));
        if date == "2019-04-19" {
            assert!(!row.contains("illustrative"), "2019 is published: {row}");
        } else {
            assert!(
                row.contains("illustrative"),
                "{date} is illustrative: {row}"
            );
        }
    }
    assert!(
        md.contains("2021-03-16 (illustrative)"),
        "steps are labelled (illustrative)"
    );
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count(),
        "every <details> is closed"
    );
}

#[test]
fn report_output_file_holds_the_same_bytes_and_stdout_stays_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("report.md");
    let expected = report_markdown(&[]);
    let out = run([
        "report".as_ref(),
        "history".as_ref(),
        "-o".as_ref(),
        dest.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(
        out.stdout.is_empty(),
        "report -o printed on stdout:\n{}",
        show(&out)
    );
    let written = fs::read(&dest).expect("report file written");
    assert!(written == expected, "-o file differs from stdout report");
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("report.md")],
        "no temporary files left"
    );
}

#[test]
fn report_output_into_a_missing_folder_fails_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("missing/sub/report.md");
    let out = run([
        "report".as_ref(),
        "history".as_ref(),
        "-o".as_ref(),
        dest.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert!(out.stdout.is_empty(), "{}", show(&out));
    assert!(
        stderr_of(&out).contains("missing"),
        "the error names the folder:\n{}",
        show(&out)
    );
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "report -o created something in {}",
        tmp.path().display()
    );
}

#[test]
fn report_output_into_a_read_only_folder_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ro");
    fs::create_dir(&dir).unwrap();
    let dest = dir.join("report.md");
    fs::write(&dest, "old report\n").unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    let restore = |d: &Path| fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    let probe = dir.join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        restore(&dir);
        eprintln!("skipped: a read-only folder is still writable here (running as root?)");
        return;
    }
    let out = pledgediff()
        .args(["report", "history", "-o"])
        .arg(&dest)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let after = fs::read_to_string(&dest);
    let entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    restore(&dir);
    assert_no_panic(&out);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert_eq!(after.unwrap(), "old report\n", "the old report was changed");
    assert_eq!(entries.len(), 1, "leftovers in the folder: {entries:?}");
}

#[test]
fn report_json_has_four_diff_steps() {
    let report = report_json_of(Path::new("history"));
    assert_eq!(report.schema, "pledgediff.report/1");
    assert_eq!(report.series.len(), 1);
    let s = &report.series[0];
    assert_eq!(s.name, "us-japan-scc");
    assert_eq!(s.statements.len(), 5);
    assert_eq!(s.steps.len(), 4);
    for (step, w) in s.steps.iter().zip(DATES.windows(2)) {
        assert_eq!(step.schema, "pledgediff.diff/2");
        assert_eq!(step.old.date.as_deref(), Some(w[0]));
        assert_eq!(step.new.date.as_deref(), Some(w[1]));
        assert!(
            !step.pledges.is_empty(),
            "step {}..{} has pledge changes",
            w[0],
            w[1]
        );
    }
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

// ---------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------

#[test]
fn check_passes_on_the_bundled_history() {
    let before = snapshot(&root().join("history"));
    let out = run(["check", "history"]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    let (out, json) = check_json(Path::new("history"), &[]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(json.passed);
    assert!(json.problems.is_empty(), "{:?}", json.problems);
    assert_eq!((json.series, json.statements, json.rules), (1, 5, 3));
    assert!(
        before == snapshot(&root().join("history")),
        "check changed history/"
    );
}

#[test]
fn check_fails_on_a_duplicate_date_and_names_the_file() {
    let (_tmp, archive) = copy_history();
    let series = archive.join("us-japan-scc");
    fs::copy(series.join("2023-01-11.md"), series.join("2023-01-12.md")).unwrap();
    let (out, json) = check_json(&archive, &[]);
    assert_eq!(code(&out), Some(1), "{}", show(&out));
    assert!(!json.passed);
    let dup: Vec<_> = errors(&json)
        .into_iter()
        .filter(|p| p.check == "unique-date")
        .collect();
    assert_eq!(
        dup.len(),
        1,
        "one duplicate-date error: {:?}",
        json.problems
    );
    let named = format!("{}{}", dup[0].file, dup[0].message);
    assert!(
        named.contains("2023-01-12.md") && named.contains("2023-01-11.md"),
        "the finding names both files: {:?}",
        dup[0]
    );
    let text = run(["check".as_ref(), archive.as_os_str()]);
    assert_eq!(code(&text), Some(1));
    assert!(
        stdout_of(&text).contains("2023-01-12.md"),
        "{}",
        show(&text)
    );
}

#[test]
fn check_fails_when_the_file_name_date_differs_and_points_at_the_date_line() {
    let (_tmp, archive) = copy_history();
    let series = archive.join("us-japan-scc");
    let renamed = series.join("2021-03-17.md");
    fs::rename(series.join("2021-03-16.md"), &renamed).unwrap();
    let date_line = line_starting(&renamed, "date:");
    let (out, json) = check_json(&archive, &[]);
    assert_eq!(code(&out), Some(1), "{}", show(&out));
    let found: Vec<_> = errors(&json)
        .into_iter()
        .filter(|p| p.file.ends_with("2021-03-17.md"))
        .collect();
    assert!(
        !found.is_empty(),
        "no error on the renamed file: {:?}",
        json.problems
    );
    assert!(
        found.iter().all(|p| p.line == Some(date_line)),
        "the finding points at the `date:` line {date_line}: {found:?}"
    );
    let text = run(["check".as_ref(), archive.as_os_str()]);
    assert!(
        stdout_of(&text).contains(&format!("2021-03-17.md:{date_line}:")),
        "{}",
        show(&text)
    );
}

#[test]
fn check_only_warns_on_an_unknown_front_matter_key() {
    let (_tmp, archive) = copy_history();
    let file = archive.join("us-japan-scc/2017-08-17.md");
    let line = insert_front_matter_line(&file, "mood: hopeful");
    let (out, json) = check_json(&archive, &[]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(json.passed);
    assert!(errors(&json).is_empty(), "{:?}", json.problems);
    let w = warnings(&json);
    assert_eq!(w.len(), 1, "{:?}", json.problems);
    assert!(w[0].file.ends_with("2017-08-17.md"), "{:?}", w[0]);
    assert_eq!(w[0].line, Some(line), "{:?}", w[0]);
    assert!(w[0].message.contains("mood"), "{:?}", w[0]);
}

/// Adds a one-statement series `other` to a copy of history with `bytes`
/// as `other/NAME`, runs check, and asserts it fails with an error on it.
fn check_fails_on_other_file(name: &str, bytes: &[u8]) -> (Option<usize>, String) {
    check_fails_on_other_file_with(name, bytes, 1)
}

/// [`check_fails_on_other_file`] with the exit status expected: 2 when the
/// file cannot be read at all, so the check is incomplete.
fn check_fails_on_other_file_with(
    name: &str,
    bytes: &[u8],
    status: i32,
) -> (Option<usize>, String) {
    let (_tmp, archive) = copy_history();
    let dir = archive.join("other");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
    let (out, json) = check_json(&archive, &[]);
    assert_eq!(
        code(&out),
        Some(status),
        "check passes an archive with other/{name}:\n{}",
        show(&out)
    );
    let on_file: Vec<(Option<usize>, String)> = errors(&json)
        .into_iter()
        .filter(|p| p.file.ends_with(&format!("other/{name}")))
        .map(|p| (p.line, p.message.clone()))
        .collect();
    assert!(
        !on_file.is_empty(),
        "no error on other/{name}: {:?}",
        json.problems
    );
    assert!(
        errors(&json)
            .iter()
            .all(|p| p.file.ends_with(&format!("other/{name}"))),
        "errors elsewhere: {:?}",
        json.problems
    );
    on_file.into_iter().next().unwrap()
}

#[test]
fn check_fails_on_a_statement_of_only_page_chrome() {
    let page = "---\ndate: 2020-01-01\ntitle: Press page\nprovenance: illustrative\n---\n\n\
                Home > Press Room > Statements\n\n\
                Ministers Meet In Port Halden\n\n\
                Photo: Anja Lindqvist / Ministry of Foreign Affairs\n\n\
                Share\n\n\
                Tags: Alliance, Cyber\n";
    check_fails_on_other_file("2020-01-01.md", page.as_bytes());
}

#[test]
fn check_fails_on_a_statement_without_paragraphs() {
    let page = "---\ndate: 2020-01-01\nprovenance: illustrative\n---\n\n# Joint Statement\n\n## Overview\n";
    check_fails_on_other_file("2020-01-01.md", page.as_bytes());
}

#[test]
fn check_fails_on_a_date_far_in_the_future() {
    let page = "---\ndate: 2999-01-01\nprovenance: illustrative\n---\n\n\
                The Ministers committed to deepen their cooperation in every domain of the alliance.\n";
    let (line, message) = check_fails_on_other_file("2999-01-01.md", page.as_bytes());
    assert_eq!(line, Some(2), "points at the date line: {message}");
    assert!(message.contains("2999"), "{message}");
}

#[test]
fn check_fails_on_a_file_that_is_not_utf8() {
    let mut bytes =
        b"---\ndate: 2020-02-02\nprovenance: illustrative\n---\n\nThe Ministers met at the caf"
            .to_vec();
    bytes.push(0xE9); // Latin-1 e acute
    bytes.extend_from_slice(b" and committed to deepen their cooperation.\n");
    let (line, message) = check_fails_on_other_file_with("2020-02-02.md", &bytes, 2);
    assert!(message.contains("UTF-8"), "{message}");
    assert_eq!(line, Some(6), "points at the bad byte's line: {message}");
}

#[test]
fn check_fails_when_a_required_phrase_is_missing() {
    let (tmp, archive) = copy_history();
    let rules = tmp.path().join("rules.yaml");
    fs::write(
        &rules,
        "rules:\n  - name: quantum-pledge\n    series: us-japan-scc\n    require: [\"quantum entanglement\", \"Senkaku\"]\n",
    )
    .unwrap();
    let (out, json) = check_json(&archive, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(code(&out), Some(1), "{}", show(&out));
    let e = errors(&json);
    assert_eq!(e.len(), 1, "{:?}", json.problems);
    assert_eq!(e[0].check, "rule:quantum-pledge");
    assert!(
        e[0].file.ends_with("2023-01-11.md"),
        "on the latest statement: {:?}",
        e[0]
    );
    assert!(e[0].message.contains("quantum entanglement"), "{:?}", e[0]);
}

#[test]
fn check_passes_when_a_required_phrase_is_present() {
    let (tmp, archive) = copy_history();
    let rules = tmp.path().join("rules.yaml");
    fs::write(
        &rules,
        "rules:\n  - name: counterstrike\n    series: us-japan-scc\n    require: [\"counterstrike\", \"Japan\"]\n    within: pledge\n",
    )
    .unwrap();
    let (out, json) = check_json(&archive, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(json.problems.is_empty(), "{:?}", json.problems);
}

/// A copy of history whose latest statement drops the extended deterrence
/// paragraph (the nuclear umbrella pledges).
fn history_without_deterrence() -> (TempDir, PathBuf) {
    let (tmp, archive) = copy_history();
    drop_paragraph(
        &archive.join("us-japan-scc/2023-01-11.md"),
        "extended deterrence plays a vital role",
    );
    (tmp, archive)
}

#[test]
fn check_fails_when_a_forbidden_change_happens() {
    let (_tmp, archive) = history_without_deterrence();
    let (out, json) = check_json(&archive, &[]);
    assert_eq!(code(&out), Some(1), "{}", show(&out));
    let fired: Vec<_> = errors(&json)
        .into_iter()
        .filter(|p| p.check == "rule:extended-deterrence-holds")
        .collect();
    assert!(
        !fired.is_empty(),
        "the forbid rule did not fire: {:?}",
        json.problems
    );
    assert!(
        fired.iter().any(|p| p.message.contains("dropped")),
        "{fired:?}"
    );
    assert!(fired.iter().all(|p| p.line.is_some()), "{fired:?}");
}

#[test]
fn check_only_warns_for_a_warning_level_rule() {
    let (tmp, archive) = copy_history();
    let rules = tmp.path().join("rules.yaml");
    fs::write(
        &rules,
        "rules:\n  - name: quantum-watch\n    series: us-japan-scc\n    require: [\"quantum entanglement\"]\n    level: warning\n",
    )
    .unwrap();
    let (out, json) = check_json(&archive, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(json.passed);
    let w = warnings(&json);
    assert_eq!(w.len(), 1, "{:?}", json.problems);
    assert_eq!(w[0].check, "rule:quantum-watch");
    assert!(errors(&json).is_empty());
}

#[test]
fn check_github_format_prints_workflow_annotations() {
    let (_tmp, archive) = history_without_deterrence();
    let file = archive.join("us-japan-scc/2017-08-17.md");
    let line = insert_front_matter_line(&file, "mood: hopeful");
    let out = run([
        "check".as_ref(),
        archive.as_os_str(),
        "--format".as_ref(),
        "github".as_ref(),
    ]);
    assert_eq!(code(&out), Some(1), "{}", show(&out));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // Every line is an annotation, except one closing summary line.
    let annotations: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with("pledgediff check:"))
        .collect();
    assert!(
        lines.len() - annotations.len() <= 1,
        "more than one summary line:\n{text}"
    );
    let shape =
        Regex::new(r"^::(error|warning) file=[^,:]+(,line=[0-9]+)?,title=[^:]+::.+$").unwrap();
    for l in &annotations {
        assert!(
            l.starts_with("::error file=") || l.starts_with("::warning file="),
            "not an annotation: {l}"
        );
        assert!(shape.is_match(l), "malformed annotation: {l}");
    }
    let errs: Vec<&&str> = annotations
        .iter()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert!(!errs.is_empty(), "no ::error annotation:\n{text}");
    assert!(
        errs.iter().all(|l| l.contains(",line=")),
        "the rule errors have lines:\n{text}"
    );
    let warn = format!("::warning file={},line={line},", file.display());
    assert!(
        annotations.iter().any(|l| l.starts_with(&warn)),
        "no warning annotation `{warn}` for the unknown key:\n{text}"
    );
}

/// Runs check with a rules file and asserts a usage error naming `file:line`.
fn assert_rules_error(rules_text: &str, lines: &[usize], mention: &str) {
    let (tmp, archive) = copy_history();
    let rules = tmp.path().join("bad-rules.yaml");
    fs::write(&rules, rules_text).unwrap();
    let out = run([
        "check".as_ref(),
        archive.as_os_str(),
        "--rules".as_ref(),
        rules.as_os_str(),
    ]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    let err = stderr_of(&out);
    assert!(
        lines
            .iter()
            .any(|l| err.contains(&format!("bad-rules.yaml:{l}:"))),
        "error does not point at bad-rules.yaml:{lines:?}:\n{err}"
    );
    assert!(
        err.contains(mention),
        "error does not mention {mention:?}:\n{err}"
    );
}

#[test]
fn check_rejects_malformed_rules_yaml_with_file_and_line() {
    // The flow sequence opened on line 3 is never closed.
    assert_rules_error(
        "rules:\n  - name: a\n    require: [Article V, Senkaku\n  - name: b\n    require: [x]\n",
        &[3, 4],
        "rules",
    );
}

#[test]
fn check_rejects_malformed_default_rules_file() {
    let (_tmp, archive) = copy_history();
    fs::write(
        archive.join("rules.yaml"),
        "rules:\n  - name: a\n    require: [x\n",
    )
    .unwrap();
    let out = run(["check".as_ref(), archive.as_os_str()]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert!(
        Regex::new(r"rules\.yaml:\d+")
            .unwrap()
            .is_match(&stderr_of(&out)),
        "{}",
        show(&out)
    );
}

#[test]
fn check_rejects_unknown_rule_keys_with_file_and_line() {
    assert_rules_error(
        "rules:\n  - name: a\n    requires: [Article V]\n",
        &[3],
        "requires",
    );
}

#[test]
fn check_rejects_a_bad_rule_regex_with_file_and_line() {
    assert_rules_error(
        "rules:\n  - name: a\n    regex: true\n    require: [\"Article (V\"]\n",
        &[4],
        "Article (V",
    );
}

#[test]
fn check_missing_archive_folder_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(["check".as_ref(), tmp.path().join("nope").as_os_str()]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert!(stderr_of(&out).contains("nope"), "{}", show(&out));
}

#[test]
fn check_file_instead_of_archive_is_a_usage_error() {
    let out = run(["check".as_ref(), history("2019-04-19.md").as_os_str()]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert!(stderr_of(&out).contains("2019-04-19.md"), "{}", show(&out));
}

#[test]
fn check_reports_a_symlink_loop_without_hanging() {
    let (_tmp, archive) = copy_history();
    let series = archive.join("us-japan-scc");
    std::os::unix::fs::symlink("b.md", series.join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", series.join("b.md")).unwrap();
    let out = pledgediff()
        .arg("check")
        .arg(&archive)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(code(&out), Some(1), "{}", show(&out));
    let text = stdout_of(&out);
    assert!(
        text.contains("a.md") && text.contains("b.md"),
        "both links are reported:\n{text}"
    );
    let (_, json) = check_json(&archive, &[]);
    assert!(
        errors(&json).iter().any(|p| p.file.ends_with("a.md")),
        "{:?}",
        json.problems
    );
}

#[test]
fn check_leaves_the_archive_byte_identical() {
    let (tmp, archive) = history_without_deterrence();
    insert_front_matter_line(&archive.join("us-japan-scc/2017-08-17.md"), "mood: hopeful");
    let rules = tmp.path().join("extra-rules.yaml");
    fs::write(
        &rules,
        "rules:\n  - name: quantum\n    require: [\"quantum\"]\n",
    )
    .unwrap();
    let before = snapshot(tmp.path());
    for format in ["text", "github", "json"] {
        let out = run([
            "check".as_ref(),
            archive.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert_eq!(code(&out), Some(1), "{}", show(&out));
        let out = run([
            "check".as_ref(),
            archive.as_os_str(),
            "--rules".as_ref(),
            rules.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert_eq!(code(&out), Some(1), "{}", show(&out));
    }
    let after = snapshot(tmp.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "check added or removed files"
    );
    assert!(before == after, "check changed a file");
}

// ---------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------

pub(crate) fn page() -> PathBuf {
    fixture("pages/alliance-statement.html")
}

fn add(archive: &Path, extra: &[&str]) -> Output {
    run([
        "add".as_ref(),
        page().as_os_str(),
        "--archive".as_ref(),
        archive.as_os_str(),
        "--series".as_ref(),
        "test-series".as_ref(),
    ]
    .into_iter()
    .chain(extra.iter().map(std::ffi::OsStr::new)))
}

fn added_file(archive: &Path) -> PathBuf {
    archive.join("test-series/2024-04-03.md")
}

#[test]
fn add_imports_a_saved_html_page_without_its_chrome() {
    let (_tmp, archive) = copy_history();
    let out = add(&archive, &[]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("April 3, 2024"),
        "stderr says which date was found:\n{err}"
    );
    // ... and points at the page's own line for it, not a line of the
    // text extracted from it.
    let line: usize = err
        .split("alliance-statement.html:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page line in:\n{err}"));
    let page_text = fs::read_to_string(page()).unwrap();
    let named = page_text.lines().nth(line - 1).unwrap_or_default();
    assert!(
        named.contains("Spokesperson") || named.contains("April 3, 2024"),
        "line {line} of the page is {named:?}"
    );
    let series: Vec<_> = fs::read_dir(archive.join("test-series"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        series,
        vec![std::ffi::OsString::from("2024-04-03.md")],
        "one file, no leftovers"
    );
    let text = fs::read_to_string(added_file(&archive)).expect("statement written");
    let front = front_matter_of(&text);
    assert!(
        front
            .lines()
            .any(|l| l == "date: 2024-04-03" || l == "date: '2024-04-03'"),
        "front matter has the found date:\n{front}"
    );
    assert!(front.lines().any(|l| l == "series: test-series"), "{front}");
    assert!(front.lines().any(|l| l.starts_with("title: ")), "{front}");
    let body = body_of(&text);
    for chrome in PAGE_CHROME {
        assert!(
            !body.contains(chrome),
            "chrome {chrome:?} kept in the statement:\n{body}"
        );
    }
    assert!(
        !text.contains("dataLayer") && !text.contains("<"),
        "markup or script kept:\n{text}"
    );
    assert_eq!(
        paragraphs_of(body),
        PAGE_PARAGRAPHS.to_vec(),
        "statement paragraphs"
    );
    // pledgediff reads it back the same way.
    let norm = run([
        "normalize".as_ref(),
        added_file(&archive).as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(code(&norm), Some(0), "{}", show(&norm));
    let view: pledgediff::render::json::NormalizeView =
        serde_json::from_slice(&norm.stdout).unwrap();
    assert_eq!(view.statement.date.as_deref(), Some("2024-04-03"));
    assert_eq!(view.paragraphs.len(), PAGE_PARAGRAPHS.len());
    assert!(
        view.removed.is_empty(),
        "the written file has no chrome: {:?}",
        view.removed
    );
}

#[test]
fn diff_reads_a_saved_page_like_the_statement_imported_from_it() {
    // The page and the Markdown file `add` made of it hold one statement:
    // nothing changed, whichever side the page is on.
    let (_tmp, archive) = copy_history();
    assert_eq!(code(&add(&archive, &[])), Some(0));
    let imported = added_file(&archive);
    for (old, new) in [(page(), imported.clone()), (imported.clone(), page())] {
        let out = run(["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
        assert_eq!(code(&out), Some(0), "{}", show(&out));
        let text = stdout_of(&out);
        assert!(text.contains("6 unchanged"), "{text}");
        assert!(!text.contains("gtag"), "{text}");
    }
}

#[test]
fn add_refuses_to_overwrite_without_force() {
    let (_tmp, archive) = copy_history();
    let first = add(&archive, &[]);
    assert_eq!(code(&first), Some(0), "{}", show(&first));
    let file = added_file(&archive);
    let original = fs::read(&file).unwrap();
    // A hand edit that a second import must not silently destroy.
    let mut edited = original.clone();
    edited.extend_from_slice(b"\nA paragraph added by hand after the import, kept on purpose.\n");
    fs::write(&file, &edited).unwrap();
    let again = add(&archive, &[]);
    assert_eq!(code(&again), Some(2), "{}", show(&again));
    assert!(
        stderr_of(&again).contains("--force"),
        "hint names --force:\n{}",
        show(&again)
    );
    assert_eq!(
        fs::read(&file).unwrap(),
        edited,
        "file changed without --force"
    );
    let forced = add(&archive, &["--force"]);
    assert_eq!(code(&forced), Some(0), "{}", show(&forced));
    assert_eq!(
        fs::read(&file).unwrap(),
        original,
        "--force rewrites the import"
    );
    assert_eq!(
        fs::read_dir(archive.join("test-series")).unwrap().count(),
        1,
        "no leftovers"
    );
}

#[test]
fn add_dry_run_prints_the_file_and_writes_nothing() {
    let (tmp, archive) = copy_history();
    let before = snapshot(tmp.path());
    let out = add(&archive, &["--dry-run"]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(before == snapshot(tmp.path()), "--dry-run wrote something");
    let printed = stdout_of(&out);
    assert!(
        printed.starts_with("---\n"),
        "prints front matter:\n{printed}"
    );
    let front = front_matter_of(&printed);
    assert!(
        front.contains("2024-04-03") && front.contains("series: test-series"),
        "{front}"
    );
    assert_eq!(paragraphs_of(body_of(&printed)), PAGE_PARAGRAPHS.to_vec());
    // And it is exactly what a real import writes.
    let real = add(&archive, &[]);
    assert_eq!(code(&real), Some(0), "{}", show(&real));
    assert_eq!(fs::read_to_string(added_file(&archive)).unwrap(), printed);
}

#[test]
fn add_text_without_a_date_asks_for_the_date_flag() {
    let (tmp, archive) = copy_history();
    let raw = tmp.path().join("undated.txt");
    fs::write(
        &raw,
        "The Ministers committed to deepen their cooperation on maritime security in the region.\n\n\
         They decided to meet again next year to review the progress of this work.\n",
    )
    .unwrap();
    let before = snapshot(&archive);
    let out = run([
        "add".as_ref(),
        raw.as_os_str(),
        "--archive".as_ref(),
        archive.as_os_str(),
        "--series".as_ref(),
        "test-series".as_ref(),
    ]);
    assert_eq!(code(&out), Some(2), "{}", show(&out));
    assert!(
        stderr_of(&out).contains("--date"),
        "hint about --date:\n{}",
        show(&out)
    );
    assert!(before == snapshot(&archive), "nothing written");
}

#[test]
fn add_refuses_a_page_of_only_chrome() {
    let (tmp, archive) = copy_history();
    let raw = tmp.path().join("empty-page.html");
    fs::write(
        &raw,
        r##"<!DOCTYPE html>
<html lang="en">
<head><title>Press Room | Ministry of Foreign Affairs</title><script>var x = 1;</script></head>
<body>
  <div class="gov-banner">An official website of the Republic of Estria</div>
  <header><a href="/">Ministry of Foreign Affairs</a></header>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/press">Press Room</a></li></ul></nav>
  <div class="breadcrumbs"><a href="/">Home</a> / <a href="/press">Press Room</a></div>
  <article>
    <h1>Estria and Valmora Deepen Their Alliance</h1>
    <div class="article-meta"><span>Office of the Spokesperson</span> <time>April 3, 2024</time></div>
    <figure><img src="/a.jpg" alt=""><figcaption>The ministers before the talks. Photo by Anja Lindqvist</figcaption></figure>
    <div class="share-tools"><span>Share</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
    <div class="tags"><span>Tags:</span> <a href="#">Alliance</a> <a href="#">Cyber Security</a></div>
  </article>
  <section class="related-content"><h2>Related</h2><ul><li><a href="#">Ministers Sign Harbour Pilotage Agreement</a></li></ul></section>
  <footer><p>&copy; 2024 Republic of Estria. All rights reserved.</p></footer>
</body>
</html>
"##,
    )
    .unwrap();
    let before = snapshot(&archive);
    let out = run([
        "add".as_ref(),
        raw.as_os_str(),
        "--archive".as_ref(),
        archive.as_os_str(),
        "--series".as_ref(),
        "test-series".as_ref(),
        "--date".as_ref(),
        "2024-04-03".as_ref(),
    ]);
    assert_eq!(
        code(&out),
        Some(2),
        "a page with no statement text is imported:\n{}",
        show(&out)
    );
    assert!(before == snapshot(&archive), "nothing written");
}

#[test]
fn added_statement_passes_check() {
    let (_tmp, archive) = copy_history();
    let out = add(&archive, &["--provenance", "illustrative"]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    let (out, json) = check_json(&archive, &[]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(json.passed);
    assert_eq!((json.series, json.statements), (2, 6));
    assert!(json.problems.is_empty(), "{:?}", json.problems);
}

// ---------------------------------------------------------------------------
// completions, man
// ---------------------------------------------------------------------------

#[test]
fn completions_for_bash_name_the_program_and_its_commands() {
    let out = run(["completions", "bash"]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    let script = stdout_of(&out);
    assert!(script.contains("pledgediff"), "{script}");
    assert!(
        script.contains("complete "),
        "a bash `complete` registration"
    );
    for sub in ["log", "report", "check", "add"] {
        assert!(script.contains(sub), "completion for `{sub}` missing");
    }
}

#[test]
fn man_page_starts_with_a_roff_header() {
    let out = run(["man"]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    let page = stdout_of(&out);
    assert!(
        page.starts_with('.'),
        "roff requests from the first line:\n{page}"
    );
    // Only string definitions (.ie/.el/.ds) and comments may precede .TH.
    let first = page
        .lines()
        .find(|l| {
            !(l.starts_with(".ie ")
                || l.starts_with(".el ")
                || l.starts_with(".ds ")
                || l.starts_with(".\\\""))
        })
        .unwrap_or("");
    assert!(
        first.starts_with(".TH pledgediff 1"),
        "first request is not .TH: {first:?}"
    );
    assert!(page.contains(".SH NAME"), "{page}");
}

// ---------------------------------------------------------------------------
// git external diff
// ---------------------------------------------------------------------------

fn git_available() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A git command in `repo`, isolated from the user's and system's config.
fn git(repo: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("git");
    c.current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", repo)
        .env("NO_COLOR", "1")
        .env("GIT_PAGER", "cat")
        .env("PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    c
}

fn git_ok(repo: &Path, args: &[&str]) {
    let out = git(repo).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}:\n{}", show(&out));
}

/// The shell command git runs as the external diff.
fn driver() -> String {
    let bin = assert_cmd::cargo::cargo_bin("pledgediff");
    format!("'{}' git-diff --color never", bin.display())
}

/// A repository with history/us-japan-scc/2017-08-17.md committed as
/// statement.md and `*.md diff=pledgediff`.
fn git_repo() -> Option<TempDir> {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git_ok(repo, &["init", "-q"]);
    git_ok(repo, &["config", "user.name", "Pledgediff Test"]);
    git_ok(repo, &["config", "user.email", "test@example.invalid"]);
    git_ok(repo, &["config", "commit.gpgsign", "false"]);
    git_ok(repo, &["config", "core.autocrlf", "false"]);
    fs::copy(history("2017-08-17.md"), repo.join("statement.md")).unwrap();
    fs::write(repo.join(".gitattributes"), "*.md diff=pledgediff\n").unwrap();
    git_ok(repo, &["add", "statement.md", ".gitattributes"]);
    git_ok(repo, &["commit", "-q", "-m", "2017 statement"]);
    Some(tmp)
}

fn assert_pledge_diff(out: &Output, path: &str) {
    let text = stdout_of(out);
    assert!(out.status.success(), "git diff failed:\n{}", show(out));
    assert!(
        !stderr_of(out).contains("panicked") && !stderr_of(out).contains("external diff died"),
        "{}",
        show(out)
    );
    assert!(text.contains("Pledges:"), "not a pledgediff diff:\n{text}");
    assert!(text.contains("added"), "no added pledges reported:\n{text}");
    assert!(
        text.contains(&format!("b/{path}")),
        "names b/{path}:\n{text}"
    );
}

#[test]
fn git_diff_driver_from_gitattributes() {
    let Some(tmp) = git_repo() else { return };
    let repo = tmp.path();
    fs::copy(history("2019-04-19.md"), repo.join("statement.md")).unwrap();
    let out = git(repo)
        .arg("-c")
        .arg(format!("diff.pledgediff.command={}", driver()))
        .args(["--no-pager", "diff"])
        .output()
        .unwrap();
    assert_pledge_diff(&out, "statement.md");
    assert!(stdout_of(&out).contains("a/statement.md"), "{}", show(&out));
}

#[test]
fn git_external_diff_environment_variable() {
    let Some(tmp) = git_repo() else { return };
    let repo = tmp.path();
    fs::copy(history("2019-04-19.md"), repo.join("statement.md")).unwrap();
    let out = git(repo)
        .env("GIT_EXTERNAL_DIFF", driver())
        .args(["--no-pager", "diff"])
        .output()
        .unwrap();
    assert_pledge_diff(&out, "statement.md");
}

#[test]
fn git_diff_driver_on_a_newly_added_file() {
    let Some(tmp) = git_repo() else { return };
    let repo = tmp.path();
    fs::copy(history("2023-01-11.md"), repo.join("new.md")).unwrap();
    git_ok(repo, &["add", "new.md"]);
    let out = git(repo)
        .arg("-c")
        .arg(format!("diff.pledgediff.command={}", driver()))
        .args(["--no-pager", "diff", "--cached"])
        .output()
        .unwrap();
    assert_pledge_diff(&out, "new.md");
    let text = stdout_of(&out);
    assert!(
        !text.contains("dropped"),
        "a new file drops nothing:\n{text}"
    );
    // Regression: the missing side was labelled "--- a/new.md", as if the
    // file had existed; git labels it /dev/null.
    assert!(text.contains("--- /dev/null"), "{text}");
    assert!(text.contains("+++ b/new.md"), "{text}");
}

#[test]
fn git_diff_driver_on_a_deleted_file_labels_the_new_side_dev_null() {
    let Some(tmp) = git_repo() else { return };
    let repo = tmp.path();
    fs::copy(history("2023-01-11.md"), repo.join("gone.md")).unwrap();
    git_ok(repo, &["add", "gone.md"]);
    git_ok(repo, &["commit", "-q", "-m", "add"]);
    fs::remove_file(repo.join("gone.md")).unwrap();
    let out = git(repo)
        .arg("-c")
        .arg(format!("diff.pledgediff.command={}", driver()))
        .args(["--no-pager", "diff"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("--- a/gone.md"), "{text}");
    assert!(text.contains("+++ /dev/null"), "{text}");
    assert!(!text.contains("+++ b/gone.md"), "{text}");
}
