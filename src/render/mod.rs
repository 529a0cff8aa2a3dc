//! Stage 7 — render: turn a finished comparison (or a normalized statement,
//! a pledge list, an archive walk, `check`'s findings) into output.
//!
//! One type per format (one file each), implementing one sink trait per
//! output it can show: [`DiffSink`], [`NormalizeSink`], [`PledgesSink`],
//! [`LogSink`], [`ReportWriter`], [`CheckSink`]. Which format serves which
//! command is decided in one place, [`formats`]: each command has its own
//! format type ([`formats::DiffFormat`], …) whose every value names a format
//! that can show it, so an unsupported combination cannot be asked for.
//! Adding a format means one file here and its names in [`formats`].

pub mod formats;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
pub mod wrap;

// Escaping is shared with every message the crate prints; it lives at
// the top so that the archive and output modules need not depend on
// rendering. Re-exported where the renderers have always found it.
pub use crate::escape;
pub use formats::{
    CheckFormat, CommandFormat, DiffFormat, Format, LogFormat, NormalizeFormat, PledgesFormat,
    ReportFormat,
};

use std::io::{self, Write};

use crate::archive::check::CheckReport;
use crate::archive::{
    ArchiveSummary, Lineage, LineageEventKind, SeriesSummary, StepSink, StepSummary,
};
use crate::pipeline::Comparison;
use crate::pledge::{Pledge, PledgeChange, PledgeChangeKind};
use crate::segment::Statement;

/// How much of the unchanged text to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Show every paragraph.
    All,
    /// Show this many unchanged paragraphs around each change.
    Around(usize),
}

/// Settings shared by all renderers.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Use terminal colors (text renderer only).
    pub color: bool,
    /// Unchanged paragraphs to show.
    pub context: Context,
    /// Columns to wrap text output to, with hanging indents (text
    /// renderer only); `None` for no wrapping. The caller decides it (a
    /// terminal's width, `--width`): the library never asks a terminal.
    pub width: Option<usize>,
}

/// A diff ready to render: the comparison and the pledge changes selected
/// by the user's filters (`--topic`, `--only`, `--min-change`).
pub struct DiffReport<'a> {
    /// The full comparison.
    pub comparison: &'a Comparison,
    /// Pledge changes to show.
    pub changes: Vec<&'a PledgeChange>,
    /// Whether a filter chose `changes`: then only the paragraphs that
    /// hold one of them are shown ([`shown_paragraphs`]), in every format.
    pub filtered: bool,
    /// With `--explain`: for each change shown, the lines that explain it
    /// (empty otherwise).
    pub explain: Vec<Vec<String>>,
    /// Render settings.
    pub options: RenderOptions,
}

/// The part of an archive walk that `log` shows.
pub struct LogView<'a> {
    /// The walked archive.
    pub analysis: &'a ArchiveSummary,
    /// Only this series.
    pub series: Option<&'a str>,
    /// Only pledges on this topic.
    pub topic: Option<&'a str>,
    /// Only pledges whose text matches.
    pub grep: Option<&'a regex::Regex>,
    /// Only these kinds of change (`--only`): in the step counts, and
    /// lineages with at least one such change.
    pub only: Option<&'a [PledgeChangeKind]>,
}

impl LogView<'_> {
    /// The series to show.
    pub fn series(&self) -> impl Iterator<Item = &SeriesSummary> {
        self.analysis
            .series
            .iter()
            .filter(|s| self.series.is_none_or(|n| n == s.name))
    }

    /// Whether a lineage passes the filters. Without a filter, only
    /// pledges that changed at some step are shown.
    pub fn shows(&self, l: &Lineage) -> bool {
        let filtered = self.topic.is_some() || self.grep.is_some();
        self.topic.is_none_or(|t| l.topics.iter().any(|x| x == t))
            && self.grep.is_none_or(|re| l.texts().any(|t| re.is_match(t)))
            && (filtered || !l.events.is_empty())
            && self.only.is_none_or(|kinds| {
                // A pledge first made after the first statement was added.
                (l.first > 0 && kinds.contains(&PledgeChangeKind::Added))
                    || l.events
                        .iter()
                        .any(|e| kinds.contains(&change_kind(e.kind)))
            })
    }

    /// A step's pledge change counts under the topic and `--only` filters.
    pub fn counts(&self, step: &StepSummary) -> [usize; 5] {
        let mut n = summary_counts(step, self.topic);
        if let Some(kinds) = self.only {
            for (count, kind) in n.iter_mut().zip(PledgeChangeKind::ALL) {
                if !kinds.contains(&kind) {
                    *count = 0;
                }
            }
        }
        n
    }
}

/// The pledge change a lineage event is: a pledge made again is added.
pub fn change_kind(kind: LineageEventKind) -> PledgeChangeKind {
    match kind {
        LineageEventKind::Strengthened => PledgeChangeKind::Strengthened,
        LineageEventKind::Weakened => PledgeChangeKind::Weakened,
        LineageEventKind::Modified => PledgeChangeKind::Modified,
        LineageEventKind::Dropped => PledgeChangeKind::Dropped,
        LineageEventKind::ReAdded => PledgeChangeKind::Added,
    }
}

/// A step's pledge change counts, in [`PledgeChangeKind::ALL`](crate::pledge::PledgeChangeKind::ALL) order,
/// optionally only for one topic.
pub fn summary_counts(step: &StepSummary, topic: Option<&str>) -> [usize; 5] {
    let mut n = [0; 5];
    for (kind, topics) in &step.changes {
        if topic.is_none_or(|t| topics.iter().any(|x| x == t)) {
            if let Some(k) = crate::pledge::PledgeChangeKind::ALL
                .iter()
                .position(|x| x == kind)
            {
                n[k] += 1;
            }
        }
    }
    n
}

/// An archive report being written while the archive is walked: steps
/// arrive one at a time, the summary at the end.
pub trait ReportSink: StepSink {
    /// Writes whatever comes after the last series.
    fn finish(&mut self, summary: &ArchiveSummary) -> io::Result<()>;
}

/// A format that shows a diff of two statements.
pub trait DiffSink {
    /// Renders a diff of two statements.
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// A format that shows a normalized statement.
pub trait NormalizeSink {
    /// Renders a normalized statement.
    fn normalize(
        &self,
        statement: &Statement,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// A format that lists a statement's pledges.
pub trait PledgesSink {
    /// Renders a statement's pledges. `explain` holds, with `--explain`,
    /// the lines explaining each pledge (empty otherwise).
    fn pledges(
        &self,
        statement: &Statement,
        pledges: &[Pledge],
        explain: &[Vec<String>],
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// A format that shows an archive timeline and pledge lineages (`log`).
pub trait LogSink {
    /// Renders an archive timeline and pledge lineages.
    fn log(&self, view: &LogView<'_>, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}

/// A format that writes archive change reports: it opens a
/// [`ReportSink`] that the archive walk then feeds step by step.
pub trait ReportWriter {
    /// Starts an archive change report on `out`.
    fn report<'a>(
        &self,
        opts: &RenderOptions,
        out: &'a mut dyn Write,
    ) -> io::Result<Box<dyn ReportSink + 'a>>;
}

/// A format that shows the findings of `check`.
pub trait CheckSink {
    /// Renders the findings of `check`.
    fn check(
        &self,
        report: &CheckReport,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// What `check` looked at, in words: "5 statements in 1 series, 3 rules".
/// Said in full so that a gate which checked nothing cannot read like one
/// that passed.
pub fn checked(report: &crate::archive::check::CheckReport) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{} in {}, {}",
        n(report.statements, "statement", "statements"),
        n(report.series, "series", "series"),
        n(report.rules, "rule", "rules")
    )
}

/// A human-output renderer whose output passes through
/// [`escape::TerminalSafe`]: control characters and bidi overrides from
/// statements and file names are shown, never sent to the terminal.
pub struct Escaped<R> {
    /// The renderer.
    pub inner: R,
    /// Whether it paints colors itself (escaping what it paints), so that
    /// color sequences may pass when colors are on. Only the text
    /// renderer does: for the others, `--color` must not open the door.
    pub colors: bool,
}

impl<R> Escaped<R> {
    /// Runs `f` with `out` wrapped, then writes out what it held.
    fn wrap(
        &self,
        colors: bool,
        out: &mut dyn Write,
        f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut safe = escape::TerminalSafe::new(out, self.colors && colors);
        f(&mut safe)?;
        safe.flush()
    }
}

impl<R: DiffSink> DiffSink for Escaped<R> {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.wrap(report.options.color, out, |o| self.inner.diff(report, o))
    }
}

impl<R: NormalizeSink> NormalizeSink for Escaped<R> {
    fn normalize(
        &self,
        statement: &Statement,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.wrap(opts.color, out, |o| {
            self.inner.normalize(statement, opts, o)
        })
    }
}

impl<R: PledgesSink> PledgesSink for Escaped<R> {
    fn pledges(
        &self,
        statement: &Statement,
        pledges: &[Pledge],
        explain: &[Vec<String>],
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.wrap(opts.color, out, |o| {
            self.inner.pledges(statement, pledges, explain, opts, o)
        })
    }
}

impl<R: LogSink> LogSink for Escaped<R> {
    fn log(&self, view: &LogView<'_>, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        self.wrap(opts.color, out, |o| self.inner.log(view, opts, o))
    }
}

impl<R: ReportWriter> ReportWriter for Escaped<R> {
    fn report<'a>(
        &self,
        opts: &RenderOptions,
        out: &'a mut dyn Write,
    ) -> io::Result<Box<dyn ReportSink + 'a>> {
        // A report sink outlives this call: the Markdown one wraps its
        // own output (see `markdown::MarkdownReport::new`).
        self.inner.report(opts, out)
    }
}

impl<R: CheckSink> CheckSink for Escaped<R> {
    fn check(
        &self,
        report: &CheckReport,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.wrap(opts.color, out, |o| self.inner.check(report, opts, o))
    }
}

/// Paragraph entries of a step that changed substantively.
pub fn changed_paragraphs(c: &Comparison) -> usize {
    c.classified
        .paragraphs
        .iter()
        .filter(|d| d.is_substantive())
        .count()
}

/// A statement's label: date and provenance ("2019-04-19, illustrative").
pub fn describe(statement: &Statement) -> String {
    let mut parts = Vec::new();
    if let Some(d) = statement.meta.date {
        parts.push(d.to_string());
    }
    if let Some(p) = &statement.meta.provenance {
        parts.push(p.clone());
    }
    parts.join(", ")
}

/// Which alignment entries to show under a context setting: changed ones
/// and `n` unchanged ones on either side.
pub fn visible(comparison: &Comparison, context: Context) -> Vec<bool> {
    let changed: Vec<bool> = comparison
        .classified
        .paragraphs
        .iter()
        .map(|d| d.change != crate::diff::Change::Unchanged || d.moved)
        .collect();
    around(&changed, context)
}

/// The entries marked, and under `Around(n)` the `n` on either side of
/// each; every entry under `All`.
fn around(marked: &[bool], context: Context) -> Vec<bool> {
    match context {
        Context::All => vec![true; marked.len()],
        Context::Around(n) => (0..marked.len())
            .map(|i| {
                let lo = i.saturating_sub(n);
                let hi = (i + n).min(marked.len().saturating_sub(1));
                (lo..=hi).any(|k| marked[k])
            })
            .collect(),
    }
}

/// Which alignment entries hold a pledge of one of the report's changes
/// (its old pledge's paragraph on the old side, or its new pledge's on
/// the new side).
pub fn holding_changes(report: &DiffReport<'_>) -> Vec<bool> {
    let c = report.comparison;
    let mut old = vec![false; c.old.paragraphs.len()];
    let mut new = vec![false; c.new.paragraphs.len()];
    for ch in &report.changes {
        if let Some(p) = ch.old.and_then(|i| c.classified.old_pledges.get(i)) {
            if let Some(x) = old.get_mut(p.paragraph) {
                *x = true;
            }
        }
        if let Some(p) = ch.new.and_then(|i| c.classified.new_pledges.get(i)) {
            if let Some(x) = new.get_mut(p.paragraph) {
                *x = true;
            }
        }
    }
    c.classified
        .paragraphs
        .iter()
        .map(|d| {
            d.old.iter().any(|&i| old.get(i) == Some(&true))
                || d.new.iter().any(|&i| new.get(i) == Some(&true))
        })
        .collect()
}

/// Which alignment entries a diff shows: without a filter, the changed
/// ones and their context ([`visible`]); under a filter, those holding a
/// shown pledge change ([`holding_changes`]) and their context, or every
/// one with [`Context::All`].
pub fn shown_paragraphs(report: &DiffReport<'_>) -> Vec<bool> {
    if report.filtered {
        around(&holding_changes(report), report.options.context)
    } else {
        visible(report.comparison, report.options.context)
    }
}

/// Paragraph reference like `¶3` or `¶3–4` from 0-based indices, shown
/// 1-based: people count paragraphs from one.
pub fn para_ref(idx: &[usize]) -> String {
    match idx {
        [] => String::new(),
        [one] => format!("\u{b6}{}", one + 1),
        many => format!("\u{b6}{}\u{2013}{}", many[0] + 1, many[many.len() - 1] + 1),
    }
}

/// A paragraph as a reader cites it: its 1-based number, the document's
/// own label when it has one, and the line in the file where it starts.
/// Shown as `¶4 "2.", line 41` (`¶4, line 41` without a label): the label
/// is quoted because it is the document's wording, not pledgediff's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation<'a> {
    /// 1-based paragraph number.
    pub number: usize,
    /// The document's own number or letter ("2.", "(a)"), if any.
    pub label: Option<&'a str>,
    /// 1-based line in the file where the paragraph starts.
    pub line: usize,
}

impl<'a> Citation<'a> {
    /// The citation of a normalized paragraph.
    pub fn of(p: &'a crate::normalize::Paragraph) -> Self {
        Citation {
            number: p.number(),
            label: p.citable_label(),
            line: p.line,
        }
    }
}

impl std::fmt::Display for Citation<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\u{b6}{}", self.number)?;
        if let Some(l) = self.label {
            write!(f, " \"{l}\"")?;
        }
        write!(f, ", line {}", self.line)
    }
}

/// Where a pledge lineage first appears, as [`Citation`].
pub fn lineage_citation(l: &Lineage) -> Citation<'_> {
    Citation {
        number: l.first_paragraph + 1,
        label: l.first_label.as_deref(),
        line: l.first_line,
    }
}

/// The citation of paragraphs `idx` (0-based) of `s`: one paragraph as
/// [`Citation`] shows it, a run of them (a split or merge) as
/// `¶3–4 "2."–"3.", lines 12–15`, so that a reader can find both ends.
pub fn cite(s: &Statement, idx: &[usize]) -> String {
    let at = |i: usize| s.paragraphs.get(i).map(Citation::of);
    match idx {
        [] => String::new(),
        [one] => at(*one).map_or_else(|| para_ref(idx), |c| c.to_string()),
        [first, .., last] => {
            let (Some(a), Some(b)) = (at(*first), at(*last)) else {
                return para_ref(idx);
            };
            // One label for a run would read as the whole run's: labels
            // are shown only when both ends have one.
            let labels = match (a.label, b.label) {
                (Some(x), Some(y)) => format!(" \"{x}\"\u{2013}\"{y}\""),
                _ => String::new(),
            };
            format!(
                "\u{b6}{}\u{2013}{}{labels}, lines {}\u{2013}{}",
                a.number, b.number, a.line, b.line
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_reads_number_label_and_line() {
        let c = Citation {
            number: 4,
            label: Some("2."),
            line: 41,
        };
        assert_eq!(c.to_string(), "\u{b6}4 \"2.\", line 41");
        let c = Citation { label: None, ..c };
        assert_eq!(c.to_string(), "\u{b6}4, line 41");
    }

    #[test]
    fn a_run_of_paragraphs_is_cited_by_both_ends() {
        let s = crate::segment::statement_from_text(
            "Preamble text here.\n\n1. Calls upon all States to act;\n\n2. Urges all States to report;\n\n- A bullet item here.\n",
        );
        assert_eq!(cite(&s, &[]), "");
        assert_eq!(cite(&s, &[0]), "\u{b6}1, line 1");
        assert_eq!(
            cite(&s, &[1, 2]),
            "\u{b6}2\u{2013}3 \"1.\"\u{2013}\"2.\", lines 3\u{2013}5"
        );
        // One end unlabelled (a bullet is no label): no labels shown.
        assert_eq!(cite(&s, &[2, 3]), "\u{b6}3\u{2013}4, lines 5\u{2013}7");
        assert_eq!(para_ref(&[0]), "\u{b6}1");
    }
}
