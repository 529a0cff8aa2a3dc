//! Validated configuration: what the CLI layer hands to [`crate::run`].
//! Nothing here knows about flags; everything here is already checked.

use std::path::PathBuf;

use crate::render::Context;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable terminal output.
    Text,
    /// GitHub-flavored Markdown.
    Markdown,
    /// JSON with a versioned schema.
    Json,
}

/// Settings that shape how statements are read.
#[derive(Debug, Clone, Default)]
pub struct ReadSettings {
    /// Keep page chrome.
    pub keep_chrome: bool,
    /// Extra lexicon file.
    pub lexicon: Option<PathBuf>,
}

/// `pledgediff diff`.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    /// Old statement (`-` for stdin).
    pub old: PathBuf,
    /// New statement.
    pub new: PathBuf,
    /// Output format.
    pub format: Format,
    /// Colors on.
    pub color: bool,
    /// Unchanged paragraphs to show.
    pub context: Context,
    /// Only pledges on this topic.
    pub topic: Option<String>,
    /// Hide `modified` pledge changes.
    pub min_change: bool,
    /// Reading settings.
    pub read: ReadSettings,
}

/// `pledgediff normalize`.
#[derive(Debug, Clone)]
pub struct NormalizeConfig {
    /// The statement.
    pub file: PathBuf,
    /// Output format.
    pub format: Format,
    /// Reading settings.
    pub read: ReadSettings,
}

/// `pledgediff pledges`.
#[derive(Debug, Clone)]
pub struct PledgesConfig {
    /// The statement.
    pub file: PathBuf,
    /// Output format.
    pub format: Format,
    /// Colors on.
    pub color: bool,
    /// Only pledges on this topic.
    pub topic: Option<String>,
    /// Reading settings.
    pub read: ReadSettings,
}

/// A validated command.
#[derive(Debug, Clone)]
pub enum Config {
    /// Compare two statements.
    Diff(DiffConfig),
    /// Show a statement's paragraphs.
    Normalize(NormalizeConfig),
    /// List a statement's pledges.
    Pledges(PledgesConfig),
}
