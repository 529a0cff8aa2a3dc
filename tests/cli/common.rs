//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The crate root (tests run with it as the working directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The `pledgediff` binary, with color and locale made predictable.
pub fn pledgediff() -> Command {
    let mut cmd = Command::cargo_bin("pledgediff").expect("binary is built");
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `diff --format json` and parses it into the typed view.
pub fn diff_json(old: &Path, new: &Path) -> pledgediff::render::json::DiffView {
    let out = pledgediff()
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .expect("runs");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "diff failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("output matches pledgediff.diff/2")
}

/// A path under the bundled archive `history/us-japan-scc/`.
pub fn history(file: &str) -> PathBuf {
    root().join("history/us-japan-scc").join(file)
}

/// Standard output of a finished command, as UTF-8.
pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error of a finished command, as UTF-8 (lossy).
pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs `add FILE` into a fresh archive as series `s` (with `extra`
/// flags): the run, and the statement it filed for 2019-04-19, if any.
pub fn add_to_fresh_archive(file: &Path, extra: &[&str]) -> (std::process::Output, Option<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("history");
    std::fs::create_dir(&archive).unwrap();
    let out = pledgediff()
        .arg("add")
        .arg(file)
        .arg("--archive")
        .arg(&archive)
        .args(["--series", "s"])
        .args(extra)
        .output()
        .unwrap();
    let stored = std::fs::read_to_string(archive.join("s/2019-04-19.md")).ok();
    (out, stored)
}
