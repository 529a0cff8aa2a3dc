//! `add`'s `--series` and `--date` name a folder and a file: a name that
//! is not one plain, visible folder and a date that is not exactly
//! `YYYY-MM-DD` in a statement's years (1900–2200 without `--any-year`)
//! are refused with one line saying what form is expected, and nothing
//! is written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use crate::bad_input::{assert_error, GOOD};
use crate::common::{pledgediff, root};

/// A fresh, empty archive folder: (guard, folder).
fn empty_archive() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("history");
    fs::create_dir(&archive).unwrap();
    (tmp, archive)
}

fn add(file: &Path, archive: &Path, extra: &[&str]) -> Output {
    pledgediff()
        .arg("add")
        .arg(file)
        .arg("--archive")
        .arg(archive)
        .args(extra)
        .output()
        .unwrap()
}

/// Everything under `dir`, for "nothing was written".
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(entries(&p));
        }
        out.push(p);
    }
    out
}

/// Refused with exit 2 and one line containing `expect`; nothing written.
fn assert_refused(file: &Path, extra: &[&str], expect: &str) {
    let (_tmp, archive) = empty_archive();
    let out = add(file, &archive, extra);
    let what = format!("add {extra:?}");
    let err = assert_error(&out, &what);
    assert!(err.contains(expect), "{what}: {err}");
    assert!(!err.contains('\u{1b}'), "{what}: raw ESC in {err:?}");
    assert_eq!(
        entries(&archive),
        Vec::<PathBuf>::new(),
        "{what}: wrote something"
    );
}

const BAD_SERIES: &[&str] = &[
    "",
    " ",
    "   ",
    "\t",
    " us",
    "us ",
    "us\njapan",
    "us\tjapan",
    "us\rjapan",
    "us\u{1b}]0;pwned\u{7}",
    "us\u{8}",
    "us\u{7f}",
    "us\u{9b}",
    "us\u{202E}cpp",
    "us\u{2066}x",
    "us\u{200B}x",
    "us/japan",
    "us\\japan",
    "/tmp",
    "..",
    "../escape",
    "a..b",
    ".",
    ".hidden",
];

#[test]
fn a_series_that_is_not_one_plain_visible_folder_name_is_refused() {
    let good = root().join(GOOD);
    for series in BAD_SERIES {
        let (_tmp, archive) = empty_archive();
        let out = add(&good, &archive, &["--series", series]);
        let err = assert_error(&out, &format!("--series {series:?}"));
        assert!(err.contains("--series"), "{series:?}: {err}");
        assert!(err.contains("plain folder name"), "{series:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{series:?}: raw ESC in {err:?}");
        assert_eq!(
            entries(&archive),
            Vec::<PathBuf>::new(),
            "{series:?}: wrote"
        );
    }
}

#[test]
fn a_series_from_front_matter_is_checked_like_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(GOOD)).unwrap();
    for (yaml, shown) in [
        ("\"us\\tjapan\"", "us"),
        ("\"../up\"", "../up"),
        ("\" \"", " "),
    ] {
        let file = dir.path().join("s.md");
        fs::write(
            &file,
            text.replace("series: us-japan-scc", &format!("series: {yaml}")),
        )
        .unwrap();
        assert_refused(&file, &[], "the front matter's series");
        assert_refused(&file, &[], shown);
    }
}

#[test]
fn a_plain_series_name_is_still_accepted() {
    let good = root().join(GOOD);
    for series in ["us-japan-scc", "quad 2021", "日米", "g7.summit"] {
        let (_tmp, archive) = empty_archive();
        let out = add(&good, &archive, &["--series", series]);
        assert_eq!(out.status.code(), Some(0), "{series:?}: {out:?}");
        assert!(
            archive.join(series).join("2019-04-19.md").is_file(),
            "{series:?}"
        );
    }
}

#[test]
fn a_date_that_is_not_exactly_yyyy_mm_dd_is_refused() {
    let good = root().join(GOOD);
    for date in [
        "19-04-19",
        "+10000-01-01",
        "-0001-01-01",
        "2019-4-19",
        "2019/04/19",
        "20190419",
        "2019-04-19T00:00",
        " 2019-04-19",
        "april",
        "",
        "2019-02-30",
        "2019-13-01",
    ] {
        // `--date=` form: clap would take `-0001-01-01` for a flag.
        assert_refused(
            &good,
            &["--series", "s", &format!("--date={date}")],
            "YYYY-MM-DD",
        );
    }
}

#[test]
fn a_date_outside_1900_to_2200_needs_any_year() {
    let good = root().join(GOOD);
    for date in ["0019-04-19", "1899-12-31", "2201-01-01", "9999-12-31"] {
        assert_refused(&good, &["--series", "s", "--date", date], "--any-year");
    }
    let (_tmp, archive) = empty_archive();
    let out = add(
        &good,
        &archive,
        &["--series", "s", "--date", "1854-03-31", "--any-year"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(archive.join("s/1854-03-31.md").is_file());
}

#[test]
fn a_front_matter_date_outside_the_years_is_refused_not_filed() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(GOOD)).unwrap();
    let file = dir.path().join("s.md");
    fs::write(&file, text.replace("date: 2019-04-19", "date: 0019-04-19")).unwrap();
    assert_refused(&file, &["--series", "s"], "--date YYYY-MM-DD");
}

#[test]
fn a_front_matter_date_or_file_name_not_exactly_yyyy_mm_dd_is_no_date() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(GOOD)).unwrap();
    for bad in ["19-04-19", "+10000-01-01", "-0001-01-01", "2019-4-19"] {
        let file = dir.path().join("s.md");
        fs::write(
            &file,
            text.replace("date: 2019-04-19", &format!("date: \"{bad}\"")),
        )
        .unwrap();
        let out = pledgediff().arg("normalize").arg(&file).output().unwrap();
        let err = assert_error(&out, bad);
        assert!(err.contains(&format!("invalid date `{bad}`")), "{err}");
        assert!(err.contains("YYYY-MM-DD"), "{err}");
    }
    // Named so, an archive file is misnamed, not of the year 19.
    let (_tmp, archive) = empty_archive();
    fs::create_dir(archive.join("s")).unwrap();
    let misnamed = archive.join("s/19-04-19.md");
    fs::write(&misnamed, text.replace("date: 2019-04-19\n", "")).unwrap();
    // Beside a statement: an archive with none is refused before any check.
    fs::write(archive.join("s/2019-04-19.md"), &text).unwrap();
    let out = pledgediff().arg("check").arg(&archive).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with(&misnamed.display().to_string()))
        .unwrap_or_else(|| panic!("no finding for the misnamed file: {stdout}"));
    assert!(line.contains("[file-name]"), "{line}");
}
