//! Times each pipeline stage of one `diff` in a fresh process.
//!
//! `cargo bench` measures stages warm, after many iterations; a command
//! line run pays for everything once, cold: the first use of each table,
//! the first touch of fresh heap, code that is not yet in the caches. This
//! prints both in one process: the first pass (what a real `pledgediff
//! diff` pays) and the last of N passes (warm), per stage, in microseconds.
//!
//! ```text
//! cargo run --release --example stages -- OLD NEW [PASSES]
//! ```
//!
//! Run it several times: the first pass of a new process is the figure
//! that matters for the history-pair target.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use pledgediff::render::{Context, DiffFormat, DiffReport, RenderOptions};
use pledgediff::{align, diff, lexicon, normalize, pledge, read, segment, Comparison};

/// How many stages [`pass`] times.
const N: usize = 9;

// The same allocator as the binary, so that cold costs match.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const STAGES: [&str; N] = [
    "lexicon",
    "read",
    "normalize",
    "segment",
    "extract",
    "align",
    "word diff",
    "classify",
    "render json",
];

/// One pass of the whole diff, the time of each stage in [`STAGES`] order.
fn pass(old: &Path, new: &Path) -> pledgediff::Result<[Duration; N]> {
    let mut times = [Duration::ZERO; N];
    let mut clock = Instant::now();
    let mut lap = |i: usize| {
        times[i] = clock.elapsed();
        clock = Instant::now();
    };
    let lex = lexicon::Lexicon::builtin();
    lap(0);
    let (d_old, d_new) = (read::read_path(old)?, read::read_path(new)?);
    lap(1);
    let opts = normalize::Options { keep_chrome: false };
    let (n_old, n_new) = (
        normalize::normalize(&d_old, opts),
        normalize::normalize(&d_new, opts),
    );
    lap(2);
    let s_old = segment::segment(&d_old, n_old, &lex);
    let s_new = segment::segment(&d_new, n_new, &lex);
    lap(3);
    let (p_old, p_new) = (pledge::extract(&s_old, &lex), pledge::extract(&s_new, &lex));
    lap(4);
    let alignment = align::align(&s_old, &s_new);
    lap(5);
    let paragraphs = diff::diff(&s_old, &s_new, &alignment);
    lap(6);
    let classified = pledge::classify(Arc::new(p_old), Arc::new(p_new), paragraphs, &lex);
    lap(7);
    let comparison = Comparison {
        old: Arc::new(s_old),
        new: Arc::new(s_new),
        classified,
    };
    let report = DiffReport {
        explain: Vec::new(),
        filtered: false,
        changes: comparison.classified.changes.iter().collect(),
        comparison: &comparison,
        options: RenderOptions {
            color: false,
            context: Context::All,
            width: None,
        },
    };
    let mut out = Vec::new();
    DiffFormat::Json
        .sink()
        .diff(&report, &mut out)
        .map_err(|e| pledgediff::Error::Write {
            path: "<memory>".into(),
            source: e,
        })?;
    lap(8);
    Ok(times)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (old, new, passes) = match args.as_slice() {
        [o, n] => (o, n, 1),
        [o, n, k] => match k.parse::<usize>() {
            Ok(k) if k > 0 => (o, n, k),
            _ => {
                eprintln!("stages: PASSES must be a whole number above 0, not `{k}`");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: stages OLD NEW [PASSES]");
            return ExitCode::from(2);
        }
    };
    let mut first = None;
    let mut last = None;
    for _ in 0..passes {
        match pass(Path::new(old), Path::new(new)) {
            Ok(t) => {
                first.get_or_insert(t);
                last = Some(t);
            }
            Err(e) => {
                eprintln!("stages: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let (first, last) = (first.unwrap_or_default(), last.unwrap_or_default());
    match print(&first, &last) {
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("stages: cannot write: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn print(first: &[Duration; N], last: &[Duration; N]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    writeln!(out, "{:<12} {:>9} {:>9}", "stage", "first µs", "last µs")?;
    for (i, name) in STAGES.iter().enumerate() {
        writeln!(out, "{name:<12} {:>9.0} {:>9.0}", us(first[i]), us(last[i]))?;
    }
    let total = |t: &[Duration; N]| us(t.iter().sum());
    writeln!(
        out,
        "{:<12} {:>9.0} {:>9.0}",
        "total",
        total(first),
        total(last)
    )
}
