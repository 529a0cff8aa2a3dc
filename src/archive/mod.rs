//! Archive workflows: a folder of series folders of dated statements, run
//! through the whole pipeline step by step.
//!
//! This layer sits above the stages: it finds the files ([`scan`]), loads
//! and orders each series by date, compares every consecutive pair in
//! parallel ([`walk`]), and follows each pledge across the series
//! ([`lineage`]). `check` ([`check`]) and `add` ([`import`]) build on it.

pub mod check;
pub mod import;
pub mod lineage;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::error::{Error, Location, Result};
use crate::lexicon::Lexicon;
use crate::pipeline::Comparison;
use crate::pipeline::ReadSettings;
use crate::pledge::{self, Pledge};
use crate::segment::Statement;

pub use lineage::{Lineage, LineageEvent, LineageEventKind};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails `check`.
    Error,
    /// Reported, does not fail.
    Warning,
}

/// A finding about a file of the archive.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// File the finding is about.
    pub file: String,
    /// 1-based line, where one applies.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
    /// Which check or rule produced it.
    pub check: String,
}

impl Problem {
    fn error(file: &str, line: Option<usize>, check: &str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            message: message.into(),
            check: check.to_string(),
        }
    }

    fn warning(file: &str, line: Option<usize>, check: &str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, line, check, message)
        }
    }
}

/// The statement files of one series.
#[derive(Debug, Clone)]
pub struct SeriesFiles {
    /// Folder name, used as the series name.
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
    /// Statement files with the date in their name, sorted by name.
    pub files: Vec<(PathBuf, NaiveDate)>,
}

/// What is in an archive folder.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The archive folder.
    pub root: PathBuf,
    /// Series, sorted by name.
    pub series: Vec<SeriesFiles>,
    /// Findings made while scanning.
    pub problems: Vec<Problem>,
}

/// Display name of a path inside the archive.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Extensions a statement file may have, compared without regard to case:
/// `2024-01-01.MD` and `2024-01-01.markdown` are statements too, not
/// files to pass over in silence.
pub const STATEMENT_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// The name of a statement file without its extension, when the name has
/// one of [`STATEMENT_EXTENSIONS`].
pub fn statement_stem(file_name: &str) -> Option<&str> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    STATEMENT_EXTENSIONS
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
        .then_some(stem)
}

/// The date a file name gives a statement, when it is `YYYY-MM-DD` with a
/// statement extension.
fn dated_statement(file_name: &str) -> Option<NaiveDate> {
    statement_stem(file_name)
        .and_then(|stem| crate::read::date::parse(stem, crate::read::date::Years::Any).ok())
}

/// Visible entries of a folder (hidden ones, `.git` or an editor's swap
/// file, are never statements), sorted by name.
fn entries(dir: &Path) -> std::io::Result<Vec<(PathBuf, String)>> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_string();
            (!name.starts_with('.')).then_some((p, name))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Lists the series and statement files of an archive folder. Every file
/// of a series folder that is not read is a finding that says why, and a
/// file named like a statement that cannot be read is an `unreadable`
/// error: nothing is left out without a word.
pub fn scan(root: &Path) -> Result<Scan> {
    let name = shown(root);
    let meta = std::fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::bad_input(
            Location::file(&name),
            "archive folder not found",
            "give the folder that holds the series folders (default: history)",
        ),
        _ => Error::io(&name, e),
    })?;
    if !meta.is_dir() {
        let kind = crate::read::file::file_kind(&meta).unwrap_or("a file");
        return Err(Error::bad_input(
            Location::file(&name),
            format!("is {kind}, not an archive folder"),
            "give the folder that holds the series folders; to compare two files use `pledgediff diff`",
        ));
    }
    let mut series = Vec::new();
    let mut problems = Vec::new();
    let mut loose = 0;
    for (dir, file_name) in entries(root).map_err(|e| Error::io(&name, e))? {
        let dname = shown(&dir);
        match std::fs::metadata(&dir) {
            Err(e) => {
                problems.push(Problem::error(
                    &dname,
                    None,
                    "readable",
                    format!("cannot read: {e}; fix or remove it"),
                ));
                continue;
            }
            Ok(m) if !m.is_dir() => {
                // rules.yaml, a README: expected. A dated statement here is
                // one the walk would never see.
                if dated_statement(&file_name).is_some() {
                    loose += 1;
                    problems.push(Problem::warning(
                        &dname,
                        None,
                        "layout",
                        "skipped: a statement directly in the archive folder is not read; \
                         move it into a series folder",
                    ));
                }
                continue;
            }
            Ok(_) => {}
        }
        let paths = match entries(&dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::error(
                    &dname,
                    None,
                    UNREADABLE,
                    format!("cannot list: {e}; fix its permissions"),
                ));
                continue;
            }
        };
        let mut files = Vec::new();
        for (path, fname) in paths {
            let pname = shown(&path);
            let stem = statement_stem(&fname);
            // Named as a statement of a date: one the run cannot read is
            // left out, and that is not a warning.
            let dated = dated_statement(&fname).is_some();
            match std::fs::metadata(&path) {
                Err(e) => {
                    problems.push(Problem::error(
                        &pname,
                        None,
                        if dated { UNREADABLE } else { "readable" },
                        format!("cannot read: {e}; fix or remove it"),
                    ));
                    continue;
                }
                // Never opened: a FIFO would block the walk, a device
                // would never end.
                Ok(m) => {
                    if let Some(kind) = crate::read::file::file_kind(&m) {
                        problems.push(if dated {
                            Problem::error(
                                &pname,
                                None,
                                UNREADABLE,
                                format!(
                                    "cannot read: is {kind}, not a statement file; \
                                     replace it with the statement file"
                                ),
                            )
                        } else if m.is_dir() {
                            Problem::warning(
                                &pname,
                                None,
                                "layout",
                                "skipped: a folder inside a series folder is ignored",
                            )
                        } else if stem.is_some() {
                            Problem::warning(
                                &pname,
                                None,
                                "layout",
                                format!(
                                    "skipped: {kind}, not a regular file; \
                                     replace it with the statement file"
                                ),
                            )
                        } else {
                            Problem::warning(
                                &pname,
                                None,
                                "layout",
                                format!("skipped: {kind}, not a statement file"),
                            )
                        });
                        continue;
                    }
                }
            }
            let Some(stem) = stem else {
                problems.push(Problem::warning(
                    &pname,
                    None,
                    "file-name",
                    format!(
                        "skipped: not a statement file (statements are YYYY-MM-DD.{}); \
                         rename it or move it out of the series folder",
                        STATEMENT_EXTENSIONS.join(", .")
                    ),
                ));
                continue;
            };
            // Exactly YYYY-MM-DD: `19-04-19.md` is a misnamed file, not
            // a statement of the year 19.
            match crate::read::date::parse(stem, crate::read::date::Years::Any) {
                Ok(d) => files.push((path, d)),
                Err(_) => problems.push(Problem::warning(
                    &pname,
                    None,
                    "file-name",
                    "not named YYYY-MM-DD.md, so it is not read as a statement; rename it to the statement's date",
                )),
            }
        }
        series.push(SeriesFiles {
            name: file_name,
            dir,
            files,
        });
    }
    let scan = Scan {
        root: root.to_path_buf(),
        series,
        problems,
    };
    if loose > 0 && scan.statement_files() == 0 {
        // A series folder given as the archive: its statements would all
        // be "directly in the archive folder", and the gate would pass on
        // nothing.
        let parent = root
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .map(|p| shown(&p))
            .unwrap_or_else(|| "..".into());
        return Err(Error::bad_input(
            Location::file(&name),
            "is a series folder (its statements are directly inside), not an archive",
            format!(
                "pass the archive folder that holds it, `{}` (`log --series {}` shows this series alone)",
                crate::escape::visible(&parent),
                crate::escape::visible(&name_of(root))
            ),
        ));
    }
    Ok(scan)
}

/// The last component of a path, for messages.
fn name_of(path: &Path) -> String {
    path.canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The check name of a statement that could not be read at all: it is
/// left out, so a run that meets one ends with exit status 2.
pub const UNREADABLE: &str = "unreadable";

impl Scan {
    /// Statement files found, over every series.
    pub fn statement_files(&self) -> usize {
        self.series.iter().map(|s| s.files.len()).sum()
    }

    /// Statement files found plus those that could not be read: what a
    /// run was given to work on.
    fn statements_given(&self) -> usize {
        self.statement_files()
            + self
                .problems
                .iter()
                .filter(|p| p.check == UNREADABLE)
                .count()
    }

    /// Refuses an archive with nothing in it to work on: a gate that
    /// passes on zero statements passes by accident.
    pub fn require_statements(&self) -> Result<()> {
        if self.statements_given() > 0 {
            return Ok(());
        }
        Err(Error::bad_input(
            Location::file(shown(&self.root)),
            format!(
                "no statements: {} series folder(s), none holding a YYYY-MM-DD.md file",
                self.series.len()
            ),
            "pass the archive folder that holds the series folders (default: history), \
             each series folder holding its statements",
        ))
    }
}

/// A loaded series: statements ordered by date, with their pledges.
#[derive(Debug, Clone)]
pub struct Series {
    /// Series name.
    pub name: String,
    /// Statements by date.
    pub statements: Vec<Arc<Statement>>,
    /// Pledges of each statement.
    pub pledges: Vec<Vec<Pledge>>,
    /// Each statement's file.
    pub files: Vec<PathBuf>,
}

/// Loads one series: files that fail to read become problems; the rest
/// are ordered by front matter date (the file name's date when absent).
pub fn load_series(
    files: &SeriesFiles,
    settings: &ReadSettings,
    lexicon: &Lexicon,
) -> (Series, Vec<Problem>) {
    let loaded: Vec<std::result::Result<(Statement, PathBuf), Problem>> = files
        .files
        .par_iter()
        .map(|(path, _)| {
            let doc = crate::read::read_path(path).map_err(|e| read_problem(path, &e))?;
            crate::pipeline::try_prepare(&doc, settings, lexicon)
                .map(|s| (s, path.clone()))
                .map_err(|e| problem_from_error(path, &e))
        })
        .collect();
    let mut problems = Vec::new();
    let mut ok: Vec<(Statement, PathBuf, NaiveDate)> = Vec::new();
    for (r, (_, file_date)) in loaded.into_iter().zip(&files.files) {
        match r {
            Ok((s, p)) => {
                let date = s.meta.date.unwrap_or(*file_date);
                ok.push((s, p, date));
            }
            Err(p) => problems.push(p),
        }
    }
    ok.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
    let statements: Vec<Arc<Statement>> = ok.iter().map(|(s, _, _)| Arc::new(s.clone())).collect();
    let pledges = statements
        .par_iter()
        .map(|s| pledge::extract(s, lexicon))
        .collect();
    (
        Series {
            name: files.name.clone(),
            files: ok.into_iter().map(|(_, p, _)| p).collect(),
            statements,
            pledges,
        },
        problems,
    )
}

/// Turns an error reading a statement file into a finding: malformed
/// front matter is a finding on a file that was read; anything else
/// (permissions, a binary file, another encoding) means the statement
/// could not be read at all, [`UNREADABLE`].
pub fn read_problem(path: &Path, e: &Error) -> Problem {
    let p = problem_from_error(path, e);
    match e {
        Error::FrontMatter { .. } => p,
        // Read, and found to hold nothing: a finding like a statement of
        // only page chrome, not a file the run could not read.
        Error::BadInput { problem, .. } if problem.contains("empty") => p,
        _ => Problem {
            check: UNREADABLE.to_string(),
            ..p
        },
    }
}

/// Turns a read error into an archive finding on that file.
pub fn problem_from_error(path: &Path, e: &Error) -> Problem {
    let line = match e {
        Error::BadInput { at, .. } | Error::FrontMatter { at, .. } | Error::Data { at, .. } => {
            at.line
        }
        _ => None,
    };
    // The message already names the file; keep only what follows it.
    let text = e.to_string();
    let name = shown(path);
    let message = text
        .strip_prefix(&name)
        .map(|rest| rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit() || c == ' '))
        .unwrap_or(&text)
        .to_string();
    Problem::error(&name, line, "parse", message)
}

/// A statement of a series, as the archive outputs describe it.
#[derive(Debug, Clone)]
pub struct StatementSummary {
    /// Display name (path).
    pub name: String,
    /// Front matter.
    pub meta: crate::read::Meta,
    /// Paragraph count.
    pub paragraphs: usize,
    /// Pledge count.
    pub pledges: usize,
    /// Per topic: (id, sum of pledge strengths, number of pledges), by id.
    pub topics: Vec<(String, i64, usize)>,
}

impl StatementSummary {
    fn new(s: &Statement, pledges: &[Pledge]) -> Self {
        let mut topics: Vec<(String, i64, usize)> = Vec::new();
        for p in pledges {
            for t in &p.topics {
                match topics.iter_mut().find(|x| &x.0 == t) {
                    Some(x) => {
                        x.1 += p.strength as i64;
                        x.2 += 1;
                    }
                    None => topics.push((t.clone(), p.strength as i64, 1)),
                }
            }
        }
        topics.sort();
        StatementSummary {
            name: s.name.clone(),
            meta: s.meta.clone(),
            paragraphs: s.paragraphs.len(),
            pledges: pledges.len(),
            topics,
        }
    }

    /// Date, or the name when there is none.
    pub fn date_label(&self) -> String {
        self.meta
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| self.name.clone())
    }
}

/// One step of a series, reduced to what timelines and tables need.
#[derive(Debug, Clone)]
pub struct StepSummary {
    /// Index of the older statement.
    pub from: usize,
    /// Index of the newer statement.
    pub to: usize,
    /// Each pledge change's kind and topics.
    pub changes: Vec<(crate::pledge::PledgeChangeKind, Vec<String>)>,
    /// Paragraph entries that changed substantively.
    pub changed_paragraphs: usize,
}

/// A series walked step by step.
#[derive(Debug, Clone)]
pub struct SeriesSummary {
    /// Series name.
    pub name: String,
    /// Statements by date.
    pub statements: Vec<StatementSummary>,
    /// Steps in order.
    pub steps: Vec<StepSummary>,
    /// Every pledge followed across the series.
    pub lineages: Vec<Lineage>,
}

/// An archive walked.
#[derive(Debug, Clone)]
pub struct ArchiveSummary {
    /// Archive folder.
    pub root: PathBuf,
    /// Series by name.
    pub series: Vec<SeriesSummary>,
    /// Files left out (could not be read) and scan findings.
    pub problems: Vec<Problem>,
}

/// Receives each step's full comparison while the archive is walked, in
/// order, so that outputs which show every redline never need all of them
/// in memory at once.
pub trait StepSink {
    /// A series starts.
    fn begin_series(&mut self, _name: &str) -> std::io::Result<()> {
        Ok(())
    }
    /// One step, with the summaries of its two statements.
    fn step(
        &mut self,
        _old: &StatementSummary,
        _new: &StatementSummary,
        _step: &Comparison,
    ) -> std::io::Result<()> {
        Ok(())
    }
    /// The series is done.
    fn end_series(&mut self, _series: &SeriesSummary) -> std::io::Result<()> {
        Ok(())
    }
    /// A renderer that turns a step into bytes on the worker threads, so
    /// that only writing is left to this one. `None`: steps come to
    /// [`StepSink::step`] instead.
    fn step_renderer(&self) -> Option<Arc<dyn StepRender>> {
        None
    }
    /// One step, already rendered by [`StepSink::step_renderer`].
    fn step_rendered(&mut self, _bytes: Vec<u8>) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders one step to bytes; runs on the worker threads.
pub trait StepRender: Send + Sync {
    /// The step's output.
    fn render(
        &self,
        old: &StatementSummary,
        new: &StatementSummary,
        step: &Comparison,
    ) -> std::io::Result<Vec<u8>>;
}

/// A statement ready to compare, with its pledges.
type Prepared = (Arc<Statement>, Arc<Vec<Pledge>>, Arc<StatementSummary>);

/// A sink that keeps nothing (for summaries alone).
pub struct NoSink;
impl StepSink for NoSink {}

/// Steps compared in parallel at a time: enough to keep every core busy,
/// few enough that memory stays flat however long the series.
fn chunk_len(pool: Option<&rayon::ThreadPool>) -> usize {
    let threads = pool.map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
    (threads * 16).max(16)
}

/// One chunk of a series, prepared and compared on the pool.
struct Chunk {
    /// Statements first seen in this chunk, with their pledges (the
    /// statement itself for the citations of the lineages it starts).
    statements: Vec<Prepared>,
    /// Steps in order, rendered to bytes when the sink has a renderer.
    steps: Vec<(Comparison, Option<std::io::Result<Vec<u8>>>)>,
    /// Statements that could not be prepared.
    problems: Vec<Problem>,
}

/// Prepares `docs` and compares each with the one before it (`prev`, the
/// last statement of the previous chunk, then the chunk's own); leaves the
/// chunk's last statement in `prev`.
fn compute_chunk(
    docs: &[(crate::read::Document, NaiveDate)],
    prev: &mut Option<Prepared>,
    settings: &ReadSettings,
    lexicon: &Lexicon,
    pool: Option<&rayon::ThreadPool>,
    render: &Option<Arc<dyn StepRender>>,
) -> Chunk {
    let prepared: Vec<std::result::Result<Prepared, Problem>> = install(pool, || {
        docs.par_iter()
            .map(|(doc, _)| {
                let s = crate::pipeline::try_prepare(doc, settings, lexicon)
                    .map_err(|e| problem_from_error(&doc.path, &e))?;
                let p = pledge::extract(&s, lexicon);
                let summary = Arc::new(StatementSummary::new(&s, &p));
                Ok((Arc::new(s), Arc::new(p), summary))
            })
            .collect()
    });
    let mut seq: Vec<Prepared> = prev.take().into_iter().collect();
    let had_prev = !seq.is_empty();
    let mut problems = Vec::new();
    for r in prepared {
        match r {
            Ok(x) => seq.push(x),
            Err(p) => problems.push(p),
        }
    }
    let steps = install(pool, || {
        (0..seq.len().saturating_sub(1))
            .into_par_iter()
            .map(|k| {
                let c = crate::pipeline::compare_prepared(
                    seq[k].0.clone(),
                    seq[k + 1].0.clone(),
                    seq[k].1.clone(),
                    seq[k + 1].1.clone(),
                    lexicon,
                );
                let bytes = render
                    .as_ref()
                    .map(|r| r.render(&seq[k].2, &seq[k + 1].2, &c));
                (c, bytes)
            })
            .collect()
    });
    let statements = seq
        .iter()
        .skip(usize::from(had_prev))
        .map(|(s, p, st)| (s.clone(), p.clone(), st.clone()))
        .collect();
    *prev = seq.pop();
    Chunk {
        statements,
        steps,
        problems,
    }
}

/// Runs `f` on `pool`, or on rayon's global pool when there is none.
fn install<T: Send>(pool: Option<&rayon::ThreadPool>, f: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// Walks every series of the archive in date order: statements are read,
/// prepared and compared a chunk at a time, in parallel; each step goes to
/// `sink` in order and is then dropped. Output never depends on the number
/// of threads. Each file left out goes to `notice` as it is met (scan
/// findings are the caller's: they are known before the walk).
pub fn walk(
    scan: &Scan,
    settings: &ReadSettings,
    lexicon: &Lexicon,
    pool: Option<&rayon::ThreadPool>,
    progress: &dyn Fn(usize, usize),
    notice: &dyn Fn(&Problem),
    sink: &mut dyn StepSink,
) -> Result<ArchiveSummary> {
    // Only the parallel parts run on the pool; the sink stays on this thread.
    let sink_error = |e: std::io::Error| Error::Write {
        path: "<output>".into(),
        source: e,
    };
    let mut problems = scan.problems.clone();
    let total: usize = scan
        .series
        .iter()
        .map(|s| s.files.len().saturating_sub(1))
        .sum();
    let mut done = 0;
    let mut out = Vec::new();
    for files in &scan.series {
        // Read every file (cheap), order by date, then prepare lazily.
        let read: Vec<std::result::Result<crate::read::Document, Problem>> = install(pool, || {
            files
                .files
                .par_iter()
                .map(|(path, _)| crate::read::read_path(path).map_err(|e| read_problem(path, &e)))
                .collect()
        });
        let mut docs: Vec<(crate::read::Document, NaiveDate)> = Vec::new();
        for (r, (_, file_date)) in read.into_iter().zip(&files.files) {
            match r {
                Ok(d) => {
                    let date = d.meta.date.unwrap_or(*file_date);
                    docs.push((d, date));
                }
                Err(p) => {
                    notice(&p);
                    problems.push(p);
                }
            }
        }
        docs.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.path.cmp(&b.0.path)));
        sink.begin_series(&files.name).map_err(sink_error)?;
        let mut summary = SeriesSummary {
            name: files.name.clone(),
            statements: Vec::new(),
            steps: Vec::new(),
            lineages: Vec::new(),
        };
        let mut tracker: Option<lineage::Tracker> = None;
        let render = sink.step_renderer();
        // A producer thread prepares and compares chunk after chunk on the
        // pool while this thread does the in-order work (lineages, writing,
        // freeing the statements) of the chunk before: the sequential part
        // then overlaps the parallel one instead of idling the pool.
        let consumed = std::thread::scope(|scope| -> Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(1);
            let docs = &docs;
            scope.spawn(move || {
                let mut prev: Option<Prepared> = None;
                for chunk in docs.chunks(chunk_len(pool)) {
                    let out = compute_chunk(chunk, &mut prev, settings, lexicon, pool, &render);
                    if tx.send(out).is_err() {
                        // The consumer stopped on an error; stop too.
                        break;
                    }
                }
            });
            for chunk in rx {
                for p in chunk.problems {
                    notice(&p);
                    problems.push(p);
                }
                for (s, p, st) in &chunk.statements {
                    summary.statements.push(StatementSummary::clone(st));
                    if tracker.is_none() {
                        tracker = Some(lineage::Tracker::new(p, &s.paragraphs));
                    }
                }
                for (step, bytes) in chunk.steps {
                    let from = summary.steps.len();
                    let t = tracker.get_or_insert_with(|| lineage::Tracker::new(&[], &[]));
                    t.step(from, &step);
                    summary.steps.push(StepSummary {
                        from,
                        to: from + 1,
                        changes: step
                            .classified
                            .changes
                            .iter()
                            .map(|c| (c.kind, c.topics.clone()))
                            .collect(),
                        changed_paragraphs: step
                            .classified
                            .paragraphs
                            .iter()
                            .filter(|d| d.is_substantive())
                            .count(),
                    });
                    match bytes {
                        Some(b) => sink
                            .step_rendered(b.map_err(sink_error)?)
                            .map_err(sink_error)?,
                        None => sink
                            .step(
                                &summary.statements[from],
                                &summary.statements[from + 1],
                                &step,
                            )
                            .map_err(sink_error)?,
                    }
                    done += 1;
                    progress(done, total);
                }
            }
            Ok(())
        });
        consumed?;
        summary.lineages = tracker.map(lineage::Tracker::finish).unwrap_or_default();
        sink.end_series(&summary).map_err(sink_error)?;
        out.push(summary);
    }
    Ok(ArchiveSummary {
        root: scan.root.clone(),
        series: out,
        problems,
    })
}

/// A thread pool of `jobs` threads, or `None` for rayon's default (all
/// cores, or `RAYON_NUM_THREADS`).
pub fn pool(jobs: Option<usize>) -> Result<Option<rayon::ThreadPool>> {
    jobs.map(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {n} worker threads: {e}")))
    })
    .transpose()
}

/// Runs `f` on a thread pool of `jobs` threads (or rayon's default, which
/// honors `RAYON_NUM_THREADS`, when `jobs` is `None`).
pub fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T> {
    Ok(match pool(jobs)? {
        None => f(),
        Some(p) => p.install(f),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_lists_dated_files_and_warns_on_others() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("series-a");
        std::fs::create_dir(&s).unwrap();
        std::fs::write(s.join("2020-01-02.md"), "Text.").unwrap();
        std::fs::write(s.join("notes.md"), "Text.").unwrap();
        let scan = scan(dir.path()).unwrap();
        assert_eq!(scan.series.len(), 1);
        assert_eq!(scan.series[0].files.len(), 1);
        assert_eq!(scan.problems.len(), 1);
        assert_eq!(scan.problems[0].severity, Severity::Warning);
    }

    #[test]
    fn scan_refuses_a_file_or_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.md");
        std::fs::write(&f, "Text.").unwrap();
        assert!(scan(&f).unwrap_err().to_string().contains("is a file"));
        assert!(scan(&dir.path().join("nope"))
            .unwrap_err()
            .to_string()
            .contains("not found"));
    }
}
