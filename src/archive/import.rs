//! `add`: import a raw statement (text, Markdown or a saved HTML page) into
//! an archive as `ARCHIVE/SERIES/DATE.md` with front matter.
//!
//! The read stage has turned an HTML page into block text already; from
//! there the normal normalize path strips page chrome. The file is
//! written atomically ([`crate::output`]): a temporary file in the same
//! folder, then a rename that never replaces an existing statement unless
//! asked to.

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::error::{display_path, Error, Location, Result};
use crate::normalize::{self, Normalized};

/// What `add` was asked to do.
#[derive(Debug, Clone)]
pub struct AddRequest {
    /// The raw statement (`-` for standard input).
    pub file: PathBuf,
    /// Archive folder.
    pub archive: PathBuf,
    /// Series folder name.
    pub series: Option<String>,
    /// Date, when not to be found in the text.
    pub date: Option<NaiveDate>,
    /// Title.
    pub title: Option<String>,
    /// Source URL.
    pub source: Option<String>,
    /// Provenance label.
    pub provenance: Option<String>,
    /// Replace an existing file.
    pub force: bool,
    /// Print instead of writing.
    pub dry_run: bool,
    /// Keep page chrome.
    pub keep_chrome: bool,
    /// Which years the statement's date may have.
    pub years: crate::read::date::Years,
}

/// What `add` did (or would do).
#[derive(Debug, Clone)]
pub struct AddOutcome {
    /// Destination file.
    pub path: PathBuf,
    /// The file's full text.
    pub text: String,
    /// Where the date came from.
    pub date_note: String,
    /// Paragraphs kept.
    pub paragraphs: usize,
    /// Chrome blocks removed.
    pub removed: usize,
    /// Written (false for a dry run).
    pub written: bool,
    /// The title given to the statement, if one was found.
    pub title: Option<String>,
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    series: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    participants: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a str>,
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid pattern"));
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})\s+({MONTHS})\.?,?\s+(\d{{4}})\b"
    ))
    .expect("valid pattern")
});
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b"
    ))
    .expect("valid pattern")
});

fn month(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let all = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    all.iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// The first calendar date in `text`, with the matched words.
pub fn find_date(text: &str) -> Option<(NaiveDate, String)> {
    let mut best: Option<(usize, NaiveDate, String)> = None;
    let mut consider = |pos: usize, date: Option<NaiveDate>, words: &str| {
        if let Some(d) = date {
            if best.as_ref().is_none_or(|b| pos < b.0) {
                best = Some((pos, d, words.to_string()));
            }
        }
    };
    for c in ISO.captures_iter(text) {
        let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        consider(c.get(0)?.start(), d, &c[0]);
    }
    for c in DMY.captures_iter(text) {
        let d = month(&c[2])
            .and_then(|m| NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[1].parse().ok()?));
        consider(c.get(0)?.start(), d, &c[0]);
    }
    for c in MDY.captures_iter(text) {
        let d = month(&c[1])
            .and_then(|m| NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[2].parse().ok()?));
        consider(c.get(0)?.start(), d, &c[0]);
    }
    best.map(|(_, d, w)| (d, w))
}

/// Renders the archive file for a normalized statement.
fn render_statement(front: &FrontMatter<'_>, normalized: &Normalized) -> Result<String> {
    let yaml = serde_yaml::to_string(front)
        .map_err(|e| Error::Usage(format!("cannot write front matter: {e}")))?;
    let mut out = format!("---\n{yaml}---\n");
    let mut heading: Option<&str> = None;
    for p in &normalized.paragraphs {
        if p.heading.as_deref() != heading {
            if let Some(h) = p.heading.as_deref() {
                out.push_str(&format!("\n## {h}\n"));
            }
            heading = p.heading.as_deref();
        }
        out.push('\n');
        if let Some(l) = &p.label {
            out.push_str(l);
            out.push(' ');
        }
        out.push_str(&p.text);
        out.push('\n');
    }
    Ok(out)
}

/// Why `name` cannot be a series folder's name, if it cannot: the name
/// becomes a folder and is shown in every output, so it must be one plain,
/// visible path component.
pub fn check_series_name(name: &str) -> std::result::Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty");
    }
    if name.trim().is_empty() {
        return Err("is only spaces");
    }
    if name.trim() != name {
        return Err("starts or ends with a space");
    }
    if name.chars().any(|c| {
        c.is_control()
            || crate::escape::is_unsafe(c)
            || crate::read::clean::is_invisible(c)
            || (c.is_whitespace() && c != ' ')
    }) {
        return Err("holds a control, invisible or line-breaking character");
    }
    if name.contains(['/', '\\']) {
        return Err("holds a path separator");
    }
    if name.contains("..") {
        return Err("holds `..`");
    }
    if name.starts_with('.') {
        return Err("starts with `.` (a hidden folder)");
    }
    // Most file systems stop at 255 bytes; no series needs a third of it.
    if name.chars().count() > 80 {
        return Err("is longer than 80 characters");
    }
    Ok(())
}

/// Provenance of a statement `add` imported without `--provenance` or a
/// provenance in its front matter.
pub const IMPORTED: &str = "imported";

/// A text's own level-1 Markdown heading, when its first line of text is
/// one (`# Joint Statement ...`). Section headings further down are not
/// titles.
fn own_heading(doc: &crate::read::Document) -> Option<String> {
    if doc.format != crate::read::Format::Text {
        return None;
    }
    let first = doc.body.lines().find(|l| !l.trim().is_empty())?.trim();
    let title = first
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// A page's `<title>` without the site name after its last ` | `, ` - `
/// or ` — ` ("Joint Statement ... | Ministry of Foreign Affairs").
fn page_title(title: &str) -> Option<String> {
    let own = [" | ", " \u{2014} ", " \u{2013} ", " - "]
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max()
        .map_or(title, |i| &title[..i])
        .trim();
    (!own.is_empty()).then(|| own.to_string())
}

/// Imports a statement into the archive.
pub fn add(req: &AddRequest) -> Result<AddOutcome> {
    let name = display_path(&req.file);
    // The door into an archive: other encodings are converted here.
    let doc = crate::read::read_path_with(&req.file, crate::read::Decoding::Convert)?;
    let html_title = match &doc.format {
        crate::read::Format::Html { title, .. } => title.clone(),
        crate::read::Format::Text => None,
    };
    let normalized = normalize::normalize(
        &doc,
        normalize::Options {
            keep_chrome: req.keep_chrome,
        },
    );
    if normalized.paragraphs.is_empty() {
        return Err(Error::bad_input(
            Location::file(&name),
            "no statement text found (only page chrome)",
            "check the file, or pass --keep-chrome to keep every block",
        ));
    }

    // Date: flag, front matter, then the text itself (page chrome included:
    // a press release's date line is chrome but still the date).
    let (date, date_note) = if let Some(d) = req.date {
        (d, "from --date".to_string())
    } else if let Some(d) = doc.meta.date {
        (d, "from the file's front matter".to_string())
    } else {
        let mut blocks: Vec<(usize, &str)> = normalized
            .paragraphs
            .iter()
            .map(|p| (p.line, p.text.as_str()))
            .chain(normalized.removed.iter().map(|r| (r.line, r.text.as_str())))
            .collect();
        blocks.sort_by_key(|(l, _)| *l);
        let found = blocks
            .iter()
            .find_map(|(line, text)| find_date(text).map(|(d, w)| (d, *line, w)));
        match found {
            Some((d, line, words)) => {
                // A page's lines are the page's (see read::Format).
                (d, format!("found \"{words}\" at {name}:{line}"))
            }
            None => {
                return Err(Error::bad_input(
                    Location::file(&name),
                    "no date found in the text",
                    "pass --date YYYY-MM-DD",
                ))
            }
        }
    };

    // The date names the file: whatever it came from, its year must be a
    // statement's (`--date` was checked as it was parsed).
    let date = crate::read::date::check_year(date, req.years).map_err(|e| {
        Error::bad_input(
            Location::file(&name),
            format!("the date {date} ({date_note}) {e}"),
            "pass --date YYYY-MM-DD",
        )
    })?;

    let archive_name = display_path(&req.archive);
    match std::fs::metadata(&req.archive) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::bad_input(
                Location::file(&archive_name),
                "is a file, not an archive folder",
                "give the archive folder with --archive",
            ))
        }
        Err(_) => {
            return Err(Error::bad_input(
                Location::file(&archive_name),
                "archive folder not found",
                "create it first, or give another with --archive",
            ))
        }
    }
    // Never guessed: a statement filed under the archive's only series
    // without a word may belong to a new one.
    let series = match (&req.series, &doc.meta.series) {
        (Some(s), _) | (None, Some(s)) => s.clone(),
        (None, None) => {
            let existing: Vec<String> = super::scan(&req.archive)?
                .series
                .into_iter()
                .map(|s| s.name)
                .collect();
            return Err(Error::Usage(format!(
                "{name}: which series? pass --series NAME (the archive has: {}; \
                 a new name starts a new series)",
                if existing.is_empty() {
                    "none yet".to_string()
                } else {
                    existing
                        .iter()
                        .map(|s| crate::escape::visible(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )));
        }
    };
    if let Err(problem) = check_series_name(&series) {
        let from = if req.series.is_some() {
            "--series"
        } else if doc.meta.series.is_some() {
            "the front matter's series"
        } else {
            "the archive's series"
        };
        return Err(Error::Usage(format!(
            "{from} `{}` {problem}; give a plain folder name such as `us-japan-scc` \
             (no spaces at its ends, no `/`, `\\`, `..`, or control characters)",
            crate::escape::visible(&series)
        )));
    }
    // The statement's own title: a page's headline is the news site's
    // (chrome, removed from the text), and so is the site name that ends
    // its <title>.
    let title = req
        .title
        .clone()
        .or_else(|| doc.meta.title.clone())
        .or_else(|| own_heading(&doc))
        .or_else(|| html_title.as_deref().and_then(page_title));
    // An imported text is not known to be the published one until someone
    // says so.
    let provenance = req
        .provenance
        .as_deref()
        .or(doc.meta.provenance.as_deref())
        .unwrap_or(IMPORTED);
    let front = FrontMatter {
        date: date.to_string(),
        title: title.as_deref(),
        series: &series,
        place: doc.meta.place.as_deref(),
        participants: &doc.meta.participants,
        source: req.source.as_deref().or(doc.meta.source.as_deref()),
        provenance: Some(provenance),
    };
    let text = render_statement(&front, &normalized)?;
    let dir = req.archive.join(&series);
    let path = dir.join(format!("{date}.md"));
    let outcome = AddOutcome {
        path: path.clone(),
        text: text.clone(),
        date_note,
        paragraphs: normalized.paragraphs.len(),
        removed: normalized.removed.len(),
        written: !req.dry_run,
        title: title.clone(),
    };
    if req.dry_run {
        return Ok(outcome);
    }
    if path.symlink_metadata().is_ok() && !req.force {
        return Err(Error::bad_input(
            Location::file(display_path(&path)),
            "already exists",
            "pass --force to replace it, or --date for another date",
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
        path: display_path(&dir),
        source: e,
    })?;
    // Even with --force, only a regular file is replaced (a link is
    // written through): a FIFO or device by that name stays what it is.
    let dest = match crate::output::resolve(&path)? {
        crate::output::Target::File { path, .. } => path,
        crate::output::Target::Stdout => path.clone(),
    };
    crate::output::write_atomic(&dest, text.as_bytes(), req.force)?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_names_must_be_one_plain_visible_folder() {
        for bad in [
            "",
            " ",
            "\t",
            " a",
            "a ",
            "a\nb",
            "a\tb",
            "a\rb",
            "a\u{1b}]0;x\u{7}",
            "a\u{7f}",
            "a\u{9b}b",
            "a\u{202E}b",
            "a\u{2066}b",
            "a\u{200B}b",
            "a\u{2028}b",
            "a/b",
            "a\\b",
            "/a",
            "..",
            "a..b",
            "../a",
            ".",
            ".hidden",
        ] {
            assert!(check_series_name(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_series_name(&"x".repeat(81)).is_err());
        assert_eq!(check_series_name(&"x".repeat(80)), Ok(()));
        for good in [
            "us-japan-scc",
            "g7_summit",
            "quad 2021",
            "日米",
            "a.b",
            "2+2",
        ] {
            assert_eq!(check_series_name(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn a_page_title_loses_the_site_name() {
        assert_eq!(
            page_title("Joint Statement on X | Ministry of Foreign Affairs").as_deref(),
            Some("Joint Statement on X")
        );
        assert_eq!(page_title("Plain").as_deref(), Some("Plain"));
        assert_eq!(page_title(" | Site"), None);
    }

    #[test]
    fn dates_in_three_styles() {
        assert_eq!(
            find_date("On 19 April 2019, the").unwrap().0,
            NaiveDate::from_ymd_opt(2019, 4, 19).unwrap()
        );
        assert_eq!(
            find_date("April 3, 2024").unwrap().0,
            NaiveDate::from_ymd_opt(2024, 4, 3).unwrap()
        );
        assert_eq!(
            find_date("x 2021-03-16 y").unwrap().0,
            NaiveDate::from_ymd_opt(2021, 3, 16).unwrap()
        );
        assert!(find_date("no date here").is_none());
        assert!(find_date("31 February 2020").is_none());
    }
}
