//! `normalize`: acceptance against the saved web pages under
//! `tests/fixtures/pages/` (chrome stripped, the statement kept whole),
//! `--keep-chrome`, and paragraph indices and line numbers.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::common::{fixture, history, pledgediff, stderr_of};
use pledgediff::render::json::NormalizeView;

/// `tests/fixtures/pages/NAME.expect.yaml`.
#[derive(Debug, Deserialize)]
struct Expect {
    paragraphs: usize,
    first: String,
    last: String,
    #[serde(default)]
    absent: Vec<String>,
}

/// Runs `normalize --format json FILE [extra...]`, checking it succeeded
/// and that the raw JSON carries the schema id.
fn normalize_json(file: &Path, extra: &[&str]) -> NormalizeView {
    let out = pledgediff()
        .args(["normalize", "--format", "json"])
        .args(extra)
        .arg(file)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "normalize {} failed: {}",
        file.display(),
        stderr_of(&out)
    );
    let view: NormalizeView =
        serde_json::from_slice(&out.stdout).expect("output matches pledgediff.normalize/1");
    assert_eq!(view.schema, "pledgediff.normalize/1");
    view
}

/// Every page fixture that has an expect file, with the parsed expectation.
fn pages() -> Vec<(PathBuf, Expect)> {
    let dir = fixture("pages");
    let mut found = Vec::new();
    for entry in fs::read_dir(&dir).expect("pages dir") {
        let path = entry.expect("dir entry").path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "html")
        ) {
            continue;
        }
        let expect = path.with_extension("expect.yaml");
        if !expect.exists() {
            continue;
        }
        let text = fs::read_to_string(&expect).expect("expect file readable");
        let parsed: Expect = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: bad expect file: {e}", expect.display()));
        found.push((path, parsed));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// Checks one page against its expectation; returns failures as lines.
fn check_page(page: &Path, expect: &Expect) -> Vec<String> {
    let view = normalize_json(page, &[]);
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let mut problems = Vec::new();
    if view.paragraphs.len() != expect.paragraphs {
        problems.push(format!(
            "{name}: {} paragraphs, expected {}",
            view.paragraphs.len(),
            expect.paragraphs
        ));
    }
    match view.paragraphs.first() {
        Some(p) if p.text.starts_with(&expect.first) => {}
        other => problems.push(format!(
            "{name}: first paragraph should start {:?}, got {:?}",
            expect.first,
            other.map(|p| p.text.chars().take(60).collect::<String>())
        )),
    }
    match view.paragraphs.last() {
        Some(p) if p.text.starts_with(&expect.last) => {}
        other => problems.push(format!(
            "{name}: last paragraph should start {:?}, got {:?}",
            expect.last,
            other.map(|p| p.text.chars().take(60).collect::<String>())
        )),
    }
    for absent in &expect.absent {
        for p in &view.paragraphs {
            if p.text.contains(absent.as_str()) {
                problems.push(format!(
                    "{name}: chrome {absent:?} kept in paragraph {}",
                    p.index
                ));
            }
        }
    }
    if view.removed.is_empty() {
        problems.push(format!("{name}: nothing reported as removed chrome"));
    }
    problems
}

#[test]
fn every_page_fixture_normalizes_to_its_expected_paragraphs() {
    let pages = pages();
    assert!(
        pages.len() >= 3,
        "expected the page fixtures with .expect.yaml files, found {}",
        pages.len()
    );
    let problems: Vec<String> = pages.iter().flat_map(|(p, e)| check_page(p, e)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_saved_html_page_gives_its_paragraphs_at_the_page_lines() {
    let page = fixture("pages/alliance-statement.html");
    let view = normalize_json(&page, &[]);
    let source = fs::read_to_string(&page).unwrap();
    for p in &view.paragraphs {
        let line = source.lines().nth(p.line - 1).unwrap_or_default();
        let first_words: String = p.text.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            line.contains(&first_words),
            "paragraph {} starts {first_words:?} but its line {} is {line:?}",
            p.index,
            p.line
        );
    }
}

#[test]
fn seed_page_gives_the_13_statement_paragraphs_without_chrome() {
    let view = normalize_json(&fixture("pages/scc-2019-04-19-page.txt"), &[]);
    assert_eq!(view.paragraphs.len(), 13);
    assert!(view.paragraphs[0].text.starts_with("On 19 April 2019"));
    assert!(view.paragraphs[12]
        .text
        .starts_with("In recognition of the depth"));
    for p in &view.paragraphs {
        for chrome in ["SpaceTech", "Envisat", "EU SST"] {
            assert!(
                !p.text.contains(chrome),
                "paragraph {} keeps chrome {chrome:?}: {}",
                p.index,
                p.text
            );
        }
    }
    let removed: Vec<&str> = view.removed.iter().map(|r| r.text.as_str()).collect();
    assert!(
        removed.iter().any(|r| r.contains("SpaceTech")),
        "the banner should be listed as removed: {removed:?}"
    );
    assert!(view.removed.iter().all(|r| !r.why.trim().is_empty()));
}

#[test]
fn keep_chrome_keeps_the_banner() {
    let page = fixture("pages/scc-2019-04-19-page.txt");
    let view = normalize_json(&page, &["--keep-chrome"]);
    assert!(
        view.paragraphs
            .iter()
            .any(|p| p.text.contains("SpaceTech 2023")),
        "--keep-chrome dropped the banner"
    );
    assert!(
        view.paragraphs.len() > 13,
        "--keep-chrome should keep more than the 13 statement paragraphs, got {}",
        view.paragraphs.len()
    );
    assert!(
        !view.removed.iter().any(|r| r.text.contains("SpaceTech")),
        "--keep-chrome still reports the banner as removed"
    );
}

#[test]
fn keep_chrome_text_output_keeps_the_banner() {
    let out = pledgediff()
        .args([
            "normalize",
            "--keep-chrome",
            "tests/fixtures/pages/scc-2019-04-19-page.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("SpaceTech 2023 - Banner"));
}

/// First words of a paragraph text and of a file line agree: the line is
/// where the paragraph starts. Leading list labels (`1.`) are skipped on
/// the line, and its last word is ignored (it may be hyphen-broken).
fn line_starts_paragraph(line: &str, label: Option<&str>, text: &str) -> bool {
    let mut line = line.trim();
    if let Some(l) = label {
        line = line.strip_prefix(l).unwrap_or(line).trim_start();
    }
    let line_words: Vec<&str> = line.split_whitespace().collect();
    let text_words: Vec<&str> = text.split_whitespace().collect();
    if line_words.is_empty() {
        return false;
    }
    let n = (line_words.len() - 1).clamp(1, 4);
    if line_words.len() == 1 {
        return text_words
            .first()
            .is_some_and(|w| w.starts_with(line_words[0].trim_end_matches('-')));
    }
    line_words[..n] == text_words[..n.min(text_words.len())]
}

fn check_indices_and_lines(file: &Path) {
    let view = normalize_json(file, &[]);
    let source = fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    assert!(!view.paragraphs.is_empty());
    for (i, p) in view.paragraphs.iter().enumerate() {
        assert_eq!(p.index, i, "{}: indices must run 0..n", file.display());
        assert!(
            p.line >= 1 && p.line <= lines.len(),
            "{}: paragraph {i} line {} outside the file",
            file.display(),
            p.line
        );
        let line = lines[p.line - 1];
        assert!(
            line_starts_paragraph(line, p.label.as_deref(), &p.text),
            "{}: paragraph {i} says line {}, which reads {:?}; paragraph starts {:?}",
            file.display(),
            p.line,
            line,
            p.text.chars().take(60).collect::<String>()
        );
        if p.line > 1 {
            assert!(
                lines[p.line - 2].trim().is_empty() || lines[p.line - 2].trim() == "---",
                "{}: paragraph {i} at line {} does not start a block (previous line {:?})",
                file.display(),
                p.line,
                lines[p.line - 2]
            );
        }
    }
    for r in &view.removed {
        let line = lines[r.line - 1].trim();
        let first: String = r.text.split_whitespace().next().unwrap_or("").to_string();
        assert!(
            line.contains(&first),
            "{}: removed block {:?} says line {}, which reads {line:?}",
            file.display(),
            r.text,
            r.line
        );
    }
}

#[test]
fn paragraph_indices_and_lines_point_into_every_page() {
    // Text pages; an HTML page's lines hold markup around the text, and
    // have a test of their own above.
    let text_pages = pages()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "txt"));
    for (page, _) in text_pages {
        check_indices_and_lines(&page);
    }
}

#[test]
fn paragraph_lines_count_the_front_matter_and_hard_wraps() {
    // Front matter before the body and hard-wrapped paragraphs.
    for f in ["2015-04-27.md", "2019-04-19.md", "2021-03-16.md"] {
        check_indices_and_lines(&history(f));
    }
}

#[test]
fn seed_page_lines_are_the_odd_lines_7_to_31() {
    let view = normalize_json(&fixture("pages/scc-2019-04-19-page.txt"), &[]);
    let lines: Vec<usize> = view.paragraphs.iter().map(|p| p.line).collect();
    let expected: Vec<usize> = (0..13).map(|i| 7 + 2 * i).collect();
    assert_eq!(lines, expected);
}

#[test]
fn history_2019_file_and_seed_page_give_the_same_13_paragraphs() {
    let page = normalize_json(&fixture("pages/scc-2019-04-19-page.txt"), &[]);
    let md = normalize_json(&history("2019-04-19.md"), &[]);
    let page_texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let md_texts: Vec<&str> = md.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(md_texts.len(), 13);
    assert_eq!(md_texts, page_texts);
    assert!(md.removed.is_empty(), "the clean .md has no chrome");
    assert_eq!(md.statement.date.as_deref(), Some("2019-04-19"));
    assert_eq!(md.statement.provenance.as_deref(), Some("published"));
}

#[test]
fn normalize_json_statement_path_is_as_given() {
    let view = normalize_json(
        Path::new("tests/fixtures/pages/scc-2019-04-19-page.txt"),
        &[],
    );
    assert_eq!(
        view.statement.path,
        "tests/fixtures/pages/scc-2019-04-19-page.txt"
    );
}

#[test]
fn normalize_reads_standard_input() {
    let text = fs::read(fixture("pages/scc-2019-04-19-page.txt")).unwrap();
    let out = pledgediff()
        .args(["normalize", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let view: NormalizeView = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view.statement.path, "<stdin>");
    assert_eq!(view.paragraphs.len(), 13);
}
