//! No data loss: outputs are written atomically, failures leave the old
//! file as it was, and read-only commands never touch the archive.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{pledgediff, root, stderr_of};

/// Copies history/ into a temporary folder.
fn archive_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("history");
    copy_dir(&root().join("history"), &dest);
    (dir, dest)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".pledgediff-"))
        .collect()
}

#[test]
fn read_only_commands_leave_the_archive_byte_identical() {
    let (_tmp, archive) = archive_copy();
    let before = snapshot(&archive);
    let series = archive.join("us-japan-scc");
    let a = series.join("2017-08-17.md");
    let b = series.join("2019-04-19.md");
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec!["check".into(), archive.clone().into()],
        vec!["log".into(), archive.clone().into()],
        vec!["diff".into(), a.clone().into(), b.clone().into()],
        vec![
            "diff".into(),
            "--format".into(),
            "markdown".into(),
            a.clone().into(),
            b.clone().into(),
        ],
        vec!["normalize".into(), a.clone().into()],
        vec!["pledges".into(), b.clone().into()],
        vec!["report".into(), archive.clone().into()],
    ];
    for args in runs {
        let out = pledgediff().args(&args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert_eq!(snapshot(&archive), before, "{args:?} changed the archive");
    }
}

#[test]
fn failed_report_leaves_the_old_output_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("report.md");
    fs::write(&dest, "previous report\n").unwrap();
    let out = pledgediff()
        .args(["report", "no-such-archive", "-o"])
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(fs::read_to_string(&dest).unwrap(), "previous report\n");
    assert!(
        leftovers(tmp.path()).is_empty(),
        "{:?}",
        leftovers(tmp.path())
    );
}

#[test]
fn report_onto_a_folder_fails_without_touching_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("out");
    fs::create_dir(&dest).unwrap();
    fs::write(dest.join("keep.txt"), "keep").unwrap();
    let out = pledgediff()
        .args(["report", "history", "-o"])
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(fs::read_to_string(dest.join("keep.txt")).unwrap(), "keep");
    assert!(leftovers(tmp.path()).is_empty());
}

#[test]
fn successful_report_replaces_the_old_output_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("report.md");
    fs::write(&dest, "previous report\n").unwrap();
    let out = pledgediff()
        .args(["report", "history", "-o"])
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = fs::read_to_string(&dest).unwrap();
    assert!(
        text.starts_with("# Change report"),
        "{}",
        &text[..80.min(text.len())]
    );
    assert!(!text.contains("previous report"));
    assert!(leftovers(tmp.path()).is_empty());
}

#[test]
fn add_without_force_never_overwrites_and_leaves_no_temporary_file() {
    let (_tmp, archive) = archive_copy();
    let target = archive.join("us-japan-scc/2019-04-19.md");
    let before = fs::read(&target).unwrap();
    let out = pledgediff()
        .args([
            "add",
            "history/us-japan-scc/2019-04-19.md",
            "--series",
            "us-japan-scc",
            "--archive",
        ])
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--force"), "{}", stderr_of(&out));
    assert_eq!(fs::read(&target).unwrap(), before);
    assert!(leftovers(&archive.join("us-japan-scc")).is_empty());
}
