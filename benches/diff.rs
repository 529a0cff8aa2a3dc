//! Per-stage and end-to-end benchmarks of `pledgediff diff`.
//!
//! Inputs: the bundled history pair (us-japan-scc 2017-08-17 → 2019-04-19,
//! read from CARGO_MANIFEST_DIR at bench time) and two synthetic pairs of
//! 500 and 2000 paragraphs a side (benches/support/synth.rs, seed 42: the
//! same files as `cargo run --release --example generate -- pair DIR
//! --paragraphs N`).
//!
//! Every stage is timed on the whole pair (old and new statement), so the
//! stage times of one input add up to roughly its `diff` time:
//!
//! | group            | what                                                |
//! |------------------|-----------------------------------------------------|
//! | `normalize`      | `normalize::normalize` of both documents            |
//! | `segment`        | `segment::segment` of both normalized documents     |
//! | `align`          | `align::align`                                      |
//! | `word_diff`      | `diff::diff` over the alignment                     |
//! | `pledge_extract` | `pledge::extract` of both statements                |
//! | `classify`       | `pledge::classify`                                  |
//! | `render`         | `json` and `text` renderers, all context            |
//! | `diff`           | bytes → `read::parse_bytes` → prepare → compare → JSON |
//!
//! Run: `CARGO_TARGET_DIR=/work/target-bench cargo bench --bench diff`
//! (add a filter such as `-- align` to run one group). Sampling is flat with
//! 10 samples, so the whole run takes a few minutes on 2 cores.

#[path = "support/synth.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, BenchmarkId, Criterion,
    SamplingMode, Throughput,
};

use pledgediff::config::ReadSettings;
use pledgediff::lexicon::Lexicon;
use pledgediff::read::{self, Document};
use pledgediff::render::{Context, DiffFormat, DiffReport, RenderOptions};
use pledgediff::{align, diff, normalize, pledge, segment};

/// Seed of the synthetic pairs (the `generate` example's default).
const SEED: u64 = 42;

struct Input {
    name: String,
    old: Vec<u8>,
    new: Vec<u8>,
}

impl Input {
    fn bytes(&self) -> u64 {
        (self.old.len() + self.new.len()) as u64
    }
}

fn inputs() -> Vec<Input> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("history/us-japan-scc");
    let read = |f: &str| {
        let p = dir.join(f);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let mut v = vec![Input {
        name: "history-us-japan-scc".into(),
        old: read("2017-08-17.md"),
        new: read("2019-04-19.md"),
    }];
    for n in [500, 2000] {
        let (old, new) = synth::pair(SEED, n);
        v.push(Input {
            name: format!("synth-{n}"),
            old: old.into_bytes(),
            new: new.into_bytes(),
        });
    }
    v
}

fn parse(name: &str, bytes: &[u8]) -> Document {
    read::parse_bytes(PathBuf::from(name), name, bytes).expect("benchmark input parses")
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

fn options() -> RenderOptions {
    RenderOptions {
        color: false,
        context: Context::All,
        width: None,
    }
}

fn benches(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let lex: &Lexicon = &lexicon;
    let settings = ReadSettings::default();
    let opts = normalize::Options::default();

    for input in inputs() {
        let id = BenchmarkId::from_parameter(&input.name);
        let tp = Throughput::Bytes(input.bytes());
        let d_old = parse("old.md", &input.old);
        let d_new = parse("new.md", &input.new);
        let n_old = normalize::normalize(&d_old, opts);
        let n_new = normalize::normalize(&d_new, opts);
        let s_old = segment::segment(&d_old, n_old.clone(), lex);
        let s_new = segment::segment(&d_new, n_new.clone(), lex);
        let alignment = align::align(&s_old, &s_new);
        let paragraphs = diff::diff(&s_old, &s_new, &alignment);
        let p_old = pledge::extract(&s_old, lex);
        let p_new = pledge::extract(&s_new, lex);
        let comparison = pledgediff::compare(s_old.clone(), s_new.clone(), lex);
        eprintln!(
            "input {}: {} + {} bytes, {} + {} paragraphs, {} + {} pledges, {} alignment entries, {} pledge changes",
            input.name,
            input.old.len(),
            input.new.len(),
            s_old.paragraphs.len(),
            s_new.paragraphs.len(),
            p_old.len(),
            p_new.len(),
            alignment.len(),
            comparison.classified.changes.len()
        );

        let mut g = group(c, "normalize");
        g.throughput(tp.clone());
        g.bench_function(id.clone(), |b| {
            b.iter(|| {
                (
                    normalize::normalize(black_box(&d_old), opts),
                    normalize::normalize(black_box(&d_new), opts),
                )
            })
        });
        g.finish();

        let mut g = group(c, "segment");
        g.throughput(tp.clone());
        g.bench_function(id.clone(), |b| {
            b.iter_batched(
                || (n_old.clone(), n_new.clone()),
                |(a, z)| {
                    (
                        segment::segment(&d_old, a, lex),
                        segment::segment(&d_new, z, lex),
                    )
                },
                BatchSize::LargeInput,
            )
        });
        g.finish();

        let mut g = group(c, "align");
        g.throughput(tp.clone());
        g.bench_function(id.clone(), |b| {
            b.iter(|| align::align(black_box(&s_old), black_box(&s_new)))
        });
        g.finish();

        let mut g = group(c, "word_diff");
        g.throughput(tp.clone());
        g.bench_function(id.clone(), |b| {
            b.iter(|| diff::diff(black_box(&s_old), black_box(&s_new), black_box(&alignment)))
        });
        g.finish();

        let mut g = group(c, "pledge_extract");
        g.throughput(tp.clone());
        g.bench_function(id.clone(), |b| {
            b.iter(|| {
                (
                    pledge::extract(black_box(&s_old), lex),
                    pledge::extract(black_box(&s_new), lex),
                )
            })
        });
        g.finish();

        let mut g = group(c, "classify");
        g.throughput(tp.clone());
        g.bench_function(id.clone(), |b| {
            b.iter_batched(
                || (p_old.clone(), p_new.clone(), paragraphs.clone()),
                |(a, z, p)| {
                    pledge::classify(std::sync::Arc::new(a), std::sync::Arc::new(z), p, lex)
                },
                BatchSize::LargeInput,
            )
        });
        g.finish();

        let mut g = group(c, "render");
        g.throughput(tp.clone());
        for (fname, format) in [("json", DiffFormat::Json), ("text", DiffFormat::Text)] {
            let r = format.sink();
            let mut buf = Vec::with_capacity(1 << 20);
            g.bench_function(BenchmarkId::new(fname, &input.name), |b| {
                b.iter(|| {
                    buf.clear();
                    let report = DiffReport {
                        explain: Vec::new(),
                        filtered: false,
                        comparison: &comparison,
                        changes: comparison.classified.changes.iter().collect(),
                        options: options(),
                    };
                    r.diff(&report, &mut buf).expect("render to memory");
                    buf.len()
                })
            });
        }
        g.finish();

        let mut g = group(c, "diff");
        g.throughput(tp.clone());
        let json = DiffFormat::Json.sink();
        g.bench_function(id.clone(), |b| {
            b.iter(|| {
                let a = parse("old.md", black_box(&input.old));
                let z = parse("new.md", black_box(&input.new));
                let a = pledgediff::prepare(&a, &settings, lex);
                let z = pledgediff::prepare(&z, &settings, lex);
                let cmp = pledgediff::compare(a, z, lex);
                let report = DiffReport {
                    explain: Vec::new(),
                    filtered: false,
                    comparison: &cmp,
                    changes: cmp.classified.changes.iter().collect(),
                    options: options(),
                };
                let mut out = Vec::new();
                json.diff(&report, &mut out).expect("render to memory");
                out.len()
            })
        });
        g.finish();
    }
    long_paragraph(c, lex);
}

/// One 60,000-word paragraph against a copy with every fiftieth word
/// replaced: term bookkeeping must stay linear in a paragraph's length
/// (comparing the two term bags was quadratic, 6.7 s for the whole diff).
fn long_paragraph(c: &mut Criterion, lex: &Lexicon) {
    let mut state = SEED;
    let mut word = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        format!("w{}x", (state >> 33) % 20_000)
    };
    let old: Vec<String> = (0..60_000).map(|_| word()).collect();
    let mut new = old.clone();
    for k in (0..new.len()).step_by(50) {
        new[k] = word();
    }
    let terms = |words: &[String]| -> Vec<segment::TermWord> {
        let s = segment::segment_text(&words.join(" "), lex);
        s.terms.into_iter().zip(s.term_words).collect()
    };
    let (a, b) = (terms(&old), terms(&new));
    let mut g = group(c, "term difference");
    g.bench_function("paragraph-60k-words", |bench| {
        bench.iter(|| {
            segment::term_difference(black_box(&a), black_box(&b))
                .0
                .len()
        })
    });
    g.finish();
}

criterion_group! {
    name = diff_benches;
    config = Criterion::default().nresamples(10_000).without_plots();
    targets = benches
}
criterion_main!(diff_benches);
