//! Writes deterministic synthetic statements for benchmarks.
//!
//! ```text
//! cargo run --release --example generate -- pair OUTDIR [--paragraphs N] [--seed S] [--rate R]
//! cargo run --release --example generate -- archive OUTDIR [--statements N] [--paragraphs N] [--series N] [--seed S]
//! cargo run --release --example generate -- statement FILE [--paragraphs N] [--seed S]
//! ```
//!
//! `pair` writes OUTDIR/old.md and OUTDIR/new.md; `archive` writes
//! OUTDIR/SERIES/YYYY-MM-DD.md. The same arguments always give
//! byte-identical files.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  generate pair OUTDIR [--paragraphs N] [--seed S] [--rate R]
  generate archive OUTDIR [--statements N] [--paragraphs N] [--series N] [--seed S]
  generate statement FILE [--paragraphs N] [--seed S]";

struct Opts {
    paragraphs: usize,
    statements: usize,
    series: usize,
    seed: u64,
    rate: Option<f64>,
}

fn parse(args: &[String]) -> Result<(String, PathBuf, Opts), String> {
    let mut it = args.iter();
    let cmd = it.next().ok_or("missing command")?.clone();
    let path = PathBuf::from(it.next().ok_or("missing output path")?);
    let mut o = Opts {
        paragraphs: 0,
        statements: 100,
        series: 1,
        seed: 42,
        rate: None,
    };
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |_| format!("bad value for {flag}: {value}");
        match flag.as_str() {
            "--paragraphs" => o.paragraphs = value.parse().map_err(bad)?,
            "--statements" => o.statements = value.parse().map_err(bad)?,
            "--series" => o.series = value.parse().map_err(bad)?,
            "--seed" => o.seed = value.parse().map_err(bad)?,
            "--rate" => {
                o.rate = Some(
                    value
                        .parse()
                        .map_err(|_| format!("bad value for {flag}: {value}"))?,
                )
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok((cmd, path, o))
}

fn run(args: &[String]) -> Result<(), String> {
    let (cmd, path, o) = parse(args)?;
    let io = |e: std::io::Error| format!("{}: {e}", path.display());
    match cmd.as_str() {
        "pair" => {
            let n = if o.paragraphs == 0 { 500 } else { o.paragraphs };
            let (old, new) = match o.rate {
                None => synth::pair(o.seed, n),
                Some(rate) => {
                    let old = synth::statement(o.seed, n);
                    let new = synth::evolve(&old, o.seed ^ 0xE701, rate);
                    (old, new)
                }
            };
            std::fs::create_dir_all(&path).map_err(io)?;
            std::fs::write(path.join("old.md"), &old).map_err(io)?;
            std::fs::write(path.join("new.md"), &new).map_err(io)?;
            eprintln!(
                "wrote {} ({} paragraphs, {} bytes) and {} ({} paragraphs, {} bytes)",
                path.join("old.md").display(),
                synth::paragraphs(&old).len(),
                old.len(),
                path.join("new.md").display(),
                synth::paragraphs(&new).len(),
                new.len()
            );
        }
        "archive" => {
            let n = if o.paragraphs == 0 { 100 } else { o.paragraphs };
            let files = synth::archive(&path, o.series, o.statements, n, o.seed).map_err(io)?;
            eprintln!("wrote {} statements under {}", files.len(), path.display());
        }
        "statement" => {
            let n = if o.paragraphs == 0 { 100 } else { o.paragraphs };
            std::fs::write(&path, synth::statement(o.seed, n)).map_err(io)?;
        }
        other => return Err(format!("unknown command {other}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
