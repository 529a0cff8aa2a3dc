//! JSON output through explicit view structs with a versioned schema
//! (`pledgediff.diff/2`, `pledgediff.normalize/1`, `pledgediff.pledges/1`).
//! The views, not the core types, are the contract: the core may change
//! freely as long as these stay put. Fields may be added, never removed or
//! renamed, within a schema version.
//!
//! Paragraphs appear in two ways: `paragraph`, `old`, `new`, `index` and
//! `first_paragraph` are 0-based indices (what the views index with); the
//! `number` (1-based), `label` (the document's own number, `null` when it
//! has none) and `line` fields beside them say how a reader cites the
//! paragraph. `docs/schemas/` holds a JSON Schema for each document.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{
    CheckSink, DiffReport, DiffSink, LogSink, NormalizeSink, PledgesSink, RenderOptions,
    ReportWriter,
};
use crate::diff::{Change, Op};
use crate::pledge::{Pledge, PledgeChangeKind};
use crate::segment::Statement;

/// Schema id of `diff --format json`.
pub const DIFF_SCHEMA: &str = "pledgediff.diff/2";
/// Schema id of `normalize --format json`.
pub const NORMALIZE_SCHEMA: &str = "pledgediff.normalize/1";
/// Schema id of `pledges --format json`.
pub const PLEDGES_SCHEMA: &str = "pledgediff.pledges/1";

/// JSON renderer.
pub struct Json;

/// A statement's identity.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct StatementView {
    /// Path as given.
    pub path: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// `published`, `illustrative`, ...
    pub provenance: Option<String>,
}

/// One word-diff run.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct WordView {
    /// `equal`, `insert` or `delete`.
    pub op: String,
    /// Text (the new side's wording for `equal`).
    pub text: String,
    /// For `equal` runs whose old wording differs only in quote style or
    /// spacing: the old wording, so that both sides rebuild exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_text: Option<String>,
}

/// How a reader cites one paragraph.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ParagraphRefView {
    /// 0-based index, as in `old`/`new`.
    pub index: usize,
    /// 1-based number.
    pub number: usize,
    /// The document's own number or letter ("2.", "(a)"), `null` when it
    /// has none.
    pub label: Option<String>,
    /// 1-based line in the file where the paragraph starts.
    pub line: usize,
}

/// One alignment entry.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ParagraphView {
    /// Change kind.
    pub change: String,
    /// Moved relative to the others.
    pub moved: bool,
    /// Old indices.
    pub old: Vec<usize>,
    /// New indices.
    pub new: Vec<usize>,
    /// The old paragraphs as cited, one per index in `old`.
    #[serde(default)]
    pub old_paragraphs: Vec<ParagraphRefView>,
    /// The new paragraphs as cited, one per index in `new`.
    #[serde(default)]
    pub new_paragraphs: Vec<ParagraphRefView>,
    /// Content similarity.
    pub similarity: Option<f64>,
    /// Old normalized text (paragraphs joined by a blank line).
    pub old_text: Option<String>,
    /// New normalized text.
    pub new_text: Option<String>,
    /// Word diff.
    pub words: Vec<WordView>,
    /// True when the word diff hit its time bound and is coarser.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bounded: bool,
}

/// One side of a pledge change.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct PledgeSideView {
    /// Clause text.
    pub text: String,
    /// Paragraph index.
    pub paragraph: usize,
    /// 1-based number of that paragraph.
    #[serde(default)]
    pub number: usize,
    /// Its own number or letter as written, `null` when it has none.
    #[serde(default)]
    pub label: Option<String>,
    /// Line in the file where that paragraph starts.
    #[serde(default)]
    pub line: usize,
    /// Ordinal strength.
    pub strength: i32,
    /// Actor.
    pub actor: String,
    /// Verb as written.
    pub verb: String,
}

/// One changed pledge.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct PledgeChangeView {
    /// `added`, `dropped`, `strengthened`, `weakened` or `modified`.
    pub change: String,
    /// Old side.
    pub old: Option<PledgeSideView>,
    /// New side.
    pub new: Option<PledgeSideView>,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Reasons in plain words.
    pub reasons: Vec<String>,
    /// The feature differences behind the reasons, with the points each
    /// moves the strength by (pairs only; since `pledgediff.diff/2`).
    #[serde(default)]
    pub deltas: Vec<DeltaView>,
    /// Similarity of the paired pledges, 0 to 1 (pairs only; since
    /// `pledgediff.diff/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// With `--explain`: why the change was reported as it was, one line
    /// each (absent otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

/// One feature that differs between the two sides of a pair.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct DeltaView {
    /// `verb`, `family`, `polarity`, `modal`, `booster`, `hedge`,
    /// `time_limit`, `quantity`, `scope` or `wording`.
    pub feature: String,
    /// Old side's value.
    pub old: Option<String>,
    /// New side's value.
    pub new: Option<String>,
    /// Points of strength (negative: weaker).
    pub step: i32,
}

/// The whole `pledgediff.diff/2` document.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct DiffView {
    /// Schema id.
    pub schema: String,
    /// Old statement.
    pub old: StatementView,
    /// New statement.
    pub new: StatementView,
    /// Alignment entries in reading order.
    pub paragraphs: Vec<ParagraphView>,
    /// Changed pledges.
    pub pledges: Vec<PledgeChangeView>,
    /// Counts per paragraph change kind and per pledge change kind.
    pub summary: BTreeMap<String, usize>,
}

/// A normalized paragraph.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct NormParagraphView {
    /// Index used by `diff`.
    pub index: usize,
    /// 1-based number.
    #[serde(default)]
    pub number: usize,
    /// Text.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// The paragraph's leading marker as written (a bullet included),
    /// absent when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Section heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

/// A removed chrome block.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct RemovedView {
    /// Text.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// Why it was removed.
    pub why: String,
}

/// The `pledgediff.normalize/1` document.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct NormalizeView {
    /// Schema id.
    pub schema: String,
    /// The statement.
    pub statement: StatementView,
    /// Paragraphs.
    pub paragraphs: Vec<NormParagraphView>,
    /// Chrome removed.
    pub removed: Vec<RemovedView>,
}

/// One pledge in `pledgediff.pledges/1`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct PledgeView {
    /// Clause text.
    pub text: String,
    /// Paragraph index.
    pub paragraph: usize,
    /// 1-based number of that paragraph.
    #[serde(default)]
    pub number: usize,
    /// Its own number or letter as written, `null` when it has none.
    #[serde(default)]
    pub label: Option<String>,
    /// Line in the file where that paragraph starts.
    #[serde(default)]
    pub line: usize,
    /// Actor.
    pub actor: String,
    /// Verb as written.
    pub verb: String,
    /// Lexicon lemma of the verb.
    pub lemma: String,
    /// Ordinal strength.
    pub strength: i32,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Features behind the strength.
    pub features: Vec<String>,
    /// With `--explain`: why the clause is a pledge and how its strength
    /// adds up, one line each (absent otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

/// The `pledgediff.pledges/1` document.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct PledgesView {
    /// Schema id.
    pub schema: String,
    /// The statement.
    pub statement: StatementView,
    /// Pledges in order.
    pub pledges: Vec<PledgeView>,
}

/// View of a statement's identity.
pub fn statement_view(s: &Statement) -> StatementView {
    StatementView {
        path: s.name.clone(),
        date: s.meta.date.map(|d| d.to_string()),
        title: s.meta.title.clone(),
        provenance: s.meta.provenance.clone(),
    }
}

/// Paragraph `i` of `s` as cited.
fn paragraph_ref(s: &Statement, i: usize) -> ParagraphRefView {
    let c = s.paragraphs.get(i).map(super::Citation::of);
    ParagraphRefView {
        index: i,
        number: i + 1,
        label: c.and_then(|c| c.label).map(str::to_string),
        line: c.map_or(0, |c| c.line),
    }
}

/// One side of a change; `strength` is the side's strength as compared
/// (a stronger quantity or wider scope than the other side's counts), so
/// that the two sides' numbers agree with the kind of change.
fn side(s: &Statement, p: &Pledge, strength: Option<i32>) -> PledgeSideView {
    let at = paragraph_ref(s, p.paragraph);
    PledgeSideView {
        text: p.text.clone(),
        paragraph: p.paragraph,
        number: at.number,
        label: at.label,
        line: at.line,
        strength: strength.unwrap_or(p.strength),
        actor: p.actor.clone(),
        verb: p.verb_form.clone(),
    }
}

fn joined_text(s: &Statement, idx: &[usize]) -> Option<String> {
    (!idx.is_empty()).then(|| {
        idx.iter()
            .map(|&i| s.paragraphs[i].text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

/// Builds the diff view.
pub fn diff_view(report: &DiffReport<'_>) -> DiffView {
    let c = report.comparison;
    // Under a filter (`--topic`, `--only`), only the paragraphs that hold
    // a listed pledge change; the context setting is for people, JSON
    // lists every other paragraph.
    let keep = if report.filtered {
        super::holding_changes(report)
    } else {
        vec![true; c.classified.paragraphs.len()]
    };
    let kept = || {
        c.classified
            .paragraphs
            .iter()
            .zip(&keep)
            .filter(|(_, &k)| k)
            .map(|(d, _)| d)
    };
    let paragraphs = kept()
        .map(|d| ParagraphView {
            change: d.change.as_str().to_string(),
            moved: d.moved,
            old: d.old.clone(),
            new: d.new.clone(),
            old_paragraphs: d.old.iter().map(|&i| paragraph_ref(&c.old, i)).collect(),
            new_paragraphs: d.new.iter().map(|&i| paragraph_ref(&c.new, i)).collect(),
            similarity: d.similarity,
            old_text: joined_text(&c.old, &d.old),
            new_text: joined_text(&c.new, &d.new),
            words: d
                .words
                .iter()
                .map(|w| WordView {
                    op: match w.op {
                        Op::Equal => "equal",
                        Op::Insert => "insert",
                        Op::Delete => "delete",
                    }
                    .to_string(),
                    text: w.text.clone(),
                    old_text: (w.op == Op::Equal && w.old_text != w.text)
                        .then(|| w.old_text.clone()),
                })
                .collect(),
            bounded: d.bounded,
        })
        .collect();
    let pledges = report
        .changes
        .iter()
        .enumerate()
        .map(|(n, ch)| PledgeChangeView {
            change: ch.kind.as_str().to_string(),
            old: ch
                .old
                .map(|i| side(&c.old, &c.classified.old_pledges[i], ch.old_strength)),
            new: ch
                .new
                .map(|i| side(&c.new, &c.classified.new_pledges[i], ch.new_strength)),
            topics: ch.topics.clone(),
            reasons: ch.reasons.iter().map(|r| r.text.clone()).collect(),
            deltas: ch
                .deltas
                .iter()
                .map(|d| DeltaView {
                    feature: d.feature.to_string(),
                    old: d.old.clone(),
                    new: d.new.clone(),
                    step: d.step,
                })
                .collect(),
            similarity: ch.similarity.map(|s| (s * 1000.0).round() / 1000.0),
            explain: report.explain.get(n).cloned().unwrap_or_default(),
        })
        .collect();
    let mut summary = BTreeMap::new();
    for k in Change::ALL {
        summary.insert(k.as_str().to_string(), 0);
    }
    summary.insert("moved".to_string(), 0);
    for d in kept() {
        *summary.entry(d.change.as_str().to_string()).or_default() += 1;
        if d.moved {
            *summary.entry("moved".to_string()).or_default() += 1;
        }
    }
    for k in PledgeChangeKind::ALL {
        summary.insert(format!("pledges_{}", k.as_str()), 0);
    }
    for ch in &report.changes {
        *summary
            .entry(format!("pledges_{}", ch.kind.as_str()))
            .or_default() += 1;
    }
    DiffView {
        schema: DIFF_SCHEMA.to_string(),
        old: statement_view(&c.old),
        new: statement_view(&c.new),
        paragraphs,
        pledges,
        summary,
    }
}

/// Formatter methods that only pass on to the wrapped formatter.
macro_rules! delegate_layout {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                self.0.$name(w $(, $arg)*)
            }
        )*
    };
}

/// serde_json's formatter `F`, also writing as `\uXXXX` what serde_json
/// leaves raw but a terminal acts on: DEL, C1 controls and bidi
/// overrides ([`super::escape::is_unsafe`]; C0 controls serde_json escapes
/// itself). Still JSON: a reader gets the very same text, and `cat` of
/// the output cannot drive the terminal.
struct TerminalSafeJson<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for TerminalSafeJson<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        text: &str,
    ) -> io::Result<()> {
        // Most text is printable ASCII, which holds no unsafe character:
        // one byte scan then spares decoding every character. The scan
        // folds over every byte instead of stopping at the first other
        // one: a loop without an exit is vectorized.
        if text.bytes().fold(true, |printable, b| {
            printable & matches!(b, 0x20..=0x7e | b'\n' | b'\t')
        }) {
            return self.0.write_string_fragment(w, text);
        }
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if super::escape::is_unsafe(c) {
                self.0.write_string_fragment(w, &text[start..i])?;
                // Every such character is in the Basic Multilingual Plane.
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        self.0.write_string_fragment(w, &text[start..])
    }
    // The layout is `F`'s.
    delegate_layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

/// Serializes `value` through [`TerminalSafeJson`] with layout `F`.
fn serialize<T: Serialize, F: serde_json::ser::Formatter>(
    value: &T,
    out: &mut dyn Write,
    layout: F,
) -> io::Result<()> {
    // serde_json writes in many small pieces (a quote, a key, a line's
    // indentation): a buffer of a known type takes each one inline, where
    // `out` would take a call through `dyn Write` for every piece.
    let mut buffered = io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::with_formatter(&mut buffered, TerminalSafeJson(layout));
    // Keep the I/O error's kind (a closed pipe must stay recognizable).
    value
        .serialize(&mut ser)
        .map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::from(kind),
            None => io::Error::other(e),
        })?;
    // Hands the rest on without flushing `out` itself, as writing to it
    // directly would.
    buffered.into_inner().map(drop).map_err(|e| e.into_error())
}

fn write_json<T: Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serialize(value, out, serde_json::ser::PrettyFormatter::new())?;
    writeln!(out)
}

impl DiffSink for Json {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        write_json(&diff_view(report), out)
    }
}

impl LogSink for Json {
    fn log(
        &self,
        view: &super::LogView<'_>,
        _: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.log_impl(view, out)
    }
}

impl ReportWriter for Json {
    fn report<'a>(
        &self,
        _: &RenderOptions,
        out: &'a mut dyn Write,
    ) -> io::Result<Box<dyn super::ReportSink + 'a>> {
        Ok(Box::new(JsonReport::new(out)?))
    }
}

impl CheckSink for Json {
    fn check(
        &self,
        report: &crate::archive::check::CheckReport,
        _: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.check_impl(report, out)
    }
}

impl NormalizeSink for Json {
    fn normalize(&self, s: &Statement, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let view = NormalizeView {
            schema: NORMALIZE_SCHEMA.to_string(),
            statement: statement_view(s),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| NormParagraphView {
                    index: p.index,
                    number: p.number(),
                    text: p.text.clone(),
                    line: p.line,
                    label: p.label.clone(),
                    heading: p.heading.clone(),
                })
                .collect(),
            removed: s
                .removed
                .iter()
                .map(|r| RemovedView {
                    text: r.text.clone(),
                    line: r.line,
                    why: r.why.clone(),
                })
                .collect(),
        };
        write_json(&view, out)
    }
}

impl PledgesSink for Json {
    fn pledges(
        &self,
        s: &Statement,
        pledges: &[Pledge],
        explain: &[Vec<String>],
        _: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let view = PledgesView {
            schema: PLEDGES_SCHEMA.to_string(),
            statement: statement_view(s),
            pledges: pledges
                .iter()
                .enumerate()
                .map(|(n, p)| {
                    let at = paragraph_ref(s, p.paragraph);
                    PledgeView {
                        text: p.text.clone(),
                        paragraph: p.paragraph,
                        number: at.number,
                        label: at.label,
                        line: at.line,
                        actor: p.actor.clone(),
                        verb: p.verb_form.clone(),
                        lemma: p.verb.clone(),
                        strength: p.strength,
                        topics: p.topics.clone(),
                        features: p.features(),
                        explain: explain.get(n).cloned().unwrap_or_default(),
                    }
                })
                .collect(),
        };
        write_json(&view, out)
    }
}

/// Schema id of `log --format json`.
pub const LOG_SCHEMA: &str = "pledgediff.log/1";
/// Schema id of `report --format json`.
pub const REPORT_SCHEMA: &str = "pledgediff.report/1";
/// Schema id of `check --format json`.
pub const CHECK_SCHEMA: &str = "pledgediff.check/1";

/// A statement in an archive view.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ArchiveStatementView {
    /// Identity.
    #[serde(flatten)]
    pub statement: StatementView,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Number of pledges.
    pub pledges: usize,
}

/// One step's counts.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct StepSummaryView {
    /// Older statement's date (or path).
    pub from: String,
    /// Newer statement's date (or path).
    pub to: String,
    /// Pledge change counts (`pledges_added`, ...) and `paragraphs_changed`.
    pub summary: BTreeMap<String, usize>,
}

/// One event of a lineage.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct LineageEventView {
    /// Date of the statement where it happened.
    pub date: String,
    /// `strengthened`, `weakened`, `modified`, `dropped` or `re-added`.
    pub kind: String,
    /// Reasons.
    pub reasons: Vec<String>,
    /// Text after the event.
    pub text: String,
    /// Strength after the event.
    pub strength: i32,
}

/// One pledge followed across a series.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct LineageView {
    /// Date of the statement where it first appears.
    pub first_date: String,
    /// Text there.
    pub first_text: String,
    /// Paragraph there (0-based index).
    pub first_paragraph: usize,
    /// 1-based number of that paragraph.
    #[serde(default)]
    pub first_number: usize,
    /// Its own number or letter as written, `null` when it has none.
    #[serde(default)]
    pub first_label: Option<String>,
    /// Line in that statement's file where the paragraph starts.
    #[serde(default)]
    pub first_line: usize,
    /// Strength there.
    pub first_strength: i32,
    /// Topics.
    pub topics: Vec<String>,
    /// Still made in the latest statement.
    pub alive: bool,
    /// Later events.
    pub events: Vec<LineageEventView>,
}

/// One series in `log`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct LogSeriesView {
    /// Series name.
    pub name: String,
    /// Statements by date.
    pub statements: Vec<ArchiveStatementView>,
    /// Steps.
    pub steps: Vec<StepSummaryView>,
    /// Lineages that pass the filters.
    pub lineages: Vec<LineageView>,
}

/// The `pledgediff.log/1` document.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct LogJson {
    /// Schema id.
    pub schema: String,
    /// Archive folder.
    pub archive: String,
    /// Series.
    pub series: Vec<LogSeriesView>,
}

/// One series in `report`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ReportSeriesView {
    /// Series name.
    pub name: String,
    /// Statements by date.
    pub statements: Vec<ArchiveStatementView>,
    /// Full diff of every step (`pledgediff.diff/2` documents).
    pub steps: Vec<DiffView>,
    /// Every lineage.
    pub lineages: Vec<LineageView>,
}

/// An archive finding.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ProblemView {
    /// `error` or `warning`.
    pub severity: String,
    /// File.
    pub file: String,
    /// Line.
    pub line: Option<usize>,
    /// Message.
    pub message: String,
    /// Check or rule that produced it.
    pub check: String,
}

/// The `pledgediff.report/1` document.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ReportJson {
    /// Schema id.
    pub schema: String,
    /// Archive folder.
    pub archive: String,
    /// Files left out.
    pub problems: Vec<ProblemView>,
    /// Series.
    pub series: Vec<ReportSeriesView>,
}

/// The `pledgediff.check/1` document.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct CheckJson {
    /// Schema id.
    pub schema: String,
    /// Archive folder.
    pub archive: String,
    /// True when there is no error.
    pub passed: bool,
    /// Series checked.
    pub series: usize,
    /// Statements read.
    pub statements: usize,
    /// Rules applied.
    pub rules: usize,
    /// Findings.
    pub problems: Vec<ProblemView>,
}

fn problem_view(p: &crate::archive::Problem) -> ProblemView {
    ProblemView {
        severity: match p.severity {
            crate::archive::Severity::Error => "error",
            crate::archive::Severity::Warning => "warning",
        }
        .to_string(),
        file: p.file.clone(),
        line: p.line,
        message: p.message.clone(),
        check: p.check.clone(),
    }
}

fn archive_statements(s: &crate::archive::SeriesSummary) -> Vec<ArchiveStatementView> {
    s.statements
        .iter()
        .map(|st| ArchiveStatementView {
            statement: StatementView {
                path: st.name.clone(),
                date: st.meta.date.map(|d| d.to_string()),
                title: st.meta.title.clone(),
                provenance: st.meta.provenance.clone(),
            },
            paragraphs: st.paragraphs,
            pledges: st.pledges,
        })
        .collect()
}

fn lineage_view(s: &crate::archive::SeriesSummary, l: &crate::archive::Lineage) -> LineageView {
    LineageView {
        first_date: s.statements[l.first].date_label(),
        first_text: l.first_text.clone(),
        first_paragraph: l.first_paragraph,
        first_number: l.first_paragraph + 1,
        first_label: l.first_label.clone(),
        first_line: l.first_line,
        first_strength: l.first_strength,
        topics: l.topics.clone(),
        alive: l.alive,
        events: l
            .events
            .iter()
            .map(|e| LineageEventView {
                date: s.statements[e.statement].date_label(),
                kind: e.kind.as_str().to_string(),
                reasons: e.reasons.clone(),
                text: e.text.clone(),
                strength: e.strength,
            })
            .collect(),
    }
}

fn compact<T: Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serialize(value, out, serde_json::ser::CompactFormatter)
}

/// `pledgediff.report/1`, streamed: each step's diff is written as soon as
/// it is computed; the statements and lineages of a series follow its
/// steps, and the problems close the document. (Key order differs from
/// the field order of [`ReportJson`]; JSON readers do not care.)
pub struct JsonReport<'a> {
    out: &'a mut dyn Write,
    series: usize,
    steps: usize,
}

impl<'a> JsonReport<'a> {
    /// Starts the document.
    pub fn new(out: &'a mut dyn Write) -> io::Result<Self> {
        write!(out, "{{\"schema\":")?;
        compact(&REPORT_SCHEMA, out)?;
        Ok(JsonReport {
            out,
            series: 0,
            steps: 0,
        })
    }
}

/// Renders one step's `pledgediff.diff/2` document on a worker thread.
struct JsonStep;

impl crate::archive::StepRender for JsonStep {
    fn render(
        &self,
        _old: &crate::archive::StatementSummary,
        _new: &crate::archive::StatementSummary,
        step: &crate::pipeline::Comparison,
    ) -> io::Result<Vec<u8>> {
        let view = diff_view(&super::DiffReport {
            comparison: step,
            changes: step.classified.changes.iter().collect(),
            filtered: false,
            explain: Vec::new(),
            options: RenderOptions {
                color: false,
                context: super::Context::All,
                width: None,
            },
        });
        let mut out = Vec::new();
        compact(&view, &mut out)?;
        Ok(out)
    }
}

impl crate::archive::StepSink for JsonReport<'_> {
    fn begin_series(&mut self, name: &str) -> io::Result<()> {
        if self.series == 0 {
            write!(self.out, ",\"series\":[")?;
        } else {
            write!(self.out, ",")?;
        }
        self.series += 1;
        self.steps = 0;
        write!(self.out, "{{\"name\":")?;
        compact(&name, self.out)?;
        write!(self.out, ",\"steps\":[")
    }

    fn step_renderer(&self) -> Option<std::sync::Arc<dyn crate::archive::StepRender>> {
        Some(std::sync::Arc::new(JsonStep))
    }

    fn step_rendered(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        if self.steps > 0 {
            write!(self.out, ",")?;
        }
        self.steps += 1;
        self.out.write_all(&bytes)
    }

    fn end_series(&mut self, s: &crate::archive::SeriesSummary) -> io::Result<()> {
        write!(self.out, "],\"statements\":")?;
        compact(&archive_statements(s), self.out)?;
        write!(self.out, ",\"lineages\":")?;
        let lineages: Vec<LineageView> = s.lineages.iter().map(|l| lineage_view(s, l)).collect();
        compact(&lineages, self.out)?;
        write!(self.out, "}}")
    }
}

impl super::ReportSink for JsonReport<'_> {
    fn finish(&mut self, summary: &crate::archive::ArchiveSummary) -> io::Result<()> {
        if self.series == 0 {
            write!(self.out, ",\"series\":[")?;
        }
        write!(self.out, "],\"archive\":")?;
        compact(&summary.root.display().to_string(), self.out)?;
        write!(self.out, ",\"problems\":")?;
        let problems: Vec<ProblemView> = summary.problems.iter().map(problem_view).collect();
        compact(&problems, self.out)?;
        writeln!(self.out, "}}")
    }
}

impl Json {
    fn log_impl(&self, view: &super::LogView<'_>, out: &mut dyn Write) -> io::Result<()> {
        let series = view
            .series()
            .map(|sa| LogSeriesView {
                name: sa.name.clone(),
                statements: archive_statements(sa),
                steps: sa
                    .steps
                    .iter()
                    .map(|step| {
                        let n = view.counts(step);
                        let mut summary = BTreeMap::new();
                        for (k, c) in PledgeChangeKind::ALL.iter().zip(n) {
                            summary.insert(format!("pledges_{}", k.as_str()), c);
                        }
                        summary.insert("paragraphs_changed".into(), step.changed_paragraphs);
                        StepSummaryView {
                            from: sa.statements[step.from].date_label(),
                            to: sa.statements[step.to].date_label(),
                            summary,
                        }
                    })
                    .collect(),
                lineages: sa
                    .lineages
                    .iter()
                    .filter(|l| view.shows(l))
                    .map(|l| lineage_view(sa, l))
                    .collect(),
            })
            .collect();
        write_json(
            &LogJson {
                schema: LOG_SCHEMA.into(),
                archive: view.analysis.root.display().to_string(),
                series,
            },
            out,
        )
    }

    fn check_impl(
        &self,
        report: &crate::archive::check::CheckReport,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_json(
            &CheckJson {
                schema: CHECK_SCHEMA.into(),
                archive: report.archive.clone(),
                passed: report.passed(),
                series: report.series,
                statements: report.statements,
                rules: report.rules,
                problems: report.problems.iter().map(problem_view).collect(),
            },
            out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_json_escapes_and_the_text_survives() {
        let text = "a\u{1b}]0;x\u{7}b\u{202E}c\u{2066}d\u{9b}e\u{7f}f\u{200F}g 日米";
        for pretty in [true, false] {
            let mut out = Vec::new();
            if pretty {
                write_json(&text, &mut out).unwrap();
            } else {
                compact(&text, &mut out).unwrap();
            }
            let json = String::from_utf8(out).unwrap();
            for esc in [
                "\\u001b", "\\u0007", "\\u202e", "\\u2066", "\\u009b", "\\u007f",
            ] {
                assert!(json.contains(esc), "{esc} in {json}");
            }
            assert!(!json
                .chars()
                .any(|c| crate::render::escape::is_unsafe(c) && c != '\n'));
            let back: String = serde_json::from_str(&json).unwrap();
            assert_eq!(back, text);
        }
    }
}
