//! The `pledgediff` binary: parse arguments, run the library (through a
//! pager when a person reads the output on a terminal), exit.

mod pager;

use std::io::IsTerminal;
use std::process::ExitCode;

use pledgediff::config::Config;

// The pipeline allocates many small strings (tokens, terms); mimalloc is
// markedly faster at that than the system allocator. The library itself
// leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = pledgediff::cli::parse();
    let pages = cli.pages();
    let mut config = match cli.into_config() {
        Ok(c) => c,
        Err(e) => return ExitCode::from(pledgediff::exit::status(Err(e))),
    };
    let choice = pager::choose(
        pages,
        std::io::stdout().is_terminal(),
        std::env::var_os("PAGER").as_deref(),
    );
    let result = match choice {
        None => pledgediff::run(&config),
        Some(choice) => {
            // A progress bar on the terminal would scribble over the pager.
            match &mut config {
                Config::Log(c) => c.archive.progress = false,
                Config::Report(c) => c.archive.progress = false,
                Config::Check(c) => c.archive.progress = false,
                _ => {}
            }
            let mut pager = pager::Pager::new(choice);
            let result = pledgediff::run_into(&config, &mut pager);
            // The status is the run's, whatever the pager's.
            pager.finish();
            result
        }
    };
    ExitCode::from(pledgediff::exit::status(result))
}
