//! GitHub-flavored Markdown: a change report with a pledge table, a
//! summary table and `<del>`/`<ins>` redlines.

use std::io::{self, Write};

use super::ReportWriter;
use super::{cite, para_ref, DiffReport, DiffSink, PledgesSink, RenderOptions};
use super::{summary_counts, ReportSink};
use crate::archive::{ArchiveSummary, SeriesSummary, StatementSummary, StepRender, StepSink};
use crate::diff::{Change, Op};
use crate::pledge::{Pledge, PledgeChangeKind};
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
        writeln!(
            out,
            "# Changes: {} \u{2192} {}",
            escape(&title(&c.old)),
            escape(&title(&c.new))
        )?;
        writeln!(out)?;
        statements_table(&c.old, &c.new, out)?;
        writeln!(out)?;
        write_pledge_table(report, out)?;
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
        writeln!(out, "| Change | Count |")?;
        writeln!(out, "|---|---:|")?;
        for k in Change::ALL {
            writeln!(
                out,
                "| {} | {} |",
                k.as_str(),
                paras.iter().filter(|d| d.change == k).count()
            )?;
        }
        writeln!(
            out,
            "| moved | {} |",
            paras.iter().filter(|d| d.moved).count()
        )?;
        writeln!(out)?;
        write_redlines(report, out)
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
        write_explanations(explain, out)
    }
}

/// The pledge-change table (shared with the archive report).
pub fn write_pledge_table(report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let c = report.comparison;
    writeln!(out, "## Pledge changes")?;
    writeln!(out)?;
    let counts: Vec<String> = PledgeChangeKind::ALL
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                report.changes.iter().filter(|ch| ch.kind == *k).count(),
                k.as_str()
            )
        })
        .collect();
    writeln!(out, "{}", counts.join(" \u{b7} "))?;
    writeln!(out)?;
    if report.changes.is_empty() {
        writeln!(out, "_No pledge changes._")?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "| | Change | Topics | Old | New | Reasons |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for ch in &report.changes {
        let old = ch
            .old
            .map(|i| {
                let p = &c.classified.old_pledges[i];
                format!(
                    "{}: {}",
                    escape(&cite(&c.old, &[p.paragraph])),
                    escape(&p.text)
                )
            })
            .unwrap_or_default();
        let new = ch
            .new
            .map(|i| {
                let p = &c.classified.new_pledges[i];
                format!(
                    "{}: {}",
                    escape(&cite(&c.new, &[p.paragraph])),
                    escape(&p.text)
                )
            })
            .unwrap_or_default();
        let reasons: Vec<String> = ch.reasons.iter().map(|r| escape(&r.text)).collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            ch.kind.sign(),
            ch.kind.as_str(),
            escape(&ch.topics.join(", ")),
            old,
            new,
            reasons.join("; ")
        )?;
    }
    writeln!(out)?;
    write_explanations(&report.explain, out)
}

/// `--explain` lines as a numbered list, one item per row of the table
/// above (nothing without `--explain`).
fn write_explanations(explain: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    if explain.is_empty() {
        return Ok(());
    }
    writeln!(out, "### Why")?;
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

/// Paragraph redlines (shared with the archive report).
pub fn write_redlines(report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
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
        let mut head = format!("### {refs} \u{b7} {}", d.change.as_str());
        if d.moved {
            head.push_str(&format!(" \u{b7} moved from {}", para_ref(&d.old)));
        }
        if let Some(s) = d.similarity {
            head.push_str(&format!(" \u{b7} similarity {s:.2}"));
        }
        writeln!(out, "{head}")?;
        writeln!(out)?;
        let mut body = String::new();
        for w in &d.words {
            let t = escape(&w.text);
            match w.op {
                Op::Equal => body.push_str(&t),
                Op::Delete if d.change == Change::Dropped => {
                    body.push_str(&format!("<del>{t}</del>"))
                }
                Op::Insert if d.change == Change::Added => {
                    body.push_str(&format!("<ins>{t}</ins>"))
                }
                Op::Delete => body.push_str(&format!("<del>{t}</del>")),
                Op::Insert => body.push_str(&format!("<ins>{t}</ins>")),
            }
        }
        writeln!(out, "{body}")?;
        writeln!(out)?;
    }
    if hidden > 0 {
        writeln!(out, "_\u{2026} {hidden} {not_shown}._")?;
    }
    Ok(())
}

/// Topics charted per series: those with pledges in at least two
/// statements, most pledges first, at most this many.
const MAX_CHARTS: usize = 8;

/// The Markdown report, written as the archive is walked: each step's
/// section is rendered at once (its comparison is then dropped) and held
/// as text until the series' overview, which needs every step, is written
/// above it.
pub struct MarkdownReport<'a> {
    out: super::escape::TerminalSafe<&'a mut dyn Write>,
    context: super::Context,
    steps: Vec<u8>,
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
            "Generated by pledgediff {}. Statements marked **illustrative** are not official texts.",
            env!("CARGO_PKG_VERSION")
        )?;
        writeln!(out)?;
        Ok(MarkdownReport {
            out,
            context,
            steps: Vec::new(),
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

/// Renders one step's section (pledge table and redlines) on a worker
/// thread.
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
        let mut out = Vec::new();
        writeln!(
            out,
            "### {} \u{2192} {}",
            escape(&label(old)),
            escape(&label(new))
        )?;
        writeln!(out)?;
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
        write_pledge_table(&report, &mut out)?;
        writeln!(out, "<details><summary>Paragraph redlines</summary>")?;
        writeln!(out)?;
        write_redlines(&report, &mut out)?;
        writeln!(out)?;
        writeln!(out, "</details>")?;
        writeln!(out)?;
        Ok(out)
    }
}

impl StepSink for MarkdownReport<'_> {
    fn begin_series(&mut self, _name: &str) -> io::Result<()> {
        self.steps.clear();
        Ok(())
    }

    fn step_renderer(&self) -> Option<std::sync::Arc<dyn StepRender>> {
        Some(std::sync::Arc::new(MarkdownStep {
            context: self.context,
        }))
    }

    fn step_rendered(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        self.steps.extend_from_slice(&bytes);
        Ok(())
    }

    fn end_series(&mut self, s: &SeriesSummary) -> io::Result<()> {
        write_series_overview(s, &mut self.out)?;
        self.out.write_all(&self.steps)?;
        self.steps.clear();
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

fn write_series_overview(s: &SeriesSummary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Series: {}", escape(&s.name))?;
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
        "| Step | Added | Dropped | Strengthened | Weakened | Modified | Changed paragraphs |"
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
    write_charts(s, out)?;
    let changed: Vec<&crate::archive::Lineage> =
        s.lineages.iter().filter(|l| !l.events.is_empty()).collect();
    writeln!(out, "### Pledge lineages")?;
    writeln!(out)?;
    if changed.is_empty() {
        writeln!(out, "_No pledge changed after it first appeared._")?;
        writeln!(out)?;
    }
    for l in changed {
        let topics = if l.topics.is_empty() {
            String::new()
        } else {
            format!(" \u{b7} _{}_", escape(&l.topics.join(", ")))
        };
        writeln!(out, "- **{}**{}", escape(&clip(&l.first_text, 200)), topics)?;
        writeln!(
            out,
            "  - {}: first appears ({}, strength {})",
            escape(&label(&s.statements[l.first])),
            escape(&super::lineage_citation(l).to_string()),
            l.first_strength
        )?;
        for e in &l.events {
            writeln!(
                out,
                "  - {}: {} \u{2014} {}",
                escape(&label(&s.statements[e.statement])),
                e.kind.as_str(),
                escape(&e.reasons.join("; "))
            )?;
        }
    }
    writeln!(out)?;
    Ok(())
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}\u{2026}", s.chars().take(max).collect::<String>())
    }
}

/// One Mermaid `xychart-beta` per topic: mean pledge strength per statement.
fn write_charts(s: &SeriesSummary, out: &mut dyn Write) -> io::Result<()> {
    // (topic, statements with it, pledges on it)
    let mut topics: Vec<(String, usize, usize)> = Vec::new();
    for st in &s.statements {
        for (t, _, n) in &st.topics {
            match topics.iter_mut().find(|x| &x.0 == t) {
                Some(x) => {
                    x.1 += 1;
                    x.2 += n;
                }
                None => topics.push((t.clone(), 1, *n)),
            }
        }
    }
    topics.retain(|t| t.1 >= 2);
    topics.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    topics.truncate(MAX_CHARTS);
    if topics.is_empty() {
        return Ok(());
    }
    writeln!(out, "### Pledge strength by topic")?;
    writeln!(out)?;
    writeln!(
        out,
        "Mean strength of the pledges on each topic per statement (0 = no pledge on the topic)."
    )?;
    writeln!(out)?;
    let dates: Vec<String> = s
        .statements
        .iter()
        .map(|st| format!("\"{}\"", st.date_label()))
        .collect();
    for (topic, _, _) in &topics {
        let values: Vec<f64> = s
            .statements
            .iter()
            .map(|st| {
                st.topics
                    .iter()
                    .find(|x| &x.0 == topic)
                    .map_or(0.0, |(_, sum, n)| {
                        (*sum as f64 / *n as f64 * 10.0).round() / 10.0
                    })
            })
            .collect();
        let max = values.iter().cloned().fold(0.0, f64::max);
        let top = ((max / 10.0).ceil() * 10.0).max(10.0);
        writeln!(out, "```mermaid")?;
        writeln!(out, "xychart-beta")?;
        writeln!(
            out,
            "    title \"{}: mean pledge strength\"",
            topic.replace('"', "'")
        )?;
        writeln!(out, "    x-axis [{}]", dates.join(", "))?;
        writeln!(out, "    y-axis \"strength\" 0 --> {top}")?;
        writeln!(
            out,
            "    line [{}]",
            values
                .iter()
                .map(|v| format!("{v}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(out, "```")?;
        writeln!(out)?;
    }
    Ok(())
}
