//! pledgediff: track how successive joint statements change.
//!
//! The library is one pipeline, one module per stage, data flowing one way:
//!
//! [`read`] → [`normalize`] → [`segment`] → [`align`] → [`diff`] →
//! [`pledge`] (extract and classify) → [`render`].
//!
//! [`lexicon`] is reference data shared by the segment and pledge stages;
//! [`cli`] turns flags into a validated [`config::Config`]; [`run`] executes
//! it; [`exit`] maps its outcome to a process exit status. [`archive`]
//! runs the pipeline over a folder of series; [`output`] is the one place
//! that writes files (`report -o`, `add`).
#![warn(missing_docs)]

pub mod align;
pub mod archive;
pub mod cli;
pub mod config;
pub mod diff;
pub mod error;
pub mod exit;
pub mod grammar;
pub mod lexicon;
pub mod normalize;
pub mod output;
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
use pledge::Classified;
use render::escape::visible as esc;
use render::{renderer, DiffReport, RenderOptions};
use segment::Statement;

/// What a successful run found, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing substantive changed (or the command reports no changes).
    Clean,
    /// Substantive changes were found.
    Changes,
    /// The output was written, but this many statements could not be read
    /// and are left out of it: a log or report that silently skipped one
    /// would credit its changes to the next statement.
    Incomplete(usize),
}

/// Two statements compared: the end product of the pipeline before rendering.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Older statement.
    pub old: Arc<Statement>,
    /// Newer statement.
    pub new: Arc<Statement>,
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
    try_prepare(&doc, settings, lexicon)
}

/// Longest paragraph accepted, in bytes. Real statement paragraphs stay
/// far below it; a longer one is almost always a file without paragraph
/// breaks, and refusing it keeps time and memory bounded.
pub const MAX_PARAGRAPH_BYTES: usize = 1024 * 1024;

/// Largest statement text compared unless `--max-size` raises it, in
/// bytes. Comparing two statements peaks at about 50 times their size in
/// memory (word tokens, alignment tables, pledge records), so a 30 MB
/// file asked for gigabytes; real statements are well under 1 MB.
pub const DEFAULT_MAX_STATEMENT_BYTES: usize = 4 * 1024 * 1024;

/// Normalizes and segments an already read document.
pub fn prepare(doc: &read::Document, settings: &ReadSettings, lexicon: &Lexicon) -> Statement {
    segment::segment(doc, normalized(doc, settings), lexicon)
}

fn normalized(doc: &read::Document, settings: &ReadSettings) -> normalize::Normalized {
    normalize::normalize(
        doc,
        normalize::Options {
            keep_chrome: settings.keep_chrome,
        },
    )
}

/// [`prepare`], refusing a document with no statement text or with a
/// paragraph longer than [`MAX_PARAGRAPH_BYTES`] before the costly stages.
pub fn try_prepare(
    doc: &read::Document,
    settings: &ReadSettings,
    lexicon: &Lexicon,
) -> Result<Statement> {
    let normalized = normalized(doc, settings);
    if normalized.paragraphs.is_empty() {
        return Err(Error::bad_input(
            error::Location::at(&doc.name, doc.body_line, None),
            "no statement text: every block looks like page chrome",
            "check the file, or pass --keep-chrome to keep every block",
        ));
    }
    if let Some(p) = normalized
        .paragraphs
        .iter()
        .find(|p| p.text.len() > MAX_PARAGRAPH_BYTES)
    {
        return Err(Error::bad_input(
            error::Location::at(&doc.name, p.line, None),
            format!(
                "paragraph of {:.1} MB; pledgediff reads paragraphs of up to {} MB",
                p.text.len() as f64 / (1024.0 * 1024.0),
                MAX_PARAGRAPH_BYTES / (1024 * 1024)
            ),
            "separate the paragraphs with blank lines",
        ));
    }
    // After the paragraph check, whose message says more about a file
    // without paragraph breaks; normalizing is linear, comparing is not.
    let limit = settings.max_size.unwrap_or(DEFAULT_MAX_STATEMENT_BYTES);
    if doc.body.len() > limit {
        let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
        return Err(Error::bad_input(
            error::Location::at(&doc.name, doc.body_line, None),
            format!(
                "statement of {:.1} MiB; pledgediff compares statements of up to {:.0} MiB",
                mib(doc.body.len()),
                mib(limit)
            ),
            format!(
                "pass --max-size {} to compare it anyway (a diff needs about 50 times the size of both statements in memory), or split it",
                doc.body.len().div_ceil(1024 * 1024)
            ),
        ));
    }
    Ok(segment::segment(doc, normalized, lexicon))
}

/// Loads two statement files and compares them. The two sides are read,
/// prepared and their pledges extracted at the same time, on two
/// threads: they do not depend on each other, and together they are most
/// of a diff's work. An error in the old file is reported before one in
/// the new, whichever thread finishes first.
pub fn compare_files(
    old: &Path,
    new: &Path,
    settings: &ReadSettings,
    lexicon: &Lexicon,
) -> Result<Comparison> {
    let side = |path: &Path| -> Result<(Statement, Vec<pledge::Pledge>)> {
        let s = load(path, settings, lexicon)?;
        let p = pledge::extract(&s, lexicon);
        Ok((s, p))
    };
    let (old, new) = std::thread::scope(|scope| {
        let other = scope.spawn(|| side(new));
        let old = side(old);
        let new = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old, new)
    });
    let ((old, old_pledges), (new, new_pledges)) = (old?, new?);
    Ok(compare_prepared(
        Arc::new(old),
        Arc::new(new),
        Arc::new(old_pledges),
        Arc::new(new_pledges),
        lexicon,
    ))
}

/// Runs align → diff → pledge classification on two prepared statements.
pub fn compare(old: Statement, new: Statement, lexicon: &Lexicon) -> Comparison {
    let old_pledges = pledge::extract(&old, lexicon);
    let new_pledges = pledge::extract(&new, lexicon);
    compare_prepared(
        Arc::new(old),
        Arc::new(new),
        Arc::new(old_pledges),
        Arc::new(new_pledges),
        lexicon,
    )
}

/// [`compare`] for statements whose pledges were already extracted (an
/// archive extracts each statement's pledges once, not once per step).
pub fn compare_prepared(
    old: Arc<Statement>,
    new: Arc<Statement>,
    old_pledges: Arc<Vec<pledge::Pledge>>,
    new_pledges: Arc<Vec<pledge::Pledge>>,
    lexicon: &Lexicon,
) -> Comparison {
    let alignment = align::align(&old, &new);
    let paragraphs = diff::diff(&old, &new, &alignment);
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
            let known: Vec<&str> = lexicon.topics.iter().map(|t| t.id).collect();
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
    run_into(config, &mut stdout.lock())
}

/// [`run`], writing to `out` (such as a pager's input) through a buffer:
/// a reader that stops early leaves the outcome as it was.
pub fn run_into(config: &Config, out: &mut dyn Write) -> Result<Outcome> {
    let mut out = BufWriter::new(out);
    let outcome = run_to(config, &mut out)?;
    // A reader that stopped early (`| head`) does not change what the run
    // found: `set -o pipefail` must still see a changed pair as changed.
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(outcome),
        r => r.map(|()| outcome).map_err(write_error),
    }
}

/// The outcome of a command whose output was written with `written`: a
/// closed pipe keeps the outcome the run would have had.
fn outcome_of(written: std::io::Result<()>, outcome: Outcome) -> Result<Outcome> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(outcome),
        r => r.map(|()| outcome).map_err(write_error),
    }
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
            let comparison = compare_files(&c.old, &c.new, &c.read, &lexicon)?;
            let changes: Vec<&pledge::PledgeChange> = comparison
                .classified
                .changes
                .iter()
                .filter(|ch| c.only.as_ref().is_none_or(|k| k.contains(&ch.kind)))
                .filter(|ch| c.topic.as_ref().is_none_or(|t| ch.topics.contains(t)))
                .collect();
            let filtered = c.topic.is_some() || c.only.is_some();
            // Under a filter the status is the view's: 1 only when a pledge
            // change passed it, so `--only weakened` fails a CI job only
            // on a weakened pledge.
            let outcome = if filtered {
                if changes.is_empty() {
                    Outcome::Clean
                } else {
                    Outcome::Changes
                }
            } else if comparison.has_changes() {
                Outcome::Changes
            } else {
                Outcome::Clean
            };
            let explain = if c.explain {
                changes
                    .iter()
                    .map(|ch| pledge::explain::change_lines(&comparison.classified, ch, &lexicon))
                    .collect()
            } else {
                Vec::new()
            };
            let report = DiffReport {
                comparison: &comparison,
                changes,
                filtered,
                explain,
                options: RenderOptions {
                    color: c.color,
                    context: c.context,
                    width: c.width,
                },
            };
            outcome_of(renderer(c.format).diff(&report, out), outcome)
        }
        Config::Normalize(c) => {
            let lexicon = lexicon_for(&c.read)?;
            let s = load(&c.file, &c.read, &lexicon)?;
            let opts = RenderOptions {
                color: false,
                context: render::Context::All,
                width: None,
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
                width: c.width,
            };
            let explain: Vec<Vec<String>> = if c.explain {
                pledges
                    .iter()
                    .map(|p| pledge::explain::pledge_lines(p, &lexicon))
                    .collect()
            } else {
                Vec::new()
            };
            renderer(c.format)
                .pledges(&s, &pledges, &explain, &opts, out)
                .map_err(write_error)?;
            Ok(Outcome::Clean)
        }
        Config::Log(c) => {
            let lexicon = lexicon_for(&c.archive.read)?;
            check_topic(&c.topic, &lexicon)?;
            let scan = scan_archive(&c.archive)?;
            let analysis = walk_archive(&c.archive, &scan, &lexicon, &mut archive::NoSink)?;
            if let Some(s) = &c.series {
                if !analysis.series.iter().any(|x| &x.name == s) {
                    let known: Vec<&str> =
                        analysis.series.iter().map(|x| x.name.as_str()).collect();
                    return Err(Error::Usage(format!(
                        "no series `{s}` in {}; it has: {}",
                        c.archive.root.display(),
                        known.join(", ")
                    )));
                }
            }
            let view = render::LogView {
                analysis: &analysis,
                series: c.series.as_deref(),
                topic: c.topic.as_deref(),
                grep: c.grep.as_ref(),
                only: c.only.as_deref(),
            };
            let opts = RenderOptions {
                color: c.color,
                context: render::Context::Around(0),
                width: c.width,
            };
            renderer(c.format)
                .log(&view, &opts, out)
                .map_err(write_error)?;
            Ok(left_out(&analysis))
        }
        Config::Report(c) => {
            let lexicon = lexicon_for(&c.archive.read)?;
            let opts = RenderOptions {
                color: false,
                context: c.context,
                width: None,
            };
            // The output path is checked before any work, and against
            // the files the report reads once they are known.
            let target = match &c.output {
                None => output::Target::Stdout,
                Some(p) => output::resolve(p)?,
            };
            let scan = scan_archive(&c.archive)?;
            let summary = match &target {
                output::Target::Stdout => {
                    let mut sink = renderer(c.format).report(&opts, out).map_err(write_error)?;
                    let summary = walk_archive(&c.archive, &scan, &lexicon, &mut *sink)?;
                    sink.finish(&summary).map_err(write_error)?;
                    summary
                }
                output::Target::File { given, path, .. } => {
                    let rules = c.archive.root.join("rules.yaml");
                    let inputs = scan
                        .series
                        .iter()
                        .flat_map(|s| s.files.iter().map(|(p, _)| p.as_path()))
                        .chain([rules.as_path()])
                        .chain(c.archive.read.lexicon.as_deref());
                    output::refuse_inputs(&target, inputs)?;
                    // Streamed into a temporary file beside the target, which
                    // replaces it only once the whole report is written.
                    let mut file = output::AtomicFile::new(path)?;
                    let summary = {
                        let mut w = std::io::BufWriter::new(file.as_file_mut());
                        let mut sink = renderer(c.format)
                            .report(&opts, &mut w)
                            .map_err(write_error)?;
                        let summary = walk_archive(&c.archive, &scan, &lexicon, &mut *sink)?;
                        sink.finish(&summary).map_err(write_error)?;
                        drop(sink);
                        w.flush().map_err(write_error)?;
                        summary
                    };
                    file.commit(true)?;
                    eprintln!("pledgediff: wrote {}", esc(&given.display().to_string()));
                    summary
                }
            };
            Ok(left_out(&summary))
        }
        Config::Check(c) => {
            let lexicon = lexicon_for(&c.archive.read)?;
            let report = archive::with_jobs(c.archive.jobs, || {
                archive::check::check(
                    &c.archive.root,
                    c.rules.as_deref(),
                    &c.archive.read,
                    &lexicon,
                    &notice,
                )
            })??;
            let opts = RenderOptions {
                color: c.color,
                context: render::Context::Around(0),
                width: None,
            };
            let outcome = if report.unreadable() > 0 {
                Outcome::Incomplete(report.unreadable())
            } else if report.passed() {
                Outcome::Clean
            } else {
                Outcome::Changes
            };
            outcome_of(renderer(c.format).check(&report, &opts, out), outcome)
        }
        Config::Add(req) => {
            let outcome = archive::import::add(req)?;
            eprintln!("pledgediff: date {}", esc(&outcome.date_note));
            if outcome.title.is_none() {
                // A news page's headline is chrome, not the statement's
                // title: say so rather than file it without a word.
                eprintln!(
                    "pledgediff: no title in the statement or its front matter; \
                     pass --title to give it one"
                );
            }
            if outcome.written {
                eprintln!(
                    "pledgediff: wrote {} ({} paragraph(s); {} chrome block(s) removed)",
                    esc(&outcome.path.display().to_string()),
                    outcome.paragraphs,
                    outcome.removed
                );
            } else {
                eprintln!(
                    "pledgediff: dry run: would write {}",
                    esc(&outcome.path.display().to_string())
                );
                // A preview for a person: shown like every human output.
                let mut safe = render::escape::TerminalSafe::new(&mut *out, false);
                safe.write_all(outcome.text.as_bytes())
                    .and_then(|()| safe.flush())
                    .map_err(write_error)?;
            }
            Ok(Outcome::Clean)
        }
        Config::Completions(shell) => {
            let mut cmd = cli::command();
            clap_complete::generate(*shell, &mut cmd, "pledgediff", out);
            Ok(Outcome::Clean)
        }
        Config::Man(m) => {
            match (&m.dir, &m.command) {
                (Some(dir), _) => {
                    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
                        path: error::display_path(dir),
                        source: e,
                    })?;
                    for (name, page) in cli::help::man_pages().map_err(write_error)? {
                        let path = dir.join(&name);
                        output::write_atomic(&path, &page, true)?;
                        eprintln!("pledgediff: wrote {}", esc(&path.display().to_string()));
                    }
                }
                (None, Some(name)) => {
                    let page = cli::help::command_page(name)
                        .ok_or_else(|| Error::Usage(format!("no man page for `{}`", esc(name))))?
                        .map_err(write_error)?;
                    out.write_all(&page).map_err(write_error)?;
                }
                (None, None) => {
                    let page = cli::help::top_page().map_err(write_error)?;
                    out.write_all(&page).map_err(write_error)?;
                }
            }
            Ok(Outcome::Clean)
        }
        Config::GitDiff(c) => {
            let lexicon = lexicon_for(&c.read)?;
            let side = |p: &Path, prefix: &str| -> Result<Statement> {
                // The missing side of an added or deleted file is
                // labelled as git labels it, `/dev/null`.
                if p == Path::new("/dev/null") {
                    let mut s = empty_statement();
                    s.name = "/dev/null".into();
                    return Ok(s);
                }
                let mut s = load(p, &c.read, &lexicon)?;
                s.name = format!("{prefix}/{}", c.path);
                Ok(s)
            };
            let comparison = compare(side(&c.old, "a")?, side(&c.new, "b")?, &lexicon);
            let report = DiffReport {
                changes: comparison.classified.changes.iter().collect(),
                filtered: false,
                explain: Vec::new(),
                comparison: &comparison,
                options: RenderOptions {
                    color: c.color,
                    context: render::Context::Around(0),
                    width: c.width,
                },
            };
            renderer(config::Format::Text)
                .diff(&report, out)
                .map_err(write_error)?;
            // git stops at an external diff that exits non-zero.
            Ok(Outcome::Clean)
        }
    }
}

/// A statement with no paragraphs (the missing side of an added file).
fn empty_statement() -> Statement {
    Statement {
        name: String::new(),
        meta: read::Meta::default(),
        paragraphs: Vec::new(),
        segments: Vec::new(),
        removed: Vec::new(),
    }
}

/// Prints a finding about a file of the archive on standard error, as it
/// is met: one line naming the file and why it is skipped or left out.
fn notice(p: &archive::Problem) {
    let at = match p.line {
        Some(l) => format!("{}:{l}", p.file),
        None => p.file.clone(),
    };
    let left_out = if p.severity == archive::Severity::Error {
        " (left out)"
    } else {
        ""
    };
    eprintln!(
        "pledgediff: warning: {}: {}{left_out}",
        esc(&at),
        esc(&p.message)
    );
}

/// Scans an archive for `log` and `report`: every finding is told at once,
/// and an archive with nothing to read is refused.
fn scan_archive(c: &config::ArchiveConfig) -> Result<archive::Scan> {
    let scan = archive::scan(&c.root)?;
    for p in &scan.problems {
        notice(p);
    }
    scan.require_statements()?;
    Ok(scan)
}

/// The outcome of a walk: incomplete when any statement was left out.
fn left_out(summary: &archive::ArchiveSummary) -> Outcome {
    match summary
        .problems
        .iter()
        .filter(|p| p.severity == archive::Severity::Error)
        .count()
    {
        0 => Outcome::Clean,
        n => Outcome::Incomplete(n),
    }
}

/// Walks a scanned archive, with a progress bar on a terminal.
fn walk_archive(
    c: &config::ArchiveConfig,
    scan: &archive::Scan,
    lexicon: &Lexicon,
    sink: &mut dyn archive::StepSink,
) -> Result<archive::ArchiveSummary> {
    let total: u64 = scan
        .series
        .iter()
        .map(|s| s.files.len().saturating_sub(1) as u64)
        .sum();
    let bar = if c.progress && total > 1 {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} comparing {pos}/{len} steps {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = |done: usize, _total: usize| bar.set_position(done as u64);
    let pool = archive::pool(c.jobs)?;
    let summary = archive::walk(
        scan,
        &c.read,
        lexicon,
        pool.as_ref(),
        &progress,
        &notice,
        sink,
    )?;
    bar.finish_and_clear();
    Ok(summary)
}
