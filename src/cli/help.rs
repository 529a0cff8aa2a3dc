//! What `--help` and the man pages say beyond the flags: each command's
//! examples and exit statuses, written once here and shown in both.
//!
//! Every example runs as written from a clone of the repository, on the
//! bundled archive `history/` (a test runs each one).

use clap::{ArgMatches, CommandFactory, FromArgMatches};
use clap_mangen::roff::{bold, roman, Roff};

use std::io::Write;

use pledgediff::error::{display_path, Error, Result};
use pledgediff::escape::visible as esc;
use pledgediff::output;

use super::{Cli, ManRequest};

/// One example: the command line, and what it shows.
pub struct Example {
    /// The command line, as typed in a shell from the repository's root.
    pub line: &'static str,
    /// What it does, in a sentence.
    pub what: &'static str,
}

/// The extra documentation of one command.
pub struct Doc {
    /// The subcommand's name.
    pub name: &'static str,
    /// The folder of a clone of the repository its examples run in
    /// (empty for the clone's root).
    pub dir: &'static str,
    /// Its examples.
    pub examples: &'static [Example],
    /// Its exit statuses: status and meaning.
    pub exit: &'static [(u8, &'static str)],
}

/// The bundled series, where the examples that compare statements run.
const STATEMENTS: &str = "history/us-japan-scc";

/// Exit statuses of the commands that only show something.
const SHOWS: &[(u8, &str)] = &[(0, "the output was written"), (2, "an error")];

/// Exit statuses of `log` and `report`.
const ARCHIVE: &[(u8, &str)] = &[
    (0, "the output was written"),
    (
        2,
        "an error, or a statement could not be read and was left out (named on stderr)",
    ),
];

/// The extra documentation of every visible command.
pub const DOCS: &[Doc] = &[
    Doc {
        name: "diff",
        dir: STATEMENTS,
        examples: &[
            Example {
                line: "pledgediff diff 2017-08-17.md 2019-04-19.md",
                what: "Pledge changes from the 2017 statement to the 2019 one, then the paragraphs that changed.",
            },
            Example {
                line: "pledgediff diff --only weakened,dropped 2021-03-16.md 2023-01-11.md",
                what: "Only the pledges that were weakened or dropped, and the paragraphs that hold them; exit status 1 only if there is one.",
            },
            Example {
                line: "pledgediff diff --topic cyber --format json 2017-08-17.md 2019-04-19.md",
                what: "The cyber pledge changes and their paragraphs as JSON (pledgediff.diff/2).",
            },
            Example {
                line: "pledgediff diff --width 72 --no-pager --all 2019-04-19.md 2021-03-16.md",
                what: "Every paragraph, wrapped to 72 columns, straight to standard output.",
            },
        ],
        exit: &[
            (
                0,
                "nothing substantive changed (with a filter: no pledge change passed it)",
            ),
            (
                1,
                "changes found (with --topic, --only or --min-change: a pledge change is shown)",
            ),
            (2, "an error (unreadable file, bad flag)"),
        ],
    },
    Doc {
        name: "normalize",
        dir: STATEMENTS,
        examples: &[
            Example {
                line: "pledgediff normalize 2019-04-19.md",
                what: "The statement's paragraphs as pledgediff reads them, with the page chrome it removed.",
            },
            Example {
                line: "pledgediff normalize --format json 2019-04-19.md",
                what: "The same as JSON (pledgediff.normalize/1).",
            },
        ],
        exit: SHOWS,
    },
    Doc {
        name: "pledges",
        dir: STATEMENTS,
        examples: &[
            Example {
                line: "pledgediff pledges --topic article-v 2019-04-19.md",
                what: "The 2019 statement's pledges on Article V, with their strength.",
            },
            Example {
                line: "pledgediff pledges --explain 2023-01-11.md",
                what: "Every pledge, and what each of its features adds to its strength.",
            },
        ],
        exit: SHOWS,
    },
    Doc {
        name: "log",
        dir: "",
        examples: &[
            Example {
                line: "pledgediff log",
                what: "The bundled archive's timeline and the pledges that changed.",
            },
            Example {
                line: "pledgediff log --topic cyber --only added,strengthened",
                what: "The cyber pledges that were added or strengthened at some step.",
            },
            Example {
                line: "pledgediff log --grep \"Article V\" --format json history",
                what: "The lineages of pledges that mention Article V, as JSON (pledgediff.log/1).",
            },
        ],
        exit: ARCHIVE,
    },
    Doc {
        name: "report",
        dir: "",
        examples: &[
            Example {
                line: "pledgediff report -o report.md",
                what: "The bundled archive's Markdown change report, written to report.md.",
            },
            Example {
                line: "pledgediff report --format json history",
                what: "The same report as JSON (pledgediff.report/1) on standard output.",
            },
        ],
        exit: ARCHIVE,
    },
    Doc {
        name: "check",
        dir: "",
        examples: &[
            Example {
                line: "pledgediff check",
                what: "Checks the bundled archive and the rules in history/rules.yaml.",
            },
            Example {
                line: "pledgediff check --format github history",
                what: "The same, as GitHub Actions annotations.",
            },
        ],
        exit: &[
            (0, "every file and rule holds"),
            (1, "a rule or an integrity check failed"),
            (2, "an error, or a statement could not be read"),
        ],
    },
    Doc {
        name: "add",
        dir: "",
        examples: &[Example {
            line: "pledgediff add --dry-run --series demo history/us-japan-scc/2023-01-11.md",
            what: "Shows the file an import of the 2023 statement into a series `demo` would write, writing nothing.",
        }],
        exit: &[
            (0, "the statement was written (or shown, with --dry-run)"),
            (2, "an error; nothing was written"),
        ],
    },
    Doc {
        name: "completions",
        dir: "",
        examples: &[Example {
            line: "pledgediff completions bash > pledgediff.bash",
            what: "Bash completions, to be sourced from ~/.bashrc or installed where bash-completion looks.",
        }],
        exit: SHOWS,
    },
    Doc {
        name: "man",
        dir: "",
        examples: &[
            Example {
                line: "pledgediff man diff",
                what: "The man page of `pledgediff diff`, in roff (`pledgediff man diff | man -l -` shows it).",
            },
            Example {
                line: "pledgediff man --dir man",
                what: "Writes pledgediff.1 and a page for every command into the folder man.",
            },
        ],
        exit: SHOWS,
    },
];

/// Examples of the top-level page.
const TOP_EXAMPLES: &[Example] = &[
    Example {
        line:
            "pledgediff diff history/us-japan-scc/2017-08-17.md history/us-japan-scc/2019-04-19.md",
        what: "Compares two statements of the bundled archive.",
    },
    Example {
        line: "pledgediff log --topic cyber",
        what: "The archive's cyber pledges over time.",
    },
];

/// Exit statuses of the program as a whole.
const TOP_EXIT: &[(u8, &str)] = &[
    (0, "nothing substantive changed, or the check passed"),
    (1, "changes found, or a check failed (diff, check)"),
    (2, "an error"),
];

/// Where a command's examples run, in words.
fn run_in(dir: &str) -> String {
    if dir.is_empty() {
        "in a clone of the pledgediff repository".into()
    } else {
        format!("in {dir}/ of a clone of the pledgediff repository")
    }
}

/// The `--help` epilogue: examples, then exit statuses.
fn epilogue(dir: &str, examples: &[Example], exit: &[(u8, &str)]) -> String {
    let mut s = format!("Examples ({}):\n", run_in(dir));
    for e in examples {
        s.push_str(&format!("  {}\n      {}\n", e.line, e.what));
    }
    s.push_str("\nExit status:\n");
    for (code, what) in exit {
        s.push_str(&format!("  {code}  {what}\n"));
    }
    s.trim_end().to_string()
}

/// The clap command with every command's examples and exit statuses.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command().after_help(epilogue("", TOP_EXAMPLES, TOP_EXIT));
    for doc in DOCS {
        cmd = cmd.mut_subcommand(doc.name, |c| {
            c.after_help(epilogue(doc.dir, doc.examples, doc.exit))
        });
    }
    cmd
}

/// Parses the process's arguments (exiting with clap's message and status
/// 2 on a usage error, or 0 after `--help`).
pub fn parse() -> Cli {
    let matches: ArgMatches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The names of the visible commands, which have man pages.
pub fn man_commands() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(DOCS.iter().map(|d| d.name))
}

/// The command for man pages: built (so subcommands have their full names,
/// `pledgediff-diff`), without clap's `help` subcommand.
fn man_command() -> clap::Command {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// One page: clap_mangen's sections, then exit statuses and examples
/// (not clap's epilogue, which would run the examples into one line).
fn page(
    cmd: clap::Command,
    dir: &str,
    examples: &[Example],
    exit: &[(u8, &str)],
) -> std::io::Result<Vec<u8>> {
    let has_subcommands = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    if has_subcommands {
        man.render_subcommands_section(&mut out)?;
    }
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in exit {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["EXAMPLES"]);
    roff.text([roman(format!("Run {}:", run_in(dir)))]);
    for e in examples {
        roff.control("TP", []);
        roff.text([bold(e.line)]);
        roff.text([roman(e.what)]);
    }
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// The top-level page (`pledgediff.1`).
pub fn top_page() -> std::io::Result<Vec<u8>> {
    page(man_command(), "", TOP_EXAMPLES, TOP_EXIT)
}

/// Every page: file name and roff, the top-level page first, then one per
/// command the top-level page lists.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let cmd = man_command();
    let mut pages = vec![(
        "pledgediff.1".to_string(),
        page(cmd.clone(), "", TOP_EXAMPLES, TOP_EXIT)?,
    )];
    for doc in DOCS {
        pages.push((
            format!("pledgediff-{}.1", doc.name),
            command_page_of(&cmd, doc)?,
        ));
    }
    Ok(pages)
}

/// The page of one command (`pledgediff-diff.1`), or `None` for a name
/// that has none.
pub fn command_page(name: &str) -> Option<std::io::Result<Vec<u8>>> {
    let doc = DOCS.iter().find(|d| d.name == name)?;
    Some(command_page_of(&man_command(), doc))
}

fn command_page_of(cmd: &clap::Command, doc: &Doc) -> std::io::Result<Vec<u8>> {
    let sub = cmd
        .find_subcommand(doc.name)
        .cloned()
        .ok_or_else(|| std::io::Error::other(format!("no command {}", doc.name)))?;
    page(sub, doc.dir, doc.examples, doc.exit)
}

/// Prints shell completions for `shell` on `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut command(), "pledgediff", out);
}

/// Prints the page `m` asks for on `out`, or writes every page into its
/// folder, naming each file written on standard error.
pub fn man(m: &ManRequest, out: &mut dyn Write) -> Result<()> {
    match (&m.dir, &m.command) {
        (Some(dir), _) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::Write {
                path: display_path(dir),
                source: e,
            })?;
            for (name, page) in man_pages().map_err(write_error)? {
                let path = dir.join(&name);
                output::write_atomic(&path, &page, true)?;
                eprintln!("pledgediff: wrote {}", esc(&path.display().to_string()));
            }
        }
        (None, Some(name)) => {
            let page = command_page(name)
                .ok_or_else(|| Error::Usage(format!("no man page for `{}`", esc(name))))?
                .map_err(write_error)?;
            out.write_all(&page).map_err(write_error)?;
        }
        (None, None) => {
            let page = top_page().map_err(write_error)?;
            out.write_all(&page).map_err(write_error)?;
        }
    }
    Ok(())
}

/// A failed write of what goes to standard output.
pub fn write_error(e: std::io::Error) -> Error {
    Error::Write {
        path: "<stdout>".into(),
        source: e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_visible_command_is_documented_and_nothing_else() {
        let cmd = man_command();
        let mut visible: Vec<&str> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name())
            .collect();
        let mut documented: Vec<&str> = DOCS.iter().map(|d| d.name).collect();
        visible.sort_unstable();
        documented.sort_unstable();
        assert_eq!(visible, documented);
        for d in DOCS {
            assert!(!d.examples.is_empty(), "{} has no example", d.name);
            assert!(d.exit.iter().any(|(c, _)| *c == 2), "{}", d.name);
        }
    }

    #[test]
    fn the_top_page_points_only_to_pages_that_are_made() {
        let pages = man_pages().unwrap();
        // roff writes a hyphen as `\-`.
        let top = String::from_utf8(pages[0].1.clone())
            .unwrap()
            .replace("\\-", "-");
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        let mut referenced = 0;
        for word in top.split(|c: char| c.is_whitespace()) {
            if let Some(name) = word.strip_suffix("(1)") {
                let name = name.trim_start_matches("\\fR").trim_start_matches("\\fB");
                if name.starts_with("pledgediff-") {
                    referenced += 1;
                    assert!(names.contains(&format!("{name}.1").as_str()), "{name}");
                }
            }
        }
        assert_eq!(referenced, DOCS.len(), "{top}");
    }
}
