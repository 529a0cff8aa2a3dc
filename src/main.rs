//! The `pledgediff` binary: parse arguments, run the library, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = pledgediff::cli::Cli::parse();
    let result = cli
        .into_config()
        .and_then(|config| pledgediff::run(&config));
    ExitCode::from(pledgediff::exit::status(result))
}
