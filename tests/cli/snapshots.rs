//! Snapshots of every renderer on small, stable inputs. Paths are given
//! relative to the crate root (the working directory of every run), so the
//! output is the same on every machine.
//!
//! Update with `INSTA_UPDATE=always cargo test --test cli snapshots` and
//! review the `.snap` files under `tests/cli/snapshots/`.

use crate::common::{pledgediff, stderr_of, stdout_of};

const GOLD_OLD: &str = "tests/fixtures/gold/alliance-weakened-and-split/old.md";
const GOLD_NEW: &str = "tests/fixtures/gold/alliance-weakened-and-split/new.md";
const PAGE: &str = "tests/fixtures/pages/scc-2019-04-19-page.txt";
const PLEDGES_FILE: &str = "tests/fixtures/gold/alliance-cyber-article-v-added/new.md";

/// Runs pledgediff, checks the exit status and returns standard output.
fn output(args: &[&str], status: i32) -> String {
    let out = pledgediff().args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(status),
        "{args:?}: stderr {}",
        stderr_of(&out)
    );
    assert!(
        out.stderr.is_empty(),
        "{args:?}: stderr {}",
        stderr_of(&out)
    );
    stdout_of(&out)
}

#[test]
fn snapshot_diff_text() {
    let out = output(&["diff", "--color", "never", GOLD_OLD, GOLD_NEW], 1);
    insta::assert_snapshot!("diff_text", out);
}

#[test]
fn snapshot_diff_text_all() {
    let out = output(
        &["diff", "--color", "never", "--all", GOLD_OLD, GOLD_NEW],
        1,
    );
    insta::assert_snapshot!("diff_text_all", out);
}

#[test]
fn snapshot_diff_markdown() {
    let out = output(&["diff", "--format", "markdown", GOLD_OLD, GOLD_NEW], 1);
    insta::assert_snapshot!("diff_markdown", out);
}

#[test]
fn snapshot_diff_json() {
    let out = output(&["diff", "--format", "json", GOLD_OLD, GOLD_NEW], 1);
    insta::assert_snapshot!("diff_json", out);
}

#[test]
fn snapshot_normalize_text() {
    let out = output(&["normalize", PAGE], 0);
    insta::assert_snapshot!("normalize_text", out);
}

#[test]
fn snapshot_normalize_json() {
    let out = output(&["normalize", "--format", "json", PAGE], 0);
    insta::assert_snapshot!("normalize_json", out);
}

#[test]
fn snapshot_pledges_text() {
    let out = output(&["pledges", "--color", "never", PLEDGES_FILE], 0);
    insta::assert_snapshot!("pledges_text", out);
}

#[test]
fn snapshot_pledges_json() {
    let out = output(&["pledges", "--format", "json", PLEDGES_FILE], 0);
    insta::assert_snapshot!("pledges_json", out);
}

#[test]
fn snapshot_pledges_markdown() {
    let out = output(&["pledges", "--format", "markdown", PLEDGES_FILE], 0);
    insta::assert_snapshot!("pledges_markdown", out);
}
