//! Converts the embedded reference data (`data/*.yaml`) to JSON at build
//! time.
//!
//! Every `pledgediff diff` starts by loading the lexicon, the topics and the
//! chrome markers. Parsing them as YAML took about a millisecond per run —
//! as long as the rest of a small diff — while the same data as JSON parses
//! in a few dozen microseconds. The YAML stays the source of truth (it is
//! what people edit, and what `--lexicon` files look like); a bad edit fails
//! the build here with the file and line.
//!
//! It also stems every word of that data once, here (`stems.rs`): the
//! English stemmer takes some thousands of instructions a word, and every
//! run stemmed the lexicon's phrases and, in the statements, many of the
//! same words again. `src/lexicon.rs` looks a word up in the table before
//! it stems it, and a test checks the table against the stemmer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=build.rs");
    let mut stems = BTreeMap::new();
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    // The lexicon, topics, grammar, quantity words and genre profiles are borrowed in place
    // by src/lexicon.rs; the chrome markers are copied when read.
    for (name, borrowed) in [
        ("lexicon", true),
        ("topics", true),
        ("grammar", true),
        ("quantities", true),
        ("genres", true),
        ("chrome", false),
        ("strength", false),
    ] {
        let source = format!("data/{name}.yaml");
        println!("cargo::rerun-if-changed={source}");
        let value = convert(
            Path::new(&source),
            &out.join(format!("{name}.json")),
            borrowed,
        );
        add_stems(&value, &stemmer, &mut stems);
    }
    write_stems(&stems, &out.join("stems.rs"));
}

/// Adds the lower-case form of every word of the strings in `value`, with
/// its stem.
fn add_stems(
    value: &serde_yaml::Value,
    stemmer: &rust_stemmers::Stemmer,
    stems: &mut BTreeMap<String, String>,
) {
    match value {
        serde_yaml::Value::String(s) => {
            for word in s.split_whitespace() {
                let word = word.to_lowercase();
                let stem = stemmer.stem(&word).into_owned();
                stems.insert(word, stem);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for v in items {
                add_stems(v, stemmer, stems);
            }
        }
        serde_yaml::Value::Mapping(m) => {
            for v in m.values() {
                add_stems(v, stemmer, stems);
            }
        }
        serde_yaml::Value::Tagged(t) => add_stems(&t.value, stemmer, stems),
        _ => {}
    }
}

/// The table as Rust: the words and stems in one string, word, stem, next
/// word…, words in byte order; `STEM_WORD_AT` holds where each word starts
/// (and, last, the end), `STEM_AT` where its stem starts. Offsets, not a
/// slice of string pairs, so that the table needs no relocation when the
/// program loads, and a look-up compares words without parsing records.
fn write_stems(stems: &BTreeMap<String, String>, target: &Path) {
    let mut table = String::new();
    let (mut word_at, mut stem_at) = (Vec::new(), Vec::new());
    for (word, stem) in stems {
        word_at.push(table.len().to_string());
        table.push_str(word);
        stem_at.push(table.len().to_string());
        table.push_str(stem);
    }
    word_at.push(table.len().to_string());
    let code = format!(
        "static STEM_TABLE: &str = {table:?};\n\
         static STEM_WORD_AT: [u32; {}] = [{}];\n\
         static STEM_AT: [u32; {}] = [{}];\n",
        word_at.len(),
        word_at.join(", "),
        stem_at.len(),
        stem_at.join(", "),
    );
    std::fs::write(target, code)
        .unwrap_or_else(|e| panic!("{}: cannot write: {e}", target.display()));
}

/// Writes `source` as JSON to `target`, and returns what it holds.
fn convert(source: &Path, target: &Path, borrowed: bool) -> serde_yaml::Value {
    let text = std::fs::read_to_string(source)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", source.display()));
    let value: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not valid YAML: {e}", source.display()));
    // An empty file means "no entries", like an empty mapping.
    let value = match value {
        serde_yaml::Value::Null => serde_yaml::Value::Mapping(Default::default()),
        v => v,
    };
    let json = serde_json::to_string(&value)
        .unwrap_or_else(|e| panic!("{}: cannot be expressed as JSON: {e}", source.display()));
    // Strings borrowed straight from the JSON cannot hold escapes.
    if borrowed && json.contains('\\') {
        panic!(
            "{}: a string holds a quote, backslash or control character; \
             the embedded data must not (write it without one)",
            source.display()
        );
    }
    std::fs::write(target, json)
        .unwrap_or_else(|e| panic!("{}: cannot write: {e}", target.display()));
    value
}
