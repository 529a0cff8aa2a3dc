//! GitHub-flavored Markdown: a change report with a pledge table, a
//! summary table and `<del>`/`<ins>` redlines.

use std::io::{self, Write};

use super::{describe, para_ref, visible, DiffReport, RenderOptions, Renderer};
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

impl Renderer for Markdown {
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
        let paras = &c.classified.paragraphs;
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

    fn normalize(&self, s: &Statement, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# {}", escape(&title(s)))?;
        let d = describe(s);
        if !d.is_empty() {
            writeln!(out)?;
            writeln!(out, "_{}_", escape(&d))?;
        }
        for p in &s.paragraphs {
            writeln!(out)?;
            writeln!(out, "{}", escape(&p.text))?;
        }
        Ok(())
    }

    fn pledges(
        &self,
        s: &Statement,
        pledges: &[Pledge],
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
            "| \u{b6} | Actor | Verb | Strength | Topics | Pledge |"
        )?;
        writeln!(out, "|---:|---|---|---:|---|---|")?;
        for p in pledges {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                p.paragraph,
                escape(&p.actor),
                escape(&p.verb_form),
                p.strength,
                escape(&p.topics.join(", ")),
                escape(&p.text)
            )?;
        }
        Ok(())
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
                format!("\u{b6}{}: {}", p.paragraph, escape(&p.text))
            })
            .unwrap_or_default();
        let new = ch
            .new
            .map(|i| {
                let p = &c.classified.new_pledges[i];
                format!("\u{b6}{}: {}", p.paragraph, escape(&p.text))
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
    Ok(())
}

/// Paragraph redlines (shared with the archive report).
pub fn write_redlines(report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let c = report.comparison;
    let show = visible(c, report.options.context);
    let mut hidden = 0;
    for (d, shown) in c.classified.paragraphs.iter().zip(show) {
        if !shown {
            hidden += 1;
            continue;
        }
        if hidden > 0 {
            writeln!(out, "_\u{2026} {hidden} unchanged paragraph(s) not shown._")?;
            writeln!(out)?;
            hidden = 0;
        }
        let refs = match (d.old.is_empty(), d.new.is_empty()) {
            (true, _) => format!("new {}", para_ref(&d.new)),
            (_, true) => format!("old {}", para_ref(&d.old)),
            _ => format!("{} \u{2192} {}", para_ref(&d.old), para_ref(&d.new)),
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
        writeln!(out, "_\u{2026} {hidden} unchanged paragraph(s) not shown._")?;
    }
    Ok(())
}
