//! The Markdown report of the bundled history: its structure (the
//! answers before the tables, heading levels, folded details), values
//! read from the statements themselves, and the height of its collapsed
//! view as GitHub would show it, measured in headless Chromium.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::common::{pledgediff, stderr_of, stdout_of};

fn report() -> String {
    let out = pledgediff()
        .args(["report", "history"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    stdout_of(&out)
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The headings of a Markdown document, in order: (level, text).
fn headings(md: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                current = Some((n, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The text of the section under the heading that starts with `title`,
/// up to the next heading of the same level or above.
fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md
        .find(&format!("\n{title}"))
        .unwrap_or_else(|| panic!("no heading {title:?}"))
        + 1;
    let level = title.chars().take_while(|c| *c == '#').count();
    let rest = &md[start + title.len()..];
    let mut end = rest.len();
    for (i, _) in rest.match_indices('\n') {
        let line = &rest[i + 1..];
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
            end = i;
            break;
        }
    }
    &md[start..start + title.len() + end]
}

#[test]
fn headings_go_down_one_level_at_a_time_under_one_title() {
    let md = report();
    let h = headings(&md);
    assert_eq!(h.iter().filter(|(l, _)| *l == 1).count(), 1, "{h:?}");
    assert_eq!(h[0], (1, "Change report".to_string()));
    for w in h.windows(2) {
        assert!(
            w[1].0 <= w[0].0 + 1,
            "heading {:?} follows {:?}: a level is skipped",
            w[1],
            w[0]
        );
    }
    // The series' sections, in the order a reader meets them.
    let sections: Vec<&str> = h
        .iter()
        .filter(|(l, _)| *l == 3)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        sections,
        [
            "What changed, step by step",
            "Statements",
            "Steps",
            "Pledge strength by topic",
            "Pledge lineages",
            "Step details"
        ]
    );
}

#[test]
fn the_changes_that_matter_come_before_the_tables() {
    let md = report();
    let first_table = md.find("\n| ").expect("a table");
    let answers = section(&md, "### What changed, step by step");
    assert!(md.find(answers).unwrap() < first_table);
    // One answer per step, in order, each before any table.
    let steps = [
        "2015-04-27 (illustrative) \u{2192} 2017-08-17 (illustrative)",
        "2017-08-17 (illustrative) \u{2192} 2019-04-19",
        "2019-04-19 \u{2192} 2021-03-16 (illustrative)",
        "2021-03-16 (illustrative) \u{2192} 2023-01-11 (illustrative)",
    ];
    let mut at = 0;
    for step in steps {
        let pos = md[at..]
            .find(&format!("#### {step}\n"))
            .unwrap_or_else(|| panic!("no answer for {step}"))
            + at;
        assert!(pos < first_table, "{step}'s answer comes after a table");
        at = pos + 1;
    }
    // At most six changes quoted per step, each with its quote.
    for step in steps {
        let part = section(answers, &format!("#### {step}"));
        let items = part.lines().filter(|l| l.starts_with("- **")).count();
        let quotes = part.lines().filter(|l| l.starts_with("  > ")).count();
        assert!((1..=6).contains(&items), "{step}: {items} items");
        assert_eq!(items, quotes, "{step}: every item is quoted");
        assert!(
            !part.contains("~ modified**"),
            "{step}: modified is no answer"
        );
    }
}

#[test]
fn answers_quote_the_statements_with_topic_citation_and_reason() {
    let md = report();
    let answers = section(&md, "### What changed, step by step");
    // 2015 → 2017: the United States' "iron-clad commitment to defend
    // Japan" (2015, ¶4) loses "iron-clad" in 2017's ¶4, line 16.
    let first = section(
        answers,
        "#### 2015-04-27 (illustrative) \u{2192} 2017-08-17 (illustrative)",
    );
    let item = first
        .lines()
        .position(|l| l.starts_with("- **\u{2193} weakened**"))
        .expect("a weakened pledge");
    let lines: Vec<&str> = first.lines().collect();
    assert!(
        lines[item].contains("_nuclear-deterrence_"),
        "{}",
        lines[item]
    );
    assert!(lines[item].contains("\u{b6}4, line 16"), "{}", lines[item]);
    assert!(lines[item].contains("iron-clad"), "{}", lines[item]);
    assert!(
        lines[item + 1].starts_with(
            "  > The United States reaffirmed its commitment to defend Japan with the full range of its military capabilities"
        ),
        "{}",
        lines[item + 1]
    );
    // 2021 → 2023: the Extended Deterrence Dialogue goes from "at least
    // once a year" (2021) to "at least twice a year" (2023).
    let last = section(
        answers,
        "#### 2021-03-16 (illustrative) \u{2192} 2023-01-11 (illustrative)",
    );
    assert!(
        last.contains("once a year -&gt; twice a year"),
        "the interval is the reason:\n{last}"
    );
    assert!(last.contains(
        "  > The Ministers decided to hold the Extended Deterrence Dialogue at least twice a year."
    ));
    // 2021's "strong determination to complete the FRF" loses "strong".
    assert!(last.contains("booster removed: strong"), "{last}");
}

#[test]
fn details_blocks_are_balanced_and_open_with_a_blank_line() {
    let md = report();
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    let mut depth = 0i32;
    let lines: Vec<&str> = md.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("<details>") {
            depth += 1;
            assert!(line.contains("</summary>"), "line {}: {line}", i + 1);
            // Without the blank line GitHub shows the Markdown inside raw.
            assert_eq!(lines.get(i + 1), Some(&""), "line {}: {line}", i + 1);
        }
        if line.starts_with("</details>") {
            depth -= 1;
        }
        assert!(
            (0..=1).contains(&depth),
            "line {}: nested or unopened",
            i + 1
        );
    }
    assert_eq!(depth, 0);
    // Every step's details are folded, full lists and redlines inside.
    let details = section(&md, "### Step details");
    assert_eq!(details.matches("<details>").count(), 4);
    assert_eq!(details.matches("#### Pledge changes").count(), 4);
    assert_eq!(details.matches("#### Paragraph redlines").count(), 4);
}

#[test]
fn lineages_are_one_line_timelines_grouped_by_topic() {
    let md = report();
    let lineages = section(&md, "### Pledge lineages");
    // The 2015 "iron-clad" commitment: weakened in 2017, strengthened
    // ("unwavering") in 2021, on one line under its topic.
    let line = lineages
        .lines()
        .find(|l| l.contains("iron-clad commitment"))
        .expect("the iron-clad commitment's lineage");
    assert!(
        line.starts_with("- 2015 \u{201c}The United States reaffirmed"),
        "{line}"
    );
    assert!(
        line.contains("\u{2192} 2017 **\u{2193} weakened** (booster removed: iron-clad)"),
        "{line}"
    );
    assert!(
        line.contains("\u{2192} 2021 **\u{2191} strengthened** (booster added: unwavering)"),
        "{line}"
    );
    let topic = lineages.find("**nuclear-deterrence**").expect("topic");
    assert!(topic < lineages.find(line).unwrap());
    assert!(!lineages.contains("wording:"), "word lists stay out");
}

#[test]
fn the_chart_has_colors_axis_titles_a_legend_and_no_invented_zero() {
    let md = report();
    let part = section(&md, "### Pledge strength by topic");
    assert!(part.contains("sum of the points"), "the scale is explained");
    let block = part
        .split("```mermaid\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a mermaid block");
    assert!(
        block.starts_with("%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"#")
    );
    assert!(
        block.contains("x-axis \"statement\" [\"2015\", \"2017\", \"2019\", \"2021\", \"2023\"]")
    );
    assert!(block.contains("y-axis \"mean strength (points)\" 0 --> "));
    let lines = block.matches("\n    line [").count();
    let legend = part
        .lines()
        .find(|l| l.starts_with("Lines: "))
        .expect("legend");
    assert_eq!(legend.matches("\u{a0}(").count(), lines, "{legend}");
    // No line holds a 0: a topic is only drawn when every statement has
    // a pledge on it, and no pledge has strength 0 here.
    for l in block
        .lines()
        .filter(|l| l.trim_start().starts_with("line ["))
    {
        assert!(
            !l.contains("[0,") && !l.contains(" 0,") && !l.contains(" 0]"),
            "{l}"
        );
    }
}

// ---------------------------------------------------------------------
// The collapsed view, measured
// ---------------------------------------------------------------------

/// Screens of 1,000 px (at 1,200 px wide) the collapsed report may take.
const MAX_SCREENS: f64 = 8.0;

/// Height a Mermaid chart takes on GitHub: the xychart's default 500 px
/// plus the frame's margins. The chart is not drawn here (Mermaid is a
/// script from the network); a box of its size stands in for it.
const CHART_PX: usize = 520;

/// A style sheet close to GitHub's for a Markdown file: its fonts, sizes,
/// margins and the 1,012 px column a file is shown in.
const GITHUB_CSS: &str = r#"
body { margin: 0; background: #fff; color: #1f2328; }
.markdown-body { box-sizing: border-box; max-width: 1012px; margin: 24px auto; padding: 32px;
  border: 1px solid #d1d9e0; border-radius: 6px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 16px; line-height: 1.5; word-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { margin-top: 24px; margin-bottom: 16px; font-weight: 600; line-height: 1.25; }
h1 { font-size: 2em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
h3 { font-size: 1.25em; } h4 { font-size: 1em; } h5 { font-size: .875em; }
p, blockquote, ul, ol, table, pre, details { margin-top: 0; margin-bottom: 16px; }
ul, ol { padding-left: 2em; } li + li { margin-top: .25em; }
li > blockquote { margin-top: 0; margin-bottom: 0; }
blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; margin-left: 0; }
table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
td, th { padding: 6px 13px; border: 1px solid #d1d9e0; }
tr:nth-child(2n) { background: #f6f8fa; }
pre { padding: 16px; background: #f6f8fa; border-radius: 6px; font-size: 85%; }
.chart { height: 520px; border: 1px dashed #d1d9e0; margin-bottom: 16px; }
summary { cursor: pointer; display: list-item; }
"#;

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Markdown to HTML as GitHub shows it, near enough to measure: GFM
/// tables and strikethrough, inline HTML kept, a Mermaid block as a box
/// of the chart's height.
fn to_html(md: &str) -> String {
    let mut body = String::new();
    let mut in_mermaid = false;
    let mut in_table_head = false;
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Paragraph => body.push_str("<p>"),
                Tag::Heading { level, .. } => body.push_str(&format!("<{level}>")),
                Tag::BlockQuote(_) => body.push_str("<blockquote>"),
                Tag::CodeBlock(CodeBlockKind::Fenced(info)) if info.as_ref() == "mermaid" => {
                    in_mermaid = true;
                    body.push_str(&format!(
                        "<div class=\"chart\" style=\"height:{CHART_PX}px\">"
                    ));
                }
                Tag::CodeBlock(_) => body.push_str("<pre><code>"),
                Tag::List(Some(n)) => body.push_str(&format!("<ol start=\"{n}\">")),
                Tag::List(None) => body.push_str("<ul>"),
                Tag::Item => body.push_str("<li>"),
                Tag::Table(_) => body.push_str("<table>"),
                Tag::TableHead => {
                    in_table_head = true;
                    body.push_str("<thead><tr>")
                }
                Tag::TableRow => body.push_str("<tr>"),
                Tag::TableCell => body.push_str(if in_table_head { "<th>" } else { "<td>" }),
                Tag::Emphasis => body.push_str("<em>"),
                Tag::Strong => body.push_str("<strong>"),
                Tag::Strikethrough => body.push_str("<del>"),
                Tag::Link { dest_url, .. } => {
                    body.push_str(&format!("<a href=\"{}\">", escape_html(&dest_url)))
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => body.push_str("</p>\n"),
                TagEnd::Heading(level) => body.push_str(&format!("</{level}>\n")),
                TagEnd::BlockQuote(_) => body.push_str("</blockquote>\n"),
                TagEnd::CodeBlock if in_mermaid => {
                    in_mermaid = false;
                    body.push_str("</div>\n");
                }
                TagEnd::CodeBlock => body.push_str("</code></pre>\n"),
                TagEnd::List(true) => body.push_str("</ol>\n"),
                TagEnd::List(false) => body.push_str("</ul>\n"),
                TagEnd::Item => body.push_str("</li>\n"),
                TagEnd::Table => body.push_str("</tbody></table>\n"),
                TagEnd::TableHead => {
                    in_table_head = false;
                    body.push_str("</tr></thead><tbody>\n")
                }
                TagEnd::TableRow => body.push_str("</tr>\n"),
                TagEnd::TableCell => body.push_str(if in_table_head { "</th>" } else { "</td>" }),
                TagEnd::Emphasis => body.push_str("</em>"),
                TagEnd::Strong => body.push_str("</strong>"),
                TagEnd::Strikethrough => body.push_str("</del>"),
                TagEnd::Link => body.push_str("</a>"),
                _ => {}
            },
            Event::Text(t) if in_mermaid => {
                let _ = t;
            }
            Event::Text(t) => body.push_str(&escape_html(&t)),
            Event::Code(t) => body.push_str(&format!("<code>{}</code>", escape_html(&t))),
            Event::Html(h) | Event::InlineHtml(h) => body.push_str(&h),
            Event::SoftBreak => body.push('\n'),
            Event::HardBreak => body.push_str("<br>\n"),
            Event::Rule => body.push_str("<hr>\n"),
            _ => {}
        }
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>report</title><style>{GITHUB_CSS}</style></head><body><article class=\"markdown-body\">\n{body}</article></body></html>\n"
    )
}

/// Headless Chromium on the PATH, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Screenshots `page` in a window of `width` × `height` into `png`.
fn screenshot(browser: &Path, page: &Path, png: &Path, profile: &Path, width: u32, height: u32) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
        ])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The height of what a screenshot shows: one past its last row that is
/// not all the page's white background.
fn content_height(png: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png).expect("a screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let row = info.line_size;
    (0..info.height as usize)
        .rev()
        .find(|&y| {
            buf[y * row..(y + 1) * row]
                .chunks(channels)
                .any(|px| px[..3] != [255, 255, 255])
        })
        .map_or(0, |y| y + 1)
}

/// The tall window the page is measured in; a report that fills it is
/// far over the limit anyway.
const TALL: u32 = 16_000;

#[test]
fn the_collapsed_report_fits_in_eight_screens() {
    let md = report();
    let html = to_html(&md);
    // The page is kept where `cargo test` keeps temporary files, to be
    // looked at: target/tmp/report-view/.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-view");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, &html).unwrap();
    // The conversion itself is checked without a browser: every fold is
    // closed and the chart's box is there.
    assert!(!html.contains("<details open"));
    assert_eq!(html.matches("class=\"chart\"").count(), 1);

    let Some(browser) = chromium() else {
        eprintln!("skipping the report's height: no `chromium` on PATH (.ci/run installs it)");
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let png = dir.join("report-tall.png");
    screenshot(&browser, &page, &png, profile.path(), 1200, TALL);
    let height = content_height(&png);
    assert!(height > 1000, "the page rendered ({height} px)");
    assert!(
        (height as u32) < TALL,
        "the page fills the window: over the limit"
    );
    let screens = height as f64 / 1000.0;
    eprintln!("collapsed Markdown report: {height} px = {screens:.1} screens at 1,200 px");
    assert!(
        screens <= MAX_SCREENS,
        "the collapsed report is {height} px, {screens:.1} screens of 1,000 px (at most {MAX_SCREENS})"
    );
}

// ---------------------------------------------------------------------
// The diff's Markdown
// ---------------------------------------------------------------------

fn diff_markdown(old: &Path, new: &Path) -> String {
    let out = pledgediff()
        .args(["diff", "--format", "markdown"])
        .arg(old)
        .arg(new)
        .output()
        .expect("runs");
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        stderr_of(&out)
    );
    stdout_of(&out)
}

#[test]
fn the_diff_title_names_the_statement_once_and_its_two_dates() {
    let md = diff_markdown(
        &crate::common::history("2021-03-16.md"),
        &crate::common::history("2023-01-11.md"),
    );
    // Both files carry the title "Joint Statement of the Security
    // Consultative Committee" in their front matter.
    assert_eq!(
        md.lines().next(),
        Some("# Joint Statement of the Security Consultative Committee: 2021-03-16 \u{2192} 2023-01-11")
    );
    // Inserted words carry a cue besides color: bold inside <ins>.
    assert!(md.contains("<ins><strong>"), "insertions are bold");
    assert!(md.contains("<del>"));
}

#[test]
fn a_diff_without_changed_paragraphs_says_so_instead_of_an_empty_table() {
    let file = crate::common::history("2019-04-19.md");
    let md = diff_markdown(&file, &file);
    let paragraphs = section(&md, "## Paragraphs");
    assert!(
        paragraphs.contains("_No paragraph changed (13 unchanged)._"),
        "{paragraphs}"
    );
    assert!(!paragraphs.contains('|'), "no table: {paragraphs}");
}
