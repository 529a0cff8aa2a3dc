//! Inputs that are not regular files: FIFOs, directories and endless
//! devices given as a statement, a lexicon or a rules file are refused
//! with one line and exit 2, never opened in a blocking way or read
//! without limit; in an archive walk they are skipped with a warning.
//!
//! Every run has a generous timeout: a safety net so that a regression
//! that blocks on a FIFO fails instead of hanging the suite (no test
//! measures time).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use crate::bad_input::{assert_error, assert_rejected, input, GOOD};
use crate::common::{pledgediff, root, stderr_of, stdout_of};

/// Makes a FIFO at `path`; false (and a message) where that is not possible.
fn mkfifo(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    let ok = unsafe { libc::mkfifo(c.as_ptr(), 0o600) } == 0;
    if !ok {
        eprintln!("skipped: cannot make a FIFO at {}", path.display());
    }
    ok
}

/// A FIFO named `name` in a fresh temporary folder: (guard, path), or
/// `None` (and a message) where FIFOs cannot be made.
fn fifo_in_tempdir(name: &str) -> Option<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(name);
    mkfifo(&fifo).then_some((dir, fifo))
}

/// The endless devices of this machine.
fn endless_devices() -> Vec<&'static Path> {
    let found: Vec<&Path> = ["/dev/zero", "/dev/urandom"]
        .into_iter()
        .map(Path::new)
        .filter(|p| p.exists())
        .collect();
    if found.is_empty() {
        eprintln!("skipped: no /dev/zero or /dev/urandom here");
    }
    found
}

fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    pledgediff()
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("runs")
}

/// A FIFO, a directory and each endless device, each with what the error
/// must call it.
fn non_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut out = vec![(dir.join("folder.yaml"), "directory")];
    fs::create_dir(&out[0].0).unwrap();
    let fifo = dir.join("2019-04-19.md");
    if mkfifo(&fifo) {
        out.push((fifo, "named pipe (FIFO)"));
    }
    for dev in endless_devices() {
        out.push((dev.to_path_buf(), "character device"));
    }
    out
}

#[test]
fn a_fifo_named_like_a_statement_is_refused_not_waited_on() {
    let Some((dir, fifo)) = fifo_in_tempdir("2019-04-19.md") else {
        return;
    };
    let err = assert_rejected(&fifo, "");
    assert!(err.contains("is a named pipe (FIFO)"), "{err}");
    assert!(err.contains("standard input"), "says what to do: {err}");
    let archive = dir.path().join("history");
    fs::create_dir(&archive).unwrap();
    let out = run([
        OsStr::new("add"),
        fifo.as_os_str(),
        OsStr::new("--archive"),
        archive.as_os_str(),
        OsStr::new("--series"),
        OsStr::new("s"),
    ]);
    let err = assert_error(&out, "add FIFO");
    assert!(err.contains("is a named pipe (FIFO)"), "{err}");
}

#[test]
fn endless_standard_input_stops_at_the_cap() {
    let Some(zero) = endless_devices().first().copied() else {
        return;
    };
    // Not through assert_cmd's pipe_stdin, which would read it all first.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("pledgediff"))
        .args(["normalize", "-"])
        .stdin(fs::File::open(zero).unwrap())
        .output()
        .unwrap();
    let err = assert_error(&out, "normalize - < endless device");
    assert!(err.contains("<stdin>: larger than 64 MiB"), "{err}");
}

#[test]
fn endless_devices_as_a_statement_are_refused_not_read() {
    for dev in endless_devices() {
        let err = assert_rejected(dev, "");
        assert!(err.contains("is a character device"), "{err}");
    }
}

#[test]
fn a_symlink_to_an_endless_device_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for (i, dev) in endless_devices().into_iter().enumerate() {
        let link = dir.path().join(format!("link{i}.md"));
        std::os::unix::fs::symlink(dev, &link).unwrap();
        let err = assert_rejected(&link, "");
        assert!(err.contains("is a character device"), "{err}");
    }
}

#[test]
fn a_symlink_to_a_regular_statement_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(root().join(GOOD), &link).unwrap();
    let out = run([OsStr::new("normalize"), link.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_fifo_directory_or_device_as_a_lexicon_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for (lex, kind) in non_files(dir.path()) {
        for cmd in [
            vec!["normalize", GOOD],
            vec!["pledges", GOOD],
            vec!["diff", GOOD, GOOD],
        ] {
            let mut args: Vec<&OsStr> = cmd.iter().map(OsStr::new).collect();
            args.push(OsStr::new("--lexicon"));
            args.push(lex.as_os_str());
            let out = run(&args);
            let err = assert_error(&out, &format!("{args:?}"));
            let prefix = format!("pledgediff: error: {}: ", lex.display());
            assert!(err.starts_with(&prefix), "{args:?}: {err}");
            assert!(err.contains(kind), "{args:?}: {err}");
        }
    }
}

#[test]
fn a_fifo_directory_or_device_as_a_rules_file_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for (rules, kind) in non_files(dir.path()) {
        let out = run([
            OsStr::new("check"),
            OsStr::new("history"),
            OsStr::new("--rules"),
            rules.as_os_str(),
        ]);
        let err = assert_error(&out, &format!("--rules {}", rules.display()));
        assert!(
            err.starts_with(&format!("pledgediff: error: {}: ", rules.display())),
            "{err}"
        );
        assert!(err.contains(kind), "{err}");
    }
}

/// An archive of one series with one statement: (guard, archive folder).
fn one_statement_archive() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("history");
    let series = archive.join("s");
    fs::create_dir_all(&series).unwrap();
    fs::copy(root().join(GOOD), series.join("2019-04-19.md")).unwrap();
    (tmp, archive)
}

#[test]
fn a_fifo_as_the_archive_rules_yaml_is_refused_not_waited_on() {
    let (_tmp, archive) = one_statement_archive();
    if !mkfifo(&archive.join("rules.yaml")) {
        return;
    }
    let out = run([OsStr::new("check"), archive.as_os_str()]);
    let err = assert_error(&out, "rules.yaml FIFO");
    assert!(err.contains("named pipe"), "{err}");
}

/// An archive of two real statements and, named like statements between
/// them, a FIFO and symlinks to the endless devices.
fn archive_with_special_files() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("history");
    let series = archive.join("us-japan-scc");
    fs::create_dir_all(&series).unwrap();
    for date in ["2017-08-17", "2019-04-19"] {
        fs::copy(
            root().join(format!("history/us-japan-scc/{date}.md")),
            series.join(format!("{date}.md")),
        )
        .unwrap();
    }
    let mut special = Vec::new();
    let fifo = series.join("2018-01-01.md");
    if mkfifo(&fifo) {
        special.push(fifo);
    }
    for (i, dev) in endless_devices().into_iter().enumerate() {
        let link = series.join(format!("2018-02-0{}.md", i + 1));
        std::os::unix::fs::symlink(dev, &link).unwrap();
        special.push(link);
    }
    (tmp, archive, special)
}

// A statement that is a FIFO or a device cannot be read: it is named as
// an error and the run ends with status 2 (it used to be a warning with
// status 0, which let a gate pass on a statement it never read).
#[test]
fn a_fifo_or_device_in_an_archive_is_named_unreadable_by_check() {
    let (_tmp, archive, special) = archive_with_special_files();
    let out = run([OsStr::new("check"), archive.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "check must finish: {out:?}");
    let text = stdout_of(&out);
    for path in &special {
        let line = text
            .lines()
            .find(|l| l.starts_with(&path.display().to_string()))
            .unwrap_or_else(|| panic!("no finding for {}: {text}", path.display()));
        assert!(line.contains("error"), "{line}");
        assert!(line.contains("cannot read"), "{line}");
        assert!(
            stderr_of(&out).contains(&path.display().to_string()),
            "{out:?}"
        );
    }
    assert!(text.contains("checked 2 statements"), "{text}");
}

#[test]
fn a_fifo_or_device_in_an_archive_does_not_stop_log_or_report() {
    let (_tmp, archive, _special) = archive_with_special_files();
    let out = run([OsStr::new("log"), archive.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stdout_of(&out).contains("2 statement(s)"), "{out:?}");
    let out = run([OsStr::new("report"), archive.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stdout_of(&out).contains("Files left out"), "{out:?}");
}

#[test]
fn standard_input_is_still_read() {
    let (_dir, path) = input("s.md", b"The Ministers met.\n");
    let out = pledgediff()
        .args(["normalize", "-"])
        .pipe_stdin(&path)
        .unwrap()
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout_of(&out).contains("The Ministers met."));
}

#[test]
fn a_dangling_rules_yaml_link_fails_the_gate_instead_of_passing_without_rules() {
    let (tmp, archive) = one_statement_archive();
    std::os::unix::fs::symlink(tmp.path().join("gone.yaml"), archive.join("rules.yaml")).unwrap();
    let out = run([OsStr::new("check"), archive.as_os_str()]);
    let err = assert_error(&out, "dangling rules.yaml");
    assert!(err.contains("rules.yaml"), "{err}");
}

#[test]
fn a_fifo_given_as_the_archive_is_refused_not_listed() {
    let Some((_dir, fifo)) = fifo_in_tempdir("history") else {
        return;
    };
    for cmd in ["log", "check", "report"] {
        let out = run([OsStr::new(cmd), fifo.as_os_str()]);
        let err = assert_error(&out, cmd);
        assert!(
            err.contains("is a named pipe (FIFO), not an archive folder"),
            "{err}"
        );
    }
}
