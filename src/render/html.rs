//! HTML: `diff` and `report` as one self-contained page each.
//!
//! A page needs nothing but itself: the style sheet is inline, the charts
//! are SVG drawn here, there are no fonts, images or scripts to fetch, and
//! a Content-Security-Policy in the page forbids loading any (the one
//! inline script, which opens every `<details>` block before printing, is
//! allowed by its hash and nothing needs it for reading).
//!
//! The diff page shows the two statements side by side, one row per
//! aligned paragraph entry with the word redline split over the two
//! columns, each pledge change in a note under the row it belongs to, and
//! a list of the changes at the top linking to those notes. The report
//! answers first: per step, the few pledge changes that matter, quoted;
//! then the tables, the strength charts, the lineages and each step's
//! side-by-side redline, the long parts in `<details>` blocks.
//!
//! Every piece of text from a statement, a file name or a message goes
//! through [`escape`]: markup characters become entities, and control
//! characters and bidi overrides are shown as `<U+XXXX>`, as in every
//! other human output. The page's bytes depend only on the input (no
//! dates, no randomness), so runs and `--jobs` counts agree.

use std::io::{self, Write};
use std::sync::Arc;

use super::{para_ref, Context, DiffReport, DiffSink, RenderOptions, ReportSink, ReportWriter};
use crate::archive::{
    ArchiveSummary, Lineage, SeriesSummary, Severity, StatementSummary, StepRender, StepSink,
};
use crate::diff::{Change, Op, ParagraphDiff};
use crate::pledge::{Pledge, PledgeChange, PledgeChangeKind};
use crate::segment::Statement;

/// HTML renderer (`diff` and `report`).
pub struct Html;

/// Escapes text for HTML element content and quoted attribute values:
/// `& < > " '` become entities, and a character that must not reach a
/// terminal raw ([`super::escape::is_unsafe`]) is shown as `<U+XXXX>`
/// (escaped, so it stays text), like in the other human outputs.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if super::escape::is_unsafe(c) => {
                out.push_str(&format!("&lt;U+{:04X}&gt;", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// The number a reader cites for the paragraph at `index` (0-based in
/// the model): 1-based. Every paragraph number on the page comes from
/// here, so citing the document's own numbering later is one change.
fn para_number(index: usize) -> usize {
    index + 1
}

/// The one inline script: opens every `<details>` block before printing,
/// so that a printed report is complete. Reading never needs it.
const PRINT_SCRIPT: &str = "addEventListener(\"beforeprint\",function(){document.querySelectorAll(\"details\").forEach(function(d){d.open=true})});";

/// Base64 SHA-256 of [`PRINT_SCRIPT`], which the page's policy allows to
/// run (the browser test fails on a policy violation if they disagree).
const PRINT_SCRIPT_HASH: &str = "sha256-GpTnJ7XwVcMMKWdObwMqkWrQ+v6uUITCf5S1AORc+yA=";

/// The page's style sheet: light and dark palettes, print rules.
const STYLE: &str = r#"
:root{color-scheme:light dark;
--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--surface:#f6f8fa;--link:#0969da;
--del-bg:#ffebe9;--del-fg:#82071e;--ins-bg:#dafbe1;--ins-fg:#116329;
--added-fg:#1a7f37;--added-bg:#dafbe1;--dropped-fg:#cf222e;--dropped-bg:#ffebe9;
--strengthened-fg:#0550ae;--strengthened-bg:#ddf4ff;--weakened-fg:#8a5a00;--weakened-bg:#fff8c5;
--modified-fg:#8250df;--modified-bg:#fbefff;
--chart-line:#1d4ed8;--chart-grid:#d1d9e0;--chart-axis:#59636e;--chart-bg:#ffffff}
@media screen and (prefers-color-scheme:dark){:root{
--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--surface:#151b23;--link:#4493f8;
--del-bg:#4c1d22;--del-fg:#ffc1bd;--ins-bg:#133a22;--ins-fg:#aff5b4;
--added-fg:#3fb950;--added-bg:#12301c;--dropped-fg:#ff7b72;--dropped-bg:#3b1619;
--strengthened-fg:#58a6ff;--strengthened-bg:#0f2a4a;--weakened-fg:#e3b341;--weakened-bg:#37290a;
--modified-fg:#d2a8ff;--modified-bg:#2d1f4a;
--chart-line:#60a5fa;--chart-grid:#3d444d;--chart-axis:#9198a1;--chart-bg:#151b23}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:1320px;padding:24px 32px 48px;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--link);text-decoration:none}
a:hover,a:focus{text-decoration:underline}
h1{font-size:1.75rem;line-height:1.25;margin:.2em 0 .4em}
h2{font-size:1.35rem;margin:1.8em 0 .6em;padding-bottom:.25em;border-bottom:1px solid var(--line)}
h3{font-size:1.12rem;margin:1.6em 0 .5em}
h4{font-size:1rem;margin:1.2em 0 .4em}
p{margin:.4em 0 .8em}
code{font:.88em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.tool{color:var(--muted);font-size:.85rem;margin:0;letter-spacing:.02em}
.muted{color:var(--muted)}
.note{border-left:4px solid var(--weakened-fg);background:var(--weakened-bg);padding:.4em .8em;border-radius:4px}
table{border-collapse:collapse;margin:.4em 0 1em}
th,td{text-align:left;vertical-align:top;padding:.35em .7em;border-bottom:1px solid var(--line)}
thead th{font-size:.85rem;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.meta th[scope=row]{color:var(--muted);font-weight:600;width:9em}
.badge{display:inline-block;white-space:nowrap;font-size:.8rem;font-weight:650;padding:.05em .55em;border-radius:999px;color:var(--k-fg);background:var(--k-bg);border:1px solid var(--k-fg)}
.k-added{--k-fg:var(--added-fg);--k-bg:var(--added-bg)}
.k-dropped{--k-fg:var(--dropped-fg);--k-bg:var(--dropped-bg)}
.k-strengthened{--k-fg:var(--strengthened-fg);--k-bg:var(--strengthened-bg)}
.k-weakened{--k-fg:var(--weakened-fg);--k-bg:var(--weakened-bg)}
.k-modified{--k-fg:var(--modified-fg);--k-bg:var(--modified-bg)}
ul.chips{list-style:none;padding:0;margin:.4em 0 .8em;display:flex;flex-wrap:wrap;gap:.4em}
.topics{font-size:.82rem;color:var(--muted)}
.topics code{font-size:.95em}
.where{font-size:.82rem;color:var(--muted);white-space:nowrap;font-variant-numeric:tabular-nums}
ol.change-list{padding-left:2.2em;margin:.4em 0 1em}
ol.change-list li{margin:.25em 0}
ol.change-list a{color:inherit}
ol.change-list a:hover .gist{text-decoration:underline}
.gist{color:var(--fg)}
del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through;text-decoration-thickness:1px}
ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:underline;text-underline-offset:2px}
del,ins{border-radius:2px;padding:0 1px}
.legend{font-size:.85rem;color:var(--muted)}
table.sbs{width:100%;table-layout:fixed;margin-top:.6em}
table.sbs col.ref{width:8.5em}
table.sbs td.text{font:16px/1.6 Georgia,"Iowan Old Style","Times New Roman",serif;white-space:pre-wrap;overflow-wrap:anywhere}
table.sbs td.old{border-right:1px solid var(--line)}
table.sbs th.ref{font-weight:600;font-size:.85rem;font-variant-numeric:tabular-nums}
table.sbs th.ref .kind{display:block;font-weight:400;color:var(--muted)}
table.sbs tr.para:target th.ref,table.sbs tr.para:target td{background:var(--surface)}
table.sbs .absent{color:var(--muted);font:italic .85rem system-ui,sans-serif}
tr.c-added td.new{box-shadow:inset 3px 0 var(--added-fg)}
tr.c-dropped td.old{box-shadow:inset 3px 0 var(--dropped-fg)}
tr.gap td{color:var(--muted);font-size:.85rem;text-align:center;background:var(--surface)}
tr.notes td{border-bottom:1px solid var(--line);padding-top:0}
tr.para.has-notes th,tr.para.has-notes td{border-bottom:0}
.pledge{border:1px solid var(--line);border-left:4px solid var(--k-fg);border-radius:6px;padding:.5em .8em;margin:.4em 0;background:var(--surface);scroll-margin-top:1em}
.pledge:target{outline:2px solid var(--k-fg)}
.pledge .head{margin:0 0 .3em;display:flex;flex-wrap:wrap;gap:.3em .7em;align-items:baseline}
.pledge dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em .7em;margin:.2em 0}
.pledge dt{color:var(--muted);font-size:.85rem}
.pledge dd{margin:0}
.pledge ul.reasons{margin:.3em 0 0;padding-left:1.2em;font-size:.9rem}
.pledge details{font-size:.85rem;margin-top:.3em}
details{margin:.5em 0}
details>summary{cursor:pointer;padding:.3em 0}
details>summary h4{display:inline;margin:0}
details.lineages>summary{color:var(--muted)}
details.lineages details{margin:.2em 0 .2em 1.2em}
details.step{border:1px solid var(--line);border-radius:6px;padding:.2em .9em;margin:.6em 0}
details.step[open]{padding-bottom:.8em}
section.answer{margin:.3em 0 1.1em}
section.answer h4{margin:.8em 0 .2em}
ul.key{list-style:none;padding:0;margin:.2em 0}
ul.key li{margin:.35em 0;padding-left:.8em;border-left:3px solid var(--k-fg)}
ul.key q{font-family:Georgia,"Times New Roman",serif}
ul.key .why{display:block;font-size:.85rem;color:var(--muted)}
.more{font-size:.85rem;color:var(--muted)}
nav.local{font-size:.88rem;margin:.2em 0 1em}
nav.local ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.2em 1.2em}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:1em;margin:.6em 0 1em}
figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:.5em .6em;background:var(--chart-bg)}
figure.chart figcaption{font-weight:600;font-size:.9rem}
figure.chart svg{display:block;width:100%;height:auto}
svg .grid{stroke:var(--chart-grid)}
svg .axis{stroke:var(--chart-axis)}
svg text{fill:var(--chart-axis);font:11px system-ui,sans-serif}
svg .series{stroke:var(--chart-line);fill:none}
svg .dot{fill:var(--chart-line);stroke:var(--chart-bg)}
ul.lineages{list-style:none;padding:0;margin:.3em 0}
ul.lineages>li{padding:.45em 0;border-bottom:1px solid var(--line)}
ul.lineages .text{font-family:Georgia,"Times New Roman",serif}
ol.events{list-style:none;padding:0;margin:.2em 0 0;display:flex;flex-wrap:wrap;gap:.3em .9em;font-size:.85rem}
ol.events .date{font-variant-numeric:tabular-nums;color:var(--muted)}
footer{margin-top:3em;padding-top:.8em;border-top:1px solid var(--line);font-size:.85rem;color:var(--muted)}
@media (max-width:760px){body{padding:16px}table.sbs,table.sbs tbody,table.sbs tr,table.sbs th,table.sbs td{display:block;width:auto}table.sbs thead,table.sbs colgroup{display:none}table.sbs td.old{border-right:0}table.sbs td.old::before{content:"Old: ";font:600 .8rem system-ui,sans-serif;color:var(--muted)}table.sbs td.new::before{content:"New: ";font:600 .8rem system-ui,sans-serif;color:var(--muted)}}
@media print{:root{color-scheme:light}body{max-width:none;padding:0;font-size:10pt}
nav.local{display:none}a{color:inherit}
del,ins,.badge,.pledge,tr.gap td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,.pledge,figure,ul.key li,ul.lineages>li{break-inside:avoid}h2,h3,h4{break-after:avoid}
details.step{border:0;padding:0}details>summary{list-style:none}}
"#;

/// Writes the document head and opens the body.
fn page_start(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{PRINT_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<meta name=\"color-scheme\" content=\"light dark\">")?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"pledgediff {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<title>{}</title>", escape(title))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "<script>{PRINT_SCRIPT}</script>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")
}

/// Writes the footer and closes the document.
fn page_end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<footer><p>Generated by pledgediff {}. {}</p></footer>",
        env!("CARGO_PKG_VERSION"),
        escape(STRENGTH_SCALE)
    )?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// The strength scale in one sentence.
const STRENGTH_SCALE: &str = "Strength is the sum of a pledge\u{2019}s points: its verb\u{2019}s force \u{d7} 10 (note 1 \u{2026} commit 6, concern 3 \u{2026} condemn 6), plus its modal, boosters (+2 or +3), hedges (\u{2212}2) and any deadline or interval (+2); higher means a firmer commitment.";

fn title(s: &Statement) -> String {
    s.meta.title.clone().unwrap_or_else(|| s.name.clone())
}

fn date_or_dash(s: &crate::read::Meta) -> String {
    s.date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "\u{2014}".into())
}

/// Provenance, escaped, with illustrative texts flagged.
fn provenance(meta: &crate::read::Meta) -> String {
    match &meta.provenance {
        Some(p) if meta.is_illustrative() => format!(
            "<strong>{}</strong> <span class=\"muted\">(not an official text)</span>",
            escape(p)
        ),
        Some(p) => escape(p),
        None => "\u{2014}".into(),
    }
}

/// `s` cut to `max` characters, with an ellipsis when cut (not escaped).
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

fn kind_badge(kind: PledgeChangeKind) -> String {
    format!(
        "<span class=\"badge k-{0}\">{1} {0}</span>",
        kind.as_str(),
        kind.sign()
    )
}

fn topics_html(topics: &[String]) -> String {
    if topics.is_empty() {
        return String::new();
    }
    let list: Vec<String> = topics
        .iter()
        .map(|t| format!("<code>{}</code>", escape(t)))
        .collect();
    format!("<span class=\"topics\">{}</span>", list.join(", "))
}

/// The pledge a change is about as a reader finds it: the new side's, or
/// the old side's for a dropped pledge.
pub(crate) fn shown_pledge<'c>(
    c: &'c crate::pipeline::Comparison,
    ch: &PledgeChange,
) -> Option<(&'c Pledge, &'static str)> {
    match (ch.old, ch.new) {
        (_, Some(b)) => Some((&c.classified.new_pledges[b], "new")),
        (Some(a), None) => Some((&c.classified.old_pledges[a], "old")),
        _ => None,
    }
}

/// Where a change is, in words: "new ¶3", "old ¶2 → new ¶3".
fn change_where(c: &crate::pipeline::Comparison, ch: &PledgeChange) -> String {
    let old = ch.old.map(|a| c.classified.old_pledges[a].paragraph);
    let new = ch.new.map(|b| c.classified.new_pledges[b].paragraph);
    match (old, new) {
        (Some(a), Some(b)) if para_number(a) != para_number(b) => format!(
            "old \u{b6}{} \u{2192} new \u{b6}{}",
            para_number(a),
            para_number(b)
        ),
        (_, Some(b)) => format!("new \u{b6}{}", para_number(b)),
        (Some(a), None) => format!("old \u{b6}{}", para_number(a)),
        (None, None) => String::new(),
    }
}

/// The alignment entry each shown change belongs to (the entry holding
/// its new pledge's paragraph, or its old one's when dropped).
fn entry_of_changes(report: &DiffReport<'_>) -> Vec<Option<usize>> {
    let c = report.comparison;
    let paras = &c.classified.paragraphs;
    report
        .changes
        .iter()
        .map(|ch| {
            if let Some(b) = ch.new {
                let p = c.classified.new_pledges[b].paragraph;
                paras.iter().position(|d| d.new.contains(&p))
            } else if let Some(a) = ch.old {
                let p = c.classified.old_pledges[a].paragraph;
                paras.iter().position(|d| d.old.contains(&p))
            } else {
                None
            }
        })
        .collect()
}

/// Counts per pledge change kind as badges (kinds with none left out).
fn kind_chips(changes: &[&PledgeChange]) -> String {
    let mut s = String::from("<ul class=\"chips\">");
    for k in PledgeChangeKind::ALL {
        let n = changes.iter().filter(|ch| ch.kind == k).count();
        if n > 0 {
            s.push_str(&format!(
                "<li class=\"badge k-{0}\">{1} {n} {0}</li>",
                k.as_str(),
                k.sign()
            ));
        }
    }
    s.push_str("</ul>");
    s
}

/// The list of changes, each linking to its note (`#{prefix}c{n}`).
fn write_change_list(report: &DiffReport<'_>, prefix: &str, out: &mut dyn Write) -> io::Result<()> {
    let c = report.comparison;
    if report.changes.is_empty() {
        writeln!(out, "<p class=\"muted\">No pledge changes.</p>")?;
        return Ok(());
    }
    writeln!(out, "{}", kind_chips(&report.changes))?;
    writeln!(out, "<ol class=\"change-list\">")?;
    for (n, ch) in report.changes.iter().enumerate() {
        let gist = shown_pledge(c, ch)
            .map(|(p, _)| escape(&clip(&p.text, 160)))
            .unwrap_or_default();
        writeln!(
            out,
            "<li><a href=\"#{prefix}c{}\">{} <span class=\"where\">{}</span> {} <span class=\"gist\">{gist}</span></a></li>",
            n + 1,
            kind_badge(ch.kind),
            escape(&change_where(c, ch)),
            topics_html(&ch.topics),
        )?;
    }
    writeln!(out, "</ol>")
}

/// One change's note: kind, place, topics, both texts, reasons.
fn write_note(
    report: &DiffReport<'_>,
    n: usize,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = report.comparison;
    let ch = report.changes[n];
    writeln!(
        out,
        "<div class=\"pledge k-{}\" id=\"{prefix}c{}\">",
        ch.kind.as_str(),
        n + 1
    )?;
    let strength = match (ch.old_strength, ch.new_strength) {
        (Some(a), Some(b)) => format!(" <span class=\"where\">strength {a} \u{2192} {b}</span>"),
        (None, Some(b)) => format!(" <span class=\"where\">strength {b}</span>"),
        (Some(a), None) => format!(" <span class=\"where\">strength {a}</span>"),
        (None, None) => String::new(),
    };
    writeln!(
        out,
        "<p class=\"head\">{} <span class=\"where\">{}</span> {}{strength}</p>",
        kind_badge(ch.kind),
        escape(&change_where(c, ch)),
        topics_html(&ch.topics)
    )?;
    writeln!(out, "<dl>")?;
    if let Some(a) = ch.old {
        let label = if ch.new.is_some() { "was" } else { "dropped" };
        writeln!(
            out,
            "<dt>{label}</dt><dd>{}</dd>",
            escape(&c.classified.old_pledges[a].text)
        )?;
    }
    if let Some(b) = ch.new {
        let label = if ch.old.is_some() { "now" } else { "added" };
        writeln!(
            out,
            "<dt>{label}</dt><dd>{}</dd>",
            escape(&c.classified.new_pledges[b].text)
        )?;
    }
    writeln!(out, "</dl>")?;
    if !ch.reasons.is_empty() {
        writeln!(out, "<ul class=\"reasons\">")?;
        for r in &ch.reasons {
            writeln!(out, "<li>{}</li>", escape(&r.text))?;
        }
        writeln!(out, "</ul>")?;
    }
    if let Some(lines) = report.explain.get(n).filter(|l| !l.is_empty()) {
        writeln!(out, "<details><summary>Why</summary><ul>")?;
        for l in lines {
            writeln!(out, "<li>{}</li>", escape(l))?;
        }
        writeln!(out, "</ul></details>")?;
    }
    writeln!(out, "</div>")
}

/// One side of a paragraph entry's redline: the old side keeps equal and
/// deleted runs, the new side equal and inserted ones.
fn side_html(d: &ParagraphDiff, old: bool) -> String {
    let mut s = String::new();
    for w in &d.words {
        match (w.op, old) {
            (Op::Equal, true) => s.push_str(&escape(&w.old_text)),
            (Op::Equal, false) => s.push_str(&escape(&w.text)),
            (Op::Delete, true) => {
                s.push_str("<del>");
                s.push_str(&escape(&w.text));
                s.push_str("</del>");
            }
            (Op::Insert, false) => {
                s.push_str("<ins>");
                s.push_str(&escape(&w.text));
                s.push_str("</ins>");
            }
            _ => {}
        }
    }
    s
}

fn gap_row(hidden: usize, out: &mut dyn Write) -> io::Result<()> {
    let what = if hidden == 1 {
        "1 unchanged paragraph".to_string()
    } else {
        format!("{hidden} unchanged paragraphs")
    };
    writeln!(
        out,
        "<tr class=\"gap\"><td colspan=\"3\">\u{22ef} {what} not shown (<code>--context N</code> or <code>--all</code> shows them)</td></tr>"
    )
}

/// Paragraph entry counts per kind, in words ("9 modified, 2 added").
fn paragraph_counts(paras: &[ParagraphDiff]) -> String {
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
    kinds.join(", ")
}

/// The side-by-side table: one row per shown entry (ids
/// `{prefix}p{n}`), each change's note under its entry's row.
fn write_side_by_side(
    report: &DiffReport<'_>,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = report.comparison;
    let paras = &c.classified.paragraphs;
    let entries = entry_of_changes(report);
    let mut notes: Vec<Vec<usize>> = vec![Vec::new(); paras.len()];
    let mut homeless = Vec::new();
    for (n, e) in entries.iter().enumerate() {
        match e {
            Some(i) => notes[*i].push(n),
            None => homeless.push(n),
        }
    }
    // A paragraph with a pledge change is always shown, whatever the
    // context setting: the change list links to it.
    let mut show = super::shown_paragraphs(report);
    for (i, n) in notes.iter().enumerate() {
        if !n.is_empty() {
            show[i] = true;
        }
    }
    writeln!(
        out,
        "<p class=\"legend\">Paragraphs: {}. In the redline, <del>deleted words</del> are struck through and <ins>inserted words</ins> underlined.</p>",
        escape(&paragraph_counts(paras))
    )?;
    writeln!(out, "<table class=\"sbs\">")?;
    writeln!(
        out,
        "<colgroup><col class=\"ref\"><col class=\"old\"><col class=\"new\"></colgroup>"
    )?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">\u{b6}</th><th scope=\"col\">Old \u{b7} {}</th><th scope=\"col\">New \u{b7} {}</th></tr></thead>",
        escape(&date_or_dash(&c.old.meta)),
        escape(&date_or_dash(&c.new.meta))
    )?;
    writeln!(out, "<tbody>")?;
    let mut hidden = 0;
    for (i, d) in paras.iter().enumerate() {
        if !show[i] {
            hidden += 1;
            continue;
        }
        if hidden > 0 {
            gap_row(hidden, out)?;
            hidden = 0;
        }
        let refs = match (d.old.is_empty(), d.new.is_empty()) {
            (true, _) => format!("new {}", para_ref(&d.new)),
            (_, true) => format!("old {}", para_ref(&d.old)),
            _ if para_ref(&d.old) == para_ref(&d.new) => para_ref(&d.new),
            _ => format!("{} \u{2192} {}", para_ref(&d.old), para_ref(&d.new)),
        };
        let mut kind = d.change.as_str().to_string();
        if d.moved {
            kind.push_str(", moved");
        }
        if let Some(s) = d.similarity {
            if d.change != Change::Unchanged {
                kind.push_str(&format!(" \u{b7} similarity {s:.2}"));
            }
        }
        if d.bounded {
            kind.push_str(" \u{b7} coarse word diff");
        }
        let has_notes = !notes[i].is_empty();
        writeln!(
            out,
            "<tr class=\"para c-{}{}\" id=\"{prefix}p{}\"><th scope=\"row\" class=\"ref\">{}<span class=\"kind\">{}</span></th>",
            d.change.as_str(),
            if has_notes { " has-notes" } else { "" },
            i + 1,
            escape(&refs),
            escape(&kind)
        )?;
        if d.old.is_empty() {
            writeln!(
                out,
                "<td class=\"text old\"><span class=\"absent\">not in the old statement</span></td>"
            )?;
        } else {
            writeln!(out, "<td class=\"text old\">{}</td>", side_html(d, true))?;
        }
        if d.new.is_empty() {
            writeln!(
                out,
                "<td class=\"text new\"><span class=\"absent\">not in the new statement</span></td>"
            )?;
        } else {
            writeln!(out, "<td class=\"text new\">{}</td>", side_html(d, false))?;
        }
        writeln!(out, "</tr>")?;
        if has_notes {
            writeln!(out, "<tr class=\"notes\"><td></td><td colspan=\"2\">")?;
            for &n in &notes[i] {
                write_note(report, n, prefix, out)?;
            }
            writeln!(out, "</td></tr>")?;
        }
    }
    if hidden > 0 {
        gap_row(hidden, out)?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    if !homeless.is_empty() {
        writeln!(out, "<h4>Other pledge changes</h4>")?;
        for n in homeless {
            write_note(report, n, prefix, out)?;
        }
    }
    Ok(())
}

/// The two statements' identity table.
fn write_statements_table(old: &Statement, new: &Statement, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<table class=\"meta\">")?;
    writeln!(
        out,
        "<thead><tr><th></th><th scope=\"col\">Old</th><th scope=\"col\">New</th></tr></thead><tbody>"
    )?;
    writeln!(
        out,
        "<tr><th scope=\"row\">File</th><td><code>{}</code></td><td><code>{}</code></td></tr>",
        escape(&old.name),
        escape(&new.name)
    )?;
    writeln!(
        out,
        "<tr><th scope=\"row\">Title</th><td>{}</td><td>{}</td></tr>",
        escape(old.meta.title.as_deref().unwrap_or("\u{2014}")),
        escape(new.meta.title.as_deref().unwrap_or("\u{2014}"))
    )?;
    writeln!(
        out,
        "<tr><th scope=\"row\">Date</th><td>{}</td><td>{}</td></tr>",
        escape(&date_or_dash(&old.meta)),
        escape(&date_or_dash(&new.meta))
    )?;
    writeln!(
        out,
        "<tr><th scope=\"row\">Provenance</th><td>{}</td><td>{}</td></tr>",
        provenance(&old.meta),
        provenance(&new.meta)
    )?;
    writeln!(
        out,
        "<tr><th scope=\"row\">Paragraphs</th><td>{}</td><td>{}</td></tr>",
        old.paragraphs.len(),
        new.paragraphs.len()
    )?;
    writeln!(out, "</tbody></table>")
}

impl Html {
    fn diff_page(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let c = report.comparison;
        let (old_title, new_title) = (title(&c.old), title(&c.new));
        let heading = if old_title == new_title {
            format!(
                "{old_title}: {} \u{2192} {}",
                date_or_dash(&c.old.meta),
                date_or_dash(&c.new.meta)
            )
        } else {
            format!("{old_title} \u{2192} {new_title}")
        };
        page_start(out, &format!("Changes: {heading}"))?;
        writeln!(out, "<header>")?;
        writeln!(out, "<p class=\"tool\">pledgediff \u{b7} changes</p>")?;
        writeln!(out, "<h1>{}</h1>", escape(&heading))?;
        write_statements_table(&c.old, &c.new, out)?;
        let illustrative: Vec<String> = [&c.old, &c.new]
            .iter()
            .filter(|s| s.meta.is_illustrative())
            .map(|s| format!("<code>{}</code>", escape(&s.name)))
            .collect();
        match illustrative.as_slice() {
            [] => {}
            [one] => writeln!(
                out,
                "<p class=\"note\">{one} is an illustrative text, not an official one.</p>"
            )?,
            [a, b, ..] => writeln!(
                out,
                "<p class=\"note\">{a} and {b} are illustrative texts, not official ones.</p>"
            )?,
        }
        writeln!(out, "</header>")?;
        writeln!(out, "<main>")?;
        writeln!(out, "<section aria-labelledby=\"pledge-changes\">")?;
        writeln!(out, "<h2 id=\"pledge-changes\">Pledge changes</h2>")?;
        write_change_list(report, "", out)?;
        writeln!(out, "</section>")?;
        writeln!(out, "<section aria-labelledby=\"side-by-side\">")?;
        writeln!(out, "<h2 id=\"side-by-side\">Paragraphs side by side</h2>")?;
        write_side_by_side(report, "", out)?;
        writeln!(out, "</section>")?;
        writeln!(out, "</main>")?;
        page_end(out)
    }
}

impl DiffSink for Html {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.diff_page(report, out)
    }
}

impl ReportWriter for Html {
    fn report<'a>(
        &self,
        opts: &RenderOptions,
        out: &'a mut dyn Write,
    ) -> io::Result<Box<dyn ReportSink + 'a>> {
        Ok(Box::new(HtmlReport::new(out, opts.context)?))
    }
}

// ---------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------

/// Pledge changes quoted per step at the top of the report, at most.
pub(crate) const KEY_CHANGES: usize = 6;

/// Topics charted per series: those with pledges in at least two
/// statements, most pledges first, at most this many.
const MAX_CHARTS: usize = 8;

/// Stands, in a step rendered on a worker thread, for the step's id
/// prefix, which only the sink knows (it counts series and steps). A NUL
/// never comes out of [`escape`], so the byte is unambiguous.
const ID_SLOT: &str = "\u{0}";

/// The changes that matter most in a step, for the top of the report:
/// strengthened, weakened, added and dropped ones (not modified), taken
/// in turn from each kind so that every kind present is represented,
/// at most [`KEY_CHANGES`]; returned as indices, grouped by kind.
pub(crate) fn key_changes(changes: &[&PledgeChange]) -> Vec<usize> {
    const ORDER: [PledgeChangeKind; 4] = [
        PledgeChangeKind::Strengthened,
        PledgeChangeKind::Weakened,
        PledgeChangeKind::Added,
        PledgeChangeKind::Dropped,
    ];
    let by_kind: Vec<Vec<usize>> = ORDER
        .iter()
        .map(|k| {
            changes
                .iter()
                .enumerate()
                .filter(|(_, ch)| ch.kind == *k)
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let mut taken = vec![0; ORDER.len()];
    let mut total = 0;
    let mut progress = true;
    while total < KEY_CHANGES && progress {
        progress = false;
        for (k, list) in by_kind.iter().enumerate() {
            if total < KEY_CHANGES && taken[k] < list.len() {
                taken[k] += 1;
                total += 1;
                progress = true;
            }
        }
    }
    by_kind
        .iter()
        .zip(taken)
        .flat_map(|(list, n)| list[..n].iter().copied())
        .collect()
}

fn statement_label(s: &StatementSummary) -> String {
    let d = s.date_label();
    if s.meta.is_illustrative() {
        format!("{d} (illustrative)")
    } else {
        d
    }
}

/// Renders a step on a worker thread into two parts: the answer (its key
/// changes, for the top of the series) and the details (its change list
/// and side-by-side redline). Encoded as the answer's length (8 bytes,
/// little-endian), the answer, then the details.
struct HtmlStep {
    context: Context,
}

impl StepRender for HtmlStep {
    fn render(
        &self,
        old: &StatementSummary,
        new: &StatementSummary,
        step: &crate::pipeline::Comparison,
    ) -> io::Result<Vec<u8>> {
        let report = DiffReport {
            comparison: step,
            changes: step.classified.changes.iter().collect(),
            explain: Vec::new(),
            filtered: false,
            options: RenderOptions {
                color: false,
                context: self.context,
                width: None,
            },
        };
        let p = ID_SLOT;
        let heading = format!("{} \u{2192} {}", statement_label(old), statement_label(new));

        let mut answer: Vec<u8> = Vec::new();
        writeln!(answer, "<section class=\"answer\">")?;
        writeln!(
            answer,
            "<h4><a href=\"#{p}step\">{}</a></h4>",
            escape(&heading)
        )?;
        let key = key_changes(&report.changes);
        if report.changes.is_empty() {
            writeln!(answer, "<p class=\"muted\">No pledge changes.</p>")?;
        } else {
            writeln!(answer, "{}", kind_chips(&report.changes))?;
        }
        if !key.is_empty() {
            writeln!(answer, "<ul class=\"key\">")?;
            for &n in &key {
                let ch = report.changes[n];
                let quote = shown_pledge(step, ch)
                    .map(|(pl, _)| escape(&clip(&pl.text, 320)))
                    .unwrap_or_default();
                let reasons: Vec<String> = ch.reasons.iter().map(|r| r.text.clone()).collect();
                let why = if ch.kind == PledgeChangeKind::Strengthened
                    || ch.kind == PledgeChangeKind::Weakened
                {
                    format!(
                        "<span class=\"why\">{}</span>",
                        escape(&clip(&reasons.join("; "), 200))
                    )
                } else {
                    String::new()
                };
                writeln!(
                    answer,
                    "<li class=\"k-{}\">{} {} <a class=\"where\" href=\"#{p}c{}\">{}</a><br><q>{quote}</q>{why}</li>",
                    ch.kind.as_str(),
                    kind_badge(ch.kind),
                    topics_html(&ch.topics),
                    n + 1,
                    escape(&change_where(step, ch)),
                )?;
            }
            writeln!(answer, "</ul>")?;
        }
        let rest = report.changes.len() - key.len();
        if rest > 0 {
            writeln!(
                answer,
                "<p class=\"more\">{rest} more pledge change{} in <a href=\"#{p}step\">the step\u{2019}s details</a>.</p>",
                if rest == 1 { "" } else { "s" }
            )?;
        }
        writeln!(answer, "</section>")?;

        let mut details: Vec<u8> = Vec::new();
        writeln!(details, "<details class=\"step\" id=\"{p}step\">")?;
        writeln!(
            details,
            "<summary><h4>{}</h4> <span class=\"muted\">\u{b7} {} pledge change{} \u{b7} {} paragraph{} changed</span></summary>",
            escape(&heading),
            report.changes.len(),
            if report.changes.len() == 1 { "" } else { "s" },
            super::changed_paragraphs(step),
            if super::changed_paragraphs(step) == 1 { "" } else { "s" },
        )?;
        write_change_list(&report, p, &mut details)?;
        write_side_by_side(&report, p, &mut details)?;
        writeln!(details, "</details>")?;

        let mut bytes = Vec::with_capacity(8 + answer.len() + details.len());
        bytes.extend_from_slice(&(answer.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&answer);
        bytes.extend_from_slice(&details);
        Ok(bytes)
    }
}

/// Copies `bytes` to `out` with every [`ID_SLOT`] replaced by `prefix`.
fn fill_ids(bytes: &[u8], prefix: &str, out: &mut Vec<u8>) {
    for part in bytes.split(|&b| b == ID_SLOT.as_bytes()[0]).enumerate() {
        if part.0 > 0 {
            out.extend_from_slice(prefix.as_bytes());
        }
        out.extend_from_slice(part.1);
    }
}

/// The HTML report, written as the archive is walked: each step arrives
/// rendered; its answer and its details are held until the series ends,
/// when the series' section is written whole (answers first).
pub struct HtmlReport<'a> {
    out: &'a mut dyn Write,
    context: Context,
    /// Series begun so far.
    series: usize,
    /// Steps of the current series so far.
    steps: usize,
    answers: Vec<u8>,
    details: Vec<u8>,
}

impl<'a> HtmlReport<'a> {
    /// Starts a report, writing the page head and title.
    pub fn new(out: &'a mut dyn Write, context: Context) -> io::Result<Self> {
        page_start(out, "Change report")?;
        writeln!(out, "<header>")?;
        writeln!(out, "<p class=\"tool\">pledgediff \u{b7} change report</p>")?;
        writeln!(out, "<h1>Change report</h1>")?;
        writeln!(
            out,
            "<p>Per series: what changed at each step first, then the statements, counts, strength charts, pledge lineages and each step\u{2019}s side-by-side redline. Statements marked <strong>illustrative</strong> are not official texts.</p>"
        )?;
        writeln!(out, "</header>")?;
        writeln!(out, "<main>")?;
        Ok(HtmlReport {
            out,
            context,
            series: 0,
            steps: 0,
            answers: Vec::new(),
            details: Vec::new(),
        })
    }

    fn series_id(&self) -> String {
        format!("s{}", self.series)
    }
}

impl StepSink for HtmlReport<'_> {
    fn begin_series(&mut self, _name: &str) -> io::Result<()> {
        self.series += 1;
        self.steps = 0;
        self.answers.clear();
        self.details.clear();
        Ok(())
    }

    fn step_renderer(&self) -> Option<Arc<dyn StepRender>> {
        Some(Arc::new(HtmlStep {
            context: self.context,
        }))
    }

    fn step_rendered(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        self.steps += 1;
        let prefix = format!("{}-t{}-", self.series_id(), self.steps);
        let (len, rest) = bytes.split_at(8.min(bytes.len()));
        let len = u64::from_le_bytes(len.try_into().map_err(io::Error::other)?) as usize;
        let (answer, details) = rest.split_at(len.min(rest.len()));
        fill_ids(answer, &prefix, &mut self.answers);
        fill_ids(details, &prefix, &mut self.details);
        Ok(())
    }

    fn end_series(&mut self, s: &SeriesSummary) -> io::Result<()> {
        let id = self.series_id();
        write_series(s, &id, &self.answers, &self.details, self.out)?;
        self.answers.clear();
        self.details.clear();
        Ok(())
    }
}

impl ReportSink for HtmlReport<'_> {
    fn finish(&mut self, summary: &ArchiveSummary) -> io::Result<()> {
        let left_out: Vec<_> = summary
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        if !left_out.is_empty() {
            writeln!(self.out, "<section aria-labelledby=\"left-out\">")?;
            writeln!(self.out, "<h2 id=\"left-out\">Files left out</h2>")?;
            writeln!(self.out, "<ul>")?;
            for p in left_out {
                writeln!(
                    self.out,
                    "<li><code>{}</code>: {}</li>",
                    escape(&p.file),
                    escape(&p.message)
                )?;
            }
            writeln!(self.out, "</ul>")?;
            writeln!(self.out, "</section>")?;
        }
        if summary.series.is_empty() {
            writeln!(self.out, "<p class=\"muted\">No series to report.</p>")?;
        }
        writeln!(self.out, "</main>")?;
        page_end(self.out)?;
        self.out.flush()
    }
}

/// One series' section: answers, tables, charts, lineages, details.
fn write_series(
    s: &SeriesSummary,
    id: &str,
    answers: &[u8],
    details: &[u8],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "<section class=\"series\" aria-labelledby=\"{id}\">")?;
    writeln!(out, "<h2 id=\"{id}\">Series: {}</h2>", escape(&s.name))?;
    let first = s
        .statements
        .first()
        .map(statement_label)
        .unwrap_or_default();
    let last = s.statements.last().map(statement_label).unwrap_or_default();
    writeln!(
        out,
        "<p>{} statement{} from {} to {}; {} step{} compared.</p>",
        s.statements.len(),
        if s.statements.len() == 1 { "" } else { "s" },
        escape(&first),
        escape(&last),
        s.steps.len(),
        if s.steps.len() == 1 { "" } else { "s" }
    )?;
    let topics = charted_topics(s);
    let mut sections = vec![
        ("changed", "What changed"),
        ("statements", "Statements"),
        ("steps", "Steps"),
    ];
    if !topics.is_empty() {
        sections.push(("strength", "Strength by topic"));
    }
    sections.push(("lineages", "Pledge lineages"));
    sections.push(("details", "Step details"));
    if s.steps.is_empty() {
        sections.retain(|(k, _)| *k == "statements");
    }
    writeln!(
        out,
        "<nav class=\"local\" aria-label=\"{}\"><ul>",
        escape(&format!("Series {}", s.name))
    )?;
    for (key, label) in &sections {
        writeln!(out, "<li><a href=\"#{id}-{key}\">{label}</a></li>")?;
    }
    writeln!(out, "</ul></nav>")?;

    if !s.steps.is_empty() {
        writeln!(
            out,
            "<h3 id=\"{id}-changed\">What changed, step by step</h3>"
        )?;
        writeln!(
            out,
            "<p class=\"muted\">The pledges strengthened, weakened, added and dropped at each step (at most {KEY_CHANGES} quoted per step; every change is in the step\u{2019}s details).</p>"
        )?;
        out.write_all(answers)?;
    }

    writeln!(out, "<h3 id=\"{id}-statements\">Statements</h3>")?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Title</th><th scope=\"col\">Provenance</th><th scope=\"col\" class=\"num\">Paragraphs</th><th scope=\"col\" class=\"num\">Pledges</th></tr></thead><tbody>"
    )?;
    for st in &s.statements {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&st.date_label()),
            escape(st.meta.title.as_deref().unwrap_or("\u{2014}")),
            provenance(&st.meta),
            st.paragraphs,
            st.pledges
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    if s.steps.is_empty() {
        writeln!(
            out,
            "<p class=\"muted\">Only one statement: no steps to compare.</p>"
        )?;
        return writeln!(out, "</section>");
    }

    writeln!(out, "<h3 id=\"{id}-steps\">Steps</h3>")?;
    writeln!(out, "<table>")?;
    write!(out, "<thead><tr><th scope=\"col\">Step</th>")?;
    for k in PledgeChangeKind::ALL {
        write!(
            out,
            "<th scope=\"col\" class=\"num\">{} {}</th>",
            k.sign(),
            k.as_str()
        )?;
    }
    writeln!(
        out,
        "<th scope=\"col\" class=\"num\">Changed paragraphs</th></tr></thead><tbody>"
    )?;
    for (k, step) in s.steps.iter().enumerate() {
        let n = super::summary_counts(step, None);
        write!(
            out,
            "<tr><td><a href=\"#{id}-t{}-step\">{} \u{2192} {}</a></td>",
            k + 1,
            escape(&statement_label(&s.statements[step.from])),
            escape(&statement_label(&s.statements[step.to]))
        )?;
        for v in n {
            write!(out, "<td class=\"num\">{v}</td>")?;
        }
        writeln!(
            out,
            "<td class=\"num\">{}</td></tr>",
            step.changed_paragraphs
        )?;
    }
    writeln!(out, "</tbody></table>")?;

    if !topics.is_empty() {
        writeln!(
            out,
            "<h3 id=\"{id}-strength\">Pledge strength by topic</h3>"
        )?;
        writeln!(
            out,
            "<p>Mean strength of the pledges on each topic, per statement. {} A statement with no pledge on a topic has no point on its chart.</p>",
            escape(STRENGTH_SCALE)
        )?;
        writeln!(out, "<div class=\"charts\">")?;
        let labels = axis_labels(s);
        for (n, topic) in topics.iter().enumerate() {
            let values: Vec<Option<(f64, usize)>> = s
                .statements
                .iter()
                .map(|st| {
                    st.topics
                        .iter()
                        .find(|x| &x.0 == topic)
                        .map(|(_, sum, count)| (*sum as f64 / *count as f64, *count))
                })
                .collect();
            let full: Vec<String> = s.statements.iter().map(|st| st.date_label()).collect();
            writeln!(
                out,
                "<figure class=\"chart\"><figcaption id=\"{id}-chart{}\">{}</figcaption>",
                n + 1,
                escape(topic)
            )?;
            writeln!(
                out,
                "{}",
                chart_svg(&format!("{id}-chart{}", n + 1), &labels, &full, &values)
            )?;
            writeln!(out, "</figure>")?;
        }
        writeln!(out, "</div>")?;
    }

    write_lineages(s, id, out)?;

    writeln!(out, "<h3 id=\"{id}-details\">Step details</h3>")?;
    writeln!(
        out,
        "<p class=\"muted\">Each step\u{2019}s pledge changes and its paragraphs side by side; open a step to read it.</p>"
    )?;
    out.write_all(details)?;
    writeln!(out, "</section>")
}

/// Topics charted for a series (see [`MAX_CHARTS`]).
pub(crate) fn charted_topics(s: &SeriesSummary) -> Vec<String> {
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
    topics.into_iter().map(|t| t.0).collect()
}

/// The x-axis labels: the year alone when every statement has a date in
/// a year of its own, else the date (or name).
pub(crate) fn axis_labels(s: &SeriesSummary) -> Vec<String> {
    let years: Vec<Option<i32>> = s
        .statements
        .iter()
        .map(|st| st.meta.date.map(|d| chrono::Datelike::year(&d)))
        .collect();
    let distinct = years.iter().all(Option::is_some) && {
        let mut y: Vec<i32> = years.iter().flatten().copied().collect();
        y.dedup();
        y.len() == years.len()
    };
    if distinct {
        years.iter().flatten().map(|y| y.to_string()).collect()
    } else {
        s.statements.iter().map(|st| st.date_label()).collect()
    }
}

/// Which of `n` x positions get a label so that at most `max` do: every
/// k-th one from the first, and the last (replacing the one before it
/// when the two would crowd each other).
pub(crate) fn thinned(n: usize, max: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let max = max.max(2);
    if n <= max {
        return (0..n).collect();
    }
    let step = (n - 1).div_ceil(max - 1);
    let mut shown: Vec<usize> = (0..n).step_by(step).collect();
    let last = n - 1;
    if shown.last() != Some(&last) {
        if last - shown[shown.len() - 1] < step.div_ceil(2) {
            shown.pop();
        }
        shown.push(last);
    }
    shown
}

/// Chart geometry, in SVG user units.
const CHART_W: f64 = 420.0;
const CHART_H: f64 = 220.0;
const PAD_LEFT: f64 = 46.0;
const PAD_RIGHT: f64 = 16.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 44.0;
/// Room between the y axis (and the right edge) and the first (last) point.
const INSET: f64 = 14.0;

/// A number for SVG coordinates: one decimal, no trailing `.0`.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// A line chart of one topic's mean pledge strength per statement:
/// a point for each statement with pledges on the topic, lines only
/// between neighbors that both have one, thinned x labels, a labelled
/// y axis. `values` holds (mean, pledges) per statement.
fn chart_svg(
    id: &str,
    labels: &[String],
    full_labels: &[String],
    values: &[Option<(f64, usize)>],
) -> String {
    let n = values.len();
    let max = values.iter().flatten().map(|v| v.0).fold(0.0, f64::max);
    let top = ((max / 10.0).ceil() * 10.0).max(10.0);
    let tick = if top > 80.0 { 20.0 } else { 10.0 };
    let plot_w = CHART_W - PAD_LEFT - PAD_RIGHT;
    let plot_h = CHART_H - PAD_TOP - PAD_BOTTOM;
    let x = |i: usize| {
        if n <= 1 {
            PAD_LEFT + plot_w / 2.0
        } else {
            PAD_LEFT + INSET + (plot_w - 2.0 * INSET) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| PAD_TOP + plot_h * (1.0 - v / top);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}\">",
        num(CHART_W),
        num(CHART_H)
    );
    // Grid and y axis labels.
    let mut v = 0.0;
    while v <= top + 1e-9 {
        s.push_str(&format!(
            "<line class=\"grid\" stroke=\"#d1d9e0\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
            num(PAD_LEFT),
            num(CHART_W - PAD_RIGHT),
            num(y(v)),
            num(y(v))
        ));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#59636e\">{}</text>",
            num(PAD_LEFT - 6.0),
            num(y(v) + 4.0),
            num(v)
        ));
        v += tick;
    }
    s.push_str(&format!(
        "<line class=\"axis\" stroke=\"#59636e\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
        num(PAD_LEFT),
        num(PAD_TOP),
        num(PAD_TOP + plot_h)
    ));
    s.push_str(&format!(
        "<text x=\"12\" y=\"{0}\" transform=\"rotate(-90 12 {0})\" text-anchor=\"middle\" fill=\"#59636e\">mean strength</text>",
        num(PAD_TOP + plot_h / 2.0)
    ));
    // X labels, thinned: a long label needs more room.
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let room = (plot_w / (widest as f64 * 6.5 + 10.0)).floor().max(2.0) as usize;
    for i in thinned(n, room) {
        // A wide label at either end is kept inside the chart.
        let anchor = if widest > 6 && n > 1 && i == 0 {
            "start"
        } else if widest > 6 && n > 1 && i == n - 1 {
            "end"
        } else {
            "middle"
        };
        s.push_str(&format!(
            "<line class=\"axis\" stroke=\"#59636e\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
            num(x(i)),
            num(PAD_TOP + plot_h),
            num(PAD_TOP + plot_h + 4.0)
        ));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#59636e\">{}</text>",
            num(x(i)),
            num(PAD_TOP + plot_h + 17.0),
            escape(&labels[i])
        ));
    }
    s.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#59636e\">statement date</text>",
        num(PAD_LEFT + plot_w / 2.0),
        num(CHART_H - 6.0)
    ));
    // Lines between neighbors that both have a value.
    let mut path = String::new();
    for i in 1..n {
        if let (Some(a), Some(b)) = (values[i - 1], values[i]) {
            path.push_str(&format!(
                "M{} {}L{} {}",
                num(x(i - 1)),
                num(y(a.0)),
                num(x(i)),
                num(y(b.0))
            ));
        }
    }
    if !path.is_empty() {
        s.push_str(&format!(
            "<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        ));
    }
    for (i, v) in values.iter().enumerate() {
        if let Some((mean, count)) = v {
            s.push_str(&format!(
                "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#1d4ed8\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>{}: mean {} over {} pledge{}</title></circle>",
                num(x(i)),
                num(y(*mean)),
                escape(&full_labels[i]),
                num(*mean),
                count,
                if *count == 1 { "" } else { "s" }
            ));
        }
    }
    s.push_str("</svg>");
    s
}

/// Per topic, the pledges that changed after they first appeared: one
/// line of text and a row of dated events each. Folded by default.
fn write_lineages(s: &SeriesSummary, id: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3 id=\"{id}-lineages\">Pledge lineages</h3>")?;
    let changed: Vec<&Lineage> = s.lineages.iter().filter(|l| !l.events.is_empty()).collect();
    if changed.is_empty() {
        return writeln!(
            out,
            "<p class=\"muted\">No pledge changed after it first appeared.</p>"
        );
    }
    // Grouped by each lineage's first topic; topics in name order, then
    // pledges without a topic.
    let mut groups: Vec<(String, Vec<&Lineage>)> = Vec::new();
    for l in &changed {
        let key = l.topics.first().cloned().unwrap_or_default();
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1.push(l),
            None => groups.push((key, vec![l])),
        }
    }
    groups.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
    writeln!(
        out,
        "<details class=\"lineages\"><summary>{} pledge{} changed after first appearing, by topic: {}</summary>",
        changed.len(),
        if changed.len() == 1 { "" } else { "s" },
        escape(
            &groups
                .iter()
                .map(|g| if g.0.is_empty() { "no topic" } else { g.0.as_str() })
                .collect::<Vec<_>>()
                .join(", ")
        )
    )?;
    for (topic, lineages) in groups {
        let name = if topic.is_empty() {
            "no topic".to_string()
        } else {
            topic
        };
        writeln!(
            out,
            "<details><summary><strong>{}</strong> <span class=\"muted\">\u{b7} {} pledge{}</span></summary>",
            escape(&name),
            lineages.len(),
            if lineages.len() == 1 { "" } else { "s" }
        )?;
        writeln!(out, "<ul class=\"lineages\">")?;
        for l in lineages {
            let latest = l.events.last().map_or(&l.first_text, |e| &e.text);
            writeln!(
                out,
                "<li><span class=\"text\">{}</span>",
                escape(&clip(latest, 240))
            )?;
            writeln!(out, "<ol class=\"events\">")?;
            writeln!(
                out,
                "<li><span class=\"date\">{}</span> first (\u{b6}{}, strength {})</li>",
                escape(&s.statements[l.first].date_label()),
                para_number(l.first_paragraph),
                l.first_strength
            )?;
            for e in &l.events {
                let kind = match e.kind {
                    crate::archive::LineageEventKind::Strengthened => "k-strengthened",
                    crate::archive::LineageEventKind::Weakened => "k-weakened",
                    crate::archive::LineageEventKind::Modified => "k-modified",
                    crate::archive::LineageEventKind::Dropped => "k-dropped",
                    crate::archive::LineageEventKind::ReAdded => "k-added",
                };
                let mut why = e.reasons.join("; ");
                if e.kind != crate::archive::LineageEventKind::Dropped {
                    why.push_str(&format!(" (strength {})", e.strength));
                }
                writeln!(
                    out,
                    "<li title=\"{}\"><span class=\"date\">{}</span> <span class=\"badge {kind}\">{}</span></li>",
                    escape(why.trim_start()),
                    escape(&s.statements[e.statement].date_label()),
                    e.kind.as_str()
                )?;
            }
            writeln!(out, "</ol></li>")?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "</details>")?;
    }
    writeln!(out, "</details>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_controls_and_bidi_are_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1b}[2Jb"), "a&lt;U+001B&gt;[2Jb");
        assert_eq!(escape("\u{202E}cba"), "&lt;U+202E&gt;cba");
        assert_eq!(escape("a\u{0}b"), "a&lt;U+0000&gt;b");
        // Text, line breaks and tabs pass as they are.
        assert_eq!(escape("日米 ¶3 —\n\tok"), "日米 ¶3 —\n\tok");
    }

    #[test]
    fn paragraph_numbers_are_one_based() {
        assert_eq!(para_number(0), 1);
        assert_eq!(para_ref(&[0]), "\u{b6}1");
        assert_eq!(para_ref(&[2, 3, 4]), "\u{b6}3\u{2013}5");
        assert_eq!(para_ref(&[]), "");
    }

    #[test]
    fn thinned_labels_keep_first_and_last_and_stay_under_the_limit() {
        assert_eq!(thinned(5, 8), vec![0, 1, 2, 3, 4]);
        assert_eq!(thinned(0, 8), Vec::<usize>::new());
        for n in [9, 10, 57, 1500] {
            for max in [2, 4, 6, 8] {
                let t = thinned(n, max);
                assert_eq!(t[0], 0, "n {n} max {max}");
                assert_eq!(*t.last().unwrap(), n - 1, "n {n} max {max}");
                assert!(t.len() <= max + 1, "n {n} max {max}: {t:?}");
                assert!(t.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }

    #[test]
    fn a_statement_without_pledges_on_the_topic_has_no_point_and_breaks_the_line() {
        let labels: Vec<String> = ["2015", "2017", "2019", "2021"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let values = [Some((40.0, 2)), None, Some((42.0, 1)), Some((50.0, 3))];
        let svg = chart_svg("c", &labels, &labels, &values);
        assert_eq!(svg.matches("<circle").count(), 3);
        // One segment, 2019 to 2021: nothing is drawn through 2017.
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(d.matches('M').count(), 1, "{d}");
        assert!(svg.contains(">2017<"), "the year is still labelled");
        assert!(svg.contains(">mean strength<"));
        assert!(svg.contains("2021: mean 50 over 3 pledges"));
    }

    #[test]
    fn key_changes_take_each_kind_in_turn_and_leave_modified_out() {
        use PledgeChangeKind::*;
        let kinds = [
            Strengthened,
            Strengthened,
            Strengthened,
            Strengthened,
            Strengthened,
            Modified,
            Added,
            Dropped,
            Weakened,
        ];
        let changes: Vec<PledgeChange> = kinds
            .iter()
            .map(|&kind| PledgeChange {
                kind,
                old: None,
                new: None,
                topics: Vec::new(),
                reasons: Vec::new(),
                deltas: Vec::new(),
                old_strength: None,
                new_strength: None,
                similarity: None,
            })
            .collect();
        let refs: Vec<&PledgeChange> = changes.iter().collect();
        // One of each of weakened, added, dropped; the rest strengthened.
        assert_eq!(key_changes(&refs), vec![0, 1, 2, 8, 6, 7]);
    }

    #[test]
    fn id_slots_are_filled_with_the_step_prefix() {
        let mut out = Vec::new();
        fill_ids(
            b"<a href=\"#\0c1\">x</a><p id=\"\0step\">",
            "s1-t2-",
            &mut out,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<a href=\"#s1-t2-c1\">x</a><p id=\"s1-t2-step\">"
        );
    }
}
