//! A gate that cannot pass by accident: `check`, `log` and `report` say
//! what they looked at, refuse an archive with nothing to look at, name
//! every file they skip, and end with status 2 when a statement could not
//! be read; `add` never guesses a series or takes page chrome for a title.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::archive::{code, copy_history, page, run, show};
use crate::bad_input::assert_error;
use crate::common::{stderr_of, stdout_of};

/// The archive commands, each as it would run in CI.
const WALKS: [&str; 3] = ["check", "log", "report"];

fn on(cmd: &str, archive: &Path) -> Output {
    run([OsStr::new(cmd), archive.as_os_str()])
}

/// The one stderr line that names `file`.
fn line_naming(out: &Output, file: &Path) -> String {
    let err = stderr_of(out);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(&file.display().to_string()))
        .collect();
    assert_eq!(lines.len(), 1, "one line names {}:\n{err}", file.display());
    lines[0].to_string()
}

#[test]
fn check_on_a_series_folder_passed_with_zero_statements() {
    let (_tmp, archive) = copy_history();
    let series = archive.join("us-japan-scc");
    for cmd in WALKS {
        let err = assert_error(&on(cmd, &series), cmd);
        assert!(err.contains("is a series folder"), "{cmd}: {err}");
        let parent = archive.canonicalize().unwrap();
        assert!(
            err.contains(&format!("`{}`", parent.display())),
            "{cmd}: says which folder to pass: {err}"
        );
    }
}

#[test]
fn check_on_an_empty_folder_passed_with_zero_statements() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("history");
    fs::create_dir(&empty).unwrap();
    let with_empty_series = tmp.path().join("other");
    fs::create_dir_all(with_empty_series.join("us-japan-scc")).unwrap();
    fs::write(with_empty_series.join("rules.yaml"), "rules: []\n").unwrap();
    for archive in [&empty, &with_empty_series] {
        for cmd in WALKS {
            let err = assert_error(&on(cmd, archive), cmd);
            assert!(err.contains("no statements"), "{cmd}: {err}");
            assert!(err.contains("pass the archive folder"), "{cmd}: {err}");
        }
    }
}

#[test]
fn check_summary_says_how_many_statements_series_and_rules() {
    let (_tmp, archive) = copy_history();
    let out = on("check", &archive);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(
        stdout_of(&out).contains("checked 5 statements in 1 series, 3 rules"),
        "{}",
        show(&out)
    );
    let out = run([
        OsStr::new("check"),
        archive.as_os_str(),
        OsStr::new("-f"),
        OsStr::new("github"),
    ]);
    assert!(
        stdout_of(&out).contains("checked 5 statements in 1 series, 3 rules"),
        "{}",
        show(&out)
    );
    // One of each is said in the singular.
    fs::write(
        archive.join("rules.yaml"),
        "rules:\n  - name: r\n    require: [\"Senkaku\"]\n    within: statement\n",
    )
    .unwrap();
    for f in [
        "2015-04-27.md",
        "2017-08-17.md",
        "2019-04-19.md",
        "2021-03-16.md",
    ] {
        fs::remove_file(archive.join("us-japan-scc").join(f)).unwrap();
    }
    let out = on("check", &archive);
    assert!(
        stdout_of(&out).contains("checked 1 statement in 1 series, 1 rule"),
        "{}",
        show(&out)
    );
}

#[test]
fn a_rules_file_named_rules_yml_was_never_applied() {
    for name in ["rules.yml", "Rules.yaml"] {
        let (_tmp, archive) = copy_history();
        fs::rename(archive.join("rules.yaml"), archive.join(name)).unwrap();
        let err = assert_error(&on("check", &archive), name);
        assert!(err.contains(name), "{err}");
        assert!(err.contains("rename it to rules.yaml"), "{err}");
    }
}

#[test]
fn statements_ending_md_in_capitals_or_markdown_were_skipped_silently() {
    let (_tmp, archive) = copy_history();
    let series = archive.join("us-japan-scc");
    fs::rename(series.join("2019-04-19.md"), series.join("2019-04-19.MD")).unwrap();
    fs::rename(
        series.join("2021-03-16.md"),
        series.join("2021-03-16.markdown"),
    )
    .unwrap();
    let out = on("check", &archive);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(
        stdout_of(&out).contains("checked 5 statements"),
        "{}",
        show(&out)
    );
    let out = on("log", &archive);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(stdout_of(&out).contains("5 statement(s)"), "{}", show(&out));
}

#[test]
fn files_skipped_in_an_archive_were_not_named() {
    let (_tmp, archive) = copy_history();
    let series = archive.join("us-japan-scc");
    let skipped: Vec<(PathBuf, &str)> = vec![
        (series.join("2024-01-01.pdf"), "not a statement file"),
        (series.join("notes"), "not a statement file"),
        (series.join("drafts"), "folder"),
        (series.join("19-04-19.md"), "not named YYYY-MM-DD.md"),
        (
            archive.join("2024-02-02.md"),
            "move it into a series folder",
        ),
    ];
    for (path, _) in &skipped {
        if path.ends_with("drafts") {
            fs::create_dir(path).unwrap();
        } else {
            fs::write(path, "The Ministers met.\n").unwrap();
        }
    }
    for cmd in WALKS {
        let out = on(cmd, &archive);
        assert_eq!(code(&out), Some(0), "{cmd}: {}", show(&out));
        for (path, why) in &skipped {
            let line = line_naming(&out, path);
            assert!(line.starts_with("pledgediff: warning: "), "{cmd}: {line}");
            assert!(line.contains(why), "{cmd}: {line}");
        }
    }
}

/// A copy of history with `2018-01-01.md` made unreadable by `spoil`.
fn with_unreadable(spoil: impl Fn(&Path)) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, archive) = copy_history();
    let bad = archive.join("us-japan-scc/2018-01-01.md");
    spoil(&bad);
    (tmp, archive, bad)
}

/// Each walk names `bad` on stderr as it meets it, does the rest, and ends
/// with status 2 and a last line saying statements were left out.
fn assert_told_and_incomplete(archive: &Path, bad: &Path) {
    for cmd in WALKS {
        let out = on(cmd, archive);
        assert_eq!(code(&out), Some(2), "{cmd}: {}", show(&out));
        let line = line_naming(&out, bad);
        assert!(line.starts_with("pledgediff: warning: "), "{cmd}: {line}");
        let err = stderr_of(&out);
        let last = err.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("pledgediff: error: 1 statement file(s) could not be read"),
            "{cmd}: {err}"
        );
        // The rest is still done: every readable statement is there.
        let text = stdout_of(&out);
        let rest_done = match cmd {
            "check" => text.contains("checked 5 statements"),
            "log" => text.contains("5 statement(s)"),
            _ => text.contains("2023-01-11") && text.contains("Files left out"),
        };
        assert!(rest_done, "{cmd}: {}", show(&out));
    }
}

#[test]
fn a_binary_statement_was_left_out_of_log_with_status_0() {
    let (_tmp, archive, bad) = with_unreadable(|p| {
        fs::write(p, b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe\x00\x00binary").unwrap()
    });
    assert_told_and_incomplete(&archive, &bad);
}

#[test]
fn a_statement_with_invalid_utf8_was_left_out_of_log_with_status_0() {
    let (_tmp, archive, bad) = with_unreadable(|p| {
        fs::write(p, b"---\ndate: 2018-01-01\n---\n\nThe caf\xe9 met.\n").unwrap()
    });
    assert_told_and_incomplete(&archive, &bad);
}

#[test]
fn a_folder_named_as_a_statement_was_left_out_of_log_with_status_0() {
    let (_tmp, archive, bad) = with_unreadable(|p| fs::create_dir(p).unwrap());
    assert_told_and_incomplete(&archive, &bad);
}

#[cfg(unix)]
#[test]
fn a_statement_without_read_permission_was_left_out_of_log_with_status_0() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, which reads a file of mode 000");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, archive, bad) = with_unreadable(|p| {
        fs::copy(archive_statement(), p).unwrap();
        fs::set_permissions(p, fs::Permissions::from_mode(0o000)).unwrap();
    });
    assert_told_and_incomplete(&archive, &bad);
}

fn archive_statement() -> PathBuf {
    crate::common::history("2017-08-17.md")
}

// ---------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------

fn add(file: &Path, archive: &Path, extra: &[&str]) -> Output {
    run([
        OsStr::new("add"),
        file.as_os_str(),
        OsStr::new("--archive"),
        archive.as_os_str(),
    ]
    .into_iter()
    .chain(extra.iter().map(OsStr::new)))
}

fn front_matter(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    text.split("---\n").nth(1).unwrap_or_default().to_string()
}

/// Runs `add FILE --archive ARCHIVE EXTRA..`, which must succeed, and
/// returns the front matter of the file it wrote, `stored` in the archive.
fn added(file: &Path, archive: &Path, extra: &[&str], stored: &str) -> String {
    let out = add(file, archive, extra);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    front_matter(&archive.join(stored))
}

#[test]
fn add_filed_a_statement_under_the_only_series_without_a_word() {
    let (_tmp, archive) = copy_history();
    let before = crate::archive::snapshot(&archive);
    let err = assert_error(&add(&page(), &archive, &[]), "add without --series");
    assert!(err.contains("--series"), "{err}");
    assert!(
        err.contains("us-japan-scc"),
        "names the series there are: {err}"
    );
    assert!(
        err.contains("alliance-statement.html"),
        "names the file: {err}"
    );
    assert!(
        before == crate::archive::snapshot(&archive),
        "wrote nothing"
    );
    // The statement's own front matter may still say which.
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("s.md");
    fs::write(
        &raw,
        "---\ndate: 2024-05-05\nseries: us-japan-scc\n---\n\nThe Ministers committed to meet again.\n",
    )
    .unwrap();
    let out = add(&raw, &archive, &[]);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(archive.join("us-japan-scc/2024-05-05.md").is_file());
}

#[test]
fn add_took_the_page_chrome_headline_as_the_title() {
    let (_tmp, archive) = copy_history();
    let front = added(&page(), &archive, &["--series", "s"], "s/2024-04-03.md");
    assert!(
        front
            .lines()
            .any(|l| l == "title: Joint Statement on the Third Estria-Valmora Strategic Dialogue"),
        "the statement's title, without the site's name: {front}"
    );
    assert!(!front.contains("Deepen Their Alliance"), "{front}");
    // A page whose only title is the news headline gets none.
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("p.html");
    let html = fs::read_to_string(page()).unwrap();
    let start = html.find("<title>").unwrap();
    let end = html.find("</title>").unwrap() + "</title>".len();
    fs::write(&raw, format!("{}{}", &html[..start], &html[end..])).unwrap();
    let front = added(&raw, &archive, &["--series", "t"], "t/2024-04-03.md");
    assert!(!front.contains("title:"), "no chrome headline: {front}");
    let out = add(&raw, &archive, &["--series", "t", "--dry-run"]);
    assert!(stderr_of(&out).contains("pass --title"), "{}", show(&out));
    // A Markdown statement's own level-1 heading is its title.
    let md = tmp.path().join("m.md");
    fs::write(
        &md,
        "# Joint Statement of the Ministers\n\nOn 5 May 2024 the Ministers committed to meet again.\n",
    )
    .unwrap();
    let front = added(&md, &archive, &["--series", "u"], "u/2024-05-05.md");
    assert!(
        front.contains("title: Joint Statement of the Ministers"),
        "{front}"
    );
}

#[test]
fn add_left_an_imported_statement_shown_as_published() {
    let (_tmp, archive) = copy_history();
    let front = added(&page(), &archive, &["--series", "s"], "s/2024-04-03.md");
    assert!(
        front.lines().any(|l| l == "provenance: imported"),
        "{front}"
    );
    let front = added(
        &page(),
        &archive,
        &["--series", "t", "--provenance", "published"],
        "t/2024-04-03.md",
    );
    assert!(
        front.lines().any(|l| l == "provenance: published"),
        "{front}"
    );
}
