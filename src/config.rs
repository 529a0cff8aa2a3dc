//! Validated configuration: what the CLI layer hands to [`crate::run`].
//! Nothing here knows about flags; everything here is already checked.

use std::path::PathBuf;

use crate::pledge::PledgeChangeKind;
use crate::render::{
    CheckFormat, Context, DiffFormat, LogFormat, NormalizeFormat, PledgesFormat, ReportFormat,
};

// Re-exported: where the library's users have always found them.
pub use crate::pipeline::ReadSettings;

/// `pledgediff diff`.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    /// Old statement (`-` for stdin).
    pub old: PathBuf,
    /// New statement.
    pub new: PathBuf,
    /// Output format.
    pub format: DiffFormat,
    /// Colors on.
    pub color: bool,
    /// Unchanged paragraphs to show.
    pub context: Context,
    /// Only pledges on this topic.
    pub topic: Option<String>,
    /// Only these kinds of pledge change (`--only`; `--min-change` is all
    /// but `modified`); `None` for every kind.
    pub only: Option<Vec<PledgeChangeKind>>,
    /// Columns to wrap text output to; `None` for no wrapping.
    pub width: Option<usize>,
    /// Explain each pledge change (`--explain`).
    pub explain: bool,
    /// Reading settings.
    pub read: ReadSettings,
}

/// `pledgediff normalize`.
#[derive(Debug, Clone)]
pub struct NormalizeConfig {
    /// The statement.
    pub file: PathBuf,
    /// Output format.
    pub format: NormalizeFormat,
    /// Reading settings.
    pub read: ReadSettings,
}

/// `pledgediff pledges`.
#[derive(Debug, Clone)]
pub struct PledgesConfig {
    /// The statement.
    pub file: PathBuf,
    /// Output format.
    pub format: PledgesFormat,
    /// Colors on.
    pub color: bool,
    /// Only pledges on this topic.
    pub topic: Option<String>,
    /// Columns to wrap text output to; `None` for no wrapping.
    pub width: Option<usize>,
    /// Explain each pledge (`--explain`).
    pub explain: bool,
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
    /// Archive timeline and pledge lineages.
    Log(LogConfig),
    /// Archive change report.
    Report(ReportConfig),
    /// Archive integrity and rules.
    Check(CheckConfig),
    /// Import a statement into an archive.
    Add(crate::archive::import::AddRequest),
    /// Act as git's external diff.
    GitDiff(GitDiffConfig),
}

/// Settings shared by the archive commands.
#[derive(Debug, Clone)]
pub struct ArchiveConfig {
    /// The archive folder.
    pub root: PathBuf,
    /// Worker threads (rayon's default when `None`).
    pub jobs: Option<usize>,
    /// Reading settings.
    pub read: ReadSettings,
}

/// `pledgediff log`.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// Archive.
    pub archive: ArchiveConfig,
    /// Only this series.
    pub series: Option<String>,
    /// Only pledges on this topic.
    pub topic: Option<String>,
    /// Only pledges whose text matches this (case-insensitive) pattern.
    pub grep: Option<regex::Regex>,
    /// Only these kinds of pledge change; `None` for every kind.
    pub only: Option<Vec<PledgeChangeKind>>,
    /// Columns to wrap text output to; `None` for no wrapping.
    pub width: Option<usize>,
    /// Output format.
    pub format: LogFormat,
    /// Colors on.
    pub color: bool,
}

/// `pledgediff report`.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// Archive.
    pub archive: ArchiveConfig,
    /// Write here instead of standard output.
    pub output: Option<PathBuf>,
    /// Output format.
    pub format: ReportFormat,
    /// Unchanged paragraphs to show in redlines.
    pub context: Context,
}

/// `pledgediff check`.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// Archive.
    pub archive: ArchiveConfig,
    /// Rules file (default `ARCHIVE/rules.yaml` when present).
    pub rules: Option<PathBuf>,
    /// Output format.
    pub format: CheckFormat,
    /// Colors on.
    pub color: bool,
}

/// `pledgediff git-diff`: git's external diff calling convention.
#[derive(Debug, Clone)]
pub struct GitDiffConfig {
    /// Path of the file in the repository (shown in headers).
    pub path: String,
    /// Old version (`/dev/null` when added).
    pub old: PathBuf,
    /// New version (`/dev/null` when deleted).
    pub new: PathBuf,
    /// Colors on.
    pub color: bool,
    /// Columns to wrap text output to; `None` for no wrapping.
    pub width: Option<usize>,
    /// Reading settings.
    pub read: ReadSettings,
}
