//! Terminal output: a pledge summary first, then paragraph redlines, with
//! colors when the terminal wants them and wdiff-style `[-…-]`/`{+…+}`
//! markers when it does not.

use std::io::{self, Write};

use owo_colors::{OwoColorize, Style};

use super::escape::{visible as esc, visible_text as esc_text};
use super::{cite, describe, para_ref, visible, DiffReport, LogView, RenderOptions, Renderer};
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

impl Renderer for Text {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let c = report.comparison;
        let pal = Palette {
            on: report.options.color,
        };
        let bold = Style::new().bold();
        let dim = Style::new().dimmed();
        writeln!(out, "{} {}", pal.paint("---", bold), header(&c.old))?;
        writeln!(out, "{} {}", pal.paint("+++", bold), header(&c.new))?;
        for s in [&c.old, &c.new] {
            if s.meta.is_illustrative() {
                writeln!(
                    out,
                    "{}",
                    pal.paint(
                        &format!(
                            "note: {} is an illustrative text, not an official one",
                            s.name
                        ),
                        Style::new().yellow()
                    )
                )?;
            }
        }
        writeln!(out)?;

        // Pledges first: what a word diff cannot say.
        let mut counts = Vec::new();
        for k in PledgeChangeKind::ALL {
            let n = report.changes.iter().filter(|ch| ch.kind == k).count();
            if n > 0 {
                counts.push(pal.paint(&format!("{} {n} {}", k.sign(), k.as_str()), pal.kind(k)));
            }
        }
        if counts.is_empty() {
            writeln!(out, "{} no pledge changes", pal.paint("Pledges:", bold))?;
        } else {
            writeln!(out, "{} {}", pal.paint("Pledges:", bold), counts.join(", "))?;
        }
        for (n, ch) in report.changes.iter().enumerate() {
            let topics = if ch.topics.is_empty() {
                String::new()
            } else {
                format!(" [{}]", ch.topics.join(", "))
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
            writeln!(
                out,
                "  {} {}{} {}",
                pal.paint(ch.kind.sign(), pal.kind(ch.kind)),
                pal.paint(ch.kind.as_str(), pal.kind(ch.kind)),
                pal.paint(&topics, Style::new().magenta()),
                pal.paint(&format!("({side} {})", cite(st, &[para])), dim)
            )?;
            if let (Some(a), Some(_)) = (ch.old, ch.new) {
                writeln!(
                    out,
                    "      was: {}",
                    clip(&c.classified.old_pledges[a].text, 200)
                )?;
                writeln!(out, "      now: {}", clip(text, 200))?;
            } else {
                writeln!(out, "      {}", clip(text, 200))?;
            }
            let reasons: Vec<&str> = ch.reasons.iter().map(|r| r.text.as_str()).collect();
            writeln!(out, "      {}", pal.paint(&reasons.join("; "), dim))?;
            for line in report.explain.get(n).into_iter().flatten() {
                writeln!(out, "        \u{b7} {}", pal.paint(line, dim))?;
            }
        }
        writeln!(out)?;

        // Paragraph summary and redlines.
        let paras = &c.classified.paragraphs;
        let mut kinds = Vec::new();
        for k in Change::ALL {
            let n = paras.iter().filter(|d| d.change == k).count();
            if n > 0 {
                kinds.push(format!("{n} {}", k.as_str()));
            }
        }
        let moved = paras.iter().filter(|d| d.moved).count();
        if moved > 0 {
            kinds.push(format!("{moved} moved"));
        }
        writeln!(
            out,
            "{} {}",
            pal.paint("Paragraphs:", bold),
            kinds.join(", ")
        )?;
        let show = visible(c, report.options.context);
        let mut hidden = 0;
        for (d, shown) in paras.iter().zip(show) {
            if !shown {
                hidden += 1;
                continue;
            }
            if hidden > 0 {
                writeln!(out)?;
                writeln!(
                    out,
                    "{}",
                    pal.paint(
                        &format!("  \u{22ef} {hidden} unchanged paragraph(s) (--context N or --all to show)"),
                        dim
                    )
                )?;
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
            writeln!(out)?;
            writeln!(out, "{}", pal.paint(&format!("@@ {head} @@"), style))?;
            let mut line = String::new();
            for w in &d.words {
                let piece = match (w.op, pal.on) {
                    (Op::Equal, _) => esc_text(&w.text).into_owned(),
                    (Op::Delete, true) => esc_text(&w.text)
                        .style(Style::new().red().strikethrough())
                        .to_string(),
                    (Op::Insert, true) => esc_text(&w.text)
                        .style(Style::new().green().underline())
                        .to_string(),
                    (Op::Delete, false) => {
                        if d.change == Change::Dropped {
                            esc_text(&w.text).into_owned()
                        } else {
                            format!("[-{}-]", esc_text(&w.text))
                        }
                    }
                    (Op::Insert, false) => {
                        if d.change == Change::Added {
                            esc_text(&w.text).into_owned()
                        } else {
                            format!("{{+{}+}}", esc_text(&w.text))
                        }
                    }
                };
                line.push_str(&piece);
            }
            writeln!(out, "{line}")?;
        }
        if hidden > 0 {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                pal.paint(
                    &format!(
                        "  \u{22ef} {hidden} unchanged paragraph(s) (--context N or --all to show)"
                    ),
                    dim
                )
            )?;
        }
        Ok(())
    }

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

    fn log(&self, view: &LogView<'_>, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        self.log_impl(view, opts, out)
    }

    fn check(
        &self,
        report: &CheckReport,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.check_impl(report, opts, out)
    }

    fn pledges(
        &self,
        s: &Statement,
        pledges: &[Pledge],
        explain: &[Vec<String>],
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let pal = Palette { on: opts.color };
        writeln!(out, "# {} \u{2014} {} pledge(s)", header(s), pledges.len())?;
        for (n, p) in pledges.iter().enumerate() {
            writeln!(out)?;
            let topics = if p.topics.is_empty() {
                String::new()
            } else {
                format!(" [{}]", p.topics.join(", "))
            };
            writeln!(
                out,
                "{} strength {} \u{2014} {} {}{}",
                cite(s, &[p.paragraph]),
                p.strength,
                if p.actor.is_empty() {
                    "\u{2014}".into()
                } else {
                    esc(&p.actor)
                },
                pal.paint(&p.verb_form, Style::new().bold()),
                pal.paint(&topics, Style::new().magenta())
            )?;
            writeln!(out, "  {}", esc_text(&p.text))?;
            writeln!(
                out,
                "  {}",
                pal.paint(&p.features().join("; "), Style::new().dimmed())
            )?;
            for line in explain.get(n).into_iter().flatten() {
                writeln!(out, "    \u{b7} {}", pal.paint(line, Style::new().dimmed()))?;
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
        let bold = Style::new().bold();
        let dim = Style::new().dimmed();
        for s in view.series() {
            let illustrative = s
                .statements
                .iter()
                .filter(|x| x.meta.is_illustrative())
                .count();
            writeln!(
                out,
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
                let parts: Vec<String> = PledgeChangeKind::ALL
                    .iter()
                    .zip(n)
                    .map(|(kind, c)| pal.paint(&format!("{}{c}", kind.sign()), pal.kind(*kind)))
                    .collect();
                writeln!(
                    out,
                    "  {} \u{2192} {}  {}  {}",
                    label(k),
                    label(k + 1),
                    parts.join(" "),
                    pal.paint(
                        &format!("{} paragraph(s) changed", step.changed_paragraphs),
                        dim
                    )
                )?;
            }
            let shown: Vec<&crate::archive::Lineage> =
                s.lineages.iter().filter(|l| view.shows(l)).collect();
            writeln!(out)?;
            writeln!(
                out,
                "{} {} of {}",
                pal.paint("Pledge lineages:", bold),
                shown.len(),
                s.lineages.len()
            )?;
            for l in shown {
                let topics = if l.topics.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", l.topics.join(", "))
                };
                writeln!(
                    out,
                    "  \u{2022} {}{}",
                    clip(&l.first_text, 160),
                    pal.paint(&topics, Style::new().magenta())
                )?;
                writeln!(
                    out,
                    "      {}  first appears ({}, strength {})",
                    label(l.first),
                    super::lineage_citation(l),
                    l.first_strength
                )?;
                for e in &l.events {
                    let kind = match e.kind {
                        crate::archive::LineageEventKind::Strengthened => {
                            PledgeChangeKind::Strengthened
                        }
                        crate::archive::LineageEventKind::Weakened => PledgeChangeKind::Weakened,
                        crate::archive::LineageEventKind::Modified => PledgeChangeKind::Modified,
                        crate::archive::LineageEventKind::Dropped => PledgeChangeKind::Dropped,
                        crate::archive::LineageEventKind::ReAdded => PledgeChangeKind::Added,
                    };
                    writeln!(
                        out,
                        "      {}  {} {}: {}",
                        label(e.statement),
                        pal.paint(kind.sign(), pal.kind(kind)),
                        pal.paint(e.kind.as_str(), pal.kind(kind)),
                        pal.paint(&e.reasons.join("; "), dim)
                    )?;
                }
            }
            writeln!(out)?;
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
