//! GitHub Actions workflow commands: `check` findings as annotations
//! (`::error file=…,line=…::message`) on the statement files.

use std::io::{self, Write};

use super::{CheckSink, DiffReport, DiffSink, RenderOptions};
use crate::archive::check::CheckReport;
use crate::archive::Severity;

/// GitHub annotations renderer.
pub struct Github;

/// Escapes a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl DiffSink for Github {
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        // A diff as annotations: one notice per pledge change, on the new file.
        let c = report.comparison;
        for ch in &report.changes {
            let (file, line, text) = match (ch.new, ch.old) {
                (Some(b), _) => {
                    let p = &c.classified.new_pledges[b];
                    (&c.new.name, c.new.paragraphs[p.paragraph].line, &p.text)
                }
                (None, Some(a)) => {
                    let p = &c.classified.old_pledges[a];
                    (&c.old.name, c.old.paragraphs[p.paragraph].line, &p.text)
                }
                _ => continue,
            };
            let reasons: Vec<&str> = ch.reasons.iter().map(|r| r.text.as_str()).collect();
            writeln!(
                out,
                "::notice file={},line={},title={}::{} ({})",
                escape_property(file),
                line,
                escape_property(&format!("pledge {}", ch.kind.as_str())),
                escape_data(text),
                escape_data(&reasons.join("; "))
            )?;
        }
        Ok(())
    }
}

impl CheckSink for Github {
    fn check(
        &self,
        report: &CheckReport,
        _: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for p in &report.problems {
            let level = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let line = p.line.map(|l| format!(",line={l}")).unwrap_or_default();
            writeln!(
                out,
                "::{level} file={}{line},title={}::{}",
                escape_property(&p.file),
                escape_property(&format!("pledgediff check ({})", p.check)),
                escape_data(&p.message)
            )?;
        }
        let (errors, warnings) = report.counts();
        writeln!(
            out,
            "pledgediff check: {errors} error(s), {warnings} warning(s); checked {}",
            super::checked(report)
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn properties_escape_colons_and_commas() {
        assert_eq!(super::escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }
}
