//! Terminal output: a pledge summary first, then paragraph redlines, with
//! colors when the terminal wants them and wdiff-style `[-…-]`/`{+…+}`
//! markers when it does not.

use std::io::{self, Write};

use owo_colors::{OwoColorize, Style};

use super::escape::{visible as esc, visible_text as esc_text};
use super::wrap::{self, Layout, Span};
use super::{
    cite, describe, para_ref, shown_paragraphs, CheckSink, DiffReport, DiffSink, LogSink, LogView,
    NormalizeSink, PledgesSink, RenderOptions,
};
use crate::archive::check::CheckReport;
use crate::archive::Severity;
use crate::diff::{Change, Op};
use crate::pledge::{Pledge, PledgeChangeKind};
use crate::segment::Statement;

/// Text renderer.
pub struct Text;

struct Palette {
    on: bool,
}

impl Palette {
    /// `s` escaped ([`esc`]) and, with colors on, styled. Values are
    /// escaped here, before colors are added, because the output stream
    /// lets color sequences through when colors are on.
    fn paint(&self, s: &str, style: Style) -> String {
        let s = esc(s);
        if self.on {
            s.style(style).to_string()
        } else {
            s.to_string()
        }
    }
    fn kind(&self, k: PledgeChangeKind) -> Style {
        match k {
            PledgeChangeKind::Added => Style::new().green().bold(),
            PledgeChangeKind::Dropped => Style::new().red().bold(),
            PledgeChangeKind::Strengthened => Style::new().cyan().bold(),
            PledgeChangeKind::Weakened => Style::new().yellow().bold(),
            // Magenta, not blue: dark blue is unreadable on a black
            // background, and magenta reads on light and dark alike.
            PledgeChangeKind::Modified => Style::new().magenta().bold(),
        }
    }
}

fn header(s: &Statement) -> String {
    let d = describe(s);
    let h = if d.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({d})", s.name)
    };
    esc(&h).into_owned()
}

/// `s` cut to `max` characters, then escaped ([`esc_text`]).
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        esc_text(s).into_owned()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}\u{2026}", esc_text(&cut))
    }
}

/// Where text output goes, and how it is laid out.
struct Sink<'a> {
    out: &'a mut dyn Write,
    width: Option<usize>,
    color: bool,
}

impl Sink<'_> {
    /// Writes `spans` wrapped to the width: the first line after
    /// `indent`, the others after `hang`.
    fn block(&mut self, indent: &str, hang: &str, spans: &[Span<'_>]) -> io::Result<()> {
        wrap::write(
            self.out,
            spans,
            Layout {
                width: self.width,
                indent,
                hang,
                color: self.color,
            },
        )
    }
}

/// `text` escaped for one line ([`esc`]).
fn one_line(text: &str) -> String {
    esc(text).into_owned()
}

/// The hanging indent under a first-line indent: as many spaces as it
/// has columns.
fn under(indent: &str) -> String {
    " ".repeat(indent.chars().count())
}

impl DiffSink for Text {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let c = report.comparison;
        let pal = Palette {
            on: report.options.color,
        };
        let mut sink = Sink {
            out,
            width: report.options.width,
            color: pal.on,
        };
        let bold = Style::new().bold();
        let dim = Style::new().dimmed();
        // File names are never wrapped: they are copied and pasted.
        writeln!(sink.out, "{} {}", pal.paint("---", bold), header(&c.old))?;
        writeln!(sink.out, "{} {}", pal.paint("+++", bold), header(&c.new))?;
        for s in [&c.old, &c.new] {
            if s.meta.is_illustrative() {
                let note = one_line(&format!(
                    "note: {} is an illustrative text, not an official one",
                    s.name
                ));
                sink.block("", "      ", &[Span::styled(&note, Style::new().yellow())])?;
            }
        }
        writeln!(sink.out)?;

        // Pledges first: what a word diff cannot say.
        let mut counts = Vec::new();
        for k in PledgeChangeKind::ALL {
            let n = report.changes.iter().filter(|ch| ch.kind == k).count();
            if n > 0 {
                counts.push((format!("{} {n} {}", k.sign(), k.as_str()), pal.kind(k)));
            }
        }
        let mut spans = vec![Span::styled("Pledges:", bold), Span::plain(" ")];
        if counts.is_empty() {
            spans.push(Span::plain("no pledge changes"));
        }
        for (n, (text, style)) in counts.iter().enumerate() {
            if n > 0 {
                spans.push(Span::plain(", "));
            }
            spans.push(Span::styled(text, *style));
        }
        sink.block("", &under("Pledges: "), &spans)?;
        for (n, ch) in report.changes.iter().enumerate() {
            let topics = if ch.topics.is_empty() {
                String::new()
            } else {
                one_line(&format!(" [{}]", ch.topics.join(", ")))
            };
            let (para, text) = match (ch.old, ch.new) {
                (_, Some(b)) => {
                    let p = &c.classified.new_pledges[b];
                    (p.paragraph, p.text.as_str())
                }
                (Some(a), None) => {
                    let p = &c.classified.old_pledges[a];
                    (p.paragraph, p.text.as_str())
                }
                _ => continue,
            };
            let (side, st) = if ch.new.is_some() {
                ("new", &c.new)
            } else {
                ("old", &c.old)
            };
            let at = format!("({side} {})", cite(st, &[para]));
            sink.block(
                "  ",
                "      ",
                &[
                    Span::styled(ch.kind.sign(), pal.kind(ch.kind)),
                    Span::plain(" "),
                    Span::styled(ch.kind.as_str(), pal.kind(ch.kind)),
                    Span::styled(&topics, Style::new().magenta()),
                    Span::plain(" "),
                    Span::styled(&at, dim),
                ],
            )?;
            // Pledge texts are shown whole: wrapping, not cutting, makes
            // a long one fit.
            if let (Some(a), Some(_)) = (ch.old, ch.new) {
                let was = esc_text(&c.classified.old_pledges[a].text);
                let now = esc_text(text);
                let (w, n) = ("      was: ", "      now: ");
                sink.block(w, &under(w), &[Span::plain(&was)])?;
                sink.block(n, &under(n), &[Span::plain(&now)])?;
            } else {
                sink.block("      ", "      ", &[Span::plain(&esc_text(text))])?;
            }
            let reasons: Vec<&str> = ch.reasons.iter().map(|r| r.text.as_str()).collect();
            let reasons = one_line(&reasons.join("; "));
            sink.block("      ", "      ", &[Span::styled(&reasons, dim)])?;
            for line in report.explain.get(n).into_iter().flatten() {
                let dot = "        \u{b7} ";
                sink.block(dot, &under(dot), &[Span::styled(&one_line(line), dim)])?;
            }
        }
        writeln!(sink.out)?;

        // Paragraph summary and redlines.
        let paras = &c.classified.paragraphs;
        let show = shown_paragraphs(report);
        // Under a filter, the summary counts the paragraphs it lets through.
        let counted = |i: usize| !report.filtered || show[i];
        let mut kinds = Vec::new();
        for k in Change::ALL {
            let n = paras
                .iter()
                .enumerate()
                .filter(|(i, d)| d.change == k && counted(*i))
                .count();
            if n > 0 {
                kinds.push(format!("{n} {}", k.as_str()));
            }
        }
        let moved = paras
            .iter()
            .enumerate()
            .filter(|(i, d)| d.moved && counted(*i))
            .count();
        if moved > 0 {
            kinds.push(format!("{moved} moved"));
        }
        if report.filtered {
            kinds.push(format!(
                "{} of {} shown: those holding the pledge changes above",
                show.iter().filter(|&&x| x).count(),
                paras.len()
            ));
        }
        let kinds = kinds.join(", ");
        sink.block(
            "",
            &under("Paragraphs: "),
            &[
                Span::styled("Paragraphs:", bold),
                Span::plain(" "),
                Span::plain(&kinds),
            ],
        )?;
        let skipped = |n: usize| {
            if report.filtered {
                format!("  \u{22ef} {n} paragraph(s) hidden by the filter")
            } else {
                format!("  \u{22ef} {n} unchanged paragraph(s) (--context N or --all to show)")
            }
        };
        let mut hidden = 0;
        for (d, shown) in paras.iter().zip(show) {
            if !shown {
                hidden += 1;
                continue;
            }
            if hidden > 0 {
                writeln!(sink.out)?;
                sink.block("", "    ", &[Span::styled(&skipped(hidden), dim)])?;
                hidden = 0;
            }
            let mut head = match (d.old.is_empty(), d.new.is_empty()) {
                (true, _) => format!("{} {}", cite(&c.new, &d.new), d.change.as_str()),
                (_, true) => format!("{} {}", cite(&c.old, &d.old), d.change.as_str()),
                _ => format!(
                    "{} \u{2192} {} {}",
                    cite(&c.old, &d.old),
                    cite(&c.new, &d.new),
                    d.change.as_str()
                ),
            };
            if d.moved {
                head.push_str(&format!(", moved from {}", para_ref(&d.old)));
            }
            if let Some(s) = d.similarity {
                head.push_str(&format!(" (similarity {s:.2})"));
            }
            if d.bounded {
                head.push_str(" [word diff bounded: shown coarser]");
            }
            let style = match d.change {
                Change::Added => Style::new().green().bold(),
                Change::Dropped => Style::new().red().bold(),
                Change::Unchanged => Style::new().dimmed(),
                _ => Style::new().cyan().bold(),
            };
            writeln!(sink.out)?;
            let head = one_line(&format!("@@ {head} @@"));
            sink.block("", "   ", &[Span::styled(&head, style)])?;
            // Without colors, wdiff's markers; a wholly added or dropped
            // paragraph needs none.
            let texts: Vec<(String, Option<Style>)> = d
                .words
                .iter()
                .map(|w| {
                    let t = esc_text(&w.text);
                    match (w.op, pal.on) {
                        (Op::Equal, _) => (t.into_owned(), None),
                        (Op::Delete, true) => {
                            (t.into_owned(), Some(Style::new().red().strikethrough()))
                        }
                        (Op::Insert, true) => {
                            (t.into_owned(), Some(Style::new().green().underline()))
                        }
                        (Op::Delete, false) if d.change == Change::Dropped => {
                            (t.into_owned(), None)
                        }
                        (Op::Insert, false) if d.change == Change::Added => (t.into_owned(), None),
                        (Op::Delete, false) => (format!("[-{t}-]"), None),
                        (Op::Insert, false) => (format!("{{+{t}+}}"), None),
                    }
                })
                .collect();
            let spans: Vec<Span<'_>> = texts
                .iter()
                .map(|(t, style)| Span {
                    text: t,
                    style: *style,
                })
                .collect();
            sink.block("", "", &spans)?;
        }
        if hidden > 0 {
            writeln!(sink.out)?;
            sink.block("", "    ", &[Span::styled(&skipped(hidden), dim)])?;
        }
        Ok(())
    }
}

impl NormalizeSink for Text {
    fn normalize(&self, s: &Statement, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# {}", header(s))?;
        for p in &s.paragraphs {
            writeln!(out)?;
            writeln!(out, "{}", esc(&super::Citation::of(p).to_string()))?;
            writeln!(out, "{}", esc_text(&p.text))?;
        }
        if !s.removed.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "# removed as page chrome: {} block(s)",
                s.removed.len()
            )?;
            for r in &s.removed {
                writeln!(
                    out,
                    "#   line {}: {} \u{2014} {}",
                    r.line,
                    clip(&r.text, 60),
                    r.why
                )?;
            }
        }
        Ok(())
    }
}

impl LogSink for Text {
    fn log(&self, view: &LogView<'_>, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        self.log_impl(view, opts, out)
    }
}

impl CheckSink for Text {
    fn check(
        &self,
        report: &CheckReport,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.check_impl(report, opts, out)
    }
}

impl PledgesSink for Text {
    fn pledges(
        &self,
        s: &Statement,
        pledges: &[Pledge],
        explain: &[Vec<String>],
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let pal = Palette { on: opts.color };
        let mut sink = Sink {
            out,
            width: opts.width,
            color: pal.on,
        };
        let dim = Style::new().dimmed();
        writeln!(
            sink.out,
            "# {} \u{2014} {} pledge(s)",
            header(s),
            pledges.len()
        )?;
        for (n, p) in pledges.iter().enumerate() {
            writeln!(sink.out)?;
            let topics = if p.topics.is_empty() {
                String::new()
            } else {
                one_line(&format!(" [{}]", p.topics.join(", ")))
            };
            let lead = format!(
                "{} strength {} \u{2014} {} ",
                cite(s, &[p.paragraph]),
                p.strength,
                if p.actor.is_empty() {
                    "\u{2014}".into()
                } else {
                    esc(&p.actor)
                },
            );
            let verb = one_line(&p.verb_form);
            sink.block(
                "",
                "  ",
                &[
                    Span::plain(&lead),
                    Span::styled(&verb, Style::new().bold()),
                    Span::styled(&topics, Style::new().magenta()),
                ],
            )?;
            sink.block("  ", "  ", &[Span::plain(&esc_text(&p.text))])?;
            let features = one_line(&p.features().join("; "));
            sink.block("  ", "  ", &[Span::styled(&features, dim)])?;
            for line in explain.get(n).into_iter().flatten() {
                let dot = "    \u{b7} ";
                sink.block(dot, &under(dot), &[Span::styled(&one_line(line), dim)])?;
            }
        }
        Ok(())
    }
}

impl Text {
    fn log_impl(
        &self,
        view: &LogView<'_>,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let pal = Palette { on: opts.color };
        let mut sink = Sink {
            out,
            width: opts.width,
            color: pal.on,
        };
        let bold = Style::new().bold();
        let dim = Style::new().dimmed();
        for s in view.series() {
            let illustrative = s
                .statements
                .iter()
                .filter(|x| x.meta.is_illustrative())
                .count();
            writeln!(
                sink.out,
                "{} \u{2014} {} statement(s){}",
                pal.paint(&s.name, bold),
                s.statements.len(),
                if illustrative > 0 {
                    format!(", {illustrative} illustrative (marked *)")
                } else {
                    String::new()
                }
            )?;
            let label = |k: usize| {
                let st = &s.statements[k];
                format!(
                    "{}{}",
                    esc(&st.date_label()),
                    if st.meta.is_illustrative() { "*" } else { "" }
                )
            };
            for (k, step) in s.steps.iter().enumerate() {
                let n = view.counts(step);
                let parts: Vec<(String, Style)> = PledgeChangeKind::ALL
                    .iter()
                    .zip(n)
                    .filter(|(kind, _)| view.only.is_none_or(|k| k.contains(kind)))
                    .map(|(kind, c)| (format!("{}{c}", kind.sign()), pal.kind(*kind)))
                    .collect();
                let from_to = format!("{} \u{2192} {}", label(k), label(k + 1));
                let changed = format!("{} paragraph(s) changed", step.changed_paragraphs);
                let mut spans = vec![Span::plain(&from_to), Span::plain("  ")];
                for (i, (text, style)) in parts.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::plain(" "));
                    }
                    spans.push(Span::styled(text, *style));
                }
                spans.push(Span::plain("  "));
                spans.push(Span::styled(&changed, dim));
                sink.block("  ", "    ", &spans)?;
            }
            let shown: Vec<&crate::archive::Lineage> =
                s.lineages.iter().filter(|l| view.shows(l)).collect();
            writeln!(sink.out)?;
            writeln!(
                sink.out,
                "{} {} of {}",
                pal.paint("Pledge lineages:", bold),
                shown.len(),
                s.lineages.len()
            )?;
            for l in shown {
                let topics = if l.topics.is_empty() {
                    String::new()
                } else {
                    one_line(&format!(" [{}]", l.topics.join(", ")))
                };
                let first = esc_text(&l.first_text);
                sink.block(
                    "  \u{2022} ",
                    "    ",
                    &[
                        Span::plain(&first),
                        Span::styled(&topics, Style::new().magenta()),
                    ],
                )?;
                let appears = format!(
                    "{}  first appears ({}, strength {})",
                    label(l.first),
                    super::lineage_citation(l),
                    l.first_strength
                );
                sink.block("      ", "        ", &[Span::plain(&appears)])?;
                for e in &l.events {
                    let kind = super::change_kind(e.kind);
                    let date = format!("{}  ", label(e.statement));
                    let reasons = one_line(&e.reasons.join("; "));
                    sink.block(
                        "      ",
                        "        ",
                        &[
                            Span::plain(&date),
                            Span::styled(kind.sign(), pal.kind(kind)),
                            Span::plain(" "),
                            Span::styled(e.kind.as_str(), pal.kind(kind)),
                            Span::plain(": "),
                            Span::styled(&reasons, dim),
                        ],
                    )?;
                }
            }
            writeln!(sink.out)?;
        }
        Ok(())
    }

    fn check_impl(
        &self,
        report: &CheckReport,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let pal = Palette { on: opts.color };
        for p in &report.problems {
            let (word, style) = match p.severity {
                Severity::Error => ("error", Style::new().red().bold()),
                Severity::Warning => ("warning", Style::new().yellow().bold()),
            };
            let at = match p.line {
                Some(l) => format!("{}:{l}", p.file),
                None => p.file.clone(),
            };
            writeln!(
                out,
                "{}: {}: {} [{}]",
                esc(&at),
                pal.paint(word, style),
                esc(&p.message),
                esc(&p.check)
            )?;
        }
        let (errors, warnings) = report.counts();
        let verdict = if errors == 0 {
            pal.paint("ok", Style::new().green().bold())
        } else {
            pal.paint("FAILED", Style::new().red().bold())
        };
        writeln!(
            out,
            "check {verdict}: {errors} error(s), {warnings} warning(s); checked {} ({})",
            super::checked(report),
            esc(&report.archive)
        )
    }
}
