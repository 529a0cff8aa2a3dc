//! Inputs built to exhaust the stack, time or memory: deep nesting in
//! pages and YAML, thousands of keys or entries, huge statements, absurd
//! `--jobs`. Each must end in a one-line error (exit 2) or a normal
//! result, never an abort. Sizes are bounded and nothing is timed: a
//! `timeout` on the child only turns a hang into a failure.

use std::fs;
use std::path::Path;

use crate::bad_input::{assert_error, input};
use crate::common::{pledgediff, stderr_of, stdout_of};

const STATEMENT: &str = "---\ndate: 2019-04-19\n---\nThe Ministers will deepen cooperation.\n";

/// A page with a statement paragraph and then `depth` nested `tag`s.
fn nested_page(tag: &str, depth: usize, close: bool) -> String {
    let mut page = String::from("<html><body><p>The Ministers will deepen cooperation.</p>");
    page.push_str(&format!("<{tag}>").repeat(depth));
    page.push_str("deep text");
    if close {
        page.push_str(&format!("</{tag}>").repeat(depth));
    }
    page.push_str("</body></html>");
    page
}

/// Runs `pledgediff ARGS` with a generous timeout that turns a hang
/// into a failure (the run itself takes well under a second).
fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    pledgediff()
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap()
}

#[test]
fn hundred_thousand_nested_spans_no_longer_overflow_the_stack() {
    for (tag, close) in [
        ("span", true),
        ("div", false),
        ("b", false),
        ("section", true),
    ] {
        let (_d, page) = input("deep.html", nested_page(tag, 100_000, close).as_bytes());
        let out = run(&["normalize".as_ref(), page.as_os_str()]);
        let err = assert_error(&out, tag);
        assert!(err.contains("deep.html:1:"), "{err}");
        assert!(err.contains("more than 512 deep"), "{err}");
        assert!(err.contains(&format!("<{tag}>")), "{err}");
    }
}

#[test]
fn a_page_nested_just_under_the_limit_is_read_whole() {
    let page = nested_page("div", 500, true);
    let (_d, path) = input("deep.html", page.as_bytes());
    let out = run(&["normalize".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("deepen cooperation"), "{text}");
    assert!(text.contains("deep text"), "{text}");
}

#[test]
fn unclosed_paragraphs_and_list_items_are_not_taken_for_nesting() {
    // The parser closes them; an ordinary sloppy page is not refused.
    let body = "<p>The Ministers will deepen cooperation.\n<li>item\n".repeat(2000);
    let (_d, path) = input(
        "sloppy.html",
        format!("<html><body>{body}</body></html>").as_bytes(),
    );
    let out = run(&["normalize".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn one_deeply_nested_page_in_an_archive_no_longer_aborts_check_log_or_report() {
    let tmp = tempfile::tempdir().unwrap();
    let series = tmp.path().join("s");
    fs::create_dir(&series).unwrap();
    fs::write(series.join("2019-04-19.md"), STATEMENT).unwrap();
    fs::write(
        series.join("2020-01-01.md"),
        "---\ndate: 2020-01-01\n---\nThe Ministers will end cooperation.\n",
    )
    .unwrap();
    fs::write(
        series.join("2021-01-01.md"),
        nested_page("span", 100_000, true),
    )
    .unwrap();
    for cmd in ["check", "log", "report"] {
        let out = run(&[cmd.as_ref(), tmp.path().as_os_str()]);
        let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{cmd}: {:?} {all}",
            out.status
        );
        assert!(!all.contains("overflow"), "{cmd}: {all}");
        if cmd == "check" {
            assert!(all.contains("2021-01-01.md:1"), "{cmd}: {all}");
            assert!(all.contains("more than 512 deep"), "{cmd}: {all}");
        }
    }
}

#[test]
fn deeply_nested_brackets_in_front_matter_are_refused_before_parsing() {
    for open in ["[", "{", "[{"] {
        let text = format!(
            "---\ndate: 2019-04-19\ntitle: {}\n---\nWe will meet.\n",
            open.repeat(100_000)
        );
        let (_d, path) = input("s.md", text.as_bytes());
        let out = run(&["normalize".as_ref(), path.as_os_str()]);
        let err = assert_error(&out, open);
        assert!(err.contains("s.md:3:"), "{err}");
        assert!(err.contains("more than 64 deep"), "{err}");
    }
}

#[test]
fn deeply_nested_brackets_in_a_lexicon_or_rules_file_are_refused() {
    let (_s, statement) = input("s.md", STATEMENT.as_bytes());
    let deep = format!("verbs:\n  - {}\n", "[".repeat(200_000));
    let (_l, lexicon) = input("lexicon.yaml", deep.as_bytes());
    let out = run(&[
        "diff".as_ref(),
        "--lexicon".as_ref(),
        lexicon.as_os_str(),
        statement.as_os_str(),
        statement.as_os_str(),
    ]);
    let err = assert_error(&out, "lexicon");
    assert!(err.contains("lexicon.yaml:2:"), "{err}");

    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("s")).unwrap();
    fs::write(tmp.path().join("s/2019-04-19.md"), STATEMENT).unwrap();
    let deep = format!(
        "rules:\n  - name: x\n    require: {}\n",
        "{".repeat(200_000)
    );
    fs::write(tmp.path().join("rules.yaml"), deep).unwrap();
    let out = run(&["check".as_ref(), tmp.path().as_os_str()]);
    let err = assert_error(&out, "rules");
    assert!(err.contains("rules.yaml:3:"), "{err}");
    assert!(err.contains("more than 64 deep"), "{err}");
}

/// A statement whose front matter has `date` and then `n` more keys.
fn with_extra_keys(n: usize) -> String {
    let mut text = String::from("---\ndate: 2019-04-19\n");
    for i in 0..n {
        text.push_str(&format!("key{i}: value\n"));
    }
    text + "---\nWe will meet.\n"
}

#[test]
fn sixty_thousand_front_matter_keys_are_refused() {
    let text = with_extra_keys(60_000);
    let (_d, path) = input("keys.md", text.as_bytes());
    let out = run(&["normalize".as_ref(), path.as_os_str()]);
    let err = assert_error(&out, "keys");
    assert!(err.contains("keys.md:2:"), "{err}");
    assert!(err.contains("60001 keys"), "{err}");
}

#[test]
fn many_unknown_front_matter_keys_under_the_limit_keep_their_lines() {
    let text = with_extra_keys(200);
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("s")).unwrap();
    fs::write(tmp.path().join("s/2019-04-19.md"), text).unwrap();
    let out = run(&["check".as_ref(), tmp.path().as_os_str()]);
    let all = stdout_of(&out);
    assert!(all.contains("2019-04-19.md:3:"), "{all}");
    assert!(all.contains("2019-04-19.md:202:"), "{all}");
}

#[test]
fn a_lexicon_of_many_entries_overrides_the_built_in_ones_and_loads() {
    // 20k entries: the per-entry search that made loading quadratic ran
    // 400 million comparisons here; the map runs 20k lookups.
    let mut lex = String::from("verbs:\n");
    for i in 0..20_000 {
        lex.push_str(&format!(
            "  - lemma: verb{i}\n    family: position\n    force: 3\n    forms: [verbx{i}]\n"
        ));
    }
    let (_l, lexicon) = input("lexicon.yaml", lex.as_bytes());
    let (_s, old) = input("old.md", b"The Ministers verbx7 cooperation.\n");
    let out = run(&[
        "pledges".as_ref(),
        "--lexicon".as_ref(),
        lexicon.as_os_str(),
        old.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("verbx7"), "{}", stdout_of(&out));
}

#[test]
fn check_on_thousands_of_statements_still_finds_a_repeated_date() {
    let tmp = tempfile::tempdir().unwrap();
    let series = tmp.path().join("s");
    fs::create_dir(&series).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    for i in 0..3000 {
        let d = start + chrono::Days::new(i);
        fs::write(
            series.join(format!("{d}.md")),
            format!("---\ndate: {d}\n---\nThe Ministers will meet {i} times.\n"),
        )
        .unwrap();
    }
    // One file whose front matter repeats the first date.
    fs::write(
        series.join("1950-01-02.md"),
        "---\ndate: 1950-01-01\n---\nThe Ministers will meet.\n",
    )
    .unwrap();
    let out = run(&["check".as_ref(), tmp.path().as_os_str()]);
    let all = stdout_of(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("also the date of"), "{all}");
    assert!(all.contains("checked 3000 statements"), "{all}");
}

#[test]
fn jobs_beyond_the_ceiling_are_refused_not_spawned() {
    for n in ["10000", "257", "18446744073709551615"] {
        let out = run(&[
            "log".as_ref(),
            "--jobs".as_ref(),
            n.as_ref(),
            Path::new("history").as_os_str(),
        ]);
        let err = assert_error(&out, n);
        assert!(err.contains("--jobs") && err.contains("256"), "{err}");
    }
    let out = run(&[
        "log".as_ref(),
        "--jobs".as_ref(),
        "256".as_ref(),
        "history".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn a_statement_over_the_size_limit_is_refused_before_comparing() {
    // 5 MiB of paragraphs: over the 4 MiB default, which keeps a diff's
    // memory bounded (two 30 MB statements peaked at 3.25 GB).
    let para = "The Ministers will deepen cooperation on maritime security.\n\n";
    let text = para.repeat(5 * 1024 * 1024 / para.len() + 1);
    let (_d, big) = input("big.md", text.as_bytes());
    let (_s, small) = input("s.md", STATEMENT.as_bytes());
    let out = run(&["diff".as_ref(), small.as_os_str(), big.as_os_str()]);
    let err = assert_error(&out, "size");
    assert!(err.contains("big.md:1:"), "{err}");
    assert!(err.contains("up to 4 MiB"), "{err}");
    assert!(err.contains("--max-size 6"), "{err}");
    let out = run(&[
        "normalize".as_ref(),
        "--max-size".as_ref(),
        "0".as_ref(),
        small.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_absurd_rayon_num_threads_is_held_to_the_jobs_ceiling() {
    let out = pledgediff()
        .args(["log", "history"])
        .env("RAYON_NUM_THREADS", "100000")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn add_refuses_a_deeply_nested_page_instead_of_overflowing() {
    let (_d, page) = input("deep.html", nested_page("span", 100_000, true).as_bytes());
    let (out, stored) = crate::common::add_to_fresh_archive(&page, &["--date", "2019-04-19"]);
    let err = assert_error(&out, "add");
    assert!(
        err.contains("deep.html:1:") && err.contains("512 deep"),
        "{err}"
    );
    assert!(stored.is_none());
}
