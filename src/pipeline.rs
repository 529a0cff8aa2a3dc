//! Orchestration of one comparison: load a statement file, prepare it
//! (normalize and segment, refusing what would blow up later stages), and
//! compare two prepared statements (align, diff, classify pledges). Kept out
//! of `lib.rs` so that the crate root only declares and re-exports, and so
//! that `archive` and `command` drive the same steps.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{self, Error, Result};
use crate::lexicon::Lexicon;
use crate::pledge::{self, Classified};
use crate::segment::{self, Statement};
use crate::{align, diff, normalize, read};

/// Settings that shape how statements are read.
#[derive(Debug, Clone, Default)]
pub struct ReadSettings {
    /// Keep page chrome.
    pub keep_chrome: bool,
    /// Extra lexicon file.
    pub lexicon: Option<PathBuf>,
    /// Largest statement text accepted, in bytes (`--max-size`); `None`
    /// for [`DEFAULT_MAX_STATEMENT_BYTES`].
    pub max_size: Option<usize>,
    /// Genre profile to read every statement with (`--genre`), in place
    /// of each one's front matter `genre:`; checked by [`lexicon_for`].
    pub genre: Option<String>,
    /// Folder of a sentence-meaning model (`--model`) whose opinion the
    /// pairing takes; loaded by [`lexicon_for`].
    pub model: Option<PathBuf>,
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
    with_genre(
        segment::segment(doc, normalized(doc, settings), lexicon),
        settings,
    )
}

/// The statement read with `--genre` when given (its own `genre:` else).
fn with_genre(mut statement: Statement, settings: &ReadSettings) -> Statement {
    if settings.genre.is_some() {
        statement.genre.clone_from(&settings.genre);
    }
    statement
}

/// Refuses a front matter `genre:` that names no profile of the lexicon,
/// naming the file, the line and the profiles there are.
fn check_genre(doc: &read::Document, lexicon: &Lexicon) -> Result<()> {
    match &doc.meta.genre {
        Some(g) if lexicon.genre(g).is_none() => Err(Error::front_matter(
            error::Location::at(&doc.name, doc.meta.line_of("genre").unwrap_or(1), Some(1)),
            format!("unknown genre `{g}`"),
            format!(
                "write one of {} (or add a profile under `genres:` in a --lexicon file)",
                lexicon.genre_ids()
            ),
        )),
        _ => Ok(()),
    }
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
    check_genre(doc, lexicon)?;
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
    Ok(with_genre(
        segment::segment(doc, normalized, lexicon),
        settings,
    ))
}

/// Statement files smaller than this are read one after the other.
const PARALLEL_MIN_BYTES: u64 = 64 * 1024;

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
    // Small statements are compared faster on one thread than a thread
    // can be started.
    let small = [old, new]
        .iter()
        .all(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < PARALLEL_MIN_BYTES));
    let (old, new) = if small {
        (side(old), side(new))
    } else {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| side(new));
            let old = side(old);
            let new = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (old, new)
        })
    };
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

/// The lexicon for a run: the built-in one, extended by `--lexicon`, with
/// the meaning model of `--model` if one is given. Refuses a `--genre`
/// that names none of its genre profiles.
pub fn lexicon_for(settings: &ReadSettings) -> Result<Arc<Lexicon>> {
    let mut lexicon = match &settings.lexicon {
        Some(p) => Lexicon::with_file(p)?,
        None => Lexicon::builtin(),
    };
    if let Some(dir) = &settings.model {
        let mut with_model = (*lexicon).clone();
        with_model.meaning = Some(crate::meaning::load(dir)?);
        lexicon = Arc::new(with_model);
    }
    match &settings.genre {
        Some(g) if lexicon.genre(g).is_none() => Err(Error::Usage(format!(
            "unknown genre `{g}` given to --genre; known genres: {} (a --lexicon file may add one under `genres:`)",
            lexicon.genre_ids()
        ))),
        _ => Ok(lexicon),
    }
}
