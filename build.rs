//! Converts the embedded reference data (`data/*.yaml`) to JSON at build
//! time.
//!
//! Every `pledgediff diff` starts by loading the lexicon, the topics and the
//! chrome markers. Parsing them as YAML took about a millisecond per run —
//! as long as the rest of a small diff — while the same data as JSON parses
//! in a few dozen microseconds. The YAML stays the source of truth (it is
//! what people edit, and what `--lexicon` files look like); a bad edit fails
//! the build here with the file and line.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=build.rs");
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
        convert(
            Path::new(&source),
            &out.join(format!("{name}.json")),
            borrowed,
        );
    }
}

fn convert(source: &Path, target: &Path, borrowed: bool) {
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
}
