//! GitHub-flavored Markdown: `diff`, `normalize`, `pledges` and the
//! archive `report`.
//!
//! The report answers first. Per series, it opens with the few pledge
//! changes that matter at each step (strengthened, weakened, added and
//! dropped, quoted with topic and citation), then the statements and
//! steps tables, one strength chart (Mermaid, with explicit colors and a
//! legend), the pledge lineages as one-line timelines grouped by topic,
//! and last each step's full list of changes and redlines folded in a
//! `<details>` block, which GitHub shows closed. Headings go down one
//! level at a time: `#` report, `##` series, `###` sections, `####`
//! steps. Pledge changes are lists with their texts quoted below, not
//! tables: whole sentences do not fit in table columns.
//!
//! Redlines mark deletions with `<del>` (struck through) and insertions
//! with `<ins><strong>` (underlined and bold): GitHub renders both tags
//! without color. The report's collapsed view of the bundled history
//! measures 7.2 screens at 1,200 × 1,000 px (`tests/cli/report_markdown.rs`
//! measures it in headless Chromium and fails past 8).

use std::io::{self, Write};

use super::ReportWriter;
use super::{cite, para_ref, DiffReport, DiffSink, PledgesSink, RenderOptions};
use super::{summary_counts, ReportSink};
use crate::archive::{
    ArchiveSummary, Lineage, LineageEventKind, SeriesSummary, StatementSummary, StepRender,
    StepSink,
};
use crate::diff::{Change, Op};
use crate::pledge::{Pledge, PledgeChange, PledgeChangeKind};
use crate::segment::Statement;

/// Markdown renderer.
pub struct Markdown;

/// Escapes text for Markdown with inline HTML: HTML specials, and the
/// characters that would start emphasis, links or table cells.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '*' | '_' | '`' | '[' | ']' | '#' | '\\' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn title(s: &Statement) -> String {
    s.meta.title.clone().unwrap_or_else(|| s.name.clone())
}

/// The statements' identity table, with provenance labels.
pub fn statements_table(old: &Statement, new: &Statement, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| | Old | New |")?;
    writeln!(out, "|---|---|---|")?;
    writeln!(
        out,
        "| File | `{}` | `{}` |",
        old.name.replace('`', "'"),
        new.name.replace('`', "'")
    )?;
    let date = |s: &Statement| {
        s.meta
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "\u{2014}".into())
    };
    writeln!(out, "| Date | {} | {} |", date(old), date(new))?;
    let prov = |s: &Statement| match &s.meta.provenance {
        Some(p) if s.meta.is_illustrative() => format!("**{}** (not an official text)", escape(p)),
        Some(p) => escape(p),
        None => "\u{2014}".into(),
    };
    writeln!(out, "| Provenance | {} | {} |", prov(old), prov(new))?;
    Ok(())
}

impl DiffSink for Markdown {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let c = report.comparison;
        writeln!(out, "# {}", escape(&diff_title(&c.old, &c.new)))?;
        writeln!(out)?;
        statements_table(&c.old, &c.new, out)?;
        writeln!(out)?;
        write_pledge_table(report, 2, out)?;
        // Under a filter, the paragraphs counted are those shown.
        let show = super::shown_paragraphs(report);
        let paras: Vec<_> = c
            .classified
            .paragraphs
            .iter()
            .zip(&show)
            .filter(|(_, &shown)| !report.filtered || shown)
            .map(|(d, _)| d)
            .collect();
        writeln!(out, "## Paragraphs")?;
        writeln!(out)?;
        let mut rows: Vec<(&str, usize)> = Change::ALL
            .iter()
            .filter(|k| **k != Change::Unchanged)
            .map(|k| (k.as_str(), paras.iter().filter(|d| d.change == *k).count()))
            .collect();
        rows.push(("moved", paras.iter().filter(|d| d.moved).count()));
        rows.retain(|r| r.1 > 0);
        let unchanged = paras
            .iter()
            .filter(|d| d.change == Change::Unchanged && !d.moved)
            .count();
        if rows.is_empty() {
            // A table with no rows renders as a lone header: say it.
            writeln!(out, "_No paragraph changed ({unchanged} unchanged)._")?;
            writeln!(out)?;
            return Ok(());
        }
        writeln!(out, "| Change | Paragraphs |")?;
        writeln!(out, "|---|---:|")?;
        for (k, n) in rows {
            writeln!(out, "| {k} | {n} |")?;
        }
        writeln!(out, "| unchanged | {unchanged} |")?;
        writeln!(out)?;
        write_redlines(report, 3, out)
    }
}

impl ReportWriter for Markdown {
    fn report<'a>(
        &self,
        opts: &RenderOptions,
        out: &'a mut dyn Write,
    ) -> io::Result<Box<dyn ReportSink + 'a>> {
        Ok(Box::new(MarkdownReport::new(out, opts.context)?))
    }
}

impl PledgesSink for Markdown {
    fn pledges(
        &self,
        s: &Statement,
        pledges: &[Pledge],
        explain: &[Vec<String>],
        _: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(out, "# Pledges: {}", escape(&title(s)))?;
        writeln!(out)?;
        if s.meta.is_illustrative() {
            writeln!(out, "> **Illustrative** text, not an official one.")?;
            writeln!(out)?;
        }
        writeln!(
            out,
            "| Paragraph | Actor | Verb | Strength | Topics | Pledge |"
        )?;
        writeln!(out, "|---:|---|---|---:|---|---|")?;
        for p in pledges {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                escape(&cite(s, &[p.paragraph])),
                escape(&p.actor),
                escape(&p.verb_form),
                p.strength,
                escape(&p.topics.join(", ")),
                escape(&p.text)
            )?;
        }
        if !explain.is_empty() {
            writeln!(out)?;
        }
        write_explanations(explain, 2, out)
    }
}

/// The diff's title: "Changes: A → B", or, when both statements carry
/// the same title (successive statements of one body usually do), the
/// title once and the two dates: "Title: 2022-01-07 → 2023-01-11".
fn diff_title(old: &Statement, new: &Statement) -> String {
    let (a, b) = (title(old), title(new));
    if a != b {
        return format!("Changes: {a} \u{2192} {b}");
    }
    let when = |s: &Statement| {
        s.meta
            .date
            .map_or_else(|| s.name.clone(), |d| d.to_string())
    };
    let (x, y) = (when(old), when(new));
    if x == y {
        format!("Changes: {a}")
    } else {
        format!("{a}: {x} \u{2192} {y}")
    }
}

/// `text` escaped to stand at the start of a Markdown line: besides
/// [`escape`], a leading list or block marker ("2.", "3)", "-", "+",
/// "=") is escaped, so that a paragraph opening with its own number
/// stays text instead of becoming a list numbered from it.
pub fn escape_line(text: &str) -> String {
    let e = escape(text);
    let digits = e.chars().take_while(char::is_ascii_digit).count();
    let after = e[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.') | Some(')')) {
        format!("{}\\{}", &e[..digits], &e[digits..])
    } else if matches!(e.chars().next(), Some('-') | Some('+') | Some('=')) {
        format!("\\{e}")
    } else {
        e
    }
}

/// Counts per pledge change kind, kinds with none left out:
/// "1 strengthened · 4 weakened".
fn kind_counts(changes: &[&PledgeChange]) -> String {
    PledgeChangeKind::ALL
        .iter()
        .filter_map(|k| {
            let n = changes.iter().filter(|ch| ch.kind == *k).count();
            (n > 0).then(|| format!("{n} {}", k.as_str()))
        })
        .collect::<Vec<_>>()
        .join(" \u{b7} ")
}

/// A change's kind as the list shows it: sign and name in bold.
fn kind_label(kind: PledgeChangeKind) -> String {
    format!("**{} {}**", kind.sign(), kind.as_str())
}

/// A change's topics in italics, or "no topic".
fn topics_label(topics: &[String]) -> String {
    if topics.is_empty() {
        "_no topic_".to_string()
    } else {
        format!("_{}_", escape(&topics.join(", ")))
    }
}

/// Where a change's pledges are: "¶4, line 16" for a pledge in the same
/// place on both sides, "old ¶2, line 9 → new ¶3, line 12" when it moved,
/// "old …" or "new …" for one side only.
fn change_place(c: &crate::Comparison, ch: &PledgeChange) -> String {
    let old = ch
        .old
        .and_then(|i| c.classified.old_pledges.get(i))
        .map(|p| cite(&c.old, &[p.paragraph]));
    let new = ch
        .new
        .and_then(|i| c.classified.new_pledges.get(i))
        .map(|p| cite(&c.new, &[p.paragraph]));
    match (old, new) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("old {a} \u{2192} new {b}"),
        (Some(a), None) => format!("old {a}"),
        (None, Some(b)) => format!("new {b}"),
        (None, None) => String::new(),
    }
}

/// The pledge changes as a numbered list (shared with the archive
/// report), under a heading of `level`: one item per change, its kind,
/// topics, place and reasons on one line, its texts whole in a quote
/// below. A list rather than a table: a table squeezes two whole
/// sentences and their reasons into narrow columns.
pub fn write_pledge_table(
    report: &DiffReport<'_>,
    level: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = report.comparison;
    writeln!(out, "{} Pledge changes", "#".repeat(level))?;
    writeln!(out)?;
    if report.changes.is_empty() {
        writeln!(out, "_No pledge changes._")?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}", kind_counts(&report.changes))?;
    writeln!(out)?;
    for (n, ch) in report.changes.iter().enumerate() {
        let mut head = format!(
            "{}. {} \u{b7} {} \u{b7} {}",
            n + 1,
            kind_label(ch.kind),
            topics_label(&ch.topics),
            escape(&change_place(c, ch))
        );
        if !ch.reasons.is_empty() {
            let reasons: Vec<String> = ch.reasons.iter().map(|r| escape(&r.text)).collect();
            head.push_str(&format!(" \u{b7} {}", reasons.join("; ")));
        }
        writeln!(out, "{head}")?;
        // The quote belongs to the item when indented to its text, which
        // starts one column later from item 10 on.
        let pad = " ".repeat((n + 1).to_string().len() + 2);
        let old = ch.old.and_then(|i| c.classified.old_pledges.get(i));
        let new = ch.new.and_then(|i| c.classified.new_pledges.get(i));
        match (old, new) {
            (Some(a), Some(b)) => {
                writeln!(out, "{pad}> **Old:** {}<br>", escape(&a.text))?;
                writeln!(out, "{pad}> **New:** {}", escape(&b.text))?;
            }
            (Some(p), None) | (None, Some(p)) => {
                writeln!(out, "{pad}> {}", escape_line(&p.text))?;
            }
            (None, None) => {}
        }
    }
    writeln!(out)?;
    write_explanations(&report.explain, level + 1, out)
}

/// `--explain` lines as a numbered list under a heading of `level`, one
/// item per change of the list above (nothing without `--explain`).
fn write_explanations(
    explain: &[Vec<String>],
    level: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if explain.is_empty() {
        return Ok(());
    }
    writeln!(out, "{} Why", "#".repeat(level))?;
    writeln!(out)?;
    for (n, lines) in explain.iter().enumerate() {
        writeln!(
            out,
            "{}. {}",
            n + 1,
            lines.first().map_or(String::new(), |l| escape(l))
        )?;
        for line in lines.iter().skip(1) {
            writeln!(out, "   - {}", escape(line))?;
        }
    }
    writeln!(out)?;
    Ok(())
}

/// Paragraph redlines (shared with the archive report), each under a
/// heading of `level`. Deleted words are struck through (`<del>`) and
/// inserted ones underlined and bold (`<ins><strong>`): GitHub keeps
/// both tags but gives them no color, so the cue must not be color.
pub fn write_redlines(
    report: &DiffReport<'_>,
    level: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = report.comparison;
    let show = super::shown_paragraphs(report);
    let not_shown = if report.filtered {
        "paragraph(s) without a pledge change listed above not shown"
    } else {
        "unchanged paragraph(s) not shown"
    };
    let mut hidden = 0;
    for (d, shown) in c.classified.paragraphs.iter().zip(show) {
        if !shown {
            hidden += 1;
            continue;
        }
        if hidden > 0 {
            writeln!(out, "_\u{2026} {hidden} {not_shown}._")?;
            writeln!(out)?;
            hidden = 0;
        }
        let refs = match (d.old.is_empty(), d.new.is_empty()) {
            (true, _) => format!("new {}", escape(&cite(&c.new, &d.new))),
            (_, true) => format!("old {}", escape(&cite(&c.old, &d.old))),
            _ => format!(
                "{} \u{2192} {}",
                escape(&cite(&c.old, &d.old)),
                escape(&cite(&c.new, &d.new))
            ),
        };
        let mut head = format!("{} {refs} \u{b7} {}", "#".repeat(level), d.change.as_str());
        if d.moved {
            head.push_str(&format!(" \u{b7} moved from {}", para_ref(&d.old)));
        }
        if let Some(s) = d.similarity {
            head.push_str(&format!(" \u{b7} similarity {s:.2}"));
        }
        writeln!(out, "{head}")?;
        writeln!(out)?;
        writeln!(out, "{}", redline(d))?;
        writeln!(out)?;
    }
    if hidden > 0 {
        writeln!(out, "_\u{2026} {hidden} {not_shown}._")?;
    }
    Ok(())
}

/// One paragraph entry's word redline as a line of Markdown. A whole
/// paragraph added or dropped is marked but not bolded: its heading
/// already says so, and a paragraph all in bold reads as shouting.
fn redline(d: &crate::diff::ParagraphDiff) -> String {
    let mut body = String::new();
    for w in &d.words {
        let t = if body.is_empty() {
            escape_line(&w.text)
        } else {
            escape(&w.text)
        };
        match w.op {
            Op::Equal => body.push_str(&t),
            Op::Delete => body.push_str(&format!("<del>{t}</del>")),
            Op::Insert if d.change == Change::Added => body.push_str(&format!("<ins>{t}</ins>")),
            Op::Insert => body.push_str(&format!("<ins><strong>{t}</strong></ins>")),
        }
    }
    body
}

/// The Markdown report, written as the archive is walked. Each step is
/// rendered on a worker thread into two parts, its answer (the changes
/// that matter, for the top of the series) and its details (every
/// change and the redlines, folded); both are held until the series
/// ends, when its section is written whole, answers first.
pub struct MarkdownReport<'a> {
    out: super::escape::TerminalSafe<&'a mut dyn Write>,
    context: super::Context,
    answers: Vec<u8>,
    details: Vec<u8>,
}

impl<'a> MarkdownReport<'a> {
    /// Starts a report, writing its title.
    pub fn new(out: &'a mut dyn Write, context: super::Context) -> io::Result<Self> {
        // Whatever the archive holds is shown, never sent raw (see
        // `super::escape`).
        let mut out = super::escape::TerminalSafe::new(out, false);
        writeln!(out, "# Change report")?;
        writeln!(out)?;
        writeln!(
            out,
            "Generated by pledgediff {}. Per series: what changed at each step first, then the statements, counts, strength chart and pledge lineages; each step\u{2019}s full list of changes and its redlines are folded at the end. Statements marked **illustrative** are not official texts.",
            env!("CARGO_PKG_VERSION")
        )?;
        writeln!(out)?;
        Ok(MarkdownReport {
            out,
            context,
            answers: Vec::new(),
            details: Vec::new(),
        })
    }
}

fn label(s: &StatementSummary) -> String {
    let d = s.date_label();
    if s.meta.is_illustrative() {
        format!("{d} (illustrative)")
    } else {
        d
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Characters of a pledge quoted in a step's answer; the whole text is
/// in the step's details.
const ANSWER_QUOTE: usize = 280;

/// Renders one step on a worker thread: its answer and its details,
/// encoded as the answer's length (8 bytes, little-endian), the answer,
/// then the details.
struct MarkdownStep {
    context: super::Context,
}

impl StepRender for MarkdownStep {
    fn render(
        &self,
        old: &StatementSummary,
        new: &StatementSummary,
        step: &crate::Comparison,
    ) -> io::Result<Vec<u8>> {
        let report = DiffReport {
            comparison: step,
            changes: step.classified.changes.iter().collect(),
            filtered: false,
            explain: Vec::new(),
            options: RenderOptions {
                color: false,
                context: self.context,
                width: None,
            },
        };
        let heading = format!("{} \u{2192} {}", escape(&label(old)), escape(&label(new)));
        let answer = step_answer(&report, &heading)?;

        let mut details = Vec::new();
        let changed = super::changed_paragraphs(step);
        writeln!(
            details,
            "<details><summary><strong>{heading}</strong> \u{b7} {} \u{b7} {} changed</summary>",
            plural(report.changes.len(), "pledge change", "pledge changes"),
            plural(changed, "paragraph", "paragraphs"),
        )?;
        // The blank line lets GitHub read the Markdown inside the block.
        writeln!(details)?;
        write_pledge_table(&report, 4, &mut details)?;
        writeln!(details, "#### Paragraph redlines")?;
        writeln!(details)?;
        write_redlines(&report, 5, &mut details)?;
        writeln!(details)?;
        writeln!(details, "</details>")?;
        writeln!(details)?;

        let mut bytes = Vec::with_capacity(8 + answer.len() + details.len());
        bytes.extend_from_slice(&(answer.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&answer);
        bytes.extend_from_slice(&details);
        Ok(bytes)
    }
}

/// A step's answer: its counts and the changes that matter
/// ([`super::html::key_changes`], shared with the HTML report), each
/// with kind, topics and place on one line and the pledge quoted below.
fn step_answer(report: &DiffReport<'_>, heading: &str) -> io::Result<Vec<u8>> {
    let step = report.comparison;
    let mut out = Vec::new();
    writeln!(out, "#### {heading}")?;
    writeln!(out)?;
    if report.changes.is_empty() {
        writeln!(out, "_No pledge changes._")?;
        writeln!(out)?;
        return Ok(out);
    }
    writeln!(out, "{}", kind_counts(&report.changes))?;
    writeln!(out)?;
    let key = super::html::key_changes(&report.changes);
    for &n in &key {
        let ch = report.changes[n];
        let place = match super::html::shown_pledge(step, ch) {
            Some((p, "old")) => format!("old {}", cite(&step.old, &[p.paragraph])),
            Some((p, _)) => cite(&step.new, &[p.paragraph]),
            None => String::new(),
        };
        let mut line = format!(
            "- {} \u{b7} {} \u{b7} {}",
            kind_label(ch.kind),
            topics_label(&ch.topics),
            escape(&place)
        );
        // Only the reasons that moved the strength: they say why the
        // pledge is stronger or weaker (the wording changes are in the
        // details); an added or dropped pledge needs none.
        let reasons: Vec<&str> = ch
            .reasons
            .iter()
            .filter(|r| r.step != 0)
            .map(|r| r.text.as_str())
            .collect();
        let graded = matches!(
            ch.kind,
            PledgeChangeKind::Strengthened | PledgeChangeKind::Weakened
        );
        if graded && !reasons.is_empty() {
            line.push_str(&format!(
                " \u{b7} {}",
                escape(&clip(&reasons.join("; "), 160))
            ));
        }
        writeln!(out, "{line}")?;
        if let Some((p, _)) = super::html::shown_pledge(step, ch) {
            writeln!(out, "  > {}", escape_line(&clip(&p.text, ANSWER_QUOTE)))?;
        }
    }
    let rest = report.changes.len() - key.len();
    if rest > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "_{} in the step\u{2019}s details below._",
            plural(rest, "more pledge change", "more pledge changes")
        )?;
    }
    writeln!(out)?;
    Ok(out)
}

impl StepSink for MarkdownReport<'_> {
    fn begin_series(&mut self, _name: &str) -> io::Result<()> {
        self.answers.clear();
        self.details.clear();
        Ok(())
    }

    fn step_renderer(&self) -> Option<std::sync::Arc<dyn StepRender>> {
        Some(std::sync::Arc::new(MarkdownStep {
            context: self.context,
        }))
    }

    fn step_rendered(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        let (len, rest) = bytes.split_at(8.min(bytes.len()));
        let len = u64::from_le_bytes(len.try_into().map_err(io::Error::other)?) as usize;
        let (answer, details) = rest.split_at(len.min(rest.len()));
        self.answers.extend_from_slice(answer);
        self.details.extend_from_slice(details);
        Ok(())
    }

    fn end_series(&mut self, s: &SeriesSummary) -> io::Result<()> {
        write_series(s, &self.answers, &self.details, &mut self.out)?;
        self.answers.clear();
        self.details.clear();
        Ok(())
    }
}

impl ReportSink for MarkdownReport<'_> {
    fn finish(&mut self, summary: &ArchiveSummary) -> io::Result<()> {
        let left_out: Vec<_> = summary
            .problems
            .iter()
            .filter(|p| p.severity == crate::archive::Severity::Error)
            .collect();
        if !left_out.is_empty() {
            writeln!(self.out, "## Files left out")?;
            writeln!(self.out)?;
            for p in left_out {
                writeln!(
                    self.out,
                    "- `{}`: {}",
                    p.file.replace('`', "'"),
                    escape(&p.message)
                )?;
            }
            writeln!(self.out)?;
        }
        self.out.flush()
    }
}

/// One series' section: the answers, the statements and steps tables,
/// the strength chart, the lineages, then every step's folded details.
fn write_series(
    s: &SeriesSummary,
    answers: &[u8],
    details: &[u8],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## Series: {}", escape(&s.name))?;
    writeln!(out)?;
    if let (Some(first), Some(last)) = (s.statements.first(), s.statements.last()) {
        writeln!(
            out,
            "{} from {} to {}; {} compared.",
            plural(s.statements.len(), "statement", "statements"),
            escape(&label(first)),
            escape(&label(last)),
            plural(s.steps.len(), "step", "steps"),
        )?;
        writeln!(out)?;
    }
    if !s.steps.is_empty() {
        writeln!(out, "### What changed, step by step")?;
        writeln!(out)?;
        writeln!(
            out,
            "The pledges strengthened, weakened, added and dropped at each step, each kind in turn, at most {} quoted per step; every change is in the step\u{2019}s details below.",
            super::html::KEY_CHANGES
        )?;
        writeln!(out)?;
        out.write_all(answers)?;
    }
    writeln!(out, "### Statements")?;
    writeln!(out)?;
    writeln!(out, "| Date | Title | Provenance | Paragraphs | Pledges |")?;
    writeln!(out, "|---|---|---|---:|---:|")?;
    for st in &s.statements {
        let prov = match &st.meta.provenance {
            Some(p) if st.meta.is_illustrative() => format!("**{}**", escape(p)),
            Some(p) => escape(p),
            None => "\u{2014}".into(),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            st.date_label(),
            escape(st.meta.title.as_deref().unwrap_or("\u{2014}")),
            prov,
            st.paragraphs,
            st.pledges
        )?;
    }
    writeln!(out)?;
    if s.steps.is_empty() {
        writeln!(out, "_Only one statement: no steps to compare._")?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "### Steps")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Step | + added | \u{2212} dropped | \u{2191} strengthened | \u{2193} weakened | ~ modified | Changed paragraphs |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
    for step in &s.steps {
        let n = summary_counts(step, None);
        writeln!(
            out,
            "| {} \u{2192} {} | {} | {} | {} | {} | {} | {} |",
            escape(&label(&s.statements[step.from])),
            escape(&label(&s.statements[step.to])),
            n[0],
            n[1],
            n[2],
            n[3],
            n[4],
            step.changed_paragraphs
        )?;
    }
    writeln!(out)?;
    write_chart(s, out)?;
    write_lineages(s, out)?;
    writeln!(out, "### Step details")?;
    writeln!(out)?;
    writeln!(
        out,
        "Every pledge change of each step, with both texts whole, and its paragraph redlines (deleted words struck through, inserted ones **bold** and underlined). Open a step to read it."
    )?;
    writeln!(out)?;
    out.write_all(details)?;
    Ok(())
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}\u{2026}", s.chars().take(max).collect::<String>())
    }
}

/// The strength scale in one plain sentence (see `data/strength.yaml`).
const STRENGTH_SCALE: &str = "A pledge\u{2019}s strength is the sum of the points its wording earns: 10 per step of its verb\u{2019}s force (from \u{201c}note\u{201d}, 10, to \u{201c}commit\u{201d}, 60), a few more for a firm modal, a booster such as \u{201c}strongly\u{201d} or a deadline, a few less for a hedge such as \u{201c}where appropriate\u{201d}; higher means firmer.";

/// Line colors of the strength chart, each with the emoji square of its
/// color for the legend (an xychart has none of its own). Each has a
/// contrast of at least 3:1 on GitHub's light (#ffffff) and dark
/// (#0d1117) backgrounds, so the lines show in both themes.
const PALETTE: [(&str, &str, &str); 6] = [
    ("#2f7ed8", "\u{1f7e6}", "blue"),
    ("#d97706", "\u{1f7e7}", "orange"),
    ("#16a34a", "\u{1f7e9}", "green"),
    ("#e5484d", "\u{1f7e5}", "red"),
    ("#a855f7", "\u{1f7ea}", "purple"),
    ("#a0522d", "\u{1f7eb}", "brown"),
];

/// Statements past which the x axis stops naming each one: it becomes
/// the statement's number, on which Mermaid places a few ticks itself,
/// with a key of dates under the chart.
const MAX_AXIS_LABELS: usize = 12;

/// One Mermaid `xychart-beta` per series: the mean pledge strength per
/// statement of the topics with a pledge in every statement, one colored
/// line each. An xychart cannot leave a point out, and a 0 would read as
/// a pledge of strength 0, so a topic missing from some statement gets
/// no line: it is named under the chart with the statements it is in.
fn write_chart(s: &SeriesSummary, out: &mut dyn Write) -> io::Result<()> {
    let topics = super::html::charted_topics(s);
    if topics.is_empty() || s.statements.len() < 2 {
        return Ok(());
    }
    let mean_of = |st: &StatementSummary, topic: &str| {
        st.topics
            .iter()
            .find(|x| x.0 == topic)
            .map(|(_, sum, n)| *sum as f64 / *n as f64)
    };
    let (full, gaps): (Vec<&String>, Vec<&String>) = topics
        .iter()
        .partition(|t| s.statements.iter().all(|st| mean_of(st, t).is_some()));
    let lines: Vec<&String> = full.into_iter().take(PALETTE.len()).collect();
    writeln!(out, "### Pledge strength by topic")?;
    writeln!(out)?;
    writeln!(
        out,
        "Mean strength of the pledges on each topic, per statement. {STRENGTH_SCALE}"
    )?;
    writeln!(out)?;
    if !lines.is_empty() {
        let legend: Vec<String> = lines
            .iter()
            .zip(PALETTE)
            .map(|(t, (_, square, name))| format!("{square} {}\u{a0}({name})", escape(t)))
            .collect();
        writeln!(out, "Lines: {}.", legend.join(" \u{b7} "))?;
        writeln!(out)?;
        let n = s.statements.len();
        let values: Vec<Vec<f64>> = lines
            .iter()
            .map(|t| {
                s.statements
                    .iter()
                    .map(|st| (mean_of(st, t).unwrap_or(0.0) * 10.0).round() / 10.0)
                    .collect()
            })
            .collect();
        let max = values.iter().flatten().copied().fold(0.0, f64::max);
        let top = ((max / 10.0).ceil() * 10.0).max(10.0);
        let palette: Vec<&str> = PALETTE.iter().take(lines.len()).map(|p| p.0).collect();
        writeln!(out, "```mermaid")?;
        writeln!(
            out,
            "%%{{init: {{\"themeVariables\": {{\"xyChart\": {{\"plotColorPalette\": \"{}\"}}}}}}}}%%",
            palette.join(", ")
        )?;
        writeln!(out, "xychart-beta")?;
        writeln!(out, "    title \"Mean pledge strength by topic\"")?;
        if n <= MAX_AXIS_LABELS {
            let labels: Vec<String> = super::html::axis_labels(s)
                .iter()
                .map(|l| format!("\"{}\"", l.replace('"', "'")))
                .collect();
            writeln!(out, "    x-axis \"statement\" [{}]", labels.join(", "))?;
        } else {
            writeln!(out, "    x-axis \"statement number\" 1 --> {n}")?;
        }
        writeln!(out, "    y-axis \"mean strength (points)\" 0 --> {top}")?;
        for v in &values {
            let v: Vec<String> = v.iter().map(|x| format!("{x}")).collect();
            writeln!(out, "    line [{}]", v.join(", "))?;
        }
        writeln!(out, "```")?;
        writeln!(out)?;
        if n > MAX_AXIS_LABELS {
            // A long archive's axis is numbered: the key names a few.
            let key: Vec<String> = super::html::thinned(n, 8)
                .into_iter()
                .map(|i| format!("{} = {}", i + 1, escape(&s.statements[i].date_label())))
                .collect();
            writeln!(out, "Statement numbers: {}.", key.join(" \u{b7} "))?;
            writeln!(out)?;
        }
    }
    let dropped: Vec<String> = gaps
        .iter()
        .map(|t| {
            let with = s
                .statements
                .iter()
                .filter(|st| mean_of(st, t).is_some())
                .count();
            format!("{} (in {with} of {})", escape(t), s.statements.len())
        })
        .collect();
    if !dropped.is_empty() {
        writeln!(
            out,
            "Not charted, having no pledge in some statements (a line would have to invent a value there): {}.",
            dropped.join(", ")
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// A lineage event in a timeline: sign and name, as in the step lists.
fn event_label(kind: LineageEventKind) -> String {
    let sign = match kind {
        LineageEventKind::ReAdded => "+",
        k => super::change_kind(k).sign(),
    };
    format!("{sign} {}", kind.as_str())
}

/// Characters of a lineage's text in its timeline line.
const LINEAGE_TEXT: usize = 110;

/// Per topic, one line per pledge that changed after it first appeared:
/// where it first appears, then each change with its date, kind and
/// reasons: "2019 ↑ strengthened (booster added: strongly)". Pledges
/// that were only reworded (every change `modified`) are listed folded
/// after the others: they changed words, not commitments.
fn write_lineages(s: &SeriesSummary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Pledge lineages")?;
    writeln!(out)?;
    let changed: Vec<&Lineage> = s.lineages.iter().filter(|l| !l.events.is_empty()).collect();
    if changed.is_empty() {
        writeln!(out, "_No pledge changed after it first appeared._")?;
        writeln!(out)?;
        return Ok(());
    }
    let (moved, reworded): (Vec<&Lineage>, Vec<&Lineage>) = changed.into_iter().partition(|l| {
        l.events
            .iter()
            .any(|e| e.kind != LineageEventKind::Modified)
    });
    let dates = super::html::axis_labels(s);
    writeln!(
        out,
        "Pledges that grew stronger or weaker, were dropped or came back, by topic. Each line: the year the pledge was first made, its text and place then, and each change since."
    )?;
    writeln!(out)?;
    if moved.is_empty() {
        writeln!(out, "_None: every change was a rewording._")?;
        writeln!(out)?;
    }
    write_lineage_groups(&moved, &dates, out)?;
    if !reworded.is_empty() {
        writeln!(
            out,
            "<details><summary>{} only reworded</summary>",
            plural(reworded.len(), "more pledge", "more pledges")
        )?;
        writeln!(out)?;
        write_lineage_groups(&reworded, &dates, out)?;
        writeln!(out, "</details>")?;
        writeln!(out)?;
    }
    Ok(())
}

/// Lineages grouped by their first topic (topics in name order, then the
/// pledges without one), one timeline line each.
fn write_lineage_groups(
    lineages: &[&Lineage],
    dates: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut groups: Vec<(String, Vec<&Lineage>)> = Vec::new();
    for l in lineages {
        let key = l.topics.first().cloned().unwrap_or_default();
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1.push(l),
            None => groups.push((key, vec![l])),
        }
    }
    groups.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
    for (topic, lineages) in groups {
        let name = if topic.is_empty() {
            "no topic".to_string()
        } else {
            escape(&topic)
        };
        writeln!(out, "**{name}**")?;
        writeln!(out)?;
        for l in lineages {
            writeln!(out, "{}", timeline(l, dates))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One lineage as a list item: first appearance, then each change.
fn timeline(l: &Lineage, dates: &[String]) -> String {
    let mut line = format!(
        "- {} \u{201c}{}\u{201d} ({}, strength {})",
        escape(&dates[l.first]),
        escape(&clip(&l.first_text, LINEAGE_TEXT)),
        escape(&super::lineage_citation(l).to_string()),
        l.first_strength
    );
    for e in &l.events {
        line.push_str(&format!(
            " \u{2192} {} **{}**",
            escape(&dates[e.statement]),
            event_label(e.kind)
        ));
        // Word lists say little in a one-line timeline, and a dropped
        // pledge's reason only repeats its verb: the reasons that name a
        // feature (a booster, a modal, a deadline) are worth the room.
        if e.kind == LineageEventKind::Dropped {
            continue;
        }
        let reasons: Vec<&str> = e
            .reasons
            .iter()
            .filter(|r| !r.starts_with("wording"))
            .map(String::as_str)
            .collect();
        if !reasons.is_empty() {
            line.push_str(&format!(" ({})", escape(&clip(&reasons.join("; "), 90))));
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A series of `n` statements a month apart; `topics(i)` gives the
    /// i-th statement's (topic, strength sum, pledges).
    fn series(n: usize, topics: impl Fn(usize) -> Vec<(String, i64, usize)>) -> SeriesSummary {
        let start = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        SeriesSummary {
            name: "s".into(),
            statements: (0..n)
                .map(|i| StatementSummary {
                    name: format!("{i}.md"),
                    meta: crate::read::Meta {
                        date: start.checked_add_months(chrono::Months::new(i as u32)),
                        ..Default::default()
                    },
                    paragraphs: 1,
                    pledges: 1,
                    topics: topics(i),
                })
                .collect(),
            steps: Vec::new(),
            lineages: Vec::new(),
        }
    }

    fn chart(s: &SeriesSummary) -> String {
        let mut out = Vec::new();
        write_chart(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_topic_missing_from_a_statement_gets_no_line_and_is_named() {
        let s = series(4, |i| {
            let mut t = vec![("a".to_string(), 40, 1)];
            if i != 2 {
                t.push(("b".to_string(), 60, 2));
            }
            t
        });
        let md = chart(&s);
        assert_eq!(md.matches("\n    line [").count(), 1, "{md}");
        assert!(md.contains("    line [40, 40, 40, 40]"), "{md}");
        assert!(md.contains("Not charted, having no pledge in some statements"));
        assert!(md.contains("b (in 3 of 4)"), "{md}");
    }

    #[test]
    fn a_long_series_numbers_its_axis_and_keys_a_few_dates() {
        let s = series(1500, |_| vec![("a".to_string(), 30, 1)]);
        let md = chart(&s);
        assert!(
            md.contains("    x-axis \"statement number\" 1 --> 1500\n"),
            "{md}"
        );
        let key = md
            .lines()
            .find(|l| l.starts_with("Statement numbers: "))
            .expect("a key");
        assert!(
            key.starts_with("Statement numbers: 1 = 1990-01-01 \u{b7} "),
            "{key}"
        );
        assert!(key.ends_with(" \u{b7} 1500 = 2114-12-01."), "{key}");
        assert!(key.matches(" = ").count() <= 9, "{key}");
        // Short series name every statement.
        let md = chart(&series(5, |_| vec![("a".to_string(), 30, 1)]));
        assert!(
            md.contains("x-axis \"statement\" [\"1990-01-01\", \"1990-02-01\""),
            "{md}"
        );
    }

    #[test]
    fn a_line_opening_with_a_number_stays_text() {
        assert_eq!(escape_line("2. Calls upon"), "2\\. Calls upon");
        assert_eq!(escape_line("12) Urges"), "12\\) Urges");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("2019 was"), "2019 was");
        assert_eq!(escape_line("<b>"), "&lt;b&gt;");
    }
}
