//! The command-line layer: clap definitions and their conversion into a
//! validated [`Config`]. The core never sees raw flags.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, DiffConfig, Format, NormalizeConfig, PledgesConfig, ReadSettings};
use crate::error::{Error, Result};
use crate::render::Context;

/// Track how successive joint statements change: aligned word diffs and
/// pledge-level semantic diffs.
#[derive(Debug, Parser)]
#[command(name = "pledgediff", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two statements: pledge changes, then paragraph redlines.
    ///
    /// Exit status: 0 no substantive change, 1 changes found, 2 error.
    Diff(DiffArgs),
    /// Show a statement's clean paragraphs (page chrome stripped).
    Normalize(NormalizeArgs),
    /// List a statement's pledges with their strength and topics.
    Pledges(PledgesArgs),
}

/// Output format flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Human-readable terminal output.
    Text,
    /// GitHub-flavored Markdown.
    Markdown,
    /// JSON with a versioned schema.
    Json,
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Flags shared by every command that reads statements.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Keep page chrome (banners, captions, footers) instead of stripping it.
    #[arg(long)]
    pub keep_chrome: bool,
    /// Extra lexicon/topics YAML that extends or overrides the built-in one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

/// `diff` arguments.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Older statement (`-` for standard input).
    pub old: PathBuf,
    /// Newer statement (`-` for standard input).
    pub new: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Show N unchanged paragraphs around each change.
    #[arg(
        long,
        short = 'C',
        value_name = "N",
        default_value_t = 0,
        conflicts_with = "all"
    )]
    pub context: usize,
    /// Show every paragraph, changed or not.
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Only report pledges on this topic (e.g. cyber, article-v).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Hide `modified` pledges; show only added, dropped, strengthened, weakened.
    #[arg(long)]
    pub min_change: bool,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `normalize` arguments.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// Statement file (`-` for standard input).
    pub file: PathBuf,
    /// Output format (text or json).
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `pledges` arguments.
#[derive(Debug, Args)]
pub struct PledgesArgs {
    /// Statement file (`-` for standard input).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Only list pledges on this topic.
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Decides whether to color: `always`/`never` win; `auto` colors only a
/// terminal and honors `NO_COLOR` (any non-empty value).
pub fn use_color(arg: ColorArg) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn read_settings(r: ReadArgs) -> ReadSettings {
    ReadSettings {
        keep_chrome: r.keep_chrome,
        lexicon: r.lexicon,
    }
}

fn check_topic(topic: &Option<String>) -> Result<()> {
    if let Some(t) = topic {
        let lex = crate::lexicon::Lexicon::builtin();
        if t.trim().is_empty() {
            return Err(Error::Usage(
                "--topic needs a topic id, e.g. `--topic cyber`".into(),
            ));
        }
        if lex.topic(t).is_none() {
            // A user lexicon may define it; that is checked once it is loaded.
            let known: Vec<&str> = lex.topics.iter().map(|t| t.id.as_str()).collect();
            if !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(Error::Usage(format!(
                    "--topic `{t}` is not a topic id; known topics: {}",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(())
}

impl Cli {
    /// Validates the parsed flags into a [`Config`].
    pub fn into_config(self) -> Result<Config> {
        Ok(match self.command {
            Command::Diff(a) => {
                check_topic(&a.topic)?;
                if a.old.as_os_str() == "-" && a.new.as_os_str() == "-" {
                    return Err(Error::Usage(
                        "only one of OLD and NEW can be `-` (standard input is read once)".into(),
                    ));
                }
                Config::Diff(DiffConfig {
                    old: a.old,
                    new: a.new,
                    format: a.format.into(),
                    color: use_color(a.color),
                    context: if a.all {
                        Context::All
                    } else {
                        Context::Around(a.context)
                    },
                    topic: a.topic,
                    min_change: a.min_change,
                    read: read_settings(a.read),
                })
            }
            Command::Normalize(a) => {
                if a.format == FormatArg::Markdown {
                    return Err(Error::Usage(
                        "normalize supports --format text or json".into(),
                    ));
                }
                Config::Normalize(NormalizeConfig {
                    file: a.file,
                    format: a.format.into(),
                    read: read_settings(a.read),
                })
            }
            Command::Pledges(a) => {
                check_topic(&a.topic)?;
                Config::Pledges(PledgesConfig {
                    file: a.file,
                    format: a.format.into(),
                    color: use_color(a.color),
                    topic: a.topic,
                    read: read_settings(a.read),
                })
            }
        })
    }
}
