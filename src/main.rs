//! The `pledgediff` binary: parse arguments, run the library (through a
//! pager when a person reads the output on a terminal, with a progress bar
//! on standard error when it is one), exit. Everything that only a program
//! on a terminal needs lives under `cli/`, outside the library.

mod cli;

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use cli::{help, pager, progress, Action};
use pledgediff::{NoProgress, Outcome, Progress, Result};

// The pipeline allocates many small strings (tokens, terms); mimalloc is
// markedly faster at that than the system allocator. The library itself
// leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::parse();
    let pages = cli.pages();
    let action = match cli.into_action() {
        Ok(a) => a,
        Err(e) => return ExitCode::from(pledgediff::exit::status(Err(e))),
    };
    let result = match action {
        Action::Completions(shell) => to_stdout(|out| {
            help::completions(shell, out);
            Ok(Outcome::Clean)
        }),
        Action::Man(m) => to_stdout(|out| help::man(&m, out).map(|()| Outcome::Clean)),
        Action::Run(config) => run(&config, pages),
    };
    ExitCode::from(pledgediff::exit::status(result))
}

/// Runs a library command, through the pager when one is chosen.
fn run(config: &pledgediff::config::Config, pages: bool) -> Result<Outcome> {
    let choice = pager::choose(
        pages,
        std::io::stdout().is_terminal(),
        std::env::var_os("PAGER").as_deref(),
    );
    match choice {
        None => {
            let bar = progress::Bar::default();
            let progress: &dyn Progress = if std::io::stderr().is_terminal() {
                &bar
            } else {
                &NoProgress
            };
            pledgediff::run_into(config, &mut std::io::stdout().lock(), progress)
        }
        Some(choice) => {
            // A progress bar on the terminal would scribble over the pager.
            let mut pager = pager::Pager::new(choice);
            let result = pledgediff::run_into(config, &mut pager, &NoProgress);
            // The status is the run's, whatever the pager's.
            pager.finish();
            result
        }
    }
}

/// Writes what `f` prints to standard output through a buffer; a reader
/// that stops early (`| head`) is no error.
fn to_stdout(f: impl FnOnce(&mut dyn Write) -> Result<Outcome>) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let mut out = BufWriter::new(&mut lock as &mut dyn Write);
    let outcome = f(&mut out)?;
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(outcome),
        r => r.map(|()| outcome).map_err(help::write_error),
    }
}
