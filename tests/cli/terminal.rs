//! The terminal diff behaves like git's: wrapped to a width with hanging
//! indents, whole pledge texts, filters that filter the paragraphs too,
//! a pager on a terminal, colors under git's pager; and the man pages and
//! `--help` examples that document it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{history, pledgediff, stderr_of, stdout_of};

const OLD_2017: &str = "history/us-japan-scc/2017-08-17.md";
const NEW_2019: &str = "history/us-japan-scc/2019-04-19.md";
const OLD_2021: &str = "history/us-japan-scc/2021-03-16.md";
const NEW_2023: &str = "history/us-japan-scc/2023-01-11.md";

const SENTENCE_OLD: &str = "The Ministers affirmed that the two countries would deepen \
     cooperation with Australia, India and the Republic of Korea.";
const SENTENCE_NEW: &str = "The Ministers affirmed that the two countries will deepen \
     cooperation with Australia, India and the Republic of Korea.";

/// Two one-paragraph statements in a temporary folder.
fn pair(old: &str, new: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    fs::write(&a, format!("---\ndate: 2020-01-01\n---\n\n{old}\n")).unwrap();
    fs::write(&b, format!("---\ndate: 2021-01-01\n---\n\n{new}\n")).unwrap();
    (dir, a, b)
}

fn lines_from<'a>(text: &'a str, first: &str, n: usize) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(first))
        .unwrap_or_else(|| panic!("no line starting {first:?} in:\n{text}"));
    lines[at..at + n].to_vec()
}

// ---------------------------------------------------------------- wrapping

#[test]
fn width_wraps_with_hanging_indents_and_whole_words() {
    let (_dir, a, b) = pair(SENTENCE_OLD, SENTENCE_NEW);
    let out = pledgediff()
        .args(["diff", "--width", "40"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    // Worked out by hand from the sentence: "      was: " takes 11 of the
    // 40 columns, leaving 29 for the words on every line.
    assert_eq!(
        lines_from(&text, "      was:", 10),
        [
            "      was: The Ministers affirmed that",
            "           the two countries would",
            "           deepen cooperation with",
            "           Australia, India and the",
            "           Republic of Korea.",
            "      now: The Ministers affirmed that",
            "           the two countries will deepen",
            "           cooperation with Australia,",
            "           India and the Republic of",
            "           Korea.",
        ]
    );
    // The redline has no indent: 40 columns for words.
    assert_eq!(
        lines_from(&text, "The Ministers", 4),
        [
            "The Ministers affirmed that the two",
            "countries [-would-]{+will+} deepen",
            "cooperation with Australia, India and",
            "the Republic of Korea.",
        ]
    );
    for line in text
        .lines()
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
    {
        assert!(line.chars().count() <= 40, "longer than 40: {line:?}");
    }
}

#[test]
fn a_pipe_gets_one_line_per_paragraph_and_width_0_too() {
    let (_dir, a, b) = pair(SENTENCE_OLD, SENTENCE_NEW);
    for extra in [&[][..], &["--width", "0"][..]] {
        let out = pledgediff()
            .arg("diff")
            .args(extra)
            .arg(&a)
            .arg(&b)
            .output()
            .unwrap();
        let text = stdout_of(&out);
        assert!(
            text.lines()
                .any(|l| l == format!("      was: {SENTENCE_OLD}")),
            "{extra:?}:\n{text}"
        );
    }
}

#[test]
fn long_pledge_texts_are_shown_whole() {
    // Longer than the 200 characters that were once shown.
    let long = format!(
        "The Ministers committed to strengthen cooperation on {} and to review it every year.",
        (1..=30)
            .map(|n| format!("area {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(long.chars().count() > 300);
    let (_dir, a, b) = pair("The Ministers met in Tokyo.", &long);
    let out = pledgediff().arg("diff").arg(&a).arg(&b).output().unwrap();
    let text = stdout_of(&out);
    assert!(text.lines().any(|l| l == format!("      {long}")), "{text}");
    // Wrapped, every word is still there, in order and whole.
    let out = pledgediff()
        .args(["diff", "--width", "50"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("+ added"))
        .skip(1)
        .take_while(|l| !l.contains("new pledge"))
        .collect();
    assert!(block.iter().all(|l| l.starts_with("      ")), "{block:#?}");
    let words: Vec<&str> = block.iter().flat_map(|l| l.split_whitespace()).collect();
    assert_eq!(words, long.split_whitespace().collect::<Vec<_>>());
}

// ---------------------------------------------------------------- --only

fn diff_json(args: &[&str]) -> (Option<i32>, pledgediff::render::json::DiffView) {
    let out = pledgediff()
        .args(["diff", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let view = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stderr_of(&out)));
    (out.status.code(), view)
}

#[test]
fn only_filters_pledges_paragraphs_and_the_exit_status() {
    let (_, all) = diff_json(&[OLD_2021, NEW_2023]);
    let (code, only) = diff_json(&["--only", "weakened,dropped", OLD_2021, NEW_2023]);
    assert_eq!(code, Some(1));
    let expected: Vec<_> = all
        .pledges
        .iter()
        .filter(|p| p.change == "weakened" || p.change == "dropped")
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.pledges.len());
    assert_eq!(only.pledges.iter().collect::<Vec<_>>(), expected);
    // Only the paragraphs that hold one of them.
    assert!(only.paragraphs.len() < all.paragraphs.len());
    for p in &only.paragraphs {
        assert!(
            only.pledges.iter().any(|ch| {
                ch.old
                    .as_ref()
                    .is_some_and(|o| p.old.contains(&o.paragraph))
                    || ch
                        .new
                        .as_ref()
                        .is_some_and(|n| p.new.contains(&n.paragraph))
            }),
            "{p:?}"
        );
    }
    // In text too: one redline per shown paragraph.
    let out = pledgediff()
        .args(["diff", "--only", "weakened,dropped", OLD_2021, NEW_2023])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let redlines = text.lines().filter(|l| l.starts_with("@@ ")).count();
    assert_eq!(redlines, only.paragraphs.len(), "{text}");
    assert!(text.contains("hidden by the filter"), "{text}");
}

#[test]
fn a_filter_that_lets_nothing_through_exits_0() {
    // 2017 -> 2019 changes a lot, but weakens no pledge on cyber.
    let (code, all) = diff_json(&[OLD_2017, NEW_2019]);
    assert_eq!(code, Some(1));
    assert!(!all
        .pledges
        .iter()
        .any(|p| p.change == "weakened" && p.topics.iter().any(|t| t == "cyber")));
    let (code, none) = diff_json(&["--only", "weakened", "--topic", "cyber", OLD_2017, NEW_2019]);
    assert_eq!(code, Some(0));
    assert!(none.pledges.is_empty() && none.paragraphs.is_empty());
    let (code, _) = diff_json(&["--only", "added", "--topic", "cyber", OLD_2017, NEW_2019]);
    assert_eq!(code, Some(1));
}

#[test]
fn only_is_validated_by_name() {
    let out = pledgediff()
        .args(["diff", "--only", "added,softened", OLD_2017, NEW_2019])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("softened"), "{err}");
    for kind in ["added", "dropped", "strengthened", "weakened", "modified"] {
        assert!(err.contains(kind), "{err}");
    }
    let out = pledgediff()
        .args([
            "diff",
            "--only",
            "added",
            "--min-change",
            OLD_2017,
            NEW_2019,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--only with --min-change");
}

#[test]
fn min_change_is_only_without_modified() {
    let (c1, a) = diff_json(&["--min-change", OLD_2017, NEW_2019]);
    let (c2, b) = diff_json(&[
        "--only",
        "strengthened,added,weakened,dropped",
        OLD_2017,
        NEW_2019,
    ]);
    assert_eq!(
        (c1, &a.pledges, &a.paragraphs),
        (c2, &b.pledges, &b.paragraphs)
    );
}

#[test]
fn log_only_keeps_lineages_with_such_a_change() {
    let out = pledgediff()
        .args(["log", "--format", "json", "--only", "weakened"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let series = v["series"].as_array().unwrap();
    let lineages: Vec<&serde_json::Value> = series
        .iter()
        .flat_map(|s| s["lineages"].as_array().unwrap())
        .collect();
    assert!(!lineages.is_empty());
    for l in &lineages {
        let events = l["events"].as_array().unwrap();
        assert!(events.iter().any(|e| e["kind"] == "weakened"), "{l:#}");
    }
    for step in series.iter().flat_map(|s| s["steps"].as_array().unwrap()) {
        for k in ["added", "dropped", "strengthened", "modified"] {
            assert_eq!(step["summary"][format!("pledges_{k}")], 0, "{step:#}");
        }
    }
}

// ---------------------------------------------------------------- colors

#[test]
fn git_pager_in_use_keeps_colors_unless_no_color_or_never() {
    let run = |envs: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = pledgediff();
        cmd.env_remove("NO_COLOR").env_remove("GIT_PAGER_IN_USE");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd
            .args(["diff", "--no-pager"])
            .args(extra)
            .args([OLD_2017, NEW_2019])
            .output()
            .unwrap();
        out.stdout.contains(&0x1b)
    };
    assert!(!run(&[], &[]), "a pipe gets no color");
    assert!(run(&[("GIT_PAGER_IN_USE", "true")], &[]));
    assert!(!run(
        &[("GIT_PAGER_IN_USE", "true"), ("NO_COLOR", "1")],
        &[]
    ));
    assert!(!run(&[("GIT_PAGER_IN_USE", "true")], &["--color", "never"]));
    assert!(!run(&[("GIT_PAGER_IN_USE", "false")], &[]));
}

#[test]
fn git_external_diff_is_colored_under_git_pager() {
    let old = history("2017-08-17.md");
    let new = history("2019-04-19.md");
    let out = pledgediff()
        .env_remove("NO_COLOR")
        .env("GIT_PAGER_IN_USE", "true")
        .arg("git-diff")
        .arg("us-japan-scc/x.md")
        .arg(&old)
        .args(["0000000", "100644"])
        .arg(&new)
        .args(["0000000", "100644"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(out.stdout.contains(&0x1b));
}

// ---------------------------------------------------------------- pager

/// Runs pledgediff with its standard output on a pseudo-terminal of
/// `cols` columns; returns the exit status and what reached the terminal.
#[cfg(target_os = "linux")]
fn on_a_terminal(
    args: &[&str],
    envs: &[(&str, &Path)],
    pager: Option<&str>,
) -> (Option<i32>, String) {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 70,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the integers given.
    let ok = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(ok, 0, "openpty");
    // SAFETY: both are open descriptors that nothing else owns.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pledgediff"));
    cmd.current_dir(crate::common::root())
        .env("NO_COLOR", "1")
        .env_remove("GIT_PAGER_IN_USE")
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::from(slave))
        .stderr(std::process::Stdio::piped());
    match pager {
        Some(p) => cmd.env("PAGER", p),
        None => cmd.env_remove("PAGER"),
    };
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    // The slave end now lives only in the child.
    drop(cmd);
    let mut master = std::fs::File::from(master);
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        // Ends with EIO once the child (and any pager) closed the terminal.
        let _ = master.read_to_end(&mut seen);
        seen
    });
    let status = child.wait().unwrap();
    let seen = reader.join().unwrap();
    (
        status.code(),
        String::from_utf8_lossy(&seen).replace("\r\n", "\n"),
    )
}

/// A pager script that notes it ran and keeps what it was given.
#[cfg(target_os = "linux")]
fn recording_pager(dir: &Path) -> (String, PathBuf, PathBuf) {
    let ran = dir.join("ran");
    let got = dir.join("got");
    let script = dir.join("pager.sh");
    fs::write(
        &script,
        "#!/bin/sh\necho \"$LESS\" > \"$PAGER_RAN\"\ncat > \"$PAGER_GOT\"\n",
    )
    .unwrap();
    (format!("sh {}", script.display()), ran, got)
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gets_the_pager_and_the_run_keeps_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let (pager, ran, got) = recording_pager(dir.path());
    let envs = [("PAGER_RAN", ran.as_path()), ("PAGER_GOT", got.as_path())];
    let (code, screen) = on_a_terminal(&["diff", OLD_2017, NEW_2019], &envs, Some(&pager));
    assert_eq!(code, Some(1), "the diff's status, not the pager's");
    assert!(ran.exists(), "the pager did not run; screen:\n{screen}");
    // LESS is set for a pager that is less without options.
    assert_eq!(fs::read_to_string(&ran).unwrap().trim(), "FRX");
    let paged = fs::read_to_string(&got).unwrap();
    assert!(paged.contains("Pledges:"), "{paged}");
    // Wrapped to the terminal's 70 columns.
    assert!(paged.lines().any(|l| l.starts_with("      ")));
    for line in paged
        .lines()
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
    {
        assert!(line.chars().count() <= 70, "{line:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn no_pager_an_empty_pager_and_cat_write_to_the_terminal() {
    for (args, pager) in [
        (&["diff", "--no-pager", OLD_2017, NEW_2019][..], Some("")),
        (&["diff", OLD_2017, NEW_2019][..], Some("")),
        (&["diff", OLD_2017, NEW_2019][..], Some("cat")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (script, ran, got) = recording_pager(dir.path());
        let envs = [("PAGER_RAN", ran.as_path()), ("PAGER_GOT", got.as_path())];
        // --no-pager wins over a PAGER that is set.
        let pager = if args.contains(&"--no-pager") {
            Some(script.as_str())
        } else {
            pager
        };
        let (code, screen) = on_a_terminal(args, &envs, pager);
        assert_eq!(code, Some(1), "{args:?} {pager:?}");
        assert!(!ran.exists(), "{args:?} {pager:?}: the pager ran");
        assert!(screen.contains("Pledges:"), "{args:?} {pager:?}:\n{screen}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_pager_that_quits_at_once_leaves_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let quitter = dir.path().join("quit.sh");
    fs::write(&quitter, "#!/bin/sh\nexit 3\n").unwrap();
    let pager = format!("sh {}", quitter.display());
    let (code, _) = on_a_terminal(&["diff", OLD_2017, NEW_2019], &[], Some(&pager));
    assert_eq!(code, Some(1));
    let (code, _) = on_a_terminal(&["diff", NEW_2019, NEW_2019], &[], Some(&pager));
    assert_eq!(code, Some(0));
}

// ---------------------------------------------------------------- docs

#[test]
fn man_dir_writes_every_page_the_top_page_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = pledgediff()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let top = fs::read_to_string(dir.path().join("pledgediff.1")).unwrap();
    let top = top.replace("\\-", "-");
    for cmd in [
        "diff",
        "normalize",
        "pledges",
        "log",
        "report",
        "check",
        "add",
        "completions",
        "man",
    ] {
        assert!(top.contains(&format!("pledgediff-{cmd}(1)")), "{cmd}");
        let page = fs::read_to_string(dir.path().join(format!("pledgediff-{cmd}.1")))
            .unwrap_or_else(|e| panic!("pledgediff-{cmd}.1: {e}"));
        for section in [".SH OPTIONS", ".SH \"EXIT STATUS\"", ".SH EXAMPLES"] {
            assert!(page.contains(section), "{cmd}: no {section}:\n{page}");
        }
    }
    assert!(!top.contains("git-diff"), "a hidden command has no page");
    let diff = fs::read_to_string(dir.path().join("pledgediff-diff.1")).unwrap();
    for flag in ["only", "width", "no\\-pager", "topic"] {
        assert!(diff.contains(&format!("\\-\\-{flag}")), "--{flag}");
    }
    // One page on standard output is the same as the file.
    let out = pledgediff().args(["man", "diff"]).output().unwrap();
    assert_eq!(stdout_of(&out), diff);
}

/// A shell line split into words: double quotes group, `>` redirects
/// (to a file named after it, which is dropped here).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if let Some(at) = out.iter().position(|w| w == ">") {
        out.truncate(at);
    }
    out
}

#[test]
fn every_help_example_runs() {
    let commands = [
        "diff",
        "normalize",
        "pledges",
        "log",
        "report",
        "check",
        "add",
        "completions",
        "man",
    ];
    let mut ran = 0;
    for cmd in commands {
        let help = stdout_of(&pledgediff().args([cmd, "--help"]).output().unwrap());
        let dir = if help.contains("Examples (in history/us-japan-scc/ of a clone") {
            "history/us-japan-scc"
        } else {
            assert!(help.contains("Examples (in a clone of"), "{cmd}:\n{help}");
            ""
        };
        let examples: Vec<&str> = help
            .lines()
            .skip_while(|l| !l.starts_with("Examples ("))
            .take_while(|l| *l != "Exit status:")
            .filter_map(|l| l.strip_prefix("  pledgediff "))
            .collect();
        assert!(!examples.is_empty(), "{cmd} --help has no example:\n{help}");
        assert!(help.contains("Exit status:"), "{cmd}");
        for example in examples {
            // In a copy of the repository's archive, so that files the
            // examples write land there.
            let (tmp, _archive) = crate::archive::copy_history();
            let out = pledgediff()
                .current_dir(tmp.path().join(dir))
                .args(words(example))
                .output()
                .unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "`pledgediff {example}` failed: {}",
                stderr_of(&out)
            );
            ran += 1;
        }
    }
    assert!(ran >= commands.len());
}
