//! pledgediff: track how successive joint statements change.
//!
//! The library is one pipeline, one module per stage, data flowing one way:
//!
//! [`read`] → [`normalize`] → [`segment`] → [`align`] → [`diff`] →
//! [`pledge`] (extract and classify) → [`render`].
//!
//! [`lexicon`] is reference data shared by the segment and pledge stages;
//! [`cli`] turns flags into a validated [`config::Config`]; [`run`] executes
//! it; [`exit`] maps its outcome to a process exit status.
#![warn(missing_docs)]

pub mod align;
pub mod cli;
pub mod config;
pub mod diff;
pub mod error;
pub mod exit;
pub mod lexicon;
pub mod normalize;
pub mod pledge;
pub mod read;
pub mod render;
pub mod segment;

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

pub use error::{Error, Result};

use config::{Config, ReadSettings};
use lexicon::Lexicon;
use pledge::{Classified, PledgeChangeKind};
use render::{renderer, DiffReport, RenderOptions};
use segment::Statement;

/// What a successful run found, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing substantive changed (or the command reports no changes).
    Clean,
    /// Substantive changes were found.
    Changes,
}

/// Two statements compared: the end product of the pipeline before rendering.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Older statement.
    pub old: Statement,
    /// Newer statement.
    pub new: Statement,
    /// Pledges, their changes and the paragraph diffs.
    pub classified: Classified,
}

impl Comparison {
    /// True when anything substantive changed: a pledge, or a paragraph
    /// that was added, dropped, modified, or re-cut with new words.
    pub fn has_changes(&self) -> bool {
        !self.classified.changes.is_empty()
            || self
                .classified
                .paragraphs
                .iter()
                .any(|d| d.is_substantive())
    }
}

/// Reads, normalizes and segments one statement file.
pub fn load(path: &Path, settings: &ReadSettings, lexicon: &Lexicon) -> Result<Statement> {
    let doc = read::read_path(path)?;
    Ok(prepare(&doc, settings, lexicon))
}

/// Normalizes and segments an already read document.
pub fn prepare(doc: &read::Document, settings: &ReadSettings, lexicon: &Lexicon) -> Statement {
    let normalized = normalize::normalize(
        doc,
        normalize::Options {
            keep_chrome: settings.keep_chrome,
        },
    );
    segment::segment(doc, normalized, lexicon)
}

/// Runs align → diff → pledge classification on two prepared statements.
pub fn compare(old: Statement, new: Statement, lexicon: &Lexicon) -> Comparison {
    let alignment = align::align(&old, &new);
    let paragraphs = diff::diff(&old, &new, &alignment);
    let old_pledges = pledge::extract(&old, lexicon);
    let new_pledges = pledge::extract(&new, lexicon);
    let classified = pledge::classify(old_pledges, new_pledges, paragraphs, lexicon);
    Comparison {
        old,
        new,
        classified,
    }
}

/// The lexicon for a run: the built-in one, extended by `--lexicon`.
pub fn lexicon_for(settings: &ReadSettings) -> Result<Arc<Lexicon>> {
    match &settings.lexicon {
        Some(p) => Lexicon::with_file(p),
        None => Ok(Lexicon::builtin()),
    }
}

fn check_topic(topic: &Option<String>, lexicon: &Lexicon) -> Result<()> {
    match topic {
        Some(t) if lexicon.topic(t).is_none() => {
            let known: Vec<&str> = lexicon.topics.iter().map(|t| t.id.as_str()).collect();
            Err(Error::Usage(format!(
                "unknown topic `{t}`; known topics: {}",
                known.join(", ")
            )))
        }
        _ => Ok(()),
    }
}

/// Executes a validated command, writing its output to standard output.
pub fn run(config: &Config) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let outcome = run_to(config, &mut out)?;
    out.flush().map_err(write_error)?;
    Ok(outcome)
}

fn write_error(e: std::io::Error) -> Error {
    Error::Write {
        path: "<stdout>".into(),
        source: e,
    }
}

/// Executes a validated command, writing its output to `out`.
pub fn run_to(config: &Config, out: &mut dyn Write) -> Result<Outcome> {
    match config {
        Config::Diff(c) => {
            let lexicon = lexicon_for(&c.read)?;
            check_topic(&c.topic, &lexicon)?;
            let old = load(&c.old, &c.read, &lexicon)?;
            let new = load(&c.new, &c.read, &lexicon)?;
            let comparison = compare(old, new, &lexicon);
            let changes = comparison
                .classified
                .changes
                .iter()
                .filter(|ch| !(c.min_change && ch.kind == PledgeChangeKind::Modified))
                .filter(|ch| c.topic.as_ref().is_none_or(|t| ch.topics.contains(t)))
                .collect();
            let report = DiffReport {
                comparison: &comparison,
                changes,
                options: RenderOptions {
                    color: c.color,
                    context: c.context,
                },
            };
            renderer(c.format).diff(&report, out).map_err(write_error)?;
            Ok(if comparison.has_changes() {
                Outcome::Changes
            } else {
                Outcome::Clean
            })
        }
        Config::Normalize(c) => {
            let lexicon = lexicon_for(&c.read)?;
            let s = load(&c.file, &c.read, &lexicon)?;
            let opts = RenderOptions {
                color: false,
                context: render::Context::All,
            };
            renderer(c.format)
                .normalize(&s, &opts, out)
                .map_err(write_error)?;
            Ok(Outcome::Clean)
        }
        Config::Pledges(c) => {
            let lexicon = lexicon_for(&c.read)?;
            check_topic(&c.topic, &lexicon)?;
            let s = load(&c.file, &c.read, &lexicon)?;
            let pledges: Vec<_> = pledge::extract(&s, &lexicon)
                .into_iter()
                .filter(|p| c.topic.as_ref().is_none_or(|t| p.topics.contains(t)))
                .collect();
            let opts = RenderOptions {
                color: c.color,
                context: render::Context::All,
            };
            renderer(c.format)
                .pledges(&s, &pledges, &opts, out)
                .map_err(write_error)?;
            Ok(Outcome::Clean)
        }
    }
}
