//! Overwrites and files: `report -o` checks where it writes before any
//! work, never writes over its own inputs or over anything that is not a
//! regular file, keeps a replaced file's mode, and leaves no temporary
//! file behind when a signal stops it.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use crate::archive::{code, copy_history, run, show, snapshot};
use crate::bad_input::assert_error;
use crate::common::{pledgediff, stdout_of};

fn report_to(archive: &Path, output: &Path) -> Output {
    run([
        OsStr::new("report"),
        archive.as_os_str(),
        OsStr::new("-o"),
        output.as_os_str(),
    ])
}

/// Temporary files `report -o` or `add` left in `dir`.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(".pledgediff-") && n.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn report_onto_a_statement_or_the_rules_of_its_archive_replaced_it() {
    let (tmp, archive) = copy_history();
    let link = tmp.path().join("link.md");
    std::os::unix::fs::symlink(archive.join("us-japan-scc/2019-04-19.md"), &link).unwrap();
    let before = snapshot(&archive);
    for target in [
        archive.join("us-japan-scc/2019-04-19.md"),
        archive.join("rules.yaml"),
        archive.join("us-japan-scc/../rules.yaml"),
        link.clone(),
    ] {
        let err = assert_error(&report_to(&archive, &target), "-o an input");
        assert!(err.contains("which this run reads"), "{err}");
        assert!(
            before == snapshot(&archive),
            "{}: archive changed",
            target.display()
        );
    }
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn report_onto_a_device_or_dev_stdout_replaced_it_with_a_file() {
    let (_tmp, archive) = copy_history();
    let err = assert_error(&report_to(&archive, Path::new("/dev/null")), "/dev/null");
    assert!(err.contains("is a character device"), "{err}");
    assert!(err.contains("-o -"), "{err}");
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // Standard output is a pipe here.
    let err = assert_error(
        &report_to(&archive, Path::new("/dev/stdout")),
        "/dev/stdout",
    );
    assert!(err.contains("named pipe"), "{err}");
}

#[test]
fn report_onto_a_symlink_replaced_the_link() {
    let (tmp, archive) = copy_history();
    let real = tmp.path().join("real.md");
    fs::write(&real, "old").unwrap();
    let link = tmp.path().join("link.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let out = report_to(&archive, &link);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = fs::read_to_string(&real).unwrap();
    assert!(text.starts_with("# Change report"), "{text}");
    // A dangling link: the file it names is created.
    let dangling = tmp.path().join("dangling.md");
    std::os::unix::fs::symlink("made.md", &dangling).unwrap();
    let out = report_to(&archive, &dangling);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(tmp.path().join("made.md").is_file());
    assert!(fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(leftovers(tmp.path()).is_empty());
}

#[test]
fn report_dash_o_dash_is_standard_output() {
    let (tmp, archive) = copy_history();
    let out = pledgediff()
        .current_dir(tmp.path())
        .args(["report", "history", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(
        stdout_of(&out).starts_with("# Change report"),
        "{}",
        show(&out)
    );
    assert!(!tmp.path().join("-").exists());
    drop(archive);
}

/// `report -o` run with `umask`.
fn report_with_umask(archive: &Path, output: &Path, umask: libc::mode_t) -> Output {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pledgediff"));
    cmd.arg("report").arg(archive).arg("-o").arg(output);
    // SAFETY: umask is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(move || {
            libc::umask(umask);
            Ok(())
        });
    }
    cmd.output().unwrap()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn report_files_were_written_0600_and_replacing_made_them_0600() {
    let (tmp, archive) = copy_history();
    let new = tmp.path().join("new.md");
    let out = report_with_umask(&archive, &new, 0o027);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert_eq!(mode(&new), 0o640, "a new file follows the umask");
    let old = tmp.path().join("old.md");
    fs::write(&old, "old").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();
    let out = report_with_umask(&archive, &old, 0o077);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert_eq!(mode(&old), 0o644, "a replaced file keeps its mode");
    assert!(fs::read_to_string(&old)
        .unwrap()
        .starts_with("# Change report"));
}

#[test]
fn add_wrote_statements_0600() {
    let (tmp, archive) = copy_history();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pledgediff"));
    cmd.arg("add")
        .arg(crate::archive::page())
        .arg("--archive")
        .arg(&archive)
        .args(["--series", "s"]);
    // SAFETY: as in report_with_umask.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert_eq!(mode(&archive.join("s/2024-04-03.md")), 0o644);
    drop(tmp);
}

#[test]
fn add_force_onto_a_device_or_link_replaced_it() {
    let (tmp, archive) = copy_history();
    let series = archive.join("s");
    fs::create_dir(&series).unwrap();
    let dest = series.join("2024-04-03.md");
    let add = |archive: &Path| {
        run([
            OsStr::new("add"),
            crate::archive::page().as_os_str(),
            OsStr::new("--archive"),
            archive.as_os_str(),
            OsStr::new("--series"),
            OsStr::new("s"),
            OsStr::new("--force"),
        ])
    };
    std::os::unix::fs::symlink("/dev/null", &dest).unwrap();
    let err = assert_error(&add(&archive), "add --force onto /dev/null");
    assert!(err.contains("is a character device"), "{err}");
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    fs::remove_file(&dest).unwrap();
    let real = tmp.path().join("kept-elsewhere.md");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &dest).unwrap();
    let out = add(&archive);
    assert_eq!(code(&out), Some(0), "{}", show(&out));
    assert!(fs::symlink_metadata(&dest)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&real).unwrap().starts_with("---\n"));
    assert!(leftovers(&series).is_empty() && leftovers(tmp.path()).is_empty());
}

#[test]
fn report_output_path_errors_came_after_the_work_or_named_the_wrong_thing() {
    let (tmp, archive) = copy_history();
    let afile = tmp.path().join("afile");
    fs::write(&afile, "x").unwrap();
    let cases = [
        (
            afile.join("r.md"),
            "afile is a file, not a folder".to_string(),
        ),
        (
            PathBuf::from(format!("{}/", tmp.path().join("newdir").display())),
            "names a folder".to_string(),
        ),
        (
            tmp.path().join("missing/deeper/r.md"),
            format!(
                "folder {} does not exist",
                tmp.path().join("missing/deeper").display()
            ),
        ),
        (tmp.path().to_path_buf(), "is a directory".to_string()),
    ];
    for (target, says) in cases {
        let err = assert_error(&report_to(&archive, &target), &target.display().to_string());
        assert!(err.contains(&says), "{}: {err}", target.display());
        assert!(!err.contains("os error"), "{err}");
    }
    assert!(!tmp.path().join("newdir").exists());
    assert!(leftovers(tmp.path()).is_empty());
}

/// Writes a series of `n` long statements, each a small edit of the one
/// before, so that `report` takes long enough to be stopped mid-way.
fn large_archive(dir: &Path, n: usize) -> PathBuf {
    let archive = dir.join("big");
    let series = archive.join("s");
    fs::create_dir_all(&series).unwrap();
    for i in 0..n {
        let date = format!("{}-01-01", 1950 + i);
        let mut text = format!("---\ndate: {date}\n---\n\n");
        for p in 0..100 {
            let verb = if (i + p) % 3 == 0 {
                "committed to"
            } else {
                "agreed to"
            };
            text.push_str(&format!(
                "{}. The Ministers {verb} deepen cooperation on topic {p} in year {i}, \
                 and resolved to review progress on item {} at their next meeting.\n\n",
                p + 1,
                (p * 7 + i) % 13
            ));
        }
        fs::write(series.join(format!("{date}.md")), text).unwrap();
    }
    archive
}

#[test]
fn sigterm_during_report_left_a_temporary_file_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = large_archive(tmp.path(), 200);
    let out_dir = tmp.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("report.md");
    // Stopped before the temporary file appears or after the run ended,
    // an attempt proves nothing: try again, a bounded number of times.
    for attempt in 1..=5 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pledgediff"))
            .args(["report", "-j", "1"])
            .arg(&archive)
            .arg("-o")
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut seen = false;
        for _ in 0..60_000 {
            if !leftovers(&out_dir).is_empty() {
                seen = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        if !seen {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("attempt {attempt}: no temporary file seen; trying again");
            continue;
        }
        // SAFETY: kill has no memory preconditions; the pid is our child's.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let status = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        if status.success() {
            // It finished first: nothing was interrupted.
            fs::remove_file(&target).unwrap();
            eprintln!("attempt {attempt}: the report finished first; trying again");
            continue;
        }
        assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
        assert!(
            leftovers(&out_dir).is_empty(),
            "left behind: {:?}",
            leftovers(&out_dir)
        );
        assert!(!target.exists(), "a half report was put in place");
        return;
    }
    panic!("report could not be stopped while writing in 5 attempts");
}
