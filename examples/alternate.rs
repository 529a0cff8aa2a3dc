//! Times commands in turn, many times, and prints each one's median wall
//! time.
//!
//! hyperfine times one command after another, so a command's median comes
//! from one stretch of minutes and another's from the next. On a shared
//! machine, a median can move by a fifth in that time. Running the
//! commands in turn (A, B, C, A, B, C, …) puts every command in the same
//! minutes, so their ratio holds still even when the machine does not.
//! `scripts/bench-peers.sh` uses this for the history-pair ratio.
//!
//! ```text
//! cargo run --release --example alternate -- RUNS -- CMD [ARG…] -- CMD [ARG…] …
//! ```
//!
//! Prints one line per command, tab-separated: median, 25th and 75th
//! percentile in milliseconds, then the command. Output and exit status
//! of the timed commands are ignored (diff tools exit 1 when files
//! differ); a command that cannot be started is an error.

use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// Rounds run first and not counted: they bring the files and the
/// binaries into the page cache.
const WARMUP_ROUNDS: usize = 10;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: alternate RUNS -- CMD [ARG...] -- CMD [ARG...] ...";
    let Some(runs) = args
        .first()
        .and_then(|r| r.parse::<usize>().ok())
        .filter(|&r| r > 0)
    else {
        eprintln!("alternate: RUNS must be a whole number above 0\n{usage}");
        return ExitCode::from(2);
    };
    let commands: Vec<&[String]> = args[1..]
        .split(|a| a == "--")
        .filter(|c| !c.is_empty())
        .collect();
    if commands.is_empty() {
        eprintln!("alternate: no command given\n{usage}");
        return ExitCode::from(2);
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(runs); commands.len()];
    for round in 0..WARMUP_ROUNDS + runs {
        for (k, cmd) in commands.iter().enumerate() {
            let start = Instant::now();
            let status = Command::new(&cmd[0])
                .args(&cmd[1..])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let ms = start.elapsed().as_secs_f64() * 1e3;
            if let Err(e) = status {
                eprintln!("alternate: cannot run `{}`: {e}", cmd.join(" "));
                return ExitCode::from(2);
            }
            if round >= WARMUP_ROUNDS {
                times[k].push(ms);
            }
        }
    }
    for (cmd, t) in commands.iter().zip(&mut times) {
        t.sort_by(f64::total_cmp);
        let at = |q: f64| t[((t.len() - 1) as f64 * q).round() as usize];
        println!(
            "{:.3}\t{:.3}\t{:.3}\t{}",
            at(0.5),
            at(0.25),
            at(0.75),
            cmd.join(" ")
        );
    }
    ExitCode::SUCCESS
}
