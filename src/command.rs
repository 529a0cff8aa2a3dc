//! Executing a validated [`Config`]: each command's steps, from loading
//! its inputs through the [`pipeline`](crate::pipeline) or the
//! [`archive`] walk to writing its output, and the [`Outcome`] that
//! decides the exit status.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::escape::visible as esc;
use crate::lexicon::Lexicon;
use crate::pipeline::{compare, compare_files, lexicon_for, load};
use crate::render::{self, DiffReport, RenderOptions};
use crate::segment::Statement;
use crate::{archive, output, pledge, read};

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

/// How far an archive walk (`log`, `report`) got, for a caller that shows
/// it: the binary draws a progress bar on a terminal. The library only
/// tells; every method does nothing unless implemented.
pub trait Progress {
    /// The walk starts: it will compare `total` steps.
    fn start(&self, _total: usize) {}
    /// `done` steps are compared.
    fn step(&self, _done: usize) {}
    /// The walk is over; the command's last words follow.
    fn finish(&self) {}
}

/// Progress that nobody is shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Executes a validated command, writing its output to standard output.
pub fn run(config: &Config) -> Result<Outcome> {
    let stdout = std::io::stdout();
    run_into(config, &mut stdout.lock(), &NoProgress)
}

/// [`run`], writing to `out` (such as a pager's input) through a buffer,
/// and telling `progress` how an archive walk goes: a reader that stops
/// early leaves the outcome as it was.
pub fn run_into(config: &Config, out: &mut dyn Write, progress: &dyn Progress) -> Result<Outcome> {
    let mut out = BufWriter::new(out);
    let outcome = run_to(config, &mut out, progress)?;
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

/// Executes a validated command, writing its output to `out` unbuffered.
pub fn run_to(config: &Config, out: &mut dyn Write, progress: &dyn Progress) -> Result<Outcome> {
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
            outcome_of(c.format.sink().diff(&report, out), outcome)
        }
        Config::Normalize(c) => {
            let lexicon = lexicon_for(&c.read)?;
            let s = load(&c.file, &c.read, &lexicon)?;
            let opts = RenderOptions {
                color: false,
                context: render::Context::All,
                width: None,
            };
            c.format
                .sink()
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
            c.format
                .sink()
                .pledges(&s, &pledges, &explain, &opts, out)
                .map_err(write_error)?;
            Ok(Outcome::Clean)
        }
        Config::Log(c) => {
            let lexicon = lexicon_for(&c.archive.read)?;
            check_topic(&c.topic, &lexicon)?;
            let scan = scan_archive(&c.archive)?;
            let analysis =
                walk_archive(&c.archive, &scan, &lexicon, progress, &mut archive::NoSink)?;
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
            c.format
                .sink()
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
                    let mut sink = c.format.sink().report(&opts, out).map_err(write_error)?;
                    let summary = walk_archive(&c.archive, &scan, &lexicon, progress, &mut *sink)?;
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
                        let mut sink =
                            c.format.sink().report(&opts, &mut w).map_err(write_error)?;
                        let summary =
                            walk_archive(&c.archive, &scan, &lexicon, progress, &mut *sink)?;
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
            outcome_of(c.format.sink().check(&report, &opts, out), outcome)
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
                let mut safe = crate::escape::TerminalSafe::new(&mut *out, false);
                safe.write_all(outcome.text.as_bytes())
                    .and_then(|()| safe.flush())
                    .map_err(write_error)?;
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
            render::DiffFormat::Text
                .sink()
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
        genre: None,
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

/// Walks a scanned archive, telling `progress` how far it got.
fn walk_archive(
    c: &config::ArchiveConfig,
    scan: &archive::Scan,
    lexicon: &Lexicon,
    progress: &dyn Progress,
    sink: &mut dyn archive::StepSink,
) -> Result<archive::ArchiveSummary> {
    let total: usize = scan
        .series
        .iter()
        .map(|s| s.files.len().saturating_sub(1))
        .sum();
    progress.start(total);
    let pool = archive::pool(c.jobs)?;
    let summary = archive::walk(
        scan,
        &c.read,
        lexicon,
        pool.as_ref(),
        &|done, _total| progress.step(done),
        &notice,
        sink,
    )?;
    progress.finish();
    Ok(summary)
}
