//! The `pledgediff` binary: parse arguments, run the library, exit.

use std::process::ExitCode;

use clap::Parser;

// The pipeline allocates many small strings (tokens, terms); mimalloc is
// markedly faster at that than the system allocator. The library itself
// leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = pledgediff::cli::Cli::parse();
    let result = cli
        .into_config()
        .and_then(|config| pledgediff::run(&config));
    ExitCode::from(pledgediff::exit::status(result))
}
