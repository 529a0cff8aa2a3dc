//! Archive workflows: a folder of series folders of dated statements, run
//! through the whole pipeline step by step.
//!
//! This layer sits above the stages: it finds the files ([`scan`]), loads
//! and orders each series by date, compares every consecutive pair in
//! parallel ([`analyze`]), and follows each pledge across the series
//! ([`lineage`]). `check` ([`check`]) and `add` ([`import`]) build on it.

pub mod check;
pub mod import;
pub mod lineage;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::ReadSettings;
use crate::error::{Error, Location, Result};
use crate::lexicon::Lexicon;
use crate::pledge::{self, Pledge};
use crate::segment::Statement;
use crate::Comparison;

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

/// Lists the series and statement files of an archive folder.
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
        return Err(Error::bad_input(
            Location::file(&name),
            "is a file, not an archive folder",
            "give the folder that holds the series folders; to compare two files use `pledgediff diff`",
        ));
    }
    let mut series = Vec::new();
    let mut problems = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(|e| Error::io(&name, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dirs.sort();
    for dir in dirs {
        let dname = shown(&dir);
        let file_name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if file_name.starts_with('.') {
            continue;
        }
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
            Ok(m) if !m.is_dir() => continue,
            Ok(_) => {}
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::error(
                    &dname,
                    None,
                    "readable",
                    format!("cannot list: {e}"),
                ));
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let pname = shown(&path);
            let Some(fname) = path.file_name().map(|n| n.to_string_lossy().to_string()) else {
                continue;
            };
            if fname.starts_with('.') {
                continue;
            }
            let ext_ok = fname.ends_with(".md") || fname.ends_with(".txt");
            match std::fs::metadata(&path) {
                Err(e) => {
                    problems.push(Problem::error(
                        &pname,
                        None,
                        "readable",
                        format!("cannot read: {e}; fix or remove it"),
                    ));
                    continue;
                }
                Ok(m) if m.is_dir() => {
                    problems.push(Problem::warning(
                        &pname,
                        None,
                        "layout",
                        "a folder inside a series folder is ignored",
                    ));
                    continue;
                }
                Ok(_) => {}
            }
            if !ext_ok {
                continue;
            }
            let stem = fname.trim_end_matches(".md").trim_end_matches(".txt");
            match NaiveDate::parse_from_str(stem, "%Y-%m-%d") {
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
    Ok(Scan {
        root: root.to_path_buf(),
        series,
        problems,
    })
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

/// One series compared step by step.
#[derive(Debug, Clone)]
pub struct SeriesAnalysis {
    /// The loaded series.
    pub series: Series,
    /// Comparison of statement k with statement k+1.
    pub steps: Vec<Comparison>,
    /// Every pledge followed across the series.
    pub lineages: Vec<Lineage>,
}

/// The archive compared.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The archive folder.
    pub root: PathBuf,
    /// Series, sorted by name.
    pub series: Vec<SeriesAnalysis>,
    /// Files that could not be read (they are left out of the analysis).
    pub problems: Vec<Problem>,
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
            crate::load(path, settings, lexicon)
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

/// Compares every consecutive pair of every series, in parallel, and
/// follows pledges across each series. Output order never depends on the
/// number of threads.
pub fn analyze(
    scan: &Scan,
    settings: &ReadSettings,
    lexicon: &Lexicon,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Analysis {
    let mut problems = scan.problems.clone();
    let mut out = Vec::new();
    let total: usize = scan
        .series
        .iter()
        .map(|s| s.files.len().saturating_sub(1))
        .sum();
    let done = std::sync::atomic::AtomicUsize::new(0);
    for files in &scan.series {
        let (series, p) = load_series(files, settings, lexicon);
        problems.extend(p);
        let steps: Vec<Comparison> = (0..series.statements.len().saturating_sub(1))
            .into_par_iter()
            .map(|k| {
                let c = crate::compare_prepared(
                    series.statements[k].clone(),
                    series.statements[k + 1].clone(),
                    series.pledges[k].clone(),
                    series.pledges[k + 1].clone(),
                    lexicon,
                );
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, total);
                c
            })
            .collect();
        let lineages = lineage::follow(&series, &steps);
        out.push(SeriesAnalysis {
            series,
            steps,
            lineages,
        });
    }
    Analysis {
        root: scan.root.clone(),
        series: out,
        problems,
    }
}

/// Runs `f` on a thread pool of `jobs` threads (or rayon's default, which
/// honors `RAYON_NUM_THREADS`, when `jobs` is `None`).
pub fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T> {
    match jobs {
        None => Ok(f()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| Error::Usage(format!("cannot start {n} worker threads: {e}")))?;
            Ok(pool.install(f))
        }
    }
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
