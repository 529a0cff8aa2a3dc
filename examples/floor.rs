//! The least any semantic diff of two statements must do, timed as a whole
//! process: the floor under `pledgediff diff` for the history-pair target.
//!
//! Each level adds one piece of work on top of the one before, in the
//! cheapest form this crate's dependencies offer, with nothing else
//! (no normalizing, no alignment, no pledges, no JSON):
//!
//! - `start`: start up and exit (the process alone);
//! - `read`: read both files;
//! - `words`: split them into lower-case words and diff the two word
//!   sequences with `similar`'s Myers over interned ids — about what
//!   `git diff --word-diff` does, without git's shortcuts;
//! - `patience`: the same with `similar`'s patience diff, which anchors on
//!   words found once on each side and so does far less work on two
//!   texts that differ throughout;
//! - `stem`: `patience`, and also stem every distinct word once, as
//!   matching "commit" and "commitment" needs.
//!
//! ```text
//! cargo run --release --example floor -- LEVEL OLD NEW
//! ```
//!
//! Time it against git with `examples/alternate.rs`; docs/benchmarks.md
//! has the figures.

use std::process::ExitCode;

use rustc_hash::FxHashMap;

// The same allocator as the binary, so that start-up costs match.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [level, old, new] = args.as_slice() else {
        eprintln!("usage: floor start|read|words|patience|stem OLD NEW");
        return ExitCode::from(2);
    };
    let rank = match level.as_str() {
        "start" => 0,
        "read" => 1,
        "words" => 2,
        "patience" => 3,
        "stem" => 4,
        _ => {
            eprintln!("floor: unknown level `{level}`");
            return ExitCode::from(2);
        }
    };
    if rank == 0 {
        return ExitCode::SUCCESS;
    }
    let (Ok(a), Ok(b)) = (std::fs::read_to_string(old), std::fs::read_to_string(new)) else {
        eprintln!("floor: cannot read the files");
        return ExitCode::from(2);
    };
    if rank == 1 {
        println!("{} {}", a.len(), b.len());
        return ExitCode::SUCCESS;
    }
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let (wa, wb) = (words(&a, &mut ids), words(&b, &mut ids));
    let algorithm = if rank == 2 {
        similar::Algorithm::Myers
    } else {
        similar::Algorithm::Patience
    };
    let ops = similar::capture_diff_slices(algorithm, &wa, &wb);
    let mut stems = 0;
    if rank == 4 {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        stems = ids.keys().map(|w| stemmer.stem(w).len()).sum::<usize>();
    }
    println!(
        "{} words, {} ops, {} stem bytes",
        ids.len(),
        ops.len(),
        stems
    );
    ExitCode::SUCCESS
}

/// The text's words, lower-cased, as ids shared between the two files.
fn words(text: &str, ids: &mut FxHashMap<String, u32>) -> Vec<u32> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let next = ids.len() as u32;
            *ids.entry(w).or_insert(next)
        })
        .collect()
}
