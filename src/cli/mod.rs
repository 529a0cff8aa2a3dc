//! The binary's layer: clap definitions and their conversion into a
//! validated [`Config`] (the library never sees raw flags), and what only a
//! program on a terminal needs: color and width detection, the pager, the
//! progress bar, shell completions and man pages. None of it is part of the
//! library's API, so that the library carries no clap or terminal in it.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use pledgediff::config::{
    ArchiveConfig, CheckConfig, Config, DiffConfig, GitDiffConfig, LogConfig, NormalizeConfig,
    PledgesConfig, ReadSettings, ReportConfig,
};
use pledgediff::error::{Error, Result};
use pledgediff::pledge::PledgeChangeKind;
use pledgediff::render::{
    CheckFormat, CommandFormat, Context, DiffFormat, LogFormat, NormalizeFormat, PledgesFormat,
    ReportFormat,
};

pub mod help;
pub mod pager;
pub mod progress;

use help::man_commands;
pub use help::parse;

/// What the binary is asked to do: run a library command, or print what
/// only the binary knows about (its completions, its man pages).
#[derive(Debug)]
pub enum Action {
    /// A command the library runs (boxed: a config is several times the
    /// size of the other actions).
    Run(Box<Config>),
    /// Print shell completions.
    Completions(clap_complete::Shell),
    /// Print or write the man pages.
    Man(ManRequest),
}

/// `pledgediff man`: which page, and where.
#[derive(Debug, Clone, Default)]
pub struct ManRequest {
    /// Write every page (`pledgediff.1` and one per command) into this
    /// folder instead of printing one.
    pub dir: Option<PathBuf>,
    /// Print this command's page instead of the top-level one.
    pub command: Option<String>,
}

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
    /// Timeline of an archive: per step a pledge summary, then pledge lineages.
    Log(LogArgs),
    /// Markdown, HTML or JSON change report for a whole archive.
    Report(ReportArgs),
    /// CI gate: archive integrity and the rules in rules.yaml.
    ///
    /// Exit status: 0 all holds, 1 a rule or integrity check failed, 2 error.
    Check(CheckArgs),
    /// Import a raw statement (text, Markdown or saved HTML page) into an archive.
    Add(AddArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print a man page (roff), or write them all with --dir.
    Man(ManArgs),
    /// Git external diff driver: `git config diff.pledgediff.command "pledgediff git-diff"`.
    #[command(hide = true)]
    GitDiff(GitDiffArgs),
}

/// Flags shared by the archive commands.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// Archive folder: series folders of YYYY-MM-DD.md statements.
    #[arg(default_value = "history", value_name = "ARCHIVE")]
    pub archive: PathBuf,
    /// Worker threads that prepare and compare statements (default: all
    /// cores, or RAYON_NUM_THREADS); writing the output runs beside them.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `log` arguments.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Archive options.
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Only this series.
    #[arg(long, value_name = "SERIES")]
    pub series: Option<String>,
    /// Only pledges on this topic.
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Only pledges whose text matches this pattern (case-insensitive regex).
    #[arg(long, value_name = "PATTERN")]
    pub grep: Option<String>,
    /// Only these kinds of change: in the step counts, and lineages with
    /// at least one of them (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    pub only: Vec<KindArg>,
    /// Output format (text or json).
    #[arg(long, short = 'f', default_value = "text", value_parser = formats::<LogFormat>())]
    pub format: LogFormat,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Terminal layout.
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Archive options.
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format: markdown, html (one self-contained page) or json.
    #[arg(long, short = 'f', default_value = "markdown", value_parser = formats::<ReportFormat>())]
    pub format: ReportFormat,
    /// How much unchanged text to show.
    #[command(flatten)]
    pub context: ContextArgs,
    /// Paging.
    #[command(flatten)]
    pub pager: PagerArgs,
}

/// `check` arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Archive options.
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Rules file (default: ARCHIVE/rules.yaml when it exists).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Output format: text, github (workflow annotations) or json.
    #[arg(long, short = 'f', default_value = "text", value_parser = formats::<CheckFormat>())]
    pub format: CheckFormat,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Paging.
    #[command(flatten)]
    pub pager: PagerArgs,
}

/// `add` arguments.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Raw statement: text, Markdown or a saved HTML page (`-` for standard input).
    pub file: PathBuf,
    /// Archive folder.
    #[arg(long, default_value = "history", value_name = "DIR")]
    pub archive: PathBuf,
    /// Series folder (default: the file's front matter; never guessed).
    #[arg(long, value_name = "SERIES")]
    pub series: Option<String>,
    /// Statement date YYYY-MM-DD (default: the first date found in the text).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Accept any four-digit year, not only 1900-2200 (for older texts).
    #[arg(long)]
    pub any_year: bool,
    /// Title (default: the front matter's, the text's own `# ` heading, or the
    /// page `<title>` without the site name; never a news headline).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Source URL.
    #[arg(long, value_name = "URL")]
    pub source: Option<String>,
    /// Provenance label, e.g. published or illustrative (default: the front
    /// matter's, else `imported`).
    #[arg(long, value_name = "LABEL")]
    pub provenance: Option<String>,
    /// Replace an existing statement file.
    #[arg(long)]
    pub force: bool,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep page chrome.
    #[arg(long)]
    pub keep_chrome: bool,
}

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// git's external diff arguments: path old-file old-hex old-mode new-file new-hex new-mode.
#[derive(Debug, Args)]
pub struct GitDiffArgs {
    /// The seven arguments git passes.
    #[arg(num_args = 7, required = true, value_name = "GIT_ARGS")]
    pub args: Vec<String>,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Columns to wrap to (0: no wrapping; default: the terminal's width).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

/// `man` arguments.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (default: the top-level page).
    #[arg(value_name = "COMMAND", value_parser = man_commands())]
    pub command: Option<String>,
    /// Write every page (pledgediff.1 and pledgediff-COMMAND.1 for each
    /// command) into DIR instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// Paging flags of the commands whose output a person reads.
#[derive(Debug, Args)]
pub struct PagerArgs {
    /// Do not page the output, even on a terminal. Without it, output to a
    /// terminal goes through $PAGER (`less -FRX` when unset; none when
    /// PAGER is empty or `cat`).
    #[arg(long)]
    pub no_pager: bool,
}

/// Terminal layout flags of the text outputs.
#[derive(Debug, Args)]
pub struct LayoutArgs {
    /// Wrap text to N columns, continuation lines indented (0: no
    /// wrapping; default: the terminal's width on a terminal, none in a
    /// pipe or file).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Paging.
    #[command(flatten)]
    pub pager: PagerArgs,
}

/// A kind of pledge change, for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A pledge made for the first time.
    Added,
    /// A pledge no longer made.
    Dropped,
    /// The same pledge, made stronger.
    Strengthened,
    /// The same pledge, made weaker.
    Weakened,
    /// The same pledge, changed at the same strength.
    Modified,
}

impl From<KindArg> for PledgeChangeKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Added => PledgeChangeKind::Added,
            KindArg::Dropped => PledgeChangeKind::Dropped,
            KindArg::Strengthened => PledgeChangeKind::Strengthened,
            KindArg::Weakened => PledgeChangeKind::Weakened,
            KindArg::Modified => PledgeChangeKind::Modified,
        }
    }
}

/// The kinds `--only` names, in report order; `None` when it is not given.
fn only_kinds(only: &[KindArg]) -> Option<Vec<PledgeChangeKind>> {
    if only.is_empty() {
        return None;
    }
    let named: Vec<PledgeChangeKind> = only.iter().map(|&k| k.into()).collect();
    Some(
        PledgeChangeKind::ALL
            .into_iter()
            .filter(|k| named.contains(k))
            .collect(),
    )
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

/// How much unchanged text the redlines show (diff and report).
#[derive(Debug, Args)]
pub struct ContextArgs {
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
}

impl ContextArgs {
    fn context(&self) -> Context {
        if self.all {
            Context::All
        } else {
            Context::Around(self.context)
        }
    }
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
    /// Largest statement text to compare, in MiB (default 4). Comparing
    /// needs about 50 times the size of both statements in memory.
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=64))]
    pub max_size: Option<u64>,
    /// Read every statement with this genre profile (alliance, leaders,
    /// un-resolution, communique, eu-council, or one a --lexicon file
    /// adds), in place of each one's front matter `genre:`.
    #[arg(long, value_name = "ID")]
    pub genre: Option<String>,
    /// Folder of a sentence-embedding model (all-MiniLM-L6-v2 or one of
    /// its shape) whose opinion pledge pairing takes; needs a pledgediff
    /// built with the `model` feature (see docs/model.md).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
}

/// `diff` arguments.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Older statement: text, Markdown or a saved HTML page (`-` for standard input).
    pub old: PathBuf,
    /// Newer statement: text, Markdown or a saved HTML page (`-` for standard input).
    pub new: PathBuf,
    /// Output format (html: one self-contained page, side by side).
    #[arg(long, short = 'f', default_value = "text", value_parser = formats::<DiffFormat>())]
    pub format: DiffFormat,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// How much unchanged text to show.
    #[command(flatten)]
    pub context: ContextArgs,
    /// Only pledges on this topic (e.g. cyber, article-v), and only the
    /// paragraphs that hold one of their changes.
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Only these kinds of pledge change (comma-separated), and only the
    /// paragraphs that hold one of them.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    pub only: Vec<KindArg>,
    /// Same as `--only added,dropped,strengthened,weakened`.
    #[arg(long, conflicts_with = "only")]
    pub min_change: bool,
    /// Explain each pledge change: the candidates pairing considered, with
    /// their similarities, and how the strengths add up.
    #[arg(long)]
    pub explain: bool,
    /// Terminal layout.
    #[command(flatten)]
    pub layout: LayoutArgs,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `normalize` arguments.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// Statement: text, Markdown or a saved HTML page (`-` for standard input).
    pub file: PathBuf,
    /// Output format (text or json).
    #[arg(long, short = 'f', default_value = "text", value_parser = formats::<NormalizeFormat>())]
    pub format: NormalizeFormat,
    /// Paging.
    #[command(flatten)]
    pub pager: PagerArgs,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `pledges` arguments.
#[derive(Debug, Args)]
pub struct PledgesArgs {
    /// Statement: text, Markdown or a saved HTML page (`-` for standard input).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', default_value = "text", value_parser = formats::<PledgesFormat>())]
    pub format: PledgesFormat,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Only list pledges on this topic.
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Explain each pledge: why it is one, its actor and verb, and what
    /// each feature adds to its strength.
    #[arg(long)]
    pub explain: bool,
    /// Terminal layout.
    #[command(flatten)]
    pub layout: LayoutArgs,
    /// Reading options.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Decides whether to color: `always`/`never` win; `auto` colors a
/// terminal, or git's pager, and honors `NO_COLOR` and `CLICOLOR_FORCE`.
pub fn use_color(arg: ColorArg) -> bool {
    let var = |name: &str| std::env::var_os(name);
    color_wanted(
        arg,
        &ColorEnv {
            no_color: var("NO_COLOR").is_some_and(|v| !v.is_empty()),
            force: var("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0"),
            git_pager: git_pager_in_use(),
            terminal: std::io::stdout().is_terminal(),
        },
    )
}

/// What the environment says about color.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColorEnv {
    /// `NO_COLOR` is set to something (no-color.org).
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set and not `0` (bixense.com/clicolors).
    pub force: bool,
    /// git's pager reads standard output (`GIT_PAGER_IN_USE`).
    pub git_pager: bool,
    /// Standard output is a terminal.
    pub terminal: bool,
}

/// The color decision: `always`/`never` win; under `auto`, `NO_COLOR`
/// wins, `CLICOLOR_FORCE` forces color through a pipe, and a terminal or
/// git's pager (run as git's external diff, standard output is a pipe to
/// the pager git started, which shows colors) gets color.
pub fn color_wanted(arg: ColorArg, env: &ColorEnv) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => !env.no_color && (env.force || env.terminal || env.git_pager),
    }
}

/// Whether git says its pager reads our output: git sets
/// `GIT_PAGER_IN_USE=true` for the commands it runs under its pager.
fn git_pager_in_use() -> bool {
    std::env::var_os("GIT_PAGER_IN_USE").is_some_and(|v| {
        let v = v.to_string_lossy().to_ascii_lowercase();
        !matches!(v.trim(), "" | "0" | "false" | "no" | "off")
    })
}

/// The columns text output wraps to. `--width N` decides when given (0:
/// no wrapping); otherwise standard output's terminal width, or under
/// git's pager the width of the terminal standard error still is; a pipe
/// or a file gets no wrapping, one line per paragraph.
pub fn wrap_width(flag: Option<usize>) -> Option<usize> {
    match flag {
        Some(0) => None,
        Some(n) => Some(n),
        None => {
            let cols = |size: Option<(terminal_size::Width, terminal_size::Height)>| {
                size.map(|(w, _)| usize::from(w.0)).filter(|&w| w > 0)
            };
            if std::io::stdout().is_terminal() {
                cols(terminal_size::terminal_size_of(std::io::stdout()))
            } else if git_pager_in_use() {
                cols(terminal_size::terminal_size_of(std::io::stderr()))
            } else {
                None
            }
        }
    }
}

fn read_settings(r: ReadArgs) -> ReadSettings {
    ReadSettings {
        keep_chrome: r.keep_chrome,
        lexicon: r.lexicon,
        max_size: r.max_size.map(|m| m as usize * 1024 * 1024),
        genre: r.genre,
        model: r.model,
    }
}

/// Checks that `--topic` looks like a topic id. Whether the topic exists is
/// checked once the lexicon (built-in or `--lexicon`) is loaded.
fn check_topic(topic: &Option<String>) -> Result<()> {
    match topic {
        Some(t) if t.trim().is_empty() => Err(Error::Usage(
            "--topic needs a topic id, e.g. `--topic cyber`".into(),
        )),
        Some(t)
            if !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            Err(Error::Usage(format!(
                "--topic `{t}` is not a topic id (letters, digits and dashes, e.g. `article-v`)"
            )))
        }
        _ => Ok(()),
    }
}

/// The most worker threads `--jobs` may ask for. Each thread has its own
/// stack and scratch memory, and thousands of them hung the machine rather
/// than running faster; no machine this runs on has more cores than this.
pub const MAX_JOBS: usize = 256;

fn archive_config(a: ArchiveArgs) -> Result<ArchiveConfig> {
    if a.jobs == Some(0) {
        return Err(Error::Usage("--jobs must be at least 1".into()));
    }
    if let Some(n) = a.jobs.filter(|&n| n > MAX_JOBS) {
        return Err(Error::Usage(format!(
            "--jobs {n} is more than the {MAX_JOBS} allowed; give at most the number of cores"
        )));
    }
    // Without --jobs, rayon takes RAYON_NUM_THREADS as it is: an absurd
    // value there is held to the same ceiling rather than spawned.
    let from_env = || {
        let n: usize = std::env::var("RAYON_NUM_THREADS")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        (n > MAX_JOBS).then_some(MAX_JOBS)
    };
    Ok(ArchiveConfig {
        root: a.archive,
        jobs: a.jobs.or_else(from_env),
        read: read_settings(a.read),
    })
}

/// A `--format` parser that offers (in `--help` and completions) and
/// accepts only the formats a command supports: the library's list for
/// the command, so that the two cannot disagree.
fn formats<F: CommandFormat>() -> impl clap::builder::TypedValueParser<Value = F> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(F::ALL.iter().map(|f| f.format().name()))
        .map(|s| F::from_name(&s).expect("a listed format"))
}

impl Cli {
    /// Whether the command's output may go through a pager: the commands
    /// whose output a person reads on standard output, without
    /// `--no-pager`. (Whether it does depends on the terminal and
    /// `$PAGER`, which the binary looks at.)
    pub fn pages(&self) -> bool {
        match &self.command {
            Command::Diff(a) => !a.layout.pager.no_pager,
            Command::Pledges(a) => !a.layout.pager.no_pager,
            Command::Log(a) => !a.layout.pager.no_pager,
            Command::Normalize(a) => !a.pager.no_pager,
            Command::Check(a) => !a.pager.no_pager,
            Command::Report(a) => {
                !a.pager.no_pager && a.output.as_ref().is_none_or(|o| o.as_os_str() == "-")
            }
            Command::Add(_) | Command::Completions(_) | Command::Man(_) | Command::GitDiff(_) => {
                false
            }
        }
    }

    /// Validates the parsed flags into what to do.
    pub fn into_action(self) -> Result<Action> {
        Ok(Action::Run(Box::new(match self.command {
            Command::Diff(a) => {
                check_topic(&a.topic)?;
                if a.old.as_os_str() == "-" && a.new.as_os_str() == "-" {
                    return Err(Error::Usage(
                        "only one of OLD and NEW can be `-` (standard input is read once)".into(),
                    ));
                }
                Config::Diff(DiffConfig {
                    format: a.format,
                    old: a.old,
                    new: a.new,
                    color: use_color(a.color),
                    context: a.context.context(),
                    topic: a.topic,
                    only: if a.min_change {
                        only_kinds(&[
                            KindArg::Added,
                            KindArg::Dropped,
                            KindArg::Strengthened,
                            KindArg::Weakened,
                        ])
                    } else {
                        only_kinds(&a.only)
                    },
                    width: wrap_width(a.layout.width),
                    explain: a.explain,
                    read: read_settings(a.read),
                })
            }
            Command::Normalize(a) => Config::Normalize(NormalizeConfig {
                file: a.file,
                format: a.format,
                read: read_settings(a.read),
            }),
            Command::Log(a) => {
                check_topic(&a.topic)?;
                let grep = match &a.grep {
                    None => None,
                    Some(p) => Some(
                        regex::RegexBuilder::new(p)
                            .case_insensitive(true)
                            .size_limit(1 << 20)
                            .build()
                            .map_err(|e| {
                                Error::Usage(format!(
                                    "--grep `{p}` is not a valid pattern: {}",
                                    e.to_string().lines().last().unwrap_or("").trim()
                                ))
                            })?,
                    ),
                };
                Config::Log(LogConfig {
                    format: a.format,
                    archive: archive_config(a.archive)?,
                    series: a.series,
                    topic: a.topic,
                    grep,
                    only: only_kinds(&a.only),
                    width: wrap_width(a.layout.width),
                    color: use_color(a.color),
                })
            }
            Command::Report(a) => Config::Report(ReportConfig {
                format: a.format,
                archive: archive_config(a.archive)?,
                output: a.output,
                context: a.context.context(),
            }),
            Command::Check(a) => Config::Check(CheckConfig {
                format: a.format,
                archive: archive_config(a.archive)?,
                rules: a.rules,
                color: use_color(a.color),
            }),
            Command::Add(a) => {
                let years = if a.any_year {
                    pledgediff::read::date::Years::Any
                } else {
                    pledgediff::read::date::Years::Statements
                };
                let date = match &a.date {
                    None => None,
                    Some(d) => Some(pledgediff::read::date::parse(d, years).map_err(|e| {
                        Error::Usage(format!("--date `{}` {e}", pledgediff::escape::visible(d)))
                    })?),
                };
                Config::Add(pledgediff::archive::import::AddRequest {
                    file: a.file,
                    archive: a.archive,
                    series: a.series,
                    date,
                    title: a.title,
                    source: a.source,
                    provenance: a.provenance,
                    force: a.force,
                    dry_run: a.dry_run,
                    keep_chrome: a.keep_chrome,
                    years,
                })
            }
            Command::Completions(a) => return Ok(Action::Completions(a.shell)),
            Command::Man(a) => {
                return Ok(Action::Man(ManRequest {
                    dir: a.dir,
                    command: a.command,
                }))
            }
            Command::GitDiff(a) => Config::GitDiff(GitDiffConfig {
                path: a.args[0].clone(),
                old: PathBuf::from(&a.args[1]),
                new: PathBuf::from(&a.args[4]),
                color: use_color(a.color),
                width: wrap_width(a.width),
                read: ReadSettings::default(),
            }),
            Command::Pledges(a) => {
                check_topic(&a.topic)?;
                Config::Pledges(PledgesConfig {
                    format: a.format,
                    file: a.file,
                    color: use_color(a.color),
                    topic: a.topic,
                    width: wrap_width(a.layout.width),
                    explain: a.explain,
                    read: read_settings(a.read),
                })
            }
        })))
    }
}
