//! Stage 7 — render: turn a finished comparison (or a normalized statement,
//! or a pledge list) into output. Every format implements [`Renderer`];
//! adding a format means adding one file here and one arm in [`renderer`].

pub mod json;
pub mod markdown;
pub mod text;

use std::io::{self, Write};

use crate::config::Format;
use crate::pledge::{Pledge, PledgeChange};
use crate::segment::Statement;
use crate::Comparison;

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
}

/// A diff ready to render: the comparison and the pledge changes selected
/// by the user's filters (`--topic`, `--min-change`).
pub struct DiffReport<'a> {
    /// The full comparison.
    pub comparison: &'a Comparison,
    /// Pledge changes to show.
    pub changes: Vec<&'a PledgeChange>,
    /// Render settings.
    pub options: RenderOptions,
}

/// One output format.
pub trait Renderer {
    /// Renders a diff of two statements.
    fn diff(&self, report: &DiffReport<'_>, out: &mut dyn Write) -> io::Result<()>;
    /// Renders a normalized statement.
    fn normalize(
        &self,
        statement: &Statement,
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
    /// Renders a statement's pledges.
    fn pledges(
        &self,
        statement: &Statement,
        pledges: &[Pledge],
        opts: &RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// The renderer for a format.
pub fn renderer(format: Format) -> Box<dyn Renderer> {
    match format {
        Format::Text => Box::new(text::Text),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Json => Box::new(json::Json),
    }
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
    let paras = &comparison.classified.paragraphs;
    let changed: Vec<bool> = paras
        .iter()
        .map(|d| d.change != crate::diff::Change::Unchanged || d.moved)
        .collect();
    match context {
        Context::All => vec![true; paras.len()],
        Context::Around(n) => (0..paras.len())
            .map(|i| {
                let lo = i.saturating_sub(n);
                let hi = (i + n).min(paras.len().saturating_sub(1));
                (lo..=hi).any(|k| changed[k])
            })
            .collect(),
    }
}

/// Paragraph reference like `¶3` or `¶3–4`.
pub fn para_ref(idx: &[usize]) -> String {
    match idx {
        [] => String::new(),
        [one] => format!("\u{b6}{one}"),
        many => format!("\u{b6}{}\u{2013}{}", many[0], many[many.len() - 1]),
    }
}
